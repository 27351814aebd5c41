"""Data page in headless Chromium: datasets, imports, coverage, and a dataset download."""

from __future__ import annotations

import csv
import io
import os
import time

from selenium.webdriver.common.by import By

from tests.browser.pages import open_page


def test_data_page_shows_datasets_imports_and_coverage(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/data")
    dash_duo.wait_for_contains_text("#data-summary", "network-members", 20)
    summary = driver.find_element(By.ID, "data-summary-rows").text
    assert "index" in summary and "%" in summary
    # A share reads 100% only when every row is illustrative (the index has published rows).
    index_row = next(line for line in summary.splitlines() if line.startswith("index"))
    assert "%" in index_row and "(100%)" not in index_row
    dash_duo.wait_for_contains_text("#data-imports", "sample/cities.csv", 20)
    dash_duo.wait_for_element("#card-data-coverage .main-svg", timeout=20)
    dash_duo.wait_for_element("#card-data-illustrative .main-svg", timeout=20)
    assert driver.find_element(By.CSS_SELECTOR, "#card-data-coverage .illustrative-badge")
    assert dash_duo.get_logs() == []


def test_a_dataset_downloads_as_csv(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/data")
    dash_duo.wait_for_contains_text("#data-summary", "metrics", 20)
    button = driver.find_element(
        By.XPATH, """//*[@id='{"fmt":"csv","kind":"metrics","role":"data-download-button"}']"""
    )
    # A script click: the loading overlays of the charts above may still cover the button.
    driver.execute_script("arguments[0].click();", button)
    folder = dash_duo.download_path
    deadline = time.time() + 15
    files: list[str] = []
    while time.time() < deadline and not files:
        files = [f for f in os.listdir(folder) if f.endswith(".csv")]
        time.sleep(0.3)
    assert files and files[0].startswith("icc-metrics-")
    with open(os.path.join(folder, files[0]), encoding="utf-8-sig") as handle:
        text = handle.read()
    # The header line is one cell, quoted where it holds a comma.
    first = next(csv.reader(io.StringIO(text)))
    assert len(first) == 1 and first[0].startswith("# ICC Network Dashboard: dataset metrics")
    assert "members_total" in text
    assert dash_duo.get_logs() == []
