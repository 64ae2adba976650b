"""GraphML and GEXF files of the map's networks, written line by line.

networkx's writers build an XML tree of every node and edge before writing it, which for a study-construct
network of 10,000 studies takes over a second per file on every rebuild. The networks the maps make are
plain: one graph, nodes and edges with text and number attributes. For those, these writers give files that
networkx (and Gephi) read back to the same graph; any other graph (a multigraph, GEXF's reserved attributes
such as ``viz`` or ``start``) is left to networkx's own writers.

Examples
--------
>>> import io, networkx as nx
>>> g = nx.Graph(name="demo")
>>> g.add_node("a", label="Co-design & <testing>", studies=2)
>>> g.add_edge("a", "b", weight=1)
>>> buffer = io.StringIO()
>>> write_graphml_text(g, buffer)
>>> back = nx.read_graphml(io.StringIO(buffer.getvalue()))
>>> back.nodes["a"]["label"], back.nodes["a"]["studies"], back.edges["a", "b"]["weight"]
('Co-design & <testing>', 2, 1)
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

__all__ = ["plain_graph", "write_graphml_text", "write_gexf_text", "write_graph_file"]

# XML 1.0 cannot hold these control characters at all, escaped or not; a title pasted from a PDF may carry one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# In an attribute, line breaks and tabs must be character references or a reader turns them into spaces.
_ATTRIBUTE = {**_TEXT, '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_TEXT_RE = re.compile("[&<>]")
_ATTRIBUTE_RE = re.compile('[&<>"\n\r\t]')
# Most values need no escaping at all: one search finds the few that do.
_TEXT_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
# GEXF gives these node and edge attributes a meaning of their own; networkx's writer handles them.
_GEXF_RESERVED = {"viz", "start", "end", "pid", "parents", "slices", "spells", "type"}


def _text(value: str) -> str:
    if not _TEXT_SPECIAL.search(value):
        return value
    return _TEXT_RE.sub(lambda m: _TEXT[m.group()], _NOT_XML.sub("", value))


def _attribute(value: str) -> str:
    if not _ATTRIBUTE_SPECIAL.search(value):
        return value
    return _ATTRIBUTE_RE.sub(lambda m: _ATTRIBUTE[m.group()], _NOT_XML.sub("", value))


# The XML type of each attribute value these writers write (exact types: a numpy number goes to networkx).
_KINDS = {str: "string", int: "long", float: "double", bool: "boolean"}


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else repr(value)


def _keys(items) -> dict | None:
    """Attribute name -> XML type over ``items`` (dicts), in the order first met; None if a value is not plain."""
    keys: dict = {}
    for data in items:
        for name, value in data.items():
            kind = _KINDS.get(type(value))
            if kind is None:
                return None
            known = keys.get(name)
            if known == kind:
                continue
            if not isinstance(name, str):
                return None
            keys[name] = kind if known is None else "string"  # mixed types: kept as text rather than guessed
    return keys


def _graph_attributes(graph: nx.Graph) -> dict:
    """The graph's own attributes; the empty defaults networkx's readers add are not attributes."""
    return {k: v for k, v in graph.graph.items() if not (k in ("node_default", "edge_default") and v == {})}


def _schema(graph: nx.Graph) -> tuple | None:
    """The attribute names and types of the graph, its nodes and its edges; None if not a plain graph."""
    if graph.is_multigraph():
        return None
    schema = (_keys([_graph_attributes(graph)]), _keys(d for _, d in graph.nodes(data=True)),
              _keys(d for _, _, d in graph.edges(data=True)))
    if None in schema or (_GEXF_RESERVED | {"id"}) & (set(schema[1]) | set(schema[2])):
        return None
    return schema


def plain_graph(graph: nx.Graph) -> bool:
    """Whether ``graph`` is one these writers handle: a simple graph with text and number attributes."""
    return _schema(graph) is not None


def write_graphml_text(graph: nx.Graph, out, schema: tuple | None = None) -> None:
    """Write ``graph`` as GraphML to the text stream ``out`` (a :func:`plain_graph`)."""
    graph_keys, node_keys, edge_keys = schema or _schema(graph)
    ids = {}
    lines = ["<?xml version='1.0' encoding='utf-8'?>\n"
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    for where, keys in (("graph", graph_keys), ("node", node_keys), ("edge", edge_keys)):
        for name, kind in keys.items():
            ids[where, name] = key = f"d{len(ids)}"
            lines.append(f'<key id="{key}" for="{where}" attr.name="{_attribute(name)}" attr.type="{kind}"/>\n')
    direction = "directed" if graph.is_directed() else "undirected"
    lines.append(f'<graph edgedefault="{direction}">\n')
    for name, value in _graph_attributes(graph).items():
        lines.append(f'<data key="{ids["graph", name]}">{_text(_show(value))}</data>\n')

    def data(where, attributes):
        return "".join(f'  <data key="{ids[where, name]}">{_text(_show(value))}</data>\n'
                       for name, value in attributes.items())

    for node, attributes in graph.nodes(data=True):
        lines.append(f'<node id="{_attribute(str(node))}">\n{data("node", attributes)}</node>\n')
    for u, v, attributes in graph.edges(data=True):
        lines.append(f'<edge source="{_attribute(str(u))}" target="{_attribute(str(v))}">\n'
                     f'{data("edge", attributes)}</edge>\n')
    lines.append("</graph>\n</graphml>\n")
    out.write("".join(lines))


def write_gexf_text(graph: nx.Graph, out, schema: tuple | None = None) -> None:
    """Write ``graph`` as GEXF 1.2 to the text stream ``out`` (a :func:`plain_graph`).

    A node's ``label`` attribute is its GEXF label (its id when it has none); an edge's ``weight`` and
    ``label`` are the edge's own GEXF attributes. No modification date is written, so an unchanged graph
    gives an unchanged file.
    """
    _, node_keys, edge_keys = schema or _schema(graph)
    node_keys = {k: t for k, t in node_keys.items() if k != "label"}
    edge_keys = {k: t for k, t in edge_keys.items() if k not in ("weight", "label")}
    node_ids = {name: str(k) for k, name in enumerate(node_keys)}
    edge_ids = {name: str(k) for k, name in enumerate(edge_keys)}
    direction = "directed" if graph.is_directed() else "undirected"
    name = _attribute(_show(graph.graph.get("name", "")))
    lines = ["<?xml version='1.0' encoding='utf-8'?>\n"
             '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
             'version="1.2">\n'
             '  <meta>\n    <creator>synthesis</creator>\n  </meta>\n'
             f'  <graph defaultedgetype="{direction}" mode="static" name="{name}">\n']
    for where, keys, ids in (("node", node_keys, node_ids), ("edge", edge_keys, edge_ids)):
        if keys:
            lines.append(f'    <attributes mode="static" class="{where}">\n')
            lines += [f'      <attribute id="{ids[k]}" title="{_attribute(k)}" type="{t}" />\n'
                      for k, t in keys.items()]
            lines.append("    </attributes>\n")

    def values(attributes, ids):
        shown = [f'          <attvalue for="{ids[k]}" value="{_attribute(_show(v))}" />\n'
                 for k, v in attributes.items() if k in ids]
        return "        <attvalues>\n" + "".join(shown) + "        </attvalues>\n" if shown else ""

    lines.append("    <nodes>\n")
    for node, attributes in graph.nodes(data=True):
        label = _attribute(_show(attributes.get("label", str(node))))
        inner = values(attributes, node_ids)
        head = f'      <node id="{_attribute(str(node))}" label="{label}"'
        lines.append(f"{head}>\n{inner}      </node>\n" if inner else f"{head} />\n")
    lines.append("    </nodes>\n    <edges>\n")
    for number, (u, v, attributes) in enumerate(graph.edges(data=True)):
        head = f'      <edge source="{_attribute(str(u))}" target="{_attribute(str(v))}" id="{number}"'
        for own in ("label", "weight"):
            if own in attributes:
                head += f' {own}="{_attribute(_show(attributes[own]))}"'
        inner = values(attributes, edge_ids)
        lines.append(f"{head}>\n{inner}      </edge>\n" if inner else f"{head} />\n")
    lines.append("    </edges>\n  </graph>\n</gexf>\n")
    out.write("".join(lines))


def write_graph_file(graph: nx.Graph, path) -> Path:
    """Write ``graph`` as GraphML (``.graphml``) or GEXF (``.gexf``), by the file's suffix.

    Plain graphs (:func:`plain_graph`) are written by this module; any other by networkx.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".graphml", ".gexf"):
        raise ValueError(f"{path}: write .graphml or .gexf (Gephi opens both)")
    path.parent.mkdir(parents=True, exist_ok=True)
    schema = _schema(graph)
    if schema is None:
        (nx.write_graphml if suffix == ".graphml" else nx.write_gexf)(graph, path)
        return path
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        (write_graphml_text if suffix == ".graphml" else write_gexf_text)(graph, out, schema)
    return path
