"""Build the bundled sample CSVs from published facts, filling the gaps with marked values.

Run `python -m data_loaders.sample.build` to rewrite the CSV files beside this module; the
output is the same byte for byte on every run (every generated value comes from a random
generator seeded with a fixed string per value, so adding a city changes no other city).

Rules of the sample:

- A published value keeps the publication in its `source`. Every other value is generated
  and its `source` contains the word "illustrative". Where one row mixes both (a city with a
  published joining year but a generated foreign-born share), the source names each part
  apart: "joined: ICC Newsletter No 9 (Feb 2010); population: gazetteer (...); foreign-born
  share: illustrative (generated, not published)".
- cities.csv lists every city of the sample. A city the sources name as a member of the
  international network has a `joined` year: published where a source gives it, otherwise
  a plausible generated year marked illustrative. A generated year is never before 2012 for
  a city outside the 2008 pilots and 2011 joiners, because the published totals (11 pilots,
  21 members in 2011) leave no room for more.
- A city named only as a member of a national network (many Italian, Spanish, Portuguese,
  Norwegian, Ukrainian, Moroccan and Quebec towns), or only as the venue of an event, is
  also in cities.csv, because the importer refuses a network member whose city is not on
  file; its `joined` is EMPTY and its source says "member of <network> only (not an
  international member)" or "venue only (not a member)".
- No member is invented to reach the published totals (121 members in 2017): the
  dashboard shows the reported totals (metrics.csv) beside the cities on file, so the gap
  between what was reported and what the sources name stays visible.
- Populations come from the offline gazetteer (GeoNames, a settlement's population) where
  the gazetteer's place is the ICC city itself; where the ICC member is a municipality,
  district, council or island that the gazetteer knows only by its seat or parent city
  (Botkyrka/Tumba, Melton, Amsterdam South East, ...), the population is illustrative.
  lat/lon stay empty: the importer places each city with the gazetteer.
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from data_loaders import gazetteer, vocab

SAMPLE_DIR = Path(__file__).resolve().parent
SEED = "icc-sample-v1"

ILLUSTRATIVE = "illustrative (generated, not published)"

# --- Publications (the `source` of every published value) --------------------------------
SRC_NL9 = "ICC Newsletter No 9 (Feb 2010)"
SRC_NL14 = "ICC Newsletter No 14 (Apr 2011)"
SRC_NL32 = "ICC Newsletter No 32"
SRC_AR2017 = "ICC annual report 2017"
SRC_AR2021 = "ICC annual report 2021 (announced Feb 2022)"
SRC_AR2022 = "ICC annual report 2022"
SRC_NL_FEB2022 = "ICC newsletter Feb 2022"
SRC_COORD_2020 = "ICC international coordinators' meeting, 3-5 Nov 2020"
SRC_LISBON_INDEX = "Lisbon ICC Index report (cities that completed the Index by May 2014)"
SRC_ODESA = "Odesa city council page on its Index result (2017)"
SRC_BALLARAT = "City of Ballarat; Council of Europe news (Index 2016: 84%, 4th of 80)"
SRC_OEIRAS = "Oeiras municipality (Index 2019, neighbourhoods 100%, compared with 95 cities)"
SRC_NETWORKS = "Council of Europe ICC networks page; the networks' own pages; ICC newsletters"
# A few joining years are published in ICC sources that the compiled facts do not name.
SRC_UNNAMED = "published (ICC sources; the publication is not named in the compiled facts)"

# --- Members of the international network named by the sources ----------------------------
City = tuple[str, str]  # (name as used throughout the sample, ISO alpha-2 country)

PILOTS_2008: tuple[City, ...] = (
    ("Berlin Neukölln", "DE"),
    ("Izhevsk", "RU"),
    ("Lublin", "PL"),
    ("Lyon", "FR"),
    ("Melitopol", "UA"),
    ("Neuchâtel", "CH"),
    ("Oslo", "NO"),
    ("Patras", "GR"),
    ("Reggio Emilia", "IT"),
    ("Subotica", "RS"),
    ("Tilburg", "NL"),
)
JOINED_2011: tuple[City, ...] = (
    ("Amsterdam South East", "NL"),
    ("Botkyrka", "SE"),
    ("Copenhagen", "DK"),
    ("Geneva", "CH"),
    ("Dublin", "IE"),
    ("Lisbon", "PT"),
    ("Limassol", "CY"),
    ("London Lewisham", "GB"),
    ("Pécs", "HU"),
    ("Donostia-San Sebastián", "ES"),
)
WELCOMED_2017: tuple[City, ...] = (
    ("Ballarat", "AU"),
    ("Mechelen", "BE"),
    ("Klaksvík", "FO"),
    ("Hamamatsu", "JP"),
    ("Zaragoza", "ES"),
    ("Swansea", "GB"),
)
# Other published joining years: city -> (year, source).
JOINED_OTHER: dict[City, tuple[int, str]] = {
    ("Montréal", "CA"): (2011, f"{SRC_UNNAMED}: accredited as associate member on 4 Nov 2011"),
    ("Sabadell", "ES"): (2011, SRC_UNNAMED),
    ("Bergen", "NO"): (2013, f"{SRC_NL32} (about 2013)"),
    ("Melton", "AU"): (2018, SRC_UNNAMED),
    ("Kraków", "PL"): (2021, f"{SRC_NL_FEB2022} (the 144th member, Feb 2021)"),
    ("Sherbrooke", "CA"): (2021, f"{SRC_NL_FEB2022} (the 145th member, Feb 2021)"),
    ("Salisbury", "GB"): (2021, f"{SRC_NL_FEB2022} (the 153rd member; 153 members in 2021)"),
}
PUBLISHED_JOINED: dict[City, tuple[int, str]] = {
    **dict.fromkeys(PILOTS_2008, (2008, SRC_NL9)),
    **dict.fromkeys(JOINED_2011, (2011, SRC_NL14)),
    ("Lisbon", "PT"): (2011, f"{SRC_NL14}; Lisbon's own page says it was admitted in 2012"),
    **dict.fromkeys(WELCOMED_2017, (2017, SRC_AR2017)),
    ("Ballarat", "AU"): (
        2017,
        f"{SRC_AR2017} (welcomed in 2017; the City of Ballarat endorsed membership in 2016)",
    ),
    **JOINED_OTHER,
}

# The 55 of the 59 cities that had completed the Index by May 2014 that the report names.
INDEX_BY_MAY_2014: tuple[City, ...] = (
    ("Amadora", "PT"),
    ("Arezzo", "IT"),
    ("Barcelona", "ES"),
    ("Beja", "PT"),
    ("Bergen", "NO"),
    ("Bilbao", "ES"),
    ("Botkyrka", "SE"),
    ("Campi Bisenzio", "IT"),
    ("Cartagena", "ES"),
    ("Casalecchio di Reno", "IT"),
    ("Castelvetro di Modena", "IT"),
    ("Coimbra", "PT"),
    ("Constanta", "RO"),
    ("Copenhagen", "DK"),
    ("Donostia-San Sebastián", "ES"),
    ("Dortmund", "DE"),
    ("Dublin", "IE"),
    ("Duisburg", "DE"),
    ("Erlangen", "DE"),
    ("Forlì", "IT"),
    ("Fuenlabrada", "ES"),
    ("Geneva", "CH"),
    ("Genoa", "IT"),
    ("Getxo", "ES"),
    ("Izhevsk", "RU"),
    ("Hamburg", "DE"),
    ("Jerez de la Frontera", "ES"),
    ("London Lewisham", "GB"),
    ("Limassol", "CY"),
    ("Limerick", "IE"),
    ("Lisbon", "PT"),
    ("Lodi", "IT"),
    ("Lublin", "PL"),
    ("Melitopol", "UA"),
    ("Mexico City", "MX"),
    ("Montréal", "CA"),
    ("Munich", "DE"),
    ("Neuchâtel", "CH"),
    ("Berlin Neukölln", "DE"),
    ("Offenburg", "DE"),
    ("Olbia", "IT"),
    ("Oslo", "NO"),
    ("Patras", "GR"),
    ("Pécs", "HU"),
    ("Pryluky", "UA"),
    ("Reggio Emilia", "IT"),
    ("Rijeka", "HR"),
    ("Rotterdam", "NL"),
    ("Sabadell", "ES"),
    ("Kyiv Shevchenkivskyi district", "UA"),
    ("Senigallia", "IT"),
    ("Stavanger", "NO"),
    ("Subotica", "RS"),
    ("Tenerife", "ES"),
    ("Tilburg", "NL"),
)
# Completed for the first time or reviewed the Index in 2017 (annual report 2017).
INDEX_2017: tuple[City, ...] = (
    ("Melton", "AU"),
    ("Maribyrnong", "AU"),
    ("Klaksvík", "FO"),
    ("Patras", "GR"),
    ("Dublin", "IE"),
    ("Casalecchio di Reno", "IT"),
    ("Hamamatsu", "JP"),
    ("Albufeira", "PT"),
    ("Cascais", "PT"),
    ("Barcelona", "ES"),
    ("Cartagena", "ES"),
    ("Sabadell", "ES"),
    ("Santa Coloma de Gramenet", "ES"),
    ("Botkyrka", "SE"),
    ("Izhevsk", "RU"),
    ("Lutsk", "UA"),
    ("Odesa", "UA"),
    ("Pavlohrad", "UA"),
    ("Swansea", "GB"),
)
EXPERT_VISITS_2017: tuple[City, ...] = (
    ("Braga", "PT"),
    ("Cascais", "PT"),
    ("Viseu", "PT"),
    ("Klaksvík", "FO"),
    ("Hamamatsu", "JP"),
    ("Fuenlabrada", "ES"),
    ("Odesa", "UA"),
    ("Lutsk", "UA"),
    ("Pavlohrad", "UA"),
    ("Swansea", "GB"),
)
# Named as members in the milestone text ("From Oslo (Norway) to Limassol ...").
MILESTONE_MEMBERS: tuple[City, ...] = (
    ("Oslo", "NO"),
    ("Limassol", "CY"),
    ("Paris", "FR"),
    ("Rijeka", "HR"),
    ("Ballarat", "AU"),
    ("Montréal", "CA"),
    ("Mexico City", "MX"),
    ("Hamamatsu", "JP"),
    ("Tanger", "MA"),
    ("Haifa", "IL"),
)
STORYCITIES: tuple[City, ...] = (
    ("Bilbao", "ES"),
    ("Cascais", "PT"),
    ("Erlangen", "DE"),
    ("Geneva", "CH"),
    ("Reggio Emilia", "IT"),
    ("Stavanger", "NO"),
)
STEPS: tuple[City, ...] = (("Lisbon", "PT"), ("Rijeka", "HR"))
# Member with a published Index score but no other mention.
OEIRAS: City = ("Oeiras", "PT")

# Where the sources name each member (for the source text of a generated joining year).
NAMED_AS_MEMBER: tuple[tuple[Sequence[City], str], ...] = (
    (INDEX_BY_MAY_2014, SRC_LISBON_INDEX),
    (INDEX_2017, f"{SRC_AR2017} (Index completed or reviewed in 2017)"),
    (EXPERT_VISITS_2017, f"{SRC_AR2017} (expert visit 2017)"),
    (MILESTONE_MEMBERS, f"{SRC_AR2017} (named as a member at the milestone event)"),
    (STORYCITIES, f"{SRC_AR2017} (StoryCities project)"),
    (STEPS, f"{SRC_AR2017} (STEPS project)"),
    ((OEIRAS,), SRC_OEIRAS),
)
# Venues of events that are not members.
VENUES: dict[City, str] = {
    ("Strasbourg", "FR"): f"venue only (not a member): PACE side event, {SRC_AR2017}",
    ("Rome", "IT"): f"venue only (not a member): national policy lab, {SRC_AR2017}",
    ("Madrid", "ES"): f"venue only (not a member): first contact visit, RECI session, {SRC_AR2017}",
}

# --- National and regional networks -------------------------------------------------------


@dataclass(frozen=True)
class NetworkFacts:
    """A network as published: its members with the joining year where one is given."""

    code: str
    name: str
    country: str
    founded: int
    status: str
    source: str
    members: tuple[tuple[City, int | None, str], ...]  # (city, joined, what the source says)


def _members(cities: Iterable[str], country: str, joined: int | None, note: str) -> tuple:
    return tuple(((c, country), joined, note) for c in cities)


NETWORKS: tuple[NetworkFacts, ...] = (
    NetworkFacts(
        "CDD",
        "Città del Dialogo",
        "IT",
        2010,
        "active",
        f"{SRC_NETWORKS}; {SRC_AR2017} (one of 6 national networks)",
        _members(
            (
                "Reggio Emilia",
                "Torino",
                "Bari",
                "Genoa",  # "Genova" in the network's list
                "Lodi",
                "Campi Bisenzio",
                "Savignano sul Rubicone",
                "Fermo",
                "Senigallia",
                "Pompei",
            ),
            "IT",
            2010,
            "founding member (2010)",
        )
        + _members(
            (
                "Milano",
                "Ravenna",
                "Casalecchio di Reno",
                "Castelvetro di Modena",
                "Arezzo",
                "Fucecchio",
                "Capannori",
                "San Giuliano Terme",
                "Venezia",
                "Forlì",
            ),
            "IT",
            2011,
            "joined Oct 2011",
        ),
    ),
    NetworkFacts(
        "RECI",
        "Red de Ciudades Interculturales",
        "ES",
        2011,
        "active",
        f"{SRC_NETWORKS}; {SRC_AR2017} (one of 6 national networks)",
        _members(
            (
                "Barcelona",
                "Bilbao",
                "Cartagena",
                "Donostia-San Sebastián",
                "Fuenlabrada",
                "Getxo",
                "Jerez de la Frontera",
                "Parla",
                "Sabadell",
                "Tenerife",
            ),
            "ES",
            None,
            "listed as a member in 2014; joining year not published",
        )
        + _members(
            ("Castellón de la Plana", "Santa Coloma de Gramenet"),
            "ES",
            2015,
            "listed as joining in 2015",
        ),
    ),
    NetworkFacts(
        "RPCI",
        "Rede Portuguesa de Cidades Interculturais",
        "PT",
        2012,
        "active",
        f"{SRC_NETWORKS}; {SRC_AR2017} (one of 6 national networks)",
        _members(("Albufeira",), "PT", 2016, "joined 2016")
        + _members(
            (
                "Amadora",
                "Beja",
                "Braga",
                "Cascais",
                "Coimbra",
                "Lisbon",  # "Lisboa" in the network's list
                "Loures",
                "Portimão",
                "Santa Maria da Feira",
                "Setúbal",
                "Viseu",
            ),
            "PT",
            None,
            "listed as a member in 2017; joining year not published",
        ),
    ),
    NetworkFacts(
        "NO",
        "Norwegian city network on diversity",
        "NO",
        2010,
        "active",
        f"{SRC_NETWORKS} (proposed 2010; first meeting 7 Feb 2012); {SRC_AR2017}",
        _members(
            ("Oslo", "Bergen", "Drammen", "Trondheim", "Stavanger", "Kristiansand"),
            "NO",
            None,
            "named as a member; joining year not published",
        ),
    ),
    NetworkFacts(
        "ICC-UA",
        "Ukrainian Intercultural Cities Network",
        "UA",
        2011,
        "active",
        f"{SRC_NETWORKS} (founded by 2011); {SRC_AR2017}",
        _members(("Odesa",), "UA", 2017, "joined 18 Apr 2017")
        + _members(
            ("Lutsk", "Melitopol", "Pavlohrad", "Sumy", "Vinnytsia"),
            "UA",
            None,
            "named as a member; joining year not published",
        ),
    ),
    NetworkFacts(
        "RMCI",
        "Réseau Marocain des Cités Interculturelles",
        "MA",
        2016,
        "active",
        f"{SRC_NETWORKS}; {SRC_AR2017} (launched in Morocco the year before 2017)",
        _members(
            (
                "Tanger",
                "Agadir",
                "Meknès",
                "Rabat",
                "Casablanca",
                "Marrakech",
                "Chefchaouen",
                "Tétouan",
                "Kenitra",
                "Martil",
                "Larache",
            ),
            "MA",
            None,
            "named as a member; joining year not published",
        ),
    ),
    # Status as of the latest source, not the 2017 view: the metric networks_forming 2017
    # keeps the 2017 state (two networks under construction) visible.
    NetworkFacts(
        "REMIRI",
        "Réseau des municipalités en immigration et relations interculturelles",
        "CA",
        2021,
        "active",
        f"{SRC_NETWORKS}: recognised Dec 2021, so status active as of the latest source "
        f"(under construction in Quebec in 2017: {SRC_AR2017})",
        _members(
            ("Montréal", "Sherbrooke", "Drummondville", "Gatineau", "Repentigny", "Rimouski"),
            "CA",
            None,
            "named as a member; joining year not published",
        ),
    ),
    NetworkFacts(
        "ICANN",
        "Intercultural Cities Australian national network",
        "AU",
        2022,
        "active",
        f"{SRC_NETWORKS}; {SRC_AR2022} (1 new national network: Australia): founded 2022, "
        f"so status active as of the latest source (under construction in 2017: {SRC_AR2017})",
        _members(
            ("Ballarat", "Melton"), "AU", None, "named as a member; joining year not published"
        ),
    ),
)

# --- Published Index scores ---------------------------------------------------------------
# (city, year) -> (published overall or None, {area: published score}, source).
PUBLISHED_INDEX: dict[tuple[City, int], tuple[int | None, dict[str, int], str]] = {
    (("Odesa", "UA"), 2017): (
        70,
        {},
        f"{SRC_ODESA}: 70%, 17th of 93; 12th among cities over 200,000 inhabitants; "
        "13th among cities over 15% foreign-born",
    ),
    (("Oslo", "NO"), 2017): (85, {}, f"{SRC_ODESA}: Oslo 85% quoted"),
    (("Barcelona", "ES"), 2017): (72, {}, f"{SRC_ODESA}: Barcelona 72% quoted"),
    (("Dortmund", "DE"), 2017): (71, {}, f"{SRC_ODESA}: Dortmund 71% quoted"),
    (("Ballarat", "AU"), 2016): (
        84,
        {},
        f"{SRC_BALLARAT}; 2nd among cities under 200,000; 1st among cities under 15% foreign-born",
    ),
    (OEIRAS, 2019): (None, {"neighbourhoods": 100}, SRC_OEIRAS),
}
# Published: language was Ballarat's weakest area in 2016 (generated scores keep it so).
WEAKEST_AREA: dict[tuple[City, int], str] = {(("Ballarat", "AU"), 2016): "language"}

# --- Network-level figures (metrics.csv): (year, metric, value, source) -------------------
INDEX_SAMPLE_SOURCE = "ICC Index city reports (sample of {n} cities, {when})"
METRICS: tuple[tuple[int, str, float, str], ...] = (
    (
        2008,
        "members_total",
        11,
        f'{SRC_NL9}; {SRC_AR2017} ("a pilot project for 11 cities")',
    ),
    (2011, "members_total", 21, f"{SRC_NL14}: ten new cities joined the 11 pilots"),
    (2017, "members_total", 121, SRC_AR2017),
    (2020, "members_total", 141, SRC_COORD_2020),
    (2021, "members_total", 153, f"{SRC_NL_FEB2022} (Salisbury the 153rd)"),
    (2017, "index_cities_total", 90, SRC_AR2017),
    (2017, "index_countries_total", 28, SRC_AR2017),
    (
        2017,
        "national_networks",
        6,
        f"{SRC_AR2017} (Italy, Morocco, Norway, Portugal, Spain, Ukraine)",
    ),
    (2017, "networks_forming", 2, f"{SRC_AR2017} (under construction in Quebec and Australia)"),
    (2017, "new_members", 6, f"{SRC_AR2017} (six cities welcomed in 2017)"),
    (2017, "index_reports", 19, f"{SRC_AR2017} (19 cities completed or reviewed the Index)"),
    (2017, "newsletters", 5, SRC_AR2017),
    (2017, "news_items", 60, f'{SRC_AR2017} ("more than 60": a lower bound)'),
    (2017, "policy_briefs", 3, f"{SRC_AR2017} (appendix: publications released in 2017)"),
    (2017, "joint_campaigns", 5, f"{SRC_AR2017} (five international days)"),
    (2021, "new_members", 11, SRC_AR2021),
    (2021, "index_reports", 9, SRC_AR2021),
    (2021, "webinars", 14, SRC_AR2021),
    (2021, "news_items", 108, SRC_AR2021),
    (2021, "newsletters", 5, SRC_AR2021),
    (2021, "good_practices", 86, SRC_AR2021),
    (2021, "policy_briefs", 5, SRC_AR2021),
    (2021, "joint_campaigns", 3, SRC_AR2021),
    (2022, "new_members", 8, SRC_AR2022),
    (2022, "new_national_networks", 1, f"{SRC_AR2022} (Australia)"),
    (2022, "new_regional_networks", 5, f"{SRC_AR2022} (Cypriot districts)"),
    (2022, "index_reports", 9, SRC_AR2022),
    (2022, "policy_briefs", 5, SRC_AR2022),
    (2022, "inter_city_projects", 4, SRC_AR2022),
    (2011, "index_sample", 29, INDEX_SAMPLE_SOURCE.format(n=29, when="Aug 2011")),
    (2012, "index_sample", 50, INDEX_SAMPLE_SOURCE.format(n=50, when="Sep 2012")),
    (2014, "index_sample", 64, INDEX_SAMPLE_SOURCE.format(n=64, when="Sep 2014")),
    (2015, "index_sample", 75, INDEX_SAMPLE_SOURCE.format(n=75, when="Nov 2015")),
    (2016, "index_sample", 80, INDEX_SAMPLE_SOURCE.format(n=80, when="Jun 2016")),
    (2017, "index_sample", 93, INDEX_SAMPLE_SOURCE.format(n=93, when="Aug 2017")),
    (2019, "index_sample", 97, INDEX_SAMPLE_SOURCE.format(n=97, when="Jan 2019")),
    (2020, "index_sample", 140, INDEX_SAMPLE_SOURCE.format(n=140, when="Jul 2020")),
)

# --- Followers ----------------------------------------------------------------------------
FOLLOWERS_2017 = {"X (Twitter)": (2475, 526), "Facebook": (4551, 980)}  # total, gain in 2017
FOLLOWERS_2017_SOURCE = f"{SRC_AR2017} (total on 15 December 2017)"
FOLLOWERS_2016_SOURCE = "derived from ICC annual report 2017 ({total:,} followers, +{gain} in 2017)"
FOLLOWERS_FIRST_YEAR = 2012
# Generated totals of January 2012 (no figure is published before December 2016).
FOLLOWERS_START = {"X (Twitter)": 160, "Facebook": 820}

# --- Activities of 2017 and 2020-2022 as published ----------------------------------------
Activity = dict[str, object]
_MILESTONE = "ICC milestone event: 10 years of inclusive integration (Lisbon, 28-29 Nov 2017)"


def _act(date: str, kind: str, title: str, source: str, **values: object) -> Activity:
    return {"date": date, "kind": kind, "title": title, "source": source, **values}


PUBLISHED_ACTIVITIES: tuple[Activity, ...] = (
    _act(
        "2017-03",
        "conference",
        "Building diverse communities based on shared values: the Intercultural cities approach",
        SRC_AR2017,
        city="Limassol",
        country="CY",
    ),
    _act(
        "2017-03",
        "seminar",
        "RECI Diversity Advantage Challenge award ceremony",
        SRC_AR2017,
    ),
    _act(
        "2017-03-30",
        "coordinators_meeting",
        "RECI 12th working session",
        SRC_AR2017,
        city="Madrid",
        country="ES",
    ),
    _act(
        "2017-05-25",
        "coordinators_meeting",
        "Coordination meeting of the Italian network (Città del Dialogo)",
        SRC_AR2017,
        city="Rome",
        country="IT",
    ),
    _act(
        "2017-05-25",
        "policy_lab",
        "National Policy Lab for Inclusive Integration (Italy)",
        SRC_AR2017,
        city="Rome",
        country="IT",
    ),
    _act(
        "2017-06-08",
        "coordinators_meeting",
        "9th Portuguese Intercultural Cities Network meeting",
        SRC_AR2017,
        city="Albufeira",
        country="PT",
    ),
    _act(
        "2017-06-14",
        "seminar",
        "Thematic seminar: Human rights in the intercultural city (14-15 June)",
        SRC_AR2017,
        city="Oslo",
        country="NO",
    ),
    _act(
        "2017-06-28",
        "seminar",
        "Urban policies for inclusive integration of migrants (PACE side event)",
        SRC_AR2017,
        city="Strasbourg",
        country="FR",
    ),
    _act(
        "2017-10",
        "study_visit",
        "Prevention of radicalisation and violent extremism through intercultural policies",
        SRC_AR2017,
        city="Lyon",
        country="FR",
    ),
    _act(
        "2017-10",
        "training",
        "Anti-rumour training of trainers for the city of Montréal",
        SRC_AR2017,
        city="Montréal",
        country="CA",
    ),
    _act(
        "2017-10-08",
        "coordinators_meeting",
        "RECI 13th working session",
        SRC_AR2017,
        city="Sabadell",
        country="ES",
    ),
    _act(
        "2017-11-28",
        "conference",
        _MILESTONE,
        f"{SRC_AR2017} (270 people, 121 men / 149 women, 31 nationalities)",
        city="Lisbon",
        country="PT",
        participants=270,
        women=149,
        men=121,
        nationalities=31,
    ),
    _act(
        "2017-11-28",
        "policy_lab",
        "First International Policy Lab for Inclusive Integration",
        SRC_AR2017,
        city="Lisbon",
        country="PT",
    ),
    _act(
        "2017-11",
        "training",
        "Anti-rumour training at the ICC milestone event",
        f'{SRC_AR2017} ("around 40 participants")',
        city="Lisbon",
        country="PT",
        participants=40,
    ),
    _act(
        "2017-11-30",
        "coordinators_meeting",
        "Annual meeting of the ICC coordinators",
        SRC_AR2017,
        city="Lisbon",
        country="PT",
    ),
    _act(
        "2017-12",
        "training",
        "Anti-rumour training with the Basque network ZAS",
        SRC_AR2017,
        city="Bilbao",
        country="ES",
    ),
    *(
        _act("2017", "expert_visit", f"Expert visit to {city}", SRC_AR2017, city=city, country=cc)
        for city, cc in EXPERT_VISITS_2017
    ),
    _act(
        "2017",
        "expert_visit",
        "First contact visit to Madrid",
        SRC_AR2017,
        city="Madrid",
        country="ES",
    ),
    *(
        _act(f"2017-{m:02d}-{d:02d}", "campaign", f"Joint campaign: {name}", SRC_AR2017)
        for m, d, name in vocab.INTERNATIONAL_DAYS
    ),
    _act("2017", "newsletter", "ICC newsletter issues", SRC_AR2017, count=5),
    _act(
        "2017",
        "news",
        "News items on the ICC website",
        f'{SRC_AR2017} ("more than 60 news": 60 is a lower bound)',
        count=60,
    ),
    _act(
        "2017",
        "publication",
        "Policy briefs",
        f"{SRC_AR2017} (appendix: publications released in 2017)",
        count=3,
    ),
    _act(
        "2020-11-03",
        "coordinators_meeting",
        "International coordinators' meeting (3-5 Nov 2020)",
        SRC_COORD_2020,
    ),
    _act("2021", "webinar", "Webinars", SRC_AR2021, count=14),
    _act("2021", "news", "News items on the ICC website", SRC_AR2021, count=108),
    _act("2021", "newsletter", "ICC newsletter issues", SRC_AR2021, count=5),
    _act("2021", "campaign", "Joint campaigns", SRC_AR2021, count=3),
    _act("2021", "publication", "Policy briefs", SRC_AR2021, count=5),
    _act("2022", "publication", "Policy briefs", SRC_AR2022, count=5),
)

# --- Generated parts: plans (which city has which edition) --------------------------------
# Editions of the revised questionnaire (2019+). 2021 and 2022 have 9 editions each, as
# many as the published index_reports of those years; the cities are illustrative.
REVISED_EDITIONS: dict[int, tuple[City, ...]] = {
    2019: (OEIRAS, ("Lisbon", "PT"), ("Geneva", "CH"), ("Reggio Emilia", "IT"), ("Bergen", "NO")),
    2020: (("Neuchâtel", "CH"), ("Limassol", "CY"), ("Getxo", "ES"), ("Tenerife", "ES")),
    2021: (
        ("Sherbrooke", "CA"),
        ("Kraków", "PL"),
        ("Bilbao", "ES"),
        ("Donostia-San Sebastián", "ES"),
        ("Ballarat", "AU"),
        ("Odesa", "UA"),
        ("Stavanger", "NO"),
        ("Erlangen", "DE"),
        ("Amadora", "PT"),
    ),
    2022: (
        ("Salisbury", "GB"),
        ("Zaragoza", "ES"),
        ("Mechelen", "BE"),
        ("Barcelona", "ES"),
        ("Dublin", "IE"),
        ("Botkyrka", "SE"),
        ("Lublin", "PL"),
        ("Cascais", "PT"),
        ("Coimbra", "PT"),
    ),
}
# Expert visits "confirm Index results": these cities get an (illustrative) 2016 edition.
INDEX_2016_OTHER: tuple[City, ...] = (("Braga", "PT"), ("Viseu", "PT"))

# ICC units that the gazetteer knows only by their seat or parent city: the gazetteer's
# settlement population would mislead, so the population is illustrative (rounded).
UNIT_POPULATION: dict[City, int] = {
    ("Botkyrka", "SE"): 95_000,
    ("Melton", "AU"): 180_000,
    ("Maribyrnong", "AU"): 90_000,
    ("London Lewisham", "GB"): 300_000,
    ("Amsterdam South East", "NL"): 90_000,
    ("Kyiv Shevchenkivskyi district", "UA"): 220_000,
    ("Berlin Neukölln", "DE"): 330_000,
    ("Tenerife", "ES"): 930_000,
    ("Venezia", "IT"): 255_000,
    ("Santa Maria da Feira", "PT"): 140_000,
    ("San Giuliano Terme", "IT"): 31_000,
    ("Castelvetro di Modena", "IT"): 11_000,
}
# Typical foreign-born share (%) by country, the centre of the generated shares.
FOREIGN_BORN_CENTRE: dict[str, float] = {
    "AU": 28, "BE": 20, "CA": 25, "CH": 35, "CY": 20, "DE": 20, "DK": 13, "ES": 13,
    "FO": 8, "FR": 14, "GB": 15, "GR": 8, "HR": 8, "HU": 4, "IE": 17, "IL": 25, "IT": 10,
    "JP": 3, "MA": 2, "MX": 2, "NL": 20, "NO": 18, "PL": 2.5, "PT": 9, "RO": 2, "RS": 6,
    "RU": 6, "SE": 25, "UA": 5,
}  # fmt: skip
# Generated shares kept on the side of the published peer groups (under / over 15%).
FOREIGN_BORN_FIXED: dict[City, tuple[float, str]] = {
    ("Ballarat", "AU"): (9.5, f"consistent with {SRC_BALLARAT}: under 15%"),
    ("Odesa", "UA"): (16.0, f"consistent with {SRC_ODESA}: over 15%"),
}

CITY_COLUMNS = ("city", "country", "joined", "left", "population", "foreign_born_pct", "lat")
CITY_COLUMNS = (*CITY_COLUMNS, "lon", "source")
COLUMNS: dict[str, tuple[str, ...]] = {
    "cities": CITY_COLUMNS,
    "networks": ("network", "name", "country", "founded", "status", "source"),
    "network-members": ("network", "city", "country", "joined", "source"),
    "index": ("city", "country", "year", "indicator", "score", "source"),
    "followers": ("platform", "date", "followers", "source"),
    "activities": (
        "date",
        "kind",
        "title",
        "city",
        "country",
        "participants",
        "women",
        "men",
        "nationalities",
        "count",
        "source",
    ),
    "metrics": ("year", "metric", "value", "source"),
}

Row = dict[str, object]


def _rng(*parts: object) -> random.Random:
    """A generator of its own for one generated value (seeded by a string: stable)."""
    return random.Random(":".join([SEED, *map(str, parts)]))


def _round(x: float) -> int:
    """Half-up rounding (Python's round() goes to even on .5)."""
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def international_members() -> dict[City, str]:
    """Every city the sources name as an international member -> where they name it."""
    named: dict[City, str] = {c: src for c, (_, src) in PUBLISHED_JOINED.items()}
    for cities, src in NAMED_AS_MEMBER:
        for c in cities:
            named.setdefault(c, src)
    return named


def _joined(city: City) -> tuple[int, str]:
    """Published joining year, else a plausible generated one; with the source part."""
    if city in PUBLISHED_JOINED:
        year, src = PUBLISHED_JOINED[city]
        return year, f"joined: {src}"
    rng = _rng("joined", *city)
    first_index = min((y for (c, y) in _first_editions() if c == city), default=None)
    if city in INDEX_BY_MAY_2014:
        low, high = 2012, 2013
    elif city == OEIRAS:
        low, high = 2018, 2018
    else:
        low, high = 2013, 2017
    if first_index is not None:
        high = max(low, min(high, first_index))
    return rng.randint(low, high), f"joined: {ILLUSTRATIVE}"


def _first_editions() -> list[tuple[City, int]]:
    """(city, year) of every Index edition of the 2009 questionnaire (years up to 2018)."""
    editions: list[tuple[City, int]] = []
    for city in INDEX_BY_MAY_2014:
        rng = _rng("first-index", *city)
        if city in PILOTS_2008:
            year = rng.choice((2009, 2010))
        elif city in JOINED_2011 or city in (("Montréal", "CA"), ("Sabadell", "ES")):
            year = rng.choice((2011, 2012))
        else:
            year = rng.randint(2012, 2014)
        editions.append((city, year))
    editions += [(city, 2017) for city in INDEX_2017]
    editions += [(("Oslo", "NO"), 2017), (("Dortmund", "DE"), 2017)]
    editions += [(("Ballarat", "AU"), 2016)]
    editions += [(city, 2016) for city in INDEX_2016_OTHER]
    return sorted(set(editions), key=lambda e: (e[1], e[0]))


def index_editions() -> list[tuple[City, int]]:
    """Every (city, edition year) of the sample's Index, both questionnaires."""
    revised = [(c, y) for y, cities in REVISED_EDITIONS.items() for c in cities]
    return sorted({*_first_editions(), *revised}, key=lambda e: (e[1], e[0]))


def _areas(year: int) -> tuple[str, ...]:
    return vocab.AREA_SLUGS if year >= vocab.REVISED_EDITION_YEAR else vocab.AREAS_2009


def _clip(x: float, low: int = 20, high: int = 100) -> int:
    return max(low, min(high, _round(x)))


def _city_level(city: City) -> float:
    """The generated general level of a city's scores (most cities 45-70)."""
    return max(35.0, min(78.0, _rng("level", *city).gauss(57, 9)))


def _fit_total(
    rng: random.Random, scores: dict[str, int], total: int, fixed: set[str], floor: int = 20
) -> None:
    """Nudge the non-fixed scores one point at a time until they sum to `total`."""
    free = [a for a in scores if a not in fixed]
    guard = 0
    while (diff := total - sum(scores.values())) != 0:
        area = rng.choice(free)
        step = 1 if diff > 0 else -1
        if floor <= scores[area] + step <= 100:
            scores[area] += step
        guard += 1
        if guard > 100_000:
            raise ValueError(f"cannot fit scores to a total of {total}")


def _edition_scores(city: City, year: int) -> list[tuple[str, int, str]]:
    """(indicator, score, source) of one edition: published where published, else generated."""
    rng = _rng("index", *city, year)
    areas = _areas(year)
    published_overall, published_areas, published_source = PUBLISHED_INDEX.get(
        (city, year), (None, {}, "")
    )
    first_year = min(y for c, y in index_editions() if c == city)
    centre = published_overall or _city_level(city) + 0.8 * (year - first_year) + rng.gauss(0, 3)
    scores = {a: _clip(centre + rng.gauss(0, 12)) for a in areas}
    scores.update(published_areas)
    fixed = set(published_areas)
    weakest = WEAKEST_AREA.get((city, year))
    if weakest:
        fixed.add(weakest)
        others = [s for a, s in scores.items() if a != weakest]
        scores[weakest] = max(20, min(others) - rng.randint(4, 10))
    floor = scores[weakest] + 1 if weakest else 20
    if published_overall is not None:
        # Published overall: generated areas whose mean is exactly the published figure.
        _fit_total(rng, scores, published_overall * len(areas), fixed, floor)
        overall = published_overall
    else:
        total = sum(scores.values())
        if (2 * total) % len(areas) == 0 and (2 * total // len(areas)) % 2 == 1:
            # A mean ending in .5 would round differently by convention: move one point.
            _fit_total(rng, scores, total + 1, fixed, floor)
        overall = _round(sum(scores.values()) / len(areas))
    generated = (
        f"{ILLUSTRATIVE}; areas generated around the published overall ({published_source})"
        if published_overall is not None
        else ILLUSTRATIVE
    )
    rows = []
    for area in areas:
        if area in published_areas:
            source = published_source
        elif area == weakest:
            source = f"{ILLUSTRATIVE}; published: {weakest} was the weakest area ({SRC_BALLARAT})"
        else:
            source = generated
        rows.append((area, scores[area], source))
    overall_source = published_source if published_overall is not None else ILLUSTRATIVE
    rows.append(("overall", overall, overall_source))
    return rows


# --- Builders: one list of rows per dataset -----------------------------------------------


def build_cities() -> list[Row]:
    """Every city of the sample: members, network-only members and venues."""
    members = international_members()
    network_only: dict[City, list[str]] = {}
    for net in NETWORKS:
        for city, _, _ in net.members:
            if city not in members:
                network_only.setdefault(city, []).append(f"{net.name} ({net.code})")
    rows = []
    for city in sorted({*members, *network_only, *VENUES}, key=lambda c: (c[1], c[0])):
        parts: list[str] = []
        joined: int | None = None
        if city in members:
            joined, joined_part = _joined(city)
            if city not in PUBLISHED_JOINED:
                parts.append(f"member: {members[city]}")
            parts.append(joined_part)
        elif city in network_only:
            parts.append(
                f"member of {' and '.join(network_only[city])} only (not an international "
                f"member): {SRC_NETWORKS}"
            )
        else:
            parts.append(VENUES[city])
        population, population_part = _population(city)
        parts.append(population_part)
        share, share_part = _foreign_born(city)
        parts.append(share_part)
        rows.append(
            {
                "city": city[0],
                "country": city[1],
                "joined": joined,
                "population": population,
                "foreign_born_pct": share,
                "source": "; ".join(parts),
            }
        )
    return rows


def _population(city: City) -> tuple[int, str]:
    hit = gazetteer.lookup(*city)
    if city in UNIT_POPULATION:
        seat = f"the gazetteer has only the settlement {hit.name}" if hit else "not in gazetteer"
        return UNIT_POPULATION[city], f"population: {ILLUSTRATIVE} ({seat})"
    if hit is not None and hit.population:
        return hit.population, f"population: gazetteer (GeoNames: {hit.name})"
    value = _round(_rng("population", *city).uniform(20_000, 150_000) / 1000) * 1000
    return value, f"population: {ILLUSTRATIVE}"


def _foreign_born(city: City) -> tuple[float, str]:
    if city in FOREIGN_BORN_FIXED:
        value, why = FOREIGN_BORN_FIXED[city]
        return value, f"foreign-born share: {ILLUSTRATIVE}, {why}"
    centre = FOREIGN_BORN_CENTRE.get(city[1], 10.0)
    value = centre * _rng("foreign-born", *city).uniform(0.65, 1.35)
    return round(max(2.0, min(45.0, value)), 1), f"foreign-born share: {ILLUSTRATIVE}"


def build_networks() -> list[Row]:
    """The eight networks of the sources."""
    return [
        {
            "network": n.code,
            "name": n.name,
            "country": n.country,
            "founded": n.founded,
            "status": n.status,
            "source": n.source,
        }
        for n in NETWORKS
    ]


def build_network_members() -> list[Row]:
    """Every network member the sources name, with the joining year where published."""
    return [
        {
            "network": n.code,
            "city": city,
            "country": cc,
            "joined": joined,
            "source": f"{SRC_NETWORKS} ({note})",
        }
        for n in NETWORKS
        for (city, cc), joined, note in n.members
    ]


def build_index() -> list[Row]:
    """Long-form Index scores: the published ones and generated editions around them."""
    rows = []
    for city, year in index_editions():
        for indicator, score, source in _edition_scores(city, year):
            rows.append(
                {
                    "city": city[0],
                    "country": city[1],
                    "year": year,
                    "indicator": indicator,
                    "score": score,
                    "source": source,
                }
            )
    return rows


def _curve(rng: random.Random, start: int, end: int, steps: int, growth: float) -> list[int]:
    """`steps` rising totals after `start`, the last exactly `end` (smooth, never falling)."""
    weights = [growth**i * rng.uniform(0.85, 1.15) for i in range(steps)]
    total = sum(weights)
    values, cumulative = [], 0.0
    for w in weights:
        cumulative += w
        values.append(start + _round((end - start) * cumulative / total))
    values[-1] = end
    return values


def _growth_to_reach(total: float, steps: int, last: float) -> float:
    """Monthly growth factor of increments summing to `total` whose last one is `last`."""
    low, high = 1.0, 1.2
    for _ in range(60):
        g = (low + high) / 2
        weights = [g**i for i in range(steps)]
        if total * weights[-1] / sum(weights) < last:
            low = g
        else:
            high = g
    return round(low, 6)


def build_followers() -> list[Row]:
    """Monthly totals 2012-01..2017-12 on the 15th through the published December totals."""
    rows = []
    months = [(y, m) for y in range(FOLLOWERS_FIRST_YEAR, 2018) for m in range(1, 13)]
    for platform, (total_2017, gain) in FOLLOWERS_2017.items():
        rng = _rng("followers", platform)
        total_2016 = total_2017 - gain
        start = FOLLOWERS_START[platform]
        n_before = len(months) - 12  # months from 2012-01 to 2016-12
        # Growth speeds up slowly to the 2017 pace, so the two pieces meet without a kink.
        growth = _growth_to_reach(total_2016 - start, n_before - 1, gain / 12)
        before = [start, *_curve(rng, start, total_2016, n_before - 1, growth)]
        after = _curve(rng, total_2016, total_2017, 12, 1.0)
        for (y, m), value in zip(months, before + after, strict=True):
            if (y, m) == (2017, 12):
                source = FOLLOWERS_2017_SOURCE
            elif (y, m) == (2016, 12):
                source = FOLLOWERS_2016_SOURCE.format(total=total_2017, gain=gain)
            else:
                source = f"{ILLUSTRATIVE}; a smooth curve through the published totals"
            rows.append(
                {
                    "platform": platform,
                    "date": f"{y}-{m:02d}-15",
                    "followers": value,
                    "source": source,
                }
            )
    return rows


# Generated yearly activities: (kind, title, month, participants range or None, count range).
_YEARLY: tuple[tuple[str, str, int, tuple[int, int] | None, tuple[int, int] | None], ...] = (
    ("coordinators_meeting", "Annual meeting of the ICC coordinators", 11, (50, 120), None),
    ("seminar", "Thematic seminar", 6, (60, 150), None),
    ("study_visit", "Study visit", 10, (20, 45), None),
    ("training", "Anti-rumour training", 4, (20, 45), None),
    ("newsletter", "ICC newsletter issues", 0, None, (4, 6)),
    ("news", "News items on the ICC website", 0, None, (20, 80)),
    ("campaign", "Joint campaigns", 0, None, (2, 5)),
    ("publication", "Policy briefs", 0, None, (1, 3)),
    ("webinar", "Webinars", 0, None, (6, 15)),
    ("expert_visit", "Expert visits", 0, None, (3, 8)),
)
GENERATED_ACTIVITY_YEARS = (2012, 2013, 2014, 2015, 2016, 2018, 2019, 2020, 2021, 2022)


def build_activities() -> list[Row]:
    """The published activities plus generated yearly ones (2012-2016, 2018-2022)."""
    rows: list[Row] = [dict(a) for a in PUBLISHED_ACTIVITIES]
    published = {(str(a["date"])[:4], a["kind"]) for a in PUBLISHED_ACTIVITIES}
    members = sorted(international_members())
    for year in GENERATED_ACTIVITY_YEARS:
        for kind, title, month, people, count in _YEARLY:
            if (str(year), kind) in published:
                continue  # never add a generated figure beside a published one
            if kind == "webinar" and year < 2020:
                continue  # webinars start with the pandemic
            if year in (2020, 2021) and kind in ("study_visit", "seminar", "training"):
                continue  # no travel in the pandemic years
            rng = _rng("activity", year, kind)
            row: Row = {"date": str(year), "kind": kind, "title": title, "source": ILLUSTRATIVE}
            if count is not None:
                row["count"] = rng.randint(*count)
                if kind == "news":
                    row["count"] = rng.randint(*count) + 4 * (year - 2012)
            else:
                city = rng.choice([c for c in members if _joined(c)[0] <= year])
                participants = rng.randint(*people)
                women = _round(participants * rng.uniform(0.5, 0.62))
                row.update(
                    date=f"{year}-{month:02d}",
                    title=f"{title} ({city[0]})",
                    city=city[0],
                    country=city[1],
                    participants=participants,
                    women=women,
                    men=participants - women - rng.randint(0, 3),
                    nationalities=rng.randint(5, 30),
                )
            rows.append(row)
    return sorted(rows, key=lambda r: (str(r["date"]), str(r["kind"]), str(r["title"])))


def build_metrics() -> list[Row]:
    """Network-level totals as published."""
    rows = [{"year": y, "metric": m, "value": v, "source": s} for y, m, v, s in METRICS]
    return sorted(rows, key=lambda r: (r["year"], r["metric"]))


BUILDERS = {
    "cities": build_cities,
    "networks": build_networks,
    "network-members": build_network_members,
    "index": build_index,
    "followers": build_followers,
    "activities": build_activities,
    "metrics": build_metrics,
}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    return str(value)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """Write rows as UTF-8 CSV with `\\n` line ends (the same bytes on every platform)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])


def summary(tables: dict[str, list[Row]]) -> dict[str, int]:
    """Counts worth printing: cities, members, Index coverage, published vs illustrative."""
    cities = tables["cities"]
    index = tables["index"]
    editions = Counter(
        (r["city"], r["country"])
        for r in index
        if r["indicator"] == "overall"  # one overall row per edition
    )
    counts = {
        "cities": len(cities),
        "international members": sum(1 for r in cities if r["joined"] is not None),
        "joined published": sum(1 for r in cities if (r["city"], r["country"]) in PUBLISHED_JOINED),
        "cities with Index": len(editions),
        "cities in 2+ editions": sum(1 for n in editions.values() if n >= 2),
        "Index editions": sum(editions.values()),
        "median Index overall": int(
            statistics.median(r["score"] for r in index if r["indicator"] == "overall")
        ),
    }
    for kind, rows in tables.items():
        marked = sum(1 for r in rows if vocab.is_illustrative(r.get("source")))
        counts[f"{kind}: published rows"] = len(rows) - marked
        counts[f"{kind}: rows with illustrative values"] = marked
    return counts


def main(out_dir: Path | None = None) -> dict[str, int]:
    """Write the sample CSVs into `out_dir` (default: beside this module); return counts."""
    out = Path(out_dir) if out_dir is not None else SAMPLE_DIR
    out.mkdir(parents=True, exist_ok=True)
    tables = {kind: build() for kind, build in BUILDERS.items()}
    for kind, rows in tables.items():
        write_csv(out / f"{kind}.csv", COLUMNS[kind], rows)
    counts = summary(tables)
    for name, value in counts.items():
        print(f"{name}: {value}")
    return counts


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
