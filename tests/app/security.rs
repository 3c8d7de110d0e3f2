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

    // Signed in, a forged sign-out is refused and the session lives on; so is the token
    // this browser held before it signed in (rotated at sign-in).
    let before_sign_in = csrf_token(&app.get_html("/login").await);
    app.login("owner@acme.test", PASSWORD).await;
    let r = app
        .post_raw("/logout", &[("csrf_token", &before_sign_in)])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "the pre-sign-in token is dead"
    );
    let r = app.post_raw("/logout", &[("csrf_token", "forged")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app.post_raw("/logout", &[] as &[(&str, &str)]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::OK
    );
    // The token of the signed-in session works.
    assert_redirect_to(&app.logout().await, "/login?signed_out=1&lang=en");
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
    let missing_body = without_request_id(&missing.text().await.unwrap());
    let foreign = app.get(&format!("/groups/{theirs}/clients")).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        without_request_id(&foreign.text().await.unwrap()),
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

#[tokio::test]
async fn another_groups_owner_cannot_edit_resend_retry_or_export_what_is_not_theirs() {
    use clientele::db::schema::{accounts, outbox};
    use diesel::prelude::*;
    let app = spawn_app().await;
    let (acme, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let (rival, _) = make_group(&mut app.conn(), "Rival", "owner@rival.test");
    // Acme's client, with a pending owner (so there is something to resend) and the
    // activation email given up (so there is something to retry).
    app.login("owner@acme.test", PASSWORD).await;
    let r = app
        .post_form(
            &format!("/groups/{acme}/clients/new"),
            &format!("/groups/{acme}/clients"),
            &[
                ("account_name", "Globex"),
                ("active", "on"),
                ("language", "en"),
                ("address", "1 Main St"),
                ("owner_first_name", "Ana"),
                ("owner_last_name", "Souza"),
                ("owner_email", "ana@globex.test"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let cid: i64 = accounts::table
        .filter(accounts::name.eq("Globex"))
        .select(accounts::id)
        .first(&mut app.conn())
        .unwrap();
    let email_id: i64 = outbox::table
        .select(outbox::id)
        .first(&mut app.conn())
        .unwrap();
    let gave_up = clientele::db::now();
    diesel::update(outbox::table.find(email_id))
        .set((outbox::failed_at.eq(gave_up), outbox::attempts.eq(3)))
        .execute(&mut app.conn())
        .unwrap();
    let snapshot = |app: &TestApp| {
        let client: (String, String, i32) = accounts::table
            .find(cid)
            .select((accounts::name, accounts::city, accounts::version))
            .first(&mut app.conn())
            .unwrap();
        let mail: Vec<(i64, Option<chrono::NaiveDateTime>)> = outbox::table
            .order_by(outbox::id)
            .select((outbox::id, outbox::failed_at))
            .load(&mut app.conn())
            .unwrap();
        (client, mail)
    };
    let before = snapshot(&app);

    // Rival's owner, with a valid CSRF token of their own session, tries each action
    // through Acme's paths and through their own group's paths.
    let rival_owner = Browser::new(&app);
    rival_owner.login("owner@rival.test", PASSWORD).await;
    let token = csrf_token(
        &rival_owner
            .get_html(&format!("/groups/{rival}/clients"))
            .await,
    );
    for gid in [acme, rival] {
        let edit = format!("/groups/{gid}/clients/{cid}");
        let r = rival_owner
            .post_raw(
                &edit,
                &[
                    ("account_name", "Hijacked"),
                    ("active", "on"),
                    ("language", "en"),
                    ("address", "1 Main St"),
                    ("city", "Elsewhere"),
                    ("version", &before.0.2.to_string()),
                    ("csrf_token", &token),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "edit via group {gid}");
        let r = rival_owner
            .post_raw(
                &format!("{edit}/owner/resend-activation"),
                &[("csrf_token", &token)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "resend via group {gid}");
        let r = rival_owner
            .post_raw(
                &format!("/groups/{gid}/emails/{email_id}/retry"),
                &[("csrf_token", &token)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "retry via group {gid}");
    }
    let r = rival_owner
        .get(&format!("/groups/{acme}/clients.csv"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let own_csv = rival_owner
        .get(&format!("/groups/{rival}/clients.csv?test=all&seller=all"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!own_csv.contains("Globex"), "{own_csv}");

    assert_eq!(snapshot(&app), before, "nothing changed, no email queued");
}
