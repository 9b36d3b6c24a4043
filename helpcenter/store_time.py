"""A time typed without an offset is the store's local time, as on its order e-mails.

The terminal (``helpcenter estimate --ordered-at "2026-11-28 10:00"``) and the
store's sample orders (``samples.yml``) both take times that way; the
calculators themselves want an instant, so the offset is added here.
"""

from __future__ import annotations

from datetime import datetime, tzinfo


def in_store_zone(text: str, zone: tzinfo) -> str:
    """``text`` with the store's offset of that day if it has none; else unchanged."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text  # the calculator says what is wrong with it
    return moment.replace(tzinfo=zone).isoformat() if moment.tzinfo is None else text
