"""Data that no user entered: the demo of `make run`, generated registries at Shanghai and
national scale, generated ledgers, and the HTTP benchmark that reads them.

This package may import every app (it writes their tables in bulk and drives their pages) and no
app imports it, so nothing a user meets depends on generated data (see the import contracts in
pyproject.toml). Its commands: ``seed_demo``, ``generate_communities``, ``generate_dataset``,
``generate_ledger`` and ``bench``.
"""
