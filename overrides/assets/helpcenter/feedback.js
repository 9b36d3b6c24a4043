// "Was this page helpful?" at the end of each page (overrides/partials/hc-page-end.html),
// with no third-party service.
//
// A click on Yes or No thanks the shopper in the box's status region (read out
// by screen readers, and focused so a keyboard user stays in place), and:
// - with a feedback address (mkdocs.yml extra.feedback_url, the box's data-url),
//   sends {"page": "/shipping/", "helpful": false} there as a POST;
// - without one, a No offers the support address (policy/store.yml) as a mailto:
//   link whose subject names the page, so the shopper can say what was missing.
//
// The box is hidden in the HTML and shown here: without JavaScript its buttons
// would do nothing. One listener on the document serves the box of every page,
// including pages Material's instant navigation swaps in.

const BOX = "[data-hc-feedback]";

// sendBeacon outlives the page (a shopper often clicks and leaves); its string
// body goes as text/plain, a type that needs no CORS preflight, so any endpoint
// that reads the body as JSON can take it. fetch with keepalive is the fallback
// where sendBeacon is missing or refuses (a full queue).
function report(url, answer) {
  const body = JSON.stringify(answer);
  try {
    if (navigator.sendBeacon?.(url, body)) return;
  } catch {
    // an address the browser cannot beacon to: try fetch
  }
  fetch(url, {
    method: "POST",
    body,
    keepalive: true,
    mode: "no-cors",
    headers: { "Content-Type": "text/plain;charset=UTF-8" },
  }).catch(() => {
    // Feedback is a courtesy: a failed report never bothers the shopper.
  });
}

// The subject a support e-mail about this page starts with.
function feedbackSubject(title) {
  return `Help center feedback: ${title}`;
}

function mailtoLink(email, title) {
  const link = document.createElement("a");
  link.href = `mailto:${email}?subject=${encodeURIComponent(feedbackSubject(title))}`;
  link.textContent = email;
  return link;
}

function thank(box, helpful) {
  const status = box.querySelector('[role="status"]');
  const { url, email, title } = box.dataset;
  const thanks = document.createElement("p");
  thanks.textContent = helpful ? "Thank you for your feedback." : "Thank you for telling us.";
  const parts = [thanks];
  if (!helpful && !url && email) {
    const offer = document.createElement("p");
    offer.append("What were you looking for? Write to us at ", mailtoLink(email, title), ".");
    parts.push(offer);
  }
  status.replaceChildren(...parts);
  box.querySelector(".hc-feedback__answers").hidden = true;
  status.focus();
}

function answer(box, helpful) {
  if (box.dataset.answered) return;
  box.dataset.answered = helpful ? "yes" : "no";
  if (box.dataset.url) report(box.dataset.url, { page: box.dataset.page, helpful });
  thank(box, helpful);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest?.(`${BOX} button[data-helpful]`);
  if (button) answer(button.closest(BOX), button.dataset.helpful === "yes");
});

function showBoxes() {
  for (const box of document.querySelectorAll(BOX)) box.hidden = false;
}

if (globalThis.document$?.subscribe) {
  // Material replays the current page to a late subscriber, then each new one.
  globalThis.document$.subscribe(() => showBoxes());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", showBoxes, { once: true });
} else {
  showBoxes();
}
