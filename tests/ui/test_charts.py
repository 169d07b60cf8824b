"""The painted charts: their arithmetic (bands, axis steps), and what they draw — bars where the
values say, in the series' colours, at several sizes and mirrored under a right-to-left layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from trainer_desktop.ui.charts import (
    SERIES_COLOURS,
    GroupedBarChart,
    HistogramChart,
    Series,
    nice_maximum,
    score_bands,
)

PRE, POST = SERIES_COLOURS
SIZES = [(240, 160), (480, 260), (1300, 420)]


def test_score_bands_put_each_score_in_its_band_of_ten_and_100_in_the_last():
    assert score_bands([0, 9.99, 10, 55, 100, 100.0]) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert score_bands([]) == [0] * 10
    assert score_bands([-1, 120]) == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]  # never out of the chart


@pytest.mark.parametrize(("highest", "expected"), [(0, (1, 1)), (1, (1, 1)), (5, (5, 1)),
                                                   (7, (8, 2)), (23, (25, 5)), (40, (40, 10)),
                                                   (130, (150, 50))])  # fmt: skip
def test_count_axes_have_whole_steps_and_at_most_five_of_them(highest, expected):
    top, step = nice_maximum(highest)
    assert (top, step) == expected
    assert top >= highest and top / step <= 5


def questions_chart(qtbot, width: int, height: int, rtl: bool = False) -> GroupedBarChart:
    chart = GroupedBarChart()
    qtbot.addWidget(chart)
    chart.value_text = lambda v: f"{v:g} %"
    chart.short_value_text = lambda v: f"{v:g}"
    chart.axis_text = lambda v: f"{v:g} %"
    chart.caption = "Question"
    chart.set_data(["1", "2", "3"],
                   [Series("Pre-test", [50, 20, 100], PRE), Series("Post-test", [75, 0, None], POST)],
                   tooltips=["1. Who may extend police custody?", "2. Torture is allowed.",
                             "3. How many hours?"])  # fmt: skip
    if rtl:
        chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    chart.resize(width, height)
    return chart


def colour_at(image: QImage, x: float, y: float) -> QColor:
    return image.pixelColor(int(x), int(y))


@pytest.mark.parametrize("rtl", [False, True])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_bars_are_painted_where_their_values_say_in_their_series_colour(qtbot, width, height, rtl):
    chart = questions_chart(qtbot, width, height, rtl)
    image = chart.grab().toImage()
    assert (image.width(), image.height()) == (width, height)
    plot = chart.plot_rect()
    bars = chart.bars()
    # No bar for a missing value; a bar of height 0 for 0 %.
    assert [(b.category, b.series, b.value) for b in bars] == [
        (0, 0, 50),
        (0, 1, 75),
        (1, 0, 20),
        (1, 1, 0),
        (2, 0, 100),
    ]
    background = colour_at(image, 2, height - 2)
    for bar in bars:
        assert bar.rect.height() == pytest.approx(plot.height() * bar.value / 100, abs=0.01)
        assert bar.rect.bottom() == pytest.approx(plot.bottom())
        if bar.rect.height() > 4 and bar.rect.width() > 4:
            centre = bar.rect.center()
            assert colour_at(image, centre.x(), centre.y()) == (PRE, POST)[bar.series]
        # Just above the bar (under the value label's baseline margin) is not the bar colour.
    above_short_bar = bars[2].rect  # 20 %: well below the top of the plot
    assert colour_at(image, above_short_bar.center().x(), plot.top() + 2) != PRE
    assert background != PRE and background != POST
    # The first category is on the leading side: left, or right when mirrored.
    first, last = bars[0].rect.center().x(), bars[-1].rect.center().x()
    assert (first > last) if rtl else (first < last)
    assert (first > width / 2) if rtl else (first < width / 2)


def test_a_mirrored_chart_is_the_left_to_right_one_flipped(qtbot):
    ltr = questions_chart(qtbot, 600, 300)
    rtl = questions_chart(qtbot, 600, 300, rtl=True)
    for a, b in zip(ltr.bars(), rtl.bars(), strict=True):
        assert b.rect.left() == pytest.approx(600 - a.rect.right())
        assert b.rect.top() == pytest.approx(a.rect.top())
    # The value axis is drawn on the right: its labels are dark pixels right of the plot.
    image = rtl.grab().toImage()
    plot = rtl.plot_rect()  # left to right; mirrored, the axis labels sit at x > 600 - left
    label_zone = QRectF(600 - plot.left() + 4, plot.top(), plot.left() - 6, plot.height())
    assert dark_pixels(image, label_zone) > 10
    assert dark_pixels(ltr.grab().toImage(), label_zone) == 0


def dark_pixels(image: QImage, zone: QRectF) -> int:
    count = 0
    for x in range(int(zone.left()), int(zone.right())):
        for y in range(int(zone.top()), int(zone.bottom())):
            if image.pixelColor(x, y).lightness() < 90:
                count += 1
    return count


def test_the_chart_draws_with_the_widget_font_and_makes_room_for_it(qtbot):
    chart = questions_chart(qtbot, 800, 400)
    small = chart.plot_rect()
    font = QFont(chart.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    chart.setFont(font)
    large = chart.plot_rect()
    assert large.left() > small.left()  # wider axis labels
    assert large.top() > small.top()  # taller legend
    assert large.height() < small.height()
    chart.grab()  # paints without error


def test_values_are_labelled_in_full_when_they_fit_shortened_or_not_at_all(qtbot):
    chart = questions_chart(qtbot, 1300, 400)
    assert chart._value_labels(chart.bars()) is chart.value_text
    chart.resize(330, 300)
    assert chart._value_labels(chart.bars()) is chart.short_value_text
    chart.set_data(
        [str(n) for n in range(1, 41)],
        [Series("Pre-test", [100.0] * 40, PRE), Series("Post-test", [50.0] * 40, POST)],
    )
    assert chart._value_labels(chart.bars()) is None
    chart.grab()


def test_hovering_a_bar_tells_the_question_and_both_values(qtbot):
    chart = questions_chart(qtbot, 600, 300)
    second = chart.bars()[2].rect.center()
    assert chart.tooltip_at(second.x()) == "2. Torture is allowed.\nPre-test: 20 %\nPost-test: 0 %"
    third = chart.bars()[4].rect.center()
    assert chart.tooltip_at(third.x()) == "3. How many hours?\nPre-test: 100 %"
    assert chart.tooltip_at(1) == ""  # over the axis
    chart.show()
    qtbot.waitExposed(chart)
    point = QPoint(int(second.x()), int(second.y()))
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, chart.mapToGlobal(point))
    QApplication.sendEvent(chart, event)
    assert QToolTip.text().startswith("2. Torture is allowed.")
    QToolTip.hideText()


def test_the_chart_in_words_for_screen_readers(qtbot):
    chart = questions_chart(qtbot, 600, 300)
    assert chart.accessibleDescription().splitlines() == [
        "1: Pre-test 50 %, Post-test 75 %", "2: Pre-test 20 %, Post-test 0 %",
        "3: Pre-test 100 %"]  # fmt: skip


def test_an_empty_chart_says_so_and_draws_no_bar(qtbot):
    chart = GroupedBarChart()
    qtbot.addWidget(chart)
    chart.empty_text = "No answers yet"
    chart.set_data(["1", "2"], [Series("Pre-test", [None, None], PRE)])
    chart.resize(400, 250)
    assert not chart.has_data()
    image = chart.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, 400, 3) for y in range(0, 250, 3)}
    assert PRE.rgb() not in colours
    background = image.pixel(0, 0)
    text = [
        (x, y) for x in range(100, 300) for y in range(110, 140) if image.pixel(x, y) != background
    ]
    assert len(text) > 10  # the text, in the middle


@pytest.mark.parametrize("rtl", [False, True])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_histogram_counts_people_in_bands_of_ten(qtbot, width, height, rtl):
    chart = HistogramChart()
    qtbot.addWidget(chart)
    if rtl:
        chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    chart.set_scores([("Pre-test", [5, 15, 15, 100], PRE), ("Post-test", [95, 100, 85], POST)])
    chart.resize(width, height)
    assert chart.categories[0] == "0–10" and chart.categories[-1] == "90–100"
    assert chart.edge_labels == [str(n) for n in range(0, 101, 10)]
    assert (chart.maximum, chart.step) == (2, 1)
    drawn = {(b.category, b.series): b.value for b in chart.bars() if b.value}
    assert drawn == {(0, 0): 1, (1, 0): 2, (9, 0): 1, (8, 1): 1, (9, 1): 2}
    image = chart.grab().toImage()
    plot = chart.plot_rect()
    for bar in chart.bars():
        assert bar.rect.height() == pytest.approx(plot.height() * bar.value / 2, abs=0.01)
        if bar.value and bar.rect.width() > 4:
            centre = bar.rect.center()
            assert colour_at(image, centre.x(), centre.y()) == (PRE, POST)[bar.series]
    band_90 = next(b for b in chart.bars() if b.category == 9).rect.center().x()
    assert (band_90 < width / 2) if rtl else (band_90 > width / 2)


def test_a_histogram_without_scores_shows_its_empty_text(qtbot):
    chart = HistogramChart()
    qtbot.addWidget(chart)
    chart.set_scores([("Pre-test", [], PRE), ("Post-test", [], POST)])
    assert not chart.has_data() and chart.bars() == []
    chart.resize(300, 200)
    chart.grab()


def test_one_series_has_no_legend_and_its_bars_get_the_room(qtbot):
    two = questions_chart(qtbot, 480, 260)
    one = GroupedBarChart()
    qtbot.addWidget(one)
    one.set_data(["Women", "Men"], [Series("People", [29, 81], PRE)])
    one.resize(480, 260)
    assert two.shows_legend() and not one.shows_legend()
    assert one.plot_rect().top() < two.plot_rect().top()
    image = one.grab().toImage()
    swatch_row = 4 + one.fontMetrics().height() / 2  # where a legend swatch would be painted
    assert all(colour_at(image, x, swatch_row) != PRE for x in range(0, 480, 2))
