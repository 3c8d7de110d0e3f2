//! The holes a black-box probe found, one test each: hostile redirects, stale activation
//! links, control characters, a create race, error answers, HSTS, email literals, the
//! stale-save resubmit, HEAD, and the sign-in log line.

use clientele::db::schema::{accounts, outbox, users};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

/// A client form with its required fields and an owner without a password.
fn client_form<'a>(name: &'a str, owner_email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("account_name", name),
        ("active", "on"),
        ("language", "en"),
        ("country", "PT"),
        ("address", "Rua Augusta 1"),
        ("owner_first_name", "Rita"),
        ("owner_last_name", "Reis"),
        ("owner_email", owner_email),
    ]
}

/// Every activation link sent to an address, oldest first.
fn activation_links(app: &TestApp, to: &str) -> Vec<String> {
    let bodies: Vec<String> = outbox::table
        .filter(outbox::to_address.eq(to))
        .order_by(outbox::id.asc())
        .select(outbox::body_text)
        .load(&mut app.conn())
        .unwrap();
    bodies
        .iter()
        .filter_map(|b| {
            let start = b.find("http://clientele.test/activate/")?;
            let link = b[start..].split_whitespace().next()?;
            Some(link_path(link.trim_start_matches("http://clientele.test")))
        })
        .collect()
}

#[tokio::test]
async fn open_redirect_next_must_be_a_path_of_this_site() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let hostile = [
        "/\t/evil.example",
        "/\x0b/evil.example",
        "/\x0c/evil.example",
        "/\0/evil.example",
        "/\x7f/evil.example",
        "//evil.example",
        "/\\evil.example",
        "/%09/evil.example",
        "/%2F%2Fevil.example",
        "https://evil.example/",
        "/ok\r\nSet-Cookie: x=1",
    ];
    for next in hostile {
        // As a query parameter of the sign-in page: not carried into the form.
        let browser = Browser::new(&app);
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", next)
            .finish();
        let html = browser.get_html(&format!("/login?{query}")).await;
        assert!(
            html.contains(r#"name="next" value="""#) || !html.contains(r#"name="next""#),
            "{next:?} kept as next"
        );
        // As the form's field: signed in, and sent home, never elsewhere, never a 500.
        let r = browser
            .post_form(
                "/login",
                "/login",
                &[
                    ("email", "owner@acme.test"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(location(r.headers()), "/", "{next:?}");
    }
    // A path of this site is still honoured.
    let browser = Browser::new(&app);
    let r = browser
        .post_form(
            "/login",
            "/login",
            &[
                ("email", "owner@acme.test"),
                ("password", PASSWORD),
                ("next", "/accounts?x=1"),
            ],
        )
        .await;
    assert_redirect_to(&r, "/accounts?x=1");
}

#[tokio::test]
async fn old_activation_links_die_when_one_is_used_and_a_new_password_ends_sessions() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let new_page = format!("/groups/{gid}/clients/new");
    let post = format!("/groups/{gid}/clients");
    for name in ["Globex", "Initech"] {
        let r = app
            .post_form(&new_page, &post, &client_form(name, "rita@globex.test"))
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    // Each client sent Rita its owner's link.
    let links = activation_links(&app, "rita@globex.test");
    assert_eq!(links.len(), 2, "one link per client");

    // Rita activates with the first link and is signed in.
    let rita = Browser::new(&app);
    let r = rita
        .post_form(
            "/login",
            &links[0],
            &[("password", PASSWORD), ("password_confirm", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(rita.get("/accounts").await.status(), StatusCode::OK);

    // The first link opens nothing any more; the second no longer sets a password: it
    // asks her to sign in and accept (by its page, or when a password is posted to it).
    let other = Browser::new(&app);
    let invitation = links[0].replace("/activate/", "/invitations/");
    let r = other.get(&invitation).await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().await.unwrap().contains("already accepted"));
    let second = links[1].replace("/activate/", "/invitations/");
    assert!(
        other
            .get_html(&second)
            .await
            .contains(&format!("/login?next={}", referenced(&second)))
    );
    let token = csrf_token(&other.get_html("/login").await);
    for (path, fields) in [
        (
            format!("{second}/accept"),
            vec![("first_name", "Not"), ("last_name", "Rita")],
        ),
        (links[1].clone(), vec![]),
    ] {
        let mut fields = fields;
        fields.extend([
            ("password", "a new password here"),
            ("password_confirm", "a new password here"),
            ("csrf_token", token.as_str()),
        ]);
        let r = other.post_raw(&path, &fields).await;
        assert_redirect_to(&r, &format!("/login?next={second}"));
    }
    let fresh = Browser::new(&app);
    let r = fresh.login("rita@globex.test", PASSWORD).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "the first password stands"
    );

    // Any password change ends every session the user holds.
    let uid: i64 = users::table
        .filter(users::email.eq("rita@globex.test"))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap();
    clientele::services::users::set_password(
        &mut app.conn(),
        uid,
        "$2b$04$abcdefghijklmnopqrstuuJ3mRgsC3yOEY9l1fBXMGrH5OB3ZfHxO",
        clientele::db::now(),
    )
    .unwrap();
    for browser in [&rita, &fresh] {
        assert_redirect_to(&browser.get("/accounts").await, "/login?next=%2Faccounts");
    }
}

#[tokio::test]
async fn nul_and_control_characters_get_a_field_error_or_no_match_never_a_500() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");

    // Sign-in: a field error, not a database error.
    for (email, password) in [
        ("owner@acme.test\0", PASSWORD),
        ("owner\x0b@acme.test", PASSWORD),
    ] {
        let r = app
            .post_form(
                "/login",
                "/login",
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{email:?}");
        assert!(r.text().await.unwrap().contains("control characters"));
    }
    app.login("owner@acme.test", PASSWORD).await;

    // The client form: each field with a control character gets its own error.
    let new_page = format!("/groups/{gid}/clients/new");
    let post = format!("/groups/{gid}/clients");
    let single_line = [
        "account_name",
        "company_name",
        "unique_identifier",
        "custom_id",
        "seller_id",
        "language",
        "country",
        "region",
        "city",
        "address",
        "postal_code",
        "owner_first_name",
        "owner_last_name",
        "owner_email",
    ];
    for bad in ["\0", "\x1b[31m", "\t", "\x7f"] {
        let values: Vec<String> = single_line.iter().map(|f| format!("{f}{bad}x")).collect();
        let mut form: Vec<(&str, &str)> = single_line
            .iter()
            .zip(&values)
            .map(|(f, v)| (*f, v.as_str()))
            .collect();
        let billing = format!("a@b.test\r\nc{bad}@d.test");
        form.push(("billing_emails", &billing));
        let r = app.post_form(&new_page, &post, &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
        let html = r.text().await.unwrap();
        for field in single_line.iter().chain(&["billing_emails"]) {
            assert!(
                html.contains(&format!(r#"data-error-for="{field}""#)),
                "{field} with {bad:?}"
            );
        }
    }
    // Line breaks are fine in the multi-line field.
    let mut form = client_form("Globex", "rita@globex.test");
    form.push(("billing_emails", "a@b.test\r\nc@d.test"));
    let r = app.post_form(&new_page, &post, &form).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let edit = location(r.headers());

    // The edit form too.
    let html = app.get_html(&edit).await;
    let mut fields = form_fields(&html, &edit);
    for (k, v) in fields.iter_mut() {
        if k == "city" {
            *v = "Lis\0bon".into();
        }
    }
    let all: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = app.post_raw(&edit, &all).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains(r#"data-error-for="city""#));

    // The activation form.
    let link = activation_links(&app, "rita@globex.test").remove(0);
    let rita = Browser::new(&app);
    let r = rita
        .post_form(
            "/login",
            &link,
            &[
                ("password", "long enough\0password"),
                ("password_confirm", "long enough\0password"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // In the list's search: no match, on the page and in a complete CSV.
    for q in ["%00", "Glo%00bex", "%0B", "%1B"] {
        let r = app.get(&format!("/groups/{gid}/clients?q={q}")).await;
        assert_eq!(r.status(), StatusCode::OK, "q={q}");
        assert!(
            !r.text().await.unwrap().contains("data-client-id="),
            "q={q}"
        );
        let r = app.get(&format!("/groups/{gid}/clients.csv?q={q}")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            r.text().await.unwrap(),
            "id,account_name,company_name,status,active,test_account,seller,owner,created\n"
        );
    }
    assert_eq!(clients_in_group(&app, gid), 1);
}

#[tokio::test]
async fn the_setup_form_refuses_control_characters() {
    let app = spawn_app().await;
    let token = app.setup_token.clone().unwrap();
    let r = app
        .post_form(
            &format!("/setup?token={token}"),
            "/setup",
            &[
                ("token", &token),
                ("group_name", "Acme\0"),
                ("first_name", "Olivia\x08"),
                ("last_name", "Owner"),
                ("email", "owner\x0c@acme.test"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    for field in ["group_name", "first_name", "email"] {
        assert!(
            html.contains(&format!(r#"data-error-for="{field}""#)),
            "{field}"
        );
    }
}

#[tokio::test]
async fn fifty_clients_created_at_once_for_one_new_owner_and_two_accepted_at_once_make_one_user() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let token = csrf_token(&app.get_html(&format!("/groups/{gid}/clients/new")).await);
    let post = format!("/groups/{gid}/clients");
    let names: Vec<String> = (0..50).map(|i| format!("Client {i:02}")).collect();
    let requests = names.iter().map(|name| {
        let mut form = client_form(name, "same.owner@race.test");
        form.push(("csrf_token", &token));
        let app = &app;
        let post = &post;
        async move { app.post_raw(post, &form).await.status() }
    });
    let statuses = futures_util::future::join_all(requests).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    assert_eq!(clients_in_group(&app, gid), 50);
    let links = activation_links(&app, "same.owner@race.test");
    assert_eq!(links.len(), 50, "one owner's link per client");

    // The owner activates two of them at once, from two browsers: no error; one makes
    // the user and lands in its client area, the other is asked to sign in and accept.
    let accepts = links[..2].iter().map(|link| {
        let app = &app;
        async move {
            let r = Browser::new(app)
                .post_form(
                    "/login",
                    link,
                    &[("password", PASSWORD), ("password_confirm", PASSWORD)],
                )
                .await;
            (r.status(), location(r.headers()))
        }
    });
    let answers = futures_util::future::join_all(accepts).await;
    assert!(
        answers.iter().all(|(s, _)| *s == StatusCode::SEE_OTHER),
        "{answers:?}"
    );
    let mut places: Vec<bool> = answers
        .iter()
        .map(|(_, to)| to.starts_with("/portal/"))
        .collect();
    places.sort();
    assert_eq!(places, [false, true], "{answers:?}");
    assert!(
        answers
            .iter()
            .any(|(_, to)| to.starts_with("/login?next=/invitations/"))
    );
    let owners: i64 = users::table
        .filter(users::email.eq("same.owner@race.test"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(owners, 1);
}

/// The console's error page, with the headers every answer carries.
async fn assert_console_error_page(r: reqwest::Response, status: StatusCode) {
    assert_eq!(r.status(), status);
    let h = r.headers().clone();
    assert!(
        h["content-type"].to_str().unwrap().starts_with("text/html"),
        "{status}: {h:?}"
    );
    for name in [
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
    ] {
        assert!(h.contains_key(name), "{status} lacks {name}");
    }
    let body = r.text().await.unwrap();
    assert!(
        body.contains("<html") && body.contains(&status.as_u16().to_string()),
        "{body}"
    );
}

#[tokio::test]
async fn error_answers_are_console_pages_with_the_security_headers() {
    let app = spawn_app().await;
    app.get_html("/login").await;
    // A body over the limit, refused before any handler runs.
    let big = "x".repeat(300 * 1024);
    let r = app
        .client
        .post(app.url("/login"))
        .form(&[("email", big.as_str())])
        .send()
        .await
        .unwrap();
    assert_console_error_page(r, StatusCode::PAYLOAD_TOO_LARGE).await;
    // The limit is 64 KiB: just over it, the same page; at it, the form is heard (the
    // sign-in page answers, whatever it makes of so long an address).
    let limit = clientele::startup::FORM_LIMIT;
    let token = csrf_token(&app.get_html("/login").await);
    let body = |len: usize| {
        let head = format!("csrf_token={token}&password=x&email=");
        format!("{head}{}", "a".repeat(len - head.len()))
    };
    let send = |body: String| {
        app.client
            .post(app.url("/login"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    assert_console_error_page(
        send(body(limit + 1)).await.unwrap(),
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    // A form without fields of its own (a button) is read by the CSRF check alone: the same
    // limit there.
    let button = app
        .client
        .post(app.url("/logout"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body(limit + 1))
        .send()
        .await
        .unwrap();
    assert_console_error_page(button, StatusCode::PAYLOAD_TOO_LARGE).await;
    let r = send(body(limit)).await.unwrap();
    assert_ne!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_ne!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("<html"));
    // A query the parser refuses, a method the path does not answer, an unknown path.
    assert_console_error_page(
        app.get("/login?next=/a&next=/b").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    let r = app.client.delete(app.url("/login")).send().await.unwrap();
    assert_console_error_page(r, StatusCode::METHOD_NOT_ALLOWED).await;
    assert_console_error_page(app.get("/nowhere").await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_console_is_served_over_https() {
    let plain = spawn_app().await;
    for path in ["/login", "/healthz", "/nowhere"] {
        let r = plain.get(path).await;
        assert!(
            !r.headers().contains_key("strict-transport-security"),
            "{path}"
        );
    }
    let https = spawn_app_with(|c| c.base_url = "https://console.example".into()).await;
    for path in ["/login", "/healthz", "/nowhere"] {
        let r = https.get(path).await;
        assert_eq!(
            r.headers()["strict-transport-security"],
            "max-age=31536000",
            "{path}"
        );
    }
}

#[tokio::test]
async fn emails_a_mail_server_refuses_get_a_field_error() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let new_page = format!("/groups/{gid}/clients/new");
    let post = format!("/groups/{gid}/clients");
    for bad in [
        "a@[127.0.0.1]",
        "a@[IPv6:::1]",
        "\"a b\"@example.com",
        "a@localhost",
    ] {
        let mut form = client_form("Globex", bad);
        form.push(("billing_emails", bad));
        let r = app.post_form(&new_page, &post, &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let html = r.text().await.unwrap();
        for field in ["owner_email", "billing_emails"] {
            assert!(
                html.contains(&format!(r#"data-error-for="{field}""#)),
                "{field}: {bad}"
            );
        }
    }
    assert_eq!(
        outbox::table
            .count()
            .get_result::<i64>(&mut app.conn())
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_stale_save_sent_again_keeps_the_other_persons_change() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    make_member(&mut app.conn(), gid, "admin@acme.test", "admin");
    app.login("owner@acme.test", PASSWORD).await;
    let r = app
        .post_form(
            &format!("/groups/{gid}/clients/new"),
            &format!("/groups/{gid}/clients"),
            &client_form("Globex", "rita@globex.test"),
        )
        .await;
    let edit = location(r.headers());
    let admin = Browser::new(&app);
    admin.login("admin@acme.test", PASSWORD).await;
    let owner = Browser::new(&app);
    owner.login("owner@acme.test", PASSWORD).await;

    // Both open the form; the owner changes the city and saves.
    let owners_form = form_fields(&owner.get_html(&edit).await, &edit);
    let admins_form = form_fields(&admin.get_html(&edit).await, &edit);
    let with = |form: &[(String, String)], field: &str, value: &str| -> Vec<(String, String)> {
        form.iter()
            .map(|(k, v)| (k.clone(), if k == field { value.into() } else { v.clone() }))
            .collect()
    };
    let send = |browser: &Browser, fields: Vec<(String, String)>| {
        let edit = edit.clone();
        let browser = browser.clone();
        async move { browser.post_raw(&edit, &fields).await }
    };
    let r = send(&owner, with(&owners_form, "city", "Porto")).await;
    assert_redirect_to(&r, &edit);

    // The admin changes the company from the older form: refused, the other change shown.
    let r = send(&admin, with(&admins_form, "company_name", "Globex Ltda")).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = r.text().await.unwrap();
    assert!(html.contains("Someone else saved this client"));
    let conflict_form = form_fields(&html, &edit);
    let value = |name: &str| {
        conflict_form
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(
        value("city"),
        "Porto",
        "the field the admin left shows the saved value"
    );
    assert_eq!(
        value("company_name"),
        "Globex Ltda",
        "the admin's own change stays"
    );

    // Sent again as the page shows it: the owner's city survives.
    let r = send(&admin, conflict_form).await;
    assert_redirect_to(&r, &edit);
    let (city, company): (String, String) = accounts::table
        .filter(accounts::name.eq("Globex"))
        .select((accounts::city, accounts::company_name))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((city.as_str(), company.as_str()), ("Porto", "Globex Ltda"));
}

#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    let app = spawn_app().await;
    for (path, status) in [
        ("/healthz", StatusCode::OK),
        ("/login", StatusCode::OK),
        ("/nowhere", StatusCode::NOT_FOUND),
    ] {
        let get = app.get(path).await;
        let r = app.client.head(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), status, "HEAD {path}");
        assert_eq!(r.headers()["content-type"], get.headers()["content-type"]);
        assert!(r.headers().contains_key("content-security-policy"));
        assert!(
            r.bytes().await.unwrap().is_empty(),
            "HEAD {path} has no body"
        );
    }
}

/// Every log line of this test process from now on (the app runs in-process, on threads
/// of its own, so the subscriber must be the global one).
fn captured_logs() -> std::sync::Arc<std::sync::Mutex<Vec<u8>>> {
    use std::sync::{Arc, Mutex, OnceLock};
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        struct Sink(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Sink {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                // Only the sign-in lines are kept: the buffer stays small.
                if buf.windows(7).any(|w| w == b"sign-in") {
                    self.0.lock().unwrap().extend_from_slice(buf);
                }
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let logs = Arc::new(Mutex::new(Vec::new()));
        let sink = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || Sink(sink.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other subscriber");
        logs
    })
    .clone()
}

#[tokio::test]
async fn sign_in_refusals_are_logged_with_the_reason_and_the_address_never_the_password() {
    let logs = captured_logs();
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let disabled = make_member(&mut app.conn(), gid, "gone@acme.test", "seller");
    clientele::services::users::disable(&mut app.conn(), disabled, clientele::db::now()).unwrap();
    let attempts = [
        ("nobody@probe.test", "Typed-Secret-0001", "unknown_email"),
        ("owner@acme.test", "Typed-Secret-0002", "wrong_password"),
        ("gone@acme.test", PASSWORD, "disabled"),
    ];
    // Sent from an address of its own on the loopback network, so that the lines found are
    // this test's, not another test's running at the same time.
    let from: std::net::IpAddr = "127.0.0.77".parse().unwrap();
    for (email, password, _) in attempts {
        let browser = reqwest::Client::builder()
            .local_address(from)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let html = browser
            .get(app.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let token = csrf_token(&html);
        let r = browser
            .post(app.url("/login"))
            .form(&[
                ("email", email),
                ("password", password),
                ("csrf_token", token.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let text = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    for (email, password, reason) in attempts {
        assert!(
            text.lines().any(|l| l.contains("sign-in refused")
                && l.contains(&format!("reason=\"{reason}\""))
                && l.contains("ip=\"127.0.0.77\"")),
            "{reason} not logged:\n{text}"
        );
        assert!(
            !text.contains(password) || password == PASSWORD,
            "a password was logged"
        );
        assert!(!text.contains(PASSWORD), "a password was logged");
        if reason == "unknown_email" {
            assert!(
                !text.contains(email),
                "what was typed as an email was logged"
            );
        }
    }
}

/// The route table (`routes::ROUTES`) is what the server answers: each path answers the
/// methods the table gives it and 405 to the other, signed out or not (the authorisation
/// tests walk the same table).
#[tokio::test]
async fn every_route_of_the_table_answers_its_methods_and_only_those() {
    let app = spawn_app().await;
    assert!(clientele::routes::ROUTES.len() >= 55);
    for route in clientele::routes::ROUTES {
        let path = route
            .path
            .replace("{token}", "abc")
            .replace(['{', '}'], "")
            .replace("gid", "1")
            .replace("cid", "2")
            .replace("uid", "3")
            .replace("id", "4");
        for method in ["get", "post"] {
            let r = match method {
                "get" => app.get(&path).await,
                // With the session's token (read afresh: a sign-out POST renews it), as a
                // POST without one is refused (403) before routing.
                _ => {
                    let token = csrf_token(&app.get_html("/login").await);
                    app.post_raw(&path, &[("csrf_token", token.as_str())]).await
                }
            };
            let listed = route.methods.contains(&method);
            assert_eq!(
                r.status() == StatusCode::METHOD_NOT_ALLOWED,
                !listed,
                "{method} {path}: {}",
                r.status()
            );
            // A 405 says what the path answers (RFC 9110 §15.5.6), and is still a page.
            if !listed {
                let allow = r
                    .headers()
                    .get("allow")
                    .map(|v| v.to_str().unwrap().to_owned());
                let expected: Vec<String> = route
                    .methods
                    .iter()
                    .map(|m| m.to_uppercase())
                    .chain(route.methods.contains(&"get").then(|| "HEAD".to_owned()))
                    .collect();
                assert_eq!(allow, Some(expected.join(", ")), "{method} {path}");
                assert!(r.text().await.unwrap().contains("Not allowed here"));
            }
        }
    }
    // The routes outside the table too: the health check, metrics, the stylesheet, and
    // the API (its 405 is JSON).
    for path in [
        "/healthz".to_owned(),
        "/metrics".to_owned(),
        clientele::web::assets::css_href().to_owned(),
        "/api/v1/clients".to_owned(),
        "/api/v1/openapi.json".to_owned(),
    ] {
        let r = app.client.delete(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "{path}");
        assert_eq!(r.headers()["allow"], "GET, HEAD", "{path}");
    }
}
