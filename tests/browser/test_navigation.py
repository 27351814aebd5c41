"""Navigation users expect (issue 11 point 6): a filter change is a history entry and Back
redraws the page; the country list follows the continent; "Clear filters"; a map click
opens the city's comparison with the shared filters as they were."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.pages import open_page

KPI_TITLE = "#overview-kpi-title"
POINTS = ".geo .scattergeo path.point"


def filter_css(key: str) -> str:
    return f'[id*=\'"key":"{key}"\']'


def query(driver) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(driver.current_url).query).items()}


def wait_query(driver, predicate, timeout: float = 15) -> dict[str, str]:
    WebDriverWait(driver, timeout).until(lambda d: predicate(query(d)))
    return query(driver)


def test_a_filter_change_is_one_history_entry_and_back_and_forward_redraw(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/?year=2017")
    dash_duo.wait_for_contains_text(KPI_TITLE, "Key figures of 2017", timeout=20)
    entries = driver.execute_script("return history.length")
    dash_duo.select_dcc_dropdown(filter_css("year"), value="2015")
    dash_duo.wait_for_contains_text(KPI_TITLE, "Key figures of 2015", timeout=15)
    wait_query(driver, lambda q: q.get("year") == "2015")
    dash_duo.select_dcc_dropdown(filter_css("continent"), value="Oceania")
    wait_query(driver, lambda q: q.get("continent") == "Oceania")
    dash_duo.wait_for_contains_text(KPI_TITLE, "Oceania", timeout=15)
    assert driver.execute_script("return history.length") == entries + 2

    driver.back()  # undoes the continent only
    q = wait_query(driver, lambda q: "continent" not in q)
    assert q.get("year") == "2015"
    dash_duo.wait_for_contains_text(KPI_TITLE, "Key figures of 2015", timeout=15)
    WebDriverWait(driver, 15).until(
        lambda d: "Oceania" not in d.find_element(By.CSS_SELECTOR, KPI_TITLE).text
    )
    driver.back()  # then the year
    wait_query(driver, lambda q: q.get("year") == "2017")
    dash_duo.wait_for_contains_text(KPI_TITLE, "Key figures of 2017", timeout=15)
    year_box = driver.find_element(By.CSS_SELECTOR, filter_css("year"))
    WebDriverWait(driver, 10).until(lambda d: "2017" in year_box.text)
    driver.forward()
    wait_query(driver, lambda q: q.get("year") == "2015")
    dash_duo.wait_for_contains_text(KPI_TITLE, "Key figures of 2015", timeout=15)
    assert dash_duo.get_logs() == []


def test_the_country_list_follows_the_continent_and_an_outside_country_is_dropped(
    dash_duo, dash_app
):
    driver = open_page(dash_duo, dash_app, "/map?year=2017&country=PT")
    dash_duo.wait_for_element(POINTS, timeout=20)
    dash_duo.select_dcc_dropdown(filter_css("continent"), value="Oceania")
    dash_duo.wait_for_contains_text(
        "#filter-bar-notice", "Dropped the country filter: Portugal is not in Oceania", timeout=15
    )
    q = wait_query(driver, lambda q: "country" not in q)
    assert q["continent"] == "Oceania" and q["year"] == "2017"
    # The country list now offers the continent's countries only.
    driver.find_element(By.CSS_SELECTOR, filter_css("country")).click()
    options = WebDriverWait(driver, 10).until(
        lambda d: [o.text for o in d.find_elements(By.CSS_SELECTOR, "[role=option]")] or None
    )
    assert options == ["Australia"]
    # The same contradiction typed in an address is named in a notice.
    driver.get(dash_duo.server_url + "/map?continent=Oceania&country=PT")
    dash_duo.wait_for_contains_text(".url-notice", "Portugal is not in Oceania", timeout=20)
    wait_query(driver, lambda q: "country" not in q and q.get("continent") == "Oceania")
    assert dash_duo.get_logs() == []


def test_clear_filters_empties_the_shared_filters_and_back_restores_them(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/map?year=2017&continent=Europe&colour=network")
    dash_duo.wait_for_element(POINTS, timeout=20)
    wait_query(driver, lambda q: q.get("continent") == "Europe")
    dash_duo.find_element("#filter-bar-clear").click()
    q = wait_query(driver, lambda q: "continent" not in q and "year" not in q)
    assert q == {"colour": "network"}  # the map's own control is not a filter
    dash_duo.wait_for_contains_text("#map-summary", "in 2021", timeout=15)
    driver.back()
    wait_query(driver, lambda q: q.get("continent") == "Europe" and q.get("year") == "2017")
    dash_duo.wait_for_contains_text("#map-summary", "in 2017", timeout=15)
    assert dash_duo.get_logs() == []


def test_a_map_click_keeps_the_shared_filters_as_they_were(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/map?year=2017&continent=Europe&colour=overall")
    dash_duo.wait_for_element(POINTS, timeout=20)
    wait_query(driver, lambda q: q.get("colour") == "overall")
    point = driver.find_elements(By.CSS_SELECTOR, POINTS)[0]
    ActionChains(driver).move_to_element(point).pause(0.3).click().perform()
    WebDriverWait(driver, 15).until(lambda d: "/compare?city=" in d.current_url)
    q = query(driver)
    assert q["year"] == "2017" and q["continent"] == "Europe"
    assert "country" not in q and "colour" not in q
    assert dash_duo.get_logs() == []
