// Showing a calculator's answer, the problems with a shopper's inputs, and the
// plain sentence (with the support address) when the calculator cannot work.
// Text nodes and elements only, never HTML: policy text stays text.

// parts: strings, nodes, or a sentence's parts: {text}, {text, date},
// {text, datetime} (a date or a moment becomes <time datetime="...">),
// {text, email} (an address becomes a mailto: link) or {text, countdown} (the
// time left until a deadline, as words: "within 3 h 20 min").
export function paragraph(parts) {
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
    } else if (part.countdown) {
      // A timer: it may tick (instant.js), and a screen reader should not read
      // the whole answer again each minute, so the region's announcements skip it.
      const timer = Object.assign(document.createElement("span"), { textContent: part.text });
      timer.setAttribute("role", "timer");
      p.append(timer);
    } else {
      p.append(part.text);
    }
  }
  return p;
}

const mailLink = (address, text = address) =>
  Object.assign(document.createElement("a"), { href: `mailto:${address}`, textContent: text });

export function showSentences(status, sentences) {
  status.replaceChildren(...sentences.map((sentence) => paragraph(sentence)));
}

// Each problem next to its field (marked invalid and described by it), and
// all of them in the status region; a problem of no field goes there only.
export function showProblems(widget, problems) {
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

export const clearProblems = (form) => form.querySelectorAll("[data-field]").forEach(clearProblem);

export function clearProblem(box) {
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

// supportEmail: runtime.json's, when it has been read.
export function showMessage(widget, what, supportEmail) {
  const link = mailLink(supportEmail ?? widget.dataset.supportEmail);
  const status = widget.querySelector('[role="status"]');
  status.replaceChildren(
    paragraph([`${MESSAGES[what]} `, link, " and we will work it out for you."]),
  );
}
