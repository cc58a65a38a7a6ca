/* The interactive graph page: draws actors and relations with cytoscape.js.
 *
 * It talks to the GraphQL endpoint only, always with fixed query documents and JSON
 * variables. Every piece of data reaches the DOM through textContent or a checked
 * attribute, never as markup. The drawn graph is exposed on window.actorGraph, and
 * document.body.dataset.state says "loading", "ready" or "error".
 */
(function () {
  "use strict";

  // ---- kinds and their looks (one table feeds the style, the legend and the filters) ----

  const ACTOR_KINDS = {
    STATE: { label: "State", color: "#0a6bb0", shape: "round-rectangle" },
    FACTION: { label: "Faction", color: "#c8501a", shape: "ellipse" },
    CITY: { label: "City", color: "#11865f", shape: "diamond" },
    REGION: { label: "Region", color: "#4a9fd0", shape: "hexagon" },
    PERSON: { label: "Person", color: "#b0508e", shape: "round-triangle" },
    ORGANIZATION: { label: "Organization", color: "#c08a00", shape: "round-octagon" },
    FACILITY: { label: "Facility", color: "#6f6f6f", shape: "star" },
  };
  const UNKNOWN_KIND = { label: "Other", color: "#999999", shape: "ellipse" };

  const RELATION_KINDS = {
    BACKS: { label: "backs", color: "#1f8a70" },
    CAPTURES: { label: "captures", color: "#7b3fbf" },
    STRIKES: { label: "strikes", color: "#cc2b2b" },
    FIGHTS: { label: "fights", color: "#e07b00" },
    LEADS: { label: "leads", color: "#3b6e9c" },
    ALLIED_WITH: { label: "allied with", color: "#8a7a1f" },
  };

  // Asserted and reported relations state a fact; the others are drawn dashed.
  const FACTUAL = new Set(["ASSERTED", "REPORTED"]);
  const GRAPH_LIMIT = 500;
  const SEARCH_LIMIT = 8;
  const SEARCH_DELAY_MS = 200;
  const SLIDER_DELAY_MS = 250;
  const FOCUS_ZOOM = 1.4;
  const FIT_ZOOM = 1.3;

  // ---- GraphQL documents: fixed text, user input only ever goes into variables ----

  const FRAGMENTS = `
    fragment ActorFields on Actor {
      id name kind aliases mentions
      location { geonamesId latitude longitude countryCode }
    }
    fragment RelationFields on Relation {
      id kind confidence modality firstReported lastReported articleCount
      eventDate { start end precision text }
      source { id } target { id }
      evidence { sentence start end trigger targetText eventDate { start end text }
                 article { id title url published } }
    }`;

  const GRAPH_QUERY = `
    query Graph($kinds: [RelationKind!], $minConfidence: Float, $since: Date,
                $until: Date, $first: Int) {
      graph(kinds: $kinds, minConfidence: $minConfidence, since: $since,
            until: $until, first: $first) {
        nodes { ...ActorFields } edges { ...RelationFields } truncated
      }
    }` + FRAGMENTS;

  const NEIGHBOURHOOD_QUERY = `
    query Neighbourhood($id: ID!, $depth: Int, $kinds: [RelationKind!],
                        $minConfidence: Float, $since: Date, $until: Date) {
      neighbourhood(id: $id, depth: $depth, kinds: $kinds, minConfidence: $minConfidence,
                    since: $since, until: $until) {
        nodes { ...ActorFields } edges { ...RelationFields } truncated
      }
    }` + FRAGMENTS;

  const SEARCH_QUERY = `
    query Search($search: String, $first: Int) {
      actors(search: $search, first: $first) {
        totalCount
        edges { node { ...ActorFields } }
      }
    }
    fragment ActorFields on Actor {
      id name kind aliases mentions
      location { geonamesId latitude longitude countryCode }
    }`;

  const endpoint = document.body.dataset.graphql || "/graphql";

  /** POST one query; resolve with its data or reject with a readable message. */
  async function gql(query, variables) {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query, variables: compact(variables) }),
    });
    let payload = null;
    try {
      payload = await response.json();
    } catch (_) {
      throw new Error(`The server answered ${response.status} without JSON.`);
    }
    if (payload.errors && payload.errors.length) {
      throw new Error(payload.errors.map((e) => e.message).join("; "));
    }
    if (!response.ok || !payload.data) {
      throw new Error(`The server answered ${response.status}.`);
    }
    return payload.data;
  }

  /** Drop unset variables, so the schema's defaults apply instead of an explicit null. */
  function compact(variables) {
    const out = {};
    for (const [key, value] of Object.entries(variables || {})) {
      if (value !== null && value !== undefined && value !== "") out[key] = value;
    }
    return out;
  }

  // ---- small DOM helpers: text always goes in through textContent ----

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svgIcon(build) {
    const ns = "http://www.w3.org/2000/svg"; // a namespace name, never fetched
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    build(svg, (tag, attrs) => {
      const child = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) child.setAttribute(k, String(v));
      svg.append(child);
    });
    return svg;
  }

  /** Only http(s) links are followed; anything else (javascript:, data:) is shown as text. */
  function safeHref(url) {
    if (!url) return null;
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // ---- state ----

  const state = {
    expanded: [], // actor ids whose neighbourhoods were loaded on top of the graph
    loads: 0, // completed loads, so a test can wait for the next one
    generation: 0, // bumps on every request; stale answers are dropped
    selected: null, // id of the selected actor or relation
    truncated: false, // a query hit its limit: more actors or relations match than are drawn
    actors: new Map(), // id -> actor, for names in the details panel
    days: [], // the "happened by" slider's days (ISO), from the drawn relations' event dates
  };

  function setState(value, message) {
    document.body.dataset.state = value;
    if (message !== undefined) $("status").textContent = message;
  }

  function markReady() {
    state.loads += 1;
    document.body.dataset.loads = String(state.loads);
    const nodes = cy.nodes(":visible").length;
    const edges = cy.edges(":visible").length;
    const more = state.truncated
      ? " More match than are drawn (the server sends at most " +
        `${GRAPH_LIMIT} at a time): narrow the filters or search.`
      : "";
    setState("ready", `${nodes} actors, ${edges} relations shown.${more}`);
    const empty = $("empty");
    empty.hidden = nodes > 0;
    empty.textContent = nodes > 0 ? "" : "Nothing matches these filters.";
  }

  function fail(error) {
    setState("error", `Could not load the graph: ${error.message}`);
  }

  // ---- filters ----

  function selectedKinds() {
    return Array.from(document.querySelectorAll("#kinds input:checked"), (box) => box.value);
  }

  /** The filter variables shared by `graph` and `neighbourhood`, or null when invalid. */
  function filters() {
    const since = $("since").value;
    const until = $("until").value;
    const dateError = $("date-error");
    const badWindow = since && until && since > until;
    dateError.hidden = !badWindow;
    dateError.textContent = badWindow ? "“From” must not be after “To”." : "";
    $("since").setAttribute("aria-invalid", badWindow ? "true" : "false");
    $("until").setAttribute("aria-invalid", badWindow ? "true" : "false");
    if (badWindow) return null;
    const kinds = selectedKinds();
    const everyKind = kinds.length === Object.keys(RELATION_KINDS).length;
    const confidence = Number($("confidence").value);
    return {
      kinds: everyKind ? null : kinds,
      minConfidence: confidence > 0 ? confidence : null,
      since: since || null,
      until: until || null,
    };
  }

  function depth() {
    return Number($("depth").value) || 1;
  }

  // ---- drawing ----

  function actorLooks(kind) {
    return ACTOR_KINDS[kind] || UNKNOWN_KIND;
  }

  function nodeData(actor) {
    const looks = actorLooks(actor.kind);
    const size = Math.min(52, 16 + 5 * Math.log2(1 + Math.max(0, actor.mentions || 0)));
    return {
      id: actor.id,
      name: actor.name,
      kind: actor.kind,
      color: looks.color,
      shape: looks.shape,
      size,
      actor,
    };
  }

  function edgeData(relation) {
    const looks = RELATION_KINDS[relation.kind] || { color: "#666666" };
    const factual = FACTUAL.has(relation.modality);
    return {
      id: relation.id,
      source: relation.source.id,
      target: relation.target.id,
      kind: relation.kind,
      label: factual ? relation.kind : `${relation.kind} · ${relation.modality.toLowerCase()}`,
      color: looks.color,
      width: 1.5 + Math.min(6, Math.log2(1 + (relation.articleCount || 1)) * 1.5),
      factual: factual ? 1 : 0,
      relation,
    };
  }

  const cy = cytoscape({
    container: $("cy"),
    minZoom: 0.1,
    maxZoom: 2.5,
    boxSelectionEnabled: false,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          shape: "data(shape)",
          width: "data(size)",
          height: "data(size)",
          label: "data(name)",
          "font-family": "system-ui, sans-serif",
          "font-size": 13,
          color: "#1b1b1b",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-outline-color": "#ffffff",
          "text-outline-width": 2,
          "text-wrap": "ellipsis",
          "text-max-width": "180px",
          "min-zoomed-font-size": 6,
          "border-width": 1.5,
          "border-color": "#ffffff",
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "curve-style": "bezier",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle",
          "arrow-scale": 1.1,
          label: "data(label)",
          "font-family": "system-ui, sans-serif",
          "font-size": 10,
          // relation labels appear once zoomed in, or on the relations in focus
          "min-zoomed-font-size": 11,
          color: "#2b2b2b",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": "1px",
          opacity: 0.9,
        },
      },
      { selector: "edge[factual = 0]", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#111111" } },
      {
        selector: "edge:selected",
        style: { "underlay-color": "#ffcc00", "underlay-opacity": 0.7, "underlay-padding": 4, opacity: 1 },
      },
      {
        selector: "edge.lit, edge:selected",
        style: { "min-zoomed-font-size": 0, "font-size": 12, "font-weight": "bold" },
      },
      { selector: ".faded", style: { opacity: 0.2, "text-opacity": 0.25 } },
      { selector: ".later", style: { display: "none" } },
    ],
  });

  /** Make the drawing hold exactly the given actors and relations, keeping known positions. */
  function draw(actors, relations) {
    const wantNodes = new Map(actors.map((a) => [a.id, a]));
    const wantEdges = new Map(relations.map((r) => [r.id, r]));
    for (const a of actors) state.actors.set(a.id, a);
    let added = 0;
    cy.batch(() => {
      cy.elements().forEach((ele) => {
        const keep = ele.isNode() ? wantNodes.has(ele.id()) : wantEdges.has(ele.id());
        if (!keep) ele.remove();
      });
      for (const actor of wantNodes.values()) {
        const existing = cy.getElementById(actor.id);
        if (existing.nonempty()) existing.data(nodeData(actor));
        else {
          cy.add({ group: "nodes", data: nodeData(actor) });
          added += 1;
        }
      }
      for (const relation of wantEdges.values()) {
        if (!wantNodes.has(relation.source.id) || !wantNodes.has(relation.target.id)) continue;
        const existing = cy.getElementById(relation.id);
        if (existing.nonempty()) existing.data(edgeData(relation));
        else cy.add({ group: "edges", data: edgeData(relation) });
      }
    });
    return added;
  }

  /** The area a layout may use: the visible canvas, grown with the graph so labels fit. */
  function layoutBox() {
    const width = cy.width();
    const height = cy.height();
    const grow = Math.max(0.6, Math.sqrt(cy.nodes().length / 45));
    return { x1: 0, y1: 0, w: width * grow, h: height * grow };
  }

  /** Lay the graph out; a full, randomised run when most of it is new. */
  async function layout(randomize) {
    const count = cy.nodes().length;
    if (count === 0) return;
    // the layout blocks the page while it runs: let the status message paint first
    setState("loading", `Laying out ${count} actors…`);
    await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
    const run = cy.layout({
      name: "cose",
      animate: false,
      randomize,
      fit: true,
      padding: 30,
      boundingBox: layoutBox(),
      nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => 6000,
      idealEdgeLength: () => 80,
      gravity: 60,
      componentSpacing: 50,
      // big graphs settle in fewer rounds; each round costs time quadratic in the actors
      numIter: count > 150 ? 600 : 1500,
    });
    const done = run.promiseOn("layoutstop").then(capZoom);
    run.run();
    await done;
  }

  /** Fitting a small graph would blow it up; keep it at a readable scale instead. */
  function capZoom() {
    if (cy.zoom() > FIT_ZOOM) {
      cy.zoom(FIT_ZOOM);
      cy.center();
    }
  }

  function fitView() {
    cy.fit(undefined, 30);
    capZoom();
  }

  /** Put an expansion's new actors in a ring around its centre, which keeps its place. */
  function placeNewcomers(centre, before) {
    if (!before.has(centre.id())) {
      const box = cy.extent();
      centre.position({ x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 });
    }
    const ring = cy.nodes().filter((n) => !before.has(n.id()) && n.id() !== centre.id());
    const at = centre.position();
    ring.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / ring.length;
      const radius = 110 + 14 * (i % 3);
      node.position({ x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) });
    });
  }

  /** Start each new node beside a drawn neighbour, so a re-layout moves the graph little. */
  function seedPositions(before) {
    cy.nodes()
      .filter((n) => !before.has(n.id()))
      .forEach((node) => {
        const anchor = node.neighborhood("node").filter((n) => before.has(n.id())).first();
        const at = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
        node.position({ x: at.x + (Math.random() - 0.5) * 80, y: at.y + (Math.random() - 0.5) * 80 });
      });
  }

  // ---- loading ----

  function union(subgraphs) {
    const actors = new Map();
    const relations = new Map();
    for (const sub of subgraphs) {
      for (const a of sub.nodes) actors.set(a.id, a);
      for (const r of sub.edges) relations.set(r.id, r);
    }
    return { actors: [...actors.values()], relations: [...relations.values()] };
  }

  function fetchNeighbourhood(id, flt) {
    // no kind ticked means no relation, not "any kind" as an empty list would to the API
    if (flt.kinds && flt.kinds.length === 0) {
      return Promise.resolve({ nodes: [], edges: [], truncated: false });
    }
    return gql(NEIGHBOURHOOD_QUERY, { id, depth: depth(), ...flt }).then((d) => d.neighbourhood);
  }

  /** Load the graph under the current filters, plus every neighbourhood opened so far. */
  async function reload() {
    const generation = ++state.generation;
    const flt = filters();
    setState("loading", "Loading…");
    if (flt === null) {
      setState("error", "Fix the date window to load the graph.");
      return;
    }
    try {
      const requests = [];
      if (flt.kinds === null || flt.kinds.length > 0) {
        requests.push(gql(GRAPH_QUERY, { ...flt, first: GRAPH_LIMIT }).then((d) => d.graph));
        for (const id of state.expanded) requests.push(fetchNeighbourhood(id, flt));
      }
      const subgraphs = await Promise.all(requests);
      if (generation !== state.generation) return;
      state.truncated = subgraphs.some((sub) => sub.truncated);
      const { actors, relations } = union(subgraphs);
      const before = new Set(cy.nodes().map((n) => n.id()));
      const added = draw(actors, relations);
      if (added > 0) {
        const mostlyNew = added > cy.nodes().length / 2;
        if (!mostlyNew) seedPositions(before);
        await layout(mostlyNew);
      }
      clearHighlight();
      restoreSelection();
      resetDays();
      applyAsOf();
      markReady();
    } catch (error) {
      if (generation === state.generation) fail(error);
    }
  }

  /** Add a neighbourhood to the drawing, new actors in a ring around its centre. */
  async function addNeighbourhood(id, sub, fallbackActor) {
    if (!state.expanded.includes(id)) state.expanded.push(id);
    if (sub.truncated) state.truncated = true;
    const drawn = {
      nodes: cy.nodes().map((n) => n.data("actor")),
      edges: cy.edges().map((e) => e.data("relation")),
    };
    // an actor with no relations under the filters still deserves a place on the page
    const alone = fallbackActor && !sub.nodes.some((a) => a.id === id) ? [fallbackActor] : [];
    const { actors, relations } = union([drawn, sub, { nodes: alone, edges: [] }]);
    const before = new Set(cy.nodes().map((n) => n.id()));
    draw(actors, relations);
    if (before.size === 0) await layout(true);
    else placeNewcomers(cy.getElementById(id), before);
    const hood = cy.collection(sub.nodes.map((a) => cy.getElementById(a.id)));
    highlight(hood.union(cy.getElementById(id)), sub.edges);
  }

  // ---- selection, highlight and the details panel ----

  function highlight(nodes, relations) {
    const edges = cy.collection(relations.map((r) => cy.getElementById(r.id)));
    const keep = nodes.union(edges);
    cy.batch(() => {
      cy.elements().removeClass("faded lit");
      if (keep.nonempty()) {
        cy.elements().not(keep).addClass("faded");
        edges.addClass("lit");
      }
    });
  }

  function clearHighlight() {
    cy.elements().removeClass("faded lit");
  }

  function select(ele) {
    cy.elements(":selected").unselect();
    ele.select();
    state.selected = ele.id();
    document.body.dataset.selected = ele.id();
  }

  function clearSelection() {
    cy.elements(":selected").unselect();
    state.selected = null;
    delete document.body.dataset.selected;
    clearHighlight();
    showHint();
  }

  function restoreSelection() {
    if (!state.selected) return;
    const ele = cy.getElementById(state.selected);
    if (ele.empty()) {
      clearSelection();
      return;
    }
    ele.select();
    if (ele.isNode()) showActor(ele.data("actor"));
    else showRelation(ele.data("relation"));
  }

  function actorName(id) {
    const actor = state.actors.get(id);
    return actor ? actor.name : id;
  }

  function panel(title, ...content) {
    $("details-title").textContent = title;
    $("details-body").replaceChildren(...content);
    $("details-close").hidden = false;
  }

  function showHint() {
    $("details-title").textContent = "Details";
    $("details-body").replaceChildren(
      el("p", { class: "help", text: "Click an actor to load its neighbourhood, or a relation to read its evidence." })
    );
    $("details-close").hidden = true;
  }

  function facts(rows) {
    const dl = el("dl", { class: "facts" });
    for (const [term, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      dl.append(el("dt", { text: term }), el("dd", {}, value));
    }
    return dl;
  }

  function kindBadge(kind, looks) {
    const badge = el("span", { class: "badge", text: looks.label || kind });
    badge.style.setProperty("--badge", looks.color);
    return badge;
  }

  function showActor(actor) {
    const looks = actorLooks(actor.kind);
    const loc = actor.location;
    const place = loc
      ? `${loc.latitude.toFixed(3)}, ${loc.longitude.toFixed(3)}` +
        (loc.countryCode ? ` (${loc.countryCode})` : "") +
        ` · GeoNames ${loc.geonamesId}`
      : null;
    panel(
      actor.name,
      el("p", {}, kindBadge(actor.kind, looks), " ", el("code", { text: actor.id })),
      facts([
        ["Aliases", actor.aliases && actor.aliases.length ? actor.aliases.join(", ") : "none"],
        ["Mentions", String(actor.mentions)],
        ["Location", place],
      ]),
      relationList(actor.id)
    );
    $("details").dataset.kind = "actor";
    $("details").dataset.id = actor.id;
  }

  /** The drawn relations of an actor, as buttons: keyboard users reach evidence this way. */
  function relationList(id) {
    const edges = cy.getElementById(id).connectedEdges();
    if (edges.empty()) return el("p", { class: "help", text: "No relations under these filters." });
    const list = el("ul", { class: "relation-list" });
    edges.forEach((edge) => {
      const r = edge.data("relation");
      const outgoing = r.source.id === id;
      const other = actorName(outgoing ? r.target.id : r.source.id);
      const kind = FACTUAL.has(r.modality) ? r.kind : `${r.kind} (${r.modality.toLowerCase()})`;
      const text = outgoing ? `${kind} → ${other}` : `← ${kind} by ${other}`;
      list.append(
        el("li", {}, el("button", { type: "button", class: "link", text, onclick: () => focusEdge(edge) }))
      );
    });
    return el("section", {}, el("h3", { text: `Relations (${edges.length})` }), list);
  }

  function showRelation(r) {
    const looks = RELATION_KINDS[r.kind] || { label: r.kind, color: "#666666" };
    panel(
      `${actorName(r.source.id)} ${looks.label || r.kind} ${actorName(r.target.id)}`,
      el("p", {}, kindBadge(r.kind, { label: r.kind, color: looks.color })),
      facts([
        ["From", actorButton(r.source.id)],
        ["To", actorButton(r.target.id)],
        ["Kind", r.kind],
        ["Modality", r.modality.toLowerCase() + (FACTUAL.has(r.modality) ? "" : " (not stated as fact)")],
        ["Confidence", Number(r.confidence).toFixed(2)],
        ["First reported", r.firstReported || "unknown"],
        ["Last reported", r.lastReported || "unknown"],
        ["Happened", happened(r.eventDate)],
        ["Articles", String(r.articleCount)],
      ]),
      evidenceList(r.evidence)
    );
    $("details").dataset.kind = "relation";
    $("details").dataset.id = r.id;
  }

  function happened(eventDate) {
    if (!eventDate) return "unknown";
    const span = eventDate.end && eventDate.end !== eventDate.start
      ? `${eventDate.start} – ${eventDate.end}` : eventDate.start;
    return `${span} (${eventDate.text})`;
  }

  // ---- the "happened by" slider: relations shown as of a day ----

  /** The slider's days: every day from the earliest to the latest drawn event date. */
  function resetDays() {
    const starts = cy.edges().map((e) => e.data("relation").eventDate)
      .filter(Boolean).map((d) => Date.parse(`${d.start}T00:00:00Z`));
    const slider = $("as-of");
    const atEnd = Number(slider.value) >= Number(slider.max);
    const current = atEnd ? null : state.days[Number(slider.value)];
    state.days = [];
    if (starts.length) {
      for (let t = Math.min(...starts); t <= Math.max(...starts); t += 86400000) {
        state.days.push(new Date(t).toISOString().slice(0, 10));
      }
    }
    slider.max = String(state.days.length); // the last position is "the latest report"
    slider.disabled = state.days.length === 0;
    const kept = current === null ? -1 : state.days.indexOf(current);
    slider.value = String(kept >= 0 ? kept : state.days.length);
  }

  /** The chosen day, or null at the slider's far right (everything, undated relations too). */
  function asOf() {
    const at = Number($("as-of").value);
    return at < state.days.length ? state.days[at] : null;
  }

  /** Hide relations that happened after the chosen day, and actors left with none. */
  function applyAsOf() {
    const day = asOf();
    $("as-of-value").textContent = day || "the latest report";
    document.body.dataset.asOf = day || "";
    cy.batch(() => {
      cy.elements().removeClass("later");
      if (day === null) return;
      cy.edges().forEach((edge) => {
        const when = edge.data("relation").eventDate;
        if (!when || when.start > day) edge.addClass("later");
      });
      cy.nodes().forEach((node) => {
        const edges = node.connectedEdges();
        const gone = edges.nonempty() && edges.every((e) => e.hasClass("later"));
        if (gone && !node.selected()) node.addClass("later");
      });
    });
    // Cytoscape restyles re-classed elements lazily, on its next frame; until then
    // ele.visible() and ':visible' answer from a cache of the old style, so the counts of
    // markReady (and anyone asking cy) could describe the previous day. Reading each
    // element's display now brings its style, and that cache, up to date.
    cy.elements().forEach((ele) => ele.style("display"));
  }

  function actorButton(id) {
    return el("button", {
      type: "button",
      class: "link",
      text: actorName(id),
      onclick: () => focusActor(id, state.actors.get(id)),
    });
  }

  /** The evidence sentences, the trigger word marked, each citing its article. */
  function evidenceList(evidence) {
    const list = el("ol", { class: "evidence" });
    for (const ev of evidence) {
      const when = ev.eventDate ? el("p", { class: "cite", text: `Happened: ${happened(ev.eventDate)}` }) : null;
      const what = ev.targetText ? el("p", { class: "target-detail", text: `Target as written: ${ev.targetText}` }) : null;
      list.append(el("li", { class: "evidence-item" }, quote(ev.sentence, ev.trigger), what, when, citation(ev.article)));
    }
    return el("section", {}, el("h3", { text: `Evidence (${evidence.length})` }), list);
  }

  function quote(sentence, trigger) {
    const q = el("blockquote", { class: "sentence" });
    const at = trigger ? sentence.toLowerCase().indexOf(trigger.toLowerCase()) : -1;
    if (at < 0) q.textContent = sentence;
    else {
      q.append(
        sentence.slice(0, at),
        el("mark", { text: sentence.slice(at, at + trigger.length) }),
        sentence.slice(at + trigger.length)
      );
    }
    return q;
  }

  function citation(article) {
    if (!article) return el("p", { class: "cite", text: "Article no longer stored." });
    const href = safeHref(article.url);
    const label = article.title || article.id;
    const link = href
      ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: label })
      : el("span", { class: "article-id", text: label });
    const parts = [link];
    if (!href && article.title) parts.push(" ", el("code", { text: article.id }));
    if (article.published) parts.push(` · ${article.published}`);
    return el("p", { class: "cite" }, "— ", ...parts);
  }

  // ---- focusing ----

  /** Bring an actor and its drawn neighbours into view, then mark it as focused. */
  function centreOn(node) {
    const eles = node.closedNeighborhood();
    const box = eles.boundingBox();
    const pad = 80;
    const fits = Math.min(
      (cy.width() - 2 * pad) / Math.max(box.w, 1),
      (cy.height() - 2 * pad) / Math.max(box.h, 1)
    );
    // close enough to read the labels, never so close that the neighbours leave the view
    const zoom = Math.max(cy.minZoom(), Math.min(FOCUS_ZOOM, fits));
    const done = () => {
      document.body.dataset.focused = node.id();
    };
    if (reducedMotion) {
      cy.zoom(zoom);
      cy.center(eles);
      done();
    } else {
      cy.animate({ zoom, center: { eles }, duration: 300, complete: done });
    }
  }

  function focusEdge(edge) {
    select(edge);
    highlight(edge.connectedNodes(), [edge.data("relation")]);
    showRelation(edge.data("relation"));
  }

  /** Load an actor's neighbourhood onto the drawing, then select, show and centre it. */
  async function focusActor(id, fallbackActor) {
    const flt = filters();
    if (flt === null) return;
    const generation = ++state.generation;
    delete document.body.dataset.focused;
    setState("loading", "Loading neighbourhood…");
    try {
      const sub = await fetchNeighbourhood(id, flt);
      if (generation !== state.generation) return;
      await addNeighbourhood(id, sub, fallbackActor);
      const node = cy.getElementById(id);
      if (node.nonempty()) {
        select(node);
        showActor(node.data("actor"));
      }
      resetDays();
      applyAsOf();
      markReady();
      if (node.nonempty()) centreOn(node);
    } catch (error) {
      if (generation === state.generation) fail(error);
    }
  }

  cy.on("tap", "node", (evt) => focusActor(evt.target.id()));
  cy.on("tap", "edge", (evt) => focusEdge(evt.target));
  cy.on("tap", (evt) => {
    if (evt.target === cy) clearSelection();
  });

  // ---- the search box: an ARIA combobox over actors(search:) ----

  const search = { timer: 0, generation: 0, options: [], active: -1 };

  function closeSuggestions() {
    $("search-note").textContent = "";
    $("suggestions").hidden = true;
    $("suggestions").replaceChildren();
    $("search").setAttribute("aria-expanded", "false");
    $("search").removeAttribute("aria-activedescendant");
    search.options = [];
    search.active = -1;
  }

  function showSuggestions(actors, total) {
    const box = $("suggestions");
    search.options = actors;
    search.active = -1;
    box.replaceChildren();
    actors.forEach((actor, i) => {
      const option = el(
        "li",
        { id: `suggestion-${i}`, role: "option", "aria-selected": "false", "data-id": actor.id },
        el("span", { class: "name", text: actor.name }),
        el("span", { class: "kind", text: actorLooks(actor.kind).label })
      );
      option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus
      option.addEventListener("click", () => choose(i));
      box.append(option);
    });
    // the listbox holds options only; how many matched is said beside it
    const note = $("search-note");
    if (actors.length === 0) note.textContent = "No actor matches.";
    else if (total > actors.length) note.textContent = `${actors.length} of ${total} matches; type more to narrow.`;
    else note.textContent = "";
    box.hidden = actors.length === 0;
    $("search").setAttribute("aria-expanded", actors.length > 0 ? "true" : "false");
  }

  function moveActive(step) {
    if (search.options.length === 0) return;
    const count = search.options.length;
    search.active = (search.active + step + count) % count;
    search.options.forEach((_, i) => {
      $(`suggestion-${i}`).setAttribute("aria-selected", i === search.active ? "true" : "false");
    });
    $("search").setAttribute("aria-activedescendant", `suggestion-${search.active}`);
    $(`suggestion-${search.active}`).scrollIntoView({ block: "nearest" });
  }

  function choose(index) {
    const actor = search.options[index];
    if (!actor) return;
    $("search").value = actor.name;
    closeSuggestions();
    state.actors.set(actor.id, actor);
    focusActor(actor.id, actor);
  }

  async function suggest() {
    const text = $("search").value.trim();
    const generation = ++search.generation;
    if (!text) {
      closeSuggestions();
      return;
    }
    try {
      const data = await gql(SEARCH_QUERY, { search: text, first: SEARCH_LIMIT });
      if (generation !== search.generation) return;
      showSuggestions(data.actors.edges.map((e) => e.node), data.actors.totalCount);
    } catch (error) {
      if (generation === search.generation) fail(error);
    }
  }

  function onSearchKey(event) {
    if (event.key === "ArrowDown") moveActive(1);
    else if (event.key === "ArrowUp") moveActive(-1);
    else if (event.key === "Escape") closeSuggestions();
    else if (event.key === "Enter") {
      event.preventDefault();
      if (search.options.length) choose(Math.max(0, search.active));
      return;
    } else return;
    event.preventDefault();
  }

  // ---- controls ----

  function buildKindFilters() {
    const box = $("kinds");
    for (const [kind, looks] of Object.entries(RELATION_KINDS)) {
      const input = el("input", { type: "checkbox", id: `kind-${kind}`, name: "kinds", value: kind, checked: true });
      const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
      swatch.style.setProperty("--swatch", looks.color);
      box.append(el("div", { class: "check" }, input, el("label", { for: `kind-${kind}` }, swatch, kind)));
    }
  }

  function buildLegend() {
    const actors = $("legend-actors");
    for (const [kind, looks] of Object.entries(ACTOR_KINDS)) {
      actors.append(el("li", {}, shapeIcon(looks), looks.label));
    }
    const lines = $("legend-relations");
    for (const [kind, looks] of Object.entries(RELATION_KINDS)) {
      lines.append(el("li", {}, lineIcon(looks.color, false), kind));
    }
    const styles = $("legend-lines");
    styles.append(el("li", {}, lineIcon("#555555", false), "asserted or reported"));
    styles.append(el("li", {}, lineIcon("#555555", true), "claimed, alleged, denied or hypothetical"));
  }

  const SHAPE_POINTS = {
    diamond: "12,2 22,12 12,22 2,12",
    hexagon: "7,3 17,3 22,12 17,21 7,21 2,12",
    "round-triangle": "12,3 22,20 2,20",
    "round-octagon": "8,2 16,2 22,8 22,16 16,22 8,22 2,16 2,8",
    star: "12,2 14.6,8.6 21.5,9 16.2,13.4 18,20.5 12,16.6 6,20.5 7.8,13.4 2.5,9 9.4,8.6",
  };

  function shapeIcon(looks) {
    return svgIcon((svg, add) => {
      const paint = { fill: looks.color, stroke: "#ffffff", "stroke-width": 1 };
      if (looks.shape === "ellipse") add("circle", { cx: 12, cy: 12, r: 9, ...paint });
      else if (looks.shape === "round-rectangle") add("rect", { x: 3, y: 4, width: 18, height: 16, rx: 4, ...paint });
      else add("polygon", { points: SHAPE_POINTS[looks.shape] || SHAPE_POINTS.hexagon, ...paint });
    });
  }

  function lineIcon(color, dashed) {
    return svgIcon((svg, add) => {
      const line = { x1: 1, y1: 12, x2: 17, y2: 12, stroke: color, "stroke-width": 2.5 };
      if (dashed) line["stroke-dasharray"] = "4 3";
      add("line", line);
      add("polygon", { points: "16,7 23,12 16,17", fill: color });
    });
  }

  function debounce(fn, ms) {
    let timer = 0;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  function resetFilters() {
    document.querySelectorAll("#kinds input").forEach((box) => {
      box.checked = true;
    });
    $("confidence").value = "0";
    $("confidence-value").textContent = "0.00";
    $("since").value = "";
    $("until").value = "";
    $("as-of").value = $("as-of").max;
    $("depth").value = "1";
    state.expanded = [];
    clearSelection();
    reload();
  }

  function wireControls() {
    $("filters").addEventListener("submit", (event) => event.preventDefault());
    $("kinds").addEventListener("change", reload);
    const slid = debounce(reload, SLIDER_DELAY_MS);
    $("confidence").addEventListener("input", () => {
      $("confidence-value").textContent = Number($("confidence").value).toFixed(2);
      slid();
    });
    $("as-of").addEventListener("input", () => {
      applyAsOf();
      markReady();
    });
    $("since").addEventListener("change", reload);
    $("until").addEventListener("change", reload);
    $("depth").addEventListener("change", reload);
    $("reset").addEventListener("click", resetFilters);
    $("fit").addEventListener("click", fitView);
    $("details-close").addEventListener("click", clearSelection);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && event.target !== $("search")) clearSelection();
    });
    $("search").addEventListener("input", () => {
      clearTimeout(search.timer);
      search.timer = setTimeout(suggest, SEARCH_DELAY_MS);
    });
    $("search").addEventListener("keydown", onSearchKey);
    // options keep the focus on mousedown, so a blur means the user left the box
    $("search").addEventListener("blur", closeSuggestions);
  }

  buildKindFilters();
  buildLegend();
  wireControls();
  window.actorGraph = { cy, state, reload, focusActor, focusEdge };
  reload();
})();
