"""Small charts painted with QPainter (PySide6-Essentials has no QtCharts, and the add-on is too
big to ship for two bar charts).

- :class:`GroupedBarChart`: categories along the bottom, one bar per series in each, a legend,
  the value over each bar when it fits, and a value axis (0–100 % by default);
- :class:`HistogramChart`: how many people scored in each band of 10 % (0–10, 10–20 … 90–100),
  one bar per series (pre-test beside post-test).

Both take their texts from the caller (already translated and formatted for the interface
language), draw with the widget's font and palette, scale with the widget, and mirror themselves
— value axis on the right, first category on the right — under a right-to-left layout.
Hovering a bar shows its category's tooltip and every series' value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

#: Two colours told apart with any colour vision and on a grey printout (Okabe–Ito orange and
#: blue, the second darker): the first series (pre-test) and the second (post-test).
SERIES_COLOURS = (QColor("#e69f00"), QColor("#0072b2"))


@dataclass(frozen=True)
class Series:
    """One set of bars: its name in the legend, one value per category (None: no bar)."""

    name: str
    values: Sequence[float | None]
    colour: QColor


@dataclass(frozen=True)
class Bar:
    category: int
    series: int
    value: float
    rect: QRectF


def score_bands(percents: Sequence[float], width: int = 10) -> list[int]:
    """How many scores fall in each band of ``width`` percent: [0, 10), [10, 20) … and the last
    band includes 100."""
    bands = [0] * math.ceil(100 / width)
    for value in percents:
        band = min(max(int(value // width), 0), len(bands) - 1)
        bands[band] += 1
    return bands


def nice_maximum(highest: float, most_ticks: int = 5) -> tuple[float, float]:
    """(top of the axis, step between ticks) for counts up to ``highest``: whole steps of 1, 2,
    5, 10, 20, 50… with at most ``most_ticks`` steps."""
    highest = max(highest, 1)
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if math.ceil(highest / step) <= most_ticks:
                return math.ceil(highest / step) * step, step
        magnitude *= 10


def _plain_number(value: float) -> str:
    return f"{value:g}"


class GroupedBarChart(QWidget):
    """Grouped vertical bars: ``categories`` × ``series``, value axis from 0 to ``maximum``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.tooltips: list[str] = []
        self.maximum = 100.0
        self.step = 25.0
        #: Text of a value over its bar and in tooltips; the short form is tried when the long
        #: one is wider than the bars (e.g. "85" for "85 %").
        self.value_text: Callable[[float], str] = _plain_number
        self.short_value_text: Callable[[float], str] = _plain_number
        self.axis_text: Callable[[float], str] = _plain_number
        #: Under the categories, e.g. "Question"; empty for none.
        self.caption = ""
        #: Shown in the middle when there is nothing to draw.
        self.empty_text = ""
        #: Whether a value of 0 gets its label (0 % correct says something; an empty band not).
        self.label_zero = True
        #: Texts under the category boundaries (len(categories) + 1) instead of under the
        #: categories: a histogram labels its band edges.
        self.edge_labels: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # -- data -----------------------------------------------------------------------------------

    def set_data(self, categories: Sequence[str], series: Sequence[Series], *,
                 tooltips: Sequence[str] = (), maximum: float = 100.0,
                 step: float = 25.0) -> None:  # fmt: skip
        """Show ``series`` over ``categories`` (each series has one value per category)."""
        self.categories = list(categories)
        self.series = list(series)
        self.tooltips = list(tooltips)
        self.maximum = maximum if maximum > 0 else 1.0
        self.step = step if step > 0 else self.maximum
        self.setAccessibleDescription(self.describe())
        self.update()

    def has_data(self) -> bool:
        return bool(self.categories) and any(v is not None for s in self.series for v in s.values)

    def describe(self) -> str:
        """The chart in words (screen readers, and the tests)."""
        lines = []
        for index, category in enumerate(self.categories):
            values = []
            for series in self.series:
                value = series.values[index] if index < len(series.values) else None
                if value is not None:
                    values.append(f"{series.name} {self.value_text(value)}")
            lines.append(f"{category}: {', '.join(values) if values else '—'}")
        return "\n".join(lines)

    # -- geometry -------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 150)

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _rtl(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _mirrored(self, rect: QRectF) -> QRectF:
        """``rect`` laid out left to right, placed for the widget's direction."""
        if not self._rtl():
            return QRectF(rect)
        return QRectF(self.width() - rect.right(), rect.top(), rect.width(), rect.height())

    def _ticks(self) -> list[float]:
        count = round(self.maximum / self.step)
        return [i * self.step for i in range(count + 1)]

    def plot_rect(self) -> QRectF:
        """Where the bars stand (left to right; see :meth:`_mirrored`)."""
        fm = self._metrics()
        line = fm.height()
        axis_width = max([fm.horizontalAdvance(self.axis_text(t)) for t in self._ticks()] or [0])
        left = axis_width + 10
        right = 8 + (fm.horizontalAdvance(self.edge_labels[-1]) / 2 if self.edge_labels else 0)
        # The legend (only for two series or more: one series' name says nothing the title
        # does not), then room for the value over a full bar.
        top = (line + 12 if self.shows_legend() else 4) + line + 2
        bottom = line + 8 + (line + 2 if self.caption else 0)
        return QRectF(left, top, max(self.width() - left - right, 1.0),
                      max(self.height() - top - bottom, 1.0))  # fmt: skip

    def _group_width(self, plot: QRectF) -> float:
        return plot.width() / max(len(self.categories), 1)

    def bars(self) -> list[Bar]:
        """Every bar drawn, with its rectangle in widget coordinates."""
        plot = self.plot_rect()
        group = self._group_width(plot)
        count = max(len(self.series), 1)
        gap = min(group * 0.25, 24.0)
        bar_width = max((group - gap) / count, 1.0)
        out = []
        for c in range(len(self.categories)):
            for s, series in enumerate(self.series):
                value = series.values[c] if c < len(series.values) else None
                if value is None:
                    continue
                height = plot.height() * min(max(value, 0.0), self.maximum) / self.maximum
                x = plot.left() + c * group + gap / 2 + s * bar_width
                rect = QRectF(x, plot.bottom() - height, bar_width, height)
                out.append(Bar(c, s, value, self._mirrored(rect)))
        return out

    def category_at(self, x: float) -> int | None:
        plot = self.plot_rect()
        if self._rtl():
            x = self.width() - x
        if not plot.left() <= x < plot.right() or not self.categories:
            return None
        return min(int((x - plot.left()) / self._group_width(plot)), len(self.categories) - 1)

    def tooltip_at(self, x: float) -> str:
        """What hovering at ``x`` shows: the category's tooltip, then each series' value."""
        category = self.category_at(x)
        if category is None:
            return ""
        head = (self.tooltips[category] if category < len(self.tooltips)
                else self.categories[category])  # fmt: skip
        lines = [head]
        for series in self.series:
            value = series.values[category] if category < len(series.values) else None
            if value is not None:
                lines.append(f"{series.name}: {self.value_text(value)}")
        return "\n".join(lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos().x()) if self.has_data() else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    # -- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        faint = palette.color(QPalette.ColorRole.PlaceholderText)
        if not self.has_data():
            painter.setPen(faint)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter
                             | Qt.TextFlag.TextWordWrap, self.empty_text)  # fmt: skip
            return
        plot = self.plot_rect()
        self._paint_axis(painter, plot, text, faint)
        self._paint_bars(painter, text)
        self._paint_category_labels(painter, plot, text)
        if self.shows_legend():
            self._paint_legend(painter)

    def shows_legend(self) -> bool:
        return len(self.series) > 1

    def _paint_axis(self, painter: QPainter, plot: QRectF, text: QColor, faint: QColor) -> None:
        fm = self._metrics()
        grid = QColor(faint)
        grid.setAlpha(90)
        for tick in self._ticks():
            y = plot.bottom() - plot.height() * tick / self.maximum
            painter.setPen(QPen(grid if tick else text, 1))
            line = self._mirrored(QRectF(plot.left(), y, plot.width(), 0))
            painter.drawLine(QPointF(line.left(), y), QPointF(line.right(), y))
            label = self._mirrored(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()))
            painter.setPen(text)
            # Against the plot: the painter takes the widget's direction, so "trailing" is the
            # right in left-to-right and the left once mirrored.
            painter.drawText(label, Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter,
                             self.axis_text(tick))  # fmt: skip

    def _value_labels(self, bars: list[Bar]) -> Callable[[float], str] | None:
        """The long value texts if they all fit over their bars, else the short ones, else none."""
        fm = self._metrics()
        if not bars:
            return None
        width = bars[0].rect.width() + 2
        for formatter in (self.value_text, self.short_value_text):
            if all(fm.horizontalAdvance(formatter(b.value)) <= width for b in bars):
                return formatter
        return None

    def _paint_bars(self, painter: QPainter, text: QColor) -> None:
        fm = self._metrics()
        bars = self.bars()
        formatter = self._value_labels(bars)
        for bar in bars:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.series[bar.series].colour)
            painter.drawRect(bar.rect)
            if formatter is not None and (bar.value or self.label_zero):
                painter.setPen(text)
                label = QRectF(bar.rect.left() - 20, bar.rect.top() - fm.height() - 1,
                               bar.rect.width() + 40, fm.height())  # fmt: skip
                painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                                 formatter(bar.value))  # fmt: skip

    def _paint_category_labels(self, painter: QPainter, plot: QRectF, text: QColor) -> None:
        fm = self._metrics()
        group = self._group_width(plot)
        painter.setPen(text)
        top = plot.bottom() + 4
        if self.edge_labels:
            labels = [(plot.left() + i * group, t) for i, t in enumerate(self.edge_labels)]
            slot = group
        else:
            labels = [(plot.left() + (i + 0.5) * group, t) for i, t in enumerate(self.categories)]
            slot = group
        widest = max(fm.horizontalAdvance(t) for _x, t in labels) + 6
        every = max(1, math.ceil(widest / max(slot, 1.0)))  # skip labels that would overlap
        for index, (x, label) in enumerate(labels):
            if index % every:
                continue
            rect = self._mirrored(QRectF(x - widest / 2, top, widest, fm.height()))
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        if self.caption:
            rect = self._mirrored(QRectF(plot.left(), top + fm.height() + 2, plot.width(),
                                         fm.height()))  # fmt: skip
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             self.caption)  # fmt: skip

    def _paint_legend(self, painter: QPainter) -> None:
        fm = self._metrics()
        swatch = fm.height() * 0.8
        x = self.plot_rect().left()
        y = 4.0
        for series in self.series:
            width = fm.horizontalAdvance(series.name)
            box = self._mirrored(QRectF(x, y + (fm.height() - swatch) / 2, swatch, swatch))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(series.colour)
            painter.drawRect(box)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            label = self._mirrored(QRectF(x + swatch + 6, y, width + 2, fm.height()))
            painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading,
                             series.name)  # fmt: skip
            x += swatch + 6 + width + 24


class HistogramChart(GroupedBarChart):
    """How many people scored in each band of 10 %: one bar per series in each band, a count
    axis with whole steps, and the band edges (0, 10 … 100) under the bars."""

    BAND = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.band_text: Callable[[int, int], str] = lambda low, high: f"{low}–{high}"
        self.edge_text: Callable[[int], str] = str
        self.label_zero = False

    def set_scores(self, scores: Sequence[tuple[str, Sequence[float], QColor]]) -> None:
        """``scores``: (series name, percentages, colour) for each series."""
        counts = [score_bands(values, self.BAND) for _name, values, _colour in scores]
        series = [Series(name, [float(c) for c in bands], colour)
                  for (name, _values, colour), bands in zip(scores, counts, strict=True)]  # fmt: skip
        lows = range(0, 100, self.BAND)
        self.edge_labels = [self.edge_text(edge) for edge in range(0, 101, self.BAND)]
        top, step = nice_maximum(max([max(b) for b in counts if b] or [0]))
        has_scores = any(values for _name, values, _colour in scores)
        self.set_data([self.band_text(low, low + self.BAND) for low in lows],
                      series if has_scores else [], maximum=top, step=step)  # fmt: skip
