"""The isolation suite: every route and every API operation, tried against another jurisdiction.

Routes come from Django's URL resolver and API operations from the OpenAPI document, and each must
have a row in ROUTES or API below saying how to exercise it: which of side A's objects fill its
URL parameters (or its body), which requests to send (a valid-looking body for writes), and what
must not change. A route added tomorrow fails ``test_every_route_is_in_the_table`` until it has
its row. Routes without an object of anyone's (public pages, the caller's own account, lists) are
listed too, with the reason; lists are checked by their content.

For a route with a scoped object (see linli/core/tests/isolation_world.py for the world):

* anonymous: pages redirect to the login (public filing pages to the phone check), the API
  answers 401, and nothing changes;
* a user of another jurisdiction — B, the neighbouring street office, and C, the bureau of
  another district — gets 404 for every read and write (or the stated refusal, for forms that
  place something), and afterwards every watched table has the same number of rows, no audit
  row was written, and each of A's objects has the same fields and the same change history;
* A's own user is not refused (no 404, no server error).

A list shows the rows of the jurisdictions its viewer covers and none of the others'.

The world is built once for the module inside a transaction that is rolled back at its end; each
test runs in a savepoint of it. Transactional tests (``transaction=True``, ``live_server``) do not
belong in this module.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from linli.core.tests.isolation_world import (
    COVERS,
    PDF,
    SIDES,
    Side,
    World,
    changes,
    id_number,
    phone_client,
    snapshot,
    user_client,
    world_in_transaction,
)
from linli.core.tests.test_access import PUBLIC_ROUTES

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
OTHER_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PHONE_CHECK = "/file/"

# --- the table ----------------------------------------------------------------------------------

Body = Callable[[Side], dict[str, Any]]


@dataclass(frozen=True)
class Try:
    """One request: its method, body (built from the target side's objects), query string,
    URL parameters that differ from the route's, and how the body is sent."""

    method: str = "GET"
    body: Body | None = None
    query: str | Callable[[Side], str] = ""
    params: dict[str, str] = field(default_factory=dict)
    form: str = "form"  # "form", "multipart" or "json"


@dataclass(frozen=True, repr=False)
class Route:
    """How the suite exercises one route or API operation.

    ``kind``: "scoped" (names or places into another side's objects: tried by B and C),
    "list" (no object; checked by what it shows), "own" (the caller's own account or session),
    "public" (on the public allowlist), "national" (the whole country only), "none" (no view).
    ``params`` maps URL parameters to keys of the side's objects (Region → code, other → pk) or
    to a literal written "=value". ``watch`` names "object.field"s that must not change (every
    field of every object of A is compared too, with row counts of every table). ``who`` is
    which of a side's users exercises it: "staff", "admin" or "phone" (a verified mobile).
    ``denied`` is what B and C get. ``mixed`` names URL parameters B and C fill with their own
    objects (their parent, A's child). ``markers`` names what a list shows of each side.
    """

    kind: str
    reason: str = ""
    params: dict[str, str] = field(default_factory=dict)
    tries: tuple[Try, ...] = (Try(),)
    watch: tuple[str, ...] = ()
    who: str = "staff"
    denied: tuple[int, ...] = (404,)
    mixed: tuple[str, ...] = ()
    markers: str = ""
    viewers: tuple[str, ...] = ("A", "B", "C")
    list_tries: tuple[Try, ...] = (Try(),)
    may_add: tuple[str, ...] = ()  # snapshot entries an attempt may change (a refused upload row)

    def __repr__(self) -> str:
        return f"Route({self.kind!r}, params={self.params!r})"


GET = Try()


def POST(body: Body | None = None, **kwargs: Any) -> Try:  # reads like the method it sends
    return Try("POST", body or (lambda s: {}), **kwargs)


def scoped(params: dict[str, str], *tries: Try, **kwargs: Any) -> Route:
    return Route("scoped", params=params, tries=tries or (GET,), **kwargs)


def listing(markers: str, reason: str, *tries: Try, **kwargs: Any) -> Route:
    return Route("list", reason=reason, markers=markers, tries=tries, **kwargs)


def own(reason: str, **kwargs: Any) -> Route:
    return Route("own", reason=reason, tries=(), **kwargs)


def public(reason: str) -> Route:
    return Route("public", reason=reason, tries=())


def national(reason: str) -> Route:
    return Route("national", reason=reason)


def fresh(side: Side, key: str) -> Any:
    obj = side[key]
    return type(obj)._default_manager.get(pk=obj.pk)


# Bodies: what a user of the side would post; an attacker posts them against A's objects.


def org_edit(s: Side) -> dict[str, Any]:
    team = fresh(s, "team")
    return {
        "name": team.name + "（越权改名）",
        "tier": "team",
        "category": "culture_sports",
        "region": s.place.community,
        "member_count": 20,
        "party_building": "none",
        "party_member_count": 0,
        "tags": ["sports"],
        "version": team.version,
    }


def filing_form(s: Side) -> dict[str, Any]:
    return {
        "name": f"{s.place.prefix}越权太极拳队",
        "region": s.place.community,
        "category": "culture_sports",
        "member_count": 12,
        "business_scope": "练习太极拳",
        "activity_time": "每周二上午",
        "activity_place": "居委会活动室",
        "party_building": "none",
        "party_member_count": 0,
        "responsible_name": "越权负责人",
    }


def draft_edit(s: Side) -> dict[str, Any]:
    return {**filing_form(s), "version": fresh(s, "draft").version}


def public_edit(s: Side) -> dict[str, Any]:
    form = {k: v for k, v in filing_form(s).items() if k not in ("party_member_count",)}
    return {**form, "version": fresh(s, "public_draft").version}


def material(s: Side) -> dict[str, Any]:
    return {"material": "identity", "file": SimpleUploadedFile("越权.pdf", PDF)}


def step(key: str, **extra: Any) -> Body:
    return lambda s: {"version": fresh(s, key).version, **extra}


def ledger_file(s: Side) -> dict[str, Any]:
    """A one-row ledger placing a team in the side's community."""
    from openpyxl import Workbook

    from linli.ledgers.columns import COLUMNS, DATA_SHEET

    row = {
        "名称": f"{s.place.prefix}越权导入队",
        "层级": "群众活动团队",
        "类别": "文体活动类",
        "所在区划代码": s.place.community,
        "成员数": 12,
        "党建情况": "无",
        "负责人姓名": "越权导入",
        "负责人身份证号": id_number("310104", "19570101", "099"),
        "负责人手机号": "13912349999",
    }
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = DATA_SHEET
    headers = [column.header for column in COLUMNS]
    sheet.append(headers)
    sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return {"file": SimpleUploadedFile("越权台账.xlsx", buffer.getvalue())}


TARGETS = {
    "year": 2026,
    "orgs_per_urban_community": "15",
    "orgs_per_rural_community": "9",
    "talents_per_urban_community": "3",
    "talents_per_rural_community": "2",
    "grade_3a_share": "40",
}

ROUTES: dict[str, Route] = {
    # core
    "core:home": public("the landing page; a signed-in user is sent to the workbench"),
    "core:healthz": public("liveness probe; answers 'ok' and nothing else"),
    "workbench:home": listing(
        "root", "no object: the user's own region, its children and its numbers"
    ),
    "core:audit_log": listing(
        "audit",
        "no object: events of the jurisdiction (street offices have no audit log; 徐汇's bureau "
        "covers A and B)",
        viewers=("xuhui", "C"),
    ),
    "core:inbox": listing("notifications", "own account: the caller's own notifications"),
    # accounts
    "accounts:login": public("the login form"),
    "accounts:logout": own("ends the caller's own session"),
    "accounts:password_change": own("the caller's own password"),
    "accounts:profile": listing("tokens", "own account: only the caller's own API tokens"),
    "accounts:otp_setup": own("enrols the caller's own authenticator"),
    "accounts:otp_verify": own("checks the caller's own second factor"),
    "accounts:token_revoke": scoped(
        {"token_id": "token"},
        POST(),
        watch=("token.revoked_at",),
        denied=(302,),
        reason="own account: another user's token 'does not exist' (a message, a redirect)",
    ),
    "accounts:user_list": listing("users", "no object: accounts in scope", who="admin"),
    "accounts:user_create": scoped(
        {},
        POST(
            lambda s: {
                "username": "iso_intruder",
                "full_name": "越权账号",
                "role": "street_office",
                "region": s.place.street,
            }
        ),
        who="admin",
        denied=(200,),
        reason="places an account: a region outside the jurisdiction is refused on the form",
    ),
    "accounts:user_edit": scoped(
        {"user_id": "user"},
        GET,
        POST(
            lambda s: {
                "full_name": "越权改名",
                "role": s.place.staff_role,
                "region": s.place.staff_region,
                "is_active": "on",
                "version": fresh(s, "user").version,
            }
        ),
        watch=("user.full_name", "user.is_active"),
        who="admin",
    ),
    "accounts:user_reset_password": scoped(
        {"user_id": "user"}, POST(), watch=("user.password",), who="admin"
    ),
    "accounts:user_reset_otp": scoped({"user_id": "user"}, POST(), who="admin"),
    # regions
    "regions:home": listing("root_code", "no object: redirects to the user's own region"),
    "regions:detail": scoped({"code": "street"}),
    "regions:community_create": scoped(
        {"code": "street"}, GET, POST(lambda s: {"name": "越权居委会", "kind": "urban"})
    ),
    "regions:community_edit": scoped(
        {"code": "community"},
        GET,
        POST(
            lambda s: {
                "name": "越权改名居委会",
                "kind": "urban",
                "is_active": "on",
                "version": fresh(s, "community").version,
            }
        ),
        watch=("community.name",),
    ),
    "regions:history": scoped({"code": "community"}),
    # organizations
    "orgs:list": listing("orgs", "no object: the registry in scope"),
    "orgs:detail": scoped({"org_id": "team"}),
    "orgs:edit": scoped({"org_id": "team"}, GET, POST(org_edit), watch=("team.name",)),
    "orgs:people": scoped(
        {"org_id": "team"},
        GET,
        POST(lambda s: {"add_person": "1", "full_name": "越权添加", "role": "member"}),
        POST(lambda s: {"add_honour": "1", "title": "越权荣誉"}),
        POST(
            lambda s: {
                "add_training": "1",
                "course": "越权培训",
                "held_on": "2025-06-01",
                "hours": "2",
                "mode": "offline",
            }
        ),
        POST(
            lambda s: {"add_grade": "1", "grade": "5", "awarded_on": "2025-06-01"},
            params={"org_id": "fund"},
        ),
        POST(lambda s: {"end_role": str(s["membership"].pk)}),
        watch=("membership.ended_on",),
    ),
    "orgs:person_reveal": scoped(
        {"org_id": "team", "membership_id": "membership"},
        POST(lambda s: {"purpose": "核对备案信息"}),
        POST(lambda s: {"purpose": ""}),
        mixed=("org_id",),
    ),
    # applications
    "applications:list": listing(
        "applications", "no object: applications in scope", list_tries=(Try(query="?box=all"),)
    ),
    "applications:create": scoped(
        {},
        Try(query=lambda s: f"?kind=amendment&org={s['team'].pk}"),
        POST(
            lambda s: {"explanation": "越权注销申请"},
            query=lambda s: f"?kind=filing_cancellation&org={s['team'].pk}",
        ),
        POST(filing_form, query="?kind=filing"),
        reason="names an organization (?org=) or places a filing in a community",
    ),
    "applications:detail": scoped({"app_id": "draft"}),
    "applications:edit": scoped(
        {"app_id": "draft"}, GET, POST(draft_edit), watch=("draft.title", "draft.version")
    ),
    "applications:attachment_upload": scoped({"app_id": "draft"}, POST(material, form="multipart")),
    "applications:attachment_download": scoped(
        {"app_id": "draft", "attachment_id": "attachment"}, mixed=("app_id",)
    ),
    "applications:certificate": scoped({"app_id": "approved"}),
    "applications:action": scoped(
        {"app_id": "submitted"},
        POST(step("draft", commitment="on"), params={"app_id": "draft", "action": "=submit"}),
        POST(step("draft"), params={"app_id": "draft", "action": "=withdraw"}),
        POST(step("submitted", reason="越权退回"), params={"action": "=return"}),
        POST(step("submitted", reason="越权驳回"), params={"action": "=reject"}),
        POST(step("submitted", reason="越权通过"), params={"action": "=approve"}),
        watch=("draft.state", "submitted.state"),
    ),
    # filing without an account: the verified mobile number is the "jurisdiction"
    "public_filing:start": public("asks for a mobile number"),
    "public_filing:verify": public("checks the code sent to the number of this session"),
    "public_filing:leave": public("forgets this session's verified number"),
    "public_filing:home": listing(
        "public_applications", "own filings of the verified number", who="phone"
    ),
    "public_filing:region_options": public("names of regions below the public root"),
    "public_filing:new": own("files for the verified number; no object of anyone's", who="phone"),
    "public_filing:detail": scoped({"app_id": "public_draft"}, who="phone"),
    "public_filing:edit": scoped(
        {"app_id": "public_draft"},
        GET,
        POST(public_edit),
        who="phone",
        watch=("public_draft.title",),
    ),
    "public_filing:upload": scoped(
        {"app_id": "public_draft"}, POST(material, form="multipart"), who="phone"
    ),
    "public_filing:certificate": scoped({"app_id": "public_approved"}, who="phone"),
    "public_filing:action": scoped(
        {"app_id": "public_draft", "step": "=submit"},
        POST(step("public_draft", commitment="on")),
        POST(step("public_draft"), params={"step": "=withdraw"}),
        who="phone",
        watch=("public_draft.state",),
    ),
    "public_filing:check": public("checks a certificate by its printed 64-bit code"),
    # ledgers
    "ledgers:import": scoped(
        {},
        POST(ledger_file, form="multipart"),
        denied=(302,),
        may_add=("count ledgers.LedgerUpload",),
        reason="places organizations: a row outside the jurisdiction is a row error and the "
        "upload is refused (its refused upload row is all that is written)",
    ),
    "ledgers:import_report": scoped({"upload_id": "upload"}),
    "ledgers:import_confirm": scoped({"upload_id": "upload"}, POST(), watch=("upload.state",)),
    "ledgers:template": listing(
        "community_codes", "no object: the template lists the regions in scope"
    ),
    "ledgers:export_options": listing(
        "count", "no object: the export's count of the organizations in scope"
    ),
    "ledgers:export": listing(
        "orgs",
        "no object: the registry in scope as .xlsx (masked; POST with a purpose: full)",
        list_tries=(GET, POST(lambda s: {"purpose": "核对备案信息"})),
    ),
    # relabelling
    "relabel:list": listing(
        "runs",
        "no object: runs in scope; starting one places it in a region of the form",
        POST(lambda s: {"region": s.place.street, "threshold": "0.85", "tags_too": "on"}),
        denied=(200,),
    ),
    "relabel:report": scoped(
        {},
        Try(query=lambda s: f"?region={s.place.street}"),
        reason="the region is a query parameter (?region=); without one, the user's own scope",
    ),
    "relabel:run": scoped({"run_id": "run"}),
    "relabel:accept": scoped({"item_id": "item"}, POST(), watch=("item.outcome",)),
    "relabel:reject": scoped({"item_id": "item"}, POST(), watch=("item.outcome",)),
    "relabel:correct": scoped(
        {"item_id": "item"},
        GET,
        POST(lambda s: {"category": "culture_sports", "tags": ["sports"]}),
        watch=("item.outcome",),
    ),
    # statistics
    "stats:home": listing("root_code", "no object: redirects to the user's own dashboard"),
    "stats:national": national("the whole country: only a national jurisdiction"),
    "stats:national_export": national("the whole country: only a national jurisdiction"),
    "stats:dashboard": scoped({"code": "street"}),
    "stats:export": scoped({"code": "street"}),
    "stats:targets": scoped({"code": "street"}, GET, POST(lambda s: dict(TARGETS))),
    # talent
    "talent:list": listing(
        "talent",
        "no object: posts in scope; ending or adding one names a post or a community",
        POST(lambda s: {"end": str(s["talent"].pk)}),
        POST(
            lambda s: {
                "region": s.place.community,
                "full_name": "越权社工",
                "post": "社工",
                "started_on": "2025-01-01",
            }
        ),
        denied=(200, 302),  # adding: the form's error; ending: back to the list with the message
        watch=("talent.ended_on",),
    ),
    # the API's own pages (operations are in API below)
    "api:openapi-json": own("the API's description, no data; needs a login"),
    "api:openapi-view": own("the API's documentation page; needs a login"),
    "api:api-root": Route("none", reason="ninja's placeholder for reverse('api:api-root')"),
    "set_language": public("sets the interface language"),
}


API: dict[tuple[str, str], Route] = {
    ("GET", "/api/v1/me"): own("the caller's own account"),
    ("GET", "/api/v1/regions"): listing("root", "no object: the top of the user's region tree"),
    ("GET", "/api/v1/regions/{code}"): scoped({"code": "street"}),
    ("GET", "/api/v1/regions/{code}/children"): scoped({"code": "street"}),
    ("POST", "/api/v1/classify"): own("no object: classifies the name sent; stores nothing"),
    ("GET", "/api/v1/organizations"): listing("orgs", "no object: the registry in scope"),
    ("GET", "/api/v1/organizations/{org_id}"): scoped({"org_id": "team"}),
    ("GET", "/api/v1/applications"): listing("applications", "no object: applications in scope"),
    ("POST", "/api/v1/applications"): scoped(
        {},
        POST(
            lambda s: {"kind": "amendment", "organization_id": s["team"].pk, "name": "越权改名"},
            form="json",
        ),
        POST(lambda s: {"kind": "filing", **filing_form(s)}, form="json"),
        reason="names an organization or places a filing in a community",
    ),
    ("GET", "/api/v1/applications/{app_id}"): scoped({"app_id": "draft"}),
    ("POST", "/api/v1/applications/{app_id}/materials"): scoped(
        {"app_id": "draft"}, POST(material, form="multipart")
    ),
    ("POST", "/api/v1/applications/{app_id}/{action}"): scoped(
        {"app_id": "submitted"},
        POST(
            lambda s: {"version": fresh(s, "draft").version, "commitment": True},
            params={"app_id": "draft", "action": "=submit"},
            form="json",
        ),
        POST(step("draft"), params={"app_id": "draft", "action": "=withdraw"}, form="json"),
        POST(step("submitted", reason="越权退回"), params={"action": "=return"}, form="json"),
        POST(step("submitted", reason="越权驳回"), params={"action": "=reject"}, form="json"),
        POST(step("submitted", reason="越权通过"), params={"action": "=approve"}, form="json"),
        watch=("draft.state", "submitted.state"),
    ),
    ("GET", "/api/v1/statistics/{code}"): scoped({"code": "street"}),
}

# --- discovery ----------------------------------------------------------------------------------


def resolver_routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> dict[str, str]:
    """Route name → URL pattern, for every pattern Django resolves (unnamed ones by pattern)."""
    found: dict[str, str] = {}
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            found.update(resolver_routes(p.url_patterns, prefix + str(p.pattern), ns))
        elif isinstance(p, URLPattern):
            pattern = "/" + prefix + str(p.pattern)
            name = f"{namespace}{p.name}" if p.name else f"<unnamed {pattern}>"
            found[name] = pattern
    return found


def openapi_operations() -> set[tuple[str, str]]:
    from linli.api import api

    schema = api.get_openapi_schema()
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method.lower() in ("get", "post", "put", "patch", "delete")
    }


def as_openapi_path(pattern: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", pattern)


ROUTE_PATTERNS = resolver_routes(get_resolver().url_patterns)
OPERATIONS = openapi_operations()
DOCUMENTED_PATHS = {path for _method, path in OPERATIONS}
# Resolver entries of the API that are operations of the OpenAPI document (covered by API).
API_OPERATION_ROUTES = {
    name for name, pattern in ROUTE_PATTERNS.items() if as_openapi_path(pattern) in DOCUMENTED_PATHS
}


def test_every_route_is_in_the_table() -> None:
    names = set(ROUTE_PATTERNS) - API_OPERATION_ROUTES
    missing = sorted(names - set(ROUTES))
    assert not missing, (
        f"routes missing from the isolation table (ROUTES in {__name__}): {missing}. Add a row "
        "saying which object of side A fills each URL parameter, or why none does."
    )
    stale = sorted(set(ROUTES) - names)
    assert not stale, f"rows for routes that no longer exist: {stale}"


def test_every_api_operation_is_in_the_table() -> None:
    missing = sorted(OPERATIONS - set(API))
    assert not missing, (
        f"API operations missing from the isolation table (API in {__name__}): {missing}"
    )
    stale = sorted(set(API) - OPERATIONS)
    assert not stale, f"rows for API operations that no longer exist: {stale}"


def test_the_served_openapi_document_has_the_same_operations(world, db) -> None:
    served = user_client(world.national).get("/api/v1/openapi.json").json()["paths"]
    assert {(m.upper(), p) for p, ops in served.items() for m in ops} == OPERATIONS


def test_the_table_agrees_with_the_public_allowlist_and_gives_reasons() -> None:
    anonymous_ok = {n for n, r in ROUTES.items() if r.kind == "public" or r.who == "phone"}
    assert anonymous_ok == PUBLIC_ROUTES
    for key, route in [*ROUTES.items(), *API.items()]:
        assert route.kind in ("scoped", "list", "own", "public", "national", "none"), key
        if route.kind != "scoped" or not route.params:
            assert route.reason, f"{key}: say why it takes no scoped object"
        if route.kind == "list":
            assert route.markers, key
    for (method, _path), route in API.items():
        assert all(t.method == method for t in route.tries), (method, _path)


def test_every_url_parameter_is_filled_from_the_table() -> None:
    """A route whose URL takes a parameter names an object: it is tried as "scoped", with every
    parameter filled (a parameter added tomorrow fails here, not silently)."""
    patterns = {**ROUTE_PATTERNS, **{key: key[1] for key in API}}
    for key, route in [*ROUTES.items(), *API.items()]:
        wanted = set(re.findall(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", patterns[key]))
        names = {a or b for a, b in wanted}
        if not names or route.kind == "none":
            continue
        assert route.kind == "scoped", f"{key} takes {sorted(names)}: make it a scoped row"
        for attempt in route.tries:
            assert set({**route.params, **attempt.params}) == names, (key, attempt)


def test_the_walk_found_every_app() -> None:
    namespaces = {name.split(":")[0] for name in ROUTE_PATTERNS if ":" in name}
    assert {
        "core", "accounts", "regions", "orgs", "applications", "public_filing", "ledgers",
        "relabel", "stats", "talent", "api",
    } <= namespaces  # fmt: skip
    assert len(OPERATIONS) >= 13


# --- running a route ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    yield from world_in_transaction(django_db_blocker, tmp_path_factory.mktemp("isolation"))


Key = str | tuple[str, str]


def is_api(key: Key) -> bool:
    return isinstance(key, tuple)


def route_of(key: Key) -> Route:
    return API[key] if isinstance(key, tuple) else ROUTES[key]


def value_of(side: Side, ref: str) -> str:
    if ref.startswith("="):
        return ref[1:]
    obj = side[ref]
    return str(obj.code) if hasattr(obj, "code") and hasattr(obj, "path") else str(obj.pk)


def url_of(key: Key, route: Route, attempt: Try, target: Side, own: Side | None = None) -> str:
    params = {**route.params, **attempt.params}
    values = {
        name: value_of(own if own is not None and name in route.mixed else target, ref)
        for name, ref in params.items()
    }
    url = key[1].format(**values) if isinstance(key, tuple) else reverse(key, kwargs=values)
    query = attempt.query(target) if callable(attempt.query) else attempt.query
    return url + query


def send(
    client: Client, key: Key, route: Route, attempt: Try, target: Side, own: Side | None = None
) -> Any:
    url = url_of(key, route, attempt, target, own)
    body = attempt.body(target) if attempt.body else None
    if attempt.method == "GET":
        return client.get(url)
    if attempt.form == "json":
        return client.generic(
            attempt.method, url, json.dumps(body, ensure_ascii=False), "application/json"
        )
    if attempt.method == "POST":
        return client.post(url, body or {})
    return client.generic(attempt.method, url)


def text_of(response: Any) -> str:
    """What a person would read in the response: page, JSON (unescaped), workbook cells."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True)
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        return "\n".join(cells)
    if "json" in kind:
        return json.dumps(json.loads(content or b"null"), ensure_ascii=False)
    return content.decode(errors="replace") + "\n" + response.get("Location", "")


def client_for(world: World, side: str, who: str) -> Client:
    if who == "phone":
        return phone_client(world[side].phone)
    return user_client(world.user(side, who))


def leaked(world: World, response: Any, victim: str = "A") -> list[str]:
    """A's names, personal numbers and titles found in a response shown to someone else."""
    text = text_of(response)
    side = world[victim]
    keys = ("orgs", "applications", "public_applications", "talent", "tokens", "notifications",
            "details", "secrets")  # fmt: skip
    return [m for k in keys for m in side.markers[k] if m in text]


def described(key: Key, attempt: Try, response: Any) -> str:
    return f"{key} {attempt.method} {response.request['PATH_INFO']}: {response.status_code}"


def param_ids(keys: list[Any]) -> list[str]:
    return [" ".join(k) if isinstance(k, tuple) else k for k in keys]


ALL: list[Key] = [*ROUTES, *API]
# Tried by B and C: routes with a scoped object, and lists whose writes name or place one.
SCOPED = [
    k
    for k in ALL
    if route_of(k).kind == "scoped" or (route_of(k).kind == "list" and route_of(k).tries)
]
GUARDED = [k for k in ALL if route_of(k).kind in ("scoped", "list", "own", "national")]
LISTS = [(k, v) for k in ALL if route_of(k).kind == "list" for v in route_of(k).viewers]
LIST_IDS = [f"{param_ids([k])[0]}-{v}" for k, v in LISTS]
NATIONAL = [k for k in ALL if route_of(k).kind == "national"]


@pytest.mark.parametrize("key", GUARDED, ids=param_ids(GUARDED))
def test_anonymous_is_sent_to_login_and_changes_nothing(world, db, key) -> None:
    route = route_of(key)
    client = Client()
    before = snapshot(world["A"])
    attempts = route.tries + (route.list_tries if route.kind == "list" else ())
    if not attempts:
        attempts = (Try(key[0], lambda s: {}, form="json"),) if is_api(key) else (GET,)
    for attempt in attempts:
        response = send(client, key, route, attempt, world["A"])
        if is_api(key):
            assert response.status_code == 401, described(key, attempt, response)
        else:
            expected = PHONE_CHECK if route.who == "phone" else LOGIN
            assert response.status_code == 302, described(key, attempt, response)
            assert response["Location"].startswith(expected), described(key, attempt, response)
    assert changes(before, snapshot(world["A"])) == {}


@pytest.mark.parametrize("attacker", ["B", "C"])
@pytest.mark.parametrize("key", SCOPED, ids=param_ids(SCOPED))
def test_another_jurisdiction_gets_404_and_changes_nothing(world, db, key, attacker) -> None:
    route = route_of(key)
    client = client_for(world, attacker, route.who)
    victim = world["A"]
    before = snapshot(victim)
    watched = {w: getattr(fresh(victim, w.split(".")[0]), w.split(".")[1]) for w in route.watch}
    attempts = [(t, None) for t in route.tries]
    attempts += [(t, world[attacker]) for t in route.tries if route.mixed]
    for attempt, own in attempts:
        response = send(client, key, route, attempt, victim, own)
        shown = leaked(world, response)
        assert response.status_code in route.denied and not shown, (
            f"{described(key, attempt, response)} (expected {route.denied}); "
            f"A's data in the response: {shown}"
        )
    # Where the URL names A's object, the methods the route does not take are refused too.
    url = url_of(key, route, route.tries[0], victim)
    names_an_object = any(not ref.startswith("=") for ref in route.params.values())
    for method in OTHER_METHODS if names_an_object else ():
        if (method, url) in {(t.method, url_of(key, route, t, victim)) for t in route.tries}:
            continue
        response = client.generic(method, url)
        assert response.status_code in (*route.denied, 405), f"{key} {method} {url}"
        assert leaked(world, response) == [], f"{key} {method} {url}"
    after = snapshot(victim)
    assert {k: v for k, v in changes(before, after).items() if k not in route.may_add} == {}
    for w, value in watched.items():
        assert getattr(fresh(victim, w.split(".")[0]), w.split(".")[1]) == value, w


@pytest.mark.parametrize("key", SCOPED, ids=param_ids(SCOPED))
def test_the_own_jurisdiction_is_served(world, db, key) -> None:
    route = route_of(key)
    client = client_for(world, "A", route.who)
    for attempt in route.tries:
        before = snapshot(world["A"])
        response = send(client, key, route, attempt, world["A"])
        assert response.status_code != 404 and response.status_code < 500, described(
            key, attempt, response
        )
        if route.denied != (404,) and attempt.method != "GET":
            # Others are refused with a form error or a redirect, so only "nothing changed"
            # tells refused from done: the same request must do something for the owner.
            assert changes(before, snapshot(world["A"])), described(key, attempt, response)


@pytest.mark.parametrize(("key", "viewer"), LISTS, ids=LIST_IDS)
def test_a_list_shows_its_jurisdiction_only(world, db, key, viewer) -> None:
    route = route_of(key)
    user = world.user(viewer, route.who) if route.who != "phone" else None
    client = phone_client(world[viewer].phone) if user is None else user_client(user)
    covered = COVERS[viewer]
    for attempt in route.list_tries:
        response = send(client, key, route, attempt, world["A"])
        expected = 302 if route.markers == "root_code" else 200
        assert response.status_code == expected, described(key, attempt, response)
        if route.markers == "count":
            expected = sum(len(world[s].markers["orgs"]) for s in covered)
            assert response.context["count"] == expected, described(key, attempt, response)
            continue
        text = text_of(response)
        for side in SIDES:
            markers = world[side].markers[route.markers]
            where = (side, described(key, attempt, response))
            if side in covered:
                assert [m for m in markers if m not in text] == [], where
            else:
                assert [m for m in markers if m in text] == [], where
                assert [m for m in world[side].markers["secrets"] if m in text] == [], where


@pytest.mark.parametrize("key", NATIONAL, ids=param_ids(NATIONAL))
def test_the_whole_country_is_for_a_national_jurisdiction_only(world, db, key) -> None:
    route = route_of(key)
    for side in SIDES:
        response = send(user_client(world[side].staff), key, route, GET, world["A"])
        assert response.status_code == 404, described(key, GET, response)
    assert send(user_client(world.national), key, route, GET, world["A"]).status_code == 200
