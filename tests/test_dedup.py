"""Deduplication: the never-merge rules, verdicts, incremental runs, bad input, CLI, widget and overlap."""
from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
import pytest

from synthesis.dedup import DedupWarning, deduplicate
from synthesis.dedup.overlap import overlap_figure, source_overlap
from synthesis.dedup.verdicts import VerdictFileError, append_verdict, read_verdicts
from synthesis.records import make_record_table

BASE = {"title": "Effects of insulin on sleep quality in adults with type 2 diabetes: a randomised trial",
        "authors": ["Smith, John", "Jones, Ann", "Brown, K."], "year": 2019, "journal": "Journal of Sleep Research",
        "volume": "28", "issue": "3", "pages": "e12801", "doi": "10.1111/jsr.12801", "abstract": "Background ..."}


def table(*changes, files=None, base=None):
    """Records that are ``base`` (default BASE) with the given changes, each from its own file."""
    rows = []
    for k, change in enumerate(changes):
        row = dict(base or BASE, source_file=(files[k] if files else f"db{k}.ris"), source_index=k + 1)
        row.update(change)
        rows.append(row)
    return make_record_table(rows)


def dedupe(records, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return deduplicate(records, **kwargs)


def same_group(result, a, b) -> bool:
    g = result.groups["group_id"]
    return g.iloc[a] == g.iloc[b]


def maybe_between(result, a, b) -> bool:
    ids = result.groups["record_id"]
    pair = tuple(sorted((ids.iloc[a], ids.iloc[b])))
    return pair in {tuple(sorted(p)) for p in zip(result.maybe_pairs["record_id_1"], result.maybe_pairs["record_id_2"])}


# --- what is merged ---------------------------------------------------------------------------------------

def test_variants_of_one_record_are_merged():
    t = table({}, {"title": BASE["title"].upper() + ".", "authors": ["Smith J", "Jones A", "Brown K"],
                   "journal": "J Sleep Res", "doi": ""},
              {"title": "Effects of insulin on sleep quality in adults with type 2 diabetes - a randomized trial",
               "doi": "https://doi.org/10.1111/JSR.12801", "pages": "e12801"})
    r = dedupe(t)
    assert r.groups["group_id"].nunique() == 1
    assert r.groups["status"].tolist() == ["kept", "duplicate", "duplicate"]  # the first record represents
    assert r.summary["duplicates_removed"] == 2


def test_group_id_is_g_plus_first_record_id():
    t = table({"doi": ""}, {})
    r = dedupe(t)
    assert r.groups["group_id"].tolist() == ["g" + t["record_id"][0][1:]] * 2
    again = dedupe(t)  # deterministic
    assert again.groups["group_id"].tolist() == r.groups["group_id"].tolist()


def test_empty_fields_are_not_agreement():
    """Two different records that both lack DOI, authors and journal are not merged for lacking them."""
    t = make_record_table([
        {"source_file": "a.ris", "source_index": 1, "title": "Sleep and insulin in older adults"},
        {"source_file": "b.ris", "source_index": 1, "title": "Exercise and mood in teenagers"},
    ])
    r = dedupe(t)
    assert not same_group(r, 0, 1)


# --- never merged automatically ----------------------------------------------------------------------------

@pytest.mark.parametrize("change,label", [
    ({"doi": "10.1111/jsr.99999"}, "different DOIs"),
    ({"title": BASE["title"].replace("type 2", "type 1"), "doi": ""}, "different numbers"),
    ({"title": BASE["title"].replace("type 2", "type 1"), "pages": "e12809"}, "different numbers, one DOI"),
    ({"year": 2016, "doi": ""}, "years more than one apart"),
    ({"title": "Erratum: " + BASE["title"], "doi": ""}, "erratum"),
    ({"title": "Comment on: " + BASE["title"], "doi": "", "authors": ["Smith, John"]}, "comment"),
    ({"title": "Retraction notice: " + BASE["title"], "doi": ""}, "retraction notice"),
    ({"title": BASE["title"] + " - authors' reply", "doi": ""}, "reply"),
    ({"type": "CONF", "journal": "Proceedings of the Sleep Conference 2019", "doi": ""}, "conference vs journal"),
])
def test_never_merge_rules(change, label):
    r = dedupe(table({}, change))
    assert not same_group(r, 0, 1), label
    assert maybe_between(r, 0, 1), f"{label}: should be offered to a person"


def test_pairs_only_a_rule_kept_apart_head_the_maybe_list():
    """A pair that would be merged but for a never-merge rule (here: two DOIs) comes before a more likely pair
    that is a maybe on its own account (titles 96 % alike, one record without journal and pages); it is listed
    even under the likelihood floor, and the rest stays most likely first."""
    from synthesis.dedup import DecisionRules

    other = {"title": "Melatonin and daytime alertness in shift workers: a cohort study", "abstract": "",
             "authors": ["Lee, Kim", "Park, J."], "journal": "Sleep Medicine", "volume": "40", "issue": "2",
             "pages": "100-110", "doi": ""}
    t = table({"doi": "10.1111/jsr.1", "year": 2019, "issue": "", "abstract": ""},
              {"doi": "10.1111/jsr.2", "year": 2020, "issue": "", "abstract": ""},
              dict(other), dict(other, title="Melatonin and daytime alertness among shift workers: a cohort study",
                                journal="", volume="", issue="", pages=""))
    r = dedupe(t)
    m = r.maybe_pairs
    assert [tuple(x) for x in m[["i", "j"]].to_numpy()] == [(0, 1), (2, 3)]
    assert m["rule_kept"].tolist() == [True, False]
    assert m["reason"].iloc[0] == "different DOIs"
    assert m["likelihood"].iloc[0] < m["likelihood"].iloc[1]  # by likelihood alone it would come second
    # a floor above both likelihoods hides the other pair, not the rule-kept one
    floor = float(m["likelihood"].max()) + 0.01
    high = dedupe(t, rules=DecisionRules(maybe_floor=floor))
    assert [tuple(x) for x in high.maybe_pairs[["i", "j"]].to_numpy()] == [(0, 1)]


def test_a_maybe_pair_whose_dois_agree_says_so():
    """Two four-column records (authors, title, year, DOI: an R table of a Scopus and a WoS export) of one paper,
    one title carrying the running title again after a colon: a maybe pair whose reason names the agreeing DOI,
    not "too few details to compare" as if nothing but the title had been compared."""
    paper = {"authors": ["Stuligross, C.", "Williams, N. M."], "year": 2020, "doi": "10.1098/rspb.2020.1390",
             "journal": "", "volume": "", "issue": "", "pages": "", "abstract": ""}
    t = table(dict(paper, title="Pesticide and resource stressors additively impair wild bee reproduction: "
                                "Stressors additively impair wild bees"),
              dict(paper, title="Pesticide and resource stressors additively impair wild bee reproduction"))
    r = dedupe(t)
    assert not same_group(r, 0, 1) and maybe_between(r, 0, 1)
    reason = r.maybe_pairs["reason"].iloc[0]
    assert "same DOI" in reason and "too few details" not in reason


def test_a_translated_title_at_the_same_pages_of_one_volume_is_a_likely_pair():
    """Two records at the same first and last page of one volume, by the same authors, whose titles differ (one
    database translated the title): a maybe pair at least ONE_PLACE likely, saying so. A different issue (pages
    that start again in each issue), a single page (two abstracts on one supplement page), pages in no known
    common volume, or years far apart (an issue number exported as the volume) do not place them together."""
    from synthesis.dedup.likelihood import ONE_PLACE

    original = {"title": "Ischamische Prakonditionierung: experimentelle Ergebnisse und klinische Studien",
                "authors": ["Strasser, R.", "Vogt, A.", "Schaper, W."], "journal": "Zeitschrift fur Kardiologie",
                "volume": "85", "issue": "2", "pages": "79-89", "doi": "", "abstract": "", "year": 1996}
    english = dict(original, title="Myocardial protection by preconditioning: experimental results and clinical "
                                   "significance", journal="Z Kardiol")
    r = dedupe(table(original, english))
    m = r.maybe_pairs
    assert len(m) == 1 and not same_group(r, 0, 1)
    assert m["likelihood"].iloc[0] >= ONE_PLACE
    assert m["reason"].iloc[0].endswith("same volume and pages"), m["reason"].iloc[0]

    def likelihood(change):
        m = dedupe(table(original, dict(english, **change))).maybe_pairs
        return float(m["likelihood"].iloc[0]) if len(m) else 0.0

    for change in ({"issue": "3"}, {"pages": "79"}, {"volume": ""}, {"pages": "79-88"},
                   {"authors": ["Kim, J.", "Park, S."]}, {"year": 2012, "issue": ""}):
        assert likelihood(change) < ONE_PLACE, change


def test_one_title_at_one_range_of_pages_is_a_likely_pair_whatever_the_volume():
    """A conference paper in the proceedings of 2016, published in 2017 without a volume, and the same paper
    with a mistyped volume: the same title at the same pages by the same authors is at least ONE_PLACE likely.
    A generic title ("Editorial") at the same pages of another volume is not."""
    from synthesis.dedup.likelihood import ONE_PLACE

    paper = {"title": "Schizophrenia genes discovery by mining the minimum spanning trees from multi-dimensional "
                      "imaging genomic data", "authors": ["Deng, S. P.", "Lin, D. D.", "Calhoun, V. D."],
             "journal": "", "volume": "", "issue": "", "pages": "1493-1500", "doi": "", "abstract": "",
             "year": 2016}
    for change in ({"year": 2017}, {"volume": "19", "journal": "Reviews in the Neurosciences"}):
        r = dedupe(table(dict(paper, volume="29" if "volume" in change else ""), dict(paper, **change)))
        m = r.maybe_pairs
        assert len(m) == 1 and m["likelihood"].iloc[0] >= ONE_PLACE, (change, m[["likelihood", "reason"]])
        assert m["reason"].iloc[0].endswith("same pages"), m["reason"].iloc[0]
    editorial = dict(paper, title="Editorial", journal="Schizophrenia Bulletin", volume="29", year=2016)
    m = dedupe(table(editorial, dict(editorial, volume="30"))).maybe_pairs
    assert not len(m) or m["likelihood"].iloc[0] < ONE_PLACE


def test_one_title_authors_and_abstract_is_a_likely_pair_without_a_year():
    """A database exported with authors, title and abstract only beside the full record of the same paper: the
    model, fitted on pairs that all gave a year, called such a pair 14 % likely (17 of 17 such pairs were one paper
    in a telomere review's two exports; on the labelled sets all 18 such maybe pairs were). One text is at least
    ONE_TEXT likely; a different abstract, different authors, two DOIs or two places of publication are not."""
    from synthesis.dedup.likelihood import ONE_TEXT

    abstract = ("Older fathers had offspring with longer telomeres in three cohorts of wild birds followed over "
                "twelve breeding seasons; the mother's age made no difference.")
    full = {"title": "Father's age and the telomeres of his chicks in three wild bird populations",
            "authors": ["Moreau, L.", "Tanaka, H.", "Osei, K."], "abstract": abstract, "doi": "10.1000/birds.1"}
    bare = {"title": full["title"], "authors": full["authors"], "abstract": abstract, "doi": "", "year": None,
            "journal": "", "volume": "", "issue": "", "pages": ""}

    def likelihood(change):
        m = dedupe(table(full, dict(bare, **change))).maybe_pairs
        return float(m["likelihood"].iloc[0]) if len(m) else 0.0

    assert likelihood({}) >= ONE_TEXT
    for change in ({"abstract": "Telomeres of chicks did not depend on either parent's age in one colony."},
                   {"authors": ["Nakamura, Y.", "Ibrahim, S."]}, {"doi": "10.1000/birds.2"}):
        assert likelihood(change) < ONE_TEXT, change
    # one text in two journals, volumes and pages: two publications of it (a conference abstract printed in two
    # supplements), which the labelled sets count as two records (26 of 52 such maybe pairs in bib-dedupe's sets)
    placed = dict(full, journal="Ibis", volume="160", pages="1-9", year=2020)
    m = dedupe(table(placed, dict(bare, journal="Journal of Avian Biology", volume="12", pages="20-28", year=2020)))
    assert not len(m.maybe_pairs) or float(m.maybe_pairs["likelihood"].iloc[0]) < ONE_TEXT

def test_one_doi_and_one_title_is_a_likely_pair_whatever_a_database_garbled():
    """Seen in bib-dedupe's neuroimaging set: one paper exported twice with its DOI and title, one copy under a
    second journal, volume and page ("ADHD Attention Deficit and Hyperactivity", 14, S7) and its first author
    only. The model (whose weight for "same DOI" is fitted on no such pair) called it 8 % likely, last but four of
    the list. One DOI and one title is at least ONE_ID likely; another DOI, a generic title or another title is not."""
    from synthesis.dedup.likelihood import ONE_ID

    title = ("Associations between serotonin transporter gene (SLC6A4) methylation and clinical characteristics "
             "and cortical thickness in children with ADHD")
    paper = {"title": title, "authors": ["Park, S.", "Lee, J. M.", "Kim, J. W.", "Cho, D. Y."], "year": 2015,
             "journal": "Psychological Medicine", "volume": "45", "issue": "14", "pages": "3009-3017",
             "doi": "10.1017/s003329171500094x"}
    garbled = dict(paper, authors=["Park, S."], journal="ADHD Attention Deficit and Hyperactivity Disorders",
                   volume="14", issue="", pages="S7")

    def likelihood(change, base=paper):
        m = dedupe(table(base, dict(garbled, **change))).maybe_pairs
        return float(m["likelihood"].iloc[0]) if len(m) else 0.0

    assert likelihood({}) >= ONE_ID
    assert likelihood({"doi": "", "pmid": "26123456"}, dict(paper, doi="", pmid="26123456")) >= ONE_ID
    for change in ({"doi": "10.1017/s0033291715000951"}, {"title": "Cortical thickness in children with ADHD"}):
        assert likelihood(change) < ONE_ID, change
    preface = dict(paper, title="Preface", authors=["Swerdlow, N. R."])
    assert likelihood({"title": "Preface", "authors": ["Swerdlow, N. R."]}, preface) < ONE_ID


def test_warnings_about_one_record_speak_of_one():
    """The build's note on a fresh project read "1 record has no title and are matched only by DOI...": the verb
    follows the count, here and for a record with nothing to match on."""
    untitled = {"title": "", "doi": "10.1000/untitled.1"}
    empty = {"title": "", "authors": [], "year": None, "doi": "", "journal": ""}
    with pytest.warns(DedupWarning) as caught:
        deduplicate(table({}, untitled, empty))
    text = " ".join(str(w.message) for w in caught)
    assert "1 record has no title and is matched only by DOI" in text, text
    assert "1 record has no title, authors, year, DOI or PMID and stays unique" in text, text

def test_reports_of_a_series_one_word_apart_are_not_merged_automatically():
    """A government series' completion reports, one per topic, by the same seven authors in the same year and
    series, their titles one word apart ("... assessment: Fire topic, 2015-20" and "... assessment: Restoration
    topic, 2015-20"): on the wildfire exports (Lens.org) only their DOIs kept them apart; without DOIs three of
    five were merged into one group. A swapped word keeps them for a person; a typo or a spelling still merges."""
    series = ("Statewide drought response and resilience strategy for rural water districts: progress review of "
              "the actions completed, {} topic, 2016-21")
    report = {"authors": ["Okonkwo, A. B.", "Lindgren, C.", "Haddad, N.", "Ferreira, P. R."], "year": 2022,
              "journal": "Open-File Report", "volume": "", "issue": "", "pages": "", "doi": "", "abstract": "",
              "type": "GEN"}
    topics = ["Groundwater", "Wildfire", "Grazing", "Fisheries"]
    r = dedupe(table(*[dict(report, title=series.format(t)) for t in topics]))
    assert r.groups["group_id"].nunique() == 4, r.groups
    assert set(r.maybe_pairs["reason"]) <= {"a different word in the titles"}, r.maybe_pairs["reason"].tolist()
    for other in ("Groundwatr", "groundwater"):  # one database's typo or case: one report
        r = dedupe(table(dict(report, title=series.format("Groundwater")), dict(report, title=series.format(other))))
        assert same_group(r, 0, 1), other
    # one DOI is one report, whatever a database did to its title
    r = dedupe(table(dict(report, title=series.format("Groundwater"), doi="10.1000/ofr.1"),
                     dict(report, title=series.format("Grazing"), doi="10.1000/ofr.1")))
    assert same_group(r, 0, 1)


@pytest.mark.parametrize("first,second", [
    ("Hepatitis A vaccination coverage among adults aged 65 years and older",
     "Hepatitis B vaccination coverage among adults aged 65 years and older"),
    ("Outcomes of endovascular repair for type A aortic dissection in elderly patients",
     "Outcomes of endovascular repair for type B aortic dissection in elderly patients"),
    ("Preoperative exercise and outcomes after cardiac surgery in adults with diabetes",
     "Postoperative exercise and outcomes after cardiac surgery in adults with diabetes"),
    ("Hypoglycaemia and cognitive decline in older adults with type 2 diabetes",
     "Hyperglycaemia and cognitive decline in older adults with type 2 diabetes"),
    ("Exenatide and weight loss in obese men with type 2 diabetes",
     "Exenatide and weight loss in obese women with type 2 diabetes"),
    ("Serum uric acid is associated with incident diabetes in middle-aged men",
     "Serum uric acid is not associated with incident diabetes in middle-aged men"),
    ("Exenatide has an effect on glycaemic control in obese adolescents",
     "Exenatide has no effect on glycaemic control in obese adolescents"),
    # a stem after another prefix of its own, or none: words 70-90 % alike that say the opposite (session 47's probes)
    ("Aerobic exercise training and muscle strength in elderly patients with heart failure",
     "Anaerobic exercise training and muscle strength in elderly patients with heart failure"),
    ("Increased arterial stiffness after exercise training in older patients with heart failure",
     "Decreased arterial stiffness after exercise training in older patients with heart failure"),
    ("Systolic function after exercise training in older patients with heart failure",
     "Diastolic function after exercise training in older patients with heart failure"),
    ("Anterior cruciate ligament reconstruction and knee function in adolescent athletes",
     "Posterior cruciate ligament reconstruction and knee function in adolescent athletes"),
    ("Maximal inspiratory pressure after exercise training in older patients with heart failure",
     "Minimal inspiratory pressure after exercise training in older patients with heart failure"),
    ("Active surveillance of low-risk prostate cancer in a regional cohort",
     "Inactive surveillance of low-risk prostate cancer in a regional cohort"),
    ("Dopamine agonist use and impulse control disorders in Parkinson disease",
     "Dopamine antagonist use and impulse control disorders in Parkinson disease"),
    ("Afferent arteriolar tone in early diabetic nephropathy in rats",
     "Efferent arteriolar tone in early diabetic nephropathy in rats"),
    ("Onset of symptoms after exposure to ultraviolet light in photosensitive epilepsy",
     "Offset of symptoms after exposure to ultraviolet light in photosensitive epilepsy"),
    # one stem, another compound: a part of two letters or more at the start of one name or inside it, and
    # "-less" at its end (helper w29's probes: 21 drug pairs, "preterm" / "term", "cemented" / "cementless" merged)
    ("Esomeprazole for the prevention of upper gastrointestinal bleeding in patients on dual antiplatelet therapy",
     "Omeprazole for the prevention of upper gastrointestinal bleeding in patients on dual antiplatelet therapy"),
    ("Noradrenaline infusion and cardiac output in patients with septic shock: a randomised crossover study",
     "Adrenaline infusion and cardiac output in patients with septic shock: a randomised crossover study"),
    ("Levobupivacaine for spinal anaesthesia in elective caesarean section: a randomised trial",
     "Bupivacaine for spinal anaesthesia in elective caesarean section: a randomised trial"),
    ("Prednisolone for acute exacerbations of chronic obstructive pulmonary disease in primary care",
     "Prednisone for acute exacerbations of chronic obstructive pulmonary disease in primary care"),
    ("Vaginal estriol for recurrent urinary tract infection in postmenopausal women",
     "Vaginal estradiol for recurrent urinary tract infection in postmenopausal women"),
    ("Oxycodone after total knee arthroplasty: pain scores and opioid consumption in a regional cohort",
     "Hydrocodone after total knee arthroplasty: pain scores and opioid consumption in a regional cohort"),
    ("Neurodevelopmental outcomes at two years of preterm infants born after induction of labour",
     "Neurodevelopmental outcomes at two years of term infants born after induction of labour"),
    ("Cementless total knee arthroplasty in patients younger than sixty: survival and function",
     "Cemented total knee arthroplasty in patients younger than sixty: survival and function"),
    # a name of four letters or fewer, one letter for another: two genes (w29's probes)
    ("KRAS mutations and response to first-line chemotherapy in metastatic colorectal cancer",
     "NRAS mutations and response to first-line chemotherapy in metastatic colorectal cancer"),
    ("ApoE concentrations and cognitive decline in older adults with type 2 diabetes",
     "ApoB concentrations and cognitive decline in older adults with type 2 diabetes"),
    # one consonant for another in a long word: two words, not a slip (session 48; vowels stay a spelling's or a
    # slip's: "eculizamab", "artefact")
    ("Dysphagia after acute ischaemic stroke: frequency and recovery in a regional stroke unit",
     "Dysphasia after acute ischaemic stroke: frequency and recovery in a regional stroke unit"),
    ("Surgical site infection after caesarean section in women with obesity: a cohort study",
     "Surgical site injection after caesarean section in women with obesity: a cohort study"),
    ("Hip abduction strength and knee valgus in adolescent female athletes: a cohort study",
     "Hip adduction strength and knee valgus in adolescent female athletes: a cohort study"),
    # one more word at one title's start (w29's probes: 40 of 44 merged)
    ("Acute kidney injury after cardiac surgery in a multicentre cohort of adult patients",
     "Kidney injury after cardiac surgery in a multicentre cohort of adult patients"),
    ("Early mobilisation after hip fracture surgery in older adults: a cohort study",
     "Mobilisation after hip fracture surgery in older adults: a cohort study"),
    # one more word inside one title: another population
    ("Effects of exercise training on muscle strength in patients with heart failure: a multicentre trial",
     "Effects of exercise training on muscle strength in elderly patients with heart failure: a multicentre trial"),
    ("Effects of exercise training on muscle strength in elderly patients with heart failure: a multicentre trial",
     "Effects of exercise training on muscle strength in elderly and young patients with heart failure: a multicentre "
     "trial"),
])
def test_titles_one_telling_word_apart_are_not_merged_automatically(first, second):
    """Two papers by the same authors in one journal and year, one record without pages (online first), titles
    96-99 % alike: a letter for another ("hepatitis A" / "B", where "a" is no article), a prefix that names the
    other range ("pre-" / "post-", "hypo-" / "hyper-", "men" / "women"), a negation ("not associated") or one more
    word inside one title ("elderly patients") was merged, as a spelling ("randomised" / "randomized") is. Now a
    person sees them; the spellings still merge."""
    paper = {"authors": ["Lu, P. J.", "Hung, M. C."], "year": 2021, "journal": "Diabetes Care", "doi": "",
             "abstract": "", "volume": "44", "issue": "3", "pages": "401-406"}
    r = dedupe(table(dict(paper, title=first), dict(paper, title=second, volume="", issue="", pages="")))
    assert not same_group(r, 0, 1)
    assert maybe_between(r, 0, 1)
    assert r.maybe_pairs["reason"].tolist() == ["a different word in the titles"]
    for one, other in ((first, first.replace("ae", "e") + first[-1]),  # British / American, a typo
                       ("Non-diabetic " + first, "Nondiabetic " + first)):  # one paper, spelt two ways
        r = dedupe(table(dict(paper, title=one), dict(paper, title=other, volume="", issue="", pages="")))
        assert same_group(r, 0, 1), (one, other)


@pytest.mark.parametrize("title,other", [
    # bib-dedupe's cardiac set holds 45 duplicates whose titles differ by a Greek letter's name that one database
    # printed as a sign and another dropped: one word more inside one title, which is no other paper
    ("Activation of peroxisome proliferator activated receptors alpha and gamma mediates remodelling",
     "Activation of peroxisome proliferator activated receptors alpha and mediates remodelling"),
    # an abbreviation in brackets that one database prints and another leaves out
    ("Pulmonary rehabilitation after exacerbations of chronic obstructive pulmonary disease (COPD) in older adults",
     "Pulmonary rehabilitation after exacerbations of chronic obstructive pulmonary disease in older adults"),
    # "in vitro" is one word to some databases: no "in-" prefix saying the opposite of "vitro"
    ("Insulin secretion of human islets in vitro after exposure to glucagon-like peptide 1",
     "Insulin secretion of human islets invitro after exposure to glucagon-like peptide 1"),
    # a start that is a word of the other title, glued on by one database (bib-dedupe's cardiac, cytology and
    # neuroimaging sets; a sign dropped on the way in the last): no other compound
    ("The relative order of mK(ATP) channels, free radicals and p38 MAPK in preconditioning's protective pathway",
     "The relative order of mK ATP channels, free radicals and p38 MAPK in preconditioning's protective pathway"),
    ("Are adjunctive markers useful in routine cervical cancer screening? Application of p16INK4a and HPV-PCR",
     "Are adjunctive markers useful in routine cervical cancer screening? Application of p16 INK4a and HPV-PCR"),
    ("Autism as early neurodevelopmental disorder: evidence for an sAPPalpha-mediated anabolic pathway",
     "Autism as early neurodevelopmental disorder: evidence for an sAPPamediated anabolic pathway"),
    # before the title, a section's label or the study's acronym (bib-dedupe's digital work set)
    ("Review: kidney injury after cardiac surgery in a multicentre cohort of adult patients",
     "Kidney injury after cardiac surgery in a multicentre cohort of adult patients"),
    ("Hyred: HYbrid job REcommenDation for crowd workers on online labour platforms in the gig economy",
     "HYbrid job recommendation for crowd workers on online labour platforms in the gig economy"),
    # British and American spellings of two letters
    ("Sulphonylurea treatment and the risk of severe hypoglycaemia in older adults with type 2 diabetes",
     "Sulfonylurea treatment and the risk of severe hypoglycaemia in older adults with type 2 diabetes"),
    ("Grey matter volume and cognitive decline in older adults with type 2 diabetes",
     "Gray matter volume and cognitive decline in older adults with type 2 diabetes"),
    ("Lumbar disc herniation and sciatica in manual workers: a prospective cohort study",
     "Lumbar disk herniation and sciatica in manual workers: a prospective cohort study"),
    # a vowel for another, or letters spelt alike, in a long word: a slip or a spelling (bib-dedupe's haematology
    # set: "eculizamab"), not another word as a consonant for another is ("dysphagia", "dysphasia")
    ("Safety and efficacy of eculizamab in patients resistant to plasma therapy: interim analysis of a trial",
     "Safety and efficacy of eculizumab in patients resistant to plasma therapy: interim analysis of a trial"),
    ("Motion artefact in cardiac magnetic resonance imaging of children: a prospective cohort study",
     "Motion artifact in cardiac magnetic resonance imaging of children: a prospective cohort study"),
    ("Leucocyte count and mortality after acute myocardial infarction in older adults: a cohort study",
     "Leukocyte count and mortality after acute myocardial infarction in older adults: a cohort study"),
])
def test_one_title_written_two_ways_stays_merged(title, other):
    """Titles one word apart that are one paper written two ways: merged automatically."""
    paper = {"authors": ["Lu, P. J.", "Hung, M. C."], "year": 2021, "journal": "Diabetes Care", "doi": "",
             "abstract": "", "volume": "44", "issue": "3", "pages": "401-406"}
    r = dedupe(table(dict(paper, title=title), dict(paper, title=other, volume="", issue="", pages="")))
    assert same_group(r, 0, 1)


def test_two_pubmed_ids_are_two_items_though_they_share_a_doi():
    """A journal's letter and the reply to it, printed under one title on one page with one DOI for the
    correspondence, are two PubMed citations (two PMIDs) by other people: they were merged on the shared DOI and
    details ("authors garbled by one database"). Two PMIDs now keep them for a person, also through a third copy
    (of the letter, from a database that gives no PMID) that matches both; a copy with the same PMID merges."""
    page = {"title": "Semaglutide and cardiovascular outcomes in obesity without diabetes", "year": 2024,
            "journal": "N Engl J Med", "volume": "390", "issue": "11", "pages": "1058-1059",
            "doi": "10.1056/NEJMc2401234", "abstract": ""}
    letter = dict(page, authors=["Lopez, M.", "Garcia, R."], pmid="38477001")
    reply = dict(page, authors=["Lincoff, A. M.", "Ryan, D. H."], pmid="38477002")
    r = dedupe(table(letter, reply))
    assert not same_group(r, 0, 1)
    assert maybe_between(r, 0, 1) and r.maybe_pairs["reason"].tolist() == ["different PubMed ids"]
    r = dedupe(table(letter, reply, dict(letter, pmid=""), dict(letter, journal="New England Journal of Medicine")))
    assert not same_group(r, 0, 1)
    assert same_group(r, 0, 3)
    # MEDLINE holds some (old) articles twice: one title, authors, year, volume and page under two PMIDs
    old = {"title": "Psychedelic drugs", "authors": ["Kieffer, S. N.", "Moritz, T. B."], "year": 1968,
           "journal": "Pennsylvania medicine", "volume": "71", "issue": "4", "pages": "57-67", "doi": "",
           "abstract": ""}
    r = dedupe(table(dict(old, pmid="4870533"), dict(old, pmid="4869313", authors=["Kieffer, S. N.", "Mortiz, T. B."]),
                     dict(old, pmid="")))
    assert r.groups["group_id"].nunique() == 1


def test_a_record_without_issue_matching_two_issues_joins_neither():
    """A column that one journal prints in two issues of a volume under one title, by the same authors ("Clinical
    trials update from the ... meeting"), and a third record of it without issue or pages: it is a copy of one
    of them, or of a third. It was joined to the first by the order of the pairs; now a person decides. A copy
    that gives its issue still joins its own."""
    column = {"title": "Clinical trials update from the European Society of Cardiology meeting",
              "authors": ["Cleland, J. G.", "Coletta, A. P."], "year": 2004, "journal": "Eur J Heart Fail",
              "volume": "6", "doi": "", "abstract": ""}
    r = dedupe(table(dict(column, issue="1", pages="109-115"), dict(column, issue="5", pages="627-634"),
                     dict(column, issue="", pages="")))
    assert r.groups["group_id"].nunique() == 3
    assert maybe_between(r, 0, 2) and maybe_between(r, 1, 2)
    assert "gives no issue or page" in " ".join(r.maybe_pairs["reason"])
    r = dedupe(table(dict(column, issue="1", pages="109-115"), dict(column, issue="5", pages="627-634"),
                     dict(column, issue="5", pages="")))
    assert same_group(r, 1, 2) and not same_group(r, 0, 2)


def test_issue_number_in_the_volume_field():
    """One database puts the issue number in the volume field and leaves the issue empty: the same article
    still merges (its volumes are not compared, its issues agree), with a warning; an article of another
    issue with the same pages in another year does not."""
    rows = [dict(BASE, doi="", source_file="a.ris", source_index=1, journal="MIS Quarterly: Management Information Systems",
                 volume="28", issue="3"),
            dict(BASE, doi="", source_file="b.txt", source_index=1, journal="MIS Q", volume="3", issue=""),
            dict(BASE, doi="", source_file="a.ris", source_index=2, title="Editorial", volume="28", issue="3",
                 authors=["Weber, Ron"], pages="401-404", journal="MIS Q"),
            dict(BASE, doi="", source_file="b.txt", source_index=2, title="Editorial", volume="3", issue="",
                 authors=["Weber R"], pages="401-404", journal="MIS Q"),
            dict(BASE, doi="", source_file="a.ris", source_index=3, title="Editorial", volume="29", issue="3",
                 authors=["Weber, Ron"], pages="401-404", journal="MIS Q", year=2020),
            dict(BASE, doi="", source_file="b.txt", source_index=3, title="Editorial", volume="3", issue="",
                 authors=["Weber R"], pages="401-404", journal="MIS Q", year=2020)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = deduplicate(make_record_table(rows))
    assert same_group(r, 0, 1) and same_group(r, 2, 3) and same_group(r, 4, 5)
    assert not same_group(r, 2, 4) and not same_group(r, 3, 5) and not same_group(r, 2, 5)
    said = [str(w.message) for w in caught if "issue number in the volume field" in str(w.message)]
    assert len(said) == 1
    # an empty field is named as missing ("volume , issue 3" read as a typo)
    assert "gives volume 3 and no issue" in said[0] and "no volume" not in said[0] and ", issue" not in said[0]


def test_record_numbers_in_the_issue_field_are_not_issues():
    """An export whose issue field holds a running record number (a different number for every record) would
    put the two copies of every article in "different issues": the field is not compared for that export, with a
    warning that names it. A real issue field, which repeats, still keeps two issues apart."""
    rows = []
    for k in range(60):
        article = dict(BASE, title=f"{BASE['title']} in cohort {chr(65 + k % 26)}{k // 26} of the north", doi="",
                       pages=f"{100 + k}-{105 + k}", source_file="endnote.csv")
        rows += [dict(article, source_index=2 * k + 1, issue=str(1000 + 2 * k)),
                 dict(article, source_index=2 * k + 2, issue=str(1001 + 2 * k), journal="J Sleep Res")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = deduplicate(make_record_table(rows))
    assert r.groups["group_id"].nunique() == 60
    assert any("endnote.csv" in str(w.message) and "record numbers" in str(w.message) for w in caught)
    # the same records with real issues (few, repeating): two issues of one volume stay apart
    for k, row in enumerate(rows):
        row["issue"] = str(1 + (k // 2) % 4) if k % 2 == 0 else str(1 + (k // 2 + 1) % 4)
    r = dedupe(make_record_table(rows))
    assert r.groups["group_id"].nunique() == 120


def test_cochrane_review_versions_need_their_doi_or_issue():
    """A Cochrane review's protocol, the review and its updates share the title and the article number: two
    records without a shared DOI or issue are a maybe pair that says why, the same issue merges them, and two
    versions' DOIs (.pub2, .pub3) never merge."""
    review = {"title": "Surgical sealant for preventing air leaks after pulmonary resections in patients with lung "
                       "cancer", "journal": "Cochrane Database of Systematic Reviews", "volume": "", "abstract": ""}
    r = dedupe(table(dict(review, issue="", pages="CD003051", doi=""), dict(review, issue="", pages="", doi=""),
                     dict(review, issue="7", pages="CD003051", doi="", year=2019),
                     dict(review, issue="7", pages="CD003051", doi="", year=2019, journal="Cochrane Database Syst Rev"),
                     dict(review, issue="7", pages="CD003051", doi="10.1002/14651858.CD003051.pub3", year=2020),
                     dict(review, issue="7", pages="CD003051", doi="10.1002/14651858.CD003051.pub2", year=2020)))
    assert not same_group(r, 0, 1) and maybe_between(r, 0, 1)
    assert "Cochrane review versions share one title: no shared DOI or issue" in set(r.maybe_pairs["reason"])
    assert same_group(r, 2, 3)
    assert not same_group(r, 4, 5)


def test_supplement_abstract_pages_with_a_letter_are_pages():
    """Two conference abstracts with one title in one journal's supplements, on pages 56A and 333A, are two
    abstracts; a page "56A" and "56" in two databases is one page."""
    from synthesis.dedup.prep import prepare_columns

    abstract = {"doi": "", "volume": "", "issue": "", "abstract": "", "journal": "Alcoholism: Clinical and Experimental Research"}
    r = dedupe(table(dict(abstract, pages="56A", volume="36 (SUPPL.2)"), dict(abstract, pages="333A", volume="1)")))
    assert not same_group(r, 0, 1)
    assert prepare_columns(table({"pages": "56A"}, {"pages": "56"}, {"pages": "e0123"}))["page"].tolist() == \
        ["56", "56", "123"]


def test_supplement_pages_with_a_roman_prefix_are_pages():
    """Journal of Antimicrobial Chemotherapy numbers supplement 3's pages iii19-iii32 and iii33-iii44: two
    articles at two places of one volume (FOCUS 1 and FOCUS 2), not pages unknown."""
    from synthesis.dedup.prep import prepare_columns

    prepared = prepare_columns(table({"pages": "iii19-iii32"}, {"pages": "iii33-iii44"}, {"pages": "viii94-viii95"},
                                     {"pages": "Suppl 3"}))
    assert prepared["page"].tolist() == ["19", "33", "94", ""]
    assert prepared["last_page"].tolist() == ["32", "44", "95", ""]


def test_a_letter_and_its_reply_on_one_page_are_not_merged_automatically():
    """A letter and the author's reply share the title, journal, volume, issue and page (J Small Anim Pract
    45(4):222, "Primary secretory otitis media in Cavalier King Charles spaniels", one by Rusbridge, one by
    Stern-Bertholtz): authors that share nothing are other people, so the pair is for a person; the same
    authors with given and family names swapped by one database still merge."""
    letter = {"title": "Primary secretory otitis media in Cavalier King Charles spaniels", "doi": "", "abstract": "",
              "journal": "Journal of Small Animal Practice", "year": 2004, "volume": "45", "issue": "4",
              "pages": "222"}
    r = dedupe(table(dict(letter, authors=["Rusbridge, C."]), dict(letter, authors=["Stern-Bertholtz, W."])))
    assert not same_group(r, 0, 1) and maybe_between(r, 0, 1)
    swapped = dedupe(table(dict(letter, authors=["Bhatnagar, P.", "Goswami, M.", "Kawde, K."]),
                           dict(letter, authors=["Pratibha, B.", "Maneesh, G.", "Kiran, K."])))
    assert same_group(swapped, 0, 1)
    one_author = dedupe(table(dict(letter, authors=["Nagendra, H."]), dict(letter, authors=["Harini, N."])))
    assert same_group(one_author, 0, 1)  # CAB Abstracts' "Harini, N.": names that share no letters


def test_copies_of_one_article_given_three_years_do_not_make_its_title_recur():
    """Five databases export one article (one DOI, volume 30, issue 3, pages 737-755) as 2014, 2013 (online
    first) and 2007 (a database's slip): one item, so its title is not "recurring" (the build warned that six
    records carried a recurring title); three editorials of one title in three years, each with its own DOI,
    still recur."""
    from synthesis.dedup.prep import prepare_columns

    article = {"title": "Gambling harms and gambling help-seeking amongst Indigenous Australians",
               "journal": "Journal of Gambling Studies", "volume": "30", "issue": "3", "pages": "737-755",
               "doi": "10.1007/s10899-013-9388-3"}
    copies = [dict(article, year=y) for y in (2014, 2014, 2013, 2014, 2007, 2014)]
    assert not prepare_columns(table(*copies))["generic"].any()
    assert not prepare_columns(table(*[dict(c, doi="") for c in copies]))["generic"].any()  # one place
    editorials = [dict(article, year=y, doi=f"10.1007/s10899-{y}-0001", volume=str(y - 1984), pages="1")
                  for y in (2012, 2013, 2014)]
    assert prepare_columns(table(*editorials))["generic"].all()


def test_one_doi_at_one_place_of_a_volume_is_one_article_whatever_a_database_says_its_year_is():
    """Criminal Justice Abstracts gives 2007 for a 2014 article (the same DOI, volume 30, issue 3, pages
    737-755): one database's slip, merged; without the DOI, or without the volume to place it, years seven
    apart stay a pair for a person (a protocol and its results share much else)."""
    article = {"title": "Gambling harms and gambling help-seeking amongst Indigenous Australians", "abstract": "",
               "journal": "Journal of Gambling Studies", "volume": "30", "issue": "3", "pages": "737-755",
               "doi": "10.1007/s10899-013-9388-3", "authors": ["Hing, N.", "Breen, H.", "Gordon, A."]}
    assert same_group(dedupe(table(dict(article, year=2014), dict(article, year=2014),
                                   dict(article, year=2007))), 0, 2)
    for change in ({"doi": ""}, {"volume": ""}, {"pages": "1-19"}):
        r = dedupe(table(dict(article, year=2014), dict(article, year=2007, **change)))
        assert not same_group(r, 0, 1) and maybe_between(r, 0, 1), change


def test_one_pmid_at_one_place_of_a_volume_is_one_article_whatever_a_database_says_its_year_is():
    """The same slip on a record with a PMID and no DOI (a MEDLINE record and an Embase copy that dates it by
    its entry): the pair rules let one PMID stand for the item as one DOI does, but the grouping checked only
    DOIs, refused the join ("years more than one apart") and left the pair for a person."""
    article = {"title": "Gambling harms and gambling help-seeking amongst Indigenous Australians", "abstract": "",
               "journal": "Journal of Gambling Studies", "volume": "30", "issue": "3", "pages": "737-755",
               "doi": "", "pmid": "23793339", "authors": ["Hing, N.", "Breen, H.", "Gordon, A."]}
    assert same_group(dedupe(table(dict(article, year=2014), dict(article, year=2014),
                                   dict(article, year=2007))), 0, 2)
    for change in ({"pmid": ""}, {"pmid": "23793340"}, {"volume": ""}):
        r = dedupe(table(dict(article, year=2014), dict(article, year=2007, **change)))
        assert not same_group(r, 0, 1), change


def test_authors_run_together_in_one_cell():
    """A tool that writes every author into one cell without separators ("Zhang C.Yamada L.Ho M. F."): the
    names are still told apart, so the same article with its authors listed properly agrees on them."""
    from synthesis.dedup.prep import author_key

    assert author_key(["Conejero I.Thouvenot E.Abbar M."]) == author_key(["Conejero, I.", "Thouvenot, E.", "Abbar, M."])
    assert author_key(["Smith J.A."]) == "smith j"
    r = dedupe(table({"authors": ["Smith J.Jones A.Brown K."], "doi": ""}, {"doi": ""}))
    assert same_group(r, 0, 1)


def test_embase_title_of_an_article_in_another_language():
    """Embase gives an article in another language as "English title. Chinese" (often with the original title on
    the next line) and the journal under its translated name; MEDLINE gives the English title and the
    transliterated journal. Same authors, year, volume, issue and first page: one article."""
    t = table({"title": BASE["title"] + ". Chinese\nYi dao su dui shui mian zhi liang de ying xiang", "doi": "",
               "journal": "National Medical Journal of China"},
              {"doi": "", "journal": "Zhonghua Yi Xue Za Zhi"})
    assert same_group(dedupe(t), 0, 1)
    # another first page in another journal: not the same article
    t = table({"title": BASE["title"] + ". Chinese", "doi": "", "journal": "National Medical Journal of China",
               "pages": "555-558"}, {"doi": "", "journal": "Zhonghua Yi Xue Za Zhi"})
    assert not same_group(dedupe(t), 0, 1)


def test_a_lost_superscript_is_not_another_number():
    """"Ca2+" exported as "Ca", "F2t" as "F": the numbers of the titles differ only by a superscript or subscript
    one database lost, so the never-merge rule on numbers does not apply; H1N1 and H5N1 still differ."""
    title = "Diazoxide limits mitochondrial Ca2+ overload during ischemia/reperfusion in 15-F2t-isoprostane treated rats"
    r = dedupe(table({"title": title, "doi": ""}, {"title": title.replace("Ca2+", "Ca").replace("F2t", "F"), "doi": ""}))
    assert same_group(r, 0, 1)
    flu = "Immunogenicity of an adjuvanted H1N1 influenza vaccine in adults with type 2 diabetes"
    r = dedupe(table({"title": flu, "doi": ""}, {"title": flu.replace("H1N1", "H5N1"), "doi": ""}))
    assert not same_group(r, 0, 1)
    assert r.maybe_pairs["reason"].tolist() == ["different numbers in the titles"]
    # no chain through the title that lost it: "Ca2+" ~ "Ca" ~ "Ca3+" never puts 2+ and 3+ in one group
    r = dedupe(table({"title": title, "doi": ""}, {"title": title.replace("Ca2+", "Ca"), "doi": ""},
                     {"title": title.replace("Ca2+", "Ca3+"), "doi": ""}))
    assert not same_group(r, 0, 2)


def test_one_doi_is_one_item_whatever_its_type_or_a_typo_in_a_number():
    """The same DOI and first page: one item, though one database calls it a conference paper or mistypes a
    number of its title ("Val108/158Met" read as "Va1108/158Met"). Without the DOI the rules still apply (and
    with the DOI but another first page: see test_never_merge_rules)."""
    title = "Relationship between the COMT Val108/158Met genotype and brain volume in depression"
    r = dedupe(table({"title": title}, {"title": title.replace("Val108", "Va1108")},
                     {"title": title, "type": "CONF", "journal": "Proceedings of the Annual Meeting"}))
    assert same_group(r, 0, 1) and same_group(r, 0, 2)
    r = dedupe(table({"title": title, "doi": ""}, {"title": title.replace("Val108", "Va1108"), "doi": ""}))
    assert not same_group(r, 0, 1)


def test_one_range_of_pages_in_one_volume_is_one_item_whatever_a_database_calls_it():
    """A paper of a proceedings series (Acta Horticulturae 1021, pages 367-372) that one Web of Science export
    files as a journal article under the series and another as a chapter under the symposium: one volume and one
    range of several pages is one printed item, merged automatically (it was a maybe pair, "conference paper vs
    journal article", 7 of them in the forest review's exports). A conference abstract and its article stay
    apart: without pages, on other pages, or on the same pages of different issues."""
    paper = {"title": "Sahel Vert: a project of Centre Mampuya, Senegal", "authors": ["Bassoum, S.", "Ghiggi, D."],
             "year": 2014, "journal": "Acta Horticulturae", "volume": "1021", "issue": "", "pages": "367-372",
             "doi": "", "type": "JOUR", "abstract": ""}
    chapter = dict(paper, type="CHAP", journal="International Symposium on Urban and Peri-Urban Horticulture")
    r = dedupe(table(paper, chapter))
    assert same_group(r, 0, 1)
    # and in a group: a third copy (CAB, no volume) joins through the journal's copy without a refusal
    r = dedupe(table(paper, chapter, dict(paper, volume="", journal="")))
    assert r.groups["group_id"].nunique() == 1
    for change in ({"pages": ""}, {"pages": "367"}, {"pages": "12-17"}, {"volume": "1022"},
                   {"issue": "2", "pages": "367-372"}):
        r = dedupe(table(dict(paper, issue="1"), dict(chapter, **change)))
        assert not same_group(r, 0, 1), change
        assert maybe_between(r, 0, 1), change


def test_one_word_journal_names_are_compared_whole():
    """"Diabetes" and "Diabetologia" share their first four letters but are two journals: two abstracts with
    different first pages in them are not "two pages of one volume"; "Circ" abbreviates "Circulation"."""
    from synthesis.dedup.prep import prepare_columns
    from synthesis.dedup.score import score_columns

    t = table({"journal": "Diabetes", "volume": "61", "pages": "A254", "doi": ""},
              {"journal": "Diabetologia", "volume": "61", "pages": "S334", "doi": ""},
              {"journal": "Circ", "doi": ""}, {"journal": "Circulation", "doi": ""})
    s = score_columns(prepare_columns(t), [[0, 1], [2, 3]])
    assert s["journal"][0] < 90 <= s["journal"][1]
    # a venue's acronym is its name: "ICIS" and "International Conference on Information Systems", "JAMA"
    t = table({"journal": "ICIS : Transforming Society with Digital Innovation"},
              {"journal": "International Conference on Information Systems"},
              {"journal": "JAMA"}, {"journal": "Journal of the American Medical Association"},
              {"journal": "Cell"}, {"journal": "Circulation Research"})
    s = score_columns(prepare_columns(t), [[0, 1], [2, 3], [4, 5]])
    assert s["journal"][0] >= 90 and s["journal"][1] >= 90 and s["journal"][2] < 90


def test_part_one_and_part_two_are_kept_apart():
    r = dedupe(table({"title": "Sleep after stroke. Part I: methods", "doi": ""},
                     {"title": "Sleep after stroke. Part II: methods", "doi": ""}))
    assert not same_group(r, 0, 1)


def test_retracted_mark_is_the_article_itself():
    r = dedupe(table({}, {"title": "RETRACTED: " + BASE["title"], "doi": ""}))
    assert same_group(r, 0, 1)


def test_one_correction_notice_from_two_databases_is_merged():
    """A correction citing the corrected article in its title (Web of Science "(vol 28, pg 1, 2019)", Embase
    "(Journal (2019) 28 (1-9))") is the same notice as the one without: merged with it, never with the article."""
    notice = {"title": BASE["title"], "doi": "", "pages": "e13000", "issue": "5"}
    r = dedupe(table({"doi": ""},
                     dict(notice, title=BASE["title"] + " (vol 28, pg e12801, 2019)"),
                     dict(notice, title=BASE["title"] + " (Journal of Sleep Research (2019) 28 (e12801))"),
                     dict(notice, title="Erratum: " + BASE["title"])))
    kinds = r.pairs.set_index(["i", "j"])
    assert same_group(r, 1, 2) and same_group(r, 1, 3), kinds[["decision", "reason"]]
    assert not same_group(r, 0, 1)
    assert maybe_between(r, 0, 1)


def test_a_protocol_is_never_merged_with_its_results_paper():
    """A trial's protocol and its results paper share authors, journal, year and most of the title: they are two
    reports, offered as a maybe pair that says why, while two copies of the protocol are one record."""
    protocol = {"title": "Effects of insulin on sleep quality in adults with type 2 diabetes: study protocol for a "
                         "randomised trial", "doi": "", "pages": "", "issue": ""}
    r = dedupe(table(dict(protocol, title=protocol["title"].replace("study protocol for a", "results of a")),
                     protocol, dict(protocol, title=protocol["title"].upper(), journal="J Sleep Res")))
    assert not same_group(r, 0, 1)
    assert same_group(r, 1, 2)
    assert maybe_between(r, 0, 1) or maybe_between(r, 0, 2)
    assert "study protocol and another report" in set(r.maybe_pairs["reason"])


@pytest.mark.parametrize("change, reason", [
    ({"title": BASE["title"].replace("a randomised trial", "a pilot randomised trial")}, "pilot study and another report"),
    ({"title": BASE["title"].replace("a randomised trial", "interim results of a randomised trial")},
     "interim results and another report"),
    ({"title": BASE["title"].replace("a randomised trial", "long-term follow-up of a randomised trial")},
     "follow-up report and another report"),
    ({"journal": "medRxiv", "volume": "", "issue": "", "pages": ""}, "preprint and another report"),
    ({"type": "THES", "journal": "", "volume": "", "issue": "", "pages": ""}, "thesis and another report"),
    ({"title": "Addendum: " + BASE["title"], "pages": "e13000"}, "erratum and its article"),
])
def test_two_reports_of_one_study_are_never_merged(change, reason):
    """A pilot and the main trial, interim and final results, a preprint and its article, a thesis and a paper:
    the same authors and nearly the same title, but two records; a person decides."""
    r = dedupe(table({"doi": ""}, dict({"doi": ""}, **change)))
    assert not same_group(r, 0, 1)
    assert r.maybe_pairs["reason"].tolist() == [reason]


@pytest.mark.parametrize("subtitle", [": protocol", ": design and methods", ": rationale, design and methods"])
def test_a_design_paper_is_never_merged_with_its_results_paper(subtitle):
    """A trial's design paper ("...: rationale, design and methods", "...: protocol") by the same group in one
    journal and year, without pages (online first): it was merged with the results paper when its subtitle was
    short (w29's probes: ": protocol"), or offered with no reason when long. Now the kind keeps them apart."""
    paper = {"title": "Effects of high-intensity interval training on exercise capacity in patients with coronary "
                      "artery disease", "authors": ["Kim, J.", "Park, S.", "Lee, H."], "year": 2019,
             "journal": "European Journal of Preventive Cardiology", "doi": "", "abstract": ""}
    r = dedupe(table(dict(paper, volume="26", issue="2", pages="101-109"),
                     dict(paper, title=paper["title"] + subtitle, volume="", issue="", pages="")))
    assert not same_group(r, 0, 1)
    assert r.maybe_pairs["reason"].tolist() == ["study protocol and another report"]


@pytest.mark.parametrize("tail", [" in Korea", " in women", " in rats", " at home"])
def test_words_saying_where_or_in_whom_at_a_title_end_are_not_merged_automatically(tail):
    """Two papers of one group in one journal and year, one record without pages: "... in patients with coronary
    artery disease" and "... in Korea" (a national report), "... in women" (a subgroup's), "... in rats". The
    short tail left the titles 95 % alike and they merged (w29's probes). A tail that a database adds or drops
    ("[in Chinese]", a subtitle after a colon) still merges."""
    paper = {"title": "Effects of high-intensity interval training on exercise capacity in patients with coronary "
                      "artery disease", "authors": ["Kim, J.", "Park, S.", "Lee, H."], "year": 2019,
             "journal": "European Journal of Preventive Cardiology", "doi": "", "abstract": "",
             "volume": "26", "issue": "2", "pages": "101-109"}
    r = dedupe(table(paper, dict(paper, title=paper["title"] + tail, volume="", issue="", pages="")))
    assert not same_group(r, 0, 1)
    assert r.maybe_pairs["reason"].tolist() == ["a different word in the titles"]
    r = dedupe(table(paper, dict(paper, title=paper["title"] + " [in Chinese]", volume="", issue="", pages="")))
    assert same_group(r, 0, 1)


def test_a_preprint_of_a_pilot_study_and_its_article_are_never_merged():
    """A preprint is a preprint whatever report of a study its title names: the medRxiv copy of a pilot trial and
    the journal's are two records (they were one kind, "pilot study", and merged)."""
    pilot = {"title": BASE["title"].replace("a randomised trial", "a pilot randomised trial"), "doi": ""}
    r = dedupe(table(pilot, dict(pilot, journal="medRxiv", volume="", issue="", pages="",
                                 doi="10.1101/2025.03.01.240001")))
    assert not same_group(r, 0, 1)
    assert r.maybe_pairs["reason"].tolist() == ["preprint and another report"]


def test_a_person_joining_a_preprint_and_its_article_lets_their_copies_join(tmp_path):
    """Once a person said a preprint and the article are one, another database's copy of the article joins
    them by itself, with or without the article's DOI beside the preprint's; a second preprint DOI is still
    another item, asked about with the rule that kept it apart."""
    article = {"doi": ""}
    preprint = {"journal": "medRxiv", "volume": "", "issue": "", "pages": "", "doi": "10.1101/2025.03.01.240001"}
    copy = {"doi": "", "journal": "J Sleep Res", "source_database": "PubMed"}
    t = table(preprint, article, copy)
    r = dedupe(t)
    assert same_group(r, 1, 2) and not same_group(r, 0, 1)
    path = tmp_path / "v.tsv"
    append_verdict(path, t["record_id"][0], t["record_id"][1], "duplicate")
    again = dedupe(t, verdicts=path)
    assert same_group(again, 0, 1) and same_group(again, 1, 2)
    assert again.summary["maybe_pairs"] == 0
    # the article's copy with the article's DOI: the group's other DOI is the preprint's, no clash
    t = table(preprint, article, dict(copy, doi="10.1111/jsr.12801"))
    again = dedupe(t, verdicts=path)
    assert same_group(again, 0, 1) and same_group(again, 1, 2) and again.summary["maybe_pairs"] == 0
    # another preprint DOI is another preprint: kept apart, and the pair says why
    t = table(preprint, article, dict(preprint, doi="10.1101/2025.09.09.999999", source_database="medRxiv"))
    again = dedupe(t, verdicts=path)
    assert same_group(again, 0, 1) and not same_group(again, 0, 2)
    assert "different DOIs" in " ".join(again.maybe_pairs["reason"]), again.maybe_pairs["reason"].tolist()



def test_a_person_joining_two_dois_of_one_kind_keeps_each_dois_copies_together(tmp_path):
    """A preprint that no database calls one (a Copernicus discussion paper exported as a journal article) and
    its article, each found in two databases: the copies of each merge on their DOI. A person's "duplicate"
    between one copy of each used to leave the group "many DOIs", so the other copies no longer joined it: one
    verdict split two automatic groups into three and put two copies of one article to the person again, at
    94 % "they match, but a rule keeps them apart". Now each DOI's copies join the person's group."""
    article = {"journal": "Natural Hazards and Earth System Sciences", "year": 2023, "volume": "23", "issue": "4",
               "pages": "1335-1354", "doi": "10.5194/nhess-23-1335-2023"}
    preprint = {"journal": "", "year": 2022, "volume": "", "issue": "", "pages": "",
                "doi": "10.5194/egusphere-2022-498", "abstract": "Another abstract, of the discussion paper."}
    t = table(article, dict(article, source_database="Lens"), preprint, dict(preprint, source_database="Lens"))
    r = dedupe(t)
    assert same_group(r, 0, 1) and same_group(r, 2, 3) and not same_group(r, 0, 2)
    path = tmp_path / "v.tsv"
    append_verdict(path, t["record_id"][0], t["record_id"][3], "duplicate")
    again = dedupe(t, verdicts=path)
    assert again.groups["group_id"].nunique() == 1, again.maybe_pairs[["reason"]]
    assert again.summary["maybe_pairs"] == 0
    # a third DOI is a third item: kept apart, and the pair says why
    other = dict(preprint, doi="10.5194/egusphere-2022-777", source_database="Dimensions")
    t = table(article, dict(article, source_database="Lens"), preprint, dict(preprint, source_database="Lens"), other)
    again = dedupe(t, verdicts=path)
    assert again.groups["group_id"].iloc[:4].nunique() == 1 and not same_group(again, 0, 4)
    assert "different DOIs" in " ".join(again.maybe_pairs["reason"]), again.maybe_pairs["reason"].tolist()

PROCEEDINGS_PAPER = {"authors": ["Kim, J.", "Lee, S."], "journal": "Proceedings of the 2019 IEEE Conference on Health",
                     "volume": "", "issue": "", "type": "CONF", "doi": "10.1109/ICHI.2019.00001", "abstract": ""}


def test_one_doi_on_two_ranges_of_pages_is_two_papers():
    """A proceedings' DOI given to each of its papers: "... in adults" and "... in older adults" by the same
    authors merged on it. Pages 901-909 and 921-929 are two papers: a pair for a person, saying why."""
    t = table(dict(PROCEEDINGS_PAPER, title="Deep learning for sleep staging in adults", pages="901-909"),
              dict(PROCEEDINGS_PAPER, title="Deep learning for sleep staging in older adults", pages="921-929"))
    r = dedupe(t)
    assert not same_group(r, 0, 1)
    assert r.maybe_pairs["reason"].tolist() == ["one DOI, two ranges of pages"]
    # one paper whose pages two databases give differently (a range and its first page, a typo in the last
    # page, online-first pages and the issue's) is still one paper
    for pages in ("901", "901-910", "1-9"):
        assert same_group(dedupe(table(dict(PROCEEDINGS_PAPER, title="Deep learning for sleep staging in adults",
                                            pages="901-909"),
                                       dict(PROCEEDINGS_PAPER, title="Deep learning for sleep staging in adults",
                                            pages=pages))), 0, 1), pages


def test_a_doi_that_several_papers_share_is_not_used_to_match_them():
    """A DOI that three unlike titles carry names no one paper (a proceedings volume, a book, a DOI an export cut
    short): left out, with a warning naming it, and the papers are judged on their other fields; the two that
    are alike and give no pages are a pair for a person, not one paper."""
    t = table(dict(PROCEEDINGS_PAPER, title="Deep learning for sleep staging in adults", pages=""),
              dict(PROCEEDINGS_PAPER, title="Deep learning for sleep staging in older adults", pages=""),
              dict(PROCEEDINGS_PAPER, title="A registry of coronary stents in rural hospitals", authors=["Park, H."]),
              dict(PROCEEDINGS_PAPER, title="Teaching anatomy with virtual dissection tables", authors=["Roe, A."]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = deduplicate(t)
    assert r.groups["group_id"].nunique() == 4
    assert any("10.1109/ichi.2019.00001 (4)" in str(w.message) and "several different papers share" in
               str(w.message) for w in caught), [str(w.message) for w in caught]
    # a DOI that two records of one paper carry (one of them retitled) still matches them
    r = dedupe(table({}, {"title": BASE["title"].upper(), "journal": "J Sleep Res"}))
    assert r.groups["group_id"].nunique() == 1


def test_pubmed_publication_types_say_preprint_and_meeting_abstract():
    """PubMed's types, all of them kept by the reader: "Journal Article; Preprint" is a preprint and
    "Journal Article; Congress" a meeting's abstract; neither is merged with the journal's article."""
    for pubmed_type in ("Journal Article; Preprint", "Journal Article; Congress"):
        r = dedupe(table({"doi": ""}, {"doi": "", "type": pubmed_type, "source_database": "PubMed"}))
        assert not same_group(r, 0, 1), pubmed_type
        assert maybe_between(r, 0, 1), pubmed_type


def test_conference_merge_when_opted_in():
    from synthesis.dedup import DecisionRules

    t = table({"doi": ""}, {"type": "CONF", "journal": "Journal of Sleep Research", "doi": ""})
    assert not same_group(dedupe(t), 0, 1)
    assert same_group(dedupe(t, rules=DecisionRules(allow_conference=True)), 0, 1)


def test_chain_cannot_join_two_dois():
    """A-B and B-C look alike, but A and C carry different DOIs: the chain must not join them."""
    t = table({"doi": "10.1111/jsr.1"}, {"doi": ""}, {"doi": "10.1111/jsr.2"})
    r = dedupe(t)
    assert not same_group(r, 0, 2)
    assert r.groups["group_id"].nunique() == 2


def test_chain_cannot_span_more_than_two_years():
    t = table({"year": 2018, "doi": ""}, {"year": 2019, "doi": ""}, {"year": 2020, "doi": ""})
    r = dedupe(t)
    assert not (same_group(r, 0, 1) and same_group(r, 1, 2))


# --- merge ---------------------------------------------------------------------------------------------------

def test_merge_fills_gaps_and_keeps_every_member():
    from synthesis.dedup import MergePolicy

    t = table({"abstract": "", "source_database": "Scopus"},
              {"doi": "", "pages": "", "abstract": "The full abstract.", "source_database": "PubMed"})
    r = dedupe(t, policy=MergePolicy(preferred_databases=("PubMed",)))
    lib = r.library
    assert len(lib) == 1
    row = lib.iloc[0]
    assert row["source_database"] == "PubMed"  # the preferred database is the representative
    assert row["doi"] == "10.1111/jsr.12801" and row["abstract"] == "The full abstract."  # gaps filled
    assert row["member_ids"] == t["record_id"].tolist() and row["n_members"] == 2
    assert row["source_databases"] == ["PubMed", "Scopus"]
    assert r.groups.loc[r.groups["representative"], "source_database"].item() == "PubMed"


def test_the_library_keeps_a_journal_as_written_rather_than_in_capitals(shared_data):
    """Web of Science writes journals (and some titles) in capitals; as the most complete record it often
    represents the group, and half the screening cards of a WoS + Scopus + PubMed search read "SCIENCE OF THE
    TOTAL ENVIRONMENT". Where another member gives the same words in their own case, that is the library's."""
    t = table({"journal": "JOURNAL OF SLEEP RESEARCH", "title": BASE["title"].upper(), "source_database": "WoS"},
              {"journal": "Journal of Sleep Research", "abstract": "", "source_database": "PubMed"})
    row = dedupe(t).library.iloc[0]
    assert row["source_database"] == "WoS" and row["journal"] == "Journal of Sleep Research"
    assert row["title"] == BASE["title"]
    alone = dedupe(table({"journal": "J SLEEP RES", "source_database": "WoS"})).library.iloc[0]
    assert alone["journal"] == "J SLEEP RES"  # no case is guessed
    # a paper only Web of Science found: its journal as another paper of the search writes it
    other = {"title": "Melatonin and shift work: a cohort study of nurses", "authors": ["Lee, K."], "doi": "",
             "pages": "e13000", "journal": "Journal of Sleep Research", "source_database": "Scopus"}
    two = dedupe(table({"journal": "JOURNAL OF SLEEP RESEARCH", "source_database": "WoS"}, other)).library
    assert len(two) == 2 and two["journal"].tolist() == ["Journal of Sleep Research"] * 2
    from synthesis.io import read_exports

    folder = shared_data / "imports"
    records = read_exports([folder / "wos_plaintext" / "revtools__restoration_WoS.ciw",
                            folder / "ris" / "revtools__restoration_scopus.ris"]).records
    library = dedupe(records).library
    shared = library[library["source_databases"].map(len) > 1]
    capitals = shared["journal"].map(lambda j: j.isupper())
    assert len(shared) > 50 and capitals.sum() <= 1  # the one left: a different name ("... SYSTEMS FOR SIGNAL...")


# --- verdicts --------------------------------------------------------------------------------------------------

def test_verdict_file_round_trip(tmp_path):
    path = tmp_path / "evidence" / "duplicate_verdicts.tsv"
    append_verdict(path, "r2", "r1", "duplicate", reviewer="AB", note="same\tpaper")
    append_verdict(path, "r1", "r2", "not_duplicate", reviewer="CD")
    append_verdict(path, "r3", "r4", "duplicate")
    text = path.read_text()
    assert text.splitlines()[0].split("\t") == ["when", "record_id_1", "record_id_2", "verdict", "reviewer", "note"]
    assert len(text.splitlines()) == 4  # appended, never rewritten
    v = read_verdicts(path)
    assert v[["record_id_1", "record_id_2", "verdict"]].values.tolist() == [
        ["r1", "r2", "not_duplicate"], ["r3", "r4", "duplicate"]]  # the latest verdict on a pair wins
    with pytest.raises(ValueError):
        append_verdict(path, "r1", "r2", "perhaps")


def test_malformed_verdict_file_names_the_line(tmp_path):
    path = tmp_path / "v.tsv"
    append_verdict(path, "r1", "r2", "duplicate")
    with open(path, "a") as fh:
        fh.write("2026-01-01\tr5\tr6\tmaybe\n")
    with pytest.raises(VerdictFileError, match=r"v.tsv, line 3"):
        read_verdicts(path)


def test_not_duplicate_verdict_is_never_overturned(tmp_path):
    t = table({}, {"doi": ""})
    r = dedupe(t)
    assert same_group(r, 0, 1)
    path = tmp_path / "duplicate_verdicts.tsv"
    append_verdict(path, t["record_id"][0], t["record_id"][1], "not_duplicate")
    for _ in range(2):  # re-applied on every run
        again = dedupe(t, verdicts=path)
        assert not same_group(again, 0, 1)
        assert not maybe_between(again, 0, 1)


def test_not_duplicate_verdict_also_blocks_chains(tmp_path):
    t = table({}, {"doi": ""}, {"doi": ""})
    path = tmp_path / "v.tsv"
    append_verdict(path, t["record_id"][0], t["record_id"][2], "not_duplicate")
    r = dedupe(t, verdicts=path)
    assert not same_group(r, 0, 2)


def test_duplicate_verdict_joins_a_maybe_pair(tmp_path):
    t = table({}, {"doi": "10.1111/jsr.99999"})
    r = dedupe(t)
    assert maybe_between(r, 0, 1) and not same_group(r, 0, 1)
    path = tmp_path / "v.tsv"
    append_verdict(path, r.maybe_pairs["record_id_1"][0], r.maybe_pairs["record_id_2"][0], "duplicate")
    again = dedupe(t, verdicts=path)
    assert same_group(again, 0, 1)
    assert again.summary["duplicates_by_verdict"] == 1 and again.summary["maybe_pairs"] == 0


def test_a_duplicate_verdict_across_years_keeps_the_copies_it_had(tmp_path):
    """w5: a person joined a paper's online-first copy (2019) to its issue's copy (2021); another database's copy
    of 2021, with the same DOI, volume and page, had merged with the issue's copy before the verdict and was then
    split off, "years more than one apart" from the 2019 copy. A span a person joined is no reason to refuse a
    copy inside it; a copy that widens it (2023, no DOI) is still refused."""
    t = table({"year": 2019, "volume": "", "issue": "", "pages": ""}, {"year": 2021},
              {"year": 2021, "journal": "J Sleep Res"}, {"year": 2023, "doi": "", "volume": "", "issue": "", "pages": ""})
    before = dedupe(t)
    assert same_group(before, 1, 2) and not same_group(before, 0, 1)
    path = tmp_path / "v.tsv"
    append_verdict(path, t["record_id"][0], t["record_id"][1], "duplicate")
    after = dedupe(t, verdicts=path)
    assert same_group(after, 0, 1) and same_group(after, 1, 2)
    assert not same_group(after, 0, 3) and after.summary["duplicates_removed"] == 1


def test_verdicts_on_unknown_records_are_reported(tmp_path):
    path = tmp_path / "v.tsv"
    append_verdict(path, "rnothere1", "rnothere2", "duplicate")
    with pytest.warns(DedupWarning, match="not in this input"):
        deduplicate(table({}), verdicts=path)


# --- incremental -----------------------------------------------------------------------------------------------

def test_incremental_run_keeps_group_ids():
    first_round = table({}, {"doi": ""},
                        {"title": "Cognitive behavioural therapy for insomnia in shift workers", "doi": "",
                         "authors": ["Lee, K."], "volume": "12", "pages": "1-9"})
    r1 = dedupe(first_round)
    second_only = table({"title": BASE["title"] + ".", "doi": ""},
                        {"title": "A brand new paper on napping", "doi": "", "authors": ["Ng, P."]},
                        files=["round2/a.ris", "round2/b.ris"])
    both = pd.concat([first_round, second_only], ignore_index=True)
    r2 = dedupe(both, previous=r1.groups)
    assert r2.groups["group_id"][:3].tolist() == r1.groups["group_id"].tolist()  # earlier ids stay put
    assert r2.groups["group_id"][3] == r1.groups["group_id"][0]  # the new copy joins the earlier group
    assert r2.groups["group_id"][4] == "g" + both["record_id"][4][1:]  # a new paper gets a new group
    # without previous=, the same ids come out because later rounds are appended after earlier ones
    assert dedupe(both).groups["group_id"].tolist() == r2.groups["group_id"].tolist()


def test_incremental_run_never_joins_two_earlier_groups():
    old = table({"doi": "", "year": 2019}, {"doi": "", "year": 2019, "title": BASE["title"] + " (pilot)"})
    prev = pd.DataFrame({"record_id": old["record_id"], "group_id": ["gA", "gB"]})
    new = table({"doi": ""}, files=["round2.ris"])
    r = dedupe(pd.concat([old, new], ignore_index=True), previous=prev)
    assert r.groups["group_id"][0] == "gA" and r.groups["group_id"][1] == "gB"


# --- bad input ---------------------------------------------------------------------------------------------------

def test_records_with_nothing_no_title_or_no_authors():
    t = make_record_table([
        {"source_file": "x.ris", "source_index": 1},
        {"source_file": "x.ris", "source_index": 2},
        {"source_file": "x.ris", "source_index": 3, "doi": "10.1000/abc", "year": 2001},
        {"source_file": "y.ris", "source_index": 1, "doi": "10.1000/abc", "year": 2001},
        {"source_file": "y.ris", "source_index": 2, "title": BASE["title"], "year": 2019},
    ])
    with pytest.warns(DedupWarning) as caught:
        r = deduplicate(t)
    messages = " ".join(str(w.message) for w in caught)
    assert "no title, authors, year, DOI or PMID" in messages and "x.ris record 1" in messages
    assert "no authors" in messages
    assert not same_group(r, 0, 1)  # two empty records are not "the same"
    assert same_group(r, 2, 3)  # untitled, but the same DOI
    assert len(r.groups) == 5


def test_warnings_name_rows_of_a_table_made_in_a_notebook():
    """Records with no place in a file (source_index 0) are named by their row, not all as "record 0"."""
    t = make_record_table([{"title": f"A trial of drug {k}", "year": 2001} for k in "ABC"])
    with pytest.warns(DedupWarning) as caught:
        deduplicate(t)
    messages = " ".join(str(w.message) for w in caught)
    assert "3 records have no authors" in messages and "record 1, record 2, record 3" in messages
    assert "record 0" not in messages


def test_whole_file_duplicated():
    one = table({}, {"title": "Another paper about naps", "doi": "", "authors": ["Ng, P."], "journal": "Sleep",
                     "volume": "4", "pages": "10-20", "abstract": "Naps help."},
                {"title": "A third paper on shift work", "doi": "10.1000/third", "authors": ["Lee, K."],
                 "journal": "Occupational Medicine", "volume": "70", "pages": "101-109", "abstract": ""},
                files=["a.ris"] * 3)
    two = one.copy()
    two["source_file"] = "a copy.ris"
    two["record_id"] = [r + "c" for r in two["record_id"]]
    r = dedupe(pd.concat([one, two], ignore_index=True))
    assert r.summary["groups"] == 3 and r.summary["duplicates_removed"] == 3
    assert r.groups["status"].tolist()[:3] == ["kept"] * 3


def test_ten_thousand_copies_of_one_record_is_linear():
    t = make_record_table([dict(BASE, source_file="big.ris", source_index=k + 1) for k in range(10000)])
    start = time.perf_counter()
    with pytest.warns(DedupWarning, match="share one title"):
        r = deduplicate(t)
    assert r.summary["groups"] == 1 and r.library["n_members"].item() == 10000
    assert r.summary["candidate_pairs"] < 10000 * 40  # never all 50 million pairs
    assert time.perf_counter() - start < 60  # generous: a quadratic run would take hours


def test_pathological_titles():
    t = make_record_table([
        {"source_file": "p.ris", "source_index": 1, "title": "word " * 10000, "authors": ["A, B."]},
        {"source_file": "p.ris", "source_index": 2, "title": "word " * 10000, "authors": ["A, B."]},
        {"source_file": "p.ris", "source_index": 3, "title": "?!... --- ;;", "authors": ["C, D."]},
        {"source_file": "p.ris", "source_index": 4, "title": "?!... --- ;;", "authors": ["E, F."]},
        {"source_file": "p.ris", "source_index": 5, "title": "<i></i>", "authors": ["G, H."]},
    ])
    with pytest.warns(DedupWarning) as caught:
        r = deduplicate(t)
    messages = " ".join(str(w.message) for w in caught)
    assert "longer than 400 characters" in messages
    assert "no letters or digits" in messages and "p.ris record 3" in messages
    assert len(r.groups) == 5
    assert not same_group(r, 2, 3)  # punctuation-only titles are not "the same title"


def test_empty_input():
    r = dedupe(make_record_table([]))
    assert r.summary["records"] == 0 and r.groups.empty and r.library.empty


# --- command line -------------------------------------------------------------------------------------------------

def test_cli_writes_one_row_per_record(shared_data, tmp_path, capsys):
    from synthesis.cli import main

    folder = shared_data / "imports" / "citesource_sets" / "gambling_harms_topic_coverage"
    files = sorted(str(p) for p in folder.glob("*.ris"))[:3]
    out = tmp_path / "groups.csv"
    verdicts = tmp_path / "evidence" / "duplicate_verdicts.tsv"
    code = main(["dedupe", *files, "-o", str(out), "--decisions", str(verdicts), "--maybe", str(tmp_path / "m.csv"),
                 "--library", str(tmp_path / "lib.csv")])
    assert code == 0
    groups = pd.read_csv(out, dtype=str, keep_default_na=False)
    for col in ["source_file", "source_index", "source_id", "record_id", "group_id", "status"]:
        assert col in groups.columns
    assert set(groups["status"]) <= {"unique", "kept", "duplicate", "maybe"}
    captured = capsys.readouterr()
    printed = captured.out
    assert f"note: {verdicts} does not exist (yet): no verdicts of people applied" in captured.err
    assert "records" in printed and "groups" in printed and "duplicates removed automatically" in printed
    assert "maybe pairs" in printed
    library = pd.read_csv(tmp_path / "lib.csv", dtype=str, keep_default_na=False)
    assert len(library) == groups["group_id"].nunique()
    assert (groups["status"] == "duplicate").sum() == len(groups) - len(library)


def test_maybe_pairs_file_shows_both_records(shared_data, tmp_path):
    """maybe_pairs.csv is for a person: it held the field agreements under the fields' names (a column "title"
    of 91.8), so nobody could read a pair from it without joining it to the library. It now gives both records
    side by side, in the list's order, the agreements after them as ``*_score``."""
    from synthesis.cli import main
    from synthesis.io import read_exports

    folder = shared_data / "imports"
    files = [folder / "wos_plaintext" / "revtools__restoration_WoS.ciw",
             folder / "nbib" / "revtools__restoration_pubmed.nbib", folder / "ris" / "revtools__restoration_scopus.ris"]
    maybe = tmp_path / "maybe.csv"
    assert main(["dedupe", *map(str, files), "-o", str(tmp_path / "g.csv"), "--maybe", str(maybe)]) == 0
    table = pd.read_csv(maybe, dtype=str, keep_default_na=False)
    assert list(table.columns[:6]) == ["rank", "likelihood", "rule_kept", "reason", "title_1", "title_2"]
    assert len(table) >= 1 and table["rank"].tolist() == [str(k) for k in range(1, len(table) + 1)]
    assert "title" not in table.columns and "title_score" in table.columns
    records = read_exports(files).records.set_index("record_id")
    for side in ("1", "2"):
        ids = table[f"record_id_{side}"]
        assert table[f"title_{side}"].tolist() == records.loc[ids, "title"].tolist()
        assert table[f"source_database_{side}"].tolist() == records.loc[ids, "source_database"].tolist()
    assert all(0 <= float(v) <= 1 for v in table["likelihood"])
    # a corrigendum and its article: the reason says so first (it said "different DOIs", which every notice has)
    notice = table[table["title_1"].str.startswith("Corrigendum") | table["title_2"].str.startswith("Corrigendum")]
    assert len(notice) == 1 and notice["reason"].iloc[0] == "erratum and its article"


def test_cli_files_with_record_strings_are_neutralised(tmp_path):
    """`synthesis dedupe --library/--maybe` wrote titles as they came: "=HYPERLINK(...)" ran as a formula when
    the file was opened in a spreadsheet (the build's files were already neutralised)."""
    from synthesis.cli import main

    ris = tmp_path / "a.ris"
    entry = ("TY  - JOUR\nTI  - =HYPERLINK(\"http://x.test\",\"Insulin and sleep: a trial in mice\")\nAU  - Smith, J.\n"
             "PY  - 2001\nT2  - J Sleep Res\nVL  - 3\nSP  - 1\nEP  - 9\nDO  - {doi}\nER  - \n\n")
    ris.write_text(entry.format(doi="10.1000/a") + entry.format(doi="10.1000/b"), encoding="utf-8")
    lib, maybe = tmp_path / "lib.csv", tmp_path / "maybe.csv"
    assert main(["dedupe", str(ris), "-o", str(tmp_path / "g.csv"), "--library", str(lib), "--maybe", str(maybe)]) == 0
    for path, column in ((lib, "title"), (maybe, "title_1")):
        cells = pd.read_csv(path, dtype=str, keep_default_na=False)[column]
        assert len(cells) and all(c.startswith("'=HYPERLINK(") for c in cells), path.name


# --- widget and overlap --------------------------------------------------------------------------------------------

def test_widget_writes_verdicts(tmp_path):
    from synthesis.dedup.widget import MaybeReviewer, pair_html

    t = table({"title": BASE["title"] + " <script>alert(1)</script>"}, {"doi": "10.1111/jsr.99999"})
    r = dedupe(t)
    assert len(r.maybe_pairs) == 1
    path = tmp_path / "evidence" / "duplicate_verdicts.tsv"
    reviewer = MaybeReviewer(r, t, path, reviewer="AB")
    assert "<script>" not in reviewer.card and "&lt;script&gt;" in reviewer.card
    assert "syn-differ" in reviewer.card  # the differing DOI is marked
    assert reviewer.counter.startswith("pair 1 of 1, 0 duplicates so far")
    reviewer.handle("not_duplicate")
    v = read_verdicts(path)
    assert v["verdict"].tolist() == ["not_duplicate"] and v["reviewer"].tolist() == ["AB"]
    assert reviewer.finished  # nothing left
    # a new panel skips pairs already decided
    # (signed: AB joined the empty team above, and a panel with no name is refused as in every notebook)
    decided = MaybeReviewer(r, t, path, reviewer="AB")
    assert len(decided.pairs) == 0 and decided.pairs_total == 0
    assert decided.card == ("<p class='syn-done'>No maybe pairs left to decide: the one there was has a verdict in "
                            "duplicate_verdicts.tsv.</p>")
    # and after deduplicating again with the verdicts there are no maybe pairs at all: the (empty) list keeps
    # its columns, as notebook 01 shows them (it raised KeyError: 'likelihood', 'reason')
    again = dedupe(t, verdicts=path)
    assert len(again.maybe_pairs) == 0
    none = MaybeReviewer(again, t, path, reviewer="AB")
    assert none.pairs[["likelihood", "reason"]].empty
    # nothing to decide: no counter "0 of 0 pairs decided", no buttons (the widget hides them), one sentence
    assert none.pairs_total == 0
    assert none.card == ("<p class='syn-done'>No maybe pairs to decide (1 verdict given earlier is in "
                         "duplicate_verdicts.tsv).</p>")
    fresh = MaybeReviewer(again, t, tmp_path / "evidence" / "other_verdicts.tsv", reviewer="AB")
    assert fresh.card == "<p class='syn-done'>No maybe pairs to decide: deduplication was sure of every pair.</p>"
    assert "&lt;b&gt;" in pair_html({"title": "<b>x</b>"}, {"title": "y"})


def _three_pairs():
    """Three maybe pairs (each: the same paper with a different DOI)."""
    rows = []
    for k, title in enumerate(["Insulin and sleep in older adults", "Coronary stents: a registry of ten years",
                               "Teaching anatomy with virtual dissection tables"]):
        for db, doi in (("a.ris", f"10.1000/{k}a"), ("b.ris", f"10.1000/{k}b")):
            rows.append({"source_file": db, "source_index": k + 1, "title": title,
                         "authors": ["Smith, J."], "year": 2001, "journal": "J Sleep Res", "volume": "3",
                         "pages": f"{k * 10 + 1}-9", "doi": doi})
    t = make_record_table(rows)
    return t, dedupe(t)


def test_widget_skip_undo_back_and_the_rest(tmp_path):
    """s brings a pair back after the others; u takes the last verdict back (on disk too); the rest in one go."""
    from synthesis.dedup.widget import MaybeReviewer

    t, r = _three_pairs()
    assert len(r.maybe_pairs) == 3
    path = tmp_path / "v.tsv"
    w = MaybeReviewer(r, t, path, reviewer="AB")
    first, second, third = (f"{a}|{b}" for a, b in zip(w.pairs["record_id_1"], w.pairs["record_id_2"]))
    assert w.pair_key == first
    w.handle("skip")
    assert w.pair_key == second and not path.exists()  # a skip writes nothing
    w.handle("duplicate")
    assert w.pair_key == third and "1 duplicate so far" in w.counter
    w.handle("undo")
    assert w.pair_key == second and len(read_verdicts(path)) == 0  # taken back on disk
    w.handle("duplicate")
    w.handle("forward")  # third -> past the end: the skipped first pair comes back
    assert w.pair_key == first
    w.handle("back")
    assert w.pair_key == first  # already the first pair
    w.handle("forward")
    w.handle("back")
    assert w.pair_key == first
    w.handle("rest_not_duplicate")  # the skipped first and the third
    v = read_verdicts(path)
    assert sorted(v["verdict"]) == ["duplicate", "not_duplicate", "not_duplicate"] and w.finished
    w.handle("undo")  # takes the whole batch back
    assert len(read_verdicts(path)) == 1 and w.open_pairs == 2


def test_two_short_unlike_names_are_marked_whole():
    """Walking notebook 01 (w50): the example's preprint beside its article marked the journals letter by letter,
    "me[dRxiv]" against "[B]M[J Op]e[n]", as if the names shared an "me"; two short names are compared letter by
    letter only when they are alike (a typo, "bioRxiv" and "medRxiv"), else each is marked whole."""
    from synthesis.dedup.widget import marked_words

    assert marked_words("medRxiv", "BMJ Open") == ("<mark>medRxiv</mark>", "<mark>BMJ Open</mark>")
    assert marked_words("Nature", "Science") == ("<mark>Nature</mark>", "<mark>Science</mark>")
    assert marked_words("Desigining", "Designing") == ("Desig<mark>i</mark>ning", "Designing")
    assert marked_words("bioRxiv", "medRxiv") == ("<mark>bio</mark>Rxiv", "<mark>med</mark>Rxiv")
    assert marked_words("The Lancet", "Lancet") == ("<mark>The</mark> Lancet", "Lancet")


def test_only_differences_that_matter():
    from synthesis.dedup.widget import field_differs, pair_html

    assert not field_differs("type", "JOUR", "Journal Article")
    # a type that says less is no difference (Web of Science's "J" for a journal, PubMed's "Letter")...
    assert not field_differs("type", "J", "Letter") and not field_differs("type", "journalArticle", "JOUR")
    assert not field_differs("type", "Journal Article; Review", "Review")
    assert not field_differs("type", "Proceedings Paper", "CONF")
    # ...two kinds of journal item, or of record, are
    assert field_differs("type", "Journal Article; Review", "Letter") and field_differs("type", "BOOK", "JOUR")
    assert field_differs("type", "Journal Article", "Published Erratum")  # a notice is never its article
    assert not field_differs("doi", "10.1000/X", "https://doi.org/10.1000/x")
    assert not field_differs("authors", ["Smith, J.", "Lee, K."], ["Smith J", "Lee K"])
    # one database writes every initial, another only the name in use: the same person
    assert not field_differs("authors", ["Hasnain, M. G.", "Lee, K."], ["Hasnain, G.", "Lee, K. J."])
    assert not field_differs("authors", "Hasnain MG; Lee K", ["Hasnain, Golam", "Lee, K."])
    # a different initial, a different family name or another author is a difference
    assert field_differs("authors", ["Smith, J.", "Lee, K."], ["Smith, A.", "Lee, K."])
    assert field_differs("authors", ["Smith, J.", "Lee, K."], ["Smith, J.", "Li, K."])
    assert field_differs("authors", ["Smith, J."], ["Smith, J.", "Lee, K."])
    assert not field_differs("journal", "J Sleep Res", "Journal of Sleep Research")
    assert not field_differs("pages", "", "1-9")  # not given is no difference
    assert field_differs("pages", "1-9", "11-19") and field_differs("doi", "10.1000/a", "10.1000/b")
    card = pair_html({"type": "JOUR", "doi": "10.1000/X", "pages": "1-9"},
                     {"type": "Journal Article", "doi": "https://doi.org/10.1000/x", "pages": ""})
    assert "syn-differ" not in card and "not given" in card


def test_the_words_that_differ_are_marked_in_a_differing_title():
    """Notebook 01's first pair marked "title" as different beside two 19-word titles, one with "Desigining" for
    "Designing": the reviewer had to read both word by word. The words the other record lacks are marked; a title
    that does not differ (cardio protection / cardioprotection), authors and an unmarked row get no mark."""
    import re

    from synthesis.dedup.widget import pair_html

    title = "Designing together: experience-based co-design of a digital dementia care tool"
    card = pair_html({"title": title, "authors": "Smith, N.", "journal": "JMIR mHealth"},
                     {"title": title.replace("Designing", "Desigining").replace("digital", "<digital>"),
                      "authors": "Smith, A.", "journal": "JMIR MHEALTH"})
    assert re.findall("<mark>(.*?)</mark>", card) == ["Designing", "Desigining"]  # <digital> is digital
    assert "&lt;digital&gt;" in card and "<digital>" not in card
    card = pair_html({"title": "Cardio protection in rats, part I"}, {"title": "Cardioprotection in rats, part II"})
    assert re.findall("<mark>(.*?)</mark>", card) == ["I", "II"]  # cardio protection is cardioprotection
    assert "<mark>" not in pair_html({"title": "Cardio protection in rats"}, {"title": "Cardioprotection in rats"})


def test_a_generic_type_is_no_difference():
    """Lens.org exports a preprint, a report or a dataset as RIS "GEN" (generic): on the wildfire project the
    pair widget marked "type" as a difference in 8 of 31 pairs for JOUR beside GEN, though GEN names no kind
    of record. It says less, as an empty type does; two named kinds still differ."""
    from synthesis.dedup.widget import field_differs

    assert not field_differs("type", "JOUR", "GEN") and not field_differs("type", "Journal Article", "Generic")
    assert not field_differs("type", "misc", "article")
    assert field_differs("type", "GEN; BOOK", "JOUR")

def test_source_overlap_counts():
    groups = pd.DataFrame({"source_database": ["PubMed", "PubMed", "Scopus", "Scopus", "Scopus", "WoS"],
                           "group_id": ["g1", "g2", "g1", "g3", "g3", "g1"]})
    o = source_overlap(groups)
    per = o.per_database.set_index("database")
    assert per.loc["Scopus", "records"] == 3 and per.loc["Scopus", "duplicates_within"] == 1
    assert per.loc["Scopus", "papers"] == 2 and per.loc["Scopus", "only_here"] == 1
    assert o.matrix.loc["PubMed", "WoS"] == 1 and o.matrix.loc["PubMed", "PubMed"] == 2
    assert o.combinations.iloc[0]["papers"] == 1
    fig = overlap_figure(o)
    # an UpSet-style chart: a bar per combination of databases (its papers), the databases marked below it
    heat, bars, dots = fig.axes
    assert [round(b.get_height()) for b in bars.patches] == o.combinations["papers"].tolist()
    assert [t.get_text() for t in dots.get_yticklabels()] == ["PubMed", "Scopus", "WoS"]
    assert [t.get_text() for t in heat.texts] == [str(v) for v in o.matrix.to_numpy().ravel()]
    assert fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"  # shows itself in a notebook


def test_generic_titles_need_issue_and_pages():
    """Editorials of one journal told apart only by issue: never merged; the same issue and pages are."""
    from synthesis.records import make_record_table

    rows = []
    for db, journal in (("a.ris", "MIS Quarterly"), ("b.ris", "MIS Q")):
        for issue, pages in (("1", "1-3"), ("2", "201-203"), ("3", "")):
            rows.append({"source_file": db, "source_index": len(rows) + 1, "title": "Editor's Comments",
                         "authors": ["Weber, Ron"], "year": 2006, "journal": journal, "volume": "30",
                         "issue": issue, "pages": pages})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = deduplicate(make_record_table(rows))
    gid = result.groups["group_id"].tolist()
    assert gid[0] == gid[3] and gid[1] == gid[4]  # same issue and pages
    assert len({gid[0], gid[1], gid[2]}) == 3  # three issues, three items
    assert gid[2] != gid[5]  # same issue but no pages: a person decides


def test_no_chain_across_issues():
    """A~B and B~C may not put two issues of one volume (A, C) in one group through B, which has none; nor is
    B, which may be a copy of either, joined to the one whose pair came first (both pairs go to a person)."""
    from synthesis.dedup.cluster import group_pairs
    from synthesis.dedup.prep import prepare
    from synthesis.records import make_record_table

    t = make_record_table([{"title": "Insulin and sleep in rats", "journal": "J Sleep", "volume": "3",
                            "issue": issue, "year": 2001} for issue in ("1", "", "2")])
    labels, refused = group_pairs(prepare(t), np.array([[0, 1], [1, 2]]))
    assert len(set(labels.tolist())) == 3 and refused.tolist() == [[0, 1], [1, 2]]


def test_one_title_everywhere_and_no_dois():
    """A journal whose every record is "Editorial", none with a DOI: warned about, nothing merged wrongly."""
    rows = [{"source_file": "a.ris", "source_index": k, "title": "Editorial", "authors": ["Weber, R."],
             "year": 2000 + k % 20, "journal": "MIS Q", "volume": str(k % 20), "issue": str(k % 4 + 1),
             "pages": f"{k}-{k + 2}"} for k in range(1, 401)]
    rows += [dict(r, source_file="b.ris") for r in rows[:40]]  # the same editorials from a second database
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = deduplicate(make_record_table(rows))
    messages = " ".join(str(w.message) for w in caught)
    assert "recurring or generic title" in messages and "has a DOI" in messages
    groups = result.groups["group_id"].tolist()
    assert len(set(groups)) == 400  # each editorial once: its two copies joined, no two editorials
    assert all(groups[400 + k] == groups[k] for k in range(40))


def test_titles_in_other_scripts_are_compared():
    """A Russian title was normalised to nothing (only a-z and digits were kept): two copies of one article were
    'records without a title' for a person to decide, and no title told two articles apart."""
    title = "Лечение депрессии у пожилых пациентов с сахарным диабетом второго типа"
    r = dedupe(table({"title": title, "doi": ""}, {"title": title.upper() + ".", "doi": ""},
                     {"title": "Физические упражнения при тревожных расстройствах у пожилых", "doi": "",
                      "pages": "e12900"}))
    assert same_group(r, 0, 1)
    assert not same_group(r, 0, 2)


def test_source_overlap_names_an_unnamed_database_as_the_prisma_diagram_does():
    # A review's "Indigenous Studies Portal.ris" names no database the importer knows: notebook 1's overlap
    # called its 29 records "unknown", notebook 4's diagram "Unknown database". One name in both.
    from synthesis.dedup.overlap import source_overlap
    from synthesis.prisma.counts import identified_per_database

    groups = pd.DataFrame({"group_id": ["g1", "g2", "g2", "g3"], "source_database": ["ERIC", "", "Scopus", None]})
    overlap = source_overlap(groups)
    assert set(overlap.per_database["database"]) == set(identified_per_database(groups))
    assert "Unknown database" in overlap.matrix.index


def test_a_warning_about_one_record_is_in_the_singular():
    """A held-out build said "1 records have no authors; they need a DOI ..." (a Scopus RIS record without AU)."""
    t = make_record_table([{"title": "A trial of drug A", "year": 2001},
                           {"title": "B" * 450, "authors": ["Smith, J."], "year": 2002}])
    with pytest.warns(DedupWarning) as caught:
        deduplicate(t)
    messages = " ".join(str(w.message) for w in caught)
    assert "1 record has no authors;" in messages and "1 records" not in messages
    assert "1 title is longer than 400 characters and is compared on its first 400" in messages


def test_widget_undo_after_a_skip_takes_the_skip_back(tmp_path):
    """u right after s took back the verdict before the skip (a reviewer walking a review in the browser expected
    the skip to be undone); it now shows the skipped pair again, as it was, and writes nothing."""
    from synthesis.dedup.widget import MaybeReviewer

    t, r = _three_pairs()
    path = tmp_path / "v.tsv"
    w = MaybeReviewer(r, t, path, reviewer="AB")
    first, second, _ = (f"{a}|{b}" for a, b in zip(w.pairs["record_id_1"], w.pairs["record_id_2"]))
    w.handle("duplicate")
    assert w.pair_key == second
    w.handle("skip")
    w.handle("undo")
    assert w.pair_key == second and "skip" in w.info and w.state[1] is None
    assert len(read_verdicts(path)) == 1  # the first pair's verdict stands
    w.handle("undo")  # the verdict before it, next
    assert w.pair_key == first and len(read_verdicts(path)) == 0


def test_widget_undo_after_a_changed_verdict_gives_the_earlier_verdict_back(tmp_path):
    """Walking notebook 01 (w50): d on a pair, back to it, n, then u left the pair undecided, on screen and on disk
    (an "undone" line takes every verdict of the pair back); the reviewer had only taken back the change. Undo now
    writes the verdict the pair had before, and the pair shows it."""
    from synthesis.dedup.widget import MaybeReviewer

    t, r = _three_pairs()
    path = tmp_path / "v.tsv"
    w = MaybeReviewer(r, t, path, reviewer="AB")
    first = w.pair_key
    w.handle("duplicate")
    w.handle("back")
    assert w.pair_key == first and w.verdict == "duplicate"
    w.handle("not_duplicate")
    assert read_verdicts(path)["verdict"].tolist() == ["not_duplicate"]
    w.handle("undo")
    assert w.pair_key == first and w.verdict == "duplicate" and w.info == "undone: the pair is a duplicate again"
    assert read_verdicts(path)["verdict"].tolist() == ["duplicate"]
    assert "1 duplicate so far" in w.counter and w.open_pairs == 2
    w.handle("undo")  # the first verdict itself: undecided again
    assert w.pair_key == first and w.verdict == "" and len(read_verdicts(path)) == 0 and w.open_pairs == 3


def test_widget_says_one_pair_in_the_singular(tmp_path):
    """Marking the one pair left as not a duplicate said "saved: the other 1 pairs are not duplicates"."""
    from synthesis.dedup.widget import MaybeReviewer

    t, r = _three_pairs()
    w = MaybeReviewer(r, t, tmp_path / "v.tsv", reviewer="AB")
    w.handle("duplicate")
    w.handle("duplicate")
    w.handle("rest_not_duplicate")
    assert w.info == "saved: the other pair is not a duplicate", w.info
    w.handle("undo")
    w.handle("skip")
    w.handle("undo")
    w.handle("back")
    w.handle("undo")  # the second pair's verdict: two pairs are open
    w.handle("rest_not_duplicate")
    assert w.info == "saved: the other 2 pairs are not duplicates", w.info


def test_names_swapped_first_author_shortcut_gives_the_full_answer():
    """names_swapped looks at the first authors before reading every name: over keys made to hit each branch
    (no initial, a one-letter family name, an empty key, doubled spaces, swapped, partly swapped and unswapped
    lists), the answer equals the plain author-by-author comparison it stands in front of."""
    import itertools
    import random

    from synthesis.dedup.prep import _names, author_key, names_swapped

    def plain(key_a, key_b):  # author by author the same or swapped, one at least swapped
        a, b = _names(key_a), _names(key_b)
        swapped = [fa[:1] == ib and fb[:1] == ia and fa != fb for (fa, ia), (fb, ib) in zip(a, b)]
        return bool(a) and len(a) == len(b) and any(swapped) and all(
            s or na == nb for s, na, nb in zip(swapped, a, b))

    keys = ["", "smith", "smith j", "j smith", "o j smith a", "smith jones a", "smith  j", " smith j",
            author_key(["Nagendra, H.", "Deb, S."]), author_key(["Harini, N.", "Sourabh, D."]),
            author_key(["Harini, N."]), author_key(["Nagendra, H."]), author_key(["Harini, N.", "Sourabh"]),
            "hn n", "nh h", "ds s", "sd d", "hx n", "nx h"]
    rng = random.Random(7)
    words = ["harini", "nagendra", "h", "n", "d", "s", "deb", "sourabh", "o", "x"]
    keys += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(300)]
    for a, b in itertools.product(keys, repeat=2):
        assert names_swapped(a, b) == plain(a, b), (a, b)
    assert names_swapped(keys[8], keys[9]) and not names_swapped(keys[8], keys[8])
