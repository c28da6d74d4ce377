"""Roles as the text states them (roles.py), on texts of our own."""

from collections import Counter

import pytest

from sources.ingest.extract import extract
from sources.ingest.people_and_orgs import decide_label
from sources.ingest.textnorm import fold_text


def roles(nlp, text):
    folded = fold_text(text)
    ex = extract(nlp(folded.text), folded, text, published=None)
    return {
        (r.person.name, r.title, r.organisation.name if r.organisation else None) for r in ex.roles
    }


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Secretary of the Navy Arthur Lemke visited the shipyard on Friday.",
            ("Arthur Lemke", "Secretary of the Navy", None),
        ),
        (
            "Special Agent in Charge Daniel Brooks announced the arrests.",
            ("Daniel Brooks", "Special Agent in Charge", None),
        ),
        (
            "Under Secretary of the Interior Mark Osei toured the park.",
            ("Mark Osei", "Under Secretary of the Interior", None),
        ),
        (
            "Sgt. Paul Mensah led the patrol through the valley.",
            ("Paul Mensah", "Sgt.", None),
        ),
    ],
)
def test_an_office_written_before_a_name_is_a_role(nlp, text, role):
    assert role in roles(nlp, text)


def test_a_title_is_not_part_of_the_name(nlp):
    text = "Secretary of Defense Lloyd K. Marsh met the delegation in the afternoon."
    names = {person for person, _, _ in roles(nlp, text)}
    assert names == {"Lloyd K. Marsh"}


def test_a_body_inside_an_office_is_the_offices_organisation_not_a_person(nlp):
    found = roles(nlp, "In a briefing, Deputy Pentagon Press Secretary Nora Vance said it.")
    assert ("Nora Vance", "Deputy Pentagon Press Secretary", "Pentagon") in found
    assert not any(person == "Pentagon" for person, _, _ in found)


def test_a_bracketed_acronym_between_body_and_office_keeps_the_body(nlp):
    found = roles(nlp, "The Irish Energy Commission (IEC) Commissioner Ann Kelly met us in Cork.")
    assert ("Ann Kelly", "Commissioner", "Irish Energy Commission") in found


def test_an_office_given_with_as_after_the_name(nlp):
    text = (
        "The minister named Dr. Helen Marsh as the Director of the Federal Bureau of Mines (BOM)"
        " and Dr. Tom Reyes as the Deputy Director of the Federal Bureau of Mines (BOM)."
    )
    found = roles(nlp, text)
    assert ("Helen Marsh", "Director", "Federal Bureau of Mines") in found
    assert ("Tom Reyes", "Deputy Director", "Federal Bureau of Mines") in found


def test_an_acronym_without_the_country_is_another_body_when_the_country_has_its_own(nlp):
    text = (
        "Officials of the Korea Maritime Safety Board (KMSB) met in Seoul on Monday. “We agree,”"
        " said MSB Director Tom Hale. KMSB Director Kenji Mori also spoke."
    )
    found = roles(nlp, text)
    assert ("Tom Hale", "Director", "MSB") in found
    assert ("Kenji Mori", "Director", "Korea Maritime Safety Board") in found


def test_a_country_in_an_office_names_no_department(nlp):
    text = (
        "The U.S. Treasury Department imposed sanctions on Monday. U.S. Secretary of State"
        " Ann Cole said the measures would stay."
    )
    assert ("Ann Cole", "U.S. Secretary of State", None) in roles(nlp, text)


def test_a_lower_case_office_in_apposition_is_a_role_a_description_is_not(nlp):
    found = roles(nlp, "Marta Quiroga, president of Uruguay, met Tomas Ruiz, a student, in May.")
    assert found == {("Marta Quiroga", "President", None)}


def test_a_preposition_before_an_office_is_not_part_of_it(nlp):
    text = "The plan was drawn up under Attorney General Ruth Calder in 2021."
    assert roles(nlp, text) == {("Ruth Calder", "Attorney General", None)}


def test_an_office_and_a_rank_before_the_name_are_two_roles(nlp):
    found = roles(nlp, "Atlantic Fleet commander Adm. Hugo Brandt told sailors to be ready.")
    # The fleet is a body of its own: the office is its commander's (the gold's convention).
    assert found == {("Hugo Brandt", "Commander", "Atlantic Fleet"), ("Hugo Brandt", "Adm.", None)}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Vice Adm. Ann Cole spoke to the crew.", "Vice Adm."),
        ("Lt. Gen. Al Moss spoke to the crew.", "Lt. Gen."),
    ],
)
def test_a_rank_in_two_words_stays_one_role(nlp, text, title):
    assert {t for _, t, _ in roles(nlp, text)} == {title}


def test_an_abbreviated_rank_the_parser_ends_a_sentence_at_is_still_the_role(nlp):
    text = "The crew, commanded by Cmdr. Daniel J. Okafor, has been preparing for this deployment."
    assert ("Daniel J. Okafor", "Cmdr.", None) in roles(nlp, text)


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "Chief of Staff of the Army Gen. Robert Reyes spoke on Monday.",
            {"Chief of Staff of the Army", "Gen."},
        ),
        (
            "Fleet commander U.S. Navy Adm. Cyrus Longworth spoke on Monday.",
            {"Fleet commander", "U.S. Navy Adm."},
        ),
        # The office before "and" is the other person's.
        ("The secretary and Army Gen. Al Moss spoke to reporters.", {"Army Gen."}),
    ],
)
def test_the_service_before_a_rank_goes_with_the_rank_or_completes_the_office(nlp, text, titles):
    assert {t for _, t, _ in roles(nlp, text)} == titles


def test_what_an_office_is_of_or_for_belongs_to_its_title(nlp):
    text = (
        "Cmdr. Ruth Ames, Coast Guard Sector Miami chief of response, spoke on Friday. "
        "Lena Brandt, the Treasury Department's assistant secretary for export enforcement, "
        "agreed."
    )
    found = roles(nlp, text)
    assert ("Ruth Ames", "Chief of response", "Coast Guard Sector Miami") in found
    assert ("Lena Brandt", "Assistant secretary for export enforcement", "Treasury Department") in (
        found
    )


def test_special_agent_in_charge_in_apposition_is_one_office(nlp):
    text = (
        '"The arrest closes a long search," stated Peter Lindqvist, Special Agent in Charge, '
        "FBI Harbour City."
    )
    assert {t for _, t, _ in roles(nlp, text)} == {"Special Agent in Charge"}


def test_a_capitalised_preposition_is_not_part_of_a_title(nlp):
    text = '"As President Lena Brandt has made clear, the port will reopen," the minister said.'
    assert ("Lena Brandt", "President", None) in roles(nlp, text)


def test_an_office_said_short_is_the_same_role(nlp):
    text = (
        "Secretary of Defense Lena Brandt spoke with the minister on Monday. Secretary Brandt "
        "underscored the resolve of the alliance."
    )
    assert {t for _, t, _ in roles(nlp, text)} == {"Secretary of Defense"}


def test_a_headline_gives_no_title_before_a_name(nlp):
    text = (
        "Readout of Secretary of Defense Lena Brandt's Call With the Minister\n\n"
        "Secretary of Defense Lena M. Brandt spoke today with the minister."
    )
    assert {t for _, t, _ in roles(nlp, text)} == {"Secretary of Defense"}


def test_an_abbreviated_governor_is_a_role(nlp):
    text = "Gov. Ron Castell signed the law on Friday, and Gov. Castell said it would stand."
    assert roles(nlp, text) == {("Ron Castell", "Gov.", None)}


def tagged_roles(nlp, text, *spans):
    """The roles of `text` when the model tagged the (first token, end, label) `spans`: its
    mistakes on real articles, made on a text of our own."""
    from spacy.tokens import Span

    folded = fold_text(text)
    doc = nlp(folded.text)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in spans]
    return extract(doc, folded, text, published=None).roles


def test_an_office_written_before_the_name_in_apposition_is_a_role(nlp):
    text = "The country's prime minister, Ana Ruiz, told reporters the port would reopen."
    found = tagged_roles(nlp, text, (6, 8, "PERSON"))  # the model missed her name here
    assert {(r.person.name, r.title) for r in found} == {("Ana Ruiz", "Prime minister")}
    # a family tie is no office
    assert not roles(nlp, "His wife, Mara Berg, said nothing about the strike at the port.")


def test_the_body_named_right_after_the_name_is_the_offices(nlp):
    text = "said Acting Director Dan Roe of the Bureau of Salt and Sugar (BSS) on Monday."
    assert roles(nlp, text) == {("Dan Roe", "Acting Director", "Bureau of Salt and Sugar")}
    text = "Special Agent in Charge Ana Ruiz, of the FBI\u2019s Harbour Field Office, spoke."
    spans = (4, 6, "PERSON"), (9, 10, "ORG"), (11, 14, "ORG")  # the model missed her name
    assert {(r.title, r.organisation.name) for r in tagged_roles(nlp, text, *spans)} == {
        ("Special Agent in Charge", "Harbour Field Office")
    }


def test_an_office_of_several_portfolios_is_one_title(nlp):
    text = (
        "The agency is seeking the arrests of Maduro, Minister of Interior, Justice and Peace "
        "Diosdado Cabello Rondón and Minister of Defense Vladimir Padrino López."
    )
    folded = fold_text(text)
    ex = extract(nlp(folded.text), folded, text, published=None)
    titles = {(r.person.name, r.title) for r in ex.roles}
    assert ("Diosdado Cabello Rondón", "Minister of Interior, Justice and Peace") in titles
    assert ("Vladimir Padrino López", "Minister of Defense") in titles


def test_an_office_of_a_bodys_unit_after_a_possessive_is_the_units(nlp):
    text = (
        "\u201cThe COVID-19 pandemic attacked Americans\u2019 health and their wallets,\u201d said "
        "Mara Quist, Acting Director of the FTC\u2019s Bureau of Consumer Protection. "
        "\u201cThese schemers used false promises of wealth to take money from people who "
        "could least afford it.\u201d"
    )
    folded = fold_text(text)
    ex = extract(nlp(folded.text), folded, text, published=None)
    names = {e.name: e.label for e in ex.entities}
    assert names.get("Bureau of Consumer Protection") == "ORG"
    assert [(r.title, r.organisation.name) for r in ex.roles if r.person.name == "Mara Quist"] == [
        ("Acting Director", "Bureau of Consumer Protection")
    ]
    assert [s.speaker.name for s in ex.statements if s.kind == "direct"] == ["Mara Quist"] * 2


def test_a_bureau_of_something_is_a_body_whatever_the_votes_say():
    # The parser can hang "Bureau of X" on the office before it as an apposition ("X, the
    # director"), a person's cue; a name opening "Bureau of" is a body's all the same.
    votes = Counter({"PERSON": 3, "ORG": 1, "NER": 1})
    assert (
        decide_label("bureau of consumer protection", votes, "Bureau of Consumer Protection")
        == "ORG"
    )
