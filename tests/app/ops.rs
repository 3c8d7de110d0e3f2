//! Running it in production (issue 18): backups and restores, `/metrics`, request ids and
//! JSON logs, the operators' status page and `clientele check`, on both databases.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clientele::db::Backend;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::cli::run_with;
use crate::clients::full_form;
use crate::helpers::*;
use crate::smtp_sink::{SmtpSink, free_port};

const TOKEN: &str = "metrics-token-0123456789abcdef";

fn backend() -> Backend {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The binary run off the async executor (a test's SMTP server keeps answering meanwhile).
async fn clientele_cmd(db_url: &str, args: &[&str], env: &[(&str, String)]) -> Output {
    let db_url = db_url.to_owned();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let env: Vec<(&str, String)> = env.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        run_with(&db_url, &args, &env)
    })
    .await
    .unwrap()
}

/// Queues one email the way people do: a password reset asked for `email`.
async fn queue_an_email(app: &TestApp, email: &str) {
    let r = Browser::new(app)
        .post_form("/password/forgot", "/password/forgot", &[("email", email)])
        .await;
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "{}",
        r.status()
    );
    // The reset email is queued off the request's path (its timing tells nothing).
    let started = Instant::now();
    while queued(app) == 0 {
        assert!(started.elapsed() < Duration::from_secs(10), "never queued");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn queued(app: &TestApp) -> i64 {
    clientele::db::schema::outbox::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn sessions(app: &TestApp) -> i64 {
    clientele::db::schema::sessions::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

// --- /metrics ---------------------------------------------------------------------------

async fn scrape(app: &TestApp, authorization: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(app.url("/metrics"));
    if let Some(a) = authorization {
        req = req.header("Authorization", a);
    }
    req.send().await.unwrap()
}

/// The value of the sample that starts `prefix` (name and labels).
fn sample(text: &str, prefix: &str) -> f64 {
    let line = text
        .lines()
        .find(|l| l.starts_with(prefix) && l[prefix.len()..].starts_with(' '))
        .unwrap_or_else(|| panic!("no sample {prefix} in:\n{text}"));
    line[prefix.len()..].trim().parse().unwrap()
}

#[tokio::test]
async fn metrics_are_not_served_without_a_token() {
    let app = spawn_app().await;
    let bearer = format!("Bearer {TOKEN}");
    let r = scrape(&app, Some(&bearer)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn a_scrape_needs_the_token_and_finds_every_family() {
    let app = spawn_app_with(|c| {
        c.metrics_token = Some(TOKEN.into());
        // The scheduler runs its jobs at once, then every minute.
        c.background_jobs = true;
    })
    .await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let b = Browser::new(&app);
    for _ in 0..5 {
        let r = b.login("owner@acme.test", "a wrong password").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = b.login("owner@acme.test", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        app.get("/clients/4242/nothing-here").await.status(),
        StatusCode::NOT_FOUND
    );

    let sessions_before = sessions(&app);
    // Refused without the token, with a wrong one, or with another scheme.
    let wrong = format!("Bearer {TOKEN}x");
    let basic = format!("Basic {TOKEN}");
    for auth in [
        None,
        Some(wrong.as_str()),
        Some(basic.as_str()),
        Some("Bearer "),
    ] {
        let r = scrape(&app, auth).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{auth:?}");
        assert!(
            r.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer"),
        );
        assert!(!r.text().await.unwrap().contains("clientele_"));
    }

    let bearer = format!("Bearer {TOKEN}");
    let started = Instant::now();
    let text = loop {
        let r = scrape(&app, Some(&bearer)).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/plain; version=0.0.4")
        );
        let text = r.text().await.unwrap();
        if text.contains("clientele_job_runs_total{task=") {
            break text;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the scheduler's first run never showed:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // Requests by route pattern and status, and their latency.
    let login = r#"method="POST",route="/login""#;
    assert_eq!(
        sample(
            &text,
            &format!(r#"clientele_http_requests_total{{{login},status="422"}}"#)
        ),
        5.0
    );
    assert_eq!(
        sample(
            &text,
            &format!(r#"clientele_http_requests_total{{{login},status="429"}}"#)
        ),
        1.0
    );
    assert_eq!(
        sample(
            &text,
            r#"clientele_http_requests_total{method="GET",route="(unmatched)",status="404"}"#
        ),
        1.0
    );
    assert!(!text.contains("4242"), "paths' values stay out");
    assert_eq!(
        sample(
            &text,
            &format!("clientele_http_request_duration_seconds_count{{{login}}}")
        ),
        6.0
    );
    assert!(text.contains(&format!(
        r#"clientele_http_request_duration_seconds_bucket{{le="0.001",{login}}}"#
    )));
    // The pool: connections in use and idle, its size, checkouts' waits and timeouts.
    // (The scrape's own connection is back by the time it is written.)
    let in_use = sample(&text, r#"clientele_db_pool_connections{state="in_use"}"#);
    let idle = sample(&text, r#"clientele_db_pool_connections{state="idle"}"#);
    assert!(idle >= 1.0 && in_use + idle <= 4.0, "{in_use} {idle}");
    assert_eq!(sample(&text, "clientele_db_pool_max_connections"), 4.0);
    assert!(sample(&text, "clientele_db_pool_wait_seconds_count") > 0.0);
    assert_eq!(sample(&text, "clientele_db_pool_timeouts_total"), 0.0);
    // The outbox: how many wait, how long the oldest due one has.
    // (Their values: `the_outbox_gauges_count_what_waits`.)
    sample(&text, "clientele_outbox_depth");
    sample(&text, "clientele_outbox_oldest_due_seconds");
    assert_eq!(sample(&text, "clientele_database_up"), 1.0);
    // Jobs: every one ran once, none failed.
    for (name, _, _) in clientele::jobs::JOBS {
        let task = clientele::jobs::task_id(name);
        assert!(
            sample(
                &text,
                &format!(r#"clientele_job_runs_total{{task="{task}"}}"#)
            ) >= 1.0
        );
        assert_eq!(
            sample(
                &text,
                &format!(r#"clientele_job_failures_total{{task="{task}"}}"#)
            ),
            0.0
        );
    }
    // Prometheus reads it as it is: promtool finds nothing to say of the 0.0.4 text, and the
    // OpenMetrics reference parser takes what a scrape that asks for it gets (Debian's
    // promtool, 2.42, parses only the 0.0.4 text); no label is named `job`.
    assert!(!text.contains("{job=") && !text.contains(",job="));
    promtool_accepts(&text);
    let r = app
        .client
        .get(app.url("/metrics"))
        .header("Authorization", &bearer)
        .header(
            "Accept",
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5",
        )
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text; version=1.0.0")
    );
    let open_metrics = r.text().await.unwrap();
    assert!(open_metrics.ends_with("# EOF\n"));
    assert!(open_metrics.contains("clientele_build_info{version=\""));
    for family in [
        "process_resident_memory_bytes",
        "process_cpu_seconds_total",
        "process_open_fds",
        "process_start_time_seconds",
    ] {
        assert!(sample(&text, family) > 0.0, "{family}");
    }
    openmetrics_parser_accepts(&open_metrics);
    // Sign-ins: five wrong passwords, one refused unheard.
    assert_eq!(sample(&text, "clientele_sign_in_failures_total"), 5.0);
    assert_eq!(sample(&text, "clientele_sign_in_throttled_total"), 1.0);
    for family in [
        "http_requests",
        "http_request_duration_seconds",
        "db_pool_connections",
        "db_pool_max_connections",
        "db_pool_wait_seconds",
        "db_pool_timeouts",
        "outbox_depth",
        "outbox_oldest_due_seconds",
        "database_up",
        "job_runs",
        "job_failures",
        "sign_in_failures",
        "sign_in_throttled",
    ] {
        // Each family with its help: as OpenMetrics names it, and in the 0.0.4 text by the
        // name its samples carry (a counter's `_total`).
        assert!(
            open_metrics.contains(&format!("# HELP clientele_{family} ")),
            "{family}"
        );
        assert!(
            text.contains(&format!("# HELP clientele_{family} "))
                || text.contains(&format!("# HELP clientele_{family}_total ")),
            "{family}"
        );
    }
    // A scrape makes no session.
    assert_eq!(sessions(&app), sessions_before);
}

#[tokio::test]
async fn a_scrape_answers_while_the_database_does_not() {
    let app = spawn_app_with(|c| {
        c.metrics_token = Some(TOKEN.into());
        c.db_timeout = Duration::from_millis(300);
    })
    .await;
    // The scheme's case does not matter.
    let bearer = format!("bearer {TOKEN}");
    let text = scrape(&app, Some(&bearer)).await.text().await.unwrap();
    assert_eq!(sample(&text, "clientele_database_up"), 1.0);
    // Every connection taken: the scrape waits its timeout, then answers all the same.
    let held: Vec<_> = (0..4).map(|_| app.app_pool.get().unwrap()).collect();
    let r = scrape(&app, Some(&bearer)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    assert_eq!(sample(&text, "clientele_database_up"), 0.0);
    assert_eq!(sample(&text, "clientele_db_pool_timeouts_total"), 1.0);
    assert_eq!(
        sample(&text, r#"clientele_db_pool_connections{state="in_use"}"#),
        4.0
    );
    drop(held);
    let text = scrape(&app, Some(&bearer)).await.text().await.unwrap();
    assert_eq!(sample(&text, "clientele_database_up"), 1.0);
}

#[tokio::test]
async fn the_outbox_gauges_count_what_waits() {
    // No worker: what is queued stays queued.
    let app = spawn_app_with(|c| c.metrics_token = Some(TOKEN.into())).await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    queue_an_email(&app, "owner@acme.test").await;
    assert_eq!(queued(&app), 1);
    // Due a minute ago.
    diesel::update(clientele::db::schema::outbox::table)
        .set(
            clientele::db::schema::outbox::next_attempt_at
                .eq(clientele::db::now() - chrono::Duration::seconds(60)),
        )
        .execute(&mut app.conn())
        .unwrap();
    let bearer = format!("Bearer {TOKEN}");
    let text = scrape(&app, Some(&bearer)).await.text().await.unwrap();
    assert_eq!(sample(&text, "clientele_outbox_depth"), 1.0);
    let waited = sample(&text, "clientele_outbox_oldest_due_seconds");
    assert!((60.0..120.0).contains(&waited), "{waited}");
}

// --- request ids and JSON logs ------------------------------------------------------------

fn request_id(r: &reqwest::Response) -> String {
    r.headers()["x-request-id"].to_str().unwrap().to_owned()
}

fn made_here(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

async fn get_with_id(app: &TestApp, path: &str, id: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("X-Request-Id", id)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_answer_carries_a_request_id_that_error_pages_show() {
    let app = spawn_app().await;
    let first = request_id(&app.get("/login").await);
    let second = request_id(&app.get("/login").await);
    assert!(made_here(&first) && made_here(&second) && first != second);

    // A proxy's id is kept; one that is not a plain token is replaced, not echoed.
    let kept = get_with_id(&app, "/login", "edge-7f3a.42_b").await;
    assert_eq!(request_id(&kept), "edge-7f3a.42_b");
    for bad in ["two words", "<script>", &"x".repeat(65), ""] {
        let r = get_with_id(&app, "/login", bad).await;
        let id = request_id(&r);
        assert!(made_here(&id), "{bad:?} gave {id:?}");
        assert!(!r.text().await.unwrap().contains("<script>"));
    }

    // Error pages say it, for the user to quote.
    let r = get_with_id(&app, "/no/such/page", "quote-me-123").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(request_id(&r), "quote-me-123");
    let html = r.text().await.unwrap();
    assert!(
        html.contains(
            r#"<p class="muted error-reference">Reference for support: quote-me-123</p>"#
        ),
        "{html}"
    );
    // A handler's refusal too (a group that is not theirs), signed in, in their language.
    let (_, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let (other, _) = make_group(&mut app.conn(), "Other", "owner@other.test");
    app.login("owner@acme.test", PASSWORD).await;
    let r = get_with_id(&app, &format!("/groups/{other}/clients"), "foreign-1").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(request_id(&r), "foreign-1");
    assert!(r.text().await.unwrap().contains("foreign-1"));
    // And a method no route takes (answered before a handler runs).
    let r = app
        .client
        .delete(app.url("/login"))
        .header("X-Request-Id", "method-1")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    assert_eq!(request_id(&r), "method-1");
    assert!(r.text().await.unwrap().contains("method-1"));
}

/// `clientele serve` with `LOG_FORMAT=json`: every line on stderr is one JSON object, and
/// each request's line has its route pattern, status, latency and id.
#[tokio::test]
async fn json_logs_are_one_object_a_line_with_each_requests_fields() {
    let db = TestDb::new();
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db.url())
        .env("BIND", format!("127.0.0.1:{port}"))
        .env("BASE_URL", "http://clientele.test")
        .env("SESSION_KEY", "s".repeat(64))
        .env(
            "MAIL_URL",
            format!("file://{}", db.scratch_dir().join("mail").display()),
        )
        .env("BCRYPT_COST", "4")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info,actix_server=warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let base = format!("http://127.0.0.1:{port}");
    {
        let client = reqwest::Client::new();
        let started = Instant::now();
        while !client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
        {
            assert!(started.elapsed() < Duration::from_secs(30), "never served");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        for (path, id) in [
            ("/login", "json-probe-1"),
            ("/clients/77/nowhere", "json-probe-2"),
        ] {
            client
                .get(format!("{base}{path}"))
                .header("X-Request-Id", id)
                .send()
                .await
                .unwrap();
        }
        let r = client.get(format!("{base}/login")).send().await.unwrap();
        let made = request_id(&r);
        // Lines logged while a request is answered carry its id: the sixth sign-in for
        // one address is refused unheard, and says so in the log.
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let browser = new_client(jar);
        let token = csrf_token(
            &browser
                .get(format!("{base}/login"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
        );
        for i in 0..6 {
            browser
                .post(format!("{base}/login"))
                .header("X-Request-Id", format!("sign-in-{i}"))
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("email", "nobody@acme.test"),
                    ("password", "a wrong password"),
                ])
                .send()
                .await
                .unwrap();
        }
        drop(browser);
        // Stopped as a service manager stops it (the client's connections closed first).
        drop(client);
        let stopped = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(stopped.success());
        let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
            .await
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        let lines: Vec<serde_json::Value> = stderr
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        for line in &lines {
            for field in ["timestamp", "level", "target"] {
                assert!(line[field].is_string(), "{field} in {line}");
            }
        }
        let access = |id: &str| {
            lines
                .iter()
                .find(|l| l["target"] == "clientele::access" && l["request_id"] == id)
                .unwrap_or_else(|| panic!("no access line for {id} in:\n{stderr}"))
                .clone()
        };
        let ok = access("json-probe-1");
        assert_eq!(ok["level"], "INFO");
        assert_eq!(ok["method"], "GET");
        assert_eq!(ok["route"], "/login");
        assert_eq!(ok["status"], 200);
        assert!(ok["latency_ms"].as_f64().unwrap() >= 0.0);
        let missing = access("json-probe-2");
        assert_eq!(missing["route"], "(unmatched)");
        assert_eq!(missing["status"], 404);
        assert_eq!(access(&made)["route"], "/login");
        assert_eq!(access("sign-in-5")["status"], 429);
        let throttled = lines
            .iter()
            .find(|l| l["message"] == "sign-in throttled")
            .unwrap_or_else(|| panic!("no throttle line in:\n{stderr}"));
        assert_eq!(throttled["span"]["request_id"], "sign-in-5", "{throttled}");
        assert!(!stderr.contains("a wrong password"));
        // The start and the stop are lines like the others.
        assert!(lines.iter().any(|l| l["message"] == "Clientele is serving"
            && l["listening"] == format!("127.0.0.1:{port}")));
        assert!(lines.iter().any(|l| l["message"] == "stopped"));
    }
    // A command that fails says so in a JSON line too, whatever RUST_LOG lets through.
    let out = clientele_cmd(
        db.url(),
        &["migrate"],
        &[
            ("LOG_FORMAT", "json".to_owned()),
            ("BCRYPT_COST", "99".to_owned()),
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let line: serde_json::Value = serde_json::from_str(stderr.trim()).expect(&stderr);
    assert_eq!(line["level"], "ERROR");
    assert_eq!(line["message"], "BCRYPT_COST: 99 is outside 4–31");
}

// --- the status page ------------------------------------------------------------------------

/// The text of the element with `id` (its first line of markup).
fn by_id(html: &str, id: &str) -> String {
    let start = html
        .find(&format!(r#"id="{id}""#))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &html[start..];
    let body = &rest[rest.find('>').unwrap() + 1..];
    html_unescape(&body[..body.find("</dd>").or(body.find("</table>")).unwrap()])
}

#[tokio::test]
async fn the_status_page_shows_operators_the_installation_and_nobody_else() {
    let app = spawn_app().await;
    let (g1, _) = make_group(&mut app.conn(), "Operators", "op@ops.test");
    make_member(&mut app.conn(), g1, "admin@ops.test", "admin");
    make_member(&mut app.conn(), g1, "sam@ops.test", "seller");
    queue_an_email(&app, "sam@ops.test").await;
    let (g2, _) = make_group(&mut app.conn(), "Reseller", "owner@resell.test");
    // The scheduler's run, as `serve` does it.
    let report = clientele::jobs::run_all(
        &mut app.conn(),
        clientele::db::now(),
        "http://clientele.test",
    )
    .unwrap();
    assert_eq!(report.failures().count(), 0, "{report}");

    let op = Browser::new(&app);
    op.login("op@ops.test", PASSWORD).await;
    let page = format!("/groups/{g1}/system");
    let clients = op.get_html(&format!("/groups/{g1}/clients")).await;
    assert!(
        clients.contains(&format!(r#"href="{page}""#)),
        "in the menu"
    );
    let html = op.get_html(&page).await;
    assert!(html.contains("<h1>System status</h1>"));
    assert_eq!(by_id(&html, "system-version"), env!("CARGO_PKG_VERSION"));
    assert!(by_id(&html, "system-uptime").ends_with(" min"));
    let kind = if backend() == Backend::Postgres {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    assert_eq!(by_id(&html, "system-database-kind"), kind);
    let size = by_id(&html, "system-database-size");
    assert!(size.ends_with("KiB") || size.ends_with("MiB"), "{size}");
    assert_eq!(
        by_id(&html, "system-migrations"),
        clientele::db::migration_versions(backend())
            .len()
            .to_string()
    );
    // Sam's reset email waits in the outbox (no worker here), due at once.
    let outbox = by_id(&html, "system-outbox");
    assert!(outbox.starts_with("1 · the oldest due since "), "{outbox}");
    assert!(by_id(&html, "system-transport").contains("file://"));
    assert_eq!(
        by_id(&html, "system-mail-error"),
        "None since this instance started"
    );
    let jobs = by_id(&html, "system-jobs");
    for key in [
        "Expired sessions removed",
        "Invitations expired",
        "Clients deleted after their 10 days",
    ] {
        assert!(jobs.contains(key), "{key}");
    }
    assert_eq!(
        jobs.matches("OK · ").count(),
        clientele::jobs::JOBS.len(),
        "{jobs}"
    );
    assert!(!jobs.contains("Not run yet"));

    // Nobody else: the group's admin and seller, another group's owner, the operator on
    // another group's address.
    for (email, gid) in [
        ("admin@ops.test", g1),
        ("sam@ops.test", g1),
        ("owner@resell.test", g2),
        ("op@ops.test", g2),
    ] {
        let b = Browser::new(&app);
        b.login(email, PASSWORD).await;
        let r = b.get(&format!("/groups/{gid}/system")).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{email} on group {gid}");
        if email != "op@ops.test" {
            let menu = b.get_html(&format!("/groups/{gid}/clients")).await;
            assert!(!menu.contains("/system\""), "{email}: no menu entry");
        }
    }

    // `create-group --operator` makes another operator group.
    let out = clientele_cmd(
        app.db_url(),
        &[
            "create-group",
            "--name",
            "Second site",
            "--owner-email",
            "ops2@ops.test",
            "--owner-password",
            PASSWORD,
            "--operator",
        ],
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    let g3: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let b = Browser::new(&app);
    b.login("ops2@ops.test", PASSWORD).await;
    assert_eq!(
        b.get(&format!("/groups/{g3}/system")).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_status_page_shows_a_failed_job_and_the_last_mail_error() {
    // Mail to a port nobody listens on; the scheduler and the mail worker on.
    let dead = format!("smtp://127.0.0.1:{}", free_port());
    let app = spawn_app_with(|c| {
        c.mail = clientele::config::MailUrl::parse(&dead).unwrap();
        c.background_jobs = true;
    })
    .await;
    let (g1, _) = make_group(&mut app.conn(), "Operators", "op@ops.test");
    // A job that failed, as another instance recorded it after this one's first run.
    let started = Instant::now();
    while clientele::models::operations::all(&mut app.conn())
        .unwrap()
        .len()
        < clientele::jobs::JOBS.len()
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the jobs never ran"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    clientele::models::operations::record(
        &mut app.conn(),
        &clientele::models::operations::JobRun {
            job: "invitations expired".into(),
            started_at: clientele::db::now(),
            finished_at: clientele::db::now(),
            ok: false,
            rows_affected: 0,
            error: Some("database is locked".into()),
        },
    )
    .unwrap();
    let op = Browser::new(&app);
    op.login("op@ops.test", PASSWORD).await;
    queue_an_email(&app, "op@ops.test").await;
    let page = format!("/groups/{g1}/system");
    let started = Instant::now();
    let html = loop {
        let html = op.get_html(&page).await;
        if !by_id(&html, "system-mail-error").starts_with("None") {
            break html;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the failed send never showed"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let error = by_id(&html, "system-mail-error");
    assert!(error.contains("SMTP"), "{error}");
    let transport = by_id(&html, "system-transport");
    assert!(transport.contains(&dead), "{transport}");
    let jobs = by_id(&html, "system-jobs");
    assert!(jobs.contains("Failed"), "{jobs}");
    assert!(jobs.contains("database is locked"), "{jobs}");
}

// --- scheduled jobs ----------------------------------------------------------------------

#[tokio::test]
async fn a_failing_job_is_recorded_and_the_others_still_run() {
    let db = TestDb::new();
    let pool = db.pool();
    // The sweep of old failed sign-ins loses its table; the other jobs do not use it.
    diesel::sql_query("ALTER TABLE sign_in_failures RENAME TO sign_in_failures_away")
        .execute(&mut pool.get().unwrap())
        .unwrap();
    let mail = [("MAIL_URL", format!("file://{}", db.scratch_dir().display()))];
    let out = clientele_cmd(db.url(), &["jobs", "--once"], &mail).await;
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("old failed sign-ins removed: FAILED ("),
        "{said}"
    );
    assert!(said.contains("expired sessions removed: 0"), "{said}");
    assert!(
        said.contains("clients deleted after their 10 days: 0"),
        "{said}"
    );
    assert!(
        said.contains(r#"job "old failed sign-ins removed" failed"#),
        "{said}"
    );
    let runs = clientele::models::operations::all(&mut pool.get().unwrap()).unwrap();
    assert_eq!(runs.len(), clientele::jobs::JOBS.len());
    for run in runs {
        let failed = run.job == "old failed sign-ins removed";
        assert_eq!(run.ok, !failed, "{}", run.job);
        assert_eq!(run.error.is_some(), failed, "{}", run.job);
    }
    drop(pool);

    // Served, the scheduler's run counts the failure in the metrics, and only that one.
    let mut config = test_config(&db);
    config.metrics_token = Some(TOKEN.into());
    config.background_jobs = true;
    let app = spawn_on(db, config).await;
    let bearer = format!("Bearer {TOKEN}");
    let started = Instant::now();
    let text = loop {
        let text = scrape(&app, Some(&bearer)).await.text().await.unwrap();
        let counted = |(name, _, _): &(&str, _, _)| {
            let task = clientele::jobs::task_id(name);
            text.contains(&format!(r#"clientele_job_failures_total{{task="{task}"}}"#))
        };
        if clientele::jobs::JOBS.iter().all(counted) {
            break text;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no run:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    for (name, _, _) in clientele::jobs::JOBS {
        let failed = *name == "old failed sign-ins removed";
        let task = clientele::jobs::task_id(name);
        let metric =
            |family: &str| sample(&text, &format!(r#"clientele_{family}{{task="{task}"}}"#));
        assert_eq!(metric("job_runs_total"), 1.0, "{name}");
        assert_eq!(
            metric("job_failures_total"),
            f64::from(u8::from(failed)),
            "{name}"
        );
    }
}

// --- clientele check ----------------------------------------------------------------------

#[tokio::test]
async fn check_reaches_the_database_and_the_mail_server_and_exits_by_what_it_found() {
    let db = TestDb::new();
    drop(db.pool()); // migrated
    let sink = SmtpSink::start().await;
    let good = [
        ("MAIL_URL", sink.url()),
        ("BASE_URL", "https://console.example.com".to_owned()),
    ];
    let out = clientele_cmd(db.url(), &["check"], &good).await;
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    let kind = if backend() == Backend::Postgres {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    assert!(said.contains(&format!("ok    database: {kind} ")), "{said}");
    assert!(said.contains("migrations applied"), "{said}");
    assert!(said.contains("ok    mail: smtp://127.0.0.1:"), "{said}");
    assert!(!said.contains("FAIL"), "{said}");
    assert!(sink.received.lock().unwrap().is_empty(), "nothing was sent");

    // The mail server does not answer.
    let dead = [
        ("MAIL_URL", format!("smtp://127.0.0.1:{}", free_port())),
        ("BASE_URL", "https://console.example.com".to_owned()),
    ];
    let out = clientele_cmd(db.url(), &["check"], &dead).await;
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("FAIL  MAIL_URL: cannot reach smtp://127.0.0.1:"),
        "{said}"
    );
    assert!(
        said.contains("ok    database:"),
        "the rest is still checked: {said}"
    );
    assert!(said.contains("the check found 1 problem"), "{said}");

    // Settings that are wrong: each is said, not only the first.
    let mut bad = good.to_vec();
    bad.push(("BCRYPT_COST", "99".to_owned()));
    bad.push(("METRICS_TOKEN", "short".to_owned()));
    bad.push(("LOG_FORMAT", "xml".to_owned()));
    bad.push(("BIND", "127.0.0.1:http".to_owned()));
    let out = clientele_cmd(db.url(), &["check"], &bad).await;
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("FAIL  BCRYPT_COST: 99 is outside 4–31"),
        "{said}"
    );
    assert!(
        said.contains("FAIL  METRICS_TOKEN: must be at least 24"),
        "{said}"
    );
    // Even the settings read before the check starts (the log format) are its to say.
    assert!(
        said.contains(r#"FAIL  LOG_FORMAT: "xml" is not text or json"#),
        "{said}"
    );
    assert!(said.contains("FAIL  BIND: "), "{said}");
    assert!(!said.contains("short"), "a secret is not repeated: {said}");
    assert!(said.contains("the check found 4 problems"), "{said}");
    // Emails kept in files are not a failure, but said.
    let files = [("MAIL_URL", format!("file://{}", db.scratch_dir().display()))];
    let out = clientele_cmd(db.url(), &["check"], &files).await;
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("warn  MAIL_URL: file://"), "{said}");
    assert!(said.contains("warn  BASE_URL: "), "{said}");

    // The database does not answer.
    let unreachable = match backend() {
        Backend::Postgres => format!("postgres://postgres@127.0.0.1:{}/clientele", free_port()),
        Backend::Sqlite => {
            let junk = db.scratch_dir().join("not-a-database.db");
            std::fs::write(&junk, "this is not a database, it is a text file").unwrap();
            format!("sqlite://{}", junk.display())
        }
    };
    let out = clientele_cmd(&unreachable, &["check"], &good).await;
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("FAIL  DATABASE_URL: cannot reach"), "{said}");
    assert!(said.contains("ok    mail:"), "{said}");
}

// --- backups --------------------------------------------------------------------------------

/// Four writers adding clients over HTTP, as people do, each write noted with the instant
/// it was acknowledged; `start` returns once 40 are.
struct WriteLoad {
    acked: Arc<Mutex<Vec<(String, Instant)>>>,
    stop: Arc<AtomicBool>,
    writers: Vec<tokio::task::JoinHandle<()>>,
}

impl WriteLoad {
    async fn start(app: &TestApp, gid: i64) -> WriteLoad {
        let token = csrf_token(&app.get_html(&format!("/groups/{gid}/clients/new")).await);
        let acked: Arc<Mutex<Vec<(String, Instant)>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let (client, url) = (
                    app.client.clone(),
                    app.url(&format!("/groups/{gid}/clients")),
                );
                let (token, acked, stop) = (token.clone(), acked.clone(), stop.clone());
                tokio::spawn(async move {
                    let mut i = 0;
                    while !stop.load(Ordering::Relaxed) {
                        let name = format!("Load {w}-{i}");
                        let email = format!("owner-{w}-{i}@load.test");
                        // The group's own identifiers are unique: left out.
                        let mut form = full_form(&name, &email);
                        form.retain(|(k, _)| !["custom_id", "unique_identifier"].contains(k));
                        form.push(("csrf_token", &token));
                        let r = client.post(&url).form(&form).send().await.unwrap();
                        if r.status() != StatusCode::SEE_OTHER {
                            let html = r.text().await.unwrap();
                            let errors: Vec<&str> = html
                                .split(r#"class="field-error""#)
                                .skip(1)
                                .map(|e| &e[..e.find("</").unwrap_or(e.len())])
                                .collect();
                            panic!("{name}: {errors:?}");
                        }
                        acked.lock().unwrap().push((name, Instant::now()));
                        i += 1;
                    }
                })
            })
            .collect();
        let load_began = Instant::now();
        while acked.lock().unwrap().len() < 40 {
            assert!(
                load_began.elapsed() < Duration::from_secs(60)
                    && writers.iter().all(|w| !w.is_finished()),
                "the writers stopped"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        WriteLoad {
            acked,
            stop,
            writers,
        }
    }

    /// Goes on a little after the backup, then stops: every write acknowledged, in order.
    async fn stop(self) -> Vec<(String, Instant)> {
        tokio::time::sleep(Duration::from_millis(200)).await;
        self.stop.store(true, Ordering::Relaxed);
        for w in self.writers {
            w.await.unwrap();
        }
        self.acked.lock().unwrap().clone()
    }
}

fn client_names(conn: &mut diesel::SqliteConnection) -> BTreeSet<String> {
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    diesel::sql_query("SELECT name FROM accounts WHERE kind = 'client'")
        .load::<Name>(conn)
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect()
}

/// The databases restores kept in `dir` when they replaced `db_name` (their `-wal`s aside).
fn kept_beside(dir: &Path, db_name: &str) -> Vec<std::path::PathBuf> {
    let prefix = format!("{db_name}.before-restore-");
    let mut kept: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(&prefix) && !name.ends_with("-wal")
        })
        .collect();
    kept.sort();
    kept
}

fn open_sqlite(path: &Path) -> diesel::SqliteConnection {
    diesel::SqliteConnection::establish(&path.to_string_lossy()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_write_load_holds_every_acknowledged_write_and_restores() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("acme.backup");
    let copy_arg = copy.to_string_lossy().into_owned();

    // Four writers add clients over HTTP, as people do, until told to stop.
    let load = WriteLoad::start(&app, gid).await;
    if backend() == Backend::Postgres {
        return postgres_backup_says_pg_dump(&app, &copy, load).await;
    }
    let started = Instant::now();
    let out = clientele_cmd(app.db_url(), &["backup", "--to", &copy_arg], &[]).await;
    let finished = Instant::now();
    let acked = load.stop().await;
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("clients, integrity ok"), "{said}");
    let partials: Vec<_> = std::fs::read_dir(copy.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial"))
        .collect();
    assert!(
        partials.is_empty(),
        "nothing half made is left: {partials:?}"
    );

    let before: Vec<&String> = acked
        .iter()
        .filter(|(_, t)| *t < started)
        .map(|(n, _)| n)
        .collect();
    let during = acked
        .iter()
        .filter(|(_, t)| *t >= started && *t <= finished)
        .count();
    let all: BTreeSet<&String> = acked.iter().map(|(n, _)| n).collect();
    let in_copy = client_names(&mut open_sqlite(&copy));
    for name in &before {
        assert!(
            in_copy.contains(*name),
            "{name} was acknowledged before the backup"
        );
    }
    for name in &in_copy {
        assert!(all.contains(name), "{name} in the copy was never written");
    }
    assert!(
        said.contains(&format!("{} clients", in_copy.len())),
        "{said}"
    );
    let live = client_names(&mut open_sqlite(Path::new(
        app.db_url().strip_prefix("sqlite://").unwrap(),
    )));
    assert_eq!(live.len(), acked.len(), "the server lost nothing meanwhile");
    report(&format!(
        "backup under load: {} writes acknowledged before it, {during} during it ({} ms), {} in the copy, {} in all",
        before.len(),
        (finished - started).as_millis(),
        in_copy.len(),
        acked.len()
    ));

    // A backup never overwrites a file.
    let again = clientele_cmd(app.db_url(), &["backup", "--to", &copy_arg], &[]).await;
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("exists"), "{}", text(&again));

    // The running server's database is not replaced under it.
    let refused = clientele_cmd(app.db_url(), &["restore", "--from", &copy_arg], &[]).await;
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).contains("a running server or command holds"),
        "{}",
        text(&refused)
    );
    assert_eq!(
        client_names(&mut open_sqlite(Path::new(
            app.db_url().strip_prefix("sqlite://").unwrap()
        )))
        .len(),
        acked.len()
    );

    // Restored on another machine: a database with what the copy holds, that serves.
    let restored = dir.path().join("restored.db");
    let restored_url = format!("sqlite://{}", restored.display());
    let out = clientele_cmd(&restored_url, &["restore", "--from", &copy_arg], &[]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(client_names(&mut open_sqlite(&restored)), in_copy);
    // Restored again over it: the database it replaced is kept beside it.
    let out = clientele_cmd(&restored_url, &["restore", "--from", &copy_arg], &[]).await;
    assert!(out.status.success(), "{}", text(&out));
    let kept = kept_beside(dir.path(), "restored.db");
    assert_eq!(kept.len(), 1);
    assert_eq!(client_names(&mut open_sqlite(&kept[0])), in_copy);
    // What is not a backup is refused before anything is touched.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    let out = clientele_cmd(
        &restored_url,
        &["restore", "--from", &junk.to_string_lossy()],
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("--from:"), "{}", text(&out));
    assert_eq!(client_names(&mut open_sqlite(&restored)), in_copy);
    assert!(!dir.path().join("restored.db.restoring").exists());

    // The restored database serves: its owner signs in and sees the clients.
    let served = spawn_on_file(&restored_url).await;
    served.login("owner@acme.test", PASSWORD).await;
    let html = served.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(html.contains(before[0].as_str()));
}

/// What a restore refuses, what it keeps, and who may read a backup (SQLite: on
/// PostgreSQL both commands are PostgreSQL's own, tested above).
#[tokio::test]
async fn a_restore_checks_its_copy_keeps_even_a_damaged_database_and_backups_are_private() {
    if backend() == Backend::Postgres {
        return;
    }
    let db = TestDb::new();
    let pool = db.pool();
    let (gid, _) = make_group(&mut pool.get().unwrap(), "Acme", "owner@acme.test");
    for name in ["One", "Two", "Three"] {
        make_client(&mut pool.get().unwrap(), gid, name);
    }
    drop(pool);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("acme.backup");
    let copy_arg = copy.to_string_lossy().into_owned();
    let out = clientele_cmd(db.url(), &["backup", "--to", &copy_arg], &[]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains(", 3 clients, integrity ok"),
        "{}",
        text(&out)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only its owner reads a backup");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("acme.backup")]);

    // A backup made by a newer version is refused, and the file given is never written to.
    let newer = dir.path().join("newer.backup");
    std::fs::copy(&copy, &newer).unwrap();
    diesel::sql_query("INSERT INTO __diesel_schema_migrations (version) VALUES ('29991231000000')")
        .execute(&mut open_sqlite(&newer))
        .unwrap();
    let target = dir.path().join("target.db");
    let target_url = format!("sqlite://{}", target.display());
    let newer_bytes = std::fs::read(&newer).unwrap();
    let out = clientele_cmd(
        &target_url,
        &["restore", "--from", &newer.to_string_lossy()],
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("made by a newer Clientele (migration 29991231000000)"),
        "{}",
        text(&out)
    );
    assert_eq!(std::fs::read(&newer).unwrap(), newer_bytes);
    assert!(!target.exists(), "nothing was put in place");

    // A database too damaged to be read is replaced all the same, and kept byte for byte.
    let damage: Vec<u8> = (0..16384u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&target, &damage).unwrap();
    let out = clientele_cmd(&target_url, &["restore", "--from", &copy_arg], &[]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(client_names(&mut open_sqlite(&target)).len(), 3);
    let kept = kept_beside(dir.path(), "target.db");
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), damage);
    assert!(!dir.path().join("target.db.restoring").exists());

    // Any process that has the database open holds its lock: a restore waits for none.
    let held =
        clientele::ops::hold_while_open(&clientele::db::DatabaseUrl::parse(&target_url).unwrap())
            .unwrap();
    let out = clientele_cmd(&target_url, &["restore", "--from", &copy_arg], &[]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("holds"), "{}", text(&out));
    drop(held);
    // Restores in quick succession (often within one second) each keep what they replace,
    // under a name of its own: the damaged database kept first is still there as it was.
    for _ in 0..2 {
        let out = clientele_cmd(&target_url, &["restore", "--from", &copy_arg], &[]).await;
        assert!(out.status.success(), "{}", text(&out));
    }
    let kept = kept_beside(dir.path(), "target.db");
    assert_eq!(kept.len(), 3, "{kept:?}");
    let damaged = kept
        .iter()
        .filter(|p| std::fs::read(p).unwrap() == damage)
        .count();
    assert_eq!(damaged, 1, "the damaged database is kept as it was");
    for p in &kept {
        if std::fs::read(p).unwrap() != damage {
            assert_eq!(client_names(&mut open_sqlite(p)).len(), 3);
        }
    }
}

/// A command (or a server) that starts while a restore holds the database waits for it,
/// then opens the restored file.
#[test]
fn a_command_started_during_a_restore_waits_for_it() {
    if backend() == Backend::Postgres {
        return;
    }
    let db = TestDb::new();
    drop(db.pool());
    let file = db.url().strip_prefix("sqlite://").unwrap().to_owned();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(format!("{file}-serve.lock"))
        .unwrap();
    lock.lock().unwrap(); // as `restore` holds it
    let url = db.url().to_owned();
    let migrate = std::thread::spawn(move || run_with(&url, &["migrate"], &[]));
    std::thread::sleep(Duration::from_millis(700));
    assert!(!migrate.is_finished(), "it waits for the restore");
    lock.unlock().unwrap();
    let out = migrate.join().unwrap();
    assert!(out.status.success(), "{}", text(&out));
}

/// An app on an existing SQLite file (not a fresh test database).
async fn spawn_on_file(url: &str) -> TestApp {
    let db = TestDb::new();
    let mut config = test_config(&db);
    config.database = clientele::db::DatabaseUrl::parse(url).unwrap();
    spawn_on(db, config).await
}

/// On PostgreSQL, with its tools installed, `backup` runs `pg_dump` (exit 0, a file only
/// its owner reads, never over an existing one) and `restore` runs `pg_restore`; without
/// them (not on the PATH), both print the line to run, alone on stdout, and exit 1, and the
/// lines work. The dump, made under the write load, holds every write acknowledged before it
/// began and is restored into an empty database.
async fn postgres_backup_says_pg_dump(app: &TestApp, copy: &Path, load: WriteLoad) {
    use std::os::unix::fs::PermissionsExt;
    let copy_arg = copy.to_string_lossy().into_owned();
    let started = Instant::now();
    let out = clientele_cmd(app.db_url(), &["backup", "--to", &copy_arg], &[]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let acked = load.stop().await;
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!("backup written to {copy_arg}")),
        "{}",
        text(&out)
    );
    let meta = std::fs::metadata(copy).unwrap();
    assert!(meta.len() > 0);
    assert_eq!(meta.permissions().mode() & 0o777, 0o600, "private");
    // Never over a file: the same name again is refused, the dump untouched.
    let again = clientele_cmd(app.db_url(), &["backup", "--to", &copy_arg], &[]).await;
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again).contains("never overwrites"),
        "{}",
        text(&again)
    );
    assert_eq!(std::fs::metadata(copy).unwrap().len(), meta.len());

    // Without the tools on the PATH: the lines to run, which work.
    let no_tools = [("PATH", "/nonexistent".to_owned())];
    let elsewhere = copy.with_extension("by-hand");
    let elsewhere_arg = elsewhere.to_string_lossy().into_owned();
    let out = clientele_cmd(app.db_url(), &["backup", "--to", &elsewhere_arg], &no_tools).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let line = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(
        line.starts_with("pg_dump --format=custom --dbname='postgres://")
            && line.ends_with(&format!("--file='{elsewhere_arg}'")),
        "{line}"
    );
    assert!(text(&out).contains("with the line above"), "{}", text(&out));
    // The password, if the test server has one, is not in the line: it goes as PGPASSWORD.
    let password = url::Url::parse(app.db_url())
        .ok()
        .and_then(|u| u.password().map(str::to_owned))
        .unwrap_or_default();
    assert!(password.is_empty() || !line.contains(&password), "{line}");
    let run = |line: &str| {
        let ran = Command::new("sh")
            .arg("-c")
            .arg(line)
            .env("PGPASSWORD", &password)
            .output()
            .unwrap();
        assert!(ran.status.success(), "{line}: {}", text(&ran));
    };
    run(&line);
    assert!(std::fs::metadata(&elsewhere).unwrap().len() > 0);
    let fresh_by_hand = TestDb::new();
    let out = clientele_cmd(
        fresh_by_hand.url(),
        &["restore", "--from", &copy_arg],
        &no_tools,
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let line = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(
        line.starts_with(
            "pg_restore --clean --if-exists --no-owner --single-transaction --dbname='postgres://"
        ) && line.ends_with(&format!(" -- '{copy_arg}'")),
        "{line}"
    );
    run(&line);

    // Restored by the command into a new, empty database: its clients are the dump's.
    make_group(&mut app.conn(), "Acme again", "again@acme.test");
    let fresh = TestDb::new();
    let out = clientele_cmd(fresh.url(), &["restore", "--from", &copy_arg], &[]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("restored"), "{}", text(&out));
    use clientele::db::schema::accounts;
    let names = |conn: &mut clientele::db::DbConn| -> Vec<String> {
        accounts::table
            .filter(accounts::kind.eq("group"))
            .order_by(accounts::id)
            .select(accounts::name)
            .load(conn)
            .unwrap()
    };
    let restored = names(&mut fresh.pool().get().unwrap());
    assert_eq!(
        restored,
        ["Acme"],
        "the dump is as of the backup, not after"
    );
    let in_copy: BTreeSet<String> = accounts::table
        .filter(accounts::kind.eq("client"))
        .select(accounts::name)
        .load(&mut fresh.pool().get().unwrap())
        .unwrap()
        .into_iter()
        .collect();
    let all: BTreeSet<&String> = acked.iter().map(|(n, _)| n).collect();
    let before = acked.iter().filter(|(_, t)| *t < started).count();
    for (name, _) in acked.iter().filter(|(_, t)| *t < started) {
        assert!(
            in_copy.contains(name),
            "{name} was acknowledged before the dump"
        );
    }
    for name in &in_copy {
        assert!(all.contains(name), "{name} in the dump was never written");
    }
    report(&format!(
        "pg_dump under load: {before} writes acknowledged before it, {} in the dump, {} in all",
        in_copy.len(),
        acked.len()
    ));
}

/// `promtool check metrics` (Debian's `prometheus` package, which `./test` installs) reads
/// `text` and finds nothing to say: no parse error, no lint.
fn promtool_accepts(text: &str) {
    let out = run_with_stdin("promtool", &["check", "metrics"], text);
    assert!(
        out.status.success() && out.stdout.is_empty(),
        "promtool: {}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The OpenMetrics reference parser (the Python `prometheus_client`'s, strict: `# EOF`,
/// families, suffixes, label syntax), which `./test` installs, reads `text` without error.
fn openmetrics_parser_accepts(text: &str) {
    let out = run_with_stdin(
        "python3",
        &[
            "-c",
            "import sys\n\
             from prometheus_client.openmetrics.parser import text_string_to_metric_families\n\
             families = list(text_string_to_metric_families(sys.stdin.read()))\n\
             print(len(families))",
        ],
        text,
    );
    assert!(
        out.status.success(),
        "the OpenMetrics parser: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    let families: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!(families >= 15, "{families} families");
}
