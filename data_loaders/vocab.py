"""Fixed vocabularies of the data contract: Index indicators, activity kinds, days, names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def norm_key(text: object) -> str:
    """A name folded for matching: no case, accents, spaces, `-`, `_` or punctuation."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


@dataclass(frozen=True)
class Indicator:
    """One area of the ICC Index (or the overall index)."""

    slug: str
    name: str
    older_names: tuple[str, ...] = ()
    since: int | None = None  # first edition year the area exists in (None: all editions)
    optional: bool = False


# One canonical slug per area (data-spec.md, "ICC Index indicators"), in display order.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("commitment", "Commitment", ("Intercultural commitment",)),
    Indicator("education", "Education", ("Education system",)),
    Indicator("neighbourhoods", "Neighbourhoods"),
    Indicator("public_services", "Public services"),
    Indicator("business", "Business and labour market"),
    Indicator("cultural_life", "Cultural and social life", ("Cultural and civil life policies",)),
    Indicator("public_space", "Public space", ("Public spaces",)),
    Indicator("mediation", "Mediation and conflict resolution"),
    Indicator("language", "Language"),
    Indicator("media", "Media and communication", ("Media",)),
    Indicator("international", "International outlook"),
    Indicator(
        "intelligence",
        "Intercultural intelligence and competence",
        ("Intelligence/competence",),
    ),
    Indicator("welcoming", "Welcoming newcomers", ("Welcoming of new arrivals",)),
    Indicator("leadership", "Leadership and citizenship", ("Governance",)),
    Indicator("anti_discrimination", "Anti-discrimination", since=2019),
    Indicator("participation", "Participation (optional area)", since=2019, optional=True),
    Indicator("interaction", "Interaction (optional area)", since=2019, optional=True),
    Indicator("overall", "Overall ICC Index", ("Aggregate index",)),
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


def indicator_name(slug: str) -> str:
    """Display name of an indicator slug (the slug itself when unknown)."""
    ind = INDICATOR_BY_SLUG.get(slug)
    return ind.name if ind else slug


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
