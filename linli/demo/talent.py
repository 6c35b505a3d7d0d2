"""Generated social-work talents and leader trainings (demo and benchmark data); see
linli.demo.registry.

Talents: about 2.2 per urban and 1.2 per rural community, some 15 % of communities below the
target of 2 and 1; each a new person, 60 % of them certified social workers. Trainings: 70 % of
the responsible people of teams and registered organizations attended one or two over the last
seven years, so some fall outside the rolling five-year window the indicators count."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from linli.demo.bulkload import Table
from linli.demo.people import certified_level
from linli.orgs.choices import Tier
from linli.talent.models import LeaderTraining, SocialWorkTalent, TrainingMode

if TYPE_CHECKING:
    from linli.demo.model import GeneratedOrg, NewPerson, Place
    from linli.demo.registry import Generator

TALENT = Table(
    SocialWorkTalent,
    ("id", "person_id", "region_id", "region_path", "post", "started_on", "ended_on"),
)
TRAINING = Table(
    LeaderTraining,
    (
        "id", "person_id", "course", "provider", "held_on", "hours", "mode", "recorded_by_id",
        "created_at",
    ),
)  # fmt: skip
# Talents per community: (count, share); urban mean 2.27 with 15 % below 2, rural mean 1.2 with
# 15 % below 1.
URBAN_TALENTS = ((0, 0.03), (1, 0.12), (2, 0.50), (3, 0.25), (4, 0.10))
RURAL_TALENTS = ((0, 0.15), (1, 0.55), (2, 0.25), (3, 0.05))
URBAN_POSTS = ("社区社工站社工", "居委会社工", "社区工作者", "居委会社工", "社工站站长")
RURAL_POSTS = ("村委会社工", "乡镇社工站社工", "社区社工站社工")
TALENT_CERTIFIED = 0.60
TRAINED_SHARE = 0.70
COURSES = (
    "社区社会组织负责人轮训",
    "财务管理基础",
    "党建引领专题培训",
    "项目设计与管理",
    "志愿服务管理",
    "社区社会组织规范化建设",
    "活动安全与应急处置",
    "政策法规解读",
    "社区协商议事能力提升",
    "公益项目申报实务",
)
HOURS = ("2.0", "3.0", "4.0", "4.0", "6.0", "8.0", "8.0", "12.0", "16.0")
TRAINING_DAYS = 7 * 365


def _count(rng: random.Random, weighted: tuple[tuple[int, float], ...]) -> int:
    r, total = rng.random(), 0.0
    for count, weight in weighted:
        total += weight
        if r < total:
            return count
    return weighted[-1][0]


def write_talents(generator: Generator, batch_places: list[Place], rng: random.Random) -> None:

    today, stamp = generator.today, generator.loader.stamp
    people: list[NewPerson] = []
    posts: list[tuple[Place, str, str]] = []
    for place in batch_places:
        community = place.community
        rural = community.kind == "rural"
        for _i in range(_count(rng, RURAL_TALENTS if rural else URBAN_TALENTS)):
            started = today - timedelta(days=rng.randrange(30, 6 * 365))
            level = certified_level(rng) if rng.random() < TALENT_CERTIFIED else ""
            people.append(
                generator.new_person(
                    rng,
                    community.code,
                    born_from=1966,
                    years=36,
                    created_at=stamp(started, 2 * 3600),
                    level=level,
                    party_share=0.4,
                )
            )
            posts.append(
                (place, rng.choice(RURAL_POSTS if rural else URBAN_POSTS), started.isoformat())
            )
    if not people:
        return
    generator.write_people(people)
    first = generator.loader.ids(TALENT, len(people))
    generator.loader.write(
        TALENT,
        (
            (first + n, person.id, place.community.pk, place.community.path, post, started, None)
            for n, (person, (place, post, started)) in enumerate(zip(people, posts, strict=True))
        ),
    )


def write_trainings(generator: Generator, batch: list[GeneratedOrg], rng: random.Random) -> None:
    today, stamp = generator.today, generator.loader.stamp
    rows = []
    for org in batch:
        if org.person is None or org.tier == Tier.GROUP or rng.random() >= TRAINED_SHARE:
            continue
        for _i in range(1 if rng.random() < 0.6 else 2):
            held = today - timedelta(days=rng.randrange(0, TRAINING_DAYS))
            if rng.random() < 0.7:
                provider = f"{org.place.authority.name}民政局"
            else:
                provider = f"{org.place.street.name}社区社会组织服务中心"
            mode = TrainingMode.ONLINE if rng.random() < 0.25 else TrainingMode.OFFLINE
            recorded = min(today, held + timedelta(days=rng.randint(0, 10)))
            rows.append(
                (
                    org.person.id,
                    rng.choice(COURSES),
                    provider,
                    held.isoformat(),
                    rng.choice(HOURS),
                    mode.value,
                    None,
                    stamp(recorded, 3 * 3600),
                )
            )
    first = generator.loader.ids(TRAINING, len(rows))
    generator.loader.write(TRAINING, ((first + n, *row) for n, row in enumerate(rows)))
