"""Exports of regional and non-English databases in the held-out sets (outside ../shared): CNKI, Wanfang Data and the
Chinese Medical Association's journals. Each test holds a few lines of its own in the export's layout; the comment
names the public file that showed the quirk."""
from __future__ import annotations

from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def test_noteexpress_export_of_cnki_is_read(tmp_path):
    """CNKI's NoteExpress export ({Reference Type}: ..., a .net file) was "unknown format: no reader recognises this
    file". Its authors share a line (``;`` after each, older records ``,`` between them), its keywords are joined by
    ``;;``, an older record breaks its address over blank lines, and a record may have no year
    (Vopaaz/CNKI_2_BibTeX, tests/assets/mixed.net and LotsOfEnglish.net)."""
    text = ("{Reference Type}: Journal Article\n{Title}: 基于深度学习的河流水质预测\n{Author}: 张明;李华;\n"
            "{Author Address}: 河海大学水文水资源学院;\n{Journal}: 水利学报\n{Pages}: 1-8\n"
            "{Keywords}: 水质预测;;深度学习\n{Abstract}: 针对河流水质预测问题,本文提出一种方法。\n"
            "{ISBN/ISSN}: 0559-9350\n{Database Provider}: CNKI\n\n\n"
            "{Reference Type}: Journal Article\n{Title}: 湖泊治理研究述评\n{Author}: 王芳,赵强\n"
            "{Author Address}: 武汉大学,武汉大学 湖北武汉430072\n\n\n\n,湖北武汉430072\n{Journal}: 湖泊科学\n"
            "{Year}: 2003\n{Issue}: 06\n{Pages}: 43-46\n{Keywords}: 湖泊;;治理\n{Database Provider}: CNKI\n\n\n"
            "{Reference Type}: Journal Article\n{Title}: River sediment and delta growth\n"
            "{Author}: Oded M Okafor;;J.V. Martínez-Suárez\n{Journal}: Water Research\n{Year}: 2019\n"
            "{Volume}: 99\n{Keywords}: Sediment;Delta\n{Database Provider}: CNKI\n\n\n")
    records, report = _read(tmp_path, "CNKI-20260101.net", text)
    assert (report.format, report.found, report.imported, report.database) == ("noteexpress", 3, 3, "CNKI")
    assert report.warnings == []
    assert records["title"].tolist() == ["基于深度学习的河流水质预测", "湖泊治理研究述评", "River sediment and delta growth"]
    assert records["authors"].tolist() == [["张明", "李华"], ["王芳", "赵强"], ["Okafor, O. M.", "Martínez-Suárez, J. V."]]
    assert records["keywords"].tolist() == [["水质预测", "深度学习"], ["湖泊", "治理"], ["Sediment", "Delta"]]
    assert records["year"].tolist()[1:] == [2003, 2019]
    assert (records["journal"][1], records["issue"][1], records["pages"][1]) == ("湖泊科学", "06", "43-46")
    assert "湖北武汉430072" in records["raw"][1]["Author Address"]


def test_noteexpress_export_of_wanfang_keeps_the_original_and_its_translation(tmp_path):
    """Wanfang Data's NoteExpress export gives each author and keyword a line of its own, a translated title,
    authors and abstract beside the Chinese ones, its name as the database provider, and some DOIs in full-width
    characters ("10.3969／j.issn.1672－187X..."), which gave no DOI (dearfad/mrhelper,
    mrhpkg/filters/demo_wanfang_202101.NET)."""
    text = ("{Reference Type}: Journal Article\n{Title}: 正念训练对护士焦虑的影响\n"
            "{Translated Title}: Effect of mindfulness training on anxiety of nurses\n{Author}: 陈红\n{Author}: 刘洋\n"
            "{Translated Author}: Chen Hong\n{Translated Author}:  Liu Yang\n{Journal}: 护理研究\n"
            "{Translated Journal}: Nursing Research\n{ISBN/ISSN}: 1009-6493\n{Year}: 2020\n{Volume}: 26\n"
            "{Issue}: 1\n{Pages}: 60-63\n{Keywords}: 正念\n{Keywords}:  焦虑\n{Abstract}: 目的 探讨正念训练的效果.\n"
            "{Translated Abstract}: Objective To study mindfulness training.\n"
            "{URL}: http://www.wanfangdata.com.cn/details/detail.do?_type=perio&id=hlyj202001017\n"
            "{DOI}: 10.3969\uff0fj.issn.1009\uff0d6493.2020.01.017\n{Database Provider}: 北京万方数据股份有限公司\n"
            "{Language}: chi\n\n")
    records, report = _read(tmp_path, "wanfang.NET", text)
    rec = records.iloc[0]
    assert (report.format, report.database) == ("noteexpress", "Wanfang Data")
    assert (rec["title"], rec["journal"], rec["authors"]) == ("正念训练对护士焦虑的影响", "护理研究", ["陈红", "刘洋"])
    assert rec["raw"]["Translated Title"] == "Effect of mindfulness training on anxiety of nurses"
    assert rec["abstract"] == "目的 探讨正念训练的效果. | Objective To study mindfulness training."
    assert rec["keywords"] == ["正念", "焦虑"]
    assert rec["doi"] == "10.3969/j.issn.1009-6493.2020.01.017"


def test_noteexpress_with_full_width_colons_and_semicolons(tmp_path):
    """The Chinese Medical Association's NoteExpress file writes some tags with a full-width colon ("{Abstract}："),
    one with none after it ("{ISBN/ISSN}:0253-3766"), its keywords joined by full-width semicolons and a group as
    author (Vopaaz/CNKI_2_BibTeX, tests/assets/ChineseColon.net). A name written "Family, Given" stays one."""
    text = ("{Reference Type}: Journal Article\n{Title}: 河流污染防治专家共识(2015年版)\n{Author}: 中国水利学会水环境专业委员会\n"
            "{Author}: Smith, John\n{Journal}: 中华水利杂志\n{ISBN/ISSN}:0253-3766\n{Year}: 2016\n{Issue}: 4\n"
            "{Pages}: 310-320\n{Keywords}: 河流；污染；防治\n{Abstract}：河流污染是一类常见问题。\n"
            "{URL}：https://example.org/CN1/889113.htm\n{Language}：chi\n\n")
    records, report = _read(tmp_path, "ChineseColon.net", text)
    rec = records.iloc[0]
    assert report.format == "noteexpress"
    assert rec["authors"] == ["中国水利学会水环境专业委员会", "Smith, J."]
    assert (rec["isbn_issn"], rec["abstract"], rec["language"]) == ("0253-3766", "河流污染是一类常见问题。", "chi")
    assert rec["keywords"] == ["河流", "污染", "防治"]
    assert rec["url"] == "https://example.org/CN1/889113.htm"


def test_cnki_e_study_export_is_read(tmp_path):
    """CNKI's first export choice, "CNKI E-Study" ("Title-题名: ...", "DataType: 1" opening each record, no blank
    line between records), was "unknown format". Authors and keywords share a line; a record published online first
    has no "Year-年" but the day CNKI published it; a record without authors has none (dearfad/mrhelper,
    mrhpkg/filters/demo_cnki_202101.txt)."""
    text = ("DataType: 1\nTitle-题名: 河流水质监测的病例分析\nAuthor-作者: 柯明;陈英;王斌;\nSource-刊名: 中南环境\n"
            "Year-年: 2021\nPubTime-出版时间: 2021-01-18\nKeyword-关键词: 河流;水质;监测\n"
            "Summary-摘要: 河流水质监测是一项基础工作。\nPeriod-期: 01\nRoll-卷: 19\nPageCount-页数: 3\n"
            "Page-页码: 168-170\nSrcDatabase-来源库: 期刊\nOrgan-机构: 中南大学环境学院;\n"
            "Link-链接: https://kns.cnki.net/kcms/detail/detail.aspx?FileName=ZNHJ202101034&DbName=CJFQTEMP\n"
            "DataType: 1\nTitle-题名: 中国河流监测标准(T/CPMA 014-2020)\nSource-刊名: 中华环境杂志\n"
            "PubTime-出版时间: 2021-01-15 16:54\nKeyword-关键词: 河流;标准\nPageCount-页数: 7\nPage-页码: 1-7\n"
            "SrcDatabase-来源库: 期刊\nOrgan-机构: 中华预防医学会;\n"
            "Link-链接: https://kns.cnki.net/kcms/detail/detail.aspx?FileName=JBKZ20210115000&DbName=DKFX2021\n")
    records, report = _read(tmp_path, "CNKI-637463.txt", text)
    assert (report.format, report.found, report.imported, report.database) == ("cnki_estudy", 2, 2, "CNKI")
    assert records["title"].tolist() == ["河流水质监测的病例分析", "中国河流监测标准(T/CPMA 014-2020)"]
    assert records["authors"].tolist() == [["柯明", "陈英", "王斌"], []]
    assert records["year"].tolist() == [2021, 2021]
    first = records.iloc[0]
    assert (first["journal"], first["volume"], first["issue"], first["pages"]) == ("中南环境", "19", "01", "168-170")
    assert first["keywords"] == ["河流", "水质", "监测"]
    assert first["url"].endswith("FileName=ZNHJ202101034&DbName=CJFQTEMP")


def test_cnki_marks_in_an_abstract_are_left_out(tmp_path):
    """CNKI writes "<正>" before the opening paragraph it shows for an article without an abstract, and "(#br)" where
    the publisher's abstract broke a line ("Abstract(#br)The goal of..."): both stood in the abstract a reviewer
    screens, "Abstract" label and all (Chrisyan77/cross-reality-switching-data, CNKI.txt; Vopaaz/CNKI_2_BibTeX,
    tests/assets/LotsOfEnglish.net)."""
    refworks = ("RT Journal Article\nSR 1\nA1 尹政\nT1 虚拟现实动画技术在会展中的运用\nJF 中国会展\nYR 2024\nIS 16\nvo \n"
                "OP 98-100\nAB <正>本文探讨了虚拟现实动画在会展中的应用。\nLA 中文;\nDS CNKI\n\n"
                "RT Journal Article\nSR 1\nA1 Fan Yeung, Henry\nT1 Food safety education for volunteers\nJF Food Control\n"
                "YR 2019\nAB Abstract(#br)The goal is to educate volunteers who prepare food.(#br)Here we compare two "
                "formats.\nDS CNKI\n\n")
    records, _ = _read(tmp_path, "CNKI-2024.txt", refworks)
    assert records["abstract"].tolist() == ["本文探讨了虚拟现实动画在会展中的应用。",
                                            "The goal is to educate volunteers who prepare food. Here we compare two "
                                            "formats."]
    assert records["raw"][0]["AB"].startswith("<正>")


def test_noteexpress_tags_in_chinese_and_keywords_listed_with_commas(tmp_path):
    """CNKI writes a book's print ISBN under a Chinese tag ("{图书印刷版ISBN}: ...") and one tag with a comma
    ("{Subsidiary Author,}"): both were read as text of the line above (the book's date became "2020-10-12
    {图书印刷版ISBN}: 9780429834646"). Its yearbooks and some journals list keywords with commas, a comma closing the
    list, which was one keyword (Vopaaz/CNKI_2_BibTeX, tests/assets/CoverAllTest15Entries.net)."""
    text = ("{Reference Type}: Book\n{Title}: Rivers in Motion\n{Author}: Iain Okafor\n{Publisher}: Taylor and Francis\n"
            "{Date}: 2020-10-12\n{图书印刷版ISBN}: 9780429834646\n{Database Provider}: CNKI\n\n\n"
            "{Reference Type}: Conference Proceedings\n{Title}: 城市河道积水风险\n{Author}: 史文\n"
            "{Secondary Title}: 2018中国城市规划年会\n{Place Published}: 中国浙江杭州\n"
            "{Subsidiary Author,}: 中国城市规划学会\n{Year}: 2018\n{Keywords}: 河道,积水,风险,\n"
            "{Database Provider}: CNKI\n\n\n")
    records, _ = _read(tmp_path, "CNKI-2019.net", text)
    book, paper = records.iloc[0], records.iloc[1]
    assert (book["isbn_issn"], book["raw"]["Date"], book["year"]) == ("9780429834646", "2020-10-12", 2020)
    assert paper["raw"]["Place Published"] == "中国浙江杭州"
    assert paper["raw"]["Subsidiary Author,"] == "中国城市规划学会"
    assert paper["keywords"] == ["河道", "积水", "风险"]


def test_hal_bibtex_pages_without_pp_and_page_counts(tmp_path):
    """HAL's BibTeX writes "pp." before a paper's pages ("PAGES = {pp.281-288}") and a page count for a conference
    paper or a lecture ("{7p.}"): the pages read "pp.281-288" and "7p.", and did not match the same paper's pages
    from another database (Gepetto/gepetto-utils, hal.bib)."""
    text = ("@article{okafor:hal-01356989,\n  TITLE = {{Joint Bounds in Discrete-Time Control of River Locks}},\n"
            "  AUTHOR = {Del Prete, Andrea and Ta{\\\"i}x, Michel},\n  JOURNAL = {{IEEE Robotics and Automation Letters}},\n"
            "  VOLUME = {3},\n  NUMBER = {1},\n  PAGES = {pp.281-288},\n  YEAR = {2018},\n  HAL_ID = {hal-01356989},\n}\n\n"
            "@inproceedings{sato:hal-01483567,\n  TITLE = {{Actuators for River Walkers}},\n"
            "  AUTHOR = {Sato, Gabriele and De Luca, Alessandro},\n  BOOKTITLE = {{IROS 2017}},\n  PAGES = {7p.},\n"
            "  YEAR = {2017},\n  HAL_ID = {hal-01483567},\n}\n")
    records, _ = _read(tmp_path, "hal.bib", text)
    assert records["pages"].tolist() == ["281-288", ""]
    assert records["authors"].tolist() == [["Del Prete, A.", "Taïx, M."], ["Sato, G.", "De Luca, A."]]


def test_cnki_refworks_language_without_its_closing_semicolon(tmp_path):
    """CNKI's RefWorks export closes most records' language with a semicolon ("LA 中文;") and some not ("LA 中文"):
    one file's records had two languages, "中文;" and "中文" (Chrisyan77/cross-reality-switching-data, CNKI.txt)."""
    text = ("RT Journal Article\nSR 1\nA1 王曦\nT1 数字图书馆建设研究\nJF 情报科学\nOP 1-6\nLA 中文\nDS CNKI\n\n"
            "RT Journal Article\nSR 1\nA1 谢进;王娜\nT1 视觉传达设计创新路径探究\nJF 美术教育研究\nYR 2024\nLA 中文;\nDS CNKI\n\n")
    records, _ = _read(tmp_path, "CNKI.txt", text)
    assert records["language"].tolist() == ["中文", "中文"]


def test_a_noteexpress_or_estudy_file_cut_off_before_its_last_record_ends_rejects_that_record(tmp_path):
    """Both formats' records end with the same field ({Database Provider}, Link-链接); a file that stops before the
    last record reached it (a download cut short) rejects that record with a reason, the others imported."""
    from synthesis.io import read_file

    ne = ("{Reference Type}: Journal Article\n{Title}: 第一篇\n{Author}: 张三\n{Year}: 2020\n{Database Provider}: CNKI\n\n"
          "{Reference Type}: Journal Article\n{Title}: 第二篇\n{Author}: 李四\n{Year}: 2021\n{Database Provider}: CNKI\n\n"
          "{Reference Type}: Journal Article\n{Title}: 第三篇\n{Author}: 王五\n")
    es = ("DataType: 1\nTitle-题名: 第一篇\nAuthor-作者: 张三;\nYear-年: 2020\nLink-链接: https://kns.cnki.net/a\n"
          "DataType: 1\nTitle-题名: 第二篇\nAuthor-作者: 李四;\nYear-年: 2021\nLink-链接: https://kns.cnki.net/b\n"
          "DataType: 1\nTitle-题名: 第三篇\nAuthor-作者: 王五;\n")
    for name, text in (("cut.net", ne), ("cut.txt", es)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        records, report = read_file(tmp_path / name)
        assert records["title"].tolist() == ["第一篇", "第二篇"], name
        assert len(report.rejected) == 1 and "truncated export" in report.rejected[0].reason, report.rejected
