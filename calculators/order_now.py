"""The order-now table: "if I order now, when does it arrive?" for every instant of a span.

The delivery calculator's answer to an order placed now depends on the instant
only through its day in the store's zone and whether it comes before that day's
cut-off (``delivery.order_day``, ``delivery.sale_of``, ``delivery.next_deadline``).
So it changes only at a midnight or a cut-off of the store's zone (a sale starts
at a midnight), and between two such moments it is one answer, whose countdown
alone runs down. The build computes that answer at every such moment, through
the calculator's own functions (``delivery.estimate`` and
``delivery.estimate_answer``, which ``delivery.answer`` calls once it has read
the form), and the page looks up the interval holding its clock: it computes
nothing but the time left (the rule of ``calculators.text.time_left``).

Each interval is half-open, [start, end), and carries the answer as
``calculators.web.answer`` gives it for an instant in it, with each countdown's
words said for ``start``. An instant the calculator answers without dates (its
day is outside ``calendar.coverage``, or its dates would be) is in no interval:
the page asks Python then, which says why in words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from calculators import delivery
from calculators.answers import CountdownPart, PlainSentence, Sentence, plain_sentences
from calculators.calendar import OutsideCoverageError
from calculators.inputs import zone_name
from calculators.moments import end_of_day
from calculators.policy import Policy


@dataclass(frozen=True)
class Interval:
    """Orders placed in [start, end) get ``sentences`` and ``line`` (JSON-ready parts);
    a countdown part's words are those for ``start``."""

    start: datetime  # UTC
    end: datetime  # UTC
    sentences: list[PlainSentence]
    line: PlainSentence

    def row(self) -> dict[str, object]:
        """The interval as the page reads it: epoch milliseconds, half-open."""
        return {
            "from": epoch_ms(self.start),
            "until": epoch_ms(self.end),
            "sentences": self.sentences,
            "line": self.line,
        }


def epoch_ms(moment: datetime) -> int:
    """Whole milliseconds since 1970 (every boundary is a whole minute: no rounding)."""
    return int((moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1))


def boundaries(policy: Policy, start: datetime, end: datetime) -> list[datetime]:
    """``start`` and every moment in (start, end) at which the answer may change, in UTC.

    Midnights and cut-offs are taken with both readings of a repeated wall-clock time
    (``fold``), so a zone whose clocks go back across midnight or the cut-off loses
    none; a moment counted twice is one boundary.
    """
    zone = policy.calendar.time_zone.zone
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date() + timedelta(days=1)
    found = {start.astimezone(UTC)}
    for day in _days(first, last):
        for moment in (datetime.combine(day, time(0), zone), delivery.cutoff_on(policy, day)):
            for fold in (0, 1):
                instant = moment.replace(fold=fold).astimezone(UTC)
                if start < instant < end:
                    found.add(instant)
    return sorted(found)


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def tables(
    policy: Policy, methods: Iterable[str], start: datetime, end: datetime
) -> dict[str, list[Interval]]:
    """``table`` of each method, on boundaries found once."""
    moments = boundaries(policy, start, end)
    return {method: _table(policy, method, moments, end) for method in methods}


def table(policy: Policy, method: str, start: datetime, end: datetime) -> list[Interval]:
    """The intervals of order instants in [start, end) with their answer, sorted, merged
    where consecutive ones say the same (countdown words aside)."""
    return _table(policy, method, boundaries(policy, start, end), end)


def _table(policy: Policy, method: str, moments: list[datetime], end: datetime) -> list[Interval]:
    zone_words = zone_name(policy)
    intervals: list[Interval] = []
    last_key: object = None
    for begin, until in zip(moments, [*moments[1:], end.astimezone(UTC)], strict=True):
        said = answer_at(policy, method, begin)
        key = None if said is None else _without_countdown_words((*said[0], said[1]))
        if key is not None and key == last_key:
            intervals[-1] = dataclasses.replace(intervals[-1], end=until)
        elif said is not None:
            sentences = plain_sentences(said[0], zone_words)
            line = plain_sentences((said[1],), zone_words)[0]
            intervals.append(Interval(begin, until, sentences, line))
        last_key = key
    return intervals


def answer_at(
    policy: Policy, method: str, now: datetime
) -> tuple[tuple[Sentence, ...], Sentence] | None:
    """The sentences of ``delivery.answer`` for an order placed at ``now`` (its "now"
    too), and the store page's line; None where it gives no dates: ``now``'s day is
    outside the coverage (its form reader refuses it) or the dates would be."""
    if now.astimezone(policy.calendar.time_zone.zone).date() not in policy.calendar.coverage:
        return None
    try:
        window = delivery.estimate(policy, method, now)
        said = delivery.estimate_answer(policy, window, now, now)
        return said.sentences, delivery.store_line(policy, window, now)
    except OutsideCoverageError:
        return None


def _without_countdown_words(sentences: tuple[Sentence, ...]) -> object:
    """The sentences with each countdown's "now" left out (its deadline stays): what
    stays the same over an interval. Compared before the parts become words: the
    same parts always read the same (``plain_sentences``)."""
    return tuple(
        tuple(
            ("countdown", part.deadline) if isinstance(part, CountdownPart) else part
            for part in sentence
        )
        for sentence in sentences
    )


def span_end(policy: Policy) -> datetime:
    """The end of the coverage's last day in the store's zone, in UTC: the table's end."""
    zone = policy.calendar.time_zone.zone
    return end_of_day(policy.calendar.coverage.last_day, zone).astimezone(UTC)
