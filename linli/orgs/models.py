from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from linli.core.crypto import decrypt
from linli.core.scoping import ScopedQuerySet
from linli.orgs.choices import (
    Category,
    HubType,
    LegalForm,
    OrgStatus,
    PartyBuilding,
    PersonRole,
    SocialWorkerLevel,
    Tier,
)


class OrganizationQuerySet(ScopedQuerySet):
    # The region path is copied onto the organization so scoping and counts need no join.
    scope_path_lookup: ClassVar[str] = "region_path"


class Organization(models.Model):
    """One community social organization, whatever its tier; it keeps its identity and history
    as it grows from activity group to filed team to registered organization."""

    name = models.CharField(_("name"), max_length=200)
    tier = models.CharField(_("tier"), max_length=12, choices=Tier.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    legal_form = models.CharField(
        _("legal form"), max_length=24, choices=LegalForm.choices, blank=True
    )
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, db_index=True
    )
    hub_type = models.CharField(
        _("hub type"), max_length=24, choices=HubType.choices, blank=True, default=""
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    region_path = models.CharField(max_length=64, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    member_count = models.PositiveIntegerField(_("members"), default=0)
    business_scope = models.TextField(_("business scope or activity content"), blank=True)
    activity_time = models.CharField(_("regular activity time"), max_length=100, blank=True)
    activity_place = models.CharField(_("regular activity place"), max_length=200, blank=True)
    # Managing units: who registered it, supervises it, filed it or guides it.
    registration_authority = models.ForeignKey(
        "regions.Region",
        verbose_name=_("registration authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    supervisory_unit = models.CharField(_("supervisory unit"), max_length=200, blank=True)
    filing_street = models.ForeignKey(
        "regions.Region",
        verbose_name=_("filing street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    guiding_committee = models.ForeignKey(
        "regions.Region",
        verbose_name=_("guiding committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OrgStatus.choices, default=OrgStatus.ACTIVE
    )
    party_building = models.CharField(
        _("party building"),
        max_length=20,
        choices=PartyBuilding.choices,
        default=PartyBuilding.NONE,
    )
    party_member_count = models.PositiveIntegerField(_("party members"), default=0)
    charter = models.TextField(_("charter"), blank=True)
    recognised_on = models.DateField(_("registered, filed or recorded on"), null=True, blank=True)
    closed_on = models.DateField(_("deregistered or filing cancelled on"), null=True, blank=True)
    name_initials = models.CharField(max_length=200, editable=False, blank=True)
    search_tokens = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["search_tokens", "name_initials", "updated_at"])
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="org_credit_code_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(tier="registered") | models.Q(legal_form=""),
                name="org_legal_form_only_registered",
            ),
        ]
        indexes = [
            models.Index(fields=["region_path", "id"], name="org_scope_order"),
            models.Index(fields=["region_path", "tier", "category"], name="org_scope_tier_cat"),
            models.Index(fields=["region", "name"], name="org_region_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def managing_unit_id(self) -> int | None:
        """The region whose unit manages the organization: the registration authority, the
        filing street or the guiding residents' committee, by tier."""
        if self.tier == Tier.REGISTERED:
            return self.registration_authority_id  # type: ignore[attr-defined, no-any-return]
        if self.tier == Tier.TEAM:
            return self.filing_street_id  # type: ignore[attr-defined, no-any-return]
        return self.guiding_committee_id  # type: ignore[attr-defined, no-any-return]

    def managing_unit_named(self, region_name: str) -> str:
        """The managing unit, given its region's name (a registration authority is that
        region's civil-affairs bureau)."""
        if self.tier == Tier.REGISTERED and region_name:
            return f"{region_name}民政局"
        return region_name

    @property
    def managing_unit(self) -> str:
        if self.tier == Tier.REGISTERED:
            unit = self.registration_authority
        elif self.tier == Tier.TEAM:
            unit = self.filing_street
        else:
            unit = self.guiding_committee
        return self.managing_unit_named(unit.name if unit else "")


class OrganizationTag(models.Model):
    """A service-field tag (code from linli.classify.vocabulary) on an organization."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="tags")
    tag = models.CharField(_("tag"), max_length=24)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "tag"], name="org_tag_unique")
        ]
        indexes = [models.Index(fields=["tag", "organization"], name="org_tag_lookup")]

    def __str__(self) -> str:
        return self.tag


class Honour(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="honours")
    title = models.CharField(_("honour"), max_length=200)
    awarded_by = models.CharField(_("awarded by"), max_length=200, blank=True)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-awarded_on", "id"]

    def __str__(self) -> str:
        return self.title


class Person(models.Model):
    """One natural person, however many organizations and roles they hold.

    ID number and phone are stored SM4-encrypted with a blind index for matching, and a masked
    copy for display; the full values are read only through an audited reveal.
    """

    full_name = models.CharField(_("name"), max_length=60)
    id_number_encrypted = models.TextField(blank=True, editable=False)
    # A plain index as well as the partial unique one: SQLite cannot use a partial index for an
    # equality lookup, and matching people by ID number is on the import path.
    id_number_index = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    id_number_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)
    phone_encrypted = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    phone_masked = models.CharField(_("mobile"), max_length=11, blank=True, editable=False)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    is_party_member = models.BooleanField(_("party member"), default=False)
    social_worker_level = models.CharField(
        _("certified social worker"),
        max_length=16,
        choices=SocialWorkerLevel.choices,
        blank=True,
        default="",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                condition=~models.Q(id_number_index=""),
                name="person_id_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def reveal_id_number(self) -> str:
        return decrypt(self.id_number_encrypted) if self.id_number_encrypted else ""

    def reveal_phone(self) -> str:
        return decrypt(self.phone_encrypted) if self.phone_encrypted else ""


class MembershipQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "organization__region_path"

    def current(self) -> MembershipQuerySet:
        return self.filter(ended_on__isnull=True)


class Membership(models.Model):
    """A person's role in an organization (responsible person, board, supervisor, member…)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=PersonRole.choices)
    is_community_representative = models.BooleanField(_("community representative"), default=False)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("to"), null=True, blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("role in an organization")
        verbose_name_plural = _("roles in organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "person", "role"],
                condition=models.Q(ended_on__isnull=True),
                name="membership_current_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"
