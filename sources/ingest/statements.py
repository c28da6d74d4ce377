"""Attributed statements: direct quotes (quotes.py) and reported speech (reported.py) with their
speakers (speakers.py), one per passage and claim, each dated (said_on.py)."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from sources.ingest.actors import Entity
from sources.ingest.quotes import direct_quotes, find_quotes
from sources.ingest.reported import according_to_statements, reported_speech, speech_nouns
from sources.ingest.said_on import carried_cues, date_statements, occasion_day
from sources.ingest.speakers import Resolver
from sources.ingest.speech import MIN_QUOTE_WORDS, StatementFound
from sources.ingest.textnorm import sentence_of, text_of


def find_statements(
    doc: Doc, entities: list[Entity], *, original: str, offsets: list[int], published=None
) -> list[StatementFound]:
    text = text_of(doc)
    every_quote = find_quotes(text, original, offsets)
    quotes = [q for q in every_quote if q.words(text) >= MIN_QUOTE_WORDS]
    resolver = Resolver(doc, entities, quotes)
    found, used_verbs = direct_quotes(doc, quotes, resolver, published=published)
    found += reported_speech(doc, every_quote, resolver, skip_verbs=used_verbs, published=published)
    found += speech_nouns(doc, every_quote, resolver)
    found += according_to_statements(doc, resolver, found, published=published)
    found = dedupe(found, text)
    for statement in found:
        statement.context_start = context_start(doc, statement.text_start)
    carried_cues(found)
    date_statements(found, occasion=occasion_day(doc, published=published), published=published)
    return found


def context_start(doc: Doc, at: int, sentences: int = 2) -> int:
    """Where the statement's context begins: up to two sentences before the one holding
    character `at`, within its paragraph."""
    span = doc.char_span(at, min(at + 1, len(text_of(doc))), alignment_mode="expand")
    sent = sentence_of(doc, span[0].i if span else len(doc) - 1)
    for _ in range(sentences):
        if sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws:
            break
        sent = sentence_of(doc, sent.start - 1)
    return sent.start_char


def dedupe(found: list[StatementFound], text: str) -> list[StatementFound]:
    """One statement per passage and per claim: the first found wins (direct quotes come
    first). A passage inside another of the same speaker's, or the same words again (a quote
    and its paraphrase, a headline and its lead), is the same statement."""
    out: list[StatementFound] = []
    words: list[set[str]] = []
    for s in found:
        mine = content_words(text[s.text_start : s.text_end])
        if any(
            o.speaker is s.speaker
            and (
                o.text_start <= s.text_start
                and s.text_end <= o.text_end
                # (a clause around a quote of the same words says more: NOTES rule 6)
                or (
                    same_claim(w, mine)
                    and not s.text_start <= o.text_start < s.text_end
                    and not quoted_again(o, s, text)
                )
            )
            for o, w in zip(out, words, strict=True)
        ):
            continue
        out.append(s)
        words.append(mine)
    return without_fragments(out, text)


def without_fragments(found: list[StatementFound], text: str) -> list[StatementFound]:
    """Drop a statement whose words another of the same speaker's says in full (a phrase
    quoted in a paraphrase, then again inside the whole quote): the full one is the record."""

    def words(s: StatementFound) -> str:
        return " ".join(re.findall(r"\w+", text[s.text_start : s.text_end].lower()))

    said = [(s, words(s)) for s in found]
    return [
        s
        for s, mine in said
        if not any(
            o is not s
            and o.speaker is s.speaker
            and len(theirs) > len(mine)
            and mine in theirs
            # (a quote inside reported speech is a statement of its own: NOTES rule 6)
            and not (s.kind == "direct" and o.kind != "direct")
            and not quoted_again(s, o, text)
            for o, theirs in said
        )
    ]


def quoted_again(a: StatementFound, b: StatementFound, text: str) -> bool:
    """Two quotes in different places, one of them whole sentences the other repeats within
    more (an article quotes a line, then the whole answer it came from): two statements."""
    if a.kind != "direct" or b.kind != "direct":
        return False
    if a.text_start < b.text_end and b.text_start < a.text_end:
        return False
    short, long = sorted((a, b), key=lambda s: s.text_end - s.text_start)
    words = re.findall(r"\w+", text[short.text_start : short.text_end].lower())
    return (
        len(words) >= 8
        and (short.text_end - short.text_start) * 2 <= long.text_end - long.text_start
    )


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{3,}", text.lower()) if w not in STOP_WORDS}


def same_claim(a: set[str], b: set[str]) -> bool:
    """Most of the shorter one's content words are the longer one's (at least four)."""
    small, large = sorted((a, b), key=len)
    return len(small) >= 4 and len(small & large) >= 0.8 * len(small)
