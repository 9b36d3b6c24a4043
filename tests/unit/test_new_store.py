"""``helpcenter new-store DIR``: a new store that passes the strict check and builds.

The command runs as an editor types it (a real process), into a temporary
folder; the store's node_modules is the project's, linked in, as ``npm ci`` from
the same package-lock.json would install it.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from helpcenter_command import helpcenter
from mkdocs.utils.yaml import yaml_load

from helpcenter.cli import main as cli_main
from helpcenter.load import load_policy
from helpcenter.new_store import (
    GITHUB,
    StoreValues,
    checked_policy,
    helpcenter_checkout,
    requirement_line,
    store_files,
    yaml_text,
)
from helpcenter.schema import schema_texts
from helpcenter.yamlsource import read_document

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """One store made by the command, with the project's node_modules linked in."""
    folder = tmp_path_factory.mktemp("new") / "my-store"
    made = helpcenter(
        "new-store", folder, "--name", "Patch&Pops", "--website", "pops.test", "--email",
        "help@pops.test",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Wrote Patch&Pops's help center into {folder}: ")
    (folder / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return folder


def test_the_new_store_passes_the_strict_check(store):
    checked = helpcenter("--project", store, "check", "--strict")
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        0,
        "Policy and pages are fine.\n",
        "",
    )


def test_the_new_store_builds_strict(store, tmp_path):
    site = tmp_path / "site"
    built = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(store / "mkdocs.yml"), "-d", site],
        capture_output=True,
        text=True,
        env=QUIET,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    for page in ("index.html", "shipping/index.html", "returns/index.html", "contact/index.html"):
        assert (site / page).is_file(), page
    # The store's name reaches the pages escaped once, as policy text always does.
    assert "Patch&amp;Pops Help Center" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "helpcenter" / "runtime.json").is_file()


def test_the_schema_folder_is_a_fresh_generation(store):
    policy = load_policy(store / "policy")
    written = {path.name: path.read_text(encoding="utf-8") for path in store.glob("schema/*")}
    assert written == schema_texts(policy)
    # The store's own methods, as its shipping.yml names them.
    assert (
        '"enum": [\n        "standard",\n        "expedited"\n      ]'
        in written["holidays.schema.json"]
    )


def test_every_policy_file_has_its_modeline(store):
    files = sorted(store.glob("policy/*.yml"))
    assert [path.name for path in files] == [
        "calendar.yml", "destinations.yml", "fulfilment.yml", "holidays.yml", "orders.yml",
        "returns.yml", "shipping.yml", "store.yml", "support.yml",
    ]  # fmt: skip
    for path in files:
        schema = f"{path.stem}.schema.json"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{schema}"
        assert (store / "schema" / schema).is_file()


def test_the_store_gets_the_editor_and_hook_files_and_the_checkout_s_runtime(store):
    for name in (".vscode/settings.json", ".vscode/extensions.json", ".pre-commit-config.yaml"):
        assert (store / name).is_file(), name
    # The Pyodide pin and the theme are the checkout's, byte for byte.
    for name in ("package.json", "package-lock.json"):
        assert (store / name).read_bytes() == (ROOT / name).read_bytes()
    assert _tree(store / "overrides") == _tree(ROOT / "overrides")
    if GITHUB.is_dir():  # the workflow, where that part of helpcenter provides one
        assert _tree(store / ".github") == _tree(GITHUB)
    requirements = (store / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert requirements[-1] == requirement_line(ROOT)  # how: the test below


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its path there, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_folder_that_is_not_empty_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n")
    refused = helpcenter("new-store", tmp_path)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"helpcenter new-store: {tmp_path} is a folder that is not empty; give a new or "
        "empty folder, so that nothing already there is overwritten.\nNothing was written.\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


# (options, what the command says): the loader's own sentences for store.yml's keys,
# named by the option that gave the value.
BAD_VALUES = [
    (
        ["--email", "nobody"],
        "--email: Expected an e-mail address like help@example.com but received 'nobody'. "
        "(email-address)",
    ),
    (
        ["--email", "help@other.test"],
        "--email: Expected an address at example.com (the store's website) but received "
        "'help@other.test'. (email-domain)",
    ),
    (
        ["--name", "x" * 81],
        "--name: Expected at most 80 characters but received 81 characters. (text-too-long)",
    ),
    (
        ["--website", "https://shop.test", "--email", "a@shop.test"],
        "--website: Expected a domain name in lower case like example.com (no https://, no "
        "slash) but received 'https://shop.test'. (website)",
    ),
]


@pytest.mark.parametrize(("options", "said"), BAD_VALUES, ids=[" ".join(o) for o, _ in BAD_VALUES])
def test_a_bad_store_value_gets_the_editor_s_sentence_and_nothing_is_written(
    tmp_path, options, said
):
    folder = tmp_path / "store"
    refused = helpcenter("new-store", folder, *options)
    assert (refused.returncode, refused.stderr) == (1, f"{said}\nNothing was written.\n")
    assert not folder.exists()


# (build day, the Christmas its season is for): the coverage is always the build
# day's year and the next, so the next Christmas Eve not yet over is in it.
BUILD_DAYS = [
    (date(2026, 1, 1), 2026),
    (date(2026, 11, 22), 2026),
    (date(2026, 12, 24), 2026),  # the deadlines are past, the season is not: no warning
    (date(2026, 12, 25), 2027),
    (date(2026, 12, 31), 2027),
    (date(2027, 7, 4), 2027),
]


@pytest.mark.parametrize(("day", "season_year"), BUILD_DAYS, ids=lambda d: str(d))
def test_the_template_s_dates_pass_on_any_build_day(day, season_year):
    files = store_files(StoreValues(), day, helpcenter_checkout())
    policy = checked_policy(files, day, "policy")  # raises on any problem, warnings too
    assert policy.calendar.coverage.words() == f"{day.year}-01-01 to {day.year + 1}-12-31"
    assert policy.holidays.seasons[0].deliver_by == date(season_year, 12, 24)


@pytest.mark.parametrize(
    "name", ["Patch&Pops", 'Say "hi"', "Back\\slash", "#1: yes", "NO", "Café", "😀 Shop"]
)
def test_a_store_name_is_read_back_exactly_as_given(tmp_path, name):
    path = tmp_path / "store.yml"
    path.write_text(f"name: {yaml_text(name)}\n", encoding="utf-8")
    assert read_document(path, "store.yml").data == {"name": name}


def test_a_name_on_two_lines_is_refused_as_the_loader_says(tmp_path):
    # "Two" is characters 1-3: the line break is character 4.
    refused = helpcenter("new-store", tmp_path / "store", "--name", "Two\nlines")
    assert (refused.returncode, refused.stderr) == (
        1,
        "--name: Expected text on one line without control characters but received a line "
        "break (U+000A) at character 4 of 'Two\\nlines'. (control-character)\n"
        "Nothing was written.\n",
    )


def test_the_new_stores_site_settings_are_this_projects():
    # The template's mkdocs.yml is its own file (its comments speak to a new store),
    # so this keeps it from drifting from the project's: every setting but the
    # store's own words and pages is the same, as MkDocs reads them.
    own = {"site_name", "site_description", "nav"}
    ours = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    template = yaml_load(
        (ROOT / "helpcenter" / "store_template" / "mkdocs.yml").read_text(encoding="utf-8")
    )
    assert {k: v for k, v in template.items() if k not in own} == {
        k: v for k, v in ours.items() if k not in own
    }


def _repository(folder: Path, remote: str | None) -> str:
    """A git repository with one commit (and an origin, if given); its commit."""
    folder.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for command in (
        ["init", "-q"],
        ["commit", "-q", "--allow-empty", "-m", "one"],
        *([["remote", "add", "origin", remote]] if remote else []),
    ):
        subprocess.run(["git", "-C", str(folder), *command], check=True, env=env)
    done = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("remote", "installed_from"),
    [
        # What the store's GitHub workflow can pip-install: the clone's origin at its commit.
        ("https://github.com/acme/helpcenter.git", "git+https://github.com/acme/helpcenter.git@"),
        ("git@github.com:acme/helpcenter.git", "git+https://github.com/acme/helpcenter.git@"),
        ("ssh://git@github.com/acme/helpcenter.git", "git+https://github.com/acme/helpcenter.git@"),
        # A token in the clone's address never reaches the store's committed file.
        (
            "https://user:tok3n@github.com:443/acme/helpcenter.git",
            "git+https://github.com/acme/helpcenter.git@",
        ),
        # Nothing to install from elsewhere: the checkout's folder (the comment says so).
        (None, None),
        ("/srv/mirrors/helpcenter", None),
    ],
)
def test_requirements_name_the_helpcenter_a_ci_can_install(tmp_path, remote, installed_from):
    checkout = tmp_path / "helpcenter"
    commit = _repository(checkout, remote)
    expected = (
        f"helpcenter @ {installed_from}{commit}"
        if installed_from
        else f"helpcenter @ {checkout.as_uri()}"
    )
    assert requirement_line(checkout) == expected


def test_a_folder_that_cannot_be_made_is_said_in_a_sentence(tmp_path, capsys):
    # A file where the store's parent folder should be: no store, no traceback.
    (tmp_path / "afile").write_text("x")
    target = tmp_path / "afile" / "store"
    assert cli_main(["new-store", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"helpcenter new-store could not write {target}: Not a directory")
    assert "internal error" not in err and "Traceback" not in err
