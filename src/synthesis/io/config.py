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
    # (not CP: Web of Science names a proceedings paper's conference there; it stays in raw)
    "issue": ("IS",),
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

#: Reference type -> the tags of its ``journal``, best first, where they differ from ``RIS_COLUMNS``. A conference
#: paper's proceedings volume or series comes before the conference's name: Engineering Village writes the
#: conference in ``BT`` ("20th International Conference on The Semantic Web, ESWC 2023, May 28, 2023 - June 1,
#: 2023") and what the paper is published in in ``T3`` ("Lecture Notes in Computer Science ...", "Proceedings -
#: 2023 IEEE International Conference on Big Data, BigData 2023"), which is Scopus's source title (``T2``) and
#: IEEE Xplore's publication title. The conference's name stays in ``raw``, as Web of Science's ``CP`` does.
_PROCEEDINGS_FIRST = ("JF", "T2", "JO", "JA", "J2", "J1", "T3", "BT")
RIS_JOURNAL_BY_TYPE = {"CONF": _PROCEEDINGS_FIRST, "CPAPER": _PROCEEDINGS_FIRST}

#: Types of work (``M3``) that say what a record is where its reference type (``TY``) does not: the ``type`` column
#: takes them. Scopus exports a "Conference review" (the front matter of a proceedings volume: its title is the
#: conference's, and it lists the volume's papers) as ``TY  - JOUR`` or ``TY  - CONF``, as if it were a paper;
#: its CSV says "Conference review" in Document Type. The Cochrane Library types a register's record of a trial
#: (ClinicalTrials.gov's, the ICTRP's) ``TY  - JOUR`` and says "Trial registry record" in ``M3``. Web of Science's
#: RIS writes every journal item ``TY  - JOUR`` and its document type in ``M3`` only: a meeting abstract, a paper
#: of a proceedings, a correction or a retraction is not the journal article deduplication would otherwise take it
#: for (nor is Scopus's "Erratum"). Other types ("Article", "Review", "Letter", PsycINFO's classification codes)
#: leave ``type`` alone.
RIS_TYPES_OF_WORK = frozenset({"Conference review", "Trial registry record", "Meeting Abstract", "Proceedings Paper",
                               "Correction", "Erratum", "Retraction"})
#: Scopus sometimes writes the name of its reference type's label, untranslated, for ``TY`` ("TY  -
#: label.ris.referenceType.SHORT_SURVEY"); its type of work (``M3``, "Short survey") then says what the record is.
RIS_UNTRANSLATED_TYPE = "label.ris.referenceType."

#: Ovid's OpenURL link below a record ("Link to the External Link Resolver: ...&volume=30&issue=4&spage=1", in
#: OpenURL 1.0 ``rft.volume=``...): its keys and the column each fills where the record's tags leave it empty.
#: Ovid's RIS leaves out the volume and issue of some records (MEDLINE's ahead-of-print ones printed since) that
#: this link still holds.
OVID_RESOLVER_KEYS = {"volume": "volume", "issue": "issue", "spage": "pages"}

#: Where a database's RIS keeps a record's PubMed id in a tag of no fixed meaning: a piece of the record's link
#: (``UR``) -> the tag. Embase.com writes it in ``C5`` for its MEDLINE records (``DB  - Medline``, ``C5  -
#: 38339656``), Scopus in ``C2`` (``C2  - 42727861``; its CSV in "PubMed ID").
RIS_PMID_TAG_BY_LINK = {"embase.com/": "C5", "scopus.com/": "C2"}
#: The same by the record's ``DB`` (a Scopus export without its links still says ``DB  - Scopus``).
RIS_PMID_TAG_BY_DB = {"Scopus": "C2"}

#: Tags whose URL value only counts as a DOI when it points at a DOI resolver (a PDF link may contain
#: a DOI-shaped path that is not the record's DOI).
URL_TAGS = frozenset({"UR", "L1", "L2", "L4", "LK", "UL"})

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
    # Zoological Record (and BIOSIS) through Web of Science have no BP/EP: their pages are one "PS" value
    # ("134-141", "i-iv, 1-74", an article number "duz039"), read where no BP gives a first page, as AR is
    "article_number": ("AR", "PS"),
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

# ------------------------------------------------------------------- Cochrane Library plain text
#: Cochrane Library's "Export selected citations" as plain text: ``Record #3 of 20`` above each record, then
#: ``XX: value`` lines (``DOI:`` has three letters). Each author has an ``AU`` line; the other fields one
#: line each.
COCHRANE_LIST_TAGS = frozenset({"AU"})

#: Record-table column -> Cochrane Library tags. ``PM``/``XR`` hold the record's ids in other databases
#: (``PUBMED 21314913``, ``EMBASE 628000000``), read by :mod:`synthesis.io.sources.cochrane`.
COCHRANE_COLUMNS = {
    "type": ("PT",),
    "title": ("TI",),
    "authors": ("AU",),
    "year": ("YR",),
    "journal": ("SO",),
    "volume": ("VL",),
    "issue": ("NO",),
    "pages": ("PG",),
    "doi": ("DOI",),  # (not US: a CENTRAL record's link holds the record's own DOI, 10.1002/central/CN-...)
    "abstract": ("AB",),
    "keywords": ("KY",),
    "url": ("US",),
    "language": ("LA",),
    "source_id": ("ID",),
}

# ----------------------------------------------------------------------------------- RefWorks tagged
#: RefWorks tagged format (RefWorks, CNKI, Wanfang and other databases' "RefWorks" export): ``RT`` opens a
#: record, then two-character tags and a space. Authors (``A1``-``A4``) and keywords (``K1``) take one line
#: each, or several joined by ``;`` (CNKI).
REFWORKS_LIST_TAGS = frozenset({"A1", "A2", "A3", "A4", "A5", "K1"})

#: Record-table column -> RefWorks tags, best first (tag list of the RefWorks tagged format: ``SP`` start
#: page, ``OP`` other pages, ``JF``/``JO`` journal full and abbreviated, ``UL`` link, ``LK`` links).
REFWORKS_COLUMNS = {
    "type": ("RT",),
    "title": ("T1", "ST"),
    "authors": ("A1",),
    "year": ("YR", "FD"),
    "journal": ("JF", "JO", "T2"),
    "volume": ("VO", "vo"),  # CNKI writes its volume tag in lower case
    "issue": ("IS",),
    "start_page": ("SP",),
    "end_page": ("OP",),
    # (NO, the notes, last: RefWorks keeps some records' DOI only there, "NO doi: 10.1086/374030")
    "doi": ("DO", "UL", "LK", "NO"),
    "isbn_issn": ("SN",),
    "abstract": ("AB",),
    "keywords": ("K1",),
    "url": ("UL", "LK"),
    "language": ("LA",),
    "source_id": ("AN", "ID"),
}

#: What a RefWorks record without a data source (``DS``) says of its database: a tag, the shape of its value (a
#: regular expression, matched from the value's start) and the database. RefWorks keeps a record's fields from its
#: database: APA's accession number (``AN 2002-00714-006``), CINAHL's name in the source fields (``SF CINAHL;
#: doctoral dissertation; research``).
REFWORKS_DATABASE_MARKS = (
    ("AN", r"(?:19|20)\d\d-\d{5}-\d{3}$", "APA PsycInfo"),
    ("SF", r"CINAHL\b", "CINAHL"),
)

# ------------------------------------------------------------------------------------------ NoteExpress
#: NoteExpress's tagged format, the "NoteExpress" export of CNKI, Wanfang Data, CQVIP and the Chinese Medical
#: Association's journals (``.net``/``.NET`` files): each field is ``{Tag}: value``. Authors and keywords are lists:
#: one per line (Wanfang repeats ``{Author}``), or several on one line (see ``NOTEEXPRESS_SEPARATORS``).
NOTEEXPRESS_LIST_TAGS = frozenset({"Author", "Translated Author", "Keywords", "Translated Keywords",
                                   "Secondary Author", "Tertiary Author", "Subsidiary Author"})

#: Record-table column -> NoteExpress tags, best first. The title, journal and abstract are the original's (most
#: often Chinese); a translated title, journal or author stays in ``raw``, a translated abstract is joined to the
#: original (see :mod:`synthesis.io.sources.noteexpress`). A newspaper article names its paper in
#: ``{Secondary Title}``.
NOTEEXPRESS_COLUMNS = {
    "type": ("Reference Type",),
    "title": ("Title", "Translated Title"),
    "authors": ("Author", "Translated Author"),
    "year": ("Year", "Date"),
    "journal": ("Journal", "Secondary Title", "Translated Journal"),
    "volume": ("Volume",),
    "issue": ("Issue",),
    "pages": ("Pages",),
    "doi": ("DOI", "URL"),
    "isbn_issn": ("ISBN/ISSN", "图书印刷版ISBN"),  # (not {ISBN}: CNKI writes a standard's number there, GB/T 7178.1-1996)
    "abstract": ("Abstract", "Translated Abstract"),
    "keywords": ("Keywords",),
    "url": ("URL",),
    "language": ("Language",),
    "source_id": ("Accession Number", "Call Number"),
}

#: The characters that join several items of a NoteExpress list on one line: CNKI writes ``唐伦;赵培培;`` or, for
#: foreign articles, ``Oded M Kleinmintz;;Tal Ivancovsky`` (``;;`` between keywords too); the Chinese Medical
#: Association ``肉瘤；软组织肿瘤``.
NOTEEXPRESS_SEPARATORS = ";\uff1b"
#: Commas that join names in CNKI's older records (``谢昕,王小增``). They split only names written in Chinese
#: characters, in which a comma cannot stand between a family and a given name (``Smith, John`` stays one).
NOTEEXPRESS_NAME_COMMAS = ",\uff0c\u3001"

#: The database a NoteExpress record names as its provider (``{Database Provider}``) -> its name here.
NOTEEXPRESS_PROVIDERS = {
    "CNKI": "CNKI",
    "北京万方数据股份有限公司": "Wanfang Data",
    "万方数据": "Wanfang Data",
    "重庆维普资讯有限公司": "CQVIP",
    "维普": "CQVIP",
    "《中华医学杂志》社有限责任公司": "Chinese Medical Journals (Yiigle)",
}

# --------------------------------------------------------------------------------------- CNKI E-Study
#: CNKI's own export for its E-Study reader (the "CNKI E-Study" choice of its export page, a ``.txt`` file): each field
#: is an English and a Chinese label joined by a hyphen, a colon and the value (``Title-题名: ...``); ``DataType``
#: opens each record, and no blank line separates them. Several authors and keywords share one line, each followed
#: by ``;``.
ESTUDY_LIST_TAGS = frozenset({"Author-作者", "Keyword-关键词", "Organ-机构"})

#: Record-table column -> CNKI E-Study labels, best first. ``SrcDatabase-来源库`` is the kind of source (期刊, a
#: journal; 博士, a doctoral thesis; 报纸, a newspaper); ``PubTime-出版时间`` is the day (and hour) CNKI published
#: the record, which stands for the year of an article published online first.
ESTUDY_COLUMNS = {
    "type": ("SrcDatabase-来源库", "SrcDatabase-来源数据库", "DataType"),
    "title": ("Title-题名",),
    "authors": ("Author-作者",),
    "year": ("Year-年", "PubTime-出版时间"),
    "journal": ("Source-刊名", "Source-来源"),
    "volume": ("Roll-卷",),
    "issue": ("Period-期",),
    "pages": ("Page-页码",),
    "doi": ("DOI-DOI", "Link-链接"),
    "isbn_issn": ("ISSN-国际标准刊号", "ISBN-国际标准书号"),
    "abstract": ("Summary-摘要",),
    "keywords": ("Keyword-关键词",),
    "url": ("Link-链接",),
}

# ------------------------------------------------------------------------ ProQuest plain-text report
#: The field labels of a ProQuest plain-text export ("Document 1 of 12", then ``Label: value`` paragraphs):
#: only these start a field, so that a line of an abstract or a full text such as ``Results: ...`` does not.
PROQUEST_LABELS = (
    "Abstract", "Abstract (summary)", "Abstract (English)", "Abstract (French)", "Abstract (German)",
    "Abstract (Portuguese)", "Abstract (Spanish)", "Accession number", "Advisor", "Alternate title", "Author",
    "Author affiliation", "Author e-mail address", "Classification", "CODEN", "Column", "Committee member",
    "Company / organization", "Conference", "Conference date", "Conference location", "Conference title",
    "Contributor", "Copyright", "Corporate author", "Country of publication", "Credit", "Database", "Degree",
    "Degree date", "Department", "Dissertation/thesis number", "Document URL", "Document feature",
    "Document type", "DOI", "Edition", "Editor", "e-ISSN", "First page", "Full text", "Full Text", "ISBN",
    "ISSN", "Identifier / keyword", "Illustration", "Issue", "Language", "Language of publication",
    "Last updated", "Links", "Location", "MeSH", "Number of pages", "Number of references", "Pages", "People",
    "Place of publication", "ProQuest document ID", "Publication date", "Publication info",
    "Publication subject", "Publication title", "Publication year", "Publisher", "PubMed ID", "School code",
    "Section", "Series title", "Source", "Source type", "Sponsor", "Subject", "Supplement", "Title",
    "Translated title", "University location", "University/institution", "Volume",
)

#: ProQuest labels this reader does not know as labels, kept so (a new label would change the content, and so the
#: id, of every record that has it), but whose line is cut from the value it runs into: "Business indexing term:
#: Subject: Leaves of absence" ran into the subjects (sjkiss/importProquest, spectator.txt).
PROQUEST_RUN_IN_LABELS = ("Business indexing term", "Full text availability")

#: Labels whose one value joins several items with a separator other than ``;`` (which every keyword value is split
#: on): Dissertations & Theses lists its "Identifier / keyword" terms with commas ("Philosophy, religion and
#: theology, Entrenchment, Goodman, Induction").
PROQUEST_SPLIT = {"Identifier / keyword": ", "}
#: Terms with a comma of their own in those lists: the subject areas of Dissertations & Theses, which head its
#: keyword lists.
PROQUEST_COMMA_TERMS = ("Philosophy, religion and theology", "Language, literature and linguistics")

#: Record-table column -> ProQuest labels, best first (``_text``: the unlabelled title line under
#: ``Document 1 of 12``). Authors and the database are read by :mod:`synthesis.io.sources.proquest`.
PROQUEST_COLUMNS = {
    "type": ("Document type", "Source type"),
    "title": ("Title", "_text"),
    "year": ("Publication year", "Publication date", "Degree date"),
    "journal": ("Publication title", "Conference title"),
    "volume": ("Volume",),
    "issue": ("Issue",),
    "pages": ("Pages", "First page"),
    "doi": ("DOI",),
    "pmid": ("PubMed ID",),
    "isbn_issn": ("ISSN", "e-ISSN", "ISBN"),
    "abstract": ("Abstract", "Abstract (summary)", "Abstract (English)"),
    "keywords": ("Subject", "Identifier / keyword", "MeSH"),
    "url": ("Document URL",),
    "language": ("Language of publication", "Language"),
    "source_id": ("ProQuest document ID", "Accession number"),
}

# --------------------------------------------------------------------------------------- shared
#: Academic degrees and titles that some exports write after an author's given names, past a second comma
#: (ProQuest's RIS: ``AU  - Higa, Darrel H, PhD``); compared without dots and spaces, in lower case. They are no
#: part of the name (read as initials, "PhD" became "P. D.").
AUTHOR_DEGREES = frozenset({
    "phd", "md", "mph", "mls", "msc", "ms", "ma", "mba", "msw", "msn", "mn", "med", "mhs", "mhsc", "mpa", "mpp",
    "bs", "bsc", "ba", "bsn", "rn", "np", "aprn", "cnm", "lcsw", "drph", "dphil", "dsc", "scd", "edd", "psyd",
    "pharmd", "dds", "dmd", "dvm", "mbbs", "mbchb", "frcp", "frcpc", "frcs", "facs", "facp", "jd", "llm",
    # public health, social work, nursing and therapy credentials (ProQuest's Social Services Abstracts: "Moore,
    # Ami, PhD, MPH, CPH", "Miller, Vivian J, PhD, LSW"); one unknown last one kept them all as initials
    "cph", "ches", "mches", "lsw", "lmsw", "lcsw", "licsw", "lisw", "acsw", "lpc", "lmft", "dnp", "faan", "fnp",
    "ccrn", "cns", "crnp", "cpnp", "ibclc", "otr", "otrl", "dpt", "rd", "rdn", "faap", "fapa", "mat", "mdiv",
})

#: Values some tools write for "nothing" (``AB  - NA`` in re-exported files, Ovid's ``SP  - No``
#: ``EP  - Specified``); they stay in ``raw`` but do not fill a column.
NULL_VALUES = frozenset({"", "na", "n/a", "nan", "null", "none", "[no abstract available]",
                         "no abstract available", "no specified", "no-specified", "not specified",
                         "none available", "none available."})  # ProQuest's text: "Abstract: None available."
