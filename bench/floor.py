"""The floor: the lightest Dash app worth comparing with (one page, one 150-bar go.Bar).

Served like the dashboard (`serve_locally`, same Dash), so its page ready time, bytes,
start time, memory and load figures are what Dash itself costs on this machine; the no-op
callback is what a callback round trip costs before any work. `python -m bench.floor
--port P` serves it; `gunicorn bench.floor:server` too.
"""

from __future__ import annotations

import argparse

import dash
import numpy as np
import plotly.graph_objects as go
from dash import Input, Output, dcc, html

NOOP_INPUT = "floor-noop-in"
NOOP_OUTPUT = "floor-noop-out"
BARS = 150


def figure() -> go.Figure:
    """150 bars of fixed heights."""
    rng = np.random.default_rng(0)
    return go.Figure(go.Bar(x=[f"c{i:03d}" for i in range(BARS)], y=rng.integers(1, 100, BARS)))


def create_app() -> dash.Dash:
    """The floor app."""
    app = dash.Dash(__name__, serve_locally=True, title="floor", update_title=None)
    app.layout = html.Div(
        [
            dcc.Graph(id="floor-graph", figure=figure()),
            dcc.Input(id=NOOP_INPUT, value="x"),
            html.Div(id=NOOP_OUTPUT),
        ]
    )

    @app.callback(Output(NOOP_OUTPUT, "children"), Input(NOOP_INPUT, "value"))
    def noop(value):
        return value

    return app


def noop_payload(value: str = "x") -> dict:
    """The body Dash's renderer posts to `_dash-update-component` for the no-op callback."""
    return {
        "output": f"{NOOP_OUTPUT}.children",
        "outputs": {"id": NOOP_OUTPUT, "property": "children"},
        "inputs": [{"id": NOOP_INPUT, "property": "value", "value": value}],
        "changedPropIds": [f"{NOOP_INPUT}.value"],
        "state": [],
    }


app = create_app()
server = app.server

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8060)
    app.run(host="127.0.0.1", port=parser.parse_args().port, debug=False)
