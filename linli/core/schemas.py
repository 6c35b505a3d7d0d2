"""The base of every API input schema: text with control characters is refused (422, the field
named) before an operation sees it, as every form refuses it (linli.core.validators)."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from linli.core.validators import MESSAGE, has_control_characters


class InputSchema(Schema):
    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        # Line breaks and tabs pass here (an API field may be a text area's); the registry's
        # services refuse them in one-line fields (orgs.services.TEXT_FIELDS).
        if isinstance(value, str) and has_control_characters(value, multiline=True):
            # PydanticCustomError keeps the message as it is (a ValueError's gets a prefix).
            raise PydanticCustomError("control_characters", str(MESSAGE))
        return value
