"""Migration scripts of the central database, applied in order by Alembic."""
