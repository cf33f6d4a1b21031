"""The sheet's original cells, row by row or column by column, without copying the frame."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ...celltypes import TYPED, typed_values


class _FrameRows:
    """The sheet's original cells, row by row, without copying the frame (sized, so sheets can be split
    up front). Cells are converted to Python strings a chunk of rows at a time: iterating a pandas string
    column cell by cell costs about ten times more, and converting the whole frame at once would double the
    memory of a million-row sheet."""

    CHUNK_ROWS = 20_000
    FIRST_CHUNK_ROWS = 1_000

    def __init__(self, frame: Any, columns: Sequence[str], types: Any = None) -> None:
        self.frame, self.columns = frame, list(columns)
        self._row_numbers: list[int] | None = None
        # the typed cells (bulkship.celltypes codes by header): given back as numbers, dates... not text
        self.types: dict[int, Any] = {}
        if types is not None and len(types.columns):
            if not types.index.equals(frame.index):  # rows left out or added since loading
                types = types.reindex(frame.index, fill_value=0)
            position = {header: at for at, header in enumerate(self.columns)}
            self.types = {position[h]: types[h].to_numpy() for h in types.columns if h in position}

    def _typed_chunk(self, chunk: Any, start: int, stop: int) -> Any:
        """A chunk of rows (2-D object array) with its typed cells turned back into values."""
        for at, codes in self.types.items():
            if at < chunk.shape[1]:
                chunk[:, at] = typed_values(chunk[:, at].tolist(), codes[start:stop])
        return chunk

    def __len__(self) -> int:
        return len(self.frame)

    def _cells(self) -> Any:
        present = [c for c in self.columns if c in self.frame.columns]
        # duplicate or missing header texts: fall back on positions
        return self.frame[present] if present == self.columns else self.frame

    @staticmethod
    def _texts(values: list[Any]) -> list[Any]:
        """Blanks (None, NaN) as ''; typed cells (celltypes) kept; anything else as text."""
        return [
            v if type(v) is str else "" if v is None or v != v else v if type(v) in TYPED else str(v)
            for v in values
        ]

    def __iter__(self) -> Any:
        cells = self._cells()
        rows = self.row_numbers()
        # a small first chunk: the workbook writer often reads only the first few hundred rows (for widths)
        start, size = 0, self.FIRST_CHUNK_ROWS
        while start < len(rows):
            chunk = cells.iloc[start : start + size].to_numpy(dtype=object, na_value="")
            chunk = self._typed_chunk(chunk, start, start + len(chunk))
            for row, values in zip(rows[start : start + size], chunk.tolist(), strict=True):
                yield row, self._texts(values)
            start, size = start + size, self.CHUNK_ROWS

    def column_block(self, start: int, stop: int, width: int) -> list[list[str]]:
        """Rows ``start:stop`` column by column: ``width`` columns of the same texts iteration gives (cut
        or padded with empty columns to ``width``)."""
        cells = self._cells()
        block = [
            self._column_texts(cells.iloc[start:stop, col].to_numpy(dtype=object, na_value="").tolist())
            for col in range(min(width, cells.shape[1]))
        ]
        for at, codes in self.types.items():
            if at < len(block):
                block[at] = typed_values(block[at], codes[start:stop])
        block.extend([[""] * (stop - start) for _ in range(width - len(block))])
        return block

    @classmethod
    def _column_texts(cls, values: list[Any]) -> list[str]:
        try:
            "".join(values)  # every value text: the usual case, kept as it is
        except TypeError:
            return cls._texts(values)
        return values

    def row_numbers(self) -> list[int]:
        """The spreadsheet row numbers, in order, without converting any cell (made once: the writer and
        every iteration share them, a million numbers being ~36 MB each time)."""
        if self._row_numbers is None:
            self._row_numbers = [int(r) for r in self.frame.index.tolist()]
        return self._row_numbers

    def select(self, rows: Sequence[int]) -> Iterator[tuple[int, list[str]]]:
        """(row, cells) for just these spreadsheet rows (from :meth:`row_numbers`), in the order given."""
        cells = self._cells()
        positions = self.frame.index.get_indexer(list(rows))
        for start in range(0, len(positions), self.CHUNK_ROWS):
            part = positions[start : start + self.CHUNK_ROWS]
            chunk = cells.iloc[part].to_numpy(dtype=object, na_value="")
            for at, codes in self.types.items():
                if at < chunk.shape[1]:
                    chunk[:, at] = typed_values(chunk[:, at].tolist(), codes[part])
            for row, values in zip(rows[start : start + self.CHUNK_ROWS], chunk.tolist(), strict=True):
                yield row, self._texts(values)


def _frame_rows(frame: Any, columns: Sequence[str], types: Any = None) -> _FrameRows:
    return _FrameRows(frame, columns, types)
