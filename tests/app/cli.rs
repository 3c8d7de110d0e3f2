//! The `clientele` command: migrations on both backends, create-group, jobs, bad settings.

use std::process::{Command, Output};

use reqwest::StatusCode;

use crate::helpers::*;

/// The binary with a clean environment: the test database, a valid key, the minimum
/// bcrypt cost and quiet logs, then `env` on top (to run, or to spawn and watch).
pub fn clientele_command(db_url: &str, args: &[&str], env: &[(&str, String)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clientele"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db_url)
        .env("BCRYPT_COST", "4")
        .env("SESSION_KEY", "k".repeat(64))
        .env("RUST_LOG", "off");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Runs [`clientele_command`] to its end.
pub fn run_with(db_url: &str, args: &[&str], env: &[(&str, String)]) -> Output {
    clientele_command(db_url, args, env)
        .output()
        .expect("the binary runs")
}

fn clientele(db_url: &str, args: &[&str]) -> Output {
    run_with(db_url, args, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn many_processes_started_at_once_on_a_fresh_database_all_succeed() {
    // The issue's finding: four `migrate` at once, two or three failed ("already exists").
    // Now one migrates while the others wait, then finds nothing left to do.
    for round in 0..2 {
        let db = TestDb::new();
        let runs: Vec<std::process::Child> = (0..4)
            .map(|_| {
                clientele_command(db.url(), &["migrate"], &[])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("the binary runs")
            })
            .collect();
        // Two `serve` started with them (the issue's other finding: one exited 1).
        let ports = [crate::smtp_sink::free_port(), crate::smtp_sink::free_port()];
        let mut serves: Vec<std::process::Child> = ports
            .iter()
            .map(|port| {
                clientele_command(
                    db.url(),
                    &["serve"],
                    &[("BIND", format!("127.0.0.1:{port}"))],
                )
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("the binary runs")
            })
            .collect();
        for run in runs {
            let out = run.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
        }
        for (serve, port) in serves.iter_mut().zip(ports) {
            let started = std::time::Instant::now();
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(
                    serve.try_wait().unwrap().is_none(),
                    "round {round}: a serve started with the others exited"
                );
                assert!(started.elapsed() < std::time::Duration::from_secs(30));
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            let _ = serve.kill();
            let _ = serve.wait();
        }
        let mut conn = db.pool().get().unwrap();
        assert!(clientele::db::run_migrations(&mut conn).unwrap().is_empty());
        // Each migration recorded once.
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        use diesel::RunQueryDsl;
        let rows: N = diesel::sql_query("SELECT COUNT(*) AS n FROM __diesel_schema_migrations")
            .get_result(&mut conn)
            .unwrap();
        let versions = clientele::db::migration_versions(match *conn {
            clientele::db::DbConn::Pg(_) => clientele::db::Backend::Postgres,
            clientele::db::DbConn::Sqlite(_) => clientele::db::Backend::Sqlite,
        });
        assert_eq!(rows.n as usize, versions.len());
    }
}

#[test]
fn migrations_apply_once_on_a_fresh_database() {
    let db = TestDb::new();
    let out = clientele(db.url(), &["migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = clientele(db.url(), &["migrate"]);
    assert!(
        again.status.success(),
        "{:?}: {}",
        again.status,
        stderr(&again)
    );
    let mut conn = db.pool().get().unwrap();
    assert!(
        clientele::db::run_migrations(&mut conn).unwrap().is_empty(),
        "nothing left to apply"
    );
    // The catalogue is seeded and every table answers.
    use clientele::db::schema::*;
    use diesel::prelude::*;
    let codes: Vec<String> = services::table
        .order_by(services::position)
        .select(services::code)
        .load(&mut conn)
        .unwrap();
    assert_eq!(codes, ["cdn", "storage", "streaming", "dns", "cloud"]);
    for n in [
        users::table.count().get_result::<i64>(&mut conn),
        accounts::table.count().get_result(&mut conn),
        memberships::table.count().get_result(&mut conn),
        group_services::table.count().get_result(&mut conn),
        client_services::table.count().get_result(&mut conn),
        invitations::table.count().get_result(&mut conn),
        tokens::table.count().get_result(&mut conn),
        deletion_requests::table.count().get_result(&mut conn),
        audit_events::table.count().get_result(&mut conn),
        outbox::table.count().get_result(&mut conn),
        sessions::table.count().get_result(&mut conn),
    ] {
        assert_eq!(n.unwrap(), 0);
    }
}

#[test]
fn foreign_keys_and_unique_keys_are_enforced() {
    use clientele::db::schema::{accounts, memberships};
    use diesel::prelude::*;
    let db = TestDb::new();
    let pool = db.pool();
    let mut conn = pool.get().unwrap();
    clientele::db::run_migrations(&mut conn).unwrap();
    let now = clientele::db::now();
    let orphan = diesel::insert_into(memberships::table)
        .values((
            memberships::account_id.eq(424242),
            memberships::user_id.eq(434343),
            memberships::role.eq("owner"),
            memberships::created_at.eq(now),
            memberships::updated_at.eq(now),
        ))
        .execute(&mut conn);
    assert!(
        orphan.is_err(),
        "foreign keys are on (SQLite: per connection)"
    );
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    make_client(&mut conn, gid, "Globex");
    let same_name = diesel::insert_into(accounts::table)
        .values((
            accounts::kind.eq("client"),
            accounts::parent_id.eq(Some(gid)),
            accounts::name.eq("GLOBEX"),
            accounts::name_key.eq(clientele::db::sort_key("GLOBEX")),
            accounts::created_at.eq(now),
            accounts::updated_at.eq(now),
        ))
        .execute(&mut conn)
        .unwrap_err();
    // The unique index, reported by either backend, is the error of the name's field.
    let message = same_name.to_string();
    assert!(
        matches!(
            clientele::error::AppError::from(same_name),
            clientele::error::AppError::Invalid(ref e) if e.has("account_name")
        ),
        "{message}"
    );
}

#[tokio::test]
async fn create_group_prints_the_id_and_its_owner_signs_in() {
    let db = TestDb::new();
    let url = db.url().to_owned();
    let out = clientele(
        &url,
        &[
            "create-group",
            "--name",
            "Acme Hosting",
            "--owner-email",
            "Owner@Acme.test",
            "--owner-password",
            PASSWORD,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let gid: i64 = stdout(&out)
        .trim()
        .parse()
        .expect("only the group id on stdout");

    // An existing user becomes owner of a second group without a password.
    let out = clientele(
        &url,
        &[
            "create-group",
            "--name",
            "Second",
            "--owner-email",
            "owner@acme.test",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let second: i64 = stdout(&out).trim().parse().unwrap();
    assert_ne!(gid, second);

    // A new user needs a password; bad values are named.
    let out = clientele(
        &url,
        &[
            "create-group",
            "--name",
            "Third",
            "--owner-email",
            "new@acme.test",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--owner-password"),
        "{}",
        stderr(&out)
    );
    let out = clientele(
        &url,
        &[
            "create-group",
            "--name",
            "",
            "--owner-email",
            "x@acme.test",
            "--owner-password",
            PASSWORD,
        ],
    );
    assert!(!out.status.success() && stderr(&out).contains("--name"));
    let out = clientele(
        &url,
        &[
            "create-group",
            "--name",
            "X",
            "--owner-email",
            "nope",
            "--owner-password",
            PASSWORD,
        ],
    );
    assert!(!out.status.success() && stderr(&out).contains("--owner-email"));
    let out = clientele(
        &url,
        &[
            "create-group",
            "--name",
            "X",
            "--owner-email",
            "x@acme.test",
            "--owner-password",
            "short",
        ],
    );
    assert!(!out.status.success() && stderr(&out).contains("--owner-password"));

    let config = test_config(&db);
    let app = spawn_on(db, config).await;
    assert_redirect_to(&app.login("owner@acme.test", PASSWORD).await, "/");
    assert_redirect_to(&app.get("/").await, "/accounts");
    assert_eq!(
        app.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get(&format!("/groups/{second}/clients")).await.status(),
        StatusCode::OK
    );
}

#[test]
fn jobs_run_once_as_if_at_a_given_time() {
    let db = TestDb::new();
    let out = clientele(
        db.url(),
        &["jobs", "--once", "--at", "2030-01-01T00:00:00Z"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("expired sessions removed: 0"),
        "{}",
        stdout(&out)
    );
    let out = clientele(db.url(), &["jobs", "--once", "--at", "yesterday"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--at"), "{}", stderr(&out));
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line_naming_it() {
    let db = TestDb::new();
    let cases: [(&str, Vec<(&str, String)>); 5] = [
        (
            "DATABASE_URL",
            vec![("DATABASE_URL", "mysql://localhost/x".into())],
        ),
        (
            "DATABASE_URL",
            vec![(
                "DATABASE_URL",
                "postgres://postgres@127.0.0.1:1/nowhere?connect_timeout=2".into(),
            )],
        ),
        ("SESSION_KEY", vec![("SESSION_KEY", "too-short".into())]),
        ("MAIL_URL", vec![("MAIL_URL", "pigeon://loft".into())]),
        ("BASE_URL", vec![("BASE_URL", "not a url".into())]),
    ];
    for (setting, env) in cases {
        let out = run_with(db.url(), &["migrate"], &env);
        assert_one_line_error(&out, setting);
    }

    // A port already taken is named as BIND.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = run_with(
        db.url(),
        &["serve"],
        &[("BIND", format!("127.0.0.1:{port}"))],
    );
    assert_one_line_error(&out, "BIND");
}

fn assert_one_line_error(out: &Output, setting: &str) {
    assert!(!out.status.success(), "{setting} should stop start-up");
    let err = stderr(out);
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(
        lines[0].starts_with(&format!("error: {setting}: ")),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_makes_a_group_to_sign_in_to() {
    let db = TestDb::new();
    let out = run_with(db.url(), &["demo", "--clients", "120"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .unwrap_or_else(|| panic!("a {key} line in {text}"))
            .to_owned()
    };
    let (gid, email, password) = (line("group"), line("email"), line("password"));
    let config = test_config(&db);
    let app = spawn_on(db, config).await;
    assert_redirect_to(&app.login(&email, &password).await, "/");
    // Deleted clients are listed only when asked for.
    let count = |test_too: bool| -> i64 {
        use clientele::db::schema::accounts;
        use diesel::prelude::*;
        let gid: i64 = gid.parse().unwrap();
        let mut q = accounts::table
            .filter(accounts::parent_id.eq(gid))
            .filter(accounts::deleted_at.is_null())
            .into_boxed();
        if !test_too {
            q = q.filter(accounts::test_account.eq(false));
        }
        q.count().get_result(&mut app.conn()).unwrap()
    };
    let (all, live) = (count(true), count(false));
    assert!(all > live && live > 100, "{all} {live}");
    let html = app
        .get_html(&format!("/groups/{gid}/clients?test=all"))
        .await;
    assert!(html.contains(&format!("1–50 of {all}")), "all live clients");
    let visible = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(
        visible.contains(&format!("of {live}")),
        "test accounts hidden by default"
    );
    let deleted = app
        .get_html(&format!("/groups/{gid}/clients?status=deleted&test=all"))
        .await;
    assert!(deleted.contains("data-client-id"), "deleted ones on asking");
    assert!(visible.contains("Disabled") && visible.contains("Café"));
    // Services in use: every client status appears, most clients active.
    let mut counts = Vec::new();
    for status in [
        "active",
        "trial",
        "preparation",
        "trial_end",
        "disabled",
        "deleted",
    ] {
        let html = app
            .get_html(&format!(
                "/groups/{gid}/clients?status={status}&test=all&seller=all"
            ))
            .await;
        assert!(
            html.contains("data-client-id="),
            "{status} appears in the demo"
        );
        counts.push((status, html.matches("data-client-id=").count()));
    }
    assert!(
        counts.iter().all(|(_, n)| *n <= counts[0].1),
        "most active: {counts:?}"
    );
    // 2 admins and 8 sellers beside the owner.
    let filter = &visible[visible.find(r#"id="f-seller""#).unwrap()..];
    let filter = &filter[..filter.find("</select>").unwrap()];
    // The staff by name (the address only where two share a name): all, me and none
    // come first.
    let sellers = filter.matches("<option value=").count() - 3;
    assert_eq!(
        sellers, 11,
        "owner, 2 admins and 8 sellers in the seller filter"
    );
}

#[test]
fn operators_list_and_add_services() {
    let db = TestDb::new();
    let out = clientele(db.url(), &["services", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "cdn\tCDN\nstorage\tStorage\nstreaming\tStreaming\ndns\tDNS\ncloud\tCloud\n",
        "the default catalogue, in order"
    );
    let out = clientele(
        db.url(),
        &["services", "add", "waf", "Web Application Firewall"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "waf\tWeb Application Firewall\n");
    let out = clientele(db.url(), &["services", "list"]);
    assert!(stdout(&out).ends_with("cloud\tCloud\nwaf\tWeb Application Firewall\n"));
    // Refused, with one line naming what is wrong, and nothing added.
    for (args, says) in [
        (
            ["services", "add", "waf", "Again"],
            "Another service has this code.",
        ),
        (
            ["services", "add", "Bad Code", "X"],
            "CODE: Use a lower-case letter",
        ),
        (
            ["services", "add", "ok", " "],
            "NAME: Enter the service's name.",
        ),
    ] {
        let out = clientele(db.url(), &args);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    let out = clientele(db.url(), &["services", "list"]);
    assert_eq!(stdout(&out).lines().count(), 6);
    // Audited as the command line's.
    use diesel::prelude::*;
    let pool = db.pool();
    let actions: Vec<String> = clientele::db::schema::audit_events::table
        .select(clientele::db::schema::audit_events::action)
        .load(&mut pool.get().unwrap())
        .unwrap();
    assert_eq!(actions, ["service.added"]);
}

#[test]
fn jobs_without_once_runs_the_scheduler_until_stopped() {
    use clientele::db::schema::outbox;
    use diesel::prelude::*;
    let db = TestDb::new();
    assert!(clientele(db.url(), &["migrate"]).status.success());
    // An email due now, as a change would have queued it.
    let id = clientele::models::outbox::insert(
        &mut db.pool().get().unwrap(),
        &due_email("ana@example.com"),
    )
    .unwrap();
    let mail = db.scratch_dir().join("mail");
    let mut child = clientele_command(
        db.url(),
        &["jobs"],
        &[("MAIL_URL", format!("file://{}", mail.display()))],
    )
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    // It delivers the email (and keeps running: it is a process, not a run).
    let sent = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let sent_at: Option<chrono::NaiveDateTime> = outbox::table
            .find(id)
            .select(outbox::sent_at)
            .first(&mut db.pool().get().unwrap())
            .unwrap();
        sent_at.is_some()
    });
    assert!(sent, "the email went out");
    assert!(child.try_wait().unwrap().is_none(), "still running");
    // SIGTERM: it stops, exit 0.
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("the scheduler is running"));
    assert!(stderr(&out).contains("stopped"));
    // `--at` needs `--once` (a process runs at the real time).
    let r = clientele(db.url(), &["jobs", "--at", "2026-12-07T10:00:00Z"]);
    assert!(!r.status.success());
    // NO_JOBS as people write it in an env file, and the flag alone.
    for (args, env) in [
        (&["migrate"][..], vec![("NO_JOBS", "1".to_owned())]),
        (&["migrate"][..], vec![("NO_JOBS", "true".to_owned())]),
        (&["migrate"][..], vec![("NO_JOBS", "0".to_owned())]),
        (&["--no-jobs", "migrate"][..], vec![]),
    ] {
        let out = run_with(db.url(), args, &env);
        assert!(out.status.success(), "{args:?} {env:?}: {}", stderr(&out));
    }
}

#[test]
fn a_wrong_database_is_said_at_once_in_one_line() {
    let db = TestDb::new();
    // A database that does not exist (PostgreSQL), a file that cannot be made (SQLite).
    let wrong = match &db {
        TestDb::Postgres { url, .. } => {
            let mut u = url::Url::parse(url).unwrap();
            u.set_path("clientele_no_such_database");
            u.to_string()
        }
        TestDb::Sqlite { .. } => "sqlite:///nonexistent-dir/for/sure/clientele.db".to_owned(),
    };
    for args in [&["migrate"][..], &["serve"][..], &["check"][..]] {
        let started = std::time::Instant::now();
        let out = run_with(
            &wrong,
            args,
            &[
                ("DB_WAIT", "30".into()),
                ("BIND", "127.0.0.1:0".into()),
                ("RUST_LOG", "warn".into()),
            ],
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(3),
            "{args:?} waited {:?}",
            started.elapsed()
        );
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        let said = format!("{err}{}", String::from_utf8_lossy(&out.stdout));
        assert!(
            said.contains("does not exist")
                || said.contains("No such file or directory")
                || said.to_lowercase().contains("unable to open"),
            "{args:?}: {said}"
        );
        if args == ["check"] {
            // One FAIL line says it; the settings' lines around it are ok.
            let fails: Vec<&str> = said.lines().filter(|l| l.starts_with("FAIL")).collect();
            assert_eq!(fails.len(), 1, "{said}");
            assert!(fails[0].contains("DATABASE_URL"), "{said}");
        } else {
            assert_one_line_error(&out, "DATABASE_URL");
        }
    }
}

/// `serve` waits for a database that does not answer, up to `DB_WAIT`, then says so in
/// one line and exits 1 (a service manager restarts it); `migrate` does not wait.
#[test]
fn serve_gives_up_on_a_database_that_never_answers_after_db_wait() {
    // Nothing listens on port 1: refused, which may mend (a server starting).
    let nowhere = "postgres://postgres@127.0.0.1:1/clientele";
    let started = std::time::Instant::now();
    let out = run_with(
        nowhere,
        &["serve"],
        &[("DB_WAIT", "3".into()), ("BIND", "127.0.0.1:0".into())],
    );
    let waited = started.elapsed();
    assert!(!out.status.success());
    assert!(
        waited >= std::time::Duration::from_secs(3) && waited < std::time::Duration::from_secs(20),
        "waited {waited:?}"
    );
    assert_one_line_error(&out, "DATABASE_URL");
    let started = std::time::Instant::now();
    let out = run_with(nowhere, &["migrate"], &[("DB_WAIT", "30".into())]);
    assert!(!out.status.success());
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// `NO_JOBS=1`: the instance serves but runs no job and sends no email; the `jobs`
/// process beside it does both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_no_jobs_instance_leaves_jobs_and_mail_to_the_scheduler() {
    let db = TestDb::new();
    let mail = db.scratch_dir().join("mail");
    std::fs::create_dir_all(&mail).unwrap();
    {
        let mut conn = db.pool().get().unwrap();
        make_group(&mut conn, "Quiet", "owner@quiet.test");
        clientele::services::password_reset::request(
            &mut conn,
            "owner@quiet.test",
            "http://clientele.test",
            clientele::db::now(),
        )
        .unwrap();
    }
    let port = crate::smtp_sink::free_port();
    let env = [
        ("BIND", format!("127.0.0.1:{port}")),
        ("MAIL_URL", format!("file://{}", mail.display())),
        ("NO_JOBS", "1".to_owned()),
    ];
    let mut served = clientele_command(db.url(), &["serve"], &env)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_healthy(&format!("http://127.0.0.1:{port}")).await;
    // A plain instance delivers a due email within a second or two (mail.rs); this one
    // sends nothing and records no job run.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let files = |dir: &std::path::Path| std::fs::read_dir(dir).unwrap().count();
    assert_eq!(files(&mail), 0, "NO_JOBS sent an email");
    let runs: i64 = {
        use diesel::prelude::*;
        clientele::db::schema::job_runs::table
            .count()
            .get_result(&mut db.pool().get().unwrap())
            .unwrap()
    };
    assert_eq!(runs, 0, "NO_JOBS ran the jobs");
    let _ = served.kill();
    let _ = served.wait();
    let out = run_with(db.url(), &["jobs", "--once"], &env[1..2]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(files(&mail), 1, "the scheduler delivered it");
}

/// `clientele healthcheck` (for container health checks): exit 0 and `ok` while `serve`
/// answers `/healthz` 200 (BIND's address, a wildcard asked on loopback), exit 1 with one
/// line when nothing listens or the answer is not a 200.
#[test]
fn healthcheck_says_whether_serve_answers() {
    let db = TestDb::new();
    let port = crate::smtp_sink::free_port();
    let mut served =
        clientele_command(db.url(), &["serve"], &[("BIND", format!("0.0.0.0:{port}"))])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("serve starts");
    let bind = [("BIND", format!("0.0.0.0:{port}"))];
    let started = std::time::Instant::now();
    let out = loop {
        let out = run_with(db.url(), &["healthcheck"], &bind);
        if out.status.success() || started.elapsed() > std::time::Duration::from_secs(30) {
            break out;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "ok\n");
    let by_url = run_with(
        db.url(),
        &["healthcheck", "--url", &format!("http://127.0.0.1:{port}/")],
        &[],
    );
    assert!(by_url.status.success(), "{}", stderr(&by_url));

    let _ = served.kill();
    let _ = served.wait();
    let down = run_with(db.url(), &["healthcheck"], &bind);
    assert!(!down.status.success());
    assert_eq!(stdout(&down), "");
    assert_one_line_error(&down, "unhealthy");

    // Something listens but does not answer 200 (a 503, as /healthz does without its
    // database): unhealthy, and the line says what came back.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let other = listener.local_addr().unwrap().port();
    let answering = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut s, _) = listener.accept().unwrap();
        let mut buf = [0u8; 1024];
        let _ = s.read(&mut buf);
        s.write_all(
            b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 20\r\n\r\ndatabase unavailable",
        )
        .unwrap();
    });
    let sick = run_with(
        db.url(),
        &["healthcheck"],
        &[("BIND", format!("127.0.0.1:{other}"))],
    );
    answering.join().unwrap();
    assert!(!sick.status.success());
    assert!(
        stderr(&sick).contains("503 database unavailable"),
        "{}",
        stderr(&sick)
    );
    // A 200 whose connection stays open is healthy at once; bytes trickling in never make
    // the check outlast its 5 s.
    for (sent, healthy) in [
        (&b"HTTP/1.1 200 OK\r\n"[..], true),
        (&b"HTTP/1.1 2"[..], false),
    ] {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            use std::io::{Read, Write};
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            s.write_all(sent).unwrap();
            for _ in 0..40 {
                std::thread::sleep(std::time::Duration::from_millis(250));
                if s.write_all(b"0").is_err() {
                    break;
                }
            }
        });
        let started = std::time::Instant::now();
        let out = run_with(
            db.url(),
            &["healthcheck"],
            &[("BIND", format!("127.0.0.1:{port}"))],
        );
        let took = started.elapsed();
        assert_eq!(out.status.success(), healthy, "{}", stderr(&out));
        assert!(took < std::time::Duration::from_secs(7), "took {took:?}");
        if healthy {
            assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
        }
        server.join().unwrap();
    }
    let wrong = run_with(
        db.url(),
        &["healthcheck", "--url", "https://app/healthz"],
        &[],
    );
    assert!(!wrong.status.success());
    assert!(stderr(&wrong).contains("--url"), "{}", stderr(&wrong));
}

/// What the package ships stays whole (issue 34): the example settings file and the
/// README's table name every setting the binary reads, and the two service units differ
/// only in what they run (the same user, settings file and hardening).
#[test]
fn the_packaged_settings_file_and_units_name_every_setting_and_agree() {
    use clap::CommandFactory;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let (example, readme) = (read("packaging/clientele.env"), read("README.md"));
    let settings: Vec<String> = clientele::cli::Cli::command()
        .get_arguments()
        .filter_map(|a| a.get_env().map(|e| e.to_string_lossy().into_owned()))
        .collect();
    assert!(settings.len() >= 13, "{settings:?}");
    for name in &settings {
        assert!(
            example
                .lines()
                .any(|l| l.trim_start_matches('#').starts_with(&format!("{name}="))),
            "packaging/clientele.env does not list {name}"
        );
        assert!(
            readme.contains(&format!("| `{name}` |")),
            "README's settings table does not list {name}"
        );
    }
    // The file is read by systemd and by `sh -a`: every line a comment, blank, or
    // NAME=value that the shell takes as it is (no unquoted space).
    for line in example
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (_, value) = line.split_once('=').expect("NAME=value");
        assert!(
            !value.contains(' ') || (value.starts_with('"') && value.ends_with('"')),
            "{line}"
        );
    }
    let hardening = |unit: &str| -> Vec<String> {
        read(unit)
            .lines()
            .skip_while(|l| !l.starts_with("[Service]"))
            .filter(|l| !l.starts_with('#') && !l.starts_with("ExecStart=") && !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        hardening("packaging/clientele.service"),
        hardening("packaging/clientele-jobs.service")
    );
    let serve = read("packaging/clientele.service");
    for directive in [
        "User=clientele",
        "StateDirectory=clientele",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "EnvironmentFile=/etc/clientele/clientele.env",
        "ExecStart=/usr/bin/clientele serve",
    ] {
        assert!(serve.lines().any(|l| l == directive), "{directive}");
    }
    assert!(
        read("packaging/clientele-jobs.service")
            .lines()
            .any(|l| l == "ExecStart=/usr/bin/clientele jobs")
    );
}
