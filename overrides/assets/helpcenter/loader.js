// Wires the calculator widgets ([data-calculator]) on every page and runs the
// calculators in one Pyodide worker for the whole visit.
//
// Material's instant navigation swaps page content without reloading, and an
// ES module runs once per visit, so this file keeps the worker across pages and
// re-wires widgets each time Material's document$ announces a new page.
//
// The worker starts only when a shopper is about to need it: a calculator
// scrolls into view, or the shopper focuses, types in or submits one. It must
// never show a shopper an exception: anything that goes wrong becomes a plain
// sentence with the support address.

const MANIFEST_URL = new URL("runtime.json", import.meta.url);
const WORKER_URL = new URL("worker.js", import.meta.url);
// Used until runtime.json (which carries the real limit) has arrived.
const MANIFEST_TIMEOUT_MS = 15000;

// Read by the browser tests and benchmarks/runtime.py; nothing on the page uses it.
const diagnostics = {
  state: "idle", // idle, starting, ready or failed
  workerStarts: 0,
  bootMs: null, // from starting the runtime to the worker's "ready"
  marks: null, // the worker's own boot timings
  lastAnswerMs: null, // from the last submit to its answer on the page
  failure: null, // why it could not start: "timeout", the worker's stage, ...
};
globalThis.helpcenterRuntime = diagnostics;

let runtime = null; // the one CalculatorRuntime of this visit, once started
let supportEmail = null; // from runtime.json, once read

// -- the runtime ---------------------------------------------------------------

class BootFailure extends Error {}

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
      const manifest = await withTimeout(fetchManifest(), MANIFEST_TIMEOUT_MS);
      supportEmail = manifest.support_email;
      const remaining = manifest.boot_timeout_ms - (performance.now() - started);
      const marks = await withTimeout(this.startWorker(manifest), remaining);
      diagnostics.bootMs = Math.round(performance.now() - started);
      diagnostics.marks = marks;
      setState("ready");
    } catch (error) {
      // Timed out (a Content-Security-Policy without 'wasm-unsafe-eval' makes
      // Pyodide wait for ever) or failed: free the worker and say so plainly.
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
        if (data.type === "ready") resolve(data.marks);
        if (data.type === "failed") reject(new BootFailure(data.stage));
        if (data.type === "answer") this.settle(data);
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

async function fetchManifest() {
  const response = await fetch(MANIFEST_URL, { cache: "no-cache" });
  if (!response.ok) throw new BootFailure(`runtime.json: HTTP ${response.status}`);
  return response.json();
}

// The worker gets absolute URLs, resolved against runtime.json.
function workerRuntime(manifest) {
  const at = (path) => new URL(path, MANIFEST_URL).href;
  return {
    indexURL: at(manifest.pyodide_index),
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

function startRuntime() {
  if (runtime === null) {
    runtime = new CalculatorRuntime();
    runtime.ready.catch(() => {}); // shown on the widgets by setState("failed")
    visibility.disconnect();
  }
  return runtime;
}

// -- the state every widget on the page shows -------------------------------------

function setState(state) {
  diagnostics.state = state;
  for (const widget of document.querySelectorAll("[data-calculator]")) showState(widget);
}

function showState(widget) {
  const note = widget.querySelector(".hc-calculator__note");
  widget.dataset.state = diagnostics.state;
  note.hidden = diagnostics.state !== "starting";
  note.textContent = "Starting the calculator…";
  if (diagnostics.state === "failed") showMessage(widget, "could not start");
}

// -- wiring the widgets of a page ---------------------------------------------------

// Starts the worker as soon as any calculator is on screen.
const visibility = new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting)) startRuntime();
});

function wireWidgets() {
  for (const widget of document.querySelectorAll("[data-calculator]")) {
    if (widget.dataset.wired) continue;
    widget.dataset.wired = "true";
    wireWidget(widget);
  }
}

function wireWidget(widget) {
  const form = widget.querySelector("form");
  fillToday(form);
  const start = () => startRuntime();
  form.addEventListener("focusin", start, { once: true });
  form.addEventListener("input", start, { once: true });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    calculate(widget);
  });
  // Typing says "input"; a choice of radio button or option says "change" too.
  const forget = (event) => forgetAnswer(widget, event.target);
  for (const type of ["input", "change"]) form.addEventListener(type, forget);
  if (runtime === null) visibility.observe(widget);
  showState(widget);
}

// A change after an answer clears it (and drops one on its way), and the changed
// field's problem: cleared, not marked "out of date", since a glance at the dates (or a
// screen reader, which would not hear such a note) would still take them as current.
function forgetAnswer(widget, control) {
  const status = widget.querySelector('[role="status"]');
  widget.hcRequest = (widget.hcRequest ?? 0) + 1; // a reply to the old inputs is dropped
  status.setAttribute("aria-busy", "false");
  if (diagnostics.state !== "failed") status.replaceChildren();
  const box = control.closest?.("[data-field]");
  if (box) clearProblem(box);
}

async function calculate(widget) {
  const submitted = performance.now();
  const form = widget.querySelector("form");
  const status = widget.querySelector('[role="status"]');
  const request = (widget.hcRequest = (widget.hcRequest ?? 0) + 1);
  // Screen readers wait for the whole answer instead of reading each change.
  status.setAttribute("aria-busy", "true");
  try {
    const rt = startRuntime();
    if (diagnostics.state === "starting") {
      status.replaceChildren(paragraph(["Starting the calculator…"]));
    }
    const reply = await rt.ask(widget.dataset.calculator, readInputs(form));
    if (request !== widget.hcRequest) return; // a newer submit is on its way
    clearProblems(form);
    if (reply.broken) showMessage(widget, "could not answer");
    else if (reply.ok) showSentences(status, reply.sentences);
    else showProblems(widget, reply.problems);
    diagnostics.lastAnswerMs = Math.round(performance.now() - submitted);
  } catch (error) {
    // BootFailure: every widget already says the calculator could not start.
    if (!(error instanceof BootFailure)) {
      console.error("helpcenter: could not show the answer", error);
      showMessage(widget, "could not answer");
    }
  } finally {
    if (request === widget.hcRequest) status.setAttribute("aria-busy", "false");
  }
}

// -- inputs -----------------------------------------------------------------------

// Each control by its data-kind (helpcenter/widgets.py writes it).
function readInputs(form) {
  const inputs = {};
  for (const control of form.elements) {
    if (!control.name) continue;
    if (control.dataset.kind === "yesno") {
      // Radio buttons: "" until one is chosen, so the calculator can say so.
      inputs[control.name] ??= "";
      if (control.checked) inputs[control.name] = control.value;
    } else if (control.dataset.kind === "now") {
      inputs[control.name] = withOffset(localInputValue(new Date(), true));
    } else if (control.dataset.kind === "moment") {
      inputs[control.name] = withOffset(control.value);
    } else {
      inputs[control.name] = control.value;
    }
  }
  return inputs;
}

// A moment or date the shopper must give starts at their own now or today.
function fillToday(form) {
  const now = localInputValue(new Date());
  for (const control of form.querySelectorAll("input[data-kind]")) {
    if (control.value || control.hasAttribute("data-optional")) continue;
    if (control.dataset.kind === "moment") control.value = now;
    if (control.dataset.kind === "date") control.value = now.slice(0, 10);
  }
}

const pad = (number, width = 2) => String(number).padStart(width, "0");

// "2026-11-28T10:00" (the visitor's wall clock) -> "2026-11-28T10:00:00-05:00".
// The Date picks the real instant (a time skipped by a daylight-saving change
// moves forward), and its own fields and offset say that instant back. The year
// is the one typed (setFullYear: new Date(26, ...) would make 26 into 1926).
function withOffset(value) {
  const match = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return value; // empty or unreadable: the calculator says what is wrong
  const [year, month, day, hour, minute, second] = match.slice(1).map((p) => Number(p ?? 0));
  const moment = new Date(2000, 0, 1);
  moment.setFullYear(year, month - 1, day);
  moment.setHours(hour, minute, second, 0);
  if (Number.isNaN(moment.getTime())) return value; // past the end of JavaScript's calendar
  // Rounded: before time zones, local mean time is a fraction of a minute (-4:56:02).
  const offset = Math.round(-moment.getTimezoneOffset());
  const sign = offset < 0 ? "-" : "+";
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${localInputValue(moment)}:${pad(moment.getSeconds())}${zone}`;
}

// The value of a datetime-local input for ``moment`` on the visitor's clock.
function localInputValue(moment, withSeconds = false) {
  const year = pad(moment.getFullYear(), 4);
  const date = `${year}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
  const time = `${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
  return `${date}T${time}${withSeconds ? `:${pad(moment.getSeconds())}` : ""}`;
}

// -- showing answers, problems and failures -------------------------------------------

// parts: strings, nodes, or a sentence's parts: {text}, {text, date},
// {text, datetime} (a date or a moment becomes <time datetime="...">) or
// {text, email} (an address becomes a mailto: link).
function paragraph(parts) {
  const p = document.createElement("p");
  for (const part of parts) {
    if (typeof part === "string" || part instanceof Node) {
      p.append(part);
    } else if (part.date || part.datetime) {
      const time = document.createElement("time");
      time.dateTime = part.date ?? part.datetime;
      time.textContent = part.text;
      p.append(time);
    } else if (part.email) {
      p.append(mailLink(part.email, part.text));
    } else {
      p.append(part.text);
    }
  }
  return p;
}

const mailLink = (address, text = address) =>
  Object.assign(document.createElement("a"), { href: `mailto:${address}`, textContent: text });

function showSentences(status, sentences) {
  status.replaceChildren(...sentences.map((sentence) => paragraph(sentence)));
}

// Each problem next to its field (marked invalid and described by it), and
// all of them in the status region; a problem of no field goes there only.
function showProblems(widget, problems) {
  const status = widget.querySelector('[role="status"]');
  const lines = [];
  let first = null;
  for (const { field, message } of problems) {
    const box = widget.querySelector(`[data-field="${CSS.escape(field)}"]`);
    const slot = box?.querySelector(".hc-field__problem");
    if (!slot) {
      lines.push(paragraph([message]));
      continue;
    }
    slot.textContent = message;
    slot.hidden = false;
    for (const control of controlsOf(box)) {
      control.setAttribute("aria-invalid", "true");
      describedBy(control, (ids) => [...ids, slot.id]);
      first ??= control;
    }
    const label = box.querySelector("legend, label")?.textContent ?? field;
    // "When did you … place the order? Please fill this in." / "Shipping method: …"
    lines.push(paragraph([/[?:.]$/.test(label) ? `${label} ${message}` : `${label}: ${message}`]));
  }
  status.replaceChildren(...lines);
  (first?.matches("fieldset") ? first.querySelector("input") : first)?.focus();
}

// The elements a field's problem is attached to: its input or select, or the
// fieldset of a group of radio buttons.
function controlsOf(box) {
  const group = box.querySelector("fieldset");
  return group ? [group] : [...box.querySelectorAll("input, select")];
}

const clearProblems = (form) => form.querySelectorAll("[data-field]").forEach(clearProblem);

function clearProblem(box) {
  const slot = box.querySelector(".hc-field__problem");
  if (!slot || slot.hidden) return;
  slot.hidden = true;
  slot.textContent = "";
  for (const control of controlsOf(box)) {
    control.removeAttribute("aria-invalid");
    describedBy(control, (ids) => ids.filter((id) => id !== slot.id));
  }
}

function describedBy(control, change) {
  const ids = (control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  const next = [...new Set(change(ids))];
  if (next.length) control.setAttribute("aria-describedby", next.join(" "));
  else control.removeAttribute("aria-describedby");
}

const MESSAGES = {
  "could not start":
    "Sorry, the calculator could not start in this browser. Please reload the page to try " +
    "again, or write to",
  "could not answer": "Sorry, the calculator could not work that out. Please write to",
};

function showMessage(widget, what) {
  const link = mailLink(supportEmail ?? widget.dataset.supportEmail);
  const status = widget.querySelector('[role="status"]');
  status.replaceChildren(
    paragraph([`${MESSAGES[what]} `, link, " and we will work it out for you."]),
  );
}

// -- start --------------------------------------------------------------------------

if (globalThis.document$?.subscribe) {
  // Material replays the current page to a late subscriber, then each new one.
  globalThis.document$.subscribe(() => wireWidgets());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", wireWidgets, { once: true });
} else {
  wireWidgets();
}
