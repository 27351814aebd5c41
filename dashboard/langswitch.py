"""The EN | FR switch of the navigation bar and the shell's text in the page's language.

Each page carries its language in a hidden control (`ids.filter_id("lang")`, set from the
URL by `components.page_top`), so `assets/url_state.js` keeps `lang` in the address and
every callback reads it. The switch is a pair of plain links: choosing a language reloads
the page in it. The shell is laid out in the language of the page the browser opened, and
follows the page's language control in the browser (`shell_words`, callbacks/langswitch.py).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs

import dash
import flask
from dash import dcc, html

from dashboard import i18n, ids
from dashboard.i18n import N_, _
from dashboard.urlstate import DEFAULT_LANGUAGE, LANG_KEY, LANGUAGES, parse_language

LANG = ids.filter_id("lang")
SWITCH = ids.child(ids.NAVBAR, "lang")
NAMES = {"en": "English", "fr": "Français"}
# The navigation's page names (dash.page_registry's English names), for the catalogue.
PAGE_NAMES = (
    N_("Overview"), N_("Map"), N_("Trends"), N_("Compare"), N_("Index"), N_("Networks"),
    N_("Outreach"), N_("Data"),
)  # fmt: skip
# The shell's own words, translated when the page's language is known.
SHELL_TEXT = {
    "brand": N_("ICC Network Dashboard"),
    "present": N_("Present"),
    "present_title": N_("Full-screen presentation view (arrow keys step, Escape leaves)"),
    "deck": N_("Download deck"),
    "deck_title": N_("The year's story as an editable PowerPoint deck (16:9, native charts)"),
}


# The browser tab's title of a page (`dash.register_page(title=page_title(...))`).
TITLE = N_("{page} · ICC Network Dashboard")
# The pages router's input holding the address's query string (Dash's own id).
ROUTER_SEARCH = "_pages_location.search"


def request_language() -> str:
    """The language of the address being served: the query string the pages router was
    called with (moving between pages), else the opened page's (the app's layout holding
    it: dashboard/opening.py), else the request's own `?lang=` (a page loaded)."""
    try:
        search = dash.callback_context.inputs.get(ROUTER_SEARCH)
    except Exception:  # not in a callback: the page's HTML itself
        search = None
    if search is None:  # the app's layout, holding the page the browser opened
        from dashboard import opening

        search = opening.address_query()
    if search is not None:
        return parse_language(parse_qs(str(search).lstrip("?")).get(LANG_KEY))
    if flask.has_request_context():
        return parse_language(flask.request.args.get(LANG_KEY))
    return DEFAULT_LANGUAGE


def page_title(name: str) -> Callable[..., str]:
    """A page's title (the browser tab) in the language of the address: "Map · ICC Network
    Dashboard", "Carte · Tableau de bord du réseau ICC". `name` is an English msgid."""

    def title(**_path: object) -> str:
        with i18n.language(request_language()):
            return _(TITLE).format(page=_(name))

    return title


def language_control(lang: str) -> dcc.Input:
    """The page's language as a hidden control: in the URL and in every callback's inputs.
    English, the default, is no value: the address of an English page carries no `lang`."""
    return dcc.Input(id=LANG, type="hidden", value=None if lang == DEFAULT_LANGUAGE else lang)


def language_switch() -> html.Div:
    """EN | FR links; each reloads the current page, filters kept, in its language."""
    items: list = []
    for code in LANGUAGES:
        if items:
            items.append(html.Span("|", className="text-white-50 mx-1", **{"aria-hidden": "true"}))
        items.append(
            html.A(
                code.upper(),
                id=ids.child(SWITCH, code),
                href="?lang=" + code if code != DEFAULT_LANGUAGE else "?",
                lang=code,
                title=NAMES[code],
                className="lang-link text-white small",
                **{"data-lang": code},
            )
        )
    return html.Div(items, id=SWITCH, className="lang-switch ms-3 no-present")


def shell_text(lang: str) -> dict[str, str]:
    """The shell's words in `lang` (the caller has set the language)."""
    return {key: _(text) for key, text in SHELL_TEXT.items()} | {"lang": lang}


# The shell's words in every language, in the shell (a few hundred bytes): the navigation
# follows the page's language in the browser, with no round trip (callbacks/langswitch.py).
WORDS = ids.child(ids.NAVBAR, "words")


def shell_words() -> dict[str, dict]:
    """{language: the shell's words, and "links": {page path: page name}} for every language."""
    words = {}
    for code in LANGUAGES:
        with i18n.language(code):
            links = {p["relative_path"]: _(p["name"]) for p in dash.page_registry.values()}
            words[code] = shell_text(code) | {"links": links}
    return words
