from __future__ import annotations

from linli.classify.evaluate import Report, per_category


def test_per_category_precision_and_recall_come_from_the_matrix() -> None:
    matrix = ((8, 2, 0, 0), (0, 5, 0, 0), (1, 0, 3, 0), (0, 0, 0, 0))
    rows = per_category(Report(total=19, correct=16, matrix=matrix, errors=()))
    charity, life, affairs, culture = rows
    assert charity == ("charity", 8 / 9, 8 / 10, 10)
    assert life == ("life_service", 5 / 7, 1.0, 5)
    assert affairs == ("community_affairs", 1.0, 3 / 4, 4)
    assert culture == ("culture_sports", 0.0, 0.0, 0)
