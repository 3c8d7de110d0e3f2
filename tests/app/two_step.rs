//! Two-step verification (issue 16): set up with a QR code and a first code, recovery codes
//! shown once and stored hashed, the code asked after the password (each code and each
//! recovery code good once), wrong codes throttled like passwords, a group requiring it of
//! its staff, and owners resetting a staff member's.

use clientele::auth::two_step::{STEP_SECONDS, code_at};
use clientele::db::schema::{audit_events, recovery_codes, users};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// What an authenticator app shows for the next step not used yet: the current one, or
/// the one after when the current one was used (the server takes a step either side).
fn next_code(secret: &str, last_step: &mut u64) -> String {
    let now = unix_now() / STEP_SECONDS;
    let step = now.max(*last_step + 1);
    assert!(
        step <= now + 1,
        "no unused step left in this 30-second window"
    );
    *last_step = step;
    code_at(secret, step * STEP_SECONDS).unwrap()
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} in the page"))
        + start.len();
    let j = html[i..].find(end).unwrap() + i;
    &html[i..j]
}

/// Sets two-step verification up for the browser's person; returns the secret and the
/// recovery codes as shown.
async fn enrol(b: &Browser, last_step: &mut u64) -> (String, Vec<String>) {
    let html = b.get_html("/profile/two-step").await;
    assert!(html.contains(r#"data-two-step="off""#));
    let r = b
        .post_form("/profile/two-step", "/profile/two-step/start", &[])
        .await;
    assert_redirect_to(&r, "/profile/two-step");
    let html = b.get_html("/profile/two-step").await;
    assert!(
        html.contains(r#"src="data:image/svg+xml;base64,"#),
        "a QR code"
    );
    let secret: String = between(&html, "<code data-secret>", "</code>")
        .split_whitespace()
        .collect();
    // A wrong code, or no password: 422, the QR code still there, nothing stored.
    for (code, password, field) in [("000000", PASSWORD, "code"), ("000000", "", "password")] {
        let r = b
            .post_form(
                "/profile/two-step",
                "/profile/two-step/confirm",
                &[("code", code), ("password", password)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(&format!(r#"data-error-for="{field}""#))
                && html.contains("data:image/svg+xml")
        );
    }
    let code = next_code(&secret, last_step);
    let r = b
        .post_form(
            "/profile/two-step",
            "/profile/two-step/confirm",
            &[("code", &code), ("password", PASSWORD)],
        )
        .await;
    assert_redirect_to(&r, "/profile/two-step");
    let html = b.get_html("/profile/two-step").await;
    let codes: Vec<String> = html
        .split("<code data-recovery-code>")
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].to_owned())
        .collect();
    assert_eq!(codes.len(), 10, "ten recovery codes, shown once");
    // Shown once: the page does not show them again.
    let again = b.get_html("/profile/two-step").await;
    assert!(again.contains(r#"data-two-step="on""#));
    assert!(!again.contains(&codes[0]));
    (secret, codes)
}

async fn sign_in_asks_for_the_code(app: &TestApp, email: &str) -> Browser {
    let b = Browser::new(app);
    let r = b.login(email, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK, "the code is asked");
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"name="totp""#) && html.contains("two-step-prompt"));
    // Not signed in yet.
    let r = b.get("/profile").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    b
}

async fn send_code(b: &Browser, code: &str) -> reqwest::Response {
    b.post_form("/login", "/login", &[("totp", code)]).await
}

#[tokio::test]
async fn set_up_with_a_qr_code_then_each_sign_in_asks_a_code_good_once() {
    let app = spawn_app().await;
    let (gid, uid) = make_group(&mut app.conn(), "Two Step Group", "owner@twostep.test");
    let b = Browser::new(&app);
    b.login("owner@twostep.test", PASSWORD).await;
    // Another browser signed in with the password alone, before: it is signed out by it.
    let before = Browser::new(&app);
    before.login("owner@twostep.test", PASSWORD).await;
    let mut last = 0;
    let (secret, codes) = enrol(&b, &mut last).await;
    assert_eq!(before.get("/profile").await.status(), StatusCode::SEE_OTHER);

    // Stored: the secret, and the recovery codes as hashes only.
    let stored: Option<String> = users::table
        .find(uid)
        .select(users::totp_secret)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(stored.as_deref(), Some(secret.as_str()));
    let hashes: Vec<String> = recovery_codes::table
        .filter(recovery_codes::user_id.eq(uid))
        .select(recovery_codes::code_hash)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(hashes.len(), 10);
    for c in &codes {
        assert!(!hashes.contains(c) && !hashes.contains(&c.replace('-', "")));
    }

    // The password alone no longer signs in; a wrong code is refused and asked again.
    let b = sign_in_asks_for_the_code(&app, "owner@twostep.test").await;
    let r = send_code(&b, "123456").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains(r#"data-error-for="totp""#));
    let code = next_code(&secret, &mut last);
    let r = send_code(&b, &code).await;
    assert_redirect_to(&r, "/");
    assert_eq!(b.get("/profile").await.status(), StatusCode::OK);

    // The same code again (seen over a shoulder): refused.
    let other = sign_in_asks_for_the_code(&app, "owner@twostep.test").await;
    let r = send_code(&other, &code).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A recovery code, typed in capitals with spaces: once.
    let typed = codes[3].to_uppercase().replace('-', " ");
    let r = send_code(&other, &typed).await;
    assert_redirect_to(&r, "/");
    let third = sign_in_asks_for_the_code(&app, "owner@twostep.test").await;
    assert_eq!(
        send_code(&third, &codes[3]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Email, password and code at once (a password manager filling all three).
    let fourth = Browser::new(&app);
    let r = fourth
        .post_form(
            "/login",
            "/login",
            &[
                ("email", "owner@twostep.test"),
                ("password", PASSWORD),
                ("totp", &codes[4]),
            ],
        )
        .await;
    assert_redirect_to(&r, "/");
    let html = fourth.get_html("/profile/two-step").await;
    assert!(html.contains("8 recovery codes left"), "two used");

    // New recovery codes need the password; the old ones stop working.
    let r = fourth
        .post_form(
            "/profile/two-step",
            "/profile/two-step/recovery-codes",
            &[("password", "wrong password")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = fourth
        .post_form(
            "/profile/two-step",
            "/profile/two-step/recovery-codes",
            &[("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.text()
            .await
            .unwrap()
            .matches("data-recovery-code")
            .count(),
        10
    );
    let fifth = sign_in_asks_for_the_code(&app, "owner@twostep.test").await;
    assert_eq!(
        send_code(&fifth, &codes[5]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Turned off with the password: the password alone signs in again.
    let r = fourth
        .post_form(
            "/profile/two-step",
            "/profile/two-step/disable",
            &[("password", PASSWORD)],
        )
        .await;
    assert_redirect_to(&r, "/profile/two-step");
    let r = Browser::new(&app)
        .login("owner@twostep.test", PASSWORD)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let actions: Vec<String> = audit_events::table
        .filter(audit_events::action.like("user.%"))
        .select(audit_events::action)
        .order_by(audit_events::id)
        .load(&mut app.conn())
        .unwrap();
    for a in [
        "user.two_step_enabled",
        "user.recovery_code_used",
        "user.recovery_codes_renewed",
        "user.two_step_disabled",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    let _ = gid;
}

/// Two sign-ins racing with one code (a code seen over a shoulder and typed at once):
/// exactly one passes.
#[tokio::test]
async fn one_code_sent_twice_at_once_signs_in_once() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Race Group", "owner@race.test");
    let b = Browser::new(&app);
    b.login("owner@race.test", PASSWORD).await;
    let mut last = 0;
    let (secret, _) = enrol(&b, &mut last).await;
    let one = sign_in_asks_for_the_code(&app, "owner@race.test").await;
    let two = sign_in_asks_for_the_code(&app, "owner@race.test").await;
    let code = next_code(&secret, &mut last);
    let (a, b) = tokio::join!(send_code(&one, &code), send_code(&two, &code));
    let passed = [a.status(), b.status()]
        .iter()
        .filter(|s| **s == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(passed, 1, "{} and {}", a.status(), b.status());
}

/// A code step begun with the old password ends when the password changes (a reset by
/// email, say): the code alone does not finish it.
#[tokio::test]
async fn a_new_password_ends_a_sign_in_waiting_for_its_code() {
    let app = spawn_app().await;
    let (_, uid) = make_group(&mut app.conn(), "Changed Group", "owner@changed.test");
    let b = Browser::new(&app);
    b.login("owner@changed.test", PASSWORD).await;
    let mut last = 0;
    let (secret, _) = enrol(&b, &mut last).await;
    let waiting = sign_in_asks_for_the_code(&app, "owner@changed.test").await;
    let hash = clientele::auth::password::PasswordHasher::new(4)
        .hash_blocking("another long password")
        .unwrap();
    diesel::update(users::table.find(uid))
        .set(users::password_hash.eq(Some(hash)))
        .execute(&mut app.conn())
        .unwrap();
    let r = send_code(&waiting, &next_code(&secret, &mut last)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text().await.unwrap().contains(r#"name="password""#),
        "asked again"
    );
    assert_eq!(
        waiting.get("/profile").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn wrong_codes_count_as_failed_sign_ins() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Locked Group", "owner@locked.test");
    let b = Browser::new(&app);
    b.login("owner@locked.test", PASSWORD).await;
    let mut last = 0;
    let (secret, _) = enrol(&b, &mut last).await;
    let b = sign_in_asks_for_the_code(&app, "owner@locked.test").await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(send_code(&b, "999999").await.status());
    }
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // Locked: even the right code waits, with Retry-After.
    let r = send_code(&b, &next_code(&secret, &mut last)).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn a_group_requires_it_of_its_staff_and_its_owner_resets_a_lost_one() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Strict Group", "owner@strict.test");
    make_member(&mut app.conn(), gid, "admin@strict.test", "admin");
    let seller = make_member(&mut app.conn(), gid, "seller@strict.test", "seller");
    let settings = format!("/groups/{gid}/settings");
    let action = format!("/groups/{gid}/settings/two-step");
    let owner = Browser::new(&app);
    owner.login("owner@strict.test", PASSWORD).await;

    // Not before the owner uses it: they would lock themselves out.
    let r = owner
        .post_form(&settings, &action, &[("two_step_required", "on")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"data-error-for="two_step_required""#)
    );
    let mut owner_last = 0;
    enrol(&owner, &mut owner_last).await;
    let r = owner
        .post_form(&settings, &action, &[("two_step_required", "on")])
        .await;
    assert_redirect_to(&r, &settings);
    assert!(
        owner
            .get_html(&settings)
            .await
            .contains(r#"name="two_step_required" type="checkbox" checked"#)
    );

    // An admin sees it but cannot change it.
    let admin = Browser::new(&app);
    admin.login("admin@strict.test", PASSWORD).await;
    let r = admin.get("/").await;
    assert_redirect_to(&r, &format!("/groups/{gid}/clients"));
    let r = admin.get(&format!("/groups/{gid}/clients")).await;
    assert_redirect_to(&r, "/profile/two-step");
    let html = admin.get_html("/profile/two-step").await;
    assert!(
        html.contains("Strict Group requires two-step verification"),
        "the flash says why"
    );
    let mut admin_last = 0;
    enrol(&admin, &mut admin_last).await;
    let html = admin.get_html(&settings).await;
    assert!(html.contains(r#"name="two_step_required" type="checkbox" checked disabled"#));
    let r = admin.post_form(&settings, &action, &[]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "the owner's setting");

    // The seller: no console page opens until they set it up; then every one does.
    let s = Browser::new(&app);
    s.login("seller@strict.test", PASSWORD).await;
    for page in [
        format!("/groups/{gid}/clients"),
        format!("/groups/{gid}/clients/new"),
    ] {
        assert_redirect_to(&s.get(&page).await, "/profile/two-step");
    }
    let mut seller_last = 0;
    let (seller_secret, _) = enrol(&s, &mut seller_last).await;
    assert_eq!(
        s.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::OK
    );
    // Required: they cannot turn it off.
    let r = s
        .post_form(
            "/profile/two-step",
            "/profile/two-step/disable",
            &[("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A lost phone: the owner resets it from the staff page (audited); the seller signs in
    // with the password and is asked to set it up again.
    let staff = format!("/groups/{gid}/staff");
    let person = format!("{staff}/{seller}");
    assert!(
        owner
            .get_html(&staff)
            .await
            .contains(&format!(r#"href="{person}""#))
    );
    let html = owner.get_html(&person).await;
    let reset = format!("/groups/{gid}/staff/{seller}/two-step/reset");
    assert!(html.contains(&format!(r#"action="{reset}""#)));
    let r = owner.post_form(&person, &reset, &[]).await;
    assert_redirect_to(&r, &staff);
    let audited: i64 = audit_events::table
        .filter(audit_events::action.eq("user.two_step_reset"))
        .filter(audit_events::account_id.eq(gid))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(audited, 1);
    let again = Browser::new(&app);
    assert_eq!(
        again.login("seller@strict.test", PASSWORD).await.status(),
        StatusCode::SEE_OTHER,
        "no code asked any more"
    );
    assert_redirect_to(
        &again.get(&format!("/groups/{gid}/clients")).await,
        "/profile/two-step",
    );
    // The old secret and codes are gone; the seller's browser was signed out by the reset.
    let (secret_left, codes_left): (Option<String>, i64) = (
        users::table
            .find(seller)
            .select(users::totp_secret)
            .first(&mut app.conn())
            .unwrap(),
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(seller))
            .count()
            .get_result(&mut app.conn())
            .unwrap(),
    );
    assert_eq!((secret_left, codes_left), (None, 0));
    assert_ne!(Some(seller_secret), None::<String>);
    assert_eq!(
        s.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(location(s.get("/profile").await.headers()).starts_with("/login"));

    // Someone who belongs to another account too is not reset by this group (their
    // two-step verification guards that account as well): the operator does it.
    let mut again_last = 0;
    enrol(&again, &mut again_last).await;
    let other = make_client(&mut app.conn(), gid, "Elsewhere Client");
    make_member(&mut app.conn(), other, "seller@strict.test", "member");
    let r = owner.post_form(&staff, &reset, &[]).await;
    assert_redirect_to(&r, &staff);
    assert!(
        owner
            .get_html(&staff)
            .await
            .contains("also belongs to other accounts")
    );
    let still: Option<String> = users::table
        .find(seller)
        .select(users::totp_secret)
        .first(&mut app.conn())
        .unwrap();
    assert!(still.is_some(), "not reset");
    let out = crate::cli::run_with(
        app.db_url(),
        &["reset-two-step", "--email", "Seller@Strict.test"],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let gone: Option<String> = users::table
        .find(seller)
        .select(users::totp_secret)
        .first(&mut app.conn())
        .unwrap();
    assert!(gone.is_none(), "reset by the operator");
    // Nobody resets their own from the staff page (their profile is for that).
    let own = format!("/groups/{gid}/staff/{}/two-step/reset", owner_id(&app));
    let r = owner.post_form(&staff, &own, &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

fn owner_id(app: &TestApp) -> i64 {
    users::table
        .filter(users::email.eq("owner@strict.test"))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap()
}
