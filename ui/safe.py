"""Names are text, never markup: every kelurahan, kecamatan, region, person, enumerator and file
name passes through here before it reaches Markdown, HTML or a map.

Streamlit renders Markdown (with links and some HTML) in ``st.markdown``, ``st.caption``,
``st.title``, ``st.error`` and the other text elements; folium puts tooltips, popups and legends
into the page as HTML. A name such as ``<img src=x onerror=alert(1)>`` or ``[klik](http://x)``
must show literally in both.
"""

from __future__ import annotations

import html
import re

# Every character that means something to Streamlit's Markdown (CommonMark, GitHub extensions,
# LaTeX between $ and the :material/icon: and :color[text] directives).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&])")


def md(text) -> str:
    """``text`` for a Streamlit Markdown string: every Markdown character escaped, so the
    name shows as written. None shows as an empty string."""
    if text is None:
        return ""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def html_text(text) -> str:
    """``text`` for HTML (folium tooltips, popups, legends): ``<``, ``>``, ``&`` and quotes
    as entities. None shows as an empty string."""
    if text is None:
        return ""
    return html.escape(str(text), quote=True)
