"""Map page in headless Chromium: countries drawn offline, cities placed, click-through."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import request_hosts
from tests.browser.pages import open_page

COUNTRIES = ".geo .layer.countries path"
POINTS = ".geo .scattergeo path.point"


def test_map_draws_countries_and_cities_with_every_request_on_the_app_host(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/map")
    dash_duo.wait_for_element(POINTS, timeout=20)
    # The country borders come from the app's own topojson: a long SVG path.
    borders = driver.find_element(By.CSS_SELECTOR, COUNTRIES).get_attribute("d")
    assert len(borders) > 10_000
    assert len(driver.find_elements(By.CSS_SELECTOR, POINTS)) >= 50
    assert len(driver.find_elements(By.CSS_SELECTOR, ".geo .choroplethlocation")) >= 5
    dash_duo.wait_for_contains_text("#map-summary", "member cities")
    topojson = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
        ".filter(function (n) { return n.indexOf('topojson') >= 0; })"
    )
    assert topojson and all(u.startswith(dash_duo.server_url) for u in topojson)
    assert request_hosts(driver) == {dash_duo.server_url.split("/")[2]}
    assert dash_duo.get_logs() == []


def test_map_colour_from_the_url_is_applied_and_a_click_opens_the_comparison(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/map?colour=overall&country=PT")
    dash_duo.wait_for_element(POINTS, timeout=20)
    checked = driver.find_element(By.CSS_SELECTOR, "input[type=radio][value=overall]")
    assert checked.is_selected()
    assert driver.find_elements(By.CSS_SELECTOR, ".geo ~ * .colorbar, .colorbar")
    point = driver.find_elements(By.CSS_SELECTOR, POINTS)[0]
    ActionChains(driver).move_to_element(point).pause(0.3).click().perform()
    WebDriverWait(driver, 15).until(lambda d: "/compare?city=" in d.current_url)
    assert "country=PT" in driver.current_url
    assert dash_duo.get_logs() == []


def test_map_with_a_bad_colour_parameter_falls_back_with_a_notice(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/map?colour=size")
    dash_duo.wait_for_contains_text(".url-notice", "Ignored colour='size'", timeout=15)
    dash_duo.wait_for_element(POINTS, timeout=20)
    assert dash_duo.get_logs() == []


def test_projector_map_slide_shows_europe_large_with_big_grouped_dots(dash_duo, dash_app, tmp_path):
    """The presentation view's map slide at 1920 x 1080: two panels (Europe, the world),
    dots at least 20 px wide, nearby cities as one dot with their count on it."""
    dash_duo.driver.set_window_size(1920, 1080)
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/?present=1&year=2021&slide=4")
    dash_duo.wait_for_element(".present-slide .geo .scattergeo path.point", timeout=30)
    driver = dash_duo.driver
    WebDriverWait(driver, 10).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".present-slide .geo")) == 2
    )
    geos = driver.find_elements(By.CSS_SELECTOR, ".present-slide .geo .bg rect, .present-slide "
                                ".geolayer .geo")  # fmt: skip
    assert geos
    body = driver.find_element(By.CSS_SELECTOR, ".present-slide").text
    assert "Europe" in body and "The world" in body
    sizes = [
        el.size["width"]
        for el in driver.find_elements(By.CSS_SELECTOR, ".present-slide path.point")
        if el.size["width"]
    ]
    assert sizes and min(sizes) >= 19  # readable from the back of a hall
    counts = [
        t.text
        for t in driver.find_elements(By.CSS_SELECTOR, ".present-slide .scattergeo text")
        if t.text
    ]
    assert counts and all(c.isdigit() and int(c) > 1 for c in counts if "Europe" not in c)
    assert any(c.startswith("Europe: ") for c in counts)  # the large panel, framed
    driver.save_screenshot(str(tmp_path / "present-map-1920.png"))
    assert dash_duo.get_logs() == []


# The same choropleth with the countries named instead of coded (plotly.js's bundle builds
# its country-name index on first use: tools/plotly-bundle/build.js).
BY_NAMES = """
const done = arguments[arguments.length - 1];
const gd = document.querySelector('.js-plotly-plot');
const trace = gd.data.find(t => t.type === 'choropleth');
const div = document.createElement('div');
document.body.appendChild(div);
Plotly.newPlot(div, [Object.assign({}, trace, {
  locationmode: 'country names',
  locations: ['Portugal', 'Côte d’Ivoire', 'the Netherlands', 'XYZ-not-a-country'],
  z: [1, 2, 3, 4],
})], {geo: gd.layout.geo}, {topojsonURL: gd._context.topojsonURL}).then(() => done(
  [...div.querySelectorAll('.choroplethlocation')]
    .filter(p => (p.getAttribute('d') || '').length > 20).length
));
"""


def test_countries_located_by_name_are_still_drawn(dash_duo, dash_app):
    driver = open_page(dash_duo, dash_app, "/map")
    dash_duo.wait_for_element(POINTS, timeout=20)
    driver.set_script_timeout(20)
    assert driver.execute_async_script(BY_NAMES) == 3
