"""Alembic migrations of the central database (a tree of its own, apart from the hall's).

``SCHEMA_HEAD`` names the newest revision, so that a start on a current database needs no
Alembic at all; a test checks it against Alembic's own head.
"""

SCHEMA_HEAD = "0003"
