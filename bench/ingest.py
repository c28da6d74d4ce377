"""Ingestion benchmark: load_seeds over a few hundred documents against bare nlp.pipe.

    DJANGO_DEBUG=0 DJANGO_SECRET_KEY=x .venv/bin/python bench/ingest.py [--docs 300] [--workers 1]

Builds a corpus by repeating the seed documents (each copy made unique so none is skipped as
unchanged), loads it into a fresh SQLite database (or DATABASE_URL), and prints documents/s,
tokens/s, the ratio of load_seeds time to bare nlp.pipe on the same texts, and peak memory.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_corpus(folder: Path, n: int) -> list[str]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = []
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8") + f"\n\nCopy {i} of the corpus.\n"
        (folder / f"doc_{i:05d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.core.management import call_command

    from sources.ingest.nlp import load_pipeline
    from sources.ingest.pipeline import load_seeds
    from sources.ingest.textnorm import fold_text

    call_command("migrate", verbosity=0)
    corpus = tmp / "corpus"
    corpus.mkdir()
    texts = build_corpus(corpus, args.docs)
    nlp = load_pipeline()
    folded = [fold_text(t).text for t in texts]

    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(folded, n_process=args.workers, batch_size=8))
    bare = time.perf_counter() - started

    started = time.perf_counter()
    report = load_seeds([corpus], nlp=nlp, workers=args.workers)
    full = time.perf_counter() - started
    assert report.ok and len(report.loaded) == args.docs, report.failed

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents            {args.docs}")
    print(f"tokens               {tokens}")
    print(
        f"bare nlp.pipe        {bare:8.2f} s  {args.docs / bare:7.1f} docs/s  "
        f"{tokens / bare:8.0f} tokens/s"
    )
    print(
        f"load_seeds           {full:8.2f} s  {args.docs / full:7.1f} docs/s  "
        f"{tokens / full:8.0f} tokens/s"
    )
    print(f"ratio load_seeds/nlp {full / bare:8.2f}  (target <= 1.25)")
    print(f"peak memory          {peak_mib:8.0f} MiB")
    print(f"database             {os.environ['DATABASE_URL'].split('@')[-1]}")


if __name__ == "__main__":
    main()
