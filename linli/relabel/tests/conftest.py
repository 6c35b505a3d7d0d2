"""Organizations whose registry labels disagree with the classifier, at known places."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from conftest import make_org


@dataclass
class Stock:
    wrong_sure: Any  # 舞蹈队 filed as charity: the classifier is sure it is culture_sports
    missing_tag: Any  # 志愿服务队, right category, no tags: the classifier adds 志愿
    unsure: Any  # 阳光家园: no keyword, low confidence, the classifier disagrees
    right: Any  # already right: unchanged
    other_street: Any  # a wrong one in street B (湖南路)
    other_district: Any  # a wrong one in 黄浦区


@pytest.fixture
def stock(db: Any) -> Stock:
    return Stock(
        wrong_sure=make_org("永嘉新村社区舞蹈队", "team", "charity", "310104003002"),
        missing_tag=make_org("天平路第一社区志愿服务队", "team", "charity", "310104003001"),
        unsure=make_org("天平社区阳光家园", "group", "life_service", "310104003001"),
        right=make_org(
            "天平社区合唱团", "team", "culture_sports", "310104003001", tags=["culture"]
        ),
        other_street=make_org("武康路社区书画社", "team", "charity", "310104004002"),
        other_district=make_org("南京东路太极拳队", "team", "charity", "310101002001"),
    )
