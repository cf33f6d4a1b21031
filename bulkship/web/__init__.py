"""``bulkship serve``: the web page over the same library as the command line (see :mod:`.app`).

from bulkship.web import create_app, serve
serve(resolve_settings(), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

from .app import DEFAULT_MAX_UPLOAD_BYTES, create_app
from .pagekit import SANDBOX_BANNER
from .server import serve

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "SANDBOX_BANNER", "create_app", "serve"]
