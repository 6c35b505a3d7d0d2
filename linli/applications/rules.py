"""Who reviews what, which materials each kind needs, and Shanghai's team-filing criteria.

Sources: 004 三(二) (tiers and who manages each), 001 11 (completeness review and the
applicant's commitment), and Shanghai practice for filing a 群众活动团队 (≥ 10 fixed members, a
responsible person, defined activities, a fixed time and place, a proper name).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.applications.choices import ApplicationKind
from linli.applications.models import FilingRule
from linli.core.roles import Role
from linli.orgs.choices import Tier
from linli.regions.choices import RegionLevel
from linli.regions.models import Region


@dataclass(frozen=True)
class Material:
    code: str
    label: str | Promise
    required: bool = True


MATERIALS: dict[str, tuple[Material, ...]] = {
    ApplicationKind.REGISTRATION: (
        Material("application_letter", gettext_lazy("Registration application letter")),
        Material("charter", gettext_lazy("Draft charter")),
        Material("identity", gettext_lazy("Identity documents of the responsible person")),
        Material("premises", gettext_lazy("Proof of premises")),
        Material("funds", gettext_lazy("Proof of registered funds")),
        Material("sponsor_approval", gettext_lazy("Approval of the supervisory unit"), False),
    ),
    ApplicationKind.FILING: (
        Material("member_list", gettext_lazy("List of members")),
        Material("identity", gettext_lazy("Identity document of the responsible person")),
        Material("venue", gettext_lazy("Proof of the activity venue"), False),
    ),
    ApplicationKind.RECORDING: (),
    ApplicationKind.AMENDMENT: (
        Material("resolution", gettext_lazy("Resolution on the change"), False),
    ),
    ApplicationKind.DEREGISTRATION: (
        Material("resolution", gettext_lazy("Resolution to dissolve")),
        Material("liquidation", gettext_lazy("Liquidation report")),
    ),
    ApplicationKind.FILING_CANCELLATION: (
        Material("resolution", gettext_lazy("Members' decision to dissolve"), False),
    ),
}

# The tier an approved application gives a new organization.
TIER_OF_KIND: dict[str, str] = {
    ApplicationKind.REGISTRATION: Tier.REGISTERED,
    ApplicationKind.FILING: Tier.TEAM,
    ApplicationKind.RECORDING: Tier.GROUP,
}
NEW_ORGANIZATION_KINDS = frozenset(TIER_OF_KIND)

# Which role reviews at which level of reviewing unit.
REVIEWER_ROLE: dict[str, str] = {
    RegionLevel.PROVINCE: Role.CITY_BUREAU,
    RegionLevel.CITY: Role.CITY_BUREAU,
    RegionLevel.DISTRICT: Role.DISTRICT_BUREAU,
    RegionLevel.STREET: Role.STREET_OFFICE,
    RegionLevel.COMMUNITY: Role.COMMITTEE,
}

# A proper team name ends in a word for a kind of organization.
NAME_ENDINGS = (
    "队", "团", "社", "会", "组", "站", "室", "点", "班", "坊", "苑", "家", "部", "中心", "俱乐部",
    "沙龙", "学堂", "工作室", "服务社", "协会", "之家", "联盟", "小组",
)  # fmt: skip
RESERVED_WORDS = ("中国", "中华", "全国", "国际", "国家")


def _up_to(region: Region, level: str) -> Region | None:
    if region.level == level:
        return region
    return next((r for r in reversed(region.ancestors()) if r.level == level), None)


def reviewing_unit(*, kind: str, region: Region, hub_type: str = "", organization=None) -> Region:  # type: ignore[no-untyped-def]
    """The region whose office decides the application."""
    if kind in (
        ApplicationKind.AMENDMENT,
        ApplicationKind.DEREGISTRATION,
        ApplicationKind.FILING_CANCELLATION,
    ):
        unit = (
            organization.registration_authority
            or organization.filing_street
            or organization.guiding_committee
        )
        if unit is None:
            raise ValueError("organization without a managing unit")
        return unit
    if kind == ApplicationKind.REGISTRATION:
        if hub_type == "community_foundation":
            city = next((r for r in region.ancestors() if r.acts_as_city), None)
            if city is not None:
                return city
        unit = _up_to(region, RegionLevel.DISTRICT)
    elif kind == ApplicationKind.FILING:
        unit = _up_to(region, RegionLevel.STREET)
    else:
        unit = region if region.level == RegionLevel.COMMUNITY else None
    if unit is None:
        raise ValueError(f"no reviewing unit for {kind} at {region.code}")
    return unit


@dataclass(frozen=True)
class Criteria:
    min_members: int = 10
    require_responsible_person: bool = True
    require_activity_content: bool = True
    require_time_and_place: bool = True


def filing_criteria(region: Region) -> Criteria:
    """The nearest FilingRule up the tree, else Shanghai's defaults."""

    chain = [region, *reversed(region.ancestors())]
    rules = {r.region_id: r for r in FilingRule.objects.filter(region__in=chain)}
    for candidate in chain:
        rule = rules.get(candidate.pk)
        if rule is not None:
            return Criteria(
                rule.min_members,
                rule.require_responsible_person,
                rule.require_activity_content,
                rule.require_time_and_place,
            )
    return Criteria()


def filing_shortfalls(proposed: dict, region: Region) -> list[str]:  # type: ignore[type-arg]
    """What a team filing lacks against the criteria, in words the applicant understands."""
    criteria = filing_criteria(region)
    problems = []
    if int(proposed.get("member_count") or 0) < criteria.min_members:
        problems.append(
            _(
                "A mass activity team needs at least %(n)d fixed members; smaller circles are "
                "recorded as community activity groups with the residents' committee."
            )
            % {"n": criteria.min_members}
        )
    people = proposed.get("people") or []
    if criteria.require_responsible_person and not any(
        p.get("role") == "responsible" for p in people
    ):
        problems.append(_("Name the team's responsible person."))
    if criteria.require_activity_content and not (proposed.get("business_scope") or "").strip():
        problems.append(_("Describe what the team does (activity content)."))
    if criteria.require_time_and_place and not (
        (proposed.get("activity_time") or "").strip()
        and (proposed.get("activity_place") or "").strip()
    ):
        problems.append(_("Give the team's fixed activity time and place."))
    problems.extend(name_problems(proposed.get("name") or "", registered=False))
    return problems


def name_problems(name: str, *, registered: bool) -> list[str]:
    name = name.strip()
    problems = []
    if len(name) < 4:
        problems.append(
            _("The name is too short: give the place and what the team is, e.g. 天平社区舞蹈队.")
        )
    elif not name.endswith(NAME_ENDINGS):
        problems.append(
            _(
                "The name should end with what kind of organization it is (队, 团, "
                "社, 会, 站, 工作室 …)."
            )
        )
    if not registered and any(word in name for word in RESERVED_WORDS):
        problems.append(_("A community team's name may not use 中国, 中华, 全国, 国际 or 国家."))
    return problems
