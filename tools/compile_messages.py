#!/usr/bin/env python3
"""Compile every django.po under linli/locale into django.mo with polib (no GNU gettext needed).

The .mo files are committed so that a fresh machine needs no compiler; a test checks that each
.mo matches its .po.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "linli" / "locale"


def compile_all(check: bool = False) -> int:
    stale = 0
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        catalog = polib.pofile(str(po_path))
        untranslated = [e.msgid for e in catalog.untranslated_entries()]
        fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
        if untranslated or fuzzy:
            print(f"{po_path}: untranslated {untranslated[:5]} fuzzy {fuzzy[:5]}", file=sys.stderr)
            stale += 1
        data = catalog.to_binary()
        if check:
            if not mo_path.exists() or mo_path.read_bytes() != data:
                print(f"{mo_path} is out of date: run `make messages`", file=sys.stderr)
                stale += 1
        else:
            mo_path.write_bytes(data)
    return stale


if __name__ == "__main__":
    sys.exit(1 if compile_all(check="--check" in sys.argv) else 0)
