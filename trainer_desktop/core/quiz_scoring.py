"""Scores and statistics of pre/post tests: plain functions over questions and responses.

Nothing here reads the database: :mod:`.quizzes` loads the attempts and calls these, and the
tests check them against figures worked out by hand.

- An attempt's score is the sum of its questions' scores (:meth:`Question.score`); its
  percentage is the score over the points of the version it answered, so a pre-test and a
  parallel post-test with different totals compare.
- Class figures (mean, median, min, max) are over the attempts of one phase.
- Gain = post % − pre %; normalised gain = (post − pre) / (max − pre), Hake's g, undefined
  (None) when the pre-test already had full marks.
- Item statistics follow Moodle's quiz statistics report: the **facility index** is the mean
  score on the question as a percentage of its points; the **discrimination index** is the
  correlation (× 100) between the score on the question and the score on the rest of the test
  (so a question does not correlate with itself). It is None when either does not vary.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .quiz_content import QuizContent


@dataclass(frozen=True)
class AttemptScore:
    score: float
    max_score: float
    answered: int
    credits: dict[str, float]  # question key -> share of its points (0..1), answered or not

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0


def score_attempt(content: QuizContent, responses: Mapping[str, str],
                  memo: dict[tuple[str, str], float] | None = None) -> AttemptScore:  # fmt: skip
    """Score one attempt: ``responses`` maps question keys to stored responses. ``memo`` may
    carry credits already worked out for (key, response) across the attempts of one version."""
    total = 0.0
    answered = 0
    credits: dict[str, float] = {}
    for question in content.questions:
        response = responses.get(question.key, "")
        if not response:
            credit = 0.0
        elif memo is None:
            credit = question.credit(response)
        else:
            credit = memo.get((question.key, response))
            if credit is None:
                credit = memo[(question.key, response)] = question.credit(response)
        if response:
            answered += 1
        credits[question.key] = credit
        total += credit * question.points
    return AttemptScore(total, content.max_score, answered, credits)


@dataclass(frozen=True)
class Summary:
    """Mean, median, lowest and highest of some percentages (None when there are none)."""

    count: int
    mean: float | None
    median: float | None
    minimum: float | None
    maximum: float | None


def summarize(values: Iterable[float]) -> Summary:
    values = list(values)
    if not values:
        return Summary(0, None, None, None, None)
    return Summary(len(values), statistics.fmean(values), statistics.median(values),
                   min(values), max(values))  # fmt: skip


def gain(pre_percent: float, post_percent: float) -> float:
    return post_percent - pre_percent


def normalised_gain(pre_percent: float, post_percent: float) -> float | None:
    """(post − pre) / (100 − pre): the share of what there was to learn that was learned."""
    if pre_percent >= 100 - 1e-9:
        return None
    return (post_percent - pre_percent) / (100 - pre_percent)


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None when fewer than two values or either does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mean_x = math.fsum(xs) / n
    mean_y = math.fsum(ys) / n
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    syy = math.fsum((y - mean_y) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


@dataclass(frozen=True)
class ItemStatistics:
    key: str
    attempts: int  # attempts whose version had this question
    answered: int
    correct: int  # full marks
    facility: float | None  # percent
    discrimination: float | None  # correlation x 100

    @property
    def percent_correct(self) -> float | None:
        return 100 * self.correct / self.attempts if self.attempts else None


def item_statistics(scored: Sequence[tuple[QuizContent, Mapping[str, str], AttemptScore]],
                    ) -> dict[str, ItemStatistics]:  # fmt: skip
    """Per question key, over every attempt of one phase (each with the version it answered)."""
    columns: dict[str, tuple[list[float], list[float], list[int]]] = {}
    for content, responses, result in scored:
        for question in content.questions:
            credit = result.credits[question.key]
            item = credit * question.points
            points, rest, flags = columns.setdefault(question.key, ([], [], [0, 0]))
            points.append(credit)
            rest.append(result.score - item)
            if responses.get(question.key):
                flags[0] += 1
            if credit >= 1.0 - 1e-9:
                flags[1] += 1
    out = {}
    for key, (credits, rest, (answered, correct)) in columns.items():
        r = correlation(credits, rest)
        out[key] = ItemStatistics(
            key=key, attempts=len(credits), answered=answered, correct=correct,
            facility=100 * math.fsum(credits) / len(credits) if credits else None,
            discrimination=None if r is None else 100 * r)  # fmt: skip
    return out
