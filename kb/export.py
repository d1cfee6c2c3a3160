"""``kb export``: the claims graph in the formats that graph tools read, and the claims in the
formats of threat-intelligence platforms.

GraphML, GEXF, JSON and CSV hold one edge per claim by default (``--aggregate`` gives one
weighted edge per claimant, stance and subject instead); SVG and PNG draw the aggregated graph.
Nodes are the actors that are claimant or subject of at least one exported claim. STIX 2.1
(``kb.stix``) and MISP (``kb.misp``) carry every claim with who made it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from pathlib import Path

import click
import networkx as nx

from kb import faults
from kb.graph import GraphFilters, UnknownActorError, aggregate_graph, load_graph
from kb.palette import KIND_COLOURS, STANCE_COLOURS

TEXT_FORMATS = ("graphml", "gexf", "json", "csv", "svg")
EXCHANGE_FORMATS = ("stix", "misp")  # for OpenCTI, MISP and other threat-intelligence tools
FORMATS = (*TEXT_FORMATS, "png", *EXCHANGE_FORMATS)

NODE_CSV_FIELDS = ["Id", "Label", "kind", "country", "claims_made", "claims_received"]
# the columns Gephi reads, then ours: one edge per claim, or one per aggregated link
GEPHI_EDGE_FIELDS = ["Source", "Target", "Type", "Id", "Label", "stance", "Weight"]
CLAIM_CSV_FIELDS = GEPHI_EDGE_FIELDS + [
    "degree",
    "hedged",
    "confidence",
    "speaker_id",
    "counterpart_id",
    "document_id",
    "published",
    "cue",
    "evidence",
]
LINK_CSV_FIELDS = GEPHI_EDGE_FIELDS + [
    "n_documents",
    "n_hedged",
    "first_published",
    "last_published",
]


# characters XML 1.0 cannot hold at all (scraped text sometimes carries them)
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value):
    return XML_ILLEGAL.sub(" ", value) if isinstance(value, str) else value


def _scalars(data: dict) -> dict:
    return {k: _xml_safe(v) for k, v in data.items() if isinstance(v, (str, int, float, bool))}


def scalar_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy fit for GraphML and GEXF: scalar attributes only (they have no null, so a missing
    value is omitted) and no character that XML forbids."""
    out = nx.MultiDiGraph(**_scalars(g.graph))
    for node, data in g.nodes(data=True):
        out.add_node(_xml_safe(node), **_scalars(data))
    for u, v, key, data in g.edges(keys=True, data=True):
        out.add_edge(_xml_safe(u), _xml_safe(v), key=key, **_scalars(data))
    return out


def with_node_counts(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    for node in g:
        g.nodes[node].setdefault("claims_made", g.out_degree(node))
        g.nodes[node].setdefault("claims_received", g.in_degree(node))
    return g


def to_graphml(g: nx.MultiDiGraph) -> str:
    return "\n".join(nx.generate_graphml(scalar_graph(g))) + "\n"


def to_gexf(g: nx.MultiDiGraph) -> str:
    g = scalar_graph(g)
    for node, data in g.nodes(data=True):
        data["label"] = data.get("name", node)  # Gephi shows the label, not the id
    # GEXF keeps its own edge id; the claim id (or stance) stays readable as "key"
    for _u, _v, key, data in g.edges(keys=True, data=True):
        data.setdefault("label", data.get("stance", ""))
        data["id"] = f"{key}" if isinstance(key, int) else f"{_u}|{key}|{_v}"
    return "\n".join(nx.generate_gexf(g)) + "\n"


def to_json(g: nx.MultiDiGraph) -> str:
    # "links" is what D3's force layout expects
    data = nx.node_link_data(g, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"


def _csv_text(fields: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    # the default \r\n terminator also makes the writer quote a bare \r inside a field
    writer = csv.DictWriter(buffer, fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def csv_nodes(g: nx.MultiDiGraph) -> str:
    rows = [
        {"Id": node, "Label": data.get("name", node), **data}
        for node, data in sorted(g.nodes(data=True), key=lambda item: item[0])
    ]
    return _csv_text(NODE_CSV_FIELDS, rows)


def csv_edges(g: nx.MultiDiGraph, aggregated: bool) -> str:
    rows = []
    for u, v, key, data in g.edges(keys=True, data=True):
        row = {**data, "Source": u, "Target": v, "Type": "Directed", "Label": data["stance"]}
        if aggregated:
            row.update(Id=f"{u}|{key}|{v}", Weight=data["weight"])
        else:
            row.update(Id=key, Weight=1, hedged=int(bool(data.get("hedged"))))
        rows.append(row)
    fields = LINK_CSV_FIELDS if aggregated else CLAIM_CSV_FIELDS
    if any("review" in row for row in rows):  # --include-rejected
        fields = [*fields, "review"]
    return _csv_text(fields, rows)


def draw(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """The aggregated graph drawn with matplotlib: node colour by kind, edge colour by stance."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.pyplot as plt

    agg = g if g.graph.get("aggregated") else aggregate_graph(g)
    # SVG text stays text (searchable, selectable) instead of glyph outlines;
    # a fixed hash salt and no date keep the SVG reproducible (and the docs diff quiet)
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "claims-graph"}):
        fig = _figure(agg, plt)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, bbox_inches="tight", dpi=110, metadata={"Date": None})
        plt.close(fig)
    return buffer.getvalue()


def _legend_handles(agg: nx.MultiDiGraph) -> list:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Line2D([0], [0], color=c, lw=3, label=s) for s, c in STANCE_COLOURS.items()]
    ring = dict(
        marker="o", color="w", markeredgecolor=STANCE_COLOURS["denies"], markeredgewidth=3, markersize=12
    )
    handles.append(Line2D([0], [0], label="denies about itself", **ring))
    kinds = sorted({d.get("kind") or "other" for _, d in agg.nodes(data=True)})
    handles += [Patch(color=KIND_COLOURS.get(k, KIND_COLOURS["other"]), label=k) for k in kinds]
    return handles


def _figure(agg: nx.MultiDiGraph, plt):
    size = max(8.0, min(24.0, 3.0 + 0.6 * agg.number_of_nodes()))
    fig, ax = plt.subplots(figsize=(size, size * 0.75))
    ax.set_axis_off()
    if agg.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "No claims match these filters", ha="center", va="center", fontsize=14)
    else:
        pos = nx.spring_layout(nx.Graph(agg), seed=7, k=2.5 / max(1, agg.number_of_nodes()) ** 0.5)
        received = dict(agg.in_degree(weight="weight"))
        sizes = [600 + 250 * received.get(n, 0) for n in agg]
        nx.draw_networkx_nodes(
            agg,
            pos,
            ax=ax,
            node_color=[KIND_COLOURS.get(agg.nodes[n].get("kind"), KIND_COLOURS["other"]) for n in agg],
            node_size=sizes,
            # a self-loop would circle half the picture: an actor's denial about itself is a ring
            edgecolors=[STANCE_COLOURS["denies"] if agg.has_edge(n, n, "denies") else "#34495e" for n in agg],
            linewidths=[4.0 if agg.has_edge(n, n, "denies") else 1.0 for n in agg],
            alpha=0.95,
        )
        for stance, colour in STANCE_COLOURS.items():
            edges = [(u, v) for u, v, k in agg.edges(keys=True) if k == stance and u != v]
            if not edges:
                continue
            nx.draw_networkx_edges(
                agg,
                pos,
                ax=ax,
                edgelist=edges,
                edge_color=colour,
                width=[1.0 + 1.2 * agg.edges[u, v, stance]["weight"] for u, v in edges],
                arrowsize=18,
                nodelist=list(agg),
                node_size=sizes,  # so arrowheads stop at each node's rim
                # the two stances between the same pair bend apart instead of overlapping
                connectionstyle="arc3,rad=0.12" if stance == "accuses" else "arc3,rad=-0.25",
                alpha=0.8,
            )
        ax.margins(0.12)  # room for the labels of nodes on the rim
        labels = {n: textwrap.fill(agg.nodes[n].get("name") or n, 16) for n in agg}
        halo = {"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1.0}
        # labels sit just under their node so that the node's colour (its kind) stays visible
        ys = [y for _, y in pos.values()]
        drop = 0.04 * ((max(ys) - min(ys)) or 1.0)
        below = {n: (x, y - drop) for n, (x, y) in pos.items()}
        nx.draw_networkx_labels(
            agg, below, labels, ax=ax, font_size=10, font_weight="bold", bbox=halo, verticalalignment="top"
        )
    ax.legend(
        handles=_legend_handles(agg),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=10,
        title="stance / actor kind",
    )
    ax.set_title("Who accuses whom: edge width = number of claims", fontsize=13)
    return fig


def export_exchange(db_path: str, fmt: str, out: Path | None, filters: GraphFilters) -> None:
    """Write the filtered claims as a STIX 2.1 bundle or as MISP events."""
    import sqlite_utils

    from kb.claim_set import read_filtered

    claims = read_filtered(sqlite_utils.Database(db_path), filters)
    if fmt == "stix":
        from kb.stix import build_bundle, bundle_json

        bundle = build_bundle(claims)
        text, what = bundle_json(bundle), f"{len(bundle.get('objects', []))} STIX objects"
    else:
        from kb.misp import build_events, events_json

        events = build_events(claims)
        text, what = events_json(events), f"{len(events)} MISP events"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if claims.is_empty:
        empty = "an empty bundle" if fmt == "stix" else "no event"
        click.echo(f"kb export: no claim matches these filters: {empty} written", err=True)
    elif out:
        click.echo(f"kb export: {len(claims.claims)} claims, {what} -> {out} ({fmt})", err=True)


def _csv_path(out: Path, part: str) -> Path:
    stem = out.with_suffix("") if out.suffix == ".csv" else out
    return stem.with_name(f"{stem.name}-{part}.csv")


@click.command("export")
@click.option("--db", "db_path", default="kb.db", show_default=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="graphml", show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (stdout when omitted). For csv, writes OUT-nodes.csv and OUT-edges.csv.",
)
@click.option("--stance", type=click.Choice(["accuses", "denies"]), help="Keep one stance only.")
@click.option("--actor", help="Keep the claims made by or about this actor (id, name or alias).")
@click.option("--since", metavar="DATE", help="Keep documents published on or after DATE (YYYY[-MM[-DD]]).")
@click.option("--until", metavar="DATE", help="Keep documents published on or before DATE (inclusive).")
@click.option(
    "--min-claims",
    type=click.IntRange(min=1),
    help="Keep only claimant-stance-subject links backed by at least this many claims.",
)
@click.option(
    "--aggregate",
    is_flag=True,
    help="One weighted edge per claimant, stance and subject instead of one edge per claim.",
)
@click.option(
    "--include-rejected",
    is_flag=True,
    help="Graph formats: the claims reviewers rejected too, their edges marked review=rejected.",
)
def export_command(db_path, fmt, out, stance, actor, since, until, min_claims, aggregate, include_rejected):
    """Export the claims graph (who accuses or denies whom) for Gephi, D3 or a script, or the
    claims for OpenCTI and MISP.

    Nodes are actors that make or receive at least one claim; edges are claims
    (claimant -> subject), or with --aggregate one edge per claimant, stance and subject
    weighted by the number of claims. svg and png draw the aggregated graph. stix writes a
    STIX 2.1 bundle and misp MISP events (JSON), where each claim keeps its claimant.

    \b
    Examples:
      kb export --db kb.db --format gexf --out claims.gexf
      kb export --format csv --out claims --stance accuses --since 2021-01-01
      kb export --format json --actor China | jq '.links | length'
      kb export --format svg --out docs/claims-graph.svg
      kb export --format stix --out bundle.json --since 2021-01-01
      kb export --format misp --out events.json --actor APT28
    """
    with faults.reported(db_path, out):  # a damaged KB, a full disk, --out in a missing folder
        _export(db_path, fmt, out, stance, actor, since, until, min_claims, aggregate, include_rejected)


def _export(db_path, fmt, out, stance, actor, since, until, min_claims, aggregate, include_rejected):
    if not Path(db_path).exists():
        raise click.ClickException(
            f"{db_path}: no such knowledge base; build it with `kb ingest PATH --db {db_path}`"
        )
    if fmt == "png" and out is None:
        raise click.UsageError("--format png writes binary data: give a file with --out")
    if fmt in EXCHANGE_FORMATS:
        if aggregate:
            raise click.UsageError(f"--aggregate is for the graph formats; {fmt} keeps every claim")
        if include_rejected:
            raise click.UsageError(f"--include-rejected is for the graph formats: {fmt} never carries one")
        try:
            filters = GraphFilters(stance, actor, since, until, min_claims)
            return export_exchange(db_path, fmt, out, filters)
        except UnknownActorError as error:
            raise click.ClickException(f"--actor: {error}") from None
        except ValueError as error:  # a date that is not YYYY[-MM[-DD]]
            raise click.ClickException(f"--{error}") from None
    try:
        g = load_graph(
            db_path, stance, actor, since, until, min_claims=min_claims, include_rejected=include_rejected
        )
    except UnknownActorError as error:
        raise click.ClickException(f"--actor: {error}") from None
    except ValueError as error:  # a date that is not YYYY[-MM[-DD]]
        raise click.ClickException(f"--{error}") from None
    g = with_node_counts(g)
    if aggregate:
        g = aggregate_graph(g)
        g.graph["aggregated"] = True

    if fmt in ("svg", "png"):
        data = draw(g, fmt)
        if out:
            out.write_bytes(data)
        else:
            click.echo(data.decode("utf-8"), nl=False)
    elif fmt == "csv":
        nodes, edges = csv_nodes(g), csv_edges(g, aggregated=aggregate)
        if out:
            _csv_path(out, "nodes").write_text(nodes, encoding="utf-8", newline="")
            _csv_path(out, "edges").write_text(edges, encoding="utf-8", newline="")
        else:
            click.echo(
                "kb export: csv on stdout holds the edges only; use --out FILE for FILE-nodes.csv too",
                err=True,
            )
            click.echo(edges, nl=False)
    else:
        text = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json}[fmt](g)
        if out:
            out.write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
    if out:
        what = "links" if aggregate else "claims"
        click.echo(
            f"kb export: {g.number_of_nodes()} actors, {g.number_of_edges()} {what} -> {out} ({fmt})",
            err=True,
        )
