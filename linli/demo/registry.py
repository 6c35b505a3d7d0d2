"""Generated registries for demos and benchmarks: realistic names, tiers, categories, tags and
responsible people, deterministic for a seed — and, on request, what surrounds them: the
approved applications that put them on the register, their activities, the leaders' trainings,
grade evaluations, the communities' social-work talents and a "created" history row each.

Names come from the hand-written stems of the classifier's labelled set
(linli/classify/data/stems.txt), rendered with the real place: "永嘉新村社区舞蹈队" for a team,
"上海市徐汇区天平社区公益基金会" for a registered organization.

Rows are written through :class:`linli.demo.bulkload.Loader` (COPY on PostgreSQL, executemany on
SQLite) without building model instances; one batch of about 2,000 organizations is held at a
time, so memory stays flat at any scale.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import random
from bisect import bisect
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate
from typing import Any

from stdnum.cn import ric

from linli.classify.data.build_labelled import Stem, read_stems
from linli.classify.vocabulary import TAGS
from linli.core import crypto
from linli.demo.bulkload import Loader, Table
from linli.orgs.choices import LegalForm, OrgStatus, PartyBuilding, PersonRole, Tier
from linli.orgs.models import Membership, Organization, OrganizationTag, Person
from linli.orgs.search import ensure_sqlite_index, initials_of, normalise
from linli.regions.choices import RegionLevel
from linli.regions.models import Region

TAG_CODE_BY_NAME = {tag.name: tag.code for tag in TAGS}
TIER_WEIGHTS = ((Tier.REGISTERED, 0.08), (Tier.TEAM, 0.55), (Tier.GROUP, 0.37))
PARTY_WEIGHTS = tuple(zip(PartyBuilding.values, (0.05, 0.15, 0.35, 0.45), strict=True))
TIER_LETTER = {Tier.REGISTERED: "R", Tier.TEAM: "T", Tier.GROUP: "G"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "秀英桂兰玉兰凤英建华建国志强丽华美华国平海燕红梅淑珍德明小平文华金花宝华佩芳惠珍丽娟根宝阿毛雪芳敏慧伟民永康荣华家明春燕晓东"  # noqa: E501
BATCH = 2000
# Local working hours as seconds after midnight UTC (Asia/Shanghai is UTC+8, no summer time).
CHINA_OFFSET = 8 * 3600
# Share of responsible people who are certified social workers.
RESPONSIBLE_CERTIFIED = 0.05
CERTIFIED_LEVELS = (("assistant", 0.65), ("social_worker", 0.30), ("senior", 0.05))
# Organizations on the register at least a year that have since closed (a registered one
# deregistered, a team's or group's filing cancelled), some time after their first half-year;
# about a tenth, so the monthly series shows closures and a net growth below the new ones.
CLOSED_SHARE = 0.10
CLOSED_AFTER_DAYS = 180

ORGANIZATION = Table(
    Organization,
    (
        "id", "name", "tier", "category", "legal_form", "credit_code", "hub_type", "region_id",
        "region_path", "address", "founded_on", "member_count", "business_scope",
        "activity_time", "activity_place", "registration_authority_id", "supervisory_unit",
        "filing_street_id", "guiding_committee_id", "status", "party_building",
        "party_member_count", "charter", "recognised_on", "closed_on", "name_initials",
        "search_tokens", "created_at", "updated_at", "version",
    ),
)  # fmt: skip
HISTORY = Table(
    Organization.history.model,
    (
        "id", "name", "tier", "category", "legal_form", "credit_code", "hub_type",
        "region_path", "address", "founded_on", "member_count", "business_scope",
        "activity_time", "activity_place", "supervisory_unit", "status", "party_building",
        "party_member_count", "charter", "recognised_on", "closed_on", "created_at", "version",
        "region_id", "registration_authority_id", "filing_street_id", "guiding_committee_id",
        "history_id", "history_date", "history_change_reason", "history_type",
        "history_user_id",
    ),
)  # fmt: skip
TAG = Table(OrganizationTag, ("id", "organization_id", "tag"))
PERSON = Table(
    Person,
    (
        "id", "full_name", "id_number_encrypted", "id_number_index", "id_number_masked",
        "phone_encrypted", "phone_index", "phone_masked", "birth_date", "is_party_member",
        "social_worker_level", "created_at", "version",
    ),
)  # fmt: skip
MEMBERSHIP = Table(
    Membership,
    (
        "id", "organization_id", "person_id", "role", "is_community_representative",
        "started_on", "ended_on",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    community: Region
    street: Region
    district: Region | None  # None where streets hang straight from a city (东莞, 中山, 儋州…)
    city_name: str
    city: Region | None = None

    @property
    def authority(self) -> Region:
        """The unit that registers organizations here (and reviews their registration)."""
        return self.district or self.city or self.street


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


def name_prefix(tier: str, place: Place) -> str:
    """The place part of a generated name (the stem follows it)."""
    if tier == Tier.REGISTERED:
        district = place.district.name if place.district else ""
        return f"{place.city_name}{district}{_street_stem(place.street.name)}"
    return _short_community(place.community.name)


def render_name(stem: Stem, tier: str, place: Place) -> str:
    return name_prefix(tier, place) + stem.text


def person_name(rng: random.Random) -> str:
    given = GIVEN[rng.randrange(0, len(GIVEN) - 1, 2) :][:2]
    return rng.choice(SURNAMES) + (given if rng.random() < 0.8 else given[0])


@lru_cache(maxsize=8)
def _birth_days(born_from: int, years: int) -> list[str]:
    first = date(born_from, 1, 1)
    return [f"{first + timedelta(days=n):%Y%m%d}" for n in range(365 * years)]


def id_number(rng: random.Random, region_code: str, born_from: int = 1940, years: int = 60) -> str:
    born = _birth_days(born_from, years)[rng.randrange(0, 365 * years)]
    body = f"{region_code[:6]}{born}{rng.randrange(0, 1000):03d}"
    # calc_check_digit takes the whole number, check digit position included.
    return body + ric.calc_check_digit(body + "0")


def mobile(rng: random.Random) -> str:
    return rng.choice(("13", "15", "17", "18", "19")) + f"{rng.randrange(0, 10**9):09d}"


def places(
    communities: Iterable[Region], regions: Mapping[str, Region] | None = None
) -> Iterator[Place]:
    """Each community with its street, district and city. ``regions`` (code → region, every
    level above communities) saves a query per street."""
    cache: dict[int | None, list[Region]] = {}
    for community in communities:
        chain = cache.get(community.parent_id)
        if not chain:
            if regions is not None:
                codes = community.path.strip("/").split("/")[:-1]
                chain = [regions[code] for code in codes if code in regions]
            else:
                chain = community.ancestors()
            cache[community.parent_id] = chain
        street = chain[-1]
        district = next((r for r in reversed(chain) if r.level == RegionLevel.DISTRICT), None)
        city = next((r for r in chain if r.acts_as_city), None)
        yield Place(community, street, district, (city or chain[0]).name, city)


def region_index() -> dict[str, Region]:
    """Every region above the communities, by code (about 42,000 nationally)."""
    return {r.code: r for r in Region.objects.exclude(level=RegionLevel.COMMUNITY)}


# --- names: pinyin initials and search tokens, cached by parts ---------------------------------


class NameIndexer:
    """``initials_of`` and ``tokens_for`` (linli.orgs.search) of a generated name, computed from
    its two parts (place prefix and stem) with the work cached per part.

    pypinyin reads a name by cutting it into dictionary words (forward maximum matching) and
    converting each word on its own. The cut of prefix + stem agrees with the cut of the prefix
    alone up to the first cut point from which the rest of the prefix is still the beginning of
    some dictionary word; the letters before that point are cached per prefix, and the letters
    of (rest of prefix + stem) per pair. Anything not purely Chinese falls back to the plain
    functions. The result is the same string (the tests compare them)."""

    def __init__(self, size: int = 1 << 16) -> None:
        from pypinyin import Style, lazy_pinyin
        from pypinyin.constants import RE_HANS
        from pypinyin.seg.mmseg import p_set, seg

        self._hans = RE_HANS
        self._prefixes = p_set
        self._cut = seg.cut
        self._size = size
        self._heads: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._tails: dict[tuple[str, str], str] = {}
        self._words: dict[str, str] = {}

        def letters(word: str) -> str:
            return "".join(lazy_pinyin([word], style=Style.FIRST_LETTER, errors="default"))

        self._letters = letters

    def _word(self, word: str) -> str:
        found = self._words.get(word)
        if found is None:
            found = self._words[word] = self._letters(word)
        return found

    def _head(self, prefix: str) -> tuple[str, str]:
        found = self._heads.get(prefix)
        if found is not None:
            self._heads.move_to_end(prefix)
            return found
        letters, cursor = [], 0
        for word in self._cut(prefix):
            if prefix[cursor:] in self._prefixes:
                break
            letters.append(self._word(word))
            cursor += len(word)
        found = ("".join(letters), prefix[cursor:])
        self._heads[prefix] = found
        if len(self._heads) > self._size:
            self._heads.popitem(last=False)
        return found

    def initials(self, prefix: str, stem: str) -> str:
        p, s = normalise(prefix), normalise(stem)
        if not (self._hans.match(p) and self._hans.match(s)):
            return initials_of(prefix + stem)
        head, rest = self._head(p)
        key = (rest, s)
        tail = self._tails.get(key)
        if tail is None:
            tail = self._tails[key] = "".join(self._word(w) for w in self._cut(rest + s))
        return (head + tail).lower()

    @staticmethod
    def tokens(text: str, initials: str) -> str:
        """``tokens_for`` given the normalised name and its initials."""
        pairs = [text[i : i + 2] for i in range(len(text) - 1)]
        spoken = ["py" + initials[i : i + 2] for i in range(len(initials) - 1)]
        return " ".join(dict.fromkeys([*text, *pairs, *spoken]))


# --- personal data -----------------------------------------------------------------------------


class PersonalData:
    """Encryption and blind index as linli.core.crypto does them, with the key objects made
    once (checked against linli.core.crypto when first used; it is used as is otherwise)."""

    def __init__(self) -> None:
        self.encrypt: Callable[[str], str] = crypto.encrypt
        self.blind_index: Callable[[str], str] = crypto.blind_index
        with contextlib.suppress(Exception):  # any surprise: keep the plain functions
            self._fast()

    def _fast(self) -> None:
        from cryptography.hazmat.primitives import hashes, hmac
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        active, keys, index_key = crypto._keys()
        algorithm = algorithms.SM4(keys[active])
        prefix = f"{crypto.VERSION}:{active}:"
        b64, urandom, gcm = base64.b64encode, os.urandom, modes.GCM
        mac = hmac.HMAC(index_key, hashes.SM3())

        def encrypt(plaintext: str) -> str:
            nonce = urandom(crypto.NONCE_BYTES)
            encryptor = Cipher(algorithm, gcm(nonce)).encryptor()
            body = encryptor.update(plaintext.encode()) + encryptor.finalize()
            return prefix + b64(nonce + body + encryptor.tag).decode()

        def blind_index(value: str) -> str:
            copy = mac.copy()
            copy.update(value.strip().upper().encode())
            return copy.finalize().hex()

        sample = "110101199003070019"
        if crypto.decrypt(encrypt(sample)) == sample and blind_index(sample) == crypto.blind_index(
            sample
        ):
            self.encrypt, self.blind_index = encrypt, blind_index


@dataclass(slots=True)
class NewPerson:
    id: int
    full_name: str
    id_number: str
    phone: str
    id_encrypted: str
    id_index: str
    id_masked: str
    phone_encrypted: str
    phone_index: str
    phone_masked: str
    birth_date: date
    is_party_member: bool
    level: str
    created_at: str

    def row(self) -> tuple[Any, ...]:
        return (
            self.id,
            self.full_name,
            self.id_encrypted,
            self.id_index,
            self.id_masked,
            self.phone_encrypted,
            self.phone_index,
            self.phone_masked,
            self.birth_date.isoformat(),
            self.is_party_member,
            self.level,
            self.created_at,
            1,
        )

    def proposal_entry(self) -> dict[str, Any]:
        """The person as an application's proposal holds them (linli.applications.services)."""
        return {
            "role": "responsible",
            "full_name": self.full_name,
            "id_number_enc": self.id_encrypted,
            "id_number_masked": self.id_masked,
            "phone_enc": self.phone_encrypted,
            "phone_masked": self.phone_masked,
            "is_party_member": self.is_party_member,
        }


def certified_level(rng: random.Random) -> str:
    r, total = rng.random(), 0.0
    for level, weight in CERTIFIED_LEVELS:
        total += weight
        if r < total:
            return level
    return CERTIFIED_LEVELS[0][0]


# --- organizations -----------------------------------------------------------------------------


@dataclass(slots=True)
class GeneratedOrg:
    """What the later steps need to know of one generated organization."""

    name: str
    prefix: str
    stem: Stem
    tier: str
    legal_form: str
    region: Region
    place: Place
    founded_on: date
    recognised_on: date
    member_count: int
    activity_time: str
    activity_place: str
    party_building: str
    party_member_count: int
    tags: tuple[str, ...]
    id: int = 0
    credit_code: str = ""
    # When the approving decision (or, for groups, the recording) was made, seconds after
    # midnight UTC of recognised_on; the application's submission day and time.
    decided_seconds: int = 0
    submitted_on: date | None = None
    submitted_seconds: int = 0
    created_at: str = ""
    person: NewPerson | None = None
    closed_on: date | None = None
    closed_at: str = ""  # when the closure was recorded (the closing decision)
    # The closing application (registered organizations and teams): when it was submitted, and
    # a draw in [0, 1) that picks its reason.
    closing_submitted_on: date | None = None
    closing_submitted_seconds: int = 0
    closing_pick: float = 0.0

    @property
    def category(self) -> str:
        return self.stem.category

    @property
    def status(self) -> str:
        if self.closed_on is None:
            return OrgStatus.ACTIVE.value
        if self.tier == Tier.REGISTERED:
            return OrgStatus.DEREGISTERED.value
        return OrgStatus.FILING_CANCELLED.value

    @property
    def last_day(self) -> date | None:
        """The last day it was on the register as active (None: still is)."""
        return None if self.closed_on is None else self.closed_on - timedelta(days=1)

    @property
    def is_rural(self) -> bool:
        return self.place.community.kind == "rural"


def weighted(rng: random.Random, table: tuple[tuple[Any, float], ...]) -> Any:
    """``rng.choices(values, weights)[0]``, the same draw without building the lists anew."""
    values, cumulative, total = _cumulative(table)
    return values[bisect(cumulative, rng.random() * total, 0, len(values) - 1)]


@lru_cache(maxsize=64)
def _cumulative(table: tuple[tuple[Any, float], ...]) -> tuple[list[Any], list[float], float]:
    cumulative = list(accumulate(w for _v, w in table))
    return [v for v, _w in table], cumulative, cumulative[-1] + 0.0


def _organization(
    rng: random.Random, stems: dict, place: Place, taken: set[str], today: date
) -> GeneratedOrg | None:
    # The draws and their order are those of the first version of this generator, so a seed
    # still gives the same names.
    tier = weighted(rng, TIER_WEIGHTS)
    kind = "R" if place.community.kind == "rural" else "U"
    stem = rng.choice(stems[(tier, kind)])
    prefix = name_prefix(tier, place)
    name = prefix + stem.text
    if name in taken:
        return None
    taken.add(name)
    region = place.street if tier == Tier.REGISTERED else place.community
    founded = today - timedelta(days=rng.randrange(90, 365 * 25))
    members = rng.randint(3, 9) if tier == Tier.GROUP else rng.randint(10, 60)
    party = weighted(rng, PARTY_WEIGHTS)
    legal_form = (
        rng.choice([LegalForm.SOCIAL_GROUP, LegalForm.SOCIAL_SERVICE_AGENCY])
        if tier == Tier.REGISTERED
        else ""
    )
    recognised = founded + timedelta(days=_spread(rng.randrange(0, 200), 200, founded, today))
    activity_time = rng.choice(
        ["每周二上午", "每周四下午", "每周六上午", "每天早晨", "每月第一个周五"]
    )
    party_count = 0 if party == PartyBuilding.NONE else rng.randint(1, max(1, members // 3))
    return GeneratedOrg(
        name=name,
        prefix=prefix,
        stem=stem,
        tier=tier,
        legal_form=str(legal_form),
        region=region,
        place=place,
        founded_on=founded,
        recognised_on=recognised,
        member_count=members,
        activity_time=activity_time,
        activity_place=f"{_short_community(place.community.name)}活动室",
        party_building=party,
        party_member_count=party_count,
        tags=tuple(TAG_CODE_BY_NAME[t] for t in stem.tags if t in TAG_CODE_BY_NAME),
    )


def _spread(draw: int, draws: int, founded: date, today: date) -> int:
    """Days from founding to recognition: up to ``draws`` days, fewer when that would reach
    today, with the draw scaled to the days there are (clamping it put every organization whose
    recognition would still lie ahead on yesterday, a spike at the end of each monthly series).
    The draw itself is unchanged, so a seed still gives the same names."""
    days = min(draws, (today - founded).days - 1)
    return draw * days // draws


# A unified social credit code (GB 32100-2015): registering department 5 (civil affairs), kind
# (1 social group, 2 social service agency, 3 foundation), the registering unit's region code,
# the organization code (GB 11714: "MJ" and a serial, with its own check character) and the
# final check character.
_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_KIND_DIGIT: dict[str, str] = {
    LegalForm.SOCIAL_GROUP: "1",
    LegalForm.SOCIAL_SERVICE_AGENCY: "2",
    LegalForm.FOUNDATION: "3",
}


def credit_code(legal_form: str, region_code: str, serial: int) -> str:
    """A valid, unique (per serial) credit code; ``serial`` < 31**6."""
    digits = []
    for _i in range(6):
        serial, rest = divmod(serial, 31)
        digits.append(_USCC[rest])
    body = "MJ" + "".join(reversed(digits))
    values = [int(c, 36) for c in body]
    check = 11 - sum(v * w for v, w in zip(values, _ORG_CODE_WEIGHTS, strict=True)) % 11
    org_code = body + {10: "X", 11: "0"}.get(check, str(check))
    number = "5" + _KIND_DIGIT.get(legal_form, "1") + region_code[:6] + org_code
    total = sum(_USCC.index(c) * w for c, w in zip(number, _USCC_WEIGHTS, strict=True))
    return number + _USCC[(31 - total) % 31]


def local_seconds(rng: random.Random, start_hour: float, end_hour: float) -> int:
    """A moment between these local (China) hours, as seconds after midnight UTC (the hours
    must lie between 8 and 24 so the UTC day is the local day)."""
    return int(rng.uniform(start_hour, end_hour) * 3600) - CHINA_OFFSET


class Generator:
    """Writes generated organizations and, if ``extras``, everything around them.

    One generator can serve many calls of :meth:`generate` (one per chunk of communities): it
    keeps the loader, the regions, the name caches and the ID numbers given out."""

    def __init__(
        self,
        *,
        loader: Loader | None = None,
        today: date | None = None,
        with_people: bool = True,
        extras: bool = False,
        activities_per_org: float = 0.0,
        used_ids: set[str] | None = None,
        regions: Mapping[str, Region] | None = None,
    ) -> None:
        from django.utils import timezone

        self.loader = loader or Loader()
        self.today = today or timezone.localdate()
        self.with_people = with_people
        self.extras = extras
        self.activities_per_org = activities_per_org
        self.used = used_ids if used_ids is not None else set()
        self._stored: set[str] | None = None  # blind indexes of the people already stored
        self.regions = regions
        self._index_checked = False
        self.stems = _stems_by()
        self.names = NameIndexer()
        self.personal = PersonalData()

    # --- the public entry --------------------------------------------------------------------

    def generate(
        self, *, communities: Iterable[Region], mean_per_community: float, seed: int
    ) -> int:
        """Add generated organizations (and the rest) to these communities; returns how many
        organizations."""
        if self.regions is None:
            self.regions = region_index()
        if not self._index_checked:
            # The name index follows inserted rows through SQLite triggers: make sure they are
            # there (a no-op on PostgreSQL, whose GIN index needs nothing).
            ensure_sqlite_index(self.loader.using)
            self._index_checked = True
        rng = random.Random(seed)  # noqa: S311 (demo data)
        made, flushes = 0, 0
        batch: list[GeneratedOrg] = []
        batch_places: list[Place] = []
        for place in places(communities, self.regions):
            batch_places.append(place)
            taken: set[str] = set()
            for _i in range(max(0, round(rng.gauss(mean_per_community, mean_per_community / 3)))):
                org = _organization(rng, self.stems, place, taken, self.today)
                if org is not None:
                    batch.append(org)
            if len(batch) >= BATCH:
                made += self._flush(batch, batch_places, rng, f"{seed}/{flushes}")
                flushes += 1
                batch, batch_places = [], []
        if batch or batch_places:
            made += self._flush(batch, batch_places, rng, f"{seed}/{flushes}")
        return made

    # --- one batch ---------------------------------------------------------------------------

    def _flush(
        self, batch: list[GeneratedOrg], batch_places: list[Place], rng: random.Random, key: str
    ) -> int:
        aux = random.Random(f"linli-extras/{key}")  # noqa: S311 (demo data)
        # Its own stream, so that closures leave every other draw where it was.
        closures = random.Random(f"linli-closures/{key}")  # noqa: S311 (demo data)
        loader = self.loader
        with loader.transaction():
            first = loader.ids(ORGANIZATION, len(batch))
            for offset, org in enumerate(batch):
                org.id = first + offset
                self._timing(org, aux)
                self._closure(org, closures)
            loader.write(ORGANIZATION, (self._org_row(org) for org in batch))
            loader.write(
                TAG,
                self._numbered(TAG, [(org.id, tag) for org in batch for tag in org.tags]),
            )
            loader.write(HISTORY, self._history_rows(batch))
            if self.with_people:
                self._responsible_people(batch, rng, aux)
            if self.extras:
                self._extras(batch, batch_places, aux)
        return len(batch)

    def _numbered(self, table: Table, rows: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
        # Ids are reserved now, not when the rows are consumed: that happens during a COPY,
        # when the connection can run no other statement.
        first = self.loader.ids(table, len(rows))
        return ((first + offset, *row) for offset, row in enumerate(rows))

    def _timing(self, org: GeneratedOrg, rng: random.Random) -> None:
        """When the organization was put on the register: for registered organizations and
        teams the approval of their application (decided on recognised_on, submitted some
        working days before); for groups the committee's recording."""
        stamp = self.loader.stamp
        if org.tier == Tier.GROUP:
            org.decided_seconds = local_seconds(rng, 8.5, 17.5)
        else:
            days = rng.randint(5, 28) if org.tier == Tier.REGISTERED else rng.randint(1, 14)
            submitted = max(org.recognised_on - timedelta(days=days), org.founded_on)
            if submitted >= org.recognised_on:
                submitted = org.recognised_on
                org.submitted_seconds = local_seconds(rng, 8.5, 10.5)
                org.decided_seconds = local_seconds(rng, 11, 17.5)
            else:
                org.submitted_seconds = local_seconds(rng, 8.5, 21)
                org.decided_seconds = local_seconds(rng, 9, 17.5)
            org.submitted_on = submitted
        if org.tier == Tier.REGISTERED:
            org.credit_code = credit_code(org.legal_form, org.place.authority.code, org.id)
        org.created_at = stamp(org.recognised_on, org.decided_seconds)

    def _closure(self, org: GeneratedOrg, rng: random.Random) -> None:
        """Whether and when the organization closed (``CLOSED_SHARE`` of those on the register
        for at least a year), decided on a working day's office hours."""
        open_days = (self.today - org.recognised_on).days
        if open_days < 365 or rng.random() >= CLOSED_SHARE:
            return
        org.closed_on = org.recognised_on + timedelta(
            days=rng.randint(CLOSED_AFTER_DAYS, open_days - 1)
        )
        decided = local_seconds(rng, 9, 17.5)
        org.closed_at = self.loader.stamp(org.closed_on, decided)
        submitted = org.closed_on - timedelta(days=rng.randint(0, 12))
        org.closing_submitted_on = submitted
        org.closing_submitted_seconds = (
            local_seconds(rng, 8.5, 21) if submitted < org.closed_on else max(0, decided - 3600)
        )
        org.closing_pick = rng.random()

    def _org_row(self, org: GeneratedOrg) -> tuple[Any, ...]:
        text = normalise(org.name)
        initials = self.names.initials(org.prefix, org.stem.text)
        place, tier = org.place, org.tier
        return (
            org.id,
            org.name,
            tier,
            org.category,
            org.legal_form,
            org.credit_code,
            "",
            org.region.pk,
            org.region.path,
            "",
            org.founded_on.isoformat(),
            org.member_count,
            org.stem.scope,
            org.activity_time,
            org.activity_place,
            place.authority.pk if tier == Tier.REGISTERED else None,
            "",
            place.street.pk if tier == Tier.TEAM else None,
            place.community.pk if tier == Tier.GROUP else None,
            org.status,
            org.party_building,
            org.party_member_count,
            "",
            org.recognised_on.isoformat(),
            org.closed_on.isoformat() if org.closed_on else None,
            initials,
            NameIndexer.tokens(text, initials),
            org.created_at,
            org.closed_at or org.created_at,
            2 if org.closed_on else 1,
        )

    def _history_rows(self, batch: list[GeneratedOrg]) -> Iterator[tuple[Any, ...]]:
        """The "created" row simple-history writes when an organization is saved first, and
        the "changed" row of its closure."""
        closed = [org for org in batch if org.closed_on is not None]
        # Reserved now: the rows are made while the COPY runs (see _numbered).
        first = self.loader.ids(HISTORY, len(batch) + len(closed))
        created = (self._history_row(org, first + n) for n, org in enumerate(batch))
        changed = (
            self._history_row(org, first + n, closing=True)
            for n, org in enumerate(closed, start=len(batch))
        )
        return itertools.chain(created, changed)

    @staticmethod
    def _history_row(org: GeneratedOrg, history_id: int, closing: bool = False) -> tuple[Any, ...]:
        place, tier = org.place, org.tier
        closed_on = org.closed_on.isoformat() if closing and org.closed_on else None
        return (
            org.id,
            org.name,
            tier,
            org.category,
            org.legal_form,
            org.credit_code,
            "",
            org.region.path,
            "",
            org.founded_on.isoformat(),
            org.member_count,
            org.stem.scope,
            org.activity_time,
            org.activity_place,
            "",
            org.status if closing else OrgStatus.ACTIVE.value,
            org.party_building,
            org.party_member_count,
            "",
            org.recognised_on.isoformat(),
            closed_on,
            org.created_at,
            2 if closing else 1,
            org.region.pk,
            place.authority.pk if tier == Tier.REGISTERED else None,
            place.street.pk if tier == Tier.TEAM else None,
            place.community.pk if tier == Tier.GROUP else None,
            history_id,
            org.closed_at if closing else org.created_at,
            None,
            "~" if closing else "+",
            None,
        )

    # --- people ------------------------------------------------------------------------------

    def new_person(
        self,
        rng: random.Random,
        region_code: str,
        *,
        born_from: int = 1940,
        years: int = 60,
        created_at: str,
        level: str = "",
        party_share: float = 0.3,
    ) -> NewPerson:
        """A person with an ID number not given out before (the id is set by the caller)."""
        number, phone = id_number(rng, region_code, born_from, years), mobile(rng)
        while self._taken(number):
            number = id_number(rng, region_code, born_from, years)
        self.used.add(number)
        full_name = person_name(rng)
        return self._person(number, phone, full_name, rng.random() < party_share, level, created_at)

    def _taken(self, number: str) -> bool:
        """Given out by this generator, or belonging to someone already stored."""
        if number in self.used:
            return True
        if self._stored is None:
            self._stored = set(
                Person.objects.exclude(id_number_index="").values_list("id_number_index", flat=True)
            )
        return bool(self._stored) and self.personal.blind_index(number) in self._stored

    def _person(
        self, number: str, phone: str, full_name: str, party: bool, level: str, created_at: str
    ) -> NewPerson:
        encrypt, index = self.personal.encrypt, self.personal.blind_index
        return NewPerson(
            id=0,
            full_name=full_name,
            id_number=number,
            phone=phone,
            id_encrypted=encrypt(number),
            id_index=index(number),
            id_masked=crypto.mask_id_number(number),
            phone_encrypted=encrypt(phone),
            phone_index=index(phone),
            phone_masked=crypto.mask_phone(phone),
            birth_date=date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
            is_party_member=party,
            level=level,
            created_at=created_at,
        )

    def write_people(self, people: list[NewPerson]) -> None:
        first = self.loader.ids(PERSON, len(people))
        for offset, person in enumerate(people):
            person.id = first + offset
        self.loader.write(PERSON, (p.row() for p in people))

    def _responsible_people(
        self, batch: list[GeneratedOrg], rng: random.Random, aux: random.Random
    ) -> None:
        people = []
        for org in batch:
            # Same draws, in the same order, as the first version (names stay put).
            number, phone = id_number(rng, org.region.code), mobile(rng)
            while self._taken(number):
                number = id_number(rng, org.region.code)
            self.used.add(number)
            full_name = person_name(rng)
            party = rng.random() < 0.3
            level = certified_level(aux) if aux.random() < RESPONSIBLE_CERTIFIED else ""
            org.person = self._person(number, phone, full_name, party, level, org.created_at)
            people.append(org.person)
        self.write_people(people)
        self.loader.write(
            MEMBERSHIP,
            self._numbered(
                MEMBERSHIP,
                [
                    (org.id, org.person.id, PersonRole.RESPONSIBLE.value, False, None, None)
                    for org in batch
                    if org.person is not None
                ],
            ),
        )

    # --- everything around the organizations --------------------------------------------------

    def _extras(
        self, batch: list[GeneratedOrg], batch_places: list[Place], aux: random.Random
    ) -> None:
        from linli.demo.activities import write_activities
        from linli.demo.applications import write_applications
        from linli.demo.evaluation import write_grades
        from linli.demo.talent import write_talents, write_trainings

        write_applications(self, batch, batch_places, aux)
        write_activities(self, batch, aux)
        if self.with_people:
            write_trainings(self, batch, aux)
            write_talents(self, batch_places, aux)
        write_grades(self, batch, aux)


_quote = json.encoder.encode_basestring  # a JSON string literal, non-ASCII kept as is


@lru_cache(maxsize=4096)
def _stem_json(stem: Stem) -> tuple[str, str, str]:
    codes = [TAG_CODE_BY_NAME[t] for t in stem.tags if t in TAG_CODE_BY_NAME]
    return _quote(stem.scope), json.dumps(codes), json.dumps(list(stem.tags), ensure_ascii=False)


def proposal(org: GeneratedOrg, confidence: float, explanation: str = "") -> str:
    """An approved application's ``proposed`` as JSON text, as linli.applications.services
    builds it (``json.dumps`` of the same dict gives the same text; written out here because
    it is made for every application)."""
    scope, tags, tag_names = _stem_json(org.stem)
    person = org.person
    people = (
        f'{{"role": "responsible", "full_name": {_quote(person.full_name)}, '
        f'"id_number_enc": "{person.id_encrypted}", "id_number_masked": "{person.id_masked}", '
        f'"phone_enc": "{person.phone_encrypted}", "phone_masked": "{person.phone_masked}", '
        f'"is_party_member": {"true" if person.is_party_member else "false"}}}'
        if person is not None
        else ""
    )
    return (
        f'{{"name": {_quote(org.name)}, "tier": "{org.tier}", "category": "{org.category}", '
        f'"legal_form": "{org.legal_form}", "credit_code": "{org.credit_code}", '
        f'"hub_type": "", "address": "", "founded_on": "{org.founded_on.isoformat()}", '
        f'"member_count": {org.member_count}, "business_scope": {scope}, '
        f'"activity_time": {_quote(org.activity_time)}, '
        f'"activity_place": {_quote(org.activity_place)}, "supervisory_unit": "", '
        f'"party_building": "{org.party_building}", '
        f'"party_member_count": {org.party_member_count}, "charter": "", "tags": {tags}, '
        f'"region": "{org.region.code}", "people": [{people}], '
        f'"suggestion": {{"category": "{org.category}", "confidence": {confidence!r}, '
        f'"tags": {tag_names}, "reasons": []}}, "explanation": {_quote(explanation)}}}'
    )


def generated_tables() -> list[Table]:
    """Every table the generator writes."""
    from linli.demo.activities import ACTIVITY
    from linli.demo.applications import APPLICATION, EVENT
    from linli.demo.evaluation import GRADE
    from linli.demo.talent import TALENT, TRAINING

    return [
        ORGANIZATION, TAG, PERSON, MEMBERSHIP, HISTORY, APPLICATION, EVENT, ACTIVITY,
        TRAINING, TALENT, GRADE,
    ]  # fmt: skip


def generate_organizations(
    *,
    communities: list[Region],
    mean_per_community: float,
    seed: int,
    with_people: bool = True,
    used_ids: set[str] | None = None,
    extras: bool = False,
    activities_per_org: float = 0.0,
    today: date | None = None,
    loader: Loader | None = None,
) -> int:
    """Add generated organizations (and their responsible people) to these communities.

    ``used_ids`` carries the ID numbers already given out across several calls, so that one
    person is never generated twice (the registry matches people by ID number). ``extras`` adds
    approved applications, activities (``activities_per_org`` on average), trainings, grades and
    the communities' social-work talents. Every organization gets its "created" history row."""
    generator = Generator(
        loader=loader,
        today=today,
        with_people=with_people,
        extras=extras,
        activities_per_org=activities_per_org,
        used_ids=used_ids,
    )
    made = generator.generate(
        communities=communities, mean_per_community=mean_per_community, seed=seed
    )
    generator.loader.finish()
    return made
