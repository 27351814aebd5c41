"""Presentation view callbacks: the URL's query string in, the slide it asks for out."""

from __future__ import annotations

import logging

from dash import ClientsideFunction, Input, Output, callback, clientside_callback

from dashboard import data, ids, present, story, views
from dashboard.urlstate import Filters, parse_filters

# The query string as it is now (other callbacks rewrite it with replaceState, which a
# dcc.Location does not see); the Present button turns the view on. assets/present.js.
clientside_callback(
    ClientsideFunction(namespace="present", function_name="sync"),
    Output(present.QUERY, "data"),
    Input(present.LOCATION, "search"),
    Input(ids.PRESENT_TOGGLE, "n_clicks"),
)


def story_slides(year: int, city: str | None, filters: Filters) -> list[story.Slide]:
    """The story of the year, computed once per data version and view."""
    key = f"present-story|{year}|{city}|{sorted(filters.as_query().items())}"

    def build() -> list[story.Slide]:
        return story.build_story(views.frames_of(), year, city, filters)

    return data.dm().cached(key, build)


def slides_for(search: str | None) -> tuple[list[story.Slide], int, int, list[str]]:
    """(slides, slide number, year, notices) for the URL's query string. The year is the
    one `parse_filters` kept (a year not on file falls back to the default, with a notice)."""
    params = present.parse_query(search)
    choices = data.choices()
    filters, notices = parse_filters(params, choices)
    frames = views.frames_of()
    year = filters.year or choices.default_year or story.default_year(frames)
    city_param = params.get("city")
    city = None
    if city_param:
        city = story.find_city(frames, city_param)
        if city is None:
            notices.append(f"Ignored city={city_param!r}: no city of that name on file.")
    scope = Filters(continent=filters.continent, country=filters.country, network=filters.network)
    slides = story_slides(int(year), city, scope)
    return slides, present.slide_number(params.get("slide"), len(slides)), int(year), notices


@callback(
    Output(present.ROOT, "children"),
    Output(present.ROOT, "hidden"),
    Input(present.QUERY, "data"),
)
def update_present(search: str | None) -> tuple:
    """The slide of `?present=1&slide=N` (nothing when the view is off)."""
    if present.parse_query(search).get("present") != "1":
        return [], True
    log = logging.getLogger(__name__)
    try:
        slides, number, year, notices = slides_for(search)
    except Exception:  # no story at all (e.g. the database is down): say so, no stack trace
        log.exception("presentation story failed for %r", search)
        return present.slide_view(story.failed_slide("error", "Presentation", 0), 1, 1, 0), False
    slide = slides[number - 1]
    try:
        view = present.slide_view(slide, number, len(slides), year, notices)
    except Exception:  # this slide alone shows its message; the others still draw
        log.exception("presentation slide %s failed for %r", number, search)
        failed = story.failed_slide(slide.key, slide.title, year)
        view = present.slide_view(failed, number, len(slides), year, notices)
    return view, False
