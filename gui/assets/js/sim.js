// Simulation tab: the model (a built-in example or an uploaded file) and
// the run settings: tstop, dt, trials, threads, seed, rate mode, scheme.

import { state, api, upload, numField, selectField, fileField, el, log, setSpec, showError, clearError, startRun, cancelRun } from "./app.js";

let root, exampleSel, settings, runErrors;

export function init(container) {
  root = container;
  exampleSel = el("select", { id: "example", className: "wide" });
  for (const e of state.examples) exampleSel.append(el("option", { value: e.name, textContent: `${e.name} (${e.kind})`, title: e.description }));
  const desc = el("div", { className: "note", id: "example-desc" });
  exampleSel.addEventListener("change", () => loadExample(exampleSel.value));
  const legacy = el("input", { type: "checkbox", id: "legacy" });
  const modelFile = fileField("Load a model: Lamina spec or network, HNN-core network JSON, .param/.json parameters", ".json,.param,.yaml,.yml",
    async (file, f) => {
      try {
        const r = await upload("/api/load", file, { legacy: legacy.checked ? "true" : "false" });
        clearError(f);
        if (!r.spec.tstop_ms) { // a network file has no run length: keep the current one
          r.spec.tstop_ms = state.spec.tstop_ms;
          log(`${file.name} has no run length: tstop ${r.spec.tstop_ms} ms kept`);
        }
        setSpec(r.spec);
        exampleSel.value = "";
        desc.textContent = `loaded ${file.name} (${r.format})`;
        log(`loaded ${file.name} (${r.format})`);
      } catch (e) {
        showError(f, e.message);
      }
    }, "model_file");
  modelFile.querySelector("input").id = "model-file";
  settings = el("div", { id: "sim-settings" });
  runErrors = el("div", { className: "msg-error", id: "run-errors" });
  root.append(
    el("fieldset", {}, el("legend", { textContent: "Model" }),
      el("div", { className: "field" }, el("label", { textContent: "Built-in example" }), exampleSel, el("div", { className: "err" })),
      modelFile, el("label", {}, legacy, " HNN legacy mode (parameter files)"), desc),
    el("fieldset", {}, el("legend", { textContent: "Run" }), settings,
      el("div", {}, el("button", { className: "primary", textContent: "Run", id: "sim-run", onclick: startRun }), " ",
        el("button", { textContent: "Cancel", id: "sim-cancel", onclick: cancelRun })), runErrors),
  );
  document.addEventListener("spec-loaded", () => {
    const e = state.examples.find((x) => x.name === exampleSel.value);
    if (e) desc.textContent = e.description;
  });
}

// loadExample fetches an example's spec and makes it the one edited.
export async function loadExample(name) {
  const spec = await api(`/api/examples/${encodeURIComponent(name)}`);
  exampleSel.value = name;
  setSpec(spec);
  log(`example ${name}: ${spec.trials} trial(s) of ${spec.tstop_ms} ms at dt ${spec.dt_ms} ms`);
}

export function render() {
  const s = state.spec;
  settings.replaceChildren(...[
    numField("tstop (ms)", ["tstop_ms"], { name: "tstop_ms" }),
    numField("dt (ms)", ["dt_ms"], { name: "dt_ms" }),
    numField("trials", ["trials"], { int: true, name: "trials" }),
    numField("threads", null, {
      int: true, name: "threads", get: () => state.threads,
      check: (v) => (v < 1 || v > state.maxThreads ? `threads = ${v}: must be 1 to ${state.maxThreads}` : null),
      set: (v) => { state.threads = v; },
    }),
    numField("seed (point networks; 0: the model's)", ["seed"], { int: true, name: "seed", get: () => s.seed ?? 0 }),
    s.network ? selectField("rate mode", ["rates"], [["table", "table (NEURON's)"], "exact", "fast"], { name: "rates" }) : null,
    s.point || s.network?.point ? selectField("point scheme", ["scheme"], ["lamina", "euler", "snnjl"], { name: "scheme" }) : null,
  ].filter(Boolean));
  runErrors.textContent = "";
}

// showRunErrors puts a refused run's errors next to their fields (or
// below the Run button).
export function showRunErrors(body) {
  runErrors.textContent = "";
  if (!body || !body.fields) { runErrors.textContent = body?.error || ""; return; }
  for (const fe of body.fields) {
    const f = document.querySelector(`.field[data-field="${CSS.escape(fe.field)}"]`);
    if (f) showError(f, fe.message);
    else runErrors.textContent += fe.message + "\n";
  }
}
