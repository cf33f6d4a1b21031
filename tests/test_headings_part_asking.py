"""A heading between recipients in two parts, one of which asks of its rows ('Above: held. Below: new?') or
says them done ('Above: done. Below: held except Cy Orr'): the rows on that side each an error asking, the
other side as its part says (bulkship/load/skipped/twoparts.py, ..problems.notenames)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.headings import validated_heading


@pytest.mark.parametrize(
    ("heading", "left_out", "asked"),
    [("Above: held. Below: new?", [2, 3, 4, 5], [6, 7, 8]),
     ("Above: held. Below: held?", [2, 3, 4, 5], [6, 7, 8]),
     ("Above: held. Below: same?", [2, 3, 4, 5], [6, 7, 8]),
     ("Above: held except Gus Tan. Below: new?", [2, 4, 5], [6, 7, 8]),
     ("Above: new. Below: on hold?", [5], [6, 7, 8]),
     ("Below: new?. Above: sent", [2, 3, 4, 5], [6, 7, 8])],
)  # fmt: skip
def test_a_question_in_the_part_of_the_rows_below_asks_of_each_and_holds_the_rows_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int], asked: list[int]
) -> None:
    """Hunter-sends17's leftover 1: 'Above: held. Below: new?' (a question in one part) was read as a
    question of the whole heading: the heading the only error, Hal, Gus, Dee, Ann, Bob and Cy all valid (six
    cards once it was deleted; 'Above: held. Below: held?' the same). The rows above are held as their part
    says; each row below is an error asking, none sent or left out silently."""
    assert validated_heading(tmp_path, heading, capsys) == (1, left_out, asked)


@pytest.mark.parametrize(
    ("heading", "left_out", "asked"),
    [("Above: done. Below: held except Cy Orr", [5, 6, 7], [2, 3, 4]),
     ("Above: done Below: held except Cy Orr", [5, 6, 7], [2, 3, 4]),
     ("Above: new. Below: on hold except Cy Orr?", [5, 6, 7], [8]),
     ("Above: held. Below: hold except Cy Orr?", [2, 3, 4, 5, 6, 7], [8])],
)  # fmt: skip
def test_a_part_saying_done_asks_of_its_side_and_a_question_of_the_named_asks_of_him(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int], asked: list[int]
) -> None:
    """Review73's leftover 1: 'Above: done. Below: held except Cy Orr' sent Hal, Gus and Dee (where 'Above:
    done' alone asks) and Ann and Bob (held), and left Cy (the one not held) out, exit 0. 'Above: new.
    Below: on hold except Cy Orr?' left Cy out with Ann and Bob, nobody asked. Now each side as its part
    says: done asks of each row above, Ann and Bob held, Cy sent; a question of Cy alone asks of him."""
    assert validated_heading(tmp_path, heading, capsys) == (1, left_out, asked)


@pytest.mark.parametrize(
    ("heading", "left_out", "asked"),
    [("Above: on hold except Gus?; below: hold except Cy Orr", [2, 4, 5, 6, 7], [3, 8]),
     ("Above: held except Gus?; below: new except Cy Orr", [2, 4, 5, 8], [3]),
     ("Above: new except Gus; below: hold except Cy Orr?", [3, 5, 6, 7], [8]),
     ("Above: sent except Gus Tan?; below: hold except Cy", [2, 4, 5, 6, 7], [3, 8])],
)  # fmt: skip
def test_one_asked_beside_one_set_apart_asks_of_each_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int], asked: list[int]
) -> None:
    """Hunter-sends18's leftover 5: 'Above: on hold except Gus?; below: hold except Cy Orr' left Cy, set apart
    from the hold below, out silently ('Above: held except Gus?; below: new except Cy Orr' ordered Hal and
    Dee, held): one part asking beside the other naming someone apart went to the readers of the whole, as
    ..problems.notenames found the whole name (Cy Orr) alone. Each part is read; those it names each asked
    ('Gus' beside 'Cy Orr' too), those set apart from a send left out."""
    assert validated_heading(tmp_path, heading, capsys) == (1, left_out, asked)
