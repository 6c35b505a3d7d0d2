"""Generated communities for streets that have none (demo and benchmark data), with realistic
names.

Urban residents' committees are usually named after a road, an estate (新村, 苑, 小区, 花园) or a
lane; villagers' committees after the village. Names are made from these parts, deterministically
for a given random generator.
"""

from __future__ import annotations

import random

from django.db import transaction

from linli.regions.choices import CommunityKind, RegionLevel
from linli.regions.models import Region

BATCH = 2000

ROAD_STEMS = (
    "天平",
    "湖南",
    "枫林",
    "斜土",
    "长桥",
    "田林",
    "康健",
    "虹梅",
    "漕河泾",
    "凌云",
    "龙华",
    "华泾",
    "徐家汇",
    "宛平",
    "建国",
    "复兴",
    "淮海",
    "瑞金",
    "永嘉",
    "岳阳",
    "衡山",
    "宜山",
    "零陵",
    "东安",
    "南丹",
    "钦州",
    "桂林",
    "柳州",
    "百色",
    "田东",
    "罗城",
    "龙吴",
    "华石",
    "长宁",
    "新华",
    "江苏",
    "华阳",
    "周家桥",
    "仙霞",
    "虹桥",
    "程家桥",
    "北新泾",
    "新泾",
    "曹杨",
    "长风",
    "甘泉",
    "石泉",
    "宜川",
    "真如",
    "万里",
    "长征",
    "桃浦",
    "彭浦",
    "临汾",
    "大宁",
    "共和新",
    "芷江",
    "天目",
    "宝山",
    "江湾",
    "殷行",
    "五角场",
    "延吉",
    "控江",
    "四平",
    "平凉",
    "定海",
    "大桥",
    "花木",
    "洋泾",
    "金杨",
    "陆家嘴",
    "塘桥",
    "潍坊",
    "南码头",
    "上钢",
    "周家渡",
    "东明",
    "三林",
    "北蔡",
    "张江",
    "高行",
    "高桥",
    "川沙",
    "惠南",
    "松江",
    "泗泾",
    "九亭",
    "莘庄",
    "古美",
    "江川",
    "吴泾",
    "七宝",
    "梅陇",
    "颛桥",
    "马桥",
    "浦江",
    "嘉定",
    "南翔",
    "安亭",
    "江桥",
    "青浦",
    "朱家角",
    "金山",
    "朱泾",
    "奉城",
    "南桥",
    "庄行",
    "崇明",
    "城桥",
    "堡镇",
    "陈家镇",
    "海口",
    "龙昆",
    "滨海",
    "海秀",
    "琼山",
    "府城",
    "三亚",
    "吉阳",
    "椰林",
    "万泉",
    "博鳌",
    "文城",
    "东郊",
    "清澜",
)
ESTATE_SUFFIXES = ("新村", "小区", "苑", "花园", "公寓", "家园", "一村", "二村", "三村", "里")
URBAN_FORMS = (
    "{road}路第一",
    "{road}路第二",
    "{road}路第三",
    "{road}{estate}",
    "{road}{estate}",
    "{road}{estate}",
    "{road}东",
    "{road}西",
    "{road}南",
    "{road}北",
)
VILLAGE_STEMS = (
    "红星",
    "胜利",
    "向阳",
    "光明",
    "新民",
    "永丰",
    "勤丰",
    "民主",
    "联合",
    "建设",
    "东风",
    "新华",
    "友谊",
    "团结",
    "金星",
    "和平",
    "跃进",
    "前进",
    "五星",
    "新农",
    "三星",
    "长征",
    "解放",
    "先锋",
    "群益",
    "新镇",
    "北桥",
    "南港",
    "东滩",
    "西沙",
    "塘湾",
    "朱家",
    "王家",
    "张家",
    "陈家",
    "李家",
    "沈家",
    "吴家",
    "徐家",
    "周家",
    "钱家",
    "蔡家",
    "金家",
    "杨家",
    "瑞华",
    "坎下",
    "水口",
    "石桥",
    "龙塘",
    "椰林",
    "山根",
    "大坡",
    "美兰",
    "长流",
)


def street_stem(street_name: str) -> str:
    """天平路街道 → 天平, 华泾镇 → 华泾: committees are often named after their own street."""
    for suffix in ("路街道", "街道", "镇", "乡"):
        if street_name.endswith(suffix):
            return street_name[: -len(suffix)]
    return street_name


def urban_name(rng: random.Random, local: str = "") -> str:
    form = rng.choice(URBAN_FORMS)
    road = local if local and rng.random() < 0.4 else rng.choice(ROAD_STEMS)
    return form.format(road=road, estate=rng.choice(ESTATE_SUFFIXES)) + "居委会"


def rural_name(rng: random.Random) -> str:
    return rng.choice(VILLAGE_STEMS) + "村村委会"


def rural_share(street_name: str) -> float:
    """The share of villagers' committees under a street (街道), town (镇) or township (乡)."""
    if street_name.endswith("街道"):
        return 0.0
    if street_name.endswith("乡"):
        return 0.9
    return 0.55


def communities_generate(*, streets: list[Region], per_street: int, seed: int) -> int:
    """Add generated communities to streets that have none (demo and benchmark data)."""
    rng = random.Random(seed)  # noqa: S311 (demo data, not security)
    with_children = set(
        Region.objects.filter(parent__in=streets, level=RegionLevel.COMMUNITY)
        .values_list("parent_id", flat=True)
        .distinct()
    )
    batch: list[Region] = []
    for street in streets:
        if street.pk in with_children:
            continue
        count = max(3, round(rng.gauss(per_street, per_street / 5)))
        share, names = rural_share(street.name), set()
        serial = {CommunityKind.URBAN: 1, CommunityKind.RURAL: 200}
        for _i in range(count):
            kind = CommunityKind.RURAL if rng.random() < share else CommunityKind.URBAN
            name = (
                rural_name(rng)
                if kind == CommunityKind.RURAL
                else urban_name(rng, local=street_stem(street.name))
            )
            while name in names:
                name = (
                    name.replace("居委会", "").replace("村村委会", "")
                    + "新"
                    + ("居委会" if kind == CommunityKind.URBAN else "村村委会")
                )
            names.add(name)
            code = f"{street.code}{serial[kind]:03d}"
            serial[kind] += 1
            community = Region(
                code=code, name=name, level=RegionLevel.COMMUNITY, kind=kind, parent=street
            )
            community.build_path()
            batch.append(community)
    with transaction.atomic():
        Region.objects.bulk_create(batch, batch_size=BATCH)
    return len(batch)
