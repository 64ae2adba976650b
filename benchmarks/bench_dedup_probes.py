"""False merges on probes: two papers by the same authors in one journal and year, without volume, pages or DOI
(meeting abstracts, online-first records), whose titles differ by one word that says another thing
("increased" / "decreased", "men" / "women"). Each word pair is tried in two places of a title; the script prints
the pairs that the automatic tier merged (each one a false merge) and their count. A second set (helper w29) tries
names of one stem ("prednisone" / "prednisolone"), counts, species, groups, procedures and words at the end of a
title ("... in Korea"), each with neither record located and with one of them in its issue (volume and pages).

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
         ("uptake","release"), ("gain","loss"), ("onset","offset"), ("inflow","outflow"), ("input","output"),
         # one consonant for another in a long word (session 48)
         ("dysphagia","dysphasia"), ("infection","injection"), ("resection","detection"), ("retention","detention")]
merged_count = 0


def merged(t1: str, t2: str, located: bool = False) -> bool:
    """Whether the automatic tier merges two such records (``located``: the first gives volume and pages, as a
    paper's issue does beside its online-first record)."""
    rows = [{"source_file": f"db{k}.ris", "source_index": 1, "title": t, "authors": ["Kim, J.", "Park, S.", "Lee, H."],
             "year": 2019, "journal": "European Journal of Preventive Cardiology", "volume": "", "pages": "", "doi": "",
             "type": "JOUR"} for k, t in enumerate((t1, t2))]
    if located:
        rows[0].update(volume="26", issue="2", pages="101-109")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = deduplicate(make_record_table(rows))
    return r.groups["group_id"].nunique() == 1


for a, b in pairs:
    for where in (0, 1):
        t1 = BASE.format(a, "elderly") if where == 0 else BASE.format("aerobic", a)
        t2 = BASE.format(b, "elderly") if where == 0 else BASE.format("aerobic", b)
        if merged(t1, t2):
            merged_count += 1
            print(f"{a:>20s} / {b:<20s} pos{where}: MERGED")
# one more word inside one title: another population
inserted = ("acute", "chronic", "elderly", "female", "diabetic", "hospitalised", "obese", "young", "frail", "male")
for extra in inserted:
    if merged(BASE.format("aerobic", extra), BASE.format("aerobic", "")):
        merged_count += 1
        print(f"{'+ ' + extra:>20s} (one more word inside a title): MERGED")
n_first = 2 * len(pairs) + len(inserted)
print(f"{merged_count} of {n_first} probes merged automatically ({len(pairs)} word pairs, two places each, and "
      f"{len(inserted)} titles with one more word inside)")

# Session 47, second hunt (helper w29): names of one stem (drugs, genes), counts and ordinals, species, sexes and
# ages, places; each pair once with neither record located and once with one of them in its issue (volume and
# pages: online first beside the issue)
DRUG = "{} for pain and function after total knee arthroplasty: a randomised controlled trial"
families = {
    "drugs of one stem": [
        ("prednisone", "prednisolone"), ("oxycodone", "hydrocodone"), ("omeprazole", "esomeprazole"),
        ("losartan", "valsartan"), ("morphine", "hydromorphone"), ("ketamine", "esketamine"),
        ("citalopram", "escitalopram"), ("dexamethasone", "betamethasone"), ("lidocaine", "bupivacaine"),
        ("levobupivacaine", "bupivacaine"), ("ropivacaine", "bupivacaine"), ("apixaban", "rivaroxaban"),
        ("atorvastatin", "rosuvastatin"), ("tramadol", "tapentadol"), ("pregabalin", "gabapentin"),
        ("ondansetron", "granisetron"), ("fentanyl", "sufentanil"), ("remifentanil", "sufentanil"),
        ("insulin", "proinsulin"), ("estradiol", "estriol"), ("testosterone", "dihydrotestosterone"),
        ("adrenaline", "noradrenaline"), ("epinephrine", "norepinephrine"), ("dopamine", "dobutamine"),
        ("heparin", "enoxaparin"), ("hydrocortisone", "cortisone"), ("methylprednisolone", "prednisolone"),
        ("ibuprofen", "dexibuprofen"), ("celecoxib", "etoricoxib"), ("cefazolin", "ceftriaxone")],
    "genes and proteins": [
        ("IL-6", "IL-8"), ("interleukin-6", "interleukin-8"), ("BRCA1", "BRCA2"), ("HER2", "HER3"), ("CD4", "CD8"),
        ("COX-1", "COX-2"), ("TNF-alpha", "TGF-beta"), ("vitamin D2", "vitamin D3"), ("omega-3", "omega-6"),
        ("KRAS", "NRAS"), ("KRAS", "HRAS"), ("BRAF", "CRAF"), ("ApoE", "ApoB"), ("EGFR", "HGFR"), ("HBV", "HCV")],
    "counts, ordinals, parts": [
        ("first", "second"), ("one-year", "two-year"), ("part one", "part two"), ("trial A", "trial B"),
        ("cohort 1", "cohort 2"), ("single-dose", "multiple-dose"), ("once-daily", "twice-daily"),
        ("three-month", "six-month"), ("daily", "weekly")],
    "species, sexes, ages, places": [
        ("dogs", "cats"), ("Wistar rats", "Sprague-Dawley rats"), ("C57BL/6 mice", "BALB/c mice"),
        ("boys", "girls"), ("men", "women"), ("children", "adolescents"), ("neonates", "infants"),
        ("preterm", "term"), ("mothers", "fathers"), ("Korean", "Japanese"), ("urban", "rural")],
    "procedures and sites": [
        ("cemented", "cementless"), ("primary", "revision"), ("oral", "intravenous"), ("spinal", "epidural"),
        ("femoral", "sciatic"), ("hip", "knee"), ("type 1", "type 2"), ("stage I", "stage II")],
}
second = 0
for family, words in families.items():
    for a, b in words:
        for located in (False, True):
            if merged(DRUG.format(a), DRUG.format(b), located):
                second += 1
                print(f"{a:>20s} / {b:<20s} {'one located' if located else 'unlocated'}: MERGED ({family})")
n_second = 2 * sum(map(len, families.values()))
# words at the end of one title that say where or in whom ("... in Korea"), or which report it is
ENDS = "Effects of high-intensity interval training on exercise capacity in patients with coronary artery disease"
tails = (" in Korea", " in women", " in rats", " at home", " in older adults", " during Ramadan", ": protocol",
         ": design and methods", ": rationale, design and methods")
for tail in tails:
    for located in (False, True):
        if merged(ENDS + tail, ENDS, located) or merged(ENDS, ENDS + tail, located):
            second += 1
            print(f"{'+' + tail:>42s} {'one located' if located else 'unlocated'}: MERGED (words at the end)")
n_second += 2 * len(tails)
# one more word at a title's start ("Acute kidney injury ..." / "Kidney injury ...")
STARTS = "kidney injury after cardiac surgery in a multicentre cohort of adult patients"
heads = ("Acute", "Early", "Late", "Male", "Female", "Korean", "New", "Severe", "Chronic", "Older")
for head in heads:
    for located in (False, True):
        if merged(f"{head} {STARTS}", STARTS[0].upper() + STARTS[1:], located):
            second += 1
            print(f"{head + ' +':>42s} {'one located' if located else 'unlocated'}: MERGED (a word at the start)")
n_second += 2 * len(heads)
print(f"{second} of {n_second} more probes merged automatically ({n_second - 2 * len(tails) - 2 * len(heads)} pairs "
      f"of names, counts, species, groups and procedures, {2 * len(tails)} titles with words at the end and "
      f"{2 * len(heads)} with a word at the start, each with and without one record located)")
print(f"{merged_count + second} of {n_first + n_second} probes merged automatically in all")
