"""The coverage map of the weekly brief (reports/brief.py): a classed choropleth of the
kelurahan in the region's UTM zone, with kecamatan outlines, the lagging kelurahan numbered, a
legend, a north arrow and a scale bar, rendered by matplotlib's Agg canvas to PNG (no pyplot,
no global backend, no timestamp in the file)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle

from analytics import classify
from domain.i18n import format_float, translate
from geodata import crs

# The dashboard's colours (ui/maps.py): ColorBrewer YlGnBu by number of classes, its no-data
# grey and sea; the overview's target orange marks the lagging kelurahan.
PALETTES = {
    1: ("#41b6c4",),
    2: ("#a1dab4", "#225ea8"),
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
}
NO_DATA_COLOR = "#c4c4c4"
SEA_COLOR = "#eef3f7"
LAGGING_COLOR = "#d95f02"
EDGE_COLOR = "#6c757d"
INK_COLOR = "#212529"
DPI = 200


def _nice_length(limit_m: float) -> float:
    """The largest 1, 2 or 5 x 10^n metres not above ``limit_m``."""
    exp = 10 ** np.floor(np.log10(limit_m))
    return float(max(m * exp for m in (1, 2, 5) if m * exp <= limit_m))


def _km(metres: float, lang: str) -> str:
    """A scale-bar length in km with as many decimals as it needs (0,25 / 2,5 / 10)."""
    km = metres / 1000
    digits = next(d for d in range(4) if abs(round(km, d) - km) < 1e-9)
    return format_float(km, lang, digits)


@dataclass(frozen=True)
class _Frame:
    """The map's extent in metres: the polygons' bounds padded, widened to the right by a
    panel (from ``panel_x``) that holds the legend, north arrow and scale bar."""

    x0: float
    x1: float
    y0: float
    y1: float
    panel_x: float

    def fraction(self, x: float) -> float:
        """Where ``x`` (metres) lies across the frame, 0-1."""
        return (x - self.x0) / (self.x1 - self.x0)


def _frame(bounds, aspect: float, map_share: float = 0.70) -> _Frame:
    """A frame of width/height ``aspect`` whose left ``map_share`` holds ``bounds``
    (minx, miny, maxx, maxy in metres) with a small margin, centred vertically."""
    minx, miny, maxx, maxy = bounds
    pad = 0.03 * max(maxx - minx, maxy - miny)
    height = max((maxx - minx + 2 * pad) / (map_share * aspect), maxy - miny + 2 * pad)
    yc = (miny + maxy) / 2
    x0 = minx - pad
    return _Frame(x0, x0 + height * aspect, yc - height / 2, yc + height / 2, maxx + pad)


def _legend(ax, frame: _Frame, classes: classify.Classes, palette, with_numbers: bool, lang: str) -> None:
    """Classes with their ranges and counts, no data, the kecamatan line and the lagging marker,
    at the top of the panel."""

    def box(color, label):
        return Patch(facecolor=color, edgecolor=EDGE_COLOR, linewidth=0.4, label=label)

    lowers = (classes.lower, *classes.bins[:-1])
    handles = [
        box(c, f"{format_float(lo, lang)} – {format_float(hi, lang)}   ({n})")
        for c, lo, hi, n in zip(palette, lowers, classes.bins, classes.counts)
    ]
    if classes.missing_count:
        handles.append(box(NO_DATA_COLOR, f"{translate(lang, 'brief.map.no_data')}   ({classes.missing_count})"))
    handles.append(Line2D([], [], color=INK_COLOR, linewidth=0.9, label=translate(lang, "brief.map.kecamatan")))
    if with_numbers:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=6,
                markerfacecolor="white",
                markeredgecolor=LAGGING_COLOR,
                label=translate(lang, "brief.map.lagging"),
            )
        )
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(frame.fraction(frame.panel_x), 0.97),
        bbox_transform=ax.transAxes,
        frameon=False,
        fontsize=7,
        title=translate(lang, "brief.map.legend"),
        title_fontsize=8,
        alignment="left",
        handlelength=1.6,
        handleheight=1.1,
    )
    legend.get_title().set_fontweight("bold")


def _north_arrow(ax, x: float, y: float, size: float, lang: str) -> None:
    """A half-filled arrowhead ``size`` metres tall with its base centre at (x, y), the
    letter for north above it."""
    tip, notch, half = (x, y + size), (x, y + 0.25 * size), 0.35 * size
    for side, fill in ((-1, INK_COLOR), (1, "white")):
        ax.add_patch(Polygon([tip, (x + side * half, y), notch], fc=fill, ec=INK_COLOR, lw=0.6))
    ax.text(x, y + 1.12 * size, translate(lang, "brief.map.north"), ha="center", va="bottom", fontsize=9, weight="bold")


def _scale_bar(ax, x: float, y: float, limit_m: float, height: float, lang: str) -> None:
    """A two-part scale bar from (x, y), as long as the largest round length up to ``limit_m``
    metres, labelled in km."""
    length = _nice_length(limit_m)
    for i, fill in enumerate((INK_COLOR, "white")):
        ax.add_patch(Rectangle((x + i * length / 2, y), length / 2, height, fc=fill, ec=INK_COLOR, lw=0.6))
    for at, label in ((0, "0"), (length / 2, _km(length / 2, lang)), (length, f"{_km(length, lang)} km")):
        ax.text(x + at, y + 1.8 * height, label, ha="center", va="bottom", fontsize=6.5)


def coverage_map_png(
    shapes: gpd.GeoDataFrame,
    units: pd.DataFrame,
    numbers: dict[str, int],
    lang: str,
    width_mm: float,
    height_mm: float,
) -> bytes | None:
    """The coverage choropleth as a PNG of ``width_mm`` x ``height_mm`` at :data:`DPI`, or
    None when no unit has a polygon.

    ``shapes`` are the display boundaries (EPSG:4326; ``kode``, ``kode_kecamatan``), ``units``
    the kelurahan rows of :func:`analytics.coverage.coverage_levels` (``coverage_rate`` 0-1,
    classed in five quantiles as on the overview), ``numbers`` kode -> the number printed on
    the unit (its rank in the lagging table). Drawn in the region's UTM zone, so the scale bar
    holds and grid north is up; the legend, north arrow and scale bar sit in a panel right of
    the polygons' bounds, never over them.
    """
    drawn = shapes[shapes.geometry.notna() & ~shapes.geometry.is_empty]
    if drawn.empty:
        return None
    gdf = crs.to_metric(drawn).merge(units[["kode", "coverage_rate"]], on="kode", how="left")
    classes = classify.classify(gdf["coverage_rate"] * 100, scheme="quantiles", k=len(PALETTES))
    palette = PALETTES.get(len(classes.bins), ())

    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.005, 0.005, 0.99, 0.99))
    frame = _frame(gdf.total_bounds, width_mm / height_mm)
    ax.set_xlim(frame.x0, frame.x1)
    ax.set_ylim(frame.y0, frame.y1)
    ax.set_aspect("equal")
    ax.set_facecolor(SEA_COLOR)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#9aa5b1")
        spine.set_linewidth(0.6)

    gdf.plot(
        ax=ax,
        color=[palette[i] if i >= 0 else NO_DATA_COLOR for i in classes.index],
        edgecolor=EDGE_COLOR,
        linewidth=0.25,
    )
    gdf.dissolve("kode_kecamatan").boundary.plot(ax=ax, color=INK_COLOR, linewidth=0.7)
    for kode, point in zip(gdf["kode"], gdf.geometry.representative_point()):
        if kode in numbers:
            ax.annotate(
                str(numbers[kode]),
                (point.x, point.y),
                ha="center",
                va="center",
                fontsize=5.5,
                fontweight="bold",
                color=LAGGING_COLOR,
                bbox={"boxstyle": "circle,pad=0.25", "fc": "white", "ec": LAGGING_COLOR, "lw": 0.7},
            )
    _legend(ax, frame, classes, palette, bool(numbers), lang)
    panel_w, tall = frame.x1 - frame.panel_x, frame.y1 - frame.y0
    left = frame.panel_x + 0.12 * panel_w
    _north_arrow(ax, left + 0.06 * panel_w, frame.y0 + 0.12 * tall, 0.07 * tall, lang)
    _scale_bar(ax, left, frame.y0 + 0.05 * tall, 0.7 * panel_w, 0.008 * tall, lang)

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()
