"""The command line's words said as a page's reader can follow them: a refusal's hint (:func:`page_hint`), a
notice about the file (:func:`page_note`) and a row's status or a run's end (:func:`page_words`): the page's
reader has no terminal, and does from the page what the command line's flags and commands do."""

from __future__ import annotations

import re

from ..repeats.policy import ALLOW_FLAG
from .batchledger import PLANNED_THERE

# A refusal's hint is written for the command line; the page's reader has no terminal. What each flag does,
# said as this page can do it (the sheet picker and the Columns page cover --sheet and [columns]).
_PAGE_HINTS = (
    (
        "--encoding",
        "The file's characters were saved in an encoding bulkship cannot be sure of. Open it in Excel and "
        'save it again as "CSV UTF-8 (Comma delimited)" or as an Excel workbook (.xlsx); upload that file.',
    ),
    (  # no header row bulkship knows: the Columns page cannot open on a list it cannot read (the page said
        # '--config', '[columns]' and '`bulkship template`' to someone with no terminal: hunter-web28)
        "map them in a program file (--config)",
        "Name the columns in your file's header row as bulkship knows them (such as Name, Address, City, "
        "State, ZIP Code, Product, Value), then upload it again: once the header row is found, any column "
        "named otherwise can be chosen on the Columns page.",
    ),
    (
        "--include-hidden",
        "Hidden rows are not sent. To send them, unhide them in the spreadsheet and upload it again.",
    ),
    (
        ALLOW_FLAG,
        "This page does not send a card again on purpose: ask whoever runs bulkship on the command line.",
    ),
    (  # a run refused for want of an approval (a team's page): the command line re-runs once approved,
        # while on the page the approval itself sends it (hunter-web6: "then run the same command again")
        "bulkship users add NAME --role approver",
        "An admin adds an approver on People, or raises the approval threshold there; then send the batch "
        "again from its cost page.",
    ),
    (
        "(Approvals); then run the same command again",
        "An approver approves it on Approvals, and the approval sends it: nothing more to do here.",
    ),
    (  # the results folder holds this batch's workbook as another ledger wrote it: the run refused, naming
        # both ledgers' paths and --out (found by hunter-web18): the server's folders, a flag the page lacks
        "was written from another ledger (",
        "The batch's result workbook in this server's results folder was written by bulkship with another "
        "ledger: sending would write over it, and what it says of that ledger's orders would be lost.",
    ),
    (
        "pass --out with another folder",
        "Ask whoever runs this bulkship server to move that workbook out of its results folder (it holds "
        "that ledger's PO numbers and order ids), then send the batch again from its cost page.",
    ),
    (  # a run refused for costing more than the total confirmed on the cost page (hunter-web, W10)
        "--max-total",
        "The cost of this batch changed since you confirmed it (its rows, the prices or other batches "
        "changed): open its cost page, check the new total and send it from there.",
    ),
)


# "Re-run the same command": the command line's way on (a run resumes, asks again, sends what is left); the
# page's reader has no command, and does the same from the batch's cost page
_RERUN = (
    # a card the vendor failed: the Results page's own button sends it (its row said 'Send the batch again
    # from its cost page' beside 'Send the 2 row(s) the vendor failed again': found by hunter-web29)
    (
        re.compile(r"\bRe-run the same command to send it again under a new PO number\b"),
        "Send it again under a new PO number with the button for the rows the vendor failed, at the top of "
        "the batch's Results page",
    ),
    (re.compile(r"\bRe-running the same command\b"), "Sending the batch again from its cost page"),
    (re.compile(r"\bre-running the same command\b"), "sending the batch again from its cost page"),
    (re.compile(r"\bRe-run the same command\b"), "Send the batch again from its cost page"),
    (re.compile(r"\bre-run the same command\b"), "send the batch again from its cost page"),
    (re.compile(r"\bre-run the same `bulkship run` command\b"), "send the batch again from its cost page"),
    (re.compile(r"\bthen run the same command again\b"), "then send the batch again from its cost page"),
    # what a release of rows waiting for review leaves to the next send (found by hunter-web16: the page's
    # confirmation read "the next `bulkship run` plans them in a new order")
    (re.compile(r"\bthe next `bulkship run`"), "the batch's next Send from its cost page"),
    # a duplicate's way on: the page cannot add a column (found by newcomer3)
    (
        re.compile(r"\badd a column 'Allow Duplicate' and put yes in it for this row\b"),
        "add a column 'Allow Duplicate' to your file with yes on this row, and upload the file again",
    ),
    # a row the file says not to send: its cells on the page are the file's, which the file's reading keeps
    # leaving out (the review page says so: found by newcomer3, N7f, the two pages said two things)
    (
        re.compile(r"\bChange the cell to order a row\."),
        "To order such a row, find it on the review page and order it after all (or change the cell in your "
        "file and upload the file again, which makes a new batch).",
    ),
    (
        re.compile(r"\bis sent by running the same file again on or after that day\b"),
        "is sent by sending the batch again from its cost page on or after that day",
    ),
    # a formula in a cell read for the order: the page's cell takes its value (found by newcomer5: HR on the
    # review page was told to Paste Special in Excel, where typing 50 over the formula there is the way on)
    (
        re.compile(r"\breplace it with its value \(Copy, then Paste Special › Values\)"),
        "type its value in place of the formula on the review page (in your file: Copy, then Paste Special › "
        "Values)",
    ),
    # a held row's way on: the page sends it once a person picks it there (newcomer12's W-held)
    (re.compile(r"\bre-run with --allow-repeat\b"), "tick the row on the batch's “Held rows” page"),
    (re.compile(r"\bRun the same command again\b"), "Send the batch again from its cost page"),
    (re.compile(r"\brun the same command again\b"), "send the batch again from its cost page"),
)


# `bulkship reconcile BATCH --review/--resolve ...`: the command line's way to settle rows waiting for review;
# the page's reader does the same with the buttons of the batch's "Rows waiting for review" page (review17)
_REVIEW_PAGE = "the batch's page “Rows waiting for review”"
_END = r"`?(?=[;.,]?(?:\s|$))"  # the command's end: a closing backtick, then punctuation or a space
# the batch as the command names it: shell-quoted when it holds a space ('Q4 gifts': newcomer23), in pieces
# when it holds a quote too ("Women's Day": 'Women'"'"'s Day', shlex.quote; found by review59)
_BATCH_PIECE = r"""'[^']*'|"[^"]*"|[^\s'"]"""
_BATCH = rf"(?:{_BATCH_PIECE})+"
_SETTLE = (
    (
        re.compile(
            r"`?bulkship reconcile " + _BATCH + r" --resolve (\S+) --at-vendor (\S+) --rows (\S+?)" + _END
        ),
        rf"“They are at the vendor…” for PO \1 on {_REVIEW_PAGE}, naming order \2 and rows \3",
    ),
    (
        re.compile(r"`?bulkship reconcile " + _BATCH + r" --resolve (\S+) --at-vendor (\S+?)" + _END),
        rf"“They are at the vendor…” for PO \1 on {_REVIEW_PAGE}, naming order \2",
    ),
    (
        re.compile(
            r"`?bulkship reconcile " + _BATCH + r" --resolve (\S+) --release --not-ours (\S+?)" + _END
        ),
        rf"“Vendor order(s) \2 are another batch's: release to send…” for PO \1 on {_REVIEW_PAGE}",
    ),
    (  # every row waiting settled in one go (7a01d71): the page's button of the same verb
        re.compile(r"`?bulkship reconcile " + _BATCH + r" --release" + _END),
        rf"“Every row at once…” on {_REVIEW_PAGE}",
    ),
    (re.compile(r"`?bulkship reconcile " + _BATCH + r" --review`?"), _REVIEW_PAGE),
    # the vendor comparison (`reconcile BATCH`, a charge beyond the plan's): the Results page's button, where
    # the progress page said the command, with a placeholder for the batch (found by hunter-web18)
    (
        re.compile(
            rf"`?bulkship reconcile (?:{_BATCH_PIECE})+?"
            + _END
            + r"(?! --)(?: \(with --concurrency 1[^)]*\))?"
        ),
        "“Check against the vendor” on the batch's Results page",
    ),
    # a batch's result workbook by its path on the server (nothing the page's reader can open): its page
    (re.compile(r", results: [^)]*\)"), ", see its Results page)"),
)


def page_words(text: object, sent_here: object = True) -> str:
    """A message written for the command line (a row's status, a run's end) in the page's words.
    ``sent_here``: the batch's file is on this server; a batch sent from the command line has no cost page
    to send it again from, its page says to run it from there, and its rows keep the command's words (found
    by review19: "Send the batch again from its cost page" under that very advice)."""
    said = str(text or "")
    for pattern, words in (*(_RERUN if sent_here else ()), *_SETTLE):
        said = pattern.sub(words, said)
    return said


def page_hint(hint: object, approved: tuple[int, str] | None = None) -> str:
    """A refusal's hint as the page's reader can follow it: command-line flags said in the page's words.
    ``approved``: the request an approver approved to start the run (its id, who asked; see
    :func:`page_note`).

    A hint offering --allow-repeat beside another way on ("run the same command again once the vendor
    answers; to send without that check, add --allow-repeat") gives the page that other way: the flag's
    words alone told the reader to ask someone else, where sending again later is all there is to do.
    Other ways on ("run with the ledger they were sent from") are the command line's: the flag's words
    stay."""
    text = str(hint or "")
    elsewhere = _CONTINUE_THAT_BATCH.search(text)
    if elsewhere is not None:
        return _continued_on_the_page(elsewhere.group("name") or "")
    clauses = text.split("; ")
    if len(clauses) > 1 and any(ALLOW_FLAG in c for c in clauses):
        rest = "; ".join(c for c in clauses if ALLOW_FLAG not in c)
        if page_words(rest) != rest:  # the other way on is to send again: the page can do that
            return page_words(rest)
    if approved is not None and "--max-total" in text:
        return APPROVED_COST_CHANGED.format(approved[1].removeprefix("cli:") or "whoever asked")
    for flag, said in _PAGE_HINTS:
        if flag in text:
            return said
    return page_words(text)


# a list refused for cards another computer or ledger sent on this vendor account (..rebuild.listing): the
# command line's way on, '--batch NAME', read on the page 'This page does not send a card again on purpose',
# and a new hire on that list had no way out there (hunter-vendor34's leftover; newcomer24's N4 on the page)
_CONTINUE_THAT_BATCH = re.compile(r"continue that batch by its own name \(--batch(?: (?P<name>[^)]+))?\)")


def _continued_on_the_page(quoted: str) -> str:
    """What the page offers for such a refusal: the same file uploaded again under that batch's name, which
    finds its orders at the vendor (nothing sent twice) and sends the rest once they are settled."""
    import shlex

    try:
        name = " ".join(shlex.split(quoted))
    except ValueError:  # an unbalanced quote: the name as written
        name = quoted
    # no name: the PO numbers carry a name coded (mixed case: 'BS-HOLIDAY-GIFTS-2026-EC4EB0-0001' for
    # 'Holiday-gifts-2026') or cut; read off them, it was another batch, its rows all waiting for review
    named = (
        f"the batch name {name}"
        if name
        else "that batch's name exactly as it was sent (its PO numbers show it in capitals, not as typed)"
    )
    return (
        "These cards were sent from another computer or ledger on this vendor account. To go on with that "
        f"batch here, people not sent yet included, upload this file again with {named}: the rows already "
        "ordered are found at the vendor and not sent again, and the others wait on its page “Rows waiting "
        "for review” until you have checked that nobody else is sending this list; release them there, then "
        "send from its cost page. To send the same cards again on purpose, this page cannot: ask whoever "
        "runs bulkship on the command line."
    )


# a run an approver's Approve started, refused for costing more than the total approved (the vendor raised a
# price since the request): its approver read 'more than the 125.00 confirmed on its cost page ... open its
# cost page ... and send it from there', a page where an approver sends nothing (found by hunter-money25)
APPROVED_COST_CHANGED = (
    "The cost of this batch changed since it was approved (its rows, the prices or other batches changed): "
    "nothing is sent on that approval. {} sends the batch again from its cost page, which asks for approval "
    "of the new total."
)


_SENTENCE_END = re.compile(r"(?<=[.:;])\s+(?=[A-Z])")
# a page's Send holds to the total its cost page showed, passed to the run as its --max-total: the refusal's
# figures said in the page's words, not dropped with the flag's sentence (found by hunter-money12: the page
# read only 'The cost of this batch changed since you confirmed it', neither total)
_CONFIRMED_TOTAL = re.compile(r"more than --max-total ([0-9][0-9,]*\.[0-9]{2})(?: \(the batch's budget\))?")
_MAPPING_ADVICE = ("[columns]", "program file", "--config")


# a row held for a card another batch only planned: that batch sent nothing, and deleting it is the page's
# way to send the row here ("ask whoever runs bulkship on the command line" left a web-only team with a
# cut list, uploaded after its approver rejected the first, held for good: found by newcomer13)
PLANNED_ADVICE = (
    "Batch {0} planned this card and has sent nothing yet: to send it from this batch, delete batch {0} "
    "(nothing of it was sent), then open this batch's cost page again."
)


def page_note(note: object, held_page: str = "", approved: tuple[int, str] | None = None) -> str:
    """A notice about the file as the page's reader can follow it: its facts kept, a sentence of
    command-line advice said in the page's words (a column choice is made on the Columns page).
    ``held_page``: what a row's hold says to do instead of --allow-repeat, where the batch's Held rows page
    can send it (a batch uploaded on the page). ``approved``: the request an approver approved to start the
    run (its id, who asked): its total is the one the run held to."""
    confirmed = "confirmed on its cost page" if approved is None else f"approved (request #{approved[0]})"
    sentences = _SENTENCE_END.split(_CONFIRMED_TOTAL.sub(rf"more than the \1 {confirmed}", str(note or "")))
    planned = PLANNED_THERE.search(str(note or ""))
    kept: list[str] = []
    for sentence in sentences:
        flag = next((said for flag, said in _PAGE_HINTS if flag in sentence), None)
        if flag is not None and planned and ALLOW_FLAG in sentence:
            kept.append(PLANNED_ADVICE.format(planned.group(1)))
        elif flag is not None and held_page and ALLOW_FLAG in sentence:
            kept.append(held_page)
        elif flag is not None:
            kept.append(flag)
        elif any(advice in sentence for advice in _MAPPING_ADVICE):
            head = sentence.split(":")[0] if ":" in sentence else ""
            kept.append(
                (head + ": choose it on the Columns page.") if head else "Choose it on the Columns page."
            )
        else:
            kept.append(page_words(sentence))
    return " ".join(kept)
