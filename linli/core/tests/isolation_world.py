"""The isolation suite's world: every scoped kind of object, in three jurisdictions.

Side A is 天平路街道 (310104003), side B its neighbour 湖南路街道 (310104004) in the same
district, side C 南京东路街道 (310101002) in another district (黄浦区). Each side has the same
objects, owned and made by that side's users through the services, so that any route can be
exercised against A's objects by B's and C's users (who must get 404 and change nothing) and by
A's own users (who must not). Names carry the side's mark (甲, 乙, 丙) so that a list can be
searched for another side's rows.

The world is built once per module inside an outer transaction that is rolled back afterwards
(each test still runs in its own savepoint, as with Django's ``setUpTestData``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from stdnum.cn import ric, uscc

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass(frozen=True)
class Place:
    mark: str  # 甲 / 乙 / 丙, in every name made for the side
    prefix: str  # a place name, to make realistic organization names
    street: str
    community: str
    staff_role: str
    staff_region: str  # where the side's staff user sits
    admin_region: str  # where the side's regional administrator sits
    digits: str  # keeps ID numbers, phones and credit codes of the sides apart


PLACES = {
    "A": Place("甲", "天平路", "310104003", "310104003001", "street_office", "310104003",
               "310104003", "1"),
    "B": Place("乙", "湖南路", "310104004", "310104004001", "street_office", "310104004",
               "310104004", "2"),
    # The other district's bureau plays side C: "a district user of another district".
    "C": Place("丙", "南京东路", "310101002", "310101002001", "district_bureau", "310101",
               "310101", "3"),
}  # fmt: skip
SIDES = tuple(PLACES)

# Which sides each kind of viewer sees (the district bureau of 徐汇 covers A and B).
COVERS = {"A": {"A"}, "B": {"B"}, "C": {"C"}, "xuhui": {"A", "B"}, "national": {"A", "B", "C"}}


def id_number(prefix6: str, birth: str, serial: str) -> str:
    """A valid resident ID number (GB 11643) from area, birth date and a 3-digit serial."""
    body = prefix6 + birth + serial
    return body + ric.calc_check_digit(body + "0")


def credit_code(area: str, serial: str) -> str:
    """A valid unified social credit code (GB 32100) of a social organization (53…)."""
    body = f"53{area}MJ{serial}"
    return body + uscc.calc_check_digit(body)


@dataclass
class Side:
    """One jurisdiction's users and objects."""

    name: str
    place: Place
    staff: Any = None  # street office (A, B) or district bureau (C)
    admin: Any = None  # regional administrator (accounts pages)
    leader: Any = None  # an organization leader who applies
    phone: str = ""  # a public applicant's verified mobile
    objects: dict[str, Any] = field(default_factory=dict)
    markers: dict[str, list[str]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.objects[key]


@dataclass
class World:
    sides: dict[str, Side]
    xuhui: Any  # district bureau of 徐汇区: covers A and B
    national: Any  # the national administrator (whole country)
    tmp: Any

    def __getitem__(self, side: str) -> Side:
        return self.sides[side]

    def user(self, side: str, who: str) -> Any:
        if side in self.sides:
            return getattr(self.sides[side], who)
        return getattr(self, side)


def public_applicant(phone: str) -> Any:
    from linli.applications.services import PublicApplicant
    from linli.core import crypto

    return PublicApplicant(
        phone_index=crypto.blind_index(phone),
        phone_masked=crypto.mask_phone(phone),
        phone_encrypted=crypto.encrypt(phone),
    )


def phone_client(phone: str) -> Client:
    """A client whose session holds a verified mobile number (public filing)."""
    from linli.applications.public_views import SESSION_KEY

    applicant = public_applicant(phone)
    client = Client()
    session = client.session
    session[SESSION_KEY] = {
        "phone_index": applicant.phone_index,
        "phone_masked": applicant.phone_masked,
        "phone_encrypted": applicant.phone_encrypted,
        "verified_at": time.time(),
    }
    session.save()
    return client


def user_client(user: Any) -> Client:
    """Signed in, with the second factor passed (every world user has an authenticator)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def _device(user: Any) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def _build_side(key: str, tmp: Any) -> Side:
    from conftest import make_org, make_user
    from linli.accounts.services import api_token_create
    from linli.applications import services as applications
    from linli.applications.models import Application
    from linli.core.notifications import notify
    from linli.evaluation.services import grade_record
    from linli.ledgers.models import LedgerUpload
    from linli.ledgers.services import ImportReport
    from linli.orgs.services import (
        OrganizationData,
        PersonData,
        organization_add_honour,
        organization_add_person,
    )
    from linli.regions.models import Region
    from linli.relabel.models import RelabelItem
    from linli.relabel.services import relabel_run
    from linli.talent.services import leader_training_record, talent_post_add

    p = PLACES[key]
    side = Side(key, p)
    slug = {"A": "tianping", "B": "hunan", "C": "huangpu"}[key]
    side.staff = make_user(f"iso_{slug}_staff", p.staff_role, p.staff_region)
    side.admin = make_user(f"iso_{slug}_admin", "admin", p.admin_region)
    side.leader = make_user(f"iso_{slug}_leader", "org_leader", p.community)
    for user in (side.staff, side.admin):
        _device(user)
    side.phone = f"1390000000{p.digits}"
    street = Region.objects.get(code=p.street)
    community = Region.objects.get(code=p.community)
    o = side.objects
    o.update(street=street, community=community, user=side.staff)

    o["team"] = make_org(
        f"{p.prefix}{p.mark}子舞蹈队", "team", "culture_sports", p.community,
        member_count=18, tags=["sports"],
    )  # fmt: skip
    o["fund"] = make_org(
        f"{p.prefix}{p.mark}子公益基金会", "registered", "charity", p.street,
        legal_form="foundation", credit_code=credit_code(p.street[:6], f"49152{p.digits}0"),
    )  # fmt: skip
    o["sunshine"] = make_org(f"{p.prefix}{p.mark}子阳光家园", "group", "life_service", p.community)
    person = PersonData(
        full_name=f"周{p.mark}英",
        id_number=id_number(p.street[:6], "19560312", f"00{p.digits}"),
        phone=f"1381234000{p.digits}",
    )
    o["membership"] = organization_add_person(
        actor=side.staff, org_id=o["team"].pk, person=person, role="responsible"
    )
    o["person"] = o["membership"].person
    o["honour"] = organization_add_honour(
        actor=side.staff, org_id=o["team"].pk, title=f"{p.mark}子优秀团队"
    )
    (o["training"],) = leader_training_record(
        actor=side.staff, org_id=o["team"].pk, course=f"{p.mark}子骨干培训",
        held_on=date(2025, 5, 1), hours=Decimal("4.0"),
    )  # fmt: skip
    o["grade"] = grade_record(
        actor=side.staff, org_id=o["fund"].pk, grade=4, awarded_on=date(2025, 3, 1)
    )
    o["talent"] = talent_post_add(
        actor=side.staff,
        region_code=p.community,
        person=PersonData(
            full_name=f"钱{p.mark}芳",
            id_number=id_number(p.street[:6], "19800101", f"01{p.digits}"),
            phone=f"1351234000{p.digits}",
            social_worker_level="assistant",
        ),
        post="社区社工",
        started_on=date(2025, 1, 1),
    )
    run = relabel_run(actor=side.staff, region=street)
    o["run"] = run
    o["item"] = (
        RelabelItem.objects.filter(run=run, organization=o["sunshine"]).first()
        or RelabelItem.objects.filter(run=run).first()
    )
    assert o["item"] is not None, "the relabel run queued nothing to review"

    def filing(name: str, actor: Any) -> Any:
        data = OrganizationData(
            name=name, tier="team", category="culture_sports", region=community,
            member_count=12, business_scope="练习太极拳", activity_time="每周二上午",
            activity_place="居委会活动室", tags=["sports"],
        )  # fmt: skip
        responsible = applications.Responsible(
            full_name=f"沈{p.mark}华",
            id_number=id_number(p.street[:6], "19620708", f"02{p.digits}"),
            phone=f"1371234000{p.digits}",
        )
        return applications.application_create(
            actor=actor, kind="filing", data=data, responsible=responsible
        )

    def attach(application: Any, actor: Any, material: str) -> Any:
        return applications.attachment_add(
            actor=actor,
            app_id=application.pk,
            material=material,
            upload=SimpleUploadedFile(f"{p.mark}名册.pdf", PDF),
        )

    o["draft"] = filing(f"{p.prefix}{p.mark}子太极拳队", side.staff)
    o["attachment"] = attach(o["draft"], side.staff, "member_list")
    # Submitted by the leader, so that the side's office may review it.
    submitted = filing(f"{p.prefix}{p.mark}子木兰拳队", side.leader)
    attach(submitted, side.leader, "member_list")
    attach(submitted, side.leader, "identity")
    o["submitted"] = applications.application_submit(
        actor=side.leader, app_id=submitted.pk, expected_version=None, commitment=True
    )
    approved = filing(f"{p.prefix}{p.mark}子腰鼓队", side.staff)
    Application.objects.filter(pk=approved.pk).update(
        state="approved", organization=o["team"], certificate_code=f"ISO{key}0000000001"
    )
    o["approved"] = Application.objects.get(pk=approved.pk)
    resident = public_applicant(side.phone)
    o["public_draft"] = filing(f"{p.prefix}{p.mark}子广场舞队", resident)
    public_done = filing(f"{p.prefix}{p.mark}子扇子舞队", resident)
    Application.objects.filter(pk=public_done.pk).update(
        state="approved", organization=o["team"], certificate_code=f"ISO{key}0000000002"
    )
    o["public_approved"] = Application.objects.get(pk=public_done.pk)
    o["public_attachment"] = attach(o["public_draft"], resident, "member_list")

    o["upload"] = LedgerUpload.objects.create(
        user=side.staff,
        stored_name="0" * 31 + p.digits + ".xlsx.enc",  # no such file: confirming refuses it
        original_name=f"{p.mark}子台账.xlsx",
        sha256="0" * 64,
        size=1,
        report=ImportReport(
            filename=f"{p.mark}子台账.xlsx",
            total_rows=1,
            created=1,
            updated=0,
            unchanged=0,
            error_rows=0,
        ).to_dict(),
        expires_at=timezone.now() + timedelta(days=1),
    )
    notify([side.staff], title=f"{p.mark}子通知：请审核", url="/workbench/")
    o["token"], _raw = api_token_create(user=side.staff, name=f"{p.mark}子令牌")

    side.markers = {
        "orgs": [o["team"].name, o["fund"].name, o["sunshine"].name],
        "applications": [o["draft"].title, o["submitted"].title, o["approved"].title],
        "public_applications": [o["public_draft"].title, o["public_approved"].title],
        "talent": [o["talent"].person.full_name],
        "runs": [f"/relabel/{run.pk}/"],
        "notifications": [f"{p.mark}子通知"],
        "tokens": [f"{p.mark}子令牌"],
        "users": [side.staff.username, side.leader.username],
        "audit": [o["team"].name, o["fund"].name],
        "root": [side.staff.region.name],
        "root_code": [f"/{p.staff_region}/"],  # where the home pages redirect
        "community_codes": [p.community],
        "details": [o["honour"].title, o["training"].course],  # shown on the people page
        "secrets": [person.id_number, person.phone],
    }
    return side


def build_world(tmp: Any) -> World:
    from conftest import make_user

    sides = {key: _build_side(key, tmp) for key in SIDES}
    xuhui = make_user("iso_xuhui_district", "district_bureau", "310104")
    national = make_user("iso_national_admin", "admin", None)
    _device(national)
    from linli.stats.services import rollup_rebuild

    rollup_rebuild()
    return World(sides=sides, xuhui=xuhui, national=national, tmp=tmp)


def world_in_transaction(blocker: Any, tmp: Any) -> Iterator[World]:
    """Build the world inside a transaction held open for the module, then roll it back."""
    from django.db import connection

    overrides = override_settings(
        VAR_DIR=tmp,
        UPLOAD_ROOT=tmp / "uploads",
        LEDGER_IMPORT_IN_BACKGROUND=False,
        NOTIFICATION_BACKEND="linli.core.notifications.LocmemBackend",
    )
    overrides.enable()
    blocker.unblock()
    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            world = build_world(tmp)
    except BaseException:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        blocker.restore()
        overrides.disable()
        raise
    blocker.restore()
    try:
        yield world
    finally:
        blocker.unblock()
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        assert not connection.in_atomic_block
        blocker.restore()
        overrides.disable()


# --- snapshots: "nothing changed" -----------------------------------------------------------------


def _label(model: type[models.Model]) -> str:
    return model._meta.label


def watched_models() -> list[type[models.Model]]:
    """Every table a route of the platform writes to (besides sessions and logins)."""
    from django.apps import apps

    labels = [
        "regions.Region", "orgs.Organization", "orgs.OrganizationTag", "orgs.Person",
        "orgs.Membership", "orgs.Honour", "applications.Application",
        "applications.ApplicationEvent", "applications.Attachment", "relabel.RelabelRun",
        "relabel.RelabelItem", "ledgers.LedgerUpload", "talent.SocialWorkTalent",
        "talent.LeaderTraining", "evaluation.GradeEvaluation", "core.Notification",
        "accounts.ApiToken", "accounts.User", "stats.Target", "otp_totp.TOTPDevice",
    ]  # fmt: skip
    return [apps.get_model(label) for label in labels]


def snapshot(side: Side) -> dict[str, Any]:
    """Row counts of every watched table and of the audit log (refusals aside), and every field
    and the change-history length of each of the side's objects."""
    from linli.core.choices import AuditEventType
    from linli.core.models import AuditEvent

    state: dict[str, Any] = {
        f"count {_label(model)}": model._default_manager.count() for model in watched_models()
    }
    state["count audit"] = AuditEvent.objects.exclude(
        event_type=AuditEventType.ACCESS_DENIED
    ).count()
    for key, obj in side.objects.items():
        model = type(obj)
        row = model._default_manager.filter(pk=obj.pk).values().first()
        state[f"row {key}"] = row
        history = getattr(model, "history", None)
        if history is not None:
            state[f"history {key}"] = history.filter(**{model._meta.pk.attname: obj.pk}).count()
    return state


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {k: (before[k], after.get(k)) for k in before if before[k] != after.get(k)}
