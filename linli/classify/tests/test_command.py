"""``manage.py classify``: lines in, one tab-separated suggestion per line out, in order."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from linli.classify.engine import classify

SCOPE = "为社区老年人提供助餐、助浴和日间照料服务"


def run(*args: str, stdin: object = None) -> list[str]:
    out = io.StringIO()
    call_command("classify", *args, stdin=stdin, stdout=out)
    return out.getvalue().split("\n")[:-1]


def fields(line: str) -> list[str]:
    return line.split("\t")


def test_file_gives_one_line_per_name_in_order(tmp_path: Path) -> None:
    source = tmp_path / "names.txt"
    source.write_text(
        "田林街道太极拳队\n上海市徐汇区田林街道社区基金会\n阳光家园\n", encoding="utf-8"
    )
    lines = run(str(source))
    assert [fields(line)[:2] for line in lines] == [
        ["田林街道太极拳队", "culture_sports"],
        ["上海市徐汇区田林街道社区基金会", "charity"],
        ["阳光家园", "charity"],
    ]
    assert fields(lines[0])[2:] == ["0.997", "体育"]


def test_no_tags_leave_the_last_field_empty_and_low_confidence_shows() -> None:
    name, category, confidence, tags = fields(run(stdin=io.StringIO("阳光家园\n"))[0])
    assert float(confidence) < 0.5 and tags == ""


def test_confidence_has_three_decimals_and_tags_are_comma_separated() -> None:
    line = run(stdin=io.StringIO(f"阳光家园\t{SCOPE}\n"))[0]
    name, category, confidence, tags = fields(line)
    expected = classify("阳光家园", SCOPE)
    assert (name, category) == ("阳光家园", "life_service")
    assert confidence == f"{expected.confidence:.3f}" and len(confidence.split(".")[1]) == 3
    assert tags.split(",") == list(expected.tags) and "助餐" in tags.split(",")


def test_everything_after_the_first_tab_is_scope() -> None:
    line = run(stdin=io.StringIO(f"阳光家园\t为社区老年人提供助餐\t{SCOPE}\n"))[0]
    assert fields(line)[:2] == ["阳光家园", "life_service"] and len(fields(line)) == 4


def test_blank_lines_are_answered_with_empty_lines() -> None:
    lines = run(stdin=io.StringIO("田林街道太极拳队\n\n   \n\t只有业务范围\n某某街道老年协会\n"))
    assert len(lines) == 5
    assert lines[1:4] == ["", "", ""]
    assert fields(lines[4])[:2] == ["某某街道老年协会", "community_affairs"]


def test_last_line_without_newline_is_read() -> None:
    assert len(run(stdin=io.StringIO("田林街道太极拳队\n阳光家园"))) == 2


def test_dash_and_binary_stdin(tmp_path: Path) -> None:
    data = "田林街道太极拳队\n".encode()
    assert run("-", stdin=io.BytesIO(data)) == run(stdin=io.StringIO("田林街道太极拳队\n"))


@pytest.mark.parametrize("encode", [lambda t: t.encode("utf-8-sig"), lambda t: t.encode()])
def test_bom_and_crlf_are_accepted_in_files(tmp_path: Path, encode) -> None:
    source = tmp_path / "windows.txt"
    source.write_bytes(encode("田林街道太极拳队\r\n阳光家园\t" + SCOPE + "\r\n"))
    lines = run(str(source))
    assert fields(lines[0])[:2] == ["田林街道太极拳队", "culture_sports"]
    assert fields(lines[1])[:2] == ["阳光家园", "life_service"]
    assert not any("\r" in line or "\ufeff" in line for line in lines)


def test_bom_and_crlf_are_accepted_on_stdin() -> None:
    text = "\ufeff田林街道太极拳队\r\n阳光家园\r\n"
    for stdin in (io.StringIO(text), io.BytesIO(text.encode())):
        lines = run(stdin=stdin)
        assert [fields(line)[0] for line in lines] == ["田林街道太极拳队", "阳光家园"]


def test_bad_bytes_name_the_line_and_stop(tmp_path: Path) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes("田林街道太极拳队\n阳光家园\n".encode() + "某某街道老年协会\n".encode("gbk"))
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"line 3 is not valid UTF-8"):
        call_command("classify", str(source), stdout=out)
    assert len(out.getvalue().splitlines()) == 2  # the good lines before it were written


def test_bad_bytes_on_stdin() -> None:
    with pytest.raises(CommandError, match=r"line 1 is not valid UTF-8 \(0xff"):
        run(stdin=io.BytesIO(b"\xff\xfe\n"))


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path / "missing.txt"))


def test_verbose_run_reports_the_rate_on_stderr() -> None:
    err = io.StringIO()
    call_command(
        "classify",
        stdin=io.StringIO("田林街道太极拳队\n"),
        stdout=io.StringIO(),
        stderr=err,
        verbosity=2,
    )
    assert "1 lines in" in err.getvalue()
