"""The ledger's tables as bulkship 0.1 created them (``meta``, ``batches`` with ``api``, ``rows``, ``orders``,
``events`` and their indexes).

A ledger written before migrations existed already has some or all of them: what is there is kept as it is
(every row stays), what is missing is created, and the one column added since (``batches.api``) is added when
absent. A new database gets everything. Either way Alembic then records revision 0001.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA_VERSION = "1"  # meta.schema_version, as bulkship 0.1 wrote it

# Frozen here on purpose: a migration describes the schema of its own revision, not today's model.
metadata = sa.MetaData()
# SQLite's INTEGER PRIMARY KEY is the rowid (AUTOINCREMENT: never reused); BIGSERIAL on PostgreSQL
event_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
batches = sa.Table(
    "batches",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_hash", sa.Text, nullable=False),
    sa.Column("po_prefix", sa.Text, nullable=False),
    sa.Column("created", sa.Text, nullable=False),
    sa.Column("updated", sa.Text, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("valid", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("invalid", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("output", sa.Text),
    sa.Column("api", sa.Text),
)
rows = sa.Table(
    "rows",
    metadata,
    sa.Column("batch", sa.Text, sa.ForeignKey("batches.name"), primary_key=True),
    sa.Column("fingerprint", sa.Text, primary_key=True),
    sa.Column("row", sa.Integer, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("po_number", sa.Text),
    sa.Column("line_index", sa.Integer),
    sa.Column("external_id", sa.Text),
    sa.Column("line_item_id", sa.Text),
    sa.Column("cost", sa.Text),
    sa.Column("error", sa.Text),
    sa.Column("line_status", sa.Text),
    sa.Column("carrier", sa.Text),
    sa.Column("tracking_number", sa.Text),
    sa.Column("tracking_url", sa.Text),
    sa.Column("shipped_date", sa.Text),
    sa.Column("delivered_date", sa.Text),
    sa.Column("updated", sa.Text, nullable=False),
    sa.Column("current", sa.Integer, nullable=False, server_default=sa.text("1")),
    sa.Index("rows_by_po", "po_number", "line_index"),
    sa.Index("rows_by_batch_row", "batch", "row"),
)
orders = sa.Table(
    "orders",
    metadata,
    sa.Column("po_number", sa.Text, primary_key=True),
    sa.Column("batch", sa.Text, sa.ForeignKey("batches.name"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("base_po", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("vendor_order_id", sa.Text),
    sa.Column("status", sa.Text),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("cost", sa.Text, nullable=False),
    sa.Column("lines", sa.Integer, nullable=False),
    sa.Column("error", sa.Text),
    sa.Column("created", sa.Text, nullable=False),
    sa.Column("updated", sa.Text, nullable=False),
    sa.Index("orders_by_batch_state", "batch", "state"),
    sa.Index("orders_by_vendor_id", "vendor_order_id"),
    sa.Index("orders_by_base", "base_po"),
)
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", event_id, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("batch", sa.Text),
    sa.Column("po_number", sa.Text),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("detail", sa.Text),
    sa.Index("events_by_po", "po_number"),
    sa.Index("events_by_batch", "batch", "id"),
    sqlite_autoincrement=True,
)


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    existing = set(inspector.get_table_names())
    for table in metadata.sorted_tables:
        if table.name not in existing:
            table.create(bind)  # with its indexes
            continue
        # a pre-migration ledger: keep the table and its rows, add what an older bulkship did not create
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in columns:
                op.add_column(table.name, sa.Column(column.name, column.type, nullable=column.nullable))
        indexes = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in indexes:
                index.create(bind)
    bind.execute(
        sa.insert(meta).from_select(
            ["key", "value"],
            sa.select(sa.literal("schema_version"), sa.literal(SCHEMA_VERSION)).where(
                ~sa.exists().where(meta.c.key == "schema_version")
            ),
        )
    )


def downgrade() -> None:
    raise NotImplementedError("The ledger's tables hold every order ever sent: they are never dropped")
