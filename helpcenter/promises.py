"""The promise audit: every promise the pages make, checked against the calculators.

A promise is a sentence with a placeholder that quotes an amount a calculator answers
for: "Within {{ policy.returns.problem_reports.within_days | days }} of delivery" says
30 days; the returns calculator, asked about an item delivered on an ordinary Monday
(``ordinary_monday``), gives a deadline 30 days later. Placeholders are filled by the
pages' own renderers (``render_page``) and compared with ``calculator_answers`` as an
amount in a unit: "business day" (of any working calendar), "day", "hour", "minute",
the placeholder's or, for a bare number, the word after it. Another number or unit
("30 business days" where the calculator counts days) is a contradiction; so is a
generated table quoting one (``table_quotes``), a stated holiday deadline the holiday
calculator does not lead with or whose page leaves out the sale it excepts, and a
page's stages that do not add up to the handling time. Amounts no calculator answers
for are listed, unchecked. ``helpcenter.pipeline`` calls ``audit``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from calculators import change_cancel, delivery, holiday_deadline, lateness, returns
from calculators.calendar import BusinessCalendar, OutsideCoverageError
from calculators.moments import end_of_day
from calculators.policy import DayRange, Policy, Sale
from calculators.schedule import CalendarName
from calculators.shipping_cost import shipping_cost
from calculators.text import day_range, join_words, long_date
from calculators.values import Clock, Money
from helpcenter.formatting import UNITS
from helpcenter.pages import renderers
from helpcenter.placeholders import PageError, Renderers, UnknownPath, lookup, render_page
from helpcenter.problems import Position, Problem

RULE = "promise-contradiction"
Amount = tuple[
    object, ...
]  # (unit, low, high), ("money", cents), ("clock", minutes), (kind, words)


@dataclass(frozen=True)
class Answered:
    amount: Amount
    calculator: str  # "the returns calculator"
    about: str  # what the amount is, in words


@dataclass(frozen=True)
class Promise:
    position: Position  # the placeholder's, or the table's
    sentence: str  # as the page reads it, placeholders filled
    quotes: str  # the value quoted, like policy.returns.warranty.within_days
    says: str  # as the page says it: "30 days"
    amount: Amount
    answer: Answered | None  # None: no calculator answers for it

    @property
    def kept(self) -> bool:
        return self.answer is None or self.answer.amount == self.amount

    def problem(self) -> Problem:
        got = self.answer or Answered(self.amount, "nothing", "no calculator answers for it")
        answers = f"{got.calculator} answers {words(got.amount)} ({got.about})"
        return Problem(RULE, self.position, f"{self.sentence!r} says {self.says}, but {answers}.")


def words(amount: Amount) -> str:
    """An amount as a page says it: '48 hours', '5–7 days', '$59', 'midnight'."""
    kind, first = amount[0], amount[1]
    if len(amount) == 2 and isinstance(first, int):
        return str(Money(first) if kind == "money" else Clock(first))
    if len(amount) == 2:
        return str(first)
    low, high = int(str(first)), int(str(amount[2]))
    if kind == "hour" and low != high:
        return UNITS["hours"](DayRange(low, high))  # "5–7 days" for 120–168 hours
    return day_range(low, high, str(kind))


# -- what the calculators answer, for an ordinary order -----------------------------------


def ordinary_monday(policy: Policy) -> datetime | None:
    """10:00 on the first Monday of the coverage followed by six ordinary weeks: no
    closure on any calendar, no sale, no clock change; None if the coverage has none."""
    zone, coverage = policy.calendar.time_zone.zone, policy.calendar.coverage
    unusual = {c.date for c in policy.calendar.closures}
    unusual |= {d for s in policy.holidays.sales for d in _days(s.first_day, s.last_day)}
    day = coverage.first_day + timedelta(days=-coverage.first_day.weekday() % 7)
    while day + timedelta(days=42) <= coverage.last_day:
        at, later = (datetime.combine(d, time(10), zone) for d in (day, day + timedelta(42)))
        if not unusual & set(_days(day, later.date())) and at.utcoffset() == later.utcoffset():
            return at
        day += timedelta(days=7)
    return None


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


_SPANS = {"hour": timedelta(hours=1), "minute": timedelta(minutes=1), "clock": timedelta(minutes=1)}
_WILD = re.compile(r"^(shipping\.methods|returns)\.\w+\.")  # one entry for every method
_DUE = "the late-order calculator: after the estimated delivery date"
# Which calculator answers for each value (by its path), and what its answer is.
ABOUT = {
    "fulfilment.handling_days": "the delivery calculator: handling days to shipping",
    "shipping.methods.*.transit_days": "the delivery calculator: carrier days in transit",
    "calendar.order_cutoff": "the delivery calculator: the order cut-off",
    "holidays.sale_names": "the delivery calculator: sales delivered after their holiday",
    "returns.*.within_days": "the returns calculator: days after delivery to ask",
    "orders.changes.guaranteed_within_hours": "the change-cancel calculator: changes guaranteed",
    "orders.cancellation.free_within_minutes": "the change-cancel calculator: cancelling free",
    "orders.cancellation.fee": "the change-cancel calculator: the fee to cancel later",
    "shipping.free_shipping_from": "the shipping-cost calculator: the subtotal that ships free",
    "support.no_tracking_update_business_days": "the late-order calculator: no tracking update",
    "support.past_due_hours": _DUE,
    "support.extra_wait_business_days": _DUE,  # the seeds' two words for one rule
    "support.delivered_not_received_hours": "the late-order calculator: after a delivery scan",
    "support.lost_refund_after_days": "the late-order calculator: a lost parcel's refund",
    "store.support_reply_business_days": "the late-order calculator: support days to a reply",
}
# (the value's field, the route the returns calculator names, a reason that asks for it)
_ROUTES: tuple[tuple[str, returns.RouteName, returns.Reason], ...] = (
    ("problem_reports", "problem_report", "wrong_item"),
    ("change_of_mind", "change_of_mind", "changed_mind"),
    ("warranty", "warranty", "warranty"),
)


def calculator_answers(policy: Policy) -> dict[str, Answered]:
    """What the calculators answer for each value they answer for (by its path): for an
    order placed, an item delivered, a message written or a scan made ``ordinary_monday``."""
    at = ordinary_monday(policy)
    if at is None:
        return {}
    day, zone = at.date(), policy.calendar.time_zone.zone

    def window(at: datetime, method: str = "") -> delivery.DeliveryEstimate:
        return delivery.estimate(policy, method or policy.shipping.default_method, at)

    def days(calendar: CalendarName, low: tuple[date, date], high: tuple | None = None) -> Amount:
        count = BusinessCalendar.of(policy.calendar, calendar).count_between
        return ("business day", *(count(*span) for span in (low, high or low)))

    def after(start: datetime, until: datetime | None, unit: str) -> Amount:
        count = round((until - start) / _SPANS[unit]) if until else 0
        return (unit, count) if unit == "clock" else (unit, count, count)

    w = window(at)

    def after_holiday(sale: Sale) -> bool:  # the estimator's answer for an order in the sale
        try:
            o = window(datetime.combine(sale.first_day, time(12), zone))
        except OutsideCoverageError as error:
            return error.after
        return o.sale == sale and o.holiday is not None and o.arrive_earliest > o.holiday

    late = [sale.name for sale in policy.holidays.sales if after_holiday(sale)]
    free = change_cancel.order_options(policy, at, at, artwork_started=False, shipped=False)
    fee = change_cancel.order_options(policy, at, at, artwork_started=True, shipped=False)
    costs = [shipping_cost(policy, m, Money(0)) for m in policy.shipping.methods]
    starts = [(c.short_by or Money(0)).cents for c in costs if c.free or c.short_by]
    lost = ((lateness.refund_from(policy, at) or at).date() - day).days
    updated = lateness.in_zone(policy, lateness.no_update_contact(policy, at)).date()
    due, midnight = end_of_day(w.arrive_latest, zone), datetime.combine(day, time(0), zone)
    o, scanned = w.order_day, lateness.delivered_contact(policy, at)
    said: dict[str, Amount | None] = {
        "fulfilment.handling_days": days("handling", (o, w.ship_earliest), (o, w.ship_latest)),
        "calendar.order_cutoff": after(midnight, delivery.cutoff_on(policy, day), "clock"),
        "holidays.sale_names": ("names", join_words(late)),
        "orders.changes.guaranteed_within_hours": after(at, free.change_guaranteed_until, "hour"),
        "orders.cancellation.free_within_minutes": after(at, free.free_cancel_until, "minute"),
        "orders.cancellation.fee": ("money", fee.cancel_fee.cents),
        "shipping.free_shipping_from": ("money", min(starts)) if starts else None,
        "support.no_tracking_update_business_days": days("carrier", (day, updated)),
        "support.past_due_hours": after(due, lateness.past_due_contact(policy, w), "hour"),
        "support.delivered_not_received_hours": after(at, scanned, "hour"),
        "support.lost_refund_after_days": ("day", lost, lost) if lost else None,
        "store.support_reply_business_days": days("support", (day, lateness.reply_by(policy, at))),
    }
    said["support.extra_wait_business_days"] = said["support.past_due_hours"]
    for key in policy.shipping.methods:
        t = window(at, key)
        spans = ((t.ship_earliest, t.arrive_earliest), (t.ship_latest, t.arrive_latest))
        said[f"shipping.methods.{key}.transit_days"] = days("carrier", *spans)
    for field, name, reason in _ROUTES:
        asked = returns.return_options(policy, day, at, item="standard", reason=reason, as_new=True)
        for route in (r for r in asked.routes if r.route == name):
            said[f"returns.{field}.within_days"] = ("day", *[(route.deadline - day).days] * 2)
    about = {path: ABOUT[_WILD.sub(r"\1.*.", path)].split(": ", 1) for path in said}
    return {p: Answered(a, *about[p]) for p, a in said.items() if a is not None}


# -- the pages' sentences and tables --------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_NEW_BLOCK = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+\.\s|\||\{\{\s*(table|calculator)\.)")
_OWN_LINE = re.compile(r"^\{\{\s*(table|calculator)\.([a-z0-9_]+)\s*\}\}$")
_ALONE = re.compile(rf"\||#{{1,6}}\s|{_OWN_LINE.pattern}")  # a table row, a heading, a widget
_POLICY = re.compile(r"\{\{\s*policy\.([a-z0-9_.]+)\s*(?:\|\s*([a-z ]+?)\s*)?\}\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_UNIT_AFTER = re.compile(r"^\s*(business day|day|hour|minute)s?\b")
_STAGE = re.compile(r"policy\.fulfilment\.stages\.([a-z0-9_]+)\.business_days")
_MARKUP = [
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # a link: its words
    (re.compile(r"\*\*|__|`"), ""),
    (re.compile(r"^(#{1,6}|[-*+]|\d+\.)\s+|\s*\{#[^}]*\}$"), ""),  # marks, a heading's anchor
]


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, heading or table row of a page, as one line of text."""

    text: str
    starts: tuple[tuple[int, int, int], ...]  # (offset in text, page line, page column)

    def position(self, page: str, offset: int) -> Position:
        start, line, column = max(s for s in self.starts if s[0] <= offset)
        return Position(page, line, column + offset - start)


def blocks(markdown: str) -> Iterator[Block]:
    """The page's blocks of text, outside fenced code; a table row or a table or
    calculator placeholder is a block of its own."""
    text, starts, fenced = "", list[tuple[int, int, int]](), False
    for number, line in enumerate([*markdown.split("\n"), ""], start=1):
        fence = bool(_FENCE.match(line))
        fenced ^= fence
        skip = fenced or fence or not line.strip()
        if text and (skip or _NEW_BLOCK.match(line) or _ALONE.match(text)):
            yield Block(text, tuple(starts))
            text, starts = "", []
        if not skip:
            starts.append((len(text) + bool(text), number, len(line) - len(line.lstrip()) + 1))
            text += (" " if text else "") + line.strip()


def page_amount(path: str, value: object, unit: str | None, after: str = "") -> Amount | None:
    """What a placeholder says as an amount: its value in the page's unit (or the word
    after a bare number); None for what says no amount (a name, an address)."""
    if isinstance(value, Money | Clock):
        return ("money", value.cents) if isinstance(value, Money) else ("clock", value.minutes)
    if path == "holidays.sale_names" and isinstance(value, tuple):
        return ("names", join_words(value))
    if not isinstance(value, DayRange | int) or isinstance(value, bool):
        return None
    low, high = (value.min, value.max) if isinstance(value, DayRange) else (value, value)
    said = _UNIT_AFTER.match(after) if unit is None else None
    kind = unit.removesuffix("s") if unit else said[1] if said else None
    return (kind, low, high) if kind in ("business day", "day", "hour", "minute") else None


def sentence_promises(
    policy: Policy, page: str, block: Block, tables: Renderers, answers: Mapping[str, Answered]
) -> Iterator[Promise]:
    """The promises of a block's sentences: one per placeholder that says an amount."""
    offset = 0
    for piece in _SENTENCE_END.split(block.text):
        offset = block.text.index(piece, offset)
        if "{{" not in piece:
            continue  # no placeholder, no promise (and nothing to fill)
        try:
            sentence = render_page(piece, policy, page, tables)
        except PageError:
            continue  # the page check reports it
        for pattern, replacement in _MARKUP:
            sentence = pattern.sub(replacement, sentence).strip()
        for found in _POLICY.finditer(piece):
            after = piece[found.end() :]
            try:
                says = render_page(found[0], policy, page, tables)
                amount = page_amount(found[1], lookup(policy, found[1]), found[2], after)
            except (UnknownPath, PageError):
                continue
            unit = None if found[2] else _UNIT_AFTER.match(after)
            says, where = f"{says} {unit[0].strip()}" if unit else says, offset + found.start()
            got, at = answers.get(found[1]), block.position(page, where)
            if amount is not None:
                yield Promise(at, sentence, f"policy.{found[1]}", says, amount, got)


# What the generated tables quote (helpcenter.tables), leaving out values 0 or not set.
_TABLE_QUOTES = (
    ("order_changes when_to_contact", "orders.changes.guaranteed_within_hours", "hours"),
    ("order_changes", "orders.cancellation.free_within_minutes", "minutes"),
    ("order_changes", "orders.cancellation.fee", None),
    ("return_routes when_to_contact", "returns.problem_reports.within_days", "days"),
    ("return_routes", "returns.change_of_mind.within_days", "days"),
    ("return_routes", "returns.warranty.within_days", "days"),
    ("when_to_contact", "support.no_tracking_update_business_days", "business days"),
    ("when_to_contact", "support.past_due_hours", "hours"),
    ("when_to_contact", "support.extra_wait_business_days", "business days"),
    ("when_to_contact", "support.delivered_not_received_hours", "hours"),
    ("when_to_contact", "support.lost_refund_after_days", "days"),
)


def table_quotes(policy: Policy, name: str) -> list[tuple[str, str | None]]:
    """The values (path, unit) the table ``name`` quotes."""
    if name == "methods":
        return [
            (f"shipping.methods.{m}.transit_days", "business days") for m in policy.shipping.methods
        ]
    return [(p, u) for t, p, u in _TABLE_QUOTES if name in t.split() and _set(policy, p)]


def _set(policy: Policy, path: str) -> bool:
    try:
        return lookup(policy, path) not in (None, 0)
    except UnknownPath:  # a part the policy leaves out (no change-of-mind returns)
        return False


def holiday_promises(policy: Policy, where: Position, names_sales: bool) -> Iterator[Promise]:
    """Each stated deadline of ``{{ table.holiday_deadlines }}`` against the holiday
    calculator's promise, with the sales it excepts (which the page names, if it quotes
    ``{{ policy.holidays.sale_names }}``)."""
    table, who = "{{ table.holiday_deadlines }}", "the holiday-deadline calculator"
    for season in policy.holidays.seasons:
        for deadline in (d for d in season.deadlines if d.method in policy.shipping.methods):
            label = policy.shipping.methods[deadline.method].label
            about = f"{label} to arrive by {long_date(season.deliver_by)}, {season.name}"
            said = answer = f"orders placed by the end of {long_date(deadline.order_by)}"
            try:
                promise = holiday_deadline.promised_order_by(
                    policy, deadline.method, season.deliver_by
                )
            except holiday_deadline.NoGuaranteeError:
                answer = "no order placed in the coverage"
            else:
                day, moment = promise.whole_day, promise.order_before
                answer = f"orders placed before {moment:%H:%M} on {long_date(moment.date())}"
                answer = f"orders placed by the end of {long_date(day)}" if day else answer
                excepted = join_words(s.name for s in promise.excepted)
                answer += f", except {excepted} orders" if excepted else ""
                said += f", except {excepted} orders" if excepted and names_sales else ""
            quotes = f"policy.holidays ({season.name}, {deadline.method})"
            got = Answered(("order by", answer), who, about)
            yield Promise(where, table, quotes, said, ("order by", said), got)


def page_promises(
    policy: Policy, page: str, markdown: str, answers: Mapping[str, Answered], tables: Renderers
) -> Iterator[Promise]:
    """Every promise of one page, in page order (its stages, added up, at the end)."""
    stages = policy.fulfilment.stages.values()
    added: Amount = (
        "business day",
        *(sum(getattr(s.business_days, m) for s in stages) for m in ("min", "max")),
    )
    handling, quoted = answers.get("fulfilment.handling_days"), {}
    for block in blocks(markdown):
        own = _OWN_LINE.match(block.text)
        if own is None:
            for promise in sentence_promises(policy, page, block, tables, answers):
                stage = _STAGE.fullmatch(promise.quotes)
                if stage and promise.amount[0] == "business day":
                    quoted[stage[1]] = promise
                yield promise
            continue
        where, table, sentence = block.position(page, 0), own[2], block.text
        for path, unit in table_quotes(policy, table) if own[1] == "table" else []:
            amount = page_amount(path, lookup(policy, path), unit)
            if amount is not None:
                got = answers.get(path)
                yield Promise(where, sentence, f"policy.{path}", words(amount), amount, got)
        if table == "stages" and own[1] == "table":
            yield Promise(
                where, sentence, "policy.fulfilment.stages", words(added), added, handling
            )
        if table == "holiday_deadlines" and own[1] == "table":
            yield from holiday_promises(policy, where, "policy.holidays.sale_names" in markdown)
    if quoted and set(quoted) == set(policy.fulfilment.stages):
        last = max(quoted.values(), key=lambda p: (p.position.line, p.position.column))
        sentence = f"the stages on this page ({' + '.join(p.says for p in quoted.values())})"
        yield Promise(
            last.position, sentence, "policy.fulfilment.stages", words(added), added, handling
        )


def promises(
    policy: Policy, pages: Mapping[str, str], fill: Renderers | None = None
) -> list[Promise]:
    """Every promise the pages make (shown file name -> Markdown source), in page order."""
    answers, tables = calculator_answers(policy), fill or renderers()
    return [
        promise
        for page, text in pages.items()
        for promise in page_promises(policy, page, text, answers, tables)
    ]


def audit(policy: Policy, pages: Mapping[str, str], fill: Renderers | None = None) -> list[Problem]:
    """A ``promise-contradiction`` error for each promise a calculator answers otherwise."""
    broken = [promise.problem() for promise in promises(policy, pages, fill) if not promise.kept]
    return sorted(broken, key=lambda p: (p.file, p.line, p.column))
