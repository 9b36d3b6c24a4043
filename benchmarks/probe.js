// What benchmarks/browser_runs.py reads from a page, installed (as a Playwright
// init script) before any of the page's own scripts run. It only watches:
// timings are taken in the page, on the page's clock (performance.now()), so
// Playwright's own round trips never count.
//
// globalThis.__bench:
//   armAnswer(statusSelector) -> Promise<{clickAt, answerAt, state}>: from the
//               next click anywhere to the status region holding an answer (not
//               busy, not empty); state: the help center's runtime state then
//   watch(name, holds)  records in seen[name] {at, state} for the first moment
//               holds() is true, checked on every change to the document from
//               its very start
//   loadAt()    when the load event started (null before it)
(() => {
  const bench = { seen: {}, watchers: [] };
  Object.defineProperty(globalThis, "__bench", { value: bench });

  const runtimeState = () => globalThis.helpcenterRuntime?.state ?? null;
  const everything = { subtree: true, childList: true, characterData: true, attributes: true };

  const check = () => {
    for (const watcher of bench.watchers) {
      if (bench.seen[watcher.name] || !watcher.holds()) continue;
      bench.seen[watcher.name] = { at: performance.now(), state: runtimeState() };
    }
  };
  new MutationObserver(check).observe(document, everything);
  bench.watch = (name, holds) => {
    bench.watchers.push({ name, holds });
    check();
  };

  bench.armAnswer = (statusSelector) => {
    const status = document.querySelector(statusSelector);
    if (!status) return Promise.reject(new Error(`no ${statusSelector} on the page`));
    const timing = { clickAt: null, answerAt: null, state: null };
    const answered = () =>
      status.getAttribute("aria-busy") !== "true" && status.textContent.trim() !== "";
    document.addEventListener("click", () => (timing.clickAt ??= performance.now()), {
      capture: true,
      once: true,
    });
    return new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (timing.clickAt === null || !answered()) return;
        timing.answerAt = performance.now();
        timing.state = runtimeState();
        observer.disconnect();
        resolve(timing);
      });
      observer.observe(status, everything);
    });
  };

  bench.loadAt = () => {
    const navigation = performance.getEntriesByType("navigation")[0];
    return navigation && navigation.loadEventStart > 0 ? navigation.loadEventStart : null;
  };
})();
