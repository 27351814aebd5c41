"""Calling the pages' views as the callbacks and the download buttons do (tests only)."""

from __future__ import annotations

from dashboard import views


def download(card_id: str, **values: object) -> dict:
    """What the card's CSV/XLSX button would export for the control values."""
    card, result = views.chart(card_id, values)
    return result.download(card)
