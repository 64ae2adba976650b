"""RIS exports in their database dialects, read by the tagged-format engine (:mod:`.tagged`).

A tag line is rispy's (two upper-case characters, two spaces, a dash), widened to 3-4 letter tags such as
APA PsycNET's ``PMID  -``; the list tags and the column table are :mod:`synthesis.io.config`'s. Nothing is
dropped silently:

* text between records is kept in the neighbouring record's ``raw``: a record number (Ovid's ``3001.``,
  Cochrane's ``Record #3 of 20``) as the next record's ``_number``; other lines (``Link to the Ovid Full
  Text``...) as the previous record's ``_after``; an APA ``Provider:``/``Database:`` preamble as the first
  record's ``_before``;
* a tag line after ``ER`` (Ovid writes ``NL`` there) still belongs to the record it follows;
* an ``AU`` line joining several authors with ``;`` (RIS written by R tools from WoS tables) gives each, and so
  does one joining names written given name first with commas or ``&`` (the Indigenous Studies Portal);
* a file written with one space before each dash (``TY - JOUR``, ``ER -``) is read the same;
* untagged continuation lines extend the tag above (one more keyword for list tags such as ``KW``,
  a new line of text for an abstract);
* a record whose ``ER`` never comes (a truncated file) is rejected with its line number.

Scopus keeps a record's EID in its link and Ovid its accession number: without an id tag, that is the
record's ``source_id``. A ``DB`` tag naming a BVS database (``LILACS``...) or a SciELO collection
(``SciELO Brazil``) names that record's database. Several ``AB`` lines (LILACS and SciELO write an abstract
per language) are all kept, joined with `` | `` (see :func:`synthesis.io.sources.fields.joined_abstracts`).

Examples
--------
>>> result = parse("TY  - JOUR\\nTI  - A trial\\nAU  - Smith, John\\nPY  - 2020\\nER  - \\n", "a.ris")
>>> result.found, result.records[0]["title"], result.records[0]["authors"], result.records[0]["year"]
(1, 'A trial', ['Smith, J.'], 2020)
"""
from __future__ import annotations

import re
from urllib.parse import unquote

from .. import config
from ..base import ParseResult
from ..databases import cochrane_database, ebsco_database, ovid_database, tagged_database
from ...normalise import fold_accents
from . import cochrane, register
from .fields import (ID_LINK_MARKS, author, authors_split, family_first, first, id_from_links, names_in_two_forms,
                     pmid_from_links, short_text, values)
from .tagged import Rule, TagFormat, finish, scan

FORMAT = "ris"


def _author_lines(tags: dict, row: dict) -> None:
    """Authors that one author line joins (see :func:`_joined_names`)."""
    names = tags.get("AU") or tags.get("A1")
    if names and (len(names) == 1 or ";" in names[0]):  # (several lines, none joining names: the usual record)
        authors = _joined_names(names)
        if authors is not None:
            row["authors"] = authors


def _joined_names(names: list) -> list | None:
    """The authors of a record's author lines when one line joins several names, else ``None``."""
    if len(names) == 1 and _may_join_names(names[0]):
        given_first = given_first_names(names[0])
        if given_first:
            return authors_split([";".join(given_first)])
    if ";" in names[0]:  # (one line holds them all: the first tells)
        # several authors on one line (``AU  - Elliot, T; Almenar, JB; Rugani, B``: RIS written by R tools
        # from WoS/Scholar tables); read as one name they became "Elliot, T. A. J. R. B."
        return authors_split(names)
    if len(names) == 1 and _MEDLINE_NAMES.fullmatch(names[0]):
        # MEDLINE's names joined with commas on one line (Ovid's CENTRAL: ``A1  - Achterbergh RCA, van der Helm
        # JJ, de Vries HJC``), read as one "Achterbergh RCA, V. D. H. J. ..."
        return authors_split([names[0].replace(", ", ";")])
    return None


#: "S, Choudhary": an initial where the family name goes, the family name after the comma
_INITIAL_FIRST = re.compile(r"[A-Z]\.?, [A-Z][a-z]+(?:[- ][A-Z][a-z]+)*")


def _rayyan_initial_first(tags: dict, row: dict) -> None:
    """A Rayyan record whose every author is written "initial, family name" (``AU  - S, Choudhary``: its early
    exports turned some imports' names round) read as "Choudhary, S.", so that it cites and meets its duplicates
    by the family name. One such name among ordinary ones is left as written: a family name of one letter exists.

    >>> row = {"authors": ["S, C.", "A, S."]}
    >>> _rayyan_initial_first({"AN": ["rayyan-14431"], "AU": ["S, Choudhary", "A, Singh"]}, row); row["authors"]
    ['Choudhary, S.', 'Singh, A.']
    """
    names = tags.get("AU")
    if (names and len(names) > 1 and str(first(tags, ("AN",))).startswith("rayyan-")
            and all(_INITIAL_FIRST.fullmatch(name.strip()) for name in names)):
        row["authors"] = [author(f"{family}, {initial}") for initial, family in
                          (name.strip().split(", ", 1) for name in names)]


def _names_in_two_forms(tags: dict, row: dict) -> None:
    """Each author once where the record names each twice, short and in full (see :func:`names_in_two_forms`)."""
    names = tags.get("AU")
    if names and len(names) > 1:
        row["authors"] = names_in_two_forms(names) or row["authors"]


def _proquest_authors(tags: dict, row: dict) -> None:
    """ProQuest's names written family name first without a comma (see :func:`proquest_author`), in a record
    whose author lines join no names."""
    names = tags.get("AU") or tags.get("A1")
    if names and any("," not in name for name in names) and _from_proquest(tags) and _joined_names(names) is None:
        row["authors"] = [a for a in (proquest_author(name) for name in names) if a]


def _proquest_page(tags: dict, row: dict) -> None:
    """The first page of ProQuest's link, where the record gives none (see :func:`_proquest_first_page`)."""
    if not row["pages"] and "L2" in tags and "spage=" in first(tags, ("L2",)) and _from_proquest(tags):
        row["pages"] = _proquest_first_page(first(tags, ("L2",)), row["volume"])


def _id_in_links(tags: dict, row: dict) -> None:
    """The record's id in its links (Scopus's EID, Ovid's accession...), where no tag gives one."""
    if ("UR" in tags or "L2" in tags) and (not row["source_id"] or row["source_id"] == first(tags, ("ID",))):
        row["source_id"] = id_from_links(tags) or row["source_id"]


def _pmid_in_links(tags: dict, row: dict) -> None:
    """A link to the record's PubMed page (tools that merge PubMed with others)."""
    if not row["pmid"] and ("UR" in tags or "L2" in tags):
        row["pmid"] = pmid_from_links(tags)


def _pmid_in_tag(tags: dict, row: dict) -> None:
    """A database that keeps the PubMed id in a tag of no fixed meaning, known by the record's link or its DB."""
    if not row["pmid"] and ("UR" in tags or "DB" in tags):
        links = " ".join(values(tags, ("UR",)))
        where = [tag for piece, tag in config.RIS_PMID_TAG_BY_LINK.items() if piece in links]
        where += [tag for db, tag in config.RIS_PMID_TAG_BY_DB.items() if tags.get("DB") == db]
        for tag in where:
            pubmed_id = first(tags, (tag,)).strip() if tag in tags else ""
            if _BARE_PMID.fullmatch(pubmed_id):
                row["pmid"] = pubmed_id
                break


def _ovid_link_after(tags: dict, row: dict) -> None:
    """Ovid's RIS gives a CENTRAL or Embase record's PubMed id only in the OpenURL link it prints after the
    record ("Link to the External Link Resolver: ...?sid=OVID:cctrdb&id=pmid:28587607&id=doi:..."), and the
    volume, issue and first page that some records leave out (see :func:`_fill_from_resolver`)."""
    if "_after" in tags and not (row["pmid"] and row["volume"] and row["issue"] and row["pages"]):
        after = " ".join(values(tags, ("_after",)))
        m = _RESOLVER_PMID.search(after) if not row["pmid"] else None
        if m:
            row["pmid"] = m.group(1)
        if "Link Resolver:" in after:
            _fill_from_resolver(row, after)


def _sciencedirect_journal(tags: dict, row: dict) -> None:
    """ScienceDirect writes the journal in JO and the title of a supplement or special issue in T2 ("T2  - 18th
    ICID abstract supplement 2018"), which the general reading (T2 before JO) took for the journal."""
    if "JO" in tags and "T2" in tags and any(_SCIENCEDIRECT_PAGE in url for url in values(tags, ("UR",))):
        row["journal"] = short_text(first(tags, ("JO",)))


def _no_nlm_codes(tags: dict, row: dict) -> None:
    """Ovid's MEDLINE RIS fills IS with the journal's NLM codes where the article has no issue ("IS  - dvl,
    8804476": Environ Pollut 244, 915-925); read as an issue it differs from every database's issue."""
    if "," in row["issue"] and _NLM_JOURNAL_CODES.fullmatch(row["issue"]):
        row["issue"] = ""


def _type_of_work(tags: dict, row: dict) -> None:
    """The type of work in M3 where the reference type does not say what the record is (the first of its types:
    "Trial registry record; Clinical trial protocol"), or where TY is Scopus's untranslated label."""
    kind = first(tags, ("M3",)).split(";", 1)[0].strip() if "M3" in tags else ""
    if kind in config.RIS_TYPES_OF_WORK:
        row["type"] = short_text(kind)
    elif row["type"].startswith(config.RIS_UNTRANSLATED_TYPE):
        label = row["type"][len(config.RIS_UNTRANSLATED_TYPE):].replace("_", " ").capitalize()
        row["type"] = short_text(first(tags, ("M3",))) or label


def _series_journal(tags: dict, row: dict) -> None:
    """The journal of a conference paper from the tags its type puts first (the proceedings before the series)."""
    journal_tags = config.RIS_JOURNAL_BY_TYPE.get(tags.get("TY"))
    if journal_tags is not None and "T3" in tags:  # (the order differs only where both BT and T3 may be given)
        row["journal"] = short_text(first(tags, journal_tags))


def _scopus_series(tags: dict, row: dict) -> None:
    """Scopus names a book series' source ("TY  - SER": Lecture Notes..., Mechanisms and Machine Science) only in
    C3, its "conference proceedings / series title"; other exports keep ids or affiliations there."""
    if "C3" in tags and not row["journal"] and tags.get("DB") == "Scopus":
        row["journal"] = short_text(first(tags, ("C3",)))


def _cochrane_records(tags: dict, row: dict) -> None:
    """The Cochrane Library's ids and databases (see :func:`_cochrane_library`)."""
    if "C3" in tags or row["source_id"].startswith(_COCHRANE_ACCESSION):  # (a record with no ids elsewhere has no C3)
        _cochrane_library(tags, row)


def _ebsco_authors(tags: dict, row: dict) -> None:
    """The authors EBSCOhost writes only in the notes (see :func:`ebsco_note_authors`)."""
    if not row["authors"] and "N1" in tags:
        row["authors"] = ebsco_note_authors(first(tags, ("N1",)))


#: The language EBSCOhost writes as the notes' own item ("; Language: Portuguese"), not "Language of Keywords: ...";
#: the MLA International Bibliography ends its items with a full stop instead ("... journal article. Language:
#: English. Update Code: 201001.").
_EBSCO_NOTE_LANGUAGE = re.compile(r"(?:^|;\s*|\.\s+)Language:\s*([^;.]+?)\s*(?:[;.](?:\s|$)|$)")


def _ebsco_language(tags: dict, row: dict) -> None:
    """The language EBSCOhost writes only in the notes of a record with no ``LA`` line (Fonte Acadêmica's RIS:
    ``N1  - Accession Number: 134630660; ...; Number of Pages: 7p; Language: Portuguese``), as the MLA
    International Bibliography does (``N1  - Accession Number: 2010392156. ... Language: English. ...``)."""
    if not row["language"] and "N1" in tags:
        note = first(tags, ("N1",))
        if note.startswith("Accession Number:"):
            m = _EBSCO_NOTE_LANGUAGE.search(note)
            if m:
                row["language"] = short_text(m.group(1))


def _compendex_id(tags: dict, row: dict) -> None:
    """Engineering Village keeps its accession number in U1 and its uncontrolled terms, one per line, in U2: the
    record's id is the number, not its first term ("City model")."""
    if "U1" in tags and "N1" in tags and _COMPENDEX_NOTE in " ".join(values(tags, ("N1",))):
        row["source_id"] = short_text(first(tags, ("U1",)))


#: Web of Science's RIS writes some tags without the line end before them: "WE  - Social Science Citation Index
#: (SSCI)AN  - WOS:000779383300004", "...SwitzerlandAD  - Univ Paris 01...", "...SpainPU  - ELSEVIER SCI LTD".
_GLUED_ACCESSION = re.compile(r"AN  - (WOS:\w+)")


def _wos_glued_accession(tags: dict, row: dict) -> None:
    """The Web of Science accession number (``WOS:...``) that Web of Science's RIS glues to the end of the
    record's last ``WE`` line, where no tag line reads it: the record had no id, which dedup and a WoS plain-text
    export of the same search (its ``UT``) match on."""
    if not row["source_id"]:
        m = _GLUED_ACCESSION.search(" ".join(values(tags, ("WE",))))
        if m:
            row["source_id"] = m.group(1)


#: A journal's two NLM codes, its old three-character code and its NLM unique id, in either order ("dvl, 8804476",
#: "0401664, du5", "6dr, 2985151r"; newer unique ids have nine digits: "do6, 100898843").
_NLM_JOURNAL_CODES = re.compile(r"[0-9a-z]{3}, (?:\d{7}r?|\d{9})|(?:\d{7}r?|\d{9}), [0-9a-z]{3}")
#: A ScienceDirect article page, the link its RIS export gives each record.
_SCIENCEDIRECT_PAGE = "sciencedirect.com/science/article/pii/"
#: A PubMed id written alone (1 to 9 digits, no leading zero).
_BARE_PMID = re.compile(r"[1-9]\d{0,8}")
#: Ovid's OpenURL link after a record, and one of its parameters (OpenURL 1.0 writes ``rft.volume=``).
_RESOLVER_LINK = re.compile(r"External Link Resolver: (\S+)")
_RESOLVER_PARAMETER = re.compile(r"[?&](?:rft\.)?(\w+)=([^&\s]*)")
_FIRST_PAGE = re.compile(r"[A-Za-z]?\d{1,9}")
#: The keys of that link that are read: its first author's family name, and the columns it fills.
_RESOLVER_KEYS_READ = frozenset({"aulast", *config.OVID_RESOLVER_KEYS})


def _fill_from_resolver(row: dict, after: str) -> None:
    """The volume, issue and first page that Ovid's OpenURL link below a record holds (see
    ``config.OVID_RESOLVER_KEYS``), where the record's tags give none. A volume or issue without a digit is none,
    and a first page is a number, or a letter and a number (BMJ's ``i2775``, PLOS's ``e1002047``): Ovid writes a
    fragment of the DOI there for some (``spage=jpm``, ``spage=yw016`` of Oxford's e-locator ``pyw016``).

    Only a link that describes the record is used: its first author's family name (``aulast``) is the record's
    (or both have none), and its volume is the record's when both give one. Ovid's CENTRAL writes links that mix
    in another paper's details (a 2018 Psychopharmacology trial by Barrett: ``aulast=roberts``, volume 76,
    issue 12, page 1833; a third of the CENTRAL links in ``../shared`` name another first author), where those
    of MEDLINE, Embase and PsycINFO agree with their record.
    """
    link = _RESOLVER_LINK.search(after)
    if not link:
        return
    found = {key: unquote(value.replace("+", " ")).strip() for key, value in _RESOLVER_PARAMETER.findall(link.group(1))
             if key in _RESOLVER_KEYS_READ}  # (a link holds some 15 keys: the title, the journal...)
    family = row["authors"][0].split(",")[0] if row["authors"] else ""
    if _name_key(found.get("aulast", "")) != _name_key(family):
        return
    if found.get("volume") and row["volume"] and found["volume"] != row["volume"]:
        return
    for key, value in found.items():
        column = config.OVID_RESOLVER_KEYS.get(key)
        if column and not row[column] and any(c.isdigit() for c in value) and (
                column != "pages" or _FIRST_PAGE.fullmatch(value)):
            row[column] = short_text(value)


def _proquest_first_page(link: str, volume: str) -> str:
    """The first page of ProQuest's OpenURL link (``L2``, ``...&sid=ProQ:...&volume=60&issue=8&spage=e633``) for a
    record with no ``SP``: ProQuest leaves out an e-locator there (The Gerontologist's ``e633``, in
    alfrossi/Meta_Analysis, social_services_abstracts.ris). Taken only from ProQuest's own link (its ``sid``)
    whose volume is the record's, and only when it is a page (a number, or a letter and a number).

    >>> _proquest_first_page("http://x/openurl?sid=ProQ:ProQ%3Asocialservices&volume=60&issue=8&spage=e633", "60")
    'e633'
    >>> _proquest_first_page("http://x/openurl?sid=ProQ:ProQ%3Asocabs&volume=61&spage=e633", "60")
    ''
    """
    found = {key: unquote(value.replace("+", " ")).strip() for key, value in _RESOLVER_PARAMETER.findall(link)}
    page = found.get("spage", "")
    if not found.get("sid", "").startswith("ProQ") or found.get("volume", volume) != volume:
        return ""
    return page if _FIRST_PAGE.fullmatch(page) else ""


def _name_key(name: str) -> str:
    """A family name to compare: lower case, letters only, no accents ("Carhart-Harris" and "carhart harris",
    "Krähenmann" and "Krahenmann" agree)."""
    return "".join(c for c in fold_accents(name.lower()) if c.isalpha())


#: The note Engineering Village writes on each Compendex record (see synthesis.io.databases.SIGNATURES).
_COMPENDEX_NOTE = "Compilation and indexing terms, Copyright"


#: The PubMed id in Ovid's OpenURL link (``sid=OVID:cctrdb&id=pmid:28587607``; a trial's "pmid:NCT02859935" is none).
_RESOLVER_PMID = re.compile(r"[?&]sid=OVID:\w+&id=pmid:(\d{1,9})&")
#: Two or more names in MEDLINE's form (family name, a space, up to four capital initials), joined with ", ".
_MEDLINE_NAME = r"[^\W\d_][^,;]*? [A-Z]{1,4}"
_MEDLINE_NAMES = re.compile(f"{_MEDLINE_NAME}(?:, {_MEDLINE_NAME})+")
#: One name written given name first: two to four words, each capitalised (``Rima Wilkes``, ``Gary N. Wilson``).
_GIVEN_FIRST = r"[^\W\d_a-z][\w.'’-]*(?: [^\W\d_a-z][\w.'’-]*){1,3}"
_GIVEN_FIRST_LIST = re.compile(f"{_GIVEN_FIRST}(?:, {_GIVEN_FIRST}){{2,}}")
_GIVEN_FIRST_PAIR = re.compile(f"({_GIVEN_FIRST}) (?:&|and) ({_GIVEN_FIRST})")
_BARE_EMAIL = re.compile(r"\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?=\s|$)")


def given_first_names(line: str) -> list[str]:
    """The names one author line joins when they are written given name first, as the Indigenous Studies Portal's
    RIS writes them: three or more joined with commas (``Rima Wilkes, Aaron Duong, Linc Kesler``), or the last two
    of a list joined with ``&`` or ``and`` (``Marcia Anderson & Ian Whetter``, after an e-mail address is dropped);
    ``[]`` for a line that is not such a list. Read as one name, "Rima Wilkes, Aaron Duong, ..." became the author
    "Rima Wilkes, A. D. L. K." and the others were lost.

    >>> given_first_names("Rima Wilkes, Aaron Duong, Linc Kesler, Howard Ramos")
    ['Rima Wilkes', 'Aaron Duong', 'Linc Kesler', 'Howard Ramos']
    >>> given_first_names("Catherine Cook; Marcia Anderson & Ian Whetter")
    ['Catherine Cook', 'Marcia Anderson', 'Ian Whetter']
    >>> given_first_names("Lynne Stuart lstuart@usc.edu.au and Don Gorman")
    ['Lynne Stuart', 'Don Gorman']
    >>> given_first_names("Smith, John, PhD"), given_first_names("Andrea Sterzuk, Russell Fayant")
    ([], [])
    >>> given_first_names("Department of Health and Social Care; Public Health England")
    []
    """
    parts = [p.strip() for p in _BARE_EMAIL.sub("", line).split(";") if p.strip()]
    names, split = [], False
    for part in parts:
        pair = _GIVEN_FIRST_PAIR.fullmatch(part)
        if pair:
            names += [pair.group(1), pair.group(2)]
            split = True
        elif _GIVEN_FIRST_LIST.fullmatch(part):
            names += part.split(", ")
            split = True
        else:
            names.append(part)
    return names if split else []


def _may_join_names(line: str) -> bool:
    """Whether an author line can hold names that :func:`given_first_names` parts: three joined with commas need
    two commas, two joined need "&" or "and" (a cheap look before its patterns, for the usual "Smith, John")."""
    return line.count(",") >= 2 or "&" in line or "and" in line


#: A pair of names written given name first and joined with one comma (``Andrea Sterzuk, Russell Fayant``).
_GIVEN_FIRST_COMMA_PAIR = re.compile(f"({_GIVEN_FIRST}), ({_GIVEN_FIRST})")


def _ends_with_family_name(name: str) -> bool:
    """Whether a name's last word is a family name rather than initials ("Russell Fayant", not "Morton Ninomiya,
    Melody E." nor MEDLINE's "Achterbergh RCA")."""
    last = name.rsplit(" ", 1)[-1]
    return len(last) > 1 and not last.endswith(".") and not (last.isupper() and len(last) <= 4)


def comma_pair(line: str) -> list[str]:
    """The two names of an author line that joins two names written given name first with one comma, else ``[]``.

    ``Andrea Sterzuk, Russell Fayant`` is two people only in a file that writes its names given name first; the
    same shape is one name family name first elsewhere (``Figueroa Romero, Dolores Maria``): the caller decides
    (see :func:`_split_comma_pairs`).

    >>> comma_pair("Andrea Sterzuk, Russell Fayant"), comma_pair("Morton Ninomiya, Melody E."), comma_pair("Roy, Loriene")
    (['Andrea Sterzuk', 'Russell Fayant'], [], [])
    """
    m = _GIVEN_FIRST_COMMA_PAIR.fullmatch(line.strip())
    if m and _ends_with_family_name(m.group(1)) and _ends_with_family_name(m.group(2)):
        return [m.group(1), m.group(2)]
    return []


def _split_comma_pairs(rows: list[dict]) -> None:
    """In a file that writes most of its names given name first (the Indigenous Studies Portal: ``Loriene Roy``,
    ``Christine A. Nelson; Natalie R. Youngbull``), an author line of two such names joined with one comma is two
    authors: read as one name, "Andrea Sterzuk, Russell Fayant" became "Andrea Sterzuk, R. F."."""
    pairs = {}
    for k, row in enumerate(rows):
        names = row["raw"].get("AU") or row["raw"].get("A1")
        if names and len(names) == 1 and names[0].count(",") == 1:
            pair = comma_pair(names[0])
            if pair:
                pairs[k] = pair
    if not pairs:
        return
    given_first = family_first = 0
    for k, row in enumerate(rows):
        if k in pairs:
            continue
        for line in row["raw"].get("AU") or row["raw"].get("A1") or ():
            for name in line.split(";"):
                name = name.strip()
                if "," in name:
                    family_first += 1
                elif _GIVEN_FIRST_NAME.fullmatch(name) and _ends_with_family_name(name):
                    given_first += 1
    if given_first > family_first:
        for k, pair in pairs.items():
            rows[k]["authors"] = authors_split([";".join(pair)])


_GIVEN_FIRST_NAME = re.compile(_GIVEN_FIRST)
_NOTE_AUTHOR = re.compile(r"^([^\d:;,]+,[^\d:;,]+?)(?:\s+\d+(?:,\d+)*)?$")  # "Sterner, Thomas 1", "West, T. A. P. 1,2"


def ebsco_note_authors(note: str) -> list[str]:
    """The authors that EBSCOhost writes only into a record's notes, as its "Case Study" and other GEN records do:
    ``Accession Number: 96344796; Sterner, Thomas 1; Alem, Yonas 2; Affiliations: ...``.

    Names come between the accession number and the next labelled item (an e-mail address between them is
    passed over); anything else in the notes gives none.

    >>> ebsco_note_authors("Accession Number: 100510174; Lestari, Sri 1; Kotani, Koji 2; Email Address: k@k.jp; "
    ...                    "Kakinaka, Makoto 3; Affiliations: 1 : Forestry Research Institute; Source Info: Mar2015")
    ['Lestari, S.', 'Kotani, K.', 'Kakinaka, M.']
    >>> ebsco_note_authors("Accession Number: 1; Source Info: 2014"), ebsco_note_authors("Cited by 4; Smith, J")
    ([], [])
    """
    if not note or not note.startswith("Accession Number:"):
        return []
    names = []
    for item in note.split("; ")[1:]:
        item = item.strip()
        if item.startswith("Email Address:"):
            continue
        m = _NOTE_AUTHOR.match(item)  # (a labelled item, "Affiliations: ...", has a colon: no name)
        if not m:
            break
        names.append(m.group(1).strip())
    return authors_split(names)


#: How the Cochrane Library's accession numbers start (CENTRAL's CN-, the reviews' CD).
_COCHRANE_ACCESSION = ("CN-", "CD")


def _cochrane_library(tags: dict, row: dict) -> None:
    """The Cochrane Library's RIS: the record's ids in other databases in ``C3`` (``PUBMED 38407106,EMBASE
    643589775``) give its PubMed id, and its accession number (``AN  - CN-00778158``) its database, as the
    Library's plain text does (:mod:`.cochrane`); only for a record with the Library's link and no ``DB``
    (Ovid's EBM Reviews name theirs)."""
    if not row["pmid"]:
        row["pmid"] = cochrane.pubmed_id(values(tags, ("C3",)))
    page = first(tags, ("JA",))
    if "T2" in tags and page.startswith("http") and " " not in page:
        # Ovid's CENTRAL: a register's record has its scientific title in T2 and the register's page in JA, where
        # the Library's own RIS writes the page in JO; the page is its source (and names its registration), the
        # title no journal
        row["journal"] = short_text(page)
    ids = " ".join(values(tags, ("C3", "JA")))
    if row["authors"] and ids and all(len(a) > 4 and a in ids for a in row["authors"]):
        # a trial registry record's "author" is its registration number ("AU  - NCT06882096,", the register's
        # page in JA, "C3  - CTgov NCT06882096"): a number, not a person, on the screening card and in the library
        row["authors"] = []
    if "DB" not in tags and any("cochranelibrary.com" in url for url in values(tags, ("UR", "L2"))):
        database = cochrane_database(row["source_id"])
        if database:
            row["source_database"] = database


#: A RIS reference type (``JOUR``, ``CHAP``, ``CPAPER``...): what a ``TY`` line opening a record holds. Scopus's
#: older RIS (here from its Chinese interface, 2016) writes the document type as a second ``TY`` line inside the
#: record (``TY  - Review``, after ``N1  - Export Date``): kept as ``M3``, the record's type of work, where it
#: opened a record of its own with no title.
_TYPE_CODE = re.compile(r"[A-Z][A-Z0-9]{1,7}")

#: The tags that keep a record's PubMed id in some databases' RIS (see config.RIS_PMID_TAG_BY_LINK).
_PMID_TAGS = "|".join(sorted({*config.RIS_PMID_TAG_BY_LINK.values(), *config.RIS_PMID_TAG_BY_DB.values()}))

#: The dialect rules, in the order they apply to a row (a later one reads what an earlier one wrote: the PubMed id
#: from the links before the one in a tag), each with what a record needs for it to change its row: its tags (one
#: of those joined by "|"), and a piece of one of its links (UR, L2).
RULES = (
    Rule(_author_lines, needs=("AU|A1",)),
    Rule(_names_in_two_forms, needs=("AU",), marks=("epistemonikos.org/",)),
    Rule(_rayyan_initial_first, needs=("AN", "AU")),
    Rule(_proquest_authors, needs=("AU|A1", "UR|L2"), marks=("proquest.com/",)),
    Rule(_proquest_page, needs=("L2",), marks=("proquest.com/",)),
    Rule(_id_in_links, needs=("UR|L2",), marks=ID_LINK_MARKS),
    Rule(_pmid_in_links, needs=("UR|L2",), marks=("pubmed",)),
    Rule(_pmid_in_tag, needs=("UR|DB", _PMID_TAGS)),
    Rule(_ovid_link_after, needs=("_after",)),
    Rule(_sciencedirect_journal, needs=("JO", "T2", "UR"), marks=(_SCIENCEDIRECT_PAGE,)),
    Rule(_no_nlm_codes),
    Rule(_type_of_work),
    Rule(_series_journal, needs=("T3",)),
    Rule(_scopus_series, needs=("C3", "DB")),
    Rule(_cochrane_records),
    Rule(_ebsco_authors, needs=("N1",)),
    Rule(_ebsco_language, needs=("N1",)),
    Rule(_compendex_id, needs=("U1", "N1")),
    Rule(_wos_glued_accession, needs=("WE",)),
)

RIS = TagFormat("RIS", re.compile(r"\n([A-Z][A-Z0-9]{1,3})  -[ \t]?"), config.RIS_COLUMNS,
                list_tags=config.RIS_LIST_TAGS, start="TY", end="ER", join="\n", keep_outside=True,
                inner_start=(_TYPE_CODE, "M3"), rules=RULES, fact_tags=("UR", "L2"))


#: A tag line written with one space before the dash (``TY - JOUR``, ``ER -``), as some tools write RIS.
_ONE_SPACE_TAG = re.compile(r"^([A-Z][A-Z0-9]{1,3}) -(?= |$)", re.M)


def _one_space_ris(head: str) -> bool:
    """Whether records open with ``TY - `` and close with ``ER -`` (one space before each dash)."""
    return "\nTY - " in head and re.search(r"^ER -[ \t]*$", head, re.M) is not None


def sniff(text: str, path="") -> int:
    """RIS when ``TY  -`` lines open records; ``ER  -`` lines make it sure (also with one space before the
    dash, above MEDLINE's score: its tags have the same look)."""
    head = "\n" + text[:50000]  # plain searches: a multi-line regular expression tests every character
    if "\nTY  - " not in head:
        return 85 if _one_space_ris(head) else 0
    score = 80 + (10 if "\nER  -" in head else 0)
    return score + (5 if str(path).lower().endswith((".ris", ".ovid")) else 0)


def _from_proquest(raw: dict) -> bool:
    """Whether a record links to its ProQuest document page (``search.proquest.com/docview/2214991469``, or in
    the newer form ``.../scholarly-journals/<title>/docview/2472035831/se-2``): its ``DB`` tag then names the
    ProQuest database it came from."""
    return any("proquest.com/" in link and "/docview/" in link for link in values(raw, ("UR", "L2")))


def proquest_author(name: str) -> str:
    """One author of a ProQuest record. ProQuest writes most names ``Family, Given``, but the names it takes from
    some publishers' feeds (SAGE's, Springer's) without a comma and family name first: ``Scuderi Raffaele``,
    ``Hashim Intan H M``, ``van den Nouwelant Ryan``, ``Yu Esther Yee Tak``. Read as any name, the given name
    became the family name ("Raffaele, S.", "Tak, Y. E. Y.").

    In 29 records of two real ProQuest exports (Sociological Abstracts, Social Services Abstracts), 27 of the 28
    names without a comma were family name first; the one that was not is ``Frances Marcus Lewis``, which this
    reads "Frances, M. L.". A name that opens with an initial (``J Smith``) is read as any name.

    >>> proquest_author("Scuderi Raffaele"), proquest_author("van den Nouwelant Ryan"), proquest_author("Rye, B J")
    ('Scuderi, R.', 'van den Nouwelant, R.', 'Rye, B. J.')
    >>> proquest_author("Hashim Intan H M"), proquest_author("Yu Esther Yee Tak"), proquest_author("J Smith")
    ('Hashim, I. H. M.', 'Yu, E. Y. T.', 'Smith, J.')
    """
    words = name.split()
    if "," in name or len(words) < 2 or _PROQUEST_INITIAL.fullmatch(words[0]):
        return author(name)
    return family_first(name)


#: An initial opening a name (``J Smith``, ``J. Smith``): such a name is given name first.
_PROQUEST_INITIAL = re.compile(r"[^\W\d_]\.?")


def _name_platform_databases(rows: list[dict], dbs: list[str], named: dict) -> None:
    """Records of several databases searched together on one platform and exported in one file (EBSCOhost's
    ``DP  - EBSCOhost`` with ``DB  - psyh`` and ``DB  - cin20``; Ovid's ``DB  - Embase`` and ``DB  - Ovid
    MEDLINE(R)`` beside its links): each is named after its own database, so PRISMA counts each database's
    records. A file of one database stays named per file."""
    names = {}
    for k, (row, db) in enumerate(zip(rows, dbs)):
        if not db or named[db]:
            continue
        raw = row["raw"]
        if first(raw, ("DP",)) == "EBSCOhost":
            names[k] = ebsco_database(db.strip())
        elif any("ovidsp.ovid.com" in link for link in values(raw, ("UR", "L2"))):
            names[k] = ovid_database(db)
    if len(set(names.values())) >= 2:
        for k, name in names.items():
            rows[k]["source_database"] = name


def _name_databases(rows: list[dict]) -> str:
    """Each record's database from its ``DB`` tag where that names a BVS database (LILACS...) or a SciELO
    collection (``SciELO Brazil``), or in ProQuest's own export (every record with a ``DB`` tag links to its
    ProQuest document: ``DB  - PTSDpubs``, ``ProQuest Central``, named as written, as ProQuest's plain text names
    them, unless the search ran over several ProQuest databases); other ``DB`` values (EBSCOhost's codes, Ovid's)
    are named per file. Returns the ProQuest database that every record names, or ``""``."""
    dbs = [first(row["raw"], ("DB",)) if "DB" in row["raw"] else "" for row in rows]
    distinct = set(filter(None, dbs))  # a file names a few databases, each judged once
    if not distinct:
        return ""
    from_bvs = any(tagged_database(db).endswith("(BVS)") for db in distinct)
    named = {db: tagged_database(db, from_bvs) for db in distinct}
    for row, db in zip(rows, dbs):
        if db and named[db]:
            row["source_database"] = named[db]
    _name_platform_databases(rows, dbs, named)
    # ProQuest's own export: every record with a DB tag links to its ProQuest document (a reference manager's
    # file mixing ProQuest records with others keeps its records named per file, as the others are)
    others = [(row, db) for row, db in zip(rows, dbs) if db and not named[db]]
    if not others or not all(_from_proquest(row["raw"]) for row, _ in others):
        return ""
    if any("; " in db for _, db in others):
        # a search of several ProQuest databases at once: each record lists those that hold it ("ProQuest
        # Central; Sociological Abstracts"), a list that differs from record to record and would split one search
        # into as many "databases"; the file is named as a whole, by its links and its name (see infer_database)
        return ""
    for row, db in others:
        row["source_database"] = short_text(db)
    proquest = {row["source_database"] for row, _ in others}
    return proquest.pop() if len(proquest) == 1 and len(others) == len(rows) else ""


def parse(text: str, path="") -> ParseResult:
    """Read a RIS export (any dialect listed in the module docstring)."""
    if "\nTY  - " not in "\n" + text[:50000] and _one_space_ris("\n" + text[:50000]):
        # "TY - JOUR": each tag line gets RIS's two spaces (line numbers stay); read as MEDLINE, two
        # records ran together and the issue became the ISSN
        text = _ONE_SPACE_TAG.sub(r"\1  -", text)
    found = scan(text, RIS, build=True)
    result = finish(found, RIS)
    _split_comma_pairs(result.records)
    database = _name_databases(result.records) if "DB" in found.tags_seen else ""  # (a tag of the whole file)
    if database:  # a ProQuest file of one database (PTSDpubs) is named after it
        result.database = database
    return result


register(FORMAT, sniff, parse, "RIS")
