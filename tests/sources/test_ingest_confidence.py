"""Confidence and evidence of machine-made records: the pure rules of
sources/ingest/confidence.py, what load_seeds stores, and curated records left alone."""

from collections import Counter

import pytest

from core.review import ReviewStatus
from entities.models import Operation, Organisation, Person, Role
from sources.ingest import confidence
from sources.ingest.actors import ORG, PERSON, Entity, NameMention
from sources.ingest.pipeline import load_seeds
from sources.ingest.roles import RoleFound
from sources.ingest.speech import StatementFound
from sources.models import Statement

ARTICLE = (
    "---\ntitle: Port closure\npublisher: Harbour Times\npublished: 2025-03-04\n---\n"
    "Harbour master Piet de Vries closed the port on Monday under Operation Iron Gate. "
    "Mayor Ana Lopez said that the city would pay the dock workers for every lost shift. "
    "“The port will stay closed until the inspection ends,” Lopez told reporters.\n"
)
CALIBRATED = {
    "version": "test-1",
    "kinds": {
        "person": {"prior": 0.9, "intercept": 1.0, "weights": {"one_word": -2.0}},
        "statement": {"prior": 0.8, "intercept": 0.0, "weights": {}},
    },
    "precision_at": {
        "person": [
            {"threshold": 0.5, "n": 40, "precision": 0.9},
            {"threshold": 0.9, "n": 20, "precision": 0.97},
        ]
    },
}


def mention(start: int, end: int, *, headline: bool = False) -> NameMention:
    return NameMention(start, end, "x", PERSON, 0, 1, headline)


def person(name: str, mentions: int = 2, **votes) -> Entity:
    entity = Entity(label=PERSON, name=name, votes=Counter(votes))
    entity.mentions = [mention(i * 10, i * 10 + 5) for i in range(mentions)]
    return entity


# --- Pure rules ----------------------------------------------------------------------


def test_entity_evidence_counts_mentions_and_says_whether_the_label_votes_agreed():
    agreed = person("Jane Roe", mentions=3, PERSON=3, NER=3)
    torn = person("Roe", mentions=2, PERSON=2, ORG=1, NER=2)
    torn.mentions[0].headline = True

    assert confidence.entity_evidence(agreed) == {
        **{"mentions": 3, "body_mentions": 3, "names": 1, "words": 2, "acronym": False},
        **{"ner_tags": 3, "label_votes": 3, "other_label_votes": 0, "place_votes": 0},
        "label_agreed": True,
    }
    evidence = confidence.entity_evidence(torn)
    assert (evidence["label_agreed"], evidence["body_mentions"]) == (False, 1)


def test_an_organisation_s_evidence_has_its_kind():
    body = Entity(label=ORG, name="Port Authority", votes=Counter(ORG=1), kind="government")

    assert confidence.entity_evidence(body)["kind"] == "government"


def test_statement_evidence_names_the_rule_the_cue_and_the_speaker_s_standing():
    speaker = person("Jane Roe", PERSON=2)
    found = StatementFound(0, 30, "direct", speaker, cue="told", rule="speech verb")

    evidence = confidence.statement_evidence(found, text="The port will stay closed today")

    assert evidence["rules"] == ["speech verb"] and evidence["cue"] == "told"
    assert (evidence["words"], evidence["speaker_type"]) == (6, "person")
    assert evidence["speaker_label_agreed"] is True


def test_role_evidence_names_the_pattern_that_found_it():
    found = RoleFound(person("Jane Roe"), None, "harbour master", 0, 14, rule="title_before")

    evidence = confidence.role_evidence(found)

    assert evidence["rules"] == ["title_before"]
    assert (evidence["title_words"], evidence["organisation"]) == (2, False)


def test_probability_is_the_logistic_model_of_the_evidence_s_features():
    full, surname = {"words": 2}, {"words": 1}

    assert confidence.probability("person", full, CALIBRATED) == pytest.approx(0.731, abs=1e-3)
    assert confidence.probability("person", surname, CALIBRATED) == pytest.approx(0.269, abs=1e-3)
    # Without weights, the kind's smoothed rate; without a model at all, a coin toss.
    assert confidence.probability("statement", {}, CALIBRATED) == 0.8
    assert confidence.probability("role", {}, CALIBRATED) == 0.5


def test_assess_rounds_and_stamps_the_model_version():
    value, evidence = confidence.assess("person", {"words": 2}, CALIBRATED)

    assert value == 0.73 and evidence == {"words": 2, "model": "test-1"}


def test_features_of_an_unknown_kind_are_refused():
    with pytest.raises(ValueError, match="No confidence model for 'participation'"):
        confidence.features("participation", {})


@pytest.mark.parametrize(
    ("new", "stored", "stored_model", "expected"),
    [
        (0.8, None, None, True),  # nothing stored
        (0.8, 0.6, "test-1", True),  # better evidence
        (0.5, 0.6, "test-1", False),  # weaker evidence from another document
        (0.5, 0.6, "old", True),  # weighed by another model: recomputed
    ],
)
def test_a_record_takes_the_best_evidence_of_the_current_model(new, stored, stored_model, expected):
    stored_evidence = {"model": stored_model} if stored_model else {}

    assert (
        confidence.outranks(
            new, {"model": "test-1"}, stored=stored, stored_evidence=stored_evidence
        )
        is expected
    )


@pytest.mark.parametrize(
    ("threshold", "expected"), [(0.95, 0.97), (0.9, 0.97), (0.7, 0.9), (0.4, None)]
)
def test_precision_at_a_threshold_never_flatters(threshold, expected):
    row = confidence.precision_measured_at(threshold, "person", CALIBRATED)

    assert (row and row["precision"]) == expected


def test_the_committed_model_covers_every_record_type_with_a_precision_table():
    calibrated = confidence.model()

    assert set(calibrated["kinds"]) == set(confidence.KINDS)
    assert set(calibrated["precision_at"]) == {*confidence.KINDS, "all"}
    assert "manage.py calibration" in calibrated["command"]


# --- What load_seeds stores --------------------------------------------------------


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "port.md").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.mark.django_db
def test_every_machine_made_record_gets_a_confidence_and_its_evidence(corpus, nlp):
    load_seeds([corpus], nlp=nlp)
    version = confidence.model()["version"]

    records = [
        *Person.objects.all(),
        *Organisation.objects.all(),
        *Operation.objects.all(),
        *Role.objects.all(),
        *Statement.objects.all(),
    ]

    assert {type(r) for r in records} == {Person, Organisation, Operation, Role, Statement}
    for record in records:
        assert 0 <= record.confidence <= 1, record
        assert record.confidence_evidence["model"] == version, record
    lopez = Person.objects.get(name="Ana Lopez").confidence_evidence
    assert lopez["mentions"] >= 2 and "label_agreed" in lopez
    quote = Statement.objects.get(kind="direct").confidence_evidence
    assert (quote["cue"], quote["rules"]) == ("told", ["speech verb"])
    assert Role.objects.get(title="Mayor").confidence_evidence["rules"] == ["title_before"]
    assert Operation.objects.get().confidence_evidence["named"] is True
    # The publisher comes from the document's metadata, not from extraction.
    assert Organisation.objects.get(name="Harbour Times").confidence == 1.0


@pytest.mark.django_db
def test_reextraction_recomputes_machine_records_but_not_curated_ones(corpus, nlp, monkeypatch):
    load_seeds([corpus], nlp=nlp)
    curated = [
        Person.objects.get(name="Ana Lopez"),
        Statement.objects.get(kind="direct"),
        Role.objects.get(title="Mayor"),
    ]
    for record in curated:
        record.set_review(ReviewStatus.VERIFIED, user=None)
    before = {(type(r), r.pk): (r.confidence, r.confidence_evidence) for r in curated}
    changed = {
        "version": "test-2",
        "kinds": {kind: {"prior": 0.33, "weights": {}} for kind in confidence.KINDS},
    }
    monkeypatch.setattr(confidence, "model", lambda: changed)

    load_seeds([corpus], nlp=nlp, reextract=True)

    for (model, pk), (value, evidence) in before.items():
        record = model.objects.get(pk=pk)
        assert (record.confidence, record.confidence_evidence) == (value, evidence)
        # History keeps the confidence extraction gave before staff verified it.
        assert value in set(record.history.values_list("confidence", flat=True))
    machine = Person.objects.get(name="Piet de Vries")
    assert machine.confidence == 0.33 and machine.confidence_evidence["model"] == "test-2"
    assert Statement.objects.exclude(pk=curated[1].pk).filter(confidence=0.33).exists()
