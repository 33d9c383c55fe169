"""Backups of a hall: a sealed file with its database and complaints key, and restoring one."""
