"""The one door into the calculators for the browser worker and the CLI.

Everything crosses as JSON text: the worker passes the shopper's inputs as
data (never pasted into code), and gets back either an answer or the
problems with the inputs, each in words for the shopper.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from calculators import (
    change_cancel,
    delivery,
    destination,
    holiday_deadline,
    late_order,
    returns,
    shipping_cost,
)
from calculators.answers import plain_sentences
from calculators.forms import Form
from calculators.inputs import Answer, InputError, zone_name
from calculators.policy import Policy
from calculators.shape import read


@dataclass(frozen=True)
class Calculator:
    form: Callable[[Policy], Form]
    answer: Callable[[Policy, Mapping[str, object]], Answer]


CALCULATORS: dict[str, Calculator] = {
    "delivery": Calculator(delivery.form, delivery.answer),
    "shipping_cost": Calculator(shipping_cost.form, shipping_cost.answer),
    "change_cancel": Calculator(change_cancel.form, change_cancel.answer),
    "returns": Calculator(returns.form, returns.answer),
    "destination": Calculator(destination.form, destination.answer),
    "holiday_deadline": Calculator(holiday_deadline.form, holiday_deadline.answer),
    "late_order": Calculator(late_order.form, late_order.answer),
}


# A form's inputs are one flat object of short strings. Anything far longer or
# nested deeper is not a form: in Pyodide, json.loads of "[[[[..." exhausts the
# JavaScript stack (a fatal error that kills the worker) long before Python's
# RecursionError, so such text is refused before it is parsed.
MAX_INPUTS_CHARS = 100_000
MAX_INPUTS_DEPTH = 8
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def too_deep(text: str, limit: int = MAX_INPUTS_DEPTH) -> bool:
    """Whether JSON ``text`` nests arrays or objects more than ``limit`` levels deep
    (brackets inside strings do not count)."""
    depth = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


def read_policy(policy_json: str) -> Policy:
    """The policy as the build wrote it (already validated, holidays resolved)."""
    return read(Policy, json.loads(policy_json))


def answer(policy: Policy, calculator: str, inputs_json: str) -> str:
    """Run one calculator; the reply is JSON with ``ok`` and data or problems."""
    try:
        run = CALCULATORS[calculator].answer
    except KeyError:
        return _problems([("calculator", "There is no such calculator on this site.")])
    inputs = None
    if len(inputs_json) <= MAX_INPUTS_CHARS and not too_deep(inputs_json):
        try:
            inputs = json.loads(inputs_json)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes
            inputs = None
    if not isinstance(inputs, dict):
        # Only a page or a script that sends something else than its form gets here.
        return _problems([("inputs", "Please send the form again: its answers could not be read.")])
    try:
        result = run(policy, inputs)
    except InputError as error:
        return _problems([(p.field, p.message) for p in error.problems])
    return json.dumps(
        {
            "ok": True,
            "data": dict(result.data),
            "sentences": plain_sentences(result.sentences, zone_name(policy)),
        }
    )


def _problems(problems: list[tuple[str, str]]) -> str:
    return json.dumps({"ok": False, "problems": [{"field": f, "message": m} for f, m in problems]})


def reply_paragraphs(reply: dict) -> list[str]:
    """A parsed ``answer`` reply's sentences as plain words, one per paragraph (an
    e-mail part as its address: the terminal shows no links)."""
    return ["".join(part["text"] for part in sentence) for sentence in reply["sentences"]]


def reply_times(reply: dict) -> list[tuple[str, str]]:
    """Each date or moment of a parsed reply as (its ISO value, its words), in order."""
    return [
        (part.get("date") or part["datetime"], part["text"])
        for sentence in reply["sentences"]
        for part in sentence
        if "date" in part or "datetime" in part
    ]
