// Lamina GUI: the page's state, the API calls, the form helpers every tab
// uses, and the run's life cycle (start, progress events, cancel).
// The spec (state.spec) is the one source of truth: every form edits it
// through commit(), which validates the changed spec on the server and
// keeps the old one, with the message next to the field, when it is bad.

import * as sim from "./sim.js";
import * as network from "./network.js";
import * as drives from "./drives.js";
import * as viz from "./viz.js";
import * as optim from "./optim.js";

export const state = {
  spec: null,          // the run spec being edited (spec.Run as JSON)
  threads: 1,          // threads of the next run (the server's cores once known)
  examples: [],
  runs: [],            // {id, name, status, wall_s} newest last
  current: null,       // the id of the run in progress, if any
  datasets: [],        // uploaded recorded dipoles {id, name, times_ms, agg}
  viz: { smoothMs: 0, scale: 1, plotted: {}, metrics: {} },
  fit: null,           // the fit in progress or done
  pending: 0,          // validations under way
};
// The page's state, for tests and for the curious (browser console).
window.lamina = { state };

// ---- API -------------------------------------------------------------

// api calls the server and returns its JSON answer; an error answer
// throws an Error with the answer in .body.
export async function api(path, opts = {}) {
  const o = { ...opts, headers: { ...(opts.headers || {}) } };
  if (o.json !== undefined) {
    o.method = o.method || "POST";
    o.headers["Content-Type"] = "application/json";
    o.body = JSON.stringify(o.json);
    delete o.json;
  }
  const resp = await fetch(path, o);
  const ct = resp.headers.get("Content-Type") || "";
  const body = ct.includes("json") ? await resp.json() : await resp.text();
  if (!resp.ok) {
    const err = new Error((body && body.error) || String(body) || resp.statusText);
    err.body = body;
    err.status = resp.status;
    throw err;
  }
  return body;
}

// upload posts a file to path as the multipart field "file".
export async function upload(path, file, extra = {}) {
  const fd = new FormData();
  fd.append("file", file, file.name);
  for (const [k, v] of Object.entries(extra)) fd.append(k, v);
  return api(path, { method: "POST", body: fd });
}

// ---- log ---------------------------------------------------------------

export function log(line) {
  const el = document.getElementById("log");
  el.textContent += line + "\n";
  el.scrollTop = el.scrollHeight;
}

// ---- spec paths ----------------------------------------------------------

export function getPath(obj, path) {
  let o = obj;
  for (const k of path) {
    if (o == null) return undefined;
    o = o[k];
  }
  return o;
}

export function setPath(obj, path, value) {
  let o = obj;
  for (const k of path.slice(0, -1)) {
    if (o[k] == null) o[k] = {};
    o = o[k];
  }
  o[path[path.length - 1]] = value;
}

// ---- validated edits ----------------------------------------------------

let queue = Promise.resolve();

// commit applies edits (a function changing a copy of the spec) if the
// server finds the result valid; otherwise it shows the server's message
// next to field (an element made by the helpers below) and keeps the
// spec as it was. It returns whether the edit was kept.
export function commit(edit, field) {
  const p = queue.then(async () => {
    state.pending++;
    try {
      const cand = structuredClone(state.spec);
      edit(cand);
      try {
        await api("/api/validate", { json: cand });
      } catch (e) {
        showError(field, e.body && e.body.error ? e.body.error.replace(/^spec: /gm, "") : e.message);
        return false;
      }
      state.spec = cand;
      clearError(field);
      document.dispatchEvent(new CustomEvent("spec-edited"));
      return true;
    } finally {
      state.pending--;
    }
  });
  queue = p.catch(() => {});
  return p;
}

export function showError(field, msg) {
  if (!field) { log("error: " + msg); return; }
  field.classList.add("bad");
  field.querySelector(".err").textContent = msg;
}

export function clearError(field) {
  if (!field) return;
  field.classList.remove("bad");
  field.querySelector(".err").textContent = "";
}

// field makes a labelled field around an input: .field > label, input, .err.
function field(label, input, name) {
  const f = document.createElement("div");
  f.className = "field";
  if (name) f.dataset.field = name;
  const l = document.createElement("label");
  l.textContent = label;
  const e = document.createElement("div");
  e.className = "err";
  f.append(l, input, e);
  return f;
}

// parseNumber reads a number typed in a field: a finite number, an
// integer if int; it returns [value, error message].
export function parseNumber(text, int) {
  const t = text.trim();
  const v = Number(t);
  if (t === "" || !Number.isFinite(v)) return [null, `"${text}" is not a number`];
  if (int && !Number.isInteger(v)) return [null, `"${text}" is not a whole number`];
  return [v, null];
}

// numField edits the number at path in the spec (a list of keys).
// opts: int, wide, name (data-field), label, get (read another source),
// set (write elsewhere than the spec: a function(value, field)).
export function numField(label, path, opts = {}) {
  const inp = document.createElement("input");
  inp.type = "text";
  inp.inputMode = "decimal";
  if (opts.wide) inp.className = "wide";
  const cur = opts.get ? opts.get() : getPath(state.spec, path);
  inp.value = cur === undefined || cur === null ? "" : String(cur);
  const f = field(label, inp, opts.name || path.join("."));
  inp.addEventListener("change", async () => {
    const [v, err] = parseNumber(inp.value, opts.int);
    if (err) { showError(f, err); return; }
    if (opts.check) {
      const msg = opts.check(v);
      if (msg) { showError(f, msg); return; }
    }
    if (opts.set) { clearError(f); opts.set(v, f); return; }
    await commit((s) => setPath(s, path, v), f);
  });
  return f;
}

// textField edits the string at path.
export function textField(label, path, opts = {}) {
  const inp = document.createElement("input");
  inp.type = "text";
  if (opts.wide) inp.className = "wide";
  inp.value = getPath(state.spec, path) ?? "";
  const f = field(label, inp, opts.name || path.join("."));
  inp.addEventListener("change", () => commit((s) => setPath(s, path, inp.value), f));
  return f;
}

// selectField edits the value at path with a list of choices
// ([value, label] or value); opts.set replaces the spec edit.
export function selectField(label, path, choices, opts = {}) {
  const sel = document.createElement("select");
  if (opts.wide) sel.className = "wide";
  for (const c of choices) {
    const [v, t] = Array.isArray(c) ? c : [c, c];
    const o = document.createElement("option");
    o.value = v;
    o.textContent = t;
    sel.append(o);
  }
  const cur = opts.get ? opts.get() : getPath(state.spec, path);
  if (cur !== undefined && cur !== null) sel.value = String(cur);
  const f = field(label, sel, opts.name || (path && path.join(".")));
  sel.addEventListener("change", () => {
    if (opts.set) { opts.set(sel.value, f); return; }
    let v = sel.value;
    if (opts.bool) v = v === "true";
    commit((s) => setPath(s, path, v), f);
  });
  return f;
}

// fileField is a file input that calls onFile(file, field).
export function fileField(label, accept, onFile, name) {
  const inp = document.createElement("input");
  inp.type = "file";
  inp.accept = accept;
  const f = field(label, inp, name);
  inp.addEventListener("change", async () => {
    if (inp.files.length) await onFile(inp.files[0], f);
  });
  return f;
}

// el builds an element: el("div", {className: "x"}, child, "text", ...).
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

// download saves text or a Blob as a file.
export function download(name, data, type = "application/json") {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// ---- loading a spec ---------------------------------------------------------

// setSpec replaces the spec (a new example, an uploaded model, a fit's
// best parameters) and redraws the forms.
export function setSpec(spec) {
  state.spec = spec;
  state.loads = (state.loads || 0) + 1;
  const name = document.getElementById("run-name");
  name.value = spec.name || "";
  name.placeholder = spec.network?.name || spec.point?.name || "";
  for (const m of [sim, network, drives, optim]) m.render();
  document.dispatchEvent(new CustomEvent("spec-loaded"));
}

// ---- runs ----------------------------------------------------------------

function setBusy(busy) {
  document.getElementById("run-btn").disabled = false; // runs queue on the server
  document.getElementById("cancel-btn").disabled = !busy;
}

function setStatus(text) {
  document.getElementById("status").textContent = text;
}

// startRun sends the spec to the server and follows the run's events.
export async function startRun() {
  await queue; // edits under validation land first
  let r;
  try {
    r = await api("/api/runs", { json: { spec: state.spec, threads: state.threads } });
  } catch (e) {
    log("run refused: " + e.message);
    setStatus("refused");
    sim.showRunErrors(e.body);
    return null;
  }
  const run = { id: r.id, name: state.spec.name || state.spec.network?.name || state.spec.point?.name || r.id, status: "queued" };
  state.runs.push(run);
  state.current = run.id;
  setBusy(true);
  follow(run);
  return run.id;
}

function follow(run) {
  const es = new EventSource(`/api/runs/${run.id}/events`);
  es.addEventListener("state", async (ev) => {
    const st = JSON.parse(ev.data);
    for (const line of st.log || []) log(`[${run.id} ${run.name}] ${line}`);
    run.status = st.status;
    run.wall_s = st.wall_s;
    document.getElementById("progress").value = st.progress;
    setStatus(`${run.name}: ${st.status}${st.status === "running" ? ` ${(100 * st.progress).toFixed(0)}%` : ""}`);
    if (st.status === "running" && st.trials_done > (run.trialsShown || 0)) {
      run.trialsShown = st.trials_done; // partial results: the trials finished so far
      await viz.partial(run);
    }
    if (["done", "failed", "cancelled"].includes(st.status)) {
      es.close();
      if (run.cancelAt !== undefined) run.cancelledAfterMs = performance.now() - run.cancelAt;
      if (state.current === run.id) { state.current = null; setBusy(false); }
      if (st.status === "done") await viz.runDone(run);
      document.dispatchEvent(new CustomEvent("run-finished", { detail: run }));
    }
  });
  es.onerror = () => { es.close(); };
}

export async function cancelRun() {
  const id = state.current;
  if (!id) return;
  const run = state.runs.find((r) => r.id === id);
  run.cancelAt = performance.now();
  try {
    await api(`/api/runs/${id}/cancel`, { method: "POST" });
  } catch (e) {
    log("cancel: " + e.message);
  }
}

// ---- start -------------------------------------------------------------------

function showTab(name) {
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === name);
  for (const s of document.querySelectorAll(".tab")) s.classList.toggle("active", s.id === "tab-" + name);
  if (name === "visualization") viz.resize();
}

async function main() {
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));
  document.getElementById("run-btn").addEventListener("click", startRun);
  document.getElementById("cancel-btn").addEventListener("click", cancelRun);
  document.getElementById("clear-log").addEventListener("click", () => { document.getElementById("log").textContent = ""; });
  document.getElementById("save-spec-btn").addEventListener("click", () =>
    download((state.spec.name || "run") + ".json", JSON.stringify(state.spec, null, 2) + "\n"));
  const name = document.getElementById("run-name");
  name.addEventListener("change", () => commit((s) => { s.name = name.value; }, null));
  state.examples = await api("/api/examples");
  const cfg = await api("/api/config");
  state.threads = cfg.max_threads; // as lamina simulate: every core
  state.maxThreads = cfg.max_threads;
  sim.init(document.getElementById("tab-simulation"));
  network.init(document.getElementById("tab-network"));
  drives.init(document.getElementById("tab-drives"));
  optim.init(document.getElementById("tab-optimization"));
  viz.init(document.getElementById("tab-visualization"));
  await sim.loadExample("erp");
  window.lamina.ready = true;
  log("ready: pick an example or load a model, then Run");
}

window.lamina.showTab = showTab;
main().catch((e) => log("error: " + e.message));
