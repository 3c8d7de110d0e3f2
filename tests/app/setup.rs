//! First-run set-up: the printed token, validation, creating the first group and owner.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn setup_needs_the_printed_token_and_creates_the_first_group() {
    let app = spawn_app().await;
    let token = app
        .setup_token
        .clone()
        .expect("no user yet: a token is issued");
    // Before anybody exists, the start page is the set-up page, which says where its link
    // was printed (issue 36).
    assert_redirect_to(&app.get("/").await, "/setup");
    let bare = app.get_html("/setup").await;
    assert!(
        bare.contains(r#"id="setup-token-hint""#) && bare.contains("Clientele is not set up yet")
    );
    assert!(bare.contains(r#"id="f-token""#));

    // The link from the console fills the token in: not a field to edit, a sentence.
    let html = app.get_html(&format!("/setup?token={token}")).await;
    assert!(html.contains(&format!(
        r#"<input type="hidden" name="token" value="{token}">"#
    )));
    assert!(html.contains(r#"id="setup-token-ok""#) && !html.contains(r#"id="f-token""#));
    // Its language selector keeps the token.
    let selector = &html[html.find(r#"id="language-form""#).unwrap()..];
    assert!(selector.contains(&format!(
        r#"<input type="hidden" name="token" value="{token}">"#
    )));
    // Both password mistakes are said at once.
    let r = app
        .post_form(
            &format!("/setup?token={token}"),
            "/setup",
            &[
                ("group_name", "Acme Hosting"),
                ("first_name", "Olivia"),
                ("last_name", "Owner"),
                ("email", "olivia@acme.test"),
                ("password", "short"),
                ("password_confirm", "shorter"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="password""#));
    assert!(html.contains(r#"data-error-for="password_confirm""#));

    // A wrong token: 422, the rest of what was typed kept, nothing created.
    let r = app
        .post_form(
            "/setup",
            "/setup",
            &[
                ("token", "not-the-token"),
                ("group_name", "Acme Hosting"),
                ("first_name", "Olivia"),
                ("last_name", "Owner"),
                ("email", "olivia@acme.test"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="token""#));
    assert!(html.contains(r#"value="Acme Hosting""#));
    assert!(html.contains(r#"value="olivia@acme.test""#));
    assert!(!html.contains(PASSWORD), "passwords are never sent back");
    assert!(!clientele::models::user::any(&mut app.conn()).unwrap());

    let gid = app.setup("Acme Hosting", "Olivia@Acme.test").await;
    // Signed in as the owner, welcomed on the console.
    let html = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(html.contains(r#"role="status""#) && html.contains("Welcome to Clientele"));
    assert!(html.contains("Acme Hosting") && html.contains("No clients yet"));
    assert_redirect_to(&app.get("/").await, &format!("/groups/{gid}/clients"));

    // The set-up is over: the page is gone and the token spent.
    assert_eq!(
        app.get(&format!("/setup?token={token}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let r = app
        .post_form(
            "/accounts",
            "/setup",
            &[("token", &token), ("group_name", "Second")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // The owner signs out and in again with the email in any case.
    assert_redirect_to(&app.logout().await, "/login?signed_out=1&lang=en");
    assert_redirect_to(&app.login("OLIVIA@acme.test", PASSWORD).await, "/");
    // The change is in the audit log, without secrets.
    use clientele::models::audit;
    let events = audit::for_account(&mut app.conn(), gid, 10).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action, "group.created");
    assert!(events[0].changes.contains("olivia@acme.test"));
    assert!(!events[0].changes.to_lowercase().contains("password"));
}

#[tokio::test]
async fn setup_errors_are_shown_beside_each_field() {
    let app = spawn_app().await;
    let token = app.setup_token.clone().unwrap();
    let long = "x".repeat(101);
    let r = app
        .post_form(
            "/setup",
            "/setup",
            &[
                ("token", &token),
                ("group_name", &long),
                ("first_name", "  "),
                ("last_name", ""),
                ("email", "not-an-email"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    for field in ["group_name", "first_name", "last_name", "email", "password"] {
        assert!(
            html.contains(&format!(r#"data-error-for="{field}""#)),
            "error for {field}"
        );
    }
    assert!(html.contains("at least 10 characters"));
    assert!(html.contains(r#"value="not-an-email""#));

    let r = app
        .post_form(
            "/setup",
            "/setup",
            &[
                ("token", &token),
                ("group_name", "Acme"),
                ("first_name", "A"),
                ("last_name", "B"),
                ("email", "a@b.test"),
                ("password", PASSWORD),
                ("password_confirm", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="password_confirm""#));
    // Still not set up: the token was not spent by the failed attempts.
    assert!(!clientele::models::user::any(&mut app.conn()).unwrap());
    app.setup("Acme", "a@b.test").await;
}

#[tokio::test]
async fn no_setup_token_once_a_user_exists() {
    let db = TestDb::new();
    make_group(
        &mut db.pool().get().unwrap(),
        "Existing",
        "owner@existing.test",
    );
    let config = test_config(&db);
    let app = spawn_on(db, config).await;
    assert!(app.setup_token.is_none());
    assert_eq!(app.get("/setup").await.status(), StatusCode::NOT_FOUND);
}
