// Tables that read on a phone: a table too wide for its column becomes a list of
// rows, each cell shown under its column's name.
//
// Markdown tables cannot carry a label per cell, so this names each body cell
// after its column (data-label, read by helpcenter.css) and marks a table that
// does not fit (data-hc-stacked), rather than leave columns hidden behind a
// sideways scroll with no cue. Which tables stack is measured, not guessed from
// the column count: a short table that fits by wrapping its words stays a table.
// Without JavaScript tables keep Material's layout (they wrap, and scroll if
// they must).

const STACKED = "data-hc-stacked";

function headers(table) {
  const row = table.tHead?.rows[0];
  return row ? [...row.cells].map((cell) => cell.textContent.trim()) : [];
}

function label(table) {
  const names = headers(table);
  if (!names.length || table.hasAttribute("data-hc-labelled")) return names.length > 0;
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      [...row.cells].forEach((cell, index) => {
        if (names[index]) cell.dataset.label = names[index];
      });
    }
  }
  table.setAttribute("data-hc-labelled", "");
  return true;
}

// Explicit roles: a table laid out as blocks loses its table semantics in some
// browsers, and a screen reader should still announce rows and column names.
function keepRoles(table) {
  table.setAttribute("role", "table");
  for (const group of [table.tHead, ...table.tBodies]) group?.setAttribute("role", "rowgroup");
  for (const row of table.rows) {
    row.setAttribute("role", "row");
    for (const cell of row.cells) {
      cell.setAttribute("role", cell.tagName === "TH" ? "columnheader" : "cell");
    }
  }
}

// Material wraps each table in a scrolling box (its JavaScript); without it the
// table scrolls itself.
function scrollBox(table) {
  return table.closest(".md-typeset__scrollwrap") ?? table;
}

function overflows(box) {
  return box.clientWidth > 0 && box.scrollWidth > box.clientWidth + 1;
}

// A box that still scrolls (nothing here should) is reachable by keyboard and
// named, so nobody is left with columns they cannot get to.
function reachable(box, table) {
  if (overflows(box)) {
    const caption = table.caption?.textContent.trim() || headers(table).join(", ");
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", `Table: ${caption} (scrolls sideways)`);
  } else if (box.getAttribute("role") === "region") {
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
  }
}

function fit() {
  const tables = [...document.querySelectorAll(".md-typeset table")].filter(label);
  // Measure every table at its natural layout first, then change them all, so
  // the page is laid out twice rather than once per table.
  for (const table of tables) table.removeAttribute(STACKED);
  const wide = tables.filter((table) => overflows(scrollBox(table)));
  for (const table of wide) {
    keepRoles(table);
    table.setAttribute(STACKED, "");
  }
  for (const table of tables) reachable(scrollBox(table), table);
}

let pending = false;
function refit() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    fit();
  });
}

// -- start --------------------------------------------------------------------------

// A turned phone or a resized window changes what fits; so does Material's
// instant navigation, which swaps the page's content without a new load.
addEventListener("resize", refit);
if (globalThis.document$?.subscribe) {
  globalThis.document$.subscribe(() => fit());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", fit, { once: true });
} else {
  fit();
}
