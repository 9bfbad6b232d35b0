"""The relevance measures, on cases small enough to work out by hand."""

import math

import pytest

from tests.search.metrics import (
    Row,
    by_kind,
    dcg_at,
    grades_of,
    hit_at,
    ndcg_at,
    reciprocal_rank,
    report,
    scores,
)


def test_a_hit_is_an_answer_in_the_first_k():
    assert hit_at([0, 1, 2], 3) == 1.0
    assert hit_at([0, 1, 2], 2) == 0.0  # a grade 1 result is not the answer
    assert hit_at([0, 1, 2], 2, min_grade=1) == 1.0
    assert hit_at([2], 3) == 1.0
    assert hit_at([], 3) == 0.0


def test_reciprocal_rank_of_the_first_answer():
    assert reciprocal_rank([2, 0]) == 1.0
    assert reciprocal_rank([0, 0, 2, 2]) == pytest.approx(1 / 3)
    assert reciprocal_rank([1, 2]) == 0.5
    assert reciprocal_rank([1, 2], min_grade=1) == 1.0
    assert reciprocal_rank([0, 1]) == 0.0
    assert reciprocal_rank([]) == 0.0


def test_dcg_discounts_by_log2_of_the_rank_plus_one():
    # 2/log2(2) + 0/log2(3) + 1/log2(4) = 2 + 0 + 0.5
    assert dcg_at([2, 0, 1], 10) == pytest.approx(2.5)
    assert dcg_at([2, 0, 1], 1) == pytest.approx(2.0)
    assert dcg_at([], 10) == 0.0


def test_ndcg_compares_with_the_ideal_order_of_the_judged_grades():
    # Ideal: [2, 1] -> 2 + 1/log2(3) = 2.6309...
    assert ndcg_at([2, 0, 1], [1, 2]) == pytest.approx(2.5 / (2 + 1 / math.log2(3)))
    assert ndcg_at([2, 0, 1], [1, 2]) == pytest.approx(0.9502, abs=1e-4)
    assert ndcg_at([2, 1], [1, 2]) == pytest.approx(1.0)
    # The answer second: (2/log2(3)) / 2
    assert ndcg_at([0, 2], [2]) == pytest.approx(1 / math.log2(3))
    assert ndcg_at([1, 2], [2, 1]) == pytest.approx((1 + 2 / math.log2(3)) / (2 + 1 / math.log2(3)))


def test_ndcg_stops_at_k_and_is_zero_with_nothing_to_find():
    assert ndcg_at([0] * 10 + [2], [2]) == 0.0
    assert ndcg_at([0] * 2 + [2], [2], k=2) == 0.0
    assert ndcg_at([], [2, 1]) == 0.0
    assert ndcg_at([2], []) == 0.0


def test_grades_of_titles():
    assert grades_of(["a", "b", "c"], {"c": 2, "a": 1, "z": 2}) == [1, 0, 2]


ROWS = [
    Row("typo", grades=[2, 0], judged=[2], total=2),
    Row("typo", grades=[0, 0, 0, 2], judged=[2, 1], total=9),
    Row("coach", grades=[], judged=[2], total=0),
    Row("coach", grades=[1, 2], judged=[2, 1], total=2),
]


def test_scores_are_means_over_the_queries():
    typo = scores(ROWS[:2])
    assert typo.queries == 2
    assert typo.hit_at_3 == 0.5
    assert typo.mrr == pytest.approx((1 + 1 / 4) / 2)
    ideal = 2 + 1 / math.log2(3)
    assert typo.ndcg_at_10 == pytest.approx((1 + (2 / math.log2(5)) / ideal) / 2)
    assert typo.zero_results == 0.0

    coach = scores(ROWS[2:])
    assert coach.hit_at_3 == 0.5
    assert coach.mrr == 0.25
    assert coach.zero_results == 0.5

    assert scores(ROWS).hit_at_3 == 0.5
    assert scores(ROWS).zero_results == 0.25
    assert scores([]) == scores([])
    assert scores([]).queries == 0


def test_scores_by_kind_in_the_order_given():
    assert list(by_kind(ROWS)) == ["typo", "coach"]
    assert list(by_kind(ROWS, ["coach", "polish", "typo"])) == ["coach", "typo"]


def test_report_is_a_table_per_kind_with_the_total():
    rows = [
        Row("typo", grades=[2], judged=[2], total=1),
        Row("typo", grades=[0, 0, 0, 0], judged=[2], total=4),
        Row("coach", grades=[], judged=[2], total=0),
    ]
    assert report(rows, ["coach", "typo"]) == "\n".join(
        [
            "kind   queries  hit@3   MRR  nDCG@10  zero",
            "------------------------------------------",
            "coach        1   0.00  0.00     0.00  100%",
            "typo         2   0.50  0.50     0.50    0%",
            "------------------------------------------",
            "total        3   0.33  0.33     0.33   33%",
        ]
    )
