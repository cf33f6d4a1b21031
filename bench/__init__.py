"""Benchmarks for bulkship: ``python -m bench`` (see README)."""
