#!/usr/bin/env node
// Lists the standard-library files the calculators need in Pyodide, into
// helpcenter/stdlib_modules.json (which helpcenter/stdlib.py trims the zip to).
//
// It boots the real Pyodide of node_modules, does what the browser worker
// does (unpack the calculators and tzdata archives into site-packages, read
// the policy), asks every calculator over the inputs `python -m
// helpcenter.stdlib cases` generates from each form (valid and broken), and
// lets a Python error cross into JavaScript (the worker's error path). Every
// module then in sys.modules whose file is in the stdlib zip is listed.
//
// Usage: node scripts/stdlib-modules.mjs        (after npm ci and scripts/setup)
// Run it again after upgrading Pyodide: the build ships the whole standard
// library while the list names another version.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PYTHON = process.env.PYTHON ?? join(ROOT, ".venv", "bin", "python");
const OUTPUT = join(ROOT, "helpcenter", "stdlib_modules.json");
// Both stores: their policies reach different branches (territories, sales, payments).
const PROJECTS = [ROOT, join(ROOT, "examples", "patch-and-pops")];

const { loadPyodide, version } = await import(join(ROOT, "node_modules", "pyodide", "pyodide.mjs"));

const loaded = new Map(); // zip member -> module name
const works = [];
const replies = [];
let pythonVersion = null;
try {
  for (const project of PROJECTS) {
    const work = mkdtempSync(join(tmpdir(), "stdlib-modules-"));
    works.push(work);
    python(["cases", work, project]);
    const found = await runLikeTheWorker(work);
    pythonVersion = found.python;
    for (const [member, module] of Object.entries(found.members)) loaded.set(member, module);
    replies.push(found.replies);
  }
  const files = [...loaded.keys()].sort();
  const listing = {
    about:
      "Standard-library files the calculators load in Pyodide; made by scripts/stdlib-modules.mjs, read by helpcenter/stdlib.py.",
    pyodide: version,
    python: pythonVersion,
    modules: Object.fromEntries([...loaded.entries()].map(([m, n]) => [n, m]).sort()),
    files,
  };
  writeFileSync(OUTPUT, JSON.stringify(listing, null, 1) + "\n");
  console.log(`${files.length} files for Pyodide ${version} -> ${OUTPUT}`);
  // The proof: the same cases on the trimmed library give the very same replies.
  for (const [i, work] of works.entries()) {
    const trimmed = join(work, "python_stdlib-trimmed.zip");
    python(["trim", trimmed]);
    const again = await runLikeTheWorker(work, trimmed);
    const differ = again.replies.findIndex((reply, j) => reply !== replies[i][j]);
    if (differ !== -1 || again.replies.length !== replies[i].length) {
      throw new Error(`the trimmed library answers case ${differ} differently`);
    }
    const missing = Object.keys(again.members).filter((member) => !loaded.has(member));
    if (missing.length) throw new Error(`the trimmed library loaded ${missing.join(", ")}`);
    console.log(`  trimmed library: the same ${again.replies.length} replies`);
  }
} finally {
  for (const work of works) rmSync(work, { recursive: true, force: true });
}

function python(args) {
  execFileSync(PYTHON, ["-m", "helpcenter.stdlib", ...args], { cwd: ROOT, stdio: "inherit" });
}

async function runLikeTheWorker(work, stdLibURL = undefined) {
  const pyodide = await loadPyodide({ packages: [], stdLibURL });
  const sitePackages = pyodide.pyimport("sysconfig").get_path("purelib");
  for (const name of ["calculators.zip", "tzdata.zip"]) {
    // A plain Uint8Array, as the worker has from fetch (Pyodide refuses a Node Buffer).
    const bytes = new Uint8Array(readFileSync(join(work, name)));
    pyodide.unpackArchive(bytes, "zip", { extractDir: sitePackages });
  }
  const web = pyodide.pyimport("calculators.web");
  const policy = web.read_policy(readFileSync(join(work, "policy.json"), "utf8"));
  const cases = JSON.parse(readFileSync(join(work, "cases.json"), "utf8"));
  const outcomes = { ok: 0, problems: 0 };
  const replies = cases.map(({ calculator, inputs }) => {
    const reply = web.answer(policy, calculator, JSON.stringify(inputs));
    outcomes[JSON.parse(reply).ok ? "ok" : "problems"] += 1;
    return reply;
  });
  // What the worker may send besides: an unknown calculator, inputs that are not JSON.
  replies.push(web.answer(policy, "no-such-calculator", "{}"));
  replies.push(web.answer(policy, "delivery", "not json"));
  replies.push(web.answer(policy, "delivery", "[".repeat(50)));
  try {
    pyodide.runPython("raise ValueError('what the worker logs when a calculator raises')");
  } catch {
    // expected: the traceback is formatted on the way out, by stdlib modules
  }
  console.log(`  ${cases.length} cases: ${outcomes.ok} answered, ${outcomes.problems} refused`);
  if (outcomes.ok === 0 || outcomes.problems === 0) throw new Error("the cases reach no branch");
  const found = pyodide
    .runPython(
      `
import json, sys
zips = [p for p in sys.path if p.endswith(".zip")]
members = {}
for name, module in list(sys.modules.items()):
    file = getattr(module, "__file__", None) or ""
    for z in zips:
        if file.startswith(z + "/"):
            members[file[len(z) + 1:]] = name
json.dumps({"members": members, "python": sys.version.split()[0]})
`,
    )
    .toString();
  return { ...JSON.parse(found), replies };
}
