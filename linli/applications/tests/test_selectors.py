"""The reads the public filing pages and the material download go through."""

from __future__ import annotations

import pytest
from django.http import Http404

from linli.applications import selectors, services
from linli.applications.choices import ApplicationState
from linli.applications.models import Application
from linli.applications.services import PublicApplicant
from linli.applications.tests.test_workflow import attach, filing_data, responsible
from linli.core import crypto
from linli.regions.models import Region

pytestmark = pytest.mark.django_db


def resident(phone: str) -> PublicApplicant:
    return PublicApplicant(
        crypto.blind_index(phone), crypto.mask_phone(phone), crypto.encrypt(phone)
    )


def public_draft(applicant: PublicApplicant) -> Application:
    community = Region.objects.get(code="310104003002")
    return services.application_create(
        actor=applicant, kind="filing", data=filing_data(region=community)
    )


def test_a_resident_reads_only_what_their_number_filed(people) -> None:
    mine, theirs = resident("13912345678"), resident("13987654321")
    first, second = public_draft(mine), public_draft(mine)
    other = public_draft(theirs)
    services.application_create(
        actor=people.leader, kind="filing", data=filing_data(), responsible=responsible()
    )
    assert list(selectors.public_application_list(applicant=mine)) == [second, first]
    assert selectors.public_application_get(applicant=theirs, app_id=other.pk) == other
    with pytest.raises(Http404):
        selectors.public_application_get(applicant=mine, app_id=other.pk)


def test_a_certificate_is_found_by_its_code_once_approved(people) -> None:
    application = public_draft(resident("13912345678"))
    Application.objects.filter(pk=application.pk).update(certificate_code="AB12CD34")
    assert selectors.certificate_lookup(code="AB12CD34") is None  # still a draft
    Application.objects.filter(pk=application.pk).update(state=ApplicationState.APPROVED)
    assert selectors.certificate_lookup(code="AB12CD34") == application
    assert selectors.certificate_lookup(code="") is None
    assert selectors.certificate_lookup(code="00000000") is None


def test_a_64_bit_code_is_shown_in_groups_and_found_however_it_is_typed(people) -> None:
    application = public_draft(resident("13912345678"))
    Application.objects.filter(pk=application.pk).update(
        certificate_code="9F3A0C7E51B24D68", state=ApplicationState.APPROVED
    )
    application.refresh_from_db()
    assert application.certificate_code_display == "9F3A-0C7E-51B2-4D68"
    for typed in ("9F3A-0C7E-51B2-4D68", "9f3a 0c7e 51b2 4d68", " 9f3a0c7e51b24d68 "):
        assert selectors.certificate_lookup(code=typed) == application, typed
    assert selectors.certificate_lookup(code="9F3A-0C7E-51B2-4D69") is None


def test_a_material_is_read_only_through_its_own_visible_application(people) -> None:
    application = services.application_create(
        actor=people.leader, kind="filing", data=filing_data(), responsible=responsible()
    )
    attach(people.leader, application)
    other = services.application_create(
        actor=people.leader, kind="filing", data=filing_data(), responsible=responsible()
    )
    material = application.attachments.first()
    found = selectors.attachment_get(
        user=people.street_a, app_id=application.pk, attachment_id=material.pk
    )
    assert found == material
    with pytest.raises(Http404):  # another application's id
        selectors.attachment_get(user=people.street_a, app_id=other.pk, attachment_id=material.pk)
    with pytest.raises(Http404):  # outside the jurisdiction
        selectors.attachment_get(
            user=people.street_b, app_id=application.pk, attachment_id=material.pk
        )
