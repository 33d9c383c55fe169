"""Synchronising a hall with the central records service: the wire contract both sides import."""
