"""Calculator widgets: the HTML form a page shows, from the calculator's own declaration.

Each calculator declares its form (``calculators.forms``) from the policy;
this module only turns that declaration into markup, so no label, option or
default is typed twice. A widget is one block of raw HTML that Python-Markdown
passes through as it is: it starts at column 0 and has no blank line inside.

loader.js finds a widget by ``data-calculator``, reads each field by its
``data-kind`` (a "moment" leaves the page as the visitor's local time with its
UTC offset, "now" as the visitor's clock) and writes answers and problems into
it; combobox.js makes a ``<select data-combobox>`` searchable. Without
JavaScript nothing could answer the form, so combobox.css hides it (and its
button, until loader.js has wired it), and the widget shows instead one worked
example, answered at build time by the same calculator code (``example_html``),
with a ``<noscript>`` note saying whom to ask for one's own case.

Every text and attribute value goes through ``html_text``: labels, options and
hints carry policy text (method labels, place names), and the braces are
encoded too, since the Markdown extension scans the page (this HTML included)
for placeholders again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import NamedTuple

from calculators import web
from calculators.answers import moment_text
from calculators.forms import Field, Form
from calculators.inputs import zone_name
from calculators.policy import Policy
from calculators.text import short_date
from calculators.values import Money
from calculators.web import CALCULATORS
from helpcenter.escaping import html_text
from helpcenter.load import build_day


class Extras(NamedTuple):
    """Attributes the form declaration cannot carry yet (``calculators.forms`` has no
    place for them; asked of the lead): by field name, on the control; by option
    value, on the option."""

    controls: Mapping[str, str] = MappingProxyType({})
    options: Mapping[str, str] = MappingProxyType({})


NO_EXTRAS = Extras()


def render_widget(name: str, policy: Policy, today: date | None = None) -> str:
    """The widget for calculator ``name``; KeyError for a name with no calculator.

    ``today`` is the build day the worked example counts from (``example_html``).
    """
    try:
        calculator = CALCULATORS[name]
    except KeyError:
        raise KeyError(
            f"There is no calculator named {name!r}. Known: {', '.join(CALCULATORS)}."
        ) from None
    form = calculator.form(policy)
    extras = place_extras(policy) if name == "destination" else NO_EXTRAS
    example = example_html(name, form, policy, today)
    return widget_html(name, form, policy.store.support_email, extras, example)


def place_extras(policy: Policy) -> Extras:
    """The destination widget's searchable country list: each place's other names
    (``data-aliases``, a JSON list), and each region's country (``data-country``)."""
    destinations = policy.destinations
    others: dict[str, list[str]] = {}
    for alias in destinations.aliases:
        others.setdefault(alias.code, []).append(alias.name)
    options = {code: _aliases(others.get(code, [])) for code in destinations.country_names}
    for restriction in destinations.restricted:
        for region in restriction.regions:
            options[region.code] = attrs(data_country=restriction.country) + _aliases(
                others.get(region.code, [])
            )
    return Extras({"country": " data-combobox"}, options)


def _aliases(names: list[str]) -> str:
    # JSON, not a separator: a store's own place names may hold any character.
    return attrs(data_aliases=json.dumps(names, ensure_ascii=False)) if names else ""


def widget_html(
    name: str, form: Form, support_email: str, extras: Extras = NO_EXTRAS, example: str = ""
) -> str:
    return "\n".join(
        [
            f"<div{attrs(class_='hc-calculator', data_calculator=name)}"
            f"{attrs(data_support_email=support_email)}>",
            # novalidate: the calculator's own messages (the same as in the CLI) say
            # what is wrong, not the browser's tooltips. The title names the form
            # for screen readers; the page's own heading already shows it.
            f"<form{attrs(class_='hc-calculator__form', aria_label=form.title)} novalidate>",
            *(field_html(name, field, extras) for field in form.fields),
            '<p class="hc-calculator__actions">',
            f"<button{attrs(type='submit', class_='md-button md-button--primary')}>"
            f"{html_text(form.submit)}</button>",
            '<span class="hc-calculator__note" hidden></span>',
            "</p>",
            "</form>",
            '<div class="hc-calculator__status" role="status" aria-live="polite"></div>',
            noscript_html(support_email, bool(example)),
            *([example] if example else []),
            "</div>",
        ]
    )


def noscript_html(support_email: str, with_example: bool = False) -> str:
    link = f"<a{attrs(href=f'mailto:{support_email}')}>{html_text(support_email)}</a>"
    said = (
        "This calculator needs JavaScript, so here is an example of what it works out. "
        "For your own order, write"
        if with_example
        else "This calculator needs JavaScript. Write"
    )
    return (
        f'<noscript><p class="hc-calculator__noscript">{said} to {link} with its details, '
        "and we will work it out for you.</p></noscript>"
    )


# -- the worked example ---------------------------------------------------------------
#
# One question asked at build time, with the inputs a shopper would give, answered by
# calculators.web.answer (the browser's own door into the calculators). The example
# moment comes from the build day (helpcenter.load.build_day: today, or the day
# SOURCE_DATE_EPOCH names), so a rebuild of the same sources gives the same page, and
# the example stays near the days shoppers read it; the coverage alone would date it
# to its first day, months before. The published policy has already dropped the
# holiday seasons that are over by then.


def example_moment(policy: Policy, today: date) -> datetime:
    """10:00 AM, store time, on the first Monday after ``today`` (and after the first
    day of the coverage): an ordinary working morning, before the usual cut-offs."""
    day = max(today, policy.calendar.coverage.first_day - timedelta(days=1))
    day += timedelta(days=7 - day.weekday())  # Monday 0 .. Sunday 6: always ahead
    return datetime.combine(day, time(10), tzinfo=policy.calendar.time_zone.zone)


def example_inputs(name: str, form: Form, policy: Policy, at: datetime) -> dict[str, str]:
    """What the example asks: each field's default, or the example moment (and its
    day); "now" two hours later, so windows counted from the order are still open."""
    inputs: dict[str, str] = {}
    for item in form.fields:
        value = {
            "now": (at + timedelta(hours=2)).isoformat(),
            "moment": at.isoformat(),
            "date": item.default or at.date().isoformat(),
            "yesno": item.default or "no",
            "choice": item.default or (item.options[0].value if item.options else ""),
        }.get(item.kind, "")
        if value and not (item.optional and not item.default):
            inputs[item.name] = value
    if name == "delivery":
        inputs.pop("now", None)  # the countdown to a cut-off is about the shopper's clock
    if name == "shipping_cost":
        inputs["subtotal"] = example_subtotal(policy, inputs["method"]).dump()
    if name == "destination":
        inputs["country"] = example_country(policy)
    return inputs


def example_subtotal(policy: Policy, method: str) -> Money:
    """$10 below where the method ships free, so the answer says both the fee and how
    much more ships free; $50 where it never does."""
    fees = policy.shipping.methods[method].fees
    free = next((t for t in fees[1:] if t.fee.cents == 0), None)
    return Money(max(free.subtotal_from.cents - 1000, 0)) if free else Money(5000)


def example_country(policy: Policy) -> str:
    """A country some of whose regions are closed (the answer names them and the
    customs rule), else a closed country, else home."""
    restricted = policy.destinations.restricted
    chosen = next((r for r in restricted if r.regions), restricted[0] if restricted else None)
    return chosen.country if chosen else policy.destinations.home_country


def example_html(name: str, form: Form, policy: Policy, today: date | None = None) -> str:
    """The worked example, or "" where the calculator refuses it (a coverage that ends
    before the example's dates): the note then only names whom to ask."""
    at = example_moment(policy, today or build_day(policy.calendar.time_zone.zone))
    inputs = example_inputs(name, form, policy, at)
    reply = json.loads(web.answer(policy, name, json.dumps(inputs)))
    if not reply["ok"]:
        return ""
    asked = []
    for item in form.fields:
        if item.name in inputs:
            label = "Asked at" if item.kind == "now" else item.label
            shown = _input_words(item, inputs[item.name], policy)
            asked.append(f"<dt>{html_text(label)}</dt><dd>{shown}</dd>")
    return "\n".join(
        [
            '<div class="hc-calculator__example">',
            '<p class="hc-calculator__example-title">For example:</p>',
            '<dl class="hc-calculator__example-inputs">',
            *asked,
            "</dl>",
            *(f"<p>{''.join(_part_html(part) for part in s)}</p>" for s in reply["sentences"]),
            "</div>",
        ]
    )


def _input_words(item: Field, value: str, policy: Policy) -> str:
    """An example input as the shopper would read it; dates and moments as <time>."""
    if item.kind in ("moment", "now"):
        moment = datetime.fromisoformat(value)
        words = moment_text(moment, True, zone_name(policy))
        return _part_html({"datetime": moment.isoformat(timespec="minutes"), "text": words})
    if item.kind == "date":
        return _part_html({"date": value, "text": short_date(date.fromisoformat(value), True)})
    if item.kind == "choice":
        value = next((o.label for o in item.options if o.value == value), value)
    if item.kind == "money":
        value = str(Money.parse(value))
    return html_text(
        {"yes": "Yes", "no": "No"}.get(value, value) if item.kind == "yesno" else value
    )


def _part_html(part: Mapping[str, str]) -> str:
    """One part of an answer's sentence as loader.js shows it: a date or a moment
    as <time datetime>, an address as a mailto: link, the rest as text."""
    text = html_text(part["text"])
    when = part.get("date") or part.get("datetime")
    if when:
        return f"<time{attrs(datetime=when)}>{text}</time>"
    if "email" in part:
        return f"<a{attrs(href='mailto:' + part['email'])}>{text}</a>"
    return text


# -- fields ---------------------------------------------------------------------------


def field_html(calculator: str, field: Field, extras: Extras = NO_EXTRAS) -> str:
    if field.kind == "now":
        # The visitor's clock at the moment of asking, filled in by loader.js.
        return f'<input type="hidden"{attrs(name=field.name, data_kind="now")}>'
    control_id = field_id(calculator, field.name)
    if field.kind == "choice":
        control = choice_control(field, control_id, extras)
    else:
        control = _CONTROLS[field.kind](field, control_id)
    return "\n".join(
        [
            f"<div{attrs(class_='hc-field', data_field=field.name)}>",
            *control,
            *hint_html(field, control_id),
            f"<p{attrs(class_='hc-field__problem', id=f'{control_id}-problem')} hidden></p>",
            "</div>",
        ]
    )


def field_id(calculator: str, name: str) -> str:
    return f"hc-{calculator}-{name}".replace("_", "-")


def hint_html(field: Field, control_id: str) -> list[str]:
    if not field.hint:
        return []
    return [
        f"<p{attrs(class_='hc-field__hint', id=f'{control_id}-hint')}>{html_text(field.hint)}</p>"
    ]


def described_by(field: Field, control_id: str) -> str:
    return attrs(aria_describedby=f"{control_id}-hint") if field.hint else ""


def label_html(field: Field, control_id: str) -> str:
    optional = ' <span class="hc-field__optional">(optional)</span>' if field.optional else ""
    return f"<label{attrs(for_=control_id)}>{html_text(field.label)}{optional}</label>"


def input_control(field: Field, control_id: str, type_: str, **extra: str) -> list[str]:
    # A "moment" or "date" with no default is filled with the visitor's own
    # now/today by loader.js (unless optional: then empty means "not given").
    value = attrs(value=field.default) if field.default else ""
    return [
        label_html(field, control_id),
        f"<input{attrs(type=type_, id=control_id, name=field.name, data_kind=field.kind)}"
        f"{attrs(**extra)}{value}{described_by(field, control_id)}"
        f"{' data-optional' if field.optional else ''}>",
    ]


def moment_control(field: Field, control_id: str) -> list[str]:
    return input_control(field, control_id, "datetime-local")


def date_control(field: Field, control_id: str) -> list[str]:
    return input_control(field, control_id, "date")


def money_control(field: Field, control_id: str) -> list[str]:
    return input_control(field, control_id, "text", inputmode="decimal", autocomplete="off")


def choice_control(field: Field, control_id: str, extras: Extras = NO_EXTRAS) -> list[str]:
    lines = [
        label_html(field, control_id),
        f"<select{attrs(id=control_id, name=field.name, data_kind=field.kind)}"
        f"{extras.controls.get(field.name, '')}{described_by(field, control_id)}>",
    ]
    if not field.default and all(option.value for option in field.options):
        # No preselected answer: an empty first choice, so "Please choose" is
        # the calculator's answer rather than whatever comes first (Afghanistan).
        # A form that declares its own empty option ("Another region") has one.
        lines.append('<option value="" selected>Choose one…</option>')
    for option in field.options:
        chosen = " selected" if option.value == field.default else ""
        extra = extras.options.get(option.value, "")
        lines.append(
            f"<option{attrs(value=option.value)}{extra}{chosen}>{html_text(option.label)}</option>"
        )
    lines.append("</select>")
    return lines


def yesno_control(field: Field, control_id: str) -> list[str]:
    """Two radio buttons under a legend: a yes/no question read as one group."""
    lines = [
        f"<fieldset{attrs(class_='hc-field__choices', id=control_id)}"
        f"{described_by(field, control_id)}>",
        f"<legend>{html_text(field.label)}</legend>",
    ]
    for value, text in (("yes", "Yes"), ("no", "No")):
        checked = " checked" if value == field.default else ""
        option_id = f"{control_id}-{value}"
        lines.append(
            f"<label{attrs(for_=option_id)}><input"
            f"{attrs(type='radio', id=option_id, name=field.name, value=value, data_kind='yesno')}"
            f"{checked}> {text}</label>"
        )
    lines.append("</fieldset>")
    return lines


_CONTROLS = {
    "moment": moment_control,
    "date": date_control,
    "money": money_control,
    "yesno": yesno_control,
}


def attrs(**values: str) -> str:
    """` name="value"` pairs, escaped; ``class_`` -> class, ``data_kind`` -> data-kind."""
    return "".join(
        f' {key.rstrip("_").replace("_", "-")}="{html_text(value)}"'
        for key, value in values.items()
    )
