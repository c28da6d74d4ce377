"""Attributed statements: direct quotes and reported speech, with their speakers.

Speakers come from the dependency parse (the subject of a speech verb, the agent of a passive,
"according to X"), and pronouns or "the agency" resolve to the entity most recently named as a
subject. A reporter whose clause only carries someone else's speech becomes `reported_by`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from sources.ingest.entities import ORG, PERSON, Entity
from sources.ingest.lexicon import (
    COMMUNICATION_NOUNS,
    NEEDS_PARTICLE,
    ORG_ANAPHORS,
    ORG_PRONOUNS,
    PERSON_ANAPHORS,
    PERSON_PRONOUNS,
    RANK_WORDS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TITLES,
)
from sources.ingest.said_on import date_cue, date_statements, is_expected, occasion_day

MIN_QUOTE_WORDS = 4  # shorter quotes are scare quotes, not statements
VENUE_NOUNS = {
    "interview",
    "hearing",
    "conference",
    "speech",
    "meeting",
    "briefing",
    "appearance",
    "session",
    "summit",
    "address",
    "statement",
    "call",
    "rally",
    "podcast",
    "broadcast",
}
SKIP_CONTENT_DEPS = {
    "nsubj",
    "nsubjpass",
    "aux",
    "auxpass",
    "neg",
    "punct",
    "cc",
    "conj",
    "advcl",
    "mark",
    "agent",
    "npadvmod",
    "prt",
    "advmod",
    "expl",
    "csubj",
}


@dataclass
class StatementFound:
    text_start: int  # folded offsets of the statement text
    text_end: int
    kind: str
    speaker: Entity
    cue: str = ""
    reported_by: Entity | None = None
    about: list[Entity] = field(default_factory=list)
    said_on: dt.date | None = None
    said_on_basis: str = ""
    date_cue: object = None  # a dates.Day, said_on.VAGUE, or None when the text gives no cue
    expected: bool = False  # announced for later, not yet said
    venue: str = ""
    confidence: float = 0.7
    # A quote split around its attribution ("A," he said, "B."): the passages joined.
    parts: list[tuple[int, int]] = field(default_factory=list)
    verb_i: int | None = None
    # Where the sentence before the statement's own begins: what "it" or "the raid" refers to.
    context_start: int | None = None


@dataclass
class Quote:
    start: int  # folded offsets of the words inside the quotation marks
    end: int

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def find_quotes(text: str, original: str, offsets: list[int]) -> list[Quote]:
    """Quoted passages, paragraph by paragraph; curly marks in the original say open or close."""
    quotes: list[Quote] = []
    for para in re.finditer(r"[^\n]+", text):
        opening = None
        for match in re.finditer('"', para.group(0)):
            i = para.start() + match.start()
            mark = original[offsets[i]]
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
    return quotes


class Resolver:
    """Entities at token positions, and the subjects seen so far for pronouns and anaphors."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.at: dict[int, Entity] = {}
        for entity in entities:
            for m in entity.mentions:
                for i in range(m.token_start, m.token_end):
                    self.at[i] = entity
        self.sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        # Office words written before each person's mentions: "the secretary" refers back to
        # the person the text called "Secretary of ...", not to the latest person named.
        self.titles: dict[int, set[str]] = {}
        for entity in entities:
            words = self.titles.setdefault(id(entity), set())
            for m in entity.mentions:
                for token in reversed(doc[max(0, m.token_start - 6) : m.token_start]):
                    if token.is_punct or token.is_space or token.i in self.at:
                        break
                    if token.lower_ in {"and", "or", "with", "the"}:
                        break  # "the secretary and Gen. Roe": the title is someone else's
                    words.add(RANK_WORDS.get(token.lower_, token.lower_))
        # (sentence number, token index, entity, rank: 2 main subject, 1 subject, 0 other)
        self.seen: list[tuple[int, int, Entity, int]] = []
        self.resolved: dict[int, Entity] = {}
        for sent in doc.sents:
            n = self.sent_index[sent.start]
            for token in sent:
                if token.dep_ in {"nsubj", "nsubjpass"}:
                    entity = self.entity_of_phrase(token)
                    if entity is not None:
                        self.resolved[token.i] = entity
                        rank = 2 if token.head.dep_ == "ROOT" else 1
                        self.seen.append((n, token.i, entity, rank))
                elif token.i in self.at and token.head.i not in self.at:
                    self.seen.append((n, token.i, self.at[token.i], 0))

    def entity_of_phrase(self, head: Token) -> Entity | None:
        """The person or organisation a noun phrase names or refers back to."""
        if head.i in self.at:
            return self.at[head.i]
        if head.i in self.resolved:
            return self.resolved[head.i]
        if head.lower_ in TITLES:
            # "said Cmdr. Jane Roe", "the Division's Agent in Charge Jane Roe said": the parser
            # made the office the subject; the person is the name right after it.
            for token in head.doc[head.i + 1 : head.i + 5]:
                if token.i in self.at and self.at[token.i].label == PERSON:
                    return self.at[token.i]
        for child in head.children:
            if child.dep_ in {"compound", "appos", "nmod"} and child.i in self.at:
                return self.at[child.i]
            if child.dep_ == "conj" and child.i in self.at:
                return self.at[child.i]
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            return self.antecedent(head, PERSON, subjects_only=True)
        if lower in ORG_PRONOUNS and head.dep_ in {"nsubj", "nsubjpass"}:
            return self.antecedent(head, ORG, subjects_only=True)
        has_det = any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in head.children)
        modified = any(
            c.dep_ in {"poss", "amod", "compound"}
            and c.pos_ != "PROPN"
            and c.lower_ not in {"us", "u.s."}
            for c in head.children
        )
        if has_det and not modified and head.tag_ in {"NN", "NNP"}:
            if lower in ORG_ANAPHORS:
                return self.antecedent(head, ORG, subjects_only=False)
            if lower in PERSON_ANAPHORS:
                return self.antecedent(head, PERSON, subjects_only=True, title=lower)
        return None

    def antecedent(
        self, token: Token, label: str, *, subjects_only: bool, title: str = ""
    ) -> Entity | None:
        """The latest entity of `label` named before `token`, within three sentences; for
        "the secretary", the latest one whose name came with that title, if any did."""
        n = self.sent_index[token.sent.start]
        titled = {
            id(e)
            for _, i, e, _ in self.seen
            if i < token.i and title and title in self.titles.get(id(e), ())
        }
        best, best_rank = None, None
        for sent_n, i, entity, rank in self.seen:
            if i >= token.i or entity.label != label:
                continue
            if titled:
                if id(entity) not in titled:
                    continue
            elif sent_n < n - 3 or (subjects_only and not rank):
                continue
            # The latest sentence wins; within it, the main clause's subject.
            candidate = (sent_n, rank, i)
            if best_rank is None or candidate > best_rank:
                best, best_rank = entity, candidate
        return best


def subject_of(verb: Token, resolver: Resolver) -> Entity | None:
    """The speaker of a speech verb: its subject, a passive's agent, or its governing verb's."""
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and not is_speech_verb(verb.head):
        # "asserting that the gang was dismantled ... and dismissing it": the parser hangs the
        # second participle on the clause; its speaker is the first participle's.
        verb = next((a for a in verb.ancestors if is_speech_verb(a)), verb)
    if inside_reported_clause(verb):
        return None
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            # The parser can give a verb two subjects, one of them inside the quote.
            found = (resolver.entity_of_phrase(c) for c in reversed(subjects))
            return next((entity for entity in found if entity is not None), None)
        for child in verb.children:
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return resolver.entity_of_phrase(pobj)
        if verb.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and verb.head is not verb:
            verb = verb.head
        else:
            return speaker_before(verb, resolver)
    return None


def inside_reported_clause(verb: Token) -> bool:
    """ "says she will appeal a ruling rejecting the plan": a participle with neither subject
    nor clause of its own, hung on a verb that is itself what someone says, belongs to that
    content. ("He resigned, saying he was tired" hangs on a verb nobody reports: a statement.)
    """
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or is_speech_verb(verb.head):
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "ccomp"} for c in verb.children):
        return False  # its own subject, or its own "that ..." clause: "insisting that ..."
    head = verb.head
    return head.dep_ == "ccomp" and is_speech_verb(head.head)


def speaker_before(verb: Token, resolver: Resolver) -> Entity | None:
    """ "<claim>, Gen. Jane Roe, the chief of the effort, said.": the parser hung the name on
    the claim; the speaker is the name between the claim and the verb."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if clause is None:
        return None
    doc, commas = verb.doc, 0
    for token in reversed(doc[clause.i + 1 : verb.i]):
        commas += token.text == ","
        if commas > 2:
            break
        entity = resolver.at.get(token.i)
        if entity is not None and entity.label == PERSON:
            mention = next(m for m in entity.mentions if m.token_start <= token.i < m.token_end)
            before = mention.token_start - 1
            while before > 0 and doc[before].lower_ in TITLES | {"army", "navy", "u.s."}:
                before -= 1
            return entity if doc[before].text == "," else None
    return None


def according_to(sent: Span, resolver: Resolver) -> tuple[Token, Entity] | None:
    """("according", entity) for "according to X" in the sentence."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(sent.doc):
            nxt = sent.doc[token.i + 1]
            for t in nxt.subtree:
                if t.i in resolver.at:
                    return token, resolver.at[t.i]
            pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                entity = resolver.entity_of_phrase(pobj)
                if entity is not None:
                    return token, entity
    return None


def is_speech_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB"} or lemma not in SPEECH_VERBS:
        return False
    particles = NEEDS_PARTICLE.get(lemma)
    if particles:
        if lemma == "call" and any(c.dep_ in {"oprd", "xcomp"} for c in token.children):
            return True  # "called it a remarkable feat": a characterisation
        return any(c.lower_ in particles for c in token.children if c.dep_ in {"prep", "prt"})
    return True


def content_span(verb: Token, speaker: Entity, resolver: Resolver) -> tuple[int, int] | None:
    """Token range [start, end) of what a speech verb reports."""
    doc = verb.doc
    if verb.dep_ == "acl" and any(c.dep_ == "agent" for c in verb.children):
        tokens = [t.i for t in verb.head.subtree if t.i < verb.i]  # "X confirmed by Y"
        return (min(tokens), max(tokens) + 1) if tokens else None
    children = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if not children:  # "The bridge will reopen in May, the governor said."
        children = [
            c
            for c in verb.children
            if c.dep_ == "ccomp" and not any(t.text == ";" for t in doc[c.right_edge.i : verb.i])
        ]
    if not children:
        children = [
            c
            for c in verb.children
            if c.i > verb.i
            and (c.dep_ not in SKIP_CONTENT_DEPS or is_infinitive(c))
            and not is_circumstance(c)
        ]
    if verb.lemma_ == "call":
        children = [c for c in verb.children if c.dep_ in {"oprd", "xcomp"}] or children
    if not children:
        return None
    start = min(c.left_edge.i for c in children)
    end = max(c.right_edge.i for c in children) + 1
    if end > verb.i > start:
        # "<claim>, Gen. Jane Roe, the chief, said": the claim ends before its speaker.
        speaker_at = [i for i in range(start, verb.i) if resolver.at.get(i) is speaker]
        end = speaker_at[0] if speaker_at else end
    for child in children:
        mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ == "that"), None)
        if mark is not None and mark.i >= start:
            start = mark.i + 1
    for token in doc[start:end]:
        # Stop where the same speaker's next statement begins ("..., although he will warn").
        if token.i != verb.i and is_speech_verb(token) and subject_of(token, resolver) is speaker:
            end = min(end, token.left_edge.i)
            break
    while start < end and (
        doc[start].lower_ in {"that", ",", "-"} or doc[start].is_punct and doc[start].text != '"'
    ):
        start += 1
    while end > start and (
        doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct and doc[end - 1].text not in {'"', "."}
    ):
        end -= 1
    return (start, end) if end > start else None


def is_infinitive(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def is_circumstance(token: Token) -> bool:
    """A prepositional phrase saying where or when ("in a radio interview", "on Tuesday")."""
    if token.dep_ != "prep" or token.lower_ not in {"in", "during", "at", "on", "before"}:
        return False
    sub = list(token.subtree)
    return any(
        t.lemma_.lower() in VENUE_NOUNS or t.ent_type_ in {"DATE", "TIME", "FAC"} for t in sub
    )


def venue_of(verb: Token, content: tuple[int, int]) -> str:
    """Where it was said: "in a radio interview", "at the Capitol"."""
    for child in verb.children:
        if content[0] <= child.i < content[1]:
            continue
        if child.dep_ == "prep" and child.lower_ in {"at", "in", "during", "before"}:
            sub = list(child.subtree)
            nouns = {t.lemma_.lower() for t in sub if t.pos_ == "NOUN"}
            if nouns & VENUE_NOUNS or any(t.ent_type_ in {"FAC", "ORG"} for t in sub):
                span = verb.doc[sub[0].i : sub[-1].i + 1]
                return span.text[len(child.text) :].strip()[:300]
    return ""


def find_statements(
    doc: Doc, entities: list[Entity], *, original: str, offsets: list[int], published=None
) -> list[StatementFound]:
    resolver = Resolver(doc, entities)
    text = doc.text
    quotes = [q for q in find_quotes(text, original, offsets) if q.words(text) >= MIN_QUOTE_WORDS]
    found: list[StatementFound] = []
    used_verbs: set[int] = set()

    # Direct quotes.
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
        speaker, cue, verb = None, "", None
        for candidate in verbs:
            speaker = subject_of(candidate, resolver)
            if speaker is not None:
                verb, cue = candidate, candidate.text
                break
        sent = span.sent
        if speaker is None:
            according = according_to(sent, resolver)
            if according:
                speaker, cue = according[1], "according to"
        if speaker is None:
            speaker = written_by(sent, resolver, inside)
            cue = "wrote" if speaker else ""
        if speaker is None:
            speaker = layout_speaker(doc, span, resolver)
            cue = "" if speaker is None else "said"
        if speaker is None and not verbs:
            speaker = continued_speaker(doc, quote, found, resolver)
            cue = found[-1].cue if speaker is not None else ""
        if speaker is None:
            continue
        if verb is not None:
            used_verbs.add(verb.i)
            last = found[-1] if found else None
            if last is not None and last.verb_i == verb.i and last.speaker is speaker:
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
                verb_i=verb.i if verb is not None else None,
            )
        )

    # Reported speech.
    for token in doc:
        if token.i in used_verbs or not is_speech_verb(token):
            continue
        speaker = subject_of(token, resolver)
        if speaker is None:
            continue
        bounds = content_span(token, speaker, resolver)
        if bounds is None or not meaningful(doc[bounds[0] : bounds[1]]):
            continue
        content = doc[bounds[0] : bounds[1]]
        if carries_other_speech(content, speaker, resolver):
            continue
        quoted = sum(
            q.end - q.start for q in quotes if content.start_char <= q.start < content.end_char
        )
        kind = "mixed" if quoted else "indirect"
        if quoted > 0.8 * len(content.text):
            continue  # a direct quote introduced by "that": kept above
        reporter = reporter_of(token, speaker, resolver)
        found.append(
            StatementFound(
                content.start_char,
                content.end_char,
                kind,
                speaker,
                cue=cue_of(token),
                reported_by=reporter,
                date_cue=date_cue(token, bounds, token.sent, published=published, text=text),
                expected=is_expected(token),
                venue=venue_of(token, bounds),
                about=mentioned(resolver, content.start, content.end, speaker),
                confidence=0.65,
            )
        )

    found += speech_nouns(doc, resolver)
    found += according_to_statements(doc, resolver, found)
    found = dedupe(found, text)
    for statement in found:
        statement.context_start = context_start(doc, statement.text_start)
    date_statements(found, occasion=occasion_day(doc, published=published), published=published)
    return found


def context_start(doc: Doc, at: int, sentences: int = 2) -> int:
    """Where the statement's context begins: up to two sentences before the one holding
    character `at`, within its paragraph."""
    span = doc.char_span(at, min(at + 1, len(doc.text)), alignment_mode="expand")
    sent = (span[0] if span else doc[-1]).sent
    for _ in range(sentences):
        if sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws:
            break
        sent = doc[sent.start - 1].sent
    return sent.start_char


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


def layout_speaker(doc: Doc, quote: Span, resolver: Resolver) -> Entity | None:
    """Press-release layouts with no speech verb: `"…" – Commissioner X` (a dash after the
    quote) and `From Chairwoman Y:` (a colon before it, in the same or the previous line)."""
    after = quote.end
    while after < len(doc) and doc[after].is_punct and doc[after].text not in "-–—":
        after += 1
    if after + 1 < len(doc) and doc[after].text in {"-", "–", "—"}:
        for token in doc[after + 1 : min(len(doc), after + 6)]:
            if token.i in resolver.at and resolver.at[token.i].label == PERSON:
                return resolver.at[token.i]
            if "\n" in token.whitespace_:
                break
    before = quote.start - 1
    while before >= 0 and (
        doc[before].is_punct and doc[before].text != ":" or doc[before].is_space
    ):
        before -= 1
    if before > 0 and doc[before].text == ":":
        for token in reversed(doc[max(0, before - 8) : before]):
            if token.i in resolver.at:
                return resolver.at[token.i]
            if token.is_sent_start or "\n" in token.whitespace_:
                break
    return None


def continued_speaker(doc: Doc, quote: Quote, found: list, resolver: Resolver) -> Entity | None:
    """The speaker of the quote just before, for a quote with no attribution of its own that
    continues it: `"A," said X. "B."`, or the next paragraph of the same speech."""
    last = next((s for s in reversed(found) if s.kind == "direct"), None)
    if last is None or quote.start - last.text_end > 400:
        return None
    between = doc.text[last.text_end : quote.start]
    if between.count("\n\n") > 1 or (between.count("\n") > 2 and "\n\n" not in between):
        return None
    span = doc.char_span(last.text_end, quote.start, alignment_mode="expand")
    others = {
        id(e)
        for t in span or []
        if (e := resolver.at.get(t.i)) is not None and e.label == PERSON and e is not last.speaker
    }
    return None if others else last.speaker


def written_by(sent: Span, resolver: Resolver, inside: set[int]) -> Entity | None:
    """'The State Department readout ... "quote"': the organisation behind a written statement."""
    for token in sent:
        if token.i in inside or token.lemma_.lower() not in COMMUNICATION_NOUNS:
            continue
        if token.dep_ in {"nsubj", "nsubjpass"}:
            for child in token.children:
                if child.i in resolver.at and child.dep_ in {"compound", "poss", "nmod"}:
                    return resolver.at[child.i]
    return None


def reporter_of(verb: Token, speaker: Entity, resolver: Resolver) -> Entity | None:
    """Who reported this speech: "according to X", or the subject of a reporting verb above it."""
    according = according_to(verb.sent, resolver)
    if according and according[1] is not speaker:
        return according[1]
    for ancestor in verb.ancestors:
        if is_speech_verb(ancestor):
            other = subject_of(ancestor, resolver)
            if other is not None and other is not speaker:
                return other
    return None


def carries_other_speech(content: Span, speaker: Entity, resolver: Resolver) -> bool:
    """True when the content is itself someone else's attributed speech (a reporting chain)."""
    for token in content:
        if is_speech_verb(token):
            other = subject_of(token, resolver)
            if other is not None and other is not speaker:
                return True
    return False


def meaningful(content: Span) -> bool:
    words = [t for t in content if t.is_alpha]
    if len(words) < 2:
        return False
    return not all(t.pos_ in {"PRON", "DET"} for t in words)


def cue_of(verb: Token) -> str:
    """The speech verb with its auxiliaries and particle: "has declared", "called for"."""
    parts = [c.text for c in verb.children if c.dep_ in {"aux", "neg"} and c.i < verb.i]
    wanted = NEEDS_PARTICLE.get(verb.lemma_.lower(), set())
    particle = next(
        (
            c.text
            for c in verb.children
            if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in wanted)
        ),
        None,
    )
    return " ".join([*parts, verb.text, *([particle] if particle else [])])[:100]


def mentioned(resolver: Resolver, start: int, end: int, speaker: Entity) -> list[Entity]:
    seen: dict[int, Entity] = {}
    for i in range(start, end):
        entity = resolver.at.get(i)
        if entity is not None and entity is not speaker:
            seen.setdefault(id(entity), entity)
    return list(seen.values())


def speech_nouns(doc: Doc, resolver: Resolver) -> list[StatementFound]:
    """ "X's assertion of ...", "his stance that ...": nouns of speech with their owner."""
    found = []
    for token in doc:
        if token.lemma_.lower() not in SPEECH_NOUNS or token.pos_ != "NOUN":
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        speaker = resolver.entity_of_phrase(owner)
        if speaker is None:
            continue
        parts = [
            c
            for c in token.children
            if c.dep_ in {"prep", "acl", "ccomp", "relcl"}
            and c.i > token.i
            and (c.dep_ != "prep" or c.lower_ == "of")
        ]
        if not parts:
            continue
        start = min(c.left_edge.i for c in parts)
        end = max(c.right_edge.i for c in parts) + 1
        if doc[start].lower_ in {"of", "that"}:
            start += 1
        content = doc[start:end]
        if meaningful(content):
            found.append(
                StatementFound(
                    content.start_char,
                    content.end_char,
                    "indirect",
                    speaker,
                    cue=token.text,
                    about=mentioned(resolver, start, end, speaker),
                    confidence=0.5,
                )
            )
    return found


def according_to_statements(doc: Doc, resolver: Resolver, found) -> list[StatementFound]:
    """ "According to X, <claim>" with no speech verb of its own: X is the speaker of the claim."""
    out = []
    covered = {(s.text_start, s.text_end) for s in found}
    direct = [s for s in found if s.kind == "direct"]
    for sent in doc.sents:
        according = according_to(sent, resolver)
        if according is None:
            continue
        if any(sent.start_char <= s.text_start < sent.end_char for s in direct):
            continue
        if any(is_speech_verb(t) and subject_of(t, resolver) for t in sent):
            continue
        token, speaker = according
        phrase = list(token.subtree) if token.dep_ == "prep" else [token]
        last = max(t.i for t in phrase)
        start = last + 1
        while start < sent.end and doc[start].is_punct:
            start += 1
        end = sent.end
        while end > start and doc[end - 1].is_punct and doc[end - 1].text != '"':
            end -= 1
        if token.i > start:  # "..., according to X." at the end
            start, end = sent.start, token.i
            while end > start and doc[end - 1].is_punct:
                end -= 1
        content = doc[start:end]
        if not meaningful(content) or (content.start_char, content.end_char) in covered:
            continue
        out.append(
            StatementFound(
                content.start_char,
                content.end_char,
                "indirect",
                speaker,
                cue="according to",
                about=mentioned(resolver, start, end, speaker),
                confidence=0.55,
            )
        )
    return out


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
            and (o.text_start <= s.text_start and s.text_end <= o.text_end or same_claim(w, mine))
            for o, w in zip(out, words, strict=True)
        ):
            continue
        out.append(s)
        words.append(mine)
    return out


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{3,}", text.lower()) if w not in STOP_WORDS}


def same_claim(a: set[str], b: set[str]) -> bool:
    """Most of the shorter one's content words are the longer one's (at least four)."""
    small, large = sorted((a, b), key=len)
    return len(small) >= 4 and len(small & large) >= 0.8 * len(small)
