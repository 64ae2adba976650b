"""Trial registrations: the copies of one registration (ClinicalTrials.gov's, the ICTRP's, CENTRAL's) are matched
by the registration number, and two numbers are two registrations; an article that cites its trial's number is
not the registration."""
from __future__ import annotations

import numpy as np

from synthesis.dedup import deduplicate
from synthesis.dedup.cluster import group_pairs
from synthesis.dedup.prep import prepare, trial_registration
from synthesis.dedup.widget import pair_html
from synthesis.io import read_file
from synthesis.records import make_record_table

BRIEF = "Ph 2B/3 Tafenoquine (TFQ) Study in Prevention of Vivax Relapse"
OFFICIAL = ("A Multi-centre, Double-blind, Randomised, Parallel-group, Active-controlled Study to Evaluate the "
            "Efficacy, Safety and Tolerability of Tafenoquine (SB-252263) in Subjects With Plasmodium Vivax Malaria")


def _record(file, k, **fields):
    return {"source_file": file, "source_index": k, **fields}


def _registrations():
    return [
        # CENTRAL's copy: the brief title, the register's page in place of a journal
        _record("central.ris", 1, source_database="Cochrane CENTRAL", title=BRIEF, year=2011,
                journal="https://clinicaltrials.gov/show/NCT01376167", source_id="CN-02039914"),
        # ClinicalTrials.gov's own export: the official title, and another year
        _record("ctgov.csv", 1, source_database="ClinicalTrials.gov", title=OFFICIAL, year=2014,
                source_id="NCT01376167", url="https://clinicaltrials.gov/study/NCT01376167"),
        # the ICTRP's copy of the same registration
        _record("ictrp.csv", 1, source_database="WHO ICTRP", title=BRIEF, year=2011, source_id="NCT01376167"),
        # the same trial's EU registration, under the same brief title: another registration
        _record("ictrp.csv", 2, source_database="WHO ICTRP", title=BRIEF, year=2011,
                source_id="EUCTR2010-012345-12-GB"),
        # the results paper, which cites the number in its abstract and links the register
        _record("medline.ris", 1, source_database="MEDLINE", title=BRIEF, authors=["Lacerda, M. V."], year=2011,
                journal="New England Journal of Medicine", volume="380", pages="215-228",
                abstract="CLINICAL TRIALS REGISTRATION: NCT01376167.",
                url="https://clinicaltrials.gov/show/NCT01376167"),
    ]


def test_registration_numbers_are_read_only_from_registrations():
    assert trial_registration("https://clinicaltrials.gov/show/NCT02802501") == "NCT02802501"
    assert trial_registration("http://clinicaltrials.gov/ct2/show/nct02802501?term=x") == "NCT02802501"
    assert trial_registration("http://www.who.int/trialsearch/Trial2.aspx?TrialID=JPRN-UMIN000021723") == \
        "JPRN-UMIN000021723"
    assert trial_registration("https://trialsearch.who.int/Trial2.aspx?TrialID=CTRI/2020/05/025013") == \
        "CTRI/2020/05/025013"
    assert trial_registration("https://www.clinicaltrialsregister.eu/ctr-search/search?query=eudract_number:"
                              "2015-001234-56") == "EUCTR2015-001234-56"
    assert trial_registration("http://www.isrctn.com/ISRCTN85633178") == "ISRCTN85633178"
    # a register's export: its id, without the ICTRP's country of an EU trial
    assert trial_registration("", "", "EUCTR2015-001234-56-GB", "WHO ICTRP", {"WHO ICTRP"}) == \
        "EUCTR2015-001234-56"
    # an article: a journal, or an id that is no registration's, or a database that is no register
    assert trial_registration("Malaria Journal", "https://clinicaltrials.gov/show/NCT02802501") == ""
    assert trial_registration("", "", "CN-02039914", "Cochrane CENTRAL", {"WHO ICTRP"}) == ""
    assert trial_registration("", "", "NCT01376167", "Embase", {"WHO ICTRP"}) == ""
    assert prepare(make_record_table(_registrations()))["registration"].tolist() == [
        "NCT01376167", "NCT01376167", "NCT01376167", "EUCTR2010-012345-12", ""]


def test_copies_of_one_registration_are_one_record():
    """Before, the three copies of NCT01376167 were a maybe pair at best (no authors, no journal) and the official
    title's copy was not even that; the EU registration and the results paper stay apart."""
    result = deduplicate(make_record_table(_registrations()))
    groups = result.groups["group_id"].tolist()
    assert groups[0] == groups[1] == groups[2]
    assert len({groups[0], groups[3], groups[4]}) == 3
    reasons = dict(zip(zip(result.maybe_pairs["record_id_1"], result.maybe_pairs["record_id_2"]),
                       result.maybe_pairs["reason"]))
    ids = result.groups["record_id"].tolist()
    pair = tuple(sorted((ids[0], ids[3])))
    assert reasons.get(pair, reasons.get(pair[::-1])) == "different trial registrations"
    # the person deciding the pair sees both numbers
    rows = _registrations()
    shown = pair_html(rows[0 if pair[0] == ids[0] else 3], rows[3 if pair[0] == ids[0] else 0],
                      "different trial registrations")
    assert "CN-02039914" in shown and "EUCTR2010-012345-12-GB" in shown and "&#8800;" not in shown.split("source id")[1]


def test_two_registrations_are_not_joined_through_a_third_record():
    """A record without a number between two registrations with different numbers joins at most one of them."""
    t = make_record_table([_record("a.csv", 1, title=BRIEF, source_id="NCT01376167", source_database="WHO ICTRP"),
                           _record("b.ris", 1, title=BRIEF),
                           _record("a.csv", 2, title=BRIEF, source_id="ISRCTN85633178",
                                   source_database="WHO ICTRP")])
    labels, refused = group_pairs(prepare(t), np.array([[0, 1], [1, 2]]))
    assert labels[0] == labels[1] != labels[2] and refused.tolist() == [[1, 2]]


def test_central_registrations_in_a_real_export(shared_data):
    """CENTRAL's records of registrations in a real EndNote export (the tafenoquine search) carry their numbers;
    its 175 other records carry none."""
    table, _ = read_file(shared_data / "dedup" / "endnote_flagged" / "tafenoquine.xml")
    numbers = prepare(table)["registration"]
    assert sorted(numbers[numbers != ""]) == ["NCT01205178", "NCT01376167", "NCT02802501", "PER-048-14"]
