"""Demo data for `make run`: real Shanghai and Hainan regions, generated communities, and one
account per role at a known place. Passwords are generated per installation and kept in the
ignored file settings.DEMO_ACCOUNTS_FILE, never in the repository."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from linli.accounts.models import User
from linli.accounts.services import user_create
from linli.core.roles import Role
from linli.demo.communities import communities_generate
from linli.demo.registry import generate_organizations
from linli.orgs.models import Organization
from linli.regions.choices import RegionLevel
from linli.regions.models import Region
from linli.regions.services import regions_load
from linli.stats.models import IndicatorRollup, MonthlyRollup, OrgRollup
from linli.stats.services import rollup_rebuild

DEMO_PROVINCES = {"31", "46"}
PER_STREET = {"31": 30, "46": 15}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    region_code: str | None  # None: national; "first-community" is resolved below
    must_change_password: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", "系统管理员", Role.ADMIN, None, must_change_password=True),
    DemoAccount("shanghai.bureau", "市民政局 王科长", Role.CITY_BUREAU, "310000"),
    DemoAccount("xuhui.bureau", "徐汇区民政局 李科长", Role.DISTRICT_BUREAU, "310104"),
    DemoAccount("tianping.street", "天平路街道 张老师", Role.STREET_OFFICE, "310104003"),
    DemoAccount("hunan.street", "湖南路街道 陈老师", Role.STREET_OFFICE, "310104004"),
    DemoAccount("tianping.committee", "居委会 刘主任", Role.COMMITTEE, "310104003001"),
    DemoAccount("team.leader", "舞蹈队 周阿姨", Role.ORG_LEADER, "310104003001"),
    DemoAccount("xuhui.base", "徐汇区社会组织服务中心", Role.BASE_OPERATOR, "310104"),
    DemoAccount("expert.wu", "评估专家 吴教授", Role.EXPERT, "310000"),
)


# The demo registry: one district at the density the policies aim for (≥ 12 per community).
DEMO_REGISTRY_DISTRICT = "310104"
DEMO_ORGS_PER_COMMUNITY = 13


def seed_regions() -> None:
    if not Region.objects.exists():
        regions_load(provinces=DEMO_PROVINCES)
    for prefix, per_street in PER_STREET.items():
        streets = list(Region.objects.filter(level=RegionLevel.STREET, code__startswith=prefix))
        communities_generate(streets=streets, per_street=per_street, seed=int(prefix))


def seed_registry() -> int:

    if Organization.objects.exists():
        _count_if_never_counted()
        return 0
    communities = list(
        Region.objects.filter(
            level=RegionLevel.COMMUNITY, code__startswith=DEMO_REGISTRY_DISTRICT
        ).order_by("code")
    )
    made = generate_organizations(
        communities=communities,
        mean_per_community=DEMO_ORGS_PER_COMMUNITY,
        seed=2025,
        extras=True,  # applications, activities, trainings, grades, social-work talents
        activities_per_org=20,
    )

    rollup_rebuild()  # generated rows are bulk-inserted, so count them once at the end
    return made


def _count_if_never_counted() -> None:
    """A demo database made before a rollup table existed has that table empty after migrating:
    count once, so the dashboards are not all zeros until the nightly rebuild."""

    if not all(m.objects.exists() for m in (OrgRollup, MonthlyRollup, IndicatorRollup)):
        rollup_rebuild()


def seed_accounts() -> list[tuple[DemoAccount, str]]:
    """Create the demo accounts that do not exist yet; returns those made, with passwords."""
    made = []
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        region = Region.objects.get(code=account.region_code) if account.region_code else None
        _user, password = user_create(
            actor=None,
            username=account.username,
            full_name=account.full_name,
            role=account.role,
            region=region,
            must_change_password=account.must_change_password,
        )
        made.append((account, password))
    return made


def write_accounts_file(made: list[tuple[DemoAccount, str]]) -> None:
    path = settings.DEMO_ACCOUNTS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [] if not path.exists() else path.read_text(encoding="utf-8").splitlines()
    for account, password in made:
        region = Region.objects.filter(code=account.region_code).first()
        place = f"{region.name} {region.code}" if region else "全国"
        note = "（首次登录须改密码、设置身份验证器）" if account.must_change_password else ""
        lines.append(
            f"{Role(account.role).label:<14}\t{account.username:<20}\t{password}\t{place}{note}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
