"""The results of an evaluation form: what the participants thought of the training, item by item.

From ``workspace.evaluations.results()`` over the session (or, with "All sessions", every session
that used the form): the number of responses, then each item in form order —

- a rating scale: a bar chart of how many chose each point, the mean and the share satisfied (the
  top two points) in big type, and, with "Show by sex", the same two figures for each group;
- a single, multiple or yes/no question: bars with counts, and a small table of counts and
  percentages (of the people who answered the item);
- a number: how many answered, the mean, the lowest and the highest;
- a text: every answer, in a read-only list that scrolls;
- a section heading: a title.

Texts are in the form's language. The screen changes nothing; it reads again when evaluations
change (at once if shown, else when next shown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.form_analysis import ItemAnalysis, sex_item
from trainer_desktop.core.form_content import CHOICE_KINDS, FormContent, FormItem, text_in
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.core.participants import SEXES
from trainer_desktop.ui import operations
from trainer_desktop.ui.charts import SERIES_COLOURS, GroupedBarChart, Series, nice_maximum

if TYPE_CHECKING:
    from trainer_desktop.core.evaluations import FormResults
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

DASH = "—"
#: Category labels under the bars longer than this are replaced by a number or letter (the full
#: text is in the tooltip and the table beside the chart).
SHORT_LABEL = 16
TEXT_KINDS = ("text", "longtext")
NUMBER_KINDS = ("integer", "decimal")


def number_text(value: float | None, most_digits: int = 2) -> str:
    """3.6667 -> "3.67" / "3,67"; 4.0 -> "4" (None -> a dash)."""
    if value is None:
        return DASH
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * most_digits if most_digits else "")
    return format_decimal(value, format=pattern, locale=i18n.current().locale)


def percent_text(share: float | None) -> str:
    """A share 0..1 -> "67%" / "67 %"."""
    return DASH if share is None else i18n.current().format_percent(share)


def _label(text: str, scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text)
    if scale != 1.0 or bold:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    label.setWordWrap(True)
    return label


def _faint(text: str) -> QLabel:
    label = _label(text)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _fixed_table(rows: list[list[str]], headers: list[str], name: str) -> QTableWidget:
    """A small read-only table that shows every row (the page scrolls, not the table)."""
    table = QTableWidget(len(rows), len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = QTableWidgetItem(text)
            if c:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, cell)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
    table.resizeColumnsToContents()
    for column in range(len(headers)):
        header.resizeSection(column, header.sectionSize(column) + 16)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.setFixedHeight(header.sizeHint().height() + table.verticalHeader().length()
                         + 2 * table.frameWidth() + 2)  # fmt: skip
    table.setFixedWidth(header.length() + 2 * table.frameWidth() + 2)
    return table


def table_texts(table: QTableWidget) -> list[list[str]]:
    """Every cell's text, row by row (for the tests and screen readers)."""
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]  # fmt: skip


class ItemBlock(QFrame):
    """One item's results. Attributes the tests read: ``item``, ``analysis``, ``title``,
    ``chart``, ``figures`` (name -> QLabel), ``table``, ``sex_table``, ``texts``."""

    def __init__(self, item: FormItem, analysis: ItemAnalysis | None, language: str,
                 sex_rows: list[tuple[str, ItemAnalysis]]) -> None:  # fmt: skip
        super().__init__()
        self.item = item
        self.analysis = analysis
        self.language = language
        self.chart: GroupedBarChart | None = None
        self.table: QTableWidget | None = None
        self.sex_table: QTableWidget | None = None
        self.texts: QListWidget | None = None
        self.figures: dict[str, QLabel] = {}
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 6, 0, 6)
        self.layout_.setSpacing(6)
        label = text_in(item.label, language) or item.name
        if item.kind == "heading":
            self.title = _label(label, 1.3, bold=True)
            self.layout_.addSpacing(8)
            self.layout_.addWidget(self.title)
            return
        self.title = _label(label, 1.08, bold=True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.title)
        assert analysis is not None
        answered = ngettext("{n} answer", "{n} answers", analysis.answered).format(
            n=analysis.answered
        )
        if item.kind == "multiple":
            answered += " · " + _("several answers possible")
        self.answered_label = _faint(answered)
        self.layout_.addWidget(self.answered_label)
        if item.kind == "rating":
            self._rating(analysis, sex_rows)
        elif item.kind in CHOICE_KINDS or item.kind == "yesno":
            self._choices(analysis)
        elif item.kind in NUMBER_KINDS:
            self._numbers(analysis)
        elif item.kind in TEXT_KINDS:
            self._texts(analysis)

    def _text(self, texts: dict[str, str]) -> str:
        return text_in(texts, self.language)

    # -- kinds ----------------------------------------------------------------------------------

    def _chart(self, categories: list[str], tooltips: list[str], counts: list[int],
               answered: int) -> GroupedBarChart:  # fmt: skip
        chart = GroupedBarChart()
        chart.setAccessibleName(self._text(self.item.label))
        top, step = nice_maximum(max(counts or [0]), 5)
        chart.value_text = lambda n: (
            f"{number_text(n)} ({percent_text(n / answered)})" if answered else number_text(n)
        )
        chart.short_value_text = lambda n: number_text(n)
        chart.axis_text = lambda n: number_text(n)
        chart.empty_text = _("No answer yet")
        chart.set_data(categories, [Series(_("Number of people"), counts, SERIES_COLOURS[1])],
                       tooltips=tooltips, maximum=top, step=step)  # fmt: skip
        chart.setFixedSize(min(max(360, 120 * len(categories) + 80), 680), 220)
        return chart

    def _rating(self, analysis: ItemAnalysis, sex_rows: list[tuple[str, ItemAnalysis]]) -> None:
        points = list(range(1, self.item.points + 1))
        labels = [self._text(self.item.point_labels[p - 1]) if len(self.item.point_labels) >= p
                  else "" for p in points]  # fmt: skip
        short = all(0 < len(t) <= SHORT_LABEL for t in labels)
        categories = labels if short else [str(p) for p in points]
        tooltips = [f"{p} – {t}" if t else str(p) for p, t in zip(points, labels, strict=True)]
        counts = [analysis.counts.get(str(p), 0) for p in points]
        self.chart = self._chart(categories, tooltips, counts, analysis.answered)
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignTop)
        figures = QVBoxLayout()
        figures.setSpacing(2)
        for key, value, caption in (
            ("mean", number_text(analysis.mean),
             _("mean, from 1 to {points}").format(points=self.item.points)),
            ("satisfied", percent_text(analysis.satisfied),
             _("satisfied (the top two points)")),
        ):  # fmt: skip
            big = _label(value, 2.2, bold=True)
            big.setWordWrap(False)
            big.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.figures[key] = big
            figures.addWidget(big)
            figures.addWidget(_faint(caption))
            figures.addSpacing(10)
        if not short and any(labels):
            scale = "\n".join(f"{p} = {t}" for p, t in zip(points, labels, strict=True) if t)
            self.scale_legend = _faint(scale)
            figures.addWidget(self.scale_legend)
        if sex_rows:
            self.sex_table = _fixed_table(
                [[group, number_text(a.answered), number_text(a.mean), percent_text(a.satisfied)]
                 for group, a in sex_rows],
                [_("By sex"), _("Answers"), _("Mean"), _("Satisfied")],
                _("By sex"))  # fmt: skip
            figures.addSpacing(6)
            figures.addWidget(self.sex_table)
        figures.addStretch(1)
        row.addLayout(figures)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def _choices(self, analysis: ItemAnalysis) -> None:
        if self.item.kind == "yesno":
            keys = ["yes", "no"]
            labels = [_("Yes"), _("No")]
        else:
            keys = [c.name for c in self.item.choices]
            labels = [self._text(c.label) or c.name for c in self.item.choices]
        short = all(len(t) <= SHORT_LABEL for t in labels)
        marks = labels if short else [str(i) for i in range(1, len(labels) + 1)]
        counts = [analysis.counts.get(k, 0) for k in keys]
        self.chart = self._chart(marks, labels, counts, analysis.answered)
        rows = []
        for mark, label, key, count in zip(marks, labels, keys, counts, strict=True):
            shown = label if short else f"{mark}. {label}"
            share = analysis.percent(key)
            rows.append(
                [shown, number_text(count), percent_text(None if share is None else share / 100)]
            )
        self.table = _fixed_table(rows, [_("Answer"), _("Number of people"), _("Share")],
                                  self._text(self.item.label))  # fmt: skip
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.addWidget(self.table)
        if self.item.kind == "multiple":
            side.addWidget(_faint(_("Shares are of the people who answered; someone who "
                                    "chose several answers counts in each.")))  # fmt: skip
        side.addStretch(1)
        row.addLayout(side)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def _numbers(self, analysis: ItemAnalysis) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(2)
        for column, (key, caption, value) in enumerate((
            ("count", _("Answers"), number_text(analysis.answered)),
            ("mean", _("Mean"), number_text(analysis.mean)),
            ("minimum", _("Lowest"), number_text(analysis.minimum)),
            ("maximum", _("Highest"), number_text(analysis.maximum)),
        )):  # fmt: skip
            big = _label(value, 1.6, bold=True)
            big.setWordWrap(False)
            big.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.figures[key] = big
            grid.addWidget(big, 0, column)
            grid.addWidget(_faint(caption), 1, column)
        grid.setColumnStretch(4, 1)
        self.layout_.addLayout(grid)

    def _texts(self, analysis: ItemAnalysis) -> None:
        self.texts = QListWidget()
        self.texts.setAccessibleName(self._text(self.item.label))
        self.texts.setWordWrap(True)
        self.texts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.texts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.texts.setAlternatingRowColors(True)
        self.texts.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.texts.setSpacing(2)
        self.texts.addItems(analysis.texts)
        self.texts.setMaximumWidth(960)
        line = self.texts.fontMetrics().height() + 8
        self.texts.setFixedHeight(min(max(len(analysis.texts), 1), 6) * line + 2 * line // 3
                                  if analysis.texts else line * 2)  # fmt: skip
        if not analysis.texts:
            self.texts.addItem(_("No answer yet"))
        self.layout_.addWidget(self.texts)


class EvaluationResultsView(QWidget):
    """The results of one evaluation form in a session, or across every session using it."""

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str,
                 form_id: str, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.form_id = form_id
        self.results: FormResults | None = None
        self.blocks: list[ItemBlock] = []
        self._stale = False
        self._build()
        runner.changed.connect(self._on_changed)
        self.refresh()

    def _build(self) -> None:
        self.title = _label("", 1.35, bold=True)
        self.count_label = _label("", 1.1)
        self.all_sessions = QCheckBox(_("All sessions"))
        self.all_sessions.setToolTip(_("Add up the responses of every session that used this form"))
        self.all_sessions.toggled.connect(lambda _on: self.refresh())
        self.by_sex = QCheckBox(_("Show by sex"))
        self.by_sex.setToolTip(_("For each rating scale, the mean and the share satisfied of "
                                 "women and of men"))  # fmt: skip
        self.by_sex.toggled.connect(self._show_sexes)
        top = QHBoxLayout()
        top.setSpacing(20)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.by_sex)
        top.addWidget(self.all_sessions)

        self.empty_label = _label(_("No response yet"), 1.2)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.content = QWidget()
        self.items_layout = QVBoxLayout(self.content)
        self.items_layout.setSpacing(10)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)

        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addLayout(top)
        outer.addWidget(self.empty_label, 1)
        outer.addWidget(self.scroll, 1)

    # -- showing --------------------------------------------------------------------------------

    def set_form(self, form_id: str) -> None:
        self.form_id = form_id
        self.refresh()

    def refresh(self) -> None:
        """Read the results again from the database."""
        self._stale = False
        form = self.workspace.evaluations.get(self.form_id)
        sessions = None if self.all_sessions.isChecked() else [self.session_id]
        results = self.workspace.evaluations.results(self.form_id, sessions)
        self.results = results
        self.title.setText(form.title)
        count = ngettext("{n} response", "{n} responses", results.responses).format(
            n=results.responses
        )
        if sessions is None and len(results.per_session) > 1:
            count += " · " + ngettext("from {n} session", "from {n} sessions",
                                      len(results.per_session)).format(n=len(results.per_session))  # fmt: skip
        self.count_label.setText(count)
        self.empty_label.setVisible(not results.responses)
        self.scroll.setVisible(bool(results.responses))
        self.by_sex.setVisible(bool(results.by_sex) and results.responses > 0)
        self._clear()
        if not results.responses:
            return
        content = form.content
        analyses = {a.item.name: a for a in results.items}
        groups = self._groups(content, results, form.language)
        for item in content.items:
            if item.kind == "note":
                continue
            analysis = analyses.get(item.name)
            if item.answerable and analysis is None:
                continue
            sex_rows = []
            if item.kind == "rating":
                for label, figures in groups:
                    match = next((a for a in figures if a.item.name == item.name), None)
                    if match is not None:
                        sex_rows.append((label, match))
            block = ItemBlock(item, analysis, form.language, sex_rows)
            self.blocks.append(block)
            self.items_layout.addWidget(block)
            block.show()  # at once, not when the layout next runs
        self.items_layout.addStretch(1)
        self._show_sexes(self.by_sex.isChecked())

    def _groups(
        self, content: FormContent, results: FormResults, language: str
    ) -> list[tuple[str, list[ItemAnalysis]]]:
        """(group name, figures) for each sex, in a steady order: the participant's sex when the
        form is named, else the answers to the form's own sex question."""
        asked = sex_item(content)
        choices = {c.name: text_in(c.label, language)
                   for c in asked.choices} if asked else {}  # fmt: skip
        order = list(SEXES) + list(choices)
        keys = sorted(
            results.by_sex, key=lambda k: (order.index(k) if k in order else len(order), k)
        )
        out = []
        for key in keys:
            name = _(SEXES[key]) if key in SEXES else choices.get(key, key)
            out.append((name, results.by_sex[key]))
        return out

    def _clear(self) -> None:
        for block in self.blocks:
            block.setParent(None)
            block.deleteLater()
        self.blocks = []
        while self.items_layout.count():
            self.items_layout.takeAt(0)

    def _show_sexes(self, shown: bool) -> None:
        for block in self.blocks:
            if block.sex_table is not None:
                block.sex_table.setVisible(shown)

    def _on_changed(self, changes: frozenset, _source: object) -> None:
        if changes & {operations.EVALUATIONS, operations.PARTICIPANTS, operations.SESSIONS}:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
