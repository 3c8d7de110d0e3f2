#!/usr/bin/env python3
"""Client-list benchmark under load: the group console's list (and its variants) at several
connection counts with wrk, over the demo dataset, on SQLite or PostgreSQL.

    cargo build --release
    python3 tests/bench/list.py --clients 100000 [--database-url postgres://…/db] \\
        [--binary target/release/clientele] [--connections 1,8,32] [--seconds 10] \\
        [--only NAME] [--audit-events N]

Makes the dataset with `clientele demo` (a fresh SQLite file, or the given PostgreSQL
database, which must exist and be empty), starts the server, signs in as the demo owner
and runs wrk against each list variant. Prints requests/s and latency percentiles per run.
Only loopback traffic; every run is bounded by --seconds.
"""
import argparse, http.cookiejar, os, re, socket, subprocess, tempfile, time
import urllib.parse, urllib.request

VARIANTS = [
    ("page 1 by name", "/groups/{g}/clients"),
    ("company desc", "/groups/{g}/clients?sort=company&dir=desc&seller=all&test=false"),
    ("status filter", "/groups/{g}/clients?status=active&seller=all&test=false"),
    ("search", "/groups/{g}/clients?q=bravo&seller=all&test=false"),
    ("page 200 by name", "/groups/{g}/clients?page=200&seller=all&test=false"),
    # The audit views (with --audit-events N to fill the log first).
    ("activity page 1", "/groups/{g}/activity"),
    ("activity page 100", "/groups/{g}/activity?page=100"),
    ("activity action", "/groups/{g}/activity?action=client.updated"),
    ("activity person", "/groups/{g}/activity?person=zed"),
    ("history", "/groups/{g}/clients/{c}/history"),
]


def fill_audit(url, n):
    """Adds n `client.updated` events spread over the group's clients (SQLite only)."""
    import sqlite3
    db = sqlite3.connect(url.removeprefix("sqlite://"))
    gid = db.execute("SELECT id FROM accounts WHERE kind = 'group' ORDER BY id LIMIT 1").fetchone()[0]
    db.execute("""
        WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?),
        c(id, n) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM accounts
                     WHERE parent_id = ? ORDER BY id LIMIT 1000)
        INSERT INTO audit_events (at, actor_id, actor_email, group_id, account_id, action, changes)
        SELECT datetime('now', '-' || (i % 400) || ' days'), NULL, 'staff' || (i % 50) || '@demo.test',
               ?, c.id, 'client.updated', '{"company_name":["Old","New"]}'
        FROM k JOIN c ON c.n = k.i % 1000""", (n, gid, gid))
    db.commit()
    db.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default="target/release/clientele")
    p.add_argument("--clients", type=int, default=100000)
    p.add_argument("--database-url")
    p.add_argument("--connections", default="1,8,32")
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--only", help="run only the variants whose name contains this")
    p.add_argument("--audit-events", type=int, default=0,
                   help="add this many audit events before serving (SQLite)")
    p.add_argument("--reuse", metavar="EMAIL:PASSWORD",
                   help="skip the demo: the database (--database-url) has it already")
    a = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="clientele-bench-")
    env = dict(os.environ, RUST_LOG="warn", MAIL_URL="log", SESSION_KEY="b" * 64,
               DATABASE_URL=a.database_url or f"sqlite://{tmp}/bench.db")
    if a.reuse:
        email, password = a.reuse.split(":", 1)
    else:
        out = subprocess.run([a.binary, "demo", "--clients", str(a.clients)], env=env,
                             capture_output=True, text=True, check=True).stdout
        email = re.search(r"email: (\S+)", out).group(1)
        password = re.search(r"password: (.+)", out).group(1).strip()
        print(f"demo: {env['DATABASE_URL']} {email}:{password}", flush=True)
    if a.audit_events:
        fill_audit(env["DATABASE_URL"], a.audit_events)
        print(f"audit: {a.audit_events} events added", flush=True)
    port = free_port()
    env["BIND"] = f"127.0.0.1:{port}"
    server = subprocess.Popen([a.binary, "serve"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        jar = http.cookiejar.CookieJar()
        b = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        html = b.open(base + "/login").read().decode()
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html).group(1)
        data = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token})
        try:
            b.open(base + "/login", data.encode())
        except urllib.error.HTTPError as e:
            assert e.code == 303, e.code
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        try:
            b.open(base + "/")
        except urllib.error.HTTPError as e:
            gid = re.search(r"/groups/(\d+)/", e.headers["Location"]).group(1)
        cid = None
        for name, path in [v for v in VARIANTS if not a.only or a.only in v[0]]:
            if "{c}" in path and cid is None:
                page = b.open(base + f"/groups/{gid}/clients?seller=all").read().decode()
                cid = re.search(r'data-client-id="(\d+)"', page).group(1)
            url = base + path.format(g=gid, c=cid)
            for c in [int(x) for x in a.connections.split(",")]:
                r = subprocess.run(["wrk", f"-t{min(c, 2)}", f"-c{c}", f"-d{a.seconds}s",
                                    "--latency", "-H", f"Cookie: {cookie}", url],
                                   capture_output=True, text=True, check=True).stdout
                rps = re.search(r"Requests/sec:\s+([\d.]+)", r).group(1)
                p50 = re.search(r"^\s+50%\s+(\S+)", r, re.M).group(1)
                p99 = re.search(r"^\s+99%\s+(\S+)", r, re.M).group(1)
                non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", r)
                bad = f", non-2xx {non2xx.group(1)}" if non2xx else ""
                print(f"{name:18} c={c:<3} {rps:>9} req/s  p50 {p50:>8}  p99 {p99:>8}{bad}", flush=True)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
