"""The two tables of the pre/post test results as Qt models, and how their figures are written.

- :class:`ParticipantResultsModel`: one row per enrolled person, under the heading of their group
  (both tests, only the pre-test, only the post-test, no test), so nobody silently drops out of
  the figures; sorting orders people within their group.
- :class:`QuestionResultsModel`: one row per question — share of right answers before and after,
  facility and discrimination indices — with the two warnings a trainer acts on: a question few
  got right even after the training, and one that strong and weak participants get right as
  often (its wording needs checking).

Both only show what ``workspace.quizzes.results()`` computed; :mod:`.quiz_results` is the screen.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextDocument, QTextDocumentFragment

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.participants import SEXES
from trainer_desktop.core.quiz_content import Question
from trainer_desktop.core.quiz_scoring import ItemStatistics
from trainer_desktop.core.quizzes import ParticipantResult, PhaseAttempt, QuestionRow
from trainer_desktop.ui.table_model import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex
DASH = "—"

#: Below this share of right answers in the post-test, a question was not learned.
LEARNED_THRESHOLD = 50.0
#: Below this discrimination index (or negative), a question does not tell who knows.
DISCRIMINATION_THRESHOLD = 20.0
NOT_LEARNED = "not_learned"
CHECK_WORDING = "check_wording"
#: (background, text) tints of the two warnings, and of a group's heading row.
FLAG_TINTS = {
    NOT_LEARNED: (QColor("#fbecc8"), QColor("#5c4400")),
    CHECK_WORDING: (QColor("#f6d9d6"), QColor("#8c1d18")),
}
GROUP_TINT = (QColor("#e3e8ef"), QColor("#1f2a37"))
FLAG_TEXTS = {
    NOT_LEARNED: N_("Few got it right even after the training"),
    CHECK_WORDING: N_("Strong participants got it wrong as often as weak ones: check the wording"),
}

#: The set of warnings of a question row (NOT_LEARNED, CHECK_WORDING).
FlagsRole = Qt.ItemDataRole.UserRole + 1
#: The group of a participant row: "both", "pre", "post" or "none".
GroupRole = Qt.ItemDataRole.UserRole + 2
#: True on the heading row of a group.
GroupHeadingRole = Qt.ItemDataRole.UserRole + 3
#: The number a cell shows, for sorting and the tests (None when it shows none).
ValueRole = Qt.ItemDataRole.UserRole + 4


# --- formatting ----------------------------------------------------------------------------------


def percent_text(value: float | None, digits: int = 0) -> str:
    """42.5 -> "42.5%" / "42,5 %" (a value in percent, None -> a dash)."""
    if value is None:
        return DASH
    return i18n.current().format_percent(value / 100, digits)


def _pattern(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits else "")


def number_text(value: float, digits: int = 0) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format=_pattern(digits), locale=i18n.current().locale)


def signed_text(value: float | None, digits: int = 0) -> str:
    """A change in points, with the locale's sign: "+29", "-4", "0" (no sign when it rounds to
    zero)."""
    if value is None:
        return DASH
    if round(abs(value), digits) == 0:
        return number_text(0, digits)
    from babel.numbers import format_decimal

    pattern = _pattern(digits)
    return format_decimal(value, format=f"+{pattern};-{pattern}", locale=i18n.current().locale)


def points_text(value: float) -> str:
    return i18n.current().format_number(round(value, 2))


def attempt_text(attempt: PhaseAttempt) -> str:
    """The percentage first, as it is what compares: "67% (2/3)"."""
    result = attempt.result
    return _("{percent} ({score}/{max})").format(
        percent=percent_text(result.percent), score=points_text(result.score),
        max=points_text(result.max_score))  # fmt: skip


def attempt_tooltip(attempt: PhaseAttempt) -> str:
    result = attempt.result
    total = len(result.credits)
    how = _("on paper") if attempt.attempt.mode == "paper" else _("on the laptop")
    return _("{score} of {max} points · {answered} of {total} questions answered · {how}").format(
        score=points_text(result.score), max=points_text(result.max_score),
        answered=result.answered, total=total, how=how)  # fmt: skip


def question_plain_text(question: Question) -> str:
    """The question as plain text, whatever it was written in (HTML, Markdown, Moodle)."""
    text = question.text
    if question.text_format in ("html", "moodle") or (question.text_format == "" and "<" in text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    elif question.text_format == "markdown":
        document = QTextDocument()
        document.setMarkdown(text)
        text = document.toPlainText()
    return " ".join(text.split())


def _tint(role: int, tint: tuple[QColor, QColor] | None) -> QBrush | None:
    if tint is None:
        return None
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(tint[0])
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(tint[1])
    return None


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


# --- models --------------------------------------------------------------------------------------


def _sorted(rows: Sequence[Any], key: Callable[[Any], Any], descending: bool) -> list[Any]:
    """Rows by ``key``; rows without a value (None) stay last whichever the order."""
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=key, reverse=descending)
    return present + missing


class SortedRowsModel(RowsTableModel):
    """A read-only table the view sorts by clicking a header; the order is kept across
    refreshes. Subclasses give ``sort_key(row, column)`` and may keep rows in groups."""

    HEADER_TIPS: ClassVar[Mapping[int, str]] = {}
    #: Columns of figures: right-aligned, headers included.
    FIGURES: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._order: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)

    def sort_key(self, row: Any, column: int) -> Any:
        raise NotImplementedError

    def natural_key(self, row: Any) -> Any:
        """The order of rows with the same value (people by name, questions by number)."""
        return self.sort_key(row, 0)

    def _arrange(self, rows: list[Any]) -> list[Any]:
        column, order = self._order
        rows = sorted(rows, key=self.natural_key)
        return _sorted(rows, lambda r: self.sort_key(r, column),
                       order == Qt.SortOrder.DescendingOrder)  # fmt: skip

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [(self._rows[i.row()], i.column()) for i in before]
        self._rows = self._arrange(self._rows)
        where = {id(row): n for n, row in enumerate(self._rows)}
        self.changePersistentIndexList(before, [self.index(where[id(r)], c) for r, c in kept])
        self.layoutChanged.emit()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            tip = self.HEADER_TIPS.get(section)
            return _(tip) if tip else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in self.FIGURES else None
        return super().headerData(section, orientation, role)


@dataclass
class ParticipantLine:
    """One row of the participants table: a person, or the heading of a group."""

    group: str  # "both", "pre", "post", "none"
    result: ParticipantResult | None = None  # None: the group's heading
    position: int = 0  # in the core's order (by name)
    count: int = 0  # a heading: how many people in the group


GROUPS = ("both", "pre", "post", "none")


def group_title(group: str, count: int) -> str:
    """The heading of a group of participants, "Only the pre-test (2 people)"."""
    if group == "both":
        text = ngettext("Both tests ({n} person)", "Both tests ({n} people)", count)
    elif group == "pre":
        text = ngettext("Only the pre-test ({n} person)", "Only the pre-test ({n} people)", count)
    elif group == "post":
        text = ngettext("Only the post-test ({n} person)", "Only the post-test ({n} people)", count)
    else:
        text = ngettext("No test taken ({n} person)", "No test taken ({n} people)", count)
    return text.format(n=count)


P_NAME, P_SEX, P_PRE, P_POST, P_GAIN, P_NORMALISED = range(6)


def group_of(result: ParticipantResult) -> str:
    if result.pre and result.post:
        return "both"
    if result.pre:
        return "pre"
    return "post" if result.post else "none"


class ParticipantResultsModel(SortedRowsModel):
    """One row per enrolled person under the heading of their group (both tests, only the
    pre-test, only the post-test, neither); sorting orders people within their group."""

    HEADERS: ClassVar[Mapping[int, str]] = {P_NAME: N_("Name"), P_SEX: N_("Sex"), P_PRE: N_("Pre-test"),
               P_POST: N_("Post-test"), P_GAIN: N_("Gain (points)"),
               P_NORMALISED: N_("Normalised gain")}  # fmt: skip
    HEADER_TIPS: ClassVar[Mapping[int, str]] = {
        P_PRE: N_("Score in the pre-test: percentage (points / total)"),
        P_POST: N_("Score in the post-test: percentage (points / total)"),
        P_GAIN: N_("Post-test percentage minus pre-test percentage"),
        P_NORMALISED: N_(
            "Share of what there was to learn that was learned: (post − pre) ÷ (100 − pre)"
        ),
    }

    FIGURES = frozenset({P_PRE, P_POST, P_GAIN, P_NORMALISED})

    def set_results(self, participants: Sequence[ParticipantResult]) -> None:
        self.beginResetModel()
        self._rows = [ParticipantLine(group_of(r), r, n) for n, r in enumerate(participants)]
        self._rows = self._arrange(self._rows)
        self.endResetModel()

    def _arrange(self, rows: list[ParticipantLine]) -> list[ParticipantLine]:
        people = [r for r in rows if r.result is not None]
        headings = {r.group: r for r in rows if r.result is None}  # kept: a sort moves them
        out = []
        for group in GROUPS:
            members = [r for r in people if r.group == group]
            if members:
                out.append(headings.get(group) or ParticipantLine(group, None, -1, len(members)))
                out.extend(super()._arrange(members))
        return out

    def is_heading(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row].result is None

    def line(self, row: int) -> ParticipantLine:
        return self._rows[row]

    def sort_key(self, line: ParticipantLine, column: int) -> Any:
        result = line.result
        if column == P_NAME or result is None:
            return line.position
        if column == P_SEX:
            sex = result.person.participant.sex
            return (_(SEXES.get(sex, sex)).casefold(), line.position)
        if column == P_PRE:
            return result.pre.percent if result.pre else None
        if column == P_POST:
            return result.post.percent if result.post else None
        if column == P_GAIN:
            return result.gain
        if column == P_NORMALISED:
            return result.normalised_gain
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.isValid() and self.is_heading(index.row()):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return super().flags(index)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line = self._rows[index.row()]
        if role == GroupRole:
            return line.group
        if role == GroupHeadingRole:
            return line.result is None
        if line.result is None:
            return self._heading_data(line, index.column(), role)
        return self._person_data(line, line.result, index.column(), role)

    def _heading_data(self, line: ParticipantLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == P_NAME:
            return group_title(line.group, line.count)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return _tint(role, GROUP_TINT)

    def _person_data(self, line: ParticipantLine, result: ParticipantResult, column: int,
                     role: int) -> Any:  # fmt: skip
        participant = result.person.participant
        if column == P_NAME:
            if role == Qt.ItemDataRole.DisplayRole:
                return participant.display_name
            if role == Qt.ItemDataRole.ToolTipRole:
                details = [d for d in (participant.function, participant.institution) if d]
                return " — ".join([participant.display_name, *details])
            return None
        if column == P_SEX:
            if role == Qt.ItemDataRole.DisplayRole:
                return _(SEXES[participant.sex]) if participant.sex in SEXES else participant.sex
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == ValueRole:
            return self.sort_key(line, column)
        if column in (P_PRE, P_POST):
            attempt = result.pre if column == P_PRE else result.post
            if role == Qt.ItemDataRole.DisplayRole:
                return attempt_text(attempt) if attempt else _("not taken")
            if role == Qt.ItemDataRole.ToolTipRole and attempt:
                return attempt_tooltip(attempt)
            if role == Qt.ItemDataRole.ForegroundRole and attempt is None:
                return QBrush(QColor("#6b7280"))
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == P_GAIN:
                return signed_text(result.gain)
            if column == P_NORMALISED:
                g = result.normalised_gain
                return DASH if g is None else percent_text(100 * g)
        complete = result.pre is not None and result.post is not None
        if role == Qt.ItemDataRole.ToolTipRole and column == P_NORMALISED and complete \
                and result.normalised_gain is None:  # fmt: skip
            return _("Full marks in the pre-test: nothing was left to learn")
        return None


Q_NUMBER, Q_TEXT, Q_PRE, Q_POST, Q_CHANGE, Q_FACILITY_PRE, Q_FACILITY_POST, Q_DISCR_PRE, \
    Q_DISCR_POST = range(9)  # fmt: skip


def question_flags(row: QuestionRow) -> set[str]:
    """What a trainer should look at in this question (see :data:`FLAG_TEXTS`)."""
    flags = set()
    if row.post is not None and (row.post.percent_correct or 0) < LEARNED_THRESHOLD:
        flags.add(NOT_LEARNED)
    if any(_weak(s) for s in (row.pre, row.post)):
        flags.add(CHECK_WORDING)
    return flags


def _weak(stats: ItemStatistics | None) -> bool:
    return stats is not None and stats.discrimination is not None and \
        stats.discrimination < DISCRIMINATION_THRESHOLD  # fmt: skip


def _change(row: QuestionRow) -> float | None:
    before = row.pre.percent_correct if row.pre else None
    after = row.post.percent_correct if row.post else None
    return None if before is None or after is None else after - before


class QuestionResultsModel(SortedRowsModel):
    """One row per question of the pre-test, beside the same question in the post-test."""

    HEADERS: ClassVar[Mapping[int, str]] = {Q_NUMBER: N_("No."), Q_TEXT: N_("Question"), Q_PRE: N_("Correct\nbefore"),
               Q_POST: N_("Correct\nafter"), Q_CHANGE: N_("Change\n(points)"),
               Q_FACILITY_PRE: N_("Facility\nbefore"), Q_FACILITY_POST: N_("Facility\nafter"),
               Q_DISCR_PRE: N_("Discrimination\nbefore"),
               Q_DISCR_POST: N_("Discrimination\nafter")}  # fmt: skip
    HEADER_TIPS: ClassVar[Mapping[int, str]] = {
        Q_PRE: N_("Share of the people who got the question fully right in the pre-test"),
        Q_POST: N_("Share of the people who got the question fully right in the post-test"),
        Q_CHANGE: N_("Share right after minus share right before"),
        Q_FACILITY_PRE: N_(
            "Facility index: the average mark on the question, partial marks included (pre-test)"
        ),
        Q_FACILITY_POST: N_(
            "Facility index: the average mark on the question, partial marks included (post-test)"
        ),
        Q_DISCR_PRE: N_(
            "Discrimination index (−100 to 100): how much more often the people who "
            "did well on the rest of the test got this question right. Below 20, "
            "the question does not tell who knows (pre-test)"
        ),
        Q_DISCR_POST: N_(
            "Discrimination index (−100 to 100): how much more often the people who "
            "did well on the rest of the test got this question right. Below 20, "
            "the question does not tell who knows (post-test)"
        ),
    }

    FIGURES = frozenset({Q_NUMBER, *range(Q_PRE, Q_DISCR_POST + 1)})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._texts: dict[int, str] = {}  # id(row) -> the question as plain text

    def set_rows(self, rows: Sequence[QuestionRow]) -> None:
        self.beginResetModel()
        self._texts = {id(r): question_plain_text(r.question) for r in rows}
        self._rows = self._arrange(list(rows))
        self.endResetModel()

    def row_at(self, row: int) -> QuestionRow:
        return self._rows[row]

    def sort_key(self, row: QuestionRow, column: int) -> Any:
        stats = {Q_PRE: row.pre, Q_FACILITY_PRE: row.pre, Q_DISCR_PRE: row.pre,
                 Q_POST: row.post, Q_FACILITY_POST: row.post, Q_DISCR_POST: row.post}  # fmt: skip
        if column == Q_NUMBER:
            return row.number
        if column == Q_TEXT:
            return self._texts.get(id(row), "").casefold()
        if column == Q_CHANGE:
            return _change(row)
        item = stats.get(column)
        if item is None:
            return None
        if column in (Q_PRE, Q_POST):
            return item.percent_correct
        if column in (Q_FACILITY_PRE, Q_FACILITY_POST):
            return item.facility
        return item.discrimination

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        flags = question_flags(row)
        if role == FlagsRole:
            return flags
        if role == ValueRole:
            return self.sort_key(row, column)
        flag = self._cell_flag(row, column, flags)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return _tint(role, FLAG_TINTS.get(flag)) if flag else None
        if role == Qt.ItemDataRole.FontRole and flag and column not in (Q_NUMBER, Q_TEXT):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, flag, flags)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != Q_TEXT:
            return _RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == Q_NUMBER:
            return str(row.number)
        if column == Q_TEXT:
            return textwrap.shorten(self._texts.get(id(row), ""), 120, placeholder=" …")
        value = self.sort_key(row, column)
        if column == Q_CHANGE:
            return signed_text(value)
        if column in (Q_DISCR_PRE, Q_DISCR_POST):
            return DASH if value is None else number_text(value)
        return percent_text(value)

    @staticmethod
    def _cell_flag(row: QuestionRow, column: int, flags: set[str]) -> str | None:
        """The warning a cell shows: the discrimination cell that is weak, or else the whole
        row of a question not learned."""
        if column == Q_DISCR_PRE and _weak(row.pre) or column == Q_DISCR_POST and _weak(row.post):
            return CHECK_WORDING
        if NOT_LEARNED in flags:
            return NOT_LEARNED
        return None

    def _tooltip(self, row: QuestionRow, column: int, flag: str | None, flags: set[str]) -> Any:
        if column == Q_TEXT:
            text = f"<p>{html.escape(self._texts.get(id(row), ''), quote=False)}</p>"
            notes = "".join(f"<p><i>{html.escape(_(FLAG_TEXTS[f]))}</i></p>"
                            for f in (NOT_LEARNED, CHECK_WORDING) if f in flags)  # fmt: skip
            return text + notes
        if flag:
            return _(FLAG_TEXTS[flag])
        if column in (Q_DISCR_PRE, Q_DISCR_POST) and self.sort_key(row, column) is None:
            stats = row.pre if column == Q_DISCR_PRE else row.post
            if stats is not None:
                return _("Everybody scored the same on this question, or on the rest of the "
                         "test: no index")  # fmt: skip
        return None
