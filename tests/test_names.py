"""geodata.names: (kecamatan, kelurahan) names to Kemendagri codes, nothing guessed."""

import pandas as pd
import pytest

from geodata.names import match_kelurahan_names, normalise_name

# Two kecamatan of a fictional kota; "Sungai Jodoh" exists in both.
REGISTRY = pd.DataFrame(
    [
        ("99.71.01", "Batu Ampar", "kecamatan", "99.71"),
        ("99.71.02", "Sei Beduk", "kecamatan", "99.71"),
        ("99.71.01.1001", "Tanjung Uncang", "kelurahan", "99.71.01"),
        ("99.71.01.1002", "Sungai Jodoh", "kelurahan", "99.71.01"),
        ("99.71.01.1003", "Lowu Dua", "kelurahan", "99.71.01"),
        ("99.71.02.1001", "Muka Kuning", "kelurahan", "99.71.02"),
        ("99.71.02.2002", "Sungai Jodoh", "kelurahan", "99.71.02"),
        ("99.71.02.2003", "Wua-Wua", "kelurahan", "99.71.02"),
    ],
    columns=["kode", "nama", "level", "kode_induk"],
)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("KEL. TANJUNG  UNCANG", "Tanjung Uncang"),
        ("Kelurahan Tanjunguncang", "tanjung uncang"),
        ("Desa Wua Wua", "Wua-Wua"),
        ("Sei Beduk", "Sungai Beduk"),
        ("Tg. Uncang", "Tanjung Uncang"),
        ("Lowu II", "Lowu Dua"),
        ("Kec. Batu Ampar", "Batu Ampar"),
        ("Desa Désa", "desa"),
    ],
)
def test_names_that_are_written_differently_compare_equal(left, right):
    assert normalise_name(left) == normalise_name(right)


@pytest.mark.parametrize(("left", "right"), [("Lowu Satu", "Lowu Dua"), ("Batu Besar", "Batu Ampar")])
def test_different_names_stay_different(left, right):
    assert normalise_name(left) != normalise_name(right)


def test_missing_names_normalise_to_empty():
    assert normalise_name(None) == normalise_name(float("nan")) == normalise_name(pd.NA) == ""


def test_matches_within_the_kecamatan():
    records = pd.DataFrame(
        {
            "kecamatan": ["BATU AMPAR", "Sei Beduk", "Kec. Batu Ampar"],
            "kelurahan": ["Kel. Sungai Jodoh", "Sei Jodoh", "Lowu II"],
        },
        index=[10, 11, 12],
    )
    out = match_kelurahan_names(records, REGISTRY)
    assert out.index.tolist() == [10, 11, 12]
    assert out["kode"].tolist() == ["99.71.01.1002", "99.71.02.2002", "99.71.01.1003"]
    assert out["kode_kecamatan"].tolist() == ["99.71.01", "99.71.02", "99.71.01"]
    assert out["match"].tolist() == ["matched"] * 3
    assert out["problem"].isna().all() and out["candidates"].tolist() == [[], [], []]


def test_ambiguous_name_lists_every_unit_and_picks_none():
    records = pd.DataFrame({"kelurahan": ["Sungai Jodoh"]})
    out = match_kelurahan_names(records, REGISTRY, kecamatan_column=None)
    row = out.iloc[0]
    assert row["match"] == "ambiguous" and pd.isna(row["kode"])
    assert row["candidates"] == ["Sungai Jodoh (99.71.01.1002)", "Sungai Jodoh (99.71.02.2002)"]


def test_unmatched_name_gets_the_closest_candidates_and_no_code():
    records = pd.DataFrame({"kecamatan": ["Batu Ampar"], "kelurahan": ["Tanjung Uncan"]})
    row = match_kelurahan_names(records, REGISTRY).iloc[0]
    assert (row["match"], row["problem"]) == ("unmatched", "kelurahan")
    assert pd.isna(row["kode"]) and row["kode_kecamatan"] == "99.71.01"
    assert row["candidates"][0] == "Tanjung Uncang (99.71.01.1001)"


def test_unmatched_kecamatan_is_reported_as_such():
    records = pd.DataFrame({"kecamatan": ["Batu Ampr"], "kelurahan": ["Tanjung Uncang"]})
    row = match_kelurahan_names(records, REGISTRY).iloc[0]
    assert (row["match"], row["problem"]) == ("unmatched", "kecamatan")
    assert row["candidates"] == ["Batu Ampar (99.71.01)"]


def test_blank_names_are_missing():
    records = pd.DataFrame({"kecamatan": [None, "Batu Ampar"], "kelurahan": ["Tanjung Uncang", "  "]})
    out = match_kelurahan_names(records, REGISTRY)
    assert out["match"].tolist() == ["missing", "missing"]
    assert out["problem"].tolist() == ["kecamatan", "kelurahan"]


def test_kecamatan_names_shared_across_kabkota_are_settled_by_the_kelurahan():
    registry = pd.concat(
        [
            REGISTRY,
            pd.DataFrame(
                [
                    ("99.72.01", "Batu Ampar", "kecamatan", "99.72"),
                    ("99.72.01.2001", "Pulau Buluh", "kelurahan", "99.72.01"),
                ],
                columns=REGISTRY.columns,
            ),
        ]
    )
    records = pd.DataFrame({"kecamatan": ["Batu Ampar", "Batu Ampar"], "kelurahan": ["Pulau Buluh", "Tanjung Uncang"]})
    out = match_kelurahan_names(records, registry)
    assert out["kode"].tolist() == ["99.72.01.2001", "99.71.01.1001"]
    assert out["kode_kecamatan"].tolist() == ["99.72.01", "99.71.01"]


def test_empty_records_give_an_empty_frame_with_the_columns():
    out = match_kelurahan_names(pd.DataFrame({"kecamatan": [], "kelurahan": []}), REGISTRY)
    assert out.empty and list(out.columns) == ["kode_kecamatan", "kode", "match", "problem", "candidates"]


def test_a_long_register_of_few_distinct_names_matches_every_row():
    records = pd.DataFrame({"kecamatan": ["Batu Ampar"] * 5000, "kelurahan": ["Kel. Tanjung Uncang", "Lowu 2"] * 2500})
    out = match_kelurahan_names(records, REGISTRY)
    assert out["kode"].value_counts().to_dict() == {"99.71.01.1001": 2500, "99.71.01.1003": 2500}
