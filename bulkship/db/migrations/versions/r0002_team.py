"""The team's tables: people (``team_users``), signed-in sessions, team settings, approvals (requests and
decisions, the approver never the requester: a CHECK and a composite foreign key) and the audit trail; the
trail and the approvals are append-only (triggers refuse UPDATE and DELETE, and TRUNCATE on PostgreSQL).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen here on purpose: a migration describes the schema of its own revision, not today's model.
metadata = sa.MetaData()
_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

sa.Table(
    "team_users",
    metadata,
    sa.Column("id", _id, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("roles", sa.Text, nullable=False),
    sa.Column("spend_limit", sa.Text),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", sa.Text),
    sa.Column("created", sa.Text, nullable=False),
    sa.Column("password_changed", sa.Text, nullable=False),
    sqlite_autoincrement=True,
)
sa.Table(
    "team_sessions",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    sa.Column("user_id", _id, sa.ForeignKey("team_users.id"), nullable=False),
    sa.Column("created", sa.Text, nullable=False),
    sa.Column("last_seen", sa.Text, nullable=False),
    sa.Column("address", sa.Text, nullable=False, server_default=""),
    sa.Column("ended", sa.Text),
)
sa.Table(
    "team_settings",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated", sa.Text, nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
)
sa.Table(
    "approval_requests",
    metadata,
    sa.Column("id", _id, primary_key=True, autoincrement=True),
    sa.Column("batch", sa.Text, nullable=False, index=True),
    sa.Column("requested_by", sa.Text, nullable=False),
    sa.Column("requested_at", sa.Text, nullable=False),
    sa.Column("total", sa.Text, nullable=False),
    sa.Column("plan_print", sa.Text, nullable=False),
    sa.Column("order_prints", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.UniqueConstraint("id", "requested_by", name="approval_requests_id_by"),
    sqlite_autoincrement=True,
)
sa.Table(
    "approval_decisions",
    metadata,
    sa.Column("id", _id, primary_key=True, autoincrement=True),
    sa.Column("request_id", _id, nullable=False, unique=True),
    sa.Column("requested_by", sa.Text, nullable=False),
    sa.Column("decided_by", sa.Text, nullable=False),
    sa.Column("decision", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("decided_at", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(
        ["request_id", "requested_by"],
        ["approval_requests.id", "approval_requests.requested_by"],
        name="approval_decisions_request",
    ),
    sa.CheckConstraint("decided_by <> requested_by", name="approver_is_not_preparer"),
    sa.CheckConstraint("decision IN ('approved', 'rejected')", name="decision_known"),
    sa.CheckConstraint("decision = 'approved' OR length(trim(reason)) > 0", name="rejection_has_reason"),
    sqlite_autoincrement=True,
)
sa.Table(
    "audit_trail",
    metadata,
    sa.Column("id", _id, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("address", sa.Text, nullable=False, server_default=""),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("batch", sa.Text),
    sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
    sa.Index("audit_trail_by_batch", "batch", "id"),
    sa.Index("audit_trail_by_time", "at"),
    sqlite_autoincrement=True,
)

APPEND_ONLY = ("audit_trail", "approval_requests", "approval_decisions")


def _append_only(dialect: str, table: str) -> list[str]:
    if dialect == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION bulkship_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only'; END $$",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bulkship_append_only()",
        ]
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def upgrade() -> None:
    bind = op.get_bind()
    metadata.create_all(bind)
    for table in APPEND_ONLY:
        for statement in _append_only(bind.dialect.name, table):
            bind.exec_driver_sql(statement)


def downgrade() -> None:
    raise NotImplementedError("The audit trail and the approvals are kept: they are never dropped")
