from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from linli.accounts.models import ApiToken, User


def user_list(*, user: Any, query: str = "", role: str = "") -> QuerySet[User]:
    users = User.objects.restrict(user).select_related("region")
    if query:
        users = users.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    if role:
        users = users.filter(role=role)
    return users.order_by("region__code", "username")


def user_get(*, user: Any, user_id: int) -> User:
    return User.objects.select_related("region").get_in_scope(user, pk=user_id)


def tokens_of(*, user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")
