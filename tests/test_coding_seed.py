"""The worked example against the seed review itself: Table 2, regenerated from evidence/, must cite exactly
the references the seed's Table 2 cites, construct by construct and challenge by challenge.

The seed text is parsed here, independently of the project's transcription in evidence/; the tests skip
when ../shared/seeds is absent.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from synthesis.coding import load_scheme, load_study_codes, table2_frame

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EVIDENCE = ROOT / "evidence"
STEPS = ["Set-up", "Discovery", "Definition", "Development", "Delivery"]  # the seed's five core steps


@pytest.fixture(scope="module")
def seed_text() -> str:
    files = sorted(SEEDS.glob("000_*.txt"))
    if not files:
        pytest.skip(f"seed review not found in {SEEDS}")
    return files[0].read_text(encoding="utf-8")


def expand(refs: str) -> set:
    """'19, 63–65' -> {19, 63, 64, 65}."""
    out = set()
    for part in refs.split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", part)
        out |= set(range(int(m[1]), int(m[2]) + 1)) if m else {int(part)}
    return out


def citations(text: str) -> set:
    out = set()
    for group in re.findall(r"\((\d+(?:\s*[–-]\s*\d+)?(?:\s*,\s*\d+(?:\s*[–-]\s*\d+)?)*)\)", text):
        out |= expand(group)
    return out


@pytest.fixture(scope="module")
def seed_table2(seed_text):
    """Rows (step, construct, challenge cell, approaches text) of the seed's Table 2."""
    start = seed_text.index("TABLE 2")
    end = seed_text.index("3.1.3 Set-up", start)
    body = seed_text[start:end]
    blocks = re.split(r"\n(?:[ \t]*\n){3,}", body)
    rows, step, construct = [], None, None
    for block in blocks:
        cells = []
        for line in block.split("\n"):
            if not line.strip():
                continue
            if line.startswith("\t"):
                cells.append(line[1:].rstrip())
            elif cells:
                cells.append(line.rstrip())  # an untabbed continuation line of the approaches cell
        if not cells or cells[0] == "Step":
            continue
        if cells[0] in STEPS:
            step = cells.pop(0)
        heads = [c for c in cells if not c.startswith("-")]
        if len(heads) >= 3 and not cells[1].startswith("-"):
            construct = cells.pop(0)
        challenge, approaches = cells[0], "\n".join(cells[1:])
        rows.append((step, construct, challenge, approaches))
    assert len(rows) == 15, f"parsed {len(rows)} rows of the seed's Table 2"
    return rows


@pytest.fixture(scope="module")
def coding():
    scheme = load_scheme(EVIDENCE / "coding_scheme.txt")
    return load_study_codes(EVIDENCE / "study_codes.csv", scheme)


def _regenerated(coding):
    frame = table2_frame(coding)
    return [(r["Step"], r["Constructs"], r["Challenges"], r["Stakeholder"], r["Approaches"], expand(r["Studies"]))
            for _, r in frame.iterrows()]


def test_table2_cites_exactly_the_seed_references_construct_by_construct(seed_table2, coding):
    seed = {}
    for step, construct, _, approaches in seed_table2:
        seed.setdefault((step, construct), set()).update(citations(approaches))
    ours = {}
    for step, construct, *_, studies in _regenerated(coding):
        ours.setdefault((step, construct), set()).update(studies)
    assert list(ours) == list(seed)  # same steps and constructs, same order, same wording
    for key in seed:
        assert ours[key] == seed[key], f"{key}: regenerated {sorted(ours[key])} vs seed {sorted(seed[key])}"


def test_table2_rows_match_the_seed_challenge_by_challenge(seed_table2, coding):
    ours = _regenerated(coding)
    assert len(ours) == len(seed_table2)
    for (step, construct, cell, approaches), (s2, c2, challenge, stakeholder, appr2, studies) in zip(seed_table2, ours):
        m = re.match(r"(Patients|Staff|Developers): (.*)", cell)
        if m:  # Table 2 states the stakeholder group in front of the challenge
            assert (stakeholder, challenge) == (m[1], m[2])
        else:
            assert challenge == cell
        assert (s2, c2) == (step, construct)
        assert appr2 == approaches, f"approaches text of {challenge!r} is not the seed's"
        assert studies == citations(approaches), challenge


def test_spanning_references_and_included_count_match_the_seed(seed_text, seed_table2, coding):
    per_ref = {}
    for step, construct, _, approaches in seed_table2:
        for ref in citations(approaches):
            per_ref.setdefault(ref, set()).add(construct)
    spanning = sorted(r for r, cs in per_ref.items() if len(cs) > 1)
    assert spanning == [37, 38, 39, 68, 69]
    included = int(re.search(r"Included:\s*(\d+)", seed_text)[1])
    assert included == 49 == len(per_ref)
    assert sorted(int(i) for i in coding.included["study_id"]) == sorted(per_ref)
    long = coding.study_codes_table()
    for ref in spanning:
        assert long.loc[long["study_id"] == str(ref), "construct"].nunique() == 2
