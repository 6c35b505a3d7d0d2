"""Request and response bodies of the classification API.

Validation messages are written in Chinese here, not left to pydantic's English defaults, so a
caller may show them as they are: the "before" validators check presence, type and length
themselves.  They raise PydanticCustomError, whose text is kept verbatim (pydantic would prefix
a plain ValueError's text with "Value error, ").
"""

from __future__ import annotations

from typing import Any, Final

from ninja import Field, Schema
from pydantic import field_validator, model_validator
from pydantic_core import PydanticCustomError

from linli.core.schemas import InputSchema

from .engine import Classification

NAME_MAX_LENGTH: Final = 200
SCOPE_MAX_LENGTH: Final = 2000


def _has(data: Any, key: str) -> bool:
    """Whether the body has ``key``; ninja passes it wrapped in a DjangoGetter, not as a dict."""
    return key in data if isinstance(data, dict) else hasattr(data, key)


class ClassifyIn(InputSchema):
    name: str = Field(
        description=f"The organization's name, 1–{NAME_MAX_LENGTH} characters after trimming.",
        examples=["田林街道太极拳队"],
        json_schema_extra={"minLength": 1, "maxLength": NAME_MAX_LENGTH, "pattern": "\\S"},
    )
    scope: str | None = Field(
        default="",
        description=f"Its business scope (业务范围), optional, at most {SCOPE_MAX_LENGTH} "
        "characters after trimming; adds evidence at half weight; null is the same as empty.",
        examples=["组织居民开展太极拳健身活动"],
        json_schema_extra={"maxLength": SCOPE_MAX_LENGTH},
    )

    @model_validator(mode="before")
    @classmethod
    def _name_is_given(cls, data: Any) -> Any:
        if not _has(data, "name"):
            raise PydanticCustomError("name_missing", "请填写组织名称")
        return data

    @field_validator("name", mode="before")
    @classmethod
    def _clean_name(cls, value: Any) -> str:
        if not isinstance(value, str):
            raise PydanticCustomError("name_type", "组织名称应为文本")
        value = value.strip()
        if not value:
            raise PydanticCustomError("name_empty", "组织名称不能为空")
        if len(value) > NAME_MAX_LENGTH:
            raise PydanticCustomError(
                "name_too_long", f"组织名称不能超过 {NAME_MAX_LENGTH} 个字（现有 {len(value)} 个）"
            )
        return value

    @field_validator("scope", mode="before")
    @classmethod
    def _clean_scope(cls, value: Any) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise PydanticCustomError("scope_type", "业务范围应为文本")
        value = value.strip()
        if len(value) > SCOPE_MAX_LENGTH:
            raise PydanticCustomError(
                "scope_too_long",
                f"业务范围不能超过 {SCOPE_MAX_LENGTH} 个字（现有 {len(value)} 个）",
            )
        return value


class ClassifyOut(Schema):
    category: str = Field(
        description="Category code: charity, life_service, community_affairs or culture_sports."
    )
    category_label: str = Field(description="The category's Chinese name, e.g. 文体活动类.")
    confidence: float = Field(
        description="0–1, three decimals; below 0.5 the suggestion should be checked by hand."
    )
    tags: list[str] = Field(description="Service-field tags (Chinese names), possibly none.")
    reasons: list[str] = Field(description="Why, in Chinese, for the reviewer.")

    @classmethod
    def from_result(cls, result: Classification) -> ClassifyOut:
        return cls(
            category=result.category,
            category_label=result.category_label,
            confidence=result.confidence,
            tags=list(result.tags),
            reasons=list(result.reasons),
        )
