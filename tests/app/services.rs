//! The client's Services tab: visibility inherited from the group or customised, statuses
//! that set the client's derived status, and who may touch it.

use clientele::db::schema::{accounts, client_services};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

/// The tab's row of one service.
fn row(html: &str, code: &str) -> String {
    let start = html
        .find(&format!(r#"data-service="{code}""#))
        .unwrap_or_else(|| panic!("a row for {code}"));
    html[start..start + html[start..].find("</tr>").unwrap()].to_owned()
}

async fn act(app: &TestApp, tab: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut all = vec![];
    all.extend_from_slice(fields);
    app.post_form(tab, tab, &all).await
}

/// The group hides CDN in its vendor settings (confirmed).
async fn group_hides_cdn(app: &TestApp, gid: i64) {
    let settings = format!("/groups/{gid}/settings");
    let r = app
        .post_form(
            &settings,
            &settings,
            &[
                ("visible_storage", "on"),
                ("visible_streaming", "on"),
                ("visible_dns", "on"),
                ("visible_cloud", "on"),
                ("recipients", ""),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_redirect_to(&r, &settings);
}

fn status_of(app: &TestApp, cid: i64) -> String {
    accounts::table
        .find(cid)
        .select(accounts::status)
        .first(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn inheriting_clients_follow_the_group_and_customised_ones_keep_theirs() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let follows = make_client(&mut app.conn(), gid, "Follows");
    let own = make_client(&mut app.conn(), gid, "Own");
    app.login("owner@acme.test", PASSWORD).await;
    let tab = |cid: i64| format!("/groups/{gid}/clients/{cid}/services");

    // Hiding DNS for one client makes its whole visibility its own.
    let r = act(
        &app,
        &tab(own),
        &[
            ("action", "visibility"),
            ("service", "dns"),
            ("visible", "off"),
        ],
    )
    .await;
    assert_redirect_to(&r, &tab(own));
    let html = app.get_html(&tab(own)).await;
    assert!(html.contains("Visibility saved."));
    assert!(row(&html, "dns").contains("hidden (customised)"));
    assert!(row(&html, "cdn").contains("visible (customised)"));

    // The group hides CDN (confirmed): only the client that follows changes.
    group_hides_cdn(&app, gid).await;
    let html = app.get_html(&tab(follows)).await;
    assert!(html.contains("follows the group"));
    assert!(row(&html, "cdn").contains("hidden (group default)"));
    assert!(row(&html, "dns").contains("visible (group default)"));
    let html = app.get_html(&tab(own)).await;
    assert!(row(&html, "cdn").contains("visible (customised)"), "kept");

    // Reset: it follows the group again.
    assert_redirect_to(
        &act(&app, &tab(own), &[("action", "reset")]).await,
        &tab(own),
    );
    let html = app.get_html(&tab(own)).await;
    assert!(row(&html, "cdn").contains("hidden (group default)"));
    assert!(row(&html, "dns").contains("visible (group default)"));
}

#[tokio::test]
async fn statuses_set_the_client_status_and_hidden_services_stay_off() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let alpha = make_client(&mut app.conn(), gid, "Alpha");
    let beta = make_client(&mut app.conn(), gid, "Beta");
    app.login("owner@acme.test", PASSWORD).await;
    let tab = format!("/groups/{gid}/clients/{beta}/services");
    let list = format!("/groups/{gid}/clients");
    let ids = |html: &str| -> Vec<i64> {
        html.split("data-client-id=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
            .collect()
    };

    // Activated in trial, then active: the client's status follows, and the list's
    // filter and sort with it.
    let status = |s: &'static str| [("action", "status"), ("service", "cdn"), ("status", s)];
    assert_redirect_to(&act(&app, &tab, &status("trial")).await, &tab);
    assert_eq!(status_of(&app, beta), "trial");
    assert_eq!(
        ids(&app.get_html(&format!("{list}?status=trial")).await),
        [beta]
    );
    assert_redirect_to(&act(&app, &tab, &status("active")).await, &tab);
    assert_eq!(status_of(&app, beta), "active");
    assert_eq!(
        ids(&app.get_html(&format!("{list}?status=active")).await),
        [beta]
    );
    let html = app.get_html(&format!("{list}?sort=status")).await;
    assert_eq!(ids(&html), [beta, alpha]);
    // The badge says why, in words.
    assert!(html.contains("Active — 1 service active"), "{html}");
    assert!(html.contains("Preparation — no service in use yet"));
    assert_redirect_to(&act(&app, &tab, &status("paused")).await, &tab);
    assert_eq!(status_of(&app, beta), "trial_end");
    let html = app.get_html(&tab).await;
    assert!(html.contains("Status saved.") && html.contains("Status history"));
    assert!(
        html.contains("Trial end — CDN paused"),
        "the badge says why"
    );
    assert!(html.contains("CDN: Trial → Active") && html.contains("CDN: Active → Paused"));

    // A hidden service cannot be activated.
    act(
        &app,
        &tab,
        &[
            ("action", "visibility"),
            ("service", "storage"),
            ("visible", "off"),
        ],
    )
    .await;
    let r = act(
        &app,
        &tab,
        &[
            ("action", "status"),
            ("service", "storage"),
            ("status", "active"),
        ],
    )
    .await;
    assert_redirect_to(&r, &tab);
    assert!(
        app.get_html(&tab)
            .await
            .contains("A hidden service cannot be activated.")
    );
    assert_eq!(status_of(&app, beta), "trial_end");

    // Hiding a service in use asks first; nothing changes until confirmed.
    assert_redirect_to(&act(&app, &tab, &status("active")).await, &tab);
    let r = act(
        &app,
        &tab,
        &[
            ("action", "visibility"),
            ("service", "cdn"),
            ("visible", "off"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("CDN is in use. Hide it from the client anyway?"));
    assert!(row(&html, "cdn").contains("visible (customised)"));
    let r = act(
        &app,
        &tab,
        &[
            ("action", "visibility"),
            ("service", "cdn"),
            ("visible", "off"),
            ("confirm", "1"),
        ],
    )
    .await;
    assert_redirect_to(&r, &tab);
    assert!(row(&app.get_html(&tab).await, "cdn").contains("hidden (customised)"));
    // Hidden while in use, it can still be stopped, not started again.
    assert_redirect_to(&act(&app, &tab, &status("active")).await, &tab);
    assert!(
        app.get_html(&tab)
            .await
            .contains("A hidden service cannot be activated.")
    );
    assert_eq!(status_of(&app, beta), "active");
    assert_redirect_to(&act(&app, &tab, &status("paused")).await, &tab);
    assert_eq!(status_of(&app, beta), "trial_end");
    // An unknown status is refused.
    act(
        &app,
        &tab,
        &[
            ("action", "status"),
            ("service", "dns"),
            ("status", "bogus"),
        ],
    )
    .await;
    let dns: i64 = client_services::table
        .filter(client_services::client_id.eq(beta))
        .filter(client_services::status.is_not_null())
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(dns, 1, "only CDN has a status");
}

#[tokio::test]
async fn sellers_manage_services_client_users_and_other_groups_get_404() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let (rival, _) = make_group(&mut app.conn(), "Rival", "owner@rival.test");
    make_member(&mut app.conn(), gid, "seller@acme.test", "seller");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "user@globex.test", "admin");
    let tab = format!("/groups/{gid}/clients/{cid}/services");

    let seller = Browser::new(&app);
    seller.login("seller@acme.test", PASSWORD).await;
    let r = seller
        .post_form(
            &tab,
            &tab,
            &[
                ("action", "status"),
                ("service", "dns"),
                ("status", "trial"),
            ],
        )
        .await;
    assert_redirect_to(&r, &tab);
    assert_eq!(status_of(&app, cid), "trial");

    for (email, own) in [
        ("user@globex.test", format!("/portal/{cid}")),
        ("owner@rival.test", format!("/groups/{rival}/clients")),
    ] {
        let b = Browser::new(&app);
        b.login(email, PASSWORD).await;
        let token = csrf_token(&b.get_html(&own).await);
        for path in [
            tab.clone(),
            format!("/groups/{rival}/clients/{cid}/services"),
        ] {
            assert_eq!(
                b.get(&path).await.status(),
                StatusCode::NOT_FOUND,
                "{email} {path}"
            );
            let r = b
                .post_raw(
                    &path,
                    &[
                        ("action", "status"),
                        ("service", "dns"),
                        ("status", "active"),
                        ("csrf_token", token.as_str()),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{email} POST {path}");
        }
    }
    assert_eq!(status_of(&app, cid), "trial", "nothing changed");
}

#[tokio::test]
async fn the_client_area_shows_exactly_the_visible_services_read_only() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member_with(
        &mut app.conn(),
        cid,
        "ana@globex.test",
        "member",
        "services",
    );
    make_member_with(&mut app.conn(), cid, "bo@globex.test", "member", "billing");
    app.login("owner@acme.test", PASSWORD).await;
    // The group hides CDN; staff put DNS in trial.
    group_hides_cdn(&app, gid).await;
    let tab = format!("/groups/{gid}/clients/{cid}/services");
    act(
        &app,
        &tab,
        &[
            ("action", "status"),
            ("service", "dns"),
            ("status", "trial"),
        ],
    )
    .await;

    let ana = Browser::new(&app);
    ana.login("ana@globex.test", PASSWORD).await;
    let area = format!("/portal/{cid}/services");
    let html = ana.get_html(&format!("{area}?service=dns")).await;
    for code in ["storage", "streaming", "dns", "cloud"] {
        assert!(
            html.contains(&format!("{area}?service={code}")),
            "{code} has its tab"
        );
    }
    assert!(
        !html.contains("service=cdn") && !html.contains(">CDN<"),
        "CDN is hidden"
    );
    assert!(html.contains(r#"data-service="dns""#) && html.contains("Trial"));
    assert!(!html.contains(r#"name="status""#), "nothing is editable");
    // The home's navigation has the same entries.
    let home = ana.get_html(&format!("/portal/{cid}")).await;
    assert!(home.contains(&format!("{area}?service=dns")) && !home.contains("service=cdn"));
    // A hidden service asked for by name opens the first visible one instead.
    let html = ana.get_html(&format!("{area}?service=cdn")).await;
    assert!(html.contains(r#"data-service="storage""#) && !html.contains(">CDN<"));
    // Staff work from the console: the client area is not theirs.
    assert_eq!(app.get(&area).await.status(), StatusCode::NOT_FOUND);
    // A member without the `services` permission has no services tabs.
    let bo = Browser::new(&app);
    bo.login("bo@globex.test", PASSWORD).await;
    assert_eq!(bo.get(&area).await.status(), StatusCode::NOT_FOUND);
    assert!(!bo.get_html(&format!("/portal/{cid}")).await.contains(&area));
}

#[tokio::test]
async fn concurrent_changes_leave_the_stored_status_true_to_the_services() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    app.login("owner@acme.test", PASSWORD).await;
    let tab = format!("/groups/{gid}/clients/{cid}/services");
    let token = csrf_token(&app.get_html(&tab).await);
    let changes: Vec<(&str, &str)> = (0..16)
        .map(|i| {
            let service = ["cdn", "dns", "cloud", "storage"][i % 4];
            let status = ["active", "paused", "trial", "trial_end"][(i / 4) % 4];
            (service, status)
        })
        .collect();
    let requests = changes.iter().map(|(service, status)| {
        let (app, tab, token) = (&app, &tab, &token);
        async move {
            app.post_raw(
                tab,
                &[
                    ("action", "status"),
                    ("service", service),
                    ("status", status),
                    ("csrf_token", token.as_str()),
                ],
            )
            .await
            .status()
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    // Whatever order they ran in, the stored status is the one the services give.
    let services: Vec<String> = client_services::table
        .filter(client_services::client_id.eq(cid))
        .filter(client_services::status.is_not_null())
        .select(client_services::status.assume_not_null())
        .load(&mut app.conn())
        .unwrap();
    let expected = clientele::services::client_rules::derive_status(
        true,
        false,
        services.iter().map(String::as_str),
    );
    assert_eq!(status_of(&app, cid), expected.code(), "{services:?}");
}
