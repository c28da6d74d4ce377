"""The network as files for Gephi and other graph tools: GEXF and GraphML, via networkx."""

from io import BytesIO

import networkx as nx
from rest_framework.renderers import BaseRenderer


def as_graph(data: dict) -> nx.Graph:
    """The network payload as a networkx graph; evidence ids become space-separated text,
    since both formats hold only scalar attributes."""
    graph = nx.Graph()
    for node in data["nodes"]:
        graph.add_node(
            node["id"],
            label=node["name"],
            type=node["type"],
            record_id=node["record_id"],
            degree=node["degree"],
            weight=node["weight"],
        )
    for edge in data["edges"]:
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
