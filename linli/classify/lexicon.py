"""Weighted category keywords (the rule half of the classifier).

Every keyword votes for one category with a weight.  The weights are hand-set on a rough
log-odds scale:

* 20 — *decisive*: 004 三(一) names the organization type outright.  Community foundations and
  charity supermarkets are charity, and so is every volunteer team ("各类社区志愿团队"), whatever
  it does; "老年协会" and the like are the community-level organizations of the elderly and the
  disabled that 004 puts in 社区事务类.
* 10-14 — a field that 004 lists for exactly one category (调解 → 纠纷调处, 托育 → 托幼, 太极 →
  武术/健身, …).
* 4-8 — a word that usually, but not always, means the category (健康, 关爱, 互助, 邻里 …).
* 2-3 — a faint hint (爱心, 绿色 …).

Keywords are matched left to right, longest first, without overlaps, in the core of the name
(the part after the place prefix) and, at reduced weight, in the business scope.  Judgement
calls where 004 is ambiguous are commented next to the keyword and explained in
``data/PROVENANCE.md``.
"""

from __future__ import annotations

from typing import Final

from .vocabulary import CHARITY, COMMUNITY_AFFAIRS, CULTURE_SPORTS, LIFE_SERVICE

_C = CHARITY
_L = LIFE_SERVICE
_A = COMMUNITY_AFFAIRS
_S = CULTURE_SPORTS


def _cues(category: str, weight: float, words: str) -> list[tuple[str, str, float]]:
    return [(word, category, weight) for word in words.split()]


#: (keyword, category, weight)
CUES: Final[tuple[tuple[str, str, float], ...]] = tuple(
    # ---------------------------------------------------------------- 公益慈善类
    # 004: "包括社区基金会、慈善超市和……注册的各类社区志愿团队" — decisive.
    _cues(_C, 20, "基金会 社区基金 公益基金 慈善超市 爱心超市 志愿 义工")
    + _cues(_C, 12, "慈善 专项基金 时间银行 红十字 微心愿 雷锋 红马甲 蓝马甲")
    # 004's list of charitable activities: 扶贫、济困、扶老、救孤、恤病、助残、优抚、救灾、助医、
    # 助学、环保.  Waste sorting and river/green keeping are read as 环保 (judgement call).
    + _cues(
        _C,
        9,
        "扶贫 济困 帮困 扶老 救孤 孤儿 恤病 助残 优抚 拥军 双拥 救灾 赈灾 救援 助医"
        " 助学 环保 垃圾分类 捐赠 捐助 义卖 献血 爱心编织 爱心屋 救助",
    )
    + _cues(
        _C, 7, "低碳 护河 河道守护 护绿 绿化认养 旧衣 节能 减排 光盘 困境 困难 送温暖 关爱 公益"
    )
    + _cues(_C, 4, "帮扶 结对 留守 孤老 独居")
    + _cues(_C, 3, "爱心 绿色 回收")
    # ---------------------------------------------------------------- 生活服务类
    # 004: 社区养老、医疗保健、托幼、文化教育、就业培训、家政维修等便民利民服务.
    + _cues(
        _L,
        12,
        "助餐 长者食堂 日间照料 照护 日托 托育 宝宝屋 暑托 托管 四点半 家长学校 家政"
        " 老年大学 老年学校 居家养老",
    )
    + _cues(
        _L,
        9,
        "养老 为老服务 助老 食堂 送餐 配餐 助浴 助洁 居家 护理 陪诊 安宁疗护 认知症"
        " 早教 早期教育 育儿 托幼 幼儿 母婴 学堂 课堂 讲堂 学校 教育 培训 课外辅导 课业辅导"
        " 作业辅导 学习 就业 创业 技能 务工 便民 维修 理发 缝补 修伞 配钥匙 代办 保健 养生"
        " 中医 康复 慢病 病友 糖尿病 高血压 科普 营养",
    )
    + _cues(_L, 6, "健康 医疗 科技 教学 长者 餐厅")
    # ---------------------------------------------------------------- 社区事务类
    # 004: "包括各类社区层面的老年人、残疾人、计划生育、妇女工作等组织" — decisive for the
    # associations themselves (not for a sports association of older people: see 体育).
    + _cues(
        _A,
        20,
        "老年协会 老年人协会 老龄协会 老龄工作协会 老年工作协会 残疾人协会 盲人协会"
        " 聋人协会 肢残人协会 残疾人亲友协会 老娘舅",
    )
    # 004: 社区卫生、治安巡逻、安全管理、心理健康、法律服务、社区矫正、物业协商、纠纷调处、
    # 农村生产服务.
    + _cues(
        _A,
        14,
        "调解 调处 议事 矫正 帮教 计划生育 计生 心理健康 业主 业委 物业 楼组长"
        " 乡贤 红白理事 村规民约 睦邻",
    )
    + _cues(
        _A,
        10,
        "治安 巡逻 巡防 平安 护楼 联防 群防群治 纠纷 法律 律师 普法 法治 心理 心灵"
        " 禁毒 戒毒 协商 自治 停车 电梯 残友 妇女 妇联 农技 农机 植保 种植 养殖 农业 渔业"
        " 卫生 整治 市容 养犬 病媒 消防 安全 防汛 防台 维权 权益 民情 民意 社情 信访 恳谈"
        " 网格 楼组 劝导 清运 反诈 防诈 农村科技",
    )
    + _cues(
        _A,
        6,
        "邻里 互助 守望 应急 楼道 姐妹 妈妈 联谊 残疾人 盲人 聋人 肢残 巾帼 监督 理事会"
        " 橡胶 槟榔 胡椒 水稻 果蔬 热带水果",
    )
    # ---------------------------------------------------------------- 文体活动类
    # 004: 书画、球类、棋牌、秧歌、舞蹈、表演、健身、武术、戏曲、乐器.  Other arts hobbies
    # (photography, choirs, reading, crafts) are read into the list's "等" (judgement call).
    + _cues(
        _S,
        12,
        "体育 太极 武术 健身 健步 气功 八段锦 五禽戏 瑜伽 健美操 广场舞 排舞 水兵舞"
        " 交谊舞 拉丁舞 木兰 柔力球 门球 乒乓 羽毛球 篮球 足球 排球 网球 台球 地掷球"
        " 象棋 围棋 棋牌 桥牌 棋艺 空竹 毽 跳绳 风筝 龙舟 拔河 登山 徒步 骑行 跑团 游泳"
        " 冬泳 钓鱼 垂钓 书画 书法 绘画 国画 美术 摄影 合唱 歌咏 红歌 声乐 舞蹈 秧歌 腰鼓"
        " 锣鼓 舞龙 舞狮 戏曲 京剧 越剧 沪剧 锡剧 昆曲 评弹 琼剧 黄梅戏 滑稽戏 曲艺 说唱"
        " 快板 乐器 民乐 管乐 丝竹 八音 口琴 二胡 葫芦丝 萨克斯 手风琴 古筝 吉他 乐队 乐团"
        " 鼓乐 表演 模特 旗袍 时装 话剧 小品 朗诵 读书 阅读 诗社 诗词 文学 剪纸 编织 十字绣"
        " 布艺 绒绣 刺绣 面塑 椰雕 黎锦 茶艺 插花 花艺 文艺 艺术 文体 滚灯 莲湘 戏剧 票房"
        " 戏迷 竹竿舞 扇子舞 民族舞",
    )
    + _cues(_S, 8, "拳 球 棋 舞 琴 剑 鼓 笛 歌 戏 剧 手工 故事 文化 非遗 传承 跑步")
)
