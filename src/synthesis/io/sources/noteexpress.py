"""NoteExpress exports: the "NoteExpress" export of CNKI, Wanfang Data, CQVIP and the Chinese Medical Association.

NoteExpress is the reference manager most Chinese reviewers use, and CNKI, Wanfang Data and CQVIP offer its format
beside RefWorks and EndNote (a ``.net`` or ``.NET`` file). A record opens with ``{Reference Type}: Journal
Article``; each field is a tag in braces, a colon (ASCII or full-width, with or without a space) and the value
(``{Title}``, ``{Author}``, ``{Journal}``, ``{Year}``, ``{Volume}``, ``{Issue}``, ``{Pages}``, ``{Keywords}``,
``{Abstract}``, ``{DOI}``, ``{URL}``, ``{Database Provider}``; Wanfang adds ``{Translated Title}``, ``{Translated
Author}`` and the rest). Read by the tagged-format engine (:mod:`.tagged`) with the tag table of
:mod:`synthesis.io.config`; here:

* a record runs from one ``{Reference Type}`` to the next: CNKI's older records break an address over blank lines,
  so a blank line does not end a record;
* authors and keywords one per line (Wanfang) or several on one (CNKI: ``唐伦;赵培培;``, ``谢昕,王小增``,
  ``Oded M Kleinmintz;;Tal Ivancovsky``); a comma splits only names in Chinese characters;
* the title, journal and authors are the original's; their translations stay in ``raw``, and a translated abstract
  follows the original one, as LILACS's abstracts in several languages do;
* the database of each record is its ``{Database Provider}`` (``config.NOTEEXPRESS_PROVIDERS``), and a file of
  one such database is named after it.

Examples
--------
>>> text = ("{Reference Type}: Journal Article\\n{Title}: 中药归经研究述评\\n{Author}: 穆仙丽,赵宗江,魏晨\\n"
...         "{Journal}: 内蒙古中医药\\n{Year}: 2002\\n{Issue}: 06\\n{Pages}: 43-46\\n{Keywords}: 中药;;归经\\n"
...         "{Database Provider}: CNKI\\n\\n")
>>> result = parse(text, "x.net")
>>> rec = result.records[0]
>>> rec["title"], rec["authors"], rec["year"], rec["pages"], rec["keywords"], result.database
('中药归经研究述评', ['穆仙丽', '赵宗江', '魏晨'], 2002, '43-46', ['中药', '归经'], 'CNKI')
"""
from __future__ import annotations

import re

from .. import config
from ..base import ParseResult
from . import register
from .cutoff import without_final_field
from .fields import Columns, author, build_row, joined_abstracts, keywords, tag_text
from .tagged import TagFormat, mostly_tag_lines, name_file_database, read

FORMAT = "noteexpress"

_START = "Reference Type"
#: A tag: any text in braces, for CNKI writes some in Chinese (``{图书印刷版ISBN}``, a book's print ISBN) and one with a
#: comma (``{Subsidiary Author,}``); a tag line is one, then an ASCII or a full-width colon (``{Abstract}：`` in the
#: Chinese Medical Association's files), with or without a space.
_TAG = r"\{([^{}\n]{1,40})\}[ \t]*[:\uff1a]"
_TAG_LINE = re.compile("^" + _TAG, re.M)
_SEPARATORS = re.compile(f"[{config.NOTEEXPRESS_SEPARATORS}]+")
_NAME_COMMAS = re.compile(f"[{config.NOTEEXPRESS_NAME_COMMAS}]")
#: Chinese characters (and the middle dot of transcribed foreign names, 乔治·布什): names that commas may join.
_HAN_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u00b7\u30fb]+")


def _items(values: list, names: bool = False) -> list[str]:
    """The items of a list tag's lines, each line split where several items share it (see
    ``config.NOTEEXPRESS_SEPARATORS``; with ``names``, also at commas between names in Chinese characters). A line
    of keywords without a semicolon that ends with a comma lists them with commas (CNKI's yearbooks and some
    journals: ``巴拿马,习近平,巴雷拉,``)."""
    out = []
    for value in values:
        if not names and value.rstrip().endswith((",", "\uff0c")) and not _SEPARATORS.search(value):
            out.extend(p.strip() for p in _NAME_COMMAS.split(value) if p.strip())
            continue
        for item in _SEPARATORS.split(value):
            item = item.strip()
            if names and _NAME_COMMAS.search(item):
                pieces = [p.strip() for p in _NAME_COMMAS.split(item)]
                if all(_HAN_NAME.fullmatch(p) for p in pieces if p):
                    out.extend(p for p in pieces if p)
                    continue
            if item:
                out.append(item)
    return out


def _row(tags: dict, index: int, columns: Columns) -> dict:
    row = build_row(tags, index, columns)
    names = tags.get("Author") or tags.get("Translated Author") or []
    if names:
        row["authors"] = [a for a in map(author, _items(names, names=True)) if a]
    if tags.get("Keywords"):
        row["keywords"] = keywords(_items(tags["Keywords"]))
    original, translated = tag_text(tags, "Abstract"), tag_text(tags, "Translated Abstract")
    if original and translated:  # (a reviewer screening in either language needs both)
        row["abstract"] = joined_abstracts([original, translated])
    provider = tag_text(tags, "Database Provider")
    if provider:
        row["source_database"] = config.NOTEEXPRESS_PROVIDERS.get(provider, provider)
    return row


NOTEEXPRESS = TagFormat("NoteExpress", re.compile(r"\n" + _TAG + r"[ \t]*"),
                        config.NOTEEXPRESS_COLUMNS, list_tags=config.NOTEEXPRESS_LIST_TAGS, start=_START,
                        build=_row, cut_off=without_final_field("NoteExpress"), markers=("Reference Type", "_text"))


def sniff(text: str, path="") -> int:
    """NoteExpress: ``{Reference Type}`` lines open the records, and most of the first lines are tag lines."""
    head = text[:20000].lstrip("\ufeff\n\r ")
    if "{Reference Type}" not in head:
        return 0
    if not mostly_tag_lines(head, _TAG_LINE, 3):
        return 0
    return 95 if head.startswith("{Reference Type}") else 85


def parse(text: str, path="") -> ParseResult:
    """Read a NoteExpress export."""
    return name_file_database(read(text, NOTEEXPRESS))


register(FORMAT, sniff, parse, "NoteExpress")
