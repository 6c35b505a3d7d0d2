from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from linli.core.counting import CountedPaginator
from linli.core.errors import DomainError
from linli.core.forms import posted_id
from linli.core.roles import CHANGE_ORGS, VIEW_ORGS
from linli.core.types import AuthedRequest
from linli.orgs.services import PersonData
from linli.talent import selectors, services
from linli.talent.forms import TalentForm

PAGE_SIZE = 50


@permission_required(VIEW_ORGS, raise_exception=True)
def talent_list(request: AuthedRequest) -> HttpResponse:
    """Social-work talents serving the communities in scope; the dashboard's numbers link here."""
    region, certified = request.GET.get("region", ""), request.GET.get("certified", "")
    posts = selectors.talent_list(user=request.user, region_code=region, certified=certified)
    count = selectors.talent_count(user=request.user, region_code=region, certified=certified)
    page = CountedPaginator(posts, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    can_change = request.user.has_perm(CHANGE_ORGS)
    form = TalentForm(request.POST or None, initial={"region": region}) if can_change else None
    if request.method == "POST" and can_change and form is not None:
        try:
            if "end" in request.POST:
                talent_id = posted_id(request.POST, "end") or 0
                try:
                    services.talent_post_end(actor=request.user, talent_id=talent_id)
                except DomainError as exc:  # not the form's error: the form was not filled in
                    messages.error(request, exc.message)
                else:
                    messages.success(request, _("The post has ended."))
                return redirect(request.get_full_path())
            if form.is_valid():
                data = form.cleaned_data
                services.talent_post_add(
                    actor=request.user,
                    region_code=data["region"],
                    post=data["post"],
                    started_on=data["started_on"],
                    person=PersonData(
                        full_name=data["full_name"],
                        id_number=data["id_number"],
                        phone=data["phone"],
                        social_worker_level=data["social_worker_level"],
                    ),
                )
                messages.success(request, _("The social-work talent has been added."))
                return redirect(request.get_full_path())
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "talent/talent_list.html",
        {
            "page": page,
            "count": page.paginator.count,
            "region": region,
            "certified": certified,
            "form": form,
        },
    )
