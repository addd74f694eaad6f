// Network tab: connectivity (every connection's weight per receptor, and
// the global gains e→e, e→i, i→e, i→i, HNN-core's
// set_global_synaptic_gains) and cell parameters per cell type and
// section group (geometry, channel densities, synapses).

import { state, numField, el, commit, showError } from "./app.js";

let root, body;

export function init(container) {
  root = container;
  body = el("div", { id: "network-body" });
  root.append(body);
}

// category of a connection: "e_e", "e_i", "i_e" or "i_i" by the electro
// types of its populations (null when a source is not a population).
function category(net, c) {
  const t = (name) => net.populations.find((p) => p.name === name)?.electro_type;
  const s = t(c.src), d = t(c.target);
  if (!s || !d) return null;
  return `${s[0]}_${d[0]}`;
}

function gains() {
  const net = state.spec.network;
  const cats = [["e_e", "e→e"], ["e_i", "e→i"], ["i_e", "i→e"], ["i_i", "i→i"]];
  return el("fieldset", {}, el("legend", { textContent: "Global synaptic gains" }),
    ...cats.map(([k, label]) => {
      const gs = net.connections.filter((c) => category(net, c) === k).map((c) => c.gain ?? 1);
      const same = gs.length && gs.every((g) => g === gs[0]);
      const f = numField(label, null, {
        name: "gain_" + k, get: () => (gs.length ? (same ? gs[0] : "") : ""),
        set: (v, fld) => {
          if (v < 0) { showError(fld, `gain ${label} = ${v}: must be >= 0`); return; }
          commit((s) => { for (const c of s.network.connections) if (category(s.network, c) === k) c.gain = v; }, fld).then((ok) => ok && render());
        },
      });
      if (!gs.length) f.querySelector("input").disabled = true;
      return f;
    }),
    el("div", { className: "note", textContent: "A gain multiplies the weights of every connection of its kind (each connection's own gain is in the table below)." }));
}

function connections() {
  const net = state.spec.network;
  const cols = [["weight_uS", "weight (µS)"], ["delay_ms", "delay (ms)"], ["lamtha", "λ"], ["gain", "gain"], ["probability", "probability"]];
  const rows = net.connections.map((c, i) => el("tr", {},
    el("td", { textContent: c.src }), el("td", { textContent: c.target }), el("td", { textContent: c.loc }), el("td", { textContent: c.receptor }),
    ...cols.map(([k]) => el("td", {}, numField("", ["network", "connections", i, k], { get: () => c[k] ?? (k === "gain" || k === "probability" ? 1 : 0) })))));
  return el("fieldset", {}, el("legend", { textContent: "Connectivity" }),
    el("table", { className: "grid", id: "connections" },
      el("tr", {}, ...["source", "target", "location", "receptor", ...cols.map((c) => c[1])].map((t) => el("th", { textContent: t }))), ...rows));
}

// numbers makes a field for every numeric value of obj (one level),
// at path.
function numbers(obj, path) {
  return Object.entries(obj || {}).filter(([, v]) => typeof v === "number").map(([k]) => numField(k, [...path, k]));
}

function cellParams() {
  const net = state.spec.network;
  return el("fieldset", {}, el("legend", { textContent: "Cell parameters" }),
    ...net.populations.map((p, pi) => {
      const cell = p.cell;
      if (!cell || !cell.sections) return el("p", { className: "note", textContent: `${p.name}: not a cable cell` });
      const base = ["network", "populations", pi, "cell"];
      const groups = Object.entries(cell.groups || {}).map(([g, secs]) => `${g}: ${secs.join(", ")}`).join("; ");
      const secCols = ["L_um", "diam_um", "nseg", "Ra_ohm_cm", "cm_uF_per_cm2", "v_init_mV"];
      const secs = el("table", { className: "grid" },
        el("tr", {}, el("th", { textContent: "section" }), ...secCols.map((k) => el("th", { textContent: k }))),
        ...cell.sections.map((s, si) => el("tr", {}, el("th", { textContent: s.name }),
          ...secCols.map((k) => el("td", {}, typeof s[k] === "number" ? numField("", [...base, "sections", si, k], { int: k === "nseg" }) : "")))));
      const mechs = (cell.mechanisms || []).map((m, mi) => el("div", {},
        el("b", { textContent: `${m.mech} ` }), el("span", { className: "note", textContent: m.sections ? `on ${m.sections.join(", ")}` : "on every section" }),
        el("div", {}, ...numbers(m.params, [...base, "mechanisms", mi, "params"]))));
      const syns = (cell.point_processes || []).map((pp, i) => el("div", {},
        el("b", { textContent: `${pp.name} ` }), el("span", { className: "note", textContent: `${pp.mech} at ${pp.section}(${pp.x})` }),
        el("div", {}, ...numbers(pp.params, [...base, "point_processes", i, "params"]))));
      return el("details", {}, el("summary", { textContent: `${p.name} (${p.electro_type || ""}, ${p.positions_um?.length ?? 0} cells)` }),
        el("div", { className: "note", textContent: "section groups: " + groups }), secs,
        el("h4", { textContent: "Channels by section group" }), ...mechs,
        el("h4", { textContent: "Synapses" }), ...syns);
    }));
}

export function render() {
  const net = state.spec.network;
  if (!net) {
    body.replaceChildren(el("p", { className: "note", textContent: "This model is a point network: edit its populations and connections in its spec file." }));
    return;
  }
  body.replaceChildren(gains(), connections(), cellParams(), globals(net));
}

function globals(net) {
  return el("fieldset", {}, el("legend", { textContent: "Network" }),
    numField("temperature (°C)", ["network", "celsius"]),
    numField("spike threshold (mV)", ["network", "threshold_mV"]),
    numField("in-plane distance (µm)", ["network", "inplane_distance_um"]));
}

