"""The readers of export formats, found through a registry.

Each format declares, with :func:`register`, its name, how to recognise it (``sniff(text, path)``: 0 when
the text is surely not this format, up to 100 when it surely is) and how to read it (``parse(text, path)``
-> :class:`~synthesis.io.base.ParseResult`). The built-in readers live in the modules of this package;
the tagged formats (RIS, MEDLINE, Web of Science, EndNote tagged, Ovid's two, the Cochrane Library's plain
text, RefWorks tagged, NoteExpress, CNKI E-Study, ProQuest's plain text) share the engine of :mod:`.tagged`; CSL
JSON, Scopus's plain text and ScienceDirect's text have readers of their own. A project can register a reader of its own the same way.

Examples
--------
>>> [r.format for r in readers()][:3]
['medline', 'wos_plaintext', 'ris']
>>> reader("ris").label
'RIS'
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Callable

#: The modules of the built-in readers; their order is the order formats are tried in (a tie in
#: :func:`synthesis.io.detect_format` goes to the earlier one).
BUILT_IN = ("medline", "wos", "ris", "ovid", "ovid_tagged", "endnote_tagged", "cochrane", "refworks", "noteexpress",
            "estudy", "proquest", "scopus_text", "sciencedirect_text", "bibtex", "endnote_xml", "pubmed_xml", "csl_json", "wos_tab", "embase_rows", "table")


@dataclass(frozen=True)
class Reader:
    """One export format: its name, how to recognise it, how to read it."""

    format: str
    sniff: Callable
    parse: Callable
    label: str = ""


_REGISTRY: dict[str, Reader] = {}
_ordered: list[Reader] = []  # the registry in the order formats are tried; emptied by each registration
_loaded = False


def register(format: str, sniff: Callable, parse: Callable, label: str = "") -> Reader:
    """Make a format known to :func:`synthesis.io.read_file` (a later registration of a name replaces it).

    Built-in formats are tried in the order of :data:`BUILT_IN`, others after them in the order registered.
    """
    found = _REGISTRY[format] = Reader(format, sniff, parse, label or format)
    _ordered.clear()
    return found


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for name in BUILT_IN:
            import_module(f"{__name__}.{name}")


def readers() -> list[Reader]:
    """Every reader, in the order formats are tried."""
    _load()
    if not _ordered:
        rank = {import_module(f"{__name__}.{name}").FORMAT: k for k, name in enumerate(BUILT_IN)}
        _ordered.extend(sorted(_REGISTRY.values(), key=lambda r: rank.get(r.format, len(rank))))
    return list(_ordered)


def reader(fmt: str) -> Reader:
    """The reader of a format name."""
    _load()
    try:
        return _REGISTRY[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(r.format for r in readers())}") from None
