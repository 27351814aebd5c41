"""What every browser test does first: start the app and open one of its pages."""

from __future__ import annotations

from selenium.webdriver.common.by import By


def open_page(dash_duo, dash_app, path: str):
    """Start the app under dash_duo, open `path` and return the driver."""
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + path)
    return driver


def shown_mark(driver, cell) -> str:
    """The "illustrative" mark an element shows: drawn by the element itself (its `::after`,
    as a badge) or a badge element in it; "" when none."""
    drawn = driver.execute_script(
        "const after = getComputedStyle(arguments[0], '::after');"
        "return after.display === 'none' ? '' : after.content;",
        cell,
    )
    if drawn and drawn not in ("none", "normal", '""'):
        return drawn.strip('"')
    badges = cell.find_elements(By.CSS_SELECTOR, ".illustrative-badge")
    return badges[0].text if badges else ""
