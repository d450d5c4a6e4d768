"""The reviewer's index page in a real browser (headless Chromium through selenium).

The outputs of the session's reproduce run are served by a local ``http.server`` thread;
Chromium loads ``index.html`` and the test checks that no image is broken, that every link
target answers 200, and that every ``#fragment`` link lands on an element of the target page.

Chromium and chromedriver come from Debian's packages (``make browser``); nothing is
downloaded by the test. Without them the test skips with the reason, unless
``SMARTREGION_REQUIRE_BROWSER=1`` is set (CI sets it when the install worked), then it fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

CHROMIUM = Path(os.environ.get("SMARTREGION_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("SMARTREGION_CHROMEDRIVER", "/usr/bin/chromedriver"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync"]

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]


def _missing_browser() -> str | None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package (test extra)")
    if not missing:
        return None
    reason = (f"headless browser check needs {', '.join(missing)}: run `make browser` "
              "(Debian: apt-get install -y chromium chromium-driver)")
    if os.environ.get("SMARTREGION_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SMARTREGION_REQUIRE_BROWSER=1 but {reason}")
    return reason


@pytest.fixture(scope="module")
def served(reproduced):
    """(base URL, folder) of the outputs, served over http on a free local port."""
    if not reproduced.ok:
        pytest.skip(reproduced.not_run_reason)
    handler = functools.partial(_QuietHandler, directory=str(reproduced.out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", reproduced.out
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def _chromium(extra_flags: list[str], prefix: str, performance_log: bool = False):
    """A headless Chromium driver with the package's flags (and ``extra_flags``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix=prefix)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS + extra_flags + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    if performance_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=options)
    driver.set_page_load_timeout(120)
    return driver, profile


@pytest.fixture(scope="module")
def browser():
    reason = _missing_browser()
    if reason:
        pytest.skip(reason)
    driver, profile = _chromium([], "smartregion-chromium-")
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def served_failures(out: Path) -> dict:
    import json

    summary = out / "logs" / "runtime.json"
    if not summary.exists():
        return {}
    return json.loads(summary.read_text(encoding="utf-8")).get("failed", {})


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status
    except HTTPError as exc:
        return exc.code


def test_index_page_images_links_and_anchors(served, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    base, out = served
    failed = f" (notebooks that failed: {sorted(served_failures(out))})"
    browser.get(base + "index.html")
    assert "smartregion" in browser.title
    # load every image now (the page loads thumbnails lazily), then look for broken ones
    browser.execute_script("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
    WebDriverWait(browser, 120).until(lambda d: d.execute_script(
        "return Array.from(document.images).every(i => i.complete)"))
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.getAttribute('src'), i.naturalWidth])")
    assert images, "the index shows no image" + failed
    broken = [src for src, width in images if not width]
    assert not broken, f"broken images: {broken}"

    hrefs = browser.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    assert hrefs, "the index has no link"
    outside = [h for h in hrefs if not h.startswith(base)]
    assert not outside, f"links leaving the output folder: {outside[:5]}"
    bad_status = {}
    for url in sorted({urldefrag(h).url for h in hrefs}):
        code = _status(url)
        if code != 200:
            bad_status[url] = code
    assert not bad_status, f"link targets that do not answer 200: {bad_status}"

    fragments: dict[str, set[str]] = defaultdict(set)
    for h in hrefs:
        page, frag = urldefrag(h)
        if frag:
            fragments[page].add(frag)
    assert len(fragments) > 1, "the index links no section or cell of a notebook page"
    unresolved = []
    for page, frags in sorted(fragments.items()):
        browser.get(page)
        ids = set(browser.execute_script(
            "return Array.from(document.querySelectorAll('[id]')).map(e => e.id)"))
        for frag in sorted(frags):
            if not ({frag, unquote(frag)} & ids):
                unresolved.append(f"{urlsplit(page).path}#{frag}")
                continue
            # the browser itself resolves the fragment to an element (the :target)
            hit = browser.execute_script(
                "location.hash = arguments[0]; const t = document.querySelector(':target');"
                "return t ? t.id : null;", frag)
            if hit is None or hit not in {frag, unquote(frag)}:
                unresolved.append(f"{urlsplit(page).path}#{frag} (not the :target)")
    assert not unresolved, f"fragment links that resolve to no element: {unresolved[:20]}"


# Every host name resolves to nothing: a page that needs the network cannot get it. The
# served pages are reached by IP literal, which the rule leaves alone.
OFFLINE_FLAGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
# what counts as a network request (the browser's own chrome:// pages do not)
NETWORK_SCHEMES = ("http:", "https:", "ws:", "wss:", "ftp:")


@pytest.fixture(scope="module")
def offline_browser():
    reason = _missing_browser()
    if reason:
        pytest.skip(reason)
    driver, profile = _chromium(OFFLINE_FLAGS, "smartregion-chromium-offline-",
                                performance_log=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _requested_urls(driver) -> list[str]:
    """URLs the browser asked for since the last call (from the DevTools performance log)."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


_MATH_STATE = """
const hub = window.MathJax && window.MathJax.Hub;
if (!hub || !window.MathJax.isReady) { return null; }
if (hub.queue.pending || hub.queue.running) { return null; }
return [document.querySelectorAll('script[type^="math/tex"]').length,
        document.querySelectorAll('span.MathJax, span.MathJax_SVG, span.MathJax_CHTML').length,
        document.querySelectorAll('.MathJax_Error, merror, .merror').length];
"""


def test_pages_render_formulas_without_network(served, offline_browser):
    """Index and notebook pages load nothing from outside and MathJax typesets every formula."""
    from selenium.webdriver.support.ui import WebDriverWait

    base, out = served
    pages = ["index.html"] + sorted(f"html/{p.name}" for p in (out / "html").glob("*.html"))
    assert len(pages) > 1, "no rendered notebook page"
    _requested_urls(offline_browser)  # clear the log
    formulas = {}
    for page in pages:
        offline_browser.get(base + page)
        outside = [u for u in _requested_urls(offline_browser)
                   if u.startswith(NETWORK_SCHEMES) and not u.startswith(base)]
        assert not outside, f"{page} asks the network for {outside[:5]}"
        if page == "index.html":
            continue
        state = WebDriverWait(offline_browser, 120).until(
            lambda d: d.execute_script(_MATH_STATE),
            message=f"MathJax did not load or finish on {page} (offline)")
        sources, rendered, errors = state
        assert rendered == sources, f"{page}: {sources} formulas, {rendered} typeset"
        assert errors == 0, f"{page}: {errors} formulas MathJax could not typeset"
        formulas[page] = sources
    assert formulas.get("html/01_theory_framework.html", 0) > 0, \
        f"the theory notebook's page typeset no formula: {formulas}"
