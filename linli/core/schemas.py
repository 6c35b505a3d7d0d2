"""The base of every API input schema: text with control characters is refused (422, the field
named) before an operation sees it, as every form refuses it (linli.core.validators)."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from linli.core.validators import MESSAGE, has_control_characters

# What the validator below accepts, said in the schema so that clients (and schemathesis) know.
TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"


def _document_text(schema: dict[str, Any], model: Any = None) -> None:
    for prop in schema.get("properties", {}).values():
        for member in [prop, *prop.get("anyOf", [])]:
            if member.get("type") == "string" and "format" not in member and "enum" not in member:
                member.setdefault("pattern", TEXT_PATTERN)


class InputSchema(Schema):
    model_config = ConfigDict(json_schema_extra=_document_text)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        # Line breaks and tabs pass here (an API field may be a text area's); the registry's
        # services refuse them in one-line fields (orgs.services.TEXT_FIELDS).
        if isinstance(value, str) and has_control_characters(value, multiline=True):
            # PydanticCustomError keeps the message as it is (a ValueError's gets a prefix).
            raise PydanticCustomError("control_characters", str(MESSAGE))
        return value
