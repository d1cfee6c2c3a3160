// The claims graph page: draws /-/claims-graph.json with vis-network (vendored, global `vis`)
// and lists the claims behind a clicked actor or arrow.
// Everything that comes from the database (names, evidence) is inserted with textContent:
// evidence sentences are scraped news text and may contain hostile HTML.
(function () {
  "use strict";

  // the project's palette (kb/palette.py), served as CSS custom properties
  const css = getComputedStyle(document.documentElement);
  const colour = (name) => css.getPropertyValue("--kb-" + name).trim();
  const KINDS = ["state", "intergov", "agency", "group", "company", "person", "other"];
  const STANCE_COLOURS = { accuses: colour("stance-accuses"), denies: colour("stance-denies") };
  const STANCE_HIGHLIGHTS = { accuses: colour("stance-accuses-strong"), denies: colour("stance-denies-strong") };
  const KIND_COLOURS = Object.fromEntries(KINDS.map((kind) => [kind, colour("kind-" + kind)]));
  const LAYOUT_SEED = 7;
  const LABEL_SIZE = 15;
  const FILTERS = [
    ["db", "db"],
    ["actor", "actor"],
    ["stance", "stance"],
    ["since", "since"],
    ["until", "until"],
    ["min_claims", "minClaims"],
    ["rollup", "rollup"],
  ];

  const container = document.getElementById("claims-graph");
  if (!container) return;
  const statusLine = document.getElementById("claims-graph-status");
  const nodeList = document.getElementById("claims-graph-node-list");
  const claimsTitle = document.getElementById("claims-title");
  const claimsHint = document.getElementById("claims-hint");
  const claimsList = document.getElementById("claims-list");

  // exposed for scripts and the browser test
  const state = { network: null, nodes: null, edges: null, data: null, names: {} };
  window.claimsGraph = state;

  function query(extra) {
    const params = new URLSearchParams();
    for (const [name, attribute] of FILTERS) {
      if (container.dataset[attribute]) params.set(name, container.dataset[attribute]);
    }
    for (const [name, value] of Object.entries(extra || {})) {
      if (value) params.set(name, value);
    }
    return params.toString();
  }

  function setStatus(text) {
    statusLine.textContent = text;
  }

  function textBlock(lines) {
    const block = document.createElement("div");
    for (const line of lines) {
      const row = document.createElement("div");
      row.textContent = line;
      block.appendChild(row);
    }
    return block;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function link(href, text) {
    const anchor = element("a", text);
    anchor.setAttribute("href", href);
    return anchor;
  }

  function toVisNode(node) {
    const lines = [
      node.name + " (" + node.id + ", " + node.kind + (node.country ? ", " + node.country : "") + ")",
      plural(node.claims_made, "claim") + " made, " + plural(node.claims_received, "claim") + " received",
    ];
    // a denial of its own responsibility that answers no known accusation: a ring, not a loop
    if (node.self_denials) lines.push(plural(node.self_denials, "denial") + " of its own responsibility");
    return {
      id: node.id,
      label: node.name,
      title: textBlock(lines),
      selfDenials: node.self_denials || 0,
      value: 1 + node.claims_received,
      color: {
        background: KIND_COLOURS[node.kind] || KIND_COLOURS.other,
        border: node.self_denials ? STANCE_COLOURS.denies : node.focus ? "#000000" : "#34495e",
        // keep the kind's colour when selected or hovered: only the border changes
        highlight: { background: KIND_COLOURS[node.kind] || KIND_COLOURS.other, border: "#000000" },
        hover: { background: KIND_COLOURS[node.kind] || KIND_COLOURS.other, border: "#000000" },
      },
      borderWidth: node.focus || node.self_denials ? 4 : 1,
    };
  }

  function toVisEdge(edge) {
    const from = state.names[edge.from] || edge.from;
    const to = state.names[edge.to] || edge.to;
    const dates = edge.first_published
      ? edge.first_published.slice(0, 10) + " to " + edge.last_published.slice(0, 10)
      : "undated";
    return {
      id: edge.id,
      from: edge.from,
      to: edge.to,
      stance: edge.stance,
      arrows: "to",
      // a denial goes from the denier to the accuser it answers, dashed
      dashes: edge.stance === "denies",
      width: Math.min(12, 1 + 2 * Math.log2(1 + edge.count)),
      color: {
        color: STANCE_COLOURS[edge.stance],
        highlight: STANCE_HIGHLIGHTS[edge.stance],
        hover: STANCE_HIGHLIGHTS[edge.stance],
      },
      // the two stances between the same pair bend to opposite sides
      smooth: { type: edge.stance === "accuses" ? "curvedCW" : "curvedCCW", roundness: 0.15 },
      title: textBlock([
        edge.stance === "denies" ? from + " denies, answering " + to : from + " " + edge.stance + " " + to,
        plural(edge.count, "claim") +
          (edge.n_documents === null ? "" : " in " + plural(edge.n_documents, "document")) +
          (edge.n_hedged ? ", " + edge.n_hedged + " hedged" : ""),
        dates,
      ]),
    };
  }

  function renderKinds(nodes) {
    const legend = document.getElementById("claims-graph-kinds");
    legend.replaceChildren();
    const kinds = [...new Set(nodes.map((n) => n.kind))].sort();
    for (const kind of kinds) {
      const chip = element("span", kind, "legend-kind");
      chip.style.background = KIND_COLOURS[kind] || KIND_COLOURS.other;
      legend.appendChild(chip);
    }
  }

  function renderNodeList(nodes) {
    nodeList.replaceChildren();
    const ordered = [...nodes].sort(
      (a, b) => b.claims_made + b.claims_received - (a.claims_made + a.claims_received) || a.name.localeCompare(b.name),
    );
    for (const node of ordered) {
      const item = document.createElement("li");
      const button = element("button", node.name);
      button.append(
        " ",
        element("small", node.claims_made + " made, " + node.claims_received + " received", "claim-counts"),
      );
      button.type = "button";
      button.dataset.nodeId = node.id;
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => {
        state.network.selectNodes([node.id]);
        showNode(node.id);
      });
      item.appendChild(button);
      nodeList.appendChild(item);
    }
  }

  function markPressed(nodeId) {
    for (const button of nodeList.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.nodeId === nodeId));
    }
  }

  function renderClaims(title, payload) {
    claimsTitle.textContent = title;
    claimsList.replaceChildren();
    if (!payload.ok) {
      claimsHint.textContent = payload.error;
      return;
    }
    claimsHint.textContent =
      plural(payload.total, "claim") + (payload.truncated ? " (the first " + payload.claims.length + " shown)" : "");
    for (const claim of payload.claims) {
      const item = element("li", null, "claim");
      item.dataset.claimId = claim.id;
      const head = element("p");
      head.append(
        element("strong", claim.claimant_name),
        " ",
        element("span", claim.stance, "stance-" + claim.stance),
        " ",
        element("strong", claim.subject_name),
      );
      item.appendChild(head);
      item.appendChild(element("blockquote", claim.evidence, "evidence"));
      const meta = element("p", null, "claim-meta");
      const details = [claim.published ? claim.published.slice(0, 10) : "undated", claim.degree];
      if (claim.hedged) details.push("hedged");
      if (claim.speaker_id) details.push("speaker: " + (claim.speaker_name || claim.speaker_id));
      if (claim.counterpart_id) details.push("answering: " + (claim.counterpart_name || claim.counterpart_id));
      meta.append(details.join(" · ") + " · ", link(claim.row_url, "claim " + claim.id), " · ");
      meta.append(link(claim.document_row_url, "document " + claim.document_id));
      item.appendChild(meta);
      claimsList.appendChild(item);
    }
    claimsList.dataset.count = String(payload.claims.length);
  }

  async function fetchClaims(title, extra) {
    claimsTitle.textContent = title;
    claimsHint.textContent = "Loading…";
    try {
      const response = await fetch(container.dataset.claimsUrl + "?" + query(extra));
      renderClaims(title, await response.json());
    } catch (error) {
      renderClaims(title, { ok: false, error: "Could not load the claims: " + error });
    }
  }

  function showNode(nodeId) {
    markPressed(nodeId);
    const name = state.names[nodeId] || nodeId;
    fetchClaims("Claims by or about " + name, { node: nodeId });
  }

  function showEdge(edgeId) {
    const edge = state.edges.get(edgeId);
    if (!edge) return;
    markPressed(null);
    const from = state.names[edge.from] || edge.from;
    const to = state.names[edge.to] || edge.to;
    const title = edge.stance === "denies" ? from + "'s denials answering " + to : from + " " + edge.stance + " " + to;
    fetchClaims(title, { claimant: edge.from, subject: edge.to, stance: edge.stance });
  }

  function draw(data) {
    state.data = data;
    state.names = Object.fromEntries(data.nodes.map((n) => [n.id, n.name]));
    state.nodes = new vis.DataSet(data.nodes.map(toVisNode));
    state.edges = new vis.DataSet(data.edges.map(toVisEdge));
    container.dataset.nodeCount = String(data.nodes.length);
    container.dataset.edgeCount = String(data.edges.length);
    renderKinds(data.nodes);
    renderNodeList(data.nodes);
    setStatus(
      plural(data.nodes.length, "actor") + ", " + plural(data.edges.length, "link") + ", " +
        plural(data.n_claims, "claim") +
        // a large KB draws only its heaviest links: say so, and how to see the rest
        (data.truncated
          ? " (the " + data.edges.length + " heaviest of " + data.n_links +
            " links; filter by actor, stance or dates to see the others)"
          : ""),
    );
    if (!data.nodes.length) {
      container.dataset.status = "ready";
      container.replaceChildren(element("p", "No claims match these filters.", "claims-graph-empty"));
      return;
    }
    state.network = new vis.Network(
      container,
      { nodes: state.nodes, edges: state.edges },
      {
        // a fixed seed: the same data is laid out the same way on every load
        layout: { randomSeed: LAYOUT_SEED, improvedLayout: data.nodes.length <= 150 },
        nodes: {
          shape: "dot",
          scaling: { min: 12, max: 40 },
          font: { size: LABEL_SIZE, strokeWidth: 3, background: "rgba(255,255,255,0.75)" },
        },
        edges: { selectionWidth: 2, hoverWidth: 1 },
        interaction: { hover: true, tooltipDelay: 120, navigationButtons: false },
        physics: {
          solver: "forceAtlas2Based",
          forceAtlas2Based: { gravitationalConstant: -120, springLength: 140, avoidOverlap: 1 },
          stabilization: { iterations: 600, fit: true },
        },
      },
    );
    state.network.on("click", (event) => {
      if (event.nodes.length) showNode(event.nodes[0]);
      else if (event.edges.length) showEdge(event.edges[0]);
    });
    // freeze the layout once it has settled so that actors stay where the reader saw them, then
    // move apart the actors whose labels would overlap
    const settle = () => {
      if (container.dataset.status === "ready") return;
      state.network.setOptions({ physics: false });
      separateLabels(state.network, data.nodes);
      state.network.fit();
      container.dataset.status = "ready";
    };
    state.network.once("stabilizationIterationsDone", settle);
    state.network.once("stabilized", settle);
  }

  // the box a node's label takes on the canvas, centred under the node
  function labelBox(position, name, measure) {
    const width = measure.measureText(name).width + 8;
    const height = LABEL_SIZE + 6;
    return { x: position.x - width / 2, y: position.y + 14, width: width, height: height };
  }

  function overlap(a, b) {
    const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
    const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
    return dx > 0 && dy > 0 ? { dx: dx, dy: dy } : null;
  }

  // Push apart, in a few deterministic sweeps, the nodes whose labels overlap: each pair moves
  // apart along the axis where they overlap least. Exposed for the browser test.
  function separateLabels(network, nodes) {
    const measure = document.createElement("canvas").getContext("2d");
    measure.font = LABEL_SIZE + "px arial";
    const ids = nodes.map((n) => n.id);
    const names = Object.fromEntries(nodes.map((n) => [n.id, n.name]));
    const positions = network.getPositions(ids);
    for (let sweep = 0; sweep < 60; sweep++) {
      let moved = false;
      const boxes = ids.map((id) => labelBox(positions[id], names[id], measure));
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const hit = overlap(boxes[i], boxes[j]);
          if (!hit) continue;
          moved = true;
          const a = positions[ids[i]];
          const b = positions[ids[j]];
          if (hit.dy <= hit.dx) {
            const push = (hit.dy + 2) / 2;
            const up = a.y < b.y || (a.y === b.y && ids[i] < ids[j]) ? -1 : 1;
            a.y += up * push;
            b.y -= up * push;
          } else {
            const push = (hit.dx + 2) / 2;
            const left = a.x < b.x || (a.x === b.x && ids[i] < ids[j]) ? -1 : 1;
            a.x += left * push;
            b.x -= left * push;
          }
          boxes[i] = labelBox(a, names[ids[i]], measure);
          boxes[j] = labelBox(b, names[ids[j]], measure);
        }
      }
      if (!moved) break;
    }
    for (const id of ids) network.moveNode(id, positions[id].x, positions[id].y);
    state.labelBoxes = () => {
      const now = network.getPositions(ids);
      return ids.map((id) => ({ id: id, ...labelBox(now[id], names[id], measure) }));
    };
  }

  async function load() {
    setStatus("Loading the graph…");
    try {
      const response = await fetch(container.dataset.jsonUrl + "?" + query());
      const data = await response.json();
      if (!data.ok) {
        container.dataset.status = "error";
        container.dataset.nodeCount = "0";
        setStatus(data.error);
        return;
      }
      draw(data);
    } catch (error) {
      container.dataset.status = "error";
      setStatus("Could not load the graph: " + error);
    }
  }

  load();
})();
