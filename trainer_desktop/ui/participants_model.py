"""The people enrolled in one session as a Qt table model: name, sex, institution, function, unit,
phone and role in the session; plus the plain helpers the participants screen shows (the count
line, the filter, the text of a suggestion)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.participants import ROLES, SEXES, EnrolledPerson, Participant
from trainer_desktop.core.search import matches

#: The enrolment id of a row (any column).
EnrolmentIdRole = Qt.ItemDataRole.UserRole + 1
#: The registered person's id of a row (any column).
ParticipantIdRole = Qt.ItemDataRole.UserRole + 2

NAME, SEX, INSTITUTION, FUNCTION, UNIT, PHONE, ROLE = range(7)
COLUMN_COUNT = 7

HEADERS = {
    NAME: N_("Name"),
    SEX: N_("Sex"),
    INSTITUTION: N_("Institution"),
    FUNCTION: N_("Function or rank"),
    UNIT: N_("Unit or service"),
    PHONE: N_("Phone"),
    ROLE: N_("Role"),
}

_Index = QModelIndex | QPersistentModelIndex


def sex_text(sex: str) -> str:
    return _(SEXES[sex]) if sex in SEXES else sex


def role_text(role: str) -> str:
    return _(ROLES[role]) if role in ROLES else role


def count_text(people: Sequence[EnrolledPerson]) -> str:
    """“40 enrolled · 12 women · 28 men” (and how many did not state their sex, if any)."""
    if not people:
        return _("Nobody enrolled yet. Type a family name above to add the first person.")
    women = sum(1 for p in people if p.participant.sex == "woman")
    men = sum(1 for p in people if p.participant.sex == "man")
    other = len(people) - women - men
    parts = [
        ngettext("{n} enrolled", "{n} enrolled", len(people)).format(n=len(people)),
        ngettext("{n} woman", "{n} women", women).format(n=women),
        ngettext("{n} man", "{n} men", men).format(n=men),
    ]
    if other:
        parts.append(ngettext("{n} sex not stated", "{n} sex not stated", other).format(n=other))
    return " · ".join(parts)


def filter_people(people: Iterable[EnrolledPerson], query: str) -> list[EnrolledPerson]:
    """The people matching every word of ``query`` in their name, institution, function, unit or
    phone, accent- and case-insensitively."""
    if not query.strip():
        return list(people)
    return [
        p for p in people
        if matches(query, p.participant.family_name, p.participant.given_names,
                   p.participant.institution, p.participant.function, p.participant.unit,
                   p.participant.phone)
    ]  # fmt: skip


def suggestion_text(person: Participant, enrolled: bool) -> str:
    """“SIDIBÉ Awa — Adjudant, Gendarmerie nationale · 76 12 34 56” for the suggestions list."""
    details = ", ".join(p for p in (person.function, person.institution) if p)
    text = person.display_name + (f" — {details}" if details else "")
    if person.phone:
        text += f" · {person.phone}"
    if enrolled:
        text += " " + _("(already in this session)")
    return text


class EnrolledTableModel(QAbstractTableModel):
    """A session's enrolled people, in the order given (the core sorts them by name)."""

    NAME, SEX, INSTITUTION, FUNCTION = NAME, SEX, INSTITUTION, FUNCTION
    UNIT, PHONE, ROLE = UNIT, PHONE, ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: list[EnrolledPerson] = []

    def set_people(self, people: Iterable[EnrolledPerson]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self.endResetModel()

    @property
    def people(self) -> list[EnrolledPerson]:
        return list(self._people)

    def person_at(self, row: int) -> EnrolledPerson | None:
        return self._people[row] if 0 <= row < len(self._people) else None

    def row_of(self, enrolment_id: str) -> int:
        """The row showing ``enrolment_id``, or -1."""
        return next(
            (row for row, p in enumerate(self._people) if p.enrolment.id == enrolment_id), -1
        )

    # -- QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section]) if section in HEADERS else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person = self._people[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(person, index.column())
        if role == EnrolmentIdRole:
            return person.enrolment.id
        if role == ParticipantIdRole:
            return person.participant.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(person: EnrolledPerson, column: int) -> str | None:
        p = person.participant
        if column == NAME:
            return p.display_name
        if column == SEX:
            return sex_text(p.sex)
        if column == INSTITUTION:
            return p.institution
        if column == FUNCTION:
            return p.function
        if column == UNIT:
            return p.unit
        if column == PHONE:
            return p.phone
        if column == ROLE:
            return role_text(person.enrolment.role)
        return None
