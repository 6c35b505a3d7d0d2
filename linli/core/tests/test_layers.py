"""The import contracts of pyproject.toml hold: apps import only the apps below them (the
foundation, core → regions → accounts, imports no domain app; nothing imports linli.demo or
linli.workbench) and no module of an app is part of an import cycle."""

from __future__ import annotations

from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[3]
FOUNDATION = ("linli.core", "linli.regions", "linli.accounts")
DOMAIN = (
    "linli.classify", "linli.orgs", "linli.activities", "linli.applications", "linli.evaluation",
    "linli.talent", "linli.stats", "linli.ledgers", "linli.relabel", "linli.workbench",
    "linli.demo",
)  # fmt: skip


def test_the_import_contracts_are_kept(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_the_foundation_imports_no_domain_app() -> None:
    graph = grimp.build_graph("linli", exclude_type_checking_imports=True)
    found = [
        (importer, imported)
        for app in FOUNDATION
        for importer in graph.find_descendants(app) | {app}
        if ".tests" not in importer
        for imported in graph.find_modules_directly_imported_by(importer)
        if imported.startswith(tuple(f"{d}." for d in DOMAIN)) or imported in DOMAIN
    ]
    assert found == []
