"""What applications add to the registry: an organization's latest applications on its page
(see linli.orgs.extensions)."""

from __future__ import annotations

from linli.applications.reads import latest_applications
from linli.orgs import extensions


def register() -> None:
    extensions.add_page_facts(
        "applications", lambda scope, org: {"applications": latest_applications(scope, org)}
    )
