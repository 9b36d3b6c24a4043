"""Editors get the policy's schema: committed, pointed to, and kept fresh.

Each store commits the schema `helpcenter schema` writes for its own policy,
every policy file names its schema on its first line (yaml-language-server's
modeline), VS Code's settings map the same files as a fallback, and the
pre-commit hook runs the same check as the build.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from helpcenter_command import helpcenter

from calculators.policy import Policy
from calculators.shape import hints_of
from helpcenter.new_store import TEMPLATE
from helpcenter.schema import project_policy, schema_texts

ROOT = Path(__file__).resolve().parents[2]
STORES = {
    "jetoyusa": ROOT,
    "patch-and-pops": ROOT / "examples" / "patch-and-pops",
    "workshop": ROOT / "tests" / "fixtures" / "workshop",
}
# The files the model has, each with its schema: store.yml, store.schema.json ...
MODEL_FILES = list(hints_of(Policy))


@pytest.mark.parametrize("store", sorted(STORES))
def test_the_committed_schema_is_what_helpcenter_schema_writes(store):
    root = STORES[store]
    policy = project_policy(root)
    assert policy is not None  # each store's own schema: its methods
    committed = {p.name: p.read_text(encoding="utf-8") for p in (root / "schema").iterdir()}
    assert committed == schema_texts(policy), f"run: helpcenter --project {root} schema"


POLICY_FILES = [
    path
    for root in (*STORES.values(), TEMPLATE)
    for path in sorted((root / "policy").glob("*.yml"))
]


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_policy_file_names_its_schema_on_its_first_line(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{path.stem}.schema.json"
    if path.is_relative_to(TEMPLATE):
        return  # new-store writes the template's schema/ (tests/unit/test_new_store.py)
    assert (path.parent.parent / "schema" / f"{path.stem}.schema.json").is_file()


@pytest.mark.parametrize("path", sorted((TEMPLATE / "policy").glob("*.yml")), ids=lambda p: p.name)
def test_the_template_s_policy_says_what_each_value_means(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "example" in " ".join(lines[1:4]), "the file's first comment says it is an example"
    for number, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):  # a key of the file's own mapping
            assert lines[number - 1].startswith("#"), f"no comment above line {number + 1}"


# (the settings file, each store it maps: its folder inside the workspace)
VSCODE = [
    (ROOT / ".vscode", ["", "examples/patch-and-pops/"]),
    (TEMPLATE / "vscode", [""]),
]


@pytest.mark.parametrize(("folder", "stores"), VSCODE, ids=["project", "new-store"])
def test_vscode_maps_every_policy_file_and_recommends_the_yaml_extension(folder, stores):
    settings = json.loads((folder / "settings.json").read_text(encoding="utf-8"))
    assert (settings["yaml.validate"], settings["yaml.completion"], settings["yaml.hover"]) == (
        True,
        True,
        True,
    )
    # mkdocs.yml's `!ENV [SITE_URL, ...]` is MkDocs' own tag, not a mistake.
    assert settings["yaml.customTags"] == ["!ENV scalar", "!ENV sequence"]
    assert settings["yaml.schemas"] == {
        f"./{store}schema/{name}.schema.json": f"/{store}policy/{name}.yml"
        for store in stores
        for name in MODEL_FILES
    }
    extensions = json.loads((folder / "extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}


def test_helpcenter_schema_writes_the_store_s_own_schema_into_its_folder(tmp_path):
    shutil.copytree(STORES["workshop"] / "policy", tmp_path / "policy")
    written = helpcenter("--project", tmp_path, "schema")
    assert written.returncode == 0, written.stderr
    names = [f"{name}.schema.json" for name in MODEL_FILES]
    assert written.stdout.splitlines() == [str(tmp_path / "schema" / name) for name in names]
    assert written.stderr == ""
    holidays = json.loads((tmp_path / "schema" / "holidays.schema.json").read_text())
    assert holidays["definitions"]["method_key"]["enum"] == ["standard", "expedited"]


def test_a_policy_that_does_not_load_gets_the_schema_for_any_store(tmp_path):
    shutil.copytree(STORES["workshop"] / "policy", tmp_path / "policy")
    (tmp_path / "policy" / "shipping.yml").write_text("methods: {}\n", encoding="utf-8")
    written = helpcenter("--project", tmp_path, "schema", "--out", tmp_path / "out")
    assert written.returncode == 0
    assert written.stderr == (
        "The policy does not load (helpcenter check says why): these schemas are for any "
        "store, without its shipping methods. Run this again once it loads.\n"
    )
    assert (tmp_path / "out" / "holidays.schema.json").read_text() == schema_texts()[
        "holidays.schema.json"
    ]


# -- pre-commit ----------------------------------------------------------------------


def _hook(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else data["repos"][0]["hooks"]
    (hook,) = hooks
    return hook


def test_the_hook_manifest_and_the_store_s_local_hook():
    provided = _hook(ROOT / ".pre-commit-hooks.yaml")
    assert provided == {
        "id": "helpcenter-check",
        "name": "helpcenter check",
        "description": "Check the help center's policy, pages and mkdocs.yml as the build does.",
        "entry": "helpcenter check",
        "language": "python",
        "files": r"^(policy/|docs/|mkdocs\.yml$)",
        "pass_filenames": False,
    }
    for config in (ROOT / ".pre-commit-config.yaml", TEMPLATE / "pre-commit-config.yaml"):
        assert yaml.safe_load(config.read_text(encoding="utf-8"))["repos"][0]["repo"] == "local"
        local = _hook(config)
        # The same hook, run by the store's own installed helpcenter.
        assert local == {k: v for k, v in provided.items() if k != "description"} | {
            "language": "system"
        }


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("policy/store.yml", True),
        ("docs/shipping.md", True),
        ("mkdocs.yml", True),
        ("README.md", False),
        ("schema/store.schema.json", False),
        ("examples/patch-and-pops/mkdocs.yml", False),
    ],
)
def test_the_hook_runs_on_the_store_s_own_files(path, runs):
    # pre-commit matches `files` with re.search against the path from the repository root.
    files = _hook(ROOT / ".pre-commit-hooks.yaml")["files"]
    assert bool(re.search(files, path)) is runs


def test_the_hook_s_entry_runs_the_check_in_the_store():
    # As pre-commit runs it: the entry split as a shell would, no file names after
    # it (pass_filenames: false), in the repository's root, helpcenter on PATH.
    entry = shlex.split(_hook(ROOT / ".pre-commit-hooks.yaml")["entry"])
    path = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    run = subprocess.run(
        entry,
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (run.returncode, run.stdout) == (0, "Policy and pages are fine.\n"), run.stderr
