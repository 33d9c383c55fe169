"""Database objects the model comparison must leave alone: the postings' full-text index.

Migration 0003 builds it in each dialect's own way (an FTS5 table and its shadow tables
on SQLite; a generated tsvector column and its GIN index on PostgreSQL), so no model
describes it. ``include_name`` keeps autogenerate, and the test that the migrations
match the models, from proposing to drop it.
"""

SEARCH_INDEX_TABLE = "postings_fts"
SEARCH_INDEX = "ix_postings_search"
SEARCH_VECTOR = "search_vector"


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's ``include_name`` hook: False for the full-text index's own objects."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_INDEX_TABLE)
    if type_ == "index":
        return name != SEARCH_INDEX
    if type_ == "column":
        return name != SEARCH_VECTOR
    return True
