"""Text clean-up and place-prefix splitting for organization names.

Organization names usually start with the place they belong to: "上海市徐汇区田林街道…",
"文昌市龙楼镇红星村…", "田林十二村居委…".  Place names must not vote on the category
("康健新村街道" is not about health, "书院镇" not about schools, "平安村" not about patrols), so
the classifier looks at what follows the place.  The splitter is deliberately conservative: a
segment is taken as a place only when it ends in an administrative marker, its body is at least
two characters long (one for 镇, as in 唐镇 and 堡镇), the marker is not the start of an
ordinary word (村民, 乡村, 市民, 区域 …), the segment holds no organization word (基金, 服务,
协会 …), and something of at least two characters is left.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_BODY: Final = r"[\u4e00-\u9fff0-9]"

# Longer markers first so that "村委会" is preferred to "村" at the same end point.
_MARKERS: Final = (
    r"自治区|自治州|自治县|省|新区|(?<![城都])市(?![民容场集])|(?<![园社小])区(?![域块])|县|旗"
    r"|街道|镇|乡(?![村贤土亲])"
    r"|居民委员会|居委会|居委|村民委员会|村委会|村委|居民区|社区|小区|新村"
    r"|(?<![乡农渔山])村(?![民规务级庄落委])"
)
_STANDALONE: Final = r"街道|居民委员会|居委会|居委|村民委员会|村委会|村委|居民区"

_SEGMENT: Final = re.compile(rf"(?:{_STANDALONE}|{_BODY}{{2,8}}?(?:{_MARKERS})|{_BODY}镇)")

# Words that occur in organization names but never inside a place name: a candidate place
# segment containing one is not a place ("张庙慈善基金会社区工作站").
_NOT_PLACE: Final = re.compile(
    r"基金|协会|服务|工作|志愿|慈善|公益|之家|小组|俱乐部|促进会|联合会|理事|议事|学校"
)

_ANNOTATION: Final = re.compile(r"[(\[（【〔][^)\]）】〕]{0,6}[)\]）】〕]")
_DROP: Final = re.compile(r"[\s\"'“”‘’「」『』《》·•・]+")


def normalize(text: str) -> str:
    """Return ``text`` in NFKC form without blanks, quotes and short bracketed notes.

    Bracketed notes such as "（筹）" or "(试运行)" are dropped; they say nothing about what an
    organization does.
    """
    cleaned = unicodedata.normalize("NFKC", text or "")
    cleaned = _DROP.sub("", cleaned)
    return _ANNOTATION.sub("", cleaned)


def split_place(name: str) -> tuple[str, str]:
    """Split a normalized name into ``(place_prefix, core)``.

    >>> split_place("上海市徐汇区康健新村街道太极拳队")
    ('上海市徐汇区康健新村街道', '太极拳队')
    >>> split_place("美丽乡村建设理事会")
    ('', '美丽乡村建设理事会')
    """
    position = 0
    while True:
        match = _SEGMENT.match(name, position)
        if match is None or len(name) - match.end() < 2 or _NOT_PLACE.search(match.group()):
            break
        position = match.end()
    return name[:position], name[position:]
