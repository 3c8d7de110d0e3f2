//! Server-side sessions: renewal at sign-in, logout, idle and absolute expiry, disabled users.

use clientele::db::schema::sessions;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn the_session_id_is_renewed_at_sign_in_and_logout_ends_it_server_side() {
    let app = spawn_app().await;
    let (gid, owner) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let console = format!("/groups/{gid}/clients");

    app.get_html("/login").await;
    let before = app
        .session_cookie()
        .expect("the login page starts a session (CSRF)");
    assert_redirect_to(&app.login("owner@acme.test", PASSWORD).await, "/");
    let signed_in = app.session_cookie().unwrap();
    assert_ne!(before, signed_in, "a new session id at sign-in");
    // The pre-sign-in id opens nothing.
    assert_redirect_to(
        &app.get_with_cookie(&console, &before).await,
        &login_for(&console),
    );
    // The signed-in cookie works from another browser too (it is the session).
    assert_eq!(
        app.get_with_cookie(&console, &signed_in).await.status(),
        StatusCode::OK
    );
    let count = clientele::models::session::count_for_user(&mut app.conn(), owner).unwrap();
    assert_eq!(count, 1);

    assert_redirect_to(&app.logout().await, "/login?signed_out=1&lang=en");
    assert!(
        app.get_html("/login?signed_out=1&lang=en")
            .await
            .contains("You have signed out.")
    );
    // Replaying the old cookie after logout: the row is gone, so is the sign-in.
    assert_redirect_to(
        &app.get_with_cookie(&console, &signed_in).await,
        &login_for(&console),
    );
    assert_eq!(
        clientele::models::session::count_for_user(&mut app.conn(), owner).unwrap(),
        0
    );
}

fn login_for(path: &str) -> String {
    format!("/login?next={}", clientele::web::request::urlencode(path))
}

#[tokio::test]
async fn sessions_expire_when_idle_and_after_twelve_hours() {
    let app = spawn_app().await;
    let (gid, owner) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let console = format!("/groups/{gid}/clients");
    app.login("owner@acme.test", PASSWORD).await;
    assert_eq!(app.get(&console).await.status(), StatusCode::OK);

    // A request pushes the idle expiry about an hour ahead.
    let expires: chrono::NaiveDateTime = sessions::table
        .filter(sessions::user_id.eq(owner))
        .select(sessions::expires_at)
        .first(&mut app.conn())
        .unwrap();
    let ahead = expires - clientele::db::now();
    assert!(
        ahead > chrono::Duration::minutes(58) && ahead <= chrono::Duration::minutes(60),
        "{ahead}"
    );

    // Idle for more than an hour.
    diesel::update(sessions::table.filter(sessions::user_id.eq(owner)))
        .set(sessions::expires_at.eq(clientele::db::now() - chrono::Duration::seconds(1)))
        .execute(&mut app.conn())
        .unwrap();
    assert_redirect_to(&app.get(&console).await, &login_for(&console));

    // Signed in again, active all along, but for more than twelve hours.
    app.login("owner@acme.test", PASSWORD).await;
    assert_eq!(app.get(&console).await.status(), StatusCode::OK);
    diesel::update(sessions::table.filter(sessions::user_id.eq(owner)))
        .set(sessions::created_at.eq(clientele::db::now() - chrono::Duration::hours(12)))
        .execute(&mut app.conn())
        .unwrap();
    assert_redirect_to(&app.get(&console).await, &login_for(&console));
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions() {
    let app = spawn_app().await;
    let (gid, owner) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let console = format!("/groups/{gid}/clients");
    app.login("owner@acme.test", PASSWORD).await;
    let elsewhere = Browser::new(&app);
    elsewhere.login("owner@acme.test", PASSWORD).await;
    assert_eq!(app.get(&console).await.status(), StatusCode::OK);

    clientele::services::users::disable(&mut app.conn(), owner, clientele::db::now()).unwrap();
    // Every session row of the user is gone at once, not only on its next request.
    let left: i64 = sessions::table
        .filter(sessions::user_id.eq(owner))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(left, 0);
    assert_redirect_to(&app.get(&console).await, &login_for(&console));
    assert_redirect_to(&elsewhere.get(&console).await, &login_for(&console));
    // And they cannot sign in again, with the same message as a wrong password.
    let r = app.login("owner@acme.test", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("The email or password is incorrect.")
    );
}

#[tokio::test]
async fn the_cookie_is_http_only_same_site_lax_and_secure_under_https() {
    for (base, secure) in [
        ("http://clientele.test", false),
        ("https://console.example.com", true),
    ] {
        let app = spawn_app_with(|c| c.base_url = base.into()).await;
        let r = app.get("/login").await;
        let cookie = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("clientele_session="))
            .expect("a session cookie");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert_eq!(cookie.contains("Secure"), secure, "{cookie}");
    }
}

#[tokio::test]
async fn the_jobs_sweep_expired_sessions_by_the_real_clock() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let other = Browser::new(&app);
    other.login("owner@acme.test", PASSWORD).await;
    let count = || {
        sessions::table
            .count()
            .get_result::<i64>(&mut app.conn())
            .unwrap()
    };
    assert_eq!(count(), 2);
    // One of the two sessions went idle an hour ago.
    let now = clientele::db::now();
    let stale: String = sessions::table
        .select(sessions::id)
        .first(&mut app.conn())
        .unwrap();
    diesel::update(sessions::table.find(&stale))
        .set(sessions::expires_at.eq(now - chrono::Duration::minutes(1)))
        .execute(&mut app.conn())
        .unwrap();
    // Jobs run as if a year later (an operator catching up): the live session stays,
    // because sessions are swept by the real clock; the expired one goes.
    let later = now + chrono::Duration::days(365);
    let report = clientele::jobs::run_all(&mut app.conn(), later, "http://clientele.test").unwrap();
    assert_eq!(count(), 1, "{report}");
    let stale_left: i64 = sessions::table
        .find(&stale)
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(stale_left, 0);
    // Idempotent.
    clientele::jobs::run_all(&mut app.conn(), later, "http://clientele.test").unwrap();
    assert_eq!(count(), 1);
}
