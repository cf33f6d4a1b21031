"""bulkship's embedded vendor sandbox: a faithful, durable, fault-injecting stand-in for the gift-card API.

    from bulkship.sandbox import SandboxConfig, Sandbox, create_app
    sandbox = Sandbox(SandboxConfig(state_file=path))        # thread-safe; state survives restarts
    client = httpx.Client(transport=httpx.ASGITransport(app=create_app(sandbox)), base_url="http://sandbox")

It follows ``api-contract.md``; it must never import ``bulkship.client`` (it is the other side of the wire).
"""

from __future__ import annotations

from .app import create_app
from .config import DEFAULT_BALANCE, DEFAULT_CLOCK_SPEED, DEFAULT_TOKEN_TTL, SandboxConfig
from .core import Sandbox
from .refusals import ApiError
from .transport import SyncASGITransport

__all__ = [
    "DEFAULT_BALANCE",
    "DEFAULT_CLOCK_SPEED",
    "DEFAULT_TOKEN_TTL",
    "ApiError",
    "Sandbox",
    "SandboxConfig",
    "SyncASGITransport",
    "create_app",
]
