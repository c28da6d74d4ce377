"""Generate (or remove) the synthetic corpus that the benchmarks in bench/ run against."""

from django.core.management.base import BaseCommand, CommandError

from sources.synthetic import CorpusError, generate_corpus, remove_corpus


class Command(BaseCommand):
    help = (
        "Generate a synthetic, realistically shaped corpus (people, organisations, operations, "
        "sources, statements, mentions), marked so that --remove deletes exactly it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=100_000)
        parser.add_argument("--sources", type=int, default=None, help="default: statements / 10")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--batch-size", type=int, default=5_000)
        parser.add_argument("--remove", action="store_true", help="delete the generated corpus")

    def handle(self, *args, **options):
        try:
            if options["remove"]:
                report = remove_corpus()
                for label, count in report.deleted.items():
                    self.stdout.write(f"{label:40} {count:>10,} deleted")
                self.stdout.write(f"Removed the synthetic corpus in {report.seconds:.1f} s.")
                return
            report = generate_corpus(
                statements=options["statements"],
                sources=options["sources"],
                seed=options["seed"],
                batch_size=options["batch_size"],
                progress=self.progress if options["verbosity"] > 1 else None,
            )
        except CorpusError as error:
            raise CommandError(str(error)) from error
        for name in (
            "people",
            "organisations",
            "operations",
            "roles",
            "participations",
            "sources",
            "statements",
            "mentions",
            "links",
        ):
            self.stdout.write(f"{name:16} {getattr(report, name):>10,}")
        rate = report.statements / report.seconds if report.seconds else 0
        self.stdout.write(
            self.style.SUCCESS(f"Generated in {report.seconds:.1f} s ({rate:,.0f} statements/s).")
        )

    def progress(self, done: int, total: int) -> None:
        self.stderr.write(f"{done:,} / {total:,} statements")
