"""From one record's tag dict to a row of the record table, for every tagged format.

A format's column table (:mod:`synthesis.io.config`, e.g. ``RIS_COLUMNS``) names, for each column of the
record table, the tags to look in, best first; :class:`Columns` holds one such table and
:func:`build_row` applies it to a record. The helpers below normalise one field each (authors, keywords,
DOIs, PubMed ids, pages, links); text goes through :func:`synthesis.normalise.clean_text`, the cleaner
every reader shares.

Examples
--------
>>> from synthesis.io import config
>>> row = build_row({"TY": "JOUR", "TI": "A  trial", "AU": ["Smith, John"], "PY": "2020///",
...                  "DO": "10.1000/ABC", "SP": "482", "EP": "91"}, 1, Columns(config.RIS_COLUMNS))
>>> row["title"], row["authors"], row["year"], row["doi"], row["pages"]
('A trial', ['Smith, J.'], 2020, '10.1000/abc', '482-491')
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Mapping
from urllib.parse import unquote

from ... import normalise as nm
from ...normalise import clean_text, is_group_author
from .. import config

_EID = re.compile(r"eid=(2-s2\.0-\d+)")
_URL_AN = re.compile(r"[?&]AN=([^&\s]+)")
_URL_STARTS = ("http://", "https://", "ftp://", "www.")
_DIGITS = re.compile(r"\d+")
_EMAIL_IN_PARENS = re.compile(r"\s*\([^)]*@[^)]*\)")
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.I)
_DOI_PLAIN = re.compile(r"10\.\d{4,9}/[^\s%&]*[^\s%&.,;)\]}'\"]")
_NORMALISED_AUTHOR = re.compile(r"[^,]+, [^\W\d_]\.(?:[ -][^\W\d_]\.)*")
_CLEAN_PAGES = re.compile(r"[^&<\s]+")

#: Values some tools write for "nothing" (``NA``...), as usually spelt, for a plain set lookup.
_NULL_FORMS = frozenset(f(v) for v in config.NULL_VALUES for f in (str, str.upper, str.title, str.capitalize)) - {""}


def is_null(value: str) -> bool:
    """Whether a value is one of the placeholders tools write for "nothing" (``NA``, ...).

    >>> is_null("N/A"), is_null("Not specified"), is_null("Nature")
    (True, True, False)
    """
    return value in _NULL_FORMS or (len(value) < 30 and value.strip().lower() in config.NULL_VALUES)


class Columns:
    """A column table (column -> tags, best first) as the fields :func:`build_row` reads: an attribute
    per column (a tuple of tags).

    Pages come from ``pages`` or from ``start_page``/``end_page`` (with ``article_number`` when there
    are none); ``pmid_triggers`` are the tags whose presence makes a record worth searching for a PubMed id.
    :meth:`narrowed` gives the table for the tags one file uses, so that its records are not searched for
    tags that none of them has.
    """

    NAMES = ("type", "title", "authors", "year", "journal", "volume", "issue", "pages", "start_page", "end_page",
             "article_number", "doi", "pmid", "isbn_issn", "abstract", "keywords", "url", "language", "source_id")
    #: Short, often repeated values: cleaned once per distinct value.
    SHORT = ("type", "volume", "issue", "isbn_issn", "language")

    def __init__(self, table: Mapping, present: frozenset | None = None):
        self.table = table
        for name in self.NAMES:
            keys = tuple(table.get(name, ()))
            setattr(self, name, keys if present is None else tuple(k for k in keys if k in present))
        #: Each column's best tag (None when the file has none of its tags: ``tags.get(None)`` is None) and
        #: its other tags, looked in only when a record lacks the best one.
        self.best = {name: keys[0] if keys else None for name in self.NAMES for keys in (getattr(self, name),)}
        self.more = {name: getattr(self, name)[1:] for name in self.NAMES}
        self.short_best = tuple(self.best[name] for name in self.SHORT)
        #: The short columns that have other tags, by position.
        self.short_more = tuple((i, self.more[name]) for i, name in enumerate(self.SHORT) if self.more[name])
        self.split_pages = "pages" not in table
        triggers = (frozenset(table.get("pmid", ())) - {"AN"}) | {"L2"}
        self.pmid_triggers = tuple(sorted(triggers if present is None else triggers & present))
        self._narrowed: dict[frozenset, Columns] = {}

    def narrowed(self, present: frozenset) -> "Columns":
        """This table without the tags not in ``present`` (remembered for each set of tags)."""
        found = self._narrowed.get(present)
        if found is None:
            if len(self._narrowed) > 64:
                self._narrowed.clear()
            found = self._narrowed[present] = Columns(self.table, present)
        return found


#: Web of Science's prefix of an article number it took from the publisher ("UNSP 104007"), in its plain
#: text (``AR``) and its tables.
UNSPECIFIED_ARTICLE_NUMBER = re.compile(r"^UNSP\s*")
#: A PubMed id where the article number goes: Web of Science's RIS gave an early-access article "C7  - PMID
#: 9885358" (a 1998 paper's id): neither its number nor its PubMed id.
PUBMED_ID_AS_ARTICLE_NUMBER = re.compile(r"PMID:?\s*\d+")


def supplement_issue(tags: Mapping, row: dict) -> None:
    """Web of Science's supplement (``SU 6``) in the issue as PubMed writes it ("Suppl 6", after the issue's number:
    "3 Suppl 2"): Web of Science names it apart from ``IS``, in its plain text and its tables, and an article of a
    supplement had no issue.

    >>> row = {"issue": ""}; supplement_issue({"SU": "6"}, row); row["issue"]
    'Suppl 6'
    """
    supplement = tags.get("SU")
    if supplement.__class__ is str and supplement.strip() and "suppl" not in row["issue"].lower():
        row["issue"] = f"{row['issue']} Suppl {supplement.strip()}".lstrip()


def article_number_pages(article_number: str) -> str:
    """The pages an article number stands for: the number without Web of Science's "UNSP" (``AR UNSP 104007``: the
    number is the article's, as Scopus and the publisher give it); a PubMed id given as the number is none.

    >>> article_number_pages("UNSP 104007"), article_number_pages("e0197123"), article_number_pages("PMID 9885358")
    ('104007', 'e0197123', '')
    """
    number = article_number.strip()
    if PUBMED_ID_AS_ARTICLE_NUMBER.fullmatch(number):
        return ""
    return _pages(UNSPECIFIED_ARTICLE_NUMBER.sub("", number), "")


def article_pages(pages: str, article_number: str) -> str:
    """The pages an article is cited and found by: its article number where the pages only count the article's
    own from 1. Scopus gives MDPI's and Frontiers' articles both ("1-24" and "Art. No. 274"), PubMed and Web of
    Science the number alone; read as pages, two copies of one article stood at two places of one volume.
    Pages that do not start at 1 are the volume's and stay (IEEE Access's "12345-12360" beside its number).

    >>> article_pages("1-24", "274"), article_pages("1", "e0197123"), article_pages("12345-12360", "9012345")
    ('274', 'e0197123', '12345-12360')
    >>> article_pages("1-9", ""), article_pages("1", "1"), article_pages("1-9", "UNSP 104007")
    ('1-9', '1', '104007')
    >>> article_pages("1-9", "PMID 9885358")
    '1-9'
    """
    if not article_number or not (pages == "1" or pages.startswith("1-")):
        return pages
    number = article_number_pages(article_number)
    return number if number and number != "1" and "-" not in number else pages


def build_row(tags: dict, index: int, columns: Columns) -> dict:
    """The record-table row of one record's tags (``raw`` is the tag dict itself, so nothing is lost)."""
    get = tags.get
    best, more = columns.best, columns.more
    # Each column is the first non-empty value of its tags: the best tag's, else (rarely) the others'.
    # The short codes (type, volume...) repeat: each distinct value is cleaned once (_SHORT).
    codes = list(map(get, columns.short_best))
    for i, others in columns.short_more:
        if not codes[i]:
            codes[i] = _first_value(tags, others)
    try:
        kind, volume, issue, isbn_issn, language = map(_SHORT.__getitem__, codes)
    except (KeyError, TypeError):  # a value not seen yet, or a list (a repeated tag)
        kind, volume, issue, isbn_issn, language = map(_short_code, codes)
    # "VL  - null": a placeholder, not a volume (it stays in raw); most volumes and issues are plain numbers
    if volume and not volume.isdigit() and is_null(volume):
        volume = ""
    if issue and not issue.isdigit() and is_null(issue):
        issue = ""
    source_id = get(best["source_id"]) or _first_value(tags, more["source_id"])  # (one of a kind: not remembered)
    source_id = clean_text(source_id if source_id.__class__ is str else source_id[0]) if source_id else ""
    title = get(best["title"]) or _first_value(tags, more["title"])
    if title:
        if title.__class__ is list or (len(title) < 30 and is_null(title)):  # a placeholder such as "NA": look on
            title = first(tags, columns.title)
        title = clean_text(title)
    abstract = get(best["abstract"]) or _first_value(tags, more["abstract"])
    if abstract:
        if abstract.__class__ is list:  # several abstracts (LILACS, SciELO: one per language): all of them
            abstract = joined_abstracts(abstract) or first(tags, columns.abstract)
        elif len(abstract) < 30 and is_null(abstract):
            abstract = first(tags, columns.abstract)
        abstract = clean_text(abstract)
    journal = get(best["journal"]) or _first_value(tags, more["journal"])
    if journal:
        if journal.__class__ is list or _is_short_null(journal):
            journal = first(tags, columns.journal)
        journal = short_text(journal)
        if journal[:2] == "- ":  # a tool's doubled separator ("T2  - - 2013 Ninth Conference on ..."), no name
            journal = journal[2:]
    names = get(best["authors"]) or _first_value(tags, more["authors"])
    if names.__class__ is list:
        try:
            authors = list(map(_AUTHORS.__getitem__, names))
        except KeyError:  # a name not seen yet (or an empty item)
            authors = [author(name) for name in names if name]
        if "" in authors:  # a mark such as CENTRAL's "et al." (normalise.AUTHORS_LEFT_OUT) names no one
            authors = [a for a in authors if a]
    else:
        authors = [author(names)] if names else []
        if authors == [""]:
            authors = []
    year = get(best["year"]) or _first_value(tags, more["year"])
    year = _year(year if year.__class__ is str else year[0]) if year else None
    if columns.split_pages:
        sp = get(best["start_page"]) or _first_value(tags, more["start_page"])
        ep = get(best["end_page"]) or _first_value(tags, more["end_page"])
        if sp.__class__ is list:
            sp = sp[0]
        if ep.__class__ is list:
            ep = ep[0]
        if sp.isdigit() and ep.isdigit() and len(ep) >= len(sp):  # the usual case
            pages = f"{sp}-{ep}" if ep != sp else sp  # (see _pages: one page is no range)
        else:
            pages = _pages(sp, ep)
            if not pages and columns.article_number:  # an online-only article: its number locates it
                pages = article_number_pages(plain(tags, columns.article_number))
        if pages[:1] == "1" and columns.article_number:  # an article paginated from 1: its number locates it
            pages = article_pages(pages, plain(tags, columns.article_number))
    else:
        pages = _pages(plain(tags, columns.pages), "")
    doi = get(best["doi"])
    if doi.__class__ is str and doi.startswith("10.") and _DOI_PLAIN.fullmatch(doi):
        doi = doi.lower()  # the usual case: a bare DOI in the first tag
    else:
        doi = find_doi(tags, columns.doi) if doi or more["doi"] else ""
    an = get("AN")
    wants_pmid = an.__class__ is str and an.isdigit()
    if not wants_pmid:
        for key in columns.pmid_triggers:
            if key in tags:
                wants_pmid = True
                break
    if more["keywords"]:
        kws = keywords(values(tags, columns.keywords))
    else:  # one keyword tag (most formats): its values as they are
        kws = get(best["keywords"])
        kws = (keywords(kws) if kws.__class__ is list else keywords([kws])) if kws else []
    url = get(best["url"])
    if url.__class__ is str and url.startswith(_URL_STARTS) and "orcid.org/" not in url:
        url = one_link(url)
    else:
        url = link(tags, columns.url) if url or more["url"] else ""
    return {"source_index": index, "raw": tags, "type": kind, "title": title, "authors": authors,
            "year": year, "journal": journal, "volume": volume, "issue": issue, "pages": pages, "doi": doi,
            "pmid": find_pmid(tags, columns.pmid) if wants_pmid else "", "isbn_issn": isbn_issn,
            "abstract": abstract, "keywords": kws, "url": url, "language": language, "source_id": source_id}


#: Between the abstracts of one record (a record's text is one line: see :func:`synthesis.normalise.clean_text`).
ABSTRACT_SEPARATOR = " | "
#: EBSCOhost's second ``AB`` line, a copyright notice rather than an abstract (it stays in ``raw``).
_COPYRIGHT_NOTICE = re.compile(r"^Copyright of .{1,400}? is the property of ", re.S)


#: A label heading the abstract itself ("Abstract: ...", "ABSTRACT Background ...", the Cochrane Library's
#: BibTeX "Abstract - Background ...", Lens's "<title>Abstract</title>; <p>..."), followed by a separator or a capital, or glued to the first word
#: ("AbstractThis article"): the export's word, not the authors'.
_ABSTRACT_LABEL = re.compile(
    r"\s*(?:Abstract|ABSTRACT|abstract)(?:\s*[:;.\u2013\u2014-]+\s*|\s+(?=[A-Z0-9])|(?=[A-Z][a-z]))")


def without_abstract_label(text: str) -> str:
    """An abstract without the label some exports put before it ("Abstract", "ABSTRACT:", "Abstract - ").

    One database's label beside another's bare abstract makes the same abstract look different, and a
    reviewer reads it twice. An abstract that merely starts with the word stays as it is, and so does a
    label with almost nothing after it (``ABSTRACT NOT AVAILABLE``); the export's text stays in ``raw``.

    >>> without_abstract_label("Abstract - Background Meta-analysis (11 trials) showed benefit.")
    'Background Meta-analysis (11 trials) showed benefit.'
    >>> without_abstract_label("AbstractThis article reviews 93 studies."), without_abstract_label("ABSTRACTS OF IT")
    ('This article reviews 93 studies.', 'ABSTRACTS OF IT')
    >>> without_abstract_label("Abstract art in public murals."), without_abstract_label("ABSTRACT NOT AVAILABLE")
    ('Abstract art in public murals.', 'ABSTRACT NOT AVAILABLE')
    """
    m = _ABSTRACT_LABEL.match(text)
    return text[m.end():] if m and len(text) - m.end() >= 20 else text


#: CNKI's marks in an abstract (in each of its export formats): ``<正>`` before the opening paragraph of an article
#: that has no abstract (CNKI shows the text's start instead: 正文), ``(#br)`` where the publisher's abstract broke a
#: line ("Abstract(#br)The goal of..."). Neither is the authors' text.
_CNKI_TEXT_START = "<正>"
_CNKI_LINE_BREAK = re.compile(r"\s*\(#br\)\s*")


def without_cnki_marks(text: str) -> str:
    """An abstract without CNKI's marks (see :data:`_CNKI_TEXT_START`); the export's text stays in ``raw``.

    >>> without_cnki_marks("<正>本文探讨了虚拟现实动画在会展中的应用。")
    '本文探讨了虚拟现实动画在会展中的应用。'
    >>> without_cnki_marks("Abstract(#br)The goal is to educate volunteers.(#br)Here we synthesize.")
    'Abstract The goal is to educate volunteers. Here we synthesize.'
    """
    if text.startswith(_CNKI_TEXT_START):
        text = text[len(_CNKI_TEXT_START):].lstrip()
    return _CNKI_LINE_BREAK.sub(" ", text).strip() if "(#br)" in text else text


#: A database's notice closing the abstract: APA's "(PsycINFO Database Record (c) 2019 APA, all rights
#: reserved)" (PsycInfo on any platform, and the records other databases took from it; older records, as RefWorks
#: kept them, with a space inside each bracket: "( PsycINFO Database Record ( c) 2002 ..."), ProQuest's
#: "[Author Abstract]", EBSCOhost's "[ABSTRACT FROM AUTHOR]" (after each abstract of a record that has several).
_DATABASE_NOTICE = re.compile(r"\s*(?:\( ?(?:APA )?Psyc(?:INFO|Info) Database Record \( ?[cC]\) \d{4} APA,? [Aa]ll "
                              r"rights reserved\.?\)\.?|\[Author Abstract\]|\[ABSTRACT FROM (?:AUTHOR|PUBLISHER)\]|"
                              r"\[Copyright &y& Elsevier\])\s*$")
#: EBSCOhost's disclaimer after an abstract: "Copyright of <journal> is the property of <publisher> and its content
#: may not be copied... (Copyright applies to all Abstracts.)"
_EBSCO_DISCLAIMER = re.compile(r"\s*Copyright of .{1,400}? is the property of .{1,700}?\(Copyright applies to all "
                               r"Abstracts\.\)\s*$", re.S)
#: Characters from the end of an abstract within which its closing notice stands (the longest, APA's, is 70).
_NOTICE_TAIL = 120


def without_database_notice(text: str) -> str:
    """An abstract without the notice a database closes it with (see :data:`_DATABASE_NOTICE`).

    As a label before it, the notice makes the same abstract look different from one database to the next;
    the export's text stays in ``raw``.

    >>> without_database_notice("We found no effect on anxiety. (PsycInfo Database Record (c) 2020 APA, all "
    ...                         "rights reserved)")
    'We found no effect on anxiety.'
    >>> without_database_notice("Fire had no effect on nesting. [Copyright &y& Elsevier] Copyright of Forest "
    ...     "Ecology is the property of Elsevier and its content may not be copied. (Copyright applies to all "
    ...     "Abstracts.)")
    'Fire had no effect on nesting.'
    >>> without_database_notice("These findings have implications for service providers. [Author Abstract]")
    'These findings have implications for service providers.'
    >>> without_database_notice("Many maturity models exist. (English) [ABSTRACT FROM AUTHOR] | Há muitos modelos de "
    ...                         "maturidade. (Portuguese) [ABSTRACT FROM AUTHOR]")
    'Many maturity models exist. (English) | Há muitos modelos de maturidade. (Portuguese)'
    """
    if ABSTRACT_SEPARATOR in text:  # several abstracts (one a language): each may close with the notice
        return ABSTRACT_SEPARATOR.join(map(without_database_notice, text.split(ABSTRACT_SEPARATOR)))
    # the notice is at the end: looked for in the last characters only (a search from every position of a
    # long abstract cost more than the rest of the record's reading)
    for _ in range(2):  # EBSCOhost's disclaimer may follow another notice ("[Copyright &y& Elsevier]")
        m = _DATABASE_NOTICE.search(text, max(len(text) - _NOTICE_TAIL, 0))
        if m is None and text.endswith("all Abstracts.)"):
            m = _EBSCO_DISCLAIMER.search(text, max(len(text) - 1200, 0))
        if m is None or m.start() < 20:
            break
        text = text[:m.start()]
    return text


#: Where a copyright statement starts: "©", "(C) 2015", "Copyright ©", "Copyright (C)", "Copyright 2015", "Crown
#: Copyright" (a year or the sign right after the word, so that a sentence about copyright is not one), Web of
#: Science's "[copyright] 2011", Wiley's "This article is protected by copyright."
# (each branch starts with a plain character, which lets the search skip ahead quickly)
_COPYRIGHT_MARK = re.compile(r"©(?=\s*(?:[0-9A-Z]|by\b))|"
                             r"\(C\)(?=\s*(?:1[89]|20)\d\d\b)|\(c\)(?=\s*(?:1[89]|20)\d\d\b)|\[copyright\]|"
                             r"This article is protected by copyright\.|"
                             r"(?:Crown C|C|c)opyright:?(?=\s*(?:©|\([Cc]\)|(?:1[89]|20)\d\d\b))")
#: What only a copyright statement says: after "(A) ... (B) ...", "(C) 2018" is a list's third item unless this follows.
_RIGHTS_HOLDER = re.compile(r"[Rr]ights reserved|Published by|Elsevier|Wiley|Springer|Taylor & Francis|Ltd\b|Inc\.|"
                            r"The Author|Licensee")
#: The characters from the end of an abstract within which its copyright statement starts.
_COPYRIGHT_TAIL = 300
#: The same when the end names a Creative Commons licence: open-access notices run long (SAGE's "© The Author(s)
#: 2026. This article is distributed under the terms of the Creative Commons ... License (https://...) which
#: permits ...", some 400 characters; BioMed Central's some 1,100).
_LICENCE_TAIL = 1500


def without_copyright_statement(text: str) -> str:
    """An abstract without the publisher's copyright statement it ends with ("(C) 2015 Elsevier B.V. All rights
    reserved.", "© 2021, The Author(s).", "Copyright © 2019 John Wiley & Sons, Ltd.").

    Scopus and Web of Science keep it, PubMed does not: it is no part of what the study did, and the reviewer
    reads past it on every screening card. The statement starts within the abstract's last 300 characters (1,500
    when they name a Creative Commons licence) and runs to its end; at least 20 characters of abstract stay
    before it. The export's text stays in ``raw``.

    >>> without_copyright_statement("We found no effect on sleep. (C) 2015 Elsevier B.V. All rights reserved.")
    'We found no effect on sleep.'
    >>> without_copyright_statement("Sleep improved in the treated group © 2021, The Author(s).")
    'Sleep improved in the treated group'
    >>> without_copyright_statement("Groups were (A) mice, (B) rats. (C) 2018 dogs were excluded.")
    'Groups were (A) mice, (B) rats. (C) 2018 dogs were excluded.'
    >>> without_copyright_statement("Groups were (A) mice and (B) rats. (C) 2018 Elsevier Inc. All rights reserved.")
    'Groups were (A) mice and (B) rats.'
    >>> without_copyright_statement("We used the Mini-Mental State Examination©, and © scores fell.")
    'We used the Mini-Mental State Examination©, and © scores fell.'
    """
    start = max(len(text) - _COPYRIGHT_TAIL, 0)
    if "Creative Commons" in text[-_LICENCE_TAIL:]:
        start = max(len(text) - _LICENCE_TAIL, 0)
    tail = text[start:]
    if not ("©" in tail or "opyright" in tail or "(C)" in tail or "(c)" in tail):  # most abstracts: a quick no
        return text
    for m in _COPYRIGHT_MARK.finditer(text, start):
        before = text[:m.start()].rstrip()
        if len(before) < 20:
            continue
        if m.start() and text[m.start() - 1].isalnum() and not text[m.end():m.end() + 2].strip()[:1].isdigit():
            continue  # "Examination©, and": an instrument's sign ("Biology© 2024 The Author(s)" is a statement)
        if m.group(0).startswith("(") and re.search(r"\([Bb]\)", before) \
                and not _RIGHTS_HOLDER.search(text, m.end()):  # "(A)... (B)... (C) 2018 dogs": a list
            continue
        return before
    return text


#: A copyright statement opening an abstract: Web of Science's MEDLINE puts the record's copyright line (MEDLINE's
#: CI) before the abstract, run into its first sentence ("Copyright © 2020 Mazziotti et al.Operant conditioning").
_LEADING_COPYRIGHT = re.compile(r"(?:Crown )?(?:Copyright\s*)?(?:©|\([Cc]\)(?=\s*(?:1[89]|20)\d\d\b))|"
                                r"Copyright:?\s+(?=(?:1[89]|20)\d\d\b)")
#: Where that statement ends: its last full stop, run into the abstract's first word ("al.Operant").
_STATEMENT_END = re.compile(r"\.(?=[A-Z][a-z])")
#: Words that go on with a statement after a full stop run into them ("Elsevier Ltd.All rights reserved.").
_STATEMENT_GOES_ON = ("All rights", "Published by", "Licensee", "Some rights", "Hosting by", "Production and hosting")
#: The characters within which a leading statement ends.
_LEADING_STATEMENT = 400
#: The words that close a copyright statement, followed by the abstract ("... Inc. All rights reserved. Background").
_RESERVED = re.compile(r"\b(?:All|Some) rights reserved\.\s*")


def without_leading_copyright(text: str) -> str:
    """An abstract without the copyright statement run into its start ("© 2020 The Authors.With technologies").

    The statement ends with "All rights reserved." or else at the first full stop followed at once by a
    capitalised word, within its first 400 characters; a statement that ends neither way (where it ends cannot
    be told) stays.

    >>> without_leading_copyright("Copyright © 2020 Mazziotti et al.Operant conditioning is a classical paradigm.")
    'Operant conditioning is a classical paradigm.'
    >>> without_leading_copyright("© 2018 The Authors. Journal of Ecology © 2018 Society.Fire creates habitat.")
    'Fire creates habitat.'
    >>> without_leading_copyright("(C) 2015 Elsevier Ltd.All rights reserved.Aims: to test a drug in rats.")
    'Aims: to test a drug in rats.'
    >>> without_leading_copyright("© 2019 Elsevier B.V. All rights reserved. We tested a drug in rats.")
    'We tested a drug in rats.'
    >>> without_leading_copyright("© 2019 Elsevier B.V. We tested a drug.")
    '© 2019 Elsevier B.V. We tested a drug.'
    """
    if not _LEADING_COPYRIGHT.match(text):
        return text
    m = _RESERVED.search(text, 0, _LEADING_STATEMENT)
    if m and len(text) - m.end() >= 20:
        return text[m.end():]
    for m in _STATEMENT_END.finditer(text, 0, _LEADING_STATEMENT):
        rest = text[m.end():]
        if not rest.startswith(_STATEMENT_GOES_ON):
            return rest if len(rest) >= 20 else text
    return text


#: The headings of structured abstracts (IMRAD, JAMA's, Springer's, Emerald's, Wiley's ecology journals', PLOS's), in
#: sentence case; their later words are matched in title case too ("Materials and Methods").
STRUCTURED_ABSTRACT_HEADINGS = (
    "Background", "Introduction", "Context", "Importance", "Rationale", "Hypothesis", "Hypotheses", "Objective",
    "Objectives", "Aim", "Aims", "Aims and objectives", "Purpose", "Goal", "Goals", "Questions", "Question",
    "Study design", "Design", "Setting", "Settings", "Location", "Time period", "Major taxa studied",
    "Participants", "Patients", "Subjects", "Intervention", "Interventions", "Materials and methods",
    "Methods and materials", "Methods", "Methodology", "Measurements", "Main outcome measures",
    "Main outcome measure", "Outcomes", "Outcome", "Data sources", "Study selection", "Data extraction",
    "Data synthesis", "Evidence acquisition", "Evidence synthesis", "Synthesis", "Results", "Findings",
    "Key findings", "Discussion", "Conclusions and relevance", "Conclusions", "Conclusion", "Main conclusions",
    "Main conclusion", "Interpretation", "Significance", "Clinical relevance", "Clinical significance",
    "Implications", "Limitations", "Trial registration", "Level of evidence", "Key message", "Key messages",
    "Highlights", "Design/methodology/approach", "Originality/value", "Practical implications",
    "Research limitations/implications", "Social implications", "Summary", "Purpose of review", "Recent findings",
    "Key results",
    # PLOS's
    "Methods/findings", "Methods/Principal findings", "Methodology/Principal findings", "Principal findings",
    "Conclusions/Significance")


def _heading_pattern(name: str) -> str:
    first, *rest = name.split(" ")
    return " ".join([re.escape(first)] + [f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in rest])


def _by_first_letter(names) -> str:
    """One alternative per first letter, holding that letter's headings in the order given: the engine tries a
    sentence end against some twenty letters instead of eighty headings. Only headings that share their first
    letter can match at one place, and their order is kept, so the matches are those of the plain alternation."""
    letters: dict = {}
    for name in names:
        letters.setdefault(name[0], []).append(_heading_pattern(name)[1:])
    return "(?:" + "|".join(f"{letter}(?:{'|'.join(rest)})" for letter, rest in letters.items()) + ")"


# longest first, so that "Materials and methods" is tried before "Methods" and "Objectives" before "Objective"
_HEADINGS = _by_first_letter(sorted(STRUCTURED_ABSTRACT_HEADINGS, key=len, reverse=True))
#: What a structured abstract may start with (a quick look before the patterns below).
_HEADING_STARTS = tuple(sorted({h.split(" ")[0].split("/")[0] for h in STRUCTURED_ABSTRACT_HEADINGS}))
#: The same by first letter: an abstract is compared with the few words of its own first letter, not all sixty.
_HEADING_STARTS_BY_LETTER = {letter: tuple(w for w in _HEADING_STARTS if w[0] == letter)
                             for letter in {w[0] for w in _HEADING_STARTS}}
_RUN_IN = _HEADINGS + r"(?=[A-Z][a-z]|A |\d)"
_RUN_IN_FIRST = re.compile(r"\s*" + _RUN_IN)
_SPACED_FIRST = re.compile(r"\s*" + _HEADINGS + r" (?=[A-Z])")  # "Background Neuropathic pain...": a space, no colon
# after a sentence's end (the pattern starts with it, so that the search skips ahead quickly)
_RUN_IN_LATER = re.compile(r"([.!?])\s?(" + _RUN_IN + ")")
# a later heading with a bare space on each side ("...in Ghana. Methods A qualitative study..."): Web of Science
# and RIS exports that kept each heading on a line of its own, the lines then joined with spaces
_SPACED_LATER = re.compile(r"([.!?]) (" + _HEADINGS + ") (?=[A-Z])")
# a heading, its colon and no space ("Conclusion:The findings"): the text before the colon ends with a heading
_COLON_QUICK = re.compile(r":[A-Z][a-z]")
_ENDS_WITH_HEADING = re.compile(r"(?:^|[\s.])" + _HEADINGS + "$")


def with_heading_breaks(text: str) -> str:
    """A structured abstract whose headings an export ran into the text, with the headings set apart.

    Web of Science, Dimensions and Lens drop the break after a heading of some publishers' structured
    abstracts ("ObjectivesThe aim of this study... composite.Materials and methodsNinety-six teeth"), which a
    reviewer reads with difficulty and which makes the same abstract look different from the PubMed or
    Scopus copy. Only an abstract that starts with a heading run in (the same export then runs the later ones
    in too), or with a heading and a bare space before a later one run in, is changed; an abstract written
    as the publisher gave it is returned as it is.

    >>> with_heading_breaks("ObjectivesThe aim was to compare posts.Materials and methodsNinety-six teeth.")
    'Objectives: The aim was to compare posts. Materials and methods: Ninety-six teeth.'
    >>> with_heading_breaks("ResultsA total of 12 failed.ConclusionsPosts add nothing.")
    'Results: A total of 12 failed. Conclusions: Posts add nothing.'
    >>> with_heading_breaks("Background Pain is common. ResultsAll dogs had it."), with_heading_breaks("AimWe ask.")
    ('Background: Pain is common. Results: All dogs had it.', 'Aim: We ask.')
    >>> with_heading_breaks("BackgroundObjectivesTo count dogs.")  # an empty section
    'Background: Objectives: To count dogs.'
    >>> with_heading_breaks("MethodsX publishes methods. Results were mixed."), with_heading_breaks("Design Thinking.")
    ('MethodsX publishes methods. Results were mixed.', 'Design Thinking.')

    An abstract whose headings stood on lines of their own (Web of Science's plain text of PLOS articles), joined
    with spaces: a heading and a bare space first, then a later one after a sentence's end.

    >>> with_heading_breaks("Background Leprosy is common. Methods A survey. Results Findings Were clear.")
    'Background: Leprosy is common. Methods: A survey. Results: Findings Were clear.'
    """
    start = text.lstrip() if text[:1].isspace() else text
    if not start.startswith(_HEADING_STARTS_BY_LETTER.get(start[:1], ())):  # most: a quick no
        return text
    if ABSTRACT_SEPARATOR in text:  # an abstract per language: each has its own headings
        return ABSTRACT_SEPARATOR.join(map(with_heading_breaks, text.split(ABSTRACT_SEPARATOR)))
    first = _RUN_IN_FIRST.match(text)
    spaced = False
    if first is None:
        first = _SPACED_FIRST.match(text)
        if first is None:
            return text
        spaced = _SPACED_LATER.search(text, first.end()) is not None
        if not spaced and not _RUN_IN_LATER.search(text, first.end()):
            return text
    rest = _RUN_IN_LATER.sub(lambda m: f"{m.group(1)} {m.group(2)}: ", text[first.end():]).lstrip()
    if spaced:
        rest = _SPACED_LATER.sub(lambda m: f"{m.group(1)} {m.group(2)}: ", rest)
    empty = _RUN_IN_FIRST.match(rest)  # a section left empty: "BackgroundObjectivesTo count..."
    if empty:
        rest = f"{empty.group(0).strip()}: {rest[empty.end():]}"
    return f"{first.group(0).strip()}: {rest}"


#: A sentence's end run into the next sentence ("outcomes.Results", "events.This") - the quick look is a period
#: before a capital (a literal first character, so the search skips ahead fast); the full pattern follows.
_GLUED_QUICK = re.compile(r"\.[A-Z][a-z]")
_GLUED_QUICK_QUESTION = re.compile(r"\?[A-Z][a-z]")
#: A bar between a sentence's end and the next section ("...records (EHR).|Development and evaluation"): EndNote
#: joins a PubMed record's structured abstract so, its section headings dropped. (A bar with spaces around it is
#: :data:`ABSTRACT_SEPARATOR`, between abstracts in two languages: not this.)
_SECTION_BAR = re.compile(r"(?<=[.!?])\|(?=[A-Z0-9])")
#: A comma after a paragraph's full stop ("...prevention initiatives., Social anxiety is...", "disease., METHOD:"):
#: Ovid joins the paragraphs of a MEDLINE or CENTRAL record's abstract so. The word before the stop is a word in
#: lower case or an acronym, of three letters or more, a number or a bracket: an abbreviation ("e.g., The", "et
#: al., The", "Orion Corp., Helsinki", a botanist's "Ledeb., Tamarix") keeps its comma. Found from the literal
#: "., " before a capital, then the word before it read back: a pattern starting with the word tried a match at
#: every letter of the abstract (a quarter of a millisecond each).
_PARAGRAPH_COMMA = re.compile(r"\., (?=[A-Z])")


def _without_paragraph_commas(text: str) -> str:
    """``text`` without the comma Ovid writes after a paragraph's full stop (see :data:`_PARAGRAPH_COMMA`)."""
    commas = []
    for m in _PARAGRAPH_COMMA.finditer(text):
        stop = m.start()
        start = stop
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # the word (\w) before the stop
            start -= 1
        word = text[start:stop]
        if not word:
            if text[stop - 1:stop] == ")":  # "(n = 150)., Social"
                commas.append(stop + 1)
            continue
        if start and text[start - 1] == ".":  # "e.g., The": part of an abbreviation
            continue
        letters = len(word) >= 3 and "_" not in word and not any(c.isdecimal() for c in word)
        if (letters or word.isdecimal()) and word != "etc" and (word.islower() or word.isupper() or word.isdigit()):
            commas.append(stop + 1)
    if not commas:
        return text
    return "".join(text[a + 1 if a else 0:b] for a, b in zip([0] + commas, commas + [len(text)]))


#: A comparison (or multiplication) sign between two question marks ("P?<?0.03", "n?=?150", "5?×?10"): the thin
#: spaces around it in the publisher's abstract, turned into "?" on the way into the Cochrane Library's CENTRAL
#: (and Embase) records.
#: (The pattern starts with the question mark, a literal the engine skips ahead to, and looks behind it for the
#: character before: a pattern starting with the look-behind was tried at every character of the abstract.)
_LOST_THIN_SPACES = re.compile(r"\?(?<=[\w)%]\?)([<>=\u2264\u2265\u00b1\u00d7])\?(?=[\w(.\u2212-])")


def with_thin_spaces(text: str) -> str:
    """An abstract whose thin spaces around a comparison sign an export wrote as question marks, with plain
    spaces there again.

    >>> with_thin_spaces("a clinical scale?<?2 did not differ (P?<?0.03); n?=?150. Why? <3 is fine?")
    'a clinical scale < 2 did not differ (P < 0.03); n = 150. Why? <3 is fine?'
    >>> with_thin_spaces("platelets over 100?×?10^9/L")
    'platelets over 100 × 10^9/L'
    """
    return _LOST_THIN_SPACES.sub(r" \1 ", text)


def with_sentence_breaks(text: str) -> str:
    """An abstract whose sentences an export ran together where its paragraphs ended ("...health
    outcomes.Results: In total, 3196 articles") with a space after each sentence's end again; a heading run
    into its text there, or after its colon, is set apart too ("outcomes.ResultsIn total", "Conclusion:The").

    Not inside a link, an e-mail address or an abbreviation ("www.Example.org", "e.g.The" stay as written).

    >>> with_sentence_breaks("Smoke harms health.Results: we found 31 studies.This review (see www.Fire.org) ends.")
    'Smoke harms health. Results: we found 31 studies. This review (see www.Fire.org) ends.'
    >>> with_sentence_breaks("Smoke harms health.ResultsWe found 31 studies. Conclusion:Smoke kills.")
    'Smoke harms health. Results: We found 31 studies. Conclusion: Smoke kills.'

    EndNote's bar between the sections of a structured abstract becomes a space:

    >>> with_sentence_breaks("To predict surgery (EHR).|Development of models.|Structured data for 385 patients.")
    'To predict surgery (EHR). Development of models. Structured data for 385 patients.'

    and the comma Ovid writes after a CENTRAL abstract's paragraphs is dropped:

    >>> with_sentence_breaks("A risk group., METHOD: A trial (n = 150)., Social anxiety (e.g., The fear) et al., The")
    'A risk group. METHOD: A trial (n = 150). Social anxiety (e.g., The fear) et al., The'
    >>> with_sentence_breaks("Tamarix ramosissima Ledeb., Tamarix chinensis Lour., and PTSD., ABSTRACT: Orion Corp., X")
    'Tamarix ramosissima Ledeb., Tamarix chinensis Lour., and PTSD. ABSTRACT: Orion Corp., X'
    """
    if "|" in text:
        text = _SECTION_BAR.sub(" ", text)
    text = _without_paragraph_commas(text)  # (its search for "., " is the quick look: faster than `in`)
    spaces = []  # where a space goes in (a space and a colon after a heading run in)
    # "Conclusion:The": a heading before the colon? (most abstracts have no colon: one quick search says so)
    for m in _COLON_QUICK.finditer(text) if ":" in text else ():
        if _ENDS_WITH_HEADING.search(text, max(m.start() - 48, 0), m.start()):
            spaces.append((m.start() + 1, " "))
    ends = [m.start() for m in _GLUED_QUICK.finditer(text)]  # "outcomes.Results": a sentence's end?
    if "?" in text:
        ends += [m.start() for m in _GLUED_QUICK_QUESTION.finditer(text)]
    for k in ends:
        token = text[text.rfind(" ", 0, k) + 1:k]
        end = token[-3:]
        if not (len(end) == 3 and end.isalpha() and end.islower()) or "/" in token or "@" in token \
                or "." in token or "www" in token.lower():
            continue
        spaces.append((k + 1, " "))
        heading = _RUN_IN_FIRST.match(text, k + 1)  # "outcomes.ResultsIn total" (a capital at k + 1)
        if heading:
            spaces.append((heading.end(), ": "))
    if not spaces:
        return text
    out, last = [], 0
    for k, gap in sorted(spaces):
        out += [text[last:k], gap]
        last = k
    return "".join(out) + text[last:]


def joined_abstracts(items: list) -> str:
    """A record's several abstracts as one text, in the export's order, each once, placeholders left out.

    LILACS and SciELO give an abstract per language (``AB  -`` repeated); a reviewer screening in any of
    them needs all, so none is dropped. They are joined with :data:`ABSTRACT_SEPARATOR`. EBSCOhost's
    copyright notice (``Copyright of <journal> is the property of ...``), written as a second ``AB``, is no
    abstract and is left out (``""`` when nothing else is there: the caller then keeps the first value).

    >>> joined_abstracts(["Objetivo: avaliar.", "NA", "Objective: to assess.", "Objetivo: avaliar."])
    'Objetivo: avaliar. | Objective: to assess.'
    >>> joined_abstracts(["A study.", "Copyright of Addiction is the property of Wiley-Blackwell and its content..."])
    'A study.'
    """
    out: list[str] = []
    for item in items:
        text = clean_text(item) if item else ""
        if text and not is_null(text) and text not in out and not _COPYRIGHT_NOTICE.match(text):
            out.append(text)
    return ABSTRACT_SEPARATOR.join(out)


def _first_value(tags: dict, keys) -> str | list:
    """The first non-empty value among ``keys``, as it is (a string or a list)."""
    for key in keys:
        value = tags.get(key)
        if value:
            return value
    return ""


def first(tags: dict, keys) -> str:
    """The first usable value among ``keys`` (a list value gives its first usable item); placeholders
    such as ``NA`` are skipped.

    >>> first({"TI": "NA", "T1": ["", "A trial"]}, ("TI", "T1"))
    'A trial'
    """
    for key in keys:
        value = tags.get(key)
        if not value:
            continue
        if value.__class__ is list:
            for item in value:
                if item and (len(item) > 29 or not is_null(item)):
                    return item
        elif len(value) > 29 or not is_null(value):
            return value
    return ""


def plain(tags: dict, keys) -> str:
    """The first value among ``keys``, without the placeholder check (for short code-like fields)."""
    for key in keys:
        value = tags.get(key)
        if value:
            return value if value.__class__ is str else value[0]
    return ""


def values(tags: dict, keys) -> list[str]:
    """Every value of ``keys``, lists flattened, in order.

    >>> values({"KW": ["a", "b"], "DE": "c"}, ("KW", "ID", "DE"))
    ['a', 'b', 'c']
    """
    out = []
    for key in keys:
        value = tags.get(key)
        if not value:
            continue
        if value.__class__ is list:
            out.extend(v for v in value if v)
        else:
            out.append(value)
    return out


def authors_split(lines) -> list[str]:
    """Authors from tag lines of which some join several names with ``;`` (CNKI's RefWorks, the Cochrane
    Library's CSV-like lines), normalised.

    >>> authors_split(["Li, Hua; Wang, Wei", "Zhao J"])
    ['Li, H.', 'Wang, W.', 'Zhao, J.']
    """
    return [a for a in (author(n.strip()) for line in lines for n in line.split(";") if n.strip()) if a]


def tag_text(tags: dict, key: str) -> str:
    """A tag's first value, cleaned (``""`` when the tag is absent or empty)."""
    value = tags.get(key)
    return clean_text(value if value.__class__ is str else value[0]) if value else ""


def author(name: str) -> str:
    """One normalised author (remembered: the same names recur within and across exports).

    A name already written ``Family, I. J.`` (or ``Family, J.-P.``) is kept, so that re-importing an
    export gives the same authors.

    >>> author("Lebreton, J.-D."), author("Lebreton, Jean-Dominique"), author("Stillman, Andrew N. (a@b.edu)")
    ('Lebreton, J.-D.', 'Lebreton, J.-D.', 'Stillman, A. N.')
    >>> author("Higa, Darrel H, PhD"), author("McDonald, Christina M, M.P.H."), author("Smith, John, PhD, MPH")
    ('Higa, D. H.', 'McDonald, C. M.', 'Smith, J.')
    >>> author("Jaehoon (Paul) Jeong"), author("World Health Organization (WHO)")
    ('Jeong, J.', 'World Health Organization (WHO)')
    >>> author("et al.")  # CENTRAL's mark of a list cut short
    ''
    """
    done = _AUTHORS.get(name)
    if done is None:
        if _NORMALISED_AUTHOR.fullmatch(name):
            done = name
        else:
            text = _EMAIL_IN_PARENS.sub("", name) if "@" in name else name
            if text.count(",") >= 2:
                text = _without_degrees(text)
            done = nm.normalise_author(text)
        _remember(_AUTHORS, name, done)
    return done


def _without_degrees(name: str) -> str:
    """A name without the degrees written after it past a second comma (:data:`config.AUTHOR_DEGREES`)."""
    while name.count(",") >= 2:
        head, _, last = name.rpartition(",")
        if last.replace(".", "").replace(" ", "").lower() not in config.AUTHOR_DEGREES:
            break
        name = head
    return name


_VOWELS = re.compile(r"[AEIOUY]")
#: Words that join a family name to the next word (``Van Ryswyk``, ``Roqué i Figuls``, ``de la Cruz``).
_FAMILY_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos",
                               "das", "ter", "ten", "el", "al", "bin", "ibn", "y", "i"})


def family_first(name: str) -> str:
    """One name written family name first without a comma: the Cochrane Library's ``AU`` (``Smith J`` in
    CENTRAL, ``Han Shanshan`` or ``Crowther Caroline A`` in the reviews' export), a patent's inventor
    (``NEWCOMER FRED MICHAEL``).

    Read as any name, a full given name was taken for the family name (``Shanshan, H.``) and a trailing initial
    for all the given names (``Crowther Caroline, A.``). The family name is the first word, with the words a
    particle joins to it; a name with a comma, or a group's name, is read as written.

    >>> family_first("Han Shanshan"), family_first("Crowther Caroline A"), family_first("Smith J")
    ('Han, S.', 'Crowther, C. A.', 'Smith, J.')
    >>> family_first("Van Ryswyk Emer"), family_first("Roqué i Figuls Marta"), family_first("Buchleitner Ana Maria")
    ('Van Ryswyk, E.', 'Roqué i Figuls, M.', 'Buchleitner, A. M.')
    >>> family_first("NEWCOMER FRED MICHAEL"), family_first("SMITH JA"), family_first("Gyte GML")
    ('NEWCOMER, F. M.', 'SMITH, J. A.', 'Gyte, G. M. L.')
    """
    words = name.split()
    if "," in name or len(words) < 2 or is_group_author(words):
        return author(name)
    k = 1
    while k < len(words) - 1 and (words[k - 1].lower() in _FAMILY_PARTICLES or words[k].lower() in _FAMILY_PARTICLES):
        k += 1
    # a given name in capitals ("FRED MICHAEL", a patent's) is a name, not a run of initials ("GML", "JA")
    given = " ".join(w.title() if len(w) > 2 and w.isupper() and _VOWELS.search(w) else w for w in words[k:])
    return author(f"{' '.join(words[:k])}, {given}")


def _short_code(value) -> str:
    """A short column's value (a repeated tag gives its first), cleaned."""
    return short_text(value if value.__class__ is str else value[0]) if value else ""


def short_text(value: str) -> str:
    """:func:`clean_text` for short, often repeated values (journals, types, languages), remembered."""
    done = _SHORT.get(value)
    if done is None:
        done = clean_text(value) if value else ""
        _remember(_SHORT, value, done)
    return done


#: Normalised authors and cleaned short values, by what the file said: plain dicts, which
#: :func:`build_row` reads a whole record's values from in one ``map``.
_AUTHORS: dict[str, str] = {}
_SHORT: dict = {None: "", "": ""}  # (None and "": a column the record has no value for)
_MEMO_SIZE = 200_000


def _remember(memo: dict, key, value) -> None:
    if len(memo) >= _MEMO_SIZE:  # bounded: drop everything (rare; the next values fill it again)
        memo.clear()
        memo.update({None: "", "": ""} if memo is _SHORT else {})
    memo[key] = value


def unique_keywords(keywords: list) -> list:
    """The keywords without repeats, letter case aside, each as first written (an export's author keywords and its
    index terms often share some).

    >>> unique_keywords(["interrogation", "Rapport", "INTERROGATION", "rapport"])
    ['interrogation', 'Rapport']
    """
    seen: set = set()
    return [k for k in keywords if not (k.casefold() in seen or seen.add(k.casefold()))]


def headings(items) -> list[str]:
    """Subject headings without the ``*`` that marks a major heading or subheading (Ovid's MeSH and Emtree, in
    its tagged, CSV and RIS exports; PubMed's ``MH`` lines; the Cochrane Library's bracketed subheadings), empty
    ones left out.

    >>> headings(["*Anxiety/th [Therapy]", "Humans", "*", "Sequence Alignment/*methods"])
    ['Anxiety/th [Therapy]', 'Humans', 'Sequence Alignment/methods']
    >>> headings(["Conduct Disorder [*prevention & control, *psychology]"])
    ['Conduct Disorder [prevention & control, psychology]']
    """
    return [k for k in (k.lstrip("*").replace("/*", "/").replace("[*", "[").replace(", *", ", ").strip()
                        for k in items) if k]


def keywords(items) -> list[str]:
    """Keywords as a list: ``;``-separated values split, cleaned, placeholders dropped.

    >>> keywords(["fire; smoke", "NA", "Caf&eacute;"])
    ['fire', 'smoke', 'Café']
    """
    if not items:
        return []
    joined = "\x1f".join(items)
    if joined.isascii() and ";" not in joined and "&" not in joined and "<" not in joined and "  " not in joined \
            and "\n" not in joined and "\t" not in joined and "\r" not in joined:
        # The usual case, checked once for the whole list: nothing to split or clean.
        return list(items) if _NULL_FORMS.isdisjoint(items) else [item for item in items if item not in _NULL_FORMS]
    out = []
    for item in items:
        for part in item.split(";") if ";" in item else (item,):
            part = clean_text(part)
            if part and part not in _NULL_FORMS:
                out.append(part)
    return out


#: A RIS tag that a tool's own import left inside a value (Rayyan: an ISSN "2472-8586     VO  -", a link
#: "...&from=export     U2  - L632169098"): the tag and what follows it are the next field's, not this one's.
_RUN_IN_RIS_TAG = r"\s+[A-Z][A-Z0-9] {1,2}-"
_LEAKED_RIS_TAG = re.compile(_RUN_IN_RIS_TAG + r"(?: .*)?$")


def without_leaked_ris_tag(value: str) -> str:
    """A value without a RIS tag run into its end (:data:`_LEAKED_RIS_TAG`).

    >>> without_leaked_ris_tag("2472-8586 VO -"), without_leaked_ris_tag("1879-8365 (Electronic)")
    ('2472-8586', '1879-8365 (Electronic)')
    """
    return _LEAKED_RIS_TAG.sub("", value) if " -" in value else value


def repeated_author_list(authors: list) -> list:
    """One list of authors where an export gives the same people twice in a row: Rayyan's CSV of Web of Science
    records joins WoS's short names and its full names ("Wu, HH and Toti, G and ... and Wu, Honghan and Toti,
    Giulia ..."), so a paper of 15 authors had 30. When the second half names the same family names in the same
    order as the first, each with the same first initial (two people at least), the second half is kept: the full
    names, which the Web of Science reader takes too (``AF`` before ``AU``). Four people of two families ("Kim, J.;
    Lee, S.; Kim, H.; Lee, K.", common in Korean and Chinese author lists) differ in their initials and stay.

    >>> repeated_author_list(["Wu, H. H.", "Toti, G.", "Wu, H.", "Toti, G."])
    ['Wu, H.', 'Toti, G.']
    >>> repeated_author_list(["Smith, J.", "Smith, A."]), repeated_author_list(["Li, H.", "Li, W.", "Li, H."])
    (['Smith, J.', 'Smith, A.'], ['Li, H.', 'Li, W.', 'Li, H.'])
    >>> repeated_author_list(["Kim, J.", "Lee, S.", "Kim, H.", "Lee, K."])
    ['Kim, J.', 'Lee, S.', 'Kim, H.', 'Lee, K.']
    """
    n = len(authors) // 2
    if n < 2 or len(authors) != 2 * n or _family(authors[0]) != _family(authors[n]):
        return authors  # (most lists part at the first pair already: no key for every name)
    names = [a.casefold().split(",", 1) for a in authors]
    keys = [(parts[0].strip(), parts[1].strip(" .-")[:1] if len(parts) > 1 else "") for parts in names]
    return authors[n:] if all(fa == fb and (not ia or not ib or ia == ib)
                              for (fa, ia), (fb, ib) in zip(keys[:n], keys[n:])) else authors


def _family(name: str) -> str:
    """A normalised author's family name as :func:`repeated_author_list` compares it."""
    return name.casefold().split(",", 1)[0].strip()


def _squeezed(text: str) -> str:
    """A family name as :func:`full_names_by_short_names` compares it: no case, accents, spaces or hyphens."""
    return nm.fold_accents(text).casefold().replace(" ", "").replace("-", "")


def full_names_by_short_names(full: list, short: list) -> list | None:
    """The full names of a record's authors, each written ``Family, Given`` as the short name beside it tells,
    where a full name has no comma; ``None`` when the two lists do not pair up or no name needs it.

    Web of Science gives each author twice, ``AU`` (short, family name first with a comma: "Wang, CY") and ``AF``
    (in full), and writes some full names of Chinese authors family name first without a comma ("Wang
    Chen-Yang", "Zhang Chunwei"). Read as a Western name, the family name was taken from the last word:
    "Chen-Yang, W.", another person to every other database. The short name says which words are the family
    name: those at the start or at the end of the full name that spell it.

    >>> full_names_by_short_names(["Wang Chen-Yang", "Heo, Seok-Jae", "Yu Wen"], ["Wang, CY", "Heo, SJ", "Wen, Y"])
    ['Wang, Chen-Yang', 'Heo, Seok-Jae', 'Wen, Yu']
    >>> full_names_by_short_names(["Smith, John"], ["Smith, J"]), full_names_by_short_names(["A B"], ["C, D"])
    (None, None)

    A full name with a comma may still hold a given name before the family name ("Carlos Reyes-Alvarado, Luis"
    for "Reyes-Alvarado, LC", in the Book Citation Index): the words before the short name's family name go to
    the given names when the short name's initials say so.

    >>> full_names_by_short_names(["Carlos Reyes-Alvarado, Luis", "De Leo, Diego"], ["Reyes-Alvarado, LC", "De Leo, D"])
    ['Reyes-Alvarado, Luis Carlos', 'De Leo, Diego']
    """
    if len(full) != len(short):
        return None
    out, changed = [], False
    for name, brief in zip(full, short):
        words, family = name.split(), _squeezed(brief.partition(",")[0])
        if "," in name and "," in brief:
            moved = _given_name_out_of_family(name, brief)
            if moved:
                name, changed = moved, True
        if "," not in name and "," in brief and len(words) > 1:
            for k in range(1, len(words)):
                if _squeezed("".join(words[:k])) == family:  # family name first: "Wang Chen-Yang"
                    name, changed = f"{' '.join(words[:k])}, {' '.join(words[k:])}", True
                    break
                if _squeezed("".join(words[k:])) == family:  # given names first: "Yu Wen" for "Wen, Y"
                    name, changed = f"{' '.join(words[k:])}, {' '.join(words[:k])}", True
                    break
        out.append(name)
    return out if changed else None


def _given_name_out_of_family(name: str, brief: str) -> str:
    """``name`` ("Carlos Reyes-Alvarado, Luis") with the words before the family name of ``brief``
    ("Reyes-Alvarado, LC") moved after its given names, when the initials of ``brief`` are those of the given names
    so made ("Reyes-Alvarado, Luis Carlos"); else ``""``."""
    family, _, given = name.partition(",")
    words = family.split()
    if len(words) < 2:
        return ""
    short_family, _, short_given = brief.partition(",")
    initials = "".join(c for c in short_given if c.isalpha()).upper()
    for k in range(1, len(words)):
        if _squeezed("".join(words[k:])) == _squeezed(short_family):
            given_names = f"{given.strip()} {' '.join(words[:k])}".strip()
            if "".join(w[0] for w in re.split(r"[\s.-]+", given_names) if w).upper() == initials:
                return f"{' '.join(words[k:])}, {given_names}"
            return ""
    return ""


def names_in_two_forms(names: list) -> list | None:
    """The authors of a record that names each of them twice, once short and once in full, else ``None``.

    Epistemonikos merges a record from several sources and keeps both spellings of a person: MEDLINE's
    ("Braman SS", no comma) and the publisher's ("Braman, Sidney S"); read as they are, the list held the same
    person twice. When the names written without a comma and those written with one are as many, and pair up in
    order (the same family name, the initials of one the start of the other's), each person is kept once, in the
    fuller form. A list written in one form only, or with a name left over, is not such a list: two people of one
    family and initial ("Li H", "Li H") stay two.

    >>> names_in_two_forms(["Braman SS", "Braman, Sidney S"]), names_in_two_forms(["Li H", "Li H"])
    (['Braman, S. S.'], None)
    >>> names_in_two_forms(["Smith J", "Doe AB", "Smith, John R", "Doe, Anna"])
    ['Smith, J. R.', 'Doe, A. B.']
    >>> names_in_two_forms(["Smith J", "Smith, Anna"]) is None
    True
    """
    short = [author(n) for n in names if "," not in n]
    full = [author(n) for n in names if "," in n]
    if not short or len(short) != len(full):
        return None
    kept = []
    for a, b in zip(short, full):
        given_a, given_b = a.partition(",")[2], b.partition(",")[2]
        initials_a, initials_b = given_a.split(), given_b.split()
        n = min(len(initials_a), len(initials_b))
        if _family(a) != _family(b) or not n or initials_a[:n] != initials_b[:n]:
            return None
        kept.append(a if len(initials_a) > len(initials_b) else b)
    return kept


#: An ISSN with its label: Scopus's ``(ISSN)``, MEDLINE's medium.
_LABELLED_ISSN = re.compile(r"(\d{4}-?\d{3}[\dXx]) \((?:ISSN|Electronic|Print|Linking)\)")


def issn_with_hyphen(value: str) -> str:
    """An ISSN written without its hyphen (EBSCOhost's ``SN  - 15321827``, Scopus's CSV, Compendex) as ISSNs are
    written (``1532-1827``), so that one journal's ISSN reads the same from every database; any other value,
    and eight digits whose check digit is not an ISSN's, as it is.

    >>> issn_with_hyphen("15321827"), issn_with_hyphen("0009921X"), issn_with_hyphen("0727912771 (paperback)")
    ('1532-1827', '0009-921X', '0727912771 (paperback)')
    >>> issn_with_hyphen("74155101")  # (the check digit of 7415-510 is 8)
    '74155101'

    Scopus's RIS labels it: ``01664328 (ISSN)`` (a value that also names an ISBN stays as written), and MEDLINE
    by its medium: ``1932-6203 (Electronic)``, ``(Print)``, ``(Linking)``.

    >>> issn_with_hyphen("01664328 (ISSN)"), issn_with_hyphen("03029743 (ISSN); 978-303148315-8 (ISBN)")
    ('0166-4328', '03029743 (ISSN); 978-303148315-8 (ISBN)')
    >>> issn_with_hyphen("1932-6203 (Electronic)"), issn_with_hyphen("1234-5678 (Print)")
    ('1932-6203', '1234-5678 (Print)')
    """
    labelled = _LABELLED_ISSN.fullmatch(value) if value[-1:] == ")" else None
    if labelled:
        digits = labelled.group(1).replace("-", "")
        issn = issn_with_hyphen(digits)
        return issn if issn != digits else value
    if len(value) == 8 and value[:7].isdigit() and (value[7].isdigit() or value[7] in "Xx"):
        check = -sum((8 - k) * int(digit) for k, digit in enumerate(value[:7])) % 11
        if value[7].upper() == ("X" if check == 10 else str(check)):
            return f"{value[:4]}-{value[4:7]}{value[7].upper()}"
    return value


def doi_in(value: str) -> str:
    """The DOI in a value, normalised like :func:`synthesis.normalise.normalise_doi`; URL escapes decoded.

    >>> doi_in("http://dx.doi.org/10.1016/0376-8716%2876%2990010-7")
    '10.1016/0376-8716(76)90010-7'
    """
    if "%" in value:
        value = unquote(value)
    if "&" in value or "[" in value:  # entities; a SICI an export broke at its bracket
        return nm.normalise_doi(value)
    m = _DOI.search(value)
    return nm.without_trailing_marks(m.group(0)).lower() if m else ""


def find_doi(tags: dict, keys, url_tags=config.URL_TAGS) -> str:
    """The first DOI in ``keys``; a URL only counts when it points at a DOI resolver. A DOI written with
    full-width characters (Chinese databases) is read as the DOI it is.

    >>> find_doi({"DOI": "10.3969\uff0fj.issn.1672\uff0d187X.2020.01.017"}, ("DOI",))
    '10.3969/j.issn.1672-187x.2020.01.017'
    """
    value = tags.get(keys[0]) if keys else None
    if value.__class__ is str and value.startswith("10.") and _DOI_PLAIN.fullmatch(value):
        return value.lower()  # the usual case: a bare DOI in the first tag
    for key in keys:
        value = tags.get(key)
        if not value:
            continue
        for v in (value if value.__class__ is list else (value,)):
            if "10." not in v or (key in url_tags and "doi.org/" not in v.lower()):
                continue
            if v.startswith("10.") and _DOI_PLAIN.fullmatch(v):  # the usual case: a bare DOI
                return v.lower()
            doi = doi_in(v)
            if not doi and not v.isascii():  # Wanfang's "10.3969／j.issn.1672－187X.2020.01.017": full-width / and -
                doi = doi_in(unicodedata.normalize("NFKC", v))
            if doi:
                return doi
    return ""


#: A record's own PubMed page: ``pubmed.ncbi.nlm.nih.gov/27542161/``, ``www.ncbi.nlm.nih.gov/pubmed/27542161``.
PUBMED_PAGE = re.compile(r"(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/(\d{1,9})/?(?:[?#].*)?$")
#: The new Scopus record page (``https://www.scopus.com/pages/publications/105007450265?origin=resultslist``).
_SCOPUS_PAGE = re.compile(r"scopus\.com/pages/publications/(\d{6,15})\b")
_EPISTEMONIKOS_PAGE = re.compile(r"epistemonikos\.org/documents/([0-9a-f]{16,64})")
#: A JSTOR item's stable address (``www.jstor.org/stable/44443331``, ``.../stable/10.5325/jafrireli.2.1.0001``).
_JSTOR_PAGE = re.compile(r"jstor\.org/stable/(?:pdf/)?([^\s?#]+?)/?(?:[?#]|$)")


def find_pmid(tags: dict, keys) -> str:
    """A PubMed id: a ``PMID`` tag, a value marked ``[PMID]``, or the accession number of an NLM record.

    >>> find_pmid({"C2": "PMC123", "U1": "31234567 [PMID]"}, ("PMID", "PM", "U1", "C2"))
    '31234567'
    """
    medline = None
    for key in keys:
        for value in values(tags, (key,)):
            if key in ("PMID", "PM") or "PMID" in value.upper():
                m = _DIGITS.search(value)
                if m:
                    return m.group(0)
            elif key == "AN" and value.isdigit():
                if medline is None:
                    medline = _from_medline(tags)
                if medline:
                    return value
    if "L2" in tags and (medline if medline is not None else _from_medline(tags)):
        for url in values(tags, ("L2", "UR")):
            m = _URL_AN.search(url)
            if m and m.group(1).isdigit():
                return m.group(1)
    return ""


#: An Ovid link to a MEDLINE record (``...ovidweb.cgi?T=JS&PAGE=reference&D=medl&NEWS=N&AN=32274665``): Ovid's
#: MEDLINE segments are medl, mesx, mesz, prem (In-Process), medall.
_OVID_MEDLINE_LINK = re.compile(r"ovidsp\.ovid\.com/ovidweb\.cgi\?[^\s]*?\bD=(?:med|mes|prem)\w*")


def _from_medline(tags: dict) -> bool:
    """Whether a record is MEDLINE's (its accession number is then its PubMed id): ``DB``/``DP`` say so, or
    (Ovid's RIS of MEDLINE, which has no ``DB`` tag) its Ovid link's database is a MEDLINE segment."""
    source = f"{first(tags, ('DB',))} {first(tags, ('DP',))}".lower()
    if "nlm" in source or "medline" in source or "pubmed" in source:
        return True
    return "DB" not in tags and any("ovid.com" in url and _OVID_MEDLINE_LINK.search(url)
                                    for url in values(tags, ("L2", "UR")))


def pmid_from_links(tags: dict) -> str:
    """The PubMed id of a record whose link (``UR``, ``L2``) is its PubMed page, else ``""``.

    >>> pmid_from_links({"UR": ["http://dx.doi.org/10.1007/x", "https://www.ncbi.nlm.nih.gov/pubmed/27542161"]})
    '27542161'
    """
    for url in values(tags, ("UR", "L2")):
        pmid = pmid_in_link(url)
        if pmid:
            return pmid
    return ""


def pmid_in_link(url: str) -> str:
    """The PubMed id of one link when it is the record's PubMed page, else ``""``.

    >>> pmid_in_link("https://pubmed.ncbi.nlm.nih.gov/30942704/"), pmid_in_link("https://doi.org/10.1/x")
    ('30942704', '')
    """
    m = PUBMED_PAGE.search(url) if "pubmed" in url else None
    return m.group(1) if m else ""


#: What a link holds to give the record's id (:func:`id_from_links` tests each before its pattern).
ID_LINK_MARKS = ("eid=", "AN=", "scopus.com/pages/publications/", "epistemonikos.org/documents/", "jstor.org/stable/")


def id_from_links(tags: dict) -> str:
    """The record's own id in its links: Scopus's EID (``eid=2-s2.0-...``, or the number of the new Scopus
    record page ``scopus.com/pages/publications/105007450265``, EID ``2-s2.0-105007450265``), Ovid's accession
    (``AN=``), Epistemonikos' document id (``epistemonikos.org/documents/0f8b5c...``), and JSTOR's stable id
    (``jstor.org/stable/44443331``) of a record whose ``DB`` is JSTOR (JSTOR's RIS has no other id; a record
    of another database may link its JSTOR copy).

    >>> id_from_links({"DB": "JSTOR", "UR": "http://www.jstor.org/stable/44443331"})
    '44443331'
    >>> id_from_links({"DB": "Scopus", "UR": "http://www.jstor.org/stable/44443331"})
    ''
    """
    jstor = None
    for url in values(tags, ("UR", "L2")):
        if "eid=" in url or "AN=" in url:
            m = _EID.search(url) or _URL_AN.search(url)
            if m:
                return m.group(1)
        elif "scopus.com/pages/publications/" in url:
            m = _SCOPUS_PAGE.search(url)
            if m:
                return f"2-s2.0-{m.group(1)}"
        elif "epistemonikos.org/documents/" in url:
            m = _EPISTEMONIKOS_PAGE.search(url)
            if m:
                return m.group(1)
        elif "jstor.org/stable/" in url:
            if jstor is None:
                jstor = first(tags, ("DB",)).strip().upper() == "JSTOR"
            m = _JSTOR_PAGE.search(url) if jstor else None
            if m:
                return m.group(1)
    return ""


_year = lru_cache(maxsize=4096)(nm.parse_year)
#: :func:`is_null` for journals, which repeat.
_is_short_null = lru_cache(maxsize=4096)(is_null)


def _pages(sp: str, ep: str) -> str:
    """``SP``/``EP`` (or one ``PG`` value as ``sp``) as one normalised page range.

    An end page equal to the start page is no range: Springer Nature's citations write an article number in
    both (``SP  - 17121``, ``EP  - 17121``), which other exports give alone.

    A start of six digits or more is an article number, and an end page three or more digits shorter beside it
    is the article's page count (a library discovery system's ``SP  - 2181380``, ``EP  - 9``), not a shortened
    end page: the pages are the article number, not an invented "2181380-2181389".

    Web of Science's end page ``+`` ("and following": ``BP III``, ``EP +``) is no end page.

    >>> _pages("482", "91"), _pages("27--63", ""), _pages("No", "Specified"), _pages("17121", "17121")
    ('482-491', '27-63', '', '17121')
    >>> _pages("2181380", "9"), _pages("105000", "105012"), _pages("III", "+")
    ('2181380', '105000-105012', 'III')
    """
    if not sp and not ep:
        return ""
    if ep == sp or ep == "+":
        ep = ""
    if sp.isdigit() and (not ep or ep.isdigit()):  # the common case, without regular expressions
        if not ep:
            return sp
        if len(sp) >= 6 and len(ep) <= len(sp) - 3:  # an article number and its page count
            return sp
        if len(ep) < len(sp):
            ep = sp[: len(sp) - len(ep)] + ep
        return f"{sp}-{ep}"
    pages = f"{sp}-{ep}" if sp and ep and "-" not in sp else (sp or ep)
    start, dash, end = pages.partition("-")
    if end[:1] == "-":  # "27--63" (Web of Science): a doubled dash, which normalise reads as one
        end = end[1:]
    if dash and start.isdigit() and end.isdigit():
        if end == start:  # "SP  - 125-125": one page
            return start
        if len(end) < len(start):
            end = start[: len(start) - len(end)] + end
        return f"{start}-{end}"
    if not pages or is_null(pages):
        return ""
    if pages.isascii() and _CLEAN_PAGES.fullmatch(pages):  # clean_text would give it back unchanged
        return nm.page_range(pages)
    return nm.normalise_pages(pages)


def link(tags: dict, keys) -> str:
    """The record's web link: the first ``http``... value among ``keys``; else whatever the link tag itself
    holds (EndNote's ``<Go to ISI>://WOS:...``).

    An e-mail address or ORCID in a link tag is no link (:func:`is_person_link`).

    >>> link({"UR": ["<Go to ISI>://WOS:1", "https://a.org/x "]}, ("UR", "L2")), link({"UR": "<Go to ISI>://WOS:1"}, ("UR",))
    ('https://a.org/x', '<Go to ISI>://WOS:1')
    >>> link({"UR": ["https://orcid.org/0000-0002-1825-0097", "https://a.org/x"]}, ("UR",))
    'https://a.org/x'
    >>> link({"UR": "a@b.org"}, ("UR",))
    ''
    """
    found = False
    for key in keys:
        value = tags.get(key)
        if not value:
            continue
        found = True
        for url in (value if value.__class__ is list else (value,)):
            if url.startswith(_URL_STARTS) and not is_person_link(url):
                return one_link(url)
    fallback = plain(tags, config.LINK_TAGS).strip() if found else ""
    return "" if is_person_link(fallback) else fallback


#: An e-mail address or an ORCID (bare or as a link): where an author is reached, not the record's link.
_PERSON = re.compile(r"^(?:mailto:)?[^\s@/:]+@[^\s@/]+\.[A-Za-z]{2,}$|orcid\.org/|^\d{4}-\d{4}-\d{4}-\d{3}[\dXx]$")


def one_link(value: str) -> str:
    """A link as exported, without what the export wrote after it in the same field: a link has no spaces, so
    the rest is a second link or a file on the exporting computer (Mendeley's
    ``http://dx.doi.org/10.1080/x file:///Users/.../paper.pdf``, EndNote's ``https://a.org/x, internal-pdf://...``,
    Rayyan's ``...&from=export     U2  - L2029880245``); it stays in ``raw``.

    >>> one_link(" https://a.org/x, internal-pdf://3779373774/paper.pdf"), one_link("https://a.org/Thoms 2007.pdf")
    ('https://a.org/x', 'https://a.org/Thoms 2007.pdf')
    """
    value = value.strip()
    return _SECOND_LINK.split(value, 1)[0] if " " in value or "\n" in value or "\t" in value else value


#: Where a second link (any scheme: file:, internal-pdf:, http:...) or a glued RIS line starts after a link
#: ("     U2  - L20", or "U2 - L20" once a table reader has closed up its spaces); a space alone does not end
#: it (a file name with a space: ".../Thoms 2007.pdf").
_SECOND_LINK = re.compile(r"[,;]?\s+(?=(?:[a-z][a-z0-9+.-]*:|www\.)\S)|" + _RUN_IN_RIS_TAG + r" (?=\S)")


def is_person_link(value: str) -> bool:
    """Whether a value put in a URL field is an author's e-mail address or ORCID rather than the record's
    link (it stays in ``raw``, with the rest of the export's fields).

    >>> is_person_link("jsilva@usp.br"), is_person_link("https://orcid.org/0000-0002-1825-0097")
    (True, True)
    >>> is_person_link("0000-0002-1825-009X"), is_person_link("https://www.scielo.br/j/rsp/a/x/")
    (True, False)
    """
    return bool(value) and ("@" in value or "orcid" in value or value[:1].isdigit()) and \
        bool(_PERSON.search(value.strip()))


def first_link(candidates, split: bool = True) -> str:
    """The first of ``candidates`` that is a record's link, not an e-mail address or ORCID (see
    :func:`is_person_link`); ``""`` when none is. With ``split``, each candidate may hold several links (a CSV
    cell), cut where :func:`one_link` cuts; without, each is one link (EndNote's ``<Go to ISI>://WOS:...``).

    >>> first_link(["a@b.org https://a.org/x"]), first_link(["<Go to ISI>://WOS:1"], split=False)
    ('https://a.org/x', '<Go to ISI>://WOS:1')
    >>> first_link(["https://a.org/Volume 9/7 Berenstein.pdf"]), first_link(["https://a.org/x U2 - L20"])
    ('https://a.org/Volume 9/7 Berenstein.pdf', 'https://a.org/x')
    """
    for value in candidates:
        for url in _SECOND_LINK.split(value.strip()) if split and value else (value.strip(),) if value else ():
            url = url.strip()
            if url and not is_person_link(url):
                return url
    return ""
