"""Fixed vocabularies of the data contract: Index indicators, activity kinds, days, names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Latin letters that Unicode does not decompose into a base letter and an accent.
_LATIN_EXTRA = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)


def norm_key(text: object) -> str:
    """A name folded for matching: no case, accents, spaces, `-`, `_` or punctuation.

    Letters and digits of every script are kept (Київ and Одеса stay apart; Lisboa and
    LISBOA are one).
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().translate(_LATIN_EXTRA))
    return "".join(ch for ch in decomposed if unicodedata.category(ch)[0] in "LN" and ch.isalnum())


@dataclass(frozen=True)
class Indicator:
    """One area of the ICC Index (or the overall index), named in English and French.

    `name`/`name_fr` are the full names (tables, hovers, sentences), `short`/`short_fr` the
    names for chart axes. The French names and where each comes from: docs/notes/french2.md.
    """

    slug: str
    name: str
    name_fr: str
    short: str
    short_fr: str
    older_names: tuple[str, ...] = ()
    since: int | None = None  # first edition year the area exists in (None: all editions)
    optional: bool = False


# One canonical slug per area (data-spec.md, "ICC Index indicators"), in display order.
INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "commitment",
        "Commitment",
        "Engagement",
        "Commitment",
        "Engagement",
        ("Intercultural commitment",),
    ),
    Indicator(
        "education", "Education", "Éducation", "Education", "Éducation", ("Education system",)
    ),
    Indicator("neighbourhoods", "Neighbourhoods", "Quartiers", "Neighbourhoods", "Quartiers"),
    Indicator(
        "public_services",
        "Public services",
        "Services publics",
        "Public services",
        "Services publics",
    ),
    Indicator(
        "business",
        "Business and labour market",
        "Entreprises et marché du travail",
        "Business",
        "Entreprises",
    ),
    Indicator(
        "cultural_life",
        "Cultural and social life",
        "Vie culturelle et sociale",
        "Cultural life",
        "Vie culturelle",
        ("Cultural and civil life policies",),
    ),
    Indicator(
        "public_space",
        "Public space",
        "Espace public",
        "Public space",
        "Espace public",
        ("Public spaces",),
    ),
    Indicator(
        "mediation",
        "Mediation and conflict resolution",
        "Médiation et résolution des conflits",
        "Mediation",
        "Médiation",
    ),
    Indicator("language", "Language", "Langue", "Language", "Langue"),
    Indicator(
        "media",
        "Media and communication",
        "Médias et communication",
        "Media",
        "Médias",
        ("Media",),
    ),
    Indicator(
        "international",
        "International outlook",
        "Ouverture internationale",
        "International",
        # Short: "Ouverture internationale" ran past a phone's edge on the radar.
        "International",
    ),
    Indicator(
        "intelligence",
        "Intercultural intelligence and competence",
        "Intelligence et compétence interculturelles",
        "Competence",
        "Compétence",
        ("Intelligence/competence",),
    ),
    Indicator(
        "welcoming",
        "Welcoming newcomers",
        "Accueil des nouveaux arrivants",
        "Welcoming",
        "Accueil",
        ("Welcoming of new arrivals",),
    ),
    Indicator(
        "leadership",
        "Leadership and citizenship",
        "Leadership et citoyenneté",
        "Leadership",
        "Leadership",
        ("Governance",),
    ),
    Indicator(
        "anti_discrimination",
        "Anti-discrimination",
        "Lutte contre les discriminations",
        "Anti-discrimination",
        "Anti-discrimination",
        since=2019,
    ),
    Indicator(
        "participation",
        "Participation (optional area)",
        "Participation (domaine facultatif)",
        "Participation*",
        "Participation*",
        since=2019,
        optional=True,
    ),
    Indicator(
        "interaction",
        "Interaction (optional area)",
        "Interaction (domaine facultatif)",
        "Interaction*",
        "Interaction*",
        since=2019,
        optional=True,
    ),
    Indicator(
        "overall",
        "Overall ICC Index",
        "Index ICC global",
        "Overall",
        "Global",
        ("Aggregate index",),
    ),
)
INDICATOR_BY_SLUG: dict[str, Indicator] = {i.slug: i for i in INDICATORS}
AREA_SLUGS: tuple[str, ...] = tuple(i.slug for i in INDICATORS if i.slug != "overall")
# The 14 areas of the first questionnaire (editions up to 2018).
AREAS_2009: tuple[str, ...] = tuple(i.slug for i in INDICATORS if i.since is None)[:-1]
# "The city through an intercultural lens": the composite of these six areas.
LENS_AREAS: tuple[str, ...] = (
    "education",
    "neighbourhoods",
    "public_services",
    "business",
    "cultural_life",
    "public_space",
)
REVISED_EDITION_YEAR = 2019

_INDICATOR_LOOKUP: dict[str, str] = {}
for _ind in INDICATORS:
    for _name in (_ind.slug, _ind.name, *_ind.older_names):
        _INDICATOR_LOOKUP[norm_key(_name)] = _ind.slug
# The display names without their "(optional area)" suffix are accepted too.
_INDICATOR_LOOKUP[norm_key("Participation")] = "participation"
_INDICATOR_LOOKUP[norm_key("Interaction")] = "interaction"


def indicator_slug(name: object) -> str | None:
    """The canonical slug for a slug, display name or older name; None when unknown."""
    return _INDICATOR_LOOKUP.get(norm_key(name))


def indicator_name(slug: str, lang: str = "en") -> str:
    """Display name of an indicator slug in `lang` ("en" or "fr"; the slug itself when
    unknown)."""
    ind = INDICATOR_BY_SLUG.get(slug)
    if ind is None:
        return slug
    return ind.name_fr if lang == "fr" else ind.name


def indicator_short(slug: str, lang: str = "en") -> str:
    """Short name of an indicator slug for chart axes, in `lang` (the slug when unknown)."""
    ind = INDICATOR_BY_SLUG.get(slug)
    if ind is None:
        return slug
    return ind.short_fr if lang == "fr" else ind.short


ACTIVITY_KINDS: tuple[str, ...] = (
    "conference",
    "seminar",
    "study_visit",
    "policy_lab",
    "training",
    "expert_visit",
    "coordinators_meeting",
    "webinar",
    "campaign",
    "newsletter",
    "news",
    "publication",
)
# Kinds that count as events (with participants) rather than publications.
EVENT_KINDS: tuple[str, ...] = (
    "conference",
    "seminar",
    "study_visit",
    "policy_lab",
    "training",
    "expert_visit",
    "coordinators_meeting",
    "webinar",
)
_KIND_LOOKUP = {norm_key(k): k for k in ACTIVITY_KINDS}


def activity_kind(name: object) -> str | None:
    """The canonical activity kind, or None when unknown."""
    return _KIND_LOOKUP.get(norm_key(name))


NETWORK_STATUSES: tuple[str, ...] = ("active", "forming")
NETWORK_SCOPES: tuple[str, ...] = ("national", "regional")

# Canonical platform names; keys are folded spellings seen in files and exports.
PLATFORMS: dict[str, str] = {
    "x": "X (Twitter)",
    "twitter": "X (Twitter)",
    "xtwitter": "X (Twitter)",
    "facebook": "Facebook",
    "fb": "Facebook",
    "instagram": "Instagram",
    "ig": "Instagram",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
}


def platform_name(name: object) -> str:
    """Canonical platform name ("twitter" -> "X (Twitter)"); unknown names kept, trimmed."""
    return PLATFORMS.get(norm_key(name), str(name).strip())


# International days the ICC marks with joint campaigns (annual report 2017): (month, day).
INTERNATIONAL_DAYS: tuple[tuple[int, int, str], ...] = (
    (3, 21, "International Day for the Elimination of Racial Discrimination"),
    (5, 17, "International Day against Homophobia, Transphobia and Biphobia"),
    (5, 21, "World Day for Cultural Diversity"),
    (6, 20, "World Refugee Day"),
    (12, 18, "International Migrants Day"),
)

# Peer-group thresholds used by the ICC's own reports.
POPULATION_THRESHOLD = 200_000
FOREIGN_BORN_THRESHOLD = 15.0

ILLUSTRATIVE_WORD = "illustrative"


def is_illustrative(source: object) -> bool:
    """True when a row's source marks it as illustrative (not a published figure)."""
    return isinstance(source, str) and ILLUSTRATIVE_WORD in source.lower()


# ---- per-value provenance (provenance-contract.md) ----

# Statuses of a value, strongest first: a computed value takes the weakest of its inputs.
STATUSES: tuple[str, ...] = ("published", "derived", "estimated", "illustrative")
_STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}

# Qualifiers of a published figure ("" = exact), as written in the files.
QUALIFIERS: tuple[str, ...] = (
    "more than",
    "at least",
    "about",
    "over",
    "some",
    "fewer than",
    "up to",
)
# Other ways a file writes a qualifier before the number, folded to one of QUALIFIERS.
_QUALIFIER_WORDS: dict[str, str] = {
    **{q: q for q in QUALIFIERS},
    "approximately": "about",
    "approx.": "about",
    "approx": "about",
    "around": "about",
    "c.": "about",
    "ca.": "about",
    "~": "about",
    ">": "more than",
    ">=": "at least",
    "≥": "at least",
    "<": "fewer than",
    "less than": "fewer than",
    "<=": "up to",
    "≤": "up to",
}


def status_of_source(source: object) -> str:
    """The status a row's values have without a status of their own: from its source text."""
    return "illustrative" if is_illustrative(source) else "published"


def weakest_status(statuses: object) -> str:
    """The weakest of some statuses (illustrative > estimated > derived > published).

    A value computed from published values is `derived`, never `published`.
    """
    ranks = [_STATUS_RANK[s] for s in statuses if s in _STATUS_RANK]  # type: ignore[union-attr]
    worst = max(ranks, default=0)
    return STATUSES[max(worst, _STATUS_RANK["derived"])]


def split_qualified(text: str) -> tuple[str, str]:
    """A cell such as "more than 60", "60+", "about 100" as (number text, qualifier).

    The qualifier is "" when the cell is a plain number; the number text is left for the
    caller's number parser. ValueError when a word before the number is no qualifier.
    """
    stripped = text.strip()
    if stripped.endswith("+") and not stripped.startswith(("+", "-")):
        return stripped[:-1].strip(), "at least"
    match = re.match(r"^([^\d+\-.,]*?)\s*([+\-]?[\d.,\s\u00a0\u202f']+%?)$", stripped)
    if match is None:
        return stripped, ""
    word, number = match[1].strip().lower(), match[2].strip()
    if not word:
        return number, ""
    qualifier = _QUALIFIER_WORDS.get(" ".join(word.split()))
    if qualifier is None:
        raise ValueError(
            f"{text!r} is not a number nor a qualified figure "
            f"(e.g. 'more than 60', '60+', 'about 100')"
        )
    return number, qualifier


def format_qualified(value: object, qualifier: object = "") -> str:
    """A figure as shown on screen and in downloads: "more than 60", "about 100", "60+".

    The number is never changed; an exact figure (no qualifier) is the number alone, with
    thousands separators.
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    shown = f"{value:,}" if isinstance(value, int | float) else str(value)
    qualifier = "" if qualifier is None or qualifier != qualifier else str(qualifier).strip()
    if not qualifier:
        return shown
    if qualifier == "at least":
        return f"{shown}+"
    return f"{qualifier} {shown}"
