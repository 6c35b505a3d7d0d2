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

import itertools
import random
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from linli.classify.data.build_labelled import Stem, read_stems
from linli.core import crypto
from linli.demo.activities import ACTIVITY, write_activities
from linli.demo.applications import APPLICATION, EVENT, write_applications
from linli.demo.bulkload import Loader, Table
from linli.demo.codes import credit_code
from linli.demo.draws import local_seconds, weighted
from linli.demo.evaluation import GRADE, write_grades
from linli.demo.model import GeneratedOrg, NewPerson, Place
from linli.demo.people import certified_level, id_number, mobile, person_name
from linli.demo.places import name_prefix, places, region_index, short_community
from linli.demo.proposals import TAG_CODE_BY_NAME
from linli.demo.tables import HISTORY, MEMBERSHIP, ORGANIZATION, PERSON, TAG
from linli.demo.talent import TALENT, TRAINING, write_talents, write_trainings
from linli.orgs.choices import LegalForm, OrgStatus, PartyBuilding, PersonRole, Tier
from linli.orgs.models import Person
from linli.orgs.search import ensure_sqlite_index, initials_of, tokens_for
from linli.regions.models import Region

TIER_WEIGHTS = ((Tier.REGISTERED, 0.08), (Tier.TEAM, 0.55), (Tier.GROUP, 0.37))
PARTY_WEIGHTS = tuple(zip(PartyBuilding.values, (0.05, 0.15, 0.35, 0.45), strict=True))
TIER_LETTER = {Tier.REGISTERED: "R", Tier.TEAM: "T", Tier.GROUP: "G"}
BATCH = 2000
# Share of responsible people who are certified social workers.
RESPONSIBLE_CERTIFIED = 0.05
# Organizations on the register at least a year that have since closed (a registered one
# deregistered, a team's or group's filing cancelled), some time after their first half-year;
# about a tenth, so the monthly series shows closures and a net growth below the new ones.
CLOSED_SHARE = 0.10
CLOSED_AFTER_DAYS = 180


def _stems_by() -> dict[tuple[str, str], list[Stem]]:
    stems = [s for s in read_stems() if not s.nosignal]
    table: dict[tuple[str, str], list[Stem]] = {}
    for tier_value, letter in TIER_LETTER.items():
        for kind in ("U", "R"):
            table[(tier_value, kind)] = [
                s for s in stems if letter in s.tiers and s.area in (kind, "B")
            ]
    return table


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
        activity_place=f"{short_community(place.community.name)}活动室",
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
        self.personal = crypto.encryptor()

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
        initials = initials_of(org.name)
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
            tokens_for(org.name),
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
        write_applications(self, batch, batch_places, aux)
        write_activities(self, batch, aux)
        if self.with_people:
            write_trainings(self, batch, aux)
            write_talents(self, batch_places, aux)
        write_grades(self, batch, aux)


def generated_tables() -> list[Table]:
    """Every table the generator writes."""
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
