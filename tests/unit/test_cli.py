"""The ``helpcenter`` command as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpcenter_command import helpcenter

from calculators import web
from helpcenter.cli import main

ROOT = Path(__file__).parent.parent.parent
WORKSHOP = Path(__file__).parent.parent / "fixtures" / "workshop"


def test_estimate_json():
    # Workshop: Sat Nov 28 is no handling day -> Mon Nov 30. Ship +3 (Mon-Fri): Dec 1, 2, 3;
    # +5: Dec 4, 7. Arrive Thu Dec 3 +4 (Mon-Sat): 4, 5, 7, 8; Mon Dec 7 +7: 8..12, 14, 15.
    run = helpcenter(
        "--project",
        str(WORKSHOP),
        "estimate",
        "--method",
        "standard",
        "--ordered-at",
        "2026-11-28T10:00-05:00",
        "--json",
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "order_day": "2026-11-30",
        "ship_earliest": "2026-12-03",
        "ship_latest": "2026-12-07",
        "arrive_earliest": "2026-12-08",
        "arrive_latest": "2026-12-15",
        "sale": None,  # Sat Nov 28 is after the Black Friday sale (Fri Nov 27 only)
    }


def test_estimate_text_reads_a_time_without_offset_in_the_store_zone():
    # 13:59 New York time on Tue Jun 2 is before the 14:00 cut-off (tests/unit/test_delivery.py).
    run = helpcenter(
        "--project",
        str(WORKSHOP),
        "estimate",
        "--method",
        "standard",
        "--ordered-at",
        "2026-06-02T13:59",
        "--now",
        "2026-06-02T13:59",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == (
        "Ships between Fri Jun 5 and Tue Jun 9, arrives between Wed Jun 10 and Wed Jun 17.\n"
        "Counted from Tue Jun 2, the first handling day your order counts from.\n"
        # --now, also store time: one minute before the 14:00 cut-off.
        "Order within 1 min (before 2:00 PM Eastern Time on Tue Jun 2) and your order counts "
        "from today.\n"
    )


def test_estimate_mistakes_are_sentences():
    run = helpcenter(
        "--project", str(WORKSHOP), "estimate", "--method", "overnight", "--ordered-at", "soon"
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr == (
        "--method: Please choose one of these: standard or expedited.\n"
        "--ordered-at: Please enter a date and time like 2026-11-28 10:00.\n"
    )


def test_amounts_follow_the_one_rule_and_another_convention_is_asked_about():
    # The same reader as the widget (calculators.inputs.read_amount), through calculators.web.
    asked = helpcenter(
        "--project", str(WORKSHOP), "shipping-cost", "--subtotal", "46,98", "--method", "standard"
    )
    assert (asked.returncode, asked.stdout) == (2, "")
    assert asked.stderr == "--subtotal: Did you mean $46.98? If so, please type 46.98.\n"
    # Grouped by thousands with a dot for the cents: $1,234.56, which ships free from $59.
    read = helpcenter(
        "--project",
        str(WORKSHOP),
        "shipping-cost",
        "--subtotal",
        "$1,234.56",
        "--method",
        "standard",
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout.splitlines()[0] == (
        "Standard is free on a subtotal of $1,234.56: $1,234.56 in all."
    )


def test_the_support_address_prints_as_text():
    # Ordered at 10:00, asked at 10:30: the free hour runs to 11:00 (test_change_cancel.py).
    run = helpcenter(
        "--project",
        str(WORKSHOP),
        "change-cancel",
        "--ordered-at",
        "2026-06-02T10:00",
        "--artwork-started",
        "no",
        "--shipped",
        "no",
        "--now",
        "2026-06-02T10:30",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == (
        "You can change your order (design or address) by writing to help@workshop.test until "
        "10:00 AM Eastern Time on Wed Jun 3, guaranteed; after that we try until it ships, but "
        "cannot promise."
    )


def test_check_passes_on_the_store():
    run = helpcenter("check")
    assert (run.returncode, run.stdout) == (0, "Policy and pages are fine.\n"), run.stdout


def test_check_lists_policy_and_page_problems(tmp_path, copy_store):
    copy_store(ROOT, tmp_path)
    store = tmp_path / "policy" / "store.yml"
    store.write_text(
        store.read_text().replace(
            "support_reply_business_days: 1", "support_reply_business_days: one"
        )
    )
    run = helpcenter("--project", str(tmp_path), "check")
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        f"{tmp_path.as_posix()}/policy/store.yml:14:30: [error] support_reply_business_days: "
        "Expected a whole number but received 'one'. (wrong-type)"
    ]
    assert run.stderr == "1 error found.\n"


@pytest.mark.parametrize(
    "command", [["check"], ["estimate", "--method", "standard", "--ordered-at", "2026-11-28T10:00"]]
)
def test_no_traceback_when_the_policy_folder_is_missing(tmp_path, command):
    run = helpcenter("--project", str(tmp_path), *command)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert (
        f"{tmp_path.as_posix()}/policy:1:1: [error] Expected a folder of policy files at "
        f"{tmp_path.as_posix()}/policy but found none (a store's folder holds policy/ and "
        "docs/: run this there, or give --project). (missing-file)"
    ) in (run.stdout + run.stderr)


def test_a_calculators_help_outside_a_store_says_why_it_has_no_options(tmp_path):
    # The options (shipping methods ...) come from the policy: with none to read,
    # --help says so and why, instead of listing no options with exit 0.
    run = helpcenter("--project", str(tmp_path), "estimate", "--help")
    assert run.returncode == 1
    assert run.stderr.startswith(
        "helpcenter estimate: this command's options come from the policy, which does not "
        f"load:\n{tmp_path.as_posix()}/policy:1:1: [error] Expected a folder of policy files"
    )


def test_a_holiday_season_that_is_over_warns_and_fails_only_strict(tmp_path, copy_store):
    # Jan 5, 2027: the workshop's Christmas 2026 season (deliver by Dec 24) is over. It is
    # left out of the pages, so it fails no build; --strict (as mkdocs build --strict) does.
    copy_store(WORKSHOP, tmp_path)
    (tmp_path / "docs").mkdir()
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(int(datetime(2027, 1, 5, 12, tzinfo=UTC).timestamp())),
    }
    # Line and column of the date in tests/fixtures/workshop/policy/holidays.yml.
    warning = (
        f"{tmp_path.as_posix()}/policy/holidays.yml:5:17: [warning] seasons[0].deliver_by: "
        "Christmas was delivered by 2026-12-24, before today (2027-01-05): the pages leave "
        "this season out. Set this year's dates or remove it. (stale-season)"
    )
    for strict, code in (([], 0), (["--strict"], 1)):
        run = helpcenter("--project", tmp_path, "check", *strict, env=env)
        assert run.returncode == code
        assert run.stdout.splitlines()[0] == warning
        assert run.stderr == "1 warning found.\n"


# One case per calculator: CLI options -> the same inputs as JSON. Each calculator's own
# tests derive its answers by hand; this proves the CLI adds nothing and loses nothing.
CALCULATOR_CASES = [
    (
        "estimate",
        "delivery",
        {
            "method": "standard",
            "ordered_at": "2026-06-02T10:00:00-04:00",
            "now": "2026-06-02T09:00:00-04:00",
        },
    ),
    ("shipping-cost", "shipping_cost", {"subtotal": "46.99", "method": "standard"}),
    (
        "change-cancel",
        "change_cancel",
        {
            "ordered_at": "2026-06-02T10:00:00-04:00",
            "artwork_started": "no",
            "shipped": "no",
            "now": "2026-06-02T10:30:00-04:00",
        },
    ),
    (
        "returns",
        "returns",
        {
            "delivered_on": "2026-06-01",
            "item": "standard",
            "reason": "changed_mind",
            "as_new": "yes",
            "now": "2026-06-03T12:00:00-04:00",
        },
    ),
    ("destination", "destination", {"country": "UA", "region": "UA-43"}),
    (
        "holiday-deadline",
        "holiday_deadline",
        {"deliver_by": "2026-12-24", "method": "expedited", "now": "2026-11-22T12:00:00-05:00"},
    ),
    (
        "late-order",
        "late_order",
        {
            "ordered_at": "2026-11-10T10:00:00-05:00",
            "method": "standard",
            "status": "shipped",
            "last_update": "2026-11-16T09:00:00-05:00",
            "now": "2026-11-22T10:00:00-05:00",
        },
    ),
]


@pytest.mark.parametrize(
    ("command", "name", "inputs"), CALCULATOR_CASES, ids=[c[0] for c in CALCULATOR_CASES]
)
def test_every_calculator_answers_the_same_from_the_cli(workshop, command, name, inputs):
    options = [
        part for key, value in inputs.items() for part in (f"--{key.replace('_', '-')}", value)
    ]
    run = helpcenter("--project", str(WORKSHOP), command, *options, "--json")
    assert run.returncode == 0, run.stderr
    expected = json.loads(web.answer(workshop, name, json.dumps(inputs)))
    assert expected["ok"]
    assert json.loads(run.stdout) == expected["data"]


def test_runtime_writes_the_browser_runtime_into_a_built_site(tmp_path):
    run = helpcenter("runtime", "--site-dir", str(tmp_path))
    assert run.returncode == 0, run.stderr
    runtime = tmp_path / "assets" / "helpcenter"
    manifest = json.loads((runtime / "runtime.json").read_text())
    # Pyodide's own boot files, each with its precompressed twins; its whole
    # python_stdlib.zip is replaced by the trimmed one the manifest names.
    boot_files = ["pyodide-lock.json", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs"]
    assert sorted(p.name for p in (runtime / manifest["pyodide_index"]).iterdir()) == sorted(
        f"{name}{twin}" for name in boot_files for twin in ("", ".br", ".gz")
    )
    assert manifest["stdlib"].startswith("python_stdlib-")
    assert (runtime / manifest["stdlib"]).is_file()
    assert (runtime / manifest["policy"]).is_file()


def test_a_reader_that_stops_reading_is_no_error(tmp_path, monkeypatch, capsys):
    # `helpcenter schema | head -1`: head leaves after one line, and the next line
    # written meets a closed pipe. A real pipe whose reading end is closed; line
    # buffered, so the first line already meets it.
    read_end, write_end = os.pipe()
    os.close(read_end)
    with open(write_end, "w", buffering=1, encoding="utf-8") as closed_pipe:
        monkeypatch.setattr(sys, "stdout", closed_pipe)
        assert main(["schema", "--out", str(tmp_path)]) == 0
        monkeypatch.undo()
    assert capsys.readouterr().err == ""  # no "internal error", no traceback


def test_without_pyodide_the_check_says_to_run_npm_ci_here(tmp_path, copy_store):
    # The store's own folder, run from it: "in this folder", not "in .".
    copy_store(WORKSHOP, tmp_path)
    (tmp_path / "node_modules").unlink()
    run = helpcenter("check", cwd=tmp_path)
    assert run.returncode == 1
    assert (
        "package-lock.json:1:1: [error] The Pyodide runtime is not installed "
        "(node_modules/pyodide/package.json is missing). Run `npm ci` in this folder and "
        "build again. (runtime-files)"
    ) in run.stdout
