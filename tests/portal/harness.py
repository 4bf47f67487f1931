# SPDX-License-Identifier: EUPL-1.2
"""What the portal tests share: a register of the sample contracts with accounts, a real
`sroi serve` on a free port of 127.0.0.1, and requests as a browser or an API client sends
them. Each test makes its own register and portal, so tests never share sessions."""
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse

# name: (role, organisation); every password is "wachtwoord-EMAN-123" (the name reversed: a password may not contain it).
ACCOUNTS = {"coord": ("coordinator", "oost-nederland"), "koper": ("buyer", "Gemeente Zwolle"),
            "lev": ("supplier", "Bouwbedrijf De Voorbeeld BV"),
            "ucoord": ("coordinator", "utrecht")}


def password(name):
    return f"wachtwoord-{name[::-1]}-123"


class Failures:
    def __init__(self):
        self.items = []
        self.checked = 0

    def check(self, ok, what):
        self.checked += 1
        if not ok:
            self.items.append(what)
            print("FAIL:", what, flush=True)

    def exit(self):
        print(f"{self.checked} checks, {len(self.items)} failed")
        raise SystemExit(1 if self.items else 0)


def new_register(work):
    """Where a test's register lives: sroi.db in its folder, or, when the tests run against the
    shared store (CTest's pg fixture sets SROI_TEST_PG), a new database on the tests' own
    PostgreSQL server."""
    state = os.environ.get("SROI_TEST_PG")
    if not state:
        return os.path.join(work, "sroi.db")
    server = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pg", "server.sh")
    return subprocess.run(["bash", server, "createdb", state], check=True, capture_output=True,
                          text=True).stdout.strip()


class Portal:
    """A register in a folder of its own and a portal serving it (--data-dir when `data_dir`:
    the region models are then a copy the coordinators may add to). With `shared`, another
    Portal's register (a second instance on the same PostgreSQL database), set up already."""

    def __init__(self, sroi, src, data_dir=False, env=None, shared=None):
        self.sroi, self.src = sroi, src
        self.work = tempfile.mkdtemp()
        self.regions = os.path.join(self.work, "regions") if data_dir else os.path.join(src, "regions")
        if data_dir:
            shutil.copytree(os.path.join(src, "regions"), self.regions)
            shutil.copytree(os.path.join(src, "buildingblocks"),
                            os.path.join(self.work, "buildingblocks"))
        self.db = shared.db if shared else new_register(self.work)
        self.env = dict(os.environ, SROI_DB=self.db, SROI_TODAY="2027-12-31", LANG="C.UTF-8",
                        **(env or {}))
        self.data_dir = data_dir
        self.proc = None
        if shared:
            return
        self.run("db", "init")
        self.run("contract", "add", os.path.join(src, "samples", "register", "contracts"))
        self.run("import", os.path.join(src, "samples", "register", "realisations"))
        for name, (role, org) in ACCOUNTS.items():
            self.run("user", "add", name, "--role", role, "--org", org, "--password-stdin",
                     stdin=password(name) + "\n")

    def run(self, *args, stdin=None, check=True):
        r = subprocess.run([self.sroi, "--regions-dir", self.regions, *args], input=stdin,
                           capture_output=True, text=True, env=self.env)
        if check and r.returncode != 0:
            raise SystemExit(f"sroi {' '.join(args)}: {r.stderr}")
        return r

    def start(self, *extra):
        where = ["--data-dir", self.work] if self.data_dir else []
        for _ in range(20):
            self.port = random.randint(20000, 60000)
            self.proc = subprocess.Popen(
                [self.sroi, "--regions-dir", self.regions, "serve", "--listen",
                 f"127.0.0.1:{self.port}", *where, *extra], env=self.env,
                stderr=subprocess.PIPE, text=True)
            if "listening" in self.proc.stderr.readline():
                return self
            self.proc.wait()
        raise SystemExit("the portal did not start")

    def stop(self):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None
        shutil.rmtree(self.work, ignore_errors=True)

    def request(self, method, path, cookie=None, token=None, form=None, raw=None, headers=None,
                binary=False):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = dict(headers or {})
        if cookie:
            h["Cookie"] = cookie
        if token:
            h["Authorization"] = "Bearer " + token
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if raw is not None:
            body = raw if isinstance(raw, bytes) else raw.encode()
            h.setdefault("Content-Type", "text/plain; charset=utf-8")
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        out = (r.status, {k.lower(): v for k, v in r.getheaders()},
               data if binary else data.decode("utf-8", "replace"))
        conn.close()
        return out

    def sign_in(self, name, pw=None, headers=None):
        """The session cookie of a sign-in (None when refused) and the status; `headers` are
        sent with both requests (X-Forwarded-For, say)."""
        extra = headers
        status, headers, body = self.request("GET", "/login", headers=extra)
        form_cookie = headers.get("set-cookie", "").split(";")[0]
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
        status, headers, _ = self.request("POST", "/login", cookie=form_cookie, headers=extra,
                                          form={"csrf": csrf, "name": name,
                                                "password": pw or password(name)})
        if status != 303:
            return None, status
        return headers.get("set-cookie", "").split(";")[0], status

    def csrf(self, cookie, path="/"):
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', self.request("GET", path, cookie=cookie)[2])
        return m.group(1) if m else ""

    def upload(self, cookie, path, name, content, fields):
        boundary = "sroi-test-boundary"
        parts = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
                         f'{v}\r\n'.encode() for k, v in fields.items())
        parts += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                  f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                  ).encode() + (content if isinstance(content, bytes) else content.encode())
        parts += f"\r\n--{boundary}--\r\n".encode()
        return self.request("POST", path, cookie=cookie, raw=parts,
                            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def follow_job(self, cookie, where, within=300):
        """A hand-in's job page followed until it says it is done, as a browser follows its
        refresh (the wait is on the page, not on how fast this machine is): (status, page)."""
        deadline = time.monotonic() + within
        status, body = 303, ""
        while time.monotonic() < deadline:
            status, _, body = self.request("GET", where, cookie=cookie)
            if 'http-equiv="refresh"' not in body:
                break
            time.sleep(0.1)
        return status, body

    def upload_done(self, cookie, path, name, content, fields, within=300):
        """An upload followed to its end: a hand-in not answered at once is a job (303 to its
        page), followed by follow_job."""
        status, headers, body = self.upload(cookie, path, name, content, fields)
        where = headers.get("location", "")
        if status == 303 and where.startswith("/imports/"):
            return self.follow_job(cookie, where, within)
        return status, body

    def lines(self, contract):
        out = self.run("--format", "json", "export", "--table", "lines", "--contract", contract)
        return json.loads(out.stdout)
