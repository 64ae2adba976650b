"""CNKI E-Study exports: the text file CNKI writes for its own reader, E-Study.

CNKI's export page offers it first ("CNKI E-Study"), beside RefWorks, EndNote and NoteExpress. Each field is a
label in English and Chinese joined by a hyphen, a colon and the value (``Title-题名: ...``, ``Author-作者:
柯洪琴;陈璿英;``, ``Source-刊名``, ``Year-年``, ``Roll-卷``, ``Period-期``, ``Page-页码``, ``Summary-摘要``,
``Link-链接``); ``DataType: 1`` opens every record and no blank line separates them. Read by the tagged-format
engine (:mod:`.tagged`) with the label table of :mod:`synthesis.io.config`; every record is CNKI's.

Examples
--------
>>> text = ("DataType: 1\\nTitle-题名: 保乳手术治疗早期乳腺癌的效果观察\\nAuthor-作者: 周景新;李四;\\n"
...         "Source-刊名: 当代医学\\nYear-年: 2021\\nKeyword-关键词: 早期乳腺癌;保乳手术\\nPeriod-期: 02\\nRoll-卷: 27\\n"
...         "Page-页码: 121-123\\nSrcDatabase-来源库: 期刊\\n")
>>> result = parse(text, "x.txt")
>>> rec = result.records[0]
>>> rec["authors"], rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["keywords"], result.database
(['周景新', '李四'], '当代医学', '27', '02', '121-123', ['早期乳腺癌', '保乳手术'], 'CNKI')
"""
from __future__ import annotations

import re

from .. import config
from ..base import ParseResult
from . import register
from .cutoff import without_final_field
from .fields import Columns, authors_split, build_row
from .tagged import TagFormat, mostly_tag_lines, read

FORMAT = "cnki_estudy"

_START = "DataType"
#: A label: ``DataType``, or an English word, a hyphen and a Chinese one (``PubTime-出版时间``), then a colon.
_LABEL = r"DataType|[A-Za-z]{2,20}-(?:[\u4e00-\u9fff]{1,8}|DOI|ISSN|ISBN)"
_LABEL_LINE = re.compile(rf"^(?:{_LABEL})[:\uff1a]", re.M)


#: CNKI's names of its databases (``SrcDatabase-来源库``) -> the record type the other exports give such a work:
#: "期刊" kept as the type made a master's thesis (硕士) no thesis to deduplication and a journal article in RIS.
#: CNKI's word stays in the record's raw fields.
_KINDS = (("期刊", "Journal Article"), ("博士", "Thesis (doctoral)"), ("硕士", "Thesis (master's)"),
          ("会议", "Conference Paper"), ("报纸", "Newspaper Article"), ("年鉴", "Yearbook"), ("图书", "Book"),
          ("专利", "Patent"), ("标准", "Standard"), ("成果", "Report"))


def record_type(kind: str) -> str:
    """The record type for CNKI's name of the database a record comes from; any other name as it is.

    >>> record_type("期刊"), record_type("硕士"), record_type("国际会议"), record_type("Journal")
    ('Journal Article', "Thesis (master's)", 'Conference Paper', 'Journal')
    """
    for word, name in _KINDS:
        if word in kind:
            return name
    return kind


def _row(tags: dict, index: int, columns: Columns) -> dict:
    row = build_row(tags, index, columns)
    names = tags.get("Author-作者")
    if names:
        row["authors"] = authors_split(names)
    if row.get("type"):
        row["type"] = record_type(str(row["type"]))
    row["source_database"] = "CNKI"
    return row


ESTUDY = TagFormat("CNKI E-Study", re.compile(rf"\n({_LABEL})[:\uff1a][ \t]*"), config.ESTUDY_COLUMNS,
                   list_tags=config.ESTUDY_LIST_TAGS, start=_START, build=_row,
                   cut_off=without_final_field("CNKI E-Study"), markers=("DataType", "_text"))


def sniff(text: str, path="") -> int:
    """CNKI E-Study: ``DataType`` lines open the records and most of the first lines are labelled fields."""
    head = text[:20000].lstrip("\ufeff\n\r ")
    if not head.startswith("DataType") and "\nDataType" not in head:
        return 0
    return 95 if mostly_tag_lines(head, _LABEL_LINE, 3) and "Title-题名" in head else 0


def parse(text: str, path="") -> ParseResult:
    """Read a CNKI E-Study export."""
    result = read(text, ESTUDY)
    result.database = "CNKI"
    return result


register(FORMAT, sniff, parse, "CNKI E-Study")
