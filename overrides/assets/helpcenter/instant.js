// The delivery widget answers "if I order now, when does it arrive?" as soon
// as the page is there, with no Python: from the table the build computed with
// the calculators (delivery-line.js reads it and fills in the countdown).
//
// The table answers for an order placed now only: while the order time still
// holds the now the page filled in, the answer for the chosen method comes
// from it, and the countdown ticks. A changed order time is a what-if
// question, for the calculator itself (the worker), as is every submit.

import { paragraph } from "./answers.js";
import { localInputValue } from "./inputs.js";

// delivery-line.js's tables; absent if it is not on the page (or, loaded async
// from the head, has not run yet: the worker answers then).
const orderNow = () => globalThis.helpcenterOrderNow;
const ORDER_NOW_READY = "helpcenter:order-now"; // delivery-line.js's, once it has run
// The delivery calculator's fields (calculators/delivery.py, form).
const METHOD = "method";
const ORDER_TIME = "ordered_at";

let marked = false; // the first instant answer of the page, marked for the tests

// After fillToday: remembers the order time the page filled in, and shows the
// answer. Settles once it is shown, or known not to be there (runtime.js waits
// for that before it starts the worker, whose downloads would slow it down).
export function wireInstantAnswer(widget) {
  const orderTime = widget.querySelector("form").elements[ORDER_TIME];
  if (widget.dataset.calculator !== "delivery" || !orderTime) return null;
  if (!orderNow()) {
    // delivery-line.js loads async from the head: it usually runs first, but on a
    // slow or busy connection it may come after this module. Wait for it, if the
    // page has it at all.
    if (!document.querySelector('script[src*="delivery-line.js"]')) return null;
    return new Promise((resolve) => {
      const wire = () => resolve(wireInstantAnswer(widget));
      document.addEventListener(ORDER_NOW_READY, wire, { once: true });
    });
  }
  widget.hcPrefilled = orderTime.value;
  return new Promise((resolve) => showInstantAnswer(widget, resolve) || resolve());
}

// Shows the answer for an order placed now, if the form asks that; true if it does.
// Until the table is read, and while it has no answer for now, the status stays empty;
// onShown is called each time the table has been looked at.
export function showInstantAnswer(widget, onShown = () => {}) {
  stopInstantAnswer(widget);
  const { elements } = widget.querySelector("form");
  if (widget.hcPrefilled === undefined || elements[ORDER_TIME].value !== widget.hcPrefilled) {
    return false;
  }
  const status = widget.querySelector('[role="status"]');
  let onScreen = null; // the interval shown (its start)
  widget.hcStopInstant = orderNow().watch(elements[METHOD].value, (answer) => {
    if (!widget.isConnected) return stopInstantAnswer(widget); // the page moved on
    keepNow(widget, elements[ORDER_TIME]);
    if (answer && answer.from === onScreen) {
      // The same answer a minute on: only the countdowns' words change.
      const timers = status.querySelectorAll('[role="timer"]');
      const texts = answer.sentences.flat().filter((part) => part.countdown);
      timers.forEach((timer, i) => (timer.textContent = texts[i].text));
      return;
    }
    if (answer) status.replaceChildren(...answer.sentences.map(paragraph));
    else if (onScreen !== null) status.replaceChildren();
    onScreen = answer?.from ?? null;
    if (answer && !marked) {
      marked = true;
      performance.mark("helpcenter-instant-answer");
    }
    onShown();
  });
  return true;
}

// The order time the page filled in moves on with the clock (unless the shopper
// is in it), so that asking the calculator later asks about an order placed now.
function keepNow(widget, orderTime) {
  if (orderTime.value !== widget.hcPrefilled || document.activeElement === orderTime) return;
  orderTime.value = widget.hcPrefilled = localInputValue(new Date());
}

export function stopInstantAnswer(widget) {
  widget.hcStopInstant?.();
  widget.hcStopInstant = null;
}
