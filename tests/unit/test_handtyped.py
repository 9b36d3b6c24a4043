"""Policy values typed into a page by hand are found, with their place and their key."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from helpcenter.handtyped import HandtypedFinder, handtyped_values
from helpcenter.pages import renderers
from helpcenter.pipeline import project_at, published_policy
from helpcenter.placeholders import render_page


def test_handtyped_values_are_found_outside_placeholders_and_code(workshop):
    page = (
        "Free over $59, write to help@workshop.test within 1-2 days.\n"
        "`$6.99` in code and {{ policy.store.name }} are fine; Test Workshop is not.\n"
        "```\n$16.99 in a fence is fine\n```\n"
    )
    # Columns counted on the lines above (line 2: the placeholder spans 21-43).
    assert [str(p) for p in handtyped_values(page, workshop, "docs/p.md")] == [
        # $59 is the tiers' edge and the derived threshold: named by the one a page can
        # quote (a list's item has no placeholder of its own).
        "docs/p.md:1:11: [error] '$59' is a policy value typed by hand; quote it with the "
        "placeholder {{ policy.shipping.free_shipping_from }} so it follows policy/. "
        "(handtyped-value)",
        "docs/p.md:1:25: [error] 'help@workshop.test' is a policy value typed by hand; quote it "
        "with the placeholder {{ policy.store.support_email }} so it follows policy/. "
        "(handtyped-value)",
        "docs/p.md:1:51: [error] '1-2' is a policy value typed by hand; quote it with the "
        "placeholder {{ policy.fulfilment.stages.processing.business_days }} so it follows "
        "policy/. (handtyped-value)",
        "docs/p.md:2:55: [error] 'Test Workshop' is a policy value typed by hand; quote it with "
        "the placeholder {{ policy.store.name }} so it follows policy/. (handtyped-value)",
    ]


# Words and values of the workshop's policy, run together in any order: lines where
# values touch, overlap ("$59" and "59-69") or appear more than once.
PIECES = ["$59", "$6.99", "1-2", "2 to 3", "help@workshop.test", "Test Workshop", " ", "x", "-"]


@settings(deadline=None, max_examples=50)  # making a finder walks the whole policy
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=8), max_size=4))
def test_one_finder_for_many_pages_finds_what_each_pattern_finds(workshop, lines):
    # The finder skips a line when the alternation of every pattern finds nothing
    # there; this checks it against trying each pattern on every line.
    finder = HandtypedFinder(workshop)
    page = "\n".join("".join(line) for line in lines)
    expected = sorted(
        (number, found.start() + 1, path)
        for number, line in enumerate(page.split("\n"), start=1)
        for pattern, path in finder.patterns
        for found in pattern.finditer(line)
    )
    found = [(p.line, p.column, _named_path(p.message)) for p in finder.find(page, "p.md")]
    assert sorted(found) == expected
    assert finder.find(page, "p.md") == handtyped_values(page, workshop, "p.md")


def _named_path(message: str) -> str:
    """The policy path a handtyped-value message names: its placeholder's, or the
    list item's it names when there is none."""
    found = re.search(r"\{\{ (policy\.\S+) \}\}|it is (policy\.[^,]+), an item", message)
    assert found, message
    return found[1] or found[2]


def test_every_suggested_placeholder_gives_the_value(workshop):
    # What the message tells the editor to type works: each placeholder it names
    # fills in (a list's item is pointed to a table instead).
    finder = HandtypedFinder(workshop)
    for _, path in finder.patterns:
        if "[" in path:
            continue
        filled = render_page(f"{{{{ {path} }}}}", workshop, "p.md", renderers())
        assert filled.strip(), path


def test_a_derived_value_from_a_method_is_found_too():
    # The main store's handling time is Fulfilment.handling_days(), a method (its
    # stages 1-2 and 2-3 business days, added: 3-5), which a page quotes as
    # {{ policy.fulfilment.handling_days }}; the check found only properties before.
    policy = published_policy(project_at(Path(__file__).resolve().parents[2]))
    assert [str(p) for p in handtyped_values("Made in 3-5 business days.\n", policy, "p.md")] == [
        "p.md:1:9: [error] '3-5' is a policy value typed by hand; quote it with the "
        "placeholder {{ policy.fulfilment.handling_days }} so it follows policy/. "
        "(handtyped-value)"
    ]
