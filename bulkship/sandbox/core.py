"""The sandbox vendor itself, independent of HTTP: tokens, catalog, orders, money, clock and webhooks.

Every public method is thread-safe (one re-entrant lock around the store). Vendor-side refusals raise
:class:`~.refusals.ApiError` carrying the status code and the PascalCase body the API answers with.
"""

from __future__ import annotations

import hmac
import logging
import random
import secrets
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..errors import ConfigError
from . import webhooks
from .catalog import load_catalog
from .config import LATENCY_KNOBS, SandboxConfig
from .faults import Faults
from .lifecycle import DAY, iso, render_order, schedule_order
from .orders import OrderInvalid, ValidOrder, lower_keys, po_number_errors, validate_order
from .refusals import ApiError, check_paging, invalid_order
from .store import Clock, OrderRow, Store
from .webhookstate import WebhookState

log = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 100
IDLE_GAP_S = 60.0  # no sandbox seen for this long (real seconds): the clock ran at real speed meanwhile
TOUCH_EVERY_S = 5.0
PENDING_DEPOSIT_CLEARS_AFTER_S = DAY  # a pending deposit becomes Available one sandbox day later


def _cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _money(cents: int) -> float:
    return float(Decimal(cents) / 100)


class Sandbox(WebhookState):
    """A fake gift-card vendor with durable state. ``time_source``/``monotonic`` are injectable for tests."""

    def __init__(
        self,
        config: SandboxConfig | None = None,
        *,
        time_source: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config or SandboxConfig()
        self.catalog = load_catalog(self.config.catalog_file)
        self._time = time_source
        self._monotonic = monotonic
        self._lock = threading.RLock()
        self._tokens: dict[str, tuple[str, float]] = {}
        self._last_touch = float("-inf")
        self._seed_generators()
        self.store = Store(self.config.state_file)
        with self._lock, self.store.write():
            if not self.store.is_initialised():
                self.store.initialise(
                    real_now=self._time(),
                    speed=self.config.clock_speed,
                    balance_cents=_cents(Decimal(self.config.balance)),
                )
            else:
                self._reanchor_clock()

    def _seed_generators(self) -> None:
        seed = self.config.seed
        self.faults = Faults(self.config, self._monotonic)
        self._order_rng = random.Random(f"{seed}:orders")
        self._webhook_rng = random.Random(f"{seed}:webhooks")

    def _reanchor_clock(self) -> None:
        """Keep sandbox time continuous across instances. The clock runs fast only while some sandbox is open:
        time that passed with none open counts at real speed, so that `run` today and `track` tomorrow see
        one day pass, not 33 years. A change of speed also starts from the current sandbox time."""
        clock = self.store.clock()
        real = self._time()
        last_seen = float(self.store.meta("last_seen_real") or clock.anchor_real)
        idle = real - last_seen
        if idle > IDLE_GAP_S:
            sandbox_at = clock.sandbox_now(last_seen) + idle - clock.advanced
        elif clock.speed != self.config.clock_speed:
            sandbox_at = clock.sandbox_now(real) - clock.advanced
        else:
            return
        self.store.set_clock(Clock(real, sandbox_at, self.config.clock_speed, clock.advanced))
        self.store.set_meta("last_seen_real", repr(real))

    def _touch(self) -> None:
        """Record that a sandbox is open (at most every few seconds), for :meth:`_reanchor_clock`."""
        real = self._time()
        if real - self._last_touch >= TOUCH_EVERY_S:
            self._last_touch = real
            with self.store.write():
                self.store.set_meta("last_seen_real", repr(real))

    def close(self) -> None:
        with self._lock:
            self._last_touch = float("-inf")
            try:
                self._touch()
            except sqlite3.Error:
                pass  # a hint for its clock: a full disk here hid the run's own error behind a traceback
            finally:
                self.store.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- clocks ---------------------------------------------------------------------------------------------

    def now(self) -> float:
        """Sandbox time (epoch seconds) that drives the order lifecycle."""
        with self._lock:
            self._touch()
            return self.store.clock().sandbox_now(self._time())

    def _wall_now(self) -> float:
        return self.store.clock().wall_now(self._time())

    def advance(self, seconds: float) -> float:
        """Move both sandbox clocks forward (persisted); returns the new sandbox time."""
        if seconds < 0:
            raise ConfigError(f"The sandbox clock only moves forward; cannot advance by {seconds} seconds")
        with self._lock, self.store.write():
            clock = self.store.clock()
            moved = Clock(clock.anchor_real, clock.anchor_sandbox, clock.speed, clock.advanced + seconds)
            self.store.set_clock(moved)
            return moved.sandbox_now(self._time())

    # -- authentication -------------------------------------------------------------------------------------

    def issue_token(self, email: str | None, access_token: str | None) -> dict[str, Any]:
        if not email or not access_token:
            raise ApiError(401, "Send the Email and AccessToken headers to get a token.")
        if email.strip().lower() in {e.lower() for e in self.config.disabled_emails}:
            raise ApiError(403, "API access is disabled for these credentials. Contact the vendor.")
        email_ok = email.strip().lower() == self.config.email.lower()
        token_ok = hmac.compare_digest(access_token.encode(), self.config.access_token.encode())
        if not (email_ok and token_ok):
            raise ApiError(401, "Invalid Email or AccessToken.")
        value = secrets.token_urlsafe(32)
        with self._lock, self.store.write():
            wall = self._wall_now()
            expires_at = wall + self.config.token_ttl
            self.store.add_token(value, email.strip(), expires_at, wall)
            self._tokens[value] = (email.strip(), expires_at)
        return {"Value": value, "ExpiresIn": self.config.token_ttl}

    def authenticate(self, authorization: str | None) -> None:
        """Raise 401 for a missing, unknown or expired bearer token, 403 for disabled credentials."""
        scheme, _, value = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(
                401, "Missing bearer token: POST /v1/Tokens first, then send Authorization: Bearer."
            )
        value = value.strip()
        with self._lock:
            known = self._tokens.get(value) or self.store.token(value)
            if known is None:
                raise ApiError(401, "Invalid token.")
            email, expires_at = known
            if self._wall_now() >= expires_at:
                raise ApiError(401, "Token expired: POST /v1/Tokens for a new one.")
        if email.lower() in {e.lower() for e in self.config.disabled_emails}:
            raise ApiError(403, "API access is disabled for these credentials. Contact the vendor.")

    # -- catalog --------------------------------------------------------------------------------------------

    def products_page(self, page_index: int = 1, page_size: int = DEFAULT_PAGE_SIZE) -> dict[str, Any]:
        page_index, page_size = check_paging(page_index, page_size)
        products = self.catalog.products
        start = (page_index - 1) * page_size
        return {
            "Page": page_index,
            "PageSize": page_size,
            "TotalCount": len(products),
            "Data": [dict(p) for p in products[start : start + page_size]],
        }

    def shipping_methods(self) -> list[dict[str, Any]]:
        return [dict(m) for m in self.catalog.shipping_methods]

    # -- orders ---------------------------------------------------------------------------------------------

    def create_order(self, body: Any) -> dict[str, Any]:
        """Validate, check for a duplicate PONumber and for funds, debit and store: the 201 body."""
        lowered = lower_keys(body)
        po_number, po_problems = po_number_errors(lowered) if isinstance(lowered, dict) else (None, [])
        valid: ValidOrder | None = None
        invalid: OrderInvalid | None = None
        try:
            valid = validate_order(lowered, self.catalog)
        except OrderInvalid as exc:
            invalid = exc
        with self._lock:
            with self.store.write():
                if po_number and not po_problems:
                    self._refuse_duplicate(po_number)
                if invalid is not None:
                    raise invalid_order(invalid)
                assert valid is not None
                row = self._new_order_row(valid)
                self.store.insert_order(row)
            return render_order(row, self.now())

    def _refuse_duplicate(self, po_number: str) -> None:
        existing = self.store.order_id_by_po(po_number)
        if existing is not None:
            raise ApiError(
                409,
                f"Duplicate PONumber {po_number!r}: order {existing} has it; nothing new was created.",
                Id=existing,
                PreviousOrderIds=[existing],
            )

    def _new_order_row(self, valid: ValidOrder) -> OrderRow:
        now = self.store.clock().sandbox_now(self._time())
        cost_cents = _cents(valid.cost)
        available, _pending = self.store.balance_cents(now)
        if cost_cents > available:
            raise ApiError(
                422,
                f"Insufficient funds: the order costs {_money(cost_cents):.2f} USD but only "
                f"{_money(available):.2f} USD is Available. Nothing was debited.",
                Required=_money(cost_cents),
                Available=_money(available),
            )
        order_id = str(uuid.uuid4())
        fails = self._order_rng.random() < self.config.order_failure_rate
        complete_at, stored = schedule_order(
            valid, order_id=order_id, created_at=now, seed=self.config.seed, fails=fails
        )
        return OrderRow(
            seq=0,
            id=order_id,
            po_number=valid.po_number,
            created_at=now,
            complete_at=complete_at,
            fails=fails,
            cost_cents=cost_cents,
            webhook_url=valid.webhook_url,
            body=stored,
        )

    def get_order(self, order_id: str) -> dict[str, Any]:
        with self._lock:
            row = self.store.order_by_id(order_id)
            if row is None:
                raise ApiError(404, f"No order with Id '{order_id}'.")
            return render_order(row, self.now())

    def list_orders(
        self, page_index: int = 1, page_size: int = DEFAULT_PAGE_SIZE, po_number: str | None = None
    ) -> dict[str, Any]:
        page_index, page_size = check_paging(page_index, page_size)
        with self._lock:
            now = self.now()
            total = self.store.count_orders(po_number)
            rows = self.store.orders_page((page_index - 1) * page_size, page_size, po_number)
            return {
                "Page": page_index,
                "PageSize": page_size,
                "TotalCount": total,
                "Data": [render_order(row, now) for row in rows],
            }

    def orders(self) -> list[dict[str, Any]]:
        """Every order as the API would return it now, oldest first."""
        with self._lock:
            now = self.now()
            return [render_order(r, now) for r in self.store.orders_page(0, -1)]

    # -- money ----------------------------------------------------------------------------------------------

    def balance(self) -> dict[str, Any]:
        with self._lock:
            available, pending = self.store.balance_cents(self.now())
        return {"Available": _money(available), "Pending": _money(pending), "CurrencyCode": "USD"}

    def fund(self, amount: Decimal | float | str | None, *, pending: bool = False) -> dict[str, Any]:
        """Deposit money: Available at once, or Pending for one sandbox day when ``pending``."""
        try:
            value = Decimal(str(amount))
        except ArithmeticError:
            raise ConfigError(f"Cannot fund the sandbox with '{amount}': not a number") from None
        if not value.is_finite() or value <= 0:
            raise ConfigError(f"Cannot fund the sandbox with {amount}: the amount must be above 0")
        with self._lock, self.store.write():
            now = self.store.clock().sandbox_now(self._time())
            self.store.add_deposit(_cents(value), now + PENDING_DEPOSIT_CLEARS_AFTER_S if pending else 0)
        return self.balance()

    # -- administration -------------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every order, token and deposit; the balance and the clock start afresh."""
        with self._lock:
            with self.store.write():
                self.store.clear()
                self.store.initialise(
                    real_now=self._time(),
                    speed=self.config.clock_speed,
                    balance_cents=_cents(Decimal(self.config.balance)),
                )
            self._tokens.clear()
            self._seed_generators()

    def knobs(self) -> dict[str, Any]:
        with self._lock:
            now = self.now()
        return {**self.config.knobs(), "sandbox_now": iso(now), "faults_injected": dict(self.faults.counts)}

    def set_latency(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Change how long answers take while the sandbox runs (``latency_ms``, ``order_latency_ms``): a
        window a test opened with a slow send, closed once used. The other knobs are fixed at start."""
        if not changes or set(changes) - set(LATENCY_KNOBS):
            raise ApiError(400, f"Send a JSON object of {' and/or '.join(LATENCY_KNOBS)} (milliseconds).")
        if any(isinstance(v, bool) or not isinstance(v, int) for v in changes.values()):
            raise ApiError(400, "Latencies are whole milliseconds, 0 or more.")
        with self._lock:
            self.config = replace(self.config, **changes)  # checked as at start: 0 or more
            self.faults.config = self.config
        return self.knobs()

    def webhook_log(self) -> list[dict[str, Any]]:
        with self._lock:
            return self.store.webhooks()

    def deliver_due_webhooks(self) -> int:
        """POST the FulfillmentComplete webhooks that are due now; returns how many were accepted (2xx)."""
        return webhooks.deliver_due(self)
