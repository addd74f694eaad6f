// Visualization tab: the dipole by layer (interactive, uPlot), smoothed
// and scaled on the server from the run's result without simulating
// again; overlays of several runs and of uploaded recorded dipoles with
// RMSE and correlation; the figures "lamina plot" draws (raster, spike
// histogram, PSD, TFR, positions, connectivity, LFP/CSD...) as panels;
// the runs with their exports (spec, outputs zip, figures as PNG/SVG).

import { state, api, upload, numField, fileField, el, log, showError, clearError } from "./app.js";

let root, runsTable, metricsEl, dipoleHost, panels, plot, controls;
const figureKinds = ["raster", "spike-hist", "psd", "tfr", "positions", "connectivity", "morphology", "dipole", "lfp", "csd", "lfp-summary", "patterns", "traces", "group-rates", "spectrogram", "conductances"];
const figures = []; // {kind, trial, host}

export function init(container) {
  root = container;
  controls = el("fieldset", {}, el("legend", { textContent: "Dipole processing (no new simulation)" }),
    numField("smoothing window (ms, 0: none)", null, {
      name: "viz_smooth_ms", get: () => state.viz.smoothMs,
      check: (v) => (v !== 0 && v < 1) || v < 0 ? `smoothing = ${v}: must be 0 (none) or a window of at least 1 ms` : null,
      set: (v) => { state.viz.smoothMs = v; refresh(); },
    }),
    numField("scaling factor", null, { name: "viz_scale", get: () => state.viz.scale, set: (v) => { state.viz.scale = v; refresh(); } }),
    fileField("Recorded dipole to compare (.txt HNN-core, .csv dipole.csv)", ".txt,.csv", uploadData, "data_file"));
  controls.querySelector('[data-field="data_file"] input').id = "data-file";
  runsTable = el("table", { className: "grid", id: "runs" });
  metricsEl = el("div", { className: "metrics", id: "metrics" });
  dipoleHost = el("div", { id: "dipole-plot" });
  panels = el("div", { className: "panels", id: "panels" });
  const kindSel = el("select", { id: "figure-kind" }, ...figureKinds.map((k) => el("option", { value: k, textContent: k })));
  const trialInp = el("input", { type: "number", min: 0, value: 0, style: "width:4em", id: "figure-trial" });
  root.append(controls,
    el("fieldset", {}, el("legend", { textContent: "Runs (tick to overlay)" }), runsTable),
    el("div", { className: "panel" }, el("h4", {}, "Dipole by layer",
      el("button", { className: "small", textContent: "PNG", onclick: dipolePNG }),
      el("span", { className: "note", textContent: "(SVG: add the dipole figure below)" })), dipoleHost, metricsEl),
    el("fieldset", {}, el("legend", { textContent: "Figures of the latest run" }), "kind ", kindSel, " trial ", trialInp, " ",
      el("button", { textContent: "Add panel", id: "add-panel", onclick: () => addFigure(kindSel.value, Number(trialInp.value) || 0) })),
    panels);
  renderRuns();
}

// runDone fetches a finished run's dipole, ticks it for overlay and
// redraws.
export async function runDone(run) {
  await overlay(run);
  renderRuns();
  drawDipole();
  await updateMetrics();
  if (!figures.length) { // the figures the model allows, as lamina plot all draws
    const net = state.spec.network;
    const kinds = !net ? ["raster", "traces"] : net.electrodes?.length ? ["raster", "spike-hist", "lfp", "csd"] : ["raster", "spike-hist"];
    for (const k of kinds) addFigure(k, 0);
  } else {
    for (const f of figures) loadFigure(f);
  }
}

// partial draws the mean dipole of a running run's finished trials.
export async function partial(run) {
  await overlay(run);
  drawDipole();
}

// overlay ticks run for the dipole plot in place of the run ticked
// automatically before it, and fetches its dipole.
async function overlay(run) {
  run.overlay = true;
  for (const r of state.runs) if (r !== run && r.overlay && r.autoOverlay) r.overlay = false;
  run.autoOverlay = true;
  await fetchDipole(run);
}

async function fetchDipole(run) {
  try {
    run.dipole = await api(`/api/runs/${run.id}/dipole?smooth_ms=${state.viz.smoothMs}&scale=${state.viz.scale}`);
  } catch (e) {
    run.dipole = null;
    if (e.status !== 409) log(`dipole of ${run.id}: ${e.message}`);
  }
}

// refresh re-processes every overlaid run's dipole with the current
// smoothing and scaling.
async function refresh() {
  for (const r of state.runs) if (r.status === "done") await fetchDipole(r);
  drawDipole();
  await updateMetrics();
}

function latest() {
  for (let i = state.runs.length - 1; i >= 0; i--) if (state.runs[i].status === "done") return state.runs[i];
  return null;
}

const colors = ["#000000", "#1e88e5", "#e53935", "#43a047", "#8e24aa", "#fb8c00", "#00897b", "#6d4c41"];

function drawDipole() {
  const tables = [];
  const series = [{ label: "time (ms)" }];
  state.viz.plotted = {};
  let c = 0;
  const last = latest();
  for (const r of state.runs) {
    if (!r.overlay || !r.dipole) continue;
    const layers = r === last ? r.dipole.layers : ["agg"];
    const ys = layers.map((l) => r.dipole.mean[l]);
    tables.push([r.dipole.times_ms, ...ys]);
    for (const [i, l] of layers.entries()) {
      const label = `${r.name} [${r.id}] ${l}`;
      state.viz.plotted[label] = { run: r.id, layer: l, x: r.dipole.times_ms, y: ys[i] };
      series.push({ label, stroke: colors[c++ % colors.length], width: l === "agg" ? 2 : 1, dash: l === "agg" ? undefined : [4, 3] });
    }
  }
  for (const d of state.datasets) {
    if (!d.overlay) continue;
    tables.push([d.times_ms, d.agg]);
    const label = `data: ${d.name}`;
    state.viz.plotted[label] = { data: d.id, x: d.times_ms, y: d.agg };
    series.push({ label, stroke: "#757575", width: 2, spanGaps: true });
  }
  if (plot) { plot.destroy(); plot = null; }
  if (!tables.length) { dipoleHost.replaceChildren(el("p", { className: "note", textContent: "Run a model to see its dipole." })); return; }
  dipoleHost.replaceChildren();
  const data = tables.length === 1 ? tables[0] : uPlot.join(tables);
  plot = new uPlot({
    width: Math.max(500, Math.min(1100, root.clientWidth - 40)), height: 360, series,
    scales: { x: { time: false } },
    axes: [{ label: "time (ms)" }, { label: `dipole (${last?.dipole?.unit || "nAm"})`, size: 70 }],
  }, data, dipoleHost);
  state.viz.drawn = (state.viz.drawn || 0) + 1;
}

export function resize() {
  if (plot) plot.setSize({ width: Math.max(500, Math.min(1100, root.clientWidth - 40)), height: 360 });
}

function dipolePNG() {
  if (!plot) return;
  const a = el("a", { href: plot.ctx.canvas.toDataURL("image/png"), download: "dipole.png" });
  document.body.append(a);
  a.click();
  a.remove();
}

async function uploadData(file, f) {
  try {
    const d = await upload("/api/data", file);
    clearError(f);
    d.overlay = true;
    state.datasets.push(d);
    log(`data ${d.name}: ${d.times_ms.length} samples, ${d.times_ms[0]} to ${d.times_ms[d.times_ms.length - 1]} ms`);
    document.dispatchEvent(new CustomEvent("datasets-changed"));
    renderRuns();
    drawDipole();
    await updateMetrics();
  } catch (e) {
    showError(f, e.message);
  }
}

// updateMetrics asks the server for the RMSE and correlation of every
// overlaid run against every overlaid data set (output.Write's
// comparison, as lamina simulate --compare).
async function updateMetrics() {
  const lines = [];
  state.viz.metrics = {};
  for (const r of state.runs) {
    if (!r.overlay || !r.dipole) continue;
    for (const d of state.datasets) {
      if (!d.overlay) continue;
      try {
        const m = await api(`/api/runs/${r.id}/compare?data=${d.id}&smooth_ms=${state.viz.smoothMs}&scale=${state.viz.scale}`);
        state.viz.metrics[`${r.id}|${d.id}`] = m;
        lines.push(`${r.name} [${r.id}] vs ${d.name} over [${m.tstart_ms}, ${m.tstop_ms}] ms: RMSE ${m.rmse_nAm.toPrecision(4)} nAm, correlation ${m.correlation.toFixed(3)}`);
      } catch (e) {
        lines.push(`${r.name} [${r.id}] vs ${d.name}: ${e.message}`);
      }
    }
  }
  metricsEl.textContent = lines.join("\n");
}

export function renderRuns() {
  const head = el("tr", {}, ...["overlay", "run", "name", "status", "wall (s)", "export"].map((t) => el("th", { textContent: t })));
  const rows = state.runs.map((r) => el("tr", {},
    el("td", {}, el("input", { type: "checkbox", checked: !!r.overlay, disabled: !r.dipole, onchange: async (e) => { r.overlay = e.target.checked; r.autoOverlay = false; drawDipole(); await updateMetrics(); } })),
    el("td", { textContent: r.id }), el("td", { textContent: r.name }), el("td", { textContent: r.status }),
    el("td", { textContent: r.wall_s ? r.wall_s.toFixed(2) : "" }),
    el("td", {}, r.status === "done" ? el("span", {},
      el("a", { href: `/api/runs/${r.id}/spec.json`, textContent: "spec", download: "" }), " ",
      el("a", { href: `/api/runs/${r.id}/outputs.zip`, textContent: "outputs.zip", download: "" })) : "")));
  const drows = state.datasets.map((d) => el("tr", {},
    el("td", {}, el("input", { type: "checkbox", checked: !!d.overlay, onchange: async (e) => { d.overlay = e.target.checked; drawDipole(); await updateMetrics(); } })),
    el("td", { textContent: d.id }), el("td", { textContent: d.name }), el("td", { textContent: "data" }), el("td"), el("td")));
  runsTable.replaceChildren(head, ...rows, ...drows);
}

document.addEventListener("run-finished", () => renderRuns());

function addFigure(kind, trial) {
  const host = el("div", { className: "panel figure", dataset: { kind } });
  const f = { kind, trial, host };
  figures.push(f);
  panels.append(host);
  loadFigure(f);
}

function loadFigure(f) {
  const r = latest();
  const close = el("button", { className: "small", textContent: "×", onclick: () => { f.host.remove(); figures.splice(figures.indexOf(f), 1); } });
  if (!r) { f.host.replaceChildren(el("h4", {}, f.kind, close), el("p", { className: "note", textContent: "no run yet" })); return; }
  const url = `/api/runs/${r.id}/figure/${f.kind}`;
  const img = el("img", { alt: `${f.kind} of ${r.id}` });
  const err = el("div", { className: "msg-error" });
  img.addEventListener("error", async () => {
    img.remove();
    try { await api(`${url}.png?trial=${f.trial}`); } catch (e) { err.textContent = e.message; }
  });
  img.src = `${url}.png?trial=${f.trial}`;
  f.host.replaceChildren(el("h4", {}, `${f.kind} — ${r.name} [${r.id}]${f.trial ? ` trial ${f.trial}` : ""}`,
    el("a", { href: `${url}.png?trial=${f.trial}&download=1`, textContent: "PNG" }),
    el("a", { href: `${url}.svg?trial=${f.trial}&download=1`, textContent: "SVG" }), close), img, err);
}
