"""Another country's states and postcodes, to tell an address abroad in a list with no country column: a
Mexican row ('Guadalajara', 'Jalisco', '44100') was told "'JALISCO' is not a US state; use the 2-letter code
(e.g. MA)", a London one "State is empty" and "'SW1A 1AA' is not a US ZIP code; use 5 digits", advice that
fits no address there (found by hunter-sheets28). Only names no US state has: a row naming one of them is an
error already; it is told why."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from ..normalize import by_unique

# By the country's code; each name as it is written in full (the state's code where it is no US state's)
_REGIONS = {
    "MX": ("Aguascalientes", "Baja California", "Baja California Sur", "Campeche", "Chiapas", "Chihuahua",
           "Ciudad de Mexico", "CDMX", "Mexico City", "Coahuila", "Colima", "Durango", "Estado de Mexico",
           "Guanajuato", "Guerrero", "Hidalgo", "Jalisco", "Michoacan", "Morelos", "Nayarit", "Nuevo Leon",
           "Oaxaca", "Puebla", "Queretaro", "Quintana Roo", "San Luis Potosi", "Sinaloa", "Sonora", "Tabasco",
           "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatan", "Zacatecas"),
    "GB": ("England", "Scotland", "Wales", "Northern Ireland", "Greater London"),
    "DE": ("Baden-Wurttemberg", "Bayern", "Bavaria", "Berlin", "Brandenburg", "Bremen", "Hamburg",
           "Hessen", "Hesse", "Mecklenburg-Vorpommern", "Niedersachsen", "Lower Saxony",
           "Nordrhein-Westfalen", "North Rhine-Westphalia", "Rheinland-Pfalz", "Saarland", "Sachsen",
           "Saxony", "Sachsen-Anhalt", "Schleswig-Holstein", "Thuringen", "Thuringia"),
    "AU": ("New South Wales", "NSW", "Victoria", "VIC", "Queensland", "QLD", "Tasmania", "TAS",
           "South Australia", "Western Australia", "Northern Territory", "Australian Capital Territory",
           "ACT"),
    "IN": ("Maharashtra", "Karnataka", "Tamil Nadu", "Telangana", "Andhra Pradesh", "Uttar Pradesh",
           "West Bengal", "Gujarat", "Kerala", "Haryana", "Punjab", "Rajasthan", "Madhya Pradesh"),
    "FR": ("Ile-de-France", "Auvergne-Rhone-Alpes", "Provence-Alpes-Cote d'Azur", "Occitanie",
           "Nouvelle-Aquitaine", "Bretagne", "Normandie", "Hauts-de-France", "Grand Est", "Pays de la Loire"),
    "PH": ("Metro Manila", "NCR", "Cebu", "Laguna", "Cavite", "Rizal", "Bulacan"),
}  # fmt: skip
_COUNTRY_NAMES = {
    "MX": "Mexico", "GB": "the United Kingdom", "DE": "Germany", "AU": "Australia", "IN": "India",
    "PH": "the Philippines", "FR": "France",
}  # fmt: skip
# A UK postcode: 'SW1A 1AA', 'M1 1AE', 'EC1A 1BB' (no US ZIP has a letter; Canada's are A1A 1A1)
_UK_POSTCODE = re.compile(r"(?i)\s*[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\s*")


def _folded(text: str) -> str:
    """'Nuevo León', 'NUEVO LEON', 'Baden-Württemberg' -> one spelling: no accents, case or dots."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.replace(".", "").casefold().split())


_BY_NAME = {_folded(name): code for code, names in _REGIONS.items() for name in names}


def foreign_places(state: pd.Series, zip_code: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The country each row's state names (by :data:`_REGIONS`), else its postcode (a UK one), '' for
    none; and which column said it ('state' or 'zip')."""
    by_state = by_unique(state.astype(str), lambda names: names.map(lambda s: _BY_NAME.get(_folded(s), "")))
    postcode = zip_code.astype(str).str.fullmatch(_UK_POSTCODE).fillna(False)
    country = by_state.where(by_state.ne(""), postcode.map({True: "GB", False: ""}))
    column = pd.Series("state", index=state.index).where(by_state.ne(""), "zip")
    return country.astype(str), column


def foreign_place(state: str, zip_code: str) -> str:
    """:func:`foreign_places` of one row's cells (a list of a few rows: ..fewrows)."""
    return _BY_NAME.get(_folded(state), "") or ("GB" if _UK_POSTCODE.fullmatch(zip_code) else "")


def country_name(code: str) -> str:
    return _COUNTRY_NAMES.get(code, code)
