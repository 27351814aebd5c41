"""A page's callback from its view's declarations: inputs by URL key, outputs by name.

`inputs(view)` gives the page's controls (shared filters and page parameters, keyed by URL
parameter); `outputs(view)` the outputs grouped by name (each card's figure, source line and
mark under the card's id); `render(view, values)` runs the view and returns its results in
that shape. Callbacks stay wiring: they never compute what a page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any

from dash import Input, Output

from dashboard import cards, ids, views


def inputs(view: ModuleType) -> dict[str, Input]:
    """The view's inputs keyed by URL parameter (its own `INPUTS` when it declares them)."""
    own = getattr(view, "INPUTS", None)
    if own:
        return {name: Input(cid, prop) for name, (cid, prop) in own.items()}
    return {
        **{key: Input(ids.filter_id(key), "value") for key in view.FILTERS},
        **{key: Input(ids.param_id(key), "value") for key in view.PARAMS},
    }


def outputs(view: ModuleType) -> dict[str, Any]:
    """The view's outputs grouped by name: its `OUTPUTS`, then one group per card."""
    return {
        **{name: Output(cid, prop) for name, (cid, prop) in view.OUTPUTS.items()},
        **cards.outputs(*view.CARDS),
    }


def render(view: ModuleType, values: Mapping[str, object]) -> dict[str, Any]:
    """The view's results for the control values, shaped as `outputs(view)`."""
    result = cards.render(views.run(view.PAGE, values))
    return {name: result[name] for name in outputs(view)}
