from __future__ import annotations

from django.utils.safestring import mark_safe

from linli.core.tables import Column, body, header


def test_cells_and_links_are_escaped_and_labelled() -> None:
    columns = [
        Column("名称", lambda r: r["name"], link=lambda r: f"/orgs/?q={r['name']}&x=1"),
        Column("数", lambda r: r["n"], css="text-end"),
        Column("安全", lambda r: mark_safe("<b>ok</b>")),
    ]
    html = body(columns, [{"name": '<script>"x"</script>', "n": 3}])
    assert "<script>" not in html
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in html
    assert 'href="/orgs/?q=&lt;script&gt;&quot;x&quot;&lt;/script&gt;&amp;x=1"' in html
    assert '<td data-label="数" class="text-end">3</td>' in html
    assert "<b>ok</b>" in html
    assert header(columns) == '<th>名称</th><th class="text-end">数</th><th>安全</th>'
    assert body(columns, []) == ""
