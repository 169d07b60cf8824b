"""The coordinator's overview across sessions: the funder's questions ("how many women trained in
Ségou region this year? what knowledge gain?") answered on screen, then in a workbook or a PDF.

Top, the filters (period, region, town, organiser, funder, theme: typed or picked, empty = any);
below, the key figures, a chart by sex and one by region, the people by institution and by
region, and the sessions in scope (double-click one to open it in the main window).

Every figure comes from :func:`core.overview.overview`. On a head-office database (hundreds of
sessions) it takes a few seconds, so it runs in a worker thread (:class:`.long_task.TaskJob`)
without a modal dialog: the window keeps answering while the coordinator types a filter; a
filter changed meanwhile stops the count under way and starts another. The figures are counted
again 300 ms after the last change of a filter, and when the data changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import Cancelled, UserError
from trainer_desktop.core.i18n import N_, Translator, _, ngettext
from trainer_desktop.core.overview import (
    FILTER_FIELDS,
    Overview,
    OverviewFilter,
    SessionRow,
    filter_choices,
    overview,
)
from trainer_desktop.core.participants import SEXES
from trainer_desktop.core.reporting import Count
from trainer_desktop.core.sessions import SESSION_LANGUAGES
from trainer_desktop.ui import operations
from trainer_desktop.ui.charts import SERIES_COLOURS, GroupedBarChart, Series, nice_maximum
from trainer_desktop.ui.long_task import TaskJob, run_with_progress
from trainer_desktop.ui.programme_print import documents_folder
from trainer_desktop.ui.quiz_print import UNSAFE_IN_FILE_NAMES
from trainer_desktop.ui.quiz_results_model import (
    _RIGHT,
    DASH,
    SortedRowsModel,
    number_text,
    percent_text,
    signed_text,
)
from trainer_desktop.ui.table_model import read_only_table

if TYPE_CHECKING:
    from trainer_desktop.core.progress import Progress
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

_Index = QModelIndex | QPersistentModelIndex

#: Wait this long after the last change of a filter before counting again.
DEBOUNCE_MS = 300
#: At most this many regions in the chart (the table beside lists them all).
CHART_REGIONS = 8
#: The filter boxes' labels, in FILTER_FIELDS order.
FILTER_LABELS = {"region": N_("Region"), "town": N_("Town"), "organiser": N_("Organiser"),
                 "funder": N_("Funder"), "theme": N_("Theme")}  # fmt: skip
SEX_NAMES = {"woman": N_("Women"), "man": N_("Men"), "unstated": N_("Sex not stated")}
#: The big numbers at the top, in order.
FIGURES = ("sessions", "people", "woman", "man", "attendance", "gain", "satisfaction")


def rate_text(rate: float | None) -> str:
    """A share (0..1) as a percentage, or a dash."""
    return DASH if rate is None else percent_text(100 * rate)


def not_stated(label: str) -> str:
    return label or _("Not stated")


# --- tables --------------------------------------------------------------------------------------


class SessionRowsModel(SortedRowsModel):
    """One row per session in scope; sorted by clicking a header (dates first by default)."""

    (TITLE, DATES, TOWN, REGION, PARTICIPANTS, WOMEN, ATTENDANCE, PRE, POST, GAIN,
     SATISFACTION) = range(11)  # fmt: skip
    HEADERS: ClassVar[dict[int, str]] = {
        TITLE: N_("Session"), DATES: N_("Dates"), TOWN: N_("Town"), REGION: N_("Region"),
        PARTICIPANTS: N_("Participants"), WOMEN: N_("Women"), ATTENDANCE: N_("Attendance"),
        PRE: N_("Pre-test"), POST: N_("Post-test"), GAIN: N_("Gain"),
        SATISFACTION: N_("Satisfaction"),
    }  # fmt: skip
    HEADER_TIPS: ClassVar[dict[int, str]] = {
        ATTENDANCE: N_("Share of the sign-in periods attended (present or late)"),
        PRE: N_("Mean pre-test score of those who took it"),
        POST: N_("Mean post-test score of those who took it"),
        GAIN: N_("Mean gain in points, for the people who took both tests"),
        SATISFACTION: N_("Share of the rating answers in the top two points of their scale"),
    }  # fmt: skip
    FIGURES: ClassVar[frozenset[int]] = frozenset(range(PARTICIPANTS, SATISFACTION + 1))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._order = (self.DATES, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: list[SessionRow]) -> None:
        self.beginResetModel()
        self._rows = self._arrange(list(rows))
        self.endResetModel()

    def row_at(self, row: int) -> SessionRow:
        return self._rows[row]

    def natural_key(self, row: SessionRow) -> Any:
        return (row.session.start_date, row.session.title.casefold())

    def sort_key(self, row: SessionRow, column: int) -> Any:
        session = row.session
        return {
            self.TITLE: session.title.casefold(),
            self.DATES: (session.start_date, session.end_date),
            self.TOWN: session.town.casefold() or None,
            self.REGION: session.region.casefold() or None,
            self.PARTICIPANTS: row.participants,
            self.WOMEN: row.by_sex.get("woman", 0),
            self.ATTENDANCE: row.attendance_rate,
            self.PRE: row.mean_pre,
            self.POST: row.mean_post,
            self.GAIN: row.mean_gain,
            self.SATISFACTION: row.satisfaction,
        }[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.FIGURES else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return row.session.title
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        session = row.session
        if column == self.TITLE:
            return session.title
        if column == self.DATES:
            return i18n.current().format_date_range(session.start_date, session.end_date)
        if column == self.TOWN:
            return session.town
        if column == self.REGION:
            return session.region
        if column == self.PARTICIPANTS:
            return number_text(row.participants)
        if column == self.WOMEN:
            return number_text(row.by_sex.get("woman", 0))
        if column == self.ATTENDANCE:
            return rate_text(row.attendance_rate)
        if column in (self.PRE, self.POST):
            return percent_text(row.mean_pre if column == self.PRE else row.mean_post)
        if column == self.GAIN:
            return signed_text(row.mean_gain, 1)
        return rate_text(row.satisfaction)


class CountsModel(SortedRowsModel):
    """People by one value (institution or region): most first, "not stated" last."""

    NAME, PEOPLE, SHARE = range(3)
    HEADERS: ClassVar[dict[int, str]] = {NAME: N_("Name"), PEOPLE: N_("People"),
                                         SHARE: N_("Share")}  # fmt: skip
    FIGURES: ClassVar[frozenset[int]] = frozenset({PEOPLE, SHARE})

    def __init__(self, name_header: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name_header = name_header  # already translated
        self._order = (self.PEOPLE, Qt.SortOrder.DescendingOrder)
        self._total = 0

    def set_counts(self, counts: list[Count]) -> None:
        self.beginResetModel()
        self._total = sum(c.count for c in counts)
        self._rows = self._arrange(list(counts))
        self.endResetModel()

    def natural_key(self, row: Count) -> Any:
        return (row.label == "", row.label.casefold())

    def sort_key(self, row: Count, column: int) -> Any:
        return row.label.casefold() or None if column == self.NAME else row.count

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if (orientation == Qt.Orientation.Horizontal and section == self.NAME
                and role == Qt.ItemDataRole.DisplayRole):  # fmt: skip
            return self.name_header
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.FIGURES else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return not_stated(row.label)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.NAME:
            return not_stated(row.label)
        if column == self.PEOPLE:
            return number_text(row.count)
        return rate_text(row.count / self._total if self._total else None)


# --- the window ----------------------------------------------------------------------------------


def _bold(text: str = "", scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def export_file_name(extension: str, today: dt.date | None = None) -> str:
    """“Overview across sessions 2024-05-02.xlsx”, safe for Windows."""
    name = " ".join(UNSAFE_IN_FILE_NAMES.sub(" ", _("Overview across sessions")).split())
    return f"{name} {(today or dt.date.today()).isoformat()}.{extension}"


def write_workbook(workspace: Workspace, wanted: OverviewFilter, out: Path, language: str,
                   progress: Progress | None = None) -> Path:  # fmt: skip
    # Imported when first exporting: openpyxl is slow to load and not needed to show a window.
    from trainer_desktop.reports.overview_workbook import write_overview_workbook

    return write_overview_workbook(workspace, wanted, out, translator=Translator(language),
                                   progress=progress)  # fmt: skip


def write_pdf(workspace: Workspace, wanted: OverviewFilter, out: Path, language: str,
              progress: Progress | None = None) -> Path:  # fmt: skip
    # Imported when first exporting: ReportLab is slow to load and not needed to show a window.
    from trainer_desktop.reports.overview_pdf import write_overview_pdf

    return write_overview_pdf(workspace, wanted, out, translator=Translator(language),
                              progress=progress)  # fmt: skip


class OverviewWindow(QDialog):
    """Figures across the sessions a filter chooses; exports them; checks certificates."""

    #: The coordinator double-clicked a session: open it in the main window (its id).
    session_requested = Signal(str)
    #: New figures are on screen (after each count; the tests wait for it).
    refreshed = Signal()

    def __init__(self, workspace: Workspace, runner: OperationRunner,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.figures: Overview | None = None
        self.saved_to: Path | None = None
        self._job: TaskJob[Overview] | None = None
        self._again = False  # a filter changed while counting: count again when it stops
        self.setWindowTitle(_("Overview across sessions"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.recount)
        self._build()
        self._fill_choices()
        runner.changed.connect(self._on_changed)
        self._following = True
        app = QApplication.instance()
        if app is not None:  # quitting while counting: the thread must end first
            app.aboutToQuit.connect(self.stop_counting)
        self.resize(1300, 700)  # within a 1366×768 screen, its taskbar and title bar
        self.recount()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.content = QWidget()
        page = QVBoxLayout(self.content)
        page.setContentsMargins(0, 4, 12, 4)
        page.setSpacing(10)
        page.addLayout(self._figures())
        page.addSpacing(6)
        page.addLayout(self._charts())
        page.addSpacing(6)
        page.addLayout(self._count_tables())
        page.addSpacing(6)
        self.sessions_heading = _bold(_("Sessions"), 1.2)
        page.addWidget(self.sessions_heading)
        page.addWidget(self._sessions_table())
        page.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(self._buttons())

    def _filters(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        today = QDate.currentDate()
        self.from_check = QCheckBox(i18n.current().pgettext("date filter", "From"))
        self.from_check.setToolTip(_("Sessions that end on or after this day"))
        self.from_date = QDateEdit(QDate(today.year(), 1, 1))
        self.to_check = QCheckBox(i18n.current().pgettext("date filter", "To"))
        self.to_check.setToolTip(_("Sessions that start on or before this day"))
        self.to_date = QDateEdit(today)
        period = QHBoxLayout()
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            edit.setLocale(QLocale(i18n.current().locale))  # dates as the interface writes them
            edit.setDisplayFormat("d MMM yyyy")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.setAccessibleName(check.text())
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._filter_changed)
            edit.dateChanged.connect(self._filter_changed)
            period.addWidget(check)
            period.addWidget(edit)
            period.addSpacing(8)
        period.addStretch(1)
        grid.addWidget(_bold(_("Period")), 0, 0)
        grid.addLayout(period, 0, 1)

        self.choices: dict[str, QComboBox] = {}
        spots = {"region": (0, 2), "town": (0, 4), "organiser": (1, 0), "funder": (1, 2),
                 "theme": (1, 4)}  # fmt: skip
        for name in FILTER_FIELDS:
            label = FILTER_LABELS[name]
            box = QComboBox()
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(18)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            box.lineEdit().setPlaceholderText(_("Any"))
            box.lineEdit().setClearButtonEnabled(True)
            box.setAccessibleName(_(label))
            box.editTextChanged.connect(self._filter_changed)
            self.choices[name] = box
            row, column = spots[name]
            caption = QLabel(_(label))
            caption.setBuddy(box)
            grid.addWidget(caption, row, column)
            grid.addWidget(box, row, column + 1)
        self.reset_button = QPushButton(_("Reset"))
        self.reset_button.setToolTip(_("Every session, whatever its dates, place or funder"))
        self.reset_button.clicked.connect(self.reset_filters)
        grid.addWidget(self.reset_button, 1, 6)
        self.status_label = QLabel()
        self.status_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        grid.addWidget(self.status_label, 0, 6)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        return grid

    def _figures(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(0)
        self.figure_labels: dict[str, QLabel] = {}
        self.caption_labels: dict[str, QLabel] = {}
        for column, key in enumerate(FIGURES):
            value = _bold("", 2.0)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel()
            caption.setWordWrap(True)
            caption.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
            grid.addWidget(value, 0, column)
            grid.addWidget(caption, 1, column)
            grid.setColumnStretch(column, 1)
            self.figure_labels[key] = value
            self.caption_labels[key] = caption
        return grid

    def _charts(self) -> QHBoxLayout:
        self.sex_chart = GroupedBarChart()
        self.sex_chart.setAccessibleName(_("People by sex"))
        self.region_chart = GroupedBarChart()
        self.region_chart.setAccessibleName(_("People by region"))
        for chart in (self.sex_chart, self.region_chart):
            chart.setMinimumHeight(230)
            chart.empty_text = _("No participant in these sessions.")
            chart.value_text = lambda v: number_text(v)
            chart.axis_text = lambda v: number_text(v)
            chart.short_value_text = lambda v: number_text(v)
        row = QHBoxLayout()
        row.setSpacing(24)
        for title, chart, stretch in ((_("People by sex"), self.sex_chart, 2),
                                      (_("People by region"), self.region_chart, 5)):  # fmt: skip
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(_bold(title, 1.1))
            column.addWidget(chart, 1)
            row.addLayout(column, stretch)
        return row

    def _count_tables(self) -> QHBoxLayout:
        self.institutions_model = CountsModel(_("Institution"), self)
        self.regions_model = CountsModel(_("Region"), self)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.institutions_table = self._table(self.institutions_model, _("People by institution"))
        self.regions_table = self._table(self.regions_model, _("People by region"))
        for title, table, stretch in ((_("People by institution"), self.institutions_table, 3),
                                      (_("People by region"), self.regions_table, 2)):  # fmt: skip
            table.horizontalHeader().setSectionResizeMode(CountsModel.NAME,
                                                          QHeaderView.ResizeMode.Stretch)  # fmt: skip
            # Ten rows at most: a head office meets hundreds of institutions.
            table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                                 + 10 * table.verticalHeader().defaultSectionSize()
                                 + 2 * table.frameWidth() + 2)  # fmt: skip
            column = QVBoxLayout()
            column.setSpacing(4)
            column.addWidget(_bold(title, 1.1))
            column.addWidget(table)
            row.addLayout(column, stretch)
        return row

    def _sessions_table(self) -> QTableView:
        self.sessions_model = SessionRowsModel(self)
        table = self._table(self.sessions_model, _("Sessions"))
        header = table.horizontalHeader()
        header.setSectionResizeMode(SessionRowsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(SessionRowsModel.DATES, Qt.SortOrder.AscendingOrder)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setToolTip(_("Double-click a session to open it"))
        table.doubleClicked.connect(self._open_session)
        table.viewport().installEventFilter(self)  # the wheel scrolls the page
        self.sessions_table = table
        return table

    @staticmethod
    def _table(model: SortedRowsModel, name: str) -> QTableView:
        table = read_only_table(model, name)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(*model._order)
        table.setSortingEnabled(True)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        return table

    def _buttons(self) -> QHBoxLayout:
        self.language = QComboBox()
        for code in i18n.LANGUAGES:
            label = SESSION_LANGUAGES.get(code)
            self.language.addItem(_(label) if label else code, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current().language)))
        self.language.setAccessibleName(_("Language of the documents"))
        self.check_button = QPushButton(_("Check a certificate…"))
        self.check_button.clicked.connect(self.check_certificate)
        self.workbook_button = QPushButton(_("Export workbook…"))
        self.workbook_button.setToolTip(_("The figures, the sessions and every participant in an "
                                          "Excel workbook"))  # fmt: skip
        self.workbook_button.clicked.connect(self.export_workbook)
        self.pdf_button = QPushButton(_("Export PDF…"))
        self.pdf_button.setToolTip(_("The figures and the sessions in a PDF report"))
        self.pdf_button.clicked.connect(self.export_pdf)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        close.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addStretch(1)
        row.addWidget(QLabel(_("Language of the documents")))
        row.addWidget(self.language)
        row.addWidget(self.workbook_button)
        row.addWidget(self.pdf_button)
        row.addSpacing(12)
        row.addWidget(close)
        self._export_tips = {b: b.toolTip() for b in (self.workbook_button, self.pdf_button)}
        for button in (self.check_button, self.workbook_button, self.pdf_button):
            button.setAutoDefault(False)  # Enter in a filter box must not export
        return row

    # -- filters --------------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """The values the sessions hold, offered in each box (what is typed is kept)."""
        values = filter_choices(self.workspace)
        for name, box in self.choices.items():
            typed = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItems(values.get(name, []))
            box.setCurrentIndex(-1)
            box.setEditText(typed)
            box.blockSignals(False)
            completer = QCompleter(values.get(name, []), box)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            box.setCompleter(completer)

    def current_filter(self) -> OverviewFilter:
        def day(check: QCheckBox, edit: QDateEdit) -> dt.date | None:
            return edit.date().toPython() if check.isChecked() else None

        return OverviewFilter(start=day(self.from_check, self.from_date),
                              end=day(self.to_check, self.to_date),
                              **{name: box.currentText().strip()
                                 for name, box in self.choices.items()})  # fmt: skip

    def reset_filters(self) -> None:
        for widget in (self.from_check, self.to_check, *self.choices.values()):
            widget.blockSignals(True)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        for edit in (self.from_date, self.to_date):
            edit.setEnabled(False)
        for box in self.choices.values():
            box.setCurrentIndex(-1)
            box.setEditText("")
        for widget in (self.from_check, self.to_check, *self.choices.values()):
            widget.blockSignals(False)
        self._filter_changed()

    def _filter_changed(self, *_args: object) -> None:
        self.status_label.setText(_("Counting…"))
        self._timer.start()

    # -- counting -------------------------------------------------------------------------------

    def is_counting(self) -> bool:
        return self._job is not None or self._timer.isActive()

    def recount(self) -> None:
        """Count the figures of the current filter in a worker thread (one count at a time)."""
        self._timer.stop()
        if self._job is not None:  # stop it; the count starts again when it has stopped
            self._again = True
            self._job.cancel()
            return
        wanted = self.current_filter()
        self.status_label.setText(_("Counting…"))
        job: TaskJob[Overview] = TaskJob(
            lambda progress: overview(self.workspace, wanted, progress)
        )
        job.finished.connect(self._counted)
        self._job = job
        job.start()

    def _counted(self) -> None:
        job = self._job
        if job is None or not job.isFinished():  # a count stopped earlier: this one goes on
            return
        self._job = None
        job.wait()
        job.deleteLater()
        if self._again:
            self._again = False
            self.recount()
            return
        if isinstance(job.error, Cancelled):
            return
        if isinstance(job.error, UserError):  # the database is locked or gone
            self.status_label.setText(job.error.message)
            return
        if job.error is not None:
            raise job.error
        self.status_label.setText("")
        self.show_overview(job.result)

    def stop_counting(self) -> None:
        """Stop the count under way and wait for its thread (before the window goes)."""
        self._timer.stop()
        job, self._job = self._job, None
        if job is not None:
            job.cancel()
            job.wait()
            job.deleteLater()

    # -- showing --------------------------------------------------------------------------------

    def show_overview(self, figures: Overview) -> None:
        self.figures = figures
        self._show_figures(figures)
        self._show_charts(figures)
        self.institutions_model.set_counts(figures.by_institution)
        self.regions_model.set_counts(figures.by_region)
        self.sessions_model.set_rows(figures.sessions)
        self._fit_sessions_table()
        nothing = not figures.sessions
        self.sessions_heading.setText(ngettext("{n} session", "{n} sessions",
                                               len(figures.sessions)).format(
            n=number_text(len(figures.sessions))))  # fmt: skip
        for button, tip in self._export_tips.items():
            button.setEnabled(not nothing)
            button.setToolTip(_("No session fits these filters.") if nothing else tip)
        self.refreshed.emit()

    def _show_figures(self, figures: Overview) -> None:
        people = figures.people
        sessions = len(figures.sessions)
        values = {
            "sessions": number_text(sessions),
            "people": number_text(people),
            "woman": number_text(figures.by_sex.get("woman", 0)),
            "man": number_text(figures.by_sex.get("man", 0)),
            "attendance": rate_text(figures.attendance_rate),
            "gain": signed_text(figures.mean_gain, 1),
            "satisfaction": rate_text(figures.satisfaction),
        }
        first = min((r.session.start_date for r in figures.sessions), default=None)
        last = max((r.session.end_date for r in figures.sessions), default=None)
        captions = {
            "sessions": ngettext("session", "sessions", sessions) + (
                "\n" + i18n.current().format_date_range(first, last) if first and last else ""),
            "people": ngettext("person trained", "people trained", people) + "\n" + ngettext(
                "{n} enrolment (a person trained twice counts once)",
                "{n} enrolments (a person trained twice counts once)",
                figures.enrolments).format(n=number_text(figures.enrolments)),
            "woman": _("women — {share}").format(
                share=rate_text(figures.by_sex.get("woman", 0) / people if people else None)),
            "man": _("men — {share}").format(
                share=rate_text(figures.by_sex.get("man", 0) / people if people else None)),
            "attendance": _("attendance: sign-in periods attended, present or late"),
            "gain": _("points gained on average from the pre-test to the post-test"),
            "satisfaction": _("satisfied: rating answers in the top two points") + "\n" + ngettext(
                "{n} evaluation form filled in", "{n} evaluation forms filled in",
                figures.responses).format(n=number_text(figures.responses)),
        }  # fmt: skip
        unstated = figures.by_sex.get("unstated", 0)
        if unstated:
            captions["man"] += "\n" + ngettext("{n} person's sex not stated",
                                               "{n} people's sex not stated",
                                               unstated).format(n=number_text(unstated))  # fmt: skip
        for key in FIGURES:
            self.figure_labels[key].setText(values[key])
            self.caption_labels[key].setText(captions[key])

    def _show_charts(self, figures: Overview) -> None:
        sexes = [s for s in SEXES if s != "unstated" or figures.by_sex.get(s)]
        counts = [float(figures.by_sex.get(s, 0)) for s in sexes]
        top, step = nice_maximum(max(counts, default=0))
        people = _("People")
        self.sex_chart.set_data([_(name) for name in (SEX_NAMES[s] for s in sexes)],
                                [Series(people, counts, SERIES_COLOURS[1])] if figures.people else [],
                                maximum=top, step=step)  # fmt: skip
        regions = figures.by_region[:CHART_REGIONS]
        counts = [float(c.count) for c in regions]
        top, step = nice_maximum(max(counts, default=0))
        names = [not_stated(c.label) for c in regions]
        self.region_chart.set_data([self._short(n) for n in names],
                                   [Series(people, counts, SERIES_COLOURS[1])] if regions else [],
                                   tooltips=names, maximum=top, step=step)  # fmt: skip
        more = len(figures.by_region) - len(regions)
        self.region_chart.caption = (ngettext("and {n} more region in the table below",
                                              "and {n} more regions in the table below",
                                              more).format(n=more) if more else "")  # fmt: skip

    @staticmethod
    def _short(name: str, most: int = 14) -> str:
        """A region under its bar: cut with an ellipsis (the tooltip has it whole)."""
        return name if len(name) <= most else name[: most - 1].rstrip(" -'") + "…"

    def _fit_sessions_table(self) -> None:
        """The sessions table shows every row: the page scrolls, not the table."""
        table = self.sessions_table
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + table.verticalHeader().length() + 2 * table.frameWidth() + 2
                             + (table.horizontalScrollBar().sizeHint().height()
                                if table.horizontalScrollBar().isVisible() else 0))  # fmt: skip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and watched is self.sessions_table.viewport():
            QApplication.sendEvent(self.scroll.verticalScrollBar(), event)
            return True
        return super().eventFilter(watched, event)

    def _open_session(self, index: QModelIndex) -> None:
        if index.isValid():
            self.session_requested.emit(self.sessions_model.row_at(index.row()).session.id)

    def _on_changed(self, changes: frozenset, _source: object) -> None:
        if changes & {operations.SESSIONS, operations.PARTICIPANTS, operations.ATTENDANCE,
                      operations.QUIZZES, operations.EVALUATIONS, operations.MERGE}:  # fmt: skip
            if operations.SESSIONS in changes or operations.MERGE in changes:
                self._fill_choices()
            self._timer.start()

    # -- exports and certificates ---------------------------------------------------------------

    def _ask_file(self, title: str, extension: str, kinds: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, title, str(documents_folder() / export_file_name(extension)), kinds
        )
        if not path:
            return None
        return Path(path if path.lower().endswith(f".{extension}") else f"{path}.{extension}")

    def _export(self, title: str, out: Path, write: Any) -> Path | None:
        wanted, language = self.current_filter(), self.language.currentData()
        written = run_with_progress(self, title, _("Writing {name}…").format(name=out.name),
                                    lambda progress: write(self.workspace, wanted, out, language,
                                                           progress))  # fmt: skip
        if written is not None:
            self.saved_to = Path(written)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
        return written

    def export_workbook(self) -> Path | None:
        """The workbook of the sessions in scope, in the chosen language; opened once written."""
        out = self._ask_file(_("Save the overview as a workbook"), "xlsx",
                             _("Excel workbooks (*.xlsx)"))  # fmt: skip
        return None if out is None else self._export(_("Export workbook"), out, write_workbook)

    def export_pdf(self) -> Path | None:
        """The PDF report of the sessions in scope, in the chosen language; opened once written."""
        out = self._ask_file(_("Save the overview as PDF"), "pdf", _("PDF documents (*.pdf)"))
        return None if out is None else self._export(_("Export PDF"), out, write_pdf)

    def check_certificate(self) -> QDialog:
        from .certificate_check import CertificateCheckDialog

        dialog = CertificateCheckDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- closing --------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self.stop_counting()
        if self._following:
            self._following = False
            self.runner.changed.disconnect(self._on_changed)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_counting()
        super().closeEvent(event)


__all__ = ["CountsModel", "OverviewWindow", "SessionRowsModel", "export_file_name"]
