"""Uploaded ledgers waiting for confirmation: outside the web root, random names, SM4-encrypted
(they hold ID numbers and phones), read back only by name from our own database row."""

from __future__ import annotations

import base64
import os
import re
import secrets
from pathlib import Path

from django.conf import settings

from linli.core import crypto
from linli.core.errors import DomainError

STORED_NAME = re.compile(r"^[0-9a-f]{32}\.xlsx\.enc$")


def pending_dir() -> Path:
    root = Path(settings.VAR_DIR) / "ledger-imports"
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def store_pending(content: bytes) -> str:
    stored_name = secrets.token_hex(16) + ".xlsx.enc"
    sealed = crypto.encrypt(base64.b64encode(content).decode("ascii"))
    path = pending_dir() / stored_name
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(sealed)
    return stored_name


def _path_of(stored_name: str) -> Path:
    if not STORED_NAME.match(stored_name):
        raise DomainError("invalid stored name")
    return pending_dir() / stored_name


def read_pending(stored_name: str) -> bytes:
    try:
        sealed = _path_of(stored_name).read_text(encoding="ascii")
        return base64.b64decode(crypto.decrypt(sealed))
    except (OSError, crypto.DecryptionError) as exc:
        raise FileNotFoundError(stored_name) from exc


def delete_pending(stored_name: str) -> None:
    if stored_name:
        _path_of(stored_name).unlink(missing_ok=True)
