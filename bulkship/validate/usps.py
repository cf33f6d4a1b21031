"""US address reference data, built once per process: state names and codes, ZIP prefixes per state."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

STATE_NAMES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana",
    "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri",
    "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio",
    "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands", "FM": "Micronesia", "MH": "Marshall Islands", "PW": "Palau",
    "AA": "Armed Forces Americas", "AE": "Armed Forces Europe", "AP": "Armed Forces Pacific",
}  # fmt: skip

MILITARY_STATES = frozenset({"AA", "AE", "AP"})
MILITARY_CITIES = frozenset({"APO", "FPO", "DPO"})

# The Associated Press abbreviations (newspaper style, still common in address lists), dots optional.
_AP_STATES = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "mass": "MA",
    "mich": "MI", "minn": "MN", "miss": "MS", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV",
    "okla": "OK", "ore": "OR", "oreg": "OR", "penn": "PA", "tenn": "TN", "tex": "TX", "wash": "WA",
    "wis": "WI", "wisc": "WI", "wyo": "WY", "wva": "WV", "nmex": "NM", "ndak": "ND", "sdak": "SD",
}  # fmt: skip
# ... and the states named by a direction, its word cut short ('N. Carolina', 'So. Dakota', 'W Virginia'),
# and 'Penna.': each was 'not a US state; use the 2-letter code' (found by hunter-sheets28). Dots and spaces
# aside, as normalize.states tries them
_AP_STATES |= {
    f"{short}{rest}": code
    for shorts, states in ((("n", "no"), (("carolina", "NC"), ("dakota", "ND"))),
                           (("s", "so"), (("carolina", "SC"), ("dakota", "SD"))),
                           (("w",), (("virginia", "WV"), ("va", "WV"))))
    for short in shorts
    for rest, code in states
}  # fmt: skip
_AP_STATES |= {"penna": "PA", "wvirg": "WV", "washdc": "DC"}
_EXTRA_STATE_NAMES = {
    "washington dc": "DC", "washington d.c.": "DC", "d.c.": "DC", "virgin islands": "VI",
    "us virgin islands": "VI", "armed forces europe middle east africa canada": "AE",
    "armed forces africa": "AE", "armed forces canada": "AE", "armed forces middle east": "AE",
}  # fmt: skip

COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "usa": "US", "u.s.": "US", "u.s.a.": "US", "u.s": "US", "u.s.a": "US", "america": "US",
    "united states": "US", "united states of america": "US", "the united states": "US",
    "ca": "CA", "can": "CA", "canada": "CA", "mx": "MX", "mex": "MX", "mexico": "MX",
    "gb": "GB", "uk": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB",
    "de": "DE", "germany": "DE", "fr": "FR", "france": "FR", "ie": "IE", "ireland": "IE",
    "in": "IN", "india": "IN", "au": "AU", "australia": "AU",
    # ISO 3166 alpha-3 codes and the names HR systems export
    "gbr": "GB", "deu": "DE", "fra": "FR", "irl": "IE", "ind": "IN", "aus": "AU",
    "united states (us)": "US", "united states of america (the)": "US", "us - united states": "US",
    "usa - united states of america": "US", "unitedstates": "US",
    # ... with its code in brackets, and in the languages of bilingual HR systems (found by hunter-sheets28)
    "united states of america (usa)": "US", "united states (usa)": "US", "usa (united states)": "US",
    "estados unidos": "US", "estados unidos de america": "US", "estados unidos de américa": "US",
    "ee.uu.": "US", "ee. uu.": "US", "eeuu": "US", "ee.uu": "US", "états-unis": "US", "etats-unis": "US",
    "vereinigte staaten": "US",
    # US territories: US mail, their code is the state's (found by newcomer8: "Puerto Rico" was refused)
    "puerto rico": "US", "pr": "US", "pri": "US", "guam": "US", "gu": "US", "gum": "US",
    "us virgin islands": "US", "u.s. virgin islands": "US", "virgin islands": "US", "vi": "US", "vir": "US",
    "american samoa": "US", "as": "US", "asm": "US", "northern mariana islands": "US", "mp": "US",
    "mnp": "US", "nl": "NL", "nld": "NL", "netherlands": "NL",
    "es": "ES", "esp": "ES", "spain": "ES", "it": "IT", "ita": "IT", "italy": "IT",
    "jp": "JP", "jpn": "JP", "japan": "JP", "br": "BR", "bra": "BR", "brazil": "BR",
    "ch": "CH", "che": "CH", "switzerland": "CH", "se": "SE", "swe": "SE", "sweden": "SE",
    "sg": "SG", "sgp": "SG", "singapore": "SG", "ph": "PH", "phl": "PH", "philippines": "PH",
    "pl": "PL", "pol": "PL", "poland": "PL", "nz": "NZ", "nzl": "NZ", "new zealand": "NZ",
    "il": "IL", "isr": "IL", "israel": "IL", "cn": "CN", "chn": "CN", "china": "CN",
}  # fmt: skip

# ISO 3166-1 numeric codes, as a finance or HR system exports the country ('840' for the US; found by
# review43: a 'country_id' of 840 made every row an error "'840' is not a country bulkship knows"): those of
# the US and its territories, and of the countries above. Three digits, as the standard writes them.
COUNTRY_NUMBERS: dict[str, str] = {
    "840": "US", "630": "US", "316": "US", "850": "US", "016": "US", "580": "US", "581": "US",
    "124": "CA", "484": "MX", "826": "GB", "276": "DE", "250": "FR", "372": "IE", "356": "IN", "036": "AU",
    "528": "NL", "724": "ES", "380": "IT", "392": "JP", "076": "BR", "756": "CH", "752": "SE", "702": "SG",
    "608": "PH", "616": "PL", "554": "NZ", "376": "IL", "156": "CN",
}  # fmt: skip
US_NUMBERED = frozenset({"840", "840.0"})  # the US by its number: said once for the column, as 'USA'

# A US territory written as the country, its state left empty, as Workday and SAP export it (Puerto Rico is
# a country of ISO 3166 with no subdivision): its state is its own code (found by hunter-sheets28: 'San
# Juan', '', '00901', 'Puerto Rico' was refused "State is empty; fill in the 2-letter state code, e.g. MA")
TERRITORY_COUNTRIES: dict[str, str] = {
    "puerto rico": "PR", "pr": "PR", "pri": "PR", "630": "PR", "guam": "GU", "gu": "GU", "gum": "GU",
    "316": "GU", "us virgin islands": "VI", "u.s. virgin islands": "VI", "virgin islands": "VI", "vi": "VI",
    "vir": "VI", "850": "VI", "american samoa": "AS", "as": "AS", "asm": "AS", "016": "AS",
    "northern mariana islands": "MP", "mp": "MP", "mnp": "MP", "580": "MP",
}  # fmt: skip

# A US state, or the US, written out in full ('Massachusetts', 'United States'), as a CRM report writes every
# row: its code is what the name says, so it is read without a word on each row, said once for the column
# (bulkship.load.spelled): a Salesforce report of 2,000 contacts warned 4,000 times, every row 'with
# warnings', the one real warning buried (found by newcomer8, left for hunter-sheets18)
STATES_SPELLED_OUT = frozenset(name.casefold() for name in STATE_NAMES.values())
US_SPELLED_OUT = frozenset({"united states", "united states of america", "usa", "u.s.a.", "u.s.a", "u.s."})

PO_BOX = r"(?i)\b(?:p\.?\s*o\.?\s*box|post\s+office\s+box|pobox)\b"  # every match holds "box"


@functools.cache
def state_lookup() -> dict[str, str]:
    """casefolded code or name -> USPS code."""
    lookup = {code.casefold(): code for code in STATE_NAMES}
    lookup |= {name.casefold(): code for code, name in STATE_NAMES.items()}
    lookup |= {name.replace(".", "").casefold(): code for code, name in STATE_NAMES.items()}
    return lookup | _AP_STATES | _EXTRA_STATE_NAMES


ZIP_PREFIX_DATA = "zip-prefix-states.txt"  # in bulkship/data: the pairs, stored per zipcodes release


def zip_prefix_pairs() -> frozenset[str]:
    """Every (3-digit ZIP prefix + state) pair in the offline ``zipcodes`` database (about 1 s to build)."""
    import zipcodes

    return frozenset(z["zip_code"][:3] + z["state"] for z in zipcodes.list_all())


def _zipcodes_version() -> str:
    import zipcodes

    return str(zipcodes.__version__)


def _zip_prefix_data_path() -> Path:
    return Path(str(resources.files("bulkship") / "data" / ZIP_PREFIX_DATA))


def write_zip_prefix_data(path: Path | None = None) -> Path:
    """Store :func:`zip_prefix_pairs` for the installed zipcodes release (run after upgrading zipcodes)."""
    path = path or _zip_prefix_data_path()
    lines = [f"# zipcodes {_zipcodes_version()}", *sorted(zip_prefix_pairs())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored_zip_prefix_pairs() -> frozenset[str] | None:
    """The stored pairs, if they were made from the installed zipcodes release."""
    try:
        header, *pairs = _zip_prefix_data_path().read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return None
    return frozenset(pairs) if header == f"# zipcodes {_zipcodes_version()}" and pairs else None


@functools.cache
def zip_prefix_states() -> frozenset[str]:
    """Every valid (3-digit ZIP prefix + state) pair, e.g. '021MA', from the offline ``zipcodes`` database:
    read from the copy stored for the installed release (milliseconds), else built from the database."""
    return _stored_zip_prefix_pairs() or zip_prefix_pairs()


@functools.cache
def known_zip_prefixes() -> frozenset[str]:
    return frozenset(pair[:3] for pair in zip_prefix_states())
