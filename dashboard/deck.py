"""The annual-meeting slide deck: an editable 16:9 PowerPoint file of the year's story.

`python -m dashboard.deck OUT.pptx [--year YYYY] [--city NAME [--with A,B]] [--db URL]` writes it;
`build_deck(year, city)` returns its bytes; `register_routes(app)` serves it at
`/download/deck.pptx?year=2017&city=Lisbon`. Every slide comes from `dashboard.story`
(the same data as the presentation view); charts are native PowerPoint charts, so staff
can restyle them and edit their numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import sys
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt

from dashboard import formats, i18n, mapimage, story
from dashboard.figures.common import ILLUSTRATIVE_TEXT, PALETTE
from dashboard.i18n import _
from dashboard.story import Chart, Slide
from dashboard.urlstate import LANGUAGES
from data_loaders.safetext import safe_cell

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x55, 0x55, 0x55)
ACCENT = RGBColor(0x00, 0x72, 0xB2)
ILL_INK = RGBColor(0x8A, 0x5A, 0x00)
ILL_FILL = RGBColor(0xFF, 0xF4, 0xD6)
FONT = "Calibri"
CHART_TYPES = {
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "barh": XL_CHART_TYPE.BAR_CLUSTERED,
    "radar": XL_CHART_TYPE.RADAR_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}
MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(
    slide: PptxSlide,
    left: int,
    top: int,
    width: int,
    height: int,
    lines: list[str] | tuple[str, ...],
    *,
    size: int = 16,
    bold: bool = False,
    colour: RGBColor = INK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    bullets: bool = False,
    space: int = 6,
) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        para.space_after = Pt(space)
        run = para.add_run()
        run.text = ("• " if bullets else "") + line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = colour


def _illustrative_mark(slide: PptxSlide) -> None:
    """The visible "illustrative" mark, top right (the same words as on the dashboard)."""
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, WIDTH - MARGIN - Inches(3.6), Inches(0.25), Inches(3.6),
        Inches(0.4),
    )  # fmt: skip
    shape.name = "Illustrative mark"
    shape.fill.solid()
    shape.fill.fore_color.rgb = ILL_FILL
    shape.line.color.rgb = ILL_INK
    frame = shape.text_frame
    frame.margin_top = frame.margin_bottom = Inches(0.02)
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.CENTER
    run = para.add_run()
    run.text = _(ILLUSTRATIVE_TEXT)
    run.font.size = Pt(13)
    run.font.name = FONT
    run.font.color.rgb = ILL_INK


def _frame_slide(prs: Presentation, s: Slide, number: int, total: int, year: int) -> PptxSlide:
    """A blank slide with the title, subtitle, source line, footer, mark and notes."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    top_width = WIDTH - 2 * MARGIN - (Inches(3.8) if s.illustrative else 0)
    if s.key != "title":  # the title slide carries its title in its band
        _text(slide, MARGIN, Inches(0.2), top_width, Inches(0.7), [s.title], size=30, bold=True)
    if s.subtitle and s.key != "title":
        _text(slide, MARGIN, Inches(0.85), WIDTH - 2 * MARGIN, Inches(0.4), [s.subtitle],
              size=15, colour=MUTED)  # fmt: skip
    if s.illustrative:
        _illustrative_mark(slide)
    _text(slide, MARGIN, HEIGHT - Inches(0.72), WIDTH - 2 * MARGIN - Inches(2.2), Inches(0.5),
          [s.source_text()], size=10, colour=MUTED)  # fmt: skip
    _text(slide, WIDTH - MARGIN - Inches(2.1), HEIGHT - Inches(0.72), Inches(2.1), Inches(0.4),
          [f"ICC {year} · {number}/{total}"], size=10, colour=MUTED,
          align=PP_ALIGN.RIGHT)  # fmt: skip
    notes = s.notes_text().split("\n")
    slide.notes_slide.notes_text_frame.text = "\n".join(str(safe_cell(line)) for line in notes)
    return slide


def add_chart(slide: PptxSlide, spec: Chart, left: int, top: int, width: int, height: int):
    """A native, editable chart from a story chart spec; returns the python-pptx chart."""
    data = CategoryChartData(number_format=spec.number_format)
    # Names from data go into the chart's embedded workbook: never as a live formula.
    categories = [safe_cell(c) for c in spec.categories]
    series = [(safe_cell(s.name), list(s.values)) for s in spec.series]
    if spec.kind == "barh":  # PowerPoint draws the first category at the bottom
        categories = categories[::-1]
        series = [(name, values[::-1]) for name, values in series][::-1]
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    frame = slide.shapes.add_chart(CHART_TYPES[spec.kind], left, top, width, height, data)
    chart = frame.chart
    chart.has_title = False  # the slide's title says it
    chart.font.size = Pt(12)
    chart.font.name = FONT
    chart.has_legend = len(spec.series) > 1 or spec.kind == "pie"
    if chart.has_legend:
        chart.legend.position = (
            XL_LEGEND_POSITION.RIGHT if spec.kind == "pie" else XL_LEGEND_POSITION.BOTTOM
        )
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    plot = chart.plots[0]
    if spec.kind == "pie":
        for i, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(PALETTE[i % len(PALETTE)])
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.show_value = True
        labels.show_percentage = False
        labels.number_format = "0"
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size = Pt(12)
        return chart
    order = range(len(spec.series))
    colours = [PALETTE[i % len(PALETTE)] for i in order]
    if spec.kind == "barh":
        colours = colours[::-1]
    for ser, hex_colour, (_name, values) in zip(plot.series, colours, series, strict=True):
        colour = _rgb(hex_colour)
        if spec.kind in ("line", "radar"):
            ser.marker.format.fill.solid()
            ser.marker.format.fill.fore_color.rgb = colour
            ser.marker.format.line.color.rgb = colour
            ser.smooth = False
            if spec.kind == "line" and any(v is None for v in values):
                # Sparse figures (reported totals) as points: a line would invent the years
                # in between.
                ser.format.line.fill.background()
                ser.marker.size = 10
                continue
            ser.format.line.color.rgb = colour
            ser.format.line.width = Pt(2.5)
        else:
            ser.format.fill.solid()
            ser.format.fill.fore_color.rgb = colour
    if spec.kind in ("bar", "barh"):
        plot.gap_width = 60
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(11)
        plot.data_labels.number_format = spec.number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    value_axis.tick_labels.font.size = Pt(11)
    if spec.max_value is not None:
        value_axis.maximum_scale = spec.max_value
        value_axis.minimum_scale = 0
    if spec.value_title and spec.kind != "radar":
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = spec.value_title
        value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    chart.category_axis.tick_labels.font.size = Pt(11 if len(categories) > 10 else 12)
    return chart


def _chart_slide(slide: PptxSlide, s: Slide) -> None:
    top = Inches(1.35)
    height = HEIGHT - top - Inches(0.85)
    chart_width = Inches(8.4)
    if s.chart is not None and not s.empty:
        add_chart(slide, s.chart, MARGIN, top, chart_width, height)
    else:
        _text(slide, MARGIN, top + Inches(2), chart_width, Inches(1), [s.empty or _("No data")],
              size=22, colour=MUTED, align=PP_ALIGN.CENTER)  # fmt: skip
    side = MARGIN + chart_width + Inches(0.3)
    lines = [*([s.caption] if s.caption else []), *s.highlights]
    box_width, box_height = WIDTH - side - MARGIN, height - Inches(0.2)
    size = fitting_size(lines, box_width, box_height)
    _text(slide, side, top + Inches(0.2), box_width, box_height, lines, size=size, bullets=True,
          space=round(size * 0.7))  # fmt: skip


# Width of an average character as a share of the font size. Calibri is about 0.5; where it
# is missing LibreOffice draws DejaVu Sans, about 0.58: text is fitted for the wider one.
CHAR_WIDTH = 0.58


def wrapped_lines(text: str, size: float, width_pt: float) -> int:
    """Lines `text` wraps to at `size` points in a box `width_pt` wide (an estimate)."""
    per_line = max(1, int(width_pt / (size * CHAR_WIDTH)))
    return max(1, math.ceil((len(text) + 2) / per_line))


def fitting_size(lines: list[str], width: int, height: int, largest: int = 17,
                 smallest: int = 10) -> int:  # fmt: skip
    """The largest font size (points) at which the bullets fit their box, by an estimate
    of the lines each wraps to (lines 1.2 times the size apart, 0.7 of the size between
    bullets, the box's own margins left out): a long French side panel shrinks rather
    than running off the slide."""
    width_pt, height_pt = width / 12700 - 14.4, height / 12700 - 7.2  # EMU -> points
    for size in range(largest, smallest - 1, -1):
        wrapped = sum(wrapped_lines(line, size, width_pt) for line in lines)
        if wrapped * size * 1.2 + len(lines) * size * 0.7 <= height_pt:
            return size
    return smallest


def bullets_height(lines: list[str], width: int, size: int) -> int:
    """The height (EMU) the bullets take at `size`, by the same estimate as fitting_size."""
    width_pt = width / 12700 - 14.4
    wrapped = sum(wrapped_lines(line, size, width_pt) for line in lines)
    return int((wrapped * size * 1.2 + len(lines) * size * 0.7 + 7.2) * 12700)


def _title_slide(slide: PptxSlide, s: Slide) -> None:
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(2.2), WIDTH, Inches(2.6))
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()
    frame = band.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = MARGIN
    for i, (text, size, bold) in enumerate(((s.title, 44, True), (s.subtitle, 22, False))):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    lines = [
        *s.highlights,
        *([s.empty] if s.empty else []),
        _("Made with the ICC Network Dashboard on {day}").format(day=formats.date(dt.date.today())),
    ]
    _text(slide, MARGIN, Inches(5.1), WIDTH - 2 * MARGIN, Inches(1.5), lines, size=18,
          colour=MUTED)  # fmt: skip


def _kpi_slide(slide: PptxSlide, s: Slide, year: int) -> None:
    cols = 4
    gap = Inches(0.2)
    top = Inches(1.4)
    tile_w = int((WIDTH - 2 * MARGIN - (cols - 1) * gap) / cols)
    rows = (len(s.kpis) + cols - 1) // cols
    tile_h = int((HEIGHT - top - Inches(0.9) - (rows - 1) * gap) / max(rows, 1))
    for i, kpi in enumerate(s.kpis):
        left = MARGIN + (i % cols) * (tile_w + gap)
        tile_top = top + (i // cols) * (tile_h + gap)
        tile = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, tile_top, tile_w, tile_h)
        tile.name = f"KPI {kpi.key}"
        tile.fill.solid()
        tile.fill.fore_color.rgb = ILL_FILL if kpi.illustrative else RGBColor(0xF2, 0xF6, 0xFA)
        tile.line.color.rgb = ILL_INK if kpi.illustrative else ACCENT
        frame = tile.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        label = kpi.label + (" (" + _("illustrative") + ")" if kpi.illustrative else "")
        parts = [
            (label, 13, False, MUTED),
            (kpi.value_text(), 30, True, INK),
            (kpi.change_text(year) or _("change on the year before unknown"), 12, False, INK),
        ]
        if kpi.detail:
            parts.append((kpi.detail, 11, False, MUTED))
        frame.margin_left = frame.margin_right = Inches(0.08)
        frame.margin_top = frame.margin_bottom = Inches(0.04)
        scale = tile_scale(parts, tile_w - Inches(0.16), tile_h - Inches(0.08))
        for j, (text, size, bold, colour) in enumerate(parts):
            size = max(8, round(size * scale))
            para = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
            para.alignment = PP_ALIGN.LEFT
            run = para.add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = FONT
            run.font.color.rgb = colour


def tile_scale(parts: list[tuple[str, int, bool, RGBColor]], width: int, height: int) -> float:
    """The factor (1 or less) by which a key-figure tile's font sizes shrink so that its
    words fit the tile (a long French label or note wraps to more lines)."""
    width_pt, height_pt = width / 12700, height / 12700
    scale = 1.0
    while scale > 0.6:
        used = sum(
            wrapped_lines(text, size * scale, width_pt) * size * scale * 1.2
            for text, size, _bold, _colour in parts
        )
        if used <= height_pt:
            break
        scale -= 0.05
    return scale


def _map_slide(slide: PptxSlide, s: Slide) -> None:
    # For a projector (issue 12): Europe large on the left, the world on the right; big
    # dots, cities that would overlap drawn as one dot with their count.
    top = Inches(1.3)
    points = [(p.lat, p.lon, p.network) for p in s.points]
    shaded = s.extra.get("shade_iso3", ())  # as on /map: countries with a national network
    europe_w = Inches(7.4)
    europe = mapimage.render_map(points, shaded=shaded, bbox=mapimage.EUROPE, width=1600, dot=16)
    pic = slide.shapes.add_picture(io.BytesIO(europe), MARGIN, top, width=europe_w)
    pic.name = "Map of member cities in Europe"
    europe_bottom = top + int(pic.height)
    world_left = MARGIN + europe_w + Inches(0.3)
    world_w = WIDTH - MARGIN - world_left
    world = mapimage.render_map(points, shaded=shaded, width=1100, dot=10, frame=mapimage.EUROPE)
    pic = slide.shapes.add_picture(io.BytesIO(world), world_left, top, width=world_w)
    pic.name = "Map of member cities"
    below = top + int(pic.height) + Inches(0.1)
    # The legend: its own wrapping box under the Europe map, inside the slide.
    box = slide.shapes.add_textbox(MARGIN, europe_bottom + Inches(0.05), europe_w, Inches(0.5))
    box.name = "Map legend"
    box.text_frame.word_wrap = True
    para = box.text_frame.paragraphs[0]
    for text, colour in (
        ("● ", _rgb(mapimage.DOT)),
        (_("member city") + "   ", MUTED),
        ("● ", _rgb(mapimage.DOT_NETWORK)),
        (_("also in a national network") + "   ", MUTED),
        (_("number: cities grouped") + "   ", MUTED),
        (s.extra.get("shade_caption", ""), MUTED),
    ):
        run = para.add_run()
        run.text = text
        run.font.size = Pt(12)
        run.font.name = FONT
        run.font.color.rgb = colour
    bottom = HEIGHT - Inches(0.85)  # above the source line
    rows = [r[:2] for r in s.table[:6]]
    points_lines = [*([s.caption] if s.caption else []), *s.highlights]
    row_h, head_h = Inches(0.27), Inches(0.5)  # the heading may wrap to two lines
    while rows:  # the bullets at 12 pt at least, then as many table rows as fit under them
        room = bottom - below - head_h - row_h * len(rows) - Inches(0.1)
        if bullets_height(points_lines, world_w, 12) <= room:
            break
        rows = rows[:-1]
    room = bottom - below - ((head_h + row_h * len(rows) + Inches(0.1)) if rows else 0)
    size = fitting_size(points_lines, world_w, room, largest=14, smallest=10)
    _text(slide, world_left, below, world_w, room, points_lines, size=size, bullets=True,
          space=round(size * 0.7))  # fmt: skip
    below += min(room, bullets_height(points_lines, world_w, size)) + Inches(0.1)
    if rows:
        height = head_h + row_h * len(rows)
        shape = slide.shapes.add_table(len(rows) + 1, 2, world_left, below, world_w, height)
        shape.name = "Member cities per country"
        table = shape.table
        table.rows[0].height = head_h
        for r in range(1, len(rows) + 1):
            table.rows[r].height = row_h
        for j, head in enumerate((_("Country"), _("Member cities on file"))):
            table.cell(0, j).text = head
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
        for cell in (table.cell(i, j) for i in range(len(rows) + 1) for j in range(2)):
            cell.margin_top = cell.margin_bottom = Emu(0)
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(11)
                    run.font.name = FONT


def load_frames(url: str | None = None) -> dict[str, pd.DataFrame]:
    """Every frame of the data layer for database `url` (default: the configured one)."""
    from data_loaders import queries

    manager = queries.manager(url)
    return {name: manager.load(name) for name in queries.COLUMNS}


def build_deck(
    year: int | None = None,
    city: str | None = None,
    *,
    frames: Mapping[str, pd.DataFrame] | None = None,
    url: str | None = None,
    with_: list[str] | None = None,
) -> bytes:
    """The deck of `year` (default: the latest with a reported member total) as .pptx bytes,
    with a comparison slide for `city` when given, and a side-by-side slide of `city` and
    the cities `with_` when given."""
    frames = frames if frames is not None else load_frames(url)
    year = year or story.default_year(frames)
    slides = story.build_story(frames, year, city, with_=with_)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = _("Intercultural Cities in {year}").format(year=year)
    prs.core_properties.language = {"en": "en-GB", "fr": "fr-FR"}.get(i18n.current(), "en-GB")
    prs.core_properties.author = "ICC Network Dashboard"
    for number, s in enumerate(slides, start=1):
        if s.key == "title":  # no map on the deck's title slide: marked for its headline
            s = replace(s, illustrative=bool(s.extra.get("headline_illustrative", s.illustrative)))
        slide = _frame_slide(prs, s, number, len(slides), year)
        if s.key == "title":
            _title_slide(slide, s)
        elif s.key == "kpis" and s.kpis:
            _kpi_slide(slide, s, year)
        elif s.key == "map" and not s.empty:
            _map_slide(slide, s)
        else:
            _chart_slide(slide, s)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def deck_filename(year: int, city: str | None = None) -> str:
    """`icc-deck-2017.pptx` / `icc-deck-2017-lisbon.pptx`."""
    from data_loaders.vocab import norm_key

    return f"icc-deck-{year}" + (f"-{norm_key(city)}" if city else "") + ".pptx"


def register_routes(app: object) -> None:
    """Serve the deck at /download/deck.pptx?year=YYYY&city=NAME on the app's Flask server."""
    import flask

    server = app.server  # type: ignore[attr-defined]

    @server.route("/download/deck.pptx")
    def download_deck() -> flask.Response:
        from dashboard import data, urlstate, views

        choices = data.choices()
        params = {key: flask.request.args.getlist(key) for key in flask.request.args}
        # The same URL parsing as every page: a year not on file is refused, not drawn.
        with i18n.language(params.get("lang")):  # the refusal in the deck's language
            filters, notices = urlstate.parse_filters(params, choices)
        refused = [
            n
            for n in notices
            if urlstate.is_notice(n, urlstate.NOT_A_YEAR, "year")
            or urlstate.is_notice(n, urlstate.YEAR_NOT_ON_FILE, "year")
        ]
        if refused:
            return flask.Response(refused[0], status=400, mimetype="text/plain")
        frames = views.frames_of()
        year = filters.year or choices.default_year or story.default_year(frames)
        city = urlstate.first(params.get("city"))
        if city:
            city = story.find_city(frames, city)  # unknown: the deck without its city slide
        others = with_cities(frames, params.get("with")) if city else []
        try:
            with i18n.language(params.get("lang")):  # ?lang=fr: the French deck
                payload = build_deck(year, city, frames=frames, with_=others)
        except Exception:  # never a stack trace to the browser
            server.logger.exception("deck for year %s failed", year)
            return flask.Response("The deck could not be built.", status=500,
                                  mimetype="text/plain")  # fmt: skip
        return flask.Response(
            payload,
            mimetype=MIME,
            headers={"Content-Disposition": f'attachment; filename="{deck_filename(year, city)}"'},
        )


def with_cities(frames: Mapping[str, pd.DataFrame], raw: object) -> list[str]:
    """The cities of `?with=Porto,Oslo` / `--with Porto,Oslo` found on file (others left out)."""
    values = raw if isinstance(raw, list) else [raw] if raw else []
    names = [n.strip() for v in values for n in str(v).split(",") if n.strip()]
    found = [story.find_city(frames, n) for n in names]
    return [f for f in dict.fromkeys(found) if f][:3]


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m dashboard.deck OUT.pptx [--year YYYY] [--city NAME [--with
    A,B]] [--db URL] [--lang en|fr]`."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.deck", description="Write the annual-meeting slide deck."
    )
    parser.add_argument("out", help="the .pptx file to write")
    parser.add_argument("--year", type=int, help="the year (default: latest reported)")
    parser.add_argument("--city", help="add a comparison slide for this city")
    parser.add_argument(
        "--with",
        dest="with_",
        help="with --city: add a slide setting up to three cities beside it (Porto,Oslo)",
    )
    parser.add_argument("--db", help="database URL (default: DATABASE_URL or the settings)")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=LANGUAGES[0], help="the deck's language (default: en)"
    )
    args = parser.parse_args(argv)
    try:
        return _write_deck(args)
    except Exception as exc:  # one clear line, never a traceback
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"error: could not write the deck: {text}", file=sys.stderr)
        return 1


def _write_deck(args: argparse.Namespace) -> int:
    from data_loaders import db, settings
    from data_loaders.importer import ensure_database

    try:
        # As the app does: an empty database gets the bundled sample first.
        ensure_database(args.db, sample=settings.get_bool("ICC_AUTO_SAMPLE"))
        frames = load_frames(args.db)
    except db.DatabaseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    city = args.city
    if city:
        found = story.find_city(frames, city)
        if found is None:
            print(f"error: no city named {city!r} on file", file=sys.stderr)
            return 2
        city = found
    others = with_cities(frames, args.with_) if city and args.with_ else []
    if args.with_ and not others:
        print(f"error: none of {args.with_!r} is a city on file", file=sys.stderr)
        return 2
    year = args.year or story.default_year(frames)
    with i18n.language(args.lang):
        payload = build_deck(year, city, frames=frames, with_=others)
        slides = story.build_story(frames, year, city, with_=others)
    with open(args.out, "wb") as handle:
        handle.write(payload)
    print(f"wrote {args.out}: {len(slides)} slides for {year}" + (f", {city}" if city else ""))
    failed = [s.title for s in slides if s.failed]
    if failed:
        print(f"warning: could not draw: {'; '.join(failed)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
