// The destination widget's country field as a searchable list: the WAI-ARIA
// combobox pattern (an editable text box that pops up a listbox), list
// autocomplete with automatic selection: the first match is highlighted as the
// shopper types, Enter chooses it.
//
// It enhances the <select data-combobox> helpcenter/widgets.py writes, which
// stays the form's source of truth: loader.js reads select.value, so every
// choice sets it and fires input and change. Without this script the native
// select still works. The shopper finds a place by its name or by any of the
// other names the build put on its option (data-aliases, a JSON list: "UK",
// "Burma", "Deutschland"); a restricted region (an option of the region select
// with data-country) is found by its own name, and choosing it sets both the
// country and the region. The region select shows only the chosen country's
// regions, and is hidden for a country with none.
//
// Text that names no listed place (the shopper typed and never chose) goes to
// the calculator as typed, through an extra option of the select: the
// calculator reads names and aliases too, and says plainly when it knows none.

// The same key as calculators/destination.py place_key: case, accents, full
// stops, apostrophes and a leading "the" aside, "St" read as "Saint".
function placeKey(text) {
  const words = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/['\u2019.]|\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  if (words[0] === "the") words.shift();
  return words.map((word) => (word === "st" ? "saint" : word)).join(" ");
}

// Each place the list offers: {value, label, country, region, names, keys, code}.
function placesOf(select, regionSelect) {
  const place = (option, country, region) => {
    const names = [option.text, ...JSON.parse(option.dataset.aliases ?? "[]")];
    const code = region ? "" : placeKey(option.value);
    return { label: option.text, country, region, names, keys: names.map(placeKey), code };
  };
  const countries = [...select.options]
    .filter((option) => option.value && !option.dataset.typed)
    .map((option) => place(option, option.value, ""));
  const regions = [...(regionSelect?.options ?? [])]
    .filter((option) => option.dataset.country)
    .map((option) => place(option, option.dataset.country, option.value));
  return [...countries, ...regions];
}

// How well a place matches the typed key; lower is better, null is no match. A
// whole name beats its start, the start of a name beats the start of a later
// word, that beats any part; at the same rank the place's own name beats an alias.
function rank(place, query) {
  if (place.code === query) return 0; // a code typed in full: "de", "ca"
  let best = null;
  place.keys.forEach((key, i) => {
    let found = null;
    if (key === query) found = 0;
    else if (key.startsWith(query)) found = 1;
    else if (` ${key}`.includes(` ${query}`)) found = 2;
    else if (key.includes(query)) found = 3;
    if (found === null) return;
    const score = found * 2 + (i === 0 ? 0 : 1);
    best = best === null ? score : Math.min(best, score);
  });
  return best;
}

// The matches for a key, best first; the alias that matched, to show beside the name.
function matching(places, query) {
  if (!query) return places.filter((p) => !p.region).map((place) => ({ place, also: "" }));
  const found = [];
  for (const place of places) {
    const score = rank(place, query);
    if (score === null) continue;
    const alias = place.names.slice(1).find((_, i) => place.keys[i + 1].includes(query));
    const byAlias = !place.keys[0].includes(query) && score !== 0;
    found.push({ place, score, also: byAlias ? (alias ?? "") : "" });
  }
  return found.sort((a, b) => a.score - b.score || a.place.label.localeCompare(b.place.label));
}

class PlaceCombobox {
  constructor(select) {
    this.select = select;
    this.form = select.form;
    this.box = select.closest("[data-field]");
    this.regionSelect = [...this.form.querySelectorAll("select")].find((s) =>
      s.querySelector("option[data-country]"),
    );
    this.regionBox = this.regionSelect?.closest("[data-field]");
    this.regionOptions = [...(this.regionSelect?.options ?? [])];
    this.places = placesOf(select, this.regionSelect);
    this.matches = [];
    this.active = -1;
    this.navigated = false; // arrows moved the highlight: Home and End move it too
    this.build();
    this.showChosen();
  }

  build() {
    const id = this.select.id;
    const label = this.box.querySelector("label");
    const name = label?.textContent.trim() || "Countries";
    // The input takes the select's id, so the field's <label for> names it; the
    // select leaves the field's box, so loader.js marks and focuses the input.
    this.select.id = `${id}-select`;
    this.input = element("input", {
      type: "text",
      id,
      class: "hc-combobox__input",
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": `${id}-listbox`,
      autocomplete: "off",
      autocapitalize: "off",
      spellcheck: "false",
    });
    const describedBy = this.select.getAttribute("aria-describedby");
    if (describedBy) this.input.setAttribute("aria-describedby", describedBy);
    this.toggle = element("button", {
      type: "button",
      class: "hc-combobox__toggle",
      tabindex: "-1", // the arrow keys open the list; this is for the pointer
      "aria-label": "Show every country",
    });
    this.listbox = element("ul", {
      id: `${id}-listbox`,
      class: "hc-combobox__listbox",
      role: "listbox",
      "aria-label": name,
    });
    this.listbox.hidden = true;
    // Not role=status: loader.js writes answers into the widget's first one.
    this.status = element("p", { class: "hc-combobox__status", "aria-live": "polite" });
    const wrapper = element("div", { class: "hc-combobox" });
    wrapper.append(this.input, this.toggle, this.listbox, this.status);
    this.select.before(wrapper);
    this.box.after(this.select);
    this.select.hidden = true;
    this.listen();
  }

  listen() {
    // The field starts with the home country filled in: selecting it on focus
    // lets a shopper type another name over it instead of after it.
    // (A click's mouseup would put the caret back: the first one after focus is held.)
    this.input.addEventListener("focus", () => {
      this.input.select();
      this.keepSelection = true;
    });
    this.input.addEventListener("mouseup", (event) => {
      if (this.keepSelection) event.preventDefault();
      this.keepSelection = false;
    });
    this.input.addEventListener("input", () => this.typed());
    this.input.addEventListener("keydown", (event) => this.key(event));
    this.input.addEventListener("blur", () => this.left());
    this.input.addEventListener("click", () => this.isOpen() || this.openAll());
    this.toggle.addEventListener("click", () => {
      if (this.isOpen()) this.close();
      else this.openAll();
      this.input.focus();
    });
    // Keep the focus in the input while an option or the button is clicked.
    for (const target of [this.listbox, this.toggle]) {
      target.addEventListener("mousedown", (event) => event.preventDefault());
    }
    this.listbox.addEventListener("click", (event) => {
      const item = event.target.closest("[role=option]");
      if (item) this.choose(this.matches[Number(item.dataset.index)].place);
    });
  }

  isOpen() {
    return !this.listbox.hidden;
  }

  // -- the list -------------------------------------------------------------------

  open(query, active) {
    this.matches = matching(this.places, query);
    const id = this.input.id;
    this.listbox.replaceChildren(
      ...this.matches.map(({ place, also }, index) => {
        const item = element("li", {
          id: `${id}-option-${index}`,
          role: "option",
          class: "hc-combobox__option",
          "aria-selected": "false",
        });
        item.dataset.index = String(index);
        item.append(place.label);
        if (also) item.append(" ", element("span", { class: "hc-combobox__also" }, `(${also})`));
        return item;
      }),
    );
    const shown = this.matches.length > 0;
    this.listbox.hidden = !shown;
    this.input.setAttribute("aria-expanded", String(shown));
    this.say(query, this.matches.length);
    this.highlight(shown ? active : -1);
  }

  // Every country, the chosen one highlighted: the list as a native select shows it.
  openAll() {
    this.open("", -1);
    const chosen = this.matches.findIndex(({ place }) => place.country === this.select.value);
    this.highlight(chosen);
  }

  close() {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.highlight(-1);
    this.navigated = false;
  }

  highlight(index) {
    this.active = index;
    for (const item of this.listbox.children) {
      item.setAttribute("aria-selected", String(Number(item.dataset.index) === index));
    }
    const item = index >= 0 ? this.listbox.children[index] : null;
    if (item) {
      this.input.setAttribute("aria-activedescendant", item.id);
      item.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  say(query, count) {
    const none = query !== "" && count === 0;
    this.status.classList.toggle("hc-combobox__status--none", none);
    if (none) {
      const typed = this.input.value.trim();
      this.status.textContent =
        `No place called “${typed}” in the list: ` + "check the spelling, or try another name.";
    } else {
      this.status.textContent = query ? `${count} ${count === 1 ? "match" : "matches"}.` : "";
    }
  }

  // -- keys -------------------------------------------------------------------------

  key(event) {
    const count = this.matches.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const down = event.key === "ArrowDown";
      if (!this.isOpen()) {
        this.reopen(); // Alt+Down only opens; Down and Up also move the highlight
        if (!event.altKey && this.active < 0) this.highlight(down ? 0 : this.matches.length - 1);
      } else if (!event.altKey && count) {
        const from = this.active < 0 ? (down ? -1 : count) : this.active;
        this.highlight((from + (down ? 1 : -1) + count) % count);
      }
      this.navigated = true;
    } else if (event.key === "Enter") {
      // With no list open, Enter submits the form, as in any text box.
      if (!this.isOpen() || this.active < 0) return;
      this.choose(this.matches[this.active].place);
    } else if (event.key === "Escape") {
      if (this.isOpen()) this.close();
      else if (this.input.value) {
        this.input.value = "";
        this.typed(false);
      } else return;
    } else if ((event.key === "Home" || event.key === "End") && this.isOpen() && this.navigated) {
      // Until the arrows are used, Home and End move the caret in the text.
      this.highlight(event.key === "Home" ? 0 : count - 1);
    } else {
      return;
    }
    event.preventDefault();
  }

  // The matches of what was typed, or every country when a place is chosen.
  reopen() {
    const typed = this.select.querySelector("option[data-typed]");
    if (typed && this.input.value.trim()) this.open(placeKey(this.input.value), -1);
    else this.openAll();
  }

  // -- the select ---------------------------------------------------------------------

  // The shopper's own words, until they choose: sent as typed.
  typed(openList = true) {
    this.navigated = false;
    let option = this.select.querySelector("option[data-typed]");
    if (!option) {
      option = element("option", { "data-typed": "" });
      this.select.append(option);
    }
    option.value = this.input.value;
    option.textContent = this.input.value;
    option.selected = true;
    this.showRegions("", "");
    notify(this.select);
    const query = placeKey(this.input.value);
    if (openList) this.open(query, query ? 0 : -1);
    else this.close();
  }

  choose(place) {
    this.select.querySelector("option[data-typed]")?.remove();
    this.select.value = place.country;
    this.showChosen(place.region);
    this.close();
    notify(this.select);
    // A region chosen by its name shows as its country here and in the region field
    // below; screen readers are told so, since the text they hear has changed.
    this.status.textContent = place.region ? `${this.input.value}, ${place.label}.` : "";
  }

  // Leaving the box with a whole name typed chooses its place ("france", "uk").
  left() {
    this.close();
    if (!this.select.querySelector("option[data-typed]")) return;
    const query = placeKey(this.input.value);
    const named = this.places.filter((p) => p.code === query || p.keys.includes(query));
    if (query && named.length === 1) this.choose(named[0]);
  }

  // The chosen country's name in the box, and its regions (``region`` chosen) below.
  showChosen(region = this.regionSelect?.value) {
    const option = this.select.selectedOptions[0];
    this.input.value = option ? option.text : "";
    if (!option?.dataset.typed) this.showRegions(this.select.value, region);
  }

  // Only the country's own regions, and no region field for a country with none.
  showRegions(country, region) {
    if (!this.regionSelect) return;
    const before = this.regionSelect.value;
    const own = this.regionOptions.filter((o) => [undefined, country].includes(o.dataset.country));
    this.regionSelect.replaceChildren(...own);
    this.regionSelect.value = own.some((o) => o.value === region) ? region : "";
    this.regionBox.hidden = !own.some((o) => o.dataset.country);
    if (this.regionSelect.value !== before) notify(this.regionSelect);
  }
}

function notify(control) {
  for (const type of ["input", "change"]) control.dispatchEvent(new Event(type, { bubbles: true }));
}

function element(name, attributes, text) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

function enhanceAll() {
  for (const select of document.querySelectorAll("select[data-combobox]")) {
    if (select.dataset.enhanced) continue;
    select.dataset.enhanced = "true";
    new PlaceCombobox(select);
  }
}

// Material's instant navigation swaps pages without reloading: enhance each one.
if (globalThis.document$?.subscribe) {
  globalThis.document$.subscribe(() => enhanceAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", enhanceAll, { once: true });
} else {
  enhanceAll();
}
