"""Phones (issue 12 point 3): at 390 x 844 no page and no slide scrolls sideways, and the
filters fold into one "Filters" button that says what is chosen."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.phone import PAGES, SLIDES, as_desktop, as_phone, overflow, wait_drawn


def test_no_page_and_no_slide_scrolls_sideways_on_a_phone(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    as_phone(driver)
    wide = {}
    for path in PAGES + SLIDES:
        for lang in ("", "&lang=fr"):  # French words are longer
            address = path + ("&" if "?" in path else "?") + "year=2017" + lang
            driver.get(dash_duo.server_url + address)
            wait_drawn(driver)
            seen = overflow(driver)
            # A slide's key figure once ran past the screen's edge, cut (not scrollable).
            if seen["scroll"] > seen["client"] or seen["slide"]:
                wide[address] = seen
    assert wide == {}
    assert dash_duo.get_logs() == []


def test_filters_fold_into_one_button_that_says_what_is_chosen(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    as_phone(driver)
    driver.get(dash_duo.server_url + "/map?year=2017&continent=Europe")
    wait_drawn(driver)
    toggle = dash_duo.find_element("#filter-bar-toggle")
    dash_duo.wait_for_text_to_equal("#filter-bar-toggle", "Filters: 2017 · Europe", timeout=10)
    year = driver.find_element(By.CSS_SELECTOR, '[id*=\'"key":"year"\']')
    assert toggle.is_displayed() and not year.is_displayed()
    toggle.click()
    WebDriverWait(driver, 10).until(lambda d: year.is_displayed())
    driver.get(dash_duo.server_url + "/trends?from=2012&to=2021")
    wait_drawn(driver)
    dash_duo.wait_for_text_to_equal("#filter-bar-toggle", "Filters: 2012–2021", timeout=10)
    # On a wide screen the filters are always shown and the button is not.
    as_desktop(driver)
    driver.get(dash_duo.server_url + "/map?year=2017")
    wait_drawn(driver)
    assert driver.find_element(By.CSS_SELECTOR, '[id*=\'"key":"year"\']').is_displayed()
    assert not dash_duo.find_element("#filter-bar-toggle").is_displayed()
    assert dash_duo.get_logs() == []


# Every legend entry, tick label and axis title of the page's charts, as boxes (the chart's
# own box first): what a phone would cut off at the chart's edge.
CHART_TEXT_BOXES = """
return Array.from(document.querySelectorAll('.js-plotly-plot')).map(function (plot) {
  var svg = plot.querySelector('.main-svg').getBoundingClientRect();
  var texts = Array.from(plot.querySelectorAll(
    '.legend text, .angularaxistick text, .xtick text, .ytick text, .g-xtitle text'
  )).filter(function (t) { return t.textContent.trim(); }).map(function (t) {
    var r = t.getBoundingClientRect();
    return [t.textContent, r.left, r.right, r.bottom];
  });
  return [plot.closest('.chart-card') ? plot.closest('.chart-card').id : '', svg.left,
          svg.right, svg.bottom, texts];
});
"""


def test_the_compare_charts_legends_and_labels_fit_a_phone(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    as_phone(driver)
    cut = []
    for lang in ("en", "fr"):
        driver.get(dash_duo.server_url + f"/compare?city=Lisbon&with=Oeiras,Oslo&lang={lang}")
        dash_duo.wait_for_element("#card-compare-side .main-svg .trace", timeout=30)
        wait_drawn(driver)
        for card, left, right, bottom, texts in driver.execute_script(CHART_TEXT_BOXES):
            for text, x0, x1, y1 in texts:
                if x0 < left - 0.5 or x1 > right + 0.5 or y1 > bottom + 0.5:
                    cut.append((lang, card, text))
    assert cut == []
    assert dash_duo.get_logs() == []


def test_every_year_on_the_trends_charts_reads_whole_on_a_phone(dash_duo, dash_app):
    """Year axes label a year with its four digits on a phone (the Index results per year
    and activities charts labelled every year, turned upright, and showed "200", "201")."""
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    as_phone(driver)
    driver.get(dash_duo.server_url + "/trends")
    dash_duo.wait_for_element("#card-trends-activities .main-svg .trace", timeout=30)
    wait_drawn(driver)
    labels = driver.execute_script(
        "return [...document.querySelectorAll('.chart-graph .xtick text')]"
        ".map(t => [t.textContent, t.getAttribute('transform') || ''])"
    )
    assert labels and all(len(t) == 4 and t.isdigit() for t, _ in labels), labels
    # upright labels were cut by the legend below them (the text itself stayed whole)
    assert [t for t, turn in labels if "rotate(90" in turn or "rotate(-90" in turn] == []
