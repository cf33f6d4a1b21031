"""The vendor's refusals as the sandbox answers them (:class:`ApiError`: a status and the PascalCase body
with its ``Message``), and the 400s of a page asked for out of range and of an invalid order."""

from __future__ import annotations

from typing import Any

from .orders import OrderInvalid

MAX_PAGE_SIZE = 500


class ApiError(Exception):
    """A refusal the vendor answers with: ``status`` and a PascalCase JSON ``body`` (with ``Message``)."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"Message": message, **extra}
        self.headers: dict[str, str] = {}


def check_paging(page_index: int, page_size: int) -> tuple[int, int]:
    if page_index < 1:
        raise ApiError(400, "pageIndex starts at 1.", Errors={"pageIndex": ["pageIndex must be 1 or more."]})
    if page_size < 1:
        raise ApiError(
            400, "pageSize must be 1 or more.", Errors={"pageSize": ["pageSize must be 1 or more."]}
        )
    return page_index, min(page_size, MAX_PAGE_SIZE)  # larger pages are capped, not refused


def invalid_order(exc: OrderInvalid) -> ApiError:
    line_items = {key.split(".")[0] for key in exc.errors if key.startswith("LineItems[")}
    detail = f" in {len(line_items)} line item(s)" if line_items else ""
    count = sum(len(v) for v in exc.errors.values())
    return ApiError(
        400,
        f"The order is invalid: {count} problem(s){detail}. Nothing was created.",
        Errors=exc.errors,
    )
