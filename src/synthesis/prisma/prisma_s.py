"""The PRISMA-S report: how the searches were done, item by item, from what the project holds.

PRISMA-S (Rethlefsen et al., Systematic Reviews 2021;10:39) has 16 items in four parts: information
sources and methods (1-7), search strategies (8-13), peer review (14) and managing records (15-16).
:func:`prisma_s_items` fills every item the project can fill, from the search log
(:mod:`synthesis.prisma.searchlog`), its reconciliation with the exports, the deduplication and the
citation-searching round; the answers in the log's ``[prisma_s]`` table fill the rest. An item with neither
is listed as *left for the authors*. :func:`write_prisma_s` writes it as Markdown and Word.

Examples
--------
>>> items = prisma_s_items(None)
>>> [i.number for i in items if not i.answer][:3]
[1, 2, 3]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import markdown as md
from ..normalise import xml_text
from ..wording import counted
from .counts import UNKNOWN_DATABASE
from .searchlog import PRISMA_S_KEYS, Reconciliation, SearchLog

#: The 16 items: number, part, name, what the item asks for (in our words).
ITEMS = [
    (1, "Information sources and methods", "Database name",
     "Each database searched, with the platform (interface) it was searched on."),
    (2, "Information sources and methods", "Multi-database searching",
     "Whether several databases were searched at once on one platform, and which."),
    (3, "Information sources and methods", "Study registries", "The study registries searched."),
    (4, "Information sources and methods", "Online resources and browsing",
     "Online or print sources searched or browsed on purpose (websites, tables of contents, conference "
     "proceedings), and how."),
    (5, "Information sources and methods", "Citation searching",
     "Whether cited or citing references were examined, and how they were found."),
    (6, "Information sources and methods", "Contacts",
     "Whether authors, experts, manufacturers or others were contacted for studies or data."),
    (7, "Information sources and methods", "Other methods", "Any other information sources or search methods."),
    (8, "Search strategies", "Full search strategies",
     "Every database's and source's search strategy, exactly as run."),
    (9, "Search strategies", "Limits and restrictions",
     "That no limits were used, or the limits applied (dates, language, study design) and why."),
    (10, "Search strategies", "Search filters",
     "Whether published search filters were used (as designed or modified), cited."),
    (11, "Search strategies", "Prior work",
     "Search strategies of other reviews that were adapted or reused, cited."),
    (12, "Search strategies", "Updates", "How the searches were updated (re-run, alerts)."),
    (13, "Search strategies", "Dates of searches", "For each search strategy, the date it was last run."),
    (14, "Peer review", "Peer review", "How the search strategy was peer reviewed, if it was."),
    (15, "Managing records", "Total records",
     "The number of records identified from each database and other source."),
    (16, "Managing records", "Deduplication",
     "How records from several searches were deduplicated, and with what software."),
]


@dataclass
class PrismaSItem:
    number: int
    part: str
    name: str
    asks: str
    answer: str = ""  # Markdown; empty: left for the authors
    source: str = ""  # where the answer came from

    @property
    def status(self) -> str:
        return self.source if self.answer else "left for the authors"


#: What an item shows for a search whose entry lacks the field it asks for.
NOT_RECORDED = "**not recorded** (add `{field}` to its entry in `evidence/searches.toml`)"


def _per_search(searches, attr: str, empty: str) -> str:
    # a database searched in several rounds is told apart by the day each search was run: two lines
    # "Web of Science: none" could not say which round's search had which limit
    again = {s.source for s in searches if sum(t.source == s.source for t in searches) > 1}
    lines = []
    for s in searches:
        value = getattr(s, attr).strip()
        when = f", run {s.date.isoformat()}" if s.source in again else ""
        lines.append(f"- {md.text(s.source)}{when}: {md.text(value) if value else empty}")
    return "\n".join(lines)


def prisma_s_items(log: SearchLog | None, reconciliation: Reconciliation | None = None, *, counts=None,
                   dedup_summary: dict | None = None, citation: dict | None = None,
                   rounds: list[str] | None = None) -> list[PrismaSItem]:
    """The 16 PRISMA-S items, each answered from the project where it can be.

    Parameters
    ----------
    log : the search log (``None``: no log yet; only the deduplication and totals can be filled).
    reconciliation : :func:`~synthesis.prisma.searchlog.reconcile` of the log with the exports.
    counts : the PRISMA counts (:class:`~synthesis.prisma.PrismaCounts`) of the round reported.
    dedup_summary : the deduplication's ``summary`` (records, groups, duplicates removed, by verdict, maybe pairs;
        ``kept_apart_by_verdict``: pairs a person's "not a duplicate" verdict keeps apart, which the build adds).
    citation : the citation-searching summary (:meth:`synthesis.citations.CitationRound.summary`).
    rounds : the search rounds, oldest first.
    """
    items = [PrismaSItem(*row) for row in ITEMS]
    by_number = {i.number: i for i in items}
    answers = dict(log.prisma_s) if log else {}
    searches = log.searches if log else []
    dbs = [s for s in searches if s.kind == "database"]

    def fill(number, text, source):
        if text:
            by_number[number].answer = text
            by_number[number].source = source

    if dbs:
        fill(1, "\n".join(f"- {md.text(name)}" for name in dict.fromkeys(s.source for s in dbs)), "search log")
    elif counts is not None and counts.database_specific_results:  # no log yet: the exports name them
        fill(1, "\n".join(f"- {md.text(name)}" for name, _ in counts.database_specific_results
                           if name != UNKNOWN_DATABASE), "exports")
    registers = [s for s in searches if s.kind == "register"]
    if registers:
        fill(3, "\n".join(f"- {md.text(s.source)}, searched {s.date.isoformat()}" for s in registers), "search log")
    elif not searches and counts is not None and counts.register_specific_results:
        fill(3, "\n".join(f"- {md.text(name)}" for name, _ in counts.register_specific_results), "exports")
    online = [s for s in searches if s.kind in ("website", "organisation")]
    if online:
        fill(4, "\n".join(f"- {md.text(s.source)} ({s.kind}), {s.date.isoformat()}" for s in online), "search log")
    cited = [s for s in searches if s.kind == "citation"]
    if citation:
        fill(5, _citation_text(citation), "citation-searching round")
    elif cited:
        fill(5, "\n".join(f"- {md.text(s.source)}, {s.date.isoformat()}: {md.text(s.search_string.strip())}" for s in cited),
             "search log")
    if searches and all(s.search_string for s in searches):
        blocks = [f"**{md.text(s.source)}**, run {s.date.isoformat()}:\n\n```\n{s.search_string}\n```" for s in searches]
        fill(8, "\n\n".join(blocks), "search log")
    run = [s for s in searches if s.kind != "citation"]  # searches with a strategy of their own
    # a search whose entry lacks its limits (or filters) is marked as such; the others' stay in the report
    if run and any(s.limits for s in run):
        fill(9, _per_search(run, "limits", NOT_RECORDED.format(field="limits")), "search log")
    if run and any(s.filters for s in run):
        fill(10, _per_search(run, "filters", NOT_RECORDED.format(field="filters")), "search log")
    if searches:
        fill(13, "\n".join(f"- {md.text(s.source)}: {s.date.isoformat()}" for s in searches), "search log")
    if rounds and len(rounds) > 1:
        fill(12, f"Searches were run in {len(rounds)} rounds: {', '.join(rounds)}.", "search rounds")
    if reconciliation is not None and len(reconciliation.table):
        fill(15, _totals_text(reconciliation, counts), "search log and exports")
    elif counts is not None and counts.database_specific_results:
        fill(15, "\n".join(f"- {md.text(name)}: {n:,} records" for name, n in counts.database_specific_results),
             "import report")
    if dedup_summary:
        fill(16, _dedup_text(dedup_summary), "deduplication")
    # People's own answers come first where they gave one, joined to what the project knows for 3, 4, 5, 12
    # and 16 (the registers and websites of every round: an answer written at the first search leaves out an
    # update's).
    for number, key in PRISMA_S_KEYS.items():
        text = answers.get(key, "").strip()
        if not text:
            continue
        item = by_number[number]
        if item.answer and number in (3, 4, 5, 12, 16):
            item.answer = text + "\n\n" + item.answer
            item.source = "search log [prisma_s] and " + item.source
        else:
            fill(number, text, "search log [prisma_s]")
    return items


def _citation_text(c: dict) -> str:
    return (f"Backward citation searching: the references cited by {c['studies_with_references']} of the "
            f"{c['included_studies']} included studies were taken from the database exports that carry them "
            f"({', '.join(c['fields'])}) and parsed ({c['references']:,} references, {c['distinct']:,} distinct). "
            f"Each was matched against the library with the deduplication scorer: {c['already_found']:,} were "
            f"already in it; {c['new_candidates']:,} new candidates were screened as the search round "
            f"\"{c['round']}\" (other methods: citation searching).")


def _totals_text(rec: Reconciliation, counts) -> str:
    t = rec.table
    # "distinct after deduplication" read as what the deduplication left of the search: a re-run search whose
    # 286 records were all removed as duplicates of an earlier round showed "286" there beside "286 removed"
    lines = ["| search | database | date | reported by the database | in the export(s) | imported | "
             "distinct among them | found by no other search |", "|---|---|---|---|---|---|---|---|"]
    for row in t.itertuples():
        reported = "not recorded" if row.reported is None or str(row.reported) == "<NA>" else f"{int(row.reported):,}"
        source = f"{row.database} via {row.platform}" if row.platform and row.platform != row.database \
            else row.database
        # a file the log names but no export is: "0 in the export" read as a search whose export was empty
        found = f"{row.found:,}" if not _missing(row) else ("file missing" if _missing(row) == _files(row)
                                                             else f"{row.found:,} (a file missing)")
        lines.append(f"| {md.text(row.id)} | {md.text(source)} | {row.date} | {reported} | {found} | {row.imported:,} | "
                     f"{row.distinct:,} | {row.only_here:,} |")
    text = "\n".join(lines)
    text += ("\n\nDistinct among them: the search's imported records, a record it holds more than once counted "
             "once. Found by no other search: those no other search, of any round, found. The duplicates the "
             "PRISMA flow diagram removes are counted across all searches.")
    if counts is not None:
        parts = []
        if counts.identified_dbr is not None:
            parts.append(f"{counts.identified_dbr:,} records identified from databases and registers")
        if counts.identified_other:
            parts.append(f"{counts.identified_other:,} from other methods")
        if counts.duplicates is not None:
            parts.append(f"{counts.duplicates:,} removed as duplicates")
        if counts.records_screened is not None:
            parts.append(f"{counts.records_screened:,} screened")
        if parts:
            text += "\n\nIn the PRISMA flow diagram of the latest round: " + "; ".join(parts) + "."
    differ = _differences(rec)
    if differ:
        text += "\n\nWhere the counts differ:\n\n" + "\n".join(f"- {d}" for d in differ)
    return text


def _differences(rec: Reconciliation) -> list[str]:
    """Item 15's account of each count that differs: the numbers, and the reason where the search's notes give it.

    The item is read by the journal: it listed the build's warnings, advice to the authors included ("check that
    the file is this search's export ... that records_reported is typed right"); that advice is in the summary's
    *To check before reporting*, for the authors.
    """
    notes = {s.id: s.notes.strip() for s in rec.log.searches}
    out = []
    for row in rec.table.itertuples():
        said = []
        missing, files = _missing(row), _files(row)
        reported = row.reported is not None and str(row.reported) != "<NA>"
        if missing:
            # a mistyped path in the log: "its export holds 0" said the export was empty; it is not there
            said.append(("the database reported " + counted(int(row.reported), 'record') + "; " if reported else "")
                        + (f"its export file {md.text(missing[0])} is missing" if len(missing) == 1 else
                           f"its export files {md.text(', '.join(missing))} are missing")
                        + " (not among the imported exports), so "
                        + ("its records are not counted under this search" if missing == files else
                           f"its other export{'s hold' if len(files) - len(missing) > 1 else ' holds'} "
                           f"{row.found:,}"))
        elif reported and int(row.reported) != row.found:
            said.append(f"the database reported {counted(int(row.reported), 'record')}; its export "
                        f"{'holds' if ';' not in row.files else 'files hold'} {row.found:,}")
        if row.imported != row.found:
            said.append(f"{row.found - row.imported:,} of them could not be imported (listed in the import report)")
        if said:
            why = notes.get(row.id, "")
            why = f" {md.text(why)}{'' if why.endswith(('.', '!', '?', ')')) else '.'}" if why else ""
            source = f"{row.database} via {row.platform}" if row.platform and row.platform != row.database \
                else row.database
            out.append(f"{md.text(source)}, run {row.date}: " + "; ".join(said) + "." + why)
    # an export no search names is in the diagram's count and in no row above: said, so the two reconcile
    for file, (n, database) in getattr(rec, "unlogged", {}).items():
        out.append(f"{md.text(file)}: {counted(n, 'record')} from an export that no search in the log names"
                   + (f"; the PRISMA flow diagram counts them under {md.text(database)}" if database else "") + ".")
    return out


def _files(row) -> list[str]:
    return [f for f in str(row.files).split("; ") if f]


def _missing(row) -> list[str]:
    """The files of a reconciliation row that are among no imported export ([] for a table without the column)."""
    value = getattr(row, "missing", "")
    return [f for f in str(value).split("; ") if f] if isinstance(value, str) else []


def _dedup_text(s: dict) -> str:
    from .. import __version__

    return (f"Records were deduplicated with synthesis {__version__} across all databases and search rounds: "
            f"candidate pairs (records sharing an identifier or rare title words) are compared on DOI, PubMed ID, "
            f"title, authors, year, journal, volume, issue and pages; a pair is merged automatically only when "
            f"the evidence is strong, and never when the DOIs differ, the titles carry different numbers (unless "
            f"DOI and first page agree), one is "
            f"an erratum, comment, reply or retraction notice and the other is not, the titles name different "
            f"reports of a study (protocol, pilot, interim or final results, follow-up), one is a preprint or "
            f"thesis and the other is not, the years are more than one apart, "
            f"or one is a conference paper and the other is not (unless the two share a DOI or PubMed ID); two "
            f"Cochrane reviews of one title are merged only with the same DOI or issue (protocol, review and "
            f"updates share their title). No record is deleted. " + _dedup_numbers(s))


def _dedup_numbers(s: dict) -> str:
    """What the deduplication did, in the review's own numbers: people are named only when they decided
    something, and undecided pairs only when some are left."""
    records, groups = s.get("records", 0), s.get("groups", 0)
    auto, by_people, maybe = (s.get("duplicates_removed", 0), s.get("duplicates_by_verdict", 0),
                              s.get("maybe_pairs", 0))
    text = (f"{counted(records, 'record')} formed {counted(groups, 'group')}: "
            f"{counted(auto, 'duplicate')} removed automatically")
    if by_people:
        text += (f" and {counted(by_people, 'duplicate')} by a person's verdict on a close pair the "
                 f"rules left undecided (the verdicts are kept in evidence/duplicate_verdicts.tsv)")
    text += "."
    apart = s.get("kept_apart_by_verdict", 0)
    if apart:  # a person's "not a duplicate" is work done too: without it, decided pairs vanished from the account
        text += (f" {counted(apart, 'close pair was', 'close pairs were')} judged by a person not to be duplicates "
                 f"and kept apart.")
    if maybe:
        text += (f" {counted(maybe, 'close pair was', 'close pairs were')} left for a person and "
                 f"{'is' if maybe == 1 else 'are'} not decided yet (counted as distinct records).")
    return text


def prisma_s_markdown(items: list[PrismaSItem], title: str = "", to_check=()) -> str:
    """The report as Markdown: a summary table, then every item with its answer or "left for the authors".

    ``to_check``: what the search log and the exports disagree on (:attr:`Reconciliation.warnings`), listed
    under the summary too, so that the authors read it before the items (item 15 keeps them beside its table).
    """
    left = [i for i in items if not i.answer]
    out = [f"# PRISMA-S: how the searches were done{': ' + md.text(title) if title else ''}", "",
           "The 16 items of PRISMA-S (Rethlefsen et al., Systematic Reviews 2021;10:39), filled from the search "
           "log (`evidence/searches.toml`), the exports, the deduplication and the citation searching. "
           f"{len(items) - len(left)} of 16 items are filled; "
           + (f"{len(left)} are left for the authors (write them into the log's `[prisma_s]` table, or into "
              f"the manuscript): items {', '.join(str(i.number) for i in left)}." if left else
              "none is left for the authors."),
           "", "| item | topic | answered from |", "|---|---|---|"]
    out += [f"| {i.number} | {i.name} | {i.status} |" for i in items]
    if to_check:
        out += ["", _to_check_heading(len(to_check)), ""]
        out += [f"- {md.text(w)}" for w in to_check]
    part = None
    for i in items:
        if i.part != part:
            part = i.part
            out += ["", f"## {part}"]
        out += ["", f"### {i.number}. {i.name}", "", f"*{i.asks}*", "",
                i.answer if i.answer else "**Left for the authors.**"]
    return "\n".join(out) + "\n"


def _to_check_heading(n: int) -> str:
    return f"**To check before reporting** ({n}: the search log, `evidence/searches.toml`, and its exports):"


def write_prisma_s(items: list[PrismaSItem], folder, title: str = "", stem: str = "prisma_s",
                   docx: bool = True, to_check=()) -> list[Path]:
    """Write ``{stem}.md`` (and ``{stem}.docx`` when python-docx is installed) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    markdown_file = folder / f"{stem}.md"
    markdown_file.write_text(prisma_s_markdown(items, title, to_check), encoding="utf-8")
    written = [markdown_file]
    if docx:
        try:
            import docx as _docx  # noqa: F401
        except ImportError:
            return written
        written.append(_write_docx(items, folder / f"{stem}.docx", title, to_check))
    return written


def _write_docx(items: list[PrismaSItem], path: Path, title: str, to_check=()) -> Path:
    import datetime

    from docx import Document
    from docx.shared import Pt

    # a search string or note may carry a control character (pasted from a database's page): Word's XML cannot
    items = [replace(i, part=xml_text(i.part), name=xml_text(i.name), asks=xml_text(i.asks),
                     answer=xml_text(i.answer), source=xml_text(i.source)) for i in items]
    title = xml_text(title)
    to_check = [xml_text(w) for w in to_check]
    doc = Document()
    doc.core_properties.title = "PRISMA-S" + (f": {title}" if title else "")
    doc.core_properties.author = "synthesis"
    fixed = datetime.datetime(2000, 1, 1)  # no build date inside: a rebuild writes the same file
    doc.core_properties.created = doc.core_properties.modified = fixed
    doc.core_properties.last_printed = fixed
    doc.add_heading("PRISMA-S: how the searches were done", level=1)
    if title:
        doc.add_paragraph(title)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Item", "Topic", "Answered from")):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for i in items:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(i.number), i.name, i.status
    if to_check:  # the Word file is the one sent to the journal: what is left to settle is said in it too
        _add_runs(doc.add_paragraph(), _to_check_heading(len(to_check)) + " Delete this list once they are settled.")
        for w in to_check:
            _add_runs(doc.add_paragraph(style="List Bullet"), md.text(w))
    part = None
    for i in items:
        if i.part != part:
            part = i.part
            doc.add_heading(part, level=2)
        doc.add_heading(f"{i.number}. {i.name}", level=3)
        doc.add_paragraph().add_run(i.asks).italic = True
        if not i.answer:
            doc.add_paragraph().add_run("Left for the authors.").bold = True
            continue
        _markdown_to_docx(doc, i.answer, Pt)
    doc.save(path)
    return path


def _markdown_to_docx(doc, text: str, Pt) -> None:
    """The little Markdown the answers use: paragraphs, "- " lists, ``` blocks, | tables |, **bold**."""
    lines = text.splitlines()
    k = 0
    while k < len(lines):
        line = lines[k]
        if line.startswith("```"):
            block = []
            k += 1
            while k < len(lines) and not lines[k].startswith("```"):
                block.append(lines[k])
                k += 1
            run = doc.add_paragraph().add_run("\n".join(block))
            run.font.name = "Courier New"
            run.font.size = Pt(8)
        elif line.startswith("|"):
            rows = []
            while k < len(lines) and lines[k].startswith("|"):
                cells = [md.plain(c.strip()) for c in re.split(r"(?<!\\)\|", lines[k].strip().strip("|"))]
                if not all(set(c) <= {"-", ":"} for c in cells):
                    rows.append(cells)
                k += 1
            k -= 1
            table = doc.add_table(rows=0, cols=len(rows[0]))
            table.style = "Table Grid"
            for r in rows:
                for cell, value in zip(table.add_row().cells, r):
                    cell.text = value
        elif line.startswith("- "):
            _add_runs(doc.add_paragraph(style="List Bullet"), line[2:])
        elif line.strip():
            _add_runs(doc.add_paragraph(), line)
        k += 1


def _add_runs(paragraph, line: str) -> None:
    """``line``'s **bold** as bold runs and its `code` without the backticks (a list item showed both marks as
    typed: "**not recorded** (add `limits` ...)")."""
    line = re.sub(r"(?<!\\)`(.+?)(?<!\\)`", r"\1", line)
    for m, part in enumerate(re.split(r"(?<!\\)\*\*(.+?)(?<!\\)\*\*", line)):
        if part:
            paragraph.add_run(md.plain(part)).bold = bool(m % 2)


__all__ = ["ITEMS", "PrismaSItem", "prisma_s_items", "prisma_s_markdown", "write_prisma_s"]
