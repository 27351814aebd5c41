"""What each page shows, as pure functions of prepared frames and the parsed URL state.

One module per page declares its cards (`CARDS`), its other outputs (`OUTPUTS`: name ->
component id and property), the URL keys it reads (`FILTERS`, `PARAMS`), the frames it needs
(`FRAMES`), `prepare(frames)` (request-independent work, once per data version) and
`view(prepared, state)` (one result per output name; a `cards.ChartResult` per card). The
page's callback, its CSV/XLSX downloads, the presentation view and the deck all call these,
so a page and its slide cannot disagree.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

import pandas as pd

from dashboard import cards, data, i18n
from dashboard.urlstate import state_from_values
from dashboard.views import compare, datasets, index, map, networks, outreach, overview, trends
from data_loaders import queries

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
        self._prepared: dict[str, dict] = {}
        self._shared: dict[str, Any] = {}
        self._lock = threading.RLock()

    def __getitem__(self, name: str) -> pd.DataFrame:
        with self._lock:
            if name not in self._frames and self._load is not None:
                self._frames[name] = self._load(name)
            return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames if self._load is None else queries.COLUMNS)

    def __len__(self) -> int:
        return len(list(iter(self)))

    def shared(self, key: str, compute: Callable[[Frames], Any]) -> Any:
        """`compute(self)` once for these frames, whatever the language: data several views
        need (the Index results one row per city and year), prepared once, not per view.
        Callers must not mutate it."""
        with self._lock:
            if key not in self._shared:
                self._shared[key] = compute(self)
            return self._shared[key]

    def prepared(self, module: ModuleType) -> dict:
        """`module.prepare(frames)`, computed once for these frames and each language (the
        labels it bakes in, such as hover texts, are in the language of the request)."""
        key = f"{module.PAGE}:{i18n.current()}"
        with self._lock:
            if key not in self._prepared:
                self._prepared[key] = module.prepare(self)
            return self._prepared[key]


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
