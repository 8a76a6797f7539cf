"""cdp.py - a headless Chromium driven over the DevTools protocol.

The report test needs a real browser: it must see the page draw, click an
edge the way a mouse does and take a screenshot.  Chromium's
--remote-debugging-pipe speaks the DevTools protocol over two inherited
file descriptors (3: commands in, 4: replies and events out, each message
JSON ended by a NUL byte), so this needs nothing beyond the standard
library: no websocket client, no port, no Selenium.

    with Browser() as b:
        page = b.open("file:///tmp/report.html")
        page.wait_for("document.documentElement.dataset.ready === 'true'")
        page.evaluate("document.title")
        page.click(100, 200)
        page.screenshot("shot.png")

Chromium runs as root in CI, so it gets --no-sandbox; it is headless, so
no display is needed.
"""

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time


class CDPError(Exception):
    """The browser answered a command with an error, or went away."""


def find_chromium():
    """The Chromium binary: $CHROMIUM, or chromium / chromium-browser on
    PATH; None when there is none."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    def __init__(self, exe=None, width=1280, height=900, timeout=60):
        self.exe = exe or find_chromium()
        if not self.exe:
            raise CDPError("no chromium found (install Debian's chromium)")
        self.width, self.height, self.timeout = width, height, timeout
        self.next_id = 0
        self.buf = b""
        self.events = []
        self.profile = tempfile.mkdtemp(prefix="actnet-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # The child wants them as fds 3 and 4; copies above 10 first, so
        # that dup2 onto 3 and 4 cannot clobber one of them.
        hi_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD_CLOEXEC, 10)
        hi_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_child_r)
        os.close(from_child_w)

        def child_fds():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        args = [self.exe, "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-pipe", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync",
                "--disable-dev-shm-usage", "--mute-audio",
                "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + self.profile,
                "--window-size=%d,%d" % (width, height), "about:blank"]
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=self.log,
                                     close_fds=False, preexec_fn=child_fds)
        os.close(hi_r)
        os.close(hi_w)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.proc.poll() is None:
            try:
                self.send("Browser.close", timeout=10)
            except CDPError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for fd in (self.to_child, self.from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def stderr_tail(self):
        self.log.seek(0)
        return self.log.read()[-4000:].decode("utf-8", "replace")

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError("timed out waiting for the browser")
            ready, _, _ = select.select([self.from_child], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise CDPError("the browser closed its pipe:\n" +
                               self.stderr_tail())
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=None):
        """Sends a command and returns its result; events that arrive
        meanwhile are queued."""
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            n = os.write(self.to_child, data)
            data = data[n:]
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise CDPError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def open(self, url):
        """A new page (tab) at url, of the browser's window size."""
        target = self.send("Target.createTarget",
                           {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        page.send("Page.enable")
        page.send("Runtime.enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height,
                   "deviceScaleFactor": 1, "mobile": False})
        if url:
            page.navigate(url)
        return page


class Page:
    def __init__(self, browser, session):
        self.b = browser
        self.session = session

    def send(self, method, params=None, timeout=None):
        return self.b.send(method, params, self.session, timeout)

    def navigate(self, url):
        res = self.send("Page.navigate", {"url": url})
        if res.get("errorText"):
            raise CDPError("cannot open %s: %s" % (url, res["errorText"]))

    def evaluate(self, expr):
        """The value of a JavaScript expression (promises awaited);
        a thrown exception is raised as CDPError."""
        res = self.send("Runtime.evaluate",
                        {"expression": expr, "returnByValue": True,
                         "awaitPromise": True})
        if "exceptionDetails" in res:
            d = res["exceptionDetails"]
            text = d.get("exception", {}).get("description") or d.get("text")
            raise CDPError("JavaScript error: %s" % text)
        return res["result"].get("value")

    def wait_for(self, expr, timeout=30, interval=0.02):
        """Polls expr until it is truthy; returns its value.  Errors while
        the page is still loading (no document yet) count as not yet."""
        deadline = time.monotonic() + timeout
        last = None
        while True:
            try:
                v = self.evaluate(expr)
                if v:
                    return v
            except CDPError as e:
                last = e
            if time.monotonic() > deadline:
                raise CDPError("timed out waiting for: %s%s" %
                               (expr, " (%s)" % last if last else ""))
            time.sleep(interval)

    def console_errors(self):
        """Exceptions and console errors reported by the page so far."""
        out = []
        for ev in self.b.events:
            if ev.get("sessionId") != self.session:
                continue
            if ev.get("method") == "Runtime.exceptionThrown":
                d = ev["params"]["exceptionDetails"]
                out.append(d.get("exception", {}).get("description") or
                           d.get("text"))
            elif ev.get("method") == "Runtime.consoleAPICalled" and \
                    ev["params"].get("type") == "error":
                out.append(" ".join(str(a.get("value", a.get("description")))
                                    for a in ev["params"].get("args", [])))
        return out

    def click(self, x, y):
        """A left click at viewport point (x, y), as a mouse makes it."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            p = {"type": kind, "x": x, "y": y}
            if kind != "mouseMoved":
                p.update(button="left", clickCount=1)
            self.send("Input.dispatchMouseEvent", p)

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
