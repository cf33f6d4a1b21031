"""The sandbox's settings: credentials it accepts, where its state lives, its clock, and its fault knobs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL
from .dialect import DOCUMENTED, Dialect

DEFAULT_BALANCE = Decimal("1000000")
DEFAULT_TOKEN_TTL = 3600
# Sandbox seconds per real second. At 12,000 an order completes ~0.3 real s after creation, its cards ship
# within ~1.5 s, and STANDARD (7 days) delivers ~50 s later: a demo sees the whole lifecycle in a minute.
DEFAULT_CLOCK_SPEED = 12_000.0


# the knobs a running sandbox changes (POST /_sandbox/config); every other one is fixed at its start
LATENCY_KNOBS = ("latency_ms", "order_latency_ms")


@dataclass(frozen=True)
class SandboxConfig:
    """Everything a :class:`~bulkship.sandbox.Sandbox` needs. Rates are probabilities per /v1 request.

    ``clock_speed`` 0 freezes the sandbox clock: only ``advance`` moves it (what tests want).
    ``order_failure_rate`` makes that share of orders end ``Failed`` instead of ``Complete`` (refunded).
    ``dialect`` is how it speaks: the documented API, or the likely-real one (:mod:`.dialect`).
    """

    email: str = SANDBOX_EMAIL
    access_token: str = field(default=SANDBOX_ACCESS_TOKEN, repr=False)
    state_file: Path | None = None  # None: in memory
    balance: Decimal = DEFAULT_BALANCE
    token_ttl: int = DEFAULT_TOKEN_TTL
    seed: int = 0
    latency_ms: int = 0
    order_latency_ms: int = 0  # on top of latency_ms, for order creation only (a slow send, quick reads)
    error_rate: float = 0.0
    timeout_rate: float = 0.0
    throttle_rate: float = 0.0
    rate_limit: float | None = None  # requests per second; None: unlimited
    drop_after_commit_rate: float = 0.0
    webhook_duplicate_rate: float = 0.0
    clock_speed: float = DEFAULT_CLOCK_SPEED
    catalog_file: Path | None = None
    disabled_emails: frozenset[str] = frozenset()
    order_failure_rate: float = 0.0
    dialect: Dialect = DOCUMENTED  # how it answers: documented, or likely-real (see .dialect)

    def __post_init__(self) -> None:
        rates = (
            "error_rate",
            "timeout_rate",
            "throttle_rate",
            "drop_after_commit_rate",
            "webhook_duplicate_rate",
            "order_failure_rate",
        )
        for name in rates:
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"Sandbox --{name.replace('_', '-')} must be between 0 and 1, not {value}")
        for name in LATENCY_KNOBS:
            if getattr(self, name) < 0:
                raise ConfigError(
                    f"Sandbox --{name.replace('_', '-')} must be 0 or more, not {getattr(self, name)}"
                )
        if self.token_ttl < 1:
            raise ConfigError(f"Sandbox --token-ttl must be at least 1 second, not {self.token_ttl}")
        if self.rate_limit is not None and self.rate_limit <= 0:
            raise ConfigError(f"Sandbox --rate-limit must be above 0 requests/s, not {self.rate_limit}")
        if self.clock_speed < 0:
            raise ConfigError(f"Sandbox clock speed must be 0 or more, not {self.clock_speed}")
        if Decimal(self.balance) < 0:
            raise ConfigError(f"Sandbox --balance must be 0 or more, not {self.balance}")
        if not self.email or not self.access_token:
            raise ConfigError("The sandbox needs an email and an access token to accept")

    def knobs(self) -> dict[str, Any]:
        """The settings as JSON-ready values, without the access token (credentials never go to output)."""
        data = asdict(self)
        data.pop("access_token")
        data["balance"] = float(self.balance)
        data["state_file"] = str(self.state_file) if self.state_file else None
        data["catalog_file"] = str(self.catalog_file) if self.catalog_file else None
        data["disabled_emails"] = sorted(self.disabled_emails)
        data["dialect"] = self.dialect.text
        return data
