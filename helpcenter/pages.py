"""What the ``table.`` and ``calculator.`` placeholder names stand for."""

from __future__ import annotations

from functools import partial

from calculators.web import CALCULATORS
from helpcenter.placeholders import Renderers
from helpcenter.tables import TABLES
from helpcenter.widgets import render_widget


def renderers() -> Renderers:
    return Renderers(TABLES, {name: partial(render_widget, name) for name in CALCULATORS})
