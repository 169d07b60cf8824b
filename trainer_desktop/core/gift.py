"""Moodle GIFT quiz files: read them into :class:`~.quiz_content.Question` values, write them back.

GIFT is Moodle's plain-text question format (https://docs.moodle.org/en/GIFT_format). Supported:

- questions separated by blank lines; ``//`` comment lines (ignored, except the metadata below);
- ``$CATEGORY: path`` (kept as written, ``$course$/top/...`` included) for the questions after it;
- ``::Title::``, and ``[html]``, ``[moodle]``, ``[markdown]``, ``[plain]`` before a text;
- single choice ``{=right ~wrong ~%50%half ~%-25%bad}`` (a ``=`` makes it single choice, as in
  Moodle); multiple choice ``{~%50%a ~%50%b ~%-100%c}`` (only ``~``: Moodle's "multiple answers");
- true/false ``{T}``, ``{TRUE}``, ``{F}``, ``{FALSE}``, with ``{T#shown if wrong#shown if right}``;
- numeric ``{#3.14:0.01}``, ``{#1..5}``, ``{#2}``, ``{# =%100%3.14:0 =%50%3.1:0.1}``;
- feedback ``#text`` after an answer, general feedback ``####text`` (the explanation);
- escapes ``\\~ \\= \\# \\{ \\} \\: \\\\`` and ``\\n`` (a newline), answers over several lines;
- text after the answers (Moodle's "missing word"): the answers' place becomes ``_____``.

Refused with the line and the reason (nothing is imported): short answer, matching, essay and
description questions (this application has no such kinds), a broken syntax, and any question
:func:`~.quiz_content.check_question` refuses.

What GIFT cannot say (points, all-or-nothing scoring) goes on a comment line before the question,
which Moodle ignores: ``// [trainer-desktop] points=2 all-or-nothing`` (only what differs from one
point and partial credit). Any other word on such a line is refused. The line may also sit among
the question's lines; alone in its block, it applies to the next question.

Writing, like Moodle's own export, escapes the special characters and writes newlines as ``\\n``;
a text beginning with something GIFT would read as markup (``[html]``, ``%50%``, ``//``) is
preceded by ``\\n``, which GIFT trims away. Not kept: white space at either end of a text,
carriage returns (they become newlines), newlines in a category, and a single-choice answer worth
nearly (not exactly) 100 %, written as ``=``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from .errors import UserError, ValidationError
from .i18n import _
from .quiz_content import (
    MAX_CHOICES,
    MAX_QUESTIONS,
    Choice,
    NumericAnswer,
    Question,
    check_question,
    check_questions,
    true_false,
)

MAX_FILE_SIZE = 10 * 1024 * 1024
METADATA_TAG = "[trainer-desktop]"
BLANK = "_____"  # where the answers were, in a "missing word" question
_WS = " \t\n\r\0\x0b"  # what Moodle (PHP's trim) strips
_NEWLINE = re.compile(r"\r\n|\r|\n")
_TOKEN = re.compile(r"\\([~=#{}:\\n])|([{}~=#:])|([^\\{}~=#:]+|\\)")
_UNESCAPE = {"n": "\n"}
_ESCAPE = str.maketrans({c: "\\" + c for c in "\\~=#{}:"} | {"\n": "\\n"})
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_FORMAT_MARK = re.compile(r"\[(html|moodle|markdown|plain)\]")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


class GiftError(UserError):
    """A GIFT text refused: :attr:`line` (1-based, None for the whole file) and :attr:`problem`."""

    def __init__(self, problem: str, line: int | None = None, source: str = "") -> None:
        if line is not None and source:
            message = _("{file}, line {line}: {problem}").format(
                file=source, line=line, problem=problem
            )
        elif line is not None:
            message = _("Line {line}: {problem}").format(line=line, problem=problem)
        elif source:
            message = _("{file}: {problem}").format(file=source, problem=problem)
        else:
            message = problem[:1].upper() + problem[1:]
        super().__init__(message)
        self.problem = problem
        self.line = line
        self.source = source


@dataclass
class GiftImport:
    questions: list[Question]  # checked by quiz_content.check_questions (keys filled)
    categories: list[str] = field(default_factory=list)  # the questions' categories, in order


# --- reading --------------------------------------------------------------------------------------


class _Tok(NamedTuple):
    kind: str  # "text", "esc" (an escaped character) or one of the special characters {}~=#:
    value: str
    pos: int  # offset in the question's text


def _tokenize(text: str) -> list[_Tok]:
    tokens = []
    for m in _TOKEN.finditer(text):
        group = m.lastindex
        value = m.group(group)
        if group == 1:
            tokens.append(_Tok("esc", _UNESCAPE.get(value, value), m.start()))
        else:
            tokens.append(_Tok(value if group == 2 else "text", value, m.start()))
    return tokens


def _render(tokens: Sequence[_Tok]) -> str:
    return "".join(t.value for t in tokens)


def _clean(tokens: Sequence[_Tok]) -> str:
    return _render(tokens).strip(_WS)


def _blank(tokens: Sequence[_Tok]) -> bool:
    return all(t.kind == "text" and not t.value.strip(_WS) for t in tokens)


def _lstrip(tokens: Sequence[_Tok]) -> list[_Tok]:
    """Without the white space in front (an escaped ``\\n`` is not white space here)."""
    tokens = list(tokens)
    while tokens and tokens[0].kind == "text":
        value = tokens[0].value.lstrip(_WS)
        if value:
            start = tokens[0].pos + len(tokens[0].value) - len(value)
            tokens[0] = _Tok("text", value, start)
            break
        tokens.pop(0)
    return tokens


def _drop_prefix(tokens: list[_Tok], length: int) -> list[_Tok]:
    first = tokens[0]
    rest = first.value[length:]
    return ([_Tok("text", rest, first.pos + length)] if rest else []) + tokens[1:]


def _take_format(tokens: Sequence[_Tok]) -> tuple[str, list[_Tok]]:
    """A leading ``[html]``-like marker (its name, or "") and the tokens after it."""
    tokens = _lstrip(tokens)
    if tokens and tokens[0].kind == "text" and (m := _FORMAT_MARK.match(tokens[0].value)):
        return m.group(1), _drop_prefix(tokens, m.end())
    return "", tokens


def _split(
    tokens: Sequence[_Tok], kinds: str, limit: int = -1
) -> list[tuple[_Tok | None, list[_Tok]]]:
    """The tokens cut at each token of one of ``kinds`` (at most ``limit`` cuts): (cut, part)."""
    parts: list[tuple[_Tok | None, list[_Tok]]] = [(None, [])]
    for token in tokens:
        if token.kind in kinds and limit != 0:
            parts.append((token, []))
            limit -= 1
        else:
            parts[-1][1].append(token)
    return parts


def _answer_text(tokens: Sequence[_Tok]) -> str:
    """An answer's, a feedback's or the explanation's text (a leading format marker dropped, as
    Moodle does: these texts take the question's format)."""
    return _clean(_take_format(tokens)[1])


def _number(text: str) -> float | None:
    if not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.category = ""
        self.questions: list[Question] = []
        self.meta: dict[str, float | bool] = {}
        self.meta_line = 0
        self.lines: list[int] = []  # of the question being read: line number of each line...
        self.starts: list[int] = []  # ...and where it starts in its text

    def fail(self, problem: str, at: _Tok | int | None) -> GiftError:
        """The error for ``problem`` at a line, or at the line of a token."""
        if isinstance(at, _Tok):
            at = self.lines[bisect_right(self.starts, at.pos) - 1]
        return GiftError(problem, at, self.source)

    def run(self, text: str) -> GiftImport:
        block: list[tuple[int, str]] = []
        for number, line in enumerate(_NEWLINE.split(text.removeprefix("\ufeff")), 1):
            if line.strip(_WS):
                block.append((number, line))
            elif block:
                self.block(block)
                block = []
        if block:
            self.block(block)
        if self.meta_line:
            problem = _("this {tag} line is not followed by a question.")
            raise self.fail(problem.format(tag=METADATA_TAG), self.meta_line)
        if not self.questions:
            raise self.fail(_("no question in this file."), None)
        content = check_questions(self.questions)  # keys made distinct; each was checked already
        categories = list(dict.fromkeys(q.category for q in content.questions if q.category))
        return GiftImport(list(content.questions), categories)

    def block(self, lines: list[tuple[int, str]]) -> None:
        body: list[tuple[int, str]] = []
        for number, line in lines:
            stripped = line.strip(_WS)
            if stripped.startswith("//"):
                self.comment(stripped[2:], number)
            elif not body and stripped.startswith("$CATEGORY:"):
                self.category = stripped.removeprefix("$CATEGORY:").strip(_WS)
            else:
                body.append((number, line))
        if body:
            self.lines = [number for number, _line in body]
            self.starts = [0]
            for _number, line in body[:-1]:
                self.starts.append(self.starts[-1] + len(line) + 1)
            self.question("\n".join(line for _number, line in body), body[0][0])

    def comment(self, text: str, number: int) -> None:
        text = text.strip(_WS)
        if not text.startswith(METADATA_TAG):
            return
        for word in text.removeprefix(METADATA_TAG).split():
            if word == "all-or-nothing":
                self.meta["all_or_nothing"] = True
            elif word.startswith("points=") and (points := _number(word[7:])) is not None:
                self.meta["points"] = points
            elif word.startswith("points="):
                problem = _("the points “{text}” are not a number.").format(text=word[7:])
                raise self.fail(problem, number)
            else:
                problem = _("unknown word “{word}” in a {tag} comment (known: points=…, "
                            "all-or-nothing).")  # fmt: skip
                raise self.fail(problem.format(word=word, tag=METADATA_TAG), number)
        self.meta_line = number

    def question(self, text: str, start: int) -> None:
        tokens = _lstrip(_tokenize(text))
        title = ""
        if len(tokens) >= 2 and tokens[0].kind == tokens[1].kind == ":":
            pairs = (
                i for i in range(2, len(tokens) - 1) if tokens[i].kind == tokens[i + 1].kind == ":"
            )
            end = next(pairs, None)
            if end is None:
                raise self.fail(_("the title is not closed: “::” is missing after it."), start)
            title, tokens = _clean(tokens[2:end]), tokens[end + 2 :]
        text_format, tokens = _take_format(tokens)
        braces = [i for i, t in enumerate(tokens) if t.kind in "{}"]
        if not braces:
            raise self.unsupported(_("a description (a text with no answers in braces)"), start)
        for n, i in enumerate(braces[:3]):  # a "{", then a "}", then no more braces
            if n == 2 or tokens[i].kind != "{}"[n]:
                problem = _(
                    "“}}” without “{{” before it (write \\}} for a brace in a text)."
                ).format()
                if tokens[i].kind == "{":
                    problem = _("a second “{{” (a question has one set of answers; write \\{{ "
                                "for a brace in a text).").format()  # fmt: skip
                raise self.fail(problem, tokens[i])
        if len(braces) == 1:
            raise self.fail(_("“{{” is not closed by “}}”.").format(), tokens[braces[0]])
        opening, closing = braces
        inner, after = tokens[opening + 1 : closing], tokens[closing + 1 :]
        question_text = (
            _render(tokens[:opening]) + ("" if _blank(after) else BLANK) + _render(after)
        )
        explanation = ""
        runs = [i for i in range(len(inner) - 3) if all(t.kind == "#" for t in inner[i : i + 4])]
        if runs:
            explanation, inner = _answer_text(inner[runs[-1] + 4 :]), inner[: runs[-1]]
        values = {"text": question_text.strip(_WS), "title": title, "category": self.category,
                  "text_format": text_format, "explanation": explanation,
                  "points": float(self.meta.get("points", 1.0))}  # fmt: skip
        question = self.answers(_lstrip(inner), tokens[opening], values)
        if self.meta.get("all_or_nothing"):
            if question.kind != "multiple":
                problem = _("“all-or-nothing” is only for multiple-choice questions (all answers "
                            "written with ~ and a weight).")  # fmt: skip
                raise self.fail(problem, self.meta_line)
            question = replace(question, all_or_nothing=True)
        self.meta, self.meta_line = {}, 0
        if len(self.questions) >= MAX_QUESTIONS:
            problem = _("A quiz has at most {count} questions.").format(count=MAX_QUESTIONS)
            raise self.fail(problem, start)
        try:
            self.questions.append(check_question(question, len(self.questions) + 1))
        except ValidationError as exc:
            raise self.fail(exc.message, start) from None

    def unsupported(self, kind: str, at: _Tok | int) -> GiftError:
        problem = _("{kind} is not supported: only single choice, multiple choice, true/false and "
                    "numeric questions can be imported.")  # fmt: skip
        return self.fail(problem.format(kind=kind), at)

    def answers(self, inner: list[_Tok], opening: _Tok, values: dict) -> Question:
        if _blank(inner):
            raise self.unsupported(
                _("an essay question (“{{}}” with nothing inside)").format(), opening
            )
        if inner[0].kind == "#":
            return Question(kind="numeric", numeric=self.numeric(inner[1:], opening), **values)
        if any(t.kind == "~" for t in inner):
            return self.choices(inner, values)
        if any(t.kind == "=" for t in inner) and "->" in _render(
            [t for t in inner if t.kind == "text"]
        ):
            raise self.unsupported(_("a matching question (“->”)"), opening)
        (_cut, head), *feedback = _split(inner, "#", 2)
        word = _clean(head) if all(t.kind == "text" for t in head) else ""
        if word in _TRUE_FALSE:  # {T#shown if wrong#shown if right}
            wrong, right = [_answer_text(part) for _cut, part in feedback] + [""] * (
                2 - len(feedback)
            )
            answer = _TRUE_FALSE[word]
            return true_false(answer=answer, feedback_true=right if answer else wrong,
                              feedback_false=wrong if answer else right, **values)  # fmt: skip
        if inner[0].kind == "=":
            kind = _("a short-answer question (answers all starting with “=”)")
            raise self.unsupported(kind, opening)
        if word.upper() in _TRUE_FALSE:
            raise self.fail(
                _("write true/false answers in capitals: T, TRUE, F or FALSE."), inner[0]
            )
        raise self.not_an_answer(inner[0])

    def not_an_answer(self, token: _Tok) -> GiftError:
        problem = _("an answer must start with “=”, “~” or “#”, not “{text}”.")
        return self.fail(problem.format(text=_clean([token])[:40]), token)

    def weight(self, tokens: list[_Tok], default: float) -> tuple[float, list[_Tok]]:
        """A leading ``%50%`` (or ``default``) and the tokens after it."""
        tokens = _lstrip(tokens)
        if not tokens or tokens[0].kind != "text" or not tokens[0].value.startswith("%"):
            return default, tokens
        end = tokens[0].value.find("%", 1)
        if end < 0:
            raise self.fail(_("the weight is not closed: write it like %50%."), tokens[0])
        raw = tokens[0].value[1:end]
        weight = _number(raw)
        if weight is None:
            raise self.fail(_("the weight “{text}” is not a number.").format(text=raw), tokens[0])
        if not -100 <= weight <= 100:
            problem = _("the weight “{text}” is not between -100 and 100.").format(text=raw)
            raise self.fail(problem, tokens[0])
        return weight, _drop_prefix(tokens, end + 1)

    def choices(self, inner: list[_Tok], values: dict) -> Question:
        (_cut, before), *parts = _split(inner, "~=")
        if not _blank(before):
            raise self.not_an_answer(_lstrip(before)[0])
        if len(parts) > MAX_CHOICES:  # before the work of reading them all
            problem = _("at most {count} choices.").format(count=MAX_CHOICES)
            raise self.fail(problem, parts[MAX_CHOICES][0])
        choices = []
        for cut, part in parts:
            if cut.kind == "~":
                weight, part = self.weight(part, 0.0)
            else:
                weight, part = 100.0, _lstrip(part)
                if part and part[0].kind == "text" and re.match(r"%[^%]*%", part[0].value):
                    problem = _("“=” always means full marks in a choice question: write a partial "
                                "weight with “~”, like ~%50%.")  # fmt: skip
                    raise self.fail(problem, cut)
            (_cut, text), *feedback = _split(part, "#", 1)
            choices.append(
                Choice(_answer_text(text), weight, _answer_text(feedback[0][1]) if feedback else "")
            )
        kind = "single" if any(cut.kind == "=" for cut, _part in parts) else "multiple"
        return Question(kind=kind, choices=tuple(choices), **values)

    def numeric(self, inner: list[_Tok], opening: _Tok) -> tuple[NumericAnswer, ...]:
        for token in inner:
            if token.kind == "~":
                problem = _("“~” (feedback for any other number) is not supported in a numeric "
                            "question.")  # fmt: skip
                raise self.fail(problem, token)
        answers = []
        for cut, part in _split(inner, "="):
            if cut is None and _blank(part):
                continue
            at = cut or _lstrip(part)[0]
            weight, part = self.weight(part, 100.0)
            (_cut, number), *feedback = _split(part, "#", 1)
            raw = _clean(number)
            if not raw:
                raise self.fail(_("a numeric answer has no number."), at)
            if any(t.kind not in ("text", ":") for t in number):
                raise self.fail(_("“{text}” is not a number.").format(text=raw), at)
            if ".." in raw[1:]:
                low, high = (Decimal(repr(self.parse_number(n, at))) for n in raw.split("..", 1))
                if low > high:
                    problem = _("the range “{text}” goes from high to low.").format(text=raw)
                    raise self.fail(problem, at)
                # In decimal: 3.141..3.142 is 3.1415 ± 0.0005, not 3.1414999999999997 ± 0.00049...
                value, tolerance = float((low + high) / 2), float((high - low) / 2)
            elif ":" in raw:
                value, tolerance = (self.parse_number(n, at) for n in raw.split(":", 1))
                if tolerance < 0:
                    raise self.fail(_("the tolerance cannot be negative."), at)
            else:
                value, tolerance = self.parse_number(raw, at), 0.0
            text = _answer_text(feedback[0][1]) if feedback else ""
            answers.append(NumericAnswer(value, tolerance, weight, text))
        if not answers:
            raise self.fail(_("no number after “{{#”.").format(), opening)
        return tuple(answers)

    def parse_number(self, text: str, at: _Tok) -> float:
        text = text.strip(_WS)
        number = _number(text)
        if number is None and _number(text.replace(",", ".")) is not None:
            problem = _("“{text}” is not a number (write decimals with a dot: {fixed}).")
            raise self.fail(problem.format(text=text, fixed=text.replace(",", ".")), at)
        if number is None:
            raise self.fail(_("“{text}” is not a number.").format(text=text), at)
        return number


def parse_gift(text: str, *, source: str = "") -> GiftImport:
    """The questions of a GIFT text, checked; :class:`GiftError` (naming the line) at the first
    problem, and then nothing is imported. ``source`` (a file name) goes into the messages."""
    return _Parser(source).run(text)


def read_gift_file(path: Path) -> GiftImport:
    """:func:`parse_gift` on a UTF-8 file (with or without a byte-order mark), at most 10 MB."""
    path = Path(path)
    too_large = _("the file is too large for a question bank (more than {size} MB).")
    too_large = too_large.format(size=MAX_FILE_SIZE // 2**20)
    try:
        if path.stat().st_size > MAX_FILE_SIZE:
            raise GiftError(too_large, None, path.name)
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_SIZE + 1)
    except OSError as exc:
        problem = _("cannot read the file ({reason}).").format(reason=exc.strerror or exc)
        raise GiftError(problem, None, path.name) from None
    if len(data) > MAX_FILE_SIZE:  # not a regular file, or it grew meanwhile
        raise GiftError(too_large, None, path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)  # start: after the mark
        problem = _("the file is not UTF-8 text; save it as UTF-8 in your text editor and "
                    "import it again.")  # fmt: skip
        raise GiftError(problem, data.count(b"\n", 0, offset) + 1, path.name) from None
    return parse_gift(text, source=path.name)


# --- writing --------------------------------------------------------------------------------------


def _num(number: float) -> str:
    """A number GIFT (and Moodle's weight pattern) reads back exactly: no exponent."""
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    return format(Decimal(repr(number)), "f")


def _esc(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip(_WS)
    escaped = text.translate(_ESCAPE)
    if text.startswith(("//", "%")) or _FORMAT_MARK.match(text):
        return "\\n" + escaped  # GIFT trims the newline; the text is no longer read as markup
    return escaped


def _feedback(text: str) -> str:
    return "#" + _esc(text) if text else ""


def _write_question(q: Question) -> list[str]:
    lines = []
    meta = ([f"points={_num(q.points)}"] if q.points != 1 else []) + (
        ["all-or-nothing"] if q.kind == "multiple" and q.all_or_nothing else []
    )
    if meta:
        lines.append(f"// {METADATA_TAG} " + " ".join(meta))
    title = f"::{_esc(q.title)}::" if q.title else ""
    head = title + (f"[{q.text_format}]" if q.text_format else "") + _esc(q.text)
    explanation = "####" + _esc(q.explanation) if q.explanation else ""
    if q.kind == "truefalse":
        true_right = q.choices[0].weight >= q.choices[1].weight
        right, wrong = q.choices if true_right else q.choices[::-1]
        answer = "TRUE" if true_right else "FALSE"
        if right.feedback or wrong.feedback:
            answer += "#" + _esc(wrong.feedback) + _feedback(right.feedback)
        return lines + [f"{head} {{{answer}{explanation}}}"]
    if q.kind == "numeric":
        answers = []
        for a in q.numeric:
            weight = "" if a.weight == 100 else f"%{_num(a.weight)}%"
            tolerance = f":{_num(a.tolerance)}" if a.tolerance else ""
            answers.append(f"={weight}{_num(a.value)}{tolerance}{_feedback(a.feedback)}")
        if len(answers) == 1 and q.numeric[0].weight == 100:  # the short form: {#3.14:0.01}
            return lines + [f"{head} {{#{answers[0][1:]}{explanation}}}"]
        lines.append(head + " {#")
        lines += ["\t" + answer for answer in answers]
    else:
        lines.append(head + " {")
        best = max(range(len(q.choices)), key=lambda i: q.choices[i].weight)
        for i, c in enumerate(q.choices):
            if q.kind == "single" and i == best:
                mark = "="  # one "=" makes it single choice (for Moodle too)
            elif c.weight == 0:
                mark = "~"
            else:
                mark = f"~%{_num(min(100.0, max(-100.0, c.weight)))}%"
            lines.append(f"\t{mark}{_esc(c.text)}{_feedback(c.feedback)}")
    if explanation:
        lines.append("\t" + explanation)
    return lines + ["}"]


def write_gift(questions: Sequence[Question], *, title: str = "") -> str:
    """GIFT text for ``questions`` that :func:`parse_gift` reads back to the same questions (new
    keys aside) and Moodle can import; ``title`` goes into a comment at the top."""
    lines = []
    for line in title.splitlines():
        lines.append(f"// {line.replace(METADATA_TAG, '(trainer-desktop)')}".rstrip())
    if lines:
        lines.append("")
    category = ""
    for question in questions:
        if question.category != category:
            category = question.category
            lines += [("$CATEGORY: " + _NEWLINE.sub(" ", category)).rstrip(_WS), ""]
        lines += _write_question(question) + [""]
    return "\n".join(lines)
