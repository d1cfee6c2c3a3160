"""The project's colours, one list for every picture: the SVG/PNG export, the graph page's
script, the timeline and the pages' CSS (served as custom properties, see
kb/datasette_plugin/__init__.py). Change a colour here and everything follows."""

from __future__ import annotations

STANCE_COLOURS = {"accuses": "#c0392b", "denies": "#2471a3"}
# a darker shade for what is selected or hovered
STANCE_HIGHLIGHTS = {"accuses": "#78281f", "denies": "#154360"}
MIXED_COLOUR = "#7d3c98"  # a sentence that holds both stances
KIND_COLOURS = {
    "state": "#f5b041",
    "intergov": "#58d68d",
    "agency": "#af7ac5",
    "group": "#ec7063",
    "company": "#5dade2",
    "person": "#f0b27a",
    "other": "#bfc9ca",
}
# the timeline's series: what an actor says, and what others say of it (lighter)
SERIES_COLOURS = {
    "accuses": STANCE_COLOURS["accuses"],
    "accused by others": "#e67e22",
    "denies": STANCE_COLOURS["denies"],
    "denied by others": "#76b7d9",
}

# a review's verdict (kb review), as a badge on the pages
REVIEW_COLOURS = {"confirmed": "#1e8449", "corrected": "#b9770e", "rejected": "#922b21"}


def css_variables() -> str:
    """The palette as CSS custom properties: ``--kb-stance-accuses``, ``--kb-kind-state``, ..."""
    names = {f"stance-{k}": v for k, v in STANCE_COLOURS.items()}
    names.update({f"stance-{k}-strong": v for k, v in STANCE_HIGHLIGHTS.items()})
    names["stance-mixed"] = MIXED_COLOUR
    names.update({f"kind-{k}": v for k, v in KIND_COLOURS.items()})
    names.update({f"series-{k.replace(' ', '-')}": v for k, v in SERIES_COLOURS.items()})
    names.update({f"review-{k}": v for k, v in REVIEW_COLOURS.items()})
    lines = "\n".join(f"  --kb-{name}: {value};" for name, value in names.items())
    return f":root {{\n{lines}\n}}\n"
