"""A request for approval withdrawn by the person who asked (``approval_withdrawals``), before any approver
decided it. A requester who saw she had asked about the wrong list could only wait for an approver's
rejection: Delete is refused while the request can be approved, and an approver could still approve it
(found by hunter-web19, LO3). Append-only, as the approvals are.

A request is withdrawn or decided, never both: a trigger on each table refuses the insert when the other
holds the request. On PostgreSQL the trigger first takes a transaction-scoped advisory lock on the request,
so that a withdrawal and an approval committed at the same moment see each other (READ COMMITTED: the
second one's check reads what the first committed); SQLite takes its write lock at BEGIN. Only the person
who asked withdraws (a CHECK: the name, or the command line's ``cli:<name>`` that asked).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLE = "approval_withdrawals"
_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# pg_advisory_xact_lock(int, int)'s first key: "bulk"; the second, the request's id (kept apart from the
# one-bigint keys of the batch and upgrade locks)
LOCK_CLASS = 0x62756C6B

_REFUSED_SQLITE = (
    "CREATE TRIGGER {table}_exclusive BEFORE INSERT ON {table} "
    "WHEN EXISTS (SELECT 1 FROM {other} WHERE request_id = NEW.request_id) "
    "BEGIN SELECT RAISE(ABORT, 'approval request {said}'); END"
)


def _statements(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bulkship_append_only()",
            "CREATE OR REPLACE FUNCTION bulkship_approval_once() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            f"PERFORM pg_advisory_xact_lock({LOCK_CLASS}, mod(NEW.request_id, 2147483647)::integer); "
            "IF TG_TABLE_NAME = 'approval_decisions' AND EXISTS "
            f"(SELECT 1 FROM {TABLE} WHERE request_id = NEW.request_id) THEN "
            "RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', "
            "MESSAGE = 'approval request ' || NEW.request_id || ' was withdrawn'; "
            f"ELSIF TG_TABLE_NAME = '{TABLE}' AND EXISTS "
            "(SELECT 1 FROM approval_decisions WHERE request_id = NEW.request_id) THEN "
            "RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', "
            "MESSAGE = 'approval request ' || NEW.request_id || ' was decided'; "
            "END IF; RETURN NEW; END $$",
            *(
                f"CREATE TRIGGER {table}_once BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION bulkship_approval_once()"
                for table in (TABLE, "approval_decisions")
            ),
        ]
    return [
        *(
            f"CREATE TRIGGER {TABLE}_no_{verb.lower()} BEFORE {verb} ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END"
            for verb in ("UPDATE", "DELETE")
        ),
        _REFUSED_SQLITE.format(table=TABLE, other="approval_decisions", said="was decided"),
        _REFUSED_SQLITE.format(table="approval_decisions", other=TABLE, said="was withdrawn"),
    ]


def upgrade() -> None:
    bind = op.get_bind()
    if TABLE in sa.inspect(bind).get_table_names():
        return
    op.create_table(
        TABLE,
        sa.Column("id", _id, primary_key=True, autoincrement=True),
        sa.Column("request_id", _id, nullable=False, unique=True),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("withdrawn_by", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("withdrawn_at", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id", "requested_by"],
            ["approval_requests.id", "approval_requests.requested_by"],
            name="approval_withdrawals_request",
        ),
        sa.CheckConstraint(
            "withdrawn_by = requested_by OR requested_by = 'cli:' || withdrawn_by",
            name="withdrawn_by_the_requester",
        ),
        sqlite_autoincrement=True,
    )
    for statement in _statements(bind.dialect.name):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    raise NotImplementedError("The approvals are kept: they are never dropped")
