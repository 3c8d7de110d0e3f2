//! "Forgot your password?": the same answer for any address, a 1-hour single-use link in
//! the user's language under BASE_URL, and a reset that ends every session of the user.

use clientele::db::schema::{audit_events, outbox, tokens, users};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

/// The emails to `to` in the outbox, once `n` of them are there (the request is handled
/// after the answer, so the test waits for it a little).
async fn emails_to(app: &TestApp, to: &str, n: usize) -> Vec<(String, String, String)> {
    for _ in 0..100 {
        let found: Vec<(String, String, String)> = outbox::table
            .filter(outbox::to_address.eq(to))
            .order_by(outbox::id.asc())
            .select((outbox::subject, outbox::language, outbox::body_text))
            .load(&mut app.conn())
            .unwrap();
        if found.len() >= n {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("{n} email(s) to {to}")
}

async fn ask(b: &Browser, email: &str) -> String {
    let r = b
        .post_form("/password/forgot", "/password/forgot", &[("email", email)])
        .await;
    assert_redirect_to(&r, "/login");
    let html = b.get_html("/login").await;
    let start = html.find(r#"role="status""#).expect("the flash");
    html[start..start + html[start..].find("</").unwrap()].to_owned()
}

fn reset_link(body: &str) -> String {
    let start = body
        .find("http://clientele.test/password/reset/")
        .expect("a reset link under BASE_URL");
    link_path(
        body[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .trim_start_matches("http://clientele.test"),
    )
}

#[tokio::test]
async fn asking_answers_the_same_for_any_address_and_emails_only_a_user() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    make_member(&mut app.conn(), gid, "gone@acme.test", "seller");
    diesel::update(users::table.filter(users::email.eq("owner@acme.test")))
        .set(users::language.eq("pt-BR"))
        .execute(&mut app.conn())
        .unwrap();
    clientele::models::user::set_disabled(
        &mut app.conn(),
        users::table
            .filter(users::email.eq("gone@acme.test"))
            .select(users::id)
            .first(&mut app.conn())
            .unwrap(),
        Some(clientele::db::now()),
    )
    .unwrap();
    let b = Browser::new(&app);
    let html = b.get_html("/login").await;
    assert!(html.contains(r#"href="/password/forgot""#));

    let known = ask(&b, " OWNER@acme.test ").await;
    let unknown = ask(&b, "nobody@acme.test").await;
    let disabled = ask(&b, "gone@acme.test").await;
    assert_eq!(known, unknown);
    assert_eq!(known, disabled);
    assert!(known.contains("If an account uses that address"));

    let sent = emails_to(&app, "owner@acme.test", 1).await;
    assert_eq!(sent[0].0, "Escolha uma nova senha do Clientele");
    assert_eq!(sent[0].1, "pt-BR");
    assert!(sent[0].2.contains("1 hora"));
    reset_link(&sent[0].2);
    // The work behind the answer, done here and now: nothing for an unknown or a disabled
    // address.
    for email in ["nobody@acme.test", "gone@acme.test"] {
        let sent = clientele::services::password_reset::request(
            &mut app.conn(),
            email,
            "http://clientele.test",
            clientele::db::now(),
        )
        .unwrap();
        assert!(!sent, "{email}");
    }
    let others: i64 = outbox::table
        .filter(outbox::to_address.ne("owner@acme.test"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(others, 0, "no email for an unknown or a disabled address");

    // Asked again within a minute: no second email.
    let again = clientele::services::password_reset::request(
        &mut app.conn(),
        "owner@acme.test",
        "http://clientele.test",
        clientele::db::now(),
    )
    .unwrap();
    assert!(!again, "at most one a minute");

    // Bad input keeps what was typed and says what is wrong.
    let r = b
        .post_form(
            "/password/forgot",
            "/password/forgot",
            &[("email", "not-an-email")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="email""#) && html.contains(r#"value="not-an-email""#));
}

#[tokio::test]
async fn the_link_sets_a_new_password_once_and_ends_every_session() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let desk = Browser::new(&app);
    let laptop = Browser::new(&app);
    for b in [&desk, &laptop] {
        assert_redirect_to(&b.login("owner@acme.test", PASSWORD).await, "/");
    }
    // Locked out by failures: the reset lets them in again.
    let stranger = Browser::new(&app);
    for _ in 0..5 {
        stranger.login("owner@acme.test", "wrong guess").await;
    }
    let b = Browser::new(&app);
    ask(&b, "owner@acme.test").await;
    let first = reset_link(&emails_to(&app, "owner@acme.test", 1).await[0].2);

    // A minute later another link: the first one stops working.
    diesel::update(tokens::table)
        .set(tokens::created_at.eq(clientele::db::now() - chrono::Duration::minutes(2)))
        .execute(&mut app.conn())
        .unwrap();
    ask(&b, "owner@acme.test").await;
    let link = reset_link(&emails_to(&app, "owner@acme.test", 2).await[1].2);
    assert_ne!(first, link);
    assert_eq!(b.get(&first).await.status(), StatusCode::GONE);

    let html = b.get_html(&link).await;
    assert!(html.contains("owner@acme.test"));
    let r = b
        .post_form(
            &link,
            &link,
            &[
                ("password", "a new password"),
                ("password_confirm", "another one"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"data-error-for="password_confirm""#)
    );
    let r = b
        .post_form(
            &link,
            &link,
            &[
                ("password", "a new password"),
                ("password_confirm", "a new password"),
            ],
        )
        .await;
    assert_redirect_to(&r, "/login");
    assert!(
        b.get_html("/login")
            .await
            .contains("Your password was changed")
    );

    // Every browser that was signed in is signed out.
    for signed_in in [&desk, &laptop] {
        assert_redirect_to(&signed_in.get("/accounts").await, "/login?next=%2Faccounts");
    }
    let fresh = Browser::new(&app);
    assert_eq!(
        fresh.login("owner@acme.test", PASSWORD).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_redirect_to(&fresh.login("owner@acme.test", "a new password").await, "/");
    assert_redirect_to(&fresh.get("/").await, &format!("/groups/{gid}/clients"));
    // Used once.
    let r = Browser::new(&app).get(&link).await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().await.unwrap().contains("already used"));
    let audited: i64 = audit_events::table
        .filter(audit_events::action.eq("user.password_reset"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(audited, 1);
    assert_eq!(
        Browser::new(&app)
            .get("/password/reset/nope")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_link_expires_after_an_hour() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let b = Browser::new(&app);
    ask(&b, "owner@acme.test").await;
    let link = reset_link(&emails_to(&app, "owner@acme.test", 1).await[0].2);
    let expires: chrono::NaiveDateTime = tokens::table
        .filter(tokens::purpose.eq("password_reset"))
        .select(tokens::expires_at)
        .first(&mut app.conn())
        .unwrap();
    let left = expires - clientele::db::now();
    assert!(left <= chrono::Duration::hours(1) && left > chrono::Duration::minutes(59));
    diesel::update(tokens::table)
        .set(tokens::expires_at.eq(clientele::db::now() - chrono::Duration::seconds(1)))
        .execute(&mut app.conn())
        .unwrap();
    let r = b.get(&link).await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().await.unwrap().contains("1 hour"));
    let r = b
        .post_form(
            "/login",
            &link,
            &[
                ("password", "a new password"),
                ("password_confirm", "a new password"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::GONE);
}

/// Issue 34: the link's secret leaves the address bar on the first GET (as Django's reset
/// does), kept in this browser alone (an encrypted cookie, never the database); the page and
/// its form carry only a reference, which opens nothing anywhere else.
#[tokio::test]
async fn the_links_secret_leaves_the_address_bar_and_stays_in_this_browser() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let b = Browser::new(&app);
    ask(&b, "owner@acme.test").await;
    let link = reset_link(&emails_to(&app, "owner@acme.test", 1).await[0].2);
    let secret = secret_in(&link).unwrap().to_owned();

    let r = b.get(&link).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = location(r.headers());
    assert_eq!(page, referenced(&link));
    assert!(!page.contains(&secret));
    assert_eq!(r.headers()["cache-control"], "no-store");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("clientele_links="), "{cookie}");
    assert!(!cookie.contains(&secret), "encrypted: {cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    // Nothing of it in the database either: no session row holds it.
    let sessions: Vec<String> = clientele::db::schema::sessions::table
        .select(clientele::db::schema::sessions::state)
        .load(&mut app.conn())
        .unwrap();
    assert!(sessions.iter().all(|s| !s.contains(&secret)));

    // The page at the reference: the form posts to the reference, the secret nowhere.
    let html = b.get_html(&page).await;
    assert!(html.contains(&format!(r#"action="{page}""#)), "{html}");
    assert!(!html.contains(&secret));
    // Another browser, the reference alone: the link's "not valid" page (404), nothing set.
    let other = Browser::new(&app);
    let r = other.get(&page).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = other
        .post_form(
            "/login",
            &page,
            &[
                ("password", "a new password"),
                ("password_confirm", "a new password"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // A cookie of its own making opens nothing either.
    let forged = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = forged
        .get(app.url(&page))
        .header(
            "cookie",
            format!(
                "clientele_links={}:{secret}",
                page.rsplit('/').next().unwrap()
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // This browser sets the password through the reference.
    let r = b
        .post_form(
            &page,
            &page,
            &[
                ("password", "a new password"),
                ("password_confirm", "a new password"),
            ],
        )
        .await;
    assert_redirect_to(&r, "/login");
    assert_redirect_to(
        &Browser::new(&app)
            .login("owner@acme.test", "a new password")
            .await,
        "/",
    );
    // Used: the emailed link says so where it is (410), and is not moved any more.
    let r = Browser::new(&app).get(&link).await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(
        r.headers()
            .get("set-cookie")
            .is_none_or(|c| !c.to_str().unwrap().starts_with("clientele_links="))
    );
    assert_eq!(b.get(&page).await.status(), StatusCode::GONE);
}
