"""Who appears with whom: people, organisations and operations as nodes, weighted edges for
their co-occurrence, each edge with the statements and sources behind it.

Three kinds of co-occurrence:
- `statement`: a speaker and a person, organisation or operation their statement is about;
- `sentence`: two records named in the same sentence of a source (see SENTENCE_END);
- `source`: two records named in the same source.

Anonymous users see verified records only: an edge is drawn only from verified statements
whose speaker and subject are verified, or from mentions of two verified records.
"""

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import combinations
from operator import itemgetter
from typing import NamedTuple

from django.db.models import F, Q

from core.lookups import AnyOf
from core.review import can_see_unverified
from entities.models import Operation, Organisation, Person
from research.dates import placed_between
from research.visibility import with_visible
from sources.models import Mention, Source, Statement

NODE_TYPES = {"person": Person, "organisation": Organisation, "operation": Operation}
EDGE_KINDS = {
    "statement": "A speaker and whom or what the statement is about",
    "sentence": "Named in the same sentence of a source",
    "source": "Named in the same source",
}
STATEMENT, SENTENCE, SOURCE = range(3)  # the edge kinds, in the order of EDGE_KINDS
# The most statements and sources one network reads (the newest): the whole archive would
# take seconds and draw a hairball; narrow it with an operation, a source or dates.
MAX_STATEMENTS = 20_000
MAX_SOURCES = 2_000
# A sentence ends at . ! or ? (perhaps closing a quote or bracket) before a space and a
# capital or digit ("U.S. forces" goes on), or at a line break.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-ZÀ-Þ0-9])|\n")


class Edge(NamedTuple):
    source: str  # node ids (node_key)
    target: str
    weight: int
    statement: int  # the counts of each kind
    sentence: int
    source_count: int
    statements: list[int]  # the evidence: ids of statements and sources
    sources: list[int]


@dataclass
class Network:
    nodes: list[dict]  # {"id": "person:12", "type", "record_id", "name", "degree", "weight"}
    edge_rows: list[Edge]
    truncated: bool = False  # more evidence in scope than MAX_STATEMENTS / MAX_SOURCES

    @cached_property
    def edges(self) -> list[dict]:
        """{"source", "target", "weight", "counts", "statements", "sources"} for each edge."""
        return [
            {
                "source": edge.source,
                "target": edge.target,
                "weight": edge.weight,
                "counts": {
                    "statement": edge.statement,
                    "sentence": edge.sentence,
                    "source": edge.source_count,
                },
                "statements": edge.statements,
                "sources": edge.sources,
            }
            for edge in self.edge_rows
        ]

    def edges_json(self) -> str:
        """`edges` as JSON text, written directly: an operation's network has thousands of
        edges, and building their dicts to encode them costs two and a half times as much.
        Nothing here needs escaping (node ids are a kind and a number)."""
        return "[{}]".format(
            ",".join(
                f'{{"source":"{e.source}","target":"{e.target}","weight":{e.weight},'
                f'"counts":{{"statement":{e.statement},"sentence":{e.sentence},'
                f'"source":{e.source_count}}},"statements":[{",".join(map(str, e.statements))}],'
                f'"sources":[{",".join(map(str, e.sources))}]}}'
                for e in self.edge_rows
            )
        )


class Edges:
    """Co-occurrence counts by pair of nodes, and the evidence behind each.

    Nodes are `(kind, id)` tuples while counting: an operation's network adds tens of
    thousands of pairs, and tuples cost less than strings to make, compare and hash. Pairs
    are counted by `Counter.update` (in C) rather than one by one in Python.
    """

    KINDS = list(EDGE_KINDS)

    def __init__(self, nodes: set | None = None, *, with_sources: bool = True):
        self.nodes = nodes  # only pairs of these nodes are kept; None: every pair
        # A statement edge's count is the number of its statements.
        self.statements = defaultdict(list)
        self.together = {SENTENCE: Counter(), SOURCE: Counter()}
        # With `source` edges, the sources behind an edge are those naming both ends: kept
        # per node (a few thousand entries) rather than per pair (tens of thousands).
        self.with_sources = with_sources
        self.named_in = defaultdict(set)
        self.sources = defaultdict(list)  # otherwise, per pair

    def add_statements(self, links):
        """`links`: (statement id, speaker, subject) for each statement's subject."""
        nodes, statements = self.nodes, self.statements
        for pk, a, b in links:
            if nodes is not None and (a not in nodes or b not in nodes):
                continue
            statements[(a, b) if a < b else (b, a)].append(pk)

    def add_together(self, nodes, kind: int, *, source: int):
        """Every pair of `nodes`, named together in `source` (this is the hot loop)."""
        if self.nodes is not None:
            nodes = nodes & self.nodes
        if len(nodes) < 2:
            return
        nodes = sorted(nodes)
        if kind == SOURCE:
            for node in nodes:
                self.named_in[node].add(source)
        elif not self.with_sources:
            sources = self.sources
            for pair in combinations(nodes, 2):
                sources[pair].append(source)
        self.together[kind].update(combinations(nodes, 2))

    def weights(self) -> dict:
        """Each pair's counts of every kind summed."""
        statements = self.statements
        sentences, sources = self.together[SENTENCE], self.together[SOURCE]
        pairs = statements.keys() | sentences.keys() | sources.keys()
        # .get: a Counter's own lookup of a missing pair goes through Python (__missing__).
        return {
            pair: len(statements.get(pair, ())) + sentences.get(pair, 0) + sources.get(pair, 0)
            for pair in pairs
        }

    def sources_of(self, pair) -> list[int]:
        if self.with_sources:
            return sorted(self.named_in[pair[0]] & self.named_in[pair[1]])
        return sorted(set(self.sources.get(pair, ())))


def node_key(node: tuple[str, int]) -> str:
    return f"{node[0]}:{node[1]}"


def build_network(
    *,
    user,
    operation: int | None = None,
    source: int | None = None,
    date_after: date | None = None,
    date_before: date | None = None,
    review_status: str | None = None,
    node_kinds: list[str] | None = None,
    edge_kinds: list[str] | None = None,
    min_weight: int = 1,
    max_nodes: int = 200,
) -> Network:
    """The co-occurrence network `user` may see, narrowed by the filters, with at most
    `max_nodes` nodes: those with the heaviest edges (summed weights) are kept."""
    if operation and not Operation.objects.visible_to(user).filter(pk=operation).exists():
        return Network([], [])
    kinds = set(node_kinds or NODE_TYPES)
    edge_kinds = set(edge_kinds or EDGE_KINDS)
    links, groups = [], []  # (statement, speaker, subject); (edge kind, source, names)
    truncated = False
    if "statement" in edge_kinds:
        statements = Statement.objects.visible_to(user)
        about = None
        if operation:
            # The operation's statements by id: given a subquery, the planner reads every
            # statement instead of looking these up.
            about = Statement.operations.through.objects.filter(operation_id=operation)
            about = about.values_list("statement_id", flat=True)
            statements = statements.filter(AnyOf(F("pk"), list(about)))
        if source:
            statements = statements.filter(source_id=source)
        statements = placed_between(statements, date_after, date_before)
        if review_status:
            statements = statements.filter(review_status=review_status)
        rows = list(
            statements.order_by(F("said_on").desc(nulls_last=True), "-pk").values_list(
                "pk", "speaker_person_id", "speaker_organisation_id"
            )[: MAX_STATEMENTS + 1]
        )
        truncated = len(rows) > MAX_STATEMENTS
        links = [
            (pk, speaker, subject)
            for pk, speaker, subject in statement_links(rows[:MAX_STATEMENTS], user, about)
            if speaker != subject and speaker[0] in kinds and subject[0] in kinds
        ]
    # Mentions have no review status of their own: with one asked for, only statements count.
    if edge_kinds & {"sentence", "source"} and not review_status:
        sources = Source.objects.all()
        if operation:
            naming = Mention.objects.filter(operation_id=operation).order_by()
            naming = naming.values_list("source_id", flat=True)
            sources = sources.filter(AnyOf(F("pk"), list(naming.distinct())))
        if source:
            sources = sources.filter(pk=source)
        if date_after:
            sources = sources.filter(published__gte=date_after)
        if date_before:
            sources = sources.filter(published__lte=date_before)
        ids = list(
            sources.order_by(F("published").desc(nulls_last=True), "-pk").values_list(
                "pk", flat=True
            )[: MAX_SOURCES + 1]
        )
        truncated |= len(ids) > MAX_SOURCES
        mentions = Mention.objects.filter(AnyOf(F("source_id"), ids[:MAX_SOURCES]))
        for source_id, sentences in named_together(mentions, user):
            names = set()
            for sentence in sentences:
                if len(kinds) < len(NODE_TYPES):
                    sentence = {node for node in sentence if node[0] in kinds}
                names |= sentence
                if "sentence" in edge_kinds and len(sentence) > 1:
                    groups.append((SENTENCE, source_id, sentence))
            if "source" in edge_kinds and len(names) > 1:
                groups.append((SOURCE, source_id, names))
    chosen = None
    if min_weight <= 1:
        # Every co-occurrence adds one to its edge's weight and so to both ends' summed
        # weights: the heaviest nodes are known without making every pair, and only pairs
        # among them are made (an operation's sources name a thousand records together).
        strength = Counter()
        for _, speaker, subject in links:
            strength[speaker] += 1
            strength[subject] += 1
        for _, _, names in groups:
            for node in names:
                strength[node] += len(names) - 1
        chosen = {node for node, _ in heaviest_first(strength)[:max_nodes]}
    edges = Edges(chosen, with_sources="source" in edge_kinds)
    edges.add_statements(links)
    for kind, source_id, names in groups:
        edges.add_together(names, kind, source=source_id)
    network = heaviest(edges, min_weight=min_weight, max_nodes=max_nodes)
    network.truncated = truncated
    return network


def heaviest_first(strength: dict) -> list:
    """(node, summed weight) pairs, heaviest first, ties by node."""
    return sorted(strength.items(), key=lambda item: (-item[1], item[0]))


def statement_links(rows, user, about=None):
    """(statement id, speaker, subject) for each person, organisation or operation the
    statements of `rows` (id, speaker person, speaker organisation) are about, subjects
    hidden from `user` left out.

    `about`, a subquery of statement ids that holds those of `rows` (an operation's), is
    how the links are found: the link tables joined to it cost less than sending the ids
    back in three arrays of thousands. The links of statements not in `rows` are dropped.
    """
    speakers = {
        pk: ("person", person) if person else ("organisation", organisation)
        for pk, person, organisation in rows
    }
    for kind, relation in (
        ("person", Statement.about_people),
        ("organisation", Statement.about_organisations),
        ("operation", Statement.operations),
    ):
        if about is None:
            links = relation.through.objects.filter(AnyOf(F("statement_id"), list(speakers)))
        else:
            links = relation.through.objects.filter(statement_id__in=about)
        links = with_visible(links, kind, NODE_TYPES[kind], user)
        for pk, subject in links.values_list("statement_id", f"{kind}_id").order_by():
            speaker = speakers.get(pk)
            if speaker is not None:
                yield pk, speaker, (kind, subject)


def named_together(mentions, user):
    """For each source of `mentions`: (source id, [set of nodes named in each sentence]).

    Sentences end where SENTENCE_END matches in the source's text; each text is read once
    (a mention's position is then a bisection), not once per mention.
    """
    for kind, model in NODE_TYPES.items():
        if not can_see_unverified(user, model):
            mentions = mentions.filter(
                Q(**{f"{kind}__isnull": True})
                | Q(**{f"{kind}__in": model.objects.visible_to(user)})
            )
    rows = mentions.values_list(
        "source_id", "span_start", "person_id", "organisation_id", "operation_id"
    ).order_by("source_id", "span_start")
    by_source = defaultdict(list)
    for source_id, start, person, organisation, operation in rows:
        if person:
            node = ("person", person)
        elif organisation:
            node = ("organisation", organisation)
        else:
            node = ("operation", operation)
        by_source[source_id].append((start, node))
    texts = Source.objects.filter(AnyOf(F("pk"), list(by_source))).values_list("pk", "text")
    for source_id, text in texts.iterator(chunk_size=500):
        ends = [match.end() for match in SENTENCE_END.finditer(text)]
        sentences = defaultdict(set)
        for start, node in by_source[source_id]:
            sentences[bisect_right(ends, start)].add(node)
        yield source_id, list(sentences.values())


def heaviest(edges: Edges, *, min_weight: int, max_nodes: int) -> Network:
    """Edges of at least `min_weight`, among the `max_nodes` nodes whose edges weigh most."""
    kept = {pair: weight for pair, weight in edges.weights().items() if weight >= min_weight}
    strength = defaultdict(int)
    for (a, b), weight in kept.items():
        strength[a] += weight
        strength[b] += weight
    chosen = {node for node, _ in heaviest_first(strength)[:max_nodes]}
    keys = {node: node_key(node) for node in chosen}
    degree, weights = defaultdict(int), defaultdict(int)
    drawn = []
    statements = edges.statements
    sentences, sources = edges.together[SENTENCE], edges.together[SOURCE]
    # Heaviest first, ties by pair: sorted by pair, then (stable) by weight, each in C.
    ordered = sorted(kept.items())
    ordered.sort(key=itemgetter(1), reverse=True)
    for pair, weight in ordered:
        a, b = pair
        if a in chosen and b in chosen:
            said = statements.get(pair)
            drawn.append(
                Edge(
                    keys[a],
                    keys[b],
                    weight,
                    len(said) if said else 0,
                    sentences.get(pair, 0),
                    sources.get(pair, 0),
                    sorted(set(said)) if said else [],
                    edges.sources_of(pair),
                )
            )
            degree[a] += 1
            degree[b] += 1
            weights[a] += weight
            weights[b] += weight
    names = {}
    for kind, model in NODE_TYPES.items():
        ids = [pk for node_kind, pk in degree if node_kind == kind]
        if ids:
            rows = model.objects.filter(AnyOf(F("pk"), ids)).values_list("pk", "name")
            names.update(((kind, pk), name) for pk, name in rows)
    nodes = [
        {
            "id": node_key(node),
            "type": node[0],
            "record_id": node[1],
            "name": names.get(node, ""),
            "degree": degree[node],
            "weight": weights[node],
        }
        for node in sorted(degree, key=lambda node: (-weights[node], node_key(node)))
    ]
    return Network(nodes, drawn)
