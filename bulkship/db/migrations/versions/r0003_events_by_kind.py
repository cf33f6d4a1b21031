"""An index on the events' kind: the web page reads its own events (and each batch's ``batch_created``) by
kind instead of every event of a batch (a large batch logs several per order).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEX = "events_by_kind"


def upgrade() -> None:
    bind = op.get_bind()
    if INDEX not in {index["name"] for index in sa.inspect(bind).get_indexes("events")}:
        op.create_index(INDEX, "events", ["kind", "batch", "id"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="events")
