"""The language switch and the shell's words follow the page's language (`?lang=`)."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx

from dashboard import i18n, ids, langswitch
from dashboard.urlstate import LANGUAGES

# Each switch link (one per urlstate.LANGUAGES) reloads the page, filters kept, in its language.
clientside_callback(
    """function (lang) {
        return ["en", "fr"].map(function (code) {
            var p = new URLSearchParams(window.location.search);
            if (code === "en") { p.delete("lang"); } else { p.set("lang", code); }
            var qs = p.toString();
            return window.location.pathname + (qs ? "?" + qs : "");
        });
    }""",
    [Output(ids.child(langswitch.SWITCH, code), "href") for code in LANGUAGES],
    Input(langswitch.LANG, "value"),
)

# The navigation links carry the language to the next page: once the URL writer
# (assets/url_state.js) has set their filters, `lang` is added to them.
clientside_callback(
    """function (_written, hrefs) {
        var lang = new URLSearchParams(window.location.search).get("lang");
        return hrefs.map(function (href) {
            if (!href) { return href; }
            var parts = href.split("?");
            var p = new URLSearchParams(parts[1] || "");
            if (lang && lang !== "en") { p.set("lang", lang); } else { p.delete("lang"); }
            var qs = p.toString();
            return parts[0] + (qs ? "?" + qs : "");
        });
    }""",
    Output({"role": ids.NAV_LINK, "page": ALL}, "href", allow_duplicate=True),
    Input(ids.URL_SYNC, "data"),
    State({"role": ids.NAV_LINK, "page": ALL}, "href"),
    prevent_initial_call=True,
)


@callback(
    Output({"role": ids.NAV_LINK, "page": ALL}, "children"),
    Output(ids.child(ids.NAVBAR, "brand"), "children"),
    Output(ids.PRESENT_TOGGLE, "children"),
    Output(ids.PRESENT_TOGGLE, "title"),
    Output(ids.child(ids.NAVBAR, "deck"), "children"),
    Output(ids.child(ids.NAVBAR, "deck"), "title"),
    Input(langswitch.LANG, "value"),
)
def update_shell_language(lang: str | None) -> tuple:
    """The navigation's page names and buttons in the page's language."""
    names = {p["relative_path"]: p["name"] for p in dash.page_registry.values()}
    with i18n.language(lang) as code:
        words = langswitch.shell_text(code)
        links = [i18n._(names.get(o["id"]["page"], "")) for o in ctx.outputs_list[0]]
    return (links, words["brand"], words["present"], words["present_title"], words["deck"],
            words["deck_title"])  # fmt: skip
