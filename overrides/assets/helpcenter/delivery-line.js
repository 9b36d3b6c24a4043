// "Order within 3 h 20 min, get it by Thu Dec 10." on any page, the help
// center's own or a store's product page on another site:
//
//   <div data-delivery-line="standard">Ships in 1-2 business days.</div>
//   <script src="https://help.example.com/assets/helpcenter/delivery-line.js" defer></script>
//
// The build computes, with the calculators' own Python, every answer an order
// placed now can get: per shipping method, intervals of order instants that
// share one answer, in a file per UTC month, order-now-YYYY-MM.json). This script only
// finds the interval holding Date.now(), shows its words, counts down to the
// deadline in them and moves on at the interval's end. It computes no date:
// the one thing it works out is the countdown's "within 3 h 20 min", the same
// words as calculators.delivery.time_left for the time left.
//
// Whatever goes wrong (an unknown method, no answer for now, a file that cannot
// be fetched), the element keeps the store's own text and the console says why
// once. A classic script, so a store needs no module support; loader.js uses
// the same tables through globalThis.helpcenterOrderNow.
(() => {
  "use strict";

  // Material's instant navigation may run this script again: keep the first.
  if (globalThis.helpcenterOrderNow) {
    globalThis.helpcenterOrderNow.fillLines();
    return;
  }

  const BASE_URL = new URL(".", document.currentScript.src); // where the tables are
  const MANIFEST_URL = new URL("runtime.json", BASE_URL);
  const MINUTE = 60_000;
  const LONGEST_TIMER = 2 ** 31 - 1; // setTimeout fires at once beyond this

  let manifest = null; // the promise of runtime.json, once asked for (by loader.js)
  const months = new Map(); // "2026-11" -> the promise of that month's table, or of null
  const loaded = new Map(); // "2026-11" -> that month's table, or null: it has none
  const warned = new Set();

  function warnOnce(message) {
    if (warned.has(message)) return;
    warned.add(message);
    console.warn(`Delivery line: ${message}; the text already on the page stays.`);
  }

  async function fetchJson(url) {
    const response = await fetch(url).catch((error) => {
      throw new Error(`${url}: ${error.message}`); // "Failed to fetch" alone names no file
    });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  // runtime.json and the month files keep their names from build to build: the
  // host says to revalidate them (no-cache), which the default cache mode
  // obeys. (Asking with cache: "no-cache" here would also pass over the
  // page's <link rel="preload"> of runtime.json and fetch it twice.)
  function readManifest() {
    manifest ??= fetchJson(MANIFEST_URL);
    manifest.catch(() => (manifest = null)); // a later minute or page tries again
    return manifest;
  }

  const monthOf = (nowMs) => new Date(nowMs).toISOString().slice(0, 7);

  // The table of the UTC month holding nowMs, named from the month: no round
  // trip to runtime.json first. A month the build wrote no file for (before
  // the build day, after the coverage) has no answers: table null. null when
  // it cannot be read (said once).
  function loadMonth(nowMs) {
    const month = monthOf(nowMs);
    if (!months.has(month)) {
      const read = async () => {
        const url = new URL(`order-now-${month}.json`, BASE_URL);
        // The help center's pages ask for it first thing (overrides/main.html): that
        // answer is used once, so a failed one is asked for again on a later try.
        const early = globalThis.helpcenterOrderNowEarly;
        const asked = early?.url === url.href ? early : null;
        if (asked) globalThis.helpcenterOrderNowEarly = null;
        const response = await (asked ? asked.response : fetch(url)).catch((error) => {
          throw new Error(`${url}: ${error.message}`); // "Failed to fetch" alone names no file
        });
        if (!response.ok && response.status !== 404) {
          throw new Error(`${url}: HTTP ${response.status}`);
        }
        const table = response.ok ? await (asked ? asked.body : response.json()) : null;
        loaded.set(month, table);
        performance.mark("helpcenter-order-now-read"); // for the browser tests
        return { table };
      };
      months.set(
        month,
        read().catch((error) => {
          warnOnce(`could not read the help center's delivery answers (${error.message})`);
          months.delete(month);
          return null;
        }),
      );
    }
    return months.get(month);
  }

  // The interval of method holding nowMs: undefined while its month is not
  // loaded, null when the table has no answer then.
  function intervalAt(method, nowMs) {
    const month = monthOf(nowMs);
    if (!loaded.has(month)) return undefined;
    const intervals = loaded.get(month)?.methods[method] ?? [];
    return intervals.find((i) => i.from <= nowMs && nowMs < i.until) ?? null;
  }

  // calculators.delivery.time_left: the time left rounded down to the minute.
  function timeLeft(ms) {
    const total = Math.floor(ms / MINUTE);
    if (total < 1) return "in less than a minute";
    const days = Math.floor(total / 1440);
    const hours = Math.floor(total / 60) % 24;
    const minutes = total % 60;
    const words = [];
    if (days) words.push(days === 1 ? "1 day" : `${days} days`);
    if (hours) words.push(`${hours} h`);
    if (minutes || !words.length) words.push(`${minutes} min`);
    return `within ${words.join(" ")}`;
  }

  const withCountdown = (parts, nowMs) =>
    parts.map((part) =>
      part.countdown ? { ...part, text: timeLeft(Date.parse(part.countdown) - nowMs) } : part,
    );

  // The next instant the words change: a countdown drops a minute, or the interval ends.
  function nextChange(interval, nowMs) {
    let next = interval.until;
    for (const part of [...interval.sentences.flat(), ...interval.line]) {
      const left = Date.parse(part.countdown) - nowMs; // NaN for other parts
      if (left > 0) next = Math.min(next, nowMs + (left % MINUTE) + 1);
    }
    return next;
  }

  // Calls show({from, sentences, line}, countdowns filled in) now and whenever the
  // words change, or show(null) while there is no answer; until the returned
  // function is called.
  function watch(method, show) {
    let timer = null;
    let stopped = false;
    const wake = (atMs) => (timer = setTimeout(step, Math.min(atMs - Date.now(), LONGEST_TIMER)));
    async function step() {
      const tables = await loadMonth(Date.now());
      if (stopped) return;
      if (!tables) return show(null); // could not be read: said so
      if (tables.table && !(method in tables.table.methods)) {
        const known = Object.keys(tables.table.methods).join(", ") || "none";
        warnOnce(`there is no shipping method "${method}" (known: ${known})`);
        return show(null);
      }
      const nowMs = Date.now();
      const interval = intervalAt(method, nowMs);
      if (interval === undefined) return step(); // the month turned while its file came
      if (interval === null) {
        warnOnce("the help center has no delivery answer for now (a new build extends it)");
        show(null);
        // After a gap in the table, a later interval of this month answers again.
        const later = tables.table?.methods[method]?.find((i) => i.from > nowMs);
        if (later) wake(later.from);
        return;
      }
      show({
        from: interval.from, // the same until the answer itself changes
        sentences: interval.sentences.map((sentence) => withCountdown(sentence, nowMs)),
        line: withCountdown(interval.line, nowMs),
      });
      wake(nextChange(interval, nowMs));
    }
    step();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  // Parts as nodes: text, a date or moment as <time datetime>, an address as a
  // mailto: link. Text nodes only, never HTML: a store's words stay words.
  function partNodes(parts) {
    return parts.map((part) => {
      if (part.date || part.datetime) {
        const time = document.createElement("time");
        time.dateTime = part.date ?? part.datetime;
        time.textContent = part.text;
        return time;
      }
      if (part.email) {
        const link = document.createElement("a");
        link.href = `mailto:${part.email}`;
        link.textContent = part.text;
        return link;
      }
      return document.createTextNode(part.text);
    });
  }

  function fillLine(element) {
    if (element.hcDeliveryLine) return;
    const fallback = [...element.childNodes];
    element.hcDeliveryLine = watch(element.dataset.deliveryLine, (answer) => {
      if (!element.isConnected) return element.hcDeliveryLine(); // the page moved on
      element.replaceChildren(...(answer ? partNodes(answer.line) : fallback));
    });
  }

  function fillLines() {
    document.querySelectorAll("[data-delivery-line]").forEach(fillLine);
  }

  globalThis.helpcenterOrderNow = {
    manifestURL: MANIFEST_URL.href,
    readManifest,
    watch,
    fillLines,
    // The sentences for an order placed at nowMs, countdowns filled in; null when
    // the table has no answer then, undefined while its month is not loaded.
    answerAt(method, nowMs) {
      const interval = intervalAt(method, nowMs);
      return interval && interval.sentences.map((sentence) => withCountdown(sentence, nowMs));
    },
  };
  // For the loader's delivery widget, should its module have run before this.
  document.dispatchEvent(new Event("helpcenter:order-now"));

  // This month's table is asked for at once: the page's lines and the help
  // center's delivery widget (loader.js) answer from it, and loaded from the
  // head (async) it is read before the page's own scripts keep the browser busy.
  loadMonth(Date.now());
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fillLines, { once: true });
  } else {
    fillLines();
  }
  // Material's instant navigation swaps the page without loading this again.
  globalThis.document$?.subscribe?.(() => fillLines());
})();
