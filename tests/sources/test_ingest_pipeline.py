"""load_seeds end to end: idempotency, curation kept, bad files, dry runs."""

import json
import threading

import pytest
from django.core.management import CommandError, call_command

from core.review import ReviewStatus
from entities.models import Operation, Organisation, Person, Role
from sources.ingest.pipeline import batches, load_seeds, parsed_ahead
from sources.models import Mention, Source, Statement

pytestmark = pytest.mark.django_db

ARTICLE = (
    "---\ntitle: Port closure\npublisher: Harbour Times\npublished: 2025-03-04\n"
    "kind: article\n---\n"
    "Harbour master Piet de Vries closed the port on Monday. Mayor Ana Lopez said that the "
    "city would pay the dock workers. “The port will stay closed until the inspection ends,” "
    "Lopez told reporters.\n"
)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "port.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def counts():
    return (
        Source.objects.count(),
        Person.objects.count(),
        Statement.objects.count(),
        Mention.objects.count(),
    )


def test_front_matter_sets_the_source_metadata(corpus, nlp):
    load_seeds([corpus], nlp=nlp)
    source = Source.objects.get()
    assert source.title == "Port closure"
    assert source.publisher.name == "Harbour Times"
    assert str(source.published) == "2025-03-04"
    assert source.file_name == "port.md"


def test_second_run_over_unchanged_files_changes_nothing(corpus, nlp):
    first = load_seeds([corpus], nlp=nlp)
    before = counts()
    second = load_seeds([corpus], nlp=nlp)
    assert first.loaded == ["port.md"] and second.loaded == []
    assert second.unchanged == 1
    assert counts() == before


def test_unchanged_corpus_does_not_load_the_model(corpus, nlp, monkeypatch):
    load_seeds([corpus], nlp=nlp)

    def boom():
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("sources.ingest.pipeline.load_nlp", boom)
    assert load_seeds([corpus]).unchanged == 1


def test_curation_survives_a_changed_file_and_reextraction(corpus, nlp):
    load_seeds([corpus], nlp=nlp)
    quote = Statement.objects.get(kind="direct", speaker_person__name="Ana Lopez")
    quote.set_review(ReviewStatus.VERIFIED, user=None)
    rejected = Statement.objects.get(kind="indirect")
    rejected.set_review(ReviewStatus.REJECTED, user=None)
    person = Person.objects.get(name="Piet de Vries")
    person.name = "Pieter de Vries"
    person.description = "Edited by staff"
    person.save()

    (corpus / "port.md").write_text(ARTICLE.replace("---\nHarbour", "---\nUpdate.\nHarbour"))
    load_seeds([corpus], nlp=nlp)
    load_seeds([corpus], nlp=nlp, reextract=True)

    assert Source.objects.count() == 1
    kept = Statement.objects.get(pk=quote.pk)
    assert kept.review_status == ReviewStatus.VERIFIED
    assert kept.source.text[kept.span_start : kept.span_end] == kept.text  # moved with the text
    assert Statement.objects.get(pk=rejected.pk).review_status == ReviewStatus.REJECTED
    assert Statement.objects.filter(text_key=rejected.text_key).count() == 1
    person.refresh_from_db()
    assert person.name == "Pieter de Vries" and person.description == "Edited by staff"
    assert not Person.objects.filter(name="Piet de Vries").exists()


def test_rejected_person_is_not_created_again(corpus, nlp):
    load_seeds([corpus], nlp=nlp)
    Person.objects.get(name="Ana Lopez").set_review(ReviewStatus.REJECTED, user=None)
    load_seeds([corpus], nlp=nlp, reextract=True)
    assert Person.objects.filter(name_key="ana lopez").count() == 1
    assert not Statement.objects.filter(speaker_person__name_key="ana lopez").exists()


def test_dry_run_writes_nothing(corpus, nlp):
    report = load_seeds([corpus], nlp=nlp, dry_run=True)
    assert report.counts["Statement", "created"] >= 1
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n", "empty"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 20, "binary"),
        ("latin1.txt", "Caf\u00e9 society said so.".encode("latin-1"), "not UTF-8"),
        ("badyaml.md", b"---\ntitle: [unclosed\n---\nBody text here.", "front matter"),
    ],
)
def test_bad_file_is_reported_and_the_rest_still_load(corpus, nlp, name, content, reason):
    (corpus / name).write_bytes(content)
    report = load_seeds([corpus], nlp=nlp)
    assert report.loaded == ["port.md"]
    assert [(f, r) for f, r in report.failed if f == name and reason in r]
    assert Source.objects.count() == 1


def test_utf8_bom_is_removed_and_noted(corpus, nlp):
    (corpus / "bom.txt").write_bytes("\ufeffMinister Joan Doe spoke.".encode())
    report = load_seeds([corpus], nlp=nlp)
    assert ("bom.txt", "UTF-8 byte order mark removed") in report.notes
    assert Source.objects.get(file_name="bom.txt").text.startswith("Minister")


def test_oversized_file_is_refused(corpus, nlp, settings):
    settings.INGEST_MAX_FILE_BYTES = 100
    report = load_seeds([corpus], nlp=nlp)
    assert report.failed and "larger than the limit" in report.failed[0][1]


def test_link_outside_the_folder_is_refused(corpus, nlp, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Outside text that must not be read.")
    (corpus / "link.txt").symlink_to(secret)
    report = load_seeds([corpus], nlp=nlp)
    assert ("link.txt", "link points outside the folder") in report.failed


def test_command_exits_non_zero_and_names_the_failed_file(corpus, nlp, capsys):
    (corpus / "empty.txt").write_bytes(b"")
    with pytest.raises(CommandError, match="1 file"):
        call_command("load_seeds", str(corpus), "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["failed"] == [{"file": "empty.txt", "reason": "empty (no text)"}]
    assert report["loaded"] == ["port.md"]


def test_a_document_that_fails_to_store_leaves_nothing_behind(corpus, nlp, monkeypatch):
    from django.db import DatabaseError

    def fail(*args, **kwargs):
        raise DatabaseError("connection dropped")

    monkeypatch.setattr("sources.ingest.store.store_extraction", fail)
    report = load_seeds([corpus], nlp=nlp)
    assert report.failed == [("port.md", "database error: connection dropped")]
    assert counts() == (0, 0, 0, 0)


def test_seeds_load_without_failures_or_duplicate_people(seeds_dir, nlp):
    report = load_seeds([seeds_dir], nlp=nlp)
    assert report.ok and len(report.loaded) == 5
    keys = list(Person.objects.values_list("name_key", flat=True))
    assert len(keys) == len(set(keys))
    assert Statement.objects.filter(kind="direct").count() >= 8


def test_names_staff_verified_are_recognised_in_the_next_run(tmp_path, nlp):
    from entities.models import Organisation

    org = Organisation.objects.create(name="Ana Torres Collective", aliases=["ATC"])
    org.set_review(ReviewStatus.VERIFIED, user=None)
    folder = tmp_path / "union"
    folder.mkdir()
    (folder / "strike.txt").write_text(
        "Rail strike\n\nAna Torres Collective said that the strike would continue until Friday.\n"
    )
    from sources.ingest.pipeline import load_nlp

    load_seeds([folder], nlp=load_nlp())
    statement = Statement.objects.get()
    assert statement.speaker_organisation == org
    assert Organisation.objects.count() == 1
    assert not Person.objects.exists()


def test_ingested_statements_have_their_creation_in_history_and_their_links(tmp_path, nlp):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "raid.txt").write_text(
        "Operation Harbour Light began on Monday. Mayor Ana Lopez said that Operation Harbour "
        "Light would end soon. Lopez said that the city would sue the Harbour Authority.\n",
        encoding="utf-8",
    )
    load_seeds([folder], nlp=nlp)

    statements = Statement.objects.all()
    assert statements.count() == 2
    for statement in statements:
        assert list(statement.history.values_list("history_type", flat=True)) == ["+"]
        assert [o.name for o in statement.operations.all()] == ["Operation Harbour Light"]
    about = Statement.objects.get(text__contains="sue").about_organisations.all()
    assert [o.name for o in about] == ["Harbour Authority"]


@pytest.mark.django_db
def test_a_statement_about_the_raid_is_linked_to_the_one_operation_of_its_source(tmp_path):
    (tmp_path / "raid.txt").write_text(
        "Operation Silver Net ended on Tuesday with 14 arrests across the province.\n\n"
        "Two days later, Governor Lena Morris said the raid had broken the smuggling ring.\n",
        encoding="utf-8",
    )
    call_command("load_seeds", str(tmp_path))
    statement = Statement.objects.get(text__contains="broken the smuggling ring")
    assert [op.name for op in statement.operations.all()] == ["Operation Silver Net"]


@pytest.mark.django_db
def test_a_role_stated_in_two_documents_has_both_as_evidence(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            f"Fisheries Minister Ana Kovac opened the new harbour ({name}).\n", encoding="utf-8"
        )
    call_command("load_seeds", str(tmp_path))
    role = Role.objects.get(person__name="Ana Kovac")
    assert sorted(role.evidence.values_list("source__file_name", flat=True)) == ["a.txt", "b.txt"]

    # Extracting one document again keeps the role, stated by the other.
    (tmp_path / "a.txt").write_text("The harbour opened without ceremony.\n", encoding="utf-8")
    call_command("load_seeds", str(tmp_path))
    role = Role.objects.get(person__name="Ana Kovac")
    assert list(role.evidence.values_list("source__file_name", flat=True)) == ["b.txt"]
    assert role.source.file_name == "b.txt"


@pytest.mark.django_db
def test_organisation_kinds_and_a_publisher_that_is_a_ministry(tmp_path):
    (tmp_path / "release.txt").write_text(
        '---\npublisher: "Ministry of Fisheries"\n---\n'
        "The Coastal Police Service and the Gulf Clan cartel clashed on Monday, "
        "the Harbour Herald reported.\n",
        encoding="utf-8",
    )
    call_command("load_seeds", str(tmp_path))
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds["Ministry of Fisheries"] == "government"
    assert kinds["Coastal Police Service"] == "law_enforcement"
    assert kinds["Harbour Herald"] == "news_outlet"


@pytest.mark.django_db
def test_a_publisher_line_describing_the_copy_names_the_body_that_published_it(tmp_path):
    (tmp_path / "release.txt").write_text(
        "---\npublisher: Harbour Police Service media release (police.example), as reproduced "
        "by Bay News\n---\nThe Harbour Police Service closed the port on Monday.\n",
        encoding="utf-8",
    )
    call_command("load_seeds", str(tmp_path))
    source = Source.objects.get()
    assert (source.publisher.name, source.publisher.kind) == (
        "Harbour Police Service",
        "law_enforcement",
    )
    assert Organisation.objects.count() == 1  # the body the text names is its publisher


@pytest.mark.django_db
def test_an_extraction_bug_on_one_text_is_reported_and_the_others_load(tmp_path, monkeypatch):
    from sources.ingest import pipeline

    (tmp_path / "a.txt").write_text("Mayor Ana Kovac opened the bridge.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Mayor Piet Vries closed the port.\n", encoding="utf-8")
    real = pipeline.extract_chunks

    def broken_on_b(docs, fold, document):
        if document.file_name == "b.txt":
            raise ValueError("a rule's bug")
        return real(docs, fold, document)

    monkeypatch.setattr(pipeline, "extract_chunks", broken_on_b)
    report = pipeline.load_seeds([tmp_path])
    assert report.loaded == ["a.txt"]
    assert report.failed == [("b.txt", 'extraction failed: ValueError("a rule\'s bug")')]
    assert not Source.objects.filter(file_name="b.txt").exists()


@pytest.mark.django_db
def test_a_raid_described_in_one_article_and_named_in_another_is_one_operation(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Police raid smuggling port\n\nSpecial forces carried out a raid on the port of Talvera"
        " on March 3, 2025, seizing two boats. Governor Lena Morris said the raid on the port of"
        " Talvera had broken the smuggling ring.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Operation Iron Gate ends\n\nOperation Iron Gate, the raid on Talvera's port on March 3,"
        " 2025, ended with 14 arrests. Colonel Ruth Calder said the operation had been planned"
        " for a year.\n",
        encoding="utf-8",
    )
    call_command("load_seeds", str(tmp_path))

    (operation,) = Operation.objects.all()
    assert operation.name == "Operation Iron Gate"  # its proper name wins the description
    assert "Raid on the port of Talvera" in operation.aliases
    for statement in Statement.objects.all():
        assert [op.name for op in statement.operations.all()] == ["Operation Iron Gate"]


@pytest.mark.django_db
def test_raids_on_different_days_stay_two_operations(tmp_path):
    for name, place, day in (("a.txt", "port", "March 3"), ("b.txt", "harbour", "March 9")):
        (tmp_path / name).write_text(
            f"Special forces carried out a raid on the {place} of Talvera on {day}, 2025,"
            " seizing two boats.\n",
            encoding="utf-8",
        )
    call_command("load_seeds", str(tmp_path))
    assert Operation.objects.count() == 2


def operation_links(folder, text: str) -> dict[str, list[str]]:
    """Load `text` as a document; each statement's text -> the operations it is linked to."""
    (folder / "article.txt").write_text(text, encoding="utf-8")
    call_command("load_seeds", str(folder))
    return {
        s.text.rstrip(","): [op.name for op in s.operations.all()] for s in Statement.objects.all()
    }


@pytest.mark.django_db
def test_a_statement_is_about_the_operation_its_passage_names_not_one_named_paragraphs_before(
    tmp_path,
):
    linked = operation_links(
        tmp_path,
        "Operation Silver Net ended on Tuesday with 14 arrests across the province. Governor"
        " Lena Morris said it had broken the smuggling ring.\n\n"
        "The harbour reopened to ferries on Thursday.\n\n"
        "Separately, Governor Lena Morris said the new school would open in May.\n",
    )
    assert linked["it had broken the smuggling ring"] == ["Operation Silver Net"]
    assert linked["the new school would open in May"] == []


@pytest.mark.django_db
def test_a_statement_about_what_the_one_operation_did_is_about_it(tmp_path):
    linked = operation_links(
        tmp_path,
        "Operation Silver Net ended on Tuesday with 14 arrests across the province.\n\n"
        "The harbour reopened to ferries on Thursday.\n\n"
        "Governor Lena Morris said the police had seized four boats and two tonnes of fuel.\n\n"
        "Governor Lena Morris said the new school would open in May.\n",
    )
    assert linked["the police had seized four boats and two tonnes of fuel"] == [
        "Operation Silver Net"
    ]
    assert linked["the new school would open in May"] == []


@pytest.mark.django_db
def test_a_new_articles_names_are_looked_up_in_one_query_however_many(tmp_path, nlp):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    names = ["Ana Kovac", "Piet Vries", "Lena Morris", "Tomas Ruiz", "Marta Quiroga"]
    text = " ".join(f"Mayor {name} visited the harbour on Monday." for name in names)
    (tmp_path / "visits.txt").write_text(text + "\n", encoding="utf-8")
    with CaptureQueriesContext(connection) as queries:
        report = load_seeds([tmp_path], nlp=nlp)
    assert report.counts["Person", "created"] == len(names)
    lookups = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT")
        and "search_text" in q["sql"]
        and "entities_person" in q["sql"]
    ]
    assert len(lookups) == 1, lookups


@pytest.mark.django_db
def test_a_statement_about_what_an_interdiction_stopped_is_about_the_one_operation(tmp_path):
    linked = operation_links(
        tmp_path,
        "The seizure was part of Operation Blue Current, the navy said.\n\n"
        "Captain Ruth Calder said the crews had been stopping fishing boats loaded with fuel.\n\n"
        "Captain Ruth Calder said the new school would open in May.\n",
    )
    assert linked["the crews had been stopping fishing boats loaded with fuel"] == [
        "Operation Blue Current"
    ]
    assert linked["the new school would open in May"] == []


@pytest.mark.django_db
def test_a_statement_taking_up_what_the_text_says_an_operation_did_is_about_it(tmp_path):
    # Two operations, so no "the one operation of its source" rule applies: the link comes
    # from the words the statement shares with the sentences naming each operation.
    linked = operation_links(
        tmp_path,
        "Operation Clear Water delivered the first ten tonnes of grain to the flooded valley.\n\n"
        "Operation Iron Gate closed the northern border crossings.\n\n"
        '"We have started moving grain into the valley, and more will follow," Colonel Ruth'
        " Calder said.\n\n"
        '"We should all be patient with the weather this week," Colonel Ruth Calder said.\n',
    )
    assert linked["We have started moving grain into the valley, and more will follow"] == [
        "Operation Clear Water"
    ]
    assert linked["We should all be patient with the weather this week"] == []


@pytest.mark.django_db
def test_known_names_and_roles_cost_the_same_queries_however_many(tmp_path, nlp):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = [
        ("Fisheries Minister", "Ana Kovac"),
        ("Harbour Master", "Piet Vries"),
        ("Police Chief", "Lena Morris"),
        ("Port Director", "Tomas Ruiz"),
        ("Mayor", "Marta Quiroga"),
        ("Coast Guard Commander", "Ruth Calder"),
    ]

    def article(folder, names, n):
        folder.mkdir()
        text = " ".join(f"{title} {name} visited the harbour on Monday." for title, name in names)
        (folder / f"a{n}.txt").write_text(text + f" Copy {n}.\n", encoding="utf-8")
        return folder

    load_seeds([article(tmp_path / "known", people, 0)], nlp=nlp)
    used = []
    for n, count in ((1, 2), (2, 6)):
        folder = article(tmp_path / f"again{n}", people[:count], n)
        with CaptureQueriesContext(connection) as queries:
            report = load_seeds([folder], nlp=nlp)
        assert report.ok and report.counts["Person", "created"] == 0
        used.append(len(queries))
    assert used[0] == used[1], used


@pytest.mark.django_db
def test_an_operations_targets_are_the_people_and_bodies_it_is_aimed_at(tmp_path):
    (tmp_path / "raid.txt").write_text(
        "Operation Iron Gate, launched against the Los Lobos Cartel, ended on Friday. The"
        " operation led to the arrest of Victor Salgado. Mayor Ana Lopez welcomed the news.\n",
        encoding="utf-8",
    )
    call_command("load_seeds", str(tmp_path))
    operation = Operation.objects.get(name="Operation Iron Gate")
    assert [p.name for p in operation.target_people.all()] == ["Victor Salgado"]
    assert [o.name for o in operation.target_organisations.all()] == ["Los Lobos Cartel"]


@pytest.mark.django_db
def test_a_described_capture_of_the_person_a_named_operation_captured_is_that_operation(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Operation Iron Gate captured Victor Salgado in the port city. Mayor Ana Lopez said the"
        " police had planned it for a year.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Lawmakers questioned the operation that led to the capture of Victor Salgado, and"
        " Senator Paul Mensah said the operation had broken the law.\n",
        encoding="utf-8",
    )
    call_command("load_seeds", str(tmp_path))
    (operation,) = Operation.objects.all()
    assert operation.name == "Operation Iron Gate"
    assert [p.name for p in operation.target_people.all()] == ["Victor Salgado"]


@pytest.mark.django_db
def test_one_office_written_three_ways_is_one_role(tmp_path):
    (tmp_path / "a.txt").write_text(
        "President Lucia Moreno opened the bridge on Monday.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "U.S. President Lucia Moreno closed the port on Tuesday.\n", encoding="utf-8"
    )
    (tmp_path / "c.txt").write_text(
        "US President Lucia Moreno visited the harbour on Friday.\n", encoding="utf-8"
    )
    call_command("load_seeds", str(tmp_path))
    (role,) = Role.objects.filter(person__name="Lucia Moreno")
    assert sorted(role.evidence.values_list("source__file_name", flat=True)) == [
        "a.txt",
        "b.txt",
        "c.txt",
    ]


def test_texts_go_to_spacy_in_batches_bounded_in_characters_and_in_order():
    texts = [("a" * 30, 1), ("b" * 30, 2), ("c" * 30, 3), ("d" * 200, 4), ("e" * 10, 5)]
    grouped = list(batches(iter(texts), 70))
    # Two short texts fit the budget; a longer one goes alone; nothing is lost or reordered.
    assert [[n for _, n in batch] for batch in grouped] == [[1, 2], [3], [4], [5]]


@pytest.mark.parametrize("batch_chars", [None, 120])  # one batch; a text or two a batch
def test_many_short_documents_keep_their_own_statements_however_batched(
    tmp_path, nlp, monkeypatch, batch_chars
):
    if batch_chars:  # several batches, each parsed ahead while the one before is stored
        monkeypatch.setattr("sources.ingest.nlp.BATCH_CHARS", batch_chars)
    for i in range(12):
        (tmp_path / f"a{i:02d}.txt").write_text(
            f'Officer Dana Reyes{i} said: "The bridge {i} closes tonight for repairs."\n',
            encoding="utf-8",
        )
    report = load_seeds([tmp_path], nlp=nlp)
    assert report.ok and len(report.loaded) == 12
    # Each document's statement is stored against its own source, not a neighbour's.
    for source in Source.objects.all():
        n = int(source.file_name[1:3])
        assert [s.text for s in source.statements.all()] == [
            f"The bridge {n} closes tonight for repairs."
        ]


class RecordingPipeline:
    """Stands in for spaCy: upper-cases each text, notes the thread, fails on "boom"."""

    def __init__(self):
        self.threads = set()

    def pipe(self, batch, as_tuples, batch_size):
        self.threads.add(threading.current_thread().name)
        if any(text == "boom" for text, _ in batch):
            raise ValueError("the model failed")
        return [(text.upper(), n) for text, n in batch]


def test_batches_are_parsed_ahead_in_a_second_thread_and_come_back_in_order():
    nlp = RecordingPipeline()
    grouped = [[("a", 1), ("b", 2)], [("c", 3)], [("d", 4)]]
    assert list(parsed_ahead(nlp, iter(grouped))) == [("A", 1), ("B", 2), ("C", 3), ("D", 4)]
    assert nlp.threads and threading.current_thread().name not in nlp.threads


def test_an_error_while_parsing_ahead_reaches_the_loader_after_the_batches_before_it():
    results = parsed_ahead(RecordingPipeline(), iter([[("a", 1)], [("boom", 2)], [("c", 3)]]))
    assert next(results) == ("A", 1)
    with pytest.raises(ValueError, match="the model failed"):
        next(results)


def test_two_people_of_one_surname_in_two_documents_stay_two(tmp_path):
    (tmp_path / "a.txt").write_text(
        "President Xenia Castell declared a state of emergency on Thursday. "
        '"We will fight the gangs street by street," Castell said.\n',
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Governor Bruno Castell visited the port on Tuesday. "
        '"The harbour will reopen next week," Castell told reporters.\n',
        encoding="utf-8",
    )
    (tmp_path / "c.txt").write_text(
        "President Xenia Castell lifted the curfew on Friday. "
        '"The streets are calm again tonight," Castell said.\n',
        encoding="utf-8",
    )
    call_command("load_seeds", str(tmp_path))
    quotes = Statement.objects.filter(kind="direct")
    # The governor's words are his, not those of the president who shares his surname; the
    # president named again in full is the same record.
    assert sorted(quotes.values_list("source__file_name", "speaker_person__name")) == [
        ("a.txt", "Xenia Castell"),
        ("b.txt", "Bruno Castell"),
        ("c.txt", "Xenia Castell"),
    ]
    assert Person.objects.filter(name="Xenia Castell").count() == 1
