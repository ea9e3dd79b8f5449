"""The HTML report, opened in headless Chromium (Debian's chromium and chromium-driver; nothing
downloads a browser). Skips where they are not installed; .ci/run installs them."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import claimcheck
from claimcheck.cli import main

XSS = ("## Kite <script>window.__pwned = 1;</script>\n"
       "Kite scores 71.4 mAP on COCO, 3.1 points ahead of <img src=x onerror=\"window.__pwned = 2\">StrongDet (69.3).\n"
       "<!-- --><svg onload=\"window.__pwned = 3\"></svg> It reaches 2.4× <b onmouseover=\"window.__pwned=4\">speedup</b>.\n")


@pytest.fixture(scope="module")
def browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    webdriver = pytest.importorskip("selenium.webdriver")
    if not chromium or not driver:
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(flag)
    options.binary_location = chromium
    session = webdriver.Chrome(service=Service(driver), options=options)
    yield session
    session.quit()


def write_report(tmp_path, name, text, *extra):
    digest = tmp_path / f"{name}.md"
    digest.write_text(text, encoding="utf-8")
    html, data = tmp_path / f"{name}.html", tmp_path / f"{name}.json"
    main(["check", str(digest), "--format", "html", "--output", str(html), *extra])
    main(["check", str(digest), "--format", "json", "--output", str(data), *extra])
    return html, json.loads(data.read_text())


def test_highlights_match_the_json_and_a_finding_opens_its_evidence(browser, tmp_path):
    from selenium.webdriver.common.by import By
    html, data = write_report(tmp_path, "example", claimcheck.api.example_path().read_text(encoding="utf-8"))
    browser.get(html.as_uri())
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.claim")
    assert len(marks) == sum(d["claims"] for d in data["documents"]) > 30
    flagged = browser.find_elements(By.CSS_SELECTOR, "mark.claim.error, mark.claim.warning")
    assert len(flagged) == len(data["findings"])
    panel = browser.find_elements(By.CSS_SELECTOR, "article.finding")[0]
    evidence = panel.find_element(By.CSS_SELECTOR, ".evidence")
    assert not evidence.is_displayed()
    panel.find_element(By.CSS_SELECTOR, ".head").click()
    assert evidence.is_displayed() and "71.4" in evidence.text
    # keyboard: j moves to the next finding
    browser.find_element(By.TAG_NAME, "body").send_keys("j")
    active = browser.find_elements(By.CSS_SELECTOR, "article.finding.active")
    assert len(active) == 1 and active[0].get_attribute("id") != panel.get_attribute("id")
    # filters: unticking CC101 hides its panels
    browser.find_element(By.CSS_SELECTOR, 'input[data-rule="CC101"]').click()
    hidden = [p for p in browser.find_elements(By.CSS_SELECTOR, 'article[data-rule="CC101"]') if p.is_displayed()]
    assert hidden == []


def test_document_text_cannot_run_script(browser, tmp_path):
    from selenium.webdriver.common.by import By
    html, data = write_report(tmp_path, "xss", XSS)
    browser.get(html.as_uri())
    for mark in browser.find_elements(By.CSS_SELECTOR, "mark.claim"):
        mark.click()
    assert browser.execute_script("return window.__pwned === undefined")
    page = html.read_text()
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    assert 'onerror="window' not in page and "Content-Security-Policy" in page
    assert len(browser.find_elements(By.CSS_SELECTOR, "mark.claim")) == data["documents"][0]["claims"]


def test_pdf_evidence_is_cropped_from_the_page(tmp_path, shared):
    paper = shared / "corpus" / "papers" / "pi2nli" / "paper.pdf"
    digest = "## PI2NLI\nPI2NLI scores 83.64 on PIT and 92.27 on QQP.\n"
    html = claimcheck.check(digest, sources=[paper]).to_html()
    assert html.count('src="data:image/png;base64,') >= 1
    assert "page 4" in html


def test_the_readme_screenshot_is_made_by_its_script(tmp_path):
    """docs/report.png comes from tools/make_report_png.py (the example against its bundled
    sources, in headless Chromium): the script runs and writes a PNG of the window's width."""
    import importlib.util
    import shutil
    import struct
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    pytest.importorskip("selenium")
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("make_report_png", root / "tools" / "make_report_png.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.screenshot(tmp_path / "report.png", width=1000, height=700)
    data = (tmp_path / "report.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", data[16:20])[0] == 1000
    assert (root / "docs" / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
