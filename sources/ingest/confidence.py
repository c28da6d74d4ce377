"""How sure extraction is of each record it makes: the evidence behind it (pure functions of
the found dataclasses) and the probability, calibrated on the development set, that the record
is right.

The probability is a logistic regression per kind of record over a handful of features read
from the evidence; its coefficients are in `calibration.json`, which
`manage.py calibration --fit` writes (the command and its reliability table are in the README,
"Confidence"). A model without coefficients for a kind gives its `prior`.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sources.ingest.actors import ORG, PERSON, Entity

if TYPE_CHECKING:  # the admin reads the calibration here without loading spaCy
    from sources.ingest.operations import OperationFound
    from sources.ingest.roles import RoleFound
    from sources.ingest.speech import StatementFound

MODEL_FILE = Path(__file__).with_name("calibration.json")
KINDS = ("person", "organisation", "operation", "role", "statement")
# The verbs most reporting uses; an unusual cue ("warned", "stressed") is more often a
# misread clause.
PLAIN_CUES = {"said", "says", "say", "told", "tells", "tell", "added", "stated", "wrote"}


@cache
def model(path: Path = MODEL_FILE) -> dict:
    """The calibrated model: {"version", "kinds": {kind: {"intercept", "weights", "prior"}},
    "precision_at": {...}}; an empty one when the file is missing."""
    if not path.is_file():
        return {"version": "uncalibrated", "kinds": {}, "precision_at": {}}
    return json.loads(path.read_text(encoding="utf-8"))


# --- Evidence: what extraction saw ----------------------------------------------------


def entity_evidence(entity: Entity) -> dict:
    """A person's or organisation's evidence: mentions, names, and the label votes (NER tags
    and context cues such as "spokesperson X" or "the X ministry") over the document."""
    votes = entity.votes
    other = ORG if entity.label == PERSON else PERSON
    return {
        "mentions": len(entity.mentions),
        "body_mentions": sum(not m.headline for m in entity.mentions),
        "names": 1 + len(entity.aliases),
        "words": len(entity.name.split()),
        "acronym": entity.name.isupper() and len(entity.name) > 1,
        "ner_tags": votes["NER"],
        "label_votes": votes[entity.label],
        "other_label_votes": votes[other],
        "place_votes": votes["PLACE"],
        # Whether every vote in the document (the model's tags and the cues) agreed.
        "label_agreed": votes[other] == 0 and votes["PLACE"] == 0,
        **({"kind": entity.kind or "other"} if entity.label == ORG else {}),
    }


def operation_evidence(operation: OperationFound) -> dict:
    return {
        "rules": ["description" if operation.described else "named operation"],
        "named": not operation.described,
        "mentions": len(operation.mentions),
        "dated": operation.start_date is not None,
        "participants": len(operation.participants),
        "kind": operation.kind,
    }


def role_evidence(role: RoleFound) -> dict:
    return {
        "rules": [role.rule] if role.rule else [],
        "title_words": len(role.title.split()),
        "organisation": role.organisation is not None,
        "person_mentions": len(role.person.mentions),
        "person_words": len(role.person.name.split()),
    }


def statement_evidence(statement: StatementFound, *, text: str) -> dict:
    """A statement's evidence: the rule that found it, its cue (the speech verb, "according
    to"), its speaker's standing in the document, and its length in words."""
    speaker = statement.speaker
    return {
        "rules": [statement.rule] if statement.rule else [],
        "kind": statement.kind,
        "cue": statement.cue,
        "words": len(text.split()),
        "speaker_type": "person" if speaker.label == PERSON else "organisation",
        "speaker_mentions": len(speaker.mentions),
        "speaker_words": len(speaker.name.split()),
        "speaker_label_agreed": entity_evidence(speaker)["label_agreed"],
        "reported_by": statement.reported_by is not None,
        "dated": statement.said_on is not None,
        "expected": statement.expected,
    }


# --- Features: the model's inputs, read from the evidence -----------------------------


def _log(n) -> float:
    return math.log1p(max(0, n or 0))


def _has(evidence: dict, rule: str) -> float:
    return float(rule in (evidence.get("rules") or []))


def _named_entity_features(e: dict) -> dict[str, float]:
    total = (e.get("label_votes") or 0) + (e.get("other_label_votes") or 0)
    total += e.get("place_votes") or 0
    return {
        "log_mentions": _log(e.get("mentions")),
        "headline_only": float(not e.get("body_mentions")),
        "label_share": (e.get("label_votes") or 0) / total if total else 0.0,
        "log_ner_tags": _log(e.get("ner_tags")),
        "one_word": float(e.get("words") == 1),
        "acronym": float(bool(e.get("acronym"))),
    }


def features(kind: str, e: dict) -> dict[str, float]:
    """The numbers the model weighs for a record of `kind` with evidence `e`."""
    if kind == "person":
        return _named_entity_features(e)
    if kind == "organisation":
        return _named_entity_features(e) | {"kind_known": float(e.get("kind", "other") != "other")}
    if kind == "operation":
        return {"named": float(bool(e.get("named"))), "dated": float(bool(e.get("dated")))}
    if kind == "role":
        return {
            "apposition": _has(e, "apposition"),
            "named_as": _has(e, "named_as"),
            "organisation": float(bool(e.get("organisation"))),
            "log_title_words": _log(e.get("title_words")),
            "one_word_person": float(e.get("person_words") == 1),
            "log_person_mentions": _log(e.get("person_mentions")),
        }
    if kind == "statement":
        direct = e.get("kind") == "direct"
        return {
            "direct": float(direct),
            "mixed": float(e.get("kind") == "mixed"),
            "speech_verb": _has(e, "speech verb"),
            "according_to": _has(e, "according to"),
            "plain_cue": float((e.get("cue") or "").lower() in PLAIN_CUES),
            "log_words": _log(e.get("words")),
            "organisation_speaker": float(e.get("speaker_type") == "organisation"),
            "log_speaker_mentions": _log(e.get("speaker_mentions")),
            "one_word_speaker": float(e.get("speaker_words") == 1),
        }
    raise ValueError(f"No confidence model for {kind!r}; one of {', '.join(KINDS)}.")


def probability(kind: str, evidence: dict, calibrated: dict | None = None) -> float:
    """The calibrated probability that a record of `kind` with this evidence is right."""
    fitted = (calibrated or model())["kinds"].get(kind)
    if not fitted:
        return 0.5
    if not fitted.get("weights"):
        return fitted["prior"]
    x = features(kind, evidence)
    z = fitted["intercept"] + sum(w * x.get(name, 0.0) for name, w in fitted["weights"].items())
    return 1 / (1 + math.exp(-z))


def assess(kind: str, evidence: dict, calibrated: dict | None = None) -> tuple[float, dict]:
    """(confidence, evidence) to store on a record: the probability rounded to two places,
    and the evidence stamped with the model version that weighed it."""
    calibrated = calibrated or model()
    confidence = round(probability(kind, evidence, calibrated), 2)
    return confidence, {**evidence, "model": calibrated["version"]}


def outranks(confidence: float, evidence: dict, *, stored: float | None, stored_evidence) -> bool:
    """Whether a record found again (in another document, or re-extracted) should take this
    confidence: it is higher, or the stored one was weighed by another model version. A record
    is as sure as the best evidence any document gives for it."""
    if stored is None:
        return True
    if (stored_evidence or {}).get("model") != evidence.get("model"):
        return True
    return confidence > stored


def precision_measured_at(threshold: float, kind: str, calibrated: dict | None = None):
    """The precision of `kind` records measured when the model was fitted, at the largest
    tabled threshold not above `threshold` (so the figure never flatters):
    {"threshold", "n", "precision"}, or None when none was measured."""
    rows = (calibrated or model()).get("precision_at", {}).get(kind) or []
    below = [row for row in rows if row["threshold"] <= threshold + 1e-9]
    return below[-1] if below else None


def metadata_evidence(rule: str) -> dict:
    """The evidence of a record the document's metadata names (its publisher): certain."""
    return {"rules": [rule], "model": model()["version"]}


def entity_kind(entity: Entity) -> str:
    return "person" if entity.label == PERSON else "organisation"
