"""complaints.destination_country in upper case (TW), as the jobs feed and kiosk.vocab write it

Complaints kept the destination as a lower-case ISO code (``tw``) and ``other``; the one
country vocabulary is upper case. The codes are a clear column (not inside the sealed
fields), so the rows are rewritten here; ``other`` stays as it is. Nothing else changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE complaints SET destination_country = UPPER(destination_country)"
        " WHERE destination_country <> 'other'"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE complaints SET destination_country = LOWER(destination_country)"
        " WHERE destination_country <> 'other'"
    )
