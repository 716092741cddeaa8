import numpy as np
import pandas as pd
import pytest

from analytics.classify import classify


def test_quantiles_with_missing_values():
    values = pd.Series([10.0, 20.0, 30.0, 40.0, None, 50.0, 60.0])
    c = classify(values, "quantiles", k=3)
    assert c.lower == 10.0
    # Linear-interpolated terciles of 10..60: 20 + 2/3 * 10 and 40 + 1/3 * 10.
    assert c.bins == pytest.approx((26.6667, 43.3333, 60.0), abs=1e-3)
    assert c.index.tolist() == [0, 0, 1, 1, -1, 2, 2]
    assert c.counts == (2, 2, 2)
    assert c.missing_count == 1


def test_equal_interval_bins():
    c = classify(pd.Series([0.0, 25.0, 50.0, 75.0, 100.0]), "equal_interval", k=4)
    assert c.bins == pytest.approx((25.0, 50.0, 75.0, 100.0))
    assert c.counts == (2, 1, 1, 1)


def test_natural_breaks_separates_groups():
    c = classify(pd.Series([1.0, 2.0, 3.0, 50.0, 51.0, 52.0, 99.0, 100.0]), "natural_breaks", k=3)
    assert c.index.tolist() == [0, 0, 0, 1, 1, 1, 2, 2]


def test_fewer_distinct_values_than_classes():
    c = classify(pd.Series([5.0, 5.0, 5.0]), "quantiles", k=5)
    assert c.bins == (5.0,)
    assert c.index.tolist() == [0, 0, 0]
    assert c.counts == (3,)


def test_all_missing():
    c = classify(pd.Series([np.nan, None]), "quantiles")
    assert c.bins == () and c.index.tolist() == [-1, -1] and c.missing_count == 2


def test_unknown_scheme():
    with pytest.raises(ValueError, match="unknown classification scheme 'jenks'"):
        classify(pd.Series([1.0]), "jenks")


def test_ties_give_fewer_quantile_classes_without_a_warning(recwarn):
    # Three distinct values, 2 twice: terciles of 0, 2, 2, 9 fall on 2 and 2, so only two
    # classes can be made (mapclassify would warn about it).
    c = classify(pd.Series([2.0, 9.0, 0.0, 2.0]), "quantiles", k=5)
    assert c.bins == (2.0, 9.0)
    assert c.index.tolist() == [0, 1, 0, 0] and c.counts == (3, 1)
    assert not [w for w in recwarn if "Not enough unique values" in str(w.message)]
