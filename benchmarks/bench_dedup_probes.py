"""False merges on probes: two papers by the same authors in one journal and year, without volume, pages or DOI
(meeting abstracts, online-first records), whose titles differ by one word that says another thing
("increased" / "decreased", "men" / "women"). Each word pair is tried in two places of a title; the script prints
the pairs that the automatic tier merged (each one a false merge) and their count.

Usage::

    .venv/bin/python benchmarks/bench_dedup_probes.py
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from synthesis.dedup import deduplicate  # noqa: E402
from synthesis.records import make_record_table  # noqa: E402

BASE = "Effects of {} exercise training on muscle strength in {} patients with heart failure: a multicentre study"
pairs = [("acute","chronic"),("high-intensity","low-intensity"),("early","late"),("upper-limb","lower-limb"),
         ("aerobic","anaerobic"),("supervised","unsupervised"),("home-based","centre-based"),("left","right"),
         ("male","female"),("older","younger"),("inpatient","outpatient"),("short-term","long-term"),
         ("resistance","endurance"),("moderate","vigorous"),("hypertensive","normotensive"),("diabetic","non-diabetic"),
         ("obese","non-obese"),("paediatric","adult"),("preoperative","postoperative"),("increased","decreased"),
         ("hospitalised","community-dwelling"),("systolic","diastolic"),("stable","unstable"),("primary","secondary"),
         ("interval","continuous"),("unilateral","bilateral"),("active","passive"),("Chinese","Japanese"),
         ("men","women"), ("rats","mice"), ("anterior","posterior"), ("maximal","minimal"), ("maximum","minimum"),
         ("afferent","efferent"), ("ascending","descending"), ("inclusion","exclusion"), ("internal","external"),
         ("inspiratory","expiratory"), ("agonist","antagonist"), ("active","inactive"), ("complete","incomplete"),
         ("sufficient","insufficient"), ("regular","irregular"), ("mature","immature"), ("induction","reduction"),
         ("import","export"), ("superior","inferior"), ("proximal","distal"), ("medial","lateral"),
         ("symptomatic","asymptomatic"), ("responders","non-responders"), ("typical","atypical"), ("major","minor"),
         ("efficacy","inefficacy"), ("hyperthyroid","hypothyroid"), ("benign","malignant"), ("positive","negative"),
         ("type I","type II"), ("phase II","phase III"), ("HIV-1","HIV-2"), ("class A","class B"),
         ("adherent","non-adherent"), ("excitatory","inhibitory"), ("anabolic","catabolic"), ("oxic","anoxic"),
         ("endogenous","exogenous"), ("centripetal","centrifugal"), ("homozygous","heterozygous"),
         ("dominant","recessive"), ("monozygotic","dizygotic"), ("unilateral","contralateral"), ("ipsilateral","contralateral"),
         ("overweight","underweight"), ("overestimation","underestimation"), ("upregulation","downregulation"),
         ("hypertrophy","atrophy"), ("tachycardia","bradycardia"), ("myopia","hyperopia"), ("acidosis","alkalosis"),
         ("hypercapnia","hypocapnia"), ("vasodilation","vasoconstriction"), ("abduction","adduction"),
         ("flexion","extension"), ("pronation","supination"), ("eversion","inversion"), ("influx","efflux"),
         ("uptake","release"), ("gain","loss"), ("onset","offset"), ("inflow","outflow"), ("input","output")]
merged_count = 0
for a, b in pairs:
    for where in (0, 1):
        t1 = BASE.format(a, "elderly") if where == 0 else BASE.format("aerobic", a)
        t2 = BASE.format(b, "elderly") if where == 0 else BASE.format("aerobic", b)
        rows = [{"source_file": f"db{k}.ris", "source_index": 1, "title": t, "authors": ["Kim, J.", "Park, S.", "Lee, H."],
                 "year": 2019, "journal": "European Journal of Preventive Cardiology", "volume": "", "pages": "", "doi": "",
                 "type": "JOUR"} for k, t in enumerate((t1, t2))]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore"); r = deduplicate(make_record_table(rows))
        merged = r.groups["group_id"].nunique() == 1
        m = r.maybe_pairs
        status = "MERGED" if merged else ("maybe %.2f" % m["likelihood"].iloc[0] if len(m) else "distinct")
        merged_count += merged
        if merged:
            print(f"{a:>20s} / {b:<20s} pos{where}: {status}")
print(f"{merged_count} of {2 * len(pairs)} probes merged automatically ({len(pairs)} word pairs, two places each)")
