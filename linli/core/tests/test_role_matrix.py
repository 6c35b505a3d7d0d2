"""The role matrix in docs/development.md is the navigation the code gives each role."""

from __future__ import annotations

from pathlib import Path

from django.utils import translation

from linli.core.navigation import NAV_ITEMS
from linli.core.roles import Role, permissions_for

DOC = Path(__file__).resolve().parents[3] / "docs" / "development.md"


def test_the_documented_matrix_is_the_navigation() -> None:
    text = DOC.read_text(encoding="utf-8")
    with translation.override("zh-hans"):
        for role in Role:
            perms = permissions_for(role)
            cells = [
                "✓" if item.permission is None or item.permission in perms else ""
                for item in NAV_ITEMS
            ]
            row = f"| {role.label} (`{role.value}`) | " + " | ".join(cells) + " |"
            assert row in text, row
