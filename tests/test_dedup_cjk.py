"""Deduplication of titles in Chinese, Japanese and Korean (issue 13: data nobody tuned for).

CNKI, Wanfang, CQVIP and CiNii write titles without spaces between words ("基于深度学习的医学图像分割方法研究"), so
everything that read a title as its whitespace words read such a title as one word: the rare-word blocks only paired
records with the same title, and "a different word in the titles" never saw the word that makes "肝脏" (liver) and
"肾脏" (kidney), "术前" (before surgery) and "术后" (after it) two papers. The records are built by
``cjk_titles`` (real CNKI titles, and a topic export of the phrases such titles are made of).
"""
from __future__ import annotations

import random

import pytest

from cjk_titles import REAL_CNKI, second_export, topic_export
from synthesis.dedup.block import candidate_pairs, rare_words
from synthesis.dedup.prep import prepare_columns
from synthesis.dedup.score import words_swapped
from synthesis.records import make_record_table
from test_dedup import dedupe, same_group


def table(*rows):
    """The records, each from its own database's export."""
    return make_record_table([dict(r, source_file=f"db{k}.txt", source_index=1) for k, r in enumerate(rows)])


# --- candidates ---------------------------------------------------------------------------------------------

def test_a_chinese_title_has_rare_words_of_its_own():
    """A Chinese title was one "word": its rare-word key was the whole title, so it blocked only with the same
    title. Its words are now read as overlapping pairs of characters (a Chinese word has two characters, mostly),
    and a key is a pair that another title shares."""
    titles = ["基于深度学习的肺部ct图像分割方法研究", "基于深度学习的肺部ct图像分隔方法研究",  # one typed 分隔 for 分割
              "基于深度学习的脑部mri图像配准方法研究"]
    keys = rare_words(titles, 2)
    assert set(keys[0]) & set(keys[1]), keys
    assert all(len(k) == 2 for k in keys[0])


def test_english_and_other_spaced_titles_keep_their_words():
    titles = ["insulin and sleep", "insulin and mood", "ältere menschen und schlaf", "한국 농촌의 변화 연구",
              "한국 도시의 변화"]
    assert rare_words(titles, 1) == [["sleep"], ["mood"], ["ältere"], ["농촌의"], ["도시의"]]


def test_every_copy_of_a_crowded_chinese_export_is_a_candidate():
    """600 records of one CNKI topic search, 150 of them again from a second database with one character typed as
    a homophone, half with the next year, some without authors: 8 of the 150 pairs were never compared (the title
    orders and the author-year key all missed them: hundreds of titles open with "基于..." and end with
    "...方法研究")."""
    rows = topic_export(600)
    picked = random.Random(3).sample(range(len(rows)), 150)
    copies = second_export([rows[k] for k in picked])
    records = make_record_table([dict(r, source_file="x", source_index=k + 1) for k, r in enumerate(rows + copies)])
    found = set(map(tuple, candidate_pairs(prepare_columns(records)).tolist()))
    truth = {(a, len(rows) + k) for k, a in enumerate(picked)}
    assert truth <= found, f"{len(truth - found)} of {len(truth)} copies never compared"
    assert len(found) < 20 * len(records)  # still a few pairs per record, not all of them


# --- no false merges ----------------------------------------------------------------------------------------

_GROUP = {"authors": ["王伟", "李娜", "张敏"], "year": 2021, "journal": "中华医学杂志", "volume": "101", "type": "JOUR"}


@pytest.mark.parametrize("a, b", [
    ("基于卷积神经网络的肝脏CT图像分割方法研究", "基于卷积神经网络的肾脏CT图像分割方法研究"),  # liver, kidney
    ("腹腔镜胆囊切除术术前焦虑的影响因素分析", "腹腔镜胆囊切除术术后焦虑的影响因素分析"),  # before, after surgery
    ("老年男性骨质疏松症患者骨密度与肌肉量的相关性研究", "老年女性骨质疏松症患者骨密度与肌肉量的相关性研究"),
    ("高血压患者服药依从性的影响因素研究", "低血压患者服药依从性的影响因素研究"),  # high, low blood pressure
    ("阿托伐他汀治疗冠心病的疗效观察", "阿托伐他汀治疗冠心病的临床疗效观察"),  # "clinical" added inside
    ("幽门螺杆菌感染与胃癌前病变相关性的研究", "幽门螺杆菌感染与胃癌前病变不相关性的研究"),  # "not"
    ("地域在住高齢者における転倒予防プログラムの効果", "地域在住高齢者における転倒防止プログラムの効果"),
])
def test_one_group_s_two_papers_one_word_apart_are_not_merged(a, b):
    """One research group's two papers in one journal, year and volume, no issue or pages: the titles are 94-96 %
    alike, characters compared, and were merged automatically. One character of Chinese is a word, or most of one:
    another there is another organ, time, sex or measure, as "liver" and "kidney" are. A person decides."""
    result = dedupe(table(dict(_GROUP, title=a), dict(_GROUP, title=b)))
    assert not same_group(result, 0, 1)
    assert result.maybe_pairs["reason"].tolist() == ["a different word in the titles"]


@pytest.mark.parametrize("a, b, swapped", [
    ("基于卷积神经网络的肝脏ct图像分割方法研究", "基于卷积神经网络的肾脏ct图像分割方法研究", True),
    ("二甲双胍治疗2型糖尿病的临床研究", "二甲双胍治疗2型糖尿病临床研究", False),  # "的" dropped: one word less
    ("黄瓜共表达基因模块的识别及其特点分析", "黄瓜共表达基因模块的识别及其特点分析 以温室型黄瓜为例", False),
    ("covid 19患者的焦虑抑郁状况调查", "covid 19患者焦虑抑郁状况调查", False),
    ("covid 19患者的焦虑抑郁状况调查", "sars cov 2患者的焦虑抑郁状况调查", False),  # English words: their own rule
])
def test_a_different_word_inside_a_chinese_phrase(a, b, swapped):
    assert words_swapped(a, b) is swapped


# --- the same paper from two databases -----------------------------------------------------------------------

def _real(k, **change):
    title, journal, year, author = REAL_CNKI[k]
    row = {"title": title, "journal": journal, "year": year, "authors": [author, "刘娜"], "type": "JOUR"}
    row.update(change)
    return row


@pytest.mark.parametrize("other", [
    # full-width digits and punctuation (Wanfang, CQVIP)
    dict(title="多芯片联合分析２型糖尿病发病相关基因及其与阿尔茨海默病的关系"),
    dict(title="外施Ｃａ~（２+）、ＡＢＡ及Ｈ_３ＰＯ_４对盐碱胁迫的缓解效应"),
])
def test_full_width_forms_are_the_same_title(other):
    k = 1 if "多芯片" in other["title"] else 2
    result = dedupe(table(_real(k), _real(k, **other)))
    assert same_group(result, 0, 1)


def test_a_subtitle_one_database_adds_leaves_a_candidate_pair():
    result = dedupe(table(_real(3), _real(3, title=REAL_CNKI[3][0] + "——以温室型黄瓜9930为例")))
    assert not same_group(result, 0, 1)  # another number in the title: a person decides
    assert len(result.maybe_pairs) == 1


def test_japanese_half_width_katakana_is_the_same_title():
    base = {"authors": ["早川吉彦"], "year": 2019, "journal": "日本公衆衛生雑誌", "type": "JOUR"}
    result = dedupe(table(dict(base, title="地域在住高齢者における転倒予防プログラムの効果"),
                          dict(base, title="地域在住高齢者における転倒予防ﾌﾟﾛｸﾞﾗﾑの効果")))
    assert same_group(result, 0, 1)


def test_a_retyped_character_is_a_maybe_unless_its_place_says_one_paper():
    """The copy with a homophone for one character ("研纠" for "研究") is the same paper, or another one word apart:
    in the same year, issue and first page it is one paper (Chinese journals number their issues within the
    year, and CNKI gives no volume), without them a person decides."""
    row = _real(4, issue="6", pages="33-40")
    typo = dict(row, title="高导热聚合物基复合材料的制备与性能研纠")
    assert same_group(dedupe(table(row, typo)), 0, 1)
    result = dedupe(table(row, dict(typo, pages="")))
    assert not same_group(result, 0, 1) and len(result.maybe_pairs) == 1


def test_a_series_reports_numbered_alike_outside_a_journal_stay_apart():
    """One issue and first page in one year make one item only in one journal: a series' reports, one topic each,
    each its own "issue 1" from page 1 and with no journal, are still two reports (English titles alike)."""
    base = {"authors": ["Smith, J.", "Jones, A."], "year": 2015, "issue": "1", "pages": "1-40", "type": "RPRT"}
    result = dedupe(table(dict(base, title="Rangeland plan assessment: fire topic report"),
                          dict(base, title="Rangeland plan assessment: restoration topic report")))
    assert not same_group(result, 0, 1)
    assert result.maybe_pairs["reason"].tolist() == ["a different word in the titles"]


def test_a_paper_in_traditional_and_in_simplified_characters_is_one_paper():
    """Airiti (Taiwan) exports a paper's title, authors and journal in traditional characters, CNKI in simplified
    ones: the two copies were about half alike character for character, so they were neither merged nor offered.
    Compared in simplified characters they are one paper; another paper of the same group stays apart."""
    cnki = {"title": "基于深度学习的医学图像分割方法研究", "authors": ["张伟", "刘洋"], "year": 2021,
            "journal": "中华医学杂志", "volume": "101", "issue": "12", "pages": "901-906", "doi": ""}
    airiti = dict(cnki, title="基於深度學習的醫學圖像分割方法研究", authors=["張偉", "劉洋"], journal="中華醫學雜誌")
    r = dedupe(table(cnki, airiti))
    assert same_group(r, 0, 1)
    other = dict(airiti, title="基於深度學習的醫學圖像配準方法研究", pages="907-912")  # registration, not segmentation
    r = dedupe(table(cnki, other))
    assert not same_group(r, 0, 1)


def test_a_paper_titled_in_chinese_and_in_english_with_one_doi_is_offered():
    """Wanfang exports a paper under its Chinese title and authors, Scopus under the English ones, with the same DOI,
    volume, issue and pages: nothing of the titles or names could be compared, so the pair fell under the floor and
    the paper was screened twice (helper w30's review). Names in two scripts are not given rather than other people,
    and one DOI stands for them: the pair is offered near the top of the list. Supplement abstracts sharing a DOI
    and a page, by other authors in the same script, are still not."""
    from synthesis.dedup.likelihood import ONE_PLACE

    wanfang = {"title": "乳腺癌患者焦虑抑郁状况及影响因素分析", "authors": ["陈凤侠", "蒋玲"], "year": 2020,
               "journal": "中国肿瘤临床与康复", "volume": "27", "issue": "3", "pages": "321-324",
               "doi": "10.13335/j.1009-0460.2020.03.016"}
    scopus = dict(wanfang, title="Analysis of anxiety and depression and influencing factors in breast cancer patients",
                  authors=["Chen, F.", "Jiang, L."], journal="Chinese Journal of Clinical Oncology and Rehabilitation")
    r = dedupe(table(wanfang, scopus))
    assert len(r.maybe_pairs) == 1 and r.maybe_pairs["likelihood"].iloc[0] >= ONE_PLACE
    # what a person reads: nothing is missing or different, it is written in two scripts
    assert r.maybe_pairs["reason"].iloc[0] == "titles, authors and journals in two scripts, same volume and pages, same DOI"
    other = dict(scopus, title="Quality of life and sleep of breast cancer survivors after chemotherapy",
                 authors=["Wang, H.", "Zhou, Q."])
    r = dedupe(table(dict(wanfang, authors=["Liu, Y.", "Sun, M."], title=scopus["title"]), other))
    assert not len(r.maybe_pairs) or r.maybe_pairs["likelihood"].iloc[0] < ONE_PLACE
