#!/usr/bin/env node
// Compiles a zip of Python sources into a zip of sourceless .pyc, with the
// Python of the installed Pyodide (its magic number is the one the browser
// checks; CPython's differs). helpcenter/bytecode.py runs it at build time
// and caches the result by content; run by hand it shows what a build ships.
//
// Each NAME.py member becomes NAME.pyc beside it (where zipimport and the
// file finder look for sourceless bytecode), as an unchecked-hash pyc
// (PEP 552): Pyodide never reads a source or an mtime to trust it. Other
// members are copied; each member keeps its compression (stored or deflated)
// and the earliest zip date, so equal sources give equal bytes.
//
// Two things a shopper's browser never uses are left out, for bytes: the
// docstrings, as `python -OO` does (asserts are kept), and the column ranges
// tracebacks underline with ^^^ (PYTHONNODEBUGRANGES; lines are kept). They
// take 14 % and then 25 % off the trimmed library's bytecode at brotli 11, and
// every calculator reply stays the same.
//
// Usage: node scripts/compile-bytecode.mjs SOURCES.zip OUT.zip stdlib|site-packages
//   stdlib         the zip is the standard library, read by zipimport from where
//                  Pyodide keeps python_stdlib.zip
//   site-packages  the zip is unpacked into site-packages (the calculators)
// The place only sets the file name tracebacks show, as for the sources.
// Prints {"pyodide", "python", "compiled"} as JSON on the last line.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE = process.env.HELPCENTER_PYODIDE ?? join(ROOT, "node_modules", "pyodide");

const [source, output, place] = process.argv.slice(2);
if (!source || !output || !["stdlib", "site-packages"].includes(place)) {
  console.error("usage: node scripts/compile-bytecode.mjs SOURCES.zip OUT.zip stdlib|site-packages");
  process.exit(2);
}

const { loadPyodide, version } = await import(join(PYODIDE, "pyodide.mjs"));
try {
  await compile();
} catch (error) {
  // One line for the build log: a Python error's last line names it (SyntaxError: ...).
  const lines = String(error?.message ?? error).trim().split("\n");
  console.error(`compile-bytecode: ${lines[lines.length - 1]}`);
  process.exit(1);
}

async function compile() {
  const pyodide = await loadPyodide({
    indexURL: PYODIDE + "/",
    packages: [],
    env: { PYTHONNODEBUGRANGES: "1" },
  });
  // A plain Uint8Array: Pyodide's file system refuses a Node Buffer.
  pyodide.FS.writeFile("/tmp/sources.zip", new Uint8Array(readFileSync(source)));
  pyodide.globals.set("place", place);
  const report = pyodide
    .runPython(
      `
import ast, importlib.util, io, json, sys, sysconfig, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

if place == "stdlib":
    # Where zipimport finds the library: the one zip on sys.path.
    base = next(p for p in sys.path if p.endswith(".zip"))
else:
    base = sysconfig.get_path("purelib")

# The setting is read when the interpreter starts: make sure it was.
if any(column is not None for _, _, column, _ in compile("x = 1", "", "exec").co_positions()):
    raise RuntimeError("PYTHONNODEBUGRANGES did not reach the interpreter")

DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)

def is_docstring(statement):
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )

def without_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, DOCUMENTED) and node.body and is_docstring(node.body[0]):
            # A body of only a docstring still needs a statement.
            node.body = node.body[1:] or [ast.copy_location(ast.Pass(), node.body[0])]
    return tree

compiled = 0
buffer = io.BytesIO()
with zipfile.ZipFile("/tmp/sources.zip") as sources, zipfile.ZipFile(buffer, "w") as target:
    for info in sorted(sources.infolist(), key=lambda i: i.filename):
        if info.is_dir():
            continue
        content = sources.read(info)
        name = info.filename
        if name.endswith(".py"):
            # As zipimport and the source loader compile: newlines normalised,
            # no flags inherited from this script, the interpreter's optimisation
            # level (asserts kept), the file name tracebacks show for the source.
            text = content.replace(b"\\r\\n", b"\\n").replace(b"\\r", b"\\n")
            tree = without_docstrings(ast.parse(text, f"{base}/{name}"))
            code = compile(tree, f"{base}/{name}", "exec", dont_inherit=True)
            content = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(content), checked=False))
            name += "c"
            compiled += 1
        member = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        member.compress_type = info.compress_type
        member.external_attr = 0o644 << 16
        target.writestr(member, content, compresslevel=9)
with open("/tmp/bytecode.zip", "wb") as stream:
    stream.write(buffer.getvalue())
json.dumps({"python": sys.version.split()[0], "compiled": compiled})
`,
    )
    .toString();
  writeFileSync(output, pyodide.FS.readFile("/tmp/bytecode.zip"));
  console.log(JSON.stringify({ pyodide: version, ...JSON.parse(report) }));
}
