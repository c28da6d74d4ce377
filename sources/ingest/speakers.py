"""Who said it: the subject of a speech verb, the agent of a passive, "according to X", a
press-release layout, the speaker of the previous quote; pronouns and "the agency" resolve to
the entity most recently named as a subject."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from sources.ingest.actors import ORG, PERSON, Entity
from sources.ingest.lexicon import (
    COMMUNICATION_NOUNS,
    DASH_MARKS,
    ORG_ANAPHORS,
    ORG_PRONOUNS,
    PERSON_ANAPHORS,
    PERSON_PRONOUNS,
    RANK_WORDS,
    TITLES,
)
from sources.ingest.places import territory
from sources.ingest.speech import Quote, is_speech_verb, quoted_tokens
from sources.ingest.textnorm import sentence_index, sentence_of, sentences, text_of


class Resolver:
    """Entities at token positions, and the subjects seen so far for pronouns and anaphors."""

    def __init__(self, doc: Doc, entities: list[Entity], quotes: list[Quote] = ()):
        self.doc = doc
        self.at: dict[int, Entity] = {}
        for entity in entities:
            for m in entity.mentions:
                for i in range(m.token_start, m.token_end):
                    self.at[i] = entity
        # Office words written before each person's mentions: "the secretary" refers back to
        # the person the text called "Secretary of ...", not to the latest person named.
        self.titles: dict[int, set[str]] = {}
        # Bodies named just before a person's name ("the SDSM party Jane Roe", "Pentagon
        # spokesman John Roe"): "the SDSM leader said" is that person, not the party.
        self.bodies: dict[int, set[int]] = {}
        for entity in entities:
            words = self.titles.setdefault(id(entity), set())
            for m in entity.mentions:
                for token in reversed(doc[max(0, m.token_start - 6) : m.token_start]):
                    if token.i in self.at and self.at[token.i].label == ORG:
                        self.bodies.setdefault(id(entity), set()).add(id(self.at[token.i]))
                    if token.is_punct or token.is_space or token.i in self.at:
                        break
                    if token.lower_ in {"and", "or", "with", "the"}:
                        break  # "the secretary and Gen. Roe": the title is someone else's
                    words.add(RANK_WORDS.get(token.lower_, token.lower_))
        # (sentence number, token index, entity, rank: 2 main subject, 1 subject, 0 other)
        self.seen: list[tuple[int, int, Entity, int]] = []
        self.resolved: dict[int, Entity] = {}
        # A name inside quotation marks is what the speaker talks about: never who "he" is.
        quoted = quoted_tokens(doc, quotes)
        for n, sent in enumerate(sentences(doc)):
            for token in sent:
                if token.i in quoted:
                    continue
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
            named = self.at[head.i]
            return (named.label == ORG and self.person_after_office(head.i)) or named
        if head.i in self.resolved:
            return self.resolved[head.i]
        if head.lower_ in TITLES:
            # "said Cmdr. Jane Roe", "the Division's Agent in Charge Jane Roe said": the parser
            # made the office the subject; the person is the name right after it.
            # ("ICE Senior Official Performing the Duties of the Director Jane Roe said")
            for token in head.doc[head.i + 1 : head.i + 10]:
                if token.i in self.at and self.at[token.i].label == PERSON:
                    return self.at[token.i]
                if not (
                    token.is_title
                    or token.is_upper  # ("Deputy Ambassador to the UN Jane Roe said")
                    or token.lower_ in {"of", "the", "in", "for", "and", "to"}
                ):
                    break  # "The Secretary of State is meeting Jane Roe": someone else
        for child in head.children:
            if any(t.text in DASH_MARKS for t in head.doc[child.i + 1 : head.i]):
                continue  # "BISHKEK (Reuters) - Opposition groups said": a dateline's credit
            if child.dep_ in {"compound", "appos", "nmod"} and child.i in self.at:
                body = self.at[child.i]
                if child.dep_ != "appos" and body.label == ORG and head.lower_ in PERSON_ANAPHORS:
                    # "the SDSM leader said": who held it; "the Pentagon chief said", named
                    # without the body before, the latest person; "a Pentagon spokesman said",
                    # someone unnamed, the body (NOTES rule 4)
                    definite = any(c.lower_ == "the" for c in head.children)
                    again = definite and self.antecedent(head, PERSON, subjects_only=True)
                    return self.holder(head, body) or again or body
                return body
            if child.dep_ == "conj" and child.i in self.at:
                return self.at[child.i]
            if child.dep_ == "poss" and child.i in self.at and self.at[child.i].label == ORG:
                body = self.at[child.i]
                if head.lower_ in PERSON_ANAPHORS:
                    return self.holder(head, body) or body  # "the Navy's spokesman said"
                if head.lemma_.lower() in BODY_PARTS:
                    return body  # "the United Nations' human rights body said"
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            return self.antecedent(head, PERSON, subjects_only=True)
        if lower in ORG_PRONOUNS and head.dep_ in {"nsubj", "nsubjpass"}:
            return self.antecedent(head, ORG, subjects_only=True)
        has_det = any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in head.children)
        # "the agency" refers back; "the Defense Department", a name the model missed, does not.
        # "the attorney general", "the foreign minister": lower-case words are part of the
        # office the anaphor repeats.
        office = tuple(
            c.lower_ for c in head.children if c.dep_ in {"amod", "compound"} and c.is_lower
        )
        # "the country's president": a country's office holder, named earlier.
        country = any(c.dep_ == "poss" and territory(c.text) for c in head.children)
        modified = any(
            c.dep_ in {"poss", "amod", "compound"}
            and c.lower_ not in {"us", "u.s.", *office}
            and not (country and c.dep_ == "poss")
            for c in head.children
        )
        if (has_det or country) and not modified and head.tag_ in {"NN", "NNP"}:
            if lower in ORG_ANAPHORS and not country:
                return self.antecedent(head, ORG, subjects_only=False)
            if lower in DOCUMENT_NOUNS and not country:
                # "the statement also said": the body that issued it, the latest body that
                # was a subject (a person named since is more often what it is about)
                return self.antecedent(head, ORG, subjects_only=True)
            if lower in PERSON_ANAPHORS:
                title = (*office, lower)
                return self.antecedent(head, PERSON, subjects_only=True, title=title)
        if head.tag_ == "NNP" and head.is_title and not modified and not territory(head.text):
            return self.body_named_by_word(head.text)
        return None

    def body_named_by_word(self, word: str) -> Entity | None:
        """ "the Treasury said" after "the US Treasury Department": the one body named here
        whose name has that word."""
        bodies = {
            id(e): e
            for e in self.at.values()
            if e.label == ORG and any(word in name.split() for name in (e.name, *e.aliases))
        }
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def person_after_office(self, i: int) -> Entity | None:
        """ "announced Drug Enforcement Administration (DEA) Special Agent in Charge Jane Roe":
        the body at token `i` opens the office of the person named after it."""
        doc, body = self.doc, self.at[i]
        while i < len(doc) and self.at.get(i) is body:
            i += 1
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            i += 3  # its acronym
        office = False
        for token in doc[i : i + 12]:
            named = self.at.get(token.i)
            if named is not None:
                return named if named.label == PERSON and office else None
            if token.lower_ in TITLES and not token.is_lower:
                office = True  # "Special Agent in Charge", "Senior Official Performing the
            elif not (token.is_title or token.lower_ in {"in", "of", "the", "for"}):
                return None  # Duties of the Director": capitalised words and small ones
        return None

    def holder(self, head: Token, body: Entity) -> Entity | None:
        """The latest person named before `head` with `body` just before their name."""
        # `seen` is in text order: the last match before `head` is the latest.
        people = [
            e
            for _, i, e, _ in self.seen
            if i < head.i and e.label == PERSON and id(body) in self.bodies.get(id(e), ())
        ]
        return people[-1] if people else None

    def antecedent(
        self, token: Token, label: str, *, subjects_only: bool, title: tuple[str, ...] = ()
    ) -> Entity | None:
        """The latest entity of `label` named before `token`, within three sentences; for
        "the secretary", the latest one whose name came with that title, if any did."""
        n = sentence_index(self.doc, token.i)
        # A body is named again further on than a person: "the agency noted" after a
        # spokesperson's quote of several sentences.
        window = 6 if label == ORG else 3
        titled = {
            id(e)
            for _, i, e, _ in self.seen
            if i < token.i and title and set(title) <= self.titles.get(id(e), set())
        }
        best, best_rank = None, None
        for sent_n, i, entity, rank in self.seen:
            if i >= token.i or entity.label != label:
                continue
            if titled:
                if id(entity) not in titled:
                    continue
            elif sent_n < n - window or (subjects_only and not rank):
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
        if verb.dep_ == "relcl" and any(c.lower_ in {"who", "which", "that"} for c in subjects):
            # "Jane Roe, who claimed that ...": the relative pronoun is the name it follows
            return resolver.entity_of_phrase(verb.head)
        if subjects:
            # The parser can give a verb two subjects, one of them inside the quote.
            found = (resolver.entity_of_phrase(c) for c in reversed(subjects))
            named = next((entity for entity in found if entity is not None), None)
            # (the parser may take a word after the name for the subject)
            return named or speaker_after_verb(verb, resolver)
        if (inverted := speaker_after_verb(verb, resolver)) is not None:
            return inverted
        for child in verb.children:
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return resolver.entity_of_phrase(pobj)
        if verb.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and verb.head is not verb:
            verb = verb.head
        elif (
            verb.dep_ == "acl"
            and verb.tag_ == "VBG"
            and verb.head.lemma_.lower() in COMMUNICATION_NOUNS
            and verb.head.head is not verb.head
        ):
            verb = verb.head.head  # "X issued a statement saying ...": the issuer speaks
        else:
            return speaker_before(verb, resolver)
    return None


# What a speaker issues, that "says" in turn: "the statement also said", "the release said".
DOCUMENT_NOUNS = {"statement", "release", "communique", "communiqu\u00e9", "readout"}
# Nouns for a part of an organisation that speaks for it.
BODY_PARTS = {"body", "office", "arm", "wing", "agency", "ministry", "department", "unit"}


def speaker_after_verb(verb: Token, resolver: Resolver) -> Entity | None:
    """`"…," praised Jane Roe.` and `<claim>, announced Jane Roe.`: after what is said, the
    speaker follows the verb, and the parser may take the name for the verb's object."""
    doc = verb.doc
    if verb.i < 2:
        return None
    before = doc[verb.i - 1].text
    after_quote = before == '"' and doc[verb.i - 2].text in {",", "?", "!"}
    after_claim = before == "," and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)
    if not (after_quote or after_claim):
        return None
    objects = (c for c in verb.rights if c.dep_ in {"dobj", "attr", "oprd", "npadvmod"})
    found = next((e for c in objects if (e := resolver.entity_of_phrase(c)) is not None), None)
    if found is None and after_quote:
        # `"…," said Jane Roe of the X group`: the parser may hang the name on a later verb;
        # a name right after the verb (past any title) is still the speaker.
        for token in doc[verb.i + 1 : verb.i + 8]:
            if token.i in resolver.at:
                return resolver.at[token.i]
            if not (token.is_title or token.lower_ in TITLES):
                break
    return found


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
            before = title_start(doc, mention.token_start) - 1
            return entity if doc[before].text == "," else None
    return None


def title_start(doc: Doc, name_start: int) -> int:
    """Where the title before a name begins: "[Treasury Secretary] Jane Roe", "[Army Gen.]
    Jane Roe" (title words, and the capitalised words the parser hangs on them)."""
    start = name_start
    while start > 0 and (
        doc[start - 1].lower_ in TITLES | {"army", "navy", "u.s."}
        or (doc[start - 1].is_title and doc[start - 1].dep_ == "compound")
    ):
        start -= 1
    return start


def according_to(sent: Span, resolver: Resolver) -> tuple[Token, Entity] | None:
    """("according", entity) for "according to X" in the sentence."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(sent.doc):
            nxt = sent.doc[token.i + 1]
            named = [resolver.at[t.i] for t in nxt.subtree if t.i in resolver.at]
            if named:
                # "according to DEA Administrator Jane Roe": the person who holds the office
                people = [e for e in named if e.label == PERSON]
                return token, (people or named)[0]
            pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                entity = resolver.entity_of_phrase(pobj)
                if entity is not None:
                    return token, entity
    return None


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
        line = line_before(doc, before + 1)
        named = statement_from(line, resolver)
        if named is not None:
            return named
        for token in reversed(doc[max(0, before - 8) : before]):
            if token.i in resolver.at:
                return resolver.at[token.i]
            if token.is_sent_start or "\n" in token.whitespace_:
                break
        return introducer(doc[before].sent, resolver)
    if before > 0 and "\n" in doc[before + 1 : quote.start].text:
        # `X released the following statement on Y.` ending the paragraph above the quote
        line = line_before(doc, before + 1)
        if any(t.lower_ == "following" for t in line) and any(
            t.lemma_.lower() in COMMUNICATION_NOUNS for t in line
        ):
            return statement_from(line, resolver) or introducer(line, resolver)
    return None


def line_before(doc: Doc, end: int) -> Span:
    """The paragraph (line) that ends at token `end`."""
    start = end - 1
    while start > 0 and not (doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_):
        start -= 1
    return doc[start:end]


def statement_from(line: Span, resolver: Resolver) -> Entity | None:
    """ "released the following statement from Secretary X": whose statement it is."""
    for token in line:
        if token.lemma_.lower() not in COMMUNICATION_NOUNS:
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "by"}:
                for word in prep.subtree:
                    if word.i in resolver.at:
                        return resolver.at[word.i]
    return None


def introducer(sent: Span, resolver: Resolver) -> Entity | None:
    """ "Secretary X released the following statement on ...:" - the subject of the sentence
    that announces the quote below it, when its speech verb or noun is far from the colon."""
    for token in sent:
        if is_speech_verb(token):
            return subject_of(token, resolver)
        if token.lemma_.lower() in COMMUNICATION_NOUNS and token.dep_ == "dobj":
            return subject_of(token.head, resolver)
    return None


def continued_speaker(doc: Doc, quote: Quote, found: list, resolver: Resolver) -> Entity | None:
    """The speaker of the quote just before, for a quote with no attribution of its own that
    continues it: `"A," said X. "B."`, or the next paragraph of the same speech."""
    last = next((s for s in reversed(found) if s.kind == "direct"), None)
    if last is None or quote.start - last.text_end > 400:
        return None
    between = text_of(doc)[last.text_end : quote.start]
    if between.count("\n") > 2 and "\n\n" not in between:
        return None
    span = doc.char_span(last.text_end, quote.start, alignment_mode="expand")
    named = {id(e): e for t in span or [] if (e := resolver.at.get(t.i)) is not None}
    if between.count("\n\n") > 1 and not (
        # a paragraph between that reports the same speaker's words, and a quote that opens
        # its own paragraph: `"A," X said. | B, X added. | "C."`
        between.count("\n\n") == 2
        and between.rstrip("\"'\u201c\u2018 ").endswith("\n")
        and any(is_speech_verb(t) and subject_of(t, resolver) is last.speaker for t in span or [])
    ):
        return None
    others = [e for e in named.values() if e.label == PERSON and e is not last.speaker]
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
    according = according_to(sentence_of(verb.doc, verb.i), resolver)
    if according and according[1] is not speaker:
        return according[1]
    for ancestor in verb.ancestors:
        if is_speech_verb(ancestor):
            other = subject_of(ancestor, resolver)
            if other is not None and other is not speaker:
                return other
    return None


def mentioned(resolver: Resolver, start: int, end: int, speaker: Entity) -> list[Entity]:
    seen: dict[int, Entity] = {}
    for i in range(start, end):
        entity = resolver.at.get(i)
        if entity is not None and entity is not speaker:
            seen.setdefault(id(entity), entity)
    return list(seen.values())
