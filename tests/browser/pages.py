"""What every browser test does first: start the app and open one of its pages."""

from __future__ import annotations


def open_page(dash_duo, dash_app, path: str):
    """Start the app under dash_duo, open `path` and return the driver."""
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + path)
    return driver
