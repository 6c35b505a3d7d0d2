"""The downloadable ledger template: the data sheet, instructions, tag names and region codes."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from linli.classify.vocabulary import TAGS
from linli.ledgers.columns import (
    CHOICE,
    CODE,
    COLUMNS,
    DATA_SHEET,
    DATE,
    INSTRUCTIONS_SHEET,
    INT,
    REGIONS_SHEET,
    TAGS_SHEET,
    Column,
)
from linli.ledgers.files import MAX_BYTES
from linli.ledgers.parse import MAX_ROWS
from linli.regions.choices import RegionLevel
from linli.regions.models import Region

MAX_REGIONS_LISTED = 20_000
HEADER_FILL = PatternFill("solid", fgColor="FFF2CC")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
KIND_NOTES = {
    INT: "整数",
    DATE: "日期",
    CODE: "文本（数字按文本填写）",
    CHOICE: "从下拉列表中选择",
}

GENERAL_RULES = (
    "1. 在“台账”工作表第 2 行起每行填写一个组织，不要修改第 1 行的列名；可以删去不用的非必填列。",
    "2. 红色列名为必填列。注册社会组织还必须填写统一社会信用代码和法人类型。",
    "3. 导入时先做预检：列出每一行将新增、更新还是不变，以及每个错误的行号、列名和原因；"
    "确认后才写入，而且整个文件要么全部导入，要么全部不导入。",
    "4. 注册社会组织按统一社会信用代码识别；"
    "群众活动团队和社区活动小组按“所在街道（镇）+ 名称”识别。"
    "同一文件重复导入不会产生重复记录，未改动的行显示为“不变”。",
    "5. 只能导入本人辖区内的组织；辖区以外的行会被拒绝。",
    "6. 填写了某一列，该列的内容就会覆盖系统中的原值（空单元格表示清空）；删去的列保持系统原值。",
    "7. 负责人身份证号、手机号如为导出文件中的打码值（含 *），导入时保持系统原值。",
    "8. 文件须为 .xlsx 格式（不接受带宏的 .xlsm 和旧版 .xls），"
    f"不超过 {MAX_BYTES // 1024 // 1024} MB、{MAX_ROWS:,} 行。",
)


def build_template(user: Any) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    write_data_sheet(workbook.create_sheet(DATA_SHEET))
    write_instructions(workbook.create_sheet(INSTRUCTIONS_SHEET))
    write_tags(workbook.create_sheet(TAGS_SHEET))
    write_regions(workbook.create_sheet(REGIONS_SHEET), user)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_data_sheet(sheet: Worksheet) -> None:
    sheet.append([column.header for column in COLUMNS])
    last_row = MAX_ROWS + 1
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font = REQUIRED_FONT if column.required else HEADER_FONT
        cell.fill = HEADER_FILL
        sheet.column_dimensions[letter].width = column.width
        if column.kind == CODE:
            sheet.column_dimensions[letter].number_format = "@"
        if column.kind == CHOICE:
            sheet.add_data_validation(choice_validation(column, f"{letter}2:{letter}{last_row}"))
    sheet.freeze_panes = "B2"


def choice_validation(column: Column, cells: str) -> DataValidation:
    labels = ",".join(label for label in column.labels)
    validation = DataValidation(
        type="list",
        formula1=f'"{labels}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=column.header,
        error="请从下拉列表中选择：" + "、".join(column.labels),
    )
    validation.add(cells)
    return validation


def write_instructions(sheet: Worksheet) -> None:
    sheet.append(["社区社会组织台账导入说明"])
    sheet["A1"].font = Font(bold=True, size=14)
    for rule in GENERAL_RULES:
        sheet.append([rule])
    sheet.append([])
    sheet.append(["列名", "是否必填", "格式", "可选值", "说明"])
    for cell in sheet[sheet.max_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for column in COLUMNS:
        sheet.append(
            [
                column.header,
                "必填" if column.required else "",
                KIND_NOTES.get(column.kind, "文本"),
                "、".join(label for label in column.labels if label),
                column.note,
            ]
        )
    for letter, width in zip("ABCDE", (20, 10, 22, 44, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_tags(sheet: Worksheet) -> None:
    sheet.append(["服务领域", "常见关键词"])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for tag in TAGS:
        sheet.append([tag.name, "、".join(tag.keywords[:8])])
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 70


def write_regions(sheet: Worksheet, user: Any) -> None:
    """The streets/towns and communities in the user's jurisdiction, with their codes."""
    sheet.append(["区划代码", "名称", "层级", "所属街道（镇）"])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    regions = (
        Region.objects.restrict(user)
        .filter(level__in=[RegionLevel.STREET, RegionLevel.COMMUNITY], is_active=True)
        .select_related("parent")
        .order_by("path")[:MAX_REGIONS_LISTED]
    )
    for region in regions:
        is_street = region.level == RegionLevel.STREET
        street = region if is_street else region.parent
        level = "街道（镇）" if is_street else "社区（居委会、村委会）"
        sheet.append([region.code, region.name, level, street.name if street else ""])
    sheet.column_dimensions["A"].number_format = "@"
    for letter, width in zip("ABCD", (16, 30, 22, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
