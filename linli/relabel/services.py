"""Bulk relabelling of the stock (004 四(三)) and the review of what it was not sure about.

A run classifies every active organization of a region (inside the actor's jurisdiction) in
batches of ``BATCH_SIZE``, each batch one transaction that locks its organizations:

* a suggestion equal to the registry is only counted (unchanged);
* a differing suggestion with confidence ≥ the run's threshold is applied at once;
* any other differing suggestion is queued for a person (accept, reject or correct).

Tags are only ever *added* by a suggestion: the classifier finds evidence for a tag (a keyword in
the name or business scope), never evidence against one, so tags a person set are kept. A
reviewer's correction may set any tags.

Every change goes through ``_write_label``: version bumped, a history row whose reason names the
run and the before/after, and an ORG_UPDATE audit row with the full before/after.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from linli.accounts.models import User
from linli.classify.engine import classify
from linli.classify.vocabulary import CATEGORIES, TAGS, TAGS_BY_CODE
from linli.core import audit
from linli.core.choices import AuditEventType
from linli.core.concurrency import bump_version, lock_current
from linli.core.errors import DomainError, StaleObjectError
from linli.core.roles import CHANGE_ORGS
from linli.core.scoping import ensure_in_scope, subtree_q
from linli.orgs.choices import OrgStatus
from linli.orgs.facts import key_of
from linli.orgs.models import Organization, OrganizationTag
from linli.regions.models import Region
from linli.relabel.choices import Outcome, RunState
from linli.relabel.models import DEFAULT_THRESHOLD, RelabelItem, RelabelRun, category_label
from linli.stats.services import rollup_shift

BATCH_SIZE = 500
#: Below this the classifier's own output says "uncertain": never apply such guesses unseen.
MIN_THRESHOLD = 0.5
#: simple-history keeps at most 100 characters of a change reason.
REASON_LENGTH = 100

TAG_CODE_BY_NAME = {tag.name: tag.code for tag in TAGS}
TAG_ORDER = {tag.code: index for index, tag in enumerate(TAGS)}
TAG_CODES = frozenset(TAG_ORDER)


# --- suggestions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    category: str
    tags: list[str]
    confidence: float
    reasons: list[str]


def ordered_tags(codes: Iterable[str]) -> list[str]:
    """Tag codes without repeats, in vocabulary order (unknown codes last, alphabetically)."""
    return sorted(set(codes), key=lambda code: (TAG_ORDER.get(code, len(TAG_ORDER)), code))


def suggest(org: Organization, current_tags: list[str], *, tags_too: bool) -> Suggestion:
    """The classifier's category for ``org`` and its tags plus any the classifier found."""
    result = classify(org.name, org.business_scope)
    found = [TAG_CODE_BY_NAME[name] for name in result.tags if name in TAG_CODE_BY_NAME]
    tags = ordered_tags([*current_tags, *found]) if tags_too else ordered_tags(current_tags)
    return Suggestion(result.category, tags, result.confidence, list(result.reasons))


def differs(org: Organization, current_tags: list[str], suggestion: Suggestion) -> bool:
    return org.category != suggestion.category or set(current_tags) != set(suggestion.tags)


def change_reason(prefix: str, before: tuple[str, list[str]], after: tuple[str, list[str]]) -> str:
    """``批量重新归类（第3次）：类别 文体活动类→公益慈善类；加标签 志愿`` (≤ 100 characters)."""
    parts = []
    if before[0] != after[0]:
        parts.append(
            f"类别 {CATEGORIES.get(before[0], before[0])}→{CATEGORIES.get(after[0], after[0])}"
        )
    added = [t for t in after[1] if t not in before[1]]
    removed = [t for t in before[1] if t not in after[1]]
    if added:
        parts.append("加标签 " + "、".join(_tag_name(t) for t in added))
    if removed:
        parts.append("去标签 " + "、".join(_tag_name(t) for t in removed))
    text = f"{prefix}：{'；'.join(parts) or '无变化'}"
    return text if len(text) <= REASON_LENGTH else text[: REASON_LENGTH - 1] + "…"


def _tag_name(code: str) -> str:
    return TAGS_BY_CODE[code].name if code in TAGS_BY_CODE else code


# --- permissions --------------------------------------------------------------------------------


def may_relabel(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.has_perm(CHANGE_ORGS))


def _require_permission(actor: User) -> None:
    if not may_relabel(actor):
        raise PermissionDenied


def _check_threshold(threshold: float) -> float:
    if not MIN_THRESHOLD <= threshold <= 1.0:
        raise DomainError(
            _("The confidence threshold must be between %(low)s and 1.") % {"low": MIN_THRESHOLD}
        )
    return round(threshold, 3)


# --- writing a label ----------------------------------------------------------------------------


def _set_label(org: Organization, category: str, reason: str, actor: User) -> None:
    """Change the category in memory, with what simple-history will record."""
    org.category = category
    org.updated_at = timezone.now()
    bump_version(org)
    org._change_reason = reason  # type: ignore[attr-defined]
    org._history_user = actor  # type: ignore[attr-defined]


def _replace_tags(tags_by_org: dict[int, list[str]]) -> None:
    """Give each organization exactly these tags (two queries for the whole batch)."""
    if not tags_by_org:
        return
    OrganizationTag.objects.filter(organization_id__in=list(tags_by_org)).delete()
    OrganizationTag.objects.bulk_create(
        [
            OrganizationTag(organization_id=org_id, tag=tag)
            for org_id, tags in tags_by_org.items()
            for tag in tags
        ]
    )


def _audit_change(actor: User, org: Organization, item: RelabelItem, decision: str) -> None:
    audit.record(
        AuditEventType.ORG_UPDATE,
        actor=actor,
        obj=org,
        region_path=org.region_path,
        detail={
            "relabel_run": item.run_id,
            "relabel_item": item.pk,
            "decision": decision,
            "category": [item.before_category, item.final_category],
            "tags": [item.before_tags, item.final_tags],
            "confidence": item.confidence,
        },
    )


def _write_labels(
    changes: list[tuple[Organization, RelabelItem]], actor: User, decision: str
) -> None:
    """Save new categories and tags with one history row and one audit row per organization."""
    if not changes:
        return
    orgs = [org for org, _item in changes]
    bulk_update_with_history(
        orgs, Organization, ["category", "version", "updated_at"], default_user=actor
    )
    _replace_tags(
        {
            org.pk: item.final_tags
            for org, item in changes
            if set(item.final_tags) != set(item.before_tags)
        }
    )
    for org, item in changes:
        if org.category != item.before_category:
            before = replace(key_of(org), category=item.before_category)
            rollup_shift(before, key_of(org))
        _audit_change(actor, org, item, decision)


# --- the run ------------------------------------------------------------------------------------


@dataclass
class Tally:
    classified: int = 0
    applied: int = 0
    queued: int = 0
    unchanged: int = 0

    def add(self, other: Tally) -> None:
        self.classified += other.classified
        self.applied += other.applied
        self.queued += other.queued
        self.unchanged += other.unchanged


def _organizations_in(actor: User, region: Region) -> Any:
    return (
        Organization.objects.restrict(actor)
        .filter(subtree_q("region_path", region.path), status=OrgStatus.ACTIVE)
        .order_by("pk")
    )


def organizations_to_classify(*, actor: User, region: Region) -> int:
    """How many organizations a run over ``region`` would classify."""
    return int(_organizations_in(actor, region).count())


def _current_tags(org_ids: list[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = {org_id: [] for org_id in org_ids}
    rows = OrganizationTag.objects.filter(organization_id__in=org_ids).values_list(
        "organization_id", "tag"
    )
    for org_id, tag in rows:
        tags[org_id].append(tag)
    return {org_id: ordered_tags(codes) for org_id, codes in tags.items()}


def _new_item(
    run: RelabelRun, org: Organization, tags: list[str], suggestion: Suggestion
) -> RelabelItem:
    confident = suggestion.confidence >= run.threshold
    return RelabelItem(
        run=run,
        organization=org,
        org_version=org.version,
        before_category=org.category,
        before_tags=tags,
        suggested_category=suggestion.category,
        suggested_tags=suggestion.tags,
        confidence=suggestion.confidence,
        reasons=suggestion.reasons,
        outcome=Outcome.APPLIED if confident else Outcome.QUEUED,
        final_category=suggestion.category if confident else org.category,
        final_tags=suggestion.tags if confident else tags,
        decided_at=run.started_at if confident else None,
    )


def _suggest_batch(
    run: RelabelRun, orgs: list[Organization]
) -> tuple[list[tuple[Organization, RelabelItem]], int]:
    """An unsaved item for each organization whose suggestion differs; and how many do not."""
    tags_by_org = _current_tags([org.pk for org in orgs])
    items, unchanged = [], 0
    for org in orgs:
        tags = tags_by_org[org.pk]
        suggestion = suggest(org, tags, tags_too=run.tags_too)
        if differs(org, tags, suggestion):
            items.append((org, _new_item(run, org, tags, suggestion)))
        else:
            unchanged += 1
    return items, unchanged


def _apply_confident(
    run: RelabelRun, actor: User, applied: list[tuple[Organization, RelabelItem]]
) -> None:
    prefix = f"批量重新归类（第{run.pk}次，置信度≥{run.threshold:g}）"
    for org, item in applied:
        before = (item.before_category, item.before_tags)
        after = (item.final_category, item.final_tags)
        _set_label(org, item.final_category, change_reason(prefix, before, after), actor)
    _write_labels(applied, actor, Outcome.APPLIED)


@transaction.atomic
def _run_batch(
    run: RelabelRun, actor: User, region: Region, after_pk: int, size: int
) -> tuple[int | None, Tally]:
    """Classify the next ``size`` organizations after ``after_pk`` (locked until the batch is
    written); returns the last pk seen, or None when there are no more."""
    batch = _organizations_in(actor, region).filter(pk__gt=after_pk).select_for_update()
    orgs = list(batch[:size])
    if not orgs:
        return None, Tally()
    items, unchanged = _suggest_batch(run, orgs)
    RelabelItem.objects.bulk_create([item for _org, item in items])
    applied = [(org, item) for org, item in items if item.outcome == Outcome.APPLIED]
    _apply_confident(run, actor, applied)
    tally = Tally(len(orgs), len(applied), len(items) - len(applied), unchanged)
    return orgs[-1].pk, tally


@transaction.atomic
def _start_run(*, actor: User, region: Region, threshold: float, tags_too: bool) -> RelabelRun:
    """Create the run; open suggestions of earlier runs for the same organizations are replaced."""
    run = RelabelRun.objects.create(
        region=region, started_by=actor, threshold=threshold, tags_too=tags_too
    )
    older = RelabelItem.objects.queued().filter(subtree_q("organization__region_path", region.path))
    touched_runs = set(older.values_list("run_id", flat=True).distinct())
    older.update(outcome=Outcome.SUPERSEDED, decided_at=timezone.now())
    for earlier in RelabelRun.objects.filter(pk__in=touched_runs).select_for_update():
        _refresh_state(earlier)
    return run


def _finish_run(run: RelabelRun, tally: Tally, seconds: float, *, failed: bool = False) -> None:
    run.classified_count = tally.classified
    run.applied_count = tally.applied
    run.queued_count = tally.queued
    run.unchanged_count = tally.unchanged
    run.duration_seconds = round(seconds, 3)
    run.finished_at = timezone.now()
    if failed:
        run.state = RunState.FAILED
    else:
        run.state = RunState.REVIEW if run.items.queued().exists() else RunState.DONE
    run.save()


def relabel_run(
    *,
    actor: User,
    region: Region,
    threshold: float = DEFAULT_THRESHOLD,
    tags_too: bool = True,
    batch_size: int = BATCH_SIZE,
) -> RelabelRun:
    """Classify every active organization of ``region``; apply the confident, queue the rest."""
    _require_permission(actor)
    ensure_in_scope(actor, region.path)
    threshold = _check_threshold(threshold)
    run = _start_run(actor=actor, region=region, threshold=threshold, tags_too=tags_too)
    started, tally, last_pk = time.perf_counter(), Tally(), 0
    try:
        while True:
            seen, batch = _run_batch(run, actor, region, last_pk, batch_size)
            if seen is None:
                break
            last_pk = seen
            tally.add(batch)
    except BaseException:
        # Batches already written stay (each was complete); their queue can still be reviewed.
        _finish_run(run, tally, time.perf_counter() - started, failed=True)
        raise
    _finish_run(run, tally, time.perf_counter() - started)
    return run


# --- review -------------------------------------------------------------------------------------


def _refresh_state(run: RelabelRun) -> None:
    """A run under review is finished once nothing of it waits for a person."""
    if run.state == RunState.REVIEW and not run.items.queued().exists():
        run.state = RunState.DONE
        run.save(update_fields=["state"])


def _refuse_closed(item: RelabelItem) -> None:
    if item.outcome == Outcome.SUPERSEDED:
        raise DomainError(
            _("This suggestion was replaced by a later run; decide it in that run's queue.")
        )
    who = item.decided_by.display_name if item.decided_by else _("the run")
    when = timezone.localtime(item.decided_at).strftime("%Y-%m-%d %H:%M") if item.decided_at else ""
    raise DomainError(
        _("This suggestion has already been decided (%(outcome)s, by %(who)s at %(when)s).")
        % {"outcome": item.get_outcome_display(), "who": who, "when": when}
    )


def _lock_open_item(actor: User, item_id: int) -> RelabelItem:
    """Lock the item and its run (run first, always); refuse what is no longer waiting."""
    _require_permission(actor)
    item = RelabelItem.objects.get_in_scope(actor, pk=item_id)
    run = RelabelRun.objects.select_for_update().get(pk=item.run_id)
    item = (
        RelabelItem.objects.select_for_update(of=("self",))
        .select_related("decided_by")
        .get(pk=item_id)
    )
    item.run = run
    if run.state == RunState.RUNNING:
        raise DomainError(_("This run is still in progress; wait until it has finished."))
    if item.outcome != Outcome.QUEUED:
        _refuse_closed(item)
    return item


def _lock_unchanged_org(actor: User, item: RelabelItem) -> Organization:
    """The organization, locked, if nobody changed it since the suggestion was made."""
    org = lock_current(
        Organization.objects.restrict(actor), pk=item.organization_id, expected_version=None
    )
    if org.version != item.org_version:
        raise StaleObjectError(
            _(
                "%(name)s was changed after this suggestion was made (it is now %(category)s). "
                "Reject the suggestion, or start a new run for a fresh one."
            )
            % {"name": org.name, "category": category_label(org.category)}
        )
    return org


def _close(item: RelabelItem, actor: User, outcome: str, category: str, tags: list[str]) -> None:
    item.outcome = outcome
    item.final_category = category
    item.final_tags = tags
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.save(update_fields=["outcome", "final_category", "final_tags", "decided_by", "decided_at"])
    _refresh_state(item.run)


def _apply_decision(
    actor: User, item: RelabelItem, outcome: str, category: str, tags: list[str], prefix: str
) -> RelabelItem:
    org = _lock_unchanged_org(actor, item)
    tags = ordered_tags(tags)
    before = (item.before_category, item.before_tags)
    _set_label(org, category, change_reason(prefix, before, (category, tags)), actor)
    _close(item, actor, outcome, category, tags)
    _write_labels([(org, item)], actor, outcome)
    return item


@transaction.atomic
def relabel_accept(*, actor: User, item_id: int) -> RelabelItem:
    """The reviewer takes the suggestion as it is."""
    item = _lock_open_item(actor, item_id)
    prefix = f"复核确认（第{item.run_id}次批量重新归类）"
    return _apply_decision(
        actor, item, Outcome.ACCEPTED, item.suggested_category, item.suggested_tags, prefix
    )


@transaction.atomic
def relabel_reject(*, actor: User, item_id: int) -> RelabelItem:
    """The reviewer keeps the organization as it is; nothing in the registry changes."""
    item = _lock_open_item(actor, item_id)
    _close(item, actor, Outcome.REJECTED, item.before_category, item.before_tags)
    return item


def _check_label(category: str, tags: list[str]) -> None:
    if category not in CATEGORIES:
        raise DomainError(_("Choose one of the four categories."))
    unknown = [tag for tag in tags if tag not in TAG_CODES]
    if unknown:
        raise DomainError(_("Unknown tags: %(tags)s") % {"tags": ", ".join(unknown)})


@transaction.atomic
def relabel_correct(*, actor: User, item_id: int, category: str, tags: list[str]) -> RelabelItem:
    """The reviewer sets the category and tags themselves."""
    _check_label(category, tags)
    item = _lock_open_item(actor, item_id)
    if category == item.before_category and set(tags) == set(item.before_tags):
        raise DomainError(
            _("That is what the registry already holds; choose “Keep as is” instead.")
        )
    prefix = f"复核更正（第{item.run_id}次批量重新归类）"
    return _apply_decision(actor, item, Outcome.CORRECTED, category, tags, prefix)
