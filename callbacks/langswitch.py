"""The language switch and the shell's words follow the page's language (`?lang=`)."""

from __future__ import annotations

from dash import ALL, Input, Output, State, clientside_callback

from dashboard import ids, langswitch
from dashboard.urlstate import LANGUAGES

# Each switch link (one per urlstate.LANGUAGES) reloads the page, filters kept, in its language:
# made again whenever the URL writer (assets/url_state.js) has written a filter changed on
# the page, not only when the page opens.
clientside_callback(
    """function (lang, _written) {
        return ["en", "fr"].map(function (code) {
            var p = new URLSearchParams(window.location.search);
            if (code === "en") { p.delete("lang"); } else { p.set("lang", code); }
            var qs = p.toString();
            return window.location.pathname + (qs ? "?" + qs : "");
        });
    }""",
    [Output(ids.child(langswitch.SWITCH, code), "href") for code in LANGUAGES],
    Input(langswitch.LANG, "value"),
    Input(ids.URL_SYNC, "data"),
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


# The navigation's page names and buttons in the page's language, from the words of every
# language the shell carries (langswitch.shell_words): in the browser, no round trip.
clientside_callback(
    """function (lang, words) {
        var w = (words && (words[lang] || words.en)) || null;
        var links = window.dash_clientside.callback_context.outputs_list[0];
        if (!w) { return window.dash_clientside.no_update; }
        return [links.map(function (o) { return w.links[o.id.page] || ""; }), w.brand,
                w.present, w.present_title, w.deck, w.deck_title];
    }""",
    Output({"role": ids.NAV_LINK, "page": ALL}, "children"),
    Output(ids.child(ids.NAVBAR, "brand"), "children"),
    Output(ids.PRESENT_TOGGLE, "children"),
    Output(ids.PRESENT_TOGGLE, "title"),
    Output(ids.child(ids.NAVBAR, "deck"), "children"),
    Output(ids.child(ids.NAVBAR, "deck"), "title"),
    Input(langswitch.LANG, "value"),
    State(langswitch.WORDS, "data"),
)
