"""Building blocks with no hall rule in them, shared by the hall and the central service.

The database engine and its schema upgrades, stored moments and constraint names, the
Alembic environment: the same choices on both sides, written once. Nothing here imports
the rest of ``kiosk``, so the centre may use it while importing no hall code.
"""
