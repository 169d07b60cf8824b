"""What a quiz asks: its questions, as plain values (no database), with their checks and scoring.

A quiz's questions are stored as one JSON list (``Quiz.questions``) and, once somebody answers
them, frozen in a :class:`~.quizzes.QuizVersion` so an attempt is always scored against the
questions it answered. This module turns that JSON into :class:`Question` values and back,
refuses a question a trainer could not score (no right answer, weights that cannot reach full
marks...), and scores one response.

Kinds of question:

- ``single``: one choice; each choice has a weight in percent of the points (100 for the right
  one; Moodle allows partial weights such as 50 and negative ones);
- ``multiple``: several choices; with partial credit (Moodle's rule) the weights of the chosen
  ones add up (the right ones must add up to 100, wrong ones are usually negative) and the score
  is kept between 0 and the points; all-or-nothing gives the points only for exactly the right
  set;
- ``truefalse``: two choices, true then false, stored like ``single``;
- ``numeric``: one or more accepted values, each with a tolerance and a weight.

A response is text, so it can be stored, typed on paper and merged the same way everywhere:
``"2"`` (the third choice), ``"0,2"`` (first and third, in order), ``"0"``/``"1"`` for
true/false, ``"3.5"`` for a number; ``""`` means no answer.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import ValidationError
from . import i18n
from .i18n import N_, _

KINDS = {
    "single": N_("Single choice"),
    "multiple": N_("Multiple choice"),
    "truefalse": N_("True / false"),
    "numeric": N_("Numeric"),
}
#: Text formats a question may be written in (from GIFT: [moodle], [html], [markdown], [plain]).
TEXT_FORMATS = ("", "moodle", "html", "markdown", "plain")
MAX_CHOICES = 26  # one letter each on paper
MAX_QUESTIONS = 500
MAX_TEXT = 20_000
_WEIGHT_SLACK = 0.01  # Moodle writes thirds as 33.33333


@dataclass(frozen=True)
class Choice:
    text: str
    weight: float = 0.0  # percent of the question's points, -100..100
    feedback: str = ""

    @property
    def right(self) -> bool:
        return self.weight > 0


@dataclass(frozen=True)
class NumericAnswer:
    value: float
    tolerance: float = 0.0
    weight: float = 100.0
    feedback: str = ""

    def accepts(self, number: float) -> bool:
        # A small relative slack, so 0.1 + 0.2 typed as 0.3 is still 0.3.
        return abs(number - self.value) <= self.tolerance + 1e-9 * max(1.0, abs(self.value))


@dataclass(frozen=True)
class Question:
    kind: str
    text: str
    key: str = ""  # stable across edits: answers and statistics refer to it
    title: str = ""
    category: str = ""
    text_format: str = ""
    points: float = 1.0
    explanation: str = ""  # shown after correction (GIFT's general feedback)
    choices: tuple[Choice, ...] = ()
    all_or_nothing: bool = False  # multiple choice only
    numeric: tuple[NumericAnswer, ...] = ()

    # --- scoring ------------------------------------------------------------------------------

    def score(self, response: str | None) -> float:
        """Points earned by ``response`` (0 for no answer or one that cannot be read)."""
        if not response:
            return 0.0
        return self.points * self.credit(response)

    def credit(self, response: str) -> float:
        """Share of the points (0..1) earned by ``response``."""
        if self.kind == "numeric":
            number = parse_number(response)
            if number is None:
                return 0.0
            return max([a.weight for a in self.numeric if a.accepts(number)] or [0.0]) / 100
        chosen = parse_choices(response, len(self.choices))
        if chosen is None:
            return 0.0
        if self.kind in ("single", "truefalse"):
            if len(chosen) != 1:
                return 0.0
            return max(0.0, self.choices[chosen[0]].weight / 100)
        if self.all_or_nothing:
            right = {i for i, c in enumerate(self.choices) if c.right}
            return 1.0 if set(chosen) == right else 0.0
        total = sum(self.choices[i].weight for i in chosen) / 100
        return min(1.0, max(0.0, total))

    def is_correct(self, response: str | None) -> bool:
        """Full marks (what "percentage correct" counts)."""
        return bool(response) and self.credit(response) >= 1.0 - 1e-9

    def right_response(self) -> str:
        """The response that earns full marks (for the answer key)."""
        if self.kind == "numeric":
            best = max(self.numeric, key=lambda a: a.weight)
            return format_number(best.value)
        if self.kind == "multiple":
            return ",".join(str(i) for i, c in enumerate(self.choices) if c.right)
        best = max(range(len(self.choices)), key=lambda i: self.choices[i].weight)
        return str(best)

    # --- JSON ---------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "kind": self.kind, "text": self.text,
                               "points": self.points}  # fmt: skip
        for name in ("title", "category", "text_format", "explanation"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.kind == "numeric":
            out["numeric"] = [{"value": a.value, "tolerance": a.tolerance, "weight": a.weight,
                               "feedback": a.feedback} for a in self.numeric]  # fmt: skip
        else:
            out["choices"] = [{"text": c.text, "weight": c.weight, "feedback": c.feedback}
                              for c in self.choices]  # fmt: skip
        if self.kind == "multiple":
            out["all_or_nothing"] = self.all_or_nothing
        return out

    @classmethod
    def from_json(cls, raw: Any) -> Question:
        """A question from stored JSON; ``ValueError`` if it is not one (a damaged record)."""
        if not isinstance(raw, dict):
            raise ValueError("not a question")
        try:
            choices = tuple(Choice(_text(c["text"]), _number(c.get("weight", 0)),
                                   _text(c.get("feedback", ""))) for c in raw.get("choices", ()))  # fmt: skip
            numeric = tuple(NumericAnswer(_number(a["value"]), _number(a.get("tolerance", 0)),
                                          _number(a.get("weight", 100)),
                                          _text(a.get("feedback", ""))) for a in raw.get("numeric", ()))  # fmt: skip
            return cls(kind=_text(raw["kind"]), text=_text(raw["text"]), key=_text(raw.get("key", "")),
                       title=_text(raw.get("title", "")), category=_text(raw.get("category", "")),
                       text_format=_text(raw.get("text_format", "")),
                       points=_number(raw.get("points", 1)),
                       explanation=_text(raw.get("explanation", "")), choices=choices,
                       all_or_nothing=bool(raw.get("all_or_nothing", False)), numeric=numeric)  # fmt: skip
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a question: {exc}") from None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TypeError("expected a number")
    return float(value)


# --- responses ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def parse_number(text: str) -> float | None:
    """A number typed by a person: ``3.5``, ``3,5``, ``-2``, `` 1e3 ``; None if it is not one."""
    text = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        return None
    number = float(text.replace(",", "."))
    return number if math.isfinite(number) else None


def format_number(number: float) -> str:
    """A number as a response: no trailing ``.0``, a dot as the decimal mark."""
    return f"{number:.10g}" if number != int(number) or abs(number) >= 1e15 else str(int(number))


def parse_choices(response: str, count: int) -> list[int] | None:
    """Choice numbers of a stored response ("0,2"); None if it is malformed or out of range."""
    try:
        chosen = [int(part) for part in response.split(",")]
    except ValueError:
        return None
    if any(i < 0 or i >= count for i in chosen) or len(set(chosen)) != len(chosen):
        return None
    return sorted(chosen)


def letter(index: int) -> str:
    """The letter of a choice on paper: a, b, c..."""
    return chr(ord("a") + index)


TRUE_LETTERS = ("v", "t", "o", "y", "1")  # vrai, true, oui, yes
FALSE_LETTERS = ("f", "n", "0")  # faux/false, non/no


def response_from_letters(question: Question, typed: str) -> str:
    """The stored response for what was typed in the paper grid: ``b``, ``ac`` or ``a,c`` for
    choices; ``v``/``f`` (or ``t``/``f``) for true/false; a number for numeric questions. ``""``
    clears the answer. Raises :class:`ValidationError` naming what is wrong."""
    typed = typed.strip()
    if not typed:
        return ""
    if question.kind == "numeric":
        number = parse_number(typed)
        if number is None:
            raise ValidationError(_("“{text}” is not a number.").format(text=typed))
        return format_number(number)
    lowered = typed.casefold()
    if question.kind == "truefalse":
        if lowered in TRUE_LETTERS or lowered in ("vrai", "true", "oui", "yes"):
            return "0"
        if lowered in FALSE_LETTERS or lowered in ("faux", "false", "non", "no"):
            return "1"
        tr = i18n.current()
        raise ValidationError(_("Type {t} (true) or {f} (false).").format(
            t=tr.pgettext("paper grid: letter for true", "t"),
            f=tr.pgettext("paper grid: letter for false", "f")))  # fmt: skip
    letters = [ch for ch in lowered if not ch.isspace() and ch not in ",;/"]
    count = len(question.choices)
    chosen = []
    for ch in letters:
        index = ord(ch) - ord("a")
        if not ch.isascii() or not 0 <= index < count:
            raise ValidationError(_("“{text}” is not a choice: type a letter from a to {last}.")
                                  .format(text=ch, last=letter(count - 1)))  # fmt: skip
        if index not in chosen:
            chosen.append(index)
    if question.kind == "single" and len(chosen) > 1:
        raise ValidationError(_("Only one answer for this question: type one letter."))
    return ",".join(str(i) for i in sorted(chosen))


def response_as_letters(question: Question, response: str | None) -> str:
    """What the paper grid shows for a stored response: ``b``, ``ac``, ``v``/``f``, ``3.5``."""
    if not response:
        return ""
    if question.kind == "numeric":
        return response
    chosen = parse_choices(response, len(question.choices))
    if chosen is None:
        return "?"
    if question.kind == "truefalse":
        return "v" if chosen == [0] else "f"
    return "".join(letter(i) for i in chosen)


# --- checks ---------------------------------------------------------------------------------------


def new_key() -> str:
    return secrets.token_hex(4)


def check_question(question: Question, number: int) -> Question:
    """The question with defaults filled (a key), or :class:`ValidationError` saying what a
    trainer must fix in question ``number`` (counted from 1)."""

    def refuse(message: str) -> ValidationError:
        return ValidationError(_("Question {number}: {problem}").format(number=number, problem=message),
                               field=f"question:{number}")  # fmt: skip

    if question.kind not in KINDS:
        raise refuse(_("unknown kind of question “{kind}”.").format(kind=question.kind))
    if not question.text.strip():
        raise refuse(_("the question has no text."))
    if len(question.text) > MAX_TEXT:
        raise refuse(_("the text is too long."))
    if question.text_format not in TEXT_FORMATS:
        raise refuse(_("unknown text format “{name}”.").format(name=question.text_format))
    if not (0 < question.points <= 1000):
        raise refuse(_("the points must be more than 0 (and at most 1000)."))
    if question.kind == "numeric":
        if not question.numeric:
            raise refuse(_("no accepted number."))
        if len(question.numeric) > MAX_CHOICES:
            raise refuse(_("at most {count} accepted numbers.").format(count=MAX_CHOICES))
        if any(not (math.isfinite(a.value) and math.isfinite(a.tolerance)) for a in question.numeric):
            raise refuse(_("an accepted number is not a number."))
        if any(a.tolerance < 0 for a in question.numeric):
            raise refuse(_("a tolerance cannot be negative."))
        if any(not -100 <= a.weight <= 100 for a in question.numeric):
            raise refuse(_("a weight must be from -100 to 100 (percent of the points)."))
        if max(a.weight for a in question.numeric) < 100 - _WEIGHT_SLACK:
            raise refuse(_("no accepted number is worth full marks."))
    else:
        if question.choices and any(not c.text.strip() for c in question.choices) and question.kind != "truefalse":
            raise refuse(_("a choice has no text."))
        if question.kind == "truefalse" and len(question.choices) != 2:
            raise refuse(_("a true/false question has exactly two answers."))
        if len(question.choices) < 2:
            raise refuse(_("at least two choices are needed."))
        if len(question.choices) > MAX_CHOICES:
            raise refuse(_("at most {count} choices.").format(count=MAX_CHOICES))
        if any(not -100 - _WEIGHT_SLACK <= c.weight <= 100 + _WEIGHT_SLACK for c in question.choices):
            raise refuse(_("a weight must be from -100 to 100 (percent of the points)."))
        if not any(c.right for c in question.choices):
            raise refuse(_("no choice is marked right."))
        if question.kind in ("single", "truefalse"):
            if max(c.weight for c in question.choices) < 100 - _WEIGHT_SLACK:
                raise refuse(_("no choice is worth full marks."))
        elif not question.all_or_nothing:
            total = sum(c.weight for c in question.choices if c.right)
            if abs(total - 100) > _WEIGHT_SLACK * 10:
                raise refuse(_("the weights of the right choices add up to {total}, not 100.")
                             .format(total=format_number(round(total, 3))))  # fmt: skip
    return question if question.key else replace(question, key=new_key())


@dataclass(frozen=True)
class QuizContent:
    """The questions of one quiz (or of one frozen version of it)."""

    questions: tuple[Question, ...] = field(default_factory=tuple)

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)

    def by_key(self) -> dict[str, Question]:
        return {q.key: q for q in self.questions}

    def to_json(self) -> list[dict[str, Any]]:
        return [q.to_json() for q in self.questions]

    @classmethod
    def from_json(cls, raw: Any) -> QuizContent:
        if not isinstance(raw, list):
            raise ValueError("not a list of questions")
        return cls(tuple(Question.from_json(q) for q in raw))


def check_questions(questions: list[Question] | tuple[Question, ...]) -> QuizContent:
    """Every question checked (see :func:`check_question`), keys filled and distinct."""
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(_("A quiz has at most {count} questions.").format(count=MAX_QUESTIONS))
    checked: list[Question] = []
    seen: set[str] = set()
    for number, question in enumerate(questions, start=1):
        question = check_question(question, number)
        if question.key in seen:
            question = replace(question, key=new_key())
        seen.add(question.key)
        checked.append(question)
    return QuizContent(tuple(checked))


def true_false(text: str, answer: bool, **values: Any) -> Question:
    """A true/false question (its two choices made for you)."""
    feedback_true = values.pop("feedback_true", "")
    feedback_false = values.pop("feedback_false", "")
    choices = (Choice("true", 100.0 if answer else 0.0, feedback_true),
               Choice("false", 0.0 if answer else 100.0, feedback_false))  # fmt: skip
    return Question(kind="truefalse", text=text, choices=choices, **values)
