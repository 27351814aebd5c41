"""A phone's screen (390 x 844) for browser tests, and when a page has finished drawing."""

from __future__ import annotations

from selenium.webdriver.support.ui import WebDriverWait

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
PAGES = (
    "/",
    "/map",
    "/trends",
    "/compare",
    "/compare?city=Lisbon",
    "/compare?city=Lisbon&with=Oeiras,Oslo",
    "/index",
    "/networks",
    "/outreach",
    "/data",
)
# The year's eight slides, then the city's slide and the side-by-side slide.
SLIDES = (
    *(f"/?present=1&slide={n}" for n in range(1, 9)),
    "/?present=1&slide=9&city=Lisbon",
    "/?present=1&slide=10&city=Lisbon&with=Oeiras,Oslo",
)

_SETTLED = """
var top = document.querySelector('.page-header, .present-slide');
if (!top || document.querySelector('[data-dash-is-loading="true"]')) { return false; }
var graphs = Array.from(document.querySelectorAll('.dash-graph'));
return graphs.every(function (g) { return g.querySelector('.main-svg') !== null; });
"""


def as_phone(driver) -> None:
    """Make the browser a phone (until `as_desktop`)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)


def as_desktop(driver) -> None:
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def wait_drawn(driver, timeout: float = 30) -> None:
    """Wait until the page (or slide) is drawn: header there, nothing loading, charts drawn."""
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(_SETTLED))


def overflow(driver) -> dict:
    """How far the page scrolls sideways, and the widest elements that stick out."""
    return driver.execute_script(
        """
        var W = document.documentElement.clientWidth, out = [];
        document.querySelectorAll('body *').forEach(function (el) {
          var r = el.getBoundingClientRect();
          if (r.right > W + 0.5 && r.width > 0 && out.length < 5) {
            out.push(el.tagName + '#' + el.id + '.' + String(el.className).slice(0, 40));
          }
        });
        var slide = [];  // the slide layer is fixed: what sticks out of it is cut, not scrolled
        document.querySelectorAll('.present-root *').forEach(function (el) {
          var r = el.getBoundingClientRect();
          if (r.right > W + 0.5 && r.width > 0 && slide.length < 5) {
            slide.push(el.tagName + '.' + String(el.className).slice(0, 40));
          }
        });
        return {scroll: document.documentElement.scrollWidth, client: W, out: out, slide: slide};
        """
    )
