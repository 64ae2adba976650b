"""Titles in Chinese, Japanese and Korean as the regional databases export them, for the deduplication tests of
``test_dedup_cjk.py`` (issue 13: data nobody tuned for).

The real titles are CNKI's (its RefWorks export, as a Zotero translator's test cases hold it: l0o0/translators_CN,
``CNKI RefWorks.js``; ../heldout/w26 lists them with their source). The topic export around them is built from
the phrases such titles are made of: a CNKI search on one topic returns hundreds of titles that share their
opening and closing phrases ("基于深度学习的..." / "...的临床研究"), which is what a rare-word key has to get past.
"""
from __future__ import annotations

import random

#: Titles of CNKI's RefWorks export (journal, year, first author).
REAL_CNKI = [
    ("黄瓜胚性愈伤组织的诱导保存和再生", "西北农林科技大学学报(自然科学版)", 2024, "薛婉钰"),
    ("多芯片联合分析2型糖尿病发病相关基因及其与阿尔茨海默病的关系", "中国医科大学学报", 2020, "辛宁"),
    ("外施Ca~(2+)、ABA及H_3PO_4对盐碱胁迫的缓解效应", "应用生态学报", 2000, "颜宏"),
    ("黄瓜共表达基因模块的识别及其特点分析", "南京农业大学", 2015, "林行众"),
    ("高导热聚合物基复合材料的制备与性能研究", "上海交通大学", 2012, "虞锦洪"),
    ("辽西区新石器时代考古学文化纵横", "内蒙古东部区考古学文化研究文集", 1990, "朱延平"),
]

_METHODS = ["深度学习", "卷积神经网络", "注意力机制", "迁移学习", "生成对抗网络", "随机森林", "支持向量机", "图神经网络"]
_ORGANS = ["肺部", "肝脏", "脑部", "乳腺", "心脏", "肾脏", "眼底", "皮肤"]
_IMAGES = ["CT", "MRI", "超声", "X线", "病理"]
_TASKS = ["图像分割", "病灶检测", "图像配准", "分类诊断", "图像重建"]
_DRUGS = ["二甲双胍", "阿托伐他汀", "丹参多酚酸盐", "胰岛素泵", "针刺", "中药复方", "左甲状腺素", "阿司匹林"]
_DISEASES = ["2型糖尿病", "冠心病", "脑梗死", "慢性阻塞性肺疾病", "高血压", "类风湿关节炎", "骨质疏松症", "慢性肾病"]
_ENDINGS = ["的临床研究", "的疗效观察", "的临床观察", "的研究", "的疗效及安全性分析", "的Meta分析"]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
_JOURNALS = ["中华医学杂志", "中国医科大学学报", "计算机工程与应用", "中国中西医结合杂志", "中国实用内科杂志",
             "生物医学工程学杂志", "中国医学影像技术", "中华内分泌代谢杂志"]


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def topic_export(n: int = 400, seed: int = 13) -> list[dict]:
    """``n`` distinct Chinese records of two topics, as one CNKI search returns them: titles that share long
    openings and endings, each with its own authors, journal, year, volume, issue and pages."""
    rng = random.Random(seed)
    titles: set = set()
    rows = []
    while len(rows) < n:
        if rng.random() < 0.5:
            title = f"基于{rng.choice(_METHODS)}的{rng.choice(_ORGANS)}{rng.choice(_IMAGES)}{rng.choice(_TASKS)}方法研究"
        else:
            title = f"{rng.choice(_DRUGS)}治疗{rng.choice(_DISEASES)}{rng.choice(_ENDINGS)}"
        if title in titles:
            continue
        titles.add(title)
        rows.append({"title": title, "authors": [_name(rng) for _ in range(rng.randint(2, 5))],
                     "year": rng.randint(2015, 2024), "journal": rng.choice(_JOURNALS),
                     "volume": str(rng.randint(20, 45)), "issue": str(rng.randint(1, 12)),
                     "pages": f"{(p := rng.randint(1, 900))}-{p + rng.randint(3, 9)}", "type": "JOUR",
                     "language": "chi"})
    return rows


#: Characters of the same sound as a title's (pinyin with its tone), as an input method offers them: a re-keyed
#: record's typo is one of these for the character meant (typed 分隔 for 分割).
_HOMOPHONES = {"割": "鸽搁歌", "制": "智志至", "测": "侧策册", "像": "象向项", "部": "布步簿", "诊": "珍针枕",
               "疗": "聊辽僚", "效": "校笑孝", "观": "关官冠", "察": "查茶差", "治": "质致置", "型": "形刑行",
               "病": "并柄丙", "脏": "藏葬", "理": "里礼李", "建": "健见件", "检": "捡减简", "断": "段锻",
               "究": "纠揪", "临": "林邻淋", "床": "创闯", "析": "西吸希", "安": "按岸暗", "图": "途涂", "方": "芳房"}


def retyped(title: str, rng: random.Random) -> str:
    """``title`` with one character in its middle third typed as another of the same sound."""
    third = len(title) // 3
    spots = [k for k in range(third, len(title) - third) if title[k] in _HOMOPHONES] or \
        [k for k in range(len(title)) if title[k] in _HOMOPHONES]
    k = rng.choice(spots)
    return title[:k] + rng.choice(_HOMOPHONES[title[k]]) + title[k + 1:]


def second_export(rows: list[dict], seed: int = 7) -> list[dict]:
    """The same papers as another database (Wanfang, CQVIP) exports them, one difference or two each: a character
    typed as a homophone, the year of the issue instead of CNKI's online-first year, no authors, no volume."""
    rng = random.Random(seed)
    out = []
    for row in rows:
        copy = dict(row, title=retyped(row["title"], rng))
        copy.pop("volume", None)  # CNKI's RefWorks export has no volume for most journals
        if rng.random() < 0.5:
            copy["year"] = row["year"] + 1
        if rng.random() < 0.3:
            copy["authors"] = []
        out.append(copy)
    return out
