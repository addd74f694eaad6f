// Optimization tab: HNN-core's optimizer in the browser. Pick parameters
// (any number in the drives, connections or biases, by its model path)
// with bounds, the objective and its target, the solver and its budget;
// the fit runs on the server (fitrun, as lamina fit) with a live
// convergence plot; adopt the best parameters into the spec.

import { state, api, el, log, setSpec, showError, clearError, parseNumber } from "./app.js";

let root, paramsHost, objHost, solverHost, statusEl, convHost, conv, errEl;
let params = []; // {path, low, high, initial}
let cfg = null;

// candidates lists the model paths a parameter may set (spec.Run.Set
// paths into the network): every number of the drives, the connections'
// weights and delays, the biases' amplitudes.
function candidates() {
  const net = state.spec?.network;
  if (!net) return [];
  const out = [];
  const walk = (o, path) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === "number") out.push(`${path}.${k}`);
      else if (v && typeof v === "object" && !Array.isArray(v)) walk(v, `${path}.${k}`);
    }
  };
  for (const d of net.drives || []) {
    const { event_seed, conn_seed, ...rest } = d;
    void event_seed; void conn_seed;
    walk(rest, `drives.${d.name}`);
  }
  net.connections.forEach((c, i) => { out.push(`connections.${i}.weight_uS`, `connections.${i}.delay_ms`); });
  for (const b of net.biases || []) out.push(`biases.${b.name}.amplitude_nA`);
  return out;
}

function valueAt(path) {
  let o = state.spec.network;
  for (const k of path.split(".")) {
    if (o == null) return undefined;
    o = Array.isArray(o) ? (o.find((x) => x.name === k) ?? o[Number(k)]) : o[k];
  }
  return o;
}

function input(value, onchange, id) {
  const i = el("input", { type: "text", value: value ?? "", style: "width:7em" });
  if (id) i.id = id;
  i.addEventListener("change", () => onchange(i));
  return i;
}

function renderParams() {
  const cands = candidates();
  const rows = params.map((p, i) => {
    const sel = el("select", { className: "wide" }, ...cands.map((c) => el("option", { value: c, textContent: c })));
    sel.value = p.path;
    sel.addEventListener("change", () => { Object.assign(p, newParam(sel.value)); renderParams(); });
    const num = (key) => input(p[key], (inp) => {
      const [v, err] = parseNumber(inp.value, false);
      if (err) { fieldErr(err); return; }
      p[key] = v;
      fieldErr("");
    });
    return el("tr", {}, el("td", {}, sel), el("td", {}, num("low")), el("td", {}, num("high")), el("td", {}, num("initial")),
      el("td", {}, el("button", { className: "small", textContent: "remove", onclick: () => { params.splice(i, 1); renderParams(); } })));
  });
  paramsHost.replaceChildren(el("table", { className: "grid", id: "fit-params" },
    el("tr", {}, ...["model path", "low", "high", "initial", ""].map((t) => el("th", { textContent: t }))), ...rows),
  el("button", { textContent: "Add parameter", id: "fit-add-param", onclick: () => {
    params.push(newParam(cands[0]));
    renderParams();
  } }));
}

// newParam is a parameter at path, bounded by half and twice its value
// (0 to 1 from 0), starting from its value.
function newParam(path) {
  const v = valueAt(path) ?? 0;
  const [a, b] = v === 0 ? [0, 1] : [v / 2, v * 2];
  return { path, low: Math.min(a, b), high: Math.max(a, b), initial: v };
}

function fieldErr(msg) {
  const f = errEl;
  if (msg) showError(f, msg); else clearError(f);
}

const form = { kind: "dipole_rmse", data: "", smooth_ms: 30, scale: 3000, f_bands: "15-25", solver: "cma", max_iter: 3, popsize: 4, seed: 1 };

function renderObjective() {
  const kinds = cfg?.objectives || ["dipole_rmse", "dipole_corr", "maximize_psd"];
  const kindSel = el("select", { id: "fit-objective" }, ...kinds.map((k) => el("option", { value: k, textContent: k })));
  kindSel.value = form.kind;
  kindSel.addEventListener("change", () => { form.kind = kindSel.value; renderObjective(); });
  const dataSel = el("select", { id: "fit-data" }, el("option", { value: "", textContent: "(upload in Visualization)" }),
    ...state.datasets.map((d) => el("option", { value: d.id, textContent: d.name })));
  if (!form.data && state.datasets.length) form.data = state.datasets[state.datasets.length - 1].id;
  dataSel.value = form.data;
  dataSel.addEventListener("change", () => { form.data = dataSel.value; });
  const num = (k, id) => input(form[k], (inp) => {
    const [v, err] = parseNumber(inp.value, false);
    if (err) { fieldErr(err); return; }
    form[k] = v; fieldErr("");
  }, id);
  const bands = input(form.f_bands, (inp) => { form.f_bands = inp.value; });
  objHost.replaceChildren("kind ", kindSel, " ",
    form.kind === "maximize_psd" ? el("span", {}, "bands (Hz, e.g. 15-25, 30-80) ", bands) : el("span", {}, "target ", dataSel),
    " smoothing (ms) ", num("smooth_ms", "fit-smooth"), " scale ", num("scale", "fit-scale"));
}

function renderSolver() {
  const solvers = cfg?.solvers || ["bayesian", "cobyla", "cma", "nelder-mead"];
  const sel = el("select", { id: "fit-solver" }, ...solvers.map((k) => el("option", { value: k, textContent: k })));
  sel.value = form.solver;
  sel.addEventListener("change", () => { form.solver = sel.value; renderSolver(); });
  const num = (k, id) => input(form[k], (inp) => {
    const [v, err] = parseNumber(inp.value, true);
    if (err) { fieldErr(err); return; }
    form[k] = v; fieldErr("");
  }, id);
  solverHost.replaceChildren("solver ", sel, " iterations ", num("max_iter", "fit-iter"),
    form.solver === "cma" ? el("span", {}, " population ", num("popsize", "fit-popsize"), " seed ", num("seed", "fit-seed")) :
      form.solver === "bayesian" ? el("span", {}, " seed ", num("seed", "fit-seed")) : "");
}

function request() {
  const objective = { kind: form.kind, smooth_ms: form.smooth_ms, scale: form.scale, data: form.data };
  if (form.kind === "maximize_psd") {
    objective.f_bands = String(form.f_bands).split(",").map((b) => b.split("-").map(Number));
    objective.relative_bandpower = [1];
  }
  const solver = { kind: form.solver, max_iter: form.max_iter };
  if (form.solver === "cma") { solver.popsize = form.popsize; solver.seed = form.seed; }
  if (form.solver === "bayesian") { solver.seed = form.seed; }
  return {
    spec: state.spec, threads: state.threads, objective, solver,
    params: params.map((p, i) => ({ name: `p${i}_${p.path.split(".").slice(-2).join("_")}`, paths: [p.path], low: p.low, high: p.high, initial: p.initial })),
  };
}

async function start() {
  fieldErr("");
  let r;
  try {
    r = await api("/api/fits", { json: request() });
  } catch (e) {
    fieldErr(e.message);
    return;
  }
  state.fit = { id: r.id, status: "queued", history: [], best: null };
  drawConv();
  const es = new EventSource(`/api/fits/${r.id}/events`);
  es.addEventListener("state", (ev) => {
    const st = JSON.parse(ev.data);
    for (const line of st.log || []) log(`[${r.id} fit] ${line}`);
    state.fit.status = st.status;
    if (st.extra) {
      state.fit.history = st.extra.history || [];
      state.fit.names = st.extra.names;
      state.fit.bestX = st.extra.best_x;
      state.fit.bestSpec = st.extra.best_spec;
    }
    statusEl.textContent = `${st.status}: ${state.fit.history.length} evaluation(s)` +
      (state.fit.history.length ? `, best loss ${state.fit.history[state.fit.history.length - 1].best.toPrecision(5)}` : "") +
      (st.error ? ` — ${st.error}` : "");
    drawConv();
    if (["done", "failed", "cancelled"].includes(st.status)) {
      es.close();
      document.getElementById("fit-adopt").disabled = !state.fit.bestSpec;
    }
  });
}

function drawConv() {
  const h = state.fit?.history || [];
  const data = [h.map((p) => p.eval + 1), h.map((p) => p.loss ?? null), h.map((p) => p.best)];
  if (conv) { conv.destroy(); conv = null; }
  conv = new uPlot({
    width: 640, height: 260, scales: { x: { time: false } },
    series: [{ label: "evaluation" }, { label: "loss", stroke: "#90a4ae", paths: () => null, points: { show: true, size: 5 } }, { label: "best", stroke: "#e53935", width: 2 }],
    axes: [{ label: "evaluation", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }, { label: "loss", size: 70 }],
  }, data, convHost);
}

function adopt() {
  if (!state.fit?.bestSpec) return;
  const best = state.fit.bestSpec;
  best.name = state.spec.name;
  setSpec(best);
  log(`adopted the fit's best parameters: ${state.fit.names.map((n, i) => `${n} = ${state.fit.bestX[i].toPrecision(6)}`).join(", ")}`);
}

export function init(container) {
  root = container;
  paramsHost = el("div");
  objHost = el("div");
  solverHost = el("div");
  statusEl = el("div", { className: "metrics", id: "fit-status" });
  convHost = el("div", { id: "fit-plot" });
  errEl = el("div", { className: "field", dataset: { field: "fit_params" } }, el("label"), el("span"), el("div", { className: "err", id: "fit-error" }));
  root.append(
    el("fieldset", {}, el("legend", { textContent: "Parameters" }), paramsHost),
    el("fieldset", {}, el("legend", { textContent: "Objective" }), objHost),
    el("fieldset", {}, el("legend", { textContent: "Solver" }), solverHost,
      el("p", { className: "note", textContent: "Trials, tstop and dt are the Simulation tab's; each evaluation is one run." })),
    el("div", {}, el("button", { className: "primary", textContent: "Run fit", id: "fit-run", onclick: start }), " ",
      el("button", { textContent: "Cancel fit", id: "fit-cancel", onclick: () => state.fit && api(`/api/fits/${state.fit.id}/cancel`, { method: "POST" }) }), " ",
      el("button", { textContent: "Adopt best parameters", id: "fit-adopt", disabled: true, onclick: adopt }), errEl),
    statusEl, convHost);
  api("/api/config").then((c) => { cfg = c; renderObjective(); renderSolver(); });
  document.addEventListener("datasets-changed", renderObjective);
}

export function render() {
  if (!paramsHost) return;
  params = params.filter((p) => valueAt(p.path) !== undefined);
  renderParams();
  renderObjective();
  renderSolver();
}
