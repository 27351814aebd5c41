"""What each page shows, as pure functions of prepared frames and the parsed URL state.

One module per page declares its cards (`CARDS`), its other outputs (`OUTPUTS`: name ->
component id and property), the URL keys it reads (`FILTERS`, `PARAMS`), the frames it needs
(`FRAMES`), `prepare(frames)` (request-independent work, once per data version) and
`view(prepared, state)` (one result per output name; a `cards.ChartResult` per card). The
page's callback, its CSV/XLSX downloads, the presentation view and the deck all call these,
so a page and its slide cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

import pandas as pd

from dashboard import cards, data, i18n
from dashboard.urlstate import state_from_values
from dashboard.views import compare, datasets, index, map, networks, outreach, overview, trends
from data_loaders import queries
from data_loaders.once import Once

PAGES: dict[str, ModuleType] = {
    m.PAGE: m for m in (overview, map, trends, compare, index, networks, outreach, datasets)
}
CARDS: dict[str, cards.Card] = {c.id: c for m in PAGES.values() for c in m.CARDS}


class Frames(Mapping[str, pd.DataFrame]):
    """The data layer's frames (read on first use) with each view's prepared data, computed
    once: page, slides and deck share one `Frames` per data version."""

    def __init__(
        self,
        frames: Mapping[str, pd.DataFrame] | None = None,
        load: Callable[[str], pd.DataFrame] | None = None,
    ) -> None:
        self._frames = dict(frames or {})
        self._load = load
        # Each value computed once under its own key's lock (no lock held across keys:
        # data_loaders/once.py says why).
        self._loaded = Once(self._frames)
        self._prepared = Once()
        self._shared = Once()

    def __getitem__(self, name: str) -> pd.DataFrame:
        if self._load is None:
            return self._frames[name]
        load = self._load
        return self._loaded.get(name, lambda: load(name))

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames if self._load is None else queries.COLUMNS)

    def __len__(self) -> int:
        return len(list(iter(self)))

    def shared(self, key: str, compute: Callable[[Frames], Any]) -> Any:
        """`compute(self)` once for these frames, whatever the language: data several views
        need (the Index results one row per city and year), prepared once, not per view.
        Callers must not mutate it."""
        return self._shared.get(key, lambda: compute(self))

    def prepared(self, module: ModuleType) -> dict:
        """`module.prepare(frames)`, computed once for these frames and each language (the
        labels it bakes in, such as hover texts, are in the language of the request)."""
        key = f"{module.PAGE}:{i18n.current()}"
        return self._prepared.get(key, lambda: module.prepare(self))


def frames_of(frames: Mapping[str, pd.DataFrame] | None = None) -> Frames:
    """`frames` as a `Frames` (kept when it is one); the process's data when None, with
    prepared data shared by every request of the same data version."""
    if isinstance(frames, Frames):
        return frames
    if frames is None:
        manager = data.dm()
        return manager.cached("view-frames", lambda: Frames(load=manager.load))
    return Frames(frames)


def run(
    page: str, values: Mapping[str, object], frames: Mapping[str, pd.DataFrame] | None = None
) -> dict[str, Any]:
    """The view of `page` for control values keyed by URL parameter."""
    module = PAGES[page]
    source = frames_of(frames)
    return module.view(source.prepared(module), state_from_values(values, data.choices()))


def chart(card_id: str, values: Mapping[str, object]) -> tuple[cards.Card, cards.ChartResult]:
    """One card's declaration and result for the control values (the download's rows)."""
    card = CARDS[card_id]
    return card, run(card.page, values)[card.id]
