"""Generated applications (demo and benchmark data), as the workflow of
linli.applications.services leaves them: the approved registration of each generated registered
organization and the approved filing of each team (groups are recorded by their committee, with
no application), the approved deregistration or filing cancellation of those that closed, plus a
few percent of other applications still in the queues, returned for correction or rejected.
Events: one per step (submit, return, resubmit, approve, reject).

Registrations are reviewed by the district (the organization's registration authority),
filings by the street; approval decides on the day the organization was recognised."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation

from linli.applications.choices import ApplicationKind, ApplicationState, EventAction
from linli.applications.deadlines import is_workday, working_days_for
from linli.applications.models import Application, ApplicationEvent
from linli.demo.bulkload import Table
from linli.demo.draws import local_seconds, pick
from linli.demo.model import GeneratedOrg, Place
from linli.demo.places import name_prefix
from linli.demo.proposals import proposal
from linli.orgs.choices import LegalForm, Tier

if TYPE_CHECKING:
    from linli.demo.registry import Generator

S = ApplicationState  # short, for the event rows below

APPLICATION = Table(
    Application,
    (
        "id", "kind", "state", "organization_id", "region_id", "region_path",
        "reviewing_region_id", "title", "proposed", "applicant_id", "applicant_name",
        "applicant_phone_index", "applicant_phone_masked", "applicant_phone_encrypted",
        "commitment_signed_at", "submitted_at", "due_on", "decided_at", "decided_by_id",
        "decision_reason", "certificate_code", "created_at", "version",
    ),
)  # fmt: skip
EVENT = Table(
    ApplicationEvent,
    (
        "id", "application_id", "action", "from_state", "to_state", "actor_id", "actor_name",
        "reason", "detail", "occurred_at",
    ),
)  # fmt: skip
# Applications beyond the approved ones, per approved application.
OTHER_SHARE = 0.03
OTHER_STATES = (
    (ApplicationState.SUBMITTED, 0.30),
    (ApplicationState.RESUBMITTED, 0.10),
    (ApplicationState.RETURNED, 0.35),
    (ApplicationState.REJECTED, 0.25),
)
RETURN_REASONS = (
    "请补充成员名单（须含姓名和联系方式）。",
    "活动场地证明不清晰，请重新上传。",
    "名称应体现活动内容和组织类型，例如“××社区舞蹈队”，请修改。",
    "负责人身份证件照片模糊，请重新上传。",
    "请补充填写固定的活动时间和地点。",
)
REJECT_REASONS = {
    ApplicationKind.FILING: (
        "固定成员不足10人，建议向居委会申请作为社区活动小组备案。",
        "与辖区内已备案团队名称相近且活动内容相同，请与该团队联系合并。",
        "活动内容超出社区社会组织业务范围。",
        "经核实，申请材料与实际情况不符。",
    ),
    ApplicationKind.REGISTRATION: (
        "拟任负责人不符合任职条件。",
        "章程草案不符合示范文本要求，且逾期未补正。",
        "注册资金证明不足，不符合登记条件。",
    ),
}


# Why an organization closed, as its closing application explains it.
CLOSING_REASONS = {
    ApplicationKind.FILING_CANCELLATION: (
        "负责人年事已高，无人接替，团队已停止活动，申请取消备案。",
        "成员大多已搬离本社区，无法继续开展活动，申请取消备案。",
        "活动场地不再提供，经成员商议决定解散，申请取消备案。",
        "已并入本社区同类团队，不再单独开展活动，申请取消备案。",
        "连续一年以上未开展活动，经社区提醒后申请取消备案。",
    ),
    ApplicationKind.DEREGISTRATION: (
        "章程规定的宗旨已经实现，经理事会决议申请注销登记。",
        "与其他社会组织合并，经会员大会决议申请注销登记。",
        "业务萎缩，无法按照章程开展活动，经理事会决议申请注销登记。",
    ),
}


def approved_reason() -> str:
    """The reason an approval records by default, in the platform's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(translation.gettext("Approved."))


@lru_cache(maxsize=1 << 16)
def _workday(day: date) -> bool:
    return is_workday(day)


@lru_cache(maxsize=1 << 16)
def due_on(submitted: date, kind: str) -> date:
    """``add_working_days(submitted, working_days_for(kind))``, with the calendar cached."""
    current, remaining = submitted, working_days_for(kind)
    while remaining > 0:
        current += timedelta(days=1)
        if _workday(current):
            remaining -= 1
    return current


def reviewer_name(unit: Any) -> str:
    """Who signs a decision: the district's civil-affairs bureau or the street's office."""
    if unit.level == "street":
        return f"{unit.name}社区自治办"
    return f"{unit.name}民政局"


def _due(day: date) -> str:
    return f'{{"due_on": "{day.isoformat()}"}}'


class _Writer:
    """Collects applications and their events for one batch."""

    def __init__(self, generator: Generator) -> None:
        self.generator = generator
        self.loader = generator.loader
        self.apps: list[list[Any]] = []
        self.events: list[tuple[Any, ...]] = []

    def event(
        self,
        app: list[Any],
        action: str,
        before: str,
        after: str,
        actor: str,
        when: str,
        reason: str = "",
        detail: str = "{}",
    ) -> None:
        """``detail`` is the JSON text of the event's detail."""
        self.events.append((app[0], action, before, after, None, actor, reason, detail, when))

    def flush(self) -> None:
        loader = self.loader
        first = loader.ids(APPLICATION, len(self.apps))
        for offset, app in enumerate(self.apps):
            app[0] = first + offset
        loader.write(APPLICATION, (tuple(app) for app in self.apps))
        first = loader.ids(EVENT, len(self.events))
        loader.write(
            EVENT,
            ((first + n, self.apps_id(e[0]), *e[1:]) for n, e in enumerate(self.events)),
        )

    def apps_id(self, index: int) -> int:
        # Events are collected before ids are given: they hold the application's index.
        return int(self.apps[index][0])


def write_applications(
    generator: Generator, batch: list[GeneratedOrg], batch_places: list[Place], rng: random.Random
) -> None:

    writer = _Writer(generator)
    stamp = generator.loader.stamp
    approved = approved_reason()
    for org in batch:
        if org.tier == Tier.GROUP or org.submitted_on is None:
            continue
        kind = (
            ApplicationKind.REGISTRATION if org.tier == Tier.REGISTERED else ApplicationKind.FILING
        )
        submitted = stamp(org.submitted_on, org.submitted_seconds)
        draft = stamp(org.submitted_on, max(0, org.submitted_seconds - rng.randint(600, 5400)))
        proposed = proposal(org, round(rng.uniform(0.6, 0.99), 3))
        _approved_application(
            writer,
            org,
            kind=kind,
            reviewer=org.place.authority
            if kind == ApplicationKind.REGISTRATION
            else org.place.street,
            proposed=proposed,
            public=kind == ApplicationKind.FILING,
            submitted=(org.submitted_on, submitted, draft),
            decided=org.created_at,
            certificate=f"{rng.getrandbits(32):08X}" if kind == ApplicationKind.FILING else "",
            reason=approved,
        )
    approved_count = len(writer.apps)
    for org in batch:
        if org.closed_on is not None and org.tier != Tier.GROUP:
            _closing_application(writer, org, approved)
    if batch_places and approved_count:
        for _i in range(_round_randomly(rng, approved_count * OTHER_SHARE)):
            _other_application(generator, writer, rng.choice(batch_places), rng)
    writer.flush()


def _closing_application(writer: _Writer, org: GeneratedOrg, approved: str) -> None:
    """The approved deregistration of a registered organization, or the approved cancellation
    of a team's filing, decided when the organization closed (its draws were made with the
    closure, see linli.demo.registry.Generator._closure)."""

    assert org.closing_submitted_on is not None  # noqa: S101 (set with closed_on)
    registered = org.tier == Tier.REGISTERED
    kind = ApplicationKind.DEREGISTRATION if registered else ApplicationKind.FILING_CANCELLATION
    reasons = CLOSING_REASONS[kind]
    explanation = reasons[int(org.closing_pick * len(reasons))]
    submitted = writer.loader.stamp(org.closing_submitted_on, org.closing_submitted_seconds)
    _approved_application(
        writer,
        org,
        kind=kind,
        reviewer=org.place.authority if registered else org.place.street,
        proposed=proposal(org, round(0.6 + 0.39 * org.closing_pick, 3), explanation),
        public=False,
        submitted=(org.closing_submitted_on, submitted, submitted),
        decided=org.closed_at,
        certificate="",
        reason=approved,
    )


def _approved_application(
    writer: _Writer,
    org: GeneratedOrg,
    *,
    kind: ApplicationKind,
    reviewer: Any,
    proposed: str,
    public: bool,
    submitted: tuple[date, str, str],
    decided: str,
    certificate: str,
    reason: str,
) -> None:
    """An application about ``org`` approved by ``reviewer``'s office, with its submit and
    approve events. ``submitted``: the day, the moment and when the draft was begun; ``public``:
    made without an account, so the applicant's phone is kept with it."""
    day, moment, draft = submitted
    person = org.person
    applicant = person.full_name if person else ""
    phone = (
        (person.phone_index, person.phone_masked, person.phone_encrypted)
        if public and person
        else ("", "", "")
    )
    due = due_on(day, kind)
    index = len(writer.apps)
    writer.apps.append(
        [
            index, kind.value, ApplicationState.APPROVED.value, org.id, org.region.pk,
            org.region.path, reviewer.pk, org.name, proposed, None, applicant, *phone, moment,
            moment, due.isoformat(), decided, None, reason, certificate, draft, 3,
        ]
    )  # fmt: skip
    writer.event(
        writer.apps[index], EventAction.SUBMIT, S.DRAFT, S.SUBMITTED, applicant, moment, "",
        _due(due),
    )  # fmt: skip
    writer.event(
        writer.apps[index], EventAction.APPROVE, S.SUBMITTED, S.APPROVED,
        reviewer_name(reviewer), decided, reason, f'{{"organization": {org.id}}}',
    )  # fmt: skip


def _round_randomly(rng: random.Random, expected: float) -> int:
    """``expected`` rounded down, or up with the probability of its fraction."""
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return str(pick(rng, weighted, weighted[-1][0]))


def _other_application(
    generator: Generator, writer: _Writer, place: Place, rng: random.Random
) -> None:
    """A registration or filing that is not (yet) on the register."""
    today, stamp = generator.today, generator.loader.stamp
    registration = rng.random() < 0.12
    tier = Tier.REGISTERED if registration else Tier.TEAM
    kind = ApplicationKind.REGISTRATION if registration else ApplicationKind.FILING
    stem = rng.choice(generator.stems[(tier, "R" if place.community.kind == "rural" else "U")])
    prefix = name_prefix(tier, place)
    region = place.street if registration else place.community
    reviewer = place.authority if registration else place.street
    state = _pick(rng, OTHER_STATES)
    # Open and returned applications are recent; rejections are spread over three years.
    back = rng.randint(1, 40) if state != ApplicationState.REJECTED else rng.randint(10, 1095)
    day = today - timedelta(days=back)
    seconds = local_seconds(rng, 8.5, 21)
    person = generator.new_person(
        rng, region.code, born_from=1950, years=50, created_at=stamp(day, seconds)
    )
    org = GeneratedOrg(
        name=prefix + stem.text,
        prefix=prefix,
        stem=stem,
        tier=tier,
        legal_form=rng.choice([LegalForm.SOCIAL_GROUP, LegalForm.SOCIAL_SERVICE_AGENCY])
        if registration
        else "",
        region=region,
        place=place,
        founded_on=day - timedelta(days=rng.randint(30, 900)),
        recognised_on=day,
        member_count=rng.randint(6, 40),
        activity_time=rng.choice(["每周三上午", "每周五下午", "每周日上午"]),
        activity_place=f"{name_prefix(Tier.TEAM, place)}活动室",
        party_building="none",
        party_member_count=0,
        tags=(),
        person=person,
    )
    public = not registration
    submitted = stamp(day, seconds)
    due = due_on(day, kind)
    app: list[Any] = [
        len(writer.apps),
        kind.value,
        state,
        None,
        region.pk,
        region.path,
        reviewer.pk,
        org.name,
        proposal(org, round(rng.uniform(0.4, 0.95), 3)),
        None,
        person.full_name,
        person.phone_index if public else "",
        person.phone_masked if public else "",
        person.phone_encrypted if public else "",
        submitted,
        submitted,
        due.isoformat(),
        None,
        None,
        "",
        "",
        stamp(day, max(0, seconds - rng.randint(600, 5400))),
        2,
    ]
    writer.apps.append(app)
    office = reviewer_name(reviewer)
    writer.event(
        app, EventAction.SUBMIT, S.DRAFT, S.SUBMITTED, person.full_name, submitted, "", _due(due),
    )  # fmt: skip
    if state == ApplicationState.SUBMITTED:
        return

    def later(days: int, start_hour: float, end_hour: float) -> str:
        """A moment some days on (never past today, never before the previous step)."""
        nonlocal day, seconds
        following = min(today, day + timedelta(days=days))
        moment = local_seconds(rng, start_hour, end_hour)
        seconds = moment if following > day else min(86399, seconds + 3600)
        day = following
        return stamp(day, seconds)

    returned = state in (ApplicationState.RETURNED, ApplicationState.RESUBMITTED) or (
        rng.random() < 0.2
    )
    if returned:
        reason = rng.choice(RETURN_REASONS)
        when = later(rng.randint(1, 8), 9, 17.5)
        writer.event(app, EventAction.RETURN, S.SUBMITTED, S.RETURNED, office, when, reason)
        app[19], app[22] = reason, 3
        if state == ApplicationState.RETURNED:
            return
        resubmitted = later(rng.randint(1, 10), 18, 22)
        again = due_on(day, kind)
        app[14], app[16], app[22] = resubmitted, again.isoformat(), 4
        writer.event(
            app, EventAction.RESUBMIT, S.RETURNED, S.RESUBMITTED, person.full_name, resubmitted,
            "", _due(again),
        )  # fmt: skip
        if state == ApplicationState.RESUBMITTED:
            return
    decided = later(rng.randint(1, 15), 9, 17.5)
    reason = rng.choice(REJECT_REASONS[kind])
    before = S.RESUBMITTED if returned else S.SUBMITTED
    writer.event(app, EventAction.REJECT, before, S.REJECTED, office, decided, reason)
    app[17], app[19], app[22] = decided, reason, app[22] + 1
