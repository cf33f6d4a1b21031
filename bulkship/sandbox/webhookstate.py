"""The sandbox's FulfillmentComplete webhooks as its state file keeps them: the due ones claimed, each
attempt's end recorded. A part of :class:`~.core.Sandbox`, which inherits it (moved out of :mod:`.core`);
:mod:`.webhooks` posts them."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Any

from . import webhooks
from .config import SandboxConfig
from .lifecycle import render_order
from .store import Store


class WebhookState:
    """The webhook methods of :class:`~.core.Sandbox`, on its lock, state file, settings and generator."""

    _lock: threading.RLock
    store: Store
    config: SandboxConfig
    _webhook_rng: random.Random
    _time: Callable[[], float]

    def _wall_now(self) -> float:
        raise NotImplementedError  # Sandbox's

    # -- used by webhooks.py --------------------------------------------------------------------------------

    def _claim_due_webhooks(self) -> list[tuple[str, str, int, dict[str, Any]]]:
        with self._lock, self.store.write():
            clock = self.store.clock()
            real = self._time()
            wall = clock.wall_now(real)
            sandbox_now = clock.sandbox_now(real)
            due = self.store.due_webhooks(sandbox_now, wall, wall - webhooks.STALE_CLAIM_S)
            claimed = []
            for order_id, url, attempts in due:
                row = self.store.order_by_id(order_id)
                if row is None:
                    continue
                self.store.claim_webhook(order_id, wall)
                payload = self.config.dialect.body(render_order(row, sandbox_now))  # as the API answers
                claimed.append((order_id, url, attempts, payload))
            return claimed

    def _draw_duplicate(self) -> bool:
        with self._lock:
            return self._webhook_rng.random() < self.config.webhook_duplicate_rate

    def _finish_webhook(self, order_id: str, attempts: int, accepted: int, error: str | None) -> None:
        with self._lock, self.store.write():
            wall = self._wall_now()
            if accepted:
                state, next_at = "delivered", wall
            elif attempts > webhooks.MAX_RETRIES:
                state, next_at = "failed", wall
            else:
                state, next_at = "pending", wall + webhooks.backoff_s(attempts)
            self.store.finish_webhook(
                order_id,
                state=state,
                attempts=attempts,
                deliveries=accepted,
                next_attempt_at=next_at,
                error=error,
            )
