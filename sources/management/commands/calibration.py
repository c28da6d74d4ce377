"""manage.py calibration --docs DIR --gold DIR: how well extraction's confidence is calibrated
(the reliability table and the expected calibration error), and, with --fit, fit it anew."""

import datetime as dt
import json
import shlex
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sources.calibration import (
    fit,
    label_records,
    load_scorer,
    read_back,
    reliability,
    rescore,
)
from sources.ingest.confidence import KINDS, MODEL_FILE


class Command(BaseCommand):
    help = (
        "Load documents into a throwaway database (as the shared scorer does), label each "
        "record right or wrong by the scorer's matching against the gold, and print the "
        "reliability table and expected calibration error per record type."
    )

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=Path, nargs="+", required=True, help="document folders")
        parser.add_argument(
            "--gold", type=Path, nargs="+", required=True, help="gold folders, one per --docs"
        )
        parser.add_argument(
            "--sources",
            type=Path,
            help="SOURCES.json with the documents' metadata (default: SOURCES.json in each "
            "--docs folder)",
        )
        parser.add_argument("--bins", type=int, default=10, help="equal-width confidence bins")
        parser.add_argument(
            "--scorer",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared/eval/score_extraction.py",
            help="the shared scorer (default: ../shared/eval/score_extraction.py)",
        )
        parser.add_argument(
            "--fit",
            action="store_true",
            help=f"fit the models on these documents and write {MODEL_FILE.name}; the table "
            "then shows the fitted confidences (in-sample)",
        )
        parser.add_argument("--json", action="store_true", help="print the tables as JSON")

    def handle(self, *args, docs, gold, sources, bins, scorer, fit: bool, json: bool, **options):
        if len(docs) != len(gold):
            raise CommandError("Give one --gold folder for each --docs folder.")
        for path in [*docs, *gold, scorer, *([sources] if sources else [])]:
            if not path.exists():
                raise CommandError(f"{path} does not exist.")
        if bins < 1:
            raise CommandError("--bins must be at least 1.")
        sc = load_scorer(scorer)
        found, gold_dir = read_back(
            sc, list(zip(docs, gold, strict=True)), sources, settings.BASE_DIR
        )
        try:
            records, unlabelled = label_records(sc, found, gold_dir)
        finally:
            shutil.rmtree(gold_dir.parent, ignore_errors=True)
        if not records:
            raise CommandError("No record could be labelled: is --gold the gold of --docs?")
        if fit:
            calibrated = self.fit(records, docs=docs, gold=gold, sources=sources)
            records = rescore(records, calibrated)
        self.report(records, unlabelled, bins=bins, as_json=json)

    def fit(self, records, *, docs, gold, sources) -> dict:
        arguments = ["--docs", *map(str, docs), "--gold", *map(str, gold)]
        if sources:
            arguments += ["--sources", str(sources)]
        command = shlex.join(["manage.py", "calibration", *arguments, "--fit"])
        version = dt.date.today().isoformat() + f"/{len(records)}"
        calibrated = fit(records, version=version, command=command)
        MODEL_FILE.write_text(json.dumps(calibrated, indent=1) + "\n", encoding="utf-8")
        self.stderr.write(f"Wrote {MODEL_FILE} (model {version}).")
        return calibrated

    def report(self, records, unlabelled, *, bins: int, as_json: bool) -> None:
        tables = {}
        for kind in (*KINDS, "all"):
            mine = [r for r in records if kind in ("all", r.kind)]
            table, ece = reliability(mine, bins)
            tables[kind] = {
                "records": len(mine),
                "right": sum(r.right for r in mine),
                "ece": round(ece, 4),
                "bins": [vars(b) for b in table],
                "unlabelled": sum(unlabelled.values()) if kind == "all" else unlabelled[kind],
            }
        if as_json:
            sys.stdout.write(json.dumps(tables, indent=2) + "\n")
            return
        for kind, t in tables.items():
            self.stdout.write(
                f"\n{kind}: {t['records']} records, {t['right']} right, "
                f"ECE {t['ece']:.3f}"
                + (f" ({t['unlabelled']} unlabelled)" if t["unlabelled"] else "")
            )
            self.stdout.write(f"  {'bin':11} {'count':>5} {'mean conf':>9} {'accuracy':>8}")
            for b in t["bins"]:
                self.stdout.write(
                    f"  {b['low']:.1f}-{b['high']:.1f}    {b['count']:5} "
                    f"{b['mean_confidence']:9.3f} {b['accuracy']:8.3f}"
                )
