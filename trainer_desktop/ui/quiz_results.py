"""The results of a session's pre-test and post-test: what the trainer reads on day 3 and reports
to the funder.

From the top: the class figures (people tested, mean, median, lowest, highest score of each test,
the gain and the normalised gain of those who took both) beside the counts by sex; two charts
(the spread of scores before and after, and the share of right answers to each question); the
participants in groups, and the questions with their warnings (:mod:`.quiz_results_model`).
The page scrolls as one report; its tables show every row.

Everything is read from ``workspace.quizzes.results()``; the screen changes nothing, and reads
again when quizzes or participants change (at once if shown, else when next shown).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.participants import SEXES
from trainer_desktop.core.quiz_scoring import Summary
from trainer_desktop.core.quizzes import PHASES
from trainer_desktop.ui import operations
from trainer_desktop.ui.charts import SERIES_COLOURS, GroupedBarChart, HistogramChart, Series
from trainer_desktop.ui.quiz_results_model import (
    CHECK_WORDING,
    DASH,
    FLAG_TEXTS,
    FLAG_TINTS,
    NOT_LEARNED,
    P_NAME,
    Q_NUMBER,
    Q_TEXT,
    ParticipantResultsModel,
    QuestionResultsModel,
    SortedRowsModel,
    number_text,
    percent_text,
    question_plain_text,
    signed_text,
)
from trainer_desktop.ui.table_model import read_only_table

if TYPE_CHECKING:
    from trainer_desktop.core.quizzes import SessionResults
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

SUMMARY_ROWS = {"pre": N_("Pre-test"), "post": N_("Post-test"), "gain": N_("Gain (points)"),
                "normalised": N_("Normalised gain")}  # fmt: skip
SUMMARY_COLUMNS = {"count": N_("People tested"), "mean": N_("Mean"), "median": N_("Median"),
                   "minimum": N_("Lowest"), "maximum": N_("Highest")}  # fmt: skip
SEX_COLUMNS = {"pre": N_("Pre-test"), "post": N_("Post-test"), "both": N_("Both")}
SEX_ROWS = {"woman": N_("Women"), "man": N_("Men"), "unstated": N_("Sex not stated"),
            "total": N_("Total")}  # fmt: skip


def _heading(text: str, scale: float = 1.2) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _swatch(colour: QColor) -> QLabel:
    swatch = QLabel()
    side = swatch.fontMetrics().height() - 2
    swatch.setFixedSize(side, side)
    swatch.setStyleSheet(f"background: {colour.name()}; border: 1px solid #9ca3af;")
    return swatch


class QuizResultsView(QWidget):
    """The results of a session's two tests (read-only; refreshes when answers change)."""

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.results: SessionResults | None = None
        self._stale = False
        self.participants_model = ParticipantResultsModel(self)
        self.questions_model = QuestionResultsModel(self)
        self._build()
        runner.changed.connect(self._on_changed)
        self.refresh()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.headline = _heading("", 1.35)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = QHBoxLayout()
        summary.setSpacing(40)
        summary.addLayout(self._summary_grid())
        summary.addLayout(self._sex_grid())
        summary.addStretch(1)
        self.gain_note = QLabel()
        self.gain_note.setWordWrap(True)
        self.gain_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.histogram = HistogramChart()
        self.histogram.setAccessibleName(_("Scores before and after the training"))
        self.histogram.caption = _("Score (%)")
        self.histogram.edge_text = lambda edge: number_text(edge)
        self.histogram.band_text = self._band_text
        self.histogram.value_text = lambda n: ngettext("{n} person", "{n} people",
                                                       int(n)).format(n=int(n))  # fmt: skip
        self.histogram.short_value_text = lambda n: number_text(n)
        self.histogram.axis_text = lambda n: number_text(n)
        self.question_chart = GroupedBarChart()
        self.question_chart.setAccessibleName(_("Right answers to each question"))
        self.question_chart.caption = _("Question")
        self.question_chart.value_text = percent_text
        self.question_chart.short_value_text = lambda v: number_text(v)
        self.question_chart.axis_text = percent_text
        for chart in (self.histogram, self.question_chart):
            chart.setMinimumHeight(260)
        charts = QHBoxLayout()
        charts.setSpacing(24)
        for title, subtitle, chart, stretch in (
            (_("Scores before and after"), _("Number of people in each band of scores"),
             self.histogram, 2),
            (_("Right answers to each question"), _("Share of the people who got it fully "
                                                     "right; point at a bar for the question"),
             self.question_chart, 3),
        ):  # fmt: skip
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(_heading(title, 1.1))
            note = QLabel(subtitle)
            note.setWordWrap(True)
            column.addWidget(note)
            column.addWidget(chart, 1)
            charts.addLayout(column, stretch)

        self.participants_table = self._table(self.participants_model, _("Results per participant"),
                                              P_NAME)  # fmt: skip
        self.participants_table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        header = self.participants_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(lambda *_args: self._fit_width(self.participants_table))
        self.participants_model.modelReset.connect(self._span_groups)
        self.participants_model.layoutChanged.connect(self._span_groups)
        self.questions_table = self._table(
            self.questions_model, _("Results per question"), Q_NUMBER
        )
        self.questions_table.horizontalHeader().setSectionResizeMode(
            Q_TEXT, QHeaderView.ResizeMode.Stretch)  # fmt: skip

        legend = QGridLayout()
        legend.setHorizontalSpacing(8)
        legend.setVerticalSpacing(4)
        for row, flag in enumerate((NOT_LEARNED, CHECK_WORDING)):
            legend.addWidget(_swatch(FLAG_TINTS[flag][0]), row, 0)
            text = QLabel(_(FLAG_TEXTS[flag]))
            text.setWordWrap(True)
            legend.addWidget(text, row, 1)
        legend.setColumnStretch(1, 1)
        self.legend_texts = [_(FLAG_TEXTS[f]) for f in (NOT_LEARNED, CHECK_WORDING)]

        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setSpacing(10)
        layout.addWidget(self.headline)
        layout.addLayout(summary)
        layout.addWidget(self.gain_note)
        layout.addSpacing(8)
        layout.addLayout(charts)
        layout.addSpacing(8)
        layout.addWidget(_heading(_("Participants")))
        layout.addWidget(self.participants_table, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addSpacing(8)
        layout.addWidget(_heading(_("Questions")))
        layout.addLayout(legend)
        layout.addWidget(self.questions_table)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        for table in (self.participants_table, self.questions_table):
            table.viewport().installEventFilter(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty_label)
        outer.addWidget(self.scroll, 1)

    def _summary_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        self.summary_labels: dict[tuple[str, str], QLabel] = {}
        for column, (key, title) in enumerate(SUMMARY_COLUMNS.items(), start=1):
            grid.addWidget(self._bold(_(title)), 0, column, Qt.AlignmentFlag.AlignRight)
        tips = {"gain": _("Post-test percentage minus pre-test percentage, for the people who "
                          "took both tests"),
                "normalised": _("Share of what there was to learn that was learned: (post − pre) "
                                "÷ (100 − pre), for the people who took both tests")}  # fmt: skip
        for row, (key, title) in enumerate(SUMMARY_ROWS.items(), start=1):
            label = self._bold(_(title))
            label.setToolTip(tips.get(key, ""))
            grid.addWidget(label, row, 0)
            for column, stat in enumerate(SUMMARY_COLUMNS, start=1):
                value = QLabel()
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(value, row, column)
                self.summary_labels[(key, stat)] = value
        return grid

    def _sex_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        self.sex_labels: dict[tuple[str, str], QLabel] = {}
        self.sex_row_labels: dict[str, QLabel] = {}
        grid.addWidget(self._bold(_("By sex")), 0, 0)
        for column, title in enumerate(SEX_COLUMNS.values(), start=1):
            grid.addWidget(self._bold(_(title)), 0, column, Qt.AlignmentFlag.AlignRight)
        for row, (sex, title) in enumerate(SEX_ROWS.items(), start=1):
            self.sex_row_labels[sex] = self._bold(_(title)) if sex == "total" else QLabel(_(title))
            grid.addWidget(self.sex_row_labels[sex], row, 0)
            for column, key in enumerate(SEX_COLUMNS, start=1):
                value = QLabel()
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(value, row, column)
                self.sex_labels[(sex, key)] = value
        return grid

    @staticmethod
    def _bold(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    @staticmethod
    def _table(model: SortedRowsModel, name: str, sort_column: int) -> QTableView:
        table = read_only_table(model, name)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSortIndicator(sort_column, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        table.setSortingEnabled(True)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        return table

    # -- showing --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the results again from the database."""
        self._stale = False
        results = self.workspace.quizzes.results(self.session_id)
        self.results = results
        taken = results.pre.count or results.post.count
        self.empty_label.setVisible(not taken)
        self.scroll.setVisible(bool(taken))
        if not taken:
            self.empty_label.setText(self._empty_text())
            self.participants_model.set_results([])
            self.questions_model.set_rows([])
            return
        self._show_summary(results)
        self._show_sexes(results.by_sex)
        self._show_charts(results)
        self.participants_model.set_results(results.participants)
        self.questions_model.set_rows(results.questions)
        for table in (self.participants_table, self.questions_table):
            self._fit_height(table)
        self._size_participant_columns()

    def _empty_text(self) -> str:
        if not self.workspace.quizzes.assignments(self.session_id):
            return _("No quiz is chosen yet for this session's pre-test or post-test.")
        return _("No one has taken the pre-test or the post-test yet. Results appear here as "
                 "soon as the first answers are given on the laptop or entered from paper.")  # fmt: skip

    def _show_summary(self, results: SessionResults) -> None:
        pre, post = results.pre, results.post
        if pre.count and post.count:
            headline = _("Average score: {pre} before the training, {post} after").format(
                pre=percent_text(pre.mean), post=percent_text(post.mean))  # fmt: skip
        elif pre.count:
            headline = _("Average score before the training: {pre}").format(
                pre=percent_text(pre.mean)
            )
        else:
            headline = _("Average score after the training: {post}").format(
                post=percent_text(post.mean)
            )
        self.headline.setText(headline)
        rows: dict[str, tuple[Summary, Callable[[float | None], str]]] = {
            "pre": (pre, lambda v: percent_text(v, 1)),
            "post": (post, lambda v: percent_text(v, 1)),
            "gain": (results.gain, lambda v: signed_text(v, 1)),
            "normalised": (results.normalised_gain,
                           lambda v: percent_text(None if v is None else 100 * v, 1)),
        }  # fmt: skip
        for key, (summary, formatter) in rows.items():
            self.summary_labels[(key, "count")].setText(str(summary.count))
            for stat in ("mean", "median", "minimum", "maximum"):
                value = getattr(summary, stat)
                self.summary_labels[(key, stat)].setText(
                    DASH if value is None else formatter(value)
                )
        complete = len(results.complete)
        singles = len(results.only_pre) + len(results.only_post)
        if not complete:
            note = _("Gains appear once people have taken both tests.")
        else:
            note = ngettext("Gains are over the {n} person who took both tests.",
                            "Gains are over the {n} people who took both tests.",
                            complete).format(n=complete)  # fmt: skip
            if singles:
                note += " " + ngettext("{n} person took only one of them (listed apart below).",
                                       "{n} people took only one of them (listed apart below).",
                                       singles).format(n=singles)  # fmt: skip
        self.gain_note.setText(note)

    def _show_sexes(self, by_sex: dict[str, dict[str, int]]) -> None:
        rows: dict[str, dict[str, int]] = {sex: dict.fromkeys(SEX_COLUMNS, 0) for sex in SEX_ROWS}
        for sex, counts in by_sex.items():
            row = rows[sex if sex in SEXES else "unstated"]  # a value from a newer version
            for key in SEX_COLUMNS:
                row[key] += counts.get(key, 0)
                rows["total"][key] += counts.get(key, 0)
        for sex, counts in rows.items():
            shown = sex != "unstated" or any(counts.values())
            self.sex_row_labels[sex].setVisible(shown)
            for key, value in counts.items():
                self.sex_labels[(sex, key)].setText(str(value))
                self.sex_labels[(sex, key)].setVisible(shown)

    def _show_charts(self, results: SessionResults) -> None:
        names = tuple(_(label) for label in PHASES.values())  # pre, then post
        scores = [[p.pre.percent for p in results.participants if p.pre],
                  [p.post.percent for p in results.participants if p.post]]  # fmt: skip
        self.histogram.set_scores([(names[i], scores[i], SERIES_COLOURS[i]) for i in range(2)])
        rows = results.questions
        before = [r.pre.percent_correct if r.pre else None for r in rows]
        after = [r.post.percent_correct if r.post else None for r in rows]
        tips = [textwrap.fill(f"{r.number}. {question_plain_text(r.question)}", 70) for r in rows]
        self.question_chart.set_data(
            [str(r.number) for r in rows],
            [Series(names[0], before, SERIES_COLOURS[0]), Series(names[1], after, SERIES_COLOURS[1])],
            tooltips=tips, maximum=100, step=25)  # fmt: skip

    def _band_text(self, low: int, high: int) -> str:
        if high >= 100:
            return _("Scores from {low} to {high}").format(low=percent_text(low),
                                                           high=percent_text(high))  # fmt: skip
        return _("Scores from {low} to under {high}").format(low=percent_text(low),
                                                             high=percent_text(high))  # fmt: skip

    def _span_groups(self) -> None:
        table = self.participants_table
        table.clearSpans()
        columns = self.participants_model.columnCount()
        for row in range(self.participants_model.rowCount()):
            if self.participants_model.is_heading(row):
                table.setSpan(row, 0, 1, columns)

    @staticmethod
    def _fit_height(table: QTableView) -> None:
        """Tables show every row: the page scrolls, not the tables."""
        height = (table.horizontalHeader().sizeHint().height() + table.verticalHeader().length()
                  + 2 * table.frameWidth() + 2)  # fmt: skip
        table.setFixedHeight(height)

    @staticmethod
    def _fit_width(table: QTableView) -> None:
        """A few columns of names and figures: as wide as they need, so each figure stays near
        its name on a wide screen."""
        table.setFixedWidth(table.horizontalHeader().length() + 2 * table.frameWidth() + 2)

    def _size_participant_columns(self) -> None:
        table = self.participants_table
        header = table.horizontalHeader()
        with QSignalBlocker(header):
            table.resizeColumnsToContents()
            for column in range(header.count()):
                extra = 48 if column == P_NAME else 20
                header.resizeSection(column, header.sectionSize(column) + extra)
        self._fit_width(table)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The wheel over a table scrolls the page (the tables show every row and never scroll)."""
        if event.type() == QEvent.Type.Wheel and watched in (
            self.participants_table.viewport(),
            self.questions_table.viewport(),
        ):
            QApplication.sendEvent(self.scroll.verticalScrollBar(), event)
            return True
        return super().eventFilter(watched, event)

    def _on_changed(self, changes: frozenset, _source: object) -> None:
        if changes & {operations.QUIZZES, operations.PARTICIPANTS}:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
