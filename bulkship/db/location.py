"""What ``--ledger`` / ``BULKSHIP_LEDGER`` names, read without importing a database library (every command
resolves its settings; only those that open the ledger pay for SQLAlchemy)."""

from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path

POSTGRES_SCHEMES = ("postgresql", "postgres")
# what to check when a PostgreSQL ledger cannot be reached; the README's team section keeps the password in
# ~/.pgpass, which the URL does not show (newcomer11)
URL_HINT = (
    "check the server, the database name and the credentials in the URL or the password in ~/.pgpass "
    "(or PGPASSWORD)"
)


def _scheme(text: str) -> str:
    return text.split("://", 1)[0].lower().split("+", 1)[0] if "://" in text else ""


def is_postgres_url(value: str | os.PathLike[str]) -> bool:
    """Whether ``value`` names a PostgreSQL database (``postgresql://…``, ``postgres://…``,
    ``postgresql+psycopg://…``) rather than a SQLite file."""
    return _scheme(str(value)) in POSTGRES_SCHEMES


# libpq's other way to name a database, keyword=value pairs ('host=db port=5432 dbname=gifts user=bob
# password=...'), as psql, libpq's documentation and many a DBA write it: read as a SQLite file's name, it
# opened a ledger of its own in the current folder (a team's batches split over two ledgers, each blind to
# the other's cards) and printed the password in 'No ledger at host=... password=...' (found by
# hunter-hostile7)
_KEYWORD = r"[A-Za-z_]+\s*=\s*(?:'(?:[^'\\]|\\.)*'|[^\s']*)"
_KEYWORD_DSN = re.compile(rf"\s*{_KEYWORD}(?:\s+{_KEYWORD})*\s*")
_LIBPQ_KEYWORDS = re.compile(
    r"(?i)(?:^|\s)(?:host|hostaddr|port|dbname|user|password|passfile|service|sslmode)\s*="
)
_KEYWORD_PASSWORD = re.compile(r"(?i)(\b(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s']*)")


def is_keyword_dsn(value: str | os.PathLike[str]) -> bool:
    """Whether ``value`` is a PostgreSQL connection string in libpq's keyword form ('host=db dbname=x')."""
    text = str(value)
    return bool(_KEYWORD_DSN.fullmatch(text) and _LIBPQ_KEYWORDS.search(text))


# ... and a URL written without its '://' ('postgresql:/bob:pw@db/gifts', 'postgresql:bob@db/gifts',
# 'postgres//bob:pw@db/gifts'): as a path, folders named after it, the password one of them, held a ledger
# of its own (found by hunter-hostile7)
_MISWRITTEN = re.compile(r"(?i)\s*postgres(?:ql)?(?:\+\w+)?(?::/*|/+(?=[^/]*@))(.*)", re.S)


def miswritten_url(value: str | os.PathLike[str]) -> str | None:
    """A PostgreSQL URL written without its '://', as typed and with its password hidden (as
    :func:`display_url` hides it); None for anything else."""
    text = str(value)
    found = None if "://" in text else _MISWRITTEN.fullmatch(text)
    if found is None:
        return None
    return text[: found.start(1)] + display_url(f"postgresql://{found.group(1)}")[len("postgresql://") :]


def sqlite_path(value: str | os.PathLike[str]) -> Path | None:
    """The file a SQLite ledger location names (a plain path, ``sqlite:///relative`` or
    ``sqlite:////absolute``); None for any URL of another database."""
    text = str(value)
    if "://" not in text:
        return Path(text)
    if _scheme(text) != "sqlite":
        return None
    rest = text.split("://", 1)[1]
    if not rest.startswith("/") or len(rest) < 2:  # sqlite://host/… or sqlite:// (memory): not a file
        return None
    return Path(urllib.parse.unquote(rest[1:].split("?", 1)[0]))


def display_url(value: str | os.PathLike[str]) -> str:
    """The location as it may be shown to a person: a path, or a URL with its password hidden (and without
    the driver's name bulkship adds)."""
    text = str(value)
    if "://" not in text:
        if is_keyword_dsn(text):
            return _KEYWORD_PASSWORD.sub(r"\1***", text)
        return miswritten_url(text) or text
    path = sqlite_path(text)
    if path is not None:
        return str(path)
    scheme, rest = text.split("://", 1)
    end = userinfo_end(rest)
    if end >= 0:  # hidden up to the last '@' before the query: never less than the connection takes
        query = rest.find("?", end)
        end = rest.rfind("@", 0, query if query >= 0 else len(rest))
        user = rest[:end]
        rest = (f"{user.split(':', 1)[0]}:***" if ":" in user else user) + rest[end:]
    elif rest.startswith("/"):  # postgresql:///bob:pw@host/db, a slash too many (as sqlite:///): in the path
        first, more, after = rest[1:].partition("/")
        rest = "/" + _password_hidden(first) + more + after
    # libpq takes the password in the query too (?password=..., found by review21: printed in full)
    rest = _QUERY_PARAM.sub(lambda m: m[1] + "***" if _is_password(m[1]) else m[0], rest)
    return f"{scheme.split('+', 1)[0]}://{rest}"


# a parameter of a URL's query, its key with its separator: libpq decodes both key and value, so
# '?pass%77ord=...' is the password as much as '?password=...' (found by hunter-hostile8: printed whole)
_QUERY_PARAM = re.compile(r"([?&][^=&#]*=)([^&#]*)")


def _is_password(key: str) -> bool:
    """Whether a query's ``?key=`` names the password or the SSL key's passphrase, however written."""
    return urllib.parse.unquote(key[1:-1]).strip().lower() in ("password", "sslpassword")


def userinfo_end(rest: str) -> int:
    """Where the user info of a URL ends in ``rest`` (what follows '://'): the index of its '@', or -1 when it
    has none. A password may hold '@' and '/' written as is (a generated one: 'Ab/Cd+9x' from base64,
    'Pg@SeCrEt'), so it ends at the last '@' before the '/' that follows its first '@'; the user holds no '/'.
    The connection (``db.engine``) and :func:`display_url` read it so: a password with '/' was shown whole
    ('Ledger postgresql://bob:Ab/Cd9x+Zq@db/ledger' atop `bulkship status`, found by hunter-hostile5)."""
    first = rest.find("@")
    if first < 0 or "/" in rest[:first].split(":", 1)[0]:
        return -1
    slash = rest.find("/", first)
    if slash < 0:
        return rest.rfind("@")
    # ... and a password holding '@' then '/' ('Ab@SE/CRET@db/ledger'): the database is what follows the
    # last '/' (a database name holds none), so an '@' between the first '/' and that one is the user info's
    # end, and the first '/' the password's. The connection asked host 'SE' (hunter-hostile5's LO4); a
    # database name holding '@' ('@db/led@ger') keeps its own.
    query = rest.find("?", slash)
    last = rest.rfind("/", 0, query if query >= 0 else len(rest))
    if last > slash and "@" in rest[slash:last]:
        return rest.rfind("@", 0, last)
    # ... and such a password in a URL naming no database ('bob:Ab@SE/CRET@host'): what follows the last '/'
    # holds an '@', and is read as the password's tail and the host, never as a database 'CRET@host' on host
    # 'SE': the connection looked up a piece of the password as a host name, and the error named it
    # (hunter-hostile6's LO2). A database name holding '@' is written %40.
    if "@" in rest[last : query if query >= 0 else len(rest)]:
        return rest.rfind("@", 0, query if query >= 0 else len(rest))
    return rest.rfind("@", 0, slash)


def _password_hidden(netloc: str) -> str:
    """``user:password@host`` as ``user:***@host`` (the user info ends at the last '@')."""
    if "@" not in netloc:
        return netloc
    user, host = netloc.rsplit("@", 1)
    return f"{user.split(':', 1)[0]}:***@{host}" if ":" in user else netloc


_SECRETS: set[str] = set()  # the passwords of the ledger URLs this process connected with, and their pieces
_SHORTEST_SECRET = 4  # a piece shorter than this is no secret worth garbling a message for


def remember_secrets(value: str) -> None:
    """Keep the password of a ledger URL, and its pieces, so that no database error repeats them
    (:func:`hidden_secrets`): libpq's own words name the user, database and host it was given, and a URL
    written a little wrong gives it the password as one of those ('postgresql:///bob:pw@db/x', a slash too
    many: 'database "bob:pw@db/x" does not exist', the predecessor's LO1 of hunter-hostile5)."""
    if "://" not in value:
        return
    rest = value.split("://", 1)[1]
    found = [m[2] for m in _QUERY_PARAM.finditer(rest) if _is_password(m[1])]
    end = userinfo_end(rest)
    if end >= 0:
        query = rest.find("?", end)
        user = rest[: rest.rfind("@", 0, query if query >= 0 else len(rest))]
    else:  # in the path: postgresql:///bob:pw@host/db
        user = rest.lstrip("/").split("/", 1)[0].rpartition("@")[0]
    if ":" in user:
        found.append(user.split(":", 1)[1])
    for secret in found:
        for piece in (secret, *re.split(r"[@/:?#]", secret)):
            for form in (piece, urllib.parse.unquote(piece)):
                if len(form) >= _SHORTEST_SECRET:
                    _SECRETS.add(form)


def hidden_secrets(text: str) -> str:
    """``text`` (a database's error) with every password remembered (:func:`remember_secrets`) as '***'."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text
