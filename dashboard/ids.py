"""Every component ID of the shell and the shared controls, in one place.

Pages keep their own IDs as constants at the top of their module, prefixed with the page
name (`compare-city`); child IDs are derived from a parent's ID with `child()`.
"""

from __future__ import annotations

# Shell
NAVBAR = "shell-navbar"
NAV_LINK = "shell-nav-link"  # pattern: {"role": NAV_LINK, "page": <path>}
URL_SYNC = "shell-url-sync"  # dummy output of the clientside URL writer
REDIRECT = "shell-redirect"  # dcc.Location used to open another page from a callback
PRESENT_TOGGLE = "shell-present-toggle"
DB_NOTICE = "shell-db-notice"  # shown while the database cannot be reached (dashboard/server)

# Shared filters and page parameters that live in the URL query string. Their component
# IDs are dicts so that one clientside callback can write all of them to the URL.
FILTER = "filter"  # {"role": FILTER, "key": <query parameter>}
PARAM = "param"  # {"role": PARAM, "key": <query parameter>} (page-specific, also in URL)

# Chart cards: the graph, its source line, its mark and its download buttons.
CHART = "chart"  # {"role": CHART, "chart": <chart id>}
CHART_SOURCE = "chart-source"
CHART_BADGE = "chart-badge"
CHART_CAPTION = "chart-caption"  # the caption in words under the chart
CHART_DOWNLOAD = "chart-download"
CHART_DL_CSV = "chart-dl-csv"
CHART_DL_XLSX = "chart-dl-xlsx"


def filter_id(key: object) -> dict[str, object]:
    """ID of the shared filter control for query parameter `key`."""
    return {"role": FILTER, "key": key}


def param_id(key: object) -> dict[str, object]:
    """ID of a page control whose value lives in the URL as `key`."""
    return {"role": PARAM, "key": key}


def chart_part(role: str, chart: object) -> dict[str, object]:
    """ID of one part (graph, source line, data store, ...) of the chart card `chart`."""
    return {"role": role, "chart": chart}


def child(parent: str, name: str) -> str:
    """A child ID derived from its parent's (never retyped)."""
    return f"{parent}-{name}"
