"""Policy values typed into a page by hand are found, with their place and their key."""

from __future__ import annotations

from helpcenter.handtyped import handtyped_values


def test_handtyped_values_are_found_outside_placeholders_and_code(workshop):
    page = (
        "Free over $59, write to help@workshop.test within 1-2 days.\n"
        "`$6.99` in code and {{ policy.store.name }} are fine; Test Workshop is not.\n"
        "```\n$16.99 in a fence is fine\n```\n"
    )
    # Columns counted on the lines above (line 2: the placeholder spans 21-43).
    assert [str(p) for p in handtyped_values(page, workshop, "docs/p.md")] == [
        "docs/p.md:1:11: [error] '$59' is a policy value typed by hand; quote it with a "
        "placeholder (it is policy.shipping.methods.standard.fees[0].subtotal_below) so it "
        "follows policy/. (handtyped-value)",
        "docs/p.md:1:25: [error] 'help@workshop.test' is a policy value typed by hand; quote it "
        "with a placeholder (it is policy.store.support_email) so it follows policy/. "
        "(handtyped-value)",
        "docs/p.md:1:51: [error] '1-2' is a policy value typed by hand; quote it with a "
        "placeholder (it is policy.fulfilment.stages.processing.business_days) so it follows "
        "policy/. (handtyped-value)",
        "docs/p.md:2:55: [error] 'Test Workshop' is a policy value typed by hand; quote it with a "
        "placeholder (it is policy.store.name) so it follows policy/. (handtyped-value)",
    ]
