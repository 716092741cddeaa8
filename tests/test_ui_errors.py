"""ui.errors: a failing page shows an error id and no internals; the log has the traceback."""

import logging
import re

from streamlit.testing.v1 import AppTest

from ui import errors


def failing_page():
    from ui.errors import run_safely

    def page():
        raise RuntimeError("SELECT nik FROM dtks_anggota at /srv/peta/data.duckdb")

    run_safely(page)


def test_a_failing_page_shows_an_id_and_no_internals(caplog, monkeypatch):
    monkeypatch.delenv(errors.RAISE_ENV)
    at = AppTest.from_function(failing_page)
    with caplog.at_level(logging.ERROR, logger="peta_kesos"):
        at.run()
    assert not at.exception
    [box] = at.error
    error_id = re.search(r"\b([0-9a-f]{8})\b", box.value).group(1)
    assert "SELECT" not in box.value and "/srv" not in box.value and "RuntimeError" not in box.value
    [record] = [r for r in caplog.records if error_id in r.getMessage()]
    assert "SELECT nik" in str(record.exc_info[1])


def test_tests_see_the_exception():
    at = AppTest.from_function(failing_page)
    at.run()
    # Redacted by client.showErrorDetails = "none", but an exception all the same.
    assert len(at.exception) == 1
