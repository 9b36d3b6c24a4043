"""What a calculator says when its answer would need a day outside ``calendar.coverage``.

The form reader already refuses inputs outside the coverage
(``calculators.inputs``). An answer can still run past ``last_day`` from a
day inside it: an order on Dec 22 that ships after New Year. The business-day
calendar raises ``OutsideCoverageError`` then (``calculators.calendar``), and
``answers_within_coverage`` turns it into one plain sentence with the support
address (a link on the page), as the answers give it elsewhere, instead of a traceback or a date
counted on an unknown calendar.

Only business-day counts need the coverage: calendar-day windows (returns) and
hour windows (changes, cancellation) are the same in any year, so those
answers may name a later day.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from calculators.answers import EmailPart, Sentence
from calculators.calendar import OutsideCoverageError
from calculators.inputs import Answer, unpublished
from calculators.policy import Policy
from calculators.text import short_date

AnswerFunction = Callable[[Policy, Mapping[str, object]], Answer]


def outside_sentence(policy: Policy, error: OutsideCoverageError) -> Sentence:
    """'We can't give dates after Fri Dec 31, 2027: our calendar for 2028 is not ...'"""
    coverage = policy.calendar.coverage
    email = EmailPart(policy.store.support_email)
    if error.after:
        return (
            f"We can't give dates after {short_date(coverage.last_day, True)}: "
            f"{unpublished(coverage)}. Please write to ",
            email,
            ".",
        )
    return (
        f"We can't give dates before {short_date(coverage.first_day, True)}: our calendar "
        "starts on that day. Please write to ",
        email,
        ".",
    )


def outside_answer(policy: Policy, error: OutsideCoverageError) -> Answer:
    coverage = policy.calendar.coverage
    return Answer(
        data={
            "outside_coverage": error.day.isoformat(),
            "first_day": coverage.first_day.isoformat(),
            "last_day": coverage.last_day.isoformat(),
        },
        sentences=(outside_sentence(policy, error),),
    )


def answers_within_coverage(answer: AnswerFunction) -> AnswerFunction:
    """A calculator's ``answer`` that says so in words when it would leave the coverage."""

    @functools.wraps(answer)
    def answering(policy: Policy, inputs: Mapping[str, object]) -> Answer:
        try:
            return answer(policy, inputs)
        except OutsideCoverageError as error:
            return outside_answer(policy, error)

    return answering
