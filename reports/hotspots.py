"""The PMKS report: what the PMKS page shows (case counts, rates, Gi* hot spots, Local Moran
clusters, kernel density, TRC response, the case lifecycle, the shelter) and what
``python -m warehouse export hotspots`` writes (counts, density and hot spots per kelurahan as
CSV or Excel, with a first row saying the region, the period, the filters, the method and the
data date).

Every reading function takes a read-only warehouse connection ``con`` first (``ui.pmks``
caches them). The page computes its hot-spot map with :func:`analysis` and downloads the same
file (:func:`hotspot_table`, :func:`hotspot_file`), so the page and the command line agree.

Longer than 500 lines because it is the whole PMKS page's report plus its export, in sections
that share the case filter (settings, hot spots, TRC response, lifecycle and shelter, the
export command); each section is the seam along which it would split into a package.
Counts below the one threshold of ``config/privacy.toml`` (:func:`reports.settings.suppress_below`,
default 5) are suppressed in the file and on the page (docs/architecture.md, "Privacy"), together with the
rates that would reveal them; the statistics are computed on the full counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

import queries
from analytics import cases, hotspots, response
from analytics.classify import Classes
from domain.codes import PMKS_CATEGORIES, PMKS_SOURCES
from domain.i18n import translate
from reports import files, settings
from warehouse import db

FORMATS = files.FORMATS
CONFIG = Path(__file__).resolve().parent.parent / "config"
SHELTERS_FILE = CONFIG / "shelters.toml"
SHELTERS_ENV = "PETA_KESOS_SHELTERS"
TRC_FILE = CONFIG / "trc.toml"
PATROL = "patroli"
DEFAULT_PERIOD_DAYS = 365
# The most cells the heat layer's cases come counted in (issue 14.1: no page pulls more than
# about 10,000 rows), and the largest cell side as a multiple of the density grid's (a fifth
# of the bandwidth): four, so that the cells stay smaller than the kernel (0.8 of its radius)
# and the layer shows no lattice of separate blobs. Both: at most 5,000 cells where the cases
# allow, more where they are too spread for cells that large (at scale 10 and a 250 m radius,
# about 8,900 cells of 200 m).
HEAT_MAX_CELLS = 5_000
HEAT_MAX_SCALE = 4.0
# The most vertices the heat layer's class polygons may have (issue 14: no map message over
# 1 MB; a vertex costs about 20 bytes of GeoJSON): a small radius over a whole city breaks the
# classes into thousands of blobs (Batam at scale 10 and 250 m: 97,000 vertices, a 2 MB map),
# so the density grid's cell grows by sqrt(2) steps until the polygons fit.
HEAT_MAX_VERTICES = 30_000

# Output column -> column of :func:`analysis`.
COLUMNS = {
    "kode": "kode",
    "kelurahan": "nama",
    "kode_kecamatan": "kode_kecamatan",
    "kecamatan": "kecamatan",
    "luas_km2": "luas_km2",
    "penduduk": "penduduk",
    "cases_count": "cases_count",
    "cases_per_km2": "cases_per_km2",
    "cases_per_10k": "cases_per_10k",
    "cases_per_10k_eb": "cases_per_10k_eb",
    "neighbours_count": "neighbours_count",
    "gi_z": "gi_z",
    "gi_p_sim": "gi_p_sim",
    "gi_p_fdr": "gi_p_fdr",
    "confidence_pct": "confidence_pct",
    "hotspot_class": "hotspot_class",
}


def default_period(
    first_date: dt.date | None, today: dt.date, days: int = DEFAULT_PERIOD_DAYS
) -> tuple[dt.date, dt.date]:
    """(from, to) of the default period: the ``days`` days ending on the data date, starting
    no earlier than the first report."""
    start = today - dt.timedelta(days=days - 1)
    if first_date is not None and first_date > start:
        start = min(first_date, today)
    return start, today


def query_params(
    kode_region: str,
    kategori,
    sumber,
    dari: dt.date | None,
    sampai: dt.date | None,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> dict:
    """The bound parameters of the ``pmks_*`` queries; an empty or missing list means all
    (but an empty scope sees nothing)."""
    return {
        "kode_region": kode_region,
        "kategori": list(kategori) if kategori else None,
        "sumber": list(sumber) if sumber else None,
        "dari": dari,
        "sampai": sampai,
        "scope_kelurahan": None if scope_kelurahan is None else list(scope_kelurahan),
    }


@dataclass(frozen=True)
class CaseFilter:
    """The page's case filter: region, categories and sources (empty = all), report period."""

    kode_region: str
    kategori: tuple[str, ...] = ()
    sumber: tuple[str, ...] = ()
    dari: dt.date | None = None
    sampai: dt.date | None = None

    def params(self, scope_kelurahan: tuple[str, ...] | None = None) -> dict:
        """Bound parameters of the ``pmks_*`` queries, for the scope's kelurahan only when given."""
        return query_params(
            self.kode_region, self.kategori, self.sumber, self.dari, self.sampai, scope_kelurahan=scope_kelurahan
        )


def period(con, kode_region: str, *, scope_kelurahan: tuple[str, ...] | None = None) -> dict:
    """first_date and last_date (datetime.date, None without cases) and cases_count of the
    region's case reports (of the scope's kelurahan when given)."""
    scope = query_params(kode_region, None, None, None, None, scope_kelurahan=scope_kelurahan)["scope_kelurahan"]
    row = queries.run(con, "pmks_period", kode_region=kode_region, scope_kelurahan=scope).iloc[0]
    return {
        "first_date": _day(row["first_date"]),
        "last_date": _day(row["last_date"]),
        "cases_count": int(row["cases_count"]),
    }


def _day(value) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def shapes(con, kode_region: str) -> gpd.GeoDataFrame:
    """The region's kelurahan boundaries (:func:`shapes_from_rows`)."""
    return shapes_from_rows(queries.run(con, "kelurahan_boundaries", kode_region=kode_region))


def unit_analysis(
    con, flt: CaseFilter, measure: str, *, scope_kelurahan: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """:func:`analysis` of the filter's cases per kelurahan, with their counts per source
    (``<sumber>_count``, :func:`analytics.hotspots.unit_breakdown`). With a scope, only its
    kelurahan: the hot spots are tested among them alone (none with fewer than
    :data:`analytics.hotspots.MIN_UNITS`)."""
    params = flt.params(scope_kelurahan)
    result = analysis(queries.run(con, "pmks_cases_kelurahan", **params), shapes(con, flt.kode_region), measure)
    sources = queries.run(con, "pmks_cases_source", **params)
    by_source = hotspots.unit_breakdown(sources, result["kode"], "sumber", PMKS_SOURCES)
    return result.merge(by_source, on="kode", how="left")


def category_table(
    con, flt: CaseFilter, kelurahan: str | None = None, *, scope_kelurahan: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Cases by category and source over the region (the scope's kelurahan), or one kelurahan
    when given (:func:`analytics.hotspots.category_source_table`)."""
    categories = queries.run(con, "pmks_cases_category", **flt.params(scope_kelurahan), kode_kelurahan=kelurahan)
    return hotspots.category_source_table(categories, PMKS_CATEGORIES, PMKS_SOURCES)


def moran(con, flt: CaseFilter, measure: str, *, scope_kelurahan: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Local Moran's I clusters per kelurahan (:func:`analytics.hotspots.local_moran`) on the
    same value as the hot spots (among the scope's kelurahan only when given)."""
    rates = hotspots.case_rates(queries.run(con, "pmks_cases_kelurahan", **flt.params(scope_kelurahan)))
    region = shapes(con, flt.kode_region)
    geometry = region.set_index("kode").geometry.reindex(rates["kode"])
    units = gpd.GeoDataFrame(rates, geometry=geometry.to_numpy(), crs=region.crs)
    return hotspots.local_moran(units, measure)


def heat(
    con, flt: CaseFilter, bandwidth_m: float, *, scope_kelurahan: tuple[str, ...] | None = None
) -> tuple[gpd.GeoDataFrame, Classes, int, float, float]:
    """(class polygons, classes, cases on the grid, cell size in metres, side in metres of the
    cells the cases were counted in) of the case points' kernel density
    (:func:`analytics.hotspots.kernel_density`) over the region's boundaries; only the cases of
    the scope's kelurahan when given.

    The cases come counted per cell (``pmks_case_cells.sql``, issue 14.1: at most
    :data:`HEAT_MAX_CELLS` rows where :data:`HEAT_MAX_SCALE` allows, not a row per case), each
    cell's count at its centre: cells the side of the density grid's, larger (by sqrt(2) steps,
    up to :data:`HEAT_MAX_SCALE` times) when there would be more of them. The density grid's
    cell is a fifth of the bandwidth, larger where the polygons would have more than
    :data:`HEAT_MAX_VERTICES` vertices (up to the bandwidth itself)."""
    region = shapes(con, flt.kode_region)
    drawn = region[region.geometry.notna() & ~region.geometry.is_empty]
    bounds = tuple(drawn.total_bounds) if len(drawn) else None
    cell_m = hotspots.grid_cell_m(bandwidth_m)
    cell_lon, cell_lat = hotspots.cell_degrees(cell_m, (bounds[1] + bounds[3]) / 2 if bounds else 0.0)
    cells = queries.run(
        con,
        "pmks_case_cells",
        **flt.params(scope_kelurahan),
        cell_lon=cell_lon,
        cell_lat=cell_lat,
        max_cells=HEAT_MAX_CELLS,
        max_scale=HEAT_MAX_SCALE,
    )
    grid_m = cell_m
    while True:
        grid = hotspots.kernel_density(
            cells["lon"],
            cells["lat"],
            bandwidth_m=bandwidth_m,
            cell_m=grid_m,
            bounds=bounds,
            weights=cells["cases_count"],
        )
        classes = hotspots.density_classes(grid)
        polygons = hotspots.density_polygons(grid, classes)
        if (
            shapely.get_num_coordinates(polygons.geometry.to_numpy()).sum() <= HEAT_MAX_VERTICES
            or grid_m >= bandwidth_m
        ):
            break
        grid_m = grid.cell_m * 2**0.5
    counted_m = cell_m * float(cells["cell_scale"].iloc[0]) if len(cells) else cell_m
    return polygons, classes, grid.points_count, grid.cell_m, counted_m


# --- settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrcSettings:
    """How the TRC response is measured (``config/trc.toml``): the sources whose cases are
    reports the TRC responds to, and the fewest arrivals a median or 90th percentile needs."""

    report_sources: tuple[str, ...] = ("call_center", "rujukan_perorangan", "kantor", "perusahaan")
    min_cases: int = 5


@dataclass(frozen=True)
class ShelterUnit:
    """A shelter (UPT): its name, capacity (persons) and the codes of the area it takes cases from."""

    nama: str
    kapasitas: int
    wilayah: tuple[str, ...]


def _toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def load_trc_settings(path: Path = TRC_FILE) -> TrcSettings:
    """The ``[respons]`` section of ``path``; a missing file or key keeps the defaults."""
    section = _toml(Path(path)).get("respons", {})
    defaults = TrcSettings()
    sources = section.get("sumber", list(defaults.report_sources))
    if not isinstance(sources, list) or not sources or set(sources) - set(PMKS_SOURCES):
        raise ValueError(
            f"{path} [respons].sumber must list source codes of {', '.join(PMKS_SOURCES)}, not {sources!r}"
        )
    min_cases = section.get("min_kasus", defaults.min_cases)
    if isinstance(min_cases, bool) or not isinstance(min_cases, int) or min_cases < 1:
        raise ValueError(f"{path} [respons].min_kasus must be a whole number >= 1, not {min_cases!r}")
    return TrcSettings(tuple(dict.fromkeys(sources)), min_cases)


def load_shelters(path: Path | None = None) -> tuple[ShelterUnit, ...]:
    """The ``[[shelter]]`` entries of ``path`` (default ``$PETA_KESOS_SHELTERS`` or
    ``config/shelters.toml``); none when the file is missing."""
    path = Path(path or os.environ.get(SHELTERS_ENV) or SHELTERS_FILE)
    out = []
    for n, entry in enumerate(_toml(path).get("shelter", []), start=1):
        where = f"{path} [[shelter]] #{n}"
        nama, kapasitas, wilayah = entry.get("nama"), entry.get("kapasitas"), entry.get("wilayah")
        if not isinstance(nama, str) or not nama.strip():
            raise ValueError(f"{where}: nama must be a name")
        if isinstance(kapasitas, bool) or not isinstance(kapasitas, int) or kapasitas < 1:
            raise ValueError(f"{where} ({nama}): kapasitas must be a whole number >= 1, not {kapasitas!r}")
        if not isinstance(wilayah, list) or not wilayah or not all(isinstance(w, str) and w for w in wilayah):
            raise ValueError(f'{where} ({nama}): wilayah must list area codes, e.g. ["21.71"]')
        out.append(ShelterUnit(nama.strip(), kapasitas, tuple(wilayah)))
    return tuple(out)


# --- TRC response ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseReport:
    """The TRC response panel, over the report sources of :class:`TrcSettings` unless said.

    overall and patrol: a row of :func:`analytics.response.complete_summary` of the report
    cases and of the patrol finds; by_source: one row per source (every source, patrols
    included); by_shift: :func:`analytics.response.shift_summary` (times of the report cases,
    the workload of every case the TRC answered); by_category: per kategori; by_unit: the
    kelurahan with at least ``min_cases`` arrivals, slowest 90th percentile first;
    unranked_count: kelurahan with report cases but fewer arrivals. Every summary has
    ``enough`` (at least ``min_cases`` arrivals behind its median and 90th percentile).
    """

    overall: pd.Series
    patrol: pd.Series
    by_source: pd.DataFrame
    by_shift: pd.DataFrame
    by_category: pd.DataFrame
    by_unit: pd.DataFrame
    unranked_count: int
    settings: TrcSettings


def _enough(summary: pd.DataFrame, min_cases: int) -> pd.DataFrame:
    return summary.assign(enough=summary["arrived_count"] >= min_cases)


def response_report(
    con,
    flt: CaseFilter,
    target_minutes: float,
    team_size: int,
    shifts,
    settings: TrcSettings,
    kelurahan: str | None = None,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> ResponseReport:
    """Response times of the filter's cases (``pmks_response.sql`` on the analytics table
    ``pmks_respons``: the figures are computed in SQL, a few rows per group come back), of one
    kelurahan when given, of the scope's kelurahan only, with the given target, team and shift
    start hours."""
    figures = queries.run(
        con,
        "pmks_response",
        **flt.params(scope_kelurahan),
        kelurahan=kelurahan,
        report_sources=list(settings.report_sources),
        hour_shift=response.hour_shifts(shifts),
        target_minutes=float(target_minutes),
    )
    answered = figures[figures["dimension"] == "answered"].set_index("kode")["answered_count"]
    # The rates of every group at once; each part is then a slice of it.
    groups = _enough(
        response.complete_summary(figures[figures["dimension"] != "answered"], ("dimension", "kode", "nama")),
        settings.min_cases,
    )
    dimension = groups.pop("dimension").to_numpy()

    def part(name: str, by: str | None = None, named: bool = False) -> pd.DataFrame:
        rows = groups[dimension == name].drop(columns=[] if named else ["nama"])
        rows = rows.rename(columns={"kode": by}) if by else rows.drop(columns="kode")
        return rows.reset_index(drop=True)

    by_source = part("sumber", "sumber")
    patrol = by_source[by_source["sumber"] == PATROL].drop(columns="sumber")
    by_shift = response.shift_summary(part("shift", "shift"), answered, flt.dari, flt.sampai, team_size, shifts)
    by_unit = part("kelurahan", "kode_kelurahan", named=True)
    least = settings.min_cases
    return ResponseReport(
        overall=_enough(response.complete_summary(part("total")), least).iloc[0],
        patrol=_enough(response.complete_summary(patrol), least).iloc[0],
        by_source=by_source,
        by_shift=_enough(by_shift, least),
        by_category=part("kategori", "kategori"),
        by_unit=by_unit[by_unit["enough"]].sort_values("p90_minutes", ascending=False, kind="stable"),
        unranked_count=int((~by_unit["enough"]).sum()),
        settings=settings,
    )


@dataclass(frozen=True)
class Lifecycle:
    """funnel (:func:`analytics.cases.lifecycle_funnel`), durations
    (:func:`analytics.cases.stage_durations`; None without stage history), outcomes
    (:func:`analytics.cases.outcomes_by_category`)."""

    funnel: pd.DataFrame
    durations: pd.DataFrame | None
    outcomes: pd.DataFrame


def lifecycle(
    con,
    flt: CaseFilter,
    today: dt.date,
    kelurahan: str | None = None,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> Lifecycle:
    """The case lifecycle of the filter's cases (of one kelurahan when given, of the scope's
    kelurahan only) as of ``today``: counts per category, stage and outcome, and the time in
    each stage computed in SQL (``pmks_stage_durations.sql`` on the analytics table
    ``pmks_tahap_durasi``)."""
    params = {**flt.params(scope_kelurahan), "kelurahan": kelurahan}
    stages = queries.run(con, "pmks_lifecycle", **params)
    stays = queries.run(con, "pmks_stage_durations", **params, tanggal=today)
    return Lifecycle(
        funnel=cases.lifecycle_funnel(stages),
        durations=None if stays.empty else cases.stage_durations(stays),
        outcomes=cases.outcomes_by_category(stages, PMKS_CATEGORIES),
    )


# --- shelter --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shelter:
    """day (the day the figures are taken on), stays_count, stay (:func:`analytics.cases.length_of_stay`),
    occupancy (:func:`analytics.cases.shelter_occupancy` over the period), by_upt (one row per
    shelter of the settings with a stay, and one row ``nama`` None for stays no shelter takes:
    nama, kapasitas (persons; NaN without a shelter), current_count (on ``day``),
    occupancy_rate (current / capacity, 0-1), peak_count (the period's highest day),
    peak_rate, over_days_count (days of the period above capacity), over (above capacity on
    ``day``)), occupancy_rate (everyone in a registered shelter on ``day`` over their summed
    capacity; NaN without shelters)."""

    day: dt.date
    stays_count: int
    stay: pd.Series
    occupancy: pd.DataFrame
    by_upt: pd.DataFrame
    occupancy_rate: float


STAY_FIGURES = ("discharged_count", "median_days", "p90_days", "mean_days", "current_count", "current_median_days")
DAILY_COLUMNS = ("occupants_count", "admissions_count", "discharges_count")


def shelter_codes(shelters: tuple[ShelterUnit, ...]) -> dict[str, list]:
    """The bound shelter parameters of ``pmks_shelter_daily`` and ``pmks_shelter_stay``: every
    area code longest first (a stay counts for the shelter with the longest code that is its
    kelurahan's code or a prefix of it: the queries take the first that matches), with the
    1-based number of its shelter in ``shelters``."""
    number = {unit.nama: n for n, unit in reversed(list(enumerate(shelters, start=1)))}
    codes = sorted(((len(code), code, unit.nama) for unit in shelters for code in unit.wilayah), reverse=True)
    return {"shelter_code": [code for _, code, _ in codes], "shelter_upt": [number[nama] for _, _, nama in codes]}


def _stay_figures(row) -> pd.Series:
    """A row of ``pmks_shelter_stay`` as :func:`analytics.cases.length_of_stay` gives it."""
    values = {key: float("nan") if row is None or pd.isna(row[key]) else row[key] for key in STAY_FIGURES}
    for key in ("discharged_count", "current_count"):
        values[key] = 0 if row is None else int(row[key])
    for key in ("median_days", "p90_days", "mean_days", "current_median_days"):
        values[key] = float(values[key])
    return pd.Series(values)


def _upt_rows(daily: pd.DataFrame, stay: pd.DataFrame, shelters: tuple[ShelterUnit, ...]) -> pd.DataFrame:
    rows = []
    for number, nama in [*enumerate((unit.nama for unit in shelters), start=1), (0, None)]:
        mine = stay[stay["upt"] == number]
        if nama is None and mine.empty:
            continue
        occupants = daily.loc[daily["upt"] == number, "occupants_count"]
        cap = shelters[number - 1].kapasitas if number else float("nan")
        current = int(mine["current_count"].iloc[0]) if len(mine) else 0
        peak = int(occupants.max()) if len(occupants) else 0
        rows.append(
            {
                "nama": nama,
                "kapasitas": cap,
                "current_count": current,
                "occupancy_rate": current / cap,
                "peak_count": peak,
                "peak_rate": peak / cap,
                "over_days_count": int((occupants > cap).sum()),
                "over": current > cap,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "nama",
            "kapasitas",
            "current_count",
            "occupancy_rate",
            "peak_count",
            "peak_rate",
            "over_days_count",
            "over",
        ],
    )


def _occupancy(daily: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Every day from ``start`` to ``end`` with the persons of every shelter summed, as
    :func:`analytics.cases.shelter_occupancy` gives them."""
    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    summed = daily.groupby("tanggal")[list(DAILY_COLUMNS)].sum()
    summed.index = pd.to_datetime(summed.index)
    summed = summed.reindex(days, fill_value=0)
    return pd.DataFrame({"tanggal": days.date, **{col: summed[col].to_numpy(dtype="int64") for col in DAILY_COLUMNS}})


def shelter(
    con,
    flt: CaseFilter,
    today: dt.date,
    shelters: tuple[ShelterUnit, ...],
    kelurahan: str | None = None,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> Shelter:
    """The shelter (UPT) stays overlapping the filter's period (of cases of one kelurahan when
    given; of the scope's kelurahan only: a scoped user sees the occupancy their cases make,
    against each shelter's whole capacity), as of the period's end (or ``today`` when that
    comes first), per shelter of ``shelters`` (:func:`load_shelters`) that takes cases from the
    region. The counting is done in SQL (``pmks_shelter_daily``, ``pmks_shelter_stay``): a row
    per shelter and day comes back, not a row per stay."""
    day = min(flt.sampai, today)
    region = flt.kode_region
    mine = tuple(
        unit
        for unit in shelters
        if any(
            code == region or code.startswith(region + ".") or region.startswith(code + ".") for code in unit.wilayah
        )
    )
    params = {**flt.params(scope_kelurahan), "kelurahan": kelurahan, **shelter_codes(mine)}
    daily = queries.run(con, "pmks_shelter_daily", **params)
    stay = queries.run(con, "pmks_shelter_stay", **params, tanggal=day)
    total = stay[stay["total"]]
    by_upt = _upt_rows(daily, stay[~stay["total"]], mine)
    registered = by_upt[by_upt["nama"].notna()]
    capacity = registered["kapasitas"].sum()
    return Shelter(
        day=day,
        stays_count=int(total["stays_count"].iloc[0]) if len(total) else 0,
        stay=_stay_figures(total.iloc[0] if len(total) else None),
        occupancy=_occupancy(daily, flt.dari, flt.sampai),
        by_upt=by_upt,
        occupancy_rate=registered["current_count"].sum() / capacity if capacity else float("nan"),
    )


def downloads(result: pd.DataFrame, header: str, lang: str | None = None) -> dict[str, bytes]:
    """The hot-spot table as the files of ``python -m warehouse export hotspots``, by format:
    for people in ``lang``, for scripts without."""
    table = hotspot_table(result)
    return {fmt: hotspot_file(table, header, fmt, lang) for fmt in FORMATS}


def shapes_from_rows(rows: pd.DataFrame) -> gpd.GeoDataFrame:
    """Rows of ``kelurahan_boundaries.sql`` as a GeoDataFrame (EPSG:4326), rounded to 1e-5
    degrees exactly as the dashboard rounds them, so that the weights are the same."""
    df = rows.copy()
    wkb = [None if g is None or g is pd.NA else bytes(g) for g in df.pop("geom_display")]
    geoms = shapely.set_precision(shapely.from_wkb(wkb), 1e-5)
    return gpd.GeoDataFrame(df, geometry=geoms, crs="EPSG:4326")


def analysis(
    counts: pd.DataFrame,
    shapes: gpd.GeoDataFrame,
    measure: str = hotspots.DEFAULT_MEASURE,
    k: int = hotspots.DEFAULT_K,
    permutations: int = hotspots.DEFAULT_PERMUTATIONS,
    seed: int = hotspots.DEFAULT_SEED,
) -> pd.DataFrame:
    """Counts, rates and Gi* hot spots per kelurahan.

    ``counts`` are rows of ``pmks_cases_kelurahan.sql``, ``shapes`` the region's boundaries
    (``kode`` and geometry); ``measure`` is the tested column of :data:`analytics.hotspots.MEASURES`.
    Returns ``counts`` with the rates and the columns of :func:`analytics.hotspots.hot_spots`.
    """
    if measure not in hotspots.MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose from {hotspots.MEASURES}")
    rates = hotspots.case_rates(counts)
    geometry = shapes.set_index("kode").geometry.reindex(rates["kode"])
    units = gpd.GeoDataFrame(rates, geometry=geometry.to_numpy(), crs=shapes.crs)
    gi = hotspots.hot_spots(units, measure, k=k, permutations=permutations, seed=seed)
    return rates.merge(gi, on="kode", how="left")


def suppress_small_counts(table: pd.DataFrame, threshold: int, count: str = "cases_count", also=None) -> pd.DataFrame:
    """A copy of ``table`` with the ``count`` column and the columns ``also`` (default the two
    rates of cases_count, where present, the smoothed one too: with the population and the
    region's rate it gives the count back) emptied where 0 < count < ``threshold`` (0 turns
    suppression off); zero counts stay, since they reveal nobody."""
    out = table.copy()
    if threshold <= 0:
        return out
    if also is None:
        also = (
            [c for c in ("cases_per_km2", "cases_per_10k", "cases_per_10k_eb") if c in out.columns]
            if count == "cases_count"
            else []
        )
    values = pd.to_numeric(out[count], errors="coerce")
    small = (values > 0) & (values < threshold)
    for col in (count, *also):
        out[col] = out[col].astype("object").where(~small, None)
    return out


def suppress_unit_counts(table: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """:func:`suppress_small_counts` of cases_count (with its rates) and of every per-source,
    per-category and total count column (``*_count`` but the neighbours) of ``table``, each on
    its own: what the page shows of a count of people per kelurahan and category or source."""
    out = table
    counts = [c for c in table.columns if c.endswith("_count") and c != "neighbours_count"]
    for col in counts:
        out = suppress_small_counts(out, threshold, col, None if col == "cases_count" else [])
    return out


def hotspot_table(result: pd.DataFrame, suppress_below: int | None = None) -> pd.DataFrame:
    """:func:`analysis` output as the export table: the columns of :data:`COLUMNS`, rates
    rounded to 0.01, z to 0.001, p to 0.0001, small counts suppressed (``suppress_below`` None:
    :func:`reports.settings.suppress_below`)."""
    if suppress_below is None:
        suppress_below = settings.suppress_below()
    out = pd.DataFrame({name: result[src].to_numpy() for name, src in COLUMNS.items()})
    out["cases_count"] = out["cases_count"].astype("int64")
    out["neighbours_count"] = out["neighbours_count"].astype("int64")
    out["confidence_pct"] = out["confidence_pct"].astype("int64")
    for col, digits in (
        ("cases_per_km2", 2),
        ("cases_per_10k", 2),
        ("cases_per_10k_eb", 2),
        ("luas_km2", 3),
        ("gi_z", 3),
        ("gi_p_sim", 4),
        ("gi_p_fdr", 4),
    ):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64").round(digits)
    return suppress_small_counts(out, suppress_below)


def header_line(
    region: str,
    kode: str,
    dari: dt.date,
    sampai: dt.date,
    today: dt.date,
    kategori,
    sumber,
    measure: str,
    k: int,
    permutations: int,
    seed: int,
    suppress_below: int | None = None,
    lang: str = "id",
) -> str:
    """The first row of the file: what the table is, for which filters, how it was computed.
    Codes and dates stay as a script reads them (ISO dates, category codes) in both languages;
    ``suppress_below`` None is :func:`reports.settings.suppress_below`."""
    if suppress_below is None:
        suppress_below = settings.suppress_below()
    every = translate(lang, "pmks.export.all")
    suppressed = (
        translate(lang, "pmks.export.suppressed", n=suppress_below)
        if suppress_below > 1
        else translate(lang, "pmks.export.suppressed_none")
    )
    return translate(
        lang,
        "pmks.export.header",
        region=region,
        kode=kode,
        dari=dari.isoformat(),
        sampai=sampai.isoformat(),
        kategori=", ".join(kategori) if kategori else every,
        sumber=", ".join(sumber) if sumber else every,
        measure=translate(lang, f"pmks.export.measure.{measure}"),
        k=k,
        permutations=permutations,
        seed=seed,
        date=today.isoformat(),
        suppressed=suppressed,
    )


def hotspot_file(table: pd.DataFrame, header: str, fmt: str, lang: str | None = None) -> bytes:
    """The export file (files.table_file), sheet ``titik_panas``: for people in ``lang``, for
    scripts without."""
    return files.table_file(table, header, fmt, "titik_panas", lang)


def _check_codes(values, known, what: str) -> list[str]:
    unknown = sorted(set(values or ()) - set(known))
    if unknown:
        raise LookupError(f"unknown {what} {', '.join(unknown)}; known: {', '.join(known)}")
    return list(dict.fromkeys(values or ()))


def build(
    con,
    kode_region: str | None = None,
    kategori=None,
    sumber=None,
    dari: dt.date | None = None,
    sampai: dt.date | None = None,
    measure: str = hotspots.DEFAULT_MEASURE,
    k: int = hotspots.DEFAULT_K,
    permutations: int = hotspots.DEFAULT_PERMUTATIONS,
    seed: int = hotspots.DEFAULT_SEED,
    suppress_below: int | None = None,
    lang: str = "id",
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, str]:
    """(export table, header line) read from the warehouse ``con``. The region defaults to the
    largest loaded one, the period to :func:`default_period`, ``suppress_below`` to
    :func:`reports.settings.suppress_below`; only the scope's kelurahan when given (the hot
    spots tested among them)."""
    if suppress_below is None:
        suppress_below = settings.suppress_below()
    kategori = _check_codes(kategori, PMKS_CATEGORIES, "category")
    sumber = _check_codes(sumber, PMKS_SOURCES, "source")
    kode_region, region_name = files.region(con, kode_region)
    today = files.data_date(con)
    start, end = default_period(period(con, kode_region, scope_kelurahan=scope_kelurahan)["first_date"], today)
    dari, sampai = dari or start, sampai or end
    if dari > sampai:
        raise LookupError(f"the period starts ({dari}) after it ends ({sampai})")
    params = query_params(kode_region, kategori, sumber, dari, sampai, scope_kelurahan=scope_kelurahan)
    counts = queries.run(con, "pmks_cases_kelurahan", **params)
    shapes = shapes_from_rows(queries.run(con, "kelurahan_boundaries", kode_region=kode_region))
    result = analysis(counts, shapes, measure, k=k, permutations=permutations, seed=seed)
    header = header_line(
        region_name,
        kode_region,
        dari,
        sampai,
        today,
        kategori,
        sumber,
        measure,
        k,
        permutations,
        seed,
        suppress_below,
        lang,
    )
    return hotspot_table(result, suppress_below), header


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def run(args: argparse.Namespace) -> int:
    return files.export_table(
        args.db,
        lambda con: build(
            con,
            args.wilayah,
            args.category,
            args.source,
            args.date_from,
            args.date_to,
            args.measure,
            args.k,
            args.permutations,
            args.seed,
            args.suppress_below,
            args.lang,
        ),
        args.format,
        "titik_panas",
        args.out,
        "titik_panas_pmks",
        summary=lambda table: f"{len(table)} kelurahan ({int((table['confidence_pct'] > 0).sum())} significant)",
        lang=files.labels_language(args),
    )


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("hotspots", help="PMKS case density and Gi* hot spots per kelurahan (CSV or Excel)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="file format (default csv)")
    p.add_argument("--out", help="output file (default titik_panas_pmks.<format>)")
    p.add_argument(
        "--category",
        action="append",
        metavar="C",
        help="PMKS category code, e.g. odgj; repeat for several (default all)",
    )
    p.add_argument(
        "--source",
        action="append",
        metavar="S",
        help="case source code, e.g. call_center; repeat for several (default all)",
    )
    p.add_argument(
        "--from",
        dest="date_from",
        type=_date,
        metavar="D",
        help=f"first report date, YYYY-MM-DD (default {DEFAULT_PERIOD_DAYS} days before the data date)",
    )
    p.add_argument("--to", dest="date_to", type=_date, metavar="D", help="last report date (default the data date)")
    p.add_argument(
        "--measure",
        choices=hotspots.MEASURES,
        default=hotspots.DEFAULT_MEASURE,
        help=f"value tested for hot spots (default {hotspots.DEFAULT_MEASURE}: cases per 10,000 residents, "
        "Empirical Bayes smoothed; cases_per_km2 and cases_per_10k are the density and the raw rate)",
    )
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    p.add_argument("--k", type=int, default=hotspots.DEFAULT_K, help="nearest neighbours added to contiguity")
    p.add_argument(
        "--permutations",
        type=int,
        default=hotspots.DEFAULT_PERMUTATIONS,
        help=f"permutations per kelurahan (default {hotspots.DEFAULT_PERMUTATIONS})",
    )
    p.add_argument("--seed", type=int, default=hotspots.DEFAULT_SEED, help="permutation seed")
    p.add_argument(
        "--suppress-below",
        type=int,
        help="empty case counts from 1 to this minus 1 "
        "(default config/privacy.toml's suppress_below, 5 if unset; 0 keeps all)",
    )
    files.add_language_options(p)
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
