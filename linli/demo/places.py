"""The places generated organizations live in, and the place part of their names."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from linli.classify.data.build_labelled import Stem
from linli.demo.model import Place
from linli.orgs.choices import Tier
from linli.regions.choices import RegionLevel
from linli.regions.models import Region


def short_community(name: str) -> str:
    for suffix, replacement in (("村村委会", "村"), ("居委会", "社区")):
        if name.endswith(suffix):
            return name[: -len(suffix)] + replacement
    return name


def street_stem(name: str) -> str:
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def name_prefix(tier: str, place: Place) -> str:
    """The place part of a generated name (the stem follows it)."""
    if tier == Tier.REGISTERED:
        district = place.district.name if place.district else ""
        return f"{place.city_name}{district}{street_stem(place.street.name)}"
    return short_community(place.community.name)


def render_name(stem: Stem, tier: str, place: Place) -> str:
    return name_prefix(tier, place) + stem.text


def places(
    communities: Iterable[Region], regions: Mapping[str, Region] | None = None
) -> Iterator[Place]:
    """Each community with its street, district and city. ``regions`` (code → region, every
    level above communities) saves a query per street."""
    cache: dict[int | None, list[Region]] = {}
    for community in communities:
        chain = cache.get(community.parent_id)
        if not chain:
            if regions is not None:
                codes = community.path.strip("/").split("/")[:-1]
                chain = [regions[code] for code in codes if code in regions]
            else:
                chain = community.ancestors()
            cache[community.parent_id] = chain
        street = chain[-1]
        district = next((r for r in reversed(chain) if r.level == RegionLevel.DISTRICT), None)
        city = next((r for r in chain if r.acts_as_city), None)
        yield Place(community, street, district, (city or chain[0]).name, city)


def region_index() -> dict[str, Region]:
    """Every region above the communities, by code (about 42,000 nationally)."""
    return {r.code: r for r in Region.objects.exclude(level=RegionLevel.COMMUNITY)}
