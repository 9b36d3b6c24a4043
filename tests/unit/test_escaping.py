"""Policy text reaches pages as text: never HTML, Markdown syntax or a placeholder.

The expectations below are derived by hand from the rule in
helpcenter/escaping.py, not copied from its output: every character other than
a letter, a digit, the space and the safe punctuation , . - + @ % / : ; ? $ is
written &#<decimal code point>; with the codes read off an ASCII table
(! 33, " 34, # 35, & 38, ' 39, ( 40, ) 41, * 42, + 43, - 45, . 46, : 58, < 60,
= 61, > 62, [ 91, \\ 92, ] 93, ^ 94, _ 95, ` 96, { 123, | 124, } 125, ~ 126;
tab 9, line feed 10, carriage return 13); a space at either end is &#32;; and
a value's first character, or its first after leading digits when that is a
".", is encoded when it could open a block (- + . : ?).
"""

from __future__ import annotations

import dataclasses
import string
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.forms import Field, Option
from calculators.web import CALCULATORS
from helpcenter.escaping import html_text, markdown_text
from helpcenter.tables import TABLES
from helpcenter.widgets import hint_html, label_html, render_widget, yesno_control

# The extensions both stores' mkdocs.yml list (besides the placeholders' own).
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]

# -- the escaper ----------------------------------------------------------------------

MARKDOWN_CASES = [
    ("plain words stay", "Ships in 3 days", "Ships in 3 days"),
    ("safe punctuation stays", "a, b. c-d e+f @g %h /i j:k ;l ?m $5", None),
    ("non-ASCII stays", "Café – 1–2 days, “quoted”", None),
    ("a dash and digits inside", "T-shirt 2-3 2026-12-25", None),
    ("a script", "<script>alert(1)</script>", "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;"),
    (
        "an attribute",
        '<img src=x onerror="a()">',
        "&#60;img src&#61;x onerror&#61;&#34;a&#40;&#41;&#34;&#62;",
    ),
    ("a link", "[x](javascript:alert(1))", "&#91;x&#93;&#40;javascript:alert&#40;1&#41;&#41;"),
    ("an image", "![x](y)", "&#33;&#91;x&#93;&#40;y&#41;"),
    ("a placeholder", "{{ policy.store.name }}", "&#123;&#123; policy.store.name &#125;&#125;"),
    (
        "emphasis, code, strike, caret",
        "*a* _b_ `c` ~d~ ^e^",
        "&#42;a&#42; &#95;b&#95; &#96;c&#96; &#126;d&#126; &#94;e&#94;",
    ),
    ("a backslash", "a\\b", "a&#92;b"),
    ("an entity", "&amp; &#60;", "&#38;amp; &#38;&#35;60;"),
    ("quotes", 'Mother\'s "Day"', "Mother&#39;s &#34;Day&#34;"),
    ("a cell border", "a|b", "a&#124;b"),
    ("an attribute list", "x {: .y }", "x &#123;: .y &#125;"),
    ("a heading", "# Title", "&#35; Title"),
    ("a quote", "> quote", "&#62; quote"),
    ("an admonition", "!!! note", "&#33;&#33;&#33; note"),
    ("a bullet", "- item", "&#45; item"),
    ("a plus bullet", "+ item", "&#43; item"),
    ("a numbered item", "1. item", "1&#46; item"),
    ("a numbered item with many digits", "2026. item", "2026&#46; item"),
    ("a number with a decimal point", "1.5 kg", "1&#46;5 kg"),
    ("a rule", "---", "&#45;--"),
    ("a heading underline", "===", "&#61;&#61;&#61;"),
    ("a definition", ": term", "&#58; term"),
    ("a collapsible block", "??? note", "&#63;?? note"),
    ("a leading period", ". after 1", "&#46; after 1"),
    ("indentation", "    code", "&#32;&#32;&#32;&#32;code"),
    ("a trailing line break", "line  ", "line&#32;&#32;"),
    ("a line end", "a\n# b", "a&#10;&#35; b"),
    ("a blank line", "a\n\nb", "a&#10;&#10;b"),
    ("a tab and a carriage return", "a\tb\r", "a&#9;b&#13;"),
    ("Markdown's own stash markers", "a\x02b\x03", "a&#2;b&#3;"),
    ("other whitespace", "a\u2028b\u00a0", "a&#8232;b&#160;"),
    ("nothing", "", ""),
]


@pytest.mark.parametrize(
    ("case", "text", "expected"), MARKDOWN_CASES, ids=[c[0] for c in MARKDOWN_CASES]
)
def test_markdown_text(case, text, expected):
    assert markdown_text(text) == (text if expected is None else expected)


class Address(str):
    """Like calculators.values.EmailAddress: a type whose parse allows no syntax."""

    MARKDOWN_SAFE = True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (Address("help+orders@shop.example"), "help+orders@shop.example"),
        (Address("first_last@shop.example"), "first_last@shop.example"),
        (Address("shop-example.com"), "shop-example.com"),
        # A wrong declaration is escaped anyway: an underscore that starts emphasis ...
        (Address("a._b_@shop.example"), "a.&#95;b&#95;@shop.example"),
        # ... or a tag.
        (Address("<b>@shop.example"), "&#60;b&#62;@shop.example"),
        # Without the declaration, the rule for all text.
        ("first_last@shop.example", "first&#95;last@shop.example"),
    ],
)
def test_addresses_declared_safe_stay_as_written(text, expected):
    assert markdown_text(text) == expected


HTML_CASES = [
    # html.escape's own references (&#x27; for '), and the braces and line ends as above.
    (
        "tags, quotes and ampersands",
        '<b class="x">it\'s & co</b>',
        "&lt;b class=&quot;x&quot;&gt;it&#x27;s &amp; co&lt;/b&gt;",
    ),
    ("a placeholder", "{{ policy.store.name }}", "&#123;&#123; policy.store.name &#125;&#125;"),
    ("a blank line", "a\n\nb\r", "a&#10;&#10;b&#13;"),
    ("Markdown is not HTML's concern", "*a* [b](c) # d", "*a* [b](c) # d"),
]


@pytest.mark.parametrize(("case", "text", "expected"), HTML_CASES, ids=[c[0] for c in HTML_CASES])
def test_html_text(case, text, expected):
    assert html_text(text) == expected


# -- any text renders as itself -------------------------------------------------------


class Rendered(HTMLParser):
    """The elements and the text content of an HTML fragment."""

    VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.texts: list[str] = []
        self._open: list[tuple[str, list[str]]] = []
        self.inside: dict[str, list[str]] = {}  # each element's own text, by tag
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self._open.append((tag, []))

    def handle_endtag(self, tag):
        opened, texts = self._open.pop()
        assert opened == tag, f"<{opened}> closed by </{tag}>"
        self.inside.setdefault(tag, []).append("".join(texts))

    def handle_data(self, data):
        self.texts.append(data)
        if self._open:
            self._open[-1][1].append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)


# Any character a YAML file can hold: no surrogates, and of the control
# characters only tab, line feed and carriage return (the others are encoded
# too, see above, but html.parser drops their references, as browsers may);
# and, since random Unicode seldom spells syntax, text made mostly of it.
MARKDOWN_SYNTAX = string.punctuation + "    \t\n\r1a"
POLICY_TEXT = st.one_of(
    st.text(
        st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"), max_size=60
    ),
    st.text(st.sampled_from(MARKDOWN_SYNTAX), max_size=60),
)


@given(POLICY_TEXT)
def test_any_text_renders_as_itself_in_one_paragraph(text):
    html = markdown.markdown(markdown_text(text), extensions=EXTENSIONS)
    rendered = Rendered(html)
    assert rendered.tags == (["p"] if text else [])
    assert rendered.text == text


@given(POLICY_TEXT.filter(bool))
def test_any_text_stays_in_its_place(text):
    """Where tables and pages put values: after a paragraph's line (a heading
    underline would take it), as a list item, as a cell, in a heading."""
    escaped = markdown_text(text)
    after_a_line = Rendered(markdown.markdown(f"Before\n{escaped}", extensions=EXTENSIONS))
    assert (after_a_line.tags, after_a_line.text) == (["p"], f"Before\n{text}")
    items = Rendered(markdown.markdown(f"- {escaped}\n- b", extensions=EXTENSIONS))
    assert (items.tags, items.inside["li"]) == (["ul", "li", "li"], [text, "b"])
    table = f"| a | b |\n| --- | --- |\n| {escaped} | x |"
    cells = Rendered(markdown.markdown(table, extensions=EXTENSIONS))
    assert cells.tags == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
    assert cells.inside["td"] == [text, "x"]
    heading = Rendered(markdown.markdown(f"### {escaped} deadlines", extensions=EXTENSIONS))
    assert (heading.tags, heading.text) == (["h3"], f"{text} deadlines")


# -- every table, with a hostile value in each policy text it shows --------------------

HOSTILE = "<i>x</i> | [a](javascript:b) {{c}}"
# By hand: < &#60;, > &#62;, | &#124;, [ &#91;, ] &#93;, ( &#40;, ) &#41;,
# { &#123;, } &#125;; ":" and "/" are safe.
ESCAPED = (
    "&#60;i&#62;x&#60;/i&#62; &#124; &#91;a&#93;&#40;javascript:b&#41; &#123;&#123;c&#125;&#125;"
)
# The hostile texts of a list, as the bullet list writes them.
LIST_ITEMS = (HOSTILE, "1. numbered", "# heading", "- nested", "    indented")
LIST_LINES = [
    f"- {ESCAPED}",
    "- 1&#46; numbered",
    "- &#35; heading",
    "- &#45; nested",
    "- &#32;&#32;&#32;&#32;indented",
]


def _with(policy, path: str, **changes):
    """The policy with the record at ``path`` (dotted) replaced by a changed copy."""
    names = path.split(".")
    records = [policy]
    for name in names:
        records.append(getattr(records[-1], name))
    changed = dataclasses.replace(records[-1], **changes)
    for record, name in zip(reversed(records[:-1]), reversed(names), strict=True):
        changed = dataclasses.replace(record, **{name: changed})
    return changed


def _replace_in(mapping, key, **changes):
    return {**mapping, key: dataclasses.replace(mapping[key], **changes)}


def hostile_stages(policy):
    stages = _replace_in(policy.fulfilment.stages, "processing", label=HOSTILE, summary=HOSTILE)
    return _with(policy, "fulfilment", stages=stages)


def hostile_methods(policy):
    return _with(
        policy, "shipping", methods=_replace_in(policy.shipping.methods, "standard", label=HOSTILE)
    )


def hostile_closures(policy):
    # The last closure: the table lists closures from the build day on.
    *earlier, last = policy.calendar.closures
    closures = (*earlier, dataclasses.replace(last, name=HOSTILE, source=HOSTILE))
    return _with(policy, "calendar", closures=closures)


def hostile_return_routes(policy):
    policy = _with(policy, "returns.problem_reports", remedies=(HOSTILE,))
    return _with(policy, "returns.change_of_mind", conditions=(HOSTILE, HOSTILE))


def hostile_restricted(policy):
    cuba, *others, crimea = policy.destinations.restricted
    regions = (dataclasses.replace(crimea.regions[0], name=HOSTILE), *crimea.regions[1:])
    restricted = (
        dataclasses.replace(cuba, name=HOSTILE),
        *others,
        dataclasses.replace(crimea, regions=regions),
    )
    return _with(policy, "destinations", restricted=restricted, country_names={"UA": HOSTILE})


def hostile_holiday_deadlines(policy):
    policy = hostile_methods(policy)
    season = dataclasses.replace(policy.holidays.seasons[0], name=HOSTILE)
    return _with(policy, "holidays", seasons=(season,))


# (table, hostile policy, the lines that show the hostile value, by line index).
# The other cells are the workshop's own, as in test_tables.py.
HOSTILE_TABLES = {
    "stages": (hostile_stages, {2: f"| {ESCAPED} | 1–2 business days | {ESCAPED} |"}),
    "methods": (
        hostile_methods,
        {2: f"| {ESCAPED} | 4–7 carrier days | $6.99 below $59; free from $59 |"},
    ),
    "closures": (
        hostile_closures,
        {
            3: f"| Friday, December 25, 2026 | {ESCAPED} &#40;{ESCAPED}&#41; "
            "| our workshop, the carrier and customer support |"
        },
    ),
    "defects": (
        lambda policy: _with(policy, "returns", defects=LIST_ITEMS),
        dict(enumerate(LIST_LINES)),
    ),
    "return_routes": (
        hostile_return_routes,
        {
            2: f"| Defective, damaged or wrong item | 30 days of delivery | — | paid by us | "
            f"{ESCAPED} |",
            3: f"| Change of mind &#40;standard, non-custom items&#41; | 3 days of delivery | "
            f"{ESCAPED} and {ESCAPED} | paid by you | "
            "a refund of the item&#39;s price, not of the shipping cost |",
        },
    ),
    "restricted": (
        hostile_restricted,
        {
            2: f"| {ESCAPED} | the whole country | CU |",
            9: f"| Crimea | {ESCAPED} and Sevastopol, in {ESCAPED} | UA-43, UA-40 |",
        },
    ),
    "holiday_deadlines": (
        hostile_holiday_deadlines,
        {
            0: f"### {ESCAPED} deadlines",
            4: f"| {ESCAPED} | Tuesday, December 8, 2026 | Thursday, December 24, 2026 |",
        },
    ),
    "payment_methods": (
        lambda policy: _with(policy, "payments", methods=LIST_ITEMS),
        dict(enumerate(LIST_LINES)),
    ),
}
# Words and numbers of the code only: no policy text to escape.
WITHOUT_POLICY_TEXT = {"order_changes", "when_to_contact"}


@pytest.mark.parametrize("name", sorted(HOSTILE_TABLES))
def test_hostile_values_in_tables_are_text(workshop, name):
    hostile, expected = HOSTILE_TABLES[name]
    lines = TABLES[name](hostile(workshop)).split("\n")
    assert {index: lines[index] for index in expected} == expected
    # And nothing but the table (or list) comes out of it.
    rendered = Rendered(markdown.markdown("\n".join(lines), extensions=EXTENSIONS))
    assert not {"i", "a", "script", "img"} & set(rendered.tags)
    assert HOSTILE in rendered.text


def test_every_table_is_covered():
    assert sorted(TABLES) == sorted({*HOSTILE_TABLES, *WITHOUT_POLICY_TEXT})


# -- widgets ---------------------------------------------------------------------------

# html.escape by hand, then the braces: < &lt;, > &gt;; the rest stays.
HTML_ESCAPED = "&lt;i&gt;x&lt;/i&gt; | [a](javascript:b) &#123;&#123;c&#125;&#125;"


def test_widget_labels_and_hints_are_text():
    field = Field("size", HOSTILE, "choice", hint=HOSTILE, options=(Option("a", HOSTILE),))
    assert label_html(field, "hc-x-size") == f'<label for="hc-x-size">{HTML_ESCAPED}</label>'
    assert hint_html(field, "hc-x-size") == [
        f'<p class="hc-field__hint" id="hc-x-size-hint">{HTML_ESCAPED}</p>'
    ]
    assert yesno_control(field, "hc-x-size")[1] == f"<legend>{HTML_ESCAPED}</legend>"


def hostile_everywhere(policy):
    """Every policy text a calculator's form may show: method labels, places,
    stages, the season's name."""
    return hostile_holiday_deadlines(hostile_restricted(hostile_stages(policy)))


# Forms that ask in the code's own words only (no method, place or stage to choose).
WIDGETS_WITHOUT_POLICY_TEXT = {"change_cancel", "returns"}


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_widgets_show_hostile_policy_text_as_text(workshop, name):
    widget = render_widget(name, hostile_everywhere(workshop))
    rendered = Rendered(widget)
    assert not {"i", "script", "img"} & set(rendered.tags)
    assert (HOSTILE in rendered.text) == (name not in WIDGETS_WITHOUT_POLICY_TEXT)
    assert "{{" not in widget and "}}" not in widget
    # Python-Markdown passes the widget through as one block of raw HTML.
    page = markdown.markdown(f"Before\n\n{widget}\n\nAfter", extensions=EXTENSIONS)
    assert widget in page


def test_a_hostile_season_name_is_one_heading(workshop):
    # A line end in the name would start a new block under the heading.
    season = dataclasses.replace(workshop.holidays.seasons[0], name="# Sale\n\n---")
    policy = _with(workshop, "holidays", seasons=(season,))
    first = TABLES["holiday_deadlines"](policy).split("\n")[0]
    assert first == "### &#35; Sale&#10;&#10;--- deadlines"
