"""Answers as data: sentences made of text, dates, moments and addresses, for a page or a
terminal.

A sentence is a tuple of parts; a part is plain text, a date, a moment or an e-mail
address. The widget turns date parts into ``<time datetime="YYYY-MM-DD">`` elements,
moments into ``<time datetime="YYYY-MM-DDTHH:MM±HH:MM">`` and addresses into
``mailto:`` links; the CLI prints each part's words, so both say the very same sentence.

A countdown part is the time left until a deadline ("within 3 h 20 min"): the
part keeps the deadline, so a page that shows the answer later (the order-now
table, ``calculators.order_now``) can say the time left for its own clock.

A moment reads as a wall clock with the zone's name, "2:00 PM Eastern Time on Sat Nov
28": the shopper compares it with a clock, and the offset stays in the machine-readable
``datetime`` only. The name comes after the time rather than in parentheses, because
many moments already stand inside parentheses ("(before 2:00 PM ... on Sat Nov 28)").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from calculators.text import clock, short_date, time_left


@dataclass(frozen=True)
class DatePart:
    day: date

    @property
    def year(self) -> int:
        return self.day.year


@dataclass(frozen=True)
class MomentPart:
    """A moment to the minute, shown in the store's time zone (``moment`` is aware), whose
    name ("Eastern Time") the answer as a whole gives to ``plain_sentences``."""

    moment: datetime

    @property
    def year(self) -> int:
        return self.moment.year


@dataclass(frozen=True)
class EmailPart:
    """An e-mail address: a ``mailto:`` link on the page, the address itself in a terminal."""

    address: str


@dataclass(frozen=True)
class CountdownPart:
    """The time left from ``now`` until ``deadline`` (both aware): 'within 3 h 20 min'.

    No year of its own: the sentences that count down name the deadline as a moment too.
    """

    deadline: datetime
    now: datetime

    @property
    def remaining(self) -> timedelta:
        """Real elapsed time, across daylight-saving changes (aware datetimes of one
        zone subtract by wall clock, so both go to UTC first)."""
        return self.deadline.astimezone(UTC) - self.now.astimezone(UTC)


Part = str | DatePart | MomentPart | EmailPart | CountdownPart
Sentence = tuple[Part, ...]
PlainSentence = list[dict[str, str]]


def plain_sentences(
    sentences: tuple[Sentence, ...], zone_name: str | None = None
) -> list[PlainSentence]:
    """An answer's sentences as JSON-ready parts. Dates go without their year, unless
    the answer spans two years: then every date says its year (Dec 30 ... Jan 2, 2027).

    Within a sentence only the first moment names the zone: "by 10:00 AM Eastern Time
    on Wed Dec 9 (3 days after its update of 10:00 AM on Sat Dec 5)" is clear, and the
    name twice is only longer.
    """
    years = {
        part.year
        for sentence in sentences
        for part in sentence
        if isinstance(part, DatePart | MomentPart)
    }
    with_year = len(years) > 1
    return [_plain_sentence(sentence, with_year, zone_name) for sentence in sentences]


def _plain_sentence(
    sentence: Sentence, with_year: bool, zone_name: str | None
) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    zone_named = False  # by a moment before, in this sentence
    for part in sentence:
        if isinstance(part, str):
            out.append({"text": part})
        elif isinstance(part, DatePart):
            out.append({"date": part.day.isoformat(), "text": short_date(part.day, with_year)})
        elif isinstance(part, EmailPart):
            out.append({"email": part.address, "text": part.address})
        elif isinstance(part, CountdownPart):
            out.append(
                {
                    "countdown": part.deadline.isoformat(timespec="minutes"),
                    "text": time_left(part.remaining),
                }
            )
        else:
            name = None if zone_named else zone_name
            zone_named = zone_named or name is not None
            out.append(
                {
                    "datetime": part.moment.isoformat(timespec="minutes"),
                    "text": moment_text(part.moment, with_year, name),
                }
            )
    return out


def words(sentence: Sentence, zone_name: str | None = None) -> str:
    """The sentence as one line of text, as a terminal prints it."""
    return "".join(part["text"] for part in _plain_sentence(sentence, False, zone_name))


def moment_text(moment: datetime, with_year: bool = False, zone_name: str | None = None) -> str:
    """'2:00 PM Eastern Time on Sat Nov 28'; a midnight is named by the day it ends.

    "12:00 AM on Fri Dec 11" reads to many as the night after Friday; the moment is
    the one that ends Thursday, so it says so. In the hour a fall-back night repeats,
    the words say which of the two is meant.
    """
    zone = f" {zone_name}" if zone_name else ""
    if (moment.hour, moment.minute) == (0, 0):
        ended = moment.date() - timedelta(days=1)
        return f"midnight{zone} at the end of {short_date(ended, with_year)}"
    said = f"{clock(moment)}{zone} on {short_date(moment.date(), with_year)}"
    if _repeated_hour(moment):
        said += ", after the clocks go back" if moment.fold else ", before the clocks go back"
    return said


def _repeated_hour(moment: datetime) -> bool:
    """Whether the wall clock shows ``moment``'s time twice that night (a fall-back hour)."""
    other = moment.replace(fold=1 - moment.fold)
    return other.utcoffset() != moment.utcoffset()
