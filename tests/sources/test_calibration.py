"""Calibration (sources/calibration.py and manage.py calibration): labelling records by the
shared scorer's matching, the reliability table and ECE, and fitting."""

import json
import random
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from sources.calibration import (
    Labelled,
    fit,
    fit_kind,
    label_records,
    load_scorer,
    precision_at,
    reliability,
)
from sources.ingest.confidence import probability

SCORER = Path(settings.BASE_DIR).parent / "shared/eval/score_extraction.py"


def labelled(confidence: float, right: bool, kind: str = "person", **evidence) -> Labelled:
    return Labelled(kind, confidence, evidence, right, "")


def test_reliability_table_and_expected_calibration_error():
    records = [labelled(0.95, True)] * 9 + [labelled(0.95, False)]  # 90% right at 0.95
    records += [labelled(0.55, True), labelled(0.55, False)]  # 50% right at 0.55
    records += [labelled(None, True)]  # people made it: not measured

    table, ece = reliability(records, bins=10)

    assert [(b.low, b.count, round(b.mean_confidence, 2), b.accuracy) for b in table] == [
        (0.5, 2, 0.55, 0.5),
        (0.9, 10, 0.95, 0.9),
    ]
    assert ece == pytest.approx((2 * 0.05 + 10 * 0.05) / 12)


def test_a_confidence_of_one_falls_in_the_last_bin():
    table, ece = reliability([labelled(1.0, True)], bins=10)

    assert [(b.low, b.count) for b in table] == [(0.9, 1)] and ece == 0


def test_precision_at_counts_records_at_or_above_each_threshold():
    rows = precision_at([labelled(0.95, True), labelled(0.95, False), labelled(0.5, True)])
    by_threshold = {row["threshold"]: row for row in rows}

    assert by_threshold[0.5] == {"threshold": 0.5, "n": 3, "precision": 0.667}
    assert by_threshold[0.95] == {"threshold": 0.95, "n": 2, "precision": 0.5}
    assert by_threshold[0.99] == {"threshold": 0.99, "n": 0, "precision": None}


def test_fitted_model_is_calibrated_in_the_large_and_ranks_by_its_features():
    rng = random.Random(7)
    records = []
    for _ in range(400):
        words = rng.choice([1, 2, 3])
        right = rng.random() < (0.55 if words == 1 else 0.95)
        records.append(labelled(0.5, right, words=words, mentions=2, label_votes=2))

    model = {"version": "t", "kinds": {"person": fit_kind("person", records)}}
    predicted = [probability("person", r.evidence, model) for r in records]

    assert sum(predicted) / len(predicted) == pytest.approx(
        sum(r.right for r in records) / len(records), abs=0.01
    )
    assert model["kinds"]["person"]["weights"]["one_word"] < -1


def test_too_few_labels_give_the_smoothed_rate():
    fitted = fit_kind("operation", [labelled(0.5, True, "operation")] * 3)

    assert fitted == {"prior": 0.8, "intercept": 0.0, "weights": {}, "labels": 3}


def test_fit_writes_a_model_per_kind_and_its_precision_table():
    records = [labelled(0.5, i % 5 != 0, "statement", words=i % 7 + 3) for i in range(50)]

    calibrated = fit(records, version="v", command="manage.py calibration --fit")

    assert set(calibrated["kinds"]) == {"person", "organisation", "operation", "role", "statement"}
    assert calibrated["kinds"]["statement"]["labels"] == 50
    assert calibrated["precision_at"]["all"][0] == {"threshold": 0.0, "n": 50, "precision": 0.8}


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not beside the project")
def test_records_are_labelled_by_the_scorer_s_matching(tmp_path):
    gold = {
        "doc": "a.txt",
        "persons": [{"name": "Jane Roe", "aliases": ["Roe"]}],
        "organisations": [{"name": "Port Authority", "aliases": []}],
        "operations": [
            {"name": "Operation Tide", "aliases": []},
            {"name": "a raid", "date": "2025-01-02"},
        ],
        "statements": [{"speaker": "Jane Roe", "quote": "The harbour stays closed all week"}],
        "indirect_statements": [],
        "roles": [{"person": "Jane Roe", "title": "harbour master", "organisation": None}],
    }
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    roe = {"id": 1, "name": "Jane Roe", "aliases": [], "confidence": 0.9, "evidence": {"m": 1}}
    found = {
        "a.txt": {
            "people": [roe, {"id": 2, "name": "Harbour", "aliases": [], "confidence": 0.4}],
            "organisations": [{"id": 3, "name": "Port Authority", "aliases": []}],
            "operations": [
                {"id": 4, "name": "Operation Tide", "aliases": []},
                {"id": 5, "name": "the raid", "aliases": [], "start_date": "2025-01-02"},
                {"id": 6, "name": "the strike", "aliases": [], "start_date": None},
            ],
            "statements": [
                {
                    "text": "The harbour stays closed all week",
                    "kind": "direct",
                    "speaker": {"id": 1, "type": "person", "name": "Jane Roe"},
                },
                {
                    "text": "The harbour stays closed all week",
                    "kind": "direct",
                    "speaker": {"id": 2, "type": "person", "name": "Harbour"},
                },
            ],
            "roles": [{"title": "Harbour Master", "person": {"id": 1, "name": "Jane Roe"}}],
        }
    }

    records, unlabelled = load_records(found, tmp_path)

    assert records == {
        ("person", "Jane Roe", True),
        ("person", "Harbour", False),
        ("organisation", "Port Authority", True),
        ("operation", "Operation Tide", True),
        ("operation", "the raid", True),  # unnamed: the gold has an operation that day
        ("statement", "The harbour stays closed all week", True),
        ("statement", "The harbour stays closed all week", False),  # the wrong speaker
        ("role", "Harbour Master", True),
    }
    assert unlabelled == {"operation": 1}  # undated and unnamed: the scorer cannot tell


def load_records(found, gold_dir):
    records, unlabelled = label_records(load_scorer(SCORER), found, gold_dir)
    return {(r.kind, r.name, r.right) for r in records}, dict(unlabelled)


def test_the_command_wants_one_gold_folder_per_document_folder(tmp_path):
    with pytest.raises(CommandError, match="one --gold folder for each --docs folder"):
        call_command("calibration", "--docs", str(tmp_path), str(tmp_path), "--gold", str(tmp_path))


def test_the_command_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("calibration", "--docs", str(tmp_path / "nope"), "--gold", str(tmp_path))
