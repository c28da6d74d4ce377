"""Named operations ("Operation Iron Gate"), their dates and participating organisations."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from core.names import name_key
from sources.ingest.actors import ORG, PERSON, Entity
from sources.ingest.candidates import headline_ranges
from sources.ingest.dates import resolve_date
from sources.ingest.textnorm import ents_of, sentences, text_of, tokens

# "Operation" followed by capitalised words; "Operation A/Operation B" is two operations.
NAMED = re.compile(r"\bOperation((?: (?:[A-Z][\w'-]*|of|the|de|del))+)")
RAID_WORDS = {
    "raid": "raid",
    "airstrike": "air_strike",
    "airstrikes": "air_strike",
    "drone": "drone_strike",
    "strike": "air_strike",
    "strikes": "air_strike",
    "campaign": "campaign",
    "deployment": "deployment",
}
PARTS = {
    "lead": "led",
    "direct": "led",
    "command": "led",
    "carry": "carried_out",
    "conduct": "carried_out",
    "execute": "carried_out",
    "launch": "carried_out",
    "stage": "carried_out",
    "seize": "carried_out",
    "support": "supported",
    "assist": "supported",
    "help": "supported",
    "embed": "supported",
    "aid": "supported",
    "back": "supported",
    "join": "supported",
    "run": "intelligence",
    "track": "intelligence",
    "provide": "intelligence",
}


def kind_of(words) -> str:
    """An operation's kind from the first word that names one ("raid", "drone", "strike")."""
    return next((RAID_WORDS[w] for w in words if w in RAID_WORDS), "other")


@dataclass
class OperationFound:
    name: str
    kind: str = "other"
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    start_date: dt.date | None = None
    participants: list[tuple[str, str, int, int]] = field(default_factory=list)  # org key, part
    aliases: set[str] = field(default_factory=set)
    described: bool = False  # "the raid on the port", not "Operation X": no name of its own
    targets: list[str] = field(default_factory=list)  # keys of the people and bodies aimed at

    @property
    def key(self) -> str:
        return name_key(self.name)


def find_operations(doc: Doc, *, published: dt.date | None) -> list[OperationFound]:
    found: dict[str, OperationFound] = {}
    headlines = headline_ranges(text_of(doc))
    for match in NAMED.finditer(text_of(doc)):
        words = match.group(1).split()
        if any(a <= match.start() < b for a, b in headlines):
            words = words[: headline_verb(doc, match.start(1), len(words))]
        while words and words[-1] in {"of", "the", "de", "del"}:
            words.pop()
        if not words:
            continue
        name = "Operation " + " ".join(words)
        start = match.start()
        end = start + len(name)
        op = found.setdefault(name_key(name), OperationFound(name=name))
        op.mentions.append((start, end, name))
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        if op.kind == "other":
            op.kind = kind_of(t.lower_ for t in sent)
        if op.start_date is None:
            op.start_date = next(
                (
                    d
                    for ent in ents_of(sent)
                    if ent.label_ == "DATE"
                    if (d := resolve_date(ent.text, published=published, text=text_of(doc)))
                ),
                None,
            )
    join_longer_forms(found)
    for op in found.values():
        add_short_form(text_of(doc), op)
    return list(found.values()) or described_operation(doc, published=published)


def add_short_form(text: str, op: OperationFound) -> None:
    """ "Operation Iron Gate" written again as "Iron Gate": an alias, and more mentions."""
    short = op.name.removeprefix("Operation ").strip()
    if " " not in short:
        return  # one word ("Neptune") is too often something else
    pattern = r"(?<!Operation )(?<![\w-])" + re.escape(short) + r"(?![\w-])"
    for match in re.finditer(pattern, text):
        op.mentions.append((match.start(), match.end(), short))
        op.aliases.add(short)


def headline_verb(doc: Doc, start: int, limit: int) -> int:
    """How many words of a headline's "Operation X Y Goes ..." are the name: up to the verb."""
    span = doc.char_span(start, len(text_of(doc)), alignment_mode="expand")
    words = [t for t in span or [] if not t.is_space][:limit]
    for n, token in enumerate(words):
        if n and token.tag_ in {"VBZ", "VBD", "VBP"}:
            return n
    return limit


def join_longer_forms(found: dict[str, OperationFound]) -> None:
    """ "Operation Iron Gate Tracks Down ..." (a headline) is "Operation Iron Gate" (the body)."""
    for key, op in list(found.items()):
        shorter = [o for o in found.values() if o is not op and op.name.startswith(o.name + " ")]
        if not shorter:
            continue
        target = max(shorter, key=lambda o: len(o.name))
        target.mentions += [(a, a + len(target.name), target.name) for a, _, _ in op.mentions]
        del found[key]


OPERATION_NOUNS = {"operation", "raid", "strike", "airstrike", "attack", "assault", "interdiction"}
# Words for a campaign or an action that also name a body's routine work ("the agency's
# mission to protect"): they count, as "operation" does, only with an action, place or time.
CAMPAIGN_NOUNS = {"mission", "surge", "patrol", "sweep", "crackdown", "offensive"}
CAMPAIGN_NOUNS |= {"counteroffensive", "evacuation", "takedown", "bombardment"}
PLACE_PREPS = {"in", "on", "against", "near", "along", "off", "of"}
PLACE_TYPES = {"GPE", "DATE", "LOC", "FAC"}


# What a clause says an operation did: "the raid that led to the capture of X".
ACTION_VERBS = {"lead", "result", "kill", "capture", "target", "destroy", "seize", "strike"}
ACTION_VERBS |= {"hit", "free", "rescue", "arrest", "detain", "intercept", "sink", "launch"}
ACTION_VERBS |= {"obliterate", "eliminate", "bomb", "damage", "dismantle", "neutralize"}


def is_an_action(clause: Token) -> bool:
    """A clause about what an operation did or where and when, not about a scheme's business
    ("an operation that allegedly took in millions")."""
    # ("a surge aimed at dismantling the cartel": the action a clause or two down)
    return any(
        t.lemma_.lower() in ACTION_VERBS and t.pos_ == "VERB" for t in clause.subtree
    ) or any(t.ent_type_ in PLACE_TYPES for t in clause.subtree)


def event_modifiers(token: Token) -> list[Token]:
    """What makes "the raid" one raid: where, when, against what, or what it did."""
    strict = token.lemma_.lower() == "operation" or token.lemma_.lower() in CAMPAIGN_NOUNS
    return [
        c
        for c in token.children
        if c.i > token.i
        and (
            # "an operation that took in millions" is a business; a raid is a raid.
            (c.dep_ in {"relcl", "acl"} and (not strict or is_an_action(c)))
            or (
                c.dep_ == "prep"
                and c.lower_ in PLACE_PREPS
                and (
                    not strict
                    or c.lower_ == "against"  # "the offensive against the cartels"
                    or any(t.ent_type_ in PLACE_TYPES for t in c.subtree)
                )
            )
        )
    ]


def introduced(token: Token) -> bool:
    """ "the raid", "a surge", "one airstrike": one event (not "potential strikes on X")."""
    articles = {"the", "a", "an", "one"}
    return any(c.dep_ in {"det", "nummod"} and c.lower_ in articles for c in token.children)


def between_places(comma: Token) -> bool:
    doc = comma.doc
    return (
        0 < comma.i < len(doc) - 1
        and doc[comma.i - 1].ent_type_ in {"GPE", "LOC"}
        and doc[comma.i + 1].ent_type_ in {"GPE", "LOC"}
    )


def described_operation(doc: Doc, *, published: dt.date | None) -> list[OperationFound]:
    """An article about one unnamed operation: "the operation in Lagos on March 3", "an
    airstrike on a fuel depot near the border", "a week-long surge against the cartel".

    Only phrases that say where, when, against what or what it led to count; the first names
    the operation and the others become its aliases, each also by its head words ("week-long
    operational surge") when they are specific enough to name it alone.
    """
    phrases, heads = [], []
    for token in tokens(doc):
        noun = token.lemma_.lower()
        if noun not in OPERATION_NOUNS | CAMPAIGN_NOUNS or token.pos_ != "NOUN":
            continue
        if not introduced(token):
            continue
        modifiers = event_modifiers(token)
        if not modifiers:
            continue
        start = min([c.i for c in token.lefts if c.dep_ in {"amod", "compound"}] + [token.i])
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
            start -= 2  # "a week-long operation", not "long operation"
        end = max(c.right_edge.i for c in modifiers) + 1
        comma = next(
            (
                t.i
                for t in doc[token.i : end]
                if t.text in {",", ";"} and not between_places(t)  # (not "Galkayo, Somalia")
            ),
            end,
        )
        span = doc[start:comma]
        if len(span) > 2 and span[-1].i > token.i:
            phrases.append(span)
            head = doc[start : token.i + 1]
            if len(head.text.split()) >= 3:
                heads.append(head.text)
            det = doc[start - 1] if start else None
            if det is not None and det.lower_ in {"a", "an", "one"}:
                heads.append(f"{det.text} {span.text}")  # "one airstrike in the vicinity of X"
    if not phrases:
        return []
    op = OperationFound(name=phrases[0].text[0].upper() + phrases[0].text[1:], described=True)
    op.kind = kind_of(t.lower_ for span in phrases for t in span)
    for span in phrases:
        op.mentions.append((span.start_char, span.end_char, span.text))
        if op.start_date is None:
            op.start_date = next(
                (
                    d
                    # in the phrase or just after it: "[the raid on the port] on March 3, 2025"
                    for ent in ents_of(span.sent)
                    if ent.label_ == "DATE" and span.start <= ent.start <= span.end + 1
                    if (d := resolve_date(ent.text, published=published, text=text_of(doc)))
                ),
                None,
            )
    op.aliases = ({span.text for span in phrases[1:]} | set(heads)) - {op.name}
    return [op]


def operation_sentences(doc: Doc, operations: list[OperationFound]):
    """(sentence, operations) for each sentence about an operation: one naming it, and the
    sentences after it in the paragraph that say "the operation" or "the raid"."""
    op_sentences = {}
    for op in operations:
        for start, end, _ in op.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                op_sentences.setdefault(span.sent.start, []).append(op)
    last: list[OperationFound] = []
    for sent in sentences(doc):
        ops = op_sentences.get(sent.start)
        if ops:
            last = ops
        elif last and any(t.lower_ in {"operation", "raid", "strikes", "strike"} for t in sent):
            ops = last
        else:
            last = [] if sent.text.endswith("\n") else last
            continue
        yield sent, ops


def find_participants(doc: Doc, operations: list[OperationFound], entities: list[Entity]) -> None:
    """Organisations that are the subject of an action verb in a sentence about an operation."""
    if not operations:
        return
    org_tokens = tokens_of(entities, {ORG})
    for sent, ops in operation_sentences(doc, operations):
        for entity_key, mention in mentions_in(sent, org_tokens):
            root = doc[mention.token_start : mention.token_end].root
            if root.dep_ == "poss" and root.head.dep_ == "nsubj":
                root = root.head
            if root.dep_ != "nsubj":
                continue
            part = PARTS.get(root.head.lemma_.lower())
            if part is None:
                continue
            if part == "intelligence" and "intelligence" not in sent.text.lower():
                part = "supported"
            for op in ops:
                entry = (entity_key, part, mention.start, mention.end)
                if entry not in op.participants:
                    op.participants.append(entry)


# What an operation does to its targets: "captured X", "the arrest of X", "strikes against X".
TARGET_WORDS = {
    *("capture", "arrest", "target", "kill", "detain", "apprehend", "extradite", "remove"),
    *("oust", "dismantle", "removal", "extradition", "killing", "detention", "seize"),
}


def find_targets(doc: Doc, operations: list[OperationFound], entities: list[Entity]) -> None:
    """People and bodies an operation is aimed at, in a sentence about it: the object of
    "capture", "arrest", "target"... ("the raid captured X", "the capture of X") or what
    "against" names ("strikes against X")."""
    if not operations:
        return
    named = tokens_of(entities, {ORG, PERSON})
    for sent, ops in operation_sentences(doc, operations):
        for entity_key, mention in mentions_in(sent, named):
            root = doc[mention.token_start : mention.token_end].root
            while root.dep_ == "compound":  # "the [Gulf Clan] cartel"
                root = root.head
            head = root.head
            acted_on = root.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in TARGET_WORDS
            named_after = root.dep_ == "pobj" and (
                head.lower_ == "against"
                or (head.lower_ == "of" and head.head.lemma_.lower() in TARGET_WORDS)
            )
            aimed = acted_on or named_after
            if aimed:
                for op in ops:
                    if entity_key not in op.targets:
                        op.targets.append(entity_key)


def tokens_of(entities: list[Entity], labels: set[str]) -> dict:
    """Token index -> (entity key, mention) for the mentions of entities with these labels."""
    found = {}
    for entity in entities:
        if entity.label in labels:
            for m in entity.mentions:
                for i in range(m.token_start, m.token_end):
                    found[i] = (entity.key, m)
    return found


def mentions_in(sent, org_tokens):
    seen = set()
    for token in sent:
        if token.i in org_tokens:
            key, mention = org_tokens[token.i]
            if id(mention) not in seen:
                seen.add(id(mention))
                yield key, mention
