"""Who each approval decision was about (``approval_people``): a rejection keeps every recipient of the plan
it rejected, an approval those of its plan an earlier rejection named. A rejected list deleted and uploaded
again under another name, cut below its requester's limit, went out with no approver seeing it (found by
hunter-web15; the lead's decision: a rejection holds for its people, not only its batch). Append-only, as the
approvals are.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLE = "approval_people"
_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _append_only(dialect: str) -> list[str]:
    """As revision 0002's triggers on the approvals (its function is there already on PostgreSQL)."""
    if dialect == "postgresql":
        return [
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bulkship_append_only()"
        ]
    return [
        f"CREATE TRIGGER {TABLE}_no_{verb.lower()} BEFORE {verb} ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def upgrade() -> None:
    bind = op.get_bind()
    if TABLE in sa.inspect(bind).get_table_names():
        return
    op.create_table(
        TABLE,
        sa.Column("id", _id, primary_key=True, autoincrement=True),
        sa.Column("request_id", _id, sa.ForeignKey("approval_requests.id"), nullable=False),
        sa.Column("person", sa.Text, nullable=False),
        sa.Column("shown", sa.Text, nullable=False, server_default=""),
        sqlite_autoincrement=True,
    )
    op.create_index("approval_people_by_person", TABLE, ["person", "request_id"])
    for statement in _append_only(bind.dialect.name):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    raise NotImplementedError("The approvals are kept: they are never dropped")
