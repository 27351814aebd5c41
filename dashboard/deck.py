"""The annual-meeting slide deck: an editable 16:9 PowerPoint file of the year's story.

`python -m dashboard.deck OUT.pptx [--year YYYY] [--city NAME] [--db URL]` writes it;
`build_deck(year, city)` returns its bytes; `register_routes(app)` serves it at
`/download/deck.pptx?year=2017&city=Lisbon`. Every slide comes from `dashboard.story`
(the same data as the presentation view); charts are native PowerPoint charts, so staff
can restyle them and edit their numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
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

from dashboard import mapimage, story
from dashboard.figures.common import ILLUSTRATIVE_TEXT, PALETTE
from dashboard.story import Chart, Slide
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
    run.text = ILLUSTRATIVE_TEXT
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
    for ser, hex_colour, (_, values) in zip(plot.series, colours, series, strict=True):
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
        _text(slide, MARGIN, top + Inches(2), chart_width, Inches(1), [s.empty or "No data"],
              size=22, colour=MUTED, align=PP_ALIGN.CENTER)  # fmt: skip
    side = MARGIN + chart_width + Inches(0.3)
    _text(slide, side, top + Inches(0.2), WIDTH - side - MARGIN, height - Inches(0.2),
          list(s.highlights), size=17, bullets=True, space=12)  # fmt: skip


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
        f"Made with the ICC Network Dashboard on {dt.date.today():%d %B %Y}",
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
        label = kpi.label + (" (illustrative)" if kpi.illustrative else "")
        parts = [
            (label, 13, False, MUTED),
            (kpi.value_text(), 30, True, INK),
            (kpi.change_text(year) or "change on the year before unknown", 12, False, INK),
        ]
        if kpi.detail:
            parts.append((kpi.detail, 11, False, MUTED))
        for j, (text, size, bold, colour) in enumerate(parts):
            para = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
            para.alignment = PP_ALIGN.LEFT
            run = para.add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = FONT
            run.font.color.rgb = colour


def _map_slide(slide: PptxSlide, s: Slide) -> None:
    top = Inches(1.35)
    points = [(p.lat, p.lon, p.network) for p in s.points]
    shaded = s.extra.get("shade_iso3", ())  # as on /map: countries with a national network
    world_w = Inches(7.7)
    world = mapimage.render_map(points, shaded=shaded, width=1600, dot=6)
    pic = slide.shapes.add_picture(io.BytesIO(world), MARGIN, top, width=world_w)
    pic.name = "Map of member cities"
    europe_left = MARGIN + world_w + Inches(0.25)
    europe_w = WIDTH - MARGIN - europe_left
    europe = mapimage.render_map(points, shaded=shaded, bbox=mapimage.EUROPE, width=1100, dot=7)
    pic = slide.shapes.add_picture(io.BytesIO(europe), europe_left, top, width=europe_w)
    pic.name = "Map of member cities in Europe"
    below = top + int(pic.height) + Inches(0.15)
    box = slide.shapes.add_textbox(MARGIN, top + Inches(3.1), world_w, Inches(0.4))
    para = box.text_frame.paragraphs[0]
    for text, colour in (
        ("● ", _rgb(mapimage.DOT)),
        ("member city   ", MUTED),
        ("● ", _rgb(mapimage.DOT_NETWORK)),
        ("also in a national network   ", MUTED),
        (s.extra.get("shade_caption", ""), MUTED),
    ):
        run = para.add_run()
        run.text = text
        run.font.size = Pt(12)
        run.font.name = FONT
        run.font.color.rgb = colour
    _text(slide, MARGIN, top + Inches(3.55), world_w, Inches(1.5), list(s.highlights), size=16,
          bullets=True)  # fmt: skip
    rows = [r[:2] for r in s.table[:8]]
    if rows:
        height = Inches(0.27) * (len(rows) + 1)
        table = slide.shapes.add_table(len(rows) + 1, 2, europe_left, below, europe_w, height).table
        for j, head in enumerate(("Country", "Member cities on file")):
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
) -> bytes:
    """The deck of `year` (default: the latest with a reported member total) as .pptx bytes,
    with a comparison slide for `city` when given."""
    frames = frames if frames is not None else load_frames(url)
    year = year or story.default_year(frames)
    slides = story.build_story(frames, year, city)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = f"Intercultural Cities in {year}"
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
        filters, notices = urlstate.parse_filters(params, choices)
        refused = [n for n in notices if n.startswith("Ignored year=")]
        if refused:
            return flask.Response(refused[0], status=400, mimetype="text/plain")
        frames = views.frames_of()
        year = filters.year or choices.default_year or story.default_year(frames)
        city = urlstate.first(params.get("city"))
        if city:
            city = story.find_city(frames, city)  # unknown: the deck without its city slide
        try:
            payload = build_deck(year, city, frames=frames)
        except Exception:  # never a stack trace to the browser
            server.logger.exception("deck for year %s failed", year)
            return flask.Response("The deck could not be built.", status=500,
                                  mimetype="text/plain")  # fmt: skip
        return flask.Response(
            payload,
            mimetype=MIME,
            headers={"Content-Disposition": f'attachment; filename="{deck_filename(year, city)}"'},
        )


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m dashboard.deck OUT.pptx [--year YYYY] [--city NAME] [--db URL]`."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.deck", description="Write the annual-meeting slide deck."
    )
    parser.add_argument("out", help="the .pptx file to write")
    parser.add_argument("--year", type=int, help="the year (default: latest reported)")
    parser.add_argument("--city", help="add a comparison slide for this city")
    parser.add_argument("--db", help="database URL (default: DATABASE_URL or the settings)")
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
    year = args.year or story.default_year(frames)
    payload = build_deck(year, city, frames=frames)
    with open(args.out, "wb") as handle:
        handle.write(payload)
    slides = story.build_story(frames, year, city)
    print(f"wrote {args.out}: {len(slides)} slides for {year}" + (f", {city}" if city else ""))
    failed = [s.title for s in slides if s.failed]
    if failed:
        print(f"warning: could not draw: {'; '.join(failed)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
