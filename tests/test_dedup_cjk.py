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

from cjk_titles import second_export, topic_export
from synthesis.dedup.block import candidate_pairs, rare_word_keys, rare_words
from synthesis.dedup.prep import prepare_columns
from synthesis.records import make_record_table


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
