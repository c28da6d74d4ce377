"""Extraction rules on short texts of our own (not the seeds)."""

import pytest

from sources.ingest.extract import extract
from sources.ingest.textnorm import fold_text


def run(nlp, text):
    folded = fold_text(text)
    return extract(nlp(folded.text), folded, text, published=None)


def people(ex):
    return {e.name: e for e in ex.entities if e.label == "PERSON"}


def orgs(ex):
    return {e.name: e for e in ex.entities if e.label == "ORG"}


def statements(ex, text):
    return [(s.kind, s.speaker.name, text[s.text_start : s.text_end]) for s in ex.statements]


def test_surname_resolves_to_the_full_name_in_the_same_document(nlp):
    text = (
        "Chilean President Gabriel Boric met reporters on Monday. "
        "Boric said the talks had gone well. Later, Boric left for Lima."
    )
    ex = run(nlp, text)
    assert set(people(ex)) == {"Gabriel Boric"}
    assert "Boric" in people(ex)["Gabriel Boric"].aliases


def test_nickname_form_gives_one_person_with_both_forms(nlp):
    text = 'Robert "Bobby" Kessler is the agency\'s spokesperson. Bobby Kessler spoke on Friday.'
    ex = run(nlp, text)
    person = people(ex)["Bobby Kessler"]
    assert {"Robert Kessler", 'Robert "Bobby" Kessler'} <= person.aliases


def test_acronym_joins_the_organisation_it_spells(nlp):
    text = (
        "The Drug Enforcement Administration (DEA) seized the cargo. "
        "A DEA agent said more arrests would follow."
    )
    ex = run(nlp, text)
    org = orgs(ex)["Drug Enforcement Administration"]
    assert "DEA" in org.aliases
    assert "DEA" not in orgs(ex)


def test_country_prefix_is_an_alias_of_the_same_organisation(nlp):
    text = (
        "The U.S. Treasury Department imposed sanctions on Monday. "
        "A Treasury Department statement gave no names."
    )
    ex = run(nlp, text)
    org = orgs(ex)["U.S. Treasury Department"]
    assert "Treasury Department" in org.aliases
    assert org.country == "us"


def test_countries_titles_and_unicode_hyphens_are_not_entities(nlp):
    text = (
        "Paraguay’s support was political. The Spokesperson welcomed the rule‑of‑law "
        "reforms, and the narco‑terrorism charges were dropped."
    )
    ex = run(nlp, text)
    names = {e.name for e in ex.entities}
    assert not names & {"Paraguay", "Spokesperson", "rule-of-law", "narco-terrorism"}


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "Senator Ana Lopez spoke on Monday. She said, “We will not accept this budget "
            "under any circumstances.”",
            "Ana Lopez",
            "We will not accept this budget under any circumstances.",
        ),
        (
            "“The port will stay closed until the inspection ends,” harbour master Piet de "
            "Vries told reporters.",
            "Piet de Vries",
            "The port will stay closed until the inspection ends,",
        ),
        (
            "Reuters reported the figures on Tuesday. It stated, “Exports fell for a third "
            "month in a row.”",
            "Reuters",
            "Exports fell for a third month in a row.",
        ),
    ],
)
def test_direct_quote_is_attributed_to_its_speaker(nlp, text, speaker, quote):
    found = statements(run(nlp, text), text)
    assert ("direct", speaker, quote) in found


def test_scare_quotes_are_not_statements(nlp):
    text = "Mayor John Kerrigan called the plan “reckless” and left the “emergency” meeting."
    assert [s for s in run(nlp, text).statements if s.kind == "direct"] == []


def test_reported_speech_is_an_indirect_statement(nlp):
    text = "Finance Minister Laura Chen explained that the deficit would shrink next year."
    found = statements(run(nlp, text), text)
    assert ("indirect", "Laura Chen", "the deficit would shrink next year") in found


def test_reporting_chain_makes_the_outlet_reported_by(nlp):
    text = (
        "According to a Reuters report, Governor Mark Ellis said that the bridge would "
        "reopen in May."
    )
    ex = run(nlp, text)
    statement = next(s for s in ex.statements if s.speaker.name == "Mark Ellis")
    assert statement.reported_by is not None and statement.reported_by.name == "Reuters"


def test_named_operations_are_split_and_dated(nlp):
    import datetime as dt

    text = (
        "On January 3, 2025, troops launched Operation Iron Gate. It followed the wider "
        "campaign known as Operation Blue Harbor/Operation Iron Gate."
    )
    ex = run(nlp, text)
    ops = {op.name: op for op in ex.operations}
    assert set(ops) == {"Operation Iron Gate", "Operation Blue Harbor"}
    assert ops["Operation Iron Gate"].start_date == dt.date(2025, 1, 3)


def test_role_from_a_title_before_the_name(nlp):
    text = "Defense Minister Karl Meyer announced the deployment on Friday."
    roles = [(r.person.name, r.title) for r in run(nlp, text).roles]
    assert ("Karl Meyer", "Defense Minister") in roles


def test_spans_point_at_the_original_text(nlp):
    text = "Foreign Minister Lina Ortíz said, “We reject these narco‑terrorism claims outright.”"
    ex = run(nlp, text)
    direct = next(s for s in ex.statements if s.kind == "direct")
    assert text[direct.text_start : direct.text_end] == (
        "We reject these narco‑terrorism claims outright."
    )
    mention = people(ex)["Lina Ortíz"].mentions[0]
    assert text[mention.start : mention.end] == "Lina Ortíz"


def test_quote_split_around_its_attribution_is_one_statement(nlp):
    text = (
        "Governor Mark Ellis visited the site. “The bridge will reopen in May,” Ellis said, "
        "“and the tolls will stay where they are for another year.”"
    )
    ex = run(nlp, text)
    direct = [s for s in ex.statements if s.kind == "direct"]
    assert len(direct) == 1
    joined = " ".join(text[a:b] for a, b in direct[0].parts)
    assert joined.startswith("The bridge will reopen in May,")
    assert joined.endswith("for another year.")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Interior Minister Rosa Vidal toured the border. She said that the fence would "
            "be finished by June.",
            "Rosa Vidal",
        ),
        (
            "The Associated Press published the figures. It said that turnout had fallen sharply.",
            "Associated Press",
        ),
        (
            "The Federal Aviation Administration grounded the planes. The agency said that "
            "inspections would take a week.",
            "Federal Aviation Administration",
        ),
    ],
)
def test_pronoun_and_anaphor_speakers_resolve_to_the_entity_named_before(nlp, text, speaker):
    found = run(nlp, text).statements
    assert any(s.speaker.name == speaker and s.kind == "indirect" for s in found), found


def test_day_of_month_resolves_against_the_publication_date(nlp):
    import datetime as dt

    text = "On the 12th, Senator Paul Grant said that the bill would pass."
    folded = fold_text(text)
    ex = extract(nlp(folded.text), folded, text, published=dt.date(2025, 3, 20))
    assert ex.statements[0].said_on == dt.date(2025, 3, 12)


def test_participating_organisations_of_a_named_operation(nlp):
    text = (
        "The Federal Bureau of Investigation led Operation Cold Harbor on Tuesday. "
        "The Coast Guard supported the raid with two cutters."
    )
    ex = run(nlp, text)
    (op,) = ex.operations
    parts = {(org_key, part) for org_key, part, _, _ in op.participants}
    assert ("federal bureau of investigation", "led") in parts
    assert ("coast guard", "supported") in parts


def test_an_unnamed_operation_is_named_by_its_description(nlp):
    text = (
        "Lawmakers questioned the operation in Lagos on March 4, which ended in two arrests. "
        "Critics said the operation that led to the arrests bypassed parliament."
    )
    (op,) = run(nlp, text).operations
    assert op.name.startswith("Operation in Lagos")
    assert any(alias.startswith("operation that led to the arrests") for alias in op.aliases)


def test_no_operation_is_made_from_a_bare_mention(nlp):
    text = "The minister said the operation had gone well."
    assert run(nlp, text).operations == []
