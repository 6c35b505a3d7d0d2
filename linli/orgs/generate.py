"""Generated registries for demos and benchmarks: realistic names, tiers, categories, tags and
responsible people, deterministic for a seed.

Names come from the hand-written stems of the classifier's labelled set
(linli/classify/data/stems.txt), rendered with the real place: "永嘉新村社区舞蹈队" for a team,
"上海市徐汇区天平社区公益基金会" for a registered organization.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from stdnum.cn import ric

from linli.classify.data.build_labelled import Stem, read_stems
from linli.classify.vocabulary import TAGS
from linli.core import crypto
from linli.orgs.choices import LegalForm, PartyBuilding, PersonRole, Tier
from linli.orgs.models import Membership, Organization, OrganizationTag, Person
from linli.orgs.search import initials_of, tokens_for
from linli.regions.models import Region

TAG_CODE_BY_NAME = {tag.name: tag.code for tag in TAGS}
TIER_WEIGHTS = ((Tier.REGISTERED, 0.08), (Tier.TEAM, 0.55), (Tier.GROUP, 0.37))
TIER_LETTER = {Tier.REGISTERED: "R", Tier.TEAM: "T", Tier.GROUP: "G"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "秀英桂兰玉兰凤英建华建国志强丽华美华国平海燕红梅淑珍德明小平文华金花宝华佩芳惠珍丽娟根宝阿毛雪芳敏慧伟民永康荣华家明春燕晓东"  # noqa: E501
BATCH = 2000


@dataclass(frozen=True)
class Place:
    community: Region
    street: Region
    district: Region
    city_name: str


def _stems_by() -> dict[tuple[str, str], list[Stem]]:
    stems = [s for s in read_stems() if not s.nosignal]
    table: dict[tuple[str, str], list[Stem]] = {}
    for tier_value, letter in TIER_LETTER.items():
        for kind in ("U", "R"):
            table[(tier_value, kind)] = [
                s for s in stems if letter in s.tiers and s.area in (kind, "B")
            ]
    return table


def _short_community(name: str) -> str:
    for suffix, replacement in (("村村委会", "村"), ("居委会", "社区")):
        if name.endswith(suffix):
            return name[: -len(suffix)] + replacement
    return name


def _street_stem(name: str) -> str:
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def render_name(stem: Stem, tier: str, place: Place) -> str:
    if tier == Tier.REGISTERED:
        return f"{place.city_name}{place.district.name}{_street_stem(place.street.name)}{stem.text}"
    return f"{_short_community(place.community.name)}{stem.text}"


def person_name(rng: random.Random) -> str:
    given = GIVEN[rng.randrange(0, len(GIVEN) - 1, 2) :][:2]
    return rng.choice(SURNAMES) + (given if rng.random() < 0.8 else given[0])


def id_number(rng: random.Random, region_code: str) -> str:
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 60))
    body = f"{region_code[:6]}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return body + ric.calc_check_digit(body)


def mobile(rng: random.Random) -> str:
    return rng.choice(("13", "15", "17", "18", "19")) + f"{rng.randrange(0, 10**9):09d}"


def places(communities: Iterable[Region]) -> Iterator[Place]:
    cache: dict[int | None, list[Region]] = {}
    for community in communities:
        chain = cache.get(community.parent_id) or community.ancestors()
        cache[community.parent_id] = chain
        street, district = chain[-1], next(r for r in reversed(chain) if r.level == "district")
        city = next((r for r in chain if r.acts_as_city), chain[0])
        yield Place(community, street, district, city.name)


def _organization(rng: random.Random, stems: dict, place: Place, taken: set[str]) -> tuple:
    tier = rng.choices([t for t, _w in TIER_WEIGHTS], [w for _t, w in TIER_WEIGHTS])[0]
    kind = "R" if place.community.kind == "rural" else "U"
    stem = rng.choice(stems[(tier, kind)])
    name = render_name(stem, tier, place)
    if name in taken:
        return None, ()
    taken.add(name)
    region = place.street if tier == Tier.REGISTERED else place.community
    founded = date(2026, 6, 30) - timedelta(days=rng.randrange(90, 365 * 25))
    members = rng.randint(3, 9) if tier == Tier.GROUP else rng.randint(10, 60)
    party = rng.choices(list(PartyBuilding.values), [0.05, 0.15, 0.35, 0.45])[0]
    org = Organization(
        name=name,
        tier=tier,
        category=stem.category,
        legal_form=(
            rng.choice([LegalForm.SOCIAL_GROUP, LegalForm.SOCIAL_SERVICE_AGENCY])
            if tier == Tier.REGISTERED
            else ""
        ),
        region=region,
        region_path=region.path,
        founded_on=founded,
        recognised_on=founded + timedelta(days=rng.randrange(0, 200)),
        member_count=members,
        business_scope=stem.scope,
        activity_time=rng.choice(
            ["每周二上午", "每周四下午", "每周六上午", "每天早晨", "每月第一个周五"]
        ),
        activity_place=f"{_short_community(place.community.name)}活动室",
        registration_authority=place.district if tier == Tier.REGISTERED else None,
        filing_street=place.street if tier == Tier.TEAM else None,
        guiding_committee=place.community if tier == Tier.GROUP else None,
        party_building=party,
        party_member_count=0
        if party == PartyBuilding.NONE
        else rng.randint(1, max(1, members // 3)),
        name_initials=initials_of(name),
        search_tokens=tokens_for(name),
    )
    return org, tuple(TAG_CODE_BY_NAME[t] for t in stem.tags if t in TAG_CODE_BY_NAME)


@transaction.atomic
def generate_organizations(
    *,
    communities: list[Region],
    mean_per_community: float,
    seed: int,
    with_people: bool = True,
    used_ids: set[str] | None = None,
) -> int:
    """Add generated organizations (and their responsible people) to these communities.

    ``used_ids`` carries the ID numbers already given out across several calls, so that one
    person is never generated twice (the registry matches people by ID number)."""
    rng = random.Random(seed)  # noqa: S311 (demo data)
    used = used_ids if used_ids is not None else set()
    stems = _stems_by()
    made = 0
    batch: list[tuple[Organization, tuple[str, ...]]] = []
    for place in places(communities):
        taken: set[str] = set()
        for _i in range(max(0, round(rng.gauss(mean_per_community, mean_per_community / 3)))):
            org, tags = _organization(rng, stems, place, taken)
            if org is not None:
                batch.append((org, tags))
        if len(batch) >= BATCH:
            made += _flush(batch, rng, with_people, used)
            batch = []
    return made + _flush(batch, rng, with_people, used)


def _flush(
    batch: list[tuple[Organization, tuple[str, ...]]],
    rng: random.Random,
    with_people: bool,
    used: set[str],
) -> int:
    orgs = Organization.objects.bulk_create([org for org, _tags in batch], batch_size=BATCH)
    OrganizationTag.objects.bulk_create(
        [OrganizationTag(organization=org, tag=tag) for org, tags in batch for tag in tags],
        batch_size=BATCH,
    )
    if with_people:
        people = []
        for org in orgs:
            number, phone = id_number(rng, org.region.code), mobile(rng)
            while number in used:
                number = id_number(rng, org.region.code)
            used.add(number)
            people.append(
                Person(
                    full_name=person_name(rng),
                    id_number_encrypted=crypto.encrypt(number),
                    id_number_index=crypto.blind_index(number),
                    id_number_masked=crypto.mask_id_number(number),
                    phone_encrypted=crypto.encrypt(phone),
                    phone_index=crypto.blind_index(phone),
                    phone_masked=crypto.mask_phone(phone),
                    birth_date=ric.get_birth_date(number),
                    is_party_member=rng.random() < 0.3,
                )
            )
        people = Person.objects.bulk_create(people, batch_size=BATCH)
        Membership.objects.bulk_create(
            [
                Membership(organization=org, person=person, role=PersonRole.RESPONSIBLE)
                for org, person in zip(orgs, people, strict=True)
            ],
            batch_size=BATCH,
        )
    return len(orgs)
