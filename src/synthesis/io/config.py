"""Tag tables of the tagged export formats: which tags feed which record-table column.

The tagged readers (RIS, MEDLINE/nbib, Web of Science plain text, EndNote tagged, Ovid field labels, Ovid
tagged) share one engine; what differs between formats and dialects lives here as data, not as branches:

* ``*_LIST_TAGS`` - tags whose every line (and every untagged continuation line) is one item of a list
  (authors, keywords). Other tags hold text; continuation lines continue the text.
* ``*_COLUMNS`` - for each record-table column, the tags to look in, best first. The first tag with a
  usable value wins; ``doi`` and ``pmid`` search all their tags for a value of the right shape.
* ``*_SPLIT`` - tags whose single value holds several items and the separator to split on.

Examples
--------
>>> RIS_COLUMNS["title"][:2]
('TI', 'T1')
>>> "AU" in MEDLINE_LIST_TAGS
True
"""
from __future__ import annotations

# ----------------------------------------------------------------------------------------------- RIS
#: RIS tags that are always lists. KW values continue on untagged lines in several exports (Rayyan,
#: EndNote, reference-manager re-exports): each such line is one more keyword.
RIS_LIST_TAGS = frozenset({"AU", "A1", "A2", "A3", "A4", "KW", "ED"})

#: Record-table column -> RIS tags, best first.
RIS_COLUMNS = {
    "type": ("TY",),
    "title": ("TI", "T1", "CT", "BT"),
    "authors": ("AU", "A1"),
    "year": ("PY", "Y1", "DA", "Y2"),
    "journal": ("JF", "T2", "JO", "JA", "J2", "J1", "BT", "T3"),
    "volume": ("VL", "VO"),
    "issue": ("IS", "CP"),
    "start_page": ("SP",),
    "end_page": ("EP",),
    # The article number (C7) is the pages of an e-journal article without SP/EP (Scopus, Web of Science, EndNote
    # write it there), as Scopus's CSV ("Art. No.") and BibTeX (art_number) give it.
    "article_number": ("C7",),
    "doi": ("DO", "DI", "M3", "L3", "R1", "N1", "UR", "L2", "L1", "L4", "LK"),
    "pmid": ("PMID", "PM", "U1", "C2", "AN"),
    "isbn_issn": ("SN", "BN"),
    "abstract": ("AB", "N2"),
    "keywords": ("KW",),
    "url": ("UR", "L2", "L1", "LK", "L4"),
    "language": ("LA",),
    "source_id": ("AN", "U2", "ID", "M2"),
}

#: Tags whose URL value only counts as a DOI when it points at a DOI resolver (a PDF link may contain
#: a DOI-shaped path that is not the record's DOI).
URL_TAGS = frozenset({"UR", "L1", "L2", "L4", "LK"})

#: Tags that are the record's link even when their value is not a web address (EndNote writes
#: ``UR  - <Go to ISI>://WOS:000...``); used for ``url`` when no ``http`` link is found.
LINK_TAGS = ("UR", "%U")

# ------------------------------------------------------------------------------------ MEDLINE / nbib
MEDLINE_LIST_TAGS = frozenset({"AU", "FAU", "OT", "MH", "PT", "AID", "LID", "IS", "AD", "SI", "GR",
                               "RN", "PHST", "OID", "CIN", "CON", "IR", "FIR", "ISBN", "ED", "FED", "LA",
                               "SO", "ISSN", "AUID"})

MEDLINE_COLUMNS = {
    "type": ("PT",),
    "title": ("TI", "BTI", "TT"),
    "authors": ("FAU", "AU"),
    "year": ("DP", "DEP", "DA", "EDAT"),
    "journal": ("JT", "TA", "BTI"),
    "volume": ("VI",),
    "issue": ("IP",),
    "pages": ("PG",),
    "doi": ("LID", "AID", "SO"),
    "pmid": ("PMID",),
    "isbn_issn": ("IS", "ISSN", "ISBN"),
    "abstract": ("AB",),
    "keywords": ("OT", "MH"),
    "url": ("LID", "AID"),
    "language": ("LA",),
    "source_id": ("PMID", "OID"),
}

# ---------------------------------------------------------------------------- Web of Science plain text
#: Every continuation line of these is a new item (one author, address or cited reference a line).
WOS_LIST_TAGS = frozenset({"AU", "AF", "BA", "BF", "CA", "GP", "BE", "CR", "C1", "RP", "EM", "RI", "OI",
                           "FU", "SC", "WC"})

WOS_COLUMNS = {
    "type": ("DT", "PT"),
    "title": ("TI",),
    "authors": ("AF", "AU", "CA", "GP"),
    "year": ("PY", "EA", "PD"),
    "journal": ("SO", "SE", "BS", "JI", "J9"),
    "volume": ("VL",),
    "issue": ("IS",),
    "start_page": ("BP",),
    "end_page": ("EP",),
    "article_number": ("AR",),
    "doi": ("DI", "D2", "ID"),
    "pmid": ("PM",),
    "isbn_issn": ("SN", "EI", "BN"),
    "abstract": ("AB",),
    "keywords": ("DE", "ID"),
    "url": ("UR",),
    "language": ("LA",),
    "source_id": ("UT", "AN"),
}

#: Text tags whose wrapped lines join with a space (WoS wraps long values at a fixed width).
WOS_SPLIT = {"DE": ";", "ID": ";"}

# ----------------------------------------------------------------------------------- EndNote tagged
ENDNOTE_LIST_TAGS = frozenset({"%A", "%E", "%Y", "%?", "%K", "%U", "%>"})

ENDNOTE_COLUMNS = {
    "type": ("%0",),
    "title": ("%T",),
    "authors": ("%A",),
    "year": ("%D", "%8"),
    "journal": ("%J", "%B", "%S"),
    "volume": ("%V",),
    "issue": ("%N",),
    "pages": ("%P",),
    "doi": ("%R", "%U", "%Z"),
    "pmid": ("%M",),
    "isbn_issn": ("%@",),
    "abstract": ("%X",),
    "keywords": ("%K",),
    "url": ("%U",),
    "language": ("%G",),
    "source_id": ("%M",),
}

# ---------------------------------------------------------------------- Ovid field-label ("Complete Reference")
#: Field label as Ovid prints it -> the column it feeds; labels not listed are kept in ``raw`` only.
OVID_LABELS = {
    "Title": "title",
    "Authors": "authors",
    "Author": "authors",
    "Source": "source",
    "Abstract": "abstract",
    "Accession Number": "source_id",
    "Unique Identifier": "source_id",
    "Author Keywords": "keywords",
    "Keywords": "keywords",
    "Keyword Heading": "keywords",
    "Subject Headings": "keywords",
    "MeSH Subject Headings": "keywords",
    "Language": "language",
    "Document Type": "type",
    "Publication Type": "type",
    "ISSN": "isbn_issn",
    "ISBN": "isbn_issn",
    "International Standard Serial Number": "isbn_issn",
    "DOI Number": "doi",
    "Digital Object Identifier": "doi",
    "DOI": "doi",
    "Year of Publication": "year",
    "Publication Year": "year",
    "Journal Name": "journal",
    "Volume": "volume",
    "Issue": "issue",
    "Issue/Part": "issue",
    "Page": "pages",
    "Pages": "pages",
    "PubMed Identifier": "pmid",
    "URL": "url",
}

# ---------------------------------------------------------------- Ovid tagged ("Direct Export", .cgi/.ovd)
#: Ovid tags whose every line is one item (authors, headings, affiliations, links, references); the
#: others hold text, and their wrapped lines (indented, or not: Ovid leaves an abstract's paragraphs
#: at the margin) join with a space. Field names from Ovid's database guides (ospguides.ovid.com).
OVID_TAGGED_LIST_TAGS = frozenset({"AU", "FA", "ED", "IN", "AD", "MH", "OD", "KW", "PT", "DT", "ST", "XL", "RF",
                                   "TM", "TD", "SY", "DE", "CC", "BR", "TN", "CB", "MC", "MQ", "MI", "OR", "BC",
                                   "AI", "MA", "CQ", "GS", "NO"})

#: Record-table column -> Ovid tags, best first. Authors (FA, else AU), journal, volume, issue, pages and
#: year are completed from ``SO`` by :mod:`synthesis.io.sources.ovid_tagged`, which also reads ``UI`` as
#: the PubMed id of a MEDLINE record.
OVID_TAGGED_COLUMNS = {
    "type": ("PT", "DT", "ST"),
    "title": ("TI",),
    "year": ("YR",),
    "journal": ("JN", "JT"),
    "volume": ("VO", "VI"),
    "issue": ("IP",),
    "pages": ("PG",),
    "doi": ("DO", "DI"),
    "pmid": ("PM",),
    "isbn_issn": ("IS", "IB", "ES"),
    "abstract": ("AB",),
    "keywords": ("KW", "MH"),
    "url": ("XL", "UR"),
    "language": ("LG", "LA"),
    "source_id": ("UI", "AN"),
}

# --------------------------------------------------------------------------------------- shared
#: Values some tools write for "nothing" (``AB  - NA`` in re-exported files, Ovid's ``SP  - No``
#: ``EP  - Specified``); they stay in ``raw`` but do not fill a column.
NULL_VALUES = frozenset({"", "na", "n/a", "nan", "null", "none", "[no abstract available]",
                         "no abstract available", "no specified", "no-specified", "not specified"})
