from __future__ import annotations

import copy

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from linli.core.forms import FastSelect


def test_fast_select_escapes_marks_the_choice_and_follows_the_language() -> None:
    widget = FastSelect(choices=[("", _("All")), ("a&b", "<b>甲</b>"), ("team", "队")])
    copied = copy.deepcopy(widget)  # what every form does with its fields
    with translation.override("en"):
        html = copied.render("tier", "team")
    assert '<option value="">All</option>' in html
    assert '<option value="a&amp;b">&lt;b&gt;甲&lt;/b&gt;</option>' in html
    assert '<option value="team" selected>队</option>' in html
    assert html.startswith('<select name="tier">')
    with translation.override("zh-hans"):
        assert '<option value="" selected>全部</option>' in widget.render("tier", None)
