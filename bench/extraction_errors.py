"""Error analysis of extraction: per document and per error class, what was missed and what was
made up, against gold folders (the seeds' and the development set's by default).

    .venv/bin/python bench/extraction_errors.py                  # seeds + dev, every class
    .venv/bin/python bench/extraction_errors.py --only people roles --docs-filter d0
    .venv/bin/python bench/extraction_errors.py --sets --gold-set my/docs my/gold   # your own

It loads the documents with `load_seeds` into a throwaway SQLite database and reads them back
through the API, using the shared scorer (`../shared/eval/score_extraction.py`) for both, so a
listed error is exactly one the scorer counts. Every rule change should show up here as fewer
rows on the development set, not only on the seeds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from sources.calibration import load_scorer, read_back  # noqa: E402  (the project's root first)

SETS = {
    "seeds": (SHARED / "seeds", SHARED / "gold"),
    "dev": (SHARED / "dev/docs", SHARED / "dev/gold"),
}


def entity_errors(sc, gold_items: list[dict], found_items: list[dict]) -> tuple[list, list]:
    missed = [
        g["name"]
        for g in gold_items
        if not any(sc.names_of(g) & sc.names_of(f) for f in found_items)
    ]
    extra = [
        f["name"] + (f" (aka {', '.join(f.get('aliases') or [])})" if f.get("aliases") else "")
        for f in found_items
        if not any(sc.names_of(g) & sc.names_of(f) for g in gold_items)
    ]
    return missed, extra


def speaker_of(statement: dict) -> str:
    speaker = statement.get("speaker") or {}
    return speaker.get("name", "") if isinstance(speaker, dict) else str(speaker)


def document_errors(sc, gold: dict, found: dict) -> dict[str, list[str]]:
    """Error class -> lines, for one document."""
    errors: dict[str, list[str]] = {}
    for kind, key in (("people", "persons"), ("organisations", "organisations")):
        missed, extra = entity_errors(sc, gold.get(key, []), found.get(kind, []))
        errors[f"{kind}: missed"] = missed
        errors[f"{kind}: made up"] = extra
    named = [o for o in gold.get("operations", []) if o["name"].lower().startswith("operation ")]
    found_named = [
        o for o in found.get("operations", []) if o["name"].lower().startswith("operation ")
    ]
    errors["operations: missed"], errors["operations: made up"] = entity_errors(
        sc, named, found_named
    )
    speakers = {
        sc.norm(g["name"]): sc.names_of(g)
        for g in gold.get("persons", []) + gold.get("organisations", [])
    }

    def same_speaker(g, s):
        want = speakers.get(sc.norm(g["speaker"]), {sc.norm(g["speaker"])})
        return bool(want & {sc.norm(speaker_of(s))})

    direct = [s for s in found.get("statements", []) if s.get("kind") == "direct"]
    reported = [s for s in found.get("statements", []) if s.get("kind") in ("indirect", "mixed")]
    for label, gold_list, found_list, text_key, match in (
        ("quotes", gold.get("statements", []), direct, "quote", sc.quote_matches),
        ("reported", gold.get("indirect_statements", []), reported, "content", sc.content_matches),
    ):
        missed, wrong_speaker = [], []
        for g in gold_list:
            texts = [s for s in found_list if match(g[text_key], s.get("text", ""))]
            if not texts:
                missed.append(f"{g['speaker']}: {g[text_key][:110]}")
            elif not any(same_speaker(g, s) for s in texts):
                wrong_speaker.append(
                    f"{g[text_key][:70]} -> gold {g['speaker']}, found {speaker_of(texts[0])}"
                )
        extra = [
            f"{speaker_of(s)}: {s.get('text', '')[:110]}"
            for s in found_list
            if not any(match(g[text_key], s.get("text", "")) for g in gold_list)
        ]
        errors[f"{label}: missed"] = missed
        errors[f"{label}: wrong speaker"] = wrong_speaker
        errors[f"{label}: made up"] = extra
    errors.update(detail_errors(sc, gold, found, direct, reported, same_speaker))
    return errors


def detail_errors(sc, gold, found, direct, reported, same_speaker) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {
        "said_on": [],
        "statement operations": [],
        "kind": [],
        "roles: missed": [],
        "roles: made up": [],
    }
    pairs = [
        (g, s, "quote")
        for g in gold.get("statements", [])
        for s in direct
        if sc.quote_matches(g["quote"], s.get("text", "")) and same_speaker(g, s)
    ]
    pairs += [
        (g, s, "content")
        for g in gold.get("indirect_statements", [])
        for s in reported
        if sc.content_matches(g["content"], s.get("text", "")) and same_speaker(g, s)
    ]
    for g, s, key in pairs:
        if "said_on" in g and (g["said_on"] or None) != (s.get("said_on") or None):
            errors["said_on"].append(f"gold {g['said_on']} found {s.get('said_on')}: {g[key][:80]}")
        if "operations" in g:
            found_ops = sorted(o.get("name", "") for o in s.get("operations") or [])
            if {sc.norm(n) for n in g["operations"]} != {sc.norm(n) for n in found_ops}:
                errors["statement operations"].append(
                    f"gold {g['operations']} found {found_ops}: {g[key][:70]}"
                )
    for g in gold.get("organisations", []):
        for f in found.get("organisations", []):
            if sc.names_of(g) & sc.names_of(f) and "kind" in g and f.get("kind") != g["kind"]:
                errors["kind"].append(f"{g['name']}: gold {g['kind']} found {f.get('kind')}")
    persons = {p["name"]: sc.names_of(p) for p in gold.get("persons", [])}
    roles = found.get("roles", [])

    def role_ok(g, f):
        want = persons.get(g["person"]) or {sc.norm(g["person"])}
        person = f.get("person") or {}
        return bool(want & sc.names_of(person)) and sc.titles_match(
            g.get("title") or "", f.get("title") or ""
        )

    for g in gold.get("roles", []):
        match = [f for f in roles if role_ok(g, f)]
        if not match:
            errors["roles: missed"].append(f"{g['person']}: {g['title']} [{g.get('organisation')}]")
        elif g.get("organisation") and not any(
            sc.names_of({"name": g["organisation"]}) & sc.names_of(f.get("organisation") or {})
            for f in match
        ):
            org = (match[0].get("organisation") or {}).get("name")
            errors.setdefault("roles: wrong organisation", []).append(
                f"{g['person']}: {g['title']} gold [{g['organisation']}] found [{org}]"
            )
    for f in roles:
        if not any(role_ok(g, f) for g in gold.get("roles", [])):
            org = (f.get("organisation") or {}).get("name")
            errors["roles: made up"].append(
                f"{(f.get('person') or {}).get('name')}: {f.get('title')} [{org}]"
            )
    return errors


def duplicates(sc, gold_dir: Path, found_by_doc: dict) -> list[str]:
    """Gold people and organisations that more than one record stands for, across documents."""
    records: dict[tuple, dict] = {}
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        found = found_by_doc.get(gold["doc"], {})
        for kind, key in (("people", "persons"), ("organisations", "organisations")):
            for g in gold.get(key, []):
                for f in found.get(kind, []):
                    if sc.names_of(g) & sc.names_of(f):
                        records.setdefault((kind, min(sc.names_of(g))), {})[f["id"]] = f["name"]
    return [
        f"{kind} {name}: {sorted(ids.values())}"
        for (kind, name), ids in records.items()
        if len(ids) > 1
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=["seeds", "dev"], choices=sorted(SETS))
    parser.add_argument(
        "--gold-set",
        nargs=2,
        action="append",
        default=[],
        metavar=("DOCS", "GOLD"),
        type=Path,
        help="a folder of documents and one of their gold, annotated in the same format",
    )
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval/score_extraction.py")
    parser.add_argument(
        "--only", nargs="*", default=[], help="error classes starting with these words"
    )
    parser.add_argument("--docs-filter", default="", help="only documents whose name contains this")
    args = parser.parse_args()
    sc = load_scorer(args.scorer)
    folders = [SETS[name] for name in args.sets] + [tuple(pair) for pair in args.gold_set]
    found_by_doc, gold_dir = read_back(sc, folders, None, ROOT)
    try:
        result = sc.score(found_by_doc, gold_dir)
        totals: Counter = Counter()
        for gold_path in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if args.docs_filter not in gold["doc"]:
                continue
            found = found_by_doc.get(gold["doc"], {})
            errors = document_errors(sc, gold, found)
            print(f"\n## {gold['doc']}")
            for cls, lines in errors.items():
                totals[cls] += len(lines)
                if lines and (not args.only or any(cls.startswith(o) for o in args.only)):
                    print(f"  {cls} ({len(lines)})")
                    for line in lines:
                        print(f"    - {line}")
        print("\n## Duplicate records (one gold identity, several records)")
        for line in duplicates(sc, gold_dir, found_by_doc):
            print(f"  - {line}")
        print("\n## Errors by class (all documents shown)")
        for cls, n in totals.most_common():
            print(f"  {n:4}  {cls}")
        print("\n## Scores")
        for kind, s in result["overall"].items():
            print(f"  {kind:24} {json.dumps(s)}")
    finally:
        shutil.rmtree(gold_dir.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
