"""A participant's walk through a running workshop on a phone (390 x 844, touch), with
screenshots to look at, and the time until the app is usable.

Run `make workshop`, then: .venv/bin/python bench/phone_walk.py PARTICIPANT_LINK PORT [OUT_DIR]
It joins, opens the overview, the knowledge check, a case, a safe-future case's referral and
worksheets, the assessment (and reloads it), then the trainer view on a desktop.
"""

import re
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]  # the kit, and tests.support
from tests.support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

link, port = sys.argv[1], sys.argv[2]
out = sys.argv[3] if len(sys.argv) > 3 else "phone-walk"
Path(out).mkdir(exist_ok=True)
with sync_playwright() as pw:
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    ctx = b.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = ctx.new_page()
    t0 = time.time()
    page.goto(link)
    page.screenshot(path=f"{out}/01-join.png")
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".sk-app .sk-button", timeout=60000)
    print("app usable after", round(time.time() - t0, 2), "s")
    page.screenshot(path=f"{out}/02-overview.png", full_page=True)

    def tap(name, wait: float = 0.5) -> None:
        """Tap the first button whose label matches ``name`` (text or pattern), then let it draw."""
        page.get_by_role("button", name=name).first.click()
        time.sleep(wait)

    def open_case(module: str, case: str) -> None:
        tap("Overview")
        tap(re.compile(module))
        tap(re.compile(case), 1)

    tap(re.compile("Knowledge check: before"), 1)
    page.screenshot(path=f"{out}/03-knowledge.png")
    open_case("Early identification", "The uncle at passport control")
    page.screenshot(path=f"{out}/04-spot.png")
    open_case("A safe future", "When the permit ends")
    tap(re.compile("Refer in the country"), 1.5)
    page.screenshot(path=f"{out}/05-referral.png")
    tap(re.compile("^6\\. Worksheets"), 1.5)
    page.screenshot(path=f"{out}/06-worksheet.png")
    tap("Overview")
    tap("Assessment: early identification", 1.5)
    page.screenshot(path=f"{out}/07-assessment.png")
    page.reload()
    page.wait_for_selector(".sk-assessment", timeout=60000)
    time.sleep(1)
    page.screenshot(path=f"{out}/08-assessment-reloaded.png")
    errors = page.get_by_text("Click to show javascript error").count()
    print("javascript errors on page:", errors)
    tr = b.new_context(viewport={"width": 1366, "height": 768}).new_page()
    tr.goto(f"http://127.0.0.1:{port}/trainer")
    time.sleep(3)
    tr.screenshot(path=f"{out}/09-trainer.png")
    b.close()
