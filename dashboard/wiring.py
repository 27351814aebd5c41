"""A page's callback from its view's declarations: inputs by URL key, outputs by name.

`inputs(view)` gives the page's controls (shared filters, page parameters and the language,
keyed by URL parameter); `outputs(view)` the outputs grouped by name (each card's figure,
source line, caption and mark under the card's id); `render(view, values)` runs the view and
returns its results in that shape. Callbacks stay wiring: they never compute what a page shows.
`render` keeps its last answers per data version (`AnswerMemo`): the same controls and
language within one data version give the same answer, so it is computed once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from types import ModuleType
from typing import Any

from dash import Input, Output

from dashboard import cards, data, i18n, ids, views
from dashboard.langswitch import LANG


def inputs(view: ModuleType) -> dict[str, Input]:
    """The view's inputs keyed by URL parameter (its own `INPUTS` when it declares them)."""
    language = {"lang": Input(LANG, "value")}  # every page: the language of its text
    own = getattr(view, "INPUTS", None)
    if own:
        return {**{name: Input(cid, prop) for name, (cid, prop) in own.items()}, **language}
    return {
        **{key: Input(ids.filter_id(key), "value") for key in view.FILTERS},
        **{key: Input(ids.param_id(key), "value") for key in view.PARAMS},
        **language,
    }


def outputs(view: ModuleType) -> dict[str, Any]:
    """The view's outputs grouped by name: its `OUTPUTS`, then one group per card."""
    return {
        **{name: Output(cid, prop) for name, (cid, prop) in view.OUTPUTS.items()},
        **cards.outputs(*view.CARDS),
    }


MEMO_SIZE = 24  # answers kept per process (each up to a few hundred KB at 100x)


class AnswerMemo:
    """The last `size` answers of one data version, by key (least recently used dropped
    first); a new data version empties it. Answers are shared: callers must not mutate them."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._version: object = None
        self._lock = threading.Lock()

    def get(self, key: Hashable | None, version: object, compute: Callable[[], Any]) -> Any:
        """The answer under `key` for data `version`, computed (and kept) when missing. A key
        of None (controls that cannot be a key) is always computed, never kept."""
        if key is None:
            return compute()
        with self._lock:
            if version != self._version:
                self._answers.clear()
                self._version = version
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = compute()
        with self._lock:
            if version == self._version:  # not kept if the data moved on meanwhile
                self._answers[key] = answer
                self._answers.move_to_end(key)
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return answer

    def __len__(self) -> int:
        return len(self._answers)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()


def _frozen(value: object) -> Hashable:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        items = [_frozen(v) for v in value]
        return tuple(sorted(items, key=repr) if isinstance(value, set | frozenset) else items)
    hash(value)  # TypeError for anything else that cannot be a key
    return value


def memo_key(*parts: object) -> Hashable | None:
    """A memo key of `parts` (lists and mappings frozen); None when one cannot be a key."""
    try:
        return _frozen(list(parts))
    except TypeError:
        return None


_memo = AnswerMemo()


def render(view: ModuleType, values: Mapping[str, object]) -> dict[str, Any]:
    """The view's results for the control values, shaped as `outputs(view)`, in the
    language of the page (`lang`); the same controls within one data version answer from
    the memo."""
    lang = i18n.parse_language(values.get("lang"))
    key = memo_key(view.PAGE, lang, dict(values))
    return _memo.get(key, data.dm().version(), lambda: _render(view, values))


def _render(view: ModuleType, values: Mapping[str, object]) -> dict[str, Any]:
    with i18n.language(values.get("lang")):
        result = cards.render(views.run(view.PAGE, values))
    return {name: result[name] for name in outputs(view)}
