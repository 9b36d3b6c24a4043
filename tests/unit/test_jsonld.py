"""The policy as schema.org JSON-LD (helpcenter.jsonld, ``helpcenter jsonld``).

Values are read off both stores' policy/*.yml by hand (each table row says
where from); the types, properties and enumeration members used are checked
against the schema.org vocabulary (schemaorg_subset.json, read from the npm
package schema-dts, and against the package itself when node_modules has it).
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from datetime import date
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from schemaorg_vocabulary import PREFIX, SUBSET_FILE, read_vocabulary, subset

from calculators.policy import Policy
from calculators.values import Clock
from helpcenter import cli, jsonld
from helpcenter.load import load_policy
from helpcenter.pipeline import check, project_at, published_policy

ROOT = Path(__file__).resolve().parents[2]
STORES = {"jetoyusa": ROOT, "patch-and-pops": ROOT / "examples" / "patch-and-pops"}
SCHEMA_DTS = ROOT / "node_modules" / "schema-dts" / "dist" / "schema.d.ts"
# tests/conftest.py pins the build day: Sun Nov 22, 2026, Eastern Standard Time.
BUILD_DAY = date(2026, 11, 22)
USED_ENUMERATIONS = ("DayOfWeek", "FulfillmentTypeEnumeration", "MerchantReturnEnumeration")
USED_ENUMERATIONS += ("RefundTypeEnumeration", "ReturnFeesEnumeration")
USED_ENUMERATIONS += ("ReturnLabelSourceEnumeration", "ReturnMethodEnumeration")


def store_policy(name: str) -> Policy:
    return published_policy(project_at(STORES[name]))


def both_kinds(name: str) -> dict:
    return jsonld.store_data(store_policy(name), today=BUILD_DAY)


# -- the values, against the policy files ---------------------------------------------------

HOME = ["US", "PR", "GU", "VI", "AS", "MP"]  # destinations.yml: home_country, then domestic
# destinations.yml, restricted: whole countries, then Crimea's two ISO 3166-2 regions.
REGION = {"@type": "DefinedRegion"}
NOT_SHIPPED = [REGION | {"addressCountry": c} for c in ["CU", "IR", "KP", "SL", "PS", "SS", "MM"]]
NOT_SHIPPED += [REGION | {"addressCountry": "UA", "addressRegion": r} for r in ["43", "40"]]
# returns.yml, both stores: change_of_mind within 3 days, the customer pays.
CHANGE_OF_MIND = {
    "returnPolicyCategory": PREFIX + "MerchantReturnFiniteReturnWindow",
    "merchantReturnDays": 3,
    "returnMethod": PREFIX + "ReturnByMail",
    "customerRemorseReturnFees": PREFIX + "ReturnFeesCustomerResponsibility",
    "customerRemorseReturnLabelSource": PREFIX + "ReturnLabelCustomerResponsibility",
    "refundType": PREFIX + "FullRefund",
}
# problem_reports: JetoyUSA's store pays; Patch&Pops' customer is paid back, but sends it.
DEFECTS = {
    "jetoyusa": {"itemDefectReturnFees": PREFIX + "FreeReturn"},
    "patch-and-pops": {
        "itemDefectReturnFees": PREFIX + "FreeReturn",
        "itemDefectReturnLabelSource": PREFIX + "ReturnLabelCustomerResponsibility",
    },
}
POLICY = {"@type": "MerchantReturnPolicy", "applicableCountry": HOME}


@pytest.mark.parametrize("name", sorted(STORES))
def test_the_return_policy_is_the_policy_files(name):
    data = jsonld.store_data(store_policy(name), ("returns",), today=BUILD_DAY)
    assert "hasShippingService" not in data
    assert data["hasMerchantReturnPolicy"] == POLICY | CHANGE_OF_MIND | DEFECTS[name]


@pytest.mark.parametrize("name", sorted(STORES))
def test_a_store_taking_back_only_defects_permits_no_returns(name, tmp_path):
    # returns.yml without change_of_mind: no window (the 30 days to report a defect are
    # none), return method, refund or remorse fees; the defects' fees as before (DEFECTS).
    folder = shutil.copytree(project_at(STORES[name]).policy_dir, tmp_path / "policy")
    text = (folder / "returns.yml").read_text(encoding="utf-8")
    start, end = text.index("\nchange_of_mind:"), text.index("\nwarranty:")
    (folder / "returns.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    data = jsonld.store_data(load_policy(folder), ("returns",), today=BUILD_DAY)
    expected = POLICY | {"returnPolicyCategory": PREFIX + "MerchantReturnNotPermitted"}
    assert data["hasMerchantReturnPolicy"] == expected | DEFECTS[name]
    assert misfits(data, ["Organization"], "store") == []


WORKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
MON_TO_SAT = [PREFIX + day for day in WORKDAYS]
# (store, method label, handling days, transit days, [(from, to or None, fee)]) from
# fulfilment.yml (the stages' days summed), shipping.yml and calendar.yml (Mon-Sat weeks).
SHIPPING = [
    # JetoyUSA: processing 1-2 + production 2-3 = 3-5.
    ("jetoyusa", "Standard shipping", (3, 5), (4, 7), [(0, 58.99, 6.99), (59, None, 0)]),
    ("jetoyusa", "Expedited shipping", (3, 5), (2, 3), [(0, None, 16.99)]),
    # Patch&Pops: processing 1-2 + production 0-1 = 1-3.
    ("patch-and-pops", "Standard shipping", (1, 3), (7, 10), [(0, 58.99, 6.99), (59, None, 0)]),
    ("patch-and-pops", "Expedited shipping", (1, 3), (4, 7), [(0, None, 16.99)]),
]


def _days(low: int, high: int) -> dict:
    return {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitCode": "DAY"}


@pytest.mark.parametrize(("name", "label", "handling", "transit", "tiers"), SHIPPING)
def test_each_shipping_service_is_the_policy_files(name, label, handling, transit, tiers):
    data = jsonld.store_data(store_policy(name), ("shipping",), today=BUILD_DAY)
    assert "hasMerchantReturnPolicy" not in data
    services = {service["name"]: service for service in data["hasShippingService"]}
    assert sorted(services) == ["Expedited shipping", "Standard shipping"]
    conditions = []
    for low, high, fee in tiers:
        order_value = {"@type": "MonetaryAmount", "currency": "USD", "minValue": low}
        if high is not None:
            order_value["maxValue"] = high
        conditions.append(
            {
                "@type": "ShippingConditions",
                "shippingDestination": [REGION | {"addressCountry": c} for c in HOME],
                "orderValue": order_value,
                "shippingRate": {"@type": "MonetaryAmount", "value": fee, "currency": "USD"},
                "transitTime": {
                    "@type": "ServicePeriod",
                    "duration": _days(*transit),
                    "businessDays": MON_TO_SAT,
                },
            }
        )
    conditions.append(
        {"@type": "ShippingConditions", "shippingDestination": NOT_SHIPPED, "doesNotShip": True}
    )
    assert services[label] == {
        "@type": "ShippingService",
        "name": label,
        "fulfillmentType": PREFIX + "FulfillmentTypeDelivery",
        "handlingTime": {
            "@type": "ServicePeriod",
            "duration": _days(*handling),
            "businessDays": MON_TO_SAT,
            # calendar.yml: order_cutoff "24:00" (the end of the day), New York, EST.
            "cutoffTime": "23:59:59-05:00",
        },
        "shippingConditions": conditions,
    }


@pytest.mark.parametrize(
    ("cutoff", "zone", "day", "expected"),
    [
        ("14:00", "America/New_York", date(2026, 11, 22), "14:00:00-05:00"),  # EST
        ("14:00", "America/New_York", date(2026, 7, 1), "14:00:00-04:00"),  # EDT
        ("24:00", "America/New_York", date(2026, 11, 22), "23:59:59-05:00"),  # end of day
        ("00:00", "UTC", date(2026, 1, 1), "00:00:00+00:00"),
        ("09:30", "Asia/Kolkata", date(2026, 1, 1), "09:30:00+05:30"),  # IST, no DST
    ],
)
def test_the_cutoff_carries_the_zones_offset_on_the_day(cutoff, zone, day, expected):
    assert jsonld.cutoff_time(Clock.parse(cutoff), ZoneInfo(zone), day) == expected


@pytest.mark.parametrize(
    ("front_matter", "kinds"),
    [
        ({}, ()),
        ({"structured_data": "returns"}, ("returns",)),
        ({"structured_data": ["shipping", "returns"]}, ("shipping", "returns")),
        ({"structured_data": ["shipping", "shipping"]}, ("shipping",)),
    ],
)
def test_a_page_names_its_kinds_in_front_matter(front_matter, kinds):
    assert jsonld.page_kinds(front_matter) == kinds


@pytest.mark.parametrize("value", ["return", ["shipping", "refunds"], 3])
def test_an_unknown_kind_is_named_to_the_editor(value):
    with pytest.raises(jsonld.UnknownKind, match="Expected structured_data to be one of"):
        jsonld.page_kinds({"structured_data": value})


# -- inside <script> -----------------------------------------------------------------------

HOSTILE = [
    # (text in the data, how it must read between <script> and </script>)
    ("</script><script>alert(1)</script>", r"\u003c/script\u003e\u003cscript\u003ealert(1)"),
    ("<!-- a", r"\u003c!-- a"),
    ("Patch&Pops", r"Patch\u0026Pops"),
    ("line\u2028end\u2029", r"line\u2028end\u2029"),
    ('quote " and \\ back', r"quote \" and \\ back"),
]


@pytest.mark.parametrize(("text", "escaped"), HOSTILE)
def test_policy_text_cannot_leave_the_script_element(text, escaped):
    element = jsonld.script_element({"name": text})
    inside = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert escaped in inside
    assert not any(c in inside for c in "<>&\u2028\u2029")
    assert json.loads(inside) == {"name": text}


# -- the vocabulary ------------------------------------------------------------------------


def used_terms() -> dict[str, set[str]]:
    """Every (type, property) both stores' JSON-LD uses."""
    found: dict[str, set[str]] = defaultdict(set)

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            found[node["@type"]].update(k for k in node if not k.startswith("@"))
            for value in node.values():
                walk(value)

    for name in STORES:
        walk(both_kinds(name))
    return found


@cache
def vocabulary() -> dict:
    return json.loads(SUBSET_FILE.read_text(encoding="utf-8"))


# JSON values and the schema.org data types that take them (Text's subtype URL too).
LITERALS = {str: {"Text", "URL", "Time", "Date", "DateTime"}, bool: {"Boolean"}}
NUMBERS = {int: {"Number", "Integer"}, float: {"Number", "Float"}}


def misfits(node: object, ranges: list[str], where: str) -> list[str]:
    """Where ``node`` (a value, or a list of them) falls outside ``ranges``."""
    if isinstance(node, list):
        return [m for i, item in enumerate(node) for m in misfits(item, ranges, f"{where}[{i}]")]
    if isinstance(node, dict):
        kind = node["@type"]
        allowed = {*ranges, *(s for r in ranges for s in vocabulary()["subtypes"].get(r, []))}
        found = [] if kind in allowed else [f"{where}: a {kind} where {ranges} go"]
        properties = vocabulary()["types"].get(kind, {})
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if properties.get(key) is None:
                found.append(f"{where}.{key}: no property of {kind} in schema.org")
                continue
            found += misfits(value, properties[key], f"{where}.{key}")
        return found
    if isinstance(node, str) and node.startswith(PREFIX):
        member = node.removeprefix(PREFIX)
        if any(member in vocabulary()["enumerations"].get(r, []) for r in ranges):
            return []
        return [f"{where}: {member} is a member of none of {ranges}"]
    types = NUMBERS.get(type(node)) or LITERALS.get(type(node), set())
    return [] if types & set(ranges) else [f"{where}: {node!r} where {ranges} go"]


@pytest.mark.parametrize("name", sorted(STORES))
def test_every_type_property_and_member_is_schema_orgs(name):
    data = both_kinds(name)
    assert data["@context"] == "https://schema.org"
    assert misfits(data, ["Organization"], "store") == []


def _returns(**properties: object) -> dict:
    policy = {"@type": "MerchantReturnPolicy", **properties}
    return {"@type": "OnlineStore", "hasMerchantReturnPolicy": policy}


# The check itself finds each kind of mistake (a property, a member, a value, a type).
MISTAKES = [
    ({"@type": "OnlineStore", "returnDays": 3}, "store.returnDays: no property"),
    (
        _returns(returnMethod=PREFIX + "FreeReturn"),
        "store.hasMerchantReturnPolicy.returnMethod: FreeReturn is a member of none",
    ),
    (_returns(merchantReturnDays=2.5), "store.hasMerchantReturnPolicy.merchantReturnDays: 2.5"),
    (
        {"@type": "OnlineStore", "hasShippingService": {"@type": "MonetaryAmount"}},
        "store.hasShippingService: a MonetaryAmount where ['ShippingService'] go",
    ),
    ({"@type": "Product"}, "store: a Product where ['Organization'] go"),
]


@pytest.mark.parametrize(("data", "found"), MISTAKES)
def test_the_vocabulary_check_finds_each_kind_of_mistake(data, found):
    assert [m for m in misfits(data, ["Organization"], "store") if m.startswith(found)]


def test_the_subset_lists_every_term_used():
    used = used_terms()
    listed = {kind: set(props) for kind, props in vocabulary()["types"].items()}
    assert {kind: props - listed.get(kind, set()) for kind, props in used.items()} == {
        kind: set() for kind in used
    }


@pytest.mark.skipif(
    not SCHEMA_DTS.is_file(), reason="schema-dts is not in node_modules (npm ci installs it)"
)
def test_the_subset_is_the_vocabulary_of_schema_dts():
    found = read_vocabulary(SCHEMA_DTS.read_text(encoding="utf-8"))
    listed = {kind: list(props) for kind, props in vocabulary()["types"].items()}
    assert subset(found, listed, vocabulary()["enumerations"]) == vocabulary()


# -- helpcenter jsonld ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "arguments", "parts"),
    [
        ("jetoyusa", [], {"hasMerchantReturnPolicy", "hasShippingService"}),
        ("jetoyusa", ["--kind", "returns"], {"hasMerchantReturnPolicy"}),
        ("patch-and-pops", ["--kind", "shipping"], {"hasShippingService"}),
    ],
)
def test_the_command_prints_one_script_element_for_the_theme(name, arguments, parts, capsys):
    assert cli.main(["--project", str(STORES[name]), "jsonld", *arguments]) == 0
    run = capsys.readouterr()
    assert run.err == ""
    start, end = '<script type="application/ld+json">', "</script>\n"
    assert run.out.startswith(start) and run.out.endswith(end) and run.out.count("</script>") == 1
    data = json.loads(run.out.removeprefix(start).removesuffix(end))
    kinds = tuple(kind for kind in jsonld.KINDS if kind in " ".join(arguments)) or jsonld.KINDS
    assert data == jsonld.store_data(store_policy(name), kinds, today=BUILD_DAY)
    assert {key for key in data if key.startswith("has")} == parts


@pytest.mark.parametrize(
    ("page", "site_url", "link"),
    [  # an address as given; a path read from site_url (here from SITE_URL)
        ("https://help.petscustom.com/returns/", None, "https://help.petscustom.com/returns/"),
        ("/returns/", "https://help.petscustom.com/", "https://help.petscustom.com/returns/"),
        ("/help/returns/", "https://petscustom.com/", "https://petscustom.com/help/returns/"),
    ],
)
def test_the_command_prints_json_and_the_returns_page(page, site_url, link, capsys, monkeypatch):
    monkeypatch.setenv("SITE_URL", site_url or "http://127.0.0.1:8000/")
    project = ["--project", str(STORES["patch-and-pops"]), "jsonld", "--kind", "returns"]
    assert cli.main([*project, "--json", "--returns-page", page]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "Patch&Pops"  # store.yml, as typed: no script to protect here
    assert data["hasMerchantReturnPolicy"]["merchantReturnLink"] == link


# Neither an http(s) address with a host nor a path from "/" (a script, data, another
# scheme, a relative path, another host, spaces, no host): the command refuses them, and
# the library leaves them out (the build passes canonical addresses).
NOT_LINKS = ["javascript:alert(1)", "data:text/html,x", "ftp://a.example/", "returns/"]
NOT_LINKS += ["//evil.example/r/", "/re turns/", "https://a b/", "https://", " /returns/"]


@pytest.mark.parametrize("page", NOT_LINKS)
def test_the_command_refuses_a_returns_page_that_is_no_link(page, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--project", str(ROOT), "jsonld", "--returns-page", page])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "helpcenter jsonld: error: argument --returns-page: expected an http(s) address like "
        "https://help.example.com/returns/ or a path inside the help center like /returns/ "
        f"but received {page!r}"
    )
    assert "merchantReturnLink" not in jsonld.return_policy(store_policy("jetoyusa"), page)


def test_a_path_needs_the_public_site_url(capsys, monkeypatch):
    # mkdocs.yml's default, this computer's address: a link no shopper could follow.
    monkeypatch.delenv("SITE_URL", raising=False)
    assert cli.main(["--project", str(ROOT), "jsonld", "--returns-page", "/returns/"]) == 2
    assert capsys.readouterr() == (
        "",
        "helpcenter jsonld: expected site_url in mkdocs.yml (or SITE_URL) to be the help "
        "center's public address to read --returns-page /returns/ from, but it is "
        "http://127.0.0.1:8000/; set SITE_URL=https://help.example.com/ or give the page's "
        "full address.\n",
    )


def test_the_check_refuses_a_kind_there_is_none_of_at_its_line(tmp_path, copy_store):
    # The one check (helpcenter check, the build, the Markdown extension): docs/returns.md's
    # front matter has `structured_data: returns` on line 4 (three comment lines above).
    store = copy_store(ROOT, tmp_path)
    page = store / "docs" / "returns.md"
    text = page.read_text(encoding="utf-8")
    wrong = text.replace("structured_data: returns", "structured_data: [returns, refunds]")
    page.write_text(wrong, encoding="utf-8")
    assert [str(p) for p in check(project_at(store)).problems] == [
        f"{project_at(store).shown(page)}:4:1: [error] Expected structured_data to be one of "
        "returns, shipping (or a list of them) but received 'refunds'. (structured-data)"
    ]
