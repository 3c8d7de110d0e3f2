//! `/profile`: name and language, password change (the current one needed; every other
//! session ends), "Sign out everywhere", and "Add new account" with the chooser and the
//! header switcher that follow.

use clientele::db::schema::{accounts, audit_events, memberships, users};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

fn audited(app: &TestApp, action: &str) -> Vec<String> {
    audit_events::table
        .filter(audit_events::action.eq(action))
        .select(audit_events::changes)
        .load(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn name_and_language_are_saved_and_bad_input_is_kept_with_its_errors() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let html = app.get_html("/profile").await;
    assert!(html.contains("owner@acme.test") && html.contains(r#"action="/profile/accounts""#));
    // Every page's user menu leads here.
    assert!(html.contains(r#"href="/profile""#));

    let r = app
        .post_form(
            "/profile",
            "/profile",
            &[
                ("first_name", "  "),
                ("last_name", "Owens"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="first_name""#));
    assert!(html.contains(r#"data-error-for="language""#));
    assert!(html.contains(r#"value="Owens""#));

    let r = app
        .post_form(
            "/profile",
            "/profile",
            &[
                ("first_name", "Olivia"),
                ("last_name", "Owens"),
                ("language", "es"),
            ],
        )
        .await;
    assert_redirect_to(&r, "/profile");
    let html = app.get_html("/profile").await;
    assert!(html.contains(r#"<html lang="es">"#) && html.contains("Se guardó tu perfil."));
    assert!(html.contains("Olivia Owens"));
    let changes = audited(&app, "user.profile_changed");
    assert_eq!(changes.len(), 1);
    assert!(changes[0].contains("Olivia") && changes[0].contains("\"es\""));
}

#[tokio::test]
async fn a_new_password_needs_the_current_one_and_ends_the_other_sessions() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let other = Browser::new(&app);
    other.login("owner@acme.test", PASSWORD).await;
    let form = |current: &'static str, new: &'static str, again: &'static str| {
        [
            ("current_password", current),
            ("password", new),
            ("password_confirm", again),
        ]
    };
    let r = app
        .post_form(
            "/profile",
            "/profile/password",
            &form("not my password", "a brand new one", "a brand new one"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="current_password""#));
    assert!(
        !html.contains("a brand new one"),
        "passwords are never echoed"
    );
    let r = app
        .post_form(
            "/profile",
            "/profile/password",
            &form(PASSWORD, "a brand new one", "another one"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"data-error-for="password_confirm""#)
    );

    let r = app
        .post_form(
            "/profile",
            "/profile/password",
            &form(PASSWORD, "a brand new one", "a brand new one"),
        )
        .await;
    assert_redirect_to(&r, "/profile");
    // This browser stays signed in; the other one is signed out.
    assert!(
        app.get_html("/profile")
            .await
            .contains("Your password was changed.")
    );
    assert_redirect_to(&other.get("/profile").await, "/login?next=%2Fprofile");
    let fresh = Browser::new(&app);
    assert_eq!(
        fresh.login("owner@acme.test", PASSWORD).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_redirect_to(
        &fresh.login("owner@acme.test", "a brand new one").await,
        "/",
    );
    assert_eq!(audited(&app, "user.password_changed"), ["{}"]);
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session_this_one_too() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let other = Browser::new(&app);
    other.login("owner@acme.test", PASSWORD).await;
    let r = app
        .post_form("/profile", "/profile/sessions/end", &[])
        .await;
    assert_redirect_to(&r, "/login");
    assert!(
        app.get_html("/login")
            .await
            .contains("You were signed out of every browser.")
    );
    for b in [app.get("/profile").await, other.get("/profile").await] {
        assert_redirect_to(&b, "/login?next=%2Fprofile");
    }
    assert_eq!(audited(&app, "user.signed_out_everywhere").len(), 1);
}

#[tokio::test]
async fn add_new_account_makes_a_group_owned_by_the_user_and_the_chooser_and_switcher_follow() {
    let app = spawn_app().await;
    let (gid, uid) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    // One membership: straight into it.
    assert_redirect_to(&app.get("/").await, &format!("/groups/{gid}/clients"));

    let r = app
        .post_form("/profile", "/profile/accounts", &[("group_name", "  ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"data-error-for="group_name""#)
    );

    let r = app
        .post_form(
            "/profile",
            "/profile/accounts",
            &[("group_name", " Side Project ")],
        )
        .await;
    let to = location(r.headers());
    let new_gid: i64 = to
        .trim_start_matches("/groups/")
        .trim_end_matches("/clients")
        .parse()
        .unwrap();
    assert_ne!(new_gid, gid);
    let (name, kind): (String, String) = accounts::table
        .find(new_gid)
        .select((accounts::name, accounts::kind))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((name.as_str(), kind.as_str()), ("Side Project", "group"));
    let role: String = memberships::table
        .filter(memberships::account_id.eq(new_gid))
        .filter(memberships::user_id.eq(uid))
        .select(memberships::role)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(role, "owner");
    let html = app.get_html(&to).await;
    assert!(html.contains("Account Side Project created. You are its owner."));
    // The header switcher on this page names both accounts and marks the current one.
    let switcher = &html[html.find(r#"class="switcher""#).unwrap()..html.find("</nav>").unwrap()];
    assert!(switcher.contains(&format!(r#"href="/groups/{gid}/clients""#)));
    assert!(switcher.contains(&format!(
        r#"href="/groups/{new_gid}/clients" aria-current="true""#
    )));
    // Two memberships now: the chooser after sign-in.
    assert_redirect_to(&app.get("/").await, "/accounts");
    let chooser = app.get_html("/accounts").await;
    assert!(chooser.contains("Acme") && chooser.contains("Side Project"));
    // The first account still opens, the new one is empty and says what to do next.
    assert_eq!(
        app.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::OK
    );
    let n: i64 = users::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(n, 1, "no new user");
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_like_sign_in() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let form = |current: &'static str| {
        [
            ("current_password", current),
            ("password", "a brand new one"),
            ("password_confirm", "a brand new one"),
        ]
    };
    for _ in 0..5 {
        let r = app
            .post_form("/profile", "/profile/password", &form("a guess at it"))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Locked: even the right one is not heard now.
    let r = app
        .post_form("/profile", "/profile/password", &form(PASSWORD))
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.text().await.unwrap().contains("Too many failed sign-ins"));
    let fresh = Browser::new(&app);
    assert_eq!(
        fresh.login("owner@acme.test", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// The status `GET /api/v1/clients` answers with this token.
async fn api_status(app: &TestApp, token: &str) -> StatusCode {
    reqwest::Client::new()
        .get(app.url("/api/v1/clients"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

/// The reset link the last "forgot your password" email to `to` carries.
async fn reset_link(app: &TestApp, b: &Browser, to: &str) -> String {
    use clientele::db::schema::outbox;
    let r = b
        .post_form("/password/forgot", "/password/forgot", &[("email", to)])
        .await;
    assert_redirect_to(&r, "/login");
    for _ in 0..100 {
        let bodies: Vec<String> = outbox::table
            .filter(outbox::to_address.eq(to))
            .filter(outbox::body_text.like("%/password/reset/%"))
            .select(outbox::body_text)
            .load(&mut app.conn())
            .unwrap();
        if let Some(body) = bodies.last() {
            let start = body.find("/password/reset/").unwrap();
            return link_path(body[start..].split_whitespace().next().unwrap());
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no reset email to {to}")
}

#[tokio::test]
async fn api_tokens_go_with_a_reset_and_sign_out_everywhere_and_a_password_change_asks() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let b = Browser::new(&app);
    b.login("owner@acme.test", PASSWORD).await;
    // Without tokens the password form asks nothing about them.
    let html = b.get_html("/profile").await;
    assert!(!html.contains(r#"name="revoke_api_tokens""#));
    let first = make_token(&b, "Billing sync").await;
    let second = make_token(&b, "Reports").await;

    // The pages say beforehand what happens to them.
    let html = b.get_html("/profile").await;
    assert!(html.contains("Also revoke my 2 API tokens"), "{html}");
    assert!(html.contains("Your 2 API tokens are revoked too."));

    // A plain password change keeps them (the box unticked)…
    let change = |from: &'static str, to: &'static str, revoke: bool| {
        let b = b.clone();
        async move {
            let mut fields = vec![
                ("current_password", from),
                ("password", to),
                ("password_confirm", to),
            ];
            if revoke {
                fields.push(("revoke_api_tokens", "on"));
            }
            b.post_form("/profile", "/profile/password", &fields).await
        }
    };
    assert_redirect_to(
        &change(PASSWORD, "second password", false).await,
        "/profile",
    );
    for t in [&first, &second] {
        assert_eq!(api_status(&app, t).await, StatusCode::OK);
    }
    // …a form with an error keeps the box as it was ticked, and revokes nothing…
    let r = change("a wrong password", "third password", true).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"name="revoke_api_tokens" checked"#)
    );
    assert_eq!(api_status(&app, &first).await, StatusCode::OK);
    // …and ticked, it revokes them, each audited by name.
    assert_redirect_to(
        &change("second password", "third password", true).await,
        "/profile",
    );
    for t in [&first, &second] {
        assert_eq!(api_status(&app, t).await, StatusCode::UNAUTHORIZED);
    }
    let revoked = audited(&app, "api_token.revoked");
    assert_eq!(revoked.len(), 2);
    assert!(revoked.iter().any(|c| c.contains("Billing sync")));
    assert!(
        !b.get_html("/profile")
            .await
            .contains(r#"name="revoke_api_tokens""#)
    );

    // "Sign out everywhere" revokes them.
    let third = make_token(&b, "Nightly").await;
    let r = b.post_form("/profile", "/profile/sessions/end", &[]).await;
    assert_redirect_to(&r, "/login");
    assert_eq!(api_status(&app, &third).await, StatusCode::UNAUTHORIZED);

    // A reset through the emailed link revokes them, and its page says so first.
    b.login("owner@acme.test", "third password").await;
    let fourth = make_token(&b, "After the reset").await;
    let stranger = Browser::new(&app);
    let link = reset_link(&app, &stranger, "owner@acme.test").await;
    let page = stranger.get_html(&link).await;
    assert!(
        page.contains("every API token of this account revoked"),
        "{page}"
    );
    let r = stranger
        .post_form(
            &link,
            &link,
            &[
                ("password", "a fourth password"),
                ("password_confirm", "a fourth password"),
            ],
        )
        .await;
    assert_redirect_to(&r, "/login");
    assert_eq!(api_status(&app, &fourth).await, StatusCode::UNAUTHORIZED);
    assert_eq!(audited(&app, "api_token.revoked").len(), 4);
}

/// The secrets of the tokens `b` makes, one after the other, until its session ends (the
/// answer is the way to the sign-in page). At the most tokens a person keeps (20, a 422),
/// it keeps asking.
async fn make_tokens_until_refused(b: Browser, token: String, tag: usize) -> Vec<String> {
    let mut made = Vec::new();
    for i in 0..400 {
        let r = b
            .post_raw(
                "/profile/api-tokens",
                &[
                    ("csrf_token", token.as_str()),
                    ("token_name", &format!("t{tag}-{i}")),
                ],
            )
            .await;
        if r.status() == StatusCode::UNPROCESSABLE_ENTITY {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            continue;
        }
        if r.status() != StatusCode::OK {
            break;
        }
        let page = r.text().await.unwrap();
        let open = r#"<code class="secret">"#;
        let start = page.find(open).expect("the new token") + open.len();
        made.push(page[start..start + page[start..].find("</code>").unwrap()].to_owned());
    }
    made
}

#[tokio::test]
async fn no_token_made_while_the_sessions_end_outlives_them() {
    use clientele::db::schema::api_tokens;
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    // The service refuses a session that is not there any more (or another person's).
    let owner_id: i64 = users::table
        .filter(users::email.eq("owner@acme.test"))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap();
    let r = clientele::services::api::create_token(
        &mut app.conn(),
        owner_id,
        "no-such-session",
        "Late",
        &clientele::services::audit::Actor::user(owner_id, "owner@acme.test", None),
    );
    assert!(
        matches!(r, Err(clientele::error::AppError::SignInRequired { .. })),
        "{r:?}"
    );

    // Under load: a stolen session makes tokens as fast as it can while the owner signs
    // out everywhere, then (signed in again, another stolen session) changes the password
    // revoking the tokens. Every token made is revoked: none answers the API afterwards.
    for ending in ["sign out everywhere", "new password"] {
        let victim = Browser::new(&app);
        victim.login("owner@acme.test", PASSWORD).await;
        let thief = Browser::new(&app);
        thief.login("owner@acme.test", PASSWORD).await;
        let token = csrf_token(&thief.get_html("/profile").await);
        // Keep under the most live tokens a person keeps.
        diesel::update(api_tokens::table)
            .set(api_tokens::revoked_at.eq(Some(clientele::db::now())))
            .execute(&mut app.conn())
            .unwrap();
        let makers: Vec<_> = (0..4)
            .map(|tag| tokio::spawn(make_tokens_until_refused(thief.clone(), token.clone(), tag)))
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
        let r = match ending {
            "sign out everywhere" => {
                victim
                    .post_form("/profile", "/profile/sessions/end", &[])
                    .await
            }
            _ => {
                victim
                    .post_form(
                        "/profile",
                        "/profile/password",
                        &[
                            ("current_password", PASSWORD),
                            ("password", "a brand new password"),
                            ("password_confirm", "a brand new password"),
                            ("revoke_api_tokens", "on"),
                        ],
                    )
                    .await
            }
        };
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{ending}");
        let mut made = Vec::new();
        for m in makers {
            made.extend(m.await.unwrap());
        }
        assert!(!made.is_empty(), "{ending}: tokens were made meanwhile");
        for secret in &made {
            assert_eq!(
                api_status(&app, secret).await,
                StatusCode::UNAUTHORIZED,
                "{ending}: a token made while the sessions ended still works"
            );
        }
    }
}
