"""The card a held row's person has already (``held_cards``): a row held because another batch made the very
card (same recipient, address, card and value) names that batch's row, so that the batch's state is judged
from that card as it is now. It was read from the held row's message text ('This person has this card
already'): judged when held, it still read 'sent' once the other card failed at the vendor, and rewording the
message would have made every older ledger's such rows 'needs attention' (the lead's leftover 5 of session
48, by hunter-vendor38).

``card_batch``/``card_fingerprint``: the other batch's row holding the card (NULL when the ledger holds no row
of that line: an order taken in from elsewhere); ``po_number``: the order it was on when held. Rows held so
before this revision are read from their message once, here.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLE = "held_cards"
# the words as bulkship wrote them up to this revision (frozen: a later rewording reads no older ledger)
_SAID = "This person has this card already: nothing to do."
_WHERE = re.compile(r"\((?:row (\d+), )?PO (.+?), \d{4}-\d\d-\d\d\), within the last \d+ days\. " + _SAID)


def upgrade() -> None:
    bind = op.get_bind()
    if TABLE in sa.inspect(bind).get_table_names():
        return
    op.create_table(
        TABLE,
        sa.Column("batch", sa.Text, primary_key=True),
        sa.Column("fingerprint", sa.Text, primary_key=True),
        sa.Column("card_batch", sa.Text),
        sa.Column("card_fingerprint", sa.Text),
        sa.Column("po_number", sa.Text, nullable=False),
        sa.Index("held_cards_by_card", "card_batch", "card_fingerprint"),
    )
    held = bind.execute(
        sa.text("SELECT batch, fingerprint, error FROM rows WHERE status = 'held' AND error LIKE :said"),
        {"said": f"%{_SAID}%"},
    ).all()
    values = [v for v in (_card_of(bind, *row) for row in held) if v is not None]
    if values:
        bind.execute(
            sa.text(
                f"INSERT INTO {TABLE}(batch, fingerprint, card_batch, card_fingerprint, po_number)"
                " VALUES (:batch, :fingerprint, :card_batch, :card_fingerprint, :po_number)"
            ),
            values,
        )


def _card_of(bind: sa.Connection, batch: str, fingerprint: str, error: str) -> dict[str, object] | None:
    """The held row's card as its message names it: the order's PO, and its row (by the row's number on that
    order; the order's only row when no number was said)."""
    found = _WHERE.search(error or "")
    if found is None:
        return None
    number, po = found.group(1), found.group(2)
    rows = bind.execute(
        sa.text("SELECT batch, fingerprint, row FROM rows WHERE po_number = :po AND line_index IS NOT NULL"),
        {"po": po},
    ).all()
    mine = [r for r in rows if number is not None and r[2] == int(number)] or (rows if len(rows) == 1 else [])
    card = mine[0] if len(mine) == 1 else None
    return {
        "batch": batch,
        "fingerprint": fingerprint,
        "card_batch": card[0] if card else None,
        "card_fingerprint": card[1] if card else None,
        "po_number": po,
    }


def downgrade() -> None:
    op.drop_table(TABLE)
