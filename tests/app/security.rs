//! CSRF, security headers, tenant isolation (404) and escaping.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn posts_without_the_sessions_csrf_token_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");

    // Sign-in without a token, or with a token of another session: 403, not signed in.
    let r = app
        .post_raw(
            "/login",
            &[("email", "owner@acme.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("Form expired"));
    let other = spawn_app().await;
    let foreign = csrf_token(&other.get_html("/login").await);
    app.get_html("/login").await;
    let r = app
        .post_raw(
            "/login",
            &[
                ("email", "owner@acme.test"),
                ("password", PASSWORD),
                ("csrf_token", &foreign),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_redirect_to(
        &app.get(&format!("/groups/{gid}/clients")).await,
        &format!("/login?next=%2Fgroups%2F{gid}%2Fclients"),
    );

    // Signed in, a forged sign-out is refused and the session lives on.
    app.login("owner@acme.test", PASSWORD).await;
    let r = app.post_raw("/logout", &[("csrf_token", "forged")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app.post_raw("/logout", &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::OK
    );
    // The token seen before sign-in no longer works after it (rotated).
    assert_redirect_to(&app.logout().await, "/login?signed_out=1");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in [
        "/login",
        "/healthz",
        "/no-such-page",
        "/static/app.css",
        "/",
    ] {
        let r = app.get(path).await;
        let h = r.headers();
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("CSP on {path}"))
            .to_str()
            .unwrap();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(
            h.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        assert_eq!(h.get("referrer-policy").unwrap(), "same-origin", "{path}");
    }
}

#[tokio::test]
async fn other_groups_and_their_clients_are_not_found() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (mine, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let (theirs, _) = make_group(&mut conn, "Rival", "owner@rival.test");
    let my_client = make_client(&mut conn, mine, "Mine Ltd");
    let their_client = make_client(&mut conn, theirs, "Theirs Ltd");
    make_member(&mut conn, their_client, "user@theirs.test", "admin");
    drop(conn);

    app.login("owner@acme.test", PASSWORD).await;
    assert_eq!(
        app.get(&format!("/groups/{mine}/clients")).await.status(),
        StatusCode::OK
    );
    let missing = app.get("/groups/999999/clients").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let missing_body = missing.text().await.unwrap();
    let foreign = app.get(&format!("/groups/{theirs}/clients")).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        foreign.text().await.unwrap(),
        missing_body,
        "a foreign group looks like no group"
    );
    // A client id is not a group id.
    assert_eq!(
        app.get(&format!("/groups/{my_client}/clients"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Staff do not enter the client area; nobody enters another group's client.
    assert_eq!(
        app.get(&format!("/portal/{my_client}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/portal/{their_client}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/groups/not-a-number/clients").await.status(),
        StatusCode::NOT_FOUND
    );

    // The other group's client user reaches their area only.
    app.logout().await;
    app.login("user@theirs.test", PASSWORD).await;
    assert_eq!(
        app.get(&format!("/portal/{their_client}")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get(&format!("/portal/{my_client}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/groups/{theirs}/clients")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn user_data_is_escaped_everywhere() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let evil = "<script>alert(1)</script>";
    let (gid, _) = make_group(&mut conn, evil, "owner@acme.test");
    make_client(&mut conn, gid, evil);
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    for path in [format!("/groups/{gid}/clients"), "/accounts".to_owned()] {
        let html = app.get_html(&path).await;
        assert!(!html.contains(evil), "{path} shows raw markup");
        assert!(
            html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
            "{path}"
        );
    }
}
