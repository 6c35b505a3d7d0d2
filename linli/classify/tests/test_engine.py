"""Tests of the category/tag classifier: plain functions, no database, no Django."""

from __future__ import annotations

import pytest

from linli.classify import evaluate
from linli.classify.data.build_labelled import Row, build, family_of, read_stems, split_of
from linli.classify.dataset import load_examples, load_nosignal
from linli.classify.engine import Classification, classify, classify_many
from linli.classify.model import load
from linli.classify.text import split_place
from linli.classify.vocabulary import CATEGORIES, CATEGORY_CODES, TAG_NAMES, TAGS

# ------------------------------------------------------------------ the definitions of 004 三(一)


@pytest.mark.parametrize(
    ("name", "category", "tag"),
    [
        # "包括社区基金会、慈善超市和……注册的各类社区志愿团队"
        ("上海市徐汇区田林街道社区基金会", "charity", "慈善捐赠"),
        ("上海市静安区江宁路街道慈善超市", "charity", "慈善捐赠"),
        ("田林街道银发志愿者服务队", "charity", "志愿"),
        ("康乐居委平安志愿者巡逻队", "charity", "志愿"),
        ("垃圾分类志愿者督导队", "charity", "环保/垃圾分类"),
        # "包括各类社区层面的老年人、残疾人、计划生育、妇女工作等组织"
        ("上海市浦东新区唐镇老年协会", "community_affairs", "养老"),
        ("文昌市龙楼镇老年人协会", "community_affairs", "养老"),
        ("上海市闵行区残疾人协会", "community_affairs", "助残"),
        ("计划生育协会", "community_affairs", "家庭"),
        ("梅园居委妇女之家", "community_affairs", "妇女"),
        # 社区卫生、治安巡逻、安全管理、心理健康、法律服务、社区矫正、物业协商、纠纷调处、
        # 农村生产服务
        ("斜土路街道老娘舅调解工作室", "community_affairs", "调解"),
        ("调解工作室", "community_affairs", "调解"),
        ("平安巡逻队", "community_affairs", "治安/平安"),
        ("心理咨询室", "community_affairs", "心理"),
        ("法律服务站", "community_affairs", "法律"),
        ("康乐小区物业协商小组", "community_affairs", "物业"),
        ("红星村农技服务社", "community_affairs", "乡村振兴/农技"),
        ("楼组长沙龙", "community_affairs", "协商议事"),
        # 社区养老、医疗保健、托幼、文化教育、就业培训、家政维修
        ("梅园居委为老助餐点", "life_service", "助餐"),
        ("社区长者食堂", "life_service", "养老"),
        ("社区托育宝宝屋", "life_service", "儿童/托育"),
        ("家长学校", "life_service", "教育"),
        ("就业服务社", "life_service", "就业"),
        ("便民维修服务队", "life_service", "便民服务"),
        ("健康小屋", "life_service", "医疗健康"),
        # 书画、球类、棋牌、秧歌、舞蹈、表演、健身、武术、戏曲、乐器
        ("田林街道太极拳队", "culture_sports", "体育"),
        ("书画社", "culture_sports", "文化"),
        ("乒乓球队", "culture_sports", "体育"),
        ("棋牌社", "culture_sports", "体育"),
        ("秧歌队", "culture_sports", "文化"),
        ("广场舞队", "culture_sports", "体育"),
        ("时装表演队", "culture_sports", "文化"),
        ("健身队", "culture_sports", "体育"),
        ("武术队", "culture_sports", "体育"),
        ("沪剧沙龙", "culture_sports", "文化"),
        ("民乐队", "culture_sports", "文化"),
    ],
)
def test_policy_definitions(name: str, category: str, tag: str) -> None:
    result = classify(name)
    assert result.category == category, result.reasons
    assert tag in result.tags
    assert result.confidence >= 0.5


def test_tai_chi_reason_names_the_word_and_the_category() -> None:
    result = classify("某某街道太极拳队")
    assert result.category == "culture_sports"
    assert "体育" in result.tags
    assert result.reasons[0] == "“太极”→文体活动类"


def test_volunteer_team_beats_its_field() -> None:
    # A patrol is community affairs, but a volunteer team is charity whatever it does (004).
    assert classify("平安巡逻队").category == "community_affairs"
    assert classify("平安志愿者巡逻队").category == "charity"


def test_elderly_sports_association_is_culture_sports() -> None:
    # "老年协会" is decisive for community affairs; a sports association of older people is not.
    assert classify("老年协会").category == "community_affairs"
    assert classify("老年人体育协会").category == "culture_sports"


# ------------------------------------------------------------------ place names do not vote


@pytest.mark.parametrize(
    ("name", "category", "absent_tag"),
    [
        ("上海市徐汇区康健新村街道太极拳队", "culture_sports", "医疗健康"),
        ("平安村书画社", "culture_sports", "治安/平安"),
        ("上海市浦东新区书院镇老年协会", "community_affairs", "教育"),
        ("海口市美兰区博爱街道合唱团", "culture_sports", "慈善捐赠"),
    ],
)
def test_place_names_do_not_vote(name: str, category: str, absent_tag: str) -> None:
    result = classify(name)
    assert result.category == category
    assert absent_tag not in result.tags


@pytest.mark.parametrize(
    ("name", "place", "core"),
    [
        ("上海市徐汇区康健新村街道太极拳队", "上海市徐汇区康健新村街道", "太极拳队"),
        ("田林十二村居委太极拳队", "田林十二村居委", "太极拳队"),
        ("文昌市龙楼镇红星村委会乡贤理事会", "文昌市龙楼镇红星村委会", "乡贤理事会"),
        ("唐镇老年协会", "唐镇", "老年协会"),
        ("美丽乡村建设理事会", "", "美丽乡村建设理事会"),
        ("村民议事会", "", "村民议事会"),
        ("张庙慈善基金会社区工作站", "", "张庙慈善基金会社区工作站"),
    ],
)
def test_split_place(name: str, place: str, core: str) -> None:
    assert split_place(name) == (place, core)


# ------------------------------------------------------------------ uncertainty and reasons


@pytest.mark.parametrize("name", ["阳光家园", "幸福里", "金色港湾", "某某之家", "田林街道同心圆"])
def test_no_signal_names_get_low_confidence(name: str) -> None:
    result = classify(name)
    assert result.confidence < 0.5
    assert any("置信度低" in reason for reason in result.reasons)


def test_every_flagged_no_signal_name_is_below_one_half() -> None:
    flagged = load_nosignal()
    assert len(flagged) >= 40
    assert max(classify(name).confidence for name in flagged) < 0.5


def test_confident_results_have_reasons_naming_their_category() -> None:
    for example in load_examples():
        result = classify(example.name)
        if result.confidence >= 0.5:
            assert result.reasons
            assert CATEGORIES[result.category] in result.reasons[0]


def test_scope_text_adds_evidence() -> None:
    without = classify("阳光家园")
    with_scope = classify("阳光家园", "为社区老年人提供助餐、助浴和日间照料服务")
    assert with_scope.category == "life_service"
    assert with_scope.confidence > without.confidence
    assert "助餐" in with_scope.tags
    assert any(reason.startswith("业务范围中的") for reason in with_scope.reasons)


def test_empty_name() -> None:
    result = classify("   ")
    assert result.confidence == 0.0
    assert result.reasons == ("名称为空，无法判断",)


# ------------------------------------------------------------------ output contract and stability


def test_output_contract_and_stability() -> None:
    names = [example.name for example in load_examples()[:200]]
    first = classify_many(names)
    assert first == classify_many(names)
    assert first == [classify(name) for name in names]
    for result in first:
        assert isinstance(result, Classification)
        assert result.category in CATEGORY_CODES
        assert 0.0 <= result.confidence <= 1.0
        assert set(result.tags) <= set(TAG_NAMES)
        assert all(isinstance(reason, str) for reason in result.reasons)


def test_classify_many_accepts_name_scope_pairs() -> None:
    results = classify_many(["书画社", ("阳光家园", "开展太极拳和八段锦练习")])
    assert [r.category for r in results] == ["culture_sports", "culture_sports"]


def test_classification_is_frozen() -> None:
    result = classify("书画社")
    with pytest.raises(AttributeError):
        result.category = "charity"  # type: ignore[misc]


# ------------------------------------------------------------------ vocabulary


def test_tag_vocabulary_covers_the_required_fields() -> None:
    required = (
        "养老",
        "助残",
        "儿童/托育",
        "青少年",
        "妇女",
        "家庭",
        "就业",
        "教育",
        "医疗健康",
        "心理",
        "法律",
        "调解",
        "治安/平安",
        "环保/垃圾分类",
        "文化",
        "体育",
        "志愿",
        "济困/救助",
        "救灾",
        "乡村振兴/农技",
        "物业",
        "科普",
        "非遗",
        "协商议事",
    )
    assert set(required) <= set(TAG_NAMES)
    assert len(set(TAG_NAMES)) == len(TAG_NAMES)
    assert len({tag.code for tag in TAGS}) == len(TAGS)
    assert all(tag.keywords for tag in TAGS)


# ------------------------------------------------------------------ quality, measured honestly


def test_holdout_accuracy_names_alone() -> None:
    report = evaluate.evaluate("holdout")
    assert report.total >= 200
    assert report.accuracy >= 0.92
    assert sum(map(sum, report.matrix)) == report.total


def test_real_names_from_public_pages() -> None:
    assert evaluate.realworld().accuracy >= 0.9


def test_labelled_set_shape() -> None:
    examples = [e for e in load_examples() if not e.nosignal]
    assert len(examples) >= 800
    assert {e.category for e in examples} == set(CATEGORY_CODES)
    assert {e.tier for e in examples} == {"registered", "team", "group"}
    assert {"urban", "rural", "none"} <= {e.area for e in examples}
    assert {e.split for e in examples} == {"train", "holdout"}
    assert all(set(e.tags) <= set(TAG_NAMES) for e in examples)


def test_split_is_by_stem_and_the_file_is_reproducible() -> None:
    stems = read_stems()
    rows, nosignal = build(stems)
    expected = [row.fields() for row in rows]
    actual = [
        (e.name, e.scope, e.category, "|".join(e.tags), e.tier, e.area, e.split)
        for e in load_examples()
    ]
    assert actual == expected
    assert set(nosignal) == load_nosignal()
    texts = [s.text for s in stems]
    by_family: dict[str, set[str]] = {}
    for row in rows:
        text = max((t for t in texts if row.name.endswith(t)), key=len)
        by_family.setdefault(family_of(text, texts), set()).add(row.split)
    assert all(len(splits) == 1 for splits in by_family.values())
    train = [s.text for s in stems if split_of(s, texts) == "train"]
    for held in stems:
        if split_of(held, texts) == "holdout":
            assert not any(held.text.endswith(t) or t.endswith(held.text) for t in train)
    assert isinstance(rows[0], Row)


def test_model_was_fitted_on_the_train_split_only() -> None:
    model = load()
    assert "split=train" in str(model.meta["trained_on"])
    assert model.weights
