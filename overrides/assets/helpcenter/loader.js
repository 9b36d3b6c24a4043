// Wires the calculator widgets ([data-calculator]) on every page: the delivery
// widget's instant answer from the build's tables (instant.js), and every
// what-if question to the calculators' Python in one worker (runtime.js).
//
// Material's instant navigation swaps page content without reloading, and an
// ES module runs once per visit, so the worker lives across pages and this
// re-wires widgets each time Material's document$ announces a new page.
//
// It must never show a shopper an exception: anything that goes wrong becomes
// a plain sentence with the support address.

import {
  clearProblem,
  clearProblems,
  paragraph,
  showMessage,
  showProblems,
  showSentences,
} from "./answers.js";
import { fillToday, readInputs } from "./inputs.js";
import { showInstantAnswer, stopInstantAnswer, wireInstantAnswer } from "./instant.js";
import {
  BootFailure,
  diagnostics,
  onStateChange,
  startRuntime,
  startWhenIdle,
  startWhenVisible,
  supportEmail,
} from "./runtime.js";
import { checkSiteAddress } from "./site-address.js";

// -- the state every widget on the page shows -------------------------------------

onStateChange(() => {
  for (const widget of document.querySelectorAll("[data-calculator]")) showState(widget);
});

function showState(widget) {
  const note = widget.querySelector(".hc-calculator__note");
  widget.dataset.state = diagnostics.state;
  note.hidden = diagnostics.state !== "starting";
  note.textContent = "Starting the calculator…";
  // Not over an instant answer: it is still right, and the shopper asked nothing.
  if (diagnostics.state === "failed" && !widget.hcStopInstant) {
    showMessage(widget, "could not start", supportEmail);
  }
}

// -- wiring the widgets of a page ---------------------------------------------------

function wireWidgets() {
  const widgets = [...document.querySelectorAll("[data-calculator]")];
  const answers = []; // the instant answers on their way
  for (const widget of widgets) {
    if (widget.dataset.wired) continue;
    widget.dataset.wired = "true";
    answers.push(wireWidget(widget));
  }
  if (widgets.length) startWhenIdle(Promise.all(answers));
}

function wireWidget(widget) {
  const form = widget.querySelector("form");
  fillToday(form);
  const start = () => startRuntime("touched");
  form.addEventListener("focusin", start, { once: true });
  form.addEventListener("input", start, { once: true });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    calculate(widget);
  });
  // Typing says "input"; a choice of radio button or option says "change" too.
  const forget = (event) => forgetAnswer(widget, event.target);
  for (const type of ["input", "change"]) form.addEventListener(type, forget);
  startWhenVisible(widget);
  showState(widget);
  return wireInstantAnswer(widget);
}

// A change after an answer clears it (and drops one on its way), and the changed
// field's problem: cleared, not marked "out of date", since a glance at the dates (or a
// screen reader, which would not hear such a note) would still take them as current.
// An order placed now (the method changed) is answered again at once.
function forgetAnswer(widget, control) {
  const status = widget.querySelector('[role="status"]');
  widget.hcRequest = (widget.hcRequest ?? 0) + 1; // a reply to the old inputs is dropped
  status.setAttribute("aria-busy", "false");
  const box = control.closest?.("[data-field]");
  if (box) clearProblem(box);
  if (diagnostics.state !== "failed") status.replaceChildren();
  showInstantAnswer(widget);
}

async function calculate(widget) {
  const submitted = performance.now();
  const form = widget.querySelector("form");
  const status = widget.querySelector('[role="status"]');
  const request = (widget.hcRequest = (widget.hcRequest ?? 0) + 1);
  stopInstantAnswer(widget); // the calculator's own answer replaces it
  // Screen readers wait for the whole answer instead of reading each change.
  status.setAttribute("aria-busy", "true");
  try {
    const rt = startRuntime("asked");
    if (diagnostics.state === "starting") {
      status.replaceChildren(paragraph(["Starting the calculator…"]));
    }
    const reply = await rt.ask(widget.dataset.calculator, readInputs(form));
    if (request !== widget.hcRequest) return; // a newer submit is on its way
    clearProblems(form);
    if (reply.broken) showMessage(widget, "could not answer", supportEmail);
    else if (reply.ok) showSentences(status, reply.sentences);
    else showProblems(widget, reply.problems);
    diagnostics.lastAnswerMs = Math.round(performance.now() - submitted);
  } catch (error) {
    if (error instanceof BootFailure) {
      if (request === widget.hcRequest) showMessage(widget, "could not start", supportEmail);
    } else {
      console.error("helpcenter: could not show the answer", error);
      showMessage(widget, "could not answer", supportEmail);
    }
  } finally {
    if (request === widget.hcRequest) status.setAttribute("aria-busy", "false");
  }
}

// -- start --------------------------------------------------------------------------

function onPage() {
  wireWidgets();
  checkSiteAddress();
}

if (globalThis.document$?.subscribe) {
  // Material replays the current page to a late subscriber, then each new one.
  globalThis.document$.subscribe(() => onPage());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", onPage, { once: true });
} else {
  onPage();
}
