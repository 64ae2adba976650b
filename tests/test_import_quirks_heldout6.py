"""Quirks met in real database exports gathered for held-out set 6 (outside ../shared). Each test holds a few
lines of its own in the export's layout; the comment names the public file that showed it."""
from __future__ import annotations


def test_scopus_csv_full_given_name_stays_after_the_family_name():
    """Scopus's CSV writes every name family name first ("Yagai T."); where it holds the given name in full and
    no initials ("Janko Wolfgang", a 1985 German paper) the name was read given name first and became
    "Wolfgang, J." (UWNETLAB/metaknowledge, metaknowledge/tests/scopus_testing.csv.scopus)."""
    from synthesis.io.sources import table

    text = ('Authors,Title,Year,Source title,Volume,Issue,Art. No.,Page start,Page end,DOI,Link,Document Type,'
            'Source,EID\n'
            '"Huber Anton","Rechnergestützte Planung",1984,"Angewandte Informatik","26","3",,"101","108",,'
            '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-0000000001",Article,Scopus,2-s2.0-0000000001\n'
            '"Garcia Marquez G., van Eck N.J., Ito Keiko","A second paper",2016,"J Test","1","2",,"3","4",,'
            '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-0000000002",Article,Scopus,2-s2.0-0000000002\n')
    parsed = table.parse(text, "scopus.csv")
    assert parsed.database == "Scopus"
    assert parsed.records[0]["authors"] == ["Huber, A."]
    assert parsed.records[1]["authors"] == ["Garcia Marquez, G.", "van Eck, N. J.", "Ito, K."]
