//! Signing in and out, redirects after sign-in, and the account chooser.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn wrong_email_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");

    let wrong_password = app
        .login("owner@acme.test", "not the password at all")
        .await;
    assert_eq!(wrong_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let a = wrong_password.text().await.unwrap();
    let unknown = app
        .login("nobody@acme.test", "not the password at all")
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let b = unknown.text().await.unwrap();
    let message = "The email or password is incorrect.";
    assert!(a.contains(message) && b.contains(message));
    // The email typed is kept; the password is not.
    assert!(a.contains(r#"value="owner@acme.test""#));
    assert!(!a.contains("not the password at all"));

    let empty = app.login("", "").await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = empty.text().await.unwrap();
    assert!(
        html.contains(r#"data-error-for="email""#) && html.contains(r#"data-error-for="password""#)
    );

    // Not signed in: the console sends to the login page and back after.
    assert_redirect_to(&app.get("/accounts").await, "/login?next=%2Faccounts");
}

#[tokio::test]
async fn sign_in_goes_home_or_back_to_the_page_asked_for() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");

    let r = app.get(&format!("/groups/{gid}/clients?q=x")).await;
    let to = location(r.headers());
    assert_eq!(
        to,
        format!("/login?next=%2Fgroups%2F{gid}%2Fclients%3Fq%3Dx")
    );
    let html = app.get_html(&to).await;
    assert!(html.contains(&format!(r#"name="next" value="/groups/{gid}/clients?q=x""#)));
    let token = csrf_token(&html);
    let next = format!("/groups/{gid}/clients?q=x");
    let r = app
        .post_raw(
            "/login",
            &[
                ("email", "owner@acme.test"),
                ("password", PASSWORD),
                ("next", &next),
                ("csrf_token", &token),
            ],
        )
        .await;
    assert_redirect_to(&r, &next);
    assert_redirect_to(&app.get("/").await, &format!("/groups/{gid}/clients"));
    // Signed in, /login goes home.
    assert_redirect_to(&app.get("/login").await, "/");

    // An off-site `next` is ignored.
    app.logout().await;
    let html = app.get_html("/login").await;
    let r = app
        .post_raw(
            "/login",
            &[
                ("email", "owner@acme.test"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
                ("csrf_token", &csrf_token(&html)),
            ],
        )
        .await;
    assert_redirect_to(&r, "/");
}

#[tokio::test]
async fn several_memberships_open_the_account_chooser() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (g1, _) = make_group(&mut conn, "Acme Hosting", "owner@acme.test");
    let (g2, _) = make_group(&mut conn, "Zeta Agency", "owner@acme.test");
    let client = make_client(&mut conn, g2, "Café Ünïcode");
    make_member(&mut conn, client, "owner@acme.test", "admin");
    drop(conn);

    assert_redirect_to(&app.login("owner@acme.test", PASSWORD).await, "/");
    assert_redirect_to(&app.get("/").await, "/accounts");
    let html = app.get_html("/accounts").await;
    for (href, name) in [
        (format!("/groups/{g1}/clients"), "Acme Hosting"),
        (format!("/groups/{g2}/clients"), "Zeta Agency"),
        (format!("/portal/{client}"), "Café Ünïcode"),
    ] {
        assert!(html.contains(&format!(r#"href="{href}""#)), "{href}");
        assert!(html.contains(name));
    }
    // The header's switcher names the current account on its pages.
    let html = app.get_html(&format!("/groups/{g2}/clients")).await;
    assert!(html.contains(r#"<span class="switcher-name">Zeta Agency</span>"#));
}

#[tokio::test]
async fn a_client_user_lands_in_the_client_area() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let cid = make_client(&mut conn, gid, "Globex");
    make_member(&mut conn, cid, "carla@globex.test", "owner");
    drop(conn);

    app.login("carla@globex.test", PASSWORD).await;
    assert_redirect_to(&app.get("/").await, &format!("/portal/{cid}"));
    let html = app.get_html(&format!("/portal/{cid}")).await;
    assert!(html.contains("Globex") && html.contains("Preparation"));
    // The group console is not theirs.
    assert_eq!(
        app.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_user_without_accounts_is_told_so() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    make_member(&mut conn, gid, "left@acme.test", "seller");
    // Their only membership is removed (as staff removal will do).
    use clientele::db::schema::memberships;
    use diesel::prelude::*;
    let uid = clientele::models::user::find_by_email(&mut conn, "left@acme.test")
        .unwrap()
        .unwrap()
        .id;
    diesel::delete(memberships::table.filter(memberships::user_id.eq(uid)))
        .execute(&mut conn)
        .unwrap();
    drop(conn);

    assert_redirect_to(&app.login("left@acme.test", PASSWORD).await, "/");
    assert_redirect_to(&app.get("/").await, "/accounts");
    let html = app.get_html("/accounts").await;
    assert!(html.contains("No accounts yet"));
    assert_eq!(
        app.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::NOT_FOUND
    );
}
