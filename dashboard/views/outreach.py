"""Outreach view: followers, publications and campaigns, events and their participants."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard import formats, marks
from dashboard.cards import Card, ChartResult
from dashboard.data import filter_cities
from dashboard.figures import outreach as figs
from dashboard.figures.common import publication
from dashboard.figures.datasets import html_table
from dashboard.figures.trends import year_span
from dashboard.i18n import N_, _
from dashboard.kpis import distinct_participants
from dashboard.urlstate import PageState
from dashboard.views import common, trends

PAGE = "outreach"
EVENTS_TABLE = "outreach-events-table"
EVENTS_COUNT = "outreach-events-count"
EVENT_ROWS_SHOWN = 25  # the latest events; all of them are in the activities dataset (/data)
FOLLOWERS = Card(
    "outreach-followers",
    PAGE,
    N_("Followers per platform"),
    help=N_(
        "Network-wide: the place filters do not apply. Dotted lines: the ICC's "
        "international days (hover the triangles for their names)."
    ),
    height=360,
)
PUBLICATIONS = Card(
    "outreach-publications",
    PAGE,
    N_("Newsletters, news items and campaigns per year"),
    help=N_("Network-wide: the place filters do not apply."),
    height=340,
)
EVENTS = Card(
    "outreach-events",
    PAGE,
    N_("Event participants per year"),
    help=N_(
        "Women, men and the rest (other or not recorded); with a place filter, only events "
        "held there."
    ),
    height=340,
)
CARDS = (FOLLOWERS, PUBLICATIONS, EVENTS)
OUTPUTS = {EVENTS_TABLE: (EVENTS_TABLE, "children"), EVENTS_COUNT: (EVENTS_COUNT, "children")}
FILTERS = ("from", "to", "continent", "country", "network")
PARAMS: tuple[str, ...] = ()
FRAMES = trends.FRAMES
EVENT_COLUMNS = {
    "date": N_("Date"), "title": N_("Event"), "kind": N_("Kind"), "city": N_("City"),
    "country": N_("Country"), "participants": N_("Participants"), "women": N_("Women"),
    "men": N_("Men"), "nationalities": N_("Nationalities"), "source": N_("Source"),
}  # fmt: skip


def prepare(frames: Mapping[str, pd.DataFrame]) -> dict:
    """The same prepared frames as the trends page."""
    return trends.prepare(frames)


def _source_word(text: str) -> str:
    """A source that is the illustrative mark itself says so in the reader's language."""
    return _("illustrative") if text.strip().lower() == "illustrative" else text


def publications_caption(table: pd.DataFrame, rows: pd.DataFrame | None = None) -> str:
    """The publications chart in words: the items of each kind over the years. A total that
    adds up a bound ("more than 60 news items") is itself a bound, and says so."""
    kinds = list(figs.PUBLICATION_KINDS)
    if table.empty or table[kinds].to_numpy().sum() == 0:
        return _("No newsletter, news item or campaign on file for these years.")

    def total(kind: str) -> str:
        of_kind = rows[rows["kind"] == kind] if rows is not None else pd.DataFrame()
        return formats.qualified(int(table[kind].sum()), trends.total_qualifier(of_kind, "count"))

    parts = [f"{total(k)} {_(label).lower()}" for k, label in figs.PUBLICATION_KINDS.items()]
    return _("From {first} to {last}: {items}.").format(
        first=int(table["year"].min()), last=int(table["year"].max()), items=", ".join(parts)
    )


def events_caption(table: pd.DataFrame, events: pd.DataFrame) -> str:
    """The events chart in words: events and participants over the years (their qualifier
    kept, as the key figures keep it), women and men where recorded, the most
    nationalities at one event."""
    if table.empty or table["events"].sum() == 0:
        return _("No event on file for these filters and years.")
    text = _("{n} events from {first} to {last}, with {p} participants recorded").format(
        n=formats.number(table["events"].sum()),
        first=int(table["year"].min()),
        last=int(table["year"].max()),
        p=formats.qualified(
            round(table["participants"].sum()),
            trends.total_qualifier(distinct_participants(events), "participants"),
        ),
    )
    women, men = table["women"].sum(), table["men"].sum()
    if women or men:
        text += " " + _("({w} women, {m} men where recorded)").format(
            w=formats.number(women), m=formats.number(men)
        )
    text += "."
    most = table["most_nationalities"].max()
    if pd.notna(most):
        text += " " + _("At most {n} nationalities at one event.").format(n=formats.number(most))
        at_most = events[events["nationalities"] == most] if "nationalities" in events else events
        if marks.shows_unpublished(at_most, ("nationalities",)):
            text = text[:-1] + " (" + _("illustrative, not published") + ")."
    return text


def view(prepared: dict, state: PageState) -> dict:
    """Followers, publications per year, events per year and the events, for the state."""
    filters = state.filters
    acts = prepared["activities"]
    years = year_span(acts["year"], filters.year_from, filters.year_to)
    pubs = acts[acts["kind"].isin(figs.PUBLICATION_KINDS) & acts["year"].isin(years)]
    pub_table = figs.publications_per_year(acts, years)
    cities = filter_cities(prepared["all_cities"], filters)
    located = common.activities_in_scope(acts, cities, filters)
    events = located[located["is_event"] & located["year"].isin(years)]
    ev_table = figs.events_per_year(located, years)
    rows = figs.event_rows(located, years)
    events_result = ChartResult(
        lambda ill: figs.events_figure(ev_table, illustrative=ill),
        common.with_provenance(
            ev_table,
            events,
            {
                "events": ("count", None),
                "participants": ("participants", None),
                "women": ("women", None),
                "men": ("men", None),
            },
        ),
        events,
        filters=filters.describe(),
        fields=("participants", "women", "men", "nationalities"),
        caption=events_caption(ev_table, events),
    )
    shown = rows.head(EVENT_ROWS_SHOWN)  # newest first
    if pd.api.types.is_datetime64_any_dtype(shown["date"]):
        shown = shown.assign(date=shown["date"].map(formats.date))
    # The publication, short: the full source text is in the dataset's download (/data).
    shown = shown.assign(source=shown["source"].fillna("").map(publication).map(_source_word))
    shown = shown.rename(columns={k: _(v) for k, v in EVENT_COLUMNS.items()})
    count = _("{n} events with their own row").format(n=formats.number(len(rows)))
    if len(rows) > len(shown):
        count += " " + _(
            "(the latest {n} shown; every event is in the activities dataset on the Data page)"
        ).format(n=len(shown))
    if events_result.illustrative:
        count += "; " + _("includes illustrative values (not published)")
    return {
        FOLLOWERS.id: trends.followers(prepared, filters),
        PUBLICATIONS.id: ChartResult(
            lambda ill: figs.publications_figure(pub_table, illustrative=ill),
            common.with_provenance(
                pub_table, pubs, {k: ("count", k) for k in figs.PUBLICATION_KINDS}
            ),
            pubs,
            filters=filters.describe(),
            fields=("count",),
            caption=publications_caption(pub_table, pubs),
        ),
        EVENTS.id: events_result,
        EVENTS_TABLE: html_table(
            shown[[_(v) for v in EVENT_COLUMNS.values()]],
            table_id=EVENTS_TABLE + "-rows",
            marked=pd.DataFrame(
                {_(EVENT_COLUMNS[f]): shown[figs.MARKED + f] for f in figs.EVENT_VALUES}
            ),
        )
        if not rows.empty
        else html.P(_("No event on file for these years and places."), className="mb-0"),
        EVENTS_COUNT: count,
    }
