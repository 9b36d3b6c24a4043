// A returning visitor's interpreter, restored from a memory snapshot that this
// browser made on the visitor's first visit, so the second visit skips
// Python's start and the calculators' imports (in Node, 1.4–1.7 s → 0.8 s).
//
// The snapshot is made here, not by the build: a build-made one would be 4.5 MB
// more on the wire for every first visit, where this one costs no bytes at all.
// It is taken once the calculators are imported and the policy read, before
// any question is answered, so it holds the site's own policy and never a
// shopper's inputs. It stays in this origin's Cache Storage (about 31 MB),
// under a key made of every file the interpreter was made from and of the
// worker's code that made it: a new deploy, Pyodide version or worker has a new
// key, and storing a new snapshot deletes the site's older ones.
//
// Pyodide's snapshot API (`_makeSnapshot`, `_loadSnapshot`,
// `makeMemorySnapshot`) is private: package.json pins Pyodide exactly, a
// browser test boots from a snapshot and from a damaged one, and anything that
// goes wrong here means a normal start (worker.js), never a failed one.

// Raise when how a snapshot is kept changes (the worker's own steps are in the key).
const FORMAT = 1;
const CACHE_NAME = "helpcenter-interpreter";
// The snapshot's length, checked on reading: a cut-off body is not restored.
const LENGTH_HEADER = "x-helpcenter-snapshot-bytes";
// Reading the cache normally takes a few ms; one that hangs must not hold the start.
const READ_TIMEOUT_MS = 3000;
// A snapshot is about 31 MB, and it is copied once more while it is stored.
const ROOM_NEEDED = 64 * 1024 * 1024;
// The __main__ global that carries the policy, already read, across the snapshot.
export const POLICY_GLOBAL = "_helpcenter_policy";

// Cache Storage and crypto.subtle exist only in secure contexts (https, or
// 127.0.0.1 while testing).
const snapshotsPossible = () =>
  typeof caches === "object" && caches !== null && typeof crypto?.subtle === "object";

// The cache key of the snapshot made from `runtime`'s files (all versioned by
// content or by Pyodide's version) by `madeBy` (the source text of the worker's
// function that starts Python and takes the snapshot), in this browser and
// time zone: a URL beside the policy, so each site on an origin keeps its own.
// Null where snapshots cannot be kept.
export async function snapshotRequest(runtime, madeBy) {
  if (!snapshotsPossible()) return null;
  const madeFrom = JSON.stringify([
    FORMAT,
    madeBy,
    // What Python's start reads from the browser (time.timezone, say) is in the
    // heap too; nothing the calculators answer depends on it, but a snapshot is
    // only ever restored where it was made.
    Intl.DateTimeFormat().resolvedOptions().timeZone,
    navigator.userAgent,
    runtime.indexURL,
    runtime.stdLibURL,
    runtime.archives.map((archive) => archive.url),
    runtime.policyURL,
  ]);
  try {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(madeFrom));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    return new Request(new URL(`interpreter-snapshot-${hex.slice(0, 20)}`, runtime.policyURL));
  } catch {
    return null; // no snapshot this visit; Python starts as usual
  }
}

// What this visit finds: the stored snapshot's bytes (null when there is none,
// it is damaged, or an earlier restore of it never got to "ready"), and
// whether a new one could be kept (storage usable, with room for it). Never
// longer than READ_TIMEOUT_MS: storage that does not answer means none.
export async function readSnapshot(request) {
  const nothing = { bytes: null, canKeep: false };
  const timeout = new Promise((resolve) => setTimeout(() => resolve(nothing), READ_TIMEOUT_MS));
  return Promise.race([read(request), timeout]);
}

async function read(request) {
  try {
    const cache = await caches.open(CACHE_NAME);
    const canKeep = await hasRoom();
    if (await cache.match(restoringMark(request))) {
      // The last restore never got to "ready" (it hung, or the page was closed
      // while it ran): do not try that snapshot again.
      await forgetSnapshot(request);
      return { bytes: null, canKeep };
    }
    const response = await cache.match(request);
    if (!response) return { bytes: null, canKeep };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (String(bytes.length) === response.headers.get(LENGTH_HEADER)) return { bytes, canKeep };
    await forgetSnapshot(request);
    return { bytes: null, canKeep };
  } catch (error) {
    // No storage here (a private window, say): start as usual, and keep nothing.
    console.warn("helpcenter: the stored interpreter could not be read", error);
    return { bytes: null, canKeep: false };
  }
}

// Whether the origin's storage has room for a snapshot and its copy in the
// making: without it a snapshot would cost its making on every visit, for nothing.
async function hasRoom() {
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  if (!estimate?.quota) return true; // the browser does not say: try, and see
  return estimate.quota - (estimate.usage ?? 0) >= ROOM_NEEDED;
}

// A mark kept while a snapshot is being restored, taken away once it is ready.
const restoringMark = (request) => new Request(`${request.url}-restoring`);

export async function markRestoring(request) {
  await (await caches.open(CACHE_NAME)).put(restoringMark(request), new Response(""));
}

export async function markRestored(request) {
  try {
    await (await caches.open(CACHE_NAME)).delete(restoringMark(request));
  } catch {
    // The next visit then forgets this snapshot and makes a new one: slower, still right.
  }
}

// Keep `bytes` for the next visit, and drop this site's older snapshots; whether it was kept.
export async function storeSnapshot(request, bytes) {
  try {
    const cache = await caches.open(CACHE_NAME);
    const headers = { "content-type": "application/octet-stream", [LENGTH_HEADER]: String(bytes.length) };
    await cache.put(request, new Response(bytes, { headers }));
    // Only once the new one is in: a failed put leaves the older ones as they were.
    const folder = new URL(".", request.url).href;
    for (const old of await cache.keys()) {
      if (old.url !== request.url && new URL(".", old.url).href === folder) await cache.delete(old);
    }
    return true;
  } catch (error) {
    // Quota, a private window without storage, ...: the next visit starts normally.
    console.warn("helpcenter: the interpreter could not be stored for the next visit", error);
    return false;
  }
}

export async function forgetSnapshot(request) {
  try {
    const cache = await caches.open(CACHE_NAME);
    await cache.delete(request);
    await cache.delete(restoringMark(request));
  } catch {
    // Nothing to forget, or no storage: the next visit starts normally either way.
  }
}
