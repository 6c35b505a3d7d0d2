"""The HTTP benchmark behind ``manage.py bench`` (docs/performance.md)."""
