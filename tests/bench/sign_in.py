#!/usr/bin/env python3
"""Sign-in benchmark: how long a refused sign-in takes for an unknown email and for a wrong
password (they should match), and how page latency holds up while a burst of sign-ins runs
(bcrypt has its own bound, so pages should not wait for it).

    cargo build --release && python3 tests/bench/sign_in.py [--binary target/release/clientele]

Starts the binary on a temporary SQLite database with BCRYPT_COST=12 (the default) and
prints medians. Only loopback traffic; every loop is bounded.
"""
import argparse, concurrent.futures, http.cookiejar, os, re, socket, sqlite3, statistics, subprocess, tempfile, time
import urllib.parse, urllib.request

PASSWORD = "correct horse battery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def sign_in(base, email, password):
    b = browser()
    html = b.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html).group(1)
    data = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()
    start = time.perf_counter()
    try:
        b.open(base + "/login", data)
    except urllib.error.HTTPError as e:
        status = e.code
    else:
        status = 200
    return time.perf_counter() - start, status


def forget_failures(db):
    """The throttle would answer 429 after 5 failures (or 30 from this address): this
    benchmark measures the bcrypt path, so it clears the throttle's table between attempts."""
    with sqlite3.connect(db) as c:
        c.execute("DELETE FROM sign_in_failures")


def refused(base, db, email):
    forget_failures(db)
    return sign_in(base, email, "wrong password!!")[0]


def page(base):
    start = time.perf_counter()
    urllib.request.urlopen(base + "/healthz").read()
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="target/release/clientele")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--burst", type=int, default=8)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    port = free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite://{tmp}/bench.db", BIND=f"127.0.0.1:{port}",
               BCRYPT_COST="12", SESSION_KEY="b" * 64, RUST_LOG="warn", MAIL_URL=f"file://{tmp}/mail")
    subprocess.run([args.binary, "create-group", "--name", "Bench", "--owner-email", "owner@bench.test",
                    "--owner-password", PASSWORD], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([args.binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                page(base)
                break
            except OSError:
                time.sleep(0.1)
        db = f"{tmp}/bench.db"
        wrong_pw = [refused(base, db, "owner@bench.test") for _ in range(args.rounds)]
        unknown = [refused(base, db, "nobody@bench.test") for _ in range(args.rounds)]
        throttled = []
        for _ in range(6):
            throttled.append(sign_in(base, "nobody@bench.test", "wrong password!!"))
        assert throttled[-1][1] == 429, throttled
        forget_failures(db)
        ok = [sign_in(base, "owner@bench.test", PASSWORD)[0] for _ in range(args.rounds)]
        idle = [page(base) for _ in range(50)]
        with concurrent.futures.ThreadPoolExecutor(args.burst + 1) as pool:
            # Successful sign-ins: each is a bcrypt verification and none is throttled.
            burst = [pool.submit(sign_in, base, "owner@bench.test", PASSWORD) for _ in range(args.burst * 3)]
            during = []
            while not all(f.done() for f in burst) and len(during) < 500:
                during.append(page(base))
                time.sleep(0.02)
        ms = lambda xs: f"{statistics.median(xs) * 1000:.1f} ms"
        print(f"refused sign-in, wrong password: median {ms(wrong_pw)}")
        print(f"refused sign-in, unknown email:  median {ms(unknown)}  (ratio {statistics.median(unknown) / statistics.median(wrong_pw):.2f})")
        print(f"successful sign-in:              median {ms(ok)}")
        print(f"throttled sign-in (429):         {throttled[-1][0] * 1000:.1f} ms")
        print(f"/healthz idle:                   median {ms(idle)}")
        print(f"/healthz during {args.burst * 3} concurrent sign-ins: median {ms(during)}, max {max(during) * 1000:.1f} ms ({len(during)} samples)")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
