"""The team's tables, in the same database as the ledger (SQLite file or PostgreSQL), as SQLAlchemy Core
(created by the Alembic revision ``bulkship/db/migrations/versions/r0002_team.py``; this is the model the
queries use, kept the same as that revision).

* ``team_users``: one row per person (login name, argon2 hash, roles, spend limit, lockout counters).
* ``team_sessions``: signed-in browsers; the cookie carries a random token, the table only its SHA-256.
* ``team_settings``: the team's settings (the approval threshold), each change also in the audit trail.
* ``team_sign_in_misses``: wrong passwords for names nobody has, counted and locked as ``team_users``' are
  (revision 0004), keyed by a hash of the name keyed with the ledger's ``sign_in_key`` setting.
* ``approval_requests`` / ``approval_decisions``: maker-checker. A decision copies the request's
  ``requested_by`` under a composite foreign key (so the copy cannot lie) and a CHECK refuses a decision
  by the person who asked: the rule holds in the database, whatever code writes the row. A request is
  decided once (UNIQUE ``request_id``); a rejection must carry a reason.
* ``approval_people``: who a decision was about (revision 0005), so that a rejection holds for its people
  in any batch of the team (:mod:`bulkship.team.approvals.people`).
* ``approval_withdrawals``: a request its requester withdrew before an approver decided it (revision 0006).
* ``audit_trail``: who, when, from where, what.

The audit trail and the approvals are append-only: database triggers refuse UPDATE and DELETE on them.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
# SQLite's INTEGER PRIMARY KEY is the rowid; BIGINT identity on PostgreSQL
_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

users = sa.Table(
    "team_users",
    metadata,
    sa.Column("id", _id, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("roles", sa.Text, nullable=False),  # comma-separated, sorted: "approver,requester"
    sa.Column("spend_limit", sa.Text),  # money as text; NULL: only the team threshold applies
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", sa.Text),  # ISO UTC; NULL: not locked
    sa.Column("created", sa.Text, nullable=False),
    sa.Column("password_changed", sa.Text, nullable=False),
)

sessions = sa.Table(
    "team_sessions",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    sa.Column("user_id", _id, sa.ForeignKey("team_users.id"), nullable=False),
    sa.Column("created", sa.Text, nullable=False),
    sa.Column("last_seen", sa.Text, nullable=False),
    sa.Column("address", sa.Text, nullable=False, server_default=""),
    sa.Column("ended", sa.Text),  # ISO UTC: signed out, timed out, password changed, account disabled
)

team_settings = sa.Table(
    "team_settings",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated", sa.Text, nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
)

sign_in_misses = sa.Table(
    "team_sign_in_misses",
    metadata,
    sa.Column("name_key", sa.Text, primary_key=True),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", sa.Text),  # ISO UTC; NULL: not locked
)

approval_requests = sa.Table(
    "approval_requests",
    metadata,
    sa.Column("id", _id, primary_key=True, autoincrement=True),
    sa.Column("batch", sa.Text, nullable=False, index=True),
    sa.Column("requested_by", sa.Text, nullable=False),
    sa.Column("requested_at", sa.Text, nullable=False),
    sa.Column("total", sa.Text, nullable=False),  # the most the approved plan may spend
    sa.Column("plan_print", sa.Text, nullable=False),  # SHA-256 over the orders' prints, for display
    sa.Column("order_prints", sa.Text, nullable=False),  # JSON list: SHA-256 of each order to send
    sa.Column("reason", sa.Text, nullable=False, server_default=""),  # why it needs approval
    sa.UniqueConstraint("id", "requested_by", name="approval_requests_id_by"),
)

approval_decisions = sa.Table(
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
)

audit_trail = sa.Table(
    "audit_trail",
    metadata,
    sa.Column("id", _id, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Text, nullable=False),  # ISO UTC, seconds
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("address", sa.Text, nullable=False, server_default=""),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("batch", sa.Text),
    sa.Column("detail", sa.Text, nullable=False, server_default="{}"),  # JSON object
    sa.Index("audit_trail_by_batch", "batch", "id"),
    sa.Index("audit_trail_by_time", "at"),
)


# Who a decision was about (revision 0005): a rejection, every recipient of its plan; an approval, those of
# its plan an earlier rejection named (:mod:`bulkship.team.approvals.people`). Append-only too.
approval_people = sa.Table(
    "approval_people",
    metadata,
    sa.Column("id", _id, primary_key=True, autoincrement=True),
    sa.Column("request_id", _id, sa.ForeignKey("approval_requests.id"), nullable=False),
    sa.Column("person", sa.Text, nullable=False),  # a hash of the recipient's name, street and ZIP, folded
    sa.Column("shown", sa.Text, nullable=False, server_default=""),  # name and street as the plan had them
    sa.Index("approval_people_by_person", "person", "request_id"),
)

# A request withdrawn by the person who asked, before an approver decided it (revision 0006): a request is
# withdrawn or decided, never both (a trigger on each table refuses the other; on PostgreSQL under the
# request's advisory lock), and only its requester (or cli:<name> that asked, as <name>) withdraws it.
approval_withdrawals = sa.Table(
    "approval_withdrawals",
    metadata,
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
)

# Append-only from the application's side: triggers (revisions 0002, 0005, 0006) refuse to change or
# remove a line.
APPEND_ONLY = (
    "audit_trail",
    "approval_requests",
    "approval_decisions",
    "approval_people",
    "approval_withdrawals",
)
