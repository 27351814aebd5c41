"""Networks page: summary, members, growth and membership figures, and its callback."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import networks as figs
from dashboard.figures.common import ILLUSTRATIVE_TEXT
from dashboard.figures.datasets import table_cells
from dashboard.urlstate import Filters


def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    networks = pd.DataFrame(
        {
            "network": ["RPCI", "RECI", "ICANN"],
            "name": ["Rede Portuguesa", "Red de Ciudades", "Australian network"],
            "country": ["PT", "ES", "AU"],
            "country_name": ["Portugal", "Spain", "Australia"],
            "iso3": ["PRT", "ESP", "AUS"],
            "founded": pd.array([2012, 2011, None], dtype="Int64"),
            "status": ["active", "active", "forming"],
            "active_since": pd.array([2012, 2011, None], dtype="Int64"),
            "members": [3, 1, 0],
            "source": ["RPCI site", "RECI site", "ICC annual report 2017"],
            "illustrative": [False, False, False],
        }
    )
    members = pd.DataFrame(
        {
            "network": ["RPCI", "RPCI", "RPCI", "RECI"],
            "city": ["Lisbon", "Amadora", "Beja", "Bilbao"],
            "country": ["PT", "PT", "PT", "ES"],
            "joined": pd.array([2012, 2014, None, 2011], dtype="Int64"),
            "international_member": [True, True, False, True],
            "lat": [38.7, 38.75, None, 43.26],
            "lon": [-9.14, -9.23, None, -2.93],
            "source": ["RPCI site", "RPCI site", "RPCI site", "RECI site"],
            "illustrative": [False, False, False, False],
            "country_name": ["Portugal", "Portugal", "Portugal", "Spain"],
            "continent": ["Europe"] * 4,
            "population": [517802, 175000, 35000, 345000],
        }
    )
    return networks, members


def test_summary_counts_members_and_international_members_per_network():
    networks, members = frames()
    table = figs.summary_table(networks, members).set_index("Network")
    assert table.loc["RPCI", "Members on file"] == 3
    assert table.loc["RPCI", "Also international ICC members"] == 2
    assert table.loc["ICANN", "Status"].startswith("Forming")
    assert table.loc["ICANN", "First on file"] == ""
    assert table.loc["RECI", "First on file"] == "2011"
    assert table.loc["ICANN", "Active since"] == ""  # forming: not active yet


def test_member_table_says_which_members_are_international_members():
    _, members = frames()
    table = figs.member_table(members, {"PT": "Portugal", "ES": "Spain"})
    beja = table[table["City"] == "Beja"].iloc[0]
    assert beja["International ICC member"] == "not on file"  # no source says "not a member"
    assert beja["Joined the network"] == ""
    assert table[table["City"] == "Lisbon"].iloc[0]["International ICC member"] == "yes"


def test_growth_counts_members_from_their_joining_year_and_notes_unknown_years():
    _, members = frames()
    table = figs.growth_table(members)
    rpci = table[table["network"] == "RPCI"]
    assert list(zip(rpci["year"], rpci["members"], strict=True)) == [(2012, 1), (2014, 2)]
    fig = figs.growth_figure(members, last_year=2016)
    rpci_line = next(t for t in fig.data if t.name == "RPCI")
    assert list(rpci_line.x) == [2012, 2014, 2016]
    assert list(rpci_line.y) == [1, 2, 2]
    assert any("1 member(s) without a joining year" in a.text for a in fig.layout.annotations)


def test_growth_without_any_joining_year_says_so():
    _, members = frames()
    members["joined"] = pd.array([None] * 4, dtype="Int64")
    fig = figs.growth_figure(members)
    assert [a.text for a in fig.layout.annotations] == [
        "No joining year on file for these networks' members"
    ]


def test_membership_bars_split_international_and_national_only_members():
    networks, members = frames()
    fig = figs.membership_figure(networks, members, illustrative=True)
    intl, national = fig.data
    by_net = dict(zip(intl.y, intl.x, strict=True))
    assert by_net["RPCI"] == 2
    assert dict(zip(national.y, national.x, strict=True))["RPCI"] == 1
    assert ILLUSTRATIVE_TEXT in [a.text for a in fig.layout.annotations]


def test_select_networks_by_network_country_or_continent():
    networks, _ = frames()
    assert list(figs.select_networks(networks, network="RECI")["network"]) == ["RECI"]
    assert list(figs.select_networks(networks, country="PT")["network"]) == ["RPCI"]
    oceania = figs.select_networks(
        networks, continent="Oceania", continent_of={"AU": "Oceania", "PT": "Europe"}
    )
    assert list(oceania["network"]) == ["ICANN"]


def networks_view(networks, members, continent_of, filters, *, year=None):
    """The networks view over inline frames, rendered as the callback renders it."""
    from dashboard.cards import render
    from dashboard.urlstate import PageState
    from dashboard.views import networks as view

    prepared = {"networks": networks, "members": members, "continent_of": continent_of}
    result = view.view(prepared, PageState(filters, year))
    return render(result), result


def test_callback_for_one_network_lists_its_members_and_maps_the_placed_ones():
    from dashboard.views.networks import MAP

    networks, members = frames()
    out, result = networks_view(
        networks, members, {"PT": "Europe", "ES": "Europe"}, Filters(network="RPCI")
    )
    count = out["networks-count"]
    assert count.startswith("1 network shown (1 active, 0 forming), 3 member cities")
    assert "2 of them also international ICC members" in count
    assert out["networks-summary"].id == "networks-summary-rows"
    assert out["networks-members"].id == "networks-members-rows"
    assert out["networks-unplaced"] == "Not on the map (no coordinates on file): Beja (Portugal)."
    map_fig = out[MAP.id]["figure"]
    placed = sorted(c[0] for t in map_fig.data if t.type == "scattergeo" for c in t.customdata)
    assert placed == ["Amadora", "Lisbon"]
    assert any(t.type == "choropleth" and list(t.locations) == ["PRT"] for t in map_fig.data)
    assert "RPCI site" in out[MAP.id]["source"]
    assert out[MAP.id]["badge"] == {"display": "none"}
    rows = result[MAP.id].download(MAP)["rows"]
    assert sorted(r[1] for r in rows) == ["Amadora", "Beja", "Lisbon"]


def test_callback_with_no_matching_network_says_so():
    networks, members = frames()
    out, _ = networks_view(networks, members, {}, Filters(continent="Asia"))
    assert out["networks-count"] == figs.EMPTY + "."
    assert out["networks-summary"].children == figs.EMPTY


def test_callback_as_of_a_year_leaves_out_later_networks_and_later_members():
    from dashboard.views.networks import MAP

    networks, members = frames()
    networks.loc[networks["network"] == "ICANN", "founded"] = 2022
    out, result = networks_view(networks, members, {}, Filters(), year=2013)
    # ICANN (founded 2022) is not listed in 2013; Amadora joined RPCI in 2014: not yet a
    # member; Beja's joining year is unknown: kept.
    count = out["networks-count"]
    assert count.startswith("In 2013: 2 networks shown (2 active, 0 forming), 3 member cities")
    table = figs.summary_table(*figs.as_of(networks, members, 2013))
    assert list(table["Network"]) == ["RPCI", "RECI"]
    assert list(table["Members on file"]) == [2, 1]
    rows = result[MAP.id].download(MAP)["rows"]
    assert sorted(r[1] for r in rows) == ["Beja", "Bilbao", "Lisbon"]
    later, _ = networks_view(networks, members, {}, Filters(), year=2022)
    assert later["networks-count"].startswith("In 2022: 3 networks shown")


def test_members_table_shows_200_rows_with_a_notice_and_the_download_keeps_all():
    from dashboard.views.networks import MAP, MEMBERS_SHOWN

    networks, members = frames()
    one = members[members["city"] == "Lisbon"]
    many = pd.concat([one] * 250, ignore_index=True)
    many["city"] = [f"Town {i:03d}" for i in range(250)]
    out, result = networks_view(networks, many, {"PT": "Europe"}, Filters(network="RPCI"))
    table = out["networks-members"]
    notice, rows = table.children
    assert notice.children.startswith(f"Showing {MEMBERS_SHOWN} of 250 member cities")
    assert "download" in notice.children
    assert len(table_cells(rows)) == MEMBERS_SHOWN + 1  # and the header
    assert len(result[MAP.id].download(MAP)["rows"]) == 250
    from dashboard import i18n

    with i18n.language("fr"):
        out, _result = networks_view(networks, many, {"PT": "Europe"}, Filters(network="RPCI"))
    notice = out["networks-members"].children[0]
    assert notice.children.startswith(f"Villes membres affichées : {MEMBERS_SHOWN} sur 250")


def test_a_published_size_without_a_date_is_shown_with_date_not_on_file():
    from dashboard.views.networks import SUMMARY

    networks, members = frames()
    networks = networks.assign(
        members=[12, 16, 3][: len(networks)],
        members_status=["published", "published", "derived"][: len(networks)],
        members_date=["undated", "2017", ""][: len(networks)],
        members_qualifier=["", "", ""][: len(networks)],
    )
    out, _ = networks_view(networks, members, {}, Filters(), year=2017)
    table = out[SUMMARY]
    head, *body = table_cells(table)
    col = head.index("Members reported")
    cells = {tr[0]: tr[col] for tr in body}
    by_code = cells
    first, second = networks["network"].iloc[0], networks["network"].iloc[1]
    assert by_code[first] == "12 (date not on file)"
    assert by_code[second] == "16 (2017)"
    assert by_code[networks["network"].iloc[2]] == ""  # a count of members on file


def test_an_international_member_counts_as_one_only_from_the_year_it_joined_icc():
    networks = pd.DataFrame(
        {"network": ["REMIRI"], "country": ["CA"], "founded": [2017], "status": ["active"]}
    )
    members = pd.DataFrame(
        {
            "network": ["REMIRI", "REMIRI"],
            "city": ["Montréal", "Sherbrooke"],
            "joined": [2017, 2017],
            "international_member": [True, True],
            "icc_joined": [2011, 2021],
        }
    )
    _, in_2017 = figs.as_of(networks, members, 2017)
    assert dict(zip(in_2017["city"], in_2017["international_member"], strict=True)) == {
        "Montréal": True,
        "Sherbrooke": False,  # joined ICC in Feb 2021
    }
    _, in_2021 = figs.as_of(networks, members, 2021)
    assert in_2021["international_member"].all()
