"""Text the platform refuses: control characters (SECURITY.md, "Input, files and output").

A pasted NUL, bell or escape character is invisible in a form and corrupts exports and other
systems downstream. Every text field refuses them; a text area still takes tab and line breaks.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f]")  # every C0 control character and DEL
MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # the same but tab, LF and CR

MESSAGE = _(
    "Remove the invisible control characters (such as NUL, or a tab or line break in a "
    "one-line field) from this text."
)
# Django's own Chinese for this message says "empty strings" are not allowed; the project's
# catalog gives it right (it takes precedence over Django's).
NULL_MESSAGE = _("Null characters are not allowed.")


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    return bool((MULTI_LINE if multiline else SINGLE_LINE).search(text))


@deconstructible
class NoControlCharacters:
    """A field validator: ValidationError (code ``control_characters``) for such text."""

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        if isinstance(value, str) and has_control_characters(value, multiline=self.multiline):
            raise ValidationError(MESSAGE, code="control_characters")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash(self.multiline)
