// The calculators' Python, run by Pyodide in a module worker so the page never
// freezes while the interpreter boots or counts days.
//
// Messages in:  {type: "boot", runtime: {indexURL, stdLibURL, archives, policyURL}}
//               (archives: [{url, format}]; stdLibURL: a trimmed python_stdlib.zip,
//               or null for Pyodide's own)
//               {type: "ask", id, calculator, inputs}
// Messages out: {type: "ready", marks, interpreter}
//                                                  boot timings in ms, and "started" or
//                                                  "restored" (snapshot.js), for tests
//               {type: "kept"}                     a snapshot is stored for the next visit
//               {type: "failed", stage}            could not boot (no details for shoppers);
//                                                  stage "webassembly": WebAssembly is refused
//               {type: "answer", id, reply}        the calculator's JSON reply, parsed
//               {type: "answer", id, broken: true} the calculator itself raised
//
// Inputs cross as data: they are serialised with JSON.stringify and handed to
// calculators.web.answer as a string argument, never pasted into code.

import {
  forgetSnapshot,
  markRestored,
  markRestoring,
  POLICY_GLOBAL,
  readSnapshot,
  snapshotRequest,
  storeSnapshot,
} from "./snapshot.js";

let web = null; // the calculators.web module, once booted
let policy = null; // the policy, read once
let stage = null; // where the boot is, while it runs
let settled = false; // "ready" or "failed" has been sent
let restoring = false; // a stored snapshot is being restored (snapshot.js)
let restoredFrom = null; // the snapshot this interpreter came from, if it did

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "boot" && stage === null && !settled) boot(message.runtime);
  if (message.type === "ask") ask(message);
});

// A failed download inside loadPyodide (of pyodide.asm.wasm, say) rejects a
// promise nobody awaits, and loadPyodide then never settles: report the boot
// as failed at once rather than leave the shopper waiting for the timeout.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault(); // logged here; the page shows the shopper a plain message
  console.error("helpcenter: the calculator runtime failed", event.reason);
  // While a snapshot is restored, a failure is the restore's: boot() starts afresh.
  if (stage !== null && !restoring) settle({ type: "failed", stage });
});

function settle(message) {
  if (settled) return;
  settled = true;
  stage = null;
  self.postMessage(message);
}

async function boot(runtime) {
  const started = performance.now();
  const marks = {};
  const mark = (name) => (marks[name] = Math.round(performance.now() - started));
  const refusal = webAssemblyRefusal();
  if (refusal !== null) {
    console.error(`helpcenter: the calculators cannot start: ${refusal}`);
    settle({ type: "failed", stage: "webassembly" });
    return;
  }
  stage = "download";
  try {
    // The archives and the policy download while the interpreter boots.
    const downloads = Promise.all([
      Promise.all(runtime.archives.map((archive) => fetchBytes(archive.url))),
      fetchText(runtime.policyURL),
    ]);
    downloads.catch(() => {}); // awaited below; this only keeps it from counting as unhandled
    // Keyed by startPython's own text too: a snapshot made by other steps is never restored.
    const snapshotAt = await snapshotRequest(runtime, startPython.toString());
    const stored = snapshotAt === null ? null : readSnapshot(snapshotAt);
    stage = "import";
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtime.indexURL).href);
    mark("imported");
    const start = { loadPyodide, runtime, downloads, mark };
    const found = (await stored) ?? { bytes: null, canKeep: false };
    let snapshot = found.bytes;
    if (snapshot !== null) {
      restoring = true;
      try {
        await markRestoring(snapshotAt);
        await startPython({ ...start, snapshot });
        restoring = false;
        restoredFrom = snapshotAt;
        settle({ type: "ready", marks, interpreter: "restored" });
        markRestored(snapshotAt);
        return;
      } catch (error) {
        restoring = false;
        snapshot = null; // 31 MB: not kept through the fresh start
        console.warn("helpcenter: the stored interpreter did not start; starting afresh", error);
        await forgetSnapshot(snapshotAt);
      }
    }
    // Made only where it can be kept: making one costs ~70 ms and a 31 MB copy.
    const made = await startPython({ ...start, snapshotAt: found.canKeep ? snapshotAt : null });
    settle({ type: "ready", marks, interpreter: "started" });
    if (made !== null && (await storeSnapshot(snapshotAt, made))) self.postMessage({ type: "kept" });
  } catch (error) {
    console.error(`helpcenter: the calculator runtime failed at "${stage}"`, error);
    settle({ type: "failed", stage });
  }
}

// Start Pyodide, restored from `snapshot` or afresh, and import the calculators
// and read the policy into `web` and `policy`. Started afresh with a place to
// keep a snapshot (`snapshotAt`), it returns one of the interpreter as it is
// then, before any question: null when it cannot.
async function startPython({ loadPyodide, runtime, downloads, mark, snapshot, snapshotAt }) {
  stage = "start";
  // packages: [] and no CDN: everything comes from this site's own folder.
  const options = { indexURL: runtime.indexURL, packages: [] };
  if (runtime.stdLibURL) options.stdLibURL = runtime.stdLibURL;
  if (snapshot) options._loadSnapshot = snapshot;
  else if (snapshotAt) options._makeSnapshot = true;
  const pyodide = await Promise.race([
    loadPyodide(options),
    interpreterUnreachable(runtime.indexURL),
  ]);
  mark("interpreter");
  stage = "download";
  const [archives, policyText] = await downloads;
  mark("downloaded");
  stage = "unpack";
  // Into site-packages, which is on sys.path whatever the working folder is.
  // A restored interpreter has its imported modules, but not the files (a
  // time zone's data, say) that are read only when asked.
  const sitePackages = pyodide.pyimport("sysconfig").get_path("purelib");
  runtime.archives.forEach((archive, i) =>
    pyodide.unpackArchive(archives[i], archive.format, { extractDir: sitePackages }),
  );
  mark("unpacked");
  stage = "policy";
  web = pyodide.pyimport("calculators.web");
  if (snapshot) {
    // Pyodide keeps its options for the worker's life: let the 31 MB go.
    if (pyodide._api?.config) pyodide._api.config._loadSnapshot = undefined;
    policy = pyodide.globals.get(POLICY_GLOBAL);
    if (policy === undefined) throw new Error("the stored interpreter has no policy");
    mark("ready");
    return null;
  }
  policy = web.read_policy(policyText);
  mark("ready");
  if (!snapshotAt) return null;
  try {
    pyodide.globals.set(POLICY_GLOBAL, policy);
    const made = pyodide.makeMemorySnapshot();
    mark("snapshot");
    return made;
  } catch (error) {
    console.warn("helpcenter: no interpreter snapshot for the next visit", error);
    return null;
  }
}

// The smallest WebAssembly module there is: the magic bytes "\0asm" and version 1.
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

// Under a Content-Security-Policy without 'wasm-unsafe-eval' the browser refuses
// to compile WebAssembly, and loadPyodide then waits for ever instead of failing
// (WebAssembly.validate is allowed either way, so it cannot tell). Compiling the
// empty module says so at once. Why not, in words for the site's developer, or null.
function webAssemblyRefusal() {
  if (typeof WebAssembly !== "object") return "this browser has no WebAssembly.";
  try {
    new WebAssembly.Module(EMPTY_MODULE);
    return null;
  } catch {
    return (
      "this site's Content-Security-Policy does not allow WebAssembly. Add " +
      "'wasm-unsafe-eval' to its script-src directive (`helpcenter headers` prints the " +
      "policy the build made for the site)."
    );
  }
}

function ask({ id, calculator, inputs }) {
  if (web === null) return; // the loader asks only after "ready"
  try {
    const reply = JSON.parse(web.answer(policy, calculator, JSON.stringify(inputs)));
    self.postMessage({ type: "answer", id, reply });
  } catch (error) {
    console.error(`helpcenter: the ${calculator} calculator raised`, error);
    self.postMessage({ type: "answer", id, broken: true });
    // Perhaps the snapshot, perhaps the calculator: the next visit starts afresh either way.
    if (restoredFrom !== null) forgetSnapshot(restoredFrom);
  }
}

// loadPyodide downloads pyodide.asm.wasm itself, and when that download fails
// the rejection stays inside Emscripten: loadPyodide never settles and only
// sometimes is an unhandled rejection reported. A HEAD request for the same
// file says at once, every time, whether it can be downloaded at all; when it
// can, this promise never settles and loadPyodide decides.
async function interpreterUnreachable(indexURL) {
  const url = new URL("pyodide.asm.wasm", indexURL).href;
  const response = await fetch(url, { method: "HEAD" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Promise(() => {});
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}
