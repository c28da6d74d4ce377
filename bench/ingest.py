"""Ingestion benchmark: load_seeds against bare nlp.pipe, and its peak memory.

    DJANGO_DEBUG=0 DJANGO_SECRET_KEY=x .venv/bin/python bench/ingest.py [--docs 300] [--workers 1]
    ... bench/ingest.py --docs 10000 --corpus synthetic --no-baseline   # memory over 10k

Builds a corpus of `--docs` files, loads it into a fresh SQLite database (or DATABASE_URL), and
prints documents/s, tokens/s, the ratio of load_seeds time to bare nlp.pipe on the same texts,
and the process's peak memory. `--corpus seeds` repeats the seed documents (each copy made
unique so none is skipped as unchanged): real prose, the same few names. `--corpus synthetic`
writes generate_corpus's articles: templated prose, thousands of different names, so the
records and the name index grow as in a real archive.
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed_copies(n: int):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(n):
        yield seeds[i % len(seeds)].read_text(encoding="utf-8") + f"\n\nCopy {i} of the corpus.\n"


def build_corpus(folder: Path, texts) -> int:
    """Write `texts` as files of `folder`; how many words they hold."""
    words = 0
    for i, text in enumerate(texts):
        (folder / f"doc_{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--corpus", choices=["seeds", "synthetic"], default="seeds")
    parser.add_argument(
        "--statements", type=int, default=10, help="per generated article, on average"
    )
    parser.add_argument("--keep", action="store_true", help="keep the corpus and database")
    parser.add_argument("--rounds", type=int, default=1, help="of each pass; the fastest counts")
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the bare nlp.pipe run (memory only)"
    )
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
    from sources.synthetic import document_texts

    call_command("migrate", verbosity=0)
    corpus = tmp / "corpus"
    corpus.mkdir()
    texts = (
        seed_copies(args.docs)
        if args.corpus == "seeds"
        else document_texts(args.docs, statements=args.statements)
    )
    words = build_corpus(corpus, texts)
    nlp = load_pipeline()
    tokens, bare, full = None, [], []
    # Rounds alternate the two passes, and each pass's fastest round counts: on a shared
    # machine a single pass of either can be slowed by a quarter by other work.
    for round_ in range(args.rounds):
        if not args.no_baseline:
            # Read back from the files, one at a time: a list of 10k texts would be counted as
            # load_seeds's memory.
            folded = (
                fold_text(f.read_text(encoding="utf-8")).text for f in sorted(corpus.iterdir())
            )
            started = time.perf_counter()
            # spaCy's default batch size, as a user would write it.
            docs = nlp.pipe(folded, n_process=args.workers)
            tokens = sum(len(doc) for doc in docs)
            bare.append(time.perf_counter() - started)
        if round_:
            call_command("flush", interactive=False, verbosity=0)  # load everything again
        started = time.perf_counter()
        report = load_seeds([corpus], nlp=nlp, workers=args.workers)
        full.append(time.perf_counter() - started)
        assert report.ok and len(report.loaded) == args.docs, report.failed
    bare, full = (min(bare) if bare else None), min(full)

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rounds = f", fastest of {args.rounds} rounds" if args.rounds > 1 else ""
    print(f"documents            {args.docs} ({args.corpus}, {words:,} words{rounds})")
    if bare is not None:
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
    else:
        print(f"load_seeds           {full:8.2f} s  {args.docs / full:7.1f} docs/s")
    print(f"records              {records()}")
    if bare is None:
        print(f"peak memory          {peak_mib:8.0f} MiB  (target < 1024 over 10k documents)")
    else:  # spaCy's default batch holds a thousand texts at once: not load_seeds's memory
        print(f"peak memory          {peak_mib:8.0f} MiB  (with the bare pass; --no-baseline)")
    print(f"database             {os.environ['DATABASE_URL'].split('@')[-1]}")
    if not args.keep:
        shutil.rmtree(tmp)  # the corpus, and the SQLite database unless DATABASE_URL was given


def records() -> str:
    from entities.models import Operation, Organisation, Person
    from sources.models import Mention, Source, Statement

    models = (Source, Person, Organisation, Operation, Statement, Mention)
    return ", ".join(f"{m.objects.count():,} {m._meta.verbose_name_plural}" for m in models)


if __name__ == "__main__":
    main()
