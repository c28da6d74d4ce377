"""Direct quotes: quoted passages paragraph by paragraph, robust to unbalanced or mixed marks,
and the speech verb or layout that attributes each."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from sources.ingest.said_on import date_cue, is_expected
from sources.ingest.speakers import (
    Resolver,
    according_to,
    continued_speaker,
    layout_speaker,
    mentioned,
    subject_of,
    written_by,
)
from sources.ingest.speech import Quote, StatementFound, is_speech_verb, venue_of
from sources.ingest.textnorm import text_of

# Speech in single marks, in a paragraph with no double ones (some wires and British papers):
# "'This plot was stopped,' said Jane Roe." The closing mark follows the sentence's
# punctuation, so "today's" and "the officers' families" close nothing.
SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(\[-]))['\u2018](?=\w)(.+?[,.!?])['\u2019](?=\s|$|[)\]-])")


def find_quotes(text: str, original: str, offsets: list[int]) -> list[Quote]:
    """Quoted passages, paragraph by paragraph; curly marks in the original say open or close."""
    quotes: list[Quote] = []
    pending = None  # a quote left open at the end of the paragraph before
    # Whether that quote opened its paragraph (or was reopened by one), and where it ends.
    whole_paragraph, pending_end = False, 0
    for para in re.finditer(r"[^\n]+", text):
        opening = None
        marks = list(re.finditer('"', para.group(0)))
        if not marks and pending is None:
            quotes += [
                Quote(para.start() + m.start(1), para.start() + m.end(1))
                for m in SINGLE_QUOTED.finditer(para.group(0))
            ]
        if pending is not None and marks and not para.group(0)[: marks[0].start()].strip():
            # A speech that runs over paragraphs reopens the mark at each one and closes it
            # only at its end: the quote goes on from where it opened.
            opening, marks = pending, marks[1:]
        elif pending is not None and whole_paragraph:
            # Never closed, and the next paragraph goes on in the reporter's words: the quote
            # was the paragraphs it opened.
            quotes.append(Quote(pending + 1, pending_end))
        continued = opening is not None
        pending = None
        for match in marks:
            i = para.start() + match.start()
            mark = original[offsets[i]]
            mark = '"' if mark == "'" else mark  # two apostrophes written for one mark
            prev = text[i - 1] if i > 0 else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            is_open = mark == "\u201c" or (mark == '"' and (prev.isspace() or prev in "([-"))
            # A mistyped closing mark: an opening one after a comma, before a space.
            before = text[max(0, i - 2) : i].strip()
            typo_close = mark == "\u201c" and before[-1:] in {",", ".", "!", "?"} and nxt.isspace()
            if opening is None:
                if is_open or mark == '"':
                    opening = i
            elif mark == "\u201c" and not typo_close:
                opening = i  # an unclosed quote: start again from the newer one
            else:
                quotes.append(Quote(opening + 1, i))
                opening = None
        pending = opening
        starts = opening is not None and not text[para.start() : opening].strip()
        whole_paragraph = continued or starts
        pending_end = para.start() + len(para.group(0).rstrip())
    if pending is not None and whole_paragraph:
        quotes.append(Quote(pending + 1, pending_end))  # a text cut before the quote closed
    return quotes


def speech_verb_between(doc: Doc, start: int, end: int, verb: Token) -> bool:
    """`"...lives," adding: "Those who..."`: a second speech verb between two quotes of one
    clause makes the second a statement of its own, even where the parser gives it no subject."""
    between = doc.char_span(start, end, alignment_mode="contract")
    return between is not None and any(t != verb and is_speech_verb(t) for t in between)


def in_adverbial_clause(verb: Token, quote: Span) -> bool:
    """ "X said Y continues to claim victory while his police 'has engaged in abuses'": the
    quote sits in a clause hung on "claim" that says when, not what is claimed; it is not
    Y's claim (the parser often hangs such clauses on the nearest verb)."""
    child = next((c for c in verb.children if c.left_edge.i <= quote.start <= c.right_edge.i), None)
    return (
        child is not None
        and child.dep_ == "advcl"
        and any(
            m.dep_ == "mark" and m.lower_ in {"while", "whereas", "although", "though", "as"}
            for m in child.children
        )
    )


def reports_content(verb: Token) -> bool:
    """Whether a speech verb carries its own reported clause ("said that ...")."""
    return any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children)


def direct_quotes(
    doc: Doc, quotes: list[Quote], resolver: Resolver, *, published
) -> tuple[list[StatementFound], set[int]]:
    """A statement per attributed quote (a quote split around its attribution is one), and the
    speech verbs they used, which report nothing else."""
    text = text_of(doc)
    found: list[StatementFound] = []
    used_verbs: set[int] = set()
    for quote in quotes:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        inside = set(range(span.start, span.end))
        sents = {span.sent, doc[span.end - 1].sent}
        verbs = [t for s in sents for t in s if t.i not in inside and is_speech_verb(t)]
        if not verbs and span.end + 2 < len(doc) and "\n" not in doc[span.end : span.end + 2].text:
            # `…back," | Jane Roe said.`: the parser ended the sentence at the closing mark.
            after = doc[span.end + 2].sent
            verbs = [t for t in after if is_speech_verb(t) and not reports_content(t)]
        verbs = [t for t in verbs if not in_adverbial_clause(t, span)]
        verbs.sort(key=lambda t: min(abs(t.idx - quote.start), abs(t.idx - quote.end)))
        speaker, cue, verb, rule = None, "", None, "speech verb"
        for candidate in verbs:
            speaker = subject_of(candidate, resolver)
            if speaker is not None:
                verb, cue = candidate, candidate.text
                break
        sent = span.sent
        if speaker is None:
            according = according_to(sent, resolver)
            if according:
                speaker, cue, rule = according[1], "according to", "according to"
        if speaker is None:
            speaker = written_by(sent, resolver, inside)
            cue, rule = ("wrote", "byline") if speaker else ("", rule)
        if speaker is None:
            speaker = layout_speaker(doc, span, resolver)
            cue, rule = ("", rule) if speaker is None else ("said", "layout")
        if speaker is None and not verbs:
            speaker = continued_speaker(doc, quote, found, resolver)
            cue, rule = (found[-1].cue, "continued quote") if speaker is not None else ("", rule)
        if speaker is None:
            continue
        if verb is not None:
            used_verbs.add(verb.i)
            last = found[-1] if found else None
            if (
                last is not None
                and last.verb_i == verb.i
                and last.speaker is speaker
                and not speech_verb_between(doc, last.text_end, quote.start, verb)
            ):
                last.parts = [
                    *(last.parts or [(last.text_start, last.text_end)]),
                    (quote.start, quote.end),
                ]
                last.text_end = quote.end
                continue
        bounds = (span.start, span.end)
        found.append(
            StatementFound(
                quote.start,
                quote.end,
                "direct",
                speaker,
                cue=cue,
                date_cue=date_cue(verb, bounds, sent, published=published, text=text),
                expected=verb is not None and is_expected(verb),
                venue=venue_of(verb, bounds) if verb is not None else "",
                about=mentioned(resolver, span.start, span.end, speaker),
                confidence=0.85,
                rule=rule,
                verb_i=verb.i if verb is not None else None,
            )
        )
    return found, used_verbs
