"""What the pages under AppTest handed to streamlit-folium, for the page tests."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest


def map_args(at: AppTest) -> list[dict]:
    """The arguments of every streamlit-folium map in the main area, in page order: the Leaflet
    ``script`` and the ``js_links``/``css_links`` it loads."""
    return [
        json.loads(e.proto.json_args)
        for e in at.main
        if type(e).__name__ == "UnknownElement" and "json_args" in str(e.proto)
    ]


def map_scripts(at: AppTest) -> list[str]:
    """The Leaflet script of every map, in page order."""
    return [args["script"] for args in map_args(at)]
