"""Category codes and the service-field tag vocabulary of community social organizations.

Categories follow 沪民社管发〔2021〕2号 (policy/004) section 三(一):

* ``charity`` 公益慈善类 — donating money or giving services voluntarily for poverty relief,
  hardship, the elderly, orphans, the sick, the disabled, veterans' families, disasters,
  medical aid, study aid, environmental protection; *including* community foundations, charity
  supermarkets and every community volunteer team registered on 上海社区志愿服务网.
* ``life_service`` 生活服务类 — convenience services: community elderly care, health care,
  childcare, cultural education, employment training, housekeeping and repairs.
* ``community_affairs`` 社区事务类 — community hygiene, security patrols, safety management,
  mental health, legal services, community correction, property consultation, dispute
  mediation, rural production services; *including* community-level organizations of the
  elderly, the disabled, family planning and women's work.
* ``culture_sports`` 文体活动类 — calligraphy and painting, ball games, chess and cards, yangko,
  dance, performance, fitness, martial arts, opera, musical instruments.

Tags are multi-valued service fields.  A tag's Chinese name is its stable identifier: it is
what the classifier returns, what the labelled data uses and what the database will store, so
never rename one; add a new tag instead.  Each tag lists the keywords that assign it.  Keywords
are matched in the organization's name (after the place prefix has been removed) and in its
business scope, scanning left to right and taking the longest keyword at each position, so
"心理健康" counts for 心理 only and "爱心编织" for 慈善捐赠 only.  One keyword may belong to
several tags ("母婴" is 儿童/托育 and 妇女).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

CHARITY: Final = "charity"
LIFE_SERVICE: Final = "life_service"
COMMUNITY_AFFAIRS: Final = "community_affairs"
CULTURE_SPORTS: Final = "culture_sports"

#: Category code -> Chinese label, in the order of 004 三(一).
CATEGORIES: Final[dict[str, str]] = {
    CHARITY: "公益慈善类",
    LIFE_SERVICE: "生活服务类",
    COMMUNITY_AFFAIRS: "社区事务类",
    CULTURE_SPORTS: "文体活动类",
}

CATEGORY_CODES: Final[tuple[str, ...]] = tuple(CATEGORIES)


@dataclass(frozen=True, slots=True)
class Tag:
    """One service-field tag: stable Chinese name, English code, meaning and keywords."""

    name: str
    code: str
    meaning: str
    keywords: tuple[str, ...]


def _tag(name: str, code: str, meaning: str, keywords: str) -> Tag:
    return Tag(name, code, meaning, tuple(keywords.split()))


TAGS: Final[tuple[Tag, ...]] = (
    _tag(
        "养老",
        "elderly",
        "services for, and organizations of, older people",
        "养老 老年 老人 长者 为老 助老 敬老 扶老 银发 银龄 老龄 孤老 退休 认知症 老伙伴 老年大学",
    ),
    _tag(
        "助残",
        "disability",
        "services for, and organizations of, disabled people",
        "助残 残疾 残友 残障 盲人 聋人 智障 阳光之家",
    ),
    _tag(
        "儿童/托育",
        "childcare",
        "children under school-leaving age and childcare",
        "儿童 少儿 幼儿 托育 托幼 托管 暑托 宝宝 四点半 早教 育儿 母婴 童声 留守儿童 亲子 早期教育",
    ),
    _tag(
        "青少年",
        "youth",
        "teenagers, students and young people",
        "青少年 青年 少年 学生",
    ),
    _tag(
        "妇女",
        "women",
        "women's work and groups",
        "妇女 巾帼 女性 姐妹 妈妈 母婴",
    ),
    _tag(
        "家庭",
        "family",
        "families, parenting, marriage and family planning",
        "家庭 家长 亲子 婚姻 计生 计划生育 家风",
    ),
    _tag(
        "就业",
        "employment",
        "employment and entrepreneurship",
        "就业 创业 职业技能 技能培训 务工 再就业",
    ),
    _tag(
        "教育",
        "education",
        "schools, classes, tutoring and lifelong learning",
        "学校 学堂 课堂 教育 培训 技能培训 课外辅导 课业辅导 作业辅导 学业辅导 学习 讲堂 "
        "早教 早期教育 老年大学 助学 教学",
    ),
    _tag(
        "医疗健康",
        "health",
        "health care, medical aid and health promotion",
        "健康 医疗 保健 养生 中医 康复 护理 慢病 病友 献血 防疫 营养 陪诊 安宁疗护 认知症 "
        "助医 红十字 糖尿病 高血压 医护",
    ),
    _tag(
        "心理",
        "mental_health",
        "mental health and counselling",
        "心理 心理健康 心灵 情绪",
    ),
    _tag(
        "法律",
        "legal",
        "legal services and rights protection",
        "法律 律师 普法 法治 维权 法援 权益",
    ),
    _tag(
        "调解",
        "mediation",
        "dispute mediation",
        "调解 调处 纠纷 老娘舅 矛盾",
    ),
    _tag(
        "治安/平安",
        "security",
        "security patrols and crime prevention",
        "平安 治安 巡逻 护楼 联防 群防群治 防诈 反诈 守望",
    ),
    _tag(
        "安全应急",
        "safety",
        "fire safety, traffic safety and emergency readiness",
        "消防 安全 应急 防汛 防台 交通",
    ),
    _tag(
        "环保/垃圾分类",
        "environment",
        "environmental protection and waste sorting",
        "环保 垃圾分类 低碳 绿色 护河 河道 护绿 绿化 旧衣 回收 节能 减排 光盘 生态",
    ),
    _tag(
        "环境卫生",
        "sanitation",
        "community hygiene, tidiness and pets",
        "卫生 环境整治 整治 清洁 市容 养犬 病媒 美丽楼道 清运",
    ),
    _tag(
        "文化",
        "culture",
        "arts, music, opera, reading, crafts and performance",
        "书画 书法 绘画 国画 美术 摄影 合唱 歌咏 红歌 声乐 舞蹈 民族舞 拉丁舞 交谊舞 "
        "扇子舞 竹竿舞 秧歌 腰鼓 锣鼓 舞龙 舞狮 戏曲 京剧 越剧 沪剧 锡剧 昆曲 评弹 琼剧 "
        "黄梅戏 滑稽戏 曲艺 说唱 快板 乐队 乐团 民乐 管乐 丝竹 八音 口琴 二胡 葫芦丝 "
        "萨克斯 手风琴 古筝 吉他 乐器 表演 模特 旗袍 时装 话剧 小品 朗诵 读书 阅读 诗社 "
        "诗词 文学 故事 剪纸 编织 十字绣 布艺 绒绣 刺绣 面塑 椰雕 黎锦 茶艺 插花 花艺 "
        "手工 文艺 艺术 文化 滚灯 莲湘 戏剧 票房 鼓乐 琴 戏迷",
    ),
    _tag(
        "体育",
        "sports",
        "sports, fitness, martial arts, board games and fitness dance",
        "体育 太极 武术 拳 球 健身 健步 徒步 登山 骑行 跑团 游泳 冬泳 钓鱼 垂钓 棋 牌 "
        "气功 八段锦 五禽戏 瑜伽 健美操 广场舞 排舞 水兵舞 木兰 空竹 毽 跳绳 风筝 龙舟 "
        "拔河",
    ),
    _tag(
        "非遗",
        "heritage",
        "intangible cultural heritage: the word itself or a named item",
        "非遗 传承 绒绣 黎锦 滚灯 莲湘 丝竹 八音 椰雕 面塑",
    ),
    _tag(
        "科普",
        "science",
        "popular science and technology",
        "科普 科技",
    ),
    _tag(
        "志愿",
        "volunteer",
        "volunteer teams and volunteering",
        "志愿 义工 雷锋 红马甲 蓝马甲 时间银行",
    ),
    _tag(
        "慈善捐赠",
        "donation",
        "foundations, charity shops, donations and charity sales",
        "慈善 基金 捐赠 捐助 义卖 爱心超市 爱心屋 爱心编织",
    ),
    _tag(
        "济困/救助",
        "relief",
        "help for people in hardship",
        "济困 帮困 扶贫 救助 困难 困境 微心愿 送温暖 帮扶 助学",
    ),
    _tag(
        "救灾",
        "disaster",
        "disaster relief and rescue",
        "救灾 救援 赈灾",
    ),
    _tag(
        "乡村振兴/农技",
        "rural",
        "rural revitalisation and farming techniques",
        "农技 农机 农业 种植 养殖 植保 乡贤 乡村 果蔬 渔业 橡胶 槟榔 胡椒 水稻 热带水果 农村科技",
    ),
    _tag(
        "物业",
        "property",
        "property management, owners, parking and lifts",
        "物业 业主 业委 停车 电梯",
    ),
    _tag(
        "协商议事",
        "deliberation",
        "consultation and self-governance of residents",
        "议事 协商 自治 楼组长 理事会 民情 民意 恳谈 村规民约",
    ),
    _tag(
        "社区矫正/禁毒",
        "correction",
        "community correction, resettlement and drug control",
        "矫正 帮教 禁毒 戒毒",
    ),
    _tag(
        "邻里互助",
        "neighbourhood",
        "neighbourly mutual help",
        "邻里 睦邻 互助 时间银行",
    ),
    _tag(
        "便民服务",
        "convenience",
        "housekeeping, repairs, haircuts and errands",
        "便民 家政 维修 理发 缝补 修伞 配钥匙 代办 助洁 助浴",
    ),
    _tag(
        "助餐",
        "meals",
        "meal services",
        "助餐 食堂 送餐 配餐 餐厅",
    ),
)

#: Stable tag names, in vocabulary order.
TAG_NAMES: Final[tuple[str, ...]] = tuple(tag.name for tag in TAGS)

#: Tag code -> tag, for code that prefers ASCII identifiers.
TAGS_BY_CODE: Final[dict[str, Tag]] = {tag.code: tag for tag in TAGS}


def category_label(code: str) -> str:
    """Return the Chinese label of a category code; raise ``KeyError`` for an unknown code."""
    return CATEGORIES[code]
