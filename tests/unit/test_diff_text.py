"""The words of ``helpcenter diff``'s report: values' names, changed page lines as
text, and the escaping that keeps them text in GitHub's Markdown (``gfm_text``).

Table-driven: each row's expected text is written out by hand from the rule it
shows; GitHub renders the report as CommonMark/GFM, and these render it with
Python-Markdown to check that no tag or link forms and the words read back whole.
"""

from __future__ import annotations

import html as html_module
import re

import markdown
import pytest

from helpcenter.diff_pages import line_text
from helpcenter.diff_report import gfm_text
from helpcenter.diff_values import value_name

# (a field's doc, the value's name): the doc up to its first ";", without a trailing
# example (", like …") or condition (", if any …"); calculators/*.py's docs.
VALUE_NAMES = [
    (
        "the tier ends below this subtotal; omit on the last tier",
        "the tier ends below this subtotal",
    ),
    ("returns without a defect; leave out if none", "returns without a defect"),
    (
        "the smallest subtotal that ships free, if any tier is free",
        "the smallest subtotal that ships free",
    ),
    ("the shipping-protection service, like Route", "the shipping-protection service"),
    ("the closed day, YYYY-MM-DD", "the closed day, YYYY-MM-DD"),  # a format, not advice
    (
        "places that ship as home (territories like PR)",
        "places that ship as home (territories like PR)",
    ),
]


@pytest.mark.parametrize(("doc", "name"), VALUE_NAMES)
def test_a_value_is_named_without_advice_to_editors(doc, name):
    assert value_name(doc) == name


# (a line of a page, as the report shows it): what Python-Markdown renders, as words.
PAGE_LINES = [
    ("- Your order ships 2–4 business days after", "Your order ships 2–4 business days after"),
    ("## Order cut-off {#counting-days}", "Order cut-off"),  # the id is attr_list's
    ("> **Note:** ships [soon](tracking.md#late)", "Note: ships soon"),
    ("6. Still missing? [Contact us](contact.md).", "Still missing? Contact us."),
    ("| Standard | 4&#8211;7 days | `$6.99` | a \\| b |", "Standard · 4–7 days · $6.99 · a | b"),
    ("| --- | :---: |", ""),  # the rule under a header has no words
    ("Orders of &#36;59 &#40;or more&#41; ship _free_", "Orders of $59 (or more) ship free"),
]


@pytest.mark.parametrize(("line", "text"), PAGE_LINES)
def test_a_changed_page_line_reads_as_text(line, text):
    assert line_text(line) == text


# (text, as GFM, whether it is a table cell): a backslash before markup only; "<" as
# "&lt;", "&" as "&amp;" only before "name;"/"#number;", a line break as a reference.
GFM_TEXTS = [
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>", False),
    ("[x](javascript:1)", "\\[x\\](javascript:1)", False),
    ("*a* and __b__", "\\*a\\* and \\_\\_b\\_\\_", False),
    ("~~gone~~", "\\~\\~gone\\~\\~", False),  # GFM's strikethrough
    ("`code`", "\\`code\\`", False),
    ("| pipe", "\\| pipe", True),
    ("| pipe", "| pipe", False),  # no table to split outside a cell
    ("# heading", "\\# heading", False),
    ("1. list, 2) not", "1\\. list, 2) not", False),  # only a marker at the start
    ("2026) a year", "2026\\) a year", False),
    ("- item", "\\- item", False),
    ("+ item", "\\+ item", False),
    ("---", "\\---", False),
    ("> quote, 5 > 3", "\\> quote, 5 > 3", False),
    ("&amp; & &#60; &x", "&amp;amp; & &amp;#60; &x", False),
    ("<https://a>", "&lt;https&#58;//a>", False),
    ("HTTP://a.b, (www.a.b) and xwww.a.b", "HTTP&#58;//a.b, (www&#46;a.b) and xwww.a.b", False),
    # a backslash before a letter stays; before "*" and at the end it is doubled
    ("a\\b \\* c\\", "a\\b \\\\\\* c\\\\", False),
    ("ordered_at, _a_", "ordered_at, \\_a\\_", False),
    (
        "the store's name (10:00 AM). It's 1.5 days",
        "the store's name (10:00 AM). It's 1.5 days",
        False,
    ),
    ("two\nlines", "two&#10;lines", False),
]


@pytest.mark.parametrize(("text", "gfm", "cell"), GFM_TEXTS)
def test_gfm_text_marks_only_what_would_be_markup(text, gfm, cell):
    assert gfm_text(text, table_cell=cell) == gfm
    if "~" in text:
        return  # Python-Markdown has no strikethrough and shows "\\~"; GFM reads it as "~"
    # Rendered (Python-Markdown, as a paragraph or a table's one cell): no element, no
    # link, and the words are the text's.
    source = f"| h |\n| --- |\n| {gfm} |" if cell else gfm
    rendered = markdown.markdown(source, extensions=["tables"])
    inner = re.fullmatch(r"(?s).*<td>(.*)</td>.*" if cell else r"<p>(.*)</p>", rendered)
    assert inner is not None and "<" not in inner[1]
    assert html_module.unescape(inner[1]) == text
