"""Alembic migrations of the hall database.

``SCHEMA_HEAD`` names the newest revision, so that a start-up on a current database
needs no Alembic at all; a test checks it against Alembic's own head.
"""

SCHEMA_HEAD = "0013"
