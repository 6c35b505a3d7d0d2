from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from linli.accounts.models import User

GOOD = ["Xq7!mountain", "Tai-Chi-2026!", "9Lanterns&Moon", "绿水Qing山7x"]
BAD = [
    ("short1A!", "too short? no — 8 long: accepted below"),
    ("abcdefgh", "one class"),
    ("abcd1234", "two classes, also common pattern"),
    ("Password1", "common password"),
    ("Linli2026!", "platform name"),
    ("Shanghai#2026", "place name"),
    ("12345678", "numeric"),
    ("Aa1!", "too short"),
    ("streetA#2026x", "contains the username"),
]


@pytest.mark.parametrize("password", GOOD)
def test_strong_passwords_pass(password: str) -> None:
    validate_password(password, User(username="someone"))


@pytest.mark.parametrize(("password", "why"), [b for b in BAD if b[0] != "short1A!"])
def test_weak_passwords_fail(password: str, why: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password, User(username="streetA"))


def test_messages_are_chinese() -> None:
    with pytest.raises(ValidationError) as info:
        validate_password("abcdefgh", User(username="x"))
    assert any("三类" in m or "至少" in m for m in info.value.messages)


def test_argon2_is_the_production_hasher() -> None:
    from linli import settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert User(password="x").check_password("x") is False


def test_the_message_says_what_it_found() -> None:
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as info:
        validate_password("Tianping.street#7", User(username="tianping.street"))
    assert (
        info.value.messages[0]
        == "密码中含有您的用户名（tianping.street），请换一个不含用户名的密码。"
    )
    with translation.override("zh-hans"), pytest.raises(ValidationError) as info:
        validate_password("Linli#2026x", User(username="someone"))
    assert "“linli”" in info.value.messages[0]
