"""A new review made end to end from exports nobody tuned for (helper w35: /work/heldout/w31 and w33 as two search
rounds, built with ``synthesis build``). Each test holds the few lines of the export that showed the fault and
names the public file it came from."""
from __future__ import annotations

from synthesis.normalise import normalise_doi


def test_a_doi_ending_in_its_own_bracket_keeps_it():
    """Scopus gives "DO  - 10.9770/jesi.2017.4.3S(2)" (PadoSensei/eco-bilge-dashboard, scopus.ris): the closing
    bracket was stripped as if it closed the text around the DOI, leaving "10.9770/jesi.2017.4.3s(2", a DOI that
    resolves to nothing. A bracket the DOI itself opened is kept; one nothing opened is still dropped. (The RIS
    reader strips the bracket with its own copy of the old rule, synthesis.io.sources.fields.doi_in: reported.)"""
    assert normalise_doi("10.9770/jesi.2017.4.3S(2)") == "10.9770/jesi.2017.4.3s(2)"
    assert normalise_doi("https://doi.org/10.9770/jesi.2017.4.3S(2).") == "10.9770/jesi.2017.4.3s(2)"
    assert normalise_doi("(doi: 10.1136/jclinpath-2017-204734).") == "10.1136/jclinpath-2017-204734"
    assert normalise_doi("10.1016/0021-9681(87)90171-8)") == "10.1016/0021-9681(87)90171-8"
