"""One reader module per export format, all returning :class:`synthesis.io.base.ParseResult`.

:data:`READERS` is the order in which formats are tried when sniffing gives a tie.
"""
from importlib import import_module

#: Format name -> module name in this package.
READER_MODULES = {
    "medline": "medline",
    "wos_plaintext": "wos",
    "ris": "ris",
    "ovid": "ovid",
    "endnote_tagged": "endnote_tagged",
    "bibtex": "bibtex",
    "endnote_xml": "endnote_xml",
    "pubmed_xml": "pubmed_xml",
    "wos_tabdelimited": "wos_tab",
    "csv": "table",
}


def reader(fmt: str):
    """The reader module for a format name."""
    try:
        return import_module(f"{__name__}.{READER_MODULES[fmt]}")
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(READER_MODULES)}") from None


def readers():
    """All reader modules, in sniffing order."""
    return [reader(f) for f in READER_MODULES]
