"""An address abroad: one error on its row, saying the vendor ships to US addresses only, never also its
state and ZIP judged by US rules. A Canadian contact's row (Toronto, ON, M5H 2M5, Canada) said first "'ON'
is not a US state; use the 2-letter code (e.g. MA)" and "'M5H 2M5' is not a US ZIP code; use 5 digits",
advice that was wrong for it, and only then that the card cannot go abroad (found by newcomer16, N8). So
does a Canadian address in a list with no country (its province and postal code say it)."""

from __future__ import annotations

import re

import pandas as pd

from ..collect import ProblemCollector
from ..fewrows import few_cells
from ..normalize import by_unique
from .regions import country_name, foreign_place, foreign_places

US = "US"
# Canada's provinces and territories, by their codes and names as normalize.states leaves them (upper case)
CANADIAN_PROVINCES = frozenset(
    {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT", "ALBERTA",
     "BRITISH COLUMBIA", "MANITOBA", "NEW BRUNSWICK", "NEWFOUNDLAND AND LABRADOR", "NEWFOUNDLAND",
     "NOVA SCOTIA", "NORTHWEST TERRITORIES", "NUNAVUT", "ONTARIO", "PRINCE EDWARD ISLAND", "QUEBEC", "QUÉBEC",
     "SASKATCHEWAN", "YUKON"}
)  # fmt: skip
_CANADIAN_POSTAL_CODE = re.compile(r"(?i)\s*[a-z]\d[a-z][\s-]?\d[a-z]\d\s*")
# Each country's name bulkship knows, for a country written by its number ('124' is Canada's)
COUNTRY_NAMES = {
    "CA": "Canada", "MX": "Mexico", "GB": "United Kingdom", "DE": "Germany", "FR": "France", "IE": "Ireland",
    "IN": "India", "AU": "Australia", "NL": "Netherlands", "ES": "Spain", "IT": "Italy", "JP": "Japan",
    "BR": "Brazil", "CH": "Switzerland", "SE": "Sweden", "SG": "Singapore", "PH": "Philippines",
    "PL": "Poland", "NZ": "New Zealand", "IL": "Israel", "CN": "China",
}  # fmt: skip


def check_abroad(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """One error on each row whose address is abroad: its country another than the US (a country bulkship
    does not know is said so already), or none written and its province and postal code Canada's. What was
    said of its state and ZIP by US rules is dropped."""
    if _surely_at_home(frame, collector):
        return
    country = frame["country"]
    abroad = country.ne(US) & country.ne("") & ~collector.has_error("country")
    written = collector.original("country").astype(str).str.strip()
    canadian = written.eq("") & country.isin(["", US]) & frame["state"].isin(list(CANADIAN_PROVINCES))
    if canadian.any():
        canadian &= by_unique(frame["zip"].astype(str), lambda c: c.str.fullmatch(_CANADIAN_POSTAL_CODE))
    unwritten = written.eq("") & country.isin(["", US]) & ~canadian
    place, said_in = foreign_places(frame["state"].where(unwritten, ""), frame["zip"].where(unwritten, ""))
    elsewhere = place.ne("")
    if not (abroad.any() or canadian.any() or elsewhere.any()):
        return
    collector.drop(abroad | canadian | elsewhere, ("state", "zip"))
    _say_elsewhere(collector, elsewhere & said_in.eq("state"), "state", place)
    _say_elsewhere(collector, elsewhere & said_in.eq("zip"), "zip", place)
    name = country.map(COUNTRY_NAMES).fillna("")
    named = (" (" + name + ")").where(name.ne("") & name.str.casefold().ne(written.str.casefold()), "")
    collector.error(
        abroad,
        "country",
        "Country not supported",
        "'{old}'{named}: physical gift cards ship to US addresses only (including APO/FPO/DPO).",
        extra={"named": named},
    )
    collector.error(
        canadian,
        "zip",
        "Country not supported",
        "'{old}' in {province} is a Canadian address: physical gift cards ship to US addresses only "
        "(including APO/FPO/DPO).",
        extra={"province": collector.original("state").astype(str).str.strip()},
    )


def _surely_at_home(frame: pd.DataFrame, collector: ProblemCollector) -> bool:
    """Whether a list of a few rows has no row :func:`check_abroad` would say is abroad, found in plain
    Python (..fewrows: the same tests cell by cell, no pandas operation); False where the pandas path must
    look (a longer list, a cell that is not text, or a row abroad)."""
    few = few_cells(frame, ("country", "state", "zip"))
    original = collector.original("country")
    written = original.tolist()
    if few is None or not original.index.equals(frame.index) or not all(type(w) is str for w in written):
        return False
    erred = collector.rows_in_error("country")
    cells = zip(frame.index, few["country"], written, few["state"], few["zip"], strict=True)
    for row, country, as_written, state, zip_code in cells:
        if country not in (US, "") and row not in erred:
            return False  # abroad
        if as_written.strip() != "" or country not in ("", US):
            continue  # a country written (US, or abroad with its error said): nothing read from the rest
        if state in CANADIAN_PROVINCES and _CANADIAN_POSTAL_CODE.fullmatch(zip_code):
            return False  # Canadian
        if foreign_place(state, zip_code):
            return False  # another country's state or postcode
    return True


def _say_elsewhere(collector: ProblemCollector, rows: pd.Series, column: str, place: pd.Series) -> None:
    """One error on each row of ``rows`` whose ``column`` names a place of another country (no country
    written): a state of Mexico, a UK postcode."""
    where = "in" if column == "state" else "a postcode of"
    collector.error(
        rows,
        column,
        "Country not supported",
        f"'{{old}}' is {where} {{country}}: physical gift cards ship to US addresses only (including "
        "APO/FPO/DPO).",
        extra={"country": place.map(country_name)},
    )
