"""Wrong passwords for names nobody has, counted in the database as an account's are (``team_users``), so
that every server sharing the ledger, and a restarted one, locks a made-up name as it locks an account: a
lockout never tells which names have accounts. A name is kept only as a keyed hash (what was typed there may
be a password).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLE = "team_sign_in_misses"


def upgrade() -> None:
    if TABLE in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        TABLE,
        sa.Column("name_key", sa.Text, primary_key=True),
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.Text),
    )


def downgrade() -> None:
    op.drop_table(TABLE)
