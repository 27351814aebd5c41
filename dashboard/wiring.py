"""A page's callback from its view's declarations: inputs by URL key, outputs by name.

`inputs(view)` gives the page's controls (shared filters, page parameters and the language,
keyed by URL parameter); `outputs(view)` the outputs grouped by name (each card's figure,
source line, caption and mark under the card's id); `render(view, values)` runs the view and
returns its results in that shape. Callbacks stay wiring: they never compute what a page shows.
`render` keeps its last answers per data version (`AnswerMemo`): the same controls and
language within one data version give the same answer, so it is computed once.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from types import ModuleType
from typing import Any

import flask
from dash import Input, Output
from dash._callback import NoUpdate
from dash.development.base_component import Component

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
        answer = self.peek(key, version)
        if answer is None:
            answer = compute()
            self.put(key, version, answer)
        return answer

    def peek(self, key: Hashable, version: object) -> Any:
        """The kept answer under `key` for data `version`, or None."""
        with self._lock:
            if version != self._version:
                self._answers.clear()
                self._version = version
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        return None

    def put(self, key: Hashable, version: object, answer: Any) -> None:
        """Keep `answer` (not if the data moved on since `version`)."""
        with self._lock:
            if self._version is None:  # nothing asked yet: this is the version
                self._version = version
            if version == self._version:
                self._answers[key] = answer
                self._answers.move_to_end(key)
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)

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
    version = data.dm().version()
    answer = _memo.get(key, version, lambda: _render(view, values))
    if flask.has_request_context():  # computed without error: the bytes may be kept
        flask.g.icc_view_version = version  # (the answer follows from body and version)
    return answer


def with_first_answer(view: ModuleType) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a page's layout: it comes with the page callback's first answer in place.

    The answer is `render(view, values)` for the values the layout gives its own controls,
    so it is the very answer the callback would give for them (and is kept in its memo).
    Opening a page then costs one round trip less, and each chart is drawn once, with its
    figure, instead of empty and then again. The page's callback is registered with
    `prevent_initial_call=True` (see `page_callback`): it runs when a control changes."""

    def decorate(layout: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(layout)
        def wrapper(**kwargs: object) -> Any:
            return prefilled(view, layout(**kwargs))

        return wrapper

    return decorate


def page_callback(view: ModuleType) -> dict[str, Any]:
    """The `callback(...)` arguments of a page whose layout comes `with_first_answer`."""
    return {"output": outputs(view), "inputs": inputs(view), "prevent_initial_call": True}


def _id_key(cid: object) -> str:
    return json.dumps(cid, sort_keys=True) if isinstance(cid, Mapping) else str(cid)


def components_of(tree: Any) -> Iterator[Component]:
    """Every component of `tree`, walking any property that holds components (not only
    `children`)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
            stack.extend(node)
        elif isinstance(node, Component):
            yield node
            for name in node._prop_names:
                value = getattr(node, name, None)
                if isinstance(value, Component | list | tuple):
                    stack.append(value)


def _by_id(tree: Any) -> dict[str, Component]:
    """Every component of `tree` that has an id, by id."""
    return {_id_key(c.id): c for c in components_of(tree) if getattr(c, "id", None) is not None}


def prefilled(view: ModuleType, tree: Any) -> Any:
    """`tree` (a page layout) with the outputs of `render(view, values)` set, `values`
    being what its controls hold. Every control must be in the tree."""
    components = _by_id(tree)
    values: dict[str, object] = {}
    for name, spec in inputs(view).items():
        control = components.get(_id_key(spec.component_id))
        if control is None:
            raise LookupError(
                f"{view.__name__}: the layout has no control {spec.component_id!r} ({name})"
            )
        values[name] = getattr(control, spec.component_property, None)
    answer = render(view, values)
    for name, spec in outputs(view).items():
        group = spec if isinstance(spec, Mapping) else {None: spec}
        for part, output in group.items():
            value = answer[name] if part is None else answer[name][part]
            target = components.get(_id_key(output.component_id))
            if target is None:
                raise LookupError(
                    f"{view.__name__}: the layout has no output {output.component_id!r}"
                )
            if not isinstance(value, NoUpdate):
                setattr(target, output.component_property, value)
    return tree


def _render(view: ModuleType, values: Mapping[str, object]) -> dict[str, Any]:
    with i18n.language(values.get("lang")):
        result = cards.render(views.run(view.PAGE, values))
    return {name: result[name] for name in outputs(view)}


# ---- the same answers as response bytes ----------------------------------------------
# A page callback's answer is a function of its request body (control values, language)
# and the data version. Dash still turns a memo answer into JSON on every call (3-14 ms
# for 50-100 KB of components and figures); the bytes are kept too, so a repeated request
# (the same page opened by many users, or again) is answered without Dash.
_bytes_memo = AnswerMemo(size=96)


def answer_may_be_kept() -> None:
    """This request's answer follows from its body and the data version (as recently
    checked): `serve_answers_once` may keep its bytes. Called after the answer was made."""
    if flask.has_request_context():
        version = data.dm().recent_version()
        if version is not None:
            flask.g.icc_view_version = version


def serve_answers_once(app: Any) -> None:
    """Answer a page callback's repeated request (same body, same data version) from the
    bytes of its first answer. Only answers of `render` are kept: other callbacks (the
    database notice, slides, downloads) may depend on more than their body.

    The app's layout holding the page the browser opened (dashboard/opening.py) is a
    function of that address and the data version too: kept the same way, by address
    (Dash turned it into JSON on every request: at 100x the load test's layout requests
    brought -w 4 from 1,328 to 369 requests/s)."""
    from dashboard import opening

    server = app.server
    path = f"{app.config.routes_pathname_prefix}_dash-update-component"
    layout_path = f"{app.config.routes_pathname_prefix}{opening.LAYOUT_ROUTE}"

    def request_key() -> str | None:
        if flask.request.method == "POST" and flask.request.path == path:
            return hashlib.sha256(flask.request.get_data(cache=True)).hexdigest()
        if flask.request.method == "GET" and flask.request.path == layout_path:
            address = opening.opened_address()
            return None if address is None else f"{opening.LAYOUT_ROUTE} {address[2]}"
        return None

    def lookup() -> flask.Response | None:
        key = request_key()
        if key is None:
            return None
        flask.g.icc_answer_key = key
        # The version as recently checked, without asking the database (which may be
        # away: the callback itself then reports it); none known: the callback runs.
        version = data.dm().recent_version()
        kept = None if version is None else _bytes_memo.peek(key, version)
        if kept is None:
            return None
        flask.g.icc_answer_key = None
        return flask.Response(kept, mimetype="application/json")

    def keep(response: flask.Response) -> flask.Response:
        key = flask.g.pop("icc_answer_key", None)
        version = flask.g.get("icc_view_version")
        if key and key.startswith(opening.LAYOUT_ROUTE) and not opening.laid_out_whole():
            key = None  # the router's fallback (the page failed): laid out again next time
        if (
            key
            and version is not None
            and response.status_code == 200
            and response.mimetype == "application/json"
            and not response.direct_passthrough
        ):
            _bytes_memo.put(key, version, response.get_data())
        return response

    server.before_request(lookup)
    server.after_request(keep)  # registered after flask-compress: sees the plain bytes


def clear_memos() -> None:
    """Forget every kept answer (tests that patch what views read)."""
    _memo.clear()
    _bytes_memo.clear()
