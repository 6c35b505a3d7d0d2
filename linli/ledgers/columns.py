"""The ledger (台账) format: its columns, their Chinese headers and the Chinese values they take.

A ledger is a Chinese document exchanged with streets and districts, so its headers and the labels
in its choice columns are fixed Chinese identifiers, whatever language the user interface is in
(the same reasoning as ``linli.classify.vocabulary.CATEGORIES``). Never rename a header or a
label: files already filled in would stop importing. Add an accepted alias instead.

The template, the parser, the row checks and the export all read this one table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from linli.classify.vocabulary import CATEGORIES, TAGS
from linli.orgs.choices import OrgStatus

TEXT: Final = "text"
CODE: Final = "code"  # digits and letters only: region code, credit code, ID number, phone
INT: Final = "int"
DATE: Final = "date"
CHOICE: Final = "choice"
TAGS_KIND: Final = "tags"

#: Chinese label -> stored code, for each choice column.
TIER_LABELS: Final[dict[str, str]] = {
    "注册社会组织": "registered",
    "群众活动团队": "team",
    "社区活动小组": "group",
}
CATEGORY_LABELS: Final[dict[str, str]] = {label: code for code, label in CATEGORIES.items()}
LEGAL_FORM_LABELS: Final[dict[str, str]] = {
    "社会团体": "social_group",
    "社会服务机构": "social_service_agency",
    "基金会": "foundation",
}
HUB_TYPE_LABELS: Final[dict[str, str]] = {
    "非枢纽型": "",
    "联合会": "federation",
    "社区基金会": "community_foundation",
    "服务中心": "service_center",
}
PARTY_BUILDING_LABELS: Final[dict[str, str]] = {
    "单独建立党组织": "own_organization",
    "联合党支部": "joint_branch",
    "党建指导员或联络员": "instructor",
    "无": "none",
}
STATUS_LABELS: Final[dict[str, str]] = {
    OrgStatus.ACTIVE: "正常",
    OrgStatus.DEREGISTERED: "已注销",
    OrgStatus.FILING_CANCELLED: "已取消备案",
}
TAG_CODE_BY_NAME: Final[dict[str, str]] = {tag.name: tag.code for tag in TAGS}
TAG_NAME_BY_CODE: Final[dict[str, str]] = {tag.code: tag.name for tag in TAGS}
TAG_SEPARATORS: Final = "、，,；;\n"


def label_of(labels: dict[str, str], code: str) -> str:
    """The Chinese label of a stored code (the empty string for an unknown or blank code)."""
    return next((label for label, value in labels.items() if value == code), "")


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # an OrganizationData field, "region", "tags" or "person_*"
    kind: str
    required: bool = False
    max_length: int = 0
    labels: dict[str, str] = field(default_factory=dict)
    width: int = 14
    note: str = ""


COLUMNS: Final[tuple[Column, ...]] = (
    Column("名称", "name", TEXT, True, 200, width=30, note="组织的全称，同一街道（镇）内不重复。"),
    Column("层级", "tier", CHOICE, True, labels=TIER_LABELS, width=14),
    Column("类别", "category", CHOICE, True, labels=CATEGORY_LABELS, width=12),
    Column(
        "服务领域",
        "tags",
        TAGS_KIND,
        width=22,
        note="可填多个，用顿号“、”分隔，名称见“服务领域”工作表。",
    ),
    Column(
        "所在区划代码",
        "region",
        CODE,
        True,
        12,
        width=16,
        note="社区（居委会、村委会）12 位代码或街道（镇）9 位代码，见“区划代码”工作表；"
        "社区活动小组须填社区代码。",
    ),
    Column(
        "统一社会信用代码",
        "credit_code",
        CODE,
        max_length=18,
        width=22,
        note="注册社会组织必填，18 位，按校验位核对；团队和小组不填。",
    ),
    Column("法人类型", "legal_form", CHOICE, labels=LEGAL_FORM_LABELS, note="注册社会组织必填。"),
    Column("枢纽类型", "hub_type", CHOICE, labels=HUB_TYPE_LABELS, note="不是枢纽型组织的留空。"),
    Column("成立日期", "founded_on", DATE, width=12, note="如 2019-05-20。"),
    Column("成员数", "member_count", INT, width=8, note="整数，不填按 0。"),
    Column("业务范围或活动内容", "business_scope", TEXT, max_length=5000, width=36),
    Column("固定活动时间", "activity_time", TEXT, max_length=100, width=18),
    Column("固定活动地点", "activity_place", TEXT, max_length=200, width=22),
    Column("地址", "address", TEXT, max_length=200, width=24),
    Column("业务主管单位", "supervisory_unit", TEXT, max_length=200, width=18),
    Column(
        "党建情况",
        "party_building",
        CHOICE,
        labels=PARTY_BUILDING_LABELS,
        width=18,
        note="不填按“无”。",
    ),
    Column("党员人数", "party_member_count", INT, width=8, note="整数，不超过成员数。"),
    Column("负责人姓名", "person_name", TEXT, max_length=60, width=12),
    Column(
        "负责人身份证号",
        "person_id_number",
        CODE,
        max_length=18,
        width=22,
        note="18 位，按校验位和出生日期核对；请保持文本格式，以免末几位变成 0。",
    ),
    Column("负责人手机号", "person_phone", CODE, max_length=20, width=14, note="11 位手机号。"),
)

COLUMNS_BY_HEADER: Final[dict[str, Column]] = {column.header: column for column in COLUMNS}
REQUIRED_HEADERS: Final[tuple[str, ...]] = tuple(c.header for c in COLUMNS if c.required)

#: Columns an export adds after the ledger columns; an import ignores them, so an export can be
#: edited and imported again.
EXPORT_ONLY_HEADERS: Final[tuple[str, ...]] = ("所在区划", "管理单位", "状态", "系统编号")


def header_of(key: str) -> str:
    return next(column.header for column in COLUMNS if column.key == key)


#: The data sheet's name in the template and the export (otherwise the first sheet is read).
DATA_SHEET: Final = "台账"
INSTRUCTIONS_SHEET: Final = "填写说明"
TAGS_SHEET: Final = "服务领域"
REGIONS_SHEET: Final = "区划代码"
