"""What calculators.web.answer does with inputs that are not a form's.

The worker hands the page's inputs over as JSON text. In Pyodide, parsing text
nested thousands of levels deep exhausts the JavaScript stack before Python's
RecursionError and kills the worker (found running the calculators in Node),
so such text must be refused before json.loads sees it.
"""

from __future__ import annotations

import json

import pytest

from calculators import web

NOT_A_FORM = "Please send the form again: its answers could not be read."


@pytest.mark.parametrize(
    "inputs_json",
    [
        "[" * 100_000,  # the text that killed the worker in Pyodide
        '{"method": ' + "[" * 9 + "]" * 9 + "}",  # 10 levels: one more than the limit of 8
        '{"method": "' + "x" * 100_000 + '"}',  # longer than any form sends
        "not json",
        "[]",  # JSON, but not an object of answers
    ],
)
def test_text_that_is_not_a_form_is_refused_in_words(workshop, inputs_json):
    reply = json.loads(web.answer(workshop, "delivery", inputs_json))
    assert reply == {"ok": False, "problems": [{"field": "inputs", "message": NOT_A_FORM}]}


@pytest.mark.parametrize(
    ("text", "deep"),
    [
        ("{}", False),
        ('{"a": [[[[[[[]]]]]]]}', False),  # 8 levels: the limit itself
        ('{"a": [[[[[[[[]]]]]]]]}', True),  # 9 levels
        ('{"a": "[[[[[[[[[[[[[[[["}', False),  # brackets inside a string do not nest
        ('{"a": "\\"[[[[[[[[[[[[[["}', False),  # nor after an escaped quote
    ],
)
def test_depth_counts_brackets_outside_strings(text, deep):
    assert web.too_deep(text) is deep
