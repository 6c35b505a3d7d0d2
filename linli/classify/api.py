"""Classification endpoint: a suggested category and tags for one organization name."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from linli.classify.engine import classify
from linli.classify.schemas import ClassifyIn, ClassifyOut

router = Router(tags=["classify"])


@router.post(
    "/classify",
    response=ClassifyOut,
    summary="Suggest a category and service-field tags for an organization name",
    description=(
        "A suggestion for the reviewer, never a decision: category code and Chinese label, "
        "confidence (below 0.5: check by hand), tags and the reasons. Stores nothing. "
        "An empty or over-long name or scope answers 422 with a Chinese message."
    ),
)
def classify_name(request: HttpRequest, payload: ClassifyIn) -> ClassifyOut:
    return ClassifyOut.from_result(classify(payload.name, payload.scope or ""))
