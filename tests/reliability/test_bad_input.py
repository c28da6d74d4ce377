"""Hostile input files: each gets a clear outcome in the report, and nothing else is lost."""

import json
import os

import pytest
from django.core.management import CommandError, call_command

from entities.models import Person
from sources.ingest.pipeline import load_seeds
from sources.models import Mention, Source, Statement
from tests.reliability.conftest import article, write_articles

pytestmark = pytest.mark.django_db

GOOD = "good.md"


@pytest.fixture
def folder(tmp_path):
    """A folder with one good article; each test adds its hostile file next to it."""
    path = tmp_path / "docs"
    path.mkdir()
    (path / GOOD).write_text(article(1), encoding="utf-8")
    return path


def assert_good_article_loaded(report):
    assert GOOD in report.loaded
    source = Source.objects.get(file_name=GOOD)
    assert source.mentions.exists() and source.statements.exists()


def reason_of(report, name: str) -> str:
    reasons = [reason for file, reason in report.failed if file == name]
    assert len(reasons) == 1, report.failed
    return reasons[0]


def assert_spans_match_text():
    """Every stored span points at the passage it claims (no offset drift)."""
    for mention in Mention.objects.select_related("source"):
        assert mention.source.text[mention.span_start : mention.span_end] == mention.text
    for statement in Statement.objects.select_related("source"):
        passage = statement.source.text[statement.span_start : statement.span_end]
        assert passage.strip() == statement.text


def test_hostile_corpus_in_one_folder_each_file_reported_by_name(folder, nlp, capsys):
    hostile = {
        "empty.txt": (b"", "empty (no text)"),
        "binary.md": (bytes(range(256)) * 40, "binary file"),
        "latin1.txt": ("Señor Núñez habló.".encode("latin-1"), "not UTF-8 (byte 0xf1"),
        "utf16-nobom.txt": ("Plain words here.".encode("utf-16-le"), "binary file"),
        "big.txt": (b"A" * (2 * 1024 * 1024 + 1), "larger than the limit"),
    }
    for name, (content, _) in hostile.items():
        (folder / name).write_bytes(content)

    with pytest.raises(CommandError, match=f"{len(hostile)} file"):
        call_command("load_seeds", str(folder), "--json")

    report = json.loads(capsys.readouterr().out)
    assert report["loaded"] == [GOOD]
    assert report["files_read"] == len(hostile) + 1
    reasons = {f["file"]: f["reason"] for f in report["failed"]}
    for name, (_, reason) in hostile.items():
        assert reason in reasons[name]
    assert Source.objects.count() == 1


def test_utf16_with_bom_is_decoded_and_noted(folder, nlp):
    text = "Minister Sofia Brandt opened the port.\r\n“The port is open,” Brandt said.\r\n"
    (folder / "utf16.txt").write_bytes(text.encode("utf-16"))  # with a byte order mark
    report = load_seeds([folder], nlp=nlp)
    assert report.ok, report.failed
    assert ("utf16.txt", "decoded as UTF-16 (byte order mark)") in report.notes
    source = Source.objects.get(file_name="utf16.txt")
    assert source.text.startswith("Minister Sofia Brandt") and "\r" not in source.text
    assert Person.objects.filter(name="Sofia Brandt").exists()
    assert_good_article_loaded(report)


def test_utf16_big_endian_with_bom_is_decoded(folder, nlp):
    (folder / "be.txt").write_bytes(b"\xfe\xff" + "Envoy Mara Quist spoke.".encode("utf-16-be"))
    report = load_seeds([folder], nlp=nlp)
    assert report.ok
    assert Source.objects.get(file_name="be.txt").text == "Envoy Mara Quist spoke."


def test_nul_byte_after_the_first_block_is_refused_as_binary(folder, nlp):
    # PostgreSQL cannot store NUL in text: letting it through used to abort the whole run.
    (folder / "late-nul.txt").write_bytes(b"Plain words. " * 1000 + b"\x00tail")
    report = load_seeds([folder], nlp=nlp)
    assert "binary" in reason_of(report, "late-nul.txt")
    assert_good_article_loaded(report)


def test_twenty_megabytes_of_text_is_refused_by_the_size_limit(folder, nlp, settings):
    assert settings.INGEST_MAX_FILE_BYTES < 20 * 1024 * 1024
    line = b"The committee met again and discussed the harbour budget at length.\n"
    with (folder / "huge.txt").open("wb") as out:
        for _ in range(20 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    report = load_seeds([folder], nlp=nlp)
    reason = reason_of(report, "huge.txt")
    assert reason.startswith("larger than the limit (")
    assert f"> {settings.INGEST_MAX_FILE_BYTES} bytes" in reason
    assert_good_article_loaded(report)


def test_text_longer_than_one_parse_chunk_keeps_exact_spans(folder, nlp, settings):
    settings.INGEST_MAX_FILE_BYTES = 1024 * 1024
    gap = "\n" * 120_000  # past spaCy's chunk size, cheap to parse
    parts = [
        "Governor Ilse Marten opened the dam.",
        "“The dam holds,” Marten told reporters.",
        "Engineer Tomas Ruud inspected the dam. “We found no cracks,” Ruud said.",
    ]
    (folder / "long.txt").write_text(gap.join(parts), encoding="utf-8")
    report = load_seeds([folder], nlp=nlp)
    assert report.ok
    source = Source.objects.get(file_name="long.txt")
    assert len(source.text) > 200_000
    assert {"Ilse Marten", "Tomas Ruud"} <= set(Person.objects.values_list("name", flat=True))
    assert source.mentions.filter(span_start__gt=200_000).exists()
    assert_spans_match_text()


def test_html_is_stored_as_text_and_shown_escaped(folder, nlp, client, api_client, editor):
    html = (
        "<script>alert('x')</script>\n"
        "<p>Minister Odile Ferrand closed the border.</p>\n"
        "“The border stays closed,” Ferrand said. <img src=x onerror=alert(1)>\n"
    )
    (folder / "page.md").write_text(html, encoding="utf-8")
    report = load_seeds([folder], nlp=nlp)
    assert report.ok
    source = Source.objects.get(file_name="page.md")
    assert source.text == html and source.title == "<script>alert('x')</script>"
    assert Person.objects.filter(name="Odile Ferrand").exists()
    assert_spans_match_text()

    Statement.objects.filter(source=source).update(review_status="verified")
    Person.objects.update(review_status="verified")
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    pages = [
        api_client.get(f"/api/sources/{source.pk}/", {"format": "api"}),
        api_client.get("/api/statements/", {"format": "api", "source": source.pk}),
        client.get(f"/admin/sources/source/{source.pk}/change/"),
        client.get("/admin/sources/statement/"),
    ]
    for page in pages:
        body = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert('x')" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(" in pages[0].content.decode()


@pytest.mark.parametrize(
    "odd",
    ["\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff"],
    ids=["zero-width-space", "zero-width-joiner", "word-joiner", "soft-hyphen", "zwnbsp"],
)
def test_invisible_characters_inside_a_name_still_find_the_person_once(folder, nlp, odd):
    text = (
        "Senator Harriet Vane\u00a0Okoro arrived in the capital.\n"
        f"“We will vote tomorrow,” Harriet Va{odd}ne\u00a0Okoro said. "
        f"Later, Okoro{odd} told reporters that the vote was close.\n"
    )
    (folder / "odd.md").write_text(text, encoding="utf-8")
    report = load_seeds([folder], nlp=nlp)
    assert report.ok
    people = Person.objects.filter(name_key__contains="okoro")
    assert [p.name for p in people] == ["Harriet Vane Okoro"]
    assert Statement.objects.filter(speaker_person=people[0]).exists()
    assert_spans_match_text()


def test_same_text_under_two_names_is_one_source_and_the_twin_is_reported(folder, nlp):
    (folder / "a-copy.md").write_text(article(1), encoding="utf-8")
    report = load_seeds([folder], nlp=nlp)
    assert report.ok
    assert report.loaded == ["a-copy.md"]
    assert report.unchanged == 1
    assert (GOOD, "same text as a-copy.md; not loaded again") in report.notes
    assert list(Source.objects.values_list("file_name", flat=True)) == ["a-copy.md"]

    again = load_seeds([folder], nlp=nlp)
    assert again.loaded == [] and again.unchanged == 2
    assert Source.objects.count() == 1


def test_twin_of_an_already_loaded_source_is_reported(folder, nlp):
    load_seeds([folder], nlp=nlp)
    (folder / "z-copy.md").write_text(article(1), encoding="utf-8")
    report = load_seeds([folder], nlp=nlp)
    assert report.ok and report.loaded == [] and report.unchanged == 2
    assert ("z-copy.md", f"same text as {GOOD}; not loaded again") in report.notes
    assert Source.objects.get().file_name == GOOD


def test_link_loop_and_dangling_link_are_reported_not_raised(folder, nlp):
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("missing.txt")
    report = load_seeds([folder], nlp=nlp)
    assert "link" in reason_of(report, "loop.txt")
    assert reason_of(report, "dangling.txt") == "no such file"
    assert_good_article_loaded(report)


def test_link_to_a_folder_outside_is_not_followed(folder, nlp, tmp_path):
    outside = tmp_path / "private"
    write_articles(outside, 2, start=50)
    (folder / "escape").symlink_to(outside, target_is_directory=True)
    report = load_seeds([folder], nlp=nlp)
    assert report.loaded == [GOOD]
    assert Source.objects.count() == 1


def test_unreadable_file_is_reported(folder, nlp):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    secret = folder / "secret.txt"
    secret.write_text("Closed.")
    secret.chmod(0)
    report = load_seeds([folder], nlp=nlp)
    assert reason_of(report, "secret.txt").startswith("unreadable")
    assert_good_article_loaded(report)


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("published: 2025-13-45", "front matter is not valid YAML"),
        ("title: " + "[" * 3000 + "]" * 3000, "front matter is not valid YAML"),
        ("- just\n- a list", "front matter is not a mapping"),
        (
            # A "billion laughs": printing the title would build a string of 10^9 items.
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + "title: *i",
            "front matter: title is not text",
        ),
    ],
    ids=["impossible-date", "deep-nesting", "not-a-mapping", "billion-laughs"],
)
def test_hostile_front_matter_is_reported(folder, nlp, front, reason):
    (folder / "front.md").write_text(f"---\n{front}\n---\nMinister Ada Quill spoke.\n")
    report = load_seeds([folder], nlp=nlp)
    assert reason_of(report, "front.md").startswith(reason)
    assert_good_article_loaded(report)


def test_front_matter_scalars_of_the_wrong_type_are_tolerated(folder, nlp):
    front = "title: 12345\npublished: not a date\nkind: spaceship\npublisher: ''\nurl: 7"
    (folder / "typed.md").write_text(f"---\n{front}\n---\nMinister Ada Quill spoke.\n")
    report = load_seeds([folder], nlp=nlp)
    assert report.ok, report.failed
    source = Source.objects.get(file_name="typed.md")
    assert source.title == "12345" and source.published is None and source.kind == "article"


@pytest.mark.slow
def test_a_thousand_tiny_files_each_become_one_source(tmp_path, nlp):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(1000):
        (folder / f"n{n:04d}.txt").write_text(f"Note {n}: the harbour office stayed open.\n")
    (folder / "n0500.txt").write_bytes(b"")
    report = load_seeds([folder], nlp=nlp)
    assert report.files_read == 1000
    assert len(report.loaded) == 999
    assert report.failed == [("n0500.txt", "empty (no text)")]
    assert Source.objects.count() == 999
    assert load_seeds([folder], nlp=nlp).unchanged == 999


def test_deeply_nested_files_are_found(tmp_path, nlp):
    root = tmp_path / "deep"
    leaf = root.joinpath(*[f"level-{n:02d}-of-a-very-long-folder-name" for n in range(40)])
    write_articles(leaf, 1, start=7)
    (root / "top.md").write_text(article(8), encoding="utf-8")
    report = load_seeds([root], nlp=nlp)
    assert report.ok, report.failed
    assert len(report.loaded) == 2
    nested = Source.objects.exclude(file_name="top.md").get()
    # The path is 1,600 characters: its end is kept, within the column's 500.
    assert nested.file_name.startswith("…") and len(nested.file_name) == 500
    assert nested.file_name.endswith("level-39-of-a-very-long-folder-name/article_0007.md")
    assert nested.mentions.exists()
    assert load_seeds([root], nlp=nlp).unchanged == 2


def test_overlong_names_do_not_fail_the_document(folder, nlp):
    # 300 characters that fold longer ("ß" -> "ss"), and a "name" no person has.
    publisher = "Straße " * 60
    giant = " ".join(f"Commission{n}" for n in range(60))
    body = f"The {giant} met on Monday. “We agree,” {giant} said.\n"
    (folder / "long-names.md").write_text(f"---\npublisher: {publisher}\n---\n{body}")
    report = load_seeds([folder], nlp=nlp)
    assert report.ok, report.failed
    assert Source.objects.filter(file_name="long-names.md").exists()
    assert_good_article_loaded(report)


@pytest.mark.parametrize(
    "content",
    [
        "\u200b\u200b\n\ufeff \u2060\t\u00a0\n",
        "\u200c\u200d\u2062\u00ad\u180e\u3000\r\n",
        "---\ntitle: Nothing here\n---\n\u200b \u2060\n",
    ],
)
def test_a_file_of_only_invisible_characters_is_reported_as_empty(folder, nlp, content):
    (folder / "blank.md").write_text(content, encoding="utf-8")

    report = load_seeds([folder], nlp=nlp)

    assert reason_of(report, "blank.md") == "empty (no text)"
    assert not Source.objects.filter(file_name="blank.md").exists()
    assert_good_article_loaded(report)


@pytest.mark.parametrize(
    "url",
    [
        '"javascript:alert(document.domain)//"',
        '" javascript:alert(1)"',
        '"java\\tscript:alert(1)"',
        '"data:text/html,<script>alert(1)</script>"',
        '"vbscript:msgbox(1)"',
        '"//evil.example/x"',
        '"ftp://files.example.org/a"',
        '"http://[::1"',
        '"7"',
    ],
)
def test_only_http_and_https_urls_are_stored_and_others_noted(folder, nlp, url):
    (folder / "link.md").write_text(f"---\nurl: {url}\n---\nMinister Ada Quill spoke.\n")

    report = load_seeds([folder], nlp=nlp)

    assert report.ok, report.failed
    assert Source.objects.get(file_name="link.md").url == ""
    notes = [note for file, note in report.notes if file == "link.md"]
    assert notes == ["url left out: only http and https addresses are stored"]


@pytest.mark.parametrize("url", ["https://example.org/a?b=1#c", "HTTP://Example.org/path"])
def test_http_and_https_urls_are_stored(folder, nlp, url):
    (folder / "link.md").write_text(f"---\nurl: '{url}'\n---\nMinister Ada Quill spoke.\n")

    report = load_seeds([folder], nlp=nlp)

    assert report.ok and not report.notes, report.notes
    assert Source.objects.get(file_name="link.md").url == url
