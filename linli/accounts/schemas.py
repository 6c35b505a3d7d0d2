from __future__ import annotations

from ninja import Schema


class RegionRef(Schema):
    code: str
    name: str
    level: str


class UserOut(Schema):
    username: str
    full_name: str
    role: str
    region: RegionRef | None
    permissions: list[str]

    @staticmethod
    def resolve_permissions(obj: object) -> list[str]:
        return sorted(obj.get_all_permissions())  # type: ignore[attr-defined]
