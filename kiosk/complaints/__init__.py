"""Complaints (pengaduan): the Qt-free wizard, encrypted storage, staff use cases and receipt."""
