"""Settings: one frozen object, resolved in one place.

Precedence: flag > ``BULKSHIP_*`` environment variable > credentials/program file > default.
Credentials are never logged nor written to outputs; ``Settings.__repr__`` hides them.
"""

from __future__ import annotations

import math
import os
import tomllib
import unicodedata
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from .db.location import display_url, is_keyword_dsn, is_postgres_url, miswritten_url, sqlite_path
from .errors import ConfigError
from .paths import read_settings_text

DEFAULT_OUT_DIR = Path("output")
DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 64  # beyond, one shared HTTP client only slows down (FIELD-NOTES) and a vendor throttles
MIN_RATE_LIMIT = 0.01  # requests per second: slower, a batch of a few orders waits for hours between calls
DEFAULT_TIMEOUT_S = 30.0
SANDBOX_EMAIL = "sandbox@bulkship.local"
SANDBOX_ACCESS_TOKEN = "sandbox-access-token"
ENV_PREFIX = "BULKSHIP_"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("bulkship", appauthor=False))


@dataclass(frozen=True)
class Settings:
    api_url: str | None = None  # None: the embedded sandbox
    email: str | None = field(default=None, repr=False)
    access_token: str | None = field(default=None, repr=False)
    data_dir: Path = field(default_factory=default_data_dir)
    ledger_path: Path | None = None  # None: data_dir / "ledger.sqlite"
    # a team's shared ledger on PostgreSQL (postgresql://USER@HOST/DB); None: the SQLite file above
    ledger_url: str | None = field(default=None, repr=False)  # it may hold a password
    sandbox_state: Path | None = None  # None: data_dir / "sandbox.sqlite"
    out_dir: Path = DEFAULT_OUT_DIR
    concurrency: int = DEFAULT_CONCURRENCY
    rate_limit: float | None = None  # requests per second to the vendor; None: unlimited
    timeout_s: float = DEFAULT_TIMEOUT_S
    sandbox_dialect: str | None = None  # how the embedded sandbox answers (bulkship.sandbox.dialect)
    # "send": AddressLine2 as its own field; "fold": inside AddressLine1; None: send only to a vendor known
    # to keep it (the documented sandbox), fold for any other (an unknown field may be dropped silently)
    address_line2: str | None = None

    @property
    def sends_address_line2(self) -> bool:
        if self.address_line2 is not None:
            return self.address_line2 == "send"
        if not self.is_sandbox:
            return False
        from .sandbox.dialect import parse_dialect  # the embedded sandbox: as its dialect does

        return parse_dialect(self.sandbox_dialect).keeps_address_line2

    @property
    def is_sandbox(self) -> bool:
        return self.api_url is None

    @property
    def ledger(self) -> Path:
        """The SQLite ledger file (single user). Open the ledger with :attr:`ledger_location`, which is the
        PostgreSQL URL instead when there is one."""
        return self.ledger_path or self.data_dir / "ledger.sqlite"

    @property
    def ledger_location(self) -> Path | str:
        """Where the ledger is: the PostgreSQL URL of a team's ledger, else the SQLite file."""
        return self.ledger_url or self.ledger

    @property
    def ledger_shown(self) -> str:
        """Where the ledger is, as messages show it (a URL without its password)."""
        return display_url(self.ledger_url) if self.ledger_url else str(self.ledger)

    @property
    def sandbox_state_file(self) -> Path:
        return self.sandbox_state or self.data_dir / "sandbox.sqlite"

    def credentials(self) -> tuple[str, str]:
        if self.is_sandbox:
            theirs = self.email not in (None, SANDBOX_EMAIL)
            if theirs or self.access_token not in (None, SANDBOX_ACCESS_TOKEN):
                # a person's vendor credentials without the vendor's URL: never "did not accept these
                # credentials" from the sandbox, which reads as if their own were wrong
                raise ConfigError(
                    "Vendor credentials are set (BULKSHIP_EMAIL / BULKSHIP_ACCESS_TOKEN or --credentials) "
                    "but no vendor API URL, so this would run on the embedded sandbox, which takes only its "
                    "own",
                    hint="set BULKSHIP_API_URL (or --api-url) to order from your vendor, or unset the "
                    "credentials to try the sandbox",
                )
            return (SANDBOX_EMAIL, SANDBOX_ACCESS_TOKEN)
        if not self.email or not self.access_token:
            raise ConfigError(
                "No vendor credentials for " + str(self.api_url),
                hint="set BULKSHIP_EMAIL and BULKSHIP_ACCESS_TOKEN, or pass --credentials FILE",
            )
        return (self.email, self.access_token)


CREDENTIAL_KEYS = {"email", "access_token", "api_url"}
_CREDENTIALS_FORM = 'write email = "…", access_token = "…" and api_url = "https://…"'


def _read_credentials_file(path: Path) -> dict[str, str]:
    """A TOML file with ``email``, ``access_token`` and optionally ``api_url``."""
    text = read_settings_text(path, what="Credentials file")  # a folder, a pipe: one line, not a traceback
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Credentials file {path} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - CREDENTIAL_KEYS)
    if unknown:  # 'token', a [vendor] table: dropped, it left no credentials or ran on the sandbox
        raise ConfigError(
            f"Credentials file {path} has {', '.join(map(repr, unknown))}, which bulkship does not read",
            hint=f"{_CREDENTIALS_FORM} at the top of the file, outside any [section]",
        )
    wrong = sorted(k for k, v in data.items() if not isinstance(v, str))
    if wrong:  # access_token = true was sent as 'True', a number lost its leading zeros
        raise ConfigError(
            f"Credentials file {path}: {', '.join(map(repr, wrong))} must be text in quotes",
            hint=_CREDENTIALS_FORM,
        )
    values = {k: v.strip() for k, v in data.items() if v.strip()}
    if not values:  # an empty file (or one of blanks) ran on the embedded sandbox
        raise ConfigError(
            f"Credentials file {path} holds no email, access_token or api_url",
            hint=f"{_CREDENTIALS_FORM} in it, or leave --credentials (and BULKSHIP_CREDENTIALS) out to try "
            "the embedded sandbox",
        )
    return values


def resolve_settings(
    *,
    api_url: str | None = None,
    credentials_file: Path | None = None,
    ledger: str | Path | None = None,
    out_dir: Path | None = None,
    sandbox_state: Path | None = None,
    concurrency: int | None = None,
    rate_limit: float | None = None,
    sandbox_dialect: str | None = None,
    address_line2: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Merge flags, environment and the credentials file into one :class:`Settings`."""
    env = os.environ if env is None else env

    def pick(flag: object, name: str, file_values: Mapping[str, str] | None = None) -> str | None:
        # blanks are unset, as an empty value is (BULKSHIP_LEDGER=" " made a ledger named ' ' in the
        # current folder)
        if flag is not None and str(flag).strip():
            return str(flag).strip()
        if env.get(ENV_PREFIX + name.upper(), "").strip():
            return env[ENV_PREFIX + name.upper()].strip()
        return (file_values or {}).get(name)

    cred_value = pick(credentials_file, "credentials")
    cred_path = _home(Path(cred_value)) if cred_value else None
    from_file = _read_credentials_file(cred_path) if cred_path else {}
    data_value = pick(None, "data_dir")
    data_dir = _home(Path(data_value)) if data_value else default_data_dir()
    _refuse_a_file_for_the_data_folder(data_dir)
    ledger_value = pick(ledger, "ledger")
    state_value = pick(sandbox_state, "sandbox_state")
    out_value = pick(out_dir, "out")
    conc_value = pick(concurrency, "concurrency")
    try:
        conc = int(conc_value or DEFAULT_CONCURRENCY)
    except ValueError:
        raise ConfigError(
            f"Concurrency (orders in flight at once) must be a whole number, not {conc_value!r}",
            hint=f"--concurrency N or BULKSHIP_CONCURRENCY, 1 to {MAX_CONCURRENCY}; the default is "
            f"{DEFAULT_CONCURRENCY}",
        ) from None
    rate = pick(rate_limit, "rate_limit")
    try:
        rate_value = float(rate) if rate else None
    except ValueError:
        rate_value = math.nan  # said below
    if not 1 <= conc <= MAX_CONCURRENCY:
        raise ConfigError(
            f"Concurrency (orders in flight at once) must be 1 to {MAX_CONCURRENCY}, not {conc}",
            hint=f"--concurrency N or BULKSHIP_CONCURRENCY; the default is {DEFAULT_CONCURRENCY}",
        )
    if rate_value is not None and not (
        math.isfinite(rate_value) and (rate_value == 0 or rate_value >= MIN_RATE_LIMIT)
    ):
        # 1e-300 left the run waiting for ever after its first call
        raise ConfigError(
            f"BULKSHIP_RATE_LIMIT must be a number of requests per second, {MIN_RATE_LIMIT} (one every "
            f"{1 / MIN_RATE_LIMIT:.0f} s) or more, or 0 for no limit; not {rate!r}"
        )
    url = _api_url(pick(api_url, "api_url", from_file) or None)
    email, token = pick(None, "email", from_file), pick(None, "access_token", from_file)
    for name, value in (("email", email), ("access_token", token)):
        from_env = bool(env.get(ENV_PREFIX + name.upper(), "").strip())
        _refuse_what_no_header_carries(name, value, ENV_PREFIX + name.upper() if from_env else cred_path)
    _refuse_credentials_elsewhere(cred_path, from_file, url, used={email, token})
    return Settings(
        api_url=url,
        email=email,
        access_token=token,
        data_dir=data_dir,
        ledger_path=_ledger_file(ledger_value),
        ledger_url=ledger_value if ledger_value and is_postgres_url(ledger_value) else None,
        sandbox_state=_home(Path(state_value)) if state_value else None,
        out_dir=_home(Path(out_value)) if out_value else DEFAULT_OUT_DIR,
        concurrency=conc,
        rate_limit=rate_value,
        sandbox_dialect=pick(sandbox_dialect, "sandbox_dialect"),
        address_line2=_address_line2(pick(address_line2, "address_line2")),
    )


def _refuse_a_file_for_the_data_folder(data_dir: Path) -> None:
    """The data folder (or a folder above it) being a file: every command said 'Cannot open the sandbox state
    file ...: [Errno 17] File exists' or the same of the ledger, with a hint about --state or --ledger and
    nothing of BULKSHIP_DATA_DIR (found by review21)."""
    for part in (data_dir, *data_dir.parents):
        if part.exists() or part.is_symlink():
            if not part.is_dir():
                said = (
                    f"The data folder {data_dir} is a file, not a folder"
                    if part == data_dir
                    else f"The data folder {data_dir} cannot be made: {part} is a file"
                )
                raise ConfigError(
                    said,
                    hint="set BULKSHIP_DATA_DIR to a folder (it is created when missing), or unset it for "
                    f"the default {default_data_dir()}",
                )
            return


def _home(path: Path) -> Path:
    """``~/x`` as the person's home folder: a shell leaves ``--out=~/x`` and an env file's ``~`` as they are,
    and a folder named '~' in the current one held the ledger or the results."""
    return Path(os.path.expanduser(path)) if str(path).startswith("~") else path


def _api_url(value: str | None) -> str | None:
    """The vendor API root, refused when it carries a user name, password, query or fragment: the URL is
    printed and written to the result workbook, and the vendor's credentials have their own settings."""
    if value is None:
        return None
    parts = urllib.parse.urlsplit(value.strip())
    if "@" in parts.netloc or parts.query or parts.fragment or "?" in value or "#" in value:
        raise ConfigError(
            f"The vendor API URL for {_shown_url(value)} carries a user name, password or "
            "query (not shown here), which bulkship would print and write into the result workbook",
            hint="give the API root alone (https://vendor.example) and the credentials with BULKSHIP_EMAIL "
            "and BULKSHIP_ACCESS_TOKEN or --credentials FILE",
        )
    return value


def _refuse_what_no_header_carries(name: str, value: str | None, source: object) -> None:
    """An email or token is sent in an HTTP header, which carries printable ASCII only: a curly quote or
    dash pasted with the token from a mail or a document ended the run in a traceback at the first request.
    Said without the value itself, which is a secret."""
    bad = next((i for i, ch in enumerate(value or "") if not " " <= ch <= "~"), None)
    if value is None or bad is None:
        return
    what = "access token" if name == "access_token" else "email"
    char = value[bad]
    shown = f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character').lower()})"
    raise ConfigError(
        f"The {what} ({source}) holds {shown} at character {bad + 1}, which no request to the "
        "vendor can carry (only plain ASCII can): nothing was sent",
        hint=f"copy the {what} again as plain text (a mail or document may turn quotes and dashes into "
        "typographic ones) and set it again",
    )


def _refuse_credentials_elsewhere(
    path: Path | None, from_file: Mapping[str, str], url: str | None, *, used: set[str | None]
) -> None:
    """A credentials file naming its vendor's URL gives its email and token to that URL only: one that
    --api-url or BULKSHIP_API_URL overrode (a test server, a typo) was sent them with every request."""
    own = from_file.get("api_url")
    from_this_file = any(from_file.get(k) in used for k in ("email", "access_token") if from_file.get(k))
    if own is None or url is None or not from_this_file or _same_url(own, url):
        return
    raise ConfigError(
        f"Credentials file {path} is for {_shown_url(own)}, but the vendor API URL in use is "
        f"{_shown_url(url)} (from --api-url or BULKSHIP_API_URL): bulkship does not send the file's email "
        "and token elsewhere",
        hint="unset BULKSHIP_API_URL (or leave --api-url out) to order from the file's vendor, or name a "
        "credentials file for the other one",
    )


def _same_url(a: str, b: str) -> bool:
    return _url_key(a) == _url_key(b)


def _url_key(value: str) -> tuple[str, str, str]:
    """What tells two vendor URLs apart (not the case of scheme and host, nor a trailing slash)."""
    parts = urllib.parse.urlsplit(value.strip())
    return parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/")


def _shown_url(value: str) -> str:
    """The URL without what :func:`_api_url` refuses to show: user name, password, query, fragment."""
    parts = urllib.parse.urlsplit(value.strip())
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}{parts.path}"


def _ledger_file(value: str | None) -> Path | None:
    """The SQLite file ``--ledger`` / ``BULKSHIP_LEDGER`` names (a path or ``sqlite:///PATH``); None for the
    default file or a PostgreSQL URL."""
    if not value or is_postgres_url(value):
        return None
    if is_keyword_dsn(value):
        raise ConfigError(
            f"The ledger '{display_url(value)}' is a PostgreSQL connection string in keyword form, which "
            "bulkship does not read: nothing was opened",
            hint="write it as a URL, postgresql://USER@HOST:PORT/DATABASE (the password in ~/.pgpass, or "
            "PGPASSWORD)",
        )
    if miswritten_url(value):
        raise ConfigError(
            f"The ledger '{miswritten_url(value)}' is a PostgreSQL URL written without its '://': nothing "
            "was opened",
            hint="write it as postgresql://USER@HOST:PORT/DATABASE (the password in ~/.pgpass or PGPASSWORD)",
        )
    path = sqlite_path(value)
    if path is None:
        raise ConfigError(
            f"The ledger {display_url(value)} is neither a file nor a PostgreSQL database",
            hint="pass --ledger PATH for a SQLite file, or --ledger postgresql://USER@HOST/DATABASE",
        )
    return _home(path)


def _address_line2(value: str | None) -> str | None:
    if value is None or value.strip().lower() in ("", "auto"):
        return None
    if value.strip().lower() not in ("send", "fold"):
        raise ConfigError(
            f"address_line2 must be send, fold or auto, not {value!r}",
            hint="BULKSHIP_ADDRESS_LINE2=fold puts line 2 inside line 1, for a vendor that may drop it",
        )
    return value.strip().lower()
