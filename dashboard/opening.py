"""The page a browser opens comes with the app's layout: no router round trip.

Dash's renderer asks for the app's layout (`_dash-layout`) once the page's scripts have run,
then lays out the shell; `dcc.Location` mounts, reports the address, and only then does the
pages router (a callback) answer with the page: one more round trip and one more layout pass
before the first chart is drawn. The browser names the page it is on in the layout request's
`Referer` (the app sends `Referrer-Policy: same-origin`, so the whole address, to this site
only). `page_container()` lays out that page at once, exactly as the router would (Dash's own
path and query parsing, the page's layout called with the query's parameters), and gives the
location its address, so it reports nothing new and the router does not run. Moving to
another page within the app goes through the router as before.

Without a usable `Referer` (none sent, another path, the page's layout failing) the
container is Dash's own, empty, and the router lays the page out as it always did.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import dash
import flask
from dash import dcc, html
from dash._pages import _parse_query_string, _path_to_page

LAYOUT_ROUTE = "_dash-layout"


def opened_address() -> tuple[str, str, str] | None:
    """(path, query string with its "?", whole address) of the page whose layout is being
    asked for, or None outside a `_dash-layout` request or without a same-site `Referer`."""
    if not flask.has_request_context() or not flask.request.path.endswith(LAYOUT_ROUTE):
        return None
    if "icc_opened_address" not in flask.g:  # read once per request (shell, page, language)
        flask.g.icc_opened_address = _address_of(flask.request.referrer)
    return flask.g.icc_opened_address


def _address_of(referrer: str | None) -> tuple[str, str, str] | None:
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.scheme not in ("http", "https") or parts.netloc != flask.request.host:
        return None
    return parts.path, f"?{parts.query}" if parts.query else "", referrer


def laid_out_whole() -> bool:
    """Whether this `_dash-layout` request laid out the opened page itself (not the
    router's fallback): its answer then follows from the address and the data version."""
    return bool(flask.has_request_context() and flask.g.get("icc_page_laid_out"))


def page_container() -> html.Div:
    """`dash.page_container`, holding the opened page when the request names one."""
    address = opened_address()
    if address is None:
        return dash.page_container
    path, search, href = address
    try:
        app = dash.get_app()
        page, variables = _path_to_page(app.strip_relative_path(path))
        if not page:  # not a page of the app: the router answers its "not found"
            return dash.page_container
        layout, title = page.get("layout", ""), page["title"]
        if callable(layout):
            layout = layout(**(variables or {}), **_parse_query_string(search))
        if callable(title):
            title = title(**(variables or {}))
    except Exception:  # the router lays the page out (and says what failed) as before
        logging.getLogger(__name__).exception("page %s%s not laid out with the app", path, search)
        return dash.page_container
    location, content, store, dummy = dash.page_container.children
    flask.g.icc_page_laid_out = True
    return html.Div(
        [
            dcc.Location(
                id=location.id,
                refresh=location.refresh,
                pathname=path,
                search=search,
                hash="",
                href=href,
            ),
            html.Div(layout, id=content.id, disable_n_clicks=True),
            dcc.Store(id=store.id, data={"title": title}),
            html.Div(id=dummy.id, disable_n_clicks=True),
        ]
    )


def address_query() -> str | None:
    """The opened page's query string (with its "?") during a `_dash-layout` request."""
    address = opened_address()
    return None if address is None else address[1]
