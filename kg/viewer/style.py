"""How each node type looks in the viewer: colour and a shape vis.js can size by value."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NodeStyle", "style_of"]


@dataclass(frozen=True)
class NodeStyle:
    """The colour and vis.js shape of one node type."""

    color: str
    shape: str


#: type name (as projections name them) → style; colour-blind-safe palette (seaborn "deep")
STYLES: dict[str, NodeStyle] = {
    "Organization": NodeStyle("#4c72b0", "dot"),
    "DiplomaticPost": NodeStyle("#dd8452", "square"),
    "Place": NodeStyle("#55a868", "triangle"),
    "Person": NodeStyle("#c44e52", "star"),
    "Programme": NodeStyle("#8172b3", "hexagon"),
    "Event": NodeStyle("#937860", "diamond"),
    "Tag": NodeStyle("#da8bc3", "triangleDown"),
    "Cable": NodeStyle("#8c8c8c", "dot"),
}
OTHER = NodeStyle("#cccccc", "dot")


def style_of(node_type: str) -> NodeStyle:
    """The style of ``node_type``; a neutral grey dot for a type without one.

    Examples
    --------
    >>> style_of("Place")
    NodeStyle(color='#55a868', shape='triangle')
    >>> style_of("Unknown").shape
    'dot'
    """
    return STYLES.get(node_type, OTHER)
