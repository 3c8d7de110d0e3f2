//! Email: the outbox, delivery over real SMTP, outage and recovery, backoff, two workers,
//! and the "Email problems" page.

use std::time::Duration;

use clientele::config::MailUrl;
use clientele::db::{self, DbPool};
use clientele::error::AppError;
use clientele::mail::outbox::enqueue;
use clientele::mail::transport::Mailer;
use clientele::mail::worker::{DeliveryReport, deliver_due};
use clientele::mail::{Email, EmailKind, Lang};
use clientele::models::outbox::{self, OutboxRow};
use reqwest::StatusCode;

use crate::cli::run_with;
use crate::helpers::*;
use crate::smtp_sink::{SmtpSink, free_port};

fn mailer_for(db: &TestDb, mail: MailUrl) -> Mailer {
    let mut config = test_config(db);
    config.mail = mail;
    Mailer::from_config(&config).expect("mailer")
}

fn queue(pool: &DbPool, base_url: &str, to: &str, lang: Lang, group_id: Option<i64>) -> i64 {
    let email = Email {
        to: to.into(),
        lang,
        kind: EmailKind::Test,
        group_id,
    };
    let mut conn = pool.get().unwrap();
    db::write_tx(&mut conn, |c| enqueue(c, base_url, &email)).unwrap()
}

fn row(pool: &DbPool, id: i64) -> OutboxRow {
    outbox::find(&mut pool.get().unwrap(), id).unwrap()
}

/// Quoted-printable soft line breaks and `=3D` undone, enough to read links and words.
fn unfold(data: &str) -> String {
    data.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

#[tokio::test]
async fn an_email_arrives_over_smtp_with_headers_both_parts_and_a_working_link() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let mailer = mailer_for(&TestDb::new(), MailUrl::Smtp(sink.url()));
    let id = queue(
        &app.pool,
        &app.address,
        "Ana <ana@example.com>",
        Lang::Es,
        None,
    );

    let report = deliver_due(&app.pool, &mailer, db::now()).await.unwrap();
    assert_eq!(
        report,
        DeliveryReport {
            sent: 1,
            retrying: 0,
            gave_up: 0
        }
    );
    let got = sink.messages();
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert!(m.from.contains("clientele@localhost"), "{}", m.from);
    assert_eq!(m.to, ["ana@example.com"]);
    let data = unfold(&m.data);
    for header in [
        "From: Clientele <clientele@localhost>",
        "To: Ana <ana@example.com>",
        "Subject: Correo de prueba de Clientele",
        "Message-ID: <",
        "Date: ",
    ] {
        assert!(data.contains(header), "missing {header:?} in\n{data}");
    }
    assert!(
        data.contains("multipart/alternative")
            && data.contains("text/plain")
            && data.contains("text/html")
    );
    let link = format!("{}/", app.address);
    assert!(
        data.contains(&format!("Abrir Clientele: {link}")),
        "text link"
    );
    assert!(data.contains(&format!(r#"href="{link}""#)), "html link");
    // The link works: it opens the console (sign-in first, once somebody exists).
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    assert_redirect_to(&app.client.get(&link).send().await.unwrap(), "/login");

    let sent = row(&app.pool, id);
    assert!(sent.sent_at.is_some() && sent.claimed_until.is_none());
    assert_eq!(sent.attempts, 1);
    // Sent once: the next pass finds nothing.
    assert_eq!(
        deliver_due(&app.pool, &mailer, db::now()).await.unwrap(),
        DeliveryReport::default()
    );
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn with_the_server_down_the_email_waits_and_is_delivered_once_when_it_is_back() {
    let db = TestDb::new();
    let pool = db.pool();
    let port = free_port();
    let mailer = mailer_for(&db, MailUrl::Smtp(format!("smtp://127.0.0.1:{port}")));

    let id = queue(
        &pool,
        "http://clientele.test",
        "ana@example.com",
        Lang::En,
        None,
    );
    let t0 = row(&pool, id).created_at;
    let report = deliver_due(&pool, &mailer, t0).await.unwrap();
    assert_eq!(
        report,
        DeliveryReport {
            sent: 0,
            retrying: 1,
            gave_up: 0
        }
    );
    let waiting = row(&pool, id);
    assert!(waiting.sent_at.is_none() && waiting.failed_at.is_none());
    assert_eq!(waiting.attempts, 1);
    assert_eq!(waiting.next_attempt_at, t0 + chrono::Duration::minutes(1));
    assert!(
        waiting.last_error.as_deref().unwrap_or("").contains("SMTP"),
        "{:?}",
        waiting.last_error
    );
    // Not due again before its time.
    assert_eq!(
        deliver_due(&pool, &mailer, t0 + chrono::Duration::seconds(30))
            .await
            .unwrap(),
        DeliveryReport::default()
    );

    let sink = SmtpSink::start_on(port).await;
    let t1 = t0 + chrono::Duration::seconds(61);
    assert_eq!(deliver_due(&pool, &mailer, t1).await.unwrap().sent, 1);
    assert_eq!(
        deliver_due(&pool, &mailer, t1 + chrono::Duration::hours(2))
            .await
            .unwrap(),
        DeliveryReport::default()
    );
    assert_eq!(sink.messages().len(), 1, "exactly once");
    let done = row(&pool, id);
    assert!(done.sent_at.is_some() && done.last_error.is_none());
    assert_eq!(done.attempts, 2);
}

#[tokio::test]
async fn a_failed_change_leaves_no_email() {
    let db = TestDb::new();
    let pool = db.pool();
    let email = Email {
        to: "ana@example.com".into(),
        lang: Lang::En,
        kind: EmailKind::Test,
        group_id: None,
    };
    let mut conn = pool.get().unwrap();
    let failed: Result<(), AppError> = db::write_tx(&mut conn, |c| {
        enqueue(c, "http://c.test", &email)?;
        Err(AppError::BadRequest(
            "the change failed after queueing".into(),
        ))
    });
    assert!(failed.is_err());
    use clientele::db::schema::outbox as t;
    use diesel::prelude::*;
    assert_eq!(t::table.count().get_result::<i64>(&mut conn).unwrap(), 0);
    db::write_tx(&mut conn, |c| enqueue(c, "http://c.test", &email)).unwrap();
    assert_eq!(t::table.count().get_result::<i64>(&mut conn).unwrap(), 1);
}

#[tokio::test]
async fn retries_back_off_from_a_minute_to_an_hour_and_stop_after_a_day() {
    let db = TestDb::new();
    let pool = db.pool();
    let mailer = mailer_for(
        &db,
        MailUrl::Smtp(format!("smtp://127.0.0.1:{}", free_port())),
    );
    let id = queue(&pool, "http://c.test", "ana@example.com", Lang::En, None);
    let created = row(&pool, id).created_at;

    let mut at = created;
    let mut delays = Vec::new();
    loop {
        let report = deliver_due(&pool, &mailer, at).await.unwrap();
        let r = row(&pool, id);
        if r.failed_at.is_some() {
            assert_eq!(report.gave_up, 1);
            break;
        }
        assert_eq!(report.retrying, 1);
        delays.push((r.next_attempt_at - at).num_minutes());
        at = r.next_attempt_at;
        assert!(delays.len() < 60, "the retries must end");
    }
    assert_eq!(&delays[..8], [1, 2, 4, 8, 16, 32, 60, 60]);
    assert!(delays.iter().all(|d| *d <= 60));
    let given_up = row(&pool, id);
    assert!(
        at - created <= chrono::Duration::hours(24) && at - created > chrono::Duration::hours(23),
        "{}",
        at - created
    );
    assert_eq!(given_up.attempts as usize, delays.len() + 1);
    assert!(given_up.last_error.is_some());
    // Given up for good: no worker takes it again.
    assert_eq!(
        deliver_due(&pool, &mailer, at + chrono::Duration::days(3))
            .await
            .unwrap(),
        DeliveryReport::default()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_never_deliver_one_email_twice() {
    let db = TestDb::new();
    let sink = SmtpSink::start().await;
    // Two "instances": a pool and a mailer each.
    let (pool_a, pool_b) = (db.pool(), db.pool());
    let mailer_a = mailer_for(&db, MailUrl::Smtp(sink.url()));
    let mailer_b = mailer_for(&db, MailUrl::Smtp(sink.url()));
    let n = 40;
    for i in 0..n {
        queue(
            &pool_a,
            "http://c.test",
            &format!("user{i}@example.com"),
            Lang::En,
            None,
        );
    }
    let now = db::now();
    let (a, b) = tokio::join!(
        deliver_due(&pool_a, &mailer_a, now),
        deliver_due(&pool_b, &mailer_b, now)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, n, "{a} / {b}");
    let mut recipients: Vec<String> = sink.messages().into_iter().flat_map(|m| m.to).collect();
    assert_eq!(recipients.len(), n);
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), n, "no email delivered twice");
}

#[tokio::test]
async fn owners_see_email_problems_and_retry_them() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    make_member(&mut conn, gid, "admin@acme.test", "admin");
    let (other, _) = make_group(&mut conn, "Rival", "owner@rival.test");
    drop(conn);
    let mailer = mailer_for(
        &TestDb::new(),
        MailUrl::Smtp(format!("smtp://127.0.0.1:{}", free_port())),
    );
    let id = queue(
        &app.pool,
        "http://c.test",
        "<b>bob</b>@example.com",
        Lang::En,
        Some(gid),
    );
    let rival_email = queue(
        &app.pool,
        "http://c.test",
        "carol@rival.test",
        Lang::En,
        Some(other),
    );
    // A malformed address is given up at once (a permanent failure); the other after a day.
    let first = deliver_due(&app.pool, &mailer, db::now()).await.unwrap();
    assert_eq!(
        first,
        DeliveryReport {
            sent: 0,
            retrying: 1,
            gave_up: 1
        }
    );
    assert!(
        row(&app.pool, id)
            .last_error
            .unwrap()
            .contains("bad recipient")
    );
    let later = db::now() + chrono::Duration::hours(25);
    assert_eq!(
        deliver_due(&app.pool, &mailer, later)
            .await
            .unwrap()
            .gave_up,
        1
    );

    app.login("owner@acme.test", PASSWORD).await;
    let page = format!("/groups/{gid}/emails");
    let html = app.get_html(&page).await;
    assert!(html.contains(&format!(r#"data-email-id="{id}""#)));
    assert!(
        !html.contains(&format!(r#"data-email-id="{rival_email}""#)),
        "only this group's emails"
    );
    assert!(html.contains("Given up") && html.contains("bad recipient"));
    assert!(!html.contains("<b>bob</b>"), "escaped");
    assert!(
        html.contains(&format!(r#"href="/groups/{gid}/emails""#)),
        "the owner's navigation links it"
    );

    // Another group's email cannot be retried from here.
    let r = app
        .post_form(
            &page,
            &format!("/groups/{gid}/emails/{rival_email}/retry"),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(row(&app.pool, rival_email).failed_at.is_some());

    let r = app
        .post_form(&page, &format!("/groups/{gid}/emails/{id}/retry"), &[])
        .await;
    assert_redirect_to(&r, &page);
    let retried = row(&app.pool, id);
    assert!(retried.failed_at.is_none());
    assert!(retried.next_attempt_at <= db::now());
    assert!(retried.give_up_at > db::now() + chrono::Duration::hours(23));
    assert!(app.get_html(&page).await.contains("will be sent again"));
    let events = clientele::models::audit::for_account(&mut app.conn(), gid, 5).unwrap();
    assert_eq!(events[0].action, "email.retried");

    // Admins and other groups' owners do not see the page.
    app.logout().await;
    app.login("admin@acme.test", PASSWORD).await;
    assert_eq!(app.get(&page).await.status(), StatusCode::NOT_FOUND);
    assert!(
        !app.get_html(&format!("/groups/{gid}/clients"))
            .await
            .contains(&page)
    );
    app.logout().await;
    app.login("owner@rival.test", PASSWORD).await;
    assert_eq!(app.get(&page).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn serve_delivers_queued_email_in_the_background() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|c| {
        c.mail = MailUrl::Smtp(url);
        c.background_jobs = true;
    })
    .await;
    let id = queue(
        &app.pool,
        "http://c.test",
        "ana@example.com",
        Lang::PtBr,
        None,
    );
    // The worker polls every few seconds; wait for it, bounded.
    for _ in 0..100 {
        if row(&app.pool, id).sent_at.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        row(&app.pool, id).sent_at.is_some(),
        "delivered by the background worker"
    );
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mail_test_command_delivers_or_says_why_not() {
    let db = TestDb::new();
    let sink = SmtpSink::start().await;
    let mail = |url: String| vec![("MAIL_URL", url)];
    // The command blocks this worker thread; the sink answers from the other.
    let out = run_with(
        db.url(),
        &["mail", "test", "--to", "ops@example.com", "--lang", "pt-BR"],
        &mail(sink.url()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("delivered to ops@example.com"));
    let got = sink.messages();
    assert_eq!(got.len(), 1);
    assert!(got[0].data.contains("Content-Type: text/html"));

    let down = format!("smtp://127.0.0.1:{}", free_port());
    let out = run_with(
        db.url(),
        &["mail", "test", "--to", "ops@example.com"],
        &mail(down),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: MAIL_URL: test email #2 was queued but not delivered"),
        "{err}"
    );
    // It stays queued and `jobs --once` delivers it once the server answers, a minute on.
    let at = (chrono::Utc::now() + chrono::Duration::minutes(2)).to_rfc3339();
    let out = run_with(
        db.url(),
        &["jobs", "--once", "--at", &at],
        &mail(sink.url()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("emails sent: 1"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(sink.messages().len(), 2);

    let out = run_with(
        db.url(),
        &["mail", "test", "--to", "not an address"],
        &mail(sink.url()),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--to"));
}

/// The worker is woken by the commit that queued an email: an owner's activation email is
/// handed to the transport within a second of "Add client", not at the worker's next tick
/// (every five seconds).
#[tokio::test]
async fn an_activation_email_goes_out_within_a_second_of_the_click() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|c| {
        c.mail = MailUrl::Smtp(url);
        c.background_jobs = true;
    })
    .await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    // The worker's first pass (at start) is over before the click.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let form = crate::clients::full_form("Globex", "ana@globex.test");
    let clicked = std::time::Instant::now();
    let r = app
        .post_form(
            &format!("/groups/{gid}/clients/new"),
            &format!("/groups/{gid}/clients"),
            &form,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    while sink.messages().is_empty() && clicked.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = clicked.elapsed();
    assert_eq!(sink.messages().len(), 1);
    assert!(took < Duration::from_secs(1), "handed over after {took:?}");
}

/// The `Subject` of a raw message as a mail reader shows it: Python's standard `email`
/// parser, which decodes RFC 2047 encoded words (another implementation than ours).
fn subject_as_read(raw: &str) -> String {
    let out = run_with_stdin(
        "python3",
        &[
            "-c",
            "import sys, email, email.policy\n\
             m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)\n\
             sys.stdout.buffer.write(str(m['subject']).encode())",
        ],
        raw,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_name_typed_as_an_encoded_word_reaches_the_subject_as_typed() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    // Names a person typed: a literal encoded word (which a reader would decode into
    // something else), and one with accents beside it.
    let names = [
        "Globex =?utf-8?q?Evil_Corp?=",
        "Ação =?ISO-8859-1?B?SGk=?= Ltda",
    ];
    let sink = SmtpSink::start().await;
    let mailer = mailer_for(&TestDb::new(), MailUrl::Smtp(sink.url()));
    for (i, name) in names.iter().enumerate() {
        let cid = make_client(&mut app.conn(), gid, name);
        make_member(
            &mut app.conn(),
            cid,
            &format!("owner{i}@client.test"),
            "owner",
        );
        let owner = Browser::new(&app);
        owner
            .login(&format!("owner{i}@client.test"), PASSWORD)
            .await;
        let users = format!("/portal/{cid}/users");
        let r = owner
            .post_form(
                &users,
                &users,
                &[("email", "new@person.test"), ("role", "member")],
            )
            .await;
        assert_redirect_to(&r, &users);
    }
    deliver_due(&app.pool, &mailer, db::now()).await.unwrap();
    let got = sink.messages();
    assert_eq!(got.len(), names.len());
    let mut read: Vec<String> = got.iter().map(|m| subject_as_read(&m.data)).collect();
    read.sort();
    let mut expected: Vec<String> = names
        .iter()
        .map(|name| format!("You are invited to {name} in Clientele"))
        .collect();
    expected.sort();
    assert_eq!(read, expected);
    for m in &got {
        // On the wire: ASCII, no line of the header over 78 characters, and the typed
        // words not as they were typed (a reader would decode them).
        let from = &m.data[m.data.find("Subject: ").unwrap()..];
        let lines: Vec<&str> = from
            .split("\r\n")
            .enumerate()
            .take_while(|(i, l)| *i == 0 || l.starts_with(' '))
            .map(|(_, l)| l)
            .collect();
        let header = lines.join("\r\n");
        assert!(header.is_ascii(), "{header}");
        assert!(lines.iter().all(|l| l.len() <= 78), "{header}");
        assert!(
            !header.contains("Evil_Corp") && !header.contains("ISO-8859-1"),
            "{header}"
        );
    }
}
