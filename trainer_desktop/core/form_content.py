"""What an evaluation form asks: its items, as plain values (no database), with their checks.

A form's items are stored as one JSON list (``EvaluationForm.items``) and frozen in a
:class:`~.evaluations.FormVersion` when the first response answers them, like a quiz's
questions. Texts are kept per language (``{"fr": "...", "en": "..."}``) because forms come from
XLSForm workbooks with ``label::French (fr)`` columns and are filled in the participant's
language.

Kinds of item:

- ``rating``: a scale of 4 or 5 points, a label at each point, optionally shown as faces (for
  low-literacy groups); the answer is the point, 1..n;
- ``single``: one choice; ``multiple``: several (answer: choice names separated by spaces, as
  XLSForm's select_multiple writes them);
- ``yesno``: yes or no (``"yes"``/``"no"``);
- ``integer`` and ``decimal``: a number;
- ``text`` (short) and ``longtext``;
- ``heading``: a section title (no answer); ``note``: text shown, no answer.

An answer is text, like a quiz response: ``""`` means not answered.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import ValidationError
from .i18n import N_, _

KINDS = {
    "rating": N_("Rating scale"),
    "single": N_("Single choice"),
    "multiple": N_("Multiple choice"),
    "yesno": N_("Yes / no"),
    "integer": N_("Whole number"),
    "decimal": N_("Decimal number"),
    "text": N_("Short text"),
    "longtext": N_("Long text"),
    "heading": N_("Section heading"),
    "note": N_("Note"),
}
#: Kinds that take no answer.
DISPLAY_KINDS = frozenset({"heading", "note"})
CHOICE_KINDS = frozenset({"single", "multiple"})
SCALE_POINTS = (4, 5)
MAX_ITEMS = 300
MAX_CHOICES = 60
TEXT_MAX = 4000  # a long-text answer
SHORT_TEXT_MAX = 300
#: An item's name: what XLSForm calls it (letters, digits, _ - .; starting with a letter or _).
NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,63}$")

Texts = dict[str, str]  # language code -> text


def text_in(texts: Texts, language: str, fallback: str = "") -> str:
    """The text in ``language``, else in ``fallback``, else the first one there is."""
    if not texts:
        return ""
    return texts.get(language) or texts.get(fallback) or next(iter(texts.values()))


@dataclass(frozen=True)
class FormChoice:
    name: str
    label: Texts


@dataclass(frozen=True)
class FormItem:
    kind: str
    name: str
    label: Texts
    hint: Texts = field(default_factory=dict)
    required: bool = False
    choices: tuple[FormChoice, ...] = ()
    points: int = 5  # rating scales
    point_labels: tuple[Texts, ...] = ()  # rating scales: one per point, 1 first
    faces: bool = False  # rating scales shown as faces

    @property
    def answerable(self) -> bool:
        return self.kind not in DISPLAY_KINDS

    # --- answers ------------------------------------------------------------------------------

    def check_answer(self, answer: str) -> str:
        """The answer as stored (trimmed, normalised), or :class:`ValidationError` naming what is
        wrong. ``""`` (not answered) is refused for a required item."""
        answer = answer.strip()
        if not answer:
            if self.required and self.answerable:
                raise ValidationError(_("“{item}” must be answered.").format(item=self.short_label()),
                                      field=self.name)  # fmt: skip
            return ""
        if self.kind == "rating":
            if answer not in {str(p) for p in range(1, self.points + 1)}:
                raise ValidationError(_("“{item}”: choose a point from 1 to {points}.")
                                      .format(item=self.short_label(), points=self.points), field=self.name)  # fmt: skip
            return answer
        if self.kind in CHOICE_KINDS:
            names = {c.name for c in self.choices}
            chosen = answer.split()
            if not chosen or any(c not in names for c in chosen) or len(set(chosen)) != len(chosen):
                raise ValidationError(_("“{item}”: not one of the choices.").format(item=self.short_label()),
                                      field=self.name)  # fmt: skip
            if self.kind == "single" and len(chosen) > 1:
                raise ValidationError(_("“{item}”: only one choice.").format(item=self.short_label()),
                                      field=self.name)  # fmt: skip
            order = [c.name for c in self.choices]
            return " ".join(sorted(chosen, key=order.index))
        if self.kind == "yesno":
            if answer not in ("yes", "no"):
                raise ValidationError(_("“{item}”: answer yes or no.").format(item=self.short_label()),
                                      field=self.name)  # fmt: skip
            return answer
        if self.kind in ("integer", "decimal"):
            number = _parse_number(answer)
            if number is None or (self.kind == "integer" and number != int(number)):
                message = (_("“{item}”: type a whole number.") if self.kind == "integer"
                           else _("“{item}”: type a number."))  # fmt: skip
                raise ValidationError(message.format(item=self.short_label()), field=self.name)
            return str(int(number)) if self.kind == "integer" else f"{number:.10g}"
        if self.kind in ("text", "longtext"):
            limit = SHORT_TEXT_MAX if self.kind == "text" else TEXT_MAX
            if len(answer) > limit:
                raise ValidationError(_("“{item}”: at most {count} characters.")
                                      .format(item=self.short_label(), count=limit), field=self.name)  # fmt: skip
            return answer
        raise ValidationError(_("“{item}” takes no answer.").format(item=self.short_label()), field=self.name)

    def short_label(self, language: str = "") -> str:
        text = " ".join(text_in(self.label, language).split()) or self.name
        return text if len(text) <= 60 else text[:59] + "…"

    # --- JSON ---------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "name": self.name, "label": dict(self.label)}
        if self.hint:
            out["hint"] = dict(self.hint)
        if self.required:
            out["required"] = True
        if self.kind in CHOICE_KINDS:
            out["choices"] = [{"name": c.name, "label": dict(c.label)} for c in self.choices]
        if self.kind == "rating":
            out["points"] = self.points
            out["point_labels"] = [dict(t) for t in self.point_labels]
            if self.faces:
                out["faces"] = True
        return out

    @classmethod
    def from_json(cls, raw: Any) -> FormItem:
        """An item from stored JSON; ``ValueError`` if it is not one (a damaged record)."""
        if not isinstance(raw, dict):
            raise ValueError("not a form item")
        try:
            return cls(kind=_str(raw["kind"]), name=_str(raw["name"]), label=_texts(raw["label"]),
                       hint=_texts(raw.get("hint", {})), required=bool(raw.get("required", False)),
                       choices=tuple(FormChoice(_str(c["name"]), _texts(c["label"]))
                                     for c in raw.get("choices", ())),
                       points=int(raw.get("points", 5)),
                       point_labels=tuple(_texts(t) for t in raw.get("point_labels", ())),
                       faces=bool(raw.get("faces", False)))  # fmt: skip
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a form item: {exc}") from None


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _texts(value: Any) -> Texts:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in value.items()):  # fmt: skip
        raise TypeError("expected texts by language")
    return dict(value)


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def _parse_number(text: str) -> float | None:
    text = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        return None
    number = float(text.replace(",", "."))
    return number if math.isfinite(number) else None


# --- checks ---------------------------------------------------------------------------------------


def check_item(item: FormItem, number: int) -> FormItem:
    """The item as stored, or :class:`ValidationError` saying what to fix in item ``number``."""

    def refuse(message: str) -> ValidationError:
        return ValidationError(_("Item {number}: {problem}").format(number=number, problem=message),
                               field=f"item:{number}")  # fmt: skip

    if item.kind not in KINDS:
        raise refuse(_("unknown kind of item “{kind}”.").format(kind=item.kind))
    if not NAME_PATTERN.match(item.name):
        raise refuse(_("the name “{name}” must start with a letter and hold only letters, digits, "
                       "_ - and . (at most 64).").format(name=item.name))  # fmt: skip
    if not any(t.strip() for t in item.label.values()):
        raise refuse(_("the item has no text."))
    if item.kind in CHOICE_KINDS:
        if len(item.choices) < 2:
            raise refuse(_("at least two choices are needed."))
        if len(item.choices) > MAX_CHOICES:
            raise refuse(_("at most {count} choices.").format(count=MAX_CHOICES))
        names = [c.name for c in item.choices]
        if len(set(names)) != len(names):
            raise refuse(_("two choices have the same name."))
        if any(not c.name or " " in c.name for c in item.choices):
            raise refuse(_("a choice name is empty or has a space."))
        if any(not any(t.strip() for t in c.label.values()) for c in item.choices):
            raise refuse(_("a choice has no text."))
    if item.kind == "rating":
        if item.points not in SCALE_POINTS:
            raise refuse(_("a rating scale has 4 or 5 points."))
        if item.point_labels and len(item.point_labels) != item.points:
            raise refuse(_("a rating scale needs one label for each point."))
    if item.kind in DISPLAY_KINDS and item.required:
        item = replace(item, required=False)
    return item


@dataclass(frozen=True)
class FormContent:
    """The items of one form (or of one frozen version of it)."""

    items: tuple[FormItem, ...] = ()

    def by_name(self) -> dict[str, FormItem]:
        return {i.name: i for i in self.items}

    @property
    def answerable(self) -> list[FormItem]:
        return [i for i in self.items if i.answerable]

    def to_json(self) -> list[dict[str, Any]]:
        return [i.to_json() for i in self.items]

    @classmethod
    def from_json(cls, raw: Any) -> FormContent:
        if not isinstance(raw, list):
            raise ValueError("not a list of form items")
        return cls(tuple(FormItem.from_json(i) for i in raw))

    def check_answers(self, answers: dict[str, str]) -> dict[str, str]:
        """Every answer checked (unknown items refused, required ones present): the answers
        as stored, or the first :class:`ValidationError`."""
        items = self.by_name()
        unknown = set(answers) - set(items)
        if unknown:
            raise ValidationError(_("This form has no item “{name}”.").format(name=sorted(unknown)[0]))
        out = {}
        for item in self.answerable:
            value = item.check_answer(answers.get(item.name, ""))
            if value:
                out[item.name] = value
        return out


def check_items(items: list[FormItem] | tuple[FormItem, ...]) -> FormContent:
    if len(items) > MAX_ITEMS:
        raise ValidationError(_("A form has at most {count} items.").format(count=MAX_ITEMS))
    checked: list[FormItem] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        item = check_item(item, number)
        if item.name in seen:
            raise ValidationError(_("Item {number}: the name “{name}” is already used.")
                                  .format(number=number, name=item.name), field=f"item:{number}")  # fmt: skip
        seen.add(item.name)
        checked.append(item)
    if not any(i.answerable for i in checked) and checked:
        raise ValidationError(_("The form asks nothing: add an item that takes an answer."))
    return FormContent(tuple(checked))
