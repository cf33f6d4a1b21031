"""What a run does with repeats (:class:`RepeatPolicy`: allowed on purpose, or held within a window), the
words and limits every check shares, and batch names compared as people mean them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .. import defaults

DEFAULT_WINDOW_DAYS = defaults.REPEAT_WINDOW_DAYS
SAME_ROWS_SHARE = 0.5  # a new batch this much made of another batch's rows is that batch again: refused
ALLOW_FLAG = "--allow-repeat"
# what the flag sends besides the cards a refusal names: every held repeat at once (offered bare beside 'dec's
# 3 rows', it sent 'nov''s row a second card too: hunter-vendor41's leftover 2). No ';': the web page drops
# the flag's clause whole (web.pagewords.page_hint)
ALSO_SENT = (
    "(it also sends every other row of the list that repeats a card already ordered, in any batch, a "
    "second card each)"
)
# ... said where the cards named were planned, not sent ('already ordered' was read as sent: review18)
ALSO_SENT_PLANNED = ALSO_SENT.replace("already ordered", "already planned or ordered")
HELD = "held"
_HELD_PREFIX = "Held, not sent: "
_SENT_STATES = ("sending", "unknown", "created", "review")  # the vendor holds the order, or may
_COUNTED_STATES = ("planned", *_SENT_STATES)  # another batch's orders a run is compared with
_SHOWN = 8
_DOWNLOAD_SUFFIX = re.compile(r"\s*\(\d{1,3}\)$")  # "gifts (1)": a browser's second download of gifts
_NOT_WORD = re.compile(r"[\W_]+")
_NOT_DIGIT = re.compile(r"\D")


@dataclass(frozen=True)
class RepeatPolicy:
    """How a run treats repeats: ``allow`` (``--allow-repeat``) sends them on purpose; ``window_days``
    (``--repeat-window``, the program file's ``repeat_window_days``) is how far back rows are compared;
    ``today`` is the day the window ends (the run's date); ``own_name``: the person named the batch (it was
    not taken from the file's name), so a file mostly made of another batch's rows is meant as a batch of
    its own: those rows are held one by one, not the whole file refused as that batch again;
    ``references_people``: the file's reference column names a person ("Employee ID"), not what several
    people share ("Customer ID": two contacts of one account are two people); ``unread``: other batches'
    orders whose failed cards could not be read again at the vendor (``track.recheck.recheck_other_batches``):
    counted as cards, as the vendor may have made them since; ``chosen``: the held rows a person picked to
    send anyway (``allow`` for those rows alone); ``keep``: the options the person ran with that
    decide what is read and what may be spent (``--sheet``, ``--config``, ``--max-total``, ...), given again
    in every command a refusal offers (found by review18: `--batch B1` offered without the person's
    --max-total sent past it); ``shown_as``: the file as those commands name it (as typed: ``as_typed``)."""

    allow: bool = False
    window_days: int = DEFAULT_WINDOW_DAYS
    today: date | None = None
    own_name: bool = False
    references_people: bool = True
    unread: frozenset[str] = frozenset()
    keep: tuple[str, ...] = ()
    shown_as: str = ""
    # the held rows (by fingerprint) a person chose to send anyway, one by one (the web page's held rows:
    # another person of the same name, a card meant again): released as ``allow`` releases every one
    chosen: frozenset[str] = frozenset()

    @property
    def since(self) -> str:
        """The first day of the window, as the ledger's ISO times start (compares as text)."""
        return ((self.today or date.today()) - timedelta(days=max(0, self.window_days))).isoformat()


def fold_name(name: str) -> str:
    """A batch name as compared with the others: no download suffix, case, spacing or punctuation."""
    text = _DOWNLOAD_SUFFIX.sub("", name.strip())
    return _NOT_WORD.sub("-", text.casefold()).strip("-")
