from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from linli.orgs.models import Organization
from linli.relabel.models import RelabelRun

pytestmark = pytest.mark.django_db


def relabel(*args: str) -> str:
    out = StringIO()
    call_command("relabel", *args, stdout=out)
    return out.getvalue()


def test_command_runs_the_service(people, stock) -> None:
    output = relabel("--region", "310104", "--user", "district", "--threshold", "0.9")
    run = RelabelRun.objects.get()
    assert run.threshold == 0.9 and run.started_by == people.district
    assert "5 classified, 3 applied, 1 queued, 1 unchanged" in output
    assert f"/relabel/{run.pk}/" in output
    assert Organization.objects.get(pk=stock.wrong_sure.pk).category == "culture_sports"


def test_command_category_only(people, stock) -> None:
    relabel("--region", "310104", "--user", "district", "--no-tags")
    assert not RelabelRun.objects.get().tags_too


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--region", "310104", "--user", "nobody"), "no active user"),
        (("--region", "000000", "--user", "district"), "no region"),
        (("--region", "310104", "--user", "street_a"), "outside"),
        (("--region", "310104003001", "--user", "committee"), "may not change"),
        (("--region", "310104", "--user", "district", "--threshold", "0.1"), "0.5"),
    ],
)
def test_command_refuses_clearly(people, stock, args, message) -> None:
    with pytest.raises(CommandError, match=message):
        relabel(*args)
    assert not RelabelRun.objects.exists()
