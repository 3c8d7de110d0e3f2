//! Vendor settings: global service visibility (with what a change reaches, confirmed
//! first) and deletion-request emails; owners and admins only.

use clientele::db::schema::{accounts, audit_events, group_services};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

fn visible_codes(app: &TestApp, gid: i64) -> Vec<(i64, bool)> {
    group_services::table
        .filter(group_services::group_id.eq(gid))
        .order_by(group_services::service_id)
        .select((group_services::service_id, group_services::visible))
        .load(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn owners_change_visibility_after_seeing_what_it_reaches() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    for name in ["Follows A", "Follows B", "Own Ltd"] {
        make_client(&mut app.conn(), gid, name);
    }
    diesel::update(accounts::table.filter(accounts::name.eq("Own Ltd")))
        .set(accounts::services_customised.eq(true))
        .execute(&mut app.conn())
        .unwrap();
    app.login("owner@acme.test", PASSWORD).await;
    let page = format!("/groups/{gid}/settings");
    let html = app.get_html(&page).await;
    // Every service visible by default.
    for code in ["cdn", "storage", "streaming", "dns", "cloud"] {
        assert!(
            html.contains(&format!(r#"name="visible_{code}" type="checkbox" checked"#)),
            "{code}"
        );
    }
    // The form as sent: every service but `hidden` switched on, then the notifications.
    let send = |hidden: &'static [&'static str], notify: bool, recipients: &'static str| {
        let (app, page) = (&app, page.clone());
        async move {
            let mut fields: Vec<(String, String)> = ["cdn", "storage", "streaming", "dns", "cloud"]
                .iter()
                .filter(|c| !hidden.contains(c))
                .map(|c| (format!("visible_{c}"), "on".to_owned()))
                .collect();
            if notify {
                fields.push(("notify_deletions".into(), "on".into()));
            }
            fields.push(("recipients".into(), recipients.into()));
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.post_form(&page, &page, &pairs).await
        }
    };
    // Hiding CDN and Cloud: first what it reaches, nothing saved.
    let r = send(&["cdn", "cloud"], false, "").await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("CDN, Cloud"), "{html}");
    // (Askama escapes the apostrophe.)
    assert!(html.contains("2 clients follow the group&#39;s switches and will change."));
    assert!(html.contains("1 client has its own visibility and will keep it."));
    assert!(html.contains(r#"name="confirm" value="1""#));
    assert!(visible_codes(&app, gid).is_empty(), "nothing saved yet");
    // Confirmed: saved, audited.
    let confirmed = form_fields(&html, &page);
    let r = app
        .post_raw(
            &page,
            &confirmed
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_redirect_to(&r, &page);
    let html = app.get_html(&page).await;
    assert!(html.contains("Settings saved."));
    assert!(html.contains(r#"name="visible_cdn" type="checkbox">"#));
    assert!(html.contains(r#"name="visible_storage" type="checkbox" checked"#));
    let hidden: Vec<bool> = visible_codes(&app, gid)
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    assert_eq!(hidden, [false, false]);
    let changes: String = audit_events::table
        .filter(audit_events::action.eq("group.settings_updated"))
        .select(audit_events::changes)
        .first(&mut app.conn())
        .unwrap();
    assert!(
        changes.contains(r#""visible.cdn":[true,false]"#),
        "{changes}"
    );

    // Notifications alone are saved at once; bad recipients get their field error.
    let r = send(&["cdn", "cloud"], true, "ops@acme.test, a@[127.0.0.1]").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="recipients""#));
    assert!(
        html.contains("ops@acme.test, a@[127.0.0.1]"),
        "what was typed is kept"
    );
    let r = send(&["cdn", "cloud"], true, "Ops@Acme.test\nlegal@acme.test").await;
    assert_redirect_to(&r, &page);
    let (notify, emails): (bool, String) = accounts::table
        .find(gid)
        .select((
            accounts::deletion_notifications,
            accounts::notification_emails,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert!(notify);
    assert_eq!(emails, "ops@acme.test\nlegal@acme.test");
}

#[tokio::test]
async fn only_owners_and_admins_reach_the_settings() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let (rival, _) = make_group(&mut app.conn(), "Rival", "owner@rival.test");
    make_member(&mut app.conn(), gid, "admin@acme.test", "admin");
    make_member(&mut app.conn(), gid, "seller@acme.test", "seller");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "user@globex.test", "admin");
    let page = format!("/groups/{gid}/settings");

    let admin = Browser::new(&app);
    admin.login("admin@acme.test", PASSWORD).await;
    assert_eq!(admin.get(&page).await.status(), StatusCode::OK);
    assert!(
        admin
            .get_html(&format!("/groups/{gid}/clients"))
            .await
            .contains(&page)
    );

    for (email, own) in [
        ("seller@acme.test", format!("/groups/{gid}/clients")),
        ("user@globex.test", format!("/portal/{cid}")),
        ("owner@rival.test", format!("/groups/{rival}/clients")),
    ] {
        let b = Browser::new(&app);
        b.login(email, PASSWORD).await;
        let html = b.get_html(&own).await;
        assert!(!html.contains(&page), "{email} is not offered the settings");
        assert_eq!(
            b.get(&page).await.status(),
            StatusCode::NOT_FOUND,
            "{email}"
        );
        let token = csrf_token(&html);
        let r = b
            .post_raw(
                &page,
                &[
                    ("notify_deletions", "on"),
                    ("recipients", "x@evil.test"),
                    ("confirm", "1"),
                    ("csrf_token", token.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{email} POST");
    }
    let (notify, emails): (bool, String) = accounts::table
        .find(gid)
        .select((
            accounts::deletion_notifications,
            accounts::notification_emails,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert!(!notify && emails.is_empty(), "nothing changed");
    assert!(visible_codes(&app, gid).is_empty());
}
