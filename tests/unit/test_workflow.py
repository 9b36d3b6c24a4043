"""The GitHub workflow a store copies (``helpcenter/store_template/github/``) and the
project's own copy (``.github/``): valid for GitHub, the same but for how each installs
helpcenter, every command in it real, and the problem matcher reading real problems."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent.parent
STORE_GITHUB = ROOT / "helpcenter" / "store_template" / "github"
WORKFLOW = Path("workflows") / "help-center.yml"
MATCHER = Path("helpcenter-problem-matcher.json")
STORE_WORKFLOW, ROOT_WORKFLOW = STORE_GITHUB / WORKFLOW, ROOT / ".github" / WORKFLOW
BIN = Path(sys.executable).parent
# How each installs helpcenter: a store from its requirements.txt (which names the
# helpcenter it builds with), this project from its own checkout.
STORE_INSTALL = "        run: python -m pip install -r requirements.txt"
ROOT_INSTALL = "        run: python -m pip install -e ."


def _run(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv), cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def _workflow(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_both_workflows_are_valid_for_github():
    # check-jsonschema's copy of the GitHub workflow schema (vendor.github-workflows),
    # pinned with it in pyproject.toml: no network.
    run = _run(
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        str(STORE_WORKFLOW),
        str(ROOT_WORKFLOW),
    )
    assert (run.returncode, run.stdout.strip()) == (0, "ok -- validation done"), run.stderr


def test_the_projects_copy_differs_only_in_how_it_installs_helpcenter():
    store = STORE_WORKFLOW.read_text(encoding="utf-8").split("\n")
    root = ROOT_WORKFLOW.read_text(encoding="utf-8").split("\n")
    assert len(store) == len(root)
    differing = [(a, b) for a, b in zip(store, root, strict=True) if a != b]
    # The check job and the Pages build job each install once.
    assert differing == [(STORE_INSTALL, ROOT_INSTALL)] * 2


def test_the_problem_matcher_is_the_same_in_both():
    assert (ROOT / ".github" / MATCHER).read_bytes() == (STORE_GITHUB / MATCHER).read_bytes()


def _matcher() -> dict:
    matchers = json.loads((STORE_GITHUB / MATCHER).read_text(encoding="utf-8"))
    (matcher,) = matchers["problemMatcher"]
    return matcher


def test_the_matchers_regexp_reads_the_same_in_javascript_and_python():
    # GitHub runs the regexp as JavaScript. Python's re reads this subset the same:
    # no "(?" group syntax (named groups, lookbehind and inline flags differ between
    # the two), no \A, \Z or \Q, only the escapes \d \[ \] \( \).
    (pattern,) = _matcher()["pattern"]
    regexp = pattern["regexp"]
    assert "(?" not in regexp
    assert set(re.findall(r"\\.", regexp)) == {r"\d", r"\[", r"\]", r"\(", r"\)"}
    assert re.compile(regexp).groups == 6
    assert _matcher()["owner"] == "helpcenter"
    fields = {key: pattern[key] for key in pattern if key != "regexp"}
    assert fields == {"file": 1, "line": 2, "column": 3, "severity": 4, "message": 5, "code": 6}


@pytest.fixture
def broken_store(tmp_path: Path, copy_store) -> Path:
    """The root store with two errors and a warning, each made as an editor would."""
    store = copy_store(ROOT, tmp_path / "store")
    _replace(store / "policy" / "shipping.yml", 'subtotal_from: "59.00"', 'subtotal_from: "60.00"')
    _replace(
        store / "docs" / "shipping.md", "{{ calculator.delivery }}", "{{ calculator.delivry }}"
    )
    config = store / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    config.write_text("\n".join(x for x in lines if not x.startswith("site_url:")), "utf-8")
    return store


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update this test's edit"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_and_column(path: Path, text: str) -> tuple[str, str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, 1) if text in line)
    return str(number), str(lines[number - 1].index(text) + 1)


def test_the_matcher_captures_every_problem_of_a_real_check(broken_store):
    run = _run(str(BIN / "helpcenter"), "check", cwd=broken_store)
    assert run.returncode == 1
    assert run.stderr == "2 errors and 1 warning found.\n"
    regexp = re.compile(_matcher()["pattern"][0]["regexp"])
    captured = [regexp.fullmatch(line) for line in run.stdout.strip().split("\n")]
    assert None not in captured, run.stdout
    # Each expected by hand: the line and column of the edit (the value's quote, the
    # placeholder's braces), the rule's sentence, and the id in brackets at the end.
    tier = _line_and_column(broken_store / "policy" / "shipping.yml", '"60.00"')
    page = _line_and_column(broken_store / "docs" / "shipping.md", "{{ calculator.delivry }}")
    assert [match.groups() for match in captured if match] == [
        (
            "policy/shipping.yml",
            *tier,
            "error",
            "methods.standard.fees[1].subtotal_from: Expected subtotal_from to be 59.00 (where "
            "the tier before ends) but received 60.00: that leaves a gap.",
            "fee-tiers",
        ),
        (
            "docs/shipping.md",
            *page,
            "error",
            "Unknown calculator 'delivry'. Expected one of change_cancel, delivery, destination, "
            "holiday_deadline, late_order, returns, shipping_cost.",
            "unknown-placeholder",
        ),
        (
            # A missing key is placed where mkdocs.yml's keys start: its first line.
            "mkdocs.yml",
            "1",
            "1",
            "warning",
            "site_url: Material's instant navigation (navigation.instant in theme.features) "
            "needs site_url, and it is not set; set site_url: https://help.example.com/ to the "
            "address the site is served from (without it every page reloads and the "
            "calculators restart).",
            "site-url-missing",
        ),
    ]


def _commands(workflow: dict) -> list[list[str]]:
    """Every helpcenter and mkdocs command of every ``run:`` step, as argv."""
    found = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for line in step.get("run", "").split("\n"):
                argv = shlex.split(line, comments=True)
                while argv[:1] in (["if"], ["!"]):  # `if ! helpcenter diff ...; then`
                    argv = argv[1:]
                if argv and argv[0] in ("helpcenter", "mkdocs"):
                    found.append(argv)
    return found


def test_every_command_of_the_workflow_is_installed_and_answers_help():
    commands = _commands(_workflow(STORE_WORKFLOW))
    assert commands == _commands(_workflow(ROOT_WORKFLOW))
    assert [argv[:2] for argv in commands] == [
        ["helpcenter", "check"],
        ["mkdocs", "build"],
        ["helpcenter", "diff"],
        ["mkdocs", "build"],
    ]
    scripts = {entry.name: entry for entry in entry_points(group="console_scripts")}
    # helpcenter's is this project's (pyproject.toml); mkdocs's is MkDocs' own.
    assert scripts["helpcenter"].value == "helpcenter.cli:main"
    assert scripts["mkdocs"].load() is not None
    for program, command in dict.fromkeys(tuple(argv[:2]) for argv in commands):
        assert (BIN / program).is_file(), f"{program} is not installed beside {sys.executable}"
        run = _run(str(BIN / program), command, "--help")
        assert run.returncode == 0, run.stderr


def test_the_workflows_check_and_diff_run_in_this_project():
    check = _run(str(BIN / "helpcenter"), "check")
    assert check.returncode == 0, check.stdout + check.stderr
    diff = _run(str(BIN / "helpcenter"), "diff", "HEAD")
    assert (diff.returncode, diff.stderr) == (0, "")
    assert diff.stdout.strip(), "the report is never empty: at least 'No change for customers.'"


def test_permissions_are_granted_only_to_the_job_that_needs_them():
    workflow = _workflow(STORE_WORKFLOW)
    jobs = workflow["jobs"]
    assert workflow["permissions"] == {"contents": "read"}
    assert {name: job.get("permissions") for name, job in jobs.items()} == {
        "check": None,  # the workflow's: read the repository
        "comment": {"pull-requests": "write"},
        "pages": {"contents": "read", "pages": "read"},  # configure-pages reads the address
        "deploy": {"pages": "write", "id-token": "write"},
    }
    assert jobs["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = next(step for step in jobs["pages"]["steps"] if step.get("run") == "mkdocs build")
    # The Pages address as site_url, and a deploy build: a localhost site_url fails it.
    assert build["env"] == {
        "SITE_URL": "${{ steps.pages.outputs.base_url }}/",
        "HELPCENTER_DEPLOY": "1",
    }
    # The matcher is registered in the step that runs the check, before it.
    check = next(
        step for step in jobs["check"]["steps"] if "helpcenter check" in step.get("run", "")
    )
    assert check["run"].index("::add-matcher::.github/" + str(MATCHER)) < check["run"].index(
        "helpcenter check"
    )
    # Every action at a released major version, never a moving branch.
    for job in jobs.values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]


def _comment_script() -> str:
    steps = _workflow(STORE_WORKFLOW)["jobs"]["comment"]["steps"]
    return next(step["with"]["script"] for step in steps if "script" in step.get("with", {}))


def test_the_comment_is_found_again_by_its_hidden_marker():
    # One sticky comment: the script looks for the marker before it creates one.
    script = _comment_script()
    assert 'const marker = "<!-- helpcenter-diff -->";' in script
    assert script.index("c.body.startsWith(marker)") < script.index("createComment")


def test_the_comment_script_parses_as_github_script_runs_it():
    # github-script runs the script as the body of an async function, with github,
    # context and require given; Node (which npm ci needs anyway) must parse it so.
    node = shutil.which("node")
    assert node is not None, "Node.js is needed (README: Two commands)"
    body = json.dumps(_comment_script())
    parse = f"new (Object.getPrototypeOf(async function () {{}}).constructor)({body})"
    run = _run(node, "-e", parse)
    assert run.returncode == 0, run.stderr
