"""Per-module valid calls of coordlab's public API, aggregated by tests/api_examples.py (one file per module)."""
