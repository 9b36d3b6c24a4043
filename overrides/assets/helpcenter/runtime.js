// The calculators' Python: one Pyodide worker for the whole visit, started
// before a shopper asks, but not before the page has loaded.
//
// Most questions never need it: the delivery widget's "if I order now" answer
// comes from the build's tables (delivery-line.js). The worker starts when the
// browser is first idle after `load`, or when a calculator comes into view or
// is touched, whichever comes first, so that it is ready for a what-if question
// without slowing the page down.

const MANIFEST_URL = new URL("runtime.json", import.meta.url);
const WORKER_URL = new URL("worker.js", import.meta.url);
// Used until runtime.json (which carries the real limit) has arrived.
const MANIFEST_TIMEOUT_MS = 15000;
// The longest the browser may hold the start back waiting for an idle moment,
// and, where there is no requestIdleCallback (Safari), the pause after `load`.
const IDLE_TIMEOUT_MS = 2000;
const NO_IDLE_CALLBACK_DELAY_MS = 300;

// Read by the browser tests and benchmarks/runtime.py; nothing on the page uses it.
export const diagnostics = {
  state: "idle", // idle, starting, ready or failed
  workerStarts: 0,
  startedBy: null, // what started it: "idle", "visible", "touched" or "asked"
  bootMs: null, // from starting the runtime to the worker's "ready"
  marks: null, // the worker's own boot timings
  interpreter: null, // "started", or "restored" from this browser's snapshot (snapshot.js)
  snapshotKept: false, // a snapshot of this visit's interpreter is stored for the next one
  lastAnswerMs: null, // from the last submit to its answer on the page
  failure: null, // why it could not start: "timeout", the worker's stage, ...
};
globalThis.helpcenterRuntime = diagnostics;

let runtime = null; // the one CalculatorRuntime of this visit, once started
let showState = () => {}; // how the page shows the state: set by onStateChange
export let supportEmail = null; // from runtime.json, once read

export const onStateChange = (show) => (showState = show);

function setState(state) {
  diagnostics.state = state;
  showState();
}

export class BootFailure extends Error {}

class CalculatorRuntime {
  constructor() {
    this.worker = null;
    this.dead = false; // the worker stopped after it was ready
    this.pending = new Map(); // request id -> resolve
    this.nextId = 1;
    this.ready = this.boot();
  }

  async boot() {
    const started = performance.now();
    setState("starting");
    try {
      const manifest = await withTimeout(readManifest(), MANIFEST_TIMEOUT_MS);
      supportEmail = manifest.support_email;
      const remaining = manifest.boot_timeout_ms - (performance.now() - started);
      const ready = await withTimeout(this.startWorker(manifest), remaining);
      diagnostics.bootMs = Math.round(performance.now() - started);
      diagnostics.marks = ready.marks;
      diagnostics.interpreter = ready.interpreter;
      setState("ready");
    } catch (error) {
      // Failed (the worker says at once when a Content-Security-Policy refuses
      // WebAssembly) or timed out (a download that never ends): free the worker
      // and say so plainly.
      console.error("helpcenter: the calculators could not start", error);
      diagnostics.failure = error.message;
      this.worker?.terminate();
      setState("failed");
      throw new BootFailure("not started");
    }
  }

  startWorker(manifest) {
    return new Promise((resolve, reject) => {
      this.worker = new Worker(WORKER_URL, { type: "module", name: "helpcenter-calculators" });
      diagnostics.workerStarts += 1;
      this.worker.addEventListener("error", () => {
        // Before "ready": the boot failed. After: the worker died, so every
        // question still open (and any later one) gets the "could not" message.
        reject(new BootFailure("worker error"));
        this.dead = true;
        for (const id of this.pending.keys()) this.settle({ id, broken: true });
      });
      this.worker.addEventListener("message", ({ data }) => {
        if (data.type === "ready") resolve(data);
        if (data.type === "failed") reject(new BootFailure(data.stage));
        if (data.type === "answer") this.settle(data);
        if (data.type === "kept") diagnostics.snapshotKept = true;
      });
      this.worker.postMessage({ type: "boot", runtime: workerRuntime(manifest) });
    });
  }

  async ask(calculator, inputs) {
    await this.ready;
    if (this.dead) return { broken: true };
    const id = this.nextId++;
    const reply = new Promise((resolve) => this.pending.set(id, resolve));
    // Structured data only: the worker hands it to Python as JSON text.
    this.worker.postMessage({ type: "ask", id, calculator, inputs });
    return reply;
  }

  settle({ id, reply, broken }) {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    resolve?.(broken ? { broken: true } : reply);
  }
}

// runtime.json, read once a page: delivery-line.js has usually fetched it
// already for the delivery widget's instant answer.
let ownManifest = null; // read here only where delivery-line.js is not on the page

function readManifest() {
  const orderNow = globalThis.helpcenterOrderNow;
  if (orderNow?.manifestURL === MANIFEST_URL.href) return orderNow.readManifest();
  ownManifest ??= fetch(MANIFEST_URL, { cache: "no-cache" }).then((response) => {
    if (!response.ok) throw new BootFailure(`runtime.json: HTTP ${response.status}`);
    return response.json();
  });
  return ownManifest;
}

// The worker gets absolute URLs, resolved against runtime.json.
function workerRuntime(manifest) {
  const at = (path) => new URL(path, MANIFEST_URL).href;
  return {
    indexURL: at(manifest.pyodide_index),
    // A standard library trimmed to what the calculators import, when the build wrote one.
    stdLibURL: manifest.stdlib ? at(manifest.stdlib) : null,
    archives: manifest.archives.map(({ url, format }) => ({ url: at(url), format })),
    policyURL: at(manifest.policy),
  };
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new BootFailure("timeout")), Math.max(0, ms));
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

// The runtime, started now if it was not yet; `reason` is for the diagnostics.
export function startRuntime(reason) {
  if (runtime === null) {
    performance.mark("helpcenter-worker-start");
    diagnostics.startedBy = reason;
    runtime = new CalculatorRuntime();
    runtime.ready.catch(() => {}); // shown on the widgets by setState("failed")
    visibility.disconnect();
  }
  return runtime;
}

// -- when to start --------------------------------------------------------------------

// Settles when the page's own first answers are shown (startWhenIdle), or soon
// after: the worker's downloads and compiling would slow them down.
let pageAnswered = Promise.resolve();

const visibility = new IntersectionObserver((entries) => {
  if (!entries.some((entry) => entry.isIntersecting)) return;
  visibility.disconnect();
  pageAnswered.then(() => startRuntime("visible"));
});

export function startWhenVisible(widget) {
  if (runtime === null) visibility.observe(widget);
}

let idleWait = false;

// After `load` (the page's own files come first) and the page's first answers
// (`answered`, a promise: the delivery widget's from the table), when the
// browser has a moment; once a visit, whichever page with a calculator asks first.
export function startWhenIdle(answered) {
  const wait = new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS));
  pageAnswered = Promise.race([answered, wait]);
  if (idleWait || runtime !== null) return;
  idleWait = true;
  const start = () => startRuntime("idle");
  const whenIdle = async () => {
    await pageAnswered;
    if (globalThis.requestIdleCallback) requestIdleCallback(start, { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(start, NO_IDLE_CALLBACK_DELAY_MS);
  };
  if (document.readyState === "complete") whenIdle();
  else addEventListener("load", whenIdle, { once: true });
}
