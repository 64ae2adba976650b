"""Which database an export came from, judged from its content, then from its file name.

Databases sign their exports: ``DB  - Scopus`` tags, links to ``www.embase.com`` or ``ovidsp.ovid.com``,
``DP  - EBSCOhost`` with a database code, ``AN  - WOS:`` accession numbers, an ``FN Clarivate`` header,
``OWN - NLM``. :data:`SIGNATURES` lists them; each match counts as one vote (a signature usually occurs
once per record) and the database with most votes wins, so a reference-manager file mixing Scopus and
PubMed records is named after the larger part, provided at least half its records carry that database's marks
(:data:`RECORD_SHARE`; a library gathered from many places names none). A database with no signature here is
named by the RIS ``DB`` tag its records share (``DB  - JSTOR``). When nothing in the content decides, words in the
file name (``scopus``, ``embase``, ``psycinfo``...) do. ``""`` means unknown.

Examples
--------
>>> infer_database("TY  - JOUR\\nDB  - Scopus\\nUR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-1\\nER  - \\n")
'Scopus'
>>> infer_database("PMID- 1\\nOWN - NLM\\n", "x.nbib", "medline")
'PubMed'
>>> infer_database("TY  - JOUR\\nER  - \\n", "exports/cinahl_2024.ris")
'CINAHL'
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

#: EBSCOhost database codes (``DB  - psyh``) and the database each stands for.
EBSCO_CODES = {
    "psyh": "APA PsycInfo", "pdh": "APA PsycArticles", "cin20": "CINAHL", "ccm": "CINAHL", "rzh": "CINAHL",
    "c8h": "CINAHL", "cul": "CINAHL", "aph": "Academic Search Premier", "a9h": "Academic Search Complete",
    "asn": "Academic Search Ultimate", "ecn": "EconLit", "eoh": "EconLit", "egh": "Environment Index",
    "8gh": "GreenFILE", "i3h": "Criminal Justice Abstracts", "eric": "ERIC", "erh": "ERIC", "mdc": "MEDLINE",
    "cmedm": "MEDLINE", "buh": "Business Source Premier", "bth": "Business Source Complete",
    "sph": "SPORTDiscus", "s3h": "SPORTDiscus", "lxh": "Library, Information Science & Technology Abstracts",
    "edb": "Education Source", "eue": "Education Source", "sih": "SocINDEX", "sxi": "SocINDEX",
    "awn": "Agricola", "bxh": "Biological Abstracts",
}

#: Web of Science's databases other than its Core Collection, by the prefix of their records' accession numbers
#: (``UT MEDLINE:32075446``; a tab-delimited export's ``MEDLINE:32075446`` cell). A search of MEDLINE run on Web of
#: Science is "MEDLINE (Web of Science)" in the report, as it is "MEDLINE (Ovid)" on Ovid.
WOS_DATABASES = {
    "MEDLINE": "MEDLINE", "ZOOREC": "Zoological Record", "INSPEC": "Inspec", "BCI": "BIOSIS Citation Index",
    "BIOSIS": "BIOSIS Previews", "CCC": "Current Contents Connect", "SCIELO": "SciELO Citation Index",
    "KJD": "KCI-Korean Journal Database", "RSCI": "Russian Science Citation Index", "CABI": "CAB Abstracts",
}

#: Database -> literal pieces of text that only its exports contain (``\n`` marks a line start).
#: Each occurrence is one vote. Literal search (``str.count``) keeps this cheap on large files.
SIGNATURES: dict[str, tuple[str, ...]] = {
    "Scopus": ("\nDB  - Scopus", "scopus.com/inward"),
    "LILACS (BVS)": ("\nDB  - LILACS",),
    "SciELO": ("\nDB  - SciELO",),
    "Embase": ("www.embase.com/", "\nDB  - Embase\n"),
    "ProQuest": ("search.proquest.com", "www.proquest.com", "\nDB  - ProQuest"),
    "Cochrane Library": ("\nRecord #", "cochranelibrary.com", "\nDB  - Cochrane"),
    # (before the Core Collection, whose "FN Clarivate" header the files of every Web of Science database carry)
    **{f"{name} (Web of Science)": (f"\nUT {code}:",) for code, name in WOS_DATABASES.items()},
    "Web of Science": ("\nAN  - WOS:", "\nUT WOS:", "Times Cited in Web of Science", "\nFN Clarivate",
                       "\nFN Thomson", "\nFN ISI"),
    "Google Scholar": ("scholar.google.",),
    # Engineering Village notes Compendex's copyright on every Compendex record it exports ("N1  - Compilation and
    # indexing terms, Copyright 2024 Elsevier Inc."; no DB tag, no link); its Inspec records carry no mark
    "Compendex (Engineering Village)": ("Compilation and indexing terms, Copyright",),
    "IEEE Xplore": ("ieeexplore.ieee.org", "\nVO  - "),
    # ACM Digital Library BibTeX: every entry has "numpages = {n}" (also those of IEEE Press it lists); the
    # Digital Library's older export indents its fields by a space and gives each entry an "acmid".
    "ACM Digital Library": ("\nnumpages = {", "\n acmid = {"),
    # dblp's BibTeX: each entry's own address ("biburl = {https://dblp.org/rec/...}") and source
    "dblp": ("dblp.org/rec/", "bibsource = {dblp computer science bibliography"),
    "Rayyan": ("\nAN  - rayyan-", "RAYYAN-INCLUSION"),
    # ASReview LAB's export of a screened file marks each record's label in its notes (N1) or a column
    "ASReview": ("ASReview_relevant", "ASReview_irrelevant", "ASReview_not_seen"),
    "Covidence": ("covidence", "Covidence"),
    "Citavi": ("\nM4  - Citavi",),
    # Zotero's CSL JSON names each item of a synced library by its web address ("zotero.org/users/1/items/K")
    "Zotero": ("no corresponding Zotero field", "zotero://", "://zotero.org/users/", "://zotero.org/groups/"),
    "Mendeley": ("mendeley", "Mendeley"),
    # JabRef keeps its library's settings in comments ("@Comment{jabref-meta: ...}", at the end of the file);
    # its older versions also sign the first line
    "JabRef": ("@Comment{jabref-meta:", "% This file was created with JabRef"),
    "PubMed": ("\nOWN - NLM", "\nDP  - NLM", "\nPMID- "),
    "ERIC": ("\nOWN - ERIC", "eric.ed.gov"),
    "APA PsycInfo (APA PsycNet)": ("\nProvider: American Psychological Association",),
    "Lens.org": ("lens.org/",),
    "Dimensions": ("app.dimensions.ai/details",),
    "AIS eLibrary": ("aisel.aisnet.org",),
    "AGRIS": ("agris.fao.org",),
    "CAB Abstracts": ("cabdirect.org",),
    # China National Knowledge Infrastructure: its EndNote export names it as the database provider (%W)
    "CNKI": ("\n%W CNKI", "kns.cnki.net"),
    "Epistemonikos": ("\nDB  - EPISTEMONIKOS", "epistemonikos.org/documents/"),
    "ScienceDirect": ("sciencedirect.com/science/article/pii/",),
    # TRID (the Transportation Research Board's database): each record's own page among its links, beside the
    # publisher's ("UR  - https://trid.trb.org/view/1777777"); it has no DB tag
    "TRID": ("trid.trb.org/view/",),
    # Consensus (consensus.app, an AI search engine over Semantic Scholar's records): each row's "Consensus Link"
    "Consensus": ("consensus.app/papers/",),
    # The MLA International Bibliography's RIS has no DB tag or link of its own: its notes (N1) carry the record's
    # MLA sequence number ("... Update Code: 201001. Sequence No: 2010-1-14038."), a field of no other database
    "MLA International Bibliography": ("Sequence No: ",),
}
#: Reference managers and screening tools: their marks count double, so that a Citavi or Rayyan export of
#: a Lens or Embase search is named after the tool that wrote the file (as the user knows it).
TOOLS = frozenset({"Citavi", "Rayyan", "Covidence", "Zotero", "Mendeley", "EndNote", "ASReview", "JabRef"})
# A record's Ovid link, to its citation ("T=JS&PAGE=reference&D=psyc3") or its full text ("T=JS&CSC=Y&NEWS=N&
# PAGE=fulltext&D=eric3", Ovid's RIS "Link to the Ovid Full Text or citation"): D names the database's segment.
_OVID_LINK = re.compile(r"ovidsp\.ovid\.com/ovidweb\.cgi\?T=JS&(?:amp;)?(?:[^\s\"<>]*?&(?:amp;)?)?D=(\w+)")
# The database code may follow other parameters: "?direct=true&AuthType=ip,shib&db=bth&AN=...".
_EBSCO_LINK = re.compile(r"ebscohost\.com/login\.aspx\?(?:[^\s\"<>]*?[&;])?db=(\w+)")
#: EndNote XML names each record's database and its provider.
_REMOTE_DATABASE = re.compile(r"<remote-database-name>(?:<style[^>]*>)?([^<]{2,80})(?:</style>)?"
                              r"</remote-database-name>\s*(?:<remote-database-provider>(?:<style[^>]*>)?([^<]{0,80}))?")
#: A database's signatures name the file only when at least this share of its records carry them: a
#: reference manager keeps each record's links and tags, and one record of a Zotero library that came from
#: IEEE Xplore does not make the library an IEEE export (a mix of databases is then named by its file name,
#: or not at all). A tool's marks (see TOOLS) and a file's header name it whatever the share.
RECORD_SHARE = 1 / 2
HEADERS = frozenset({"\nFN Clarivate", "\nFN Thomson", "\nFN ISI", "\nProvider: American Psychological Association"})
#: Record markers of the formats, to count a file's records (the most frequent marker wins).
_RECORD_MARKERS = ("\nTY  - ", "\nPMID- ", "\nUT ", "<record>", "\n@", "\n%0 ")
#: Those that start a line, found in one pass (the engine jumps from newline to newline; a ``str.count`` per marker
#: read the head once each).
_LINE_MARKER = re.compile("\n(?:" + "|".join(re.escape(m[1:]) for m in _RECORD_MARKERS if m[0] == "\n") + ")")

#: Words in a file name and the database they name, tried in order when the content says nothing.
FILE_NAME_WORDS = [
    ("scopus", "Scopus"), ("embase", "Embase"), ("psycinfo", "APA PsycInfo"), ("psychinfo", "APA PsycInfo"),
    ("medline", "MEDLINE"), ("pubmed", "PubMed"), ("cinahl", "CINAHL"), ("ebsco", "EBSCOhost"),
    ("proquest", "ProQuest"), ("cochrane", "Cochrane Library"), ("central", "Cochrane Library"),
    ("webofscience", "Web of Science"), ("web_of_science", "Web of Science"), ("wos", "Web of Science"),
    ("savedrecs", "Web of Science"), ("googlescholar", "Google Scholar"), ("scholar", "Google Scholar"),
    ("ieee", "IEEE Xplore"),
    # Engineering Village's own file name ("Engineering_Village_ris_7-2-2024_171028338.ris")
    ("engineering_village", "Engineering Village"),
    ("engineeringvillage", "Engineering Village"), ("engineering village", "Engineering Village"),
    ("compendex", "Compendex"), ("rayyan", "Rayyan"), ("covidence", "Covidence"), ("citavi", "Citavi"),
    ("zotero", "Zotero"), ("endnote", "EndNote"), ("mendeley", "Mendeley"), ("lens", "Lens.org"),
    ("dimensions", "Dimensions"), ("econlit", "EconLit"), ("greenfile", "GreenFILE"), ("agris", "AGRIS"),
    ("cab", "CAB Abstracts"), ("eric", "ERIC"), ("envindex", "Environment Index"),
    # Publish or Perish's default file name: a search whose rows carry no database's links (Crossref, OpenAlex)
    ("popcites", "Publish or Perish"),
]

#: Platforms that host many databases: a file whose content names only the platform takes the database from its
#: name when the name gives one.
PLATFORMS = frozenset({"ProQuest", "EBSCOhost", "Ovid"})
#: Databases that are trial registers (the names the readers give their exports; see synthesis.io.columns): an
#: export of theirs that no search in the log claims counts in PRISMA's "registers" box, and its records' ids
#: are registration numbers (see synthesis.dedup.prep.trial_registration).
TRIAL_REGISTERS = frozenset({"ClinicalTrials.gov", "WHO ICTRP"})

#: Formats that only one database (or platform) writes, naming it when the content has no signature.
FORMAT_DATABASES = {"cochrane": "Cochrane Library", "proquest": "ProQuest"}

#: Content signatures are searched in this many first characters (some 30 records: enough to vote).
HEAD = 65_536


def _line_start_votes(signatures: dict):
    """One regular expression finding every signature that starts a line, and the database of each match.

    The engine jumps from newline to newline, so one pass replaces a ``str.count`` over the head per such
    signature. A signature ending in a newline ends in a look-ahead instead, so that the next line's own
    signature is still found (as separate counts would find it).
    """
    owner, alternatives = {}, []
    for name, pieces in signatures.items():
        for piece in pieces:
            if piece.startswith("\n"):
                text = piece.rstrip("\n")
                owner[text] = name
                alternatives.append(re.escape(text[1:]) + ("(?=\n)" if piece.endswith("\n") else ""))
    # Longest first: where one signature begins another, the longer is tried first.
    alternatives.sort(key=len, reverse=True)
    return re.compile("\n(?:" + "|".join(alternatives) + ")"), owner


_LINE_START, _LINE_START_OWNER = _line_start_votes(SIGNATURES)
_ELSEWHERE = {name: tuple(p for p in pieces if not p.startswith("\n")) for name, pieces in SIGNATURES.items()}


def _common_part(pieces: tuple) -> str:
    """The longest text that every one of ``pieces`` holds (``""`` for fewer than two).

    >>> _common_part(("zotero://", "://zotero.org/users/")), _common_part(("ab",)), _common_part(("ab", "cd"))
    ('zotero', '', '')
    """
    if len(pieces) < 2:
        return ""
    shortest = min(pieces, key=len)
    for size in range(len(shortest), 0, -1):
        for start in range(len(shortest) - size + 1):
            part = shortest[start:start + size]
            if all(part in p for p in pieces):
                return part
    return ""


#: Each database's signatures found elsewhere than at a line's start, with a text they all hold: where the head
#: lacks it, none of them is there, and one search of the head replaces one per signature (Zotero's four...).
_ELSEWHERE_GATED = [(name, pieces, gate if len(gate) >= 4 else "")
                    for name, pieces in _ELSEWHERE.items() for gate in [_common_part(pieces)]]


#: A ``DB`` tag line's value, in a head that starts with a newline (``infer_database``'s): found from the newline
#: before it, a literal the engine skips ahead to, where ``^DB`` with ``re.M`` tried every character of the head.
_DB_TAG = re.compile(r"\nDB  - (.+)")


def ovid_database(db: str) -> str:
    """The database an Ovid ``DB`` tag names, without its dates and segments, marked as searched on Ovid.

    >>> ovid_database("Embase"), ovid_database("APA PsycInfo <1806 to April Week 2 2021>")
    ('Embase (Ovid)', 'APA PsycInfo (Ovid)')
    >>> ovid_database("Ovid MEDLINE(R) ALL"), ovid_database("Ovid MEDLINE(R) and Epub Ahead of Print, In-Process, "
    ...                                                     "In-Data-Review & Other Non-Indexed Citations and Daily")
    ('MEDLINE (Ovid)', 'MEDLINE (Ovid)')
    >>> ovid_database("Ovid MEDLINE(R) PubMed-not-MEDLINE <2023>")
    'MEDLINE (Ovid)'
    >>> ovid_database("Journals@Ovid Full Text <May 23, 2021>")
    'Journals@Ovid Full Text'
    """
    name = re.sub(r"\s*<.*?>\s*", " ", db).replace("(R)", "").strip()
    name = re.sub(r"^Ovid\s+", "", name)
    name = re.sub(r"\s*(Epub Ahead of Print|In-Process.*|Daily.*|PubMed-not-MEDLINE)$", "", name).strip()
    # Ovid MEDLINE's segments: "ALL", "and Epub Ahead of Print, In-Process, ... and Daily"
    name = re.sub(r"^(MEDLINE)\s+(?:ALL|and\b.*)$", r"\1", name) or "Ovid"
    return name if "Ovid" in name else f"{name} (Ovid)"  # ("Journals@Ovid" names Ovid already)


#: Databases of the Virtual Health Library (BVS/VHL, bvsalud.org) as its exports name them (upper case) and
#: as the report names them. A record found through the BVS portal is marked ``(BVS)``, as Ovid's and
#: EBSCOhost's are: MEDLINE searched there is not PubMed's search.
BVS_DATABASES = {
    "LILACS": "LILACS", "MEDLINE": "MEDLINE", "IBECS": "IBECS", "BDENF": "BDENF", "BBO": "BBO",
    "BINACIS": "BINACIS", "CUMED": "CUMED", "LIPECS": "LIPECS", "INDEX PSI": "Index Psi", "PAHO": "PAHO",
    "PAHO-IRIS": "PAHO IRIS", "WHO IRIS": "WHO IRIS", "WHOLIS": "WHOLIS", "COLECIONA SUS": "Coleciona SUS",
    "SES-SP": "SES-SP", "MOSAICO": "MOSAICO", "BRISA": "BRISA", "LIS": "LIS",
    "LOCALIZADOR DE INFORMACAO EM SAUDE": "LIS",
}


#: What follows a BVS database's code: "BDENF - Enfermagem".
_NAME_AFTER_CODE = re.compile(r"\s+-\s+.*$")


def bvs_database(name: str) -> str:
    """The database a BVS export names for one record (``LILACS``, ``MEDLINE``, ``BDENF - Enfermagem``),
    marked as searched on the BVS portal; ``""`` when the value is empty.

    A record indexed in several (``LILACS; BDENF``) is named after the first; the export's own value stays in
    the record's ``raw``.

    >>> bvs_database("LILACS"), bvs_database("BDENF - Enfermagem"), bvs_database("MEDLINE; LILACS")
    ('LILACS (BVS)', 'BDENF (BVS)', 'MEDLINE (BVS)')
    """
    first = re.split(r"\s*[;|,]\s*", name.strip())[0]
    if not first:
        return ""
    key = _NAME_AFTER_CODE.sub("", first).strip().upper()  # "BDENF - Enfermagem": the code before the dash
    return f"{BVS_DATABASES.get(key, first.strip())} (BVS)"


#: BVS databases only the BVS portal searches: a ``DB`` tag naming one marks a file as a BVS export.
BVS_ONLY = frozenset(BVS_DATABASES) - {"MEDLINE"}


def tagged_database(db: str, from_bvs: bool = False) -> str:
    """The database a RIS ``DB`` tag of a BVS (LILACS...) or SciELO export names, ``""`` for any other.

    ``DB  - MEDLINE`` is named a BVS database only in a file that ``from_bvs`` (other records name LILACS,
    IBECS...): other tools write it too.

    >>> tagged_database("LILACS"), tagged_database("SciELO Brazil"), tagged_database("MEDLINE")
    ('LILACS (BVS)', 'SciELO Brazil', '')
    >>> tagged_database("MEDLINE", from_bvs=True)
    'MEDLINE (BVS)'
    """
    name = " ".join(db.split())
    if name[:6].lower() == "scielo":
        return "SciELO" + name[6:]
    key = _NAME_AFTER_CODE.sub("", name).upper()
    if key in BVS_ONLY or (from_bvs and key in BVS_DATABASES):
        return bvs_database(name)
    return ""


#: The Cochrane Library's two main databases, as records name them (here and, marked ``(Ovid)``, on Ovid).
CENTRAL = "Cochrane CENTRAL"
CDSR = "Cochrane Database of Systematic Reviews"
#: A Cochrane Library accession number and its database: CENTRAL's ``CN-01234567``, a review's ``CD012345``
#: (protocols and reviews alike; ``CD012345.PUB2`` for a later version).
_COCHRANE_DOI = ("10.1002/14651858.", "10.1002/CENTRAL/")
COCHRANE_ACCESSIONS = ((re.compile(r"CN-\d{6,10}"), CENTRAL), (re.compile(r"CD\d{6}(?:\.PUB\d+)?"), CDSR))


def cochrane_database(accession: str) -> str:
    """The Cochrane Library database of a record, from its accession number or its DOI (``""`` when it is
    neither).

    >>> cochrane_database("CN-01234567"), cochrane_database("CD012345.pub2"), cochrane_database("CD-ROM 2")
    ('Cochrane CENTRAL', 'Cochrane Database of Systematic Reviews', '')
    >>> cochrane_database("10.1002/14651858.cd015877"), cochrane_database("10.1002/central/CN-02467531")
    ('Cochrane Database of Systematic Reviews', 'Cochrane CENTRAL')
    """
    accession = accession.strip().upper()
    if accession.startswith(_COCHRANE_DOI):  # the DOI ends with the accession number
        accession = accession.rpartition("/")[2].removeprefix("14651858.")
    for shape, name in COCHRANE_ACCESSIONS:
        if shape.fullmatch(accession):
            return name
    return ""


_OVID_CODES = {"psyc": "APA PsycInfo", "med": "MEDLINE", "emed": "Embase", "emez": "Embase", "eric": "ERIC",
               "prem": "MEDLINE", "cctr": CENTRAL, "coch": CDSR,
               "cagh": "Global Health", "amed": "AMED", "econ": "EconLit"}


def _ovid_code(code: str) -> str:
    for prefix, name in _OVID_CODES.items():
        if code.lower().startswith(prefix):
            return f"{name} (Ovid)"
    return "Ovid"


def wos_database(accessions) -> str:
    """The Web of Science database that most of a file's accession numbers name (:data:`WOS_DATABASES`), the Core
    Collection when they name none.

    >>> wos_database(["MEDLINE:32075446", "MEDLINE:32276923"]), wos_database(["WOS:000123", ""]), wos_database([])
    ('MEDLINE (Web of Science)', 'Web of Science', 'Web of Science')
    """
    prefixes = Counter(a.partition(":")[0].upper() for a in accessions if ":" in a)
    code = prefixes.most_common(1)[0][0] if prefixes else ""
    return f"{WOS_DATABASES[code]} (Web of Science)" if code in WOS_DATABASES else "Web of Science"


def ebsco_database(code: str) -> str:
    """The database an EBSCOhost ``DB`` code names, marked as searched on EBSCOhost.

    >>> ebsco_database("psyh"), ebsco_database("cin20"), ebsco_database("")
    ('APA PsycInfo (EBSCOhost)', 'CINAHL (EBSCOhost)', 'EBSCOhost')
    """
    return f"{EBSCO_CODES.get(code.lower(), code)} (EBSCOhost)" if code else "EBSCOhost"


def infer_database(text: str, path="", fmt: str = "") -> str:
    """The database an export came from, or ``""`` when neither its content nor its name tells.

    Parameters
    ----------
    text : str
        The decoded export.
    path : str
        Its file name (only used when the content has no signature).
    fmt : str
        The detected format (``"medline"``, ``"wos_plaintext"``, ...); a format that only one database
        writes names it.
    """
    head = "\n" + text[:HEAD]
    votes: Counter = Counter()
    starts = _LINE_START.findall(head)  # (the headers are line-start signatures too)
    found = Counter(map(_LINE_START_OWNER.__getitem__, starts))
    records = _records_in(head)
    headed = {_LINE_START_OWNER[h] for h in HEADERS.intersection(starts)}
    for name, pieces, gate in _ELSEWHERE_GATED:
        n = found[name]
        if pieces and (not gate or gate in head):
            n += sum(head.count(piece) for piece in pieces)
        if n and records >= 3 and n < RECORD_SHARE * records and name not in TOOLS and name not in headed:
            n = 0  # some records' links and tags say where those records came from, not the file
        if n:
            votes[name] += 2 * n if name in TOOLS else n
    # Each record of a reference manager's library keeps the database it came from (EndNote's remote-database-name)
    # and its links: a name on fewer than half of them is those records', not the file's (as for the signatures
    # above)
    if "<remote-database-name>" in head:
        votes.update(_shared((ovid_database(name.strip()) if "ovid" in provider.lower() else name.strip()
                              for name, provider in _REMOTE_DATABASE.findall(head)), records))
    if "ovidsp.ovid.com" in head:
        votes.update(_shared(map(_ovid_code, _OVID_LINK.findall(head)), records))
    if "\nDP  - EBSCOhost" in head:
        # EBSCOhost names the database by a code in DB ('psyh', 'cin20').
        for code in _DB_TAG.findall(head):
            votes[ebsco_database(code.strip())] += 2
    elif "ebscohost.com" in head:
        votes.update(_shared(map(ebsco_database, _EBSCO_LINK.findall(head)), records))
    if "ovidsp.ovid.com" in head or fmt == "ovid_tagged":
        # Ovid names the database in DB tags ('APA PsycInfo <2021>'); they beat the link's short code (and
        # the plain 'DB  - Embase' of Elsevier's own RIS, which an Ovid tagged export has too).
        for db in _DB_TAG.findall(head):
            votes[ovid_database(db)] += 2
    if votes:
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0] != "Ovid"))[0]
        if best in PLATFORMS:
            # the content names only the platform (a ProQuest link); the reviewer's file name may say which of
            # its databases was searched ("econlit.ris"): "EconLit (ProQuest)", as PRISMA-S asks for both
            named = _file_name_database(path)
            if named and named not in PLATFORMS:
                return f"{named} ({best})"
        return best
    named = _named_in_db_tags(head, records)
    if named:
        return named
    if fmt == "wos_plaintext":
        return "Web of Science"
    if fmt == "medline":
        return "PubMed"
    if fmt in ("ovid", "ovid_tagged"):
        return "Ovid"
    if fmt in FORMAT_DATABASES:
        return FORMAT_DATABASES[fmt]
    return _file_name_database(path)


def _shared(names, records: int) -> Counter:
    """How often each database of ``names`` is named (a name for each field or link that names one), keeping only
    those named at least :data:`RECORD_SHARE` times the file's ``records`` (a file of fewer than 3 records keeps
    every name).

    >>> _shared(["ERIC", "ERIC", "PsycINFO"], 4), _shared(["ERIC"], 2)
    (Counter({'ERIC': 2}), Counter({'ERIC': 1}))
    """
    named = Counter(names)
    return Counter({name: n for name, n in named.items() if records < 3 or n >= RECORD_SHARE * records})


def _records_in(head: str) -> int:
    """How many records the head holds, by the most frequent of the formats' record markers."""
    counts = Counter(_LINE_MARKER.findall(head))
    counts["<record>"] = head.count("<record>")
    return max(counts.values())


def _named_in_db_tags(head: str, records: int) -> str:
    """The database that the RIS ``DB`` tags ("Name of Database") of the records name together: one name on at
    least half the records (JSTOR's ``DB  - JSTOR``), or ``""``."""
    names = {" ".join(v.split()) for v in _DB_TAG.findall(head)}
    if len(names) != 1 or head.count("\nDB  - ") < RECORD_SHARE * max(records, 1):
        return ""
    name = names.pop()
    return name if any(c.isalpha() for c in name) and name not in PLATFORMS else ""


def _file_name_database(path) -> str:
    """The database a file's name names (:data:`FILE_NAME_WORDS`), or ``""``."""
    stem = PurePath(str(path)).name.lower()
    for word, name in FILE_NAME_WORDS:
        if word in stem:
            return name
    return ""
