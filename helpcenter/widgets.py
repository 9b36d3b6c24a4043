"""Calculator widgets: the HTML form a page shows, from the calculator's own declaration.

Each calculator declares its form (``calculators.forms``) from the policy;
this module only turns that declaration into markup, so no label, option or
default is typed twice. A widget is one block of raw HTML that Python-Markdown
passes through as it is: it starts at column 0 and has no blank line inside.

loader.js finds a widget by ``data-calculator``, reads each field by its
``data-kind`` (a "moment" leaves the page as the visitor's local time with its
UTC offset, "now" as the visitor's clock) and writes answers and problems into
it. Without JavaScript the form is plain markup and a ``<noscript>`` note says
whom to ask instead.

Every text and attribute value goes through ``html_text``: labels, options and
hints carry policy text (method labels, place names), and the braces are
encoded too, since the Markdown extension scans the page (this HTML included)
for placeholders again.
"""

from __future__ import annotations

from calculators.forms import Field, Form
from calculators.policy import Policy
from calculators.web import CALCULATORS
from helpcenter.escaping import html_text


def render_widget(name: str, policy: Policy) -> str:
    """The widget for calculator ``name``; KeyError for a name with no calculator."""
    try:
        calculator = CALCULATORS[name]
    except KeyError:
        raise KeyError(
            f"There is no calculator named {name!r}. Known: {', '.join(CALCULATORS)}."
        ) from None
    return widget_html(name, calculator.form(policy), policy.store.support_email)


def widget_html(name: str, form: Form, support_email: str) -> str:
    return "\n".join(
        [
            f"<div{attrs(class_='hc-calculator', data_calculator=name)}"
            f"{attrs(data_support_email=support_email)}>",
            # novalidate: the calculator's own messages (the same as in the CLI) say
            # what is wrong, not the browser's tooltips. The title names the form
            # for screen readers; the page's own heading already shows it.
            f"<form{attrs(class_='hc-calculator__form', aria_label=form.title)} novalidate>",
            *(field_html(name, field) for field in form.fields),
            '<p class="hc-calculator__actions">',
            f"<button{attrs(type='submit', class_='md-button md-button--primary')}>"
            f"{html_text(form.submit)}</button>",
            '<span class="hc-calculator__note" hidden></span>',
            "</p>",
            "</form>",
            '<div class="hc-calculator__status" role="status" aria-live="polite"></div>',
            noscript_html(support_email),
            "</div>",
        ]
    )


def noscript_html(support_email: str) -> str:
    link = f"<a{attrs(href=f'mailto:{support_email}')}>{html_text(support_email)}</a>"
    return (
        '<noscript><p class="hc-calculator__noscript">This calculator needs JavaScript. '
        f"Write to {link} with the details above, and we will work it out for you.</p></noscript>"
    )


# -- fields ---------------------------------------------------------------------------


def field_html(calculator: str, field: Field) -> str:
    if field.kind == "now":
        # The visitor's clock at the moment of asking, filled in by loader.js.
        return f'<input type="hidden"{attrs(name=field.name, data_kind="now")}>'
    control_id = field_id(calculator, field.name)
    render = _CONTROLS[field.kind]
    return "\n".join(
        [
            f"<div{attrs(class_='hc-field', data_field=field.name)}>",
            *render(field, control_id),
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


def choice_control(field: Field, control_id: str) -> list[str]:
    lines = [
        label_html(field, control_id),
        f"<select{attrs(id=control_id, name=field.name, data_kind=field.kind)}"
        f"{described_by(field, control_id)}>",
    ]
    if not field.default:
        # No preselected answer: an empty first choice, so "Please choose" is
        # the calculator's answer rather than whatever comes first (Afghanistan).
        lines.append('<option value="" selected>Choose one…</option>')
    for option in field.options:
        chosen = " selected" if option.value == field.default else ""
        lines.append(
            f"<option{attrs(value=option.value)}{chosen}>{html_text(option.label)}</option>"
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
    "choice": choice_control,
    "yesno": yesno_control,
}


def attrs(**values: str) -> str:
    """` name="value"` pairs, escaped; ``class_`` -> class, ``data_kind`` -> data-kind."""
    return "".join(
        f' {key.rstrip("_").replace("_", "-")}="{html_text(value)}"'
        for key, value in values.items()
    )
