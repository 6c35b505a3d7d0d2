"""An approved application's ``proposed`` JSON for a generated organization."""

from __future__ import annotations

import json
from functools import lru_cache

from linli.classify.data.build_labelled import Stem
from linli.classify.vocabulary import TAGS
from linli.demo.model import GeneratedOrg

TAG_CODE_BY_NAME = {tag.name: tag.code for tag in TAGS}

_quote = json.encoder.encode_basestring  # a JSON string literal, non-ASCII kept as is


@lru_cache(maxsize=4096)
def _stem_json(stem: Stem) -> tuple[str, str, str]:
    codes = [TAG_CODE_BY_NAME[t] for t in stem.tags if t in TAG_CODE_BY_NAME]
    return _quote(stem.scope), json.dumps(codes), json.dumps(list(stem.tags), ensure_ascii=False)


def proposal(org: GeneratedOrg, confidence: float, explanation: str = "") -> str:
    """An approved application's ``proposed`` as JSON text, as linli.applications.services
    builds it (``json.dumps`` of the same dict gives the same text; written out here because
    it is made for every application)."""
    scope, tags, tag_names = _stem_json(org.stem)
    person = org.person
    people = (
        f'{{"role": "responsible", "full_name": {_quote(person.full_name)}, '
        f'"id_number_enc": "{person.id_encrypted}", "id_number_masked": "{person.id_masked}", '
        f'"phone_enc": "{person.phone_encrypted}", "phone_masked": "{person.phone_masked}", '
        f'"is_party_member": {"true" if person.is_party_member else "false"}}}'
        if person is not None
        else ""
    )
    return (
        f'{{"name": {_quote(org.name)}, "tier": "{org.tier}", "category": "{org.category}", '
        f'"legal_form": "{org.legal_form}", "credit_code": "{org.credit_code}", '
        f'"hub_type": "", "address": "", "founded_on": "{org.founded_on.isoformat()}", '
        f'"member_count": {org.member_count}, "business_scope": {scope}, '
        f'"activity_time": {_quote(org.activity_time)}, '
        f'"activity_place": {_quote(org.activity_place)}, "supervisory_unit": "", '
        f'"party_building": "{org.party_building}", '
        f'"party_member_count": {org.party_member_count}, "charter": "", "tags": {tags}, '
        f'"region": "{org.region.code}", "people": [{people}], '
        f'"suggestion": {{"category": "{org.category}", "confidence": {confidence!r}, '
        f'"tags": {tag_names}, "reasons": []}}, "explanation": {_quote(explanation)}}}'
    )
