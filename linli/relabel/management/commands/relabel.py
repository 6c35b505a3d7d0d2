"""``manage.py relabel --region 310104 --user xuhui.bureau [--threshold 0.85] [--no-tags]``

The same service as the page /relabel/, for regions too large for one web request.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import translation

from linli.accounts.models import User
from linli.core.errors import DomainError
from linli.regions.models import Region
from linli.relabel.models import DEFAULT_THRESHOLD, RelabelRun
from linli.relabel.services import relabel_run


class Command(BaseCommand):
    help = (
        "Relabel the active organizations of a region: apply confident suggestions, queue the "
        "rest for review at /relabel/<run>/."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="region code, e.g. 310104")
        parser.add_argument("--user", required=True, help="username the run is recorded under")
        parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
        parser.add_argument("--no-tags", action="store_true", help="suggest the category only")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            actor = self._user(options["user"])
            region = self._region(options["region"])
            run = self._run(actor, region, options["threshold"], not options["no_tags"])
            self._report(run)

    def _user(self, username: str) -> User:
        user = User.objects.select_related("region").filter(username=username).first()
        if user is None or not user.is_active:
            raise CommandError(f"no active user {username!r}")
        return user

    def _region(self, code: str) -> Region:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(f"no region with the code {code!r}")
        return region

    def _run(self, actor: User, region: Region, threshold: float, tags_too: bool) -> RelabelRun:
        try:
            return relabel_run(actor=actor, region=region, threshold=threshold, tags_too=tags_too)
        except PermissionDenied as exc:
            raise CommandError(f"{actor.username} may not change organizations") from exc
        except Http404 as exc:
            raise CommandError(f"{region.code} is outside {actor.username}'s area") from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def _report(self, run: RelabelRun) -> None:
        self.stdout.write(
            f"run #{run.pk} {run.region.name} ({run.region.code}), threshold {run.threshold:g}: "
            f"{run.classified_count} classified, {run.applied_count} applied, "
            f"{run.queued_count} queued, {run.unchanged_count} unchanged "
            f"in {run.duration_seconds:.2f} s"
        )
        if run.queued_count:
            self.stdout.write(f"review the queue at /relabel/{run.pk}/")
