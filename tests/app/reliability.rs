//! Faults and several instances (issue 16), with the real binary where processes matter:
//! two `clientele serve` on one database share sessions and run every job once; SIGTERM
//! lets the request in flight finish and exits 0; PostgreSQL going away answers 503 pages
//! and `/healthz` 503, never a hang past the pool timeout, and the console comes back
//! within 10 s of it; a mixed load (list, search, edits, sign-ins) at 64 connections
//! answers no 5xx and loses no acknowledged edit (`LOAD_SECONDS`, 10 here; `bench/load`
//! runs it for 60). SMTP down is `mail::with_the_server_down_the_email_waits_and_is_delivered_once_when_it_is_back`.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clientele::db::schema::{audit_events, deletion_requests, invitations, outbox};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::smtp_sink::free_port;

/// A `clientele serve` process, killed when dropped.
struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db_url: &str, mail_dir: &std::path::Path, extra: &[(&str, &str)]) -> Served {
    let port = free_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clientele"));
    cmd.arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db_url)
        .env("BIND", format!("127.0.0.1:{port}"))
        .env("BASE_URL", "http://clientele.test")
        .env("SESSION_KEY", "s".repeat(64))
        .env("MAIL_URL", format!("file://{}", mail_dir.display()))
        .env("BCRYPT_COST", "4")
        .env("RUST_LOG", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    Served {
        child: cmd.spawn().expect("the binary starts"),
        base: format!("http://127.0.0.1:{port}"),
    }
}

fn client_with(jar: Arc<reqwest::cookie::Jar>) -> reqwest::Client {
    new_client(jar)
}

async fn csrf_of(client: &reqwest::Client, url: &str) -> String {
    csrf_token(&client.get(url).send().await.unwrap().text().await.unwrap())
}

fn count(conn: &mut clientele::db::DbConn, action: &str) -> i64 {
    audit_events::table
        .filter(audit_events::action.eq(action))
        .count()
        .get_result(conn)
        .unwrap()
}

#[tokio::test]
async fn two_serve_processes_share_sessions_and_run_each_due_job_once() {
    const CLIENTS: usize = 500;
    const INVITATIONS: usize = 500;
    const REMINDERS: usize = 300;
    let db = TestDb::new();
    let pool = db.pool();
    let mail_dir = db.scratch_dir().join("mail");
    std::fs::create_dir_all(&mail_dir).unwrap();
    let (gid, _) = make_group(&mut pool.get().unwrap(), "Twin", "owner@twin.test");

    // 1 300 due items: clients whose 10 days are over (each deletion emails the owner),
    // invitations past their 7 days, and owners on day 11 of 14 (each reminder an email).
    {
        let mut conn = pool.get().unwrap();
        let now = clientele::db::now();
        let host = make_client(&mut conn, gid, "Inviting Client");
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for i in 0..CLIENTS {
                let cid = make_client(conn, gid, &format!("Due Client {i}"));
                make_member(conn, cid, &format!("owner{i}@twin.test"), "owner");
                diesel::insert_into(deletion_requests::table)
                    .values((
                        deletion_requests::client_id.eq(cid),
                        deletion_requests::requested_at.eq(now - chrono::Duration::days(11)),
                        deletion_requests::due_at.eq(now - chrono::Duration::days(1)),
                    ))
                    .execute(conn)?;
            }
            for i in 0..INVITATIONS {
                diesel::insert_into(invitations::table)
                    .values((
                        invitations::account_id.eq(host),
                        invitations::email.eq(format!("late{i}@twin.test")),
                        invitations::role.eq("member"),
                        invitations::permissions.eq(""),
                        invitations::token_hash.eq(format!("hash-{i}")),
                        invitations::created_at.eq(now - chrono::Duration::days(8)),
                        invitations::sent_at.eq(now - chrono::Duration::days(8)),
                        invitations::expires_at.eq(now - chrono::Duration::days(1)),
                        invitations::first_name.eq(""),
                        invitations::last_name.eq(""),
                    ))
                    .execute(conn)?;
            }
            for i in 0..REMINDERS {
                diesel::insert_into(invitations::table)
                    .values((
                        invitations::account_id.eq(host),
                        invitations::email.eq(format!("owner-to-be{i}@twin.test")),
                        invitations::role.eq("owner"),
                        invitations::permissions.eq(""),
                        invitations::token_hash.eq(format!("owner-hash-{i}")),
                        invitations::created_at.eq(now - chrono::Duration::days(11)),
                        invitations::sent_at.eq(now - chrono::Duration::days(11)),
                        invitations::expires_at.eq(now + chrono::Duration::days(3)),
                        invitations::first_name.eq(""),
                        invitations::last_name.eq(""),
                    ))
                    .execute(conn)?;
            }
            Ok(())
        })
        .unwrap();
    }

    // Two instances (each runs the jobs at start and delivers mail), and two `jobs --once`
    // besides, all at the same time.
    let a = serve(db.url(), &mail_dir, &[]);
    let b = serve(db.url(), &mail_dir, &[]);
    let jobs: Vec<Child> = (0..2)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_clientele"))
                .args(["jobs", "--once"])
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("DATABASE_URL", db.url())
                .env("BASE_URL", "http://clientele.test")
                .env("SESSION_KEY", "s".repeat(64))
                .env("MAIL_URL", format!("file://{}", mail_dir.display()))
                .env("RUST_LOG", "off")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    wait_healthy(&a.base).await;
    wait_healthy(&b.base).await;
    for mut j in jobs {
        assert!(j.wait().unwrap().success());
    }

    // A session made on one instance is good on the other, and ends on both.
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let browser = client_with(jar.clone());
    let token = csrf_of(&browser, &format!("{}/login", a.base)).await;
    let r = browser
        .post(format!("{}/login", a.base))
        .form(&[
            ("email", "owner@twin.test"),
            ("password", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let list = format!("/groups/{gid}/clients");
    let on_b = browser
        .get(format!("{}{list}", b.base))
        .send()
        .await
        .unwrap();
    assert_eq!(on_b.status(), StatusCode::OK, "signed in on A, seen by B");
    let token = csrf_of(&browser, &format!("{}/profile", b.base)).await;
    browser
        .post(format!("{}/logout", b.base))
        .form(&[("csrf_token", &token)])
        .send()
        .await
        .unwrap();
    let on_a = browser
        .get(format!("{}{list}", a.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        on_a.status(),
        StatusCode::SEE_OTHER,
        "signed out on B, out on A"
    );

    // Every due item done once: one audit event each, one email each, delivered once.
    let mut conn = pool.get().unwrap();
    let start = Instant::now();
    loop {
        let open: i64 = deletion_requests::table
            .filter(deletion_requests::completed_at.is_null())
            .count()
            .get_result(&mut conn)
            .unwrap();
        let unsent: i64 = outbox::table
            .filter(outbox::sent_at.is_null())
            .count()
            .get_result(&mut conn)
            .unwrap();
        if open == 0 && unsent == 0 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{open} deletions, {unsent} emails left"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(count(&mut conn, "client.deleted"), CLIENTS as i64);
    assert_eq!(count(&mut conn, "invitation.expired"), INVITATIONS as i64);
    assert_eq!(
        count(&mut conn, "owner.activation_reminded"),
        REMINDERS as i64
    );
    let reminders: i64 = outbox::table
        .filter(outbox::template.eq("owner_reminder"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(reminders, REMINDERS as i64, "one reminder to each owner");
    let sent: i64 = outbox::table
        .filter(outbox::template.eq("client_deleted"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(sent, CLIENTS as i64, "one email to each owner");
    let all_sent: i64 = outbox::table.count().get_result(&mut conn).unwrap();
    let files = std::fs::read_dir(&mail_dir).unwrap().count() as i64;
    assert_eq!(
        files, all_sent,
        "each email delivered once, by one of four processes"
    );
    report(&format!(
        "several instances: {} due items, each done once by 2 serve + 2 jobs processes",
        CLIENTS + INVITATIONS + REMINDERS
    ));
}

#[tokio::test]
async fn sigterm_lets_the_request_in_flight_finish_and_exits_0() {
    let db = TestDb::new();
    let pool = db.pool();
    make_group(&mut pool.get().unwrap(), "Term", "owner@term.test");
    let mail_dir = db.scratch_dir().join("mail");
    // A slow request: a sign-in of an unknown address, checked against the dummy hash at
    // bcrypt cost 13 (about half a second).
    let mut s = serve(db.url(), &mail_dir, &[("BCRYPT_COST", "13")]);
    wait_healthy(&s.base).await;
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let browser = client_with(jar);
    let token = csrf_of(&browser, &format!("{}/login", s.base)).await;
    let url = format!("{}/login", s.base);
    let in_flight = tokio::spawn(async move {
        let started = Instant::now();
        let r = browser
            .post(url)
            .form(&[
                ("email", "nobody@term.test"),
                ("password", "not the password"),
                ("csrf_token", &token),
            ])
            .send()
            .await;
        (r.map(|r| r.status()), started.elapsed())
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let pid = s.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let (answer, took) = in_flight.await.unwrap();
    assert_eq!(
        answer.expect("the request in flight is answered"),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the sign-in finished: refused"
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "still running");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(status.code(), Some(0), "a clean exit");
    assert!(
        took > Duration::from_millis(200),
        "it was in flight: {took:?}"
    );
}

/// A TCP relay in front of PostgreSQL that can be cut (every connection dropped, new ones
/// refused) and mended: the database "stopped" without stopping the shared server.
struct Relay {
    port: u16,
    up: Arc<AtomicBool>,
    generation: Arc<AtomicUsize>,
}

impl Relay {
    async fn start(target: std::net::SocketAddr) -> Relay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let generation = Arc::new(AtomicUsize::new(0));
        let (up2, gen2) = (up.clone(), generation.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else {
                    return;
                };
                if !up2.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let born = gen2.load(Ordering::SeqCst);
                let (up3, gen3) = (up2.clone(), gen2.clone());
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await else {
                        return;
                    };
                    let copy = tokio::io::copy_bidirectional(&mut inbound, &mut outbound);
                    tokio::pin!(copy);
                    loop {
                        tokio::select! {
                            _ = &mut copy => return,
                            _ = tokio::time::sleep(Duration::from_millis(20)) => {
                                if !up3.load(Ordering::SeqCst) || gen3.load(Ordering::SeqCst) != born {
                                    return;
                                }
                            }
                        }
                    }
                });
            }
        });
        Relay {
            port,
            up,
            generation,
        }
    }

    /// A relay in front of the PostgreSQL server of `url`, and the URL that goes through it.
    async fn in_front_of(url: &str) -> (Relay, url::Url) {
        let mut parsed = url::Url::parse(url).unwrap();
        let target = (
            parsed.host_str().unwrap().to_owned(),
            parsed.port().unwrap_or(5432),
        );
        let target = tokio::net::lookup_host(target)
            .await
            .unwrap()
            .next()
            .unwrap();
        let relay = Relay::start(target).await;
        parsed.set_host(Some("127.0.0.1")).unwrap();
        parsed.set_port(Some(relay.port)).unwrap();
        (relay, parsed)
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    fn mend(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn with_postgresql_gone_pages_answer_503_and_the_console_comes_back() {
    let db = TestDb::new();
    let TestDb::Postgres { url, .. } = &db else {
        report("PostgreSQL only (SQLite is a file of the process: it does not go away)");
        return;
    };
    let (relay, parsed) = Relay::in_front_of(url).await;
    let (gid, _) = make_group(&mut db.pool().get().unwrap(), "Outage", "owner@outage.test");
    let mut config = test_config(&db);
    config.database = clientele::db::DatabaseUrl::parse(parsed.as_str()).unwrap();
    config.db_timeout = Duration::from_secs(2);
    let app = spawn_on(db, config).await;
    let b = Browser::new(&app);
    b.login("owner@outage.test", PASSWORD).await;
    let list = format!("/groups/{gid}/clients");
    assert_eq!(b.get(&list).await.status(), StatusCode::OK);

    // Load while it goes: 4 browsers asking for the list.
    let stop = Arc::new(AtomicBool::new(false));
    let statuses = Arc::new(parking_lot::Mutex::new(Vec::new()));
    let mut load = Vec::new();
    for _ in 0..4 {
        let (b, stop, statuses, list) = (b.clone(), stop.clone(), statuses.clone(), list.clone());
        load.push(tokio::spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                let started = Instant::now();
                let status = b.get(&list).await.status();
                statuses.lock().push((status, started.elapsed()));
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    relay.cut();
    tokio::time::sleep(Duration::from_secs(4)).await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = b.get(&list).await;
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        page.text().await.unwrap().contains("</html>"),
        "a console page"
    );

    relay.mend();
    let mended = Instant::now();
    loop {
        if app.get("/healthz").await.status() == StatusCode::OK
            && b.get(&list).await.status() == StatusCode::OK
        {
            break;
        }
        assert!(
            mended.elapsed() < Duration::from_secs(10),
            "not back within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let back_in = mended.elapsed();
    stop.store(true, Ordering::SeqCst);
    for l in load {
        l.await.unwrap();
    }
    let statuses = statuses.lock();
    let longest = statuses.iter().map(|(_, t)| *t).max().unwrap();
    assert!(
        statuses
            .iter()
            .all(|(s, _)| *s == StatusCode::OK || *s == StatusCode::SERVICE_UNAVAILABLE),
        "only pages or 503: {statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .any(|(s, _)| *s == StatusCode::SERVICE_UNAVAILABLE),
        "the outage was seen"
    );
    // The pool timeout is 2 s; a request may wait for it once for its connection and once
    // more for the session store's.
    assert!(
        longest < Duration::from_secs(5),
        "a request hung for {longest:?}"
    );
    report(&format!(
        "database outage: {} requests, back {back_in:?} after the database, longest {longest:?}",
        statuses.len()
    ));
}

/// The mixed load: browsers signed in as staff reading the list and searching, editing
/// clients (each browser its own; the last acknowledged edit checked afterwards) and signing in, for
/// `LOAD_SECONDS` (10) at `LOAD_CONNECTIONS` (64).
#[tokio::test]
async fn a_mixed_load_answers_no_5xx_and_loses_no_edit() {
    let seconds: u64 = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let connections: usize = std::env::var("LOAD_CONNECTIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64);
    let app = spawn_app_with(|c| {
        c.workers = Some(2);
        c.pool_size = 8;
        c.db_timeout = Duration::from_secs(10);
    })
    .await;
    let (gid, _) = make_group(&mut app.conn(), "Load", "owner@load.test");
    let clients: Vec<i64> = (0..connections)
        .map(|i| make_client(&mut app.conn(), gid, &format!("Load Client {i}")))
        .collect();
    for i in 0..8 {
        make_member(
            &mut app.conn(),
            gid,
            &format!("seller{i}@load.test"),
            "seller",
        );
    }
    // Signed in one after the other: every sign-in from one address counts against that
    // address's limit until its password proves right, so 64 at once from 127.0.0.1 would
    // be refused (429) as the sign-in protection says.
    let mut browsers = Vec::new();
    for n in 0..connections {
        let b = Browser::from_address(&app.address);
        let email = format!("seller{}@load.test", n % 8);
        assert_eq!(
            b.login(&email, PASSWORD).await.status(),
            StatusCode::SEE_OTHER
        );
        browsers.push(b);
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for ((n, cid), b) in clients.iter().copied().enumerate().zip(browsers) {
        let app_base = app.address.clone();
        tasks.push(tokio::spawn(async move {
            let (mut answers, mut bad, mut acknowledged) = (0usize, Vec::new(), Vec::new());
            let mut i = 0u64;
            while Instant::now() < deadline {
                i += 1;
                // One browser in eight also signs in anew now and then (8 at once at most).
                let op = if n % 8 == 0 {
                    (n + i as usize) % 4
                } else {
                    (n + i as usize) % 3
                };
                let status = match op {
                    0 => b.get(&format!("/groups/{gid}/clients")).await.status(),
                    1 => b
                        .get(&format!("/groups/{gid}/clients?q=client+{}", n % 10))
                        .await
                        .status(),
                    2 => {
                        let page = format!("/groups/{gid}/clients/{cid}");
                        let html = b.get_html(&page).await;
                        let mut fields = form_fields(&html, &page);
                        let name = format!("Load Client {n} edit {i}");
                        for f in fields.iter_mut() {
                            if f.0 == "account_name" {
                                f.1 = name.clone();
                            }
                        }
                        let r = b.post_raw(&page, &fields).await;
                        if r.status() == StatusCode::SEE_OTHER {
                            acknowledged.push(name);
                        }
                        r.status()
                    }
                    _ => {
                        // Each signing browser its own address (n is 0, 8, 16 …).
                        let other = Browser::from_address(&app_base);
                        let own = format!("seller{}@load.test", n / 8 % 8);
                        other.login(&own, PASSWORD).await.status()
                    }
                };
                answers += 1;
                // Pages answer 200, saves and sign-ins 303: anything else is a failure
                // (a 5xx, a refused sign-in, a stale save).
                if status != StatusCode::OK && status != StatusCode::SEE_OTHER {
                    bad.push(status);
                }
            }
            (cid, answers, bad, acknowledged)
        }));
    }
    let (mut total, mut edited, mut edits) = (0, 0, 0);
    for t in tasks {
        let (cid, answers, bad, acknowledged) = t.await.unwrap();
        total += answers;
        assert!(bad.is_empty(), "client {cid}: {bad:?}");
        let Some(last) = acknowledged.last() else {
            continue;
        };
        edited += 1;
        edits += acknowledged.len();
        let stored: String = clientele::db::schema::accounts::table
            .find(cid)
            .select(clientele::db::schema::accounts::name)
            .first(&mut app.conn())
            .unwrap();
        assert_eq!(
            &stored, last,
            "the last acknowledged edit is what is stored"
        );
        // Every acknowledged edit was written: one audit event each, with its new name.
        let changes: Vec<String> = audit_events::table
            .filter(audit_events::account_id.eq(cid))
            .filter(audit_events::action.eq("client.updated"))
            .select(audit_events::changes)
            .load(&mut app.conn())
            .unwrap();
        assert_eq!(
            changes.len(),
            acknowledged.len(),
            "client {cid}: one event an edit"
        );
        for name in &acknowledged {
            assert!(
                changes.iter().any(|c| c.contains(&format!("\"{name}\""))),
                "client {cid}: the edit to {name} is not in its history"
            );
        }
    }
    assert_eq!(
        edited, connections,
        "every browser's edits were acknowledged"
    );
    report(&format!(
        "mixed load: {total} requests in {seconds} s at {connections} connections, all 200 \
         or 303 (no 5xx, no refused sign-in, no 409), {edits} acknowledged edits of {edited} \
         clients all written (one audit event each) and each client's last one stored"
    ));
}

#[tokio::test]
async fn sigterm_stops_the_mail_worker_after_its_current_email_and_loses_none() {
    const EMAILS: usize = 30;
    let db = TestDb::new();
    let pool = db.pool();
    let sink = crate::smtp_sink::SmtpSink::start_slow(Duration::from_millis(300)).await;
    {
        use clientele::models::outbox as rows;
        let mut conn = pool.get().unwrap();
        for i in 0..EMAILS {
            rows::insert(&mut conn, &due_email(&format!("reader{i}@mail.test"))).unwrap();
        }
    }
    let mail_dir = db.scratch_dir().join("unused");
    let mut s = serve(db.url(), &mail_dir, &[("MAIL_URL", &sink.url())]);
    wait_healthy(&s.base).await;
    // Delivering, one email every 0.3 s: stop it in the middle.
    let start = Instant::now();
    while sink.messages().len() < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no email went out"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let pid = s.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "still running");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(status.code(), Some(0), "a clean exit");
    let delivered = sink.messages().len();
    assert!(delivered < EMAILS, "stopped before the end ({delivered})");
    // What went out is recorded as sent, once; the rest waits, unclaimed, for any instance.
    let mut conn = pool.get().unwrap();
    let sent: i64 = outbox::table
        .filter(outbox::sent_at.is_not_null())
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(
        sent as usize, delivered,
        "every email that went out is marked sent"
    );
    let held: i64 = outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::claimed_until.is_not_null())
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(held, 0, "none left claimed by the stopped worker");
    let mut to: Vec<String> = sink.messages().into_iter().flat_map(|m| m.to).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), delivered, "none sent twice");
    report(&format!(
        "SIGTERM while delivering: {delivered} of {EMAILS} emails out and marked sent, the \
         rest released, exit 0"
    ));
}

#[tokio::test]
async fn serve_waits_for_a_database_that_comes_up_late() {
    let db = TestDb::new();
    let TestDb::Postgres { url, .. } = &db else {
        report("PostgreSQL only (SQLite is a file of the process: it is there or not)");
        return;
    };
    drop(db.pool()); // migrated
    // The database is "down" (every connection closed at once) when serve starts.
    let (relay, parsed) = Relay::in_front_of(url).await;
    relay.cut();
    let port = free_port();
    let mut serve = crate::cli::clientele_command(
        parsed.as_str(),
        &["serve"],
        &[
            ("BIND", format!("127.0.0.1:{port}")),
            ("DB_WAIT", "30".into()),
            ("RUST_LOG", "warn".into()),
            ("MAIL_URL", "log".into()),
        ],
    )
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(serve.try_wait().unwrap().is_none(), "it waits, not exits");
    relay.mend();
    let healthz = format!("http://127.0.0.1:{port}/healthz");
    let started = Instant::now();
    loop {
        if let Ok(r) = reqwest::get(&healthz).await
            && r.status() == StatusCode::OK
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "serve never came up"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let came_up = started.elapsed();
    let _ = Command::new("kill")
        .args(["-TERM", &serve.id().to_string()])
        .status();
    let out = tokio::task::spawn_blocking(move || serve.wait_with_output().unwrap())
        .await
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let tries = err.matches("does not answer yet").count();
    assert!(tries >= 1, "{err}");
    // Each try said once (every 2 s), not a burst of pool errors.
    assert!(tries <= 3, "{tries} lines: {err}");
    report(&format!(
        "serve waited for the database: {tries} tries logged, up {} ms after it came back",
        came_up.as_millis()
    ));
}
