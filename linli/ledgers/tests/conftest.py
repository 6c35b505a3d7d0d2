from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def ledger_settings(settings: Any, tmp_path: Any) -> None:
    """Imports run within the request (no thread) and pending files go to a temporary VAR_DIR."""
    settings.LEDGER_IMPORT_IN_BACKGROUND = False
    settings.VAR_DIR = tmp_path
