"""The ledger's schema migrations (Alembic), run by :func:`bulkship.db.upgrade`; ``versions/`` holds one
module per revision, applied in order."""
