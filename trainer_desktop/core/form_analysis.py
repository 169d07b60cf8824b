"""Evaluation results: counts, percentages, means and the share satisfied, per item.

Plain functions over a form's items and its responses' answers (no database), checked by the
tests against figures worked out by hand.

- Choices (single, multiple, yes/no): how many chose each, and the percentage of the people who
  answered the item (for multiple choice the percentages can add up to more than 100).
- Rating scales: the count at each point, the mean point, and the share *satisfied*: the top two
  points (4 and 5 of 5, 3 and 4 of 4) over the people who answered.
- Numbers: count, mean, lowest, highest.
- Texts: every answer, listed.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .form_content import CHOICE_KINDS, FormContent, FormItem

#: Names of an item that asks the person's sex, when the form asks it (XLSForm habits).
SEX_ITEM_NAMES = ("sex", "gender", "sexe", "genre")


@dataclass
class ItemAnalysis:
    item: FormItem
    answered: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # choice name or point -> people
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    satisfied: float | None = None  # rating scales: share in the top two points (0..1)
    texts: list[str] = field(default_factory=list)

    def percent(self, key: str) -> float | None:
        """Share (0..100) of the people who answered this item who chose ``key``."""
        return 100 * self.counts.get(key, 0) / self.answered if self.answered else None


def analyse_item(item: FormItem, answers: Iterable[str]) -> ItemAnalysis:
    """The figures of one item over some answers (``""`` = not answered, left out)."""
    given = [a for a in answers if a]
    result = ItemAnalysis(item, answered=len(given))
    if item.kind == "rating":
        result.counts = {str(p): 0 for p in range(1, item.points + 1)}
    elif item.kind in CHOICE_KINDS:
        result.counts = {c.name: 0 for c in item.choices}
    elif item.kind == "yesno":
        result.counts = {"yes": 0, "no": 0}
    if item.kind in ("rating", "yesno") or item.kind in CHOICE_KINDS:
        for answer in given:
            for key in answer.split() if item.kind == "multiple" else [answer]:
                if key in result.counts:
                    result.counts[key] += 1
    if item.kind == "rating" and given:
        points = [int(a) for a in given if a.isdigit() and 1 <= int(a) <= item.points]
        if points:
            result.mean = statistics.fmean(points)
            result.satisfied = sum(p >= item.points - 1 for p in points) / len(points)
    elif item.kind in ("integer", "decimal") and given:
        numbers = []
        for answer in given:
            try:
                numbers.append(float(answer))
            except ValueError:
                continue
        if numbers:
            result.mean = statistics.fmean(numbers)
            result.minimum, result.maximum = min(numbers), max(numbers)
    elif item.kind in ("text", "longtext"):
        result.texts = list(given)
    return result


def analyse(content: FormContent, responses: Iterable[Mapping[str, str]]) -> list[ItemAnalysis]:
    """Every answerable item of ``content`` over ``responses`` (item name -> answer)."""
    responses = list(responses)
    return [analyse_item(item, (r.get(item.name, "") for r in responses)) for item in content.answerable]


def sex_item(content: FormContent) -> FormItem | None:
    """The item that asks the person's sex, if the form has one (a single choice)."""
    for item in content.items:
        if item.kind == "single" and item.name.casefold() in SEX_ITEM_NAMES:
            return item
    return None
