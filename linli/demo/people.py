"""Generated people: names, ID numbers with valid check digits (python-stdnum), mobile numbers,
and how many are certified social workers."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import lru_cache

from stdnum.cn import ric

from linli.demo.draws import pick

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "秀英桂兰玉兰凤英建华建国志强丽华美华国平海燕红梅淑珍德明小平文华金花宝华佩芳惠珍丽娟根宝阿毛雪芳敏慧伟民永康荣华家明春燕晓东"  # noqa: E501
CERTIFIED_LEVELS = (("assistant", 0.65), ("social_worker", 0.30), ("senior", 0.05))


def person_name(rng: random.Random) -> str:
    given = GIVEN[rng.randrange(0, len(GIVEN) - 1, 2) :][:2]
    return rng.choice(SURNAMES) + (given if rng.random() < 0.8 else given[0])


@lru_cache(maxsize=8)
def _birth_days(born_from: int, years: int) -> list[str]:
    first = date(born_from, 1, 1)
    return [f"{first + timedelta(days=n):%Y%m%d}" for n in range(365 * years)]


def id_number(rng: random.Random, region_code: str, born_from: int = 1940, years: int = 60) -> str:
    born = _birth_days(born_from, years)[rng.randrange(0, 365 * years)]
    body = f"{region_code[:6]}{born}{rng.randrange(0, 1000):03d}"
    # calc_check_digit takes the whole number, check digit position included.
    return body + ric.calc_check_digit(body + "0")


def mobile(rng: random.Random) -> str:
    return rng.choice(("13", "15", "17", "18", "19")) + f"{rng.randrange(0, 10**9):09d}"


def certified_level(rng: random.Random) -> str:
    return str(pick(rng, CERTIFIED_LEVELS, CERTIFIED_LEVELS[0][0]))
