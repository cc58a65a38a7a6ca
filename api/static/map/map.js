// The map page: towns coloured by who holds them as of the slider's day, strikes as marks.
//
// Everything comes from this server: the country outlines (Natural Earth via world-atlas,
// TopoJSON decoded here) and the data (/graphql: controlMap for the holders as of a day, the
// CAPTURES and STRIKES relations for the slider's range and the strike marks). The page sets
// body[data-state], [data-loads] and [data-as-of] when a day is drawn, for tests and scripts.
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 1000;
  const HEIGHT = 700;
  const DAY_MS = 86400000;
  const FACTUAL = new Set(["ASSERTED", "REPORTED"]);
  const PALETTE = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
    "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#393b79",
  ];
  const endpoint = document.body.dataset.graphql || "/graphql";

  const EVIDENCE = "sentence trigger article { id title url published }";
  const REPORT = `modality eventDate { start end text precision } evidence { ${EVIDENCE} }`;
  const RELATIONS = `
    query Relations($kind: RelationKind!, $after: String) {
      relations(kind: $kind, first: 500, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node {
          id modality source { id name }
          target { id name location { latitude longitude } }
          evidence { eventDate { start end text precision } ${EVIDENCE} }
        } }
      }
    }`;
  const CONTROL = `
    query ControlMap($asOf: Date) {
      controlMap(asOf: $asOf) {
        disputed restsOn
        place { id name location { latitude longitude } }
        holder { id name }
        capture { ${REPORT} }
        previous { actor { id name } ${REPORT} }
        disputes { actor { id name } ${REPORT} }
      }
    }`;

  const state = {
    days: [], // ISO dates the slider walks over, one per day
    strikes: [], // {relation, evidence, day}
    colours: new Map(), // holder id -> colour
    names: new Map(),
    projection: null,
    request: 0,
    loads: 0,
    selected: null,
  };

  // ---- small helpers ----

  async function gql(query, variables) {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (!response.ok || body.errors) {
      const message = body.errors ? body.errors.map((e) => e.message).join("; ") : response.status;
      throw new Error(`GraphQL: ${message}`);
    }
    return body.data;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    return node;
  }

  function status(text) {
    document.getElementById("status").textContent = text;
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function dayMs(iso) {
    return Date.parse(`${iso}T00:00:00Z`);
  }

  // ---- TopoJSON and the projection ----

  function decodeArcs(topology) {
    const [sx, sy] = topology.transform.scale;
    const [tx, ty] = topology.transform.translate;
    return topology.arcs.map((arc) => {
      let x = 0;
      let y = 0;
      return arc.map(([dx, dy]) => {
        x += dx;
        y += dy;
        return [x * sx + tx, y * sy + ty];
      });
    });
  }

  function ring(arcs, indexes) {
    const points = [];
    for (const index of indexes) {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  }

  function polygons(geometry) {
    if (geometry.type === "Polygon") return [geometry.arcs];
    if (geometry.type === "MultiPolygon") return geometry.arcs;
    return [];
  }

  function fitProjection(points) {
    // equirectangular around the points' middle latitude, fitted to the drawing with a margin
    const lats = points.map((p) => p[1]);
    const lons = points.map((p) => p[0]);
    let [west, east, south, north] = [Math.min(...lons), Math.max(...lons),
      Math.min(...lats), Math.max(...lats)];
    const pad = Math.max(1.5, (east - west) * 0.25, (north - south) * 0.25);
    [west, east, south, north] = [west - pad, east + pad, south - pad, north + pad];
    const k = Math.cos((((north + south) / 2) * Math.PI) / 180);
    const scale = Math.min(WIDTH / ((east - west) * k), HEIGHT / (north - south));
    const cx = (west + east) / 2;
    const cy = (north + south) / 2;
    return ([lon, lat]) => [WIDTH / 2 + (lon - cx) * k * scale, HEIGHT / 2 - (lat - cy) * scale];
  }

  function drawCountries(topology, project) {
    const arcs = decodeArcs(topology);
    const layer = document.getElementById("countries");
    layer.replaceChildren();
    for (const geometry of topology.objects.countries.geometries) {
      let d = "";
      for (const polygon of polygons(geometry)) {
        for (const indexes of polygon) {
          const pts = ring(arcs, indexes).map(project);
          const inside = pts.some(([x, y]) => x > -WIDTH && x < 2 * WIDTH && y > -HEIGHT && y < 2 * HEIGHT);
          if (!inside) continue;
          d += "M" + pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L") + "Z";
        }
      }
      if (!d) continue;
      const path = svg("path", { d, class: "country" });
      const name = (geometry.properties || {}).name;
      if (name) path.append(Object.assign(svg("title"), { textContent: name }));
      layer.append(path);
    }
  }

  // ---- data ----

  async function allRelations(kind) {
    const found = [];
    let after = null;
    for (;;) {
      const data = await gql(RELATIONS, { kind, after });
      found.push(...data.relations.edges.map((e) => e.node));
      if (!data.relations.pageInfo.hasNextPage) return found;
      after = data.relations.pageInfo.endCursor;
    }
  }

  function dayRange(relations) {
    const starts = relations.flatMap((r) => r.evidence.map((e) => e.eventDate && e.eventDate.start))
      .filter(Boolean).map(dayMs);
    if (!starts.length) return [];
    const days = [];
    for (let t = Math.min(...starts); t <= Math.max(...starts); t += DAY_MS) days.push(isoDay(t));
    return days;
  }

  function assignColours(captures) {
    const holders = [...new Set(captures.filter((r) => FACTUAL.has(r.modality))
      .map((r) => r.source.id))].sort();
    holders.forEach((id, i) => state.colours.set(id, PALETTE[i % PALETTE.length]));
    for (const r of captures) state.names.set(r.source.id, r.source.name);
  }

  // ---- drawing a day ----

  /** Put each label where it covers no dot and no label placed before it: right, left, above,
   *  below its town, in that order (the first when every side is taken). */
  function placeLabels(layer) {
    const dots = [...layer.querySelectorAll("circle")].map((d) => {
      const [cx, cy] = [Number(d.getAttribute("cx")), Number(d.getAttribute("cy"))];
      return { x1: cx - 10, y1: cy - 10, x2: cx + 10, y2: cy + 10 };
    });
    const taken = [...dots];
    const overlaps = (a) => taken.some((b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2);
    for (const group of layer.querySelectorAll("g.place")) {
      const dot = group.querySelector("circle");
      const label = group.querySelector("text");
      const [cx, cy] = [Number(dot.getAttribute("cx")), Number(dot.getAttribute("cy"))];
      const width = label.getComputedTextLength();
      const spots = [
        [cx + 12, cy + 4, "start"], [cx - 12, cy + 4, "end"],
        [cx, cy - 14, "middle"], [cx, cy + 22, "middle"],
      ];
      const box = ([x, y, anchor]) => {
        const left = anchor === "start" ? x : anchor === "end" ? x - width : x - width / 2;
        return { x1: left, y1: y - 12, x2: left + width, y2: y + 3 };
      };
      const spot = spots.find((candidate) => !overlaps(box(candidate))) || spots[0];
      label.setAttribute("x", spot[0]);
      label.setAttribute("y", spot[1]);
      label.setAttribute("text-anchor", spot[2]);
      taken.push(box(spot));
    }
  }

  function drawPlaces(controls) {
    const layer = document.getElementById("places");
    layer.replaceChildren();
    for (const c of controls) {
      const loc = c.place.location;
      if (!loc) continue;
      const [x, y] = state.projection([loc.longitude, loc.latitude]);
      const holder = c.holder ? c.holder.id : "";
      const classes = ["place", holder ? "held" : "unheld", c.disputed ? "disputed" : ""];
      const group = svg("g", {
        class: classes.join(" ").trim(), tabindex: "0", role: "button",
        "data-id": c.place.id, "data-holder": holder,
        "aria-label": `${c.place.name}: ${c.holder ? c.holder.name : "no capture stands"}`,
      });
      const dot = svg("circle", { cx: x, cy: y, r: 9 });
      if (holder) dot.setAttribute("fill", state.colours.get(holder) || "#555");
      const label = svg("text", { x: x + 12, y: y + 4 });
      label.textContent = c.place.name;
      group.append(dot, label);
      group.addEventListener("click", () => showPlace(c, group));
      group.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") showPlace(c, group);
      });
      if (state.selected === c.place.id) {
        group.classList.add("selected");
        showPlace(c, group);
      }
      layer.append(group);
    }
    placeLabels(layer);
  }

  function drawStrikes(day) {
    const layer = document.getElementById("strikes");
    layer.replaceChildren();
    const windowDays = Number(document.getElementById("window").value);
    const end = dayMs(day);
    const start = end - windowDays * DAY_MS;
    const marks = new Map();
    for (const s of state.strikes) {
      const t = dayMs(s.evidence.eventDate.start);
      if (t > end || t <= start) continue;
      const id = s.relation.target.id;
      if (!marks.has(id)) marks.set(id, []);
      marks.get(id).push(s);
    }
    for (const [id, strikes] of marks) {
      const loc = strikes[0].relation.target.location;
      const [x, y] = state.projection([loc.longitude, loc.latitude]);
      const r = 7;
      const group = svg("g", { class: "strike", tabindex: "0", role: "button", "data-target": id,
        "aria-label": `Strikes on ${strikes[0].relation.target.name}` });
      group.append(
        svg("rect", { x: x - r, y: y - 22 - r, width: 2 * r, height: 2 * r }),
        svg("path", { d: `M${x - r},${y - 22 - r}L${x + r},${y - 22 + r}M${x + r},${y - 22 - r}L${x - r},${y - 22 + r}` }),
      );
      group.addEventListener("click", () => showStrikes(strikes, group));
      group.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") showStrikes(strikes, group);
      });
      layer.append(group);
    }
  }

  function drawLegend(controls) {
    const list = document.getElementById("legend");
    list.replaceChildren();
    const shown = new Set(controls.map((c) => c.holder && c.holder.id).filter(Boolean));
    for (const [id, colour] of state.colours) {
      if (!shown.has(id)) continue;
      const swatch = svg("svg", { class: "swatch", viewBox: "0 0 10 10", "aria-hidden": "true" });
      swatch.append(svg("circle", { cx: 5, cy: 5, r: 5, fill: colour }));
      list.append(el("li", { "data-holder": id }, swatch, state.names.get(id) || id));
    }
    const none = svg("svg", { class: "swatch", viewBox: "0 0 10 10", "aria-hidden": "true" });
    none.append(svg("circle", { cx: 5, cy: 5, r: 5, fill: "#9aa3ad" }));
    list.append(el("li", {}, none, "No capture stands"));
  }

  async function showDay() {
    const slider = document.getElementById("day");
    const day = state.days[Number(slider.value)];
    document.getElementById("day-label").textContent = day;
    const request = ++state.request;
    document.body.dataset.state = "loading";
    const data = await gql(CONTROL, { asOf: day });
    if (request !== state.request) return; // a later move of the slider supersedes this one
    drawStrikes(day);
    drawPlaces(data.controlMap);
    drawLegend(data.controlMap);
    const held = data.controlMap.filter((c) => c.holder).length;
    status(`${held} of ${data.controlMap.length} towns held as of ${day}`);
    state.loads += 1;
    document.body.dataset.asOf = day;
    document.body.dataset.loads = String(state.loads);
    document.body.dataset.state = "ready";
  }

  // ---- the evidence panel ----

  function details(kind, id, title, ...content) {
    const panel = document.getElementById("details");
    panel.dataset.kind = kind;
    panel.dataset.id = id;
    panel.replaceChildren(el("h2", {}, title), ...content);
  }

  function when(report) {
    const d = report.eventDate;
    if (!d) return "undated";
    const span = d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start;
    return `${span} (${d.text})`;
  }

  function quote(report, who) {
    const ev = report.evidence;
    const article = ev.article ? ev.article.title || ev.article.id : "a deleted article";
    const meta = `${who ? who + ", " : ""}${when(report)}, ${report.modality.toLowerCase()}, ${article}`;
    return el("blockquote", {}, ev.sentence, el("span", { class: "meta" }, meta));
  }

  function select(group) {
    document.querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
    group.classList.add("selected");
  }

  function showPlace(c, group) {
    state.selected = c.place.id;
    select(group);
    const parts = [];
    if (c.holder) {
      parts.push(el("p", {}, `Held by ${c.holder.name}, resting on ${c.restsOn.join(", ").toLowerCase()} reports.`));
      parts.push(quote(c.capture, c.holder.name));
    } else {
      parts.push(el("p", {}, "No capture stands as of this day."));
    }
    if (c.disputed || (!c.holder && c.disputes.length)) {
      parts.push(el("h3", { class: "flag" }, c.holder ? "Disputed" : "Claimed or denied"));
      parts.push(...c.disputes.map((d) => quote(d, d.actor && d.actor.name)));
    }
    if (c.previous.length) {
      parts.push(el("h3", {}, "Before that"));
      parts.push(...c.previous.map((p) => quote(p, p.actor && p.actor.name)));
    }
    details("place", c.place.id, c.place.name, ...parts);
  }

  function showStrikes(strikes, group) {
    state.selected = null;
    select(group);
    const target = strikes[0].relation.target;
    const quotes = strikes.map((s) => quote({ modality: s.relation.modality,
      eventDate: s.evidence.eventDate, evidence: s.evidence }, s.relation.source.name));
    details("strike", target.id, `Strikes on ${target.name}`, ...quotes);
  }

  // ---- start ----

  async function start() {
    try {
      const [topology, captures, strikes] = await Promise.all([
        fetch(document.body.dataset.outline).then((r) => r.json()),
        allRelations("CAPTURES"),
        allRelations("STRIKES"),
      ]);
      state.strikes = strikes.filter((r) => FACTUAL.has(r.modality) && r.target.location)
        .flatMap((relation) => relation.evidence.filter((e) => e.eventDate)
          .map((evidence) => ({ relation, evidence })));
      assignColours(captures);
      state.days = dayRange([...captures, ...strikes]);
      const first = await gql(CONTROL, { asOf: null });
      const points = [
        ...first.controlMap.map((c) => c.place.location),
        ...state.strikes.map((s) => s.relation.target.location),
      ].filter(Boolean).map((loc) => [loc.longitude, loc.latitude]);
      state.projection = fitProjection(points.length ? points : [[0, 20], [40, 40]]);
      drawCountries(topology, state.projection);
      const slider = document.getElementById("day");
      if (!state.days.length) {
        drawPlaces(first.controlMap);
        drawLegend(first.controlMap);
        document.getElementById("day-label").textContent = "the latest report";
        status("Holders as of the latest report: no capture or strike here is dated.");
        document.body.dataset.state = "ready";
        return;
      }
      slider.max = String(state.days.length - 1);
      slider.value = slider.max;
      slider.disabled = false;
      slider.addEventListener("input", () => showDay().catch(fail));
      document.getElementById("window").addEventListener("change", () => showDay().catch(fail));
      await showDay();
    } catch (error) {
      fail(error);
    }
  }

  function fail(error) {
    status(`Could not load the map: ${error.message}`);
    document.body.dataset.state = "error";
  }

  start();
})();
