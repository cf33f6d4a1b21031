"""The vendor API's bearer token: the credentials and the token kept out of every repr, log line and
traceback (:class:`_Secret`), and the answer of ``POST /v1/Tokens`` read (:func:`token_answered`): a
refusal of the credentials, whatever its status, or the token and when to refresh it. Asking for it, once
however many requests wait, is :class:`~.transport._Transport`'s."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from ..errors import AuthenticationError, TerminalVendorError
from .bodies import json_body
from .parse import decimal, field, text
from .policy import TOKEN_REFRESH_FRACTION, token_lifetime_s
from .refusals import CREDENTIALS_HINT, error_body, error_message, error_of

# What POST /v1/Tokens may answer to credentials it does not take, besides the documented 401 (its refusals
# are not documented): 400 as an OAuth-style token endpoint does (invalid_grant), 422 as a validation failure.
# 403 stays "API access disabled"; 404, 408, 429 and 5xx keep their own meanings.
TOKEN_REFUSALS = frozenset({400, 409, 410, 412, 422})


class _Secret:
    """A string that never shows itself in a repr, a log line or a traceback's locals."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<hidden>"

    __str__ = __repr__


@dataclass(frozen=True, repr=False)
class _Token:
    secret: _Secret
    refresh_at: float  # on the client's monotonic clock

    def __repr__(self) -> str:
        return "<token hidden>"


def token_answered(response: httpx.Response, base_url: str, now: float) -> _Token:
    """The token ``POST /v1/Tokens`` answered (refreshed after a share of its lifetime from ``now``, on the
    client's monotonic clock), or the error it is."""
    status = response.status_code
    if status == 401 or status in TOKEN_REFUSALS:
        # a refusal of the credentials, whatever its status: never the refusal of the order or read that
        # needed the token (a 400 there failed an order's rows that were never sent)
        body = error_body(response)
        said = error_message(body)
        raise AuthenticationError(
            f"The vendor API at {base_url} did not accept these credentials ({status}"
            + (f": {said}" if said and status != 401 else "")
            + ")",
            hint=CREDENTIALS_HINT,
            status_code=status,
            body=body,
        )
    if not response.is_success:
        raise error_of(response, "POST /v1/Tokens")
    body = json_body(response, base_url, "POST", "/v1/Tokens")
    value = text(body, "Value", "Token", "AccessToken", "access_token")  # (OAuth's spelling too)
    if not value:
        raise TerminalVendorError(
            f"The vendor API at {base_url} answered POST /v1/Tokens without a token",
            hint="is --api-url the vendor's API root?",
            status_code=response.status_code,
        )
    lifetime = decimal(field(body, "ExpiresIn", "Expires_In", "ExpiresInSeconds"))
    seconds = token_lifetime_s(float(lifetime) if lifetime is not None else None)
    return _Token(_Secret(value), refresh_at=now + TOKEN_REFRESH_FRACTION * seconds)
