from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend

from linli.core.roles import permissions_for


class RolePermissionBackend(BaseBackend):
    """Grants the permissions of the user's role (linli.core.roles); authenticates nobody."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return set(permissions_for(getattr(user_obj, "role", "")))

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)


class PasswordBackend(ModelBackend):
    """Checks passwords like Django's ModelBackend but grants no permissions of its own: they come
    from the role alone, so a page does not query the permission tables on every request."""

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_user(self, user_id: Any) -> Any:
        # Each request reads the user; their region (jurisdiction, header) comes in the same query.
        user = get_user_model()._default_manager.select_related("region").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
