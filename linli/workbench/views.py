from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from linli.core.types import AuthedRequest
from linli.workbench import selectors


def workbench(request: AuthedRequest) -> HttpResponse:
    return render(request, "workbench/workbench.html", selectors.workbench(user=request.user))
