"""Generated activities (demo and benchmark data): what each generated organization did over the
last three years, with titles by category, season and themed series. See linli.demo.registry."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from linli.activities.models import Activity, Theme
from linli.demo.bulkload import Table
from linli.orgs.choices import Category, Tier

if TYPE_CHECKING:
    from collections.abc import Iterator

    from linli.demo.model import GeneratedOrg
    from linli.demo.registry import Generator

ACTIVITY = Table(
    Activity,
    (
        "id", "organization_id", "region_path", "held_on", "title", "theme", "place",
        "participants", "recorded_by_id", "created_at",
    ),
)  # fmt: skip
WINDOW_DAYS = 3 * 365 + 1
TITLES: dict[str, tuple[str, ...]] = {
    Category.CULTURE_SPORTS: (
        "广场舞排练", "合唱练习", "太极拳晨练", "书法交流", "国画写生", "戏曲票友会",
        "健步走", "乒乓球友谊赛", "读书分享会", "文艺汇演彩排", "摄影采风", "手工编织",
        "舞蹈展演", "象棋友谊赛", "健身操练习", "民乐合奏排练", "旗袍秀排练", "诗词朗诵会",
    ),
    Category.LIFE_SERVICE: (
        "助老理发", "义诊", "测血压", "家电义修", "磨刀修伞", "助餐送餐", "健康讲座",
        "法律咨询", "衣物缝补", "老年人智能手机培训", "眼科义诊", "心理健康讲座", "便民服务日",
        "中医推拿义诊", "上门助浴", "营养膳食讲座",
    ),
    Category.CHARITY: (
        "爱心义卖", "结对帮困", "慰问孤老", "助学捐赠", "爱心捐衣", "困难家庭走访",
        "慈善一日捐", "关爱留守儿童", "残障人士陪伴", "无偿献血宣传", "敬老院慰问演出",
        "爱心超市积分兑换", "志愿者服务日",
    ),
    Category.COMMUNITY_AFFAIRS: (
        "楼组议事会", "垃圾分类宣传", "邻里纠纷调解", "小区环境整治", "平安巡逻",
        "消防安全演练", "居民议事会", "文明养宠宣传", "加装电梯协商会", "社区微更新讨论",
        "反诈宣传", "禁毒宣传", "楼道堆物清理", "停车秩序协调会",
    ),
}  # fmt: skip
RURAL_TITLES: dict[str, tuple[str, ...]] = {
    Category.CULTURE_SPORTS: ("村晚排练", "农民篮球赛", "秧歌排练"),
    Category.LIFE_SERVICE: ("农技讲座", "送医下乡", "留守老人助餐"),
    Category.CHARITY: ("助农义卖", "留守儿童课业辅导"),
    Category.COMMUNITY_AFFAIRS: ("村民议事会", "人居环境整治", "村规民约宣讲"),
}
SEASONAL: dict[int, tuple[str, ...]] = {
    1: ("迎新春写春联", "新春联欢会"),
    2: ("元宵节猜灯谜", "新春送福"),
    3: ("学雷锋志愿服务", "三八妇女节联谊"),
    4: ("清明文明祭扫宣传", "春季健步走"),
    5: ("五一劳动最光荣", "母亲节手工活动"),
    6: ("端午包粽子", "防溺水安全宣传"),
    7: ("暑期托管", "防暑降温送清凉"),
    8: ("暑期亲子活动", "八一拥军慰问"),
    9: ("中秋邻里节", "敬师节慰问"),
    10: ("重阳节敬老活动", "国庆文艺演出"),
    11: ("冬季消防宣传", "秋冬健康讲座"),
    12: ("冬至送温暖", "年终邻里联欢"),
}
THEMED: dict[str, tuple[str, ...]] = {
    Theme.NEIGHBOURHOOD_WATCH: ("邻里守望互助行动", "独居老人结对探访", "楼组守望值班"),
    Theme.CO_GOVERNANCE: ("共建共治共享议事会", "社区协商共治会", "居民自治项目评议"),
    Theme.SAFETY: ("平安守护巡逻", "安全隐患排查", "平安社区宣传"),
    Theme.CULTURE: ("文化铸魂主题讲堂", "红色经典诵读", "优秀传统文化展演"),
}
THEMES_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    Category.CULTURE_SPORTS: (Theme.CULTURE, Theme.CULTURE, Theme.CO_GOVERNANCE),
    Category.LIFE_SERVICE: (Theme.NEIGHBOURHOOD_WATCH, Theme.SAFETY, Theme.CULTURE),
    Category.CHARITY: (Theme.NEIGHBOURHOOD_WATCH, Theme.NEIGHBOURHOOD_WATCH, Theme.CULTURE),
    Category.COMMUNITY_AFFAIRS: (Theme.CO_GOVERNANCE, Theme.SAFETY, Theme.NEIGHBOURHOOD_WATCH),
}
THEME_SHARE = 0.07
SEASONAL_SHARE = 0.08
# Registered organizations are busier than teams, teams than groups (the mean stays near the
# requested one: 8 % × 1.6 + 55 % × 1.15 + 37 % × 0.75 ≈ 1.04, less for young organizations).
TIER_FACTOR: dict[str, float] = {Tier.REGISTERED: 1.6, Tier.TEAM: 1.15, Tier.GROUP: 0.75}


@lru_cache(maxsize=4)
def _calendar(today: date, suffix: str) -> tuple[int, list[str], list[str], list[int]]:
    """The window's first day (ordinal) and, per day of the window: date, created-at text (the
    evening of the day, 20:00 in China) and month."""
    start = today - timedelta(days=WINDOW_DAYS - 1)
    days = [start + timedelta(days=n) for n in range(WINDOW_DAYS)]
    iso = [d.isoformat() for d in days]
    return start.toordinal(), iso, [f"{d} 12:00:00{suffix}" for d in iso], [d.month for d in days]


def _last(org: GeneratedOrg, today: date) -> int:
    """The last day (ordinal) the organization could hold an activity: today, or the day before
    it closed."""
    last = org.last_day
    return today.toordinal() if last is None else min(today, last).toordinal()


def activity_counts(
    orgs: list[GeneratedOrg], rng: random.Random, today: date, mean: float
) -> list[int]:
    """How many activities each organization held in the window (fewer if it is younger, or
    closed during it; none if it closed before)."""
    counts = []
    start = today.toordinal() - WINDOW_DAYS + 1
    for org in orgs:
        window = _last(org, today) - max(start, org.founded_on.toordinal()) + 1
        expected = mean * TIER_FACTOR[org.tier] * window / WINDOW_DAYS
        counts.append(round(rng.gammavariate(2.0, expected / 2.0)) if expected > 0 else 0)
    return counts


def activity_rows(
    orgs: list[GeneratedOrg],
    counts: list[int],
    rng: random.Random,
    today: date,
    first_id: int,
    suffix: str,
) -> Iterator[tuple[Any, ...]]:
    start, iso, created, month = _calendar(today, suffix)
    random_ = rng.random
    next_id = first_id
    for org, n in zip(orgs, counts, strict=True):
        if not n:
            continue
        low = max(start, org.founded_on.toordinal()) - start
        span = _last(org, today) - start - low + 1
        titles = TITLES[org.category]
        if org.is_rural:
            titles = titles + RURAL_TITLES[org.category]
        themes = THEMES_BY_CATEGORY[org.category]
        ceiling = min(80, max(12, org.member_count * 2)) - 4
        org_id, path, place = org.id, org.region.path, org.activity_place
        for day in sorted(low + int(random_() * span) for _i in range(n)):
            r = random_()
            theme = ""
            if r < THEME_SHARE:
                theme = themes[int(random_() * len(themes))]
                pool = THEMED[theme]
            elif r < THEME_SHARE + SEASONAL_SHARE:
                pool = SEASONAL[month[day]]
            else:
                pool = titles
            yield (
                next_id,
                org_id,
                path,
                iso[day],
                pool[int(random_() * len(pool))],
                theme,
                place,
                5 + int(random_() * ceiling),
                None,
                created[day],
            )
            next_id += 1


def write_activities(generator: Generator, orgs: list[GeneratedOrg], rng: random.Random) -> None:
    if generator.activities_per_org <= 0 or not orgs:
        return
    loader = generator.loader
    counts = activity_counts(orgs, rng, generator.today, generator.activities_per_org)
    first = loader.ids(ACTIVITY, sum(counts))
    loader.write(
        ACTIVITY,
        activity_rows(orgs, counts, rng, generator.today, first, loader.tz_suffix),
    )
