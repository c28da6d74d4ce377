"""Calibration of extraction confidence against gold annotations: each record the shared
scorer reads back through the API is labelled right or wrong by the scorer's own matching; the
labels give the reliability table and the expected calibration error (ECE), and fit the
models of `sources/ingest/confidence.py`.

`manage.py calibration` is the way in; see the README, "Confidence".
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sources.ingest.confidence import KINDS, features, probability

THRESHOLDS = [round(0.05 * i, 2) for i in range(20)] + [0.99]
RIDGE = 1.0  # L2 penalty on the weights (not the intercept): a few hundred labels, few features
MIN_LABELS = 8  # fewer than this, or one class only: the kind gets its smoothed rate


@dataclass
class Labelled:
    kind: str
    confidence: float | None
    evidence: dict
    right: bool
    name: str


def load_scorer(path: Path):
    """The shared scorer (../shared/eval/score_extraction.py) as a module."""
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def combined_folders(pairs: list[tuple[Path, Path]], sources: Path | None) -> tuple[Path, Path]:
    """One temporary folder of documents (with one SOURCES.json) and one of gold files."""
    tmp = Path(tempfile.mkdtemp(prefix="calibration-"))
    docs, gold = tmp / "docs", tmp / "gold"
    docs.mkdir()
    gold.mkdir()
    entries = json.loads(sources.read_text(encoding="utf-8")) if sources else []
    for doc_dir, gold_dir in pairs:
        for path in doc_dir.glob("*"):
            if path.suffix.lower() in {".txt", ".md"}:
                shutil.copy(path, docs / path.name)
        for path in gold_dir.glob("*.json"):
            shutil.copy(path, gold / path.name)
        listed = doc_dir / "SOURCES.json"
        if sources is None and listed.is_file():
            entries += json.loads(listed.read_text(encoding="utf-8"))
    (docs / "SOURCES.json").write_text(json.dumps(entries), encoding="utf-8")
    return docs, gold


def read_back(scorer, pairs: list[tuple[Path, Path]], sources: Path | None, project: Path):
    """Load the documents into a throwaway database as the scorer does and read them back
    through the API: (what was found, by document; the gold folder)."""
    docs, gold = combined_folders(pairs, sources)
    try:
        found, _ = scorer.run_project(project, sys.executable, docs, False, docs / "SOURCES.json")
    finally:
        shutil.rmtree(docs, ignore_errors=True)
    return found, gold


def label_records(sc, found_by_doc: dict, gold_dir: Path) -> tuple[list[Labelled], Counter]:
    """Every record found in a document that has gold, right or wrong by the scorer's
    matching, and how many records of each kind could not be labelled.

    People, organisations and operations are shared by documents: a record is right when it
    matches the gold of any document listing it. Statements and roles belong to one source.
    Unnamed operations are not scored by the scorer; one is counted right here when its
    document's gold has an operation on the same day, and is left unlabelled when undated.
    """
    shared: dict[tuple[str, int], Labelled] = {}
    own: list[Labelled] = []
    unlabelled: Counter = Counter()
    entities = {
        (t, e["id"]): e
        for doc in found_by_doc.values()
        for t, k in (("person", "people"), ("organisation", "organisations"))
        for e in doc.get(k, [])
    }
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        found = found_by_doc.get(gold["doc"])
        if found is None:
            continue
        for kind, plural, key in (
            ("person", "people", "persons"),
            ("organisation", "organisations", "organisations"),
        ):
            names = [sc.names_of(g) for g in gold.get(key, [])]
            for f in found.get(plural, []):
                right = any(g & sc.names_of(f) for g in names)
                _shared(shared, kind, f, right)
        for f in found.get("operations", []):
            right = operation_right(sc, gold, f)
            if right is None:
                unlabelled["operation"] += 1
            else:
                _shared(shared, "operation", f, right)
        own += statements_labelled(sc, gold, found, entities)
        own += roles_labelled(sc, gold, found, entities)
    return [*shared.values(), *own], unlabelled


def _shared(shared: dict, kind: str, record: dict, right: bool) -> None:
    known = shared.get((kind, record["id"]))
    if known is None:
        shared[kind, record["id"]] = _labelled(kind, record, right, record.get("name", ""))
    else:
        known.right = known.right or right


def _labelled(kind: str, record: dict, right: bool, name: str) -> Labelled:
    return Labelled(kind, record.get("confidence"), record.get("evidence") or {}, right, name)


def operation_right(sc, gold: dict, found: dict) -> bool | None:
    names = sc.names_of(found)
    if any(n.startswith("operation ") for n in names):
        named = [sc.names_of(g) for g in gold.get("operations", [])]
        named = [g for g in named if any(n.startswith("operation ") for n in g)]
        return any(g & names for g in named)
    if not found.get("start_date"):
        return None
    return any(g.get("date") == found["start_date"] for g in gold.get("operations", []))


def statements_labelled(sc, gold: dict, found: dict, entities: dict) -> list[Labelled]:
    """The scorer's attribution: the text matches a gold quote (or a reported clause) and the
    speaker's names meet the gold speaker's."""
    speakers = {
        sc.norm(g["name"]): sc.names_of(g)
        for g in gold.get("persons", []) + gold.get("organisations", [])
    }

    def speaker_ok(g, s) -> bool:
        speaker = s.get("speaker") or {}
        entity = entities.get((speaker.get("type"), speaker.get("id"))) or speaker
        have = sc.names_of(entity) | {sc.norm(speaker.get("name", ""))}
        return bool(speakers.get(sc.norm(g["speaker"]), {sc.norm(g["speaker"])}) & have)

    out = []
    for s in found.get("statements", []):
        text = s.get("text", "")
        if s.get("kind", "direct") == "direct":
            right = any(
                sc.quote_matches(g["quote"], text) and speaker_ok(g, s)
                for g in gold.get("statements", [])
            )
        else:
            right = any(
                sc.content_matches(g["content"], text) and speaker_ok(g, s)
                for g in gold.get("indirect_statements", [])
            )
        out.append(_labelled("statement", s, right, text[:60]))
    return out


def roles_labelled(sc, gold: dict, found: dict, entities: dict) -> list[Labelled]:
    """The scorer's role matching: person by name folding, titles one inside the other."""
    if "roles" not in gold:
        return []
    persons = {p["name"]: sc.names_of(p) for p in gold.get("persons", [])}

    def role_ok(g, f) -> bool:
        want = persons.get(g["person"]) or {sc.norm(g["person"])}
        person = f.get("person") or {}
        have = sc.names_of(entities.get(("person", person.get("id"))) or person)
        return bool(want & have) and sc.titles_match(g.get("title") or "", f.get("title") or "")

    return [
        _labelled("role", f, any(role_ok(g, f) for g in gold["roles"]), f.get("title", ""))
        for f in found.get("roles", [])
    ]


# --- Measuring ------------------------------------------------------------------------


@dataclass
class Bin:
    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float


def reliability(records: list[Labelled], bins: int = 10) -> tuple[list[Bin], float]:
    """The reliability table (equal-width bins of confidence) and the expected calibration
    error: the count-weighted mean gap between each bin's accuracy and its mean confidence."""
    scored = [r for r in records if r.confidence is not None]
    table, ece = [], 0.0
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        inside = [
            r for r in scored if low <= r.confidence < high or (i == bins - 1 and r.confidence == 1)
        ]
        if not inside:
            continue
        mean = sum(r.confidence for r in inside) / len(inside)
        accuracy = sum(r.right for r in inside) / len(inside)
        table.append(Bin(low, high, len(inside), mean, accuracy))
        ece += len(inside) / len(scored) * abs(accuracy - mean)
    return table, ece


def precision_at(records: list[Labelled]) -> list[dict]:
    """For each threshold: how many records have at least that confidence, and how many of
    those are right (the figure the admin shows before verifying in bulk)."""
    rows = []
    for threshold in THRESHOLDS:
        above = [r for r in records if r.confidence is not None and r.confidence >= threshold]
        right = sum(r.right for r in above)
        rows.append(
            {
                "threshold": threshold,
                "n": len(above),
                "precision": round(right / len(above), 3) if above else None,
            }
        )
    return rows


# --- Fitting --------------------------------------------------------------------------


def fit_kind(kind: str, records: list[Labelled]) -> dict:
    """A ridge-penalised logistic regression of right/wrong on the kind's features (Newton's
    method), or the smoothed rate when there are too few labels to weigh features."""
    y = np.array([float(r.right) for r in records])
    prior = round((y.sum() + 1) / (len(y) + 2), 3)
    if len(y) < MIN_LABELS or y.min() == y.max():
        return {"prior": prior, "intercept": 0.0, "weights": {}, "labels": len(y)}
    names = list(features(kind, records[0].evidence))
    x = np.array([[features(kind, r.evidence)[n] for n in names] for r in records])
    x = np.hstack([np.ones((len(y), 1)), x])
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * RIDGE
    penalty[0, 0] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + penalty + np.eye(len(w)) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {
        "prior": prior,
        "intercept": round(float(w[0]), 4),
        "weights": {n: round(float(v), 4) for n, v in zip(names, w[1:], strict=True)},
        "labels": len(y),
    }


def fit(records: list[Labelled], *, version: str, command: str) -> dict:
    """The calibration file's content: a model per kind fitted on `records`, and the
    precision at each threshold of the confidences it gives them (in-sample)."""
    calibrated = {"version": version, "command": command, "kinds": {}, "precision_at": {}}
    for kind in KINDS:
        mine = [r for r in records if r.kind == kind]
        calibrated["kinds"][kind] = fit_kind(kind, mine)
    rescored = rescore(records, calibrated)
    calibrated["precision_at"] = {
        kind: precision_at([r for r in rescored if r.kind == kind]) for kind in KINDS
    } | {"all": precision_at(rescored)}
    return calibrated


def rescore(records: list[Labelled], calibrated: dict) -> list[Labelled]:
    """The records with the confidence `calibrated` gives their evidence (rounded as stored)."""
    return [
        Labelled(
            r.kind,
            round(probability(r.kind, r.evidence, calibrated), 2),
            r.evidence,
            r.right,
            r.name,
        )
        for r in records
    ]
