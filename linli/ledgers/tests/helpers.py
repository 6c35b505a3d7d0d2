"""Small ledgers built in memory for the tests."""

from __future__ import annotations

import io
import random
from typing import Any

from openpyxl import Workbook, load_workbook

from linli.demo.codes import credit_code
from linli.demo.people import id_number
from linli.ledgers.columns import COLUMNS, DATA_SHEET

HEADERS = [column.header for column in COLUMNS]
RNG = random.Random(7)


def new_id_number() -> str:
    return id_number(RNG, "310104")


def new_credit_code() -> str:
    return credit_code("social_group", "310104", RNG.randrange(31**6))


def team(name: str = "永嘉太极拳队", region: str = "310104003002", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "名称": name,
        "层级": "群众活动团队",
        "类别": "文体活动类",
        "服务领域": "体育、文化",
        "所在区划代码": region,
        "成立日期": "2018-03-01",
        "成员数": 24,
        "业务范围或活动内容": "晨练太极拳",
        "固定活动时间": "每天早上 6:30",
        "固定活动地点": "永嘉新村广场",
        "党建情况": "无",
        "党员人数": 2,
        "负责人姓名": "王建国",
        "负责人身份证号": new_id_number(),
        "负责人手机号": "13912345678",
    }
    row.update(extra)
    return row


def group(name: str = "天平编织小组", region: str = "310104003001", **extra: Any) -> dict[str, Any]:
    return team(
        name,
        region,
        **{
            "层级": "社区活动小组",
            "类别": "公益慈善类",
            "服务领域": "慈善捐赠",
            "成员数": 6,
            **extra,
        },
    )


def registered(name: str = "徐汇区天平社区助老服务社", **extra: Any) -> dict[str, Any]:
    row = team(
        name, "310104003", **{"层级": "注册社会组织", "类别": "生活服务类", "服务领域": "养老"}
    )
    row.update({"统一社会信用代码": new_credit_code(), "法人类型": "社会服务机构", "成员数": 40})
    row.update(extra)
    return row


def ledger(rows: list[dict[str, Any]], headers: list[str] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = DATA_SHEET
    headers = headers or HEADERS
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    return save(workbook)


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_back(content: bytes) -> tuple[list[str], list[list[Any]], Any]:
    """Headers, rows of values, and the sheet (for data types), of a downloaded workbook."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[DATA_SHEET]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [str(h) for h in rows[0]], rows[1:], sheet


def as_dicts(content: bytes) -> list[dict[str, Any]]:
    headers, rows, _sheet = read_back(content)
    return [dict(zip(headers, row, strict=True)) for row in rows]
