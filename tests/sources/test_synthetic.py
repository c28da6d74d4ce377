"""The synthetic corpus: its shape and counts, real spans, a skew of speakers, a clean removal."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from core.review import ReviewStatus
from entities.models import Operation, Organisation, Participation, Person, Role
from sources.models import Mention, Source, Statement
from sources.synthetic import (
    FILE_PREFIX,
    MARK,
    CorpusError,
    document_texts,
    generate_corpus,
    remove_corpus,
)
from tests.factories import PersonFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return generate_corpus(statements=500, seed=7, batch_size=120)


def test_corpus_has_the_asked_counts_and_a_tenth_as_many_sources(corpus):
    assert corpus.statements == Statement.objects.count() == 500
    assert corpus.sources == Source.objects.count() == 50
    assert corpus.mentions == Mention.objects.count() > 500
    assert Person.objects.count() == corpus.people >= 50
    assert Organisation.objects.count() == corpus.organisations > 0
    assert Operation.objects.count() == corpus.operations > 0
    assert Role.objects.count() == corpus.roles > 0
    assert Participation.objects.count() == corpus.participations > 0
    assert Statement.operations.through.objects.exists()


def test_every_generated_row_carries_its_mark(corpus):
    for model in (Person, Organisation, Operation):
        assert set(model.objects.values_list("disambiguation", flat=True)) == {MARK}
    assert all(
        name.startswith(FILE_PREFIX) for name in Source.objects.values_list("file_name", flat=True)
    )


def test_every_span_is_the_exact_passage_of_its_source_text(corpus):
    texts = dict(Source.objects.values_list("id", "text"))
    for source_id, start, end, text in Statement.objects.values_list(
        "source_id", "span_start", "span_end", "text"
    ):
        assert texts[source_id][start:end] == text
    for source_id, start, end, text in Mention.objects.values_list(
        "source_id", "span_start", "span_end", "text"
    ):
        assert texts[source_id][start:end] == text


def test_speakers_are_mentioned_where_they_speak(corpus):
    statement = Statement.objects.filter(speaker_person__isnull=False).first()
    assert Mention.objects.filter(source=statement.source, person=statement.speaker_person).exists()


def test_a_few_speakers_say_most_things(corpus):
    counts = Counter(Statement.objects.values_list("speaker_person", "speaker_organisation"))
    ranked = sorted(counts.values(), reverse=True)
    top = ranked[: max(1, len(ranked) // 10)]
    assert sum(top) > 0.4 * sum(ranked)


def test_the_corpus_mixes_kinds_statuses_and_years_with_most_statements_verified(corpus):
    statuses = Counter(Statement.objects.values_list("review_status", flat=True))
    assert statuses[ReviewStatus.VERIFIED] > 0.7 * 500
    assert statuses[ReviewStatus.PENDING] > 0
    assert set(Statement.objects.values_list("kind", flat=True)) >= {"direct", "indirect"}
    years = {d.year for d in Statement.objects.values_list("said_on", flat=True) if d}
    assert len(years) >= 5


def test_people_and_organisations_have_aliases_that_search_finds(corpus):
    person = Person.objects.first()
    assert person.aliases
    assert Person.objects.search(person.aliases[0]).filter(pk=person.pk).exists()
    assert Organisation.objects.exclude(aliases=[]).exists()


def test_the_same_seed_makes_the_same_corpus():
    first = generate_corpus(statements=60, seed=3)
    texts = list(Statement.objects.order_by("id").values_list("text", flat=True))
    remove_corpus()
    second = generate_corpus(statements=60, seed=3)
    assert first.mentions == second.mentions
    assert list(Statement.objects.order_by("id").values_list("text", flat=True)) == texts


def test_a_second_corpus_is_refused_until_the_first_is_removed(corpus):
    with pytest.raises(CorpusError, match="remove it first"):
        generate_corpus(statements=10)


def test_remove_deletes_only_generated_rows():
    real = StatementFactory(source=SourceFactory(file_name="real/article.txt"))
    real_person = PersonFactory(name="Diego Cabello")
    generate_corpus(statements=200, seed=1)

    report = remove_corpus()

    assert report.deleted["sources.Statement"] == 200
    assert list(Statement.objects.all()) == [real]
    assert set(Person.objects.all()) == {real.speaker_person, real_person}
    assert list(Source.objects.all()) == [real.source]
    assert not Organisation.objects.exists()
    assert not Operation.objects.exists()
    assert not Mention.objects.exists()
    assert not Role.objects.exists()


def test_remove_refuses_when_a_real_statement_quotes_a_generated_speaker():
    generate_corpus(statements=50, seed=2)
    StatementFactory(speaker_person=Person.objects.first())
    with pytest.raises(CorpusError, match="real statements have a generated speaker"):
        remove_corpus()
    assert Statement.objects.count() == 51


def test_command_generates_then_removes(capsys):
    call_command("generate_corpus", statements=100, seed=5)
    out = capsys.readouterr().out
    assert "statements" in out and "Generated in" in out
    assert Statement.objects.count() == 100
    assert Source.objects.count() == 10

    call_command("generate_corpus", remove=True)
    assert "Removed the synthetic corpus" in capsys.readouterr().out
    assert not Statement.objects.exists()


def test_command_turns_a_bad_request_into_a_command_error():
    with pytest.raises(CommandError, match="between one source"):
        call_command("generate_corpus", statements=10, sources=20)


def test_document_texts_are_distinct_articles_with_many_names_and_write_nothing():
    texts = list(document_texts(40, statements=10, seed=3))

    assert len(texts) == len(set(texts)) == 40
    words = sum(len(text.split()) for text in texts) / len(texts)
    assert 100 < words < 250  # about 16 words a statement
    quoted = [text for text in texts if '" ' in text and " said" in text]
    assert len(quoted) > 30  # attributed quotes for the extractor to find
    speakers = Counter(
        line.split(",")[0] for text in texts for line in text.split('," ')[1:] if line
    )
    assert len(speakers) > 20  # names vary across documents
    assert not Person.objects.exists() and not Source.objects.exists()
