import pandas as pd
import pytest

from analytics.privacy import mask_frame, mask_number, shorten_name


@pytest.mark.parametrize(
    "value, expected",
    [
        ("9971011203800001", "************0001"),
        (" 2171010101260042 ", "************0042"),
        ("12345", "*2345"),
        ("1234", "****"),
        ("", ""),
        (None, None),
        (float("nan"), None),
    ],
)
def test_mask_number(value, expected):
    assert mask_number(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Siti Nur Aisyah", "Siti N. A."),
        ("budi  santoso", "budi S."),
        ("Sukarno", "Sukarno"),
        ("", ""),
        (None, None),
    ],
)
def test_shorten_name(value, expected):
    assert shorten_name(value) == expected


def test_mask_frame_masks_only_personal_columns():
    df = pd.DataFrame(
        {"nik": ["9971011203800001"], "no_kk": ["9971010101260001"], "nama": ["Uji Satu"], "kode": ["99.71"]}
    )
    out = mask_frame(df)
    assert out.iloc[0].tolist() == ["************0001", "************0001", "Uji S.", "99.71"]
    assert df.loc[0, "nik"] == "9971011203800001", "the input is left as it was"
    assert "9971011203800001" not in out.to_csv()
