"""The talk decks in a real browser: a smoke run charted, reported and built
into decks, each deck opened in headless Chromium (DevTools protocol over
--remote-debugging-pipe, standard library only), every slide shown through
its hash and screenshotted, and checked: every image loaded; no element
leaves its slide and no text overflows its box; every shown value equals the
run's JSON or CSV (data-source, after the deck's script ran); no text of a
chart lies outside its SVG's box; nothing is fetched from the network; the keys
move between slides and N shows the speaker notes.
Skipped (exit 0) when Chromium is not installed."""

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

from gbsupport import check
from test_slides import DECKS, RunFiles, build, check_sources, pipeline

# A wide projector and an old square one: the layout must hold on both.
VIEWPORTS = ((1280, 720), (1024, 768))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
         "--mute-audio", "--remote-debugging-pipe"]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """Chromium with the DevTools protocol on fds 3 (commands in) and 4
    (replies out): NUL-terminated JSON messages."""

    def __init__(self, exe, profile):
        to_child, self.cmd = os.pipe()
        self.res, from_child = os.pipe()
        # The child's ends, moved above 3 and 4 so that dup2 cannot clobber one.
        keep = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]

        def child_fds():
            os.dup2(keep[0], 3)
            os.dup2(keep[1], 4)

        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([exe, *FLAGS, "--user-data-dir=" + profile, "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                     preexec_fn=child_fds, pass_fds=(3, 4))
        for fd in {to_child, from_child, *keep}:
            os.close(fd)
        self.buffer, self.events, self.next_id = b"", [], 0

    def send(self, method, params=None, session=None, timeout=20):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.cmd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self.receive(deadline)
            if reply.get("id") == self.next_id:
                check("error" not in reply, "%s: %s" % (method, reply.get("error")))
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.res], [], [], max(0, left))
            check(ready, "Chromium did not answer in time: %s" % self.stderr())
            chunk = os.read(self.res, 1 << 20)
            check(chunk, "Chromium closed the pipe: %s" % self.stderr())
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, method, timeout=20):
        deadline = time.monotonic() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self.receive(deadline))

    def stderr(self):
        self.log.seek(0)
        return self.log.read()[-2000:].decode(errors="replace")

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except SystemExit:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.cmd)
        os.close(self.res)


class Page:
    def __init__(self, browser):
        self.b = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget",
                                    {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Page.enable", "Network.enable", "Runtime.enable"):
            self.send(method)
        self.viewport(*VIEWPORTS[0])

    def viewport(self, width, height):
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method, params=None):
        return self.b.send(method, params, self.session)

    def open(self, url):
        self.b.events.clear()
        self.send("Page.navigate", {"url": url})
        self.b.wait_event("Page.loadEventFired")

    def eval(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        check("exceptionDetails" not in result, "script failed: %s" % result)
        return result["result"].get("value")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def requests(self):
        return [e["params"]["request"]["url"] for e in self.b.events
                if e.get("method") == "Network.requestWillBeSent"]


# Runs in the page: shows one slide by its hash, then reports what a person
# would see wrong on it.
SHOW_AND_CHECK = r"""
(async (id) => {
  location.hash = "#" + id;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const s = document.querySelector(".slide.current");
  const problems = [];
  if (!s || s.id !== id) return {problems: ["the hash #" + id + " did not show its slide"]};
  const box = s.getBoundingClientRect();
  if (box.width < innerWidth - 1 || box.height < innerHeight - 1)
    problems.push("the slide does not fill the window");
  if (s.scrollHeight > s.clientHeight + 1 || s.scrollWidth > s.clientWidth + 1)
    problems.push("content overflows the slide: " + s.scrollWidth + "x" + s.scrollHeight);
  for (const el of s.querySelectorAll("*")) {
    if (el.closest("aside.notes")) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const name = el.tagName.toLowerCase() + (el.className ? "." + el.className : "");
    if (r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 ||
        r.bottom > box.bottom + 1)
      problems.push(name + " leaves the slide: " + [r.left, r.top, r.right, r.bottom].map(Math.round));
    if (el.clientWidth > 0 && getComputedStyle(el).display !== "inline" &&
        (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) &&
        el.tagName !== "UL" && !el.classList.contains("slide"))
      problems.push(name + " overflows its own box: " + el.textContent.slice(0, 60));
  }
  for (const img of s.querySelectorAll("img")) {
    if (!img.complete || img.naturalWidth === 0)
      problems.push("image not loaded: " + (img.dataset.chart || img.alt));
    const r = img.getBoundingClientRect();
    if (r.width < 50 || r.height < 50) problems.push("image too small: " + img.dataset.chart);
  }
  return {problems: problems, charts: [...s.querySelectorAll("img[data-chart]")].length};
})
"""

# Runs in the page: the values shown (after the script ran), and each
# chart's SVG laid out once to find text outside its box.
VALUES = r"""
(() => {
  const pairs = [...document.querySelectorAll("[data-source]")].map(
    e => [e.dataset.source, e.dataset.unit || null, e.textContent]);
  return {pairs: pairs, ids: [...document.querySelectorAll(".slide")].map(s => s.id)};
})()
"""

CHART_TEXT = r"""
(() => {
  const out = [];
  for (const img of document.querySelectorAll("img[data-chart]")) {
    const bytes = Uint8Array.from(atob(img.src.split(",")[1]), c => c.charCodeAt(0));
    const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes),
                                                "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    const holder = document.createElement("div");
    holder.style.cssText = "position:absolute;left:0;top:0;visibility:hidden";
    holder.appendChild(svg);
    document.body.appendChild(holder);
    const box = svg.getBoundingClientRect();
    let texts = 0;
    for (const t of svg.querySelectorAll("text")) {
      const r = t.getBoundingClientRect();
      if (r.width === 0 || !t.textContent.trim()) continue;
      texts++;
      if (r.left < box.left - 0.5 || r.top < box.top - 0.5 || r.right > box.right + 0.5 ||
          r.bottom > box.bottom + 0.5)
        out.push(img.dataset.chart + ": '" + t.textContent.trim() + "' at " +
                 [r.left, r.top, r.right, r.bottom].map(Math.round) + " outside " +
                 [box.width, box.height].map(Math.round));
    }
    if (texts === 0) out.push(img.dataset.chart + ": no text measured");
    holder.remove();
  }
  return out;
})()
"""


KEYS = {"Home": ("Home", 36, ""), "End": ("End", 35, ""), "ArrowRight": ("ArrowRight", 39, ""),
        "ArrowLeft": ("ArrowLeft", 37, ""), " ": ("Space", 32, " "), "n": ("KeyN", 78, "n")}
STATE = r"""(() => { const s = document.querySelector(".slide.current");
  const notes = s.querySelector("aside.notes");
  return [s.id, location.hash, notes ? notes.offsetHeight > 0 : false]; })()"""


def press(page, key):
    code, number, text = KEYS[key]
    for kind in ("keyDown", "keyUp"):
        page.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code,
                                             "windowsVirtualKeyCode": number, "text": text})
    return page.eval(STATE)


def check_keys(page, ids):
    """Home, End, arrows and space move between slides and keep the hash;
    N shows the speaker notes and hides them again."""
    problems = []
    for key, want, notes in (("Home", 0, False), ("ArrowRight", 1, False), (" ", 2, False),
                             ("ArrowLeft", 1, False), ("n", 1, True), ("n", 1, False),
                             ("End", len(ids) - 1, False)):
        slide, hash_, shown = press(page, key)
        if slide != ids[want] or hash_ != "#" + ids[want] or shown != notes:
            problems.append("key %r: slide %s, hash %s, notes shown %s; wanted %s, notes %s"
                            % (key, slide, hash_, shown, ids[want], notes))
    return problems


def check_deck(page, files, folder, name, shots):
    """Shows every slide of one deck; returns what a person would see wrong."""
    page.open("file://" + os.path.join(folder, "slides", name))
    shown = page.eval(VALUES)
    check_sources(files, [tuple(p) for p in shown["pairs"]], name + " (rendered)")
    problems, charts = (check_keys(page, shown["ids"]) if len(shown["ids"]) > 2 else []), 0
    for width, height in VIEWPORTS:
        page.viewport(width, height)
        for number, slide in enumerate(shown["ids"], start=1):
            result = page.eval("(%s)(%s)" % (SHOW_AND_CHECK, json.dumps(slide)))
            page.screenshot(os.path.join(shots, "%dx%d" % (width, height),
                                         "%s-%02d-%s.png" % (name[:-5], number, slide)))
            problems += ["%s#%s at %dx%d: %s" % (name, slide, width, height, p)
                         for p in result["problems"]]
            charts += result.get("charts", 0)
    page.viewport(*VIEWPORTS[0])
    problems += ["%s: chart text outside its SVG: %s" % (name, p) for p in page.eval(CHART_TEXT)]
    fetched = [u for u in page.requests() if not u.startswith(("file:", "data:", "about:"))]
    problems += ["%s fetched from the network: %s" % (name, u) for u in fetched]
    print("%s: %d slides, %d chart views, %d problem(s)" % (name, len(shown["ids"]), charts,
                                                            len(problems)))
    return problems


def main():
    exe = find_chromium()
    if not exe:
        print("skipped: Chromium is not installed; install it with "
              "`apt-get install chromium` (or run tools/setup.sh as root)")
        return 0
    started = time.monotonic()
    # GLUEBENCH_DECKS_SCENARIOS="boundary hotcall flights" checks more charts.
    scenarios = os.environ.get("GLUEBENCH_DECKS_SCENARIOS", "boundary overhead").split()
    folder = pipeline("decks-browser", scenarios)
    result = build(folder)
    check(result.returncode == 0, "build.py exits 0: " + result.stderr)
    check_folder(exe, folder)
    print("%.1f s" % (time.monotonic() - started))
    print("ok")
    return 0


def check_folder(exe, folder):
    """Opens every deck of the run folder and checks every slide."""
    files = RunFiles(folder)
    shots = os.path.join(folder, "screenshots")
    for width, height in VIEWPORTS:
        os.makedirs(os.path.join(shots, "%dx%d" % (width, height)))
    profile = tempfile.mkdtemp(prefix="gluebench-chromium-")
    browser = Browser(exe, profile)
    try:
        page = Page(browser)
        problems = [p for name in [*DECKS.values(), "index.html"]
                    for p in check_deck(page, files, folder, name, shots)]
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)
    print("screenshots in %s" % shots)
    for p in problems:
        print("problem:", p)
    check(not problems, "%d problem(s) a reader would see (listed above)" % len(problems))


if __name__ == "__main__":
    sys.exit(main())
