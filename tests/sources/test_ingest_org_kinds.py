"""Organisation kinds from names and the nouns beside them (sources/ingest/org_kinds.py)."""

import pytest

from sources.ingest.extract import extract
from sources.ingest.org_kinds import organisation_kind
from sources.ingest.textnorm import fold_text


def kinds_in(nlp, text):
    """The kind of each organisation extracted from `text`, by name."""
    folded = fold_text(text)
    ex = extract(nlp(folded.text), folded, text, published=None)
    return {e.name: e.kind for e in ex.entities if e.label == "ORG"}


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (["Ministry of Fisheries"], "government"),
        (["Harbourview Savings Bank"], "company"),
        (["National Institute of Fisheries"], "government"),
        (["Central Bank of Harbourland"], "government"),
        (["NewsHarbour"], "news_outlet"),
        (["Harbournews"], "news_outlet"),
        (["Northern Command"], "military"),
        (["Royal Marines"], "military"),
        (["Bureau of Narcotics Enforcement"], "law_enforcement"),
        (["National Police"], "law_enforcement"),
        (["Coast Guard"], "law_enforcement"),
        (["Directorate of Military Intelligence"], "intelligence"),
        (["Green Valley Party"], "political_party"),
        (["Gulf Clan"], "criminal_group"),
        (["Los Lobos Cartel"], "criminal_group"),
        (["Cárteles Unidos del Valle"], "criminal_group"),  # the Spanish plural
        (["Popular Liberation Front"], "criminal_group"),  # armed rebels
        (["Bureau of Alcohol, Tobacco, Firearms and Explosives"], "law_enforcement"),
        (["Consular Security Investigations"], "law_enforcement"),
        (["Embassy Diplomatic Security Service"], "law_enforcement"),
        (["Harbour Expo Joint Venture"], "company"),
        (["Lakeside Pictures Entertainment"], "company"),
        (["House of Representatives"], "government"),
        (["House Fisheries Committee"], "government"),
        (["Senate Harbour Subcommittee"], "government"),
        (["Ridgeway National Laboratory"], "government"),
        (["Joint Task Force-Delta"], "military"),
        (["SEAL Team 4"], "military"),
        (["The Morning Herald"], "news_outlet"),
        (["Radio Nacional"], "news_outlet"),
        (["United Nations"], "international"),
        (["Andean Development Bank"], "international"),
        (["Acme Shipping Inc."], "company"),
        (["Riverside University"], "other"),
        (["NAVCOM"], "military"),  # a combatant command's short form
        (["FBI"], "law_enforcement"),
        (["Kestrel", "Kestrel Holdings"], "company"),  # an alias can tell
        (["Carpathian International Shipping SRL"], "company"),  # its legal form decides
        (["Northern Times Media GmbH"], "company"),
        (["Harbour Organised Crime Bureau"], "law_enforcement"),  # the crime it fights
        (["Serious Crimes Section"], "law_enforcement"),
        (["Ethics and Anti-Corruption Commission"], "law_enforcement"),
        (["Corruption Eradication Commission"], "law_enforcement"),
        (["Northern Coastguard"], "law_enforcement"),
        (["Island Border Force"], "law_enforcement"),
        (["Defence Headquarters"], "military"),
        (["Police Headquarters"], "law_enforcement"),
        (["Reserve Bank of Harbourland"], "government"),
        (["G20"], "international"),
        (["G-7"], "international"),
        (["WTO"], "international"),
        (["IANS"], "news_outlet"),
        (["Ministry of the Navy"], "government"),  # a ministry, whatever it runs
        (["U.S. Department of the Army"], "government"),
        (["Police Department"], "law_enforcement"),
        (["2nd Harbour Division"], "military"),  # a unit named by its number
        (["301st Quartermaster Company"], "military"),
        (["4th District Court"], "government"),  # numbered, yet a court
        (["Joint Terrorism Task Force"], "law_enforcement"),
        (["USCG"], "law_enforcement"),
        (["Islamic State"], "criminal_group"),  # an armed group known by name alone
    ],
)
def test_the_name_says_the_kind(names, kind):
    assert organisation_kind(names) == kind


def test_the_nouns_beside_a_name_decide_when_the_name_says_nothing():
    assert organisation_kind(["Los Halcones"], ["gang"]) == "criminal_group"
    assert organisation_kind(["El Vocero"], ["newspaper"]) == "news_outlet"
    assert organisation_kind(["Zeta"], []) == "other"


def test_an_enforcement_administration_is_law_enforcement_not_government():
    assert organisation_kind(["Narcotics Enforcement Administration"]) == "law_enforcement"
    assert organisation_kind(["Central Intelligence Agency"]) == "intelligence"


def test_two_names_sharing_one_head_noun_share_its_kind(nlp):
    from sources.ingest.extract import extract
    from sources.ingest.textnorm import fold_text

    text = "Agents tied the sales to the Mexico-based Norte and Golfo Cartels, officials said."
    folded = fold_text(text)
    found = extract(nlp(folded.text), folded, text, published=None)
    kinds = {e.name: e.kind for e in found.entities}
    assert kinds["Norte"] == "criminal_group"


def test_a_kind_word_with_an_accent_still_gives_the_kind():
    from sources.ingest.org_kinds import organisation_kind

    assert organisation_kind(["C\u00e1rtel del Norte"]) == "criminal_group"


def test_infantry_and_armour_are_military_whatever_the_unit_word():
    from sources.ingest.org_kinds import organisation_kind

    assert organisation_kind(["4th Infantry Division"]) == "military"
    assert organisation_kind(["2nd Armored Brigade"]) == "military"


def test_a_paper_called_today_is_a_news_outlet():
    from sources.ingest.org_kinds import organisation_kind

    assert organisation_kind(["Harbour Today"]) == "news_outlet"


def test_the_noun_before_a_list_gives_every_body_of_it_its_kind(nlp):
    text = (
        "The agency awarded a contract to several companies, including Orlan Systems, "
        "Pelk Aerospace and Varrow Dynamics."
    )
    kinds = kinds_in(nlp, text)
    assert kinds.get("Varrow Dynamics") == "company", kinds


def test_a_body_listed_among_bodies_of_one_kind_has_their_kind(nlp):
    text = (
        "The department announced the designation of Tren del Llano, Mara Kelvana (MK-9), "
        "Cártel de Tamaulipas, Cártel del Oriente and Cárteles Aliados as terrorist groups."
    )
    kinds = kinds_in(nlp, text)
    assert kinds["Mara Kelvana"] == "criminal_group", kinds
    assert kinds["Cárteles Aliados"] == "criminal_group", kinds


def test_a_body_of_the_un_is_one_record_spelled_out_or_not():
    from sources.ingest.org_forms import canonical_org_key

    assert canonical_org_key("UN Relief Agency") == canonical_org_key(
        "United Nations Relief Agency"
    )


def test_a_unit_named_after_its_parent_body_has_the_parents_kind(nlp):
    text = (
        "\u201cThe public helps us find fugitives,\u201d said Assistant Director Ana Ruiz of "
        "the FBI's Fugitive Tracking Division. The Treasury's Budget Division did not comment."
    )
    kinds = kinds_in(nlp, text)
    assert kinds["Fugitive Tracking Division"] == "law_enforcement", kinds
    assert kinds["Budget Division"] == "government", kinds


def test_an_armed_group_the_text_calls_militants_or_rebels_is_a_criminal_group(nlp):
    kinds = kinds_in(
        nlp,
        "The Harbour Front militants ambushed a convoy on Sunday. Later, Sumo rebels seized "
        "the airport.",
    )
    assert kinds.get("Harbour Front") == "criminal_group"
    assert kinds.get("Sumo") == "criminal_group"


def test_a_group_the_text_calls_criminals_or_dissidents_is_a_criminal_group(nlp):
    kinds = kinds_in(
        nlp,
        "The visit showed the country's resolve to rid itself of criminals like Clan del Roble, "
        "and of FARB dissidents, who still hold the mountains.",
    )
    assert kinds.get("FARB") == "criminal_group", kinds
