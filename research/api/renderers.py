"""Renderers of the research endpoints: JSON with parts the database wrote, and the network
as files for Gephi and other graph tools (GEXF and GraphML, via networkx)."""

import json
from io import BytesIO

import networkx as nx
from rest_framework.renderers import BaseRenderer, JSONRenderer


class RawJSON(str):
    """A value that is already JSON text (the database wrote it): written as it is."""


def dumps(value) -> str:
    """`value` as JSONRenderer writes it (compact, not escaping non-ASCII)."""
    renderer = JSONRenderer
    return json.dumps(
        value,
        cls=renderer.encoder_class,
        ensure_ascii=renderer.ensure_ascii,
        allow_nan=not renderer.strict,
        separators=(",", ":") if renderer.compact else (", ", ": "),
    )


class ResearchJSONRenderer(JSONRenderer):
    """JSONRenderer, but a top-level RawJSON value is written as it is: a timeline's thousands
    of items come written by the database, and encoding them again would cost more than the
    rest of the request. Indented (the browsable API, `; indent=`), it is parsed and
    rendered like the rest."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raw = {}
        if isinstance(data, dict):
            raw = {key: value for key, value in data.items() if isinstance(value, RawJSON)}
        if not raw:
            return super().render(data, accepted_media_type, renderer_context)
        if self.get_indent(accepted_media_type, renderer_context or {}):
            parsed = {key: json.loads(value) for key, value in raw.items()}
            return super().render({**data, **parsed}, accepted_media_type, renderer_context)
        marks = {key: f"\0{key}\0" for key in raw}
        out = super().render({**data, **marks}, accepted_media_type, renderer_context)
        for key, value in raw.items():
            # As JSONRenderer does to the rest: U+2028 and U+2029 end lines in JavaScript.
            value = value.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
            out = out.replace(dumps(marks[key]).encode(), value.encode(), 1)
        return out


def as_graph(data: dict) -> nx.Graph:
    """The network payload as a networkx graph; evidence ids become space-separated text,
    since both formats hold only scalar attributes."""
    graph = nx.Graph()
    edges = data["edges"]
    if isinstance(edges, RawJSON):
        edges = json.loads(edges)
    for node in data["nodes"]:
        graph.add_node(
            node["id"],
            label=node["name"],
            type=node["type"],
            record_id=node["record_id"],
            degree=node["degree"],
            weight=node["weight"],
        )
    for edge in edges:
        graph.add_edge(
            edge["source"],
            edge["target"],
            weight=edge["weight"],
            **{f"{kind}_count": count for kind, count in edge["counts"].items()},
            statements=" ".join(map(str, edge["statements"])),
            sources=" ".join(map(str, edge["sources"])),
        )
    return graph


class GraphRenderer(BaseRenderer):
    """Errors never reach these: core.api.errors renders them as JSON."""

    charset = None  # XML declares its own encoding

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = BytesIO()
        self.write(as_graph(data), out)
        return out.getvalue()


class GEXFRenderer(GraphRenderer):
    media_type = "application/gexf+xml"
    format = "gexf"

    def write(self, graph, out):
        nx.write_gexf(graph, out)


class GraphMLRenderer(GraphRenderer):
    media_type = "application/graphml+xml"
    format = "graphml"

    def write(self, graph, out):
        nx.write_graphml(graph, out)
