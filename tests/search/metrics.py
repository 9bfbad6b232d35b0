"""Relevance measures for the judged set: hit@k, reciprocal rank, nDCG@k, the zero-result
rate, and a plain-text table of them per kind of query.

Results are described by their grades, in the order the search gave them: 2 for the answer,
1 for a result that also helps, 0 for anything not judged relevant. A hit and the reciprocal
rank count the answers only (grade 2: what the first judged set asked for, "the expected
result in the top 3"); nDCG counts every grade.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ANSWER = 2


def hit_at(grades: Sequence[int], k: int, min_grade: int = ANSWER) -> float:
    """1.0 when one of the first ``k`` results has at least ``min_grade``, else 0.0."""
    return 1.0 if any(grade >= min_grade for grade in grades[:k]) else 0.0


def reciprocal_rank(grades: Sequence[int], min_grade: int = ANSWER) -> float:
    """1 / the rank of the first result with at least ``min_grade`` (0.0 when none has)."""
    for rank, grade in enumerate(grades, start=1):
        if grade >= min_grade:
            return 1.0 / rank
    return 0.0


def dcg_at(grades: Sequence[int], k: int) -> float:
    """Discounted cumulative gain: each grade divided by log2(rank + 1), first ``k``."""
    return sum(grade / math.log2(rank + 1) for rank, grade in enumerate(grades[:k], start=1))


def ndcg_at(grades: Sequence[int], judged: Iterable[int], k: int = 10) -> float:
    """DCG of the results over the DCG of the ideal order of the judged grades."""
    ideal = dcg_at(sorted(judged, reverse=True), k)
    return dcg_at(grades, k) / ideal if ideal else 0.0


def grades_of(titles: Sequence[str], relevant: dict[str, int]) -> list[int]:
    """The grade of each result title (0 when not judged)."""
    return [relevant.get(title, 0) for title in titles]


@dataclass(frozen=True)
class Row:
    """One query's outcome."""

    kind: str
    grades: Sequence[int]  # of the results, in order
    judged: Sequence[int]  # every judged grade of the query
    total: int  # how many results the search found


@dataclass(frozen=True)
class Scores:
    queries: int
    hit_at_3: float
    mrr: float
    ndcg_at_10: float
    zero_results: float


def scores(rows: Sequence[Row]) -> Scores:
    """The means over ``rows`` (all zero when there are none)."""
    count = len(rows)
    if not count:
        return Scores(0, 0.0, 0.0, 0.0, 0.0)
    return Scores(
        queries=count,
        hit_at_3=sum(hit_at(row.grades, 3) for row in rows) / count,
        mrr=sum(reciprocal_rank(row.grades) for row in rows) / count,
        ndcg_at_10=sum(ndcg_at(row.grades, row.judged, 10) for row in rows) / count,
        zero_results=sum(1 for row in rows if not row.total) / count,
    )


def by_kind(rows: Sequence[Row], kinds: Sequence[str] = ()) -> dict[str, Scores]:
    """Scores per kind: ``kinds`` first, in that order, then any others as they come."""
    order = list(dict.fromkeys([*kinds, *(row.kind for row in rows)]))
    return {
        kind: scores([row for row in rows if row.kind == kind])
        for kind in order
        if any(row.kind == kind for row in rows)
    }


HEADINGS = ("kind", "queries", "hit@3", "MRR", "nDCG@10", "zero")


def report(rows: Sequence[Row], kinds: Sequence[str] = ()) -> str:
    """A plain-text table: one line per kind of query, then the total."""
    lines = [(kind, value) for kind, value in by_kind(rows, kinds).items()]
    lines.append(("total", scores(rows)))
    cells = [HEADINGS] + [
        (
            kind,
            str(value.queries),
            f"{value.hit_at_3:.2f}",
            f"{value.mrr:.2f}",
            f"{value.ndcg_at_10:.2f}",
            f"{value.zero_results:.0%}",
        )
        for kind, value in lines
    ]
    widths = [max(len(row[column]) for row in cells) for column in range(len(HEADINGS))]

    def line(row):
        first, *rest = row
        return "  ".join(
            [first.ljust(widths[0])]
            + [cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True)]
        )

    rule = "-" * len(line(cells[0]))
    return "\n".join([line(cells[0]), rule, *map(line, cells[1:-1]), rule, line(cells[-1])])
