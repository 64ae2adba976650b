"""Stage 1 of deduplication: prepare the fields that decide whether two records are the same paper.

:func:`prepare` turns a record table (see :mod:`synthesis.records`) into a table of comparison fields,
one row per record and in the same order. Every field is a plain string (``""`` when unknown) or an
integer (``-1`` when unknown), so later stages can compare whole columns at once. Each field has its own
small function, so a reviewer can see and test what "the same title" or "the same journal" means.

Examples
--------
>>> normalise_title("RETRACTED: The <i>Effect</i> of Caf&eacute; on {\\\\'e}lite sleep -- Part II.")
'the effect of cafe on elite sleep part ii'
>>> title_numbers("Phase II trial of drug 3 in type 2 diabetes")
'2 3'
>>> journal_keys("J. Am. Med. Assoc.")[0] == journal_keys("Journal of the American Medical Association")[0]
True
>>> author_key(["van der Berg, Anna", "Smith JR"])
'berg a smith j'
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from urllib.parse import unquote

import numpy as np
import pandas as pd

from ..io.columns import RUN_TOGETHER
from ..io.databases import TRIAL_REGISTERS
from ..normalise import (EAST_ASIAN_CHAR, UNSPACED_CHAR, first_page, normalise_doi, normalise_pages,
                         simplified_chinese)
from .parallel import Background

__all__ = [
    "prepare", "normalise_title", "title_numbers", "record_kind", "publication_kind", "is_conference",
    "journal_keys", "author_key", "cjk_name_key", "first_author", "names_swapped", "normalise_number",
    "PREPARED_COLUMNS",
    "recurring_titles",
    "ignore_shared_dois",
    "lost_superscripts", "dotted_numerals", "numbers_written_apart", "record_number_sources", "GENERIC_TITLES", "trial_registration",
]

_TAG = re.compile(r"<[^>]{0,200}>")
_LATEX_CMD = re.compile(r"\\[A-Za-z]+\s*|\\[^A-Za-z\s]")
_RETRACTED = re.compile(r"^\s*[\[(]?\s*(?:retracted|withdrawn)(?:\s+article)?\s*[\])]?\s*[:.\-]\s*"
                        r"|\s*[\[(]\s*retracted(?:\s+article)?\s*[\])]\s*\.?\s*$", re.I)
# Letters and digits of any script are kept (a Russian or Chinese title is compared like an English one); the
# rest, and the underscore, separate words.
_NON_ALNUM = re.compile(r"[\W_]+")
_PUNCT_TO_SPACE = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum() or chr(c).isupper()})
_PUNCT_DELETE = str.maketrans({chr(c): None for c in range(128) if not chr(c).isalnum() or chr(c).isupper()})
# The same two tables for bytes (several times faster than str.translate): ASCII punctuation and capitals to
# a space, or deleted; bytes from 128 up (the parts of UTF-8 encoded non-ASCII letters) are kept as they are.
_BYTES_TO_SPACE = bytes(c if c >= 128 or (chr(c).isalnum() and not chr(c).isupper()) else 32 for c in range(256))
_BYTES_DELETE = bytes(c for c in range(128) if not chr(c).isalnum() or chr(c).isupper())
_NUMBER = re.compile(r"\d+")
#: Languages that Embase names after the English title of an article in another language.
_LANGUAGES = ("Afrikaans", "Arabic", "Bosnian", "Bulgarian", "Catalan", "Chinese", "Croatian", "Czech", "Danish",
              "Dutch", "Estonian", "Finnish", "French", "German", "Greek", "Hebrew", "Hungarian", "Icelandic",
              "Indonesian", "Italian", "Japanese", "Korean", "Latvian", "Lithuanian", "Malay", "Norwegian", "Persian",
              "Polish", "Portuguese", "Romanian", "Russian", "Serbian", "Slovak", "Slovene", "Slovenian", "Spanish",
              "Swedish", "Thai", "Turkish", "Ukrainian", "Vietnamese")
# Embase gives such an article as "English title. German" and often the original title on a line after it:
# "Interaction of adenosine with leukocytes. German\nInteraktion von Adenosin mit ...". Only the English title
# is compared (the other database gives that alone).
_LANGUAGE_TAIL = re.compile(r"\.\s*(?:" + "|".join(_LANGUAGES) + r")\s*(?:\n[\s\S]*)?$")
# Notes that databases append to titles: "[Review] [45 refs]", "[Erratum appears in ...]", "[Article in
# Japanese]", "(Provisional abstract)". A title wholly in brackets (a translated title) is kept.
_TRAILING_NOTE = re.compile(r"\s*(?:\[[^\[\]]{0,300}\]|\((?:provisional|structured)?\s*abstract\))\s*\.?\s*$", re.I)
_CITATION_NOTE = re.compile(r"\s*\.?\s*\[(?:erratum|published erratum|corrected|retraction|comment|see |"
                            r"review|\d+ refs|update)[^\n]*$", re.I)
# Web of Science marks a correction by citing the corrected article: "Title (vol 360, pg 542, 2009)".
_CORRECTION_CITE = re.compile(r"\(\s*vol\.? \d+[^()]*\bpg?\.? \w+[^()]*\)\s*\.?\s*$", re.I)
# Embase does the same as "Title (New England Journal of Medicine (2009) 360 (542-544))".
_CORRECTION_CITE_JOURNAL = re.compile(r"\(\s*[A-Z][^()]{2,150}\(\s*(?:1[89]|20)\d\d\s*\)\s*\d+\s*"
                                      r"\(\s*[A-Za-z]?\d+(?:\s*-\s*[A-Za-z]?\d+)?\s*\)\s*\)\s*\.?\s*$", re.I)


def _cited_article(title: str):
    """The citation of the corrected article at the end of a correction's title, if there is one."""
    if not title.endswith((")", ").")):
        return None
    return _CORRECTION_CITE.search(title) or _CORRECTION_CITE_JOURNAL.search(title)
_JOURNAL_CONFERENCE = re.compile(r"[.:]\s*(?:conference|congress|meeting)\b.*$", re.I)
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "xi": 11, "xii": 12,
          "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20}
# "i", "v" and "x" are words or letters too often; they count as numbers only after these words.
_ROMAN_SHORT = {"i": 1, "v": 5, "x": 10}
_NUMBERED = {"part", "phase", "type", "stage", "grade", "class", "study", "trial", "volume", "vol", "section",
             "chapter", "experiment", "paper", "series", "wave", "cohort"}

#: Prepared comparison fields (see :func:`prepare`).
PREPARED_COLUMNS = ["doi", "pmid", "registration", "title", "title_key", "title_numbers", "kind", "conference",
                    "typed", "authors", "first_author", "year", "journal", "journal_initials", "volume", "issue", "page",
                    "last_page", "abstract", "generic"]


def _fold(text: str) -> str:
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).replace("ß", "ss").replace("ø", "o")


def _plain(value) -> str:
    """Lower-case words separated by single spaces; markup, accents and punctuation removed (letters of
    other scripts kept, traditional Chinese characters written as simplified ones)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:  # inline markup joins its neighbours: K<inf>Ca</inf>3.1 is KCa3.1
        text = _TAG.sub("", text)
    if "\\" in text:
        text = _LATEX_CMD.sub("", text)
    if "{" in text:  # BibTeX protects capitals with braces: {HPV}
        text = text.replace("{", "").replace("}", "")
    text = _fold(text.lower())
    if text.isascii():  # the common case: a byte translation table is faster than a regular expression
        return " ".join(text.encode("ascii").translate(_BYTES_TO_SPACE).decode("ascii").split())
    # one paper's copies from Taiwanese and mainland databases: traditional and simplified characters
    return _NON_ALNUM.sub(" ", simplified_chinese(text)).strip()


def normalise_title(value, max_chars: int = 400) -> str:
    """The title as compared: case, accents, HTML, LaTeX, punctuation and a "RETRACTED:" mark removed.

    Very long titles (a whole abstract pasted into the title field) are cut to ``max_chars``
    characters, so one pathological record cannot slow every comparison down.

    >>> normalise_title("[Diabetes in Über-Städten]. (Retracted article)")
    'diabetes in uber stadten'
    >>> normalise_title("Interaction of adenosine with platelets. German\\nInteraktion von Adenosin mit Thrombozyten")
    'interaction of adenosine with platelets'
    >>> normalise_title("[Neoadjuvant chemotherapy in stage IIIA] <ORIGINAL> NEOADJUVANTE CHEMOTHERAPIE")
    'neoadjuvant chemotherapy in stage iiia'
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)[: max_chars * 4]
    if "etract" in text or "ithdrawn" in text or "ETRACT" in text or "ITHDRAWN" in text:
        text = _RETRACTED.sub(" ", text)
    m = _CITATION_NOTE.search(text) if "[" in text else None
    if m and m.start() >= 10:  # ".[Erratum appears in ..." even when the field was cut short
        text = text[: m.start()]
    at = text.find(" <ORIGINAL>")  # BIOSIS and CAB give the original-language title after the English one
    if at >= 10:
        text = text[:at]
    text = text.rstrip()
    if "\n" in text or text.endswith(_LANGUAGES):
        m = _LANGUAGE_TAIL.search(text)
        if m and m.start() >= 10:
            text = text[: m.start()]
    while text.endswith(("]", "].", ")", ").")):  # "[Review] [45 refs]", "(Provisional abstract)"
        m = _TRAILING_NOTE.search(text)
        if not m or m.start() < 10:
            break
        text = text[: m.start()]
    return _plain(text)[:max_chars].strip()


def title_numbers(value) -> str:
    """The numbers in a title (digits and roman numerals), sorted, as one string.

    Two titles whose numbers differ (Part I / Part II, phase 2 / phase 3) are different papers.

    >>> title_numbers("Outcomes, part I: 12 months"), title_numbers("Should I stay?")
    ('1 12', '')
    """
    words = normalise_title(value).split() if not isinstance(value, list) else list(value)
    k = 1
    while k < len(words):  # "10 000 women" is 10000 women
        if len(words[k]) == 3 and words[k].isdigit() and words[k - 1].isdigit() and len(words[k - 1]) <= 3:
            words[k - 1:k + 1] = [words[k - 1] + words[k]]
        else:
            k += 1
    found = set()
    prev = ""
    for w in words:
        if not w.isalpha():  # digits anywhere: "kca3 1" and "k ca 3 1" both hold 3 and 1
            found.update(int(d) for d in _NUMBER.findall(w))
        elif w in _ROMAN:
            found.add(_ROMAN[w])
        elif w in _ROMAN_SHORT and prev in _NUMBERED:
            found.add(_ROMAN_SHORT[w])
        prev = w
    return " ".join(str(n) for n in sorted(found))


#: A word that is letters followed by digits (and perhaps more letters): "ca2", "f2t".
_GLUED = re.compile(r"^([^\W\d_]+)\d\w*$")
_GLUED_IN = re.compile(r"[^\W\d_]\d")
#: The letters of each such word of a title (its words are separated by single spaces).
_GLUED_PREFIXES = re.compile(r"(?<!\S)([^\W\d_]+)\d\w*(?!\S)")


def lost_superscripts(a: str, b: str) -> bool:
    """Whether two titles' numbers, known to differ, differ only where one database lost a superscript or subscript.

    "Ca2+ overload" exported as "Ca overload", "15-F2t-isoprostane" as "15-F-isoprostane": a word of one
    title is a word of the other followed by digits (and perhaps letters). Numbers standing alone, or inside
    words of both titles ("H1N1", "H5N1"), still count.

    >>> lost_superscripts("ca2 overload in rats", "ca overload in rats"), lost_superscripts("h1n1", "h5n1")
    (True, False)
    """
    if not (_GLUED_IN.search(a) or _GLUED_IN.search(b)):  # most titles: no such word, nothing to forgive
        return False
    wa, wb = a.split(), b.split()
    plain_a, plain_b = set(wa), set(wb)
    if plain_b.isdisjoint(_GLUED_PREFIXES.findall(a)) and plain_a.isdisjoint(_GLUED_PREFIXES.findall(b)):
        return False  # no glued word has lost its number in the other title: the numbers differ as they are

    def dropped(words, other):
        out = []
        for w in words:
            m = _GLUED.match(w)
            out.append(m.group(1) if m and m.group(1) in other and w not in other else w)
        return out

    return _numbers_of(" ".join(dropped(wa, plain_b))) == _numbers_of(" ".join(dropped(wb, plain_a)))


#: Single letters in a row that spell a roman numeral ("i v"): an abbreviation written with dots ("i.v.").
_LETTER_RUN = re.compile(r"(?<!\S)[ivx](?: [ivx]){1,3}(?!\S)")


def dotted_numerals(a: str, b: str) -> bool:
    """Whether two titles' numbers, known to differ, differ only where one title writes an abbreviation with dots
    and the other without, which then reads as a roman numeral: "i.v." and "IV" (intravenous) are one word.

    Titles are compared after :func:`normalise_title`, where "i.v." has become the letters "i v"; joined, they
    are the "iv" of the other title, and the numbers of the two are compared again.

    >>> dotted_numerals("low dose i v acetylcholine", "low dose iv acetylcholine")
    True
    >>> dotted_numerals("stage ii and i v fluids", "stage iv and iv fluids")
    False
    """
    if not (_LETTER_RUN.search(a) or _LETTER_RUN.search(b)):
        return False

    def joined(title):
        return _LETTER_RUN.sub(lambda m: m.group(0).replace(" ", ""), title)

    return _numbers_of(joined(a)) == _numbers_of(joined(b))


def numbers_written_apart(a: str, b: str) -> bool:
    """Whether two titles' numbers, known to differ, are one title's numbers written two ways: a superscript
    lost (:func:`lost_superscripts`) or an abbreviation with and without its dots (:func:`dotted_numerals`).

    >>> numbers_written_apart("ca2 overload in rats", "ca overload in rats"), numbers_written_apart("part i", "part ii")
    (True, False)
    """
    return lost_superscripts(a, b) or dotted_numerals(a, b)


_KIND_PATTERNS = [
    ("erratum", re.compile(r"^(?:erratum|errata|corrigend\w*|correction|corrections|author correction|"
                           r"publisher correction|publisher s note|notice of correction|addendum|addenda)\b")),
    ("retraction", re.compile(r"^(?:retraction|retraction note|retraction notice|notice of retraction|"
                              r"withdrawal|withdrawn|expression of concern|editorial expression of concern)\b")),
    ("reply", re.compile(r"^(?:reply|replies|response|responses|in reply|author reply|authors reply|"
                         r"the authors reply|authors response|author s reply|authors response to|rebuttal)\b")),
    ("comment", re.compile(r"^(?:comment|comments|commentary on|re|letter to the editor re|"
                           r"letter regarding|letter re|in response to|invited commentary on)\b")),
]
_REPLY_END = re.compile(r"\b(?:reply|authors reply|author reply|authors response|reply to comment|"
                        r"response to comment|the authors reply)$")
_KIND_FIRST_WORDS = {"erratum", "errata", "corrigendum", "corrigenda", "correction", "corrections", "addendum",
                     "addenda", "author",
                     "authors", "author's", "authors'", "publisher", "publisher's", "notice", "retraction",
                     "retracted", "withdrawn", "withdrawal", "expression", "editorial", "reply", "replies",
                     "response", "responses", "in", "rebuttal", "comment", "comments", "commentary", "re",
                     "letter", "invited", "retracted:", "withdrawn:"}
_KIND_TYPES = {"erratum": "erratum", "correction": "erratum", "retraction": "retraction",
               "comment": "comment", "reply": "reply"}
# Titles that say which report of a study a record is. A study's protocol, pilot, interim and final results,
# follow-up and secondary analyses share most of their title, authors and often journal and year, but they
# are different reports, which a review counts apart. (Rispy-style table: kind -> pattern; a title with
# several gets them all, in this order.)
_REPORT_KINDS = [  # (kind, words one of which the lower-cased title must hold, pattern)
    ("study protocol", ("protocol", "design"), re.compile(
        r"(?<![\w-])(?:(?:study|trial|review|research|evaluation) protocol|protocol (?:for|of) (?:a|an|the)"
        r"|protocol paper)(?![\w-])|^\W*protocol\W*:|\(protocol\)|\brationale,? and (?:study )?design\b"
        r"|\bdesign,? and rationale\b"
        # a design paper's subtitle: "... trial: rationale, design and methods", "...: design and methods",
        # "...: protocol"
        r"|\brationale, (?:study )?design\b|:\s*(?:study )?design and methods?\b|:\s*protocol\W*$", re.I)),
    ("pilot study", ("pilot",), re.compile(r"(?<![\w-])pilot(?![\w-])", re.I)),
    ("feasibility study", ("feasibility",), re.compile(r"\bfeasibility\b", re.I)),
    ("preliminary results", ("preliminary",),
     re.compile(r"\bpreliminary (?:results?|reports?|findings|data|analys[ie]s|outcomes?)\b", re.I)),
    ("interim results", ("interim",), re.compile(r"\binterim\b", re.I)),
    ("final results", ("final ",), re.compile(r"\bfinal (?:results?|reports?|analys[ie]s|outcomes?)\b", re.I)),
    ("follow-up report", ("follow",), re.compile(r"\bfollow[- ]?ups?\b", re.I)),
    ("secondary analysis", ("y analys", "c analys", "p analys"),
     re.compile(r"\b(?:secondary|post[- ]?hoc|subgroup|exploratory|ancillary) analys[ie]s\b", re.I)),
    ("extension study", ("extension",), re.compile(r"\bextension (?:study|trial|phase)\b", re.I)),
]
#: Words one of which every report kind's title holds (a quick test before the patterns).
_REPORT_HINTS = tuple(sorted({h for _, hints, _ in _REPORT_KINDS for h in hints}))
_REPORT_NAMES = frozenset(name for name, _, _ in _REPORT_KINDS)
_PREPRINT_VENUE = re.compile(r"\b(?:medrxiv|biorxiv|arxiv|chemrxiv|psyarxiv|socarxiv|edarxiv|eartharxiv|techrxiv|"
                             r"sportrxiv|ssrn|research square|preprints?|authorea|qeios|osf preprints)\b", re.I)
#: How preprint servers' DOIs start (bioRxiv and medRxiv share 10.1101/ with Cold Spring Harbor's journals, whose
#: DOIs go on with letters: 10.1101/gr.123; a preprint's goes on with a digit).
_PREPRINT_PREFIXES = ("10.1101/", "10.21203/rs.", "10.2139/ssrn", "10.31234/", "10.31219/", "10.31235/",
                      "10.31222/", "10.48550/", "10.20944/preprints", "10.26434/chemrxiv", "10.22541/au.",
                      "10.32388/", "10.1002/essoar", "10.36227/techrxiv")
_THESIS = re.compile(r"thes(?:[ie]s)?\b|dissertation", re.I)


def record_kind(title, type_="") -> str:
    """``"article"``, the kind of notice a record is (``erratum``, ``retraction``, ``comment``, ``reply``), or
    which report of a study its title says it is (``study protocol``, ``pilot study``, ``interim results``...;
    several joined with ``+``).

    A notice is never merged with the article it is about, even when it repeats its title, nor one report
    of a study with another.

    >>> record_kind("Erratum: Insulin and sleep"), record_kind("RETRACTED: Insulin and sleep")
    ('erratum', 'article')
    >>> record_kind("Comment on: insulin and sleep"), record_kind("Reply to Smith et al.")
    ('comment', 'reply')
    >>> record_kind("Exercise for depression: study protocol for a randomised trial")
    'study protocol'
    >>> record_kind("Exercise for depression: a pilot randomised trial"), record_kind("Exercise for depression")
    ('pilot study', 'article')
    >>> record_kind("The HIIT trial: rationale, design and methods"), record_kind("Exercise after stroke: protocol")
    ('study protocol', 'study protocol')
    """
    raw = str(title or "").lstrip()
    tail = raw[-40:].lower()
    first = raw[:30].lower().lstrip("[(\"' ").split(" ", 1)[0].strip(":.,;-")
    if first not in _KIND_FIRST_WORDS and not tail.endswith((")", ").")) and "repl" not in tail \
            and "respon" not in tail:  # the common case, decided without regular expressions
        t = str(type_ or "").lower()
        kind = next((kind for word, kind in _KIND_TYPES.items() if word in t), "article") if t else "article"
        return _report_kind_or(kind, raw)
    if _RETRACTED.match(raw):  # "RETRACTED: title" is the retracted article itself
        return "article"
    if _cited_article(raw.rstrip()):  # "... (vol 360, pg 542, 2009)", with or without a last full stop
        return "erratum"
    head = _plain(raw[:80])
    for kind, pattern in _KIND_PATTERNS:
        if pattern.match(head):
            return kind
    if _REPLY_END.search(_plain(raw[-40:])):  # "Thrombomodulin in aHUS - authors' reply"
        return "reply"
    t = str(type_ or "").lower()
    for word, kind in _KIND_TYPES.items():
        if word in t:
            return kind
    return _report_kind_or("article", raw)


def _report_kind_or(kind: str, title: str) -> str:
    """The report kinds an article's title names (see ``_REPORT_KINDS``), else ``kind``."""
    if kind != "article":
        return kind
    low = title.lower()
    for hint in _REPORT_HINTS:
        if hint in low:
            break
    else:  # the common case: no word of a report kind
        return kind
    found = [name for name, hints, pattern in _REPORT_KINDS
             if any(hint in low for hint in hints) and pattern.search(title)]
    return "+".join(found) if found else kind


def publication_kind(kind: str, type_="", journal="", doi="") -> str:
    """``preprint`` or ``thesis`` for an article that is one (judged from its type, venue and DOI), else ``kind``;
    a report of a study that is one gets it added (``pilot study+preprint``).

    A preprint and the journal article it became, or a thesis and a paper from it, are two records that a
    person should see side by side: never merged automatically, whatever report of a study they are.

    >>> publication_kind("article", "JOUR", "medRxiv", ""), publication_kind("article", "THES")
    ('preprint', 'thesis')
    >>> publication_kind("article", "JOUR", "Genome Research", "10.1101/gr.123"), publication_kind("erratum", "THES")
    ('article', 'erratum')
    >>> publication_kind("pilot study", "article", "", "10.1101/2025.03.01.240001")
    'pilot study+preprint'
    """
    if kind != "article" and not _REPORT_NAMES.issuperset(kind.split("+")):
        return kind  # a notice (erratum, comment, reply) is one whatever its venue
    if doi and doi.startswith(_PREPRINT_PREFIXES) and (not doi.startswith("10.1101/") or doi[8:9].isdigit()):
        found = "preprint"
    else:
        found = _publication_kind(str(type_ or ""), str(journal or ""))
    if not found:
        return kind
    return found if kind == "article" else f"{kind}+{found}"


@lru_cache(maxsize=4096)
def _publication_kind(type_: str, journal: str) -> str:
    """``preprint``, ``thesis`` or ``""`` from a type and a venue (both repeat: remembered)."""
    t = type_.lower()
    if "reprint" in t or "posted" in t or (journal and _PREPRINT_VENUE.search(journal)):
        return "preprint"
    if _THESIS.search(type_) or "issertation" in journal:
        return "thesis"
    return ""


_CONF_TYPES = {"conf", "cpaper", "inproceedings", "proceedings", "conference", "conference paper",
               "conference abstract", "conference proceeding", "conference review", "abst", "meeting abstract",
               "proceedings paper", "paper in conference proceedings", "cp"}
_CONF_VENUE = re.compile(r"\b(?:proceedings|proc|conference|conf|congress|symposium|workshop|meeting|"
                         r"colloquium|annual convention)\b")
#: A learned society's or academy's own journal is named its Proceedings ("Proceedings of the National Academy of
#: Sciences", "Proceedings of the Royal Society B", "Proc Nutr Soc"): the body's name follows the word, before any
#: dash or colon and with no number in it; a conference's proceedings name the meeting, its year or its number
#: ("Proceedings of SPIE - The International Society for Optical Engineering" names SPIE's conference series).
_SOCIETY_PROCEEDINGS = re.compile(r"^proc(?:eedings)?\s+(?:of\s+)?(?:the\s+)?(?:[a-z]+\s+){0,3}?"
                                  r"(?:society|soc|academy|acad|institution|inst)\b")
_VENUE_PART = re.compile(r"\s[-\u2013\u2014]\s|:")


def is_conference(type_="", journal="") -> bool:
    """Whether a record is a conference paper or abstract, judged from its type and its venue.

    >>> is_conference("inproceedings"), is_conference("JOUR", "Proceedings of the IEEE ICC")
    (True, True)
    >>> is_conference("article", "Journal of Global Information Technology Management")
    False
    >>> spie = "Proceedings of SPIE - The International Society for Optical Engineering"
    >>> is_conference("JOUR", "Proc Natl Acad Sci U S A"), is_conference("JOUR", spie)
    (False, True)
    """
    t = str(type_ or "").strip().lower()
    if t in _CONF_TYPES or "conference" in t or "proceeding" in t or "congress" in t:  # PubMed: "Congress"
        return True
    journal = str(journal or "")
    m = _JOURNAL_CONFERENCE.search(journal)
    if m and m.start() > 0:  # "Stroke. Conference: ..." is an abstract in a journal supplement
        return False
    venue = _plain(journal)
    signs = {w for w in _CONF_VENUE.findall(venue)}
    if signs and signs <= {"proceedings", "proc"}:
        name = _plain(_VENUE_PART.split(journal, maxsplit=1)[0])
        if _SOCIETY_PROCEEDINGS.match(name) and not any(c.isdigit() for c in name):
            return False  # a society's journal (PNAS, Proc R Soc B), not a meeting's proceedings
    return bool(signs)


# Articles, prepositions and conjunctions, which abbreviated names leave out (ISO 4), in the languages of
# MEDLINE's journals: "Z Kardiol" is "Zeitschrift fur Kardiologie", "G Ital Cardiol" "Giornale italiano di
# cardiologia", "Tijdschr Diergeneeskd" "Tijdschrift voor Diergeneeskunde", "Farmakol Toksikol"
# "Farmakologiya i Toksikologiya", "Tidsskr Nor Laegeforen" "Tidsskrift for den Norske laegeforening".
_JOURNAL_STOP = {"of", "the", "and", "in", "for", "on", "a", "an", "de", "la", "le", "les", "der", "die", "das",
                 "und", "et", "des", "du", "y", "el", "il", "het", "at", "to",
                 "fur", "zur", "im", "voor", "van", "en", "di", "del", "della", "delle", "dei", "degli", "do", "da",
                 "dos", "em", "para", "los", "las", "den", "det", "och", "og", "av", "i"}


def journal_keys(value) -> tuple[str, str]:
    """Two keys under which an abbreviated and a full journal name agree.

    The first is the initials of the significant words ("Curr Opin Lipidol" and "Current opinion in
    lipidology" both give ``"col"``); the second is the first four letters of each word, for fuzzy
    comparison, or the whole word for a one-word name (such names are not abbreviated, and "Diabetes"
    and "Diabetologia" are two journals). Subtitles after ``:`` or ``=`` and parenthesised places are dropped.

    >>> journal_keys("Toxicon : official journal of the International Society on Toxinology")
    ('t', 'toxicon')
    >>> journal_keys("Curr. Opin. Lipidol.")
    ('col', 'curr opin lipi')
    >>> journal_keys("Zeitschrift für Kardiologie")[0] == journal_keys("Z Kardiol")[0] == "zk"
    True
    """
    text = str(value or "")
    if not text or text == "nan":
        return "", ""
    m = _JOURNAL_CONFERENCE.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    text = re.split(r"\s[:=]\s|\s*[(\[]|\.\s+[A-Z][a-z]+ journal\b", text, maxsplit=1)[0]
    words = [w for w in _plain(text).split() if w not in _JOURNAL_STOP and not w.isdigit()]
    if not words:
        return "", ""
    if len(words) == 1:
        return words[0][0], words[0]
    return "".join(w[0] for w in words), " ".join(w[:4] for w in words)


_INITIALS = re.compile(r"^(?:[A-Z]{1,3}|(?:[A-Z]\.-?){1,3})$")


_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "ter",
              "ten", "van't", "d", "l"}


#: Apostrophes as databases print them, read as the typed one: Scopus and Embase write "Dell’Amico" and
#: "O’Gorman" where Web of Science and MEDLINE write "Dell'Amico" and "O'Gorman".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"})


def cjk_name_key(author: str) -> str:
    """A name in Chinese, Japanese or Korean script as compared: its characters, in a fixed order, without the
    spaces and comma between its parts.

    One person is written "王小明" (CNKI), "王 小明" and "王, 小明" (other exports), and "小明 王" or "吉彦 早川"
    (Lens, Crossref: given name first); which part is the family name cannot be told from the characters (a
    Chinese family name has one or two, a Japanese one two or three), so the key does not depend on it. Two
    people whose names hold the same characters in another order are rare, and the title decides anyway.

    >>> cjk_name_key("王 小明") == cjk_name_key("王小明") == cjk_name_key("小明, 王") == cjk_name_key("王, 小明")
    True
    >>> cjk_name_key("早川 吉彦") == cjk_name_key("吉彦 早川"), cjk_name_key("王小明") == cjk_name_key("王小红")
    (True, False)
    """
    return "".join(sorted(c for c in author if c.isalnum()))


def _family_given(author: str) -> tuple[str, str]:
    """One author's family name as compared (before normalisation) and given names as written."""
    author = str(author)
    if not author.isascii() or "`" in author:  # one family name, not two words at a printed apostrophe
        if EAST_ASIAN_CHAR.search(author):  # "王 小明", "王小明", "王, 小明": one person (no initials in such a name)
            return cjk_name_key(author), ""
        author = author.translate(_APOSTROPHES)
    if "," in author:
        family, given = author.split(",", 1)
        if " " not in family and "-" not in family and "'" not in family:  # the common case, quickly
            return family, given
    else:
        parts = author.split()
        k = len(parts)
        while k > 1 and _INITIALS.match(parts[k - 1]):
            k -= 1
        if 0 < k < len(parts):
            family, given = " ".join(parts[:k]), " ".join(parts[k:])  # MEDLINE "Smith JR", "Huang C. Y."
        elif len(parts) >= 2:
            family, given = parts[-1], " ".join(parts[:-1])  # "John Smith"
        else:
            family, given = author, ""
    # family names lose their inner spaces and hyphens: "van der Berg" and "Vanderberg" agree
    words = family.split()
    if len(words) > 1 and words[0].lower() in _PARTICLES:  # "van Kessel" and "Kessel" agree
        words = [w for w in words if w.lower() not in _PARTICLES] or words
    return "".join(words).replace("-", "").replace("'", ""), given


def _family(author: str) -> str:
    """``"family i"`` of one author, before normalisation (done once for all authors of a record)."""
    family, given = _family_given(author)
    initial = given.lstrip(" .-")[:1]
    return f"{family} {initial}" if initial else family


def author_list(authors) -> list:
    """A record's authors as a list of names, however the export wrote them (a list, ``;`` or ``and``
    between names, or names run together in one cell)."""
    if authors is None or (isinstance(authors, float) and authors != authors):
        return []
    if isinstance(authors, str):
        authors = re.split(r"\s+and\s+|;\s*", authors) if authors else []
    authors = list(authors)
    if len(authors) == 1 and "," not in str(authors[0]) and RUN_TOGETHER.search(str(authors[0])):
        # every author in one cell, run together by the tool that wrote it: "Zhang C.Yamada L.Ho M. F."
        authors = RUN_TOGETHER.split(str(authors[0]))
    return authors


def author_key(authors, max_authors: int = 8) -> str:
    """Family names and first initials of the first authors, as compared (``"smith j jones a"``)."""
    return _plain(" ".join(_family(a) for a in author_list(authors)[:max_authors]))


def author_names(authors, max_authors: int = 8) -> list:
    """``(family, initials)`` of the first authors, as compared: every given name's initial, so that
    ``"Hasnain, M. G."`` and ``"Hasnain, G."`` can be seen to agree.

    >>> [(family, sorted(initials)) for family, initials in author_names(["Hasnain, M. G.", "Smith JR"])]
    [('hasnain', ['g', 'm']), ('smith', ['j', 'r'])]
    """
    names = []
    for author in author_list(authors)[:max_authors]:
        family, given = _family_given(author)
        initials = set()
        for word in re.split(r"[\s.\-]+", given.strip()):
            if word.isupper() and len(word) <= 3:  # MEDLINE and Web of Science write initials run together: "JR"
                initials.update(_plain(word))
            elif word:
                initials.update(_plain(word)[:1])
        names.append((_plain(family), frozenset(initials - {" "})))
    return names


def names_swapped(key_a: str, key_b: str) -> bool:
    """Whether two :func:`author_key` values name the same people with given and family names swapped.

    Some databases write "Harini, N." for "Nagendra, H." (CAB Abstracts, a Chinese name in Western order):
    each author's family name starts with the other's initial, the other way round too, author by author.

    >>> names_swapped(author_key(["Nagendra, H.", "Deb, S."]), author_key(["Harini, N.", "Sourabh, D."]))
    True
    >>> names_swapped(author_key(["Rusbridge, C."]), author_key(["Stern-Bertholtz, W."]))
    False
    >>> names_swapped(author_key(["Na, L.", "Xue, W."]), author_key(["Liu, N.", "Xue, W."]))  # "Liu Na" swapped only
    True
    >>> names_swapped(author_key(["Xue, W."]), author_key(["Xue, W."]))  # the same names: nothing swapped
    False
    """
    # Nearly every pair asked already fails at the first authors (most pairs of other people's papers): look
    # there before reading every name. A key opening with a family name and no initial names nobody swapped.
    head_a, head_b = key_a.split(maxsplit=2), key_b.split(maxsplit=2)
    if head_a and head_b and len(head_a[0]) > 1 and len(head_b[0]) > 1 and head_a[:2] != head_b[:2] and (
            len(head_a) < 2 or len(head_b) < 2 or head_a[0][:1] != head_b[1] or head_b[0][:1] != head_a[1]):
        return False
    a, b = _names(key_a), _names(key_b)
    if not a or len(a) != len(b):
        return False
    # author by author the same person, or swapped: a database that reads some Chinese names family name first
    # ("Xue Wanyu") and leaves others in doubt ("Liu Na" read "Na, L.") swaps only those
    swapped = [fa[:1] == ib and fb[:1] == ia and fa != fb for (fa, ia), (fb, ib) in zip(a, b)]
    return any(swapped) and all(s or na == nb for s, na, nb in zip(swapped, a, b))


def _names(key: str) -> list:
    """``(family, initial)`` of each author of an :func:`author_key` (an initial is the one-letter word after
    its family name; an author without one gives no pair, so the names cannot be shown swapped)."""
    words = key.split()
    names = []
    for k, w in enumerate(words):
        if len(w) > 1:
            initial = words[k + 1] if k + 1 < len(words) and len(words[k + 1]) == 1 else ""
            if not initial:
                return []
            names.append((w, initial))
    return names


def first_author(authors) -> str:
    """The first author's family name, as compared."""
    key = author_key(authors, max_authors=1)
    return key.split(" ", 1)[0] if key else ""


def normalise_number(value, leading: bool = False) -> str:
    """Volume, issue or page as compared: lower-case letters and digits, no leading zeros.

    With ``leading=True`` only the first number counts, so ``"57 Suppl"``, ``"96-98"`` and
    ``"33 (10 Supplement 1)"`` compare as 57, 96 and 33.

    >>> normalise_number("0012"), normalise_number("33 (10 Supplement 1)", leading=True)
    ('12', '33')
    """
    raw = str(value).strip() if value is not None else ""
    if raw.endswith(")") and "(" not in raw:  # "1)" left of "31 (Suppl 1)" by a bad export
        return ""
    text = _plain(value)
    if text in {"nan", "na", "none", "n a"}:
        return ""
    if leading:
        m = _NUMBER.search(text)
        if m:
            return m.group(0).lstrip("0") or "0"
        return ""  # "(Jul)", "Suppl": no volume number to compare
    text = text.replace(" ", "")
    return text.lstrip("0") or ("0" if text else "")


def _doi(value) -> str:
    if not value or value != value:
        return ""
    text = str(value)
    if "%" in text:  # "10.1016/s0025-7753%2817%2930624-3"
        text = unquote(text)
    return normalise_doi(text)


# A trial register's page for one registration, as CENTRAL gives it in place of a journal
# ("https://clinicaltrials.gov/show/NCT02802501", "http://www.who.int/trialsearch/Trial2.aspx?TrialID=PER-048-14")
# and the registers' own exports give it as the record's link.
_REGISTRY_PAGE = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:clinicaltrials\.gov/(?:show|ct2/show|study)/(NCT\d{8})"
    r"|(?:apps\.)?who\.int/trialsearch/trial2?\.aspx\?trialid=([^&#\s]+)"
    r"|trialsearch\.who\.int/trial2?\.aspx\?trialid=([^&#\s]+)"
    r"|isrctn\.com/(ISRCTN\d{8})"
    r"|clinicaltrialsregister\.eu/ctr-search/(?:search\?query=(?:eudract_number:)?|trial/)(\d{4}-\d{6}-\d{2}))"
    r"[/?#]?\S*$", re.I)
# A register's own id for a registration (ICTRP's TrialID: NCT04333550, ISRCTN85633178, ChiCTR2000029953,
# EUCTR2015-001234-56-GB, CTRI/2020/05/025013, JPRN-UMIN000021723, PER-048-14): letters, then digits among
# letters, dashes and slashes.
_REGISTRATION_ID = re.compile(r"^[A-Za-z][A-Za-z-]*[-/]?\d[\w/-]*$")
_EUCTR_COUNTRY = re.compile(r"^(EUCTR\d{4}-\d{6}-\d{2})-[A-Z]{2,3}$")


def trial_registration(journal="", url="", source_id="", database="", registers=frozenset()) -> str:
    """The registration number of a record that *is* a trial registration, else ``""``.

    Two records of one registration (ClinicalTrials.gov's, the ICTRP's and CENTRAL's copy of NCT02802501) often
    share no title: one register gives the brief title, another the scientific one, and none gives authors or a
    journal. Their number is what names them. It is taken only where the record is the registration itself:
    CENTRAL's copy names the register's page in place of a journal, and a register's own export (``database``
    one of ``registers``) gives the number as the record's id. An article that *cites* its trial's number (in its
    abstract, keywords or links) gets none: the protocol and the results paper of one trial cite one number and
    are two reports. ICTRP's copy of an EU trial adds the country ("-GB"), which is dropped.

    >>> trial_registration("https://clinicaltrials.gov/show/NCT02802501")
    'NCT02802501'
    >>> trial_registration("http://www.who.int/trialsearch/Trial2.aspx?TrialID=PER-048-14")
    'PER-048-14'
    >>> trial_registration("", "https://clinicaltrials.gov/study/NCT04333550", "NCT04333550", "ClinicalTrials.gov",
    ...                    {"ClinicalTrials.gov"})
    'NCT04333550'
    >>> trial_registration("Malaria Journal", "https://clinicaltrials.gov/show/NCT02802501")
    ''
    """
    for value in (journal, url if not str(journal or "").strip() else ""):
        m = _REGISTRY_PAGE.match(str(value or "").strip())
        if m:
            return _registration_id(unquote(next(g for g in m.groups() if g)), eudract=bool(m.group(5)))
    if database and database in registers:
        text = str(source_id or "").strip()
        if _REGISTRATION_ID.match(text):
            return _registration_id(text)
    return ""


def _registration_id(text: str, eudract: bool = False) -> str:
    text = text.strip().upper()
    if eudract:
        return "EUCTR" + text
    m = _EUCTR_COUNTRY.match(text)
    return m.group(1) if m else text


_PAGE = re.compile(r"^(?:[a-z]{0,2}|[ivx]{3,4})(\d+)[a-z]?$")  # a supplement's roman prefix: "iii33"


def _page(value) -> str:
    """The first page when it looks like one (``S417``, ``e0123``, ``482``), else ``""`` (``Suppl``)."""
    if not value or value != value:
        return ""
    if isinstance(value, str):  # "482-91", "0482": the common case, without the page-range expressions
        head = value.partition("-")[0]
        if head.isdigit() and head.isascii():
            return head.lstrip("0")
    page = normalise_number(first_page(value))
    # Compared without a letter prefix or suffix: "c37" and "37" are the same page in two databases, and a
    # supplement's abstract pages "56A" and "333A" are two pages.
    m = _PAGE.match(page)
    return m.group(1).lstrip("0") if m else ""


def _last_page(value) -> str:
    """The last page of a range of pages (``482-91`` -> ``491``), else ``""`` (one page, an article number).

    With the first page it places an article of several pages in its volume: two abstracts can share a page
    of a supplement, two articles of one volume do not share their first and last pages (unless the pages
    start again in each issue).
    """
    if not value or value != value:
        return ""
    if isinstance(value, str):  # "482-91", "482-491": the common case, without the page-range expressions
        start, dash, end = value.partition("-")
        if dash and start.isdigit() and end.isdigit() and start.isascii() and end.isascii():
            if len(end) < len(start):
                end = start[: len(start) - len(end)] + end
            return end.lstrip("0") if int(end) > int(start) else ""
    start, _, end = normalise_pages(value).partition("-")
    m, n = _PAGE.match(start.lower()), _PAGE.match(end.lower())
    if not (m and n) or int(n.group(1)) <= int(m.group(1)):
        return ""
    return n.group(1).lstrip("0")


_ROMAN_WORDS = frozenset(_ROMAN) | frozenset(_ROMAN_SHORT)


def _numbers_of(title: str) -> str:
    """:func:`title_numbers` of a normalised title, with a quick exit for the many titles without any."""
    if not title:
        return ""
    words = title.split()
    # titles are letters, digits and spaces by now: a number is a digit or a roman-numeral word
    if not any(d in title for d in "0123456789"):
        return title_numbers(words) if not _ROMAN_WORDS.isdisjoint(words) else ""
    numeric = [k for k, w in enumerate(words) if not w.isalpha()]
    if any(words[k].isdigit() and words[k - 1].isdigit() and len(words[k]) == 3 and len(words[k - 1]) <= 3
           for k in numeric if k):
        return title_numbers(words)  # "10 000 women": the full walk joins the groups of digits
    # otherwise the same numbers, found without walking every word: digits in the words that have them,
    # long numerals wherever they stand, "i", "v" and "x" only after "part", "phase" and the like
    found = {int(d) for k in numeric for d in _NUMBER.findall(words[k])}
    romans = _ROMAN_WORDS.intersection(words)
    if romans:
        found.update(_ROMAN[w] for w in romans if w in _ROMAN)
        if not romans.isdisjoint(_ROMAN_SHORT):
            found.update(_ROMAN_SHORT[w] for k, w in enumerate(words)
                         if k and w in _ROMAN_SHORT and words[k - 1] in _NUMBERED)
    return " ".join(str(n) for n in sorted(found))


def _abstract(value) -> str:
    """The first 200 characters of an abstract, lower-cased, ASCII punctuation and spaces removed."""
    text = str(value)[:240].lower()
    try:
        return text.encode("utf-8").translate(None, _BYTES_DELETE).decode("utf-8")[:200]
    except UnicodeError:  # a lone surrogate from a broken file
        return text.translate(_PUNCT_DELETE)[:200]


def _year(values) -> np.ndarray:
    if isinstance(values, pd.Series) and pd.api.types.is_integer_dtype(values.dtype):
        return values.to_numpy(dtype="int64", na_value=-1)  # the record table's Int64: no parsing needed
    years = pd.to_numeric(pd.Series(values), errors="coerce")
    return years.fillna(-1).astype("int64").to_numpy()


def _column(table: pd.DataFrame, name: str) -> list:
    if name in table.columns:
        return table[name].tolist()
    return [""] * len(table)


def _objects(values) -> np.ndarray:
    """A list as a one-dimensional object array (also when its items are tuples)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _kind_of(title_and_type: tuple) -> str:
    title, type_ = title_and_type
    return record_kind(title, type_) if (title or type_) else "article"


def _each(func, values: list) -> list:
    """``func`` of every value, computed once per distinct value (exports repeat journals, years, titles)."""
    try:
        cache = dict.fromkeys(values)
    except TypeError:  # an unhashable value: each computed on its own
        return [func(v) for v in values]
    for v in cache:
        cache[v] = func(v)
    return list(map(cache.__getitem__, values))


def prepare(records: pd.DataFrame) -> pd.DataFrame:
    """The comparison fields of every record, in the records' order.

    Parameters
    ----------
    records : pandas.DataFrame
        A record table (:data:`synthesis.records.RECORD_COLUMNS`; missing columns count as empty).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PREPARED_COLUMNS`: ``doi``, ``pmid``, ``registration`` (a trial registration's number,
        see :func:`trial_registration`), ``title`` (normalised), ``title_key``
        (title without spaces), ``title_numbers``, ``kind`` (article or notice), ``conference`` (bool),
        ``typed`` (bool: the record names a publication type or a journal, so that not being a conference paper
        says something), ``authors`` (family names and initials), ``first_author``, ``year`` (int, -1 unknown),
        ``journal`` (four-letter word prefixes), ``journal_initials``, ``volume``, ``issue``, ``page``
        (first page), ``abstract`` (its first 200 normalised characters) and ``generic`` (bool: the title
        does not tell items apart, see :func:`recurring_titles`). ``""`` means unknown.

    Examples
    --------
    >>> from synthesis.records import make_record_table
    >>> t = make_record_table([{"title": "A Trial.", "authors": ["Smith, J."], "year": 2001, "doi": "10.1000/X"}])
    >>> prepare(t).loc[0, ["title", "authors", "doi"]].tolist()
    ['a trial', 'smith j', '10.1000/x']
    """
    out = pd.DataFrame(prepare_columns(records))
    return out


def prepare_columns(records: pd.DataFrame, parallel: bool = False, numbered: pd.DataFrame | None = None) -> dict:
    """:func:`prepare` as a dict of numpy arrays (object arrays of str, ``year`` int64, ``conference`` bool).

    The later stages work on these arrays directly: a DataFrame costs more to build and index than the
    comparisons themselves on a small export.

    >>> from synthesis.records import make_record_table
    >>> prepare_columns(make_record_table([{"title": "A Trial.", "year": 2001}]))["title"].tolist()
    ['a trial']

    With ``parallel=True`` the second half of the records is prepared in a second process meanwhile
    (see :mod:`synthesis.dedup.parallel`); every record's fields depend on that record alone, so the
    result is the same.
    """
    columns = prepare_rows(records, parallel)
    ignore_record_numbers(columns, records, numbered)
    columns["generic"] = recurring_titles(columns)  # learnt from all records together
    ignore_shared_dois(columns)
    return columns


def prepare_rows(records: pd.DataFrame, parallel: bool = False) -> dict:
    """Each record's own prepared fields (all of :func:`prepare_columns` but what is learnt from all records).

    With ``parallel=True`` the second half is prepared in a second process meanwhile.
    """
    if not parallel or len(records) < 2:
        return _prepare_rows(records, 0, len(records))
    half = len(records) // 2
    rest = Background(_prepare_rows, records, half, len(records))
    try:
        first = _prepare_rows(records, 0, half)
    except BaseException:
        rest.cancel()
        raise
    second = rest.result()
    return {c: np.concatenate([first[c], second[c]]) for c in first}


def _prepare_rows(records: pd.DataFrame, start: int, stop: int) -> dict:
    """:func:`prepare_columns` of the records ``start:stop``."""
    if start or stop < len(records):
        records = records.iloc[start:stop]
    raw_titles = _column(records, "title")
    titles = _each(normalise_title, raw_titles)
    types = _column(records, "type")
    journals = _column(records, "journal")
    jkeys = _each(journal_keys, journals)
    authors = _each(author_key, [tuple(a) if isinstance(a, list) else a for a in _column(records, "authors")])
    # (the copies of one article in several exports share title and type: each pair is judged once)
    kinds = _each(_kind_of, list(zip(raw_titles, types)))
    dois = _each(_doi, _column(records, "doi"))
    kinds = [publication_kind(k, ty, j, d) if ty or j or d else k for k, ty, j, d in zip(kinds, types, journals, dois)]
    # A correction that cites the corrected article in its title ("Title (vol 360, pg 542, 2009)") is
    # compared on the title alone: the same notice exported by two databases, one with the citation and one
    # without, then agrees, and the cited volume and page do not count as numbers of the title.
    for k, kind in enumerate(kinds):
        if kind == "erratum" and isinstance(raw_titles[k], str):
            m = _cited_article(raw_titles[k])
            if m and m.start() >= 10:
                titles[k] = normalise_title(raw_titles[k][: m.start()])
    pmid = re.compile(r"\D")
    columns = {
        "doi": dois,
        "pmid": _each(lambda p: pmid.sub("", str(p)).lstrip("0") if p and p == p else "", _column(records, "pmid")),
        "registration": _each(lambda r: trial_registration(*r, registers=TRIAL_REGISTERS), list(zip(
            journals, _column(records, "url"), _column(records, "source_id"), _column(records, "source_database")))),
        "title": titles,
        "title_key": [t.replace(" ", "") for t in titles],
        "title_numbers": _each(_numbers_of, titles),
        "kind": kinds,
        "conference": np.array(_each(lambda tj: is_conference(*tj), list(zip(types, journals))), dtype=bool),
        # a record that names neither its type nor its journal (an export of titles, authors and years only) is
        # not known to be a journal article: "not a conference paper" is then no more than "not said"
        "typed": np.array([bool(str(t).strip()) or bool(str(j).strip()) for t, j in zip(types, journals)], dtype=bool),
        "authors": authors,
        "first_author": [a.split(" ", 1)[0] if a else "" for a in authors],
        "year": _year(records["year"] if "year" in records.columns else [""] * len(records)),
        "journal": [k[1] for k in jkeys],
        "journal_initials": [k[0] for k in jkeys],
        "volume": _each(lambda v: normalise_number(v, leading=True), _column(records, "volume")),
        "issue": _each(lambda v: normalise_number(v, leading=True), _column(records, "issue")),
        "page": _each(_page, _column(records, "pages")),
        "last_page": _each(_last_page, _column(records, "pages")),
        # abstracts: the first 200 characters, lower-cased, letters and digits only (cheap on long texts)
        "abstract": [_abstract(a) if a and a == a else "" for a in _column(records, "abstract")],
    }
    # An online-only journal's article number exported as the issue ("16 (143)" beside "16 (1): 143"): it is
    # the page, not an issue, and must not make two copies of one article look like two issues.
    # (Only a lone page number can be an article number: issue 1 of "1-12" is an issue.)
    columns["issue"] = ["" if iss and iss == pg and "-" not in str(raw) else iss
                        for iss, pg, raw in zip(columns["issue"], columns["page"], _column(records, "pages"))]
    return {c: (v if isinstance(v, np.ndarray) else _objects(v)) for c, v in columns.items()}


#: An issue field that holds a different number for this share of an export's records (of at least
#: ``_NUMBERED_FROM`` that give one) holds record numbers, not issues: issues are shared by the articles of
#: one issue, so even an export spread over many journals repeats its small issue numbers.
_NUMBERED_SHARE = 0.9
_NUMBERED_FROM = 50


def record_number_sources(records: pd.DataFrame) -> pd.DataFrame:
    """Exports whose issue field holds record numbers (a different whole number for nearly every record).

    Some exports (a reference manager's record number written to ``number``) fill the issue field with a
    running number. Compared as issues, two copies of one article would then sit in "different issues" and
    never be merged automatically. Returns one row per such export: ``source_file``, ``records`` (that give
    an issue) and ``distinct`` (different values among them).

    >>> from synthesis.records import make_record_table
    >>> t = make_record_table([{"source_file": "a.csv", "source_index": k, "title": f"T{k}", "issue": str(900 + k)}
    ...                        for k in range(1, 61)])
    >>> record_number_sources(t).values.tolist()
    [['a.csv', 60, 60]]
    """
    columns = ["source_file", "records", "distinct"]
    if "issue" not in records.columns or not len(records):
        return pd.DataFrame(columns=columns)
    sources = records["source_file"].tolist() if "source_file" in records.columns else [""] * len(records)
    issues = records["issue"].tolist()
    # At most as many different values per export as different raw cells: most exports repeat a few issue
    # numbers, and are ruled out without looking at each value.
    try:
        cells = Counter(source for source, _ in set(zip(sources, issues)))
    except TypeError:  # a cell that is not a plain value: looked at one by one below
        cells = Counter({None: len(issues)})
    if max(cells.values(), default=0) < _NUMBERED_SHARE * _NUMBERED_FROM:
        return pd.DataFrame(columns=columns)
    given: dict = {}  # source -> its records' issue values
    for source, value in zip(sources, issues):
        if isinstance(value, str):
            value = value.strip()
            if value:
                given.setdefault(source, []).append(value)
        elif value is not None and value == value:  # a number read as one
            given.setdefault(source, []).append(str(value))
    rows = []
    for source, values in given.items():
        distinct = set(values)
        if len(values) >= _NUMBERED_FROM and len(distinct) >= _NUMBERED_SHARE * len(values) and all(
                v.isdigit() for v in distinct):
            rows.append((str(source), len(values), len(distinct)))
    return pd.DataFrame(rows, columns=columns)


def ignore_record_numbers(columns: dict, records: pd.DataFrame, numbered: pd.DataFrame | None = None) -> None:
    """Blank ``columns["issue"]`` for the records of exports whose issue field holds record numbers
    (``numbered``: :func:`record_number_sources` of ``records``, found here when not given)."""
    bad = record_number_sources(records) if numbered is None else numbered
    if len(bad) and "source_file" in records.columns:
        hit = records["source_file"].astype(str).isin(set(bad["source_file"])).to_numpy()
    else:
        hit = np.ones(len(records), dtype=bool) if len(bad) else np.zeros(len(records), dtype=bool)
    if hit.any():
        columns["issue"] = columns["issue"].copy()
        columns["issue"][hit] = ""


def token_document_frequency(titles) -> Counter:
    """How many titles each title word occurs in (used to find each title's rarest words)."""
    counts: Counter = Counter()
    for t in titles:
        counts.update(set(t.split()))
    return counts


#: Titles of recurring items (columns, editorials, notices) that say nothing about which item it is;
#: compared after :func:`normalise_title`. Titles that recur are also learnt from the data
#: (:func:`recurring_titles`), so this list only has to cover the ones an export has once.
_GENERIC_PHRASES = (
    "editorial", "editorials", "guest editorial", "editorial comment", "editorial comments", "editor s comments",
    "editors comments", "editor s comment", "editors comment", "editor s note", "editors note",
    "editor s introduction", "from the editor", "from the editors", "from the editor in chief",
    "letter from the editor", "a word from the editor", "note from the editor", "editor s letter", "preface",
    "foreword", "introduction", "introduction to the special issue", "overview", "in this issue", "this issue",
    "inside this issue", "issue information", "issue highlights", "highlights", "book review", "book reviews",
    "book notes", "books received", "review essay", "letter", "letters", "letter to the editor",
    "letters to the editor", "correspondence", "reply", "response", "author reply", "authors reply", "in reply",
    "response to letter", "comment", "comments", "commentary", "invited commentary", "discussion", "erratum",
    "errata", "corrigendum", "corrigenda", "correction", "corrections", "retraction", "notice of retraction",
    "expression of concern", "withdrawal", "announcement", "announcements", "news", "news and notes",
    "obituary", "in memoriam", "abstracts", "meeting abstracts", "poster abstracts", "index", "author index",
    "subject index", "contents", "table of contents", "front matter", "back matter", "masthead", "cover",
    "cover image", "call for papers", "acknowledgement", "acknowledgment", "acknowledgements",
    "acknowledgments", "reviewers", "acknowledgement of reviewers", "acknowledgment of reviewers",
    "thank you to our reviewers", "reviewer acknowledgement", "president s message", "presidents message",
    "president s column", "message from the president", "message from the editor", "research notes",
    "case report", "case reports", "images in medicine", "clinical image",
)
GENERIC_TITLES = frozenset(_GENERIC_PHRASES)

#: A title of this many words or fewer is generic: it may well name two different items.
SHORT_TITLE_WORDS = 3
# A title recurs when this many different issues, first pages or years carry it. Two is not enough: the
# copies of one article from two databases often disagree on one of them (an article number as the issue).
_RECUR = 3
# A column's name is a few words (the longest in GENERIC_TITLES has five). A longer title that several issues
# of one volume carry is an article with the notices that repeat its title (errata, comments), not a column:
# within one volume only titles up to this many words can recur. (Across years any title can: a book's
# title heads a review of it in several years.)
_COLUMN_WORDS = 8


#: A DOI names one item. One carried by records of this many titles, no two of them alike, names a container:
#: a proceedings volume, a book or a journal whose DOI a database gave each paper (one item may well come
#: with two titles, its original and a translation; three different papers do not share a DOI).
SHARED_DOI_TITLES = 3


def ignore_shared_dois(columns: dict) -> np.ndarray:
    """Leave out the DOIs that several different papers carry; which records lost theirs.

    ``columns["doi"]`` is emptied where the DOI is shared by :data:`SHARED_DOI_TITLES` or more titles that are
    not alike (word-set similarity under 60 %, so a cut-short or retitled copy counts as the same title), and
    ``columns["shared_doi"]`` holds the DOI that was left out (``""`` elsewhere). Such a DOI would match
    different papers of one proceedings ("... in adults" and "... in older adults") and block every paper of
    it together.

    >>> cols = {"doi": np.array(["10.1/p"] * 3 + ["10.1/a", "10.1/a"], dtype=object),
    ...         "title": np.array(["sleep in adults", "heart failure registry", "teaching anatomy online",
    ...                            "insulin trial", "insulin trial"], dtype=object)}
    >>> ignore_shared_dois(cols).tolist()
    [True, True, True, False, False]
    >>> cols["doi"].tolist(), cols["shared_doi"].tolist()[:2]
    (['', '', '', '10.1/a', '10.1/a'], ['10.1/p', '10.1/p'])
    """
    doi = np.asarray(columns["doi"], dtype=object)
    out = np.zeros(len(doi), dtype=bool)
    filled = np.flatnonzero(doi != "")
    repeated = filled[pd.Series(doi[filled]).duplicated(keep=False).to_numpy()] if len(filled) else filled
    if len(repeated) >= SHARED_DOI_TITLES:
        from rapidfuzz import fuzz  # only where a DOI repeats

        titles_of: dict = defaultdict(set)
        for k in repeated.tolist():
            if columns["title"][k]:
                titles_of[doi[k]].add(columns["title"][k])
        shared = set()
        for d, titles in titles_of.items():
            if len(titles) < SHARED_DOI_TITLES:
                continue
            unlike: list = []  # titles no two of which are alike
            for t in sorted(titles):
                if all(fuzz.token_set_ratio(t, u) < 60 for u in unlike):
                    unlike.append(t)
                    if len(unlike) >= SHARED_DOI_TITLES:
                        shared.add(d)
                        break
        if shared:
            out = np.fromiter((d in shared for d in doi.tolist()), dtype=bool, count=len(doi))
    columns["shared_doi"] = np.where(out, doi, "").astype(object)
    if out.any():
        columns["doi"] = np.where(out, "", doi).astype(object)
    return out


def _spaces(title: str) -> int:
    """The number of words of a normalised title, less one (the spaces between its words).

    Chinese and Japanese put no space between words: counted by its spaces, every such title (CNKI's, J-STAGE's)
    was one word, "short", so generic, and two exports of one paper without a DOI were never merged
    automatically. There, every two characters count as a word (a Chinese word averages under two): "编者按"
    (editor's note) stays short, a title of twenty characters is ten words. Korean spaces its words.

    >>> _spaces("insulin and sleep"), _spaces("编者按"), _spaces("黄瓜胚性愈伤组织的诱导保存和再生")
    (2, 1, 8)
    >>> _spaces("covid 19 疫情下的护理"), _spaces("한국 농촌의 변화")
    (5, 2)
    """
    spaces = title.count(" ")
    if title.isascii():
        return spaces
    unspaced = len(UNSPACED_CHAR.findall(title))
    return spaces + unspaced // 2 if unspaced else spaces


def recurring_titles(prepared) -> np.ndarray:
    """Which records have a generic title: one that does not by itself tell two items apart.

    A title is generic when it is in :data:`GENERIC_TITLES`, has :data:`SHORT_TITLE_WORDS` words or fewer,
    or *recurs*: learnt from the data, the same title of up to eight words in one journal and volume with three
    or more different issue numbers or first pages, or any title in three or more different years carried by
    three or more items (a column in every issue, an "Editorial" in many journals). Copies of one article exported
    by several databases share their year and issue (give or take one database's slip), and their DOI or their
    journal, volume and first page make them one item whatever years the databases give (2013 online, 2014 in
    print, a database's 2007), so they do not make a title recur. For such titles an automatic merge needs the
    same DOI or PMID, or the same issue *and* first page (see :func:`synthesis.dedup.decide.decide`).

    Parameters
    ----------
    prepared : dict of arrays or pandas.DataFrame
        From :func:`prepare_columns` (``title``, ``title_key``, ``journal_initials``, ``volume``, ``issue``,
        ``page``, ``year``).

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> import pandas as pd
    >>> from synthesis.records import make_record_table
    >>> t = make_record_table([{"title": "Editor's Comments", "journal": "MIS Q", "volume": "30", "issue": str(k),
    ...                         "year": 2006} for k in (1, 2, 3)] + [{"title": "Insulin and sleep in older adults"}])
    >>> recurring_titles(prepare_columns(t)).tolist()
    [True, True, True, False]
    """
    p = {c: np.asarray(prepared[c]) for c in ("title", "title_key", "journal_initials", "volume", "issue",
                                               "page", "year")}
    dois = np.asarray(prepared["doi"]) if "doi" in prepared else np.full(len(p["title"]), "")
    n = len(p["title"])
    titles = p["title"]
    out = np.fromiter((bool(t) and (t in GENERIC_TITLES or _spaces(t) < SHORT_TITLE_WORDS) for t in titles),
                      dtype=bool, count=n)
    keys = p["title_key"]
    # only titles that two records or more share (found before any table is built: most titles are unique)
    titled = np.flatnonzero((keys != "") & pd.Series(keys).duplicated(keep=False).to_numpy())
    if len(titled) < 2:
        return out
    # Plain sets per title: the shared titles are few, and a table per call costs more than the counting.
    t_of = keys[titled].tolist()
    journals, volumes = p["journal_initials"][titled].tolist(), p["volume"][titled].tolist()
    issues, pages, years = p["issue"][titled].tolist(), p["page"][titled].tolist(), p["year"][titled].tolist()
    words = [_spaces(title) for title in titles[titled].tolist()]
    dois_of = dois[titled].tolist()
    years_of, items_of, issues_of, pages_of = defaultdict(set), defaultdict(set), defaultdict(set), defaultdict(set)
    for k, t in enumerate(t_of):
        if years[k] >= 0:
            years_of[t].add(years[k])
            # the item a record is a copy of: its DOI, else its place in a journal, else the record itself
            items_of[t].add(dois_of[k] or ((journals[k], volumes[k], pages[k]) if journals[k] and volumes[k]
                                           and pages[k] else k))
        if journals[k] and volumes[k] and words[k] < _COLUMN_WORDS:  # a column: in one journal and volume
            if issues[k]:
                issues_of[(t, journals[k], volumes[k])].add(issues[k])
            if pages[k]:
                pages_of[(t, journals[k], volumes[k])].add(pages[k])
    recurring = {t for t, found in years_of.items() if len(found) >= _RECUR and len(items_of[t]) >= _RECUR}
    for counted in (issues_of, pages_of):
        recurring.update(key[0] for key, found in counted.items() if len(found) >= _RECUR)
    if recurring:
        out[titled[[t in recurring for t in t_of]]] = True
    return out
