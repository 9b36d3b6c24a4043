// The calculators' Python, run by Pyodide in a module worker so the page never
// freezes while the interpreter boots or counts days.
//
// Messages in:  {type: "boot", runtime: {indexURL, stdLibURL, archives, policyURL}}
//               (archives: [{url, format}]; stdLibURL: a trimmed python_stdlib.zip,
//               or null for Pyodide's own)
//               {type: "ask", id, calculator, inputs}
// Messages out: {type: "ready", marks}             boot timings in ms, for tests
//               {type: "failed", stage}            could not boot (no details for shoppers);
//                                                  stage "webassembly": WebAssembly is refused
//               {type: "answer", id, reply}        the calculator's JSON reply, parsed
//               {type: "answer", id, broken: true} the calculator itself raised
//
// Inputs cross as data: they are serialised with JSON.stringify and handed to
// calculators.web.answer as a string argument, never pasted into code.

let web = null; // the calculators.web module, once booted
let policy = null; // the policy, read once
let stage = null; // where the boot is, while it runs
let settled = false; // "ready" or "failed" has been sent

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
  if (stage !== null) settle({ type: "failed", stage });
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
    stage = "import";
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtime.indexURL).href);
    mark("imported");
    stage = "start";
    // packages: [] and no CDN: everything comes from this site's own folder.
    const options = { indexURL: runtime.indexURL, packages: [] };
    if (runtime.stdLibURL) options.stdLibURL = runtime.stdLibURL;
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
    const sitePackages = pyodide.pyimport("sysconfig").get_path("purelib");
    runtime.archives.forEach((archive, i) =>
      pyodide.unpackArchive(archives[i], archive.format, { extractDir: sitePackages }),
    );
    mark("unpacked");
    stage = "policy";
    web = pyodide.pyimport("calculators.web");
    policy = web.read_policy(policyText);
    mark("ready");
    settle({ type: "ready", marks });
  } catch (error) {
    console.error(`helpcenter: the calculator runtime failed at "${stage}"`, error);
    settle({ type: "failed", stage });
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
