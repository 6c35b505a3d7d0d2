"""The workbench: where every signed-in user starts, with the few numbers and tasks of their role.

It reads several domain apps (regions, the statistics rollups, applications), so it lives in an
app of its own above them; no app imports it (see the import contracts in pyproject.toml).
"""
