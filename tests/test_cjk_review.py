"""A review in Chinese, end to end (helper w30): what a reviewer met on CNKI, Wanfang Data, PubMed and Scopus
exports of one topic (breast cancer, anxiety and depression; ../heldout/w30 lists the files and their sources).

The texts below are the real records' (dearfad/mrhelper's demo exports of CNKI and Wanfang Data, January 2021):
one paper's abstract as Wanfang Data gives it, with a space after each heading ("目的 研究..."), and as CNKI's
NoteExpress export gives it, without spaces.
"""
from __future__ import annotations

import html
import re

WANFANG_ABSTRACT = ("目的 研究保乳手术与改良根治手术对于早期乳腺癌患者的作用与效果.方法 选取本院在2015年10月至2019年1月采用"
                    "改良根治手术的53例早期乳腺癌患者,将其作为A组;另选同期采用保乳手术的53例早期乳腺癌患者,将其作为B组,"
                    "观察比较两组临床效果及安全性.结果 B组患者在治疗后其各手术指标、并发症发生率、美容总优良率均优于A组"
                    "(P<0.05).结论 对于早期乳腺癌患者,运用保乳手术后,治疗后的效果与质量优于改良根治手术,还能够辅助维持"
                    "乳房所具有的美观,值得临床推广.")
CNKI_ABSTRACT = "目的研究保乳手术与改良根治手术对于早期乳腺癌患者的作用与效果。"


def test_a_chinese_abstract_with_a_few_spaces_is_compared_by_characters():
    """Notebook 01's pair widget marked the whole of both abstracts: Wanfang's has four spaces (after 目的, 方法,
    结果, 结论), so it was read as five "words", none of them in CNKI's one-sentence abstract without spaces.
    Compared character by character, CNKI's sentence is all in Wanfang's (no mark; 。 and . are punctuation) and
    only what Wanfang's abstract has beyond it is marked."""
    from synthesis.dedup.widget import marked_words

    cnki, wanfang = marked_words(CNKI_ABSTRACT, WANFANG_ABSTRACT)
    assert "<mark>" not in cnki
    marked = "".join(re.findall("<mark>(.*?)</mark>", wanfang))
    assert marked.startswith("方法 选取本院") and "目的" not in marked and "作用与效果" not in marked
    # the text around the marks is the text as written, spaces included
    assert html.unescape(re.sub("</?mark>", "", wanfang)) == WANFANG_ABSTRACT


def test_words_in_latin_letters_inside_chinese_text_stay_words():
    """A Chinese title with a term in Latin letters marks the term whole, as in an English title (MRI / MRA, not
    I / A)."""
    from synthesis.dedup.widget import marked_words

    a, b = marked_words("超声弹性成像联合MRI诊断乳腺癌的价值", "超声弹性成像联合MRA诊断乳腺癌的价值")
    assert (a, b) == ("超声弹性成像联合<mark>MRI</mark>诊断乳腺癌的价值", "超声弹性成像联合<mark>MRA</mark>诊断乳腺癌的价值")


ESTUDY = ("DataType: 1\nTitle-题名: 乳腺癌术后患者焦虑抑郁的影响因素研究\nAuthor-作者: 张三;\nSource-刊名: 青岛大学\n"
          "Year-年: 2020\nKeyword-关键词: 乳腺癌;焦虑;抑郁\nSummary-摘要: 目的 调查乳腺癌术后患者焦虑抑郁状况。\n"
          "SrcDatabase-来源库: 硕士\nLink-链接: https://kns.cnki.net/kcms/detail/detail.aspx?FileName=1020000001.nh\n"
          "DataType: 1\nTitle-题名: 保乳手术治疗早期乳腺癌的效果观察\nAuthor-作者: 周景新;\nSource-刊名: 当代医学\n"
          "Year-年: 2021\nPeriod-期: 02\nRoll-卷: 27\nPage-页码: 121-123\nSrcDatabase-来源库: 期刊\n")


def test_a_cnki_e_study_record_says_what_kind_of_work_it_is_in_english(tmp_path):
    """CNKI's E-Study export names a record's kind in Chinese (``SrcDatabase-来源库: 期刊``, 硕士, 博士, 报纸):
    the import kept "期刊" as the record's type, so a master's thesis (硕士) was not a thesis to deduplication (a
    thesis and the paper made from it are two works) and went to Zotero as a journal article (RIS ``TY  - JOUR``).
    The kinds are named as the other exports name them; CNKI's word stays in the record's raw fields."""
    from synthesis.dedup.prep import publication_kind
    from synthesis import read_export, write_ris

    path = tmp_path / "cnki.txt"
    path.write_text(ESTUDY, encoding="utf-8")
    records = read_export(path).records
    thesis, article = records.iloc[0], records.iloc[1]
    assert publication_kind("article", thesis["type"], thesis["journal"], "") == "thesis"
    assert article["type"] == "Journal Article"
    out = tmp_path / "out.ris"
    write_ris(records, out)
    assert [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("TY")] == [
        "TY  - THES", "TY  - JOUR"]
    assert "硕士" in str(thesis["raw"])


def _cnki_units():
    import pandas as pd

    rows = [("g1", "保乳手术治疗早期乳腺癌的效果观察", "周景新", 2021),
            ("g2", "以乳头为中心的纵(横)梭形切口手术对早期乳腺癌患者乳房外观及预后的影响", "柳盛辉", 2021),
            ("g3", "保乳手术与改良根治术治疗早期乳腺癌的临床效果及安全性分析", "蒋炳涧", 2020),
            ("g4", "叙事护理对乳腺癌术后患者焦虑抑郁及病耻感水平影响的研究", "李雯; 魏丽丽", 2021)]
    return pd.DataFrame([{"group_id": g, "title": t, "authors": a, "year": y, "doi": "", "pmid": ""}
                         for g, t, a, y in rows])


def test_a_chinese_paper_is_found_by_the_title_on_its_first_page():
    """A CNKI PDF (named by CNKI "title_author.pdf", which no reference manager's pattern reads) is matched by
    the title on its first page. A Chinese title is one "word" to a split at spaces: the record was a candidate
    only when its whole title stood on one line of the page, and a 16-character title (大约 8 words) was "too
    short" for a sure match, the shortest title allowed being counted in characters of English (20)."""
    from synthesis.fulltext.match import _Library, match_one
    from synthesis.fulltext.pdftext import PdfInfo

    lib = _Library(_cnki_units())
    one_line = ("当代医学 2021年1月第27卷第2期\n保乳手术治疗早期乳腺癌的效果观察\n周景新\n"
                "(辽宁省阜新市第二人民医院肿瘤科)\n【摘要】目的 比较分析不同手术方法治疗早期乳腺癌患者的临床效果。")
    m = match_one(PdfInfo("保乳手术治疗早期乳腺癌的效果观察_周景新.pdf", pages=3, head_text=one_line, has_text=True),
                  "保乳手术治疗早期乳腺癌的效果观察_周景新.pdf", lib)
    assert (m.group_id, m.status) == ("g1", "matched"), (m.status, m.note)
    two_lines = ("当代医学 2021年1月第27卷第2期\n以乳头为中心的纵(横)梭形切口手术对早期\n乳腺癌患者乳房外观及预后的影响\n"
                 "柳盛辉\n(营口经济技术开发区惠民中医院外科)\n【摘要】目的 探讨以乳头为中心的纵(横)梭形切口手术。")
    m = match_one(PdfInfo("a.pdf", pages=2, head_text=two_lines, has_text=True), "a.pdf", lib)
    assert (m.group_id, m.status) == ("g2", "matched"), (m.status, m.note)


def test_a_chinese_font_installed_after_matplotlib_listed_the_fonts_is_used(monkeypatch):
    """The PRISMA diagram drew the review's Chinese exclusion reasons (非随机对照试验) as empty boxes on a computer
    with Noto Sans CJK installed: matplotlib lists the fonts once and keeps the list in its cache, so a font
    installed afterwards (``apt-get install fonts-noto-cjk`` once the review showed boxes) was never among its
    fonts until someone deleted the cache. The fallback fonts are looked for among the system's font files too."""
    import pytest
    from matplotlib import font_manager

    import synthesis.display as display
    from synthesis.display import FALLBACK_FONTS, installed_fallback_fonts

    files = [f for f in font_manager.findSystemFonts() if "CJK" in f or "wqy" in f.lower()]
    if not files:
        pytest.skip("no Chinese font (Noto Sans CJK, WenQuanYi) on this computer: apt-get install fonts-noto-cjk")
    # matplotlib's list as its cache had it before the font was installed
    stale = [f for f in font_manager.fontManager.ttflist if f.name not in FALLBACK_FONTS and f.fname not in files]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", list(stale))
    monkeypatch.setattr(display, "_LOOKED_FOR_NEW_FONTS", False)  # a new process: the next build after installing
    assert installed_fallback_fonts(), "a Chinese font on the system is not offered as a fallback"
    monkeypatch.setattr(font_manager.fontManager, "ttflist", list(stale))
    assert not installed_fallback_fonts()  # looked for once a process: not again for every figure


def test_a_diagram_drawn_without_a_chinese_font_is_drawn_again_once_there_is_one(monkeypatch):
    """The build keeps its figures in .synthesis-cache and copies them while the counts and the drawing code
    are unchanged: after a Chinese font was installed, ``synthesis build --force`` still wrote the PRISMA diagram
    with empty boxes for its Chinese exclusion reasons. The fonts a drawing falls back to are part of the key of
    the PRISMA diagram and of the maps."""
    import synthesis.display as display
    import synthesis.maps.cache as maps_cache
    from synthesis.prisma.outputs import drawing_code

    def keys(fonts):
        monkeypatch.setattr(display, "installed_fallback_fonts", lambda: list(fonts))
        monkeypatch.setattr(maps_cache, "_VERSION", None)
        return drawing_code(), maps_cache.drawing_code_version()

    without, with_font = keys([]), keys(["Noto Sans CJK SC"])
    assert without[0] != with_font[0] and without[1] != with_font[1]
    assert keys(["Noto Sans CJK SC"]) == with_font


def test_a_diagram_in_chinese_without_a_font_for_it_says_so(monkeypatch, tmp_path):
    """Without any Chinese font the diagram's Chinese exclusion reasons are empty boxes, and nothing said why: the
    reviewer saw the boxes only on opening the PNG. The build's note names what is missing and what to install."""
    import synthesis.display as display
    from synthesis.prisma import read_counts, write_outputs

    import json

    (tmp_path / "c.json").write_text(json.dumps({  # the counts of the review w30 built (a CNKI export and Wanfang's)
        "database_results": 18, "database_specific_results": [["CNKI", 12], ["Wanfang Data", 6]],
        "duplicates": 6, "records_screened": 12,
        "records_excluded": 7, "dbr_sought_reports": 5, "dbr_notretrieved_reports": 0, "dbr_assessed": 5,
        "dbr_excluded": 2, "dbr_excluded_reasons": [["非随机对照试验", 1], ["结局指标不符", 1]],
        "new_studies": 3, "new_reports": 3}), encoding="utf-8")
    counts = read_counts(tmp_path / "c.json")
    write_outputs(counts, tmp_path, formats=("svg",))
    monkeypatch.setattr(display, "installed_fallback_fonts", lambda: [])
    note = display.missing_font_note(tmp_path / "prisma_flow.svg")
    assert "Chinese" in note and "fonts-noto-cjk" in note and "prisma_flow.svg" in note
    monkeypatch.setattr(display, "installed_fallback_fonts", lambda: ["Noto Sans CJK SC"])
    assert display.missing_font_note(tmp_path / "prisma_flow.svg") == ""


def test_chinese_authors_are_cited_as_chinese_cites_them():
    """Helper w30's review read "陈凤侠 and 蒋玲 2020" in its coding notes and maps: an English "and" between names
    kept in Chinese characters. Two are joined by "、", more are the first and "等"; other names as before."""
    from synthesis.normalise import cited_study

    assert cited_study(["陈凤侠", "蒋玲"], 2020) == "陈凤侠、蒋玲 2020"
    assert cited_study(["陈凤侠", "蒋玲", "王小明"], 2020, "g1") == "陈凤侠等 2020 (g1)"
    assert cited_study(["Chen, F.", "Jiang, L."], 2020) == "Chen and Jiang 2020"
