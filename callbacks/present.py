"""Presentation view callbacks: the URL's query string in, the slide it asks for out."""

from __future__ import annotations

import logging

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback

from dashboard import data, deck, i18n, ids, present, story, views, wiring
from dashboard.urlstate import NO_SUCH_CITY, Filters, Notice, parse_filters

# The query string as it is now (other callbacks rewrite it with replaceState, which a
# dcc.Location does not see); the Present button turns the view on. assets/present.js.
clientside_callback(
    ClientsideFunction(namespace="present", function_name="sync"),
    Output(present.QUERY, "data"),
    Input(present.LOCATION, "search"),
    Input(ids.PRESENT_TOGGLE, "n_clicks"),
    State(present.QUERY, "data"),
)


def story_slides(
    year: int, city: str | None, filters: Filters, with_: list[str] | None = None
) -> list[story.Slide]:
    """The story of the year, computed once per data version and view (with the city's
    comparison, and the side-by-side slide of `with_`, as the deck has them)."""
    others = list(with_ or [])
    key = (
        f"present-story|{i18n.current()}|{year}|{city}|{','.join(others)}|"
        f"{sorted(filters.as_query().items())}"
    )

    def build() -> list[story.Slide]:
        return story.build_story(views.frames_of(), year, city, filters, with_=others)

    return data.dm().cached(key, build)


def slides_for(search: str | None) -> tuple[list[story.Slide], int, int, list[str]]:
    """(slides, slide number, year, notices) for the URL's query string. The year is the
    one `parse_filters` kept (a year not on file falls back to the default, with a notice)."""
    params = present.parse_query(search)
    choices = data.choices()
    # `with` is the presentation's own key (the side-by-side slide), never "unknown".
    filters, notices = parse_filters({**params, "_page_keys": ("with",)}, choices)
    frames = views.frames_of()
    year = filters.year or choices.default_year or story.default_year(frames)
    city_param = params.get("city")
    city = None
    if city_param:
        city = story.find_city(frames, city_param)
        if city is None:
            notices.append(
                Notice(
                    i18n._("Ignored city={city!r}: no city of that name on file.").format(
                        city=city_param
                    ),
                    NO_SUCH_CITY,
                    "city",
                )
            )
    # `?with=Porto,Oslo`: the side-by-side slide, found as the deck route finds it.
    others = deck.with_cities(frames, params.get("with")) if city else []
    scope = Filters(continent=filters.continent, country=filters.country, network=filters.network)
    slides = story_slides(int(year), city, scope, others)
    return slides, present.slide_number(params.get("slide"), len(slides)), int(year), notices


@callback(
    Output(present.ROOT, "children"),
    Output(present.ROOT, "hidden"),
    Input(present.QUERY, "data"),
    # The shell opens with the first answer for the page's address (app.shell); without it
    # (no address known), `sync`'s first answer sets the query and this runs.
    prevent_initial_call=True,
)
def update_present(search: str | None) -> tuple:
    """The slide of `?present=1&slide=N` (nothing when the view is off)."""
    return slide_answer(search)


def slide_answer(search: str | None) -> tuple:
    """`update_present`'s answer, kept per data version (gunicorn's master computes the
    first slide's before forking: `app.warm_up`)."""
    params = present.parse_query(search)
    if params.get("present") != "1":
        return [], True
    with i18n.language(params.get("lang")):  # the slides in the page's language
        key = wiring.memo_key("present", i18n.current(), search)
        try:
            version = data.dm().version()
        except Exception:  # the database is down: no memo; _present says so on the slide
            return _present(search)[0], False
        try:
            return _slide_memo.get(key, version, lambda: _kept(search)), False
        except _Failed as failed:
            return failed.view, False


# A slide's answer per query string and language, kept per data version (as page answers
# are in wiring.render); a failed slide is never kept.
_slide_memo = wiring.AnswerMemo()


class _Failed(Exception):
    def __init__(self, view: object) -> None:
        self.view = view


def _kept(search: str | None) -> object:
    view, ok = _present(search)
    if not ok:
        raise _Failed(view)
    return view


def _present(search: str | None) -> tuple:
    """(the slide's view, whether it drew without failing)."""
    log = logging.getLogger(__name__)
    try:
        slides, number, year, notices = slides_for(search)
    except Exception:  # no story at all (e.g. the database is down): say so, no stack trace
        log.exception("presentation story failed for %r", search)
        failed = story.failed_slide("error", i18n._("Presentation"), 0)
        return present.slide_view(failed, 1, 1, 0), False
    slide = slides[number - 1]
    try:
        view = present.slide_view(slide, number, len(slides), year, notices)
    except Exception:  # this slide alone shows its message; the others still draw
        log.exception("presentation slide %s failed for %r", number, search)
        failed = story.failed_slide(slide.key, slide.title, year)
        return present.slide_view(failed, number, len(slides), year, notices), False
    return view, True
