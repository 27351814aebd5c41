"""Presentation view callbacks: the URL's query string in, the slide it asks for out."""

from __future__ import annotations

import logging

from dash import ClientsideFunction, Input, Output, callback, clientside_callback, html

from dashboard import data, ids, present, story
from dashboard.urlstate import Filters, parse_filters

FRAMES = ("cities", "index", "followers", "activities", "metrics", "networks", "network_members")

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
        frames = {name: data.dm().load(name) for name in FRAMES}
        return story.build_story(frames, year, city, filters)

    return data.dm().cached(key, build)


def slides_for(search: str | None) -> tuple[list[story.Slide], int, int]:
    """(slides, slide number, year) for the URL's query string."""
    params = present.parse_query(search)
    choices = data.choices()
    filters, _ = parse_filters(params, choices)
    year = filters.year or choices.default_year
    city_param = params.get("city")
    city = None
    if city_param:
        frames = {"cities": data.dm().load("cities")}
        city = story.find_city(frames, city_param)
    scope = Filters(continent=filters.continent, country=filters.country, network=filters.network)
    slides = story_slides(int(year), city, scope)
    return slides, present.slide_number(params.get("slide"), len(slides)), int(year)


@callback(
    Output(present.ROOT, "children"),
    Output(present.ROOT, "hidden"),
    Input(present.QUERY, "data"),
)
def update_present(search: str | None) -> tuple:
    """The slide of `?present=1&slide=N` (nothing when the view is off)."""
    if present.parse_query(search).get("present") != "1":
        return [], True
    try:
        slides, number, year = slides_for(search)
    except Exception:  # a slide that cannot be built says so, never a stack trace
        logging.getLogger(__name__).exception("presentation slide failed for %r", search)
        return html.Div("This slide could not be drawn.", className="present-empty"), False
    return present.slide_view(slides[number - 1], number, len(slides), year), False
