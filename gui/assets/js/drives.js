// External drives tab: HNN-core's evoked, Poisson and bursty drives and
// tonic biases (network.drives and network.biases), every field and the
// per-cell-type weights and delays; add, remove, load and save sets.

import { state, numField, selectField, fileField, el, commit, showError, clearError, download, log } from "./app.js";

let root, list;

// templates of new drives, every field present (HNN-core's defaults
// where it has them).
function template(type, cellTypes, n) {
  const per = (v) => Object.fromEntries(cellTypes.map((t) => [t, v]));
  const d = {
    name: `${type}${n}`, type, location: "proximal",
    weights_ampa_uS: per(0), weights_nmda_uS: per(0), synaptic_delays_ms: per(0.1),
    space_constant: 3, cell_specific: type !== "bursty", event_seed: 2, conn_seed: 3,
  };
  if (type === "evoked") d.evoked = { mu_ms: 20, sigma_ms: 3, numspikes: 1 };
  if (type === "poisson") d.poisson = { tstart_ms: 0, tstop_ms: 0, rate_hz: 10 };
  if (type === "bursty") { d.bursty = { tstart_ms: 0, tstart_std_ms: 0, tstop_ms: 0, burst_rate_hz: 10, burst_std_ms: 20, numspikes: 2, spike_isi_ms: 10 }; d.n_drive_cells = 10; }
  return d;
}

// fields of each drive type's dynamics, in HNN-core's order.
const dynamics = {
  evoked: [["mu_ms", "mean time (ms)"], ["sigma_ms", "std (ms)"], ["numspikes", "spikes", true]],
  poisson: [["tstart_ms", "start (ms)"], ["tstop_ms", "stop (ms, 0: end)"], ["rate_hz", "rate (Hz)"]],
  bursty: [["tstart_ms", "start (ms)"], ["tstart_std_ms", "start std (ms)"], ["tstop_ms", "stop (ms, 0: end)"], ["burst_rate_hz", "burst rate (Hz)"],
    ["burst_std_ms", "burst std (ms)"], ["numspikes", "spikes per burst", true], ["spike_isi_ms", "spike ISI (ms)"]],
};

export function init(container) {
  root = container;
  list = el("div", { id: "drive-list" });
  const typeSel = el("select", { id: "new-drive-type" });
  for (const t of ["evoked", "poisson", "bursty", "tonic"]) typeSel.append(el("option", { value: t, textContent: t }));
  const addErr = el("div", { className: "field" }, el("label", { textContent: "" }), el("span"), el("div", { className: "err" }));
  const add = el("button", { textContent: "Add drive", id: "add-drive", onclick: () => addDrive(typeSel.value, addErr) });
  const save = el("button", { textContent: "Save drive set", onclick: saveSet });
  const load = fileField("Load drive set (.json)", ".json", loadSet, "drive_set");
  root.append(el("fieldset", {}, el("legend", { textContent: "Drives" }), typeSel, " ", add, " ", save, addErr, load), list);
}

function cellTypes() {
  return (state.spec.network?.populations || []).map((p) => p.name);
}

async function addDrive(type, f) {
  const net = state.spec.network;
  if (!net) { showError(f, "drives need a cable network (this is a point network)"); return; }
  const n = (net.drives || []).length + (net.biases || []).length + 1;
  const ok = await commit((s) => {
    if (type === "tonic") {
      s.network.biases = [...(s.network.biases || []), { name: `tonic${n}`, cell_type: cellTypes()[0], section: "soma", x: 0.5, amplitude_nA: 0, t0_ms: 0, tstop_ms: 0 }];
    } else {
      s.network.drives = [...(s.network.drives || []), template(type, cellTypes(), n)];
    }
  }, f);
  if (ok) render();
}

async function remove(kind, i) {
  if (await commit((s) => { s.network[kind].splice(i, 1); }, null)) render();
}

function saveSet() {
  const net = state.spec.network || {};
  download("drives.json", JSON.stringify({ drives: net.drives || [], biases: net.biases || [] }, null, 2) + "\n");
}

async function loadSet(file, f) {
  let set;
  try {
    set = JSON.parse(await file.text());
    if (!set || typeof set !== "object" || !Array.isArray(set.drives ?? [])) throw new Error('want {"drives": [...], "biases": [...]}');
  } catch (e) {
    showError(f, `${file.name}: ${e.message}`);
    return;
  }
  if (await commit((s) => { s.network.drives = set.drives || []; s.network.biases = set.biases || []; }, f)) {
    clearError(f);
    log(`loaded ${(set.drives || []).length} drive(s) and ${(set.biases || []).length} bias(es) from ${file.name}`);
    render();
  }
}

// perType is the table of a drive's per-cell-type weights and delays.
function perType(i) {
  const base = ["network", "drives", i];
  const rows = cellTypes().map((t) => el("tr", {},
    el("th", { textContent: t }),
    el("td", {}, numField("", [...base, "weights_ampa_uS", t], { get: () => state.spec.network.drives[i].weights_ampa_uS?.[t] ?? 0 })),
    el("td", {}, numField("", [...base, "weights_nmda_uS", t], { get: () => state.spec.network.drives[i].weights_nmda_uS?.[t] ?? 0 })),
    el("td", {}, numField("", [...base, "synaptic_delays_ms", t], { get: () => state.spec.network.drives[i].synaptic_delays_ms?.[t] ?? 0.1 })),
    el("td", {}, numField("", [...base, "probability", t], { get: () => state.spec.network.drives[i].probability?.[t] ?? 1 }))));
  return el("table", { className: "grid" },
    el("tr", {}, el("th", { textContent: "cell type" }), el("th", { textContent: "AMPA weight (µS)" }), el("th", { textContent: "NMDA weight (µS)" }),
      el("th", { textContent: "delay (ms)" }), el("th", { textContent: "probability" })), ...rows);
}

function driveCard(d, i) {
  const base = ["network", "drives", i];
  const dyn = (dynamics[d.type] || []).map(([k, label, int]) => numField(label, [...base, d.type, k], { int }));
  return el("div", { className: "card drive", dataset: { drive: d.name } },
    el("h3", {}, `${d.name} (${d.type})`, el("button", { className: "small", textContent: "remove", onclick: () => remove("drives", i) })),
    el("div", {},
      selectField("location", [...base, "location"], ["proximal", "distal"]),
      ...dyn,
      numField("space constant", [...base, "space_constant"]),
      selectField("cell specific", [...base, "cell_specific"], [["true", "yes"], ["false", "no"]], { bool: true }),
      d.cell_specific ? null : numField("drive cells", [...base, "n_drive_cells"], { int: true, get: () => d.n_drive_cells ?? 1 }),
      numField("event seed", [...base, "event_seed"], { int: true }),
      numField("connection seed", [...base, "conn_seed"], { int: true })),
    perType(i));
}

function biasCard(b, i) {
  const base = ["network", "biases", i];
  return el("div", { className: "card bias" },
    el("h3", {}, `${b.name} (tonic)`, el("button", { className: "small", textContent: "remove", onclick: () => remove("biases", i) })),
    selectField("cell type", [...base, "cell_type"], cellTypes()),
    numField("amplitude (nA)", [...base, "amplitude_nA"]),
    numField("start (ms)", [...base, "t0_ms"]),
    numField("stop (ms, 0: end)", [...base, "tstop_ms"], { get: () => b.tstop_ms ?? 0 }),
    numField("x (section position)", [...base, "x"]));
}

export function render() {
  const net = state.spec.network;
  if (!net) {
    list.replaceChildren(el("p", { className: "note", textContent: "This model is a point network: its inputs are its Poisson layers and currents (edit the spec file)." }));
    return;
  }
  list.replaceChildren(...(net.drives || []).map(driveCard), ...(net.biases || []).map(biasCard));
}
