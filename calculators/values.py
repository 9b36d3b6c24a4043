"""Small frozen value types that policy fields are made of.

Each type knows how to read itself from the plain text an editor writes
(``parse``) and how to write itself back (``dump``), so YAML, JSON and the
browser all speak the same strings. ``EXPECTS`` is the phrase used in error
messages ("Expected an amount of money like 6.99 but received ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from typing import Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_FULL_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# The dates the policy and the calculators deal in. Python's own range (years 1 to
# 9999) lets one step past the end overflow; a help center answers for this century.
FIRST_SUPPORTED_DAY = date(2000, 1, 1)
LAST_SUPPORTED_DAY = date(2099, 12, 31)


class ValueProblem(ValueError):
    """A value that does not fit its type; the message completes "Expected ...".

    ``rule`` names the check for tools and tests: ``wrong-type`` for a value of
    the wrong shape, ``out-of-range`` for the right shape but too large or small.
    """

    def __init__(self, expected: str, rule: str = "wrong-type"):
        super().__init__(expected)
        self.rule = rule


@dataclass(frozen=True, order=True)
class Money:
    """An amount in US dollars, held in integer cents so sums never drift."""

    cents: int

    EXPECTS = "an amount of money like 6.99 or 59 (no currency sign)"
    JSON_TYPES = ("string", "number")
    # No fee, threshold or subtotal of a made-to-order shop comes near this; a
    # larger number is a typo (or a test of the limits), and would only make
    # sentences absurd.
    MAXIMUM_CENTS = 100_000 * 100
    MINIMUM, MAXIMUM = 0, MAXIMUM_CENTS // 100  # for JSON numbers, in dollars
    # The schema's pattern carries the maximum too: up to 99999.99, or 100000 itself.
    PATTERN = r"^0*(\d{1,5}(\.\d{1,2})?|100000(\.0{1,2})?)$"
    # Read more loosely than PATTERN, so a negative or huge amount is told its range.
    _SHAPE = re.compile(r"^-?\d+(\.\d{1,2})?$")
    _RANGE = f"an amount of money from 0.00 to {MAXIMUM}.00"

    @classmethod
    def parse(cls, text: str) -> Money:
        if not cls._SHAPE.match(text):
            raise ValueProblem(cls.EXPECTS)
        whole, _, frac = text.partition(".")
        whole = whole.lstrip("0") or "0"
        # Seven digits are past the maximum already: no need to convert a million of them.
        if whole.startswith("-") or len(whole) > 6:
            raise ValueProblem(cls._RANGE, "out-of-range")
        cents = int(whole) * 100 + int(frac.ljust(2, "0"))
        if cents > cls.MAXIMUM_CENTS:
            raise ValueProblem(cls._RANGE, "out-of-range")
        return cls(cents)

    def dump(self) -> str:
        return f"{self.cents // 100}.{self.cents % 100:02d}"

    def __str__(self) -> str:
        if self.cents % 100 == 0:
            return f"${self.cents // 100:,}"
        return f"${self.cents // 100:,}.{self.cents % 100:02d}"


@dataclass(frozen=True, order=True)
class Clock:
    """A local time of day in minutes after midnight; 24:00 is the end of the day."""

    minutes: int

    EXPECTS = 'a 24-hour time like "14:30" (quoted), or "24:00" for the end of the day'
    PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$"
    _SHAPE = re.compile(PATTERN)

    @classmethod
    def parse(cls, text: str) -> Clock:
        if not cls._SHAPE.match(text):
            raise ValueProblem(cls.EXPECTS)
        hours, minutes = text.split(":")
        return cls(int(hours) * 60 + int(minutes))

    def dump(self) -> str:
        return f"{self.minutes // 60:02d}:{self.minutes % 60:02d}"

    def as_time(self) -> time | None:
        """The wall-clock time, or None for the end of the day (24:00)."""
        if self.minutes == 24 * 60:
            return None
        return time(self.minutes // 60, self.minutes % 60)

    def __str__(self) -> str:
        if self.minutes in (0, 24 * 60):
            return "midnight"
        if self.minutes == 12 * 60:
            return "noon"
        hours, minutes = divmod(self.minutes, 60)
        suffix = "AM" if hours < 12 else "PM"
        return f"{(hours - 1) % 12 + 1}:{minutes:02d} {suffix}"


@dataclass(frozen=True)
class Weekday:
    """A day of the week, Monday = 0, written as its three-letter English name."""

    index: int

    EXPECTS = "a day of the week: " + ", ".join(WEEKDAY_NAMES)
    PATTERN = "^(" + "|".join(WEEKDAY_NAMES) + ")$"
    # A closed set: each value as written, and what it means (the schema's enum).
    CHOICES = tuple(zip(WEEKDAY_NAMES, WEEKDAY_FULL_NAMES, strict=True))

    @classmethod
    def parse(cls, text: str) -> Weekday:
        if text not in WEEKDAY_NAMES:
            raise ValueProblem(cls.EXPECTS)
        return cls(WEEKDAY_NAMES.index(text))

    def dump(self) -> str:
        return WEEKDAY_NAMES[self.index]

    def __str__(self) -> str:
        return WEEKDAY_FULL_NAMES[self.index]


class IsoDate:
    """Reads ``date`` fields: only the ISO form YYYY-MM-DD, in the supported years."""

    EXPECTS = "a date written YYYY-MM-DD"
    # The schema's pattern says the supported years (2000-2099) too.
    PATTERN = r"^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
    _SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

    @classmethod
    def parse(cls, text: str) -> date:
        if not cls._SHAPE.match(text):
            raise ValueProblem(cls.EXPECTS)
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ValueProblem("a real calendar date written YYYY-MM-DD") from None
        if not FIRST_SUPPORTED_DAY <= day <= LAST_SUPPORTED_DAY:
            raise ValueProblem(
                f"a date from {FIRST_SUPPORTED_DAY.isoformat()} to "
                f"{LAST_SUPPORTED_DAY.isoformat()}",
                "out-of-range",
            )
        return day


class Year(int):
    """A year of the supported range, like 2026 (an int, so python-holidays takes it as is)."""

    EXPECTS = "a year written with four digits, like 2026"
    JSON_TYPES = ("integer", "string")
    MINIMUM, MAXIMUM = FIRST_SUPPORTED_DAY.year, LAST_SUPPORTED_DAY.year
    PATTERN = r"^20\d{2}$"
    _SHAPE = re.compile(r"^-?\d+$")

    @classmethod
    def parse(cls, text: str) -> Year:
        if not cls._SHAPE.match(text):
            raise ValueProblem(cls.EXPECTS)
        # More than four digits is out of range without converting (Python refuses
        # to convert more than 4300 of them).
        if len(text) > 4 or not cls.MINIMUM <= int(text) <= cls.MAXIMUM:
            raise ValueProblem(f"a year from {cls.MINIMUM} to {cls.MAXIMUM}", "out-of-range")
        return cls(int(text))

    def dump(self) -> int:
        return int(self)


# Types that read themselves from text, by the annotation that names them.
TEXT_TYPES: dict[object, type] = {
    Money: Money,
    Clock: Clock,
    Weekday: Weekday,
    date: IsoDate,
    Year: Year,
}


def _domain_pattern(letters: str) -> str:
    """Labels of letters, digits and inner hyphens (63 at most), the last starting with a letter.

    Written out rather than with an inline (?i) flag, which editors' JSON Schema
    validators (JavaScript regular expressions) do not all read.
    """
    label = rf"[{letters}0-9]([{letters}0-9-]{{0,61}}[{letters}0-9])?"
    top = rf"[{letters}]([{letters}0-9-]{{0,61}}[{letters}0-9])?"
    return rf"({label}\.)+{top}"


class PatternText(str):
    """Plain text of one strict shape (a domain, an address, a path): a str subclass,
    so code uses it as text, that reads itself with its length checked first (a
    huge value costs nothing) and then its ``PATTERN``. Subclasses declare the
    shape and are registered as text types."""

    EXPECTS: str
    RULE: str
    MAX_LENGTH: int
    PATTERN: str
    MARKDOWN_SAFE = False  # whether helpcenter.escaping may quote it as it is
    _SHAPE: re.Pattern[str]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._SHAPE = re.compile(cls.PATTERN)
        TEXT_TYPES[cls] = cls

    @classmethod
    def parse(cls, text: str) -> Self:
        if len(text) > cls.MAX_LENGTH:
            raise ValueProblem(f"at most {cls.MAX_LENGTH} characters", "text-too-long")
        if not cls._SHAPE.match(text) or not cls._also(text):
            raise ValueProblem(cls.EXPECTS, cls.RULE)
        return cls(text)

    @classmethod
    def _also(cls, text: str) -> bool:
        """A rule the pattern cannot say; none by default."""
        return True

    def dump(self) -> str:
        return str(self)


class DomainName(PatternText):
    """The store's website as a bare domain name, like jetoyusa.com (plain text otherwise).

    Lower case only, so comparing it with an e-mail's domain needs no folding and
    the pages show it as written. Its characters are letters, digits, dots and
    hyphens, none of which Markdown treats as syntax inside a line.
    """

    EXPECTS = "a domain name in lower case like example.com (no https://, no slash)"
    RULE = "website"
    MAX_LENGTH = 253  # the DNS limit
    PATTERN = rf"^{_domain_pattern('a-z')}$"
    MARKDOWN_SAFE = True


class EmailAddress(PatternText):
    """One plain e-mail address, local@domain, like help@example.com (plain text otherwise).

    Only what a support address needs: no display name, no second address, no
    "?subject=" and no spaces, so it can go into a mailto: link and a sentence as
    is. The local part starts with a letter or digit and takes letters, digits and
    . % + - _ ; a dot sits between other characters, and an underscore between
    letters or digits, because Markdown reads "_word_" as emphasis: so the
    address needs no Markdown escaping.
    """

    EXPECTS = "an e-mail address like help@example.com"
    RULE = "email-address"
    MAX_LENGTH = 254  # the SMTP limit on a whole address
    # One character at a time (no nested repetition, so matching stays linear).
    _LOCAL = (
        r"[A-Za-z0-9]"
        r"([A-Za-z0-9%+-]|\.(?=[A-Za-z0-9%+-])|(?<=[A-Za-z0-9])_(?=[A-Za-z0-9]))*"
    )
    # Domains ignore case, so an address may say JetoyUSA.com; the check against
    # the website folds it (``domain``).
    PATTERN = rf"^{_LOCAL}@{_domain_pattern('A-Za-z')}$"
    MARKDOWN_SAFE = True

    @property
    def domain(self) -> str:
        """The part after the @, in lower case (domain names ignore case)."""
        return self.rpartition("@")[2].lower()


class WebAddress(PatternText):
    """A secure web page's address, like https://example.com/pages/track-order.

    https only, a lower-case host, and a path of plain characters: no query, no
    fragment, no credentials, so it can stand in a link on every page as is.
    """

    EXPECTS = "a web address starting https://, like https://example.com/track (no ? or #)"
    RULE = "web-address"
    MAX_LENGTH = 300
    PATTERN = rf"^https://{_domain_pattern('a-z')}(/[A-Za-z0-9._~/-]*)?$"
    MARKDOWN_SAFE = False  # "_" and "~" in a path mean something to Markdown


class AssetPath(PatternText):
    """A file of the site's pages, like assets/logo.svg: relative, plain characters, an image."""

    EXPECTS = "a path inside docs/ to an image, like assets/logo.svg"
    RULE = "asset-path"
    MAX_LENGTH = 200
    PATTERN = r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*\.(svg|png|jpg|jpeg|webp)$"

    @classmethod
    def _also(cls, text: str) -> bool:
        return ".." not in text.split("/")  # inside docs/, never above it


class CountryCode:
    """The rule for keys of country mappings: an ISO 3166-1 alpha-2 code.

    The keys stay plain text; a field says so as ``Mapping[Annotated[str, CountryCode], ...]``
    (``calculators.shape.key_rule`` reads the rule from there).
    """

    EXPECTS = "a two-letter country code like US"
    PATTERN = r"^[A-Z]{2}$"


class MethodKey:
    """The rule for text that names one of the store's shipping methods: a key of
    ``shipping.methods``, like standard. The set is the store's own, so only a
    schema written for one store (``helpcenter.schema``) can list it."""

    EXPECTS = "the key of a shipping method in shipping.yml, like standard"


class ZoneName:
    """Reads ``TimeZone`` fields: an IANA time zone name the runtime can load.

    An Area/Location name (or UTC): the machine's own names ("localtime",
    "posixrules", "posix/...") load from its zone files here but are not in the
    tzdata the browser gets.
    """

    EXPECTS = 'an IANA time zone name like "America/New_York"'
    PATTERN = r"^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+)+)$"
    MAX_LENGTH = 64  # the longest IANA name is about 30 characters
    _SHAPE = re.compile(PATTERN)

    @classmethod
    def parse(cls, text: str) -> TimeZone:
        # The shape first: ZoneInfo would otherwise look up any text as a file name.
        if len(text) > cls.MAX_LENGTH or not cls._SHAPE.match(text):
            raise ValueProblem(cls.EXPECTS)
        try:
            zone = ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueProblem(cls.EXPECTS) from None
        return TimeZone(text, zone)


@dataclass(frozen=True)
class TimeZone:
    """A time zone by its IANA name; the zone itself rides along, loaded once."""

    key: str
    zone: ZoneInfo = field(compare=False, repr=False)

    def dump(self) -> str:
        return self.key

    def __str__(self) -> str:
        return self.key


TEXT_TYPES[TimeZone] = ZoneName
