"""Stage 3 of deduplication: score candidate pairs, field by field, all pairs at once.

Similarities come from :mod:`rapidfuzz` (``process.cpdist``, which compares element ``k`` of one list with
element ``k`` of the other in compiled code, on every core). Each field gives a number from 0 to 100, or
``-1`` when either record lacks it: a missing field is never counted as agreement.

Examples
--------
>>> from synthesis.records import make_record_table
>>> from synthesis.dedup.prep import prepare
>>> t = make_record_table([{"title": "Insulin and sleep", "authors": ["Smith, J."], "year": 2001},
...                        {"title": "Insulin and sleep.", "authors": ["Smith J"], "year": 2001}])
>>> s = score_pairs(prepare(t), [[0, 1]])
>>> [float(x) for x in s.loc[0, ["title", "authors", "year_gap", "doi"]]]
[100.0, 100.0, 0.0, -1.0]
"""
from __future__ import annotations

import os
import re
from collections import Counter

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from ..normalise import EAST_ASIAN_CHAR, UNSPACED_CHAR as _UNSPACED_CHAR, in_unspaced_script
from .decide import may_not_be_distinct
from .prep import names_swapped, numbers_written_apart

__all__ = ["score_pairs", "score_columns", "SCORE_COLUMNS", "in_east_asian_script", "words_swapped", "negation_differs",
           "word_inserted", "qualifier_added", "word_prefixed", "unspaced_word_differs"]

#: Columns of the pair table besides ``i`` and ``j``.
#: The journal initials (:func:`synthesis.dedup.prep.journal_keys`) of the Cochrane Database of Systematic
#: Reviews, whose versions of one review share their title.
VERSIONED_JOURNAL = "cdsr"

SCORE_COLUMNS = ["title", "title_words", "authors", "first_author", "journal", "abstract", "year_gap", "doi",
                 "pmid", "registration", "volume", "issue", "page", "numbers_differ", "kind_differs",
                 "conference_differs", "conference_unsaid", "generic", "versioned", "issue_as_volume", "locators_disjoint", "same_pages",
                 "pages_apart", "authors_swapped", "words_differ", "score"]

# Words that two databases' copies of one title add or drop ("a systematic review" and "systematic review")
_LINKING = frozenset("a an the of in on and or for to with by at from as is are its their into vs versus".split())


#: Prefixes that make a word name another range or the opposite of the same stem: "preoperative" and
#: "postoperative", "hypoglycaemia" and "hyperglycaemia", "inpatients" and "outpatients", "women" and "men". Such
#: words are as alike as two spellings of one word ("randomised", "randomized"), but they name other things.
_OPPOSED_PREFIXES = (("pre", "post"), ("pre", "peri"), ("peri", "post"), ("ante", "post"), ("hypo", "hyper"),
                     ("hypo", "normo"), ("hyper", "normo"), ("intra", "extra"), ("intra", "inter"), ("in", "out"),
                     ("under", "over"), ("sub", "supra"), ("micro", "macro"), ("endo", "exo"), ("hetero", "homo"),
                     ("uni", "bi"), ("mono", "poly"), ("ipsi", "contra"), ("up", "down"), ("tachy", "brady"),
                     ("anti", "pro"), ("", "wo"), ("", "fe"), ("", "non"), ("", "un"), ("", "a"), ("", "dis"),
                     ("", "an"), ("", "in"), ("", "im"), ("", "il"), ("", "ir"), ("", "ant"), ("a", "e"), ("ab", "ad"))
#: The longest prefix that :func:`_opposed` reads as one when both words have their own: "increased" and
#: "decreased", "systolic" and "diastolic", "anterior" and "posterior", "maximal" and "minimal", "onset" and
#: "offset". Longer, the two words are rather two words of a compound ("cardio protection").
_OWN_PREFIX = 4
#: Words that say the opposite of the same title without them ("is not associated", "has no effect").
_NEGATIONS = frozenset(("not", "no", "without", "never"))
# "non-diabetic" is one word to one database and two to another ("nondiabetic"): glued before comparing, and so
# is "in vitro" ("invitro" to some databases), which is no "in-" prefix of "vitro".
_NON = re.compile(r"(?<!\S)non (?=\S)")
_IN_LATIN = re.compile(r"(?<!\S)in (?=(?:vitro|vivo|situ|silico|utero|ovo|toto)\b)")
# British and American spellings differ by a vowel written as a digraph ("haemoglobin", "oesophageal",
# "aetiology"): folded before looking for a prefix, so "aetiology" is not "a" + "etiology".
_DIGRAPHS = re.compile(r"ae|oe")


def _opposed(x: str, y: str) -> bool:
    """Whether two words are one stem with opposed prefixes (see ``_OPPOSED_PREFIXES``).

    >>> _opposed("preoperative", "postoperative"), _opposed("women", "men"), _opposed("aetiology", "etiology")
    (True, True, False)
    >>> _opposed("increased", "decreased"), _opposed("aerobic", "anaerobic"), _opposed("maximal", "minimal")
    (True, True, True)
    >>> _opposed("fatigue", "datigue"), _opposed("designing", "desigining"), _opposed("cardioprotection", "protection")
    (False, False, False)
    """
    x, y = _DIGRAPHS.sub("e", x), _DIGRAPHS.sub("e", y)
    for p, q in _OPPOSED_PREFIXES:
        for u, w in ((x, y), (y, x)):
            if u.startswith(p) and w.startswith(q) and len(u) - len(p) >= 3 and u[len(p):] == w[len(q):]:
                return True
    # one stem after two short prefixes of their own that no slip of the keyboard turns into each other ("in" and
    # "de", "max" and "min"); one letter typed for another ("fatigue", "datigue") is a spelling
    stem = len(os.path.commonprefix([x[::-1], y[::-1]]))
    p, q = x[:len(x) - stem], y[:len(y) - stem]
    return (stem >= 3 and 0 < len(p) <= _OWN_PREFIX and 0 < len(q) <= _OWN_PREFIX
            and OSA.distance(p, q) >= 2)


#: Spellings folded before looking for a part one word has and the other lacks: British and American ("ae", "oe",
#: "ph": "sulphate", "sulfate") and a Greek letter's name that one database writes inside a word and another drops
#: ("galphaq", "gq").
_SPELLING_FOLDS = re.compile(r"ae|oe|ph|alpha|beta|gamma|delta|kappa|alfa")
_FOLDED = {"ae": "e", "oe": "e", "ph": "f"}


def _spelling_folded(word: str) -> str:
    """``word`` with the spellings of :data:`_SPELLING_FOLDS` folded ("sulphate" -> "sulfate", "galphaq" -> "gq")."""
    return _SPELLING_FOLDS.sub(lambda m: _FOLDED.get(m.group(), ""), word)


#: Letters that British and American spellings of a short word swap ("disc", "disk"; "grey", "gray"; "tyre";
#: "cosy"; "vice"): no other name.
_SPELT_ALIKE = frozenset(("ck", "kc", "sz", "zs", "sc", "cs", "iy", "yi", "ae", "ea"))
_VOWELS = frozenset("aeiouy")
#: Letters a PDF's ligature stands for, which an export made from the PDF can lose ("efcacy" for "efficacy").
_LIGATURES = frozenset(("fi", "fl", "ff", "ffi", "ffl"))


def _part_differs(x: str, y: str, x_title: list[str], y_title: list[str]) -> bool:
    """Whether two alike words differ by a part of two letters or more at their start or inside them: another
    compound of one stem ("omeprazole" and "esomeprazole", "adrenaline" and "noradrenaline", "prednisone" and
    "prednisolone", "estradiol" and "estriol", "oxycodone" and "hydrocodone"), "term" and "preterm", or an end
    "-less" ("cemented" and "cementless"); in a name of four letters or fewer, one letter in place of another
    ("KRAS" and "NRAS", "BRAF" and "CRAF", "ApoE" and "ApoB"), as only names are so short; in a longer word, one
    consonant in place of another ("dysphagia" and "dysphasia"). A slip of the keyboard is one letter (a vowel
    for another, one more or one less), a spelling one or two ("ae", "ph"), an inflection sits at the end ("approaches",
    "approach") and so does a footnote's letter ("diseasea"). A start that the other title has as a word of its
    own before the word is a space one database dropped ("k atp" and "katp", "p16 ink4a" and "p16ink4a"); digits
    and a part with a digit are numbers or a code's ("p16"), which the titles' numbers compare.

    >>> _part_differs("omeprazole", "esomeprazole", [], []), _part_differs("prednisone", "prednisolone", [], [])
    (True, True)
    >>> _part_differs("atp", "mkatp", ["the", "mk", "atp", "channel"], ["the", "mkatp", "channel"])
    False
    >>> _part_differs("sulphate", "sulfate", [], []), _part_differs("approach", "approaches", [], [])
    (False, False)
    >>> _part_differs("adenisone", "adenosine", [], []), _part_differs("degrees", "17degreec", [], [])
    (False, False)
    >>> _part_differs("cemented", "cementless", [], []), _part_differs("kras", "nras", [], [])
    (True, True)
    >>> _part_differs("disc", "disk", [], []), _part_differs("grey", "gray", [], [])
    (False, False)
    >>> _part_differs("dysphagia", "dysphasia", [], []), _part_differs("eculizamab", "eculizumab", [], [])
    (True, False)
    """
    if len(x) == len(y) <= 4 and Levenshtein.distance(x, y) == 1 and not any(c.isdigit() for c in x + y) \
            and {a + b for a, b in zip(x, y) if a != b}.isdisjoint(_SPELT_ALIKE):
        return True  # a name of four letters or fewer, one letter for another ("kras", "nras"; "apoe", "apob")
    fx, fy = _spelling_folded(x), _spelling_folded(y)
    if len(fx) == len(fy) >= 6 and fx.isalpha() and fy.isalpha():
        # a consonant for another before a long word's last letter is another word ("dysphagia" and "dysphasia",
        # "infection" and "injection"); a vowel for another is mostly a slip or a spelling ("eculizamab",
        # "artefact"), and so are the consonants spelt alike ("leucocyte")
        differ = [(a, b, k) for k, (a, b) in enumerate(zip(fx, fy)) if a != b]
        if (len(differ) == 1 and differ[0][2] < len(fx) - 1 and differ[0][0] not in _VOWELS
                and differ[0][1] not in _VOWELS and differ[0][0] + differ[0][1] not in _SPELT_ALIKE):
            return True
    stem = len(os.path.commonprefix([fx, fy]))
    if stem >= 4 and fx[stem:].endswith("less") != fy[stem:].endswith("less"):
        return True  # "cementless" and "cemented", "painless" and "painful": without, and with
    blocks = []  # runs of edits that touch, as (start, end) in each word
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(fx, fy):
        if tag == "equal":
            continue
        if blocks and blocks[-1][1] == i1 and blocks[-1][3] == j1:
            blocks[-1] = (blocks[-1][0], i2, blocks[-1][2], j2)
        else:
            blocks.append((i1, i2, j1, j2))
    for i1, i2, j1, j2 in blocks:
        px, py = fx[i1:i2], fy[j1:j2]
        if max(len(px), len(py)) < 2 or any(c.isdigit() for c in px + py) or (i2 == len(fx) and j2 == len(fy)):
            continue
        if not (px and py) and (px or py) in _LIGATURES:
            continue
        if i1 == 0 and j1 == 0 and not (px and py):
            # one more start: a word of the other title glued on?
            extra, short, title = (px, fy, y_title) if px else (py, fx, x_title)
            if _glued(extra, short, title):
                continue
        return True
    return False


def _glued(start: str, word: str, title: list[str]) -> bool:
    """Whether ``title`` has, right before a word ending as ``word`` does, up to four words that begin as
    ``start`` does (its first three letters, or all of it): the words one database glued into one, a letter lost
    on the way ("sapp alpha mediated" and "sappamediated", "fran ais" and "francais").

    >>> _glued("sappa", "mediated", ["for", "an", "sapp", "alpha", "mediated", "pathway"])
    True
    >>> _glued("es", "omeprazole", ["effects", "of", "omeprazole"])
    False
    """
    need = min(len(start), 3)
    for k, w in enumerate(title):
        if not _spelling_folded(w).endswith(word[-3:]):
            continue
        for m in range(k - 1, max(k - 5, -1), -1):
            if len(os.path.commonprefix([start, "".join(title[m:k])])) >= need:
                return True
    return False


def words_swapped(a: str, b: str) -> bool:
    """Whether two (normalised) titles each have a word the other lacks, and none of them is a spelling of
    another: one report of a series against another ("... assessment: fire topic" and "... assessment:
    restoration topic"), not a typo or "randomised" and "randomized". Words counted with their repeats, so
    "fire" is missing from the first of "rangeland fire ... fire topic" and "rangeland fire ... invasives topic".
    A lone letter for another names another thing ("hepatitis A" and "hepatitis B", "part A" and "part B": the
    letter "a" is then no article), and so does a word with an opposed prefix ("preoperative" and
    "postoperative", "men" and "women"), however alike the two spellings.

    >>> words_swapped("plan assessment fire topic 2015 20", "plan assessment restoration topic 2015 20")
    True
    >>> words_swapped("randomised trial of sleep", "randomized trial of sleep"), words_swapped("a review", "review")
    (False, False)
    >>> words_swapped("hepatitis a vaccination", "hepatitis b vaccination"), words_swapped("a trial", "the trial")
    (True, False)
    >>> words_swapped("exercise in obese men", "exercise in obese women")
    True
    >>> words_swapped("non diabetic adults", "diabetic adults"), words_swapped("non randomised", "nonrandomised")
    (True, False)

    Titles in Chinese or Japanese script are compared character by character too (:func:`unspaced_word_differs`).
    """
    if (in_unspaced_script(a) or in_unspaced_script(b)) and unspaced_word_differs(a, b):
        return True
    a, b = (_IN_LATIN.sub("in", _NON.sub("non", t)) for t in (a, b))
    ca, cb = Counter(a.split()), Counter(b.split())
    # the words each has more often than the other (counts compared: no Counter built for the differences)
    extra_a, extra_b = [w for w, n in ca.items() if n > cb[w]], [w for w, n in cb.items() if n > ca[w]]
    letters_a = [w for w in extra_a if len(w) == 1 and "a" <= w <= "z"]
    letters_b = [w for w in extra_b if len(w) == 1 and "a" <= w <= "z"]
    if letters_a and letters_b:  # "a" against "b": two letters naming two things
        return True
    only_a = [w for w in extra_a if w not in _LINKING and not w.isdigit()]
    only_b = [w for w in extra_b if w not in _LINKING and not w.isdigit()]
    if not only_a or not only_b:
        return False
    wa, wb = a.split(), b.split()
    return all(fuzz.ratio(x, y) < 70 or _opposed(x, y) or _part_differs(x, y, wa, wb)
               for x in only_a for y in only_b)


#: Words that stand for a sign one database prints and another drops ("PPAR-γ" read "ppar gamma" and "ppar"):
#: one of them inside one title only is the same title.
_SIGN_WORDS = frozenset("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
                        "sigma tau upsilon phi chi psi omega plus minus".split())


def _longer_first(a: str, b: str, glue: bool = False) -> tuple[list, list]:
    """The words of two titles, the title with more words first (``glue``: "non" and "in vitro" joined first)."""
    wa, wb = ((_IN_LATIN.sub("in", _NON.sub("non", t)) if glue else t).split() for t in (a, b))
    return (wa, wb) if len(wa) > len(wb) else (wb, wa)


def _says_something(word: str) -> bool:
    """A word that can make a title another paper's: not a lone letter, a number, a linking word or a sign's name."""
    return len(word) > 1 and not word.isdigit() and word not in _LINKING and word not in _SIGN_WORDS


def word_inserted(a: str, b: str) -> bool:
    """Whether one (normalised) title is the other with one to three more words inside it, one of them a word that
    says something: "... in acute patients with heart failure" and "... in patients with heart failure", or
    "elderly and young patients" and "elderly patients", are two papers' titles, as two that swap a word are.
    Words at either end are a database cutting a long title short or leaving out a subtitle; linking words,
    numbers, lone letters, a doubled word, a sign's name ("gamma", "plus") or the initials of the words before
    ("... disease (COPD)") are one paper written two ways.

    >>> word_inserted("exercise in acute heart failure", "exercise in heart failure")
    True
    >>> word_inserted("in elderly and young patients with", "in elderly patients with")
    True
    >>> word_inserted("receptors alpha and gamma mediate", "receptors alpha and mediate")
    False
    >>> word_inserted("chronic obstructive pulmonary disease copd in adults", "chronic obstructive pulmonary disease in adults")
    False
    >>> word_inserted("exercise in heart failure a trial", "exercise in heart failure"), word_inserted("a b c", "a c d")
    (False, False)
    """
    longer, shorter = _longer_first(a, b, glue=True)
    more = len(longer) - len(shorter)
    if not 1 <= more <= 3:
        return False
    for k in range(1, len(shorter)):
        if longer[k - 1] != shorter[k - 1]:
            return False  # past the words both start with
        if longer[k + more:] == shorter[k:]:
            run, around = longer[k:k + more], (longer[k - 1], longer[k + more])
            return any(_says_something(w) and w not in around and not _initials_of(w, longer[:k]) for w in run)
    return False


def _initials_of(word: str, before: list) -> bool:
    """Whether ``word`` is the initials of the words just before it, an abbreviation one database prints in
    brackets and another leaves out ("chronic obstructive pulmonary disease copd", "quality of life qol")."""
    n = len(word)
    if not 2 <= n <= 6 or not word.isalpha():
        return False
    content = [w for w in before if w not in _LINKING]
    return "".join(w[0] for w in before[-n:]) == word or "".join(w[0] for w in content[-n:]) == word


#: A journal's or database's label of a section, which one copy of a title carries before it ("Review: ...",
#: "Editorial ..."): no word of the title.
_SECTION_LABELS = frozenset("review editorial commentary comment letter letters perspective perspectives opinion "
                            "viewpoint correspondence abstract abstracts erratum correction news highlights feature "
                            "features essay debate guideline guidelines interview obituary preface foreword "
                            "introduction editorials reply".split())


def word_prefixed(a: str, b: str) -> bool:
    """Whether one (normalised) title is the other with one more word at its start that says something: "acute
    kidney injury after ..." and "kidney injury after ...", "Korean reference intervals ..." and "reference
    intervals ...". Databases cut titles at the end, not the start; what one copy has before the title is a
    linking word ("the"), a sign's name ("delta opioid"), a section's label ("Review:") or the study's acronym
    built from the words after it ("Hyred: HYbrid job REcommenDation system").

    >>> word_prefixed("acute kidney injury after cardiac surgery", "kidney injury after cardiac surgery")
    True
    >>> word_prefixed("hyred hybrid job recommendation system", "hybrid job recommendation system")
    False
    >>> word_prefixed("review kidney injury after surgery", "kidney injury after surgery")
    False
    """
    longer, shorter = _longer_first(a, b)
    if len(longer) != len(shorter) + 1 or not shorter or longer[1:] != shorter:
        return False
    w = longer[0]
    return _says_something(w) and w.isalpha() and w not in _SECTION_LABELS and not _acronym_of(w, shorter)


def _acronym_of(word: str, after: list) -> bool:
    """Whether ``word`` is made of the starts of the words after it ("hyred": HYbrid job REcommenDation), as a
    study's or a system's name is: its first letter the next word's, its letters in order within as many words."""
    if not after or word[0] != after[0][0]:
        return False
    rest = iter("".join(after[:len(word)]))
    return all(c in rest for c in word)


#: Words that begin a phrase saying where, in whom or when ("in Korea", "among nurses", "at home", "during
#: Ramadan"), which one title can have at its end and the other not (see :func:`qualifier_added`).
_QUALIFYING = frozenset("in among amongst at during within".split())
#: What a database itself adds at the end of a title ("[in Chinese]", "in press"): no place or population.
_NOTES = frozenset("press print english chinese japanese korean german french spanish portuguese italian russian "
                   "polish dutch turkish persian arabic czech hungarian danish swedish norwegian finnish greek "
                   "hebrew croatian serbian romanian ukrainian".split())


def qualifier_added(a: str, b: str) -> bool:
    """Whether one (normalised) title is the other and one to four words at its end that say where, in whom or
    when: "... in patients with coronary artery disease in Korea" or "... in women" is another paper of the
    group, a national or a subgroup's report. A database that leaves out a subtitle leaves out what follows a
    colon ("a retrospective study"), which no such word begins, and a language note ("in Chinese") or "in press"
    is the database's own.

    >>> qualifier_added("exercise capacity in coronary artery disease in korea", "exercise capacity in coronary artery disease")
    True
    >>> qualifier_added("exercise capacity in heart disease a cohort study", "exercise capacity in heart disease")
    False
    >>> qualifier_added("exercise capacity in heart disease in chinese", "exercise capacity in heart disease")
    False
    """
    longer, shorter = _longer_first(a, b)
    tail = longer[len(shorter):]
    if not shorter or not 2 <= len(tail) <= 4 or longer[:len(shorter)] != shorter or tail[0] not in _QUALIFYING:
        return False
    return any(map(_says_something, tail)) and not any(w in _NOTES for w in tail)


#: Characters that negate what follows them in Chinese and Japanese ("不相关": not associated).
_UNSPACED_NEGATIONS = frozenset("不未无非没無")


def unspaced_word_differs(a: str, b: str) -> bool:
    """Whether two (normalised) titles in Chinese or Japanese script differ by a word: a character of one in place
    of another ("肝脏" and "肾脏", liver and kidney; "术前" and "术后", before and after surgery; "男性" and "女性"),
    two characters or more that only one has inside a phrase ("疗效观察" and "临床疗效观察"), or a negation
    ("不相关"). Such a script puts no spaces between words, and one of its characters is a word, or most of one:
    it is what :func:`words_swapped` finds in spaced words. A character one title drops ("的", "の"), a part one
    adds after a space (a subtitle, set off by a dash or colon before normalising) and a difference in Latin
    letters or digits are not.

    >>> unspaced_word_differs("肝脏ct图像分割", "肾脏ct图像分割"), unspaced_word_differs("2型糖尿病的治疗", "2型糖尿病治疗")
    (True, False)
    >>> unspaced_word_differs("冠心病的疗效观察", "冠心病的临床疗效观察"), unspaced_word_differs("特点分析", "特点分析 以黄瓜为例")
    (True, False)
    """
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(a, b):
        if tag == "equal":
            continue
        x, y = a[i1:i2], b[j1:j2]
        cx, cy = len(_UNSPACED_CHAR.findall(x)), len(_UNSPACED_CHAR.findall(y))
        if cx and cy:  # one character or word in place of another
            return True
        if not cx and not cy:
            continue
        # what one title has and the other lacks: a word when it is two characters or more inside a phrase
        longer, start, stop, part = (a, i1, i2, x) if cx else (b, j1, j2, y)
        if len(part.strip()) == 1 and part.strip() in _UNSPACED_NEGATIONS:
            return True
        inside = 0 < start and stop < len(longer) and longer[start - 1] != " " and longer[stop] != " " \
            and part == part.strip()
        if inside and max(cx, cy) >= 2:
            return True
    return False


def negation_differs(a: str, b: str) -> bool:
    """Whether one (normalised) title negates what the other says: a "not", "no", "without" or "never" more in
    one of them (a "non-" is a prefix: see :func:`words_swapped`) ("... is not associated with ..." and "... is associated with ...").

    >>> negation_differs("uric acid is not associated with diabetes", "uric acid is associated with diabetes")
    True
    >>> negation_differs("no effect of x on y", "not an effect of x on y")
    False
    """
    ca, cb = Counter(a.split()), Counter(b.split())
    return sum(ca[w] for w in _NEGATIONS) != sum(cb[w] for w in _NEGATIONS)


def in_east_asian_script(texts) -> np.ndarray:
    """Whether each text (a record's compared title, authors or journal) is written in Chinese, Japanese or Korean
    script.

    >>> in_east_asian_script(["陈凤侠; 蒋玲", "chen f; jiang l", ""]).tolist()
    [True, False, False]
    """
    texts = list(texts)
    return np.fromiter((not a.isascii() and EAST_ASIAN_CHAR.search(a) is not None for a in texts),
                       dtype=bool, count=len(texts))


def _similarity(a: np.ndarray, b: np.ndarray, scorer, workers: int, cutoff=None) -> np.ndarray:
    """Element-wise similarity, -1 where either side is empty (0 under ``cutoff`` when one is given)."""
    out = np.full(len(a), -1.0)
    both = (a != "") & (b != "")
    if both.any():
        out[both] = process.cpdist(a[both].tolist(), b[both].tolist(), scorer=scorer, workers=workers,
                                   dtype=np.float32, score_cutoff=cutoff)
    return out


def _abbreviates(a: str, b: str) -> bool:
    """Whether one journal key's words are, in order, abbreviations of the other's first words (or the words
    themselves): an abbreviated word is the start of the full one ("q" of "quar", "neph" of "nephron")."""
    wa, wb = a.split(), b.split()
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return bool(wa) and all(x.startswith(y) or y.startswith(x) for x, y in zip(wa, wb))


def _acronym(name: str, initials: str) -> bool:
    """Whether a one-word journal key is the initials of another name (three letters or more)."""
    return len(name) >= 3 and " " not in name and name == initials


def _codes(column) -> np.ndarray:
    """Integer codes of a text column, -1 for empty: comparing integers is much faster than strings."""
    values = column.to_numpy() if isinstance(column, pd.Series) else np.asarray(column, dtype=object)
    codes, uniques = pd.factorize(values)
    empty = np.flatnonzero(uniques == "")
    if len(empty):
        codes[codes == empty[0]] = -1
    return codes


def _agreement(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """1 when equal, 0 when different, -1 when either is empty (``a``, ``b``: codes from ``_codes``)."""
    out = (a == b).astype(np.int8)
    out[(a < 0) | (b < 0)] = -1
    return out


def score_pairs(prepared: pd.DataFrame, pairs, workers: int = -1, min_title: float = 60.0) -> pd.DataFrame:
    """Field similarities of candidate pairs.

    Pairs whose titles are less than ``min_title`` similar and that share no DOI, PMID, trial registration
    or volume-and-page are dropped here (they are distinct) so the costlier fields are scored only where
    they matter.

    Parameters
    ----------
    prepared : pandas.DataFrame
        Output of :func:`synthesis.dedup.prep.prepare`.
    pairs : array-like of shape (n, 2)
        Row positions from :func:`synthesis.dedup.block.candidate_pairs`.
    workers : int
        Threads for rapidfuzz (-1: all cores).

    Returns
    -------
    pandas.DataFrame
        ``i``, ``j`` and :data:`SCORE_COLUMNS`. ``title`` is the edit-based similarity of the normalised
        titles, ``title_words`` the word-set similarity (reordered or truncated titles), ``authors`` the
        word-set similarity of family names and initials, ``journal`` 100 when the journal initials agree,
        else the similarity of word prefixes; ``year_gap`` is ``|year_i - year_j|`` (-1 unknown); ``doi``,
        ``pmid``, ``registration`` (a trial registration's number), ``volume``, ``issue`` and ``page`` are 1
        (same), 0 (different) or -1 (unknown), where
        a volume that is the other record's issue, beside no issue (one database put the issue number in the
        volume field), counts as an unknown volume and the same issue (``issue_as_volume`` marks those pairs);
        ``locators_disjoint`` is true when both records give an issue or a first page but neither agrees;
        ``same_pages`` when both give the same range of several pages (first and last page), ``pages_apart``
        when both give ranges that do not overlap; ``authors_swapped`` when authors that share almost nothing
        are the same people with given and family names swapped (:func:`~synthesis.dedup.prep.names_swapped`);
        ``score`` is a summary used to order pairs (higher is surer).
    """
    out = score_columns(prepared, pairs, workers=workers, min_title=min_title)
    return pd.DataFrame(out)


def score_columns(prepared, pairs, workers: int = -1, min_title: float = 60.0, rules=None) -> dict:
    """:func:`score_pairs` as a dict of numpy arrays (``prepared`` a DataFrame or ``prepare_columns``' dict).

    With ``rules`` (a :class:`~synthesis.dedup.decide.DecisionRules`), the pairs that :func:`~synthesis.dedup.
    decide.decide` would call distinct whatever their other fields are dropped as soon as that is known.
    """
    if isinstance(prepared, pd.DataFrame):
        prepared = {c: prepared[c].to_numpy() for c in prepared.columns}
    col = prepared
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    if len(pairs) < 50000:
        workers = 1  # starting threads costs more than it saves on a small set
    i, j = pairs[:, 0], pairs[:, 1]
    # First the title, and only then the other fields, on the pairs the title or an identifier keeps.
    title = _similarity(col["title"][i], col["title"][j], fuzz.ratio, workers)
    code = {c: _codes(col[c]) for c in ("doi", "pmid", "volume", "issue", "page", "first_author",
                                         "title_numbers", "kind")}
    doi = _agreement(code["doi"][i], code["doi"][j])
    pmid = _agreement(code["pmid"][i], code["pmid"][j])
    volume = _agreement(code["volume"][i], code["volume"][j])
    page = _agreement(code["page"][i], code["page"][j])
    # a trial's registrations (most exports have none: then no codes are made)
    if "registration" in col and (col["registration"] != "").any():
        reg_code = _codes(col["registration"])
        registration = _agreement(reg_code[i], reg_code[j])
    else:
        registration = np.full(len(i), -1, dtype=np.int8)
    keep = (title >= min_title) | (doi == 1) | (pmid == 1) | (registration == 1) | ((volume == 1) & (page == 1))
    i, j, title, doi, pmid, registration, volume, page = (x[keep] for x in (i, j, title, doi, pmid, registration,
                                                                              volume, page))

    words = title.copy()
    check = (title >= 0) & (title < 97)
    if check.any():
        words[check] = process.cpdist(col["title"][i[check]].tolist(), col["title"][j[check]].tolist(),
                                      scorer=fuzz.token_set_ratio, workers=workers, dtype=np.float32)
    scored = len(i)  # pairs kept by the title or an identifier (the output's column types depend on it)
    if rules is not None:
        # Pairs that only their abstracts could make a "maybe": those abstracts first, with a cut-off; the
        # pairs left distinct are dropped before the costlier fields are scored.
        open_ = may_not_be_distinct(title, words, doi, pmid, volume, page, rules, registration=registration)
        rest = np.flatnonzero(~open_)
        abstract_rest = _similarity(col["abstract"][i[rest]], col["abstract"][j[rest]], fuzz.ratio, workers,
                                    cutoff=89.5)
        open_[rest[abstract_rest >= 90]] = True
        i, j, title, words, doi, pmid, registration, volume, page = (
            x[open_] for x in (i, j, title, words, doi, pmid, registration, volume, page))
    authors = _similarity(col["authors"][i], col["authors"][j], fuzz.token_set_ratio, workers)
    # names in Chinese, Japanese or Korean script beside names in Latin letters ("陈凤侠" and "Chen, F.": a
    # Chinese database and Scopus) cannot be compared: not given, rather than other people
    scripted = in_east_asian_script(col["authors"])
    authors[(scripted[i] != scripted[j]) & (authors >= 0)] = -1.0
    # authors that share almost nothing: other people, unless one database swapped given and family names
    authors_swapped = np.zeros(len(i), dtype=bool)
    for k in np.flatnonzero((authors >= 0) & (authors < 50)):
        authors_swapped[k] = names_swapped(col["authors"][i[k]], col["authors"][j[k]])
    first = _agreement(code["first_author"][i], code["first_author"][j])
    jr = _similarity(col["journal"][i], col["journal"][j], fuzz.ratio, workers)
    ji_i, ji_j = col["journal_initials"][i], col["journal_initials"][j]
    # initials only count for names of two words or more ("Diabetes" and "Diabetologia" are not alike)
    ji_long = np.fromiter((len(x) >= 2 for x in col["journal_initials"]), dtype=bool,
                          count=len(col["journal_initials"]))
    jr[(ji_i == ji_j) & ji_long[i]] = 100.0
    # "MIS Q" and "MIS Quarterly: Management Information Systems", "Nephron" and "Nephron Clinical Practice":
    # one name abbreviates the start of the other, word by word
    jn_i, jn_j = col["journal"][i], col["journal"][j]
    low = (jr >= 0) & (jr < 90)
    if low.any():
        idx = np.flatnonzero(low)
        names = list(zip(jn_i[idx].tolist(), jn_j[idx].tolist(), ji_i[idx].tolist(), ji_j[idx].tolist()))
        # or "ICIS" and "International Conference on Information Systems", "JAMA", "BMJ": an acronym of the
        # name; judged once per pair of names (pairs of one block mostly share their two journals)
        alike = {(a, b, ia, ib): _abbreviates(a, b) or _acronym(a, ib) or _acronym(b, ia)
                 for a, b, ia, ib in set(names)}
        jr[idx[list(map(alike.__getitem__, names))]] = 90.0
    # a journal named in Chinese by one database and in English by another (Wanfang and Scopus): not comparable,
    # as the authors above, rather than another journal
    scripted = in_east_asian_script(col["journal"])
    jr[(scripted[i] != scripted[j]) & (jr >= 0)] = -1.0
    abstract = _similarity(col["abstract"][i], col["abstract"][j], fuzz.ratio, workers)
    yi, yj = col["year"][i], col["year"][j]
    year_gap = np.where((yi >= 0) & (yj >= 0), np.abs(yi - yj), -1)
    has_title = (col["title"][i] != "") & (col["title"][j] != "")
    numbers_differ = has_title & (code["title_numbers"][i] != code["title_numbers"][j])
    for k in np.flatnonzero(numbers_differ):
        numbers_differ[k] = not numbers_written_apart(col["title"][i[k]], col["title"][j[k]])
    # Alike titles that swap a word (a series' reports, one topic each): told apart by that word, not merged
    # on the rest (only where the titles are alike enough to be merged on them; identical ones swap nothing)
    words_differ = np.zeros(len(i), dtype=bool)
    for k in np.flatnonzero(has_title & (title >= 80) & (title < 100)):
        ta, tb = col["title"][i[k]], col["title"][j[k]]
        words_differ[k] = (words_swapped(ta, tb) or negation_differs(ta, tb) or word_inserted(ta, tb)
                           or qualifier_added(ta, tb) or word_prefixed(ta, tb))
    kind_differs = code["kind"][i] != code["kind"][j]
    conf = np.asarray(col["conference"], dtype=bool)
    conference_differs = conf[i] != conf[j]
    # the record that is not a conference paper names no type and no journal: what it is was not said (its
    # export left those fields out), so the pair is not "a conference paper and a journal article"
    typed = np.asarray(col["typed"], dtype=bool) if "typed" in col else np.ones(len(conf), dtype=bool)
    conference_unsaid = conference_differs & ~np.where(conf[i], typed[j], typed[i])
    issue = _agreement(code["issue"][i], code["issue"][j])
    # One database put the issue number in the volume field and left the issue empty ("3", "" beside "25",
    # "3"): the volumes are not known to differ, and the issues agree.
    issue_as_volume = np.zeros(len(i), dtype=bool)
    # So is a volume beside no volume, where the other record gives that number as its issue ("4", "" beside
    # "", "4"): the issues agree.
    apart = np.flatnonzero((volume == 0) | ((volume < 0) & (issue < 0)))
    if len(apart):
        vi, vj, ii, ij = (col[c][x[apart]] for c, x in (("volume", i), ("volume", j), ("issue", i), ("issue", j)))
        hit = apart[((vi == ij) & (ii == "") & (vi != "")) | ((vj == ii) & (ij == "") & (vj != ""))]
        volume[hit], issue[hit], issue_as_volume[hit] = -1, 1, True
    # Both records say where in the journal they are (an issue or a first page), but no such detail agrees:
    # with a generic title nothing then ties them to one item.
    placed = (col["issue"] != "") | (col["page"] != "")
    locators_disjoint = placed[i] & placed[j] & (issue != 1) & (page != 1)
    generic = np.asarray(col["generic"], dtype=bool) if "generic" in col else np.zeros(len(col["title"]), bool)
    generic = generic[i] | generic[j]
    # The same first and last page of a range: where in its volume an article of several pages stands. Two
    # ranges that do not overlap are two items (under one DOI: a proceedings' DOI given to each paper).
    pages_apart = np.zeros(len(i), dtype=bool)
    if "last_page" in col:
        last_i, last_j = col["last_page"][i], col["last_page"][j]
        same_pages = (page == 1) & (last_i != "") & (last_i == last_j)
        for k in np.flatnonzero((page == 0) & (last_i != "") & (last_j != "")):
            a, b = int(col["page"][i[k]]), int(col["page"][j[k]])
            pages_apart[k] = int(last_i[k]) < b or int(last_j[k]) < a
    else:
        same_pages = np.zeros(len(i), dtype=bool)
    # The Cochrane Database of Systematic Reviews publishes a review's protocol, the review and each update
    # under one title and one article number (CD003051): only the DOI's version (.pub2) or the issue tells them
    # apart (see decide).
    cochrane = col["journal_initials"] == VERSIONED_JOURNAL
    versioned = cochrane[i] & cochrane[j]

    # A summary for ordering pairs: mostly title, then authors, ids and the bibliographic details.
    score = (np.maximum(title, 0) * 0.5 + np.maximum(authors, 0) * 0.2 + (doi == 1) * 15 + (pmid == 1) * 15
             + (registration == 1) * 15 + (volume == 1) * 5 + (page == 1) * 5 + (year_gap == 0) * 5
             + (np.maximum(jr, 0) >= 90) * 5 - (doi == 0) * 20 - (registration == 0) * 20 - (page == 0) * 10
             - (volume == 0) * 5)
    return {
        "i": i, "j": j, "title": title, "title_words": words, "authors": authors, "first_author": first,
        "journal": jr, "abstract": abstract, "year_gap": year_gap, "doi": doi, "pmid": pmid,
        "registration": registration, "volume": volume, "issue": issue, "page": page,
        "numbers_differ": numbers_differ,
        "kind_differs": kind_differs, "conference_differs": conference_differs,
        "conference_unsaid": conference_unsaid, "generic": generic,
        "versioned": versioned, "score": score, "issue_as_volume": issue_as_volume,
        "locators_disjoint": locators_disjoint, "same_pages": same_pages, "pages_apart": pages_apart,
        "authors_swapped": authors_swapped, "words_differ": words_differ,
        **({"_scored": scored} if rules is not None else {}),
    }
