# SPDX-License-Identifier: EUPL-1.2
"""A small client of the Chrome DevTools protocol: headless Debian chromium started with the
flags this machine needs, one WebSocket to the browser (Debian's python3-websocket), pages
attached as flat sessions. Enough to drive a page as a person
would: open, type, choose, click, upload, download, look (screenshots)."""
import base64
import json
import re
import shutil
import subprocess
import tempfile
import time

import websocket

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,900", "--remote-debugging-port=0"]


class Browser:
    def __init__(self, downloads):
        self.profile = tempfile.mkdtemp()
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            raise SystemExit("chromium is not installed (apt-get install chromium)")
        self.proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={self.profile}",
                                      "about:blank"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        url = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                url = m.group(1)
                break
            if not line and self.proc.poll() is not None:
                break
        if not url:
            raise SystemExit("chromium did not start")
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []
        self.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads,
                                                  "eventsEnabled": True})

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, name, test=lambda p: True, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == name and test(e.get("params", {})):
                    del self.events[: i + 1]
                    return e["params"]
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
            finally:
                self.ws.settimeout(60)
        raise TimeoutError(f"no {name} within {timeout} s")

    def page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target,
                                                      "flatten": True})["sessionId"]
        return Page(self, session)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, browser, session):
        self.b, self.session = browser, session
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method, params=None):
        return self.b.send(method, params, self.session)

    def _loaded(self, action):
        self.b.events = [e for e in self.b.events if e.get("method") != "Page.loadEventFired"]
        action()
        self.b.wait_event("Page.loadEventFired")

    def open(self, url):
        self._loaded(lambda: self.send("Page.navigate", {"url": url}))

    def js(self, expression):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def fill(self, selector, value):
        """Types into a field or chooses an option, as a person does, then tells the page."""
        ok = self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                     f" if (!e) return false; e.focus(); e.value = {json.dumps(value)};"
                     " e.dispatchEvent(new Event('input', {bubbles: true}));"
                     " e.dispatchEvent(new Event('change', {bubbles: true})); return true; })()")
        if not ok:
            raise RuntimeError(f"no field {selector} on {self.url()}")

    def click(self, selector, navigates=True):
        script = (f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                  " if (!e) return false; e.click(); return true; })()")
        if not navigates:
            if not self.js(script):
                raise RuntimeError(f"nothing to click at {selector} on {self.url()}")
            return
        found = []
        self._loaded(lambda: found.append(self.js(script)))
        if not found[0]:
            raise RuntimeError(f"nothing to click at {selector} on {self.url()}")

    def upload(self, selector, *paths):
        """Chooses the files in a file field, as a person does in the dialog (several where
        the field takes several)."""
        root = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        self.send("DOM.setFileInputFiles", {"files": list(paths), "nodeId": node})

    def text(self):
        return self.js("document.body.innerText")

    def url(self):
        return self.js("location.href")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png",
                                                    "captureBeyondViewport": True})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
