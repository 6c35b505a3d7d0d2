"""What leader training adds to the registry: the form that records a training on an
organization's people page with the trainings so far, and the list's training filter (see
linli.orgs.extensions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.orgs import extensions
from linli.talent.forms import TrainingForm
from linli.talent.selectors import leader_training_filter, leader_trainings
from linli.talent.services import leader_training_record


def register() -> None:
    extensions.add_people_form(
        extensions.PeopleForm(
            "add_training",
            TrainingForm,
            leader_training_record,
            _("The training has been recorded."),
            lambda org: {"trainings": leader_trainings(org=org)},
        )
    )
    extensions.add_list_filter(
        "leader_training", lambda value: leader_training_filter(trained=value == "trained")
    )
