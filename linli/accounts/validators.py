"""Password rules beyond Django's: character classes and words from this context."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CLASSES = (
    re.compile(r"[a-z]"),
    re.compile(r"[A-Z]"),
    re.compile(r"[0-9]"),
    re.compile(r"[^a-zA-Z0-9]"),
)

DEFAULT_CONTEXT_WORDS = (
    "linli",
    "shanghai",
    "hainan",
    "minzheng",
    "mzj",
    "shequ",
    "admin",
    "password",
    "passw0rd",
    "qwerty",
    "asdf",
    "welcome",
    "iloveyou",
    "woaini",
    "123456",
    "abc123",
)


class CharacterClassesValidator:
    """At least ``min_classes`` of lower case, upper case, digits and symbols."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if sum(1 for pattern in CLASSES if pattern.search(password)) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must mix at least %(n)d kind of character.",
            "Your password must mix at least %(n)d of: lower-case letters, upper-case letters, "
            "digits and symbols.",
            self.min_classes,
        ) % {"n": self.min_classes}


class ContextWordsValidator:
    """Refuse passwords built on the platform's name, places or keyboard patterns."""

    def __init__(self, words: tuple[str, ...] = DEFAULT_CONTEXT_WORDS) -> None:
        self.words = tuple(w.lower() for w in words)

    def validate(self, password: str, user: Any = None) -> None:
        """Says which word it found: "contains your username" is what a user can act on, where
        Django's similarity message read as if the password merely may not *be* the username."""
        lowered = password.lower()
        username = (getattr(user, "username", "") or "").lower()
        if len(username) >= 4 and username in lowered:
            raise ValidationError(
                _("Your password contains your username (%(name)s): choose one without it.")
                % {"name": user.username},
                code="password_contains_username",
            )
        found = next((w for w in self.words if len(w) >= 4 and w in lowered), None)
        if found is not None:
            raise ValidationError(
                _(
                    "Your password contains “%(word)s”, which anyone could guess (the platform's "
                    "name, a place or a common pattern): choose one without it."
                )
                % {"word": found},
                code="password_context_word",
            )

    def get_help_text(self) -> str:
        return _(
            "Your password must not contain the platform's name, your username or common patterns."
        )
