"""The sample orders ``helpcenter diff`` answers on both sides of a change.

Built-in samples come from the policy itself (its methods, cut-off, fee tiers,
windows, seasons and restricted places) around a day a few weeks after the build
day (or after the coverage's first day, when that is later), the same for both
sides, so the same change on the same day always gives the same report;
``policy/samples.yml`` adds the store's own (``calculators.samples``). Every
answer, and every judgement of a sample's inputs, is the calculators' own, asked
through ``calculators.web`` as the browser and the CLI ask.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta

from calculators import web
from calculators.answers import moment_text
from calculators.policy import Policy
from calculators.samples import Sample
from calculators.shape import PathProblem
from calculators.text import duration, short_date
from calculators.values import Money
from helpcenter.store_time import in_store_zone

# Where a store's own samples are, as key paths name them.
SAMPLES_AT = ("samples", "orders")
# The inputs a form reads as a date and time, where a sample may leave out the offset.
_MOMENT_KINDS = ("moment", "now")
# A few weeks after the day the samples start from: far enough from the coverage's
# first day that a window counted back from an order stays inside it.
_DAYS_AFTER_START = 28
_MORNING = time(10)
_EVENING = time(19)  # after most cut-offs, before midnight: the "Friday evening" order
# A subtotal for a method whose fee is the same for every subtotal.
_FLAT_SUBTOTAL = Money(5000)
_MINUTE = timedelta(minutes=1)
# How long before a holiday the built-in holiday question is asked: before the
# stated deadlines of a usual season, so the answer lists them all.
_HOLIDAY_ASKED_DAYS_BEFORE = 30


def sample_day(policy: Policy, today: date) -> date:
    """The Monday the built-in orders are placed on: the first one at least four weeks
    after the later of the coverage's first day and ``today`` (the build day), so they
    are orders a shopper can still place, not ones from before the build."""
    start = max(policy.calendar.coverage.first_day, today)
    day = start + timedelta(days=_DAYS_AFTER_START)
    return day + timedelta(days=-day.weekday() % 7)


def builtin_samples(policy: Policy, today: date) -> list[Sample]:
    """A few orders per calculator, around the values this policy sets."""
    monday = sample_day(policy, today)
    return [
        *_delivery(policy, monday),
        *_shipping_cost(policy),
        *_change_cancel(policy, monday),
        *_returns(policy, monday),
        *_holiday_deadline(policy),
        *_destination(policy),
    ]


def all_samples(head: Policy, base: Policy | None, today: date) -> list[Sample]:
    """The store's own samples, then the built-in ones of both sides (each asked once):
    a fee tier that moved is asked about where it ends before and after. ``today``: the
    build day, one for both sides."""
    own = list(head.samples.orders) if head.samples else []
    sides = [head] if base is None else [head, base]
    builtin = _unique(sample for side in sides for sample in builtin_samples(side, today))
    calculators = list(web.CALCULATORS)
    methods = list(dict.fromkeys(sample.inputs.get("method", "") for sample in builtin))

    def order(sample: Sample) -> tuple[int, int, int]:
        # By calculator; shipping costs by method, then amount: both sides' subtotals in
        # one rising list. Otherwise as made (sorted is stable).
        subtotal = sample.inputs.get("subtotal")
        if sample.calculator != "shipping_cost" or subtotal is None:
            return calculators.index(sample.calculator), 0, 0
        method = methods.index(sample.inputs.get("method", ""))
        return calculators.index(sample.calculator), method, Money.parse(subtotal).cents

    return _unique([*own, *sorted(builtin, key=order)])


def _unique(samples: Iterable[Sample]) -> list[Sample]:
    seen: dict[tuple[str, tuple[tuple[str, str], ...]], Sample] = {}
    for sample in samples:
        seen.setdefault((sample.calculator, tuple(sorted(sample.inputs.items()))), sample)
    return list(seen.values())


def _local(moment: datetime) -> str:
    """Store time without an offset, as an editor writes a sample (each side reads it
    in its own time zone, as the CLI does)."""
    return moment.isoformat(timespec="minutes")


def _delivery(policy: Policy, monday: date) -> Iterator[Sample]:
    cutoff = policy.calendar.order_cutoff.minutes
    orders = (
        ("on a weekday morning", datetime.combine(monday, _MORNING)),
        ("an hour after the cut-off", datetime.combine(monday, time()) + (cutoff + 60) * _MINUTE),
        ("on a Friday evening", datetime.combine(monday + timedelta(days=4), _EVENING)),
    )
    for key, method in policy.shipping.methods.items():
        for when, at in orders:
            yield Sample(
                f"{method.label}, ordered {when} ({moment_text(at, True)})",
                "delivery",
                {"method": key, "ordered_at": _local(at)},
            )


def _shipping_cost(policy: Policy) -> Iterator[Sample]:
    """A cent below and at each tier's end: where a changed threshold shows."""
    for key, method in policy.shipping.methods.items():
        ends = [tier.subtotal_below.cents for tier in method.fees if tier.subtotal_below]
        subtotals = [Money(cents) for end in ends for cents in (end - 1, end)]
        for subtotal in subtotals or [_FLAT_SUBTOTAL]:
            yield Sample(
                f"A {subtotal} order, {method.label}",
                "shipping_cost",
                {"method": key, "subtotal": subtotal.dump()},
            )


def _change_cancel(policy: Policy, monday: date) -> Iterator[Sample]:
    """A minute before and after the free cancellation and the guaranteed changes end."""
    ordered = datetime.combine(monday, _MORNING)
    free = policy.orders.cancellation.free_within_minutes * _MINUTE
    guaranteed = timedelta(hours=policy.orders.changes.guaranteed_within_hours)
    ends = (free, guaranteed)
    for span in sorted({max(end + step, _MINUTE) for end in ends for step in (-_MINUTE, _MINUTE)}):
        yield Sample(
            f"Change or cancel {duration(span)} after ordering ({moment_text(ordered, True)}), "
            "artwork not started",
            "change_cancel",
            {
                "ordered_at": _local(ordered),
                "artwork_started": "no",
                "shipped": "no",
                "now": _local(ordered + span),
            },
        )


def _returns(policy: Policy, delivered: date) -> Iterator[Sample]:
    """Each reason two days after delivery, then the last day of each window and the day
    after it."""
    fields = {field.name: field for field in web.CALCULATORS["returns"].form(policy).fields}
    labels = {o.value: o.label for name in ("reason", "item") for o in fields[name].options}
    unused = {"item": "standard", "as_new": "yes"}  # what a change of mind asks about
    rules = policy.returns
    windows = [("defective", rules.problem_reports.within_days)]
    if rules.change_of_mind is not None:
        windows.append(("changed_mind", rules.change_of_mind.within_days))
    if rules.warranty is not None:
        windows.append(("warranty", rules.warranty.within_days))
    asks = [(option.value, 2) for option in fields["reason"].options]
    asks += [(reason, days + extra) for reason, days in windows for extra in (0, 1)]
    for reason, days in asks:
        more = unused if reason == "changed_mind" else {}
        item = labels[more.get("item", fields["item"].default)]
        asked = datetime.combine(delivered + timedelta(days=days), _MORNING)
        yield Sample(
            f"{labels[reason]}; {item}; asked {days} days after delivery on "
            f"{short_date(delivered, True)}",
            "returns",
            {"delivered_on": delivered.isoformat(), "reason": reason, **more, "now": _local(asked)},
        )


def _holiday_deadline(policy: Policy) -> Iterator[Sample]:
    for season in policy.holidays.seasons:
        asked = datetime.combine(
            season.deliver_by - timedelta(days=_HOLIDAY_ASKED_DAYS_BEFORE), _MORNING
        )
        for key, method in policy.shipping.methods.items():
            yield Sample(
                f"{season.name} by {short_date(season.deliver_by, True)}, {method.label}, "
                f"asked {moment_text(asked, True)}",
                "holiday_deadline",
                {"deliver_by": season.deliver_by.isoformat(), "method": key, "now": _local(asked)},
            )


def _destination(policy: Policy) -> Iterator[Sample]:
    places = policy.destinations
    yield Sample("An order to the home country", "destination", {"country": places.home_country})
    for restriction in places.restricted:
        inputs = {"country": restriction.country}
        if restriction.regions:  # one closed region is enough to ask about
            inputs["region"] = restriction.regions[0].code
        yield Sample(f"An order to {restriction.name}", "destination", inputs)


# -- asking ----------------------------------------------------------------------


def form_inputs(policy: Policy, sample: Sample) -> dict[str, str]:
    """The inputs as the CLI sends them: the form's defaults filled in, a time without
    an offset read in the store's time zone, and ``now`` the order time unless given."""
    form = web.CALCULATORS[sample.calculator].form(policy)
    inputs = {f.name: f.default for f in form.fields if f.default and f.kind != "now"}
    inputs.update(sample.inputs)
    kinds = {f.name: f.kind for f in form.fields}
    if "now" in kinds and "now" not in inputs and "ordered_at" in inputs:
        inputs["now"] = inputs["ordered_at"]
    zone = policy.calendar.time_zone.zone
    return {
        name: in_store_zone(value, zone) if kinds.get(name) in _MOMENT_KINDS else value
        for name, value in inputs.items()
    }


def answer_text(policy: Policy, sample: Sample) -> str:
    """The answer as plain words (the CLI's), or the calculator's words refusing it."""
    if sample.calculator not in web.CALCULATORS:
        return "There is no such calculator."
    inputs = form_inputs(policy, sample)
    reply = json.loads(web.answer(policy, sample.calculator, json.dumps(inputs)))
    if reply["ok"]:
        return " ".join(web.reply_paragraphs(reply))
    return " ".join(problem["message"] for problem in reply["problems"])


def sample_problems(policy: Policy) -> list[PathProblem]:
    """What is wrong with the store's own samples, each at its key path: an unknown
    calculator or input, or an input the calculator refuses (in its own words)."""
    problems: list[PathProblem] = []
    for i, sample in enumerate(policy.samples.orders if policy.samples else ()):
        problems += _problems_of(policy, sample, (*SAMPLES_AT, i))
    return problems


def _problems_of(policy: Policy, sample: Sample, at: tuple[str | int, ...]) -> list[PathProblem]:
    calculator = web.CALCULATORS.get(sample.calculator)
    if calculator is None:
        return [
            PathProblem(
                "unknown-calculator",
                (*at, "calculator"),
                f"Unknown calculator {sample.calculator!r}. Expected one of "
                f"{', '.join(web.CALCULATORS)}.",
            )
        ]
    names = [field.name for field in calculator.form(policy).fields]
    unknown = [
        PathProblem(
            "unknown-key",
            (*at, "inputs", name),
            f"Unknown input {name!r} of the {sample.calculator} calculator. "
            f"Expected one of {', '.join(names)}.",
        )
        for name in sample.inputs
        if name not in names
    ]
    if unknown:
        return unknown
    inputs = form_inputs(policy, sample)
    if "now" in names and "now" not in inputs:
        return [
            PathProblem(
                "missing-key",
                (*at, "inputs"),
                "Missing input 'now': the time the sample is asked at, like "
                "2026-11-28T10:00 (store time); only an order time (ordered_at) stands in "
                "for it.",
            )
        ]
    reply = json.loads(web.answer(policy, sample.calculator, json.dumps(inputs)))
    if reply["ok"]:
        return []
    problems = reply["problems"]
    if "now" in names and "now" not in sample.inputs:
        # ordered_at stood in for now: a problem with now is one with ordered_at's value,
        # said once, at ordered_at (a wrong year is refused for both).
        refused = {problem["field"] for problem in problems}
        problems = [
            {**problem, "field": "ordered_at"} if problem["field"] == "now" else problem
            for problem in problems
            if problem["field"] != "now" or "ordered_at" not in refused
        ]
    return [_refused(sample, at, problem) for problem in problems]


def _refused(sample: Sample, at: tuple[str | int, ...], problem: dict[str, str]) -> PathProblem:
    name, words = problem["field"], problem["message"]
    if name in sample.inputs:
        return PathProblem(
            "sample-input",
            (*at, "inputs", name),
            f"Expected an input the {sample.calculator} calculator accepts but received "
            f"{sample.inputs[name]!r}: it answers {words!r}",
        )
    return PathProblem(
        "sample-input",
        (*at, "inputs"),
        f"Missing input {name!r}: the {sample.calculator} calculator answers {words!r}",
    )
