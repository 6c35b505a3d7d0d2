"""What activity records add to the registry: the latest activities on an organization's page
(see linli.orgs.extensions)."""

from __future__ import annotations

from linli.activities.reads import latest_activities
from linli.orgs import extensions


def register() -> None:
    extensions.add_page_facts(
        "activities", lambda scope, org: {"activities": latest_activities(scope, org)}
    )
