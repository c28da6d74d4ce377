"""Reported speech: what a speech verb, a speech noun ("a statement saying ...") or "according
to X" reports, and who reported it when the clause only carries someone else's words."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from sources.ingest.actors import Entity
from sources.ingest.lexicon import (
    DASH_MARKS,
    NEEDS_PARTICLE,
    SPEECH_NOUNS,
)
from sources.ingest.said_on import date_cue, is_expected
from sources.ingest.speakers import (
    Resolver,
    according_to,
    mentioned,
    reporter_of,
    subject_of,
    title_start,
)
from sources.ingest.speech import (
    MIN_QUOTE_WORDS,
    VENUE_NOUNS,
    StatementFound,
    is_speech_verb,
    quoted_tokens,
    venue_of,
)
from sources.ingest.textnorm import sentence_of, sentences, text_of, tokens

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


def content_span(verb: Token, speaker: Entity, resolver: Resolver) -> tuple[int, int] | None:
    """Token range [start, end) of what a speech verb reports."""
    doc = verb.doc
    if verb.dep_ == "acl" and any(c.dep_ == "agent" for c in verb.children):
        before = [t.i for t in verb.head.subtree if t.i < verb.i]  # "X confirmed by Y"
        return (min(before), max(before) + 1) if before else None
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
            # "told the Harbour Times": whom she told, not what
            and not (verb.lemma_ == "tell" and c.dep_ in {"dobj", "dative"})
        ]
    if verb.lemma_ == "call":
        children = [c for c in verb.children if c.dep_ in {"oprd", "xcomp"}] or children
    if not children:
        return clause_before(verb)
    start = min(c.left_edge.i for c in children)
    end = max(c.right_edge.i for c in children) + 1
    if all(c.dep_ == "ccomp" for c in children):
        end = contrasted_end(verb, end)
    if end >= verb.i > start:
        # "<claim>, Gen. Jane Roe, the chief, said": the claim ends before its speaker.
        speaker_at = [i for i in range(start, verb.i) if resolver.at.get(i) is speaker]
        end = title_start(doc, speaker_at[0]) if speaker_at else end
    subject = {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
    if start < verb.i < end and all(
        t.lower_ in {"whom", "who", "which", "that"} or t.i in subject for t in doc[start : verb.i]
    ):
        start = verb.i + 1  # "lieutenants [whom Treasury said] had engaged in the trade"
    for child in children:
        mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ == "that"), None)
        if mark is not None and mark.i >= start:
            start = mark.i + 1
    for token in doc[start:end]:
        # Stop where the same speaker's next statement begins ("..., although he will warn"),
        # not at what this one reports ("said that she asked the navy to ...").
        if any(token.i == c.i for c in children):
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            continue  # "asked the navy to meet ... to discuss": part of what was said
        if names_it(token):
            continue
        if token.i != verb.i and is_speech_verb(token) and subject_of(token, resolver) is speaker:
            end = min(end, token.left_edge.i)
            break
    start = after_dateline(doc, start, end)
    for token in doc[start + 1 : end - 1]:
        # "<claim>," according to a determination sent on Monday": where the claim was read
        if token.lower_ == "according" and doc[token.i + 1].lower_ == "to":
            comma = token.i - (2 if doc[token.i - 1].text == '"' else 1)
            if doc[comma].text == ",":
                end = comma
                break
    while start < end and (
        doc[start].lower_ in {"that", ",", "-"} or doc[start].is_punct and doc[start].text != '"'
    ):
        start += 1
    while end > start and (
        doc[end - 1].dep_ == "cc"
        or doc[end - 1].is_space
        or doc[end - 1].is_punct
        and doc[end - 1].text not in {'"', "."}
    ):
        end -= 1
    return (start, end) if end > start else None


def clause_before(verb: Token) -> tuple[int, int] | None:
    """ "X is designating two groups as terrorists, Secretary Roe announced in Quito": the
    parser hung the speech verb on the claim before it, which is what was said."""
    doc, head = verb.doc, verb.head
    # (a "conj" too, when only a comma stands between: "..., and Roe announced" is two acts)
    if verb.dep_ not in {"advcl", "parataxis", "conj"} or head.i > verb.i or head.dep_ != "ROOT":
        return None
    comma = verb.left_edge.i if verb.left_edge.text == "," else verb.left_edge.i - 1
    if comma <= head.left_edge.i or doc[comma].text != ",":
        return None
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i for c in verb.children):
        return None  # "..., adding": the same subject's second act, not an inverted report
    return head.left_edge.i, comma


def contrasted_end(verb: Token, end: int) -> int:
    """ "says inflation will rise, but unemployment to fall", "wanted reforms not for himself
    but for fair elections": the model hung the second half of the claim on the speech verb.
    Only a half with no verb of its own: "said X, but the court disagreed" is the reporter's.
    """
    doc = verb.doc
    # the "but" right after the claim, or the claim's last word when the model gave it the "but"
    joints = [
        i for i in (end - 1, end, end + 1) if i < len(doc) and doc[i].lower_ in {"but", "and"}
    ]
    if not joints or any(t.text != "," for t in doc[end : joints[0]]):
        return end
    i = joints[0]
    for child in verb.children:
        if child.dep_ in {"conj", "prep"} and child.left_edge.i == i + 1:
            return end if child.pos_ in {"VERB", "AUX"} else child.right_edge.i + 1
    return end


def after_dateline(doc: Doc, start: int, end: int) -> int:
    """Where content that opens a paragraph begins after its dateline ("LAREDO, Texas – ")."""

    def dateline_word(token: Token) -> bool:
        return token.is_punct or token.pos_ == "PROPN" or token.is_upper

    line = start  # the content may begin inside the dateline: "[LAREDO,] Texas – ..."
    while line > 0 and "\n" not in doc[line - 1].text_with_ws and dateline_word(doc[line - 1]):
        line -= 1
    if line > 0 and "\n" not in doc[line - 1].text_with_ws:
        return start
    for token in doc[start : min(end, start + 6)]:
        if token.text in DASH_MARKS:
            return token.i + 1
        if not dateline_word(token):
            break
    return start


def is_infinitive(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def names_it(verb: Token) -> bool:
    """ "a vessel carrying what he described as a drug shipment": a name the speaker gives a
    thing inside another claim, not a statement of its own."""
    return verb.lemma_.lower() in {"describe", "call", "term", "label", "characterize"} and any(
        c.lower_ == "what" and c.dep_ == "dobj" for c in verb.children
    )


def is_purpose(verb: Token) -> bool:
    """ "aid to respond to the crisis", "a plan to announce cuts": an infinitive without a
    clause of its own says what is meant to be said, not what was ("went on to say that ...")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not any(
        c.dep_ == "ccomp" for c in verb.children
    )


def is_circumstance(token: Token) -> bool:
    """A prepositional phrase saying where or when ("in a radio interview", "on Tuesday")."""
    if token.dep_ != "prep" or token.lower_ not in {"in", "during", "at", "on", "before", "after"}:
        return False
    if any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in token.children):
        return True  # "announced X after meeting Y": when, not what
    sub = list(token.subtree)
    return any(
        t.lemma_.lower() in VENUE_NOUNS or t.ent_type_ in {"DATE", "TIME", "FAC", "GPE", "LOC"}
        for t in sub
    )


def carries_other_speech(content: Span, speaker: Entity, resolver: Resolver) -> bool:
    """True when the content is itself someone else's attributed speech (a reporting chain)."""
    for token in content:
        if is_speech_verb(token):
            other = subject_of(token, resolver)
            if other is not None and other is not speaker:
                return True
    return False


WHERE_WORDS = {"on", "in", "at", "via", "through", "during"}


def meaningful(content: Span) -> bool:
    words = [t for t in content if t.is_alpha]
    if len(words) < 2:
        return False
    if (
        words[0].lower_ in {"this", "that", "these", "it"}
        and words[0].dep_ == "dobj"
        and not any(t.lower_ == "as" for t in words)
    ):
        # "disclosed this yesterday in the capital": what it refers to went before (but
        # "described it as a fiction" says something of it)
        return False
    if content[0].dep_ == "prep" and content[0].lower_ in WHERE_WORDS and len(words) <= 3:
        return False  # "Writing on X, Roe said": where the words went, not what they were
    if content[0].lower_ == "whether":
        return False  # "did not say whether ...", "was asked whether ...": a question, not a claim
    return not all(t.pos_ in {"PRON", "DET"} for t in words)


def says_more(content: Span, quotes: list) -> bool:
    """Whether the words around the quotes in a clause say something of their own: "the
    drills were part of a response to "a more assertive Russia"", not "no one would "be left
    in the streets"" nor "the treaty "applies to ..."" (NOTES rule 6: the quote is then the
    whole predicate)."""

    def quoted(t: Token) -> bool:
        return any(q.start <= t.idx < q.end for q in quotes)

    # Words that hang on the quoted ones (their subject, "two days earlier") only frame them.
    outside = [
        t
        for t in content
        if t.is_alpha and not quoted(t) and not any(quoted(a) for a in t.ancestors)
    ]
    return (
        len(outside) >= 4
        and any(t.pos_ in {"NOUN", "PROPN"} for t in outside)
        and any(t.pos_ in {"VERB", "AUX"} for t in outside)
    )


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


def speech_nouns(doc: Doc, quotes: list, resolver: Resolver) -> list[StatementFound]:
    """ "X's assertion of ...", "his stance that ...": nouns of speech with their owner (not
    inside someone's quoted words: "'...on the President's pledge to ...,' Roe said")."""
    found = []
    quoted = quoted_tokens(doc, quotes)
    for token in tokens(doc):
        if token.lemma_.lower() not in SPEECH_NOUNS or token.pos_ != "NOUN":
            continue
        if token.i in quoted:
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
                    rule="speech noun",
                )
            )
    return found


def according_to_statements(
    doc: Doc, resolver: Resolver, found, *, published=None
) -> list[StatementFound]:
    """ "According to X, <claim>" with no speech verb of its own: X is the speaker of the claim,
    dated by the sentence's own cue like any statement."""
    out = []
    covered = {(s.text_start, s.text_end) for s in found}
    direct = [s for s in found if s.kind == "direct"]
    for sent in sentences(doc):
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
        if token.i > start or not any(t.is_alpha for t in doc[start:end]):
            # "..., according to X." at the end: the claim is what comes before
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
                date_cue=date_cue(None, (start, end), sent, published=published, text=doc.text),
                about=mentioned(resolver, start, end, speaker),
                confidence=0.55,
                rule="according to",
            )
        )
    return out


def reported_speech(
    doc: Doc, quotes: list, resolver: Resolver, *, skip_verbs: set[int], published
) -> list[StatementFound]:
    """A statement per speech verb with a speaker and a meaningful content ("said that ...");
    "mixed" when the content quotes some of its words."""
    text = text_of(doc)
    found: list[StatementFound] = []
    inside_quotes = quoted_tokens(doc, quotes)
    for token in tokens(doc):
        if not is_speech_verb(token):
            continue
        if token.i in inside_quotes:
            continue  # "... we come, say what we have to ...": part of someone's quoted words
        if is_purpose(token) or names_it(token):
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
        within = [q for q in quotes if content.start_char <= q.start < content.end_char]
        if token.i in skip_verbs and not (within and says_more(content, within)):
            continue  # the verb attributes a quote and reports nothing of its own
        quoted = sum(q.end - q.start for q in within)
        if quoted > 0.8 * len(content.text):
            # A direct quote introduced by "that" (kept above), or one too short to be a
            # statement (`"It hurts," said X.`): neither is reported speech.
            continue
        long_quotes = [q for q in within if q.words(text) >= MIN_QUOTE_WORDS]
        kind = "mixed" if long_quotes else "indirect"
        reporter = reporter_of(token, speaker, resolver)
        found.append(
            StatementFound(
                content.start_char,
                content.end_char,
                kind,
                speaker,
                cue=cue_of(token),
                reported_by=reporter,
                date_cue=date_cue(
                    token, bounds, sentence_of(doc, token.i), published=published, text=text
                ),
                expected=is_expected(token),
                venue=venue_of(token, bounds),
                about=mentioned(resolver, content.start, content.end, speaker),
                confidence=0.65,
                rule="speech verb",
            )
        )
    return found
