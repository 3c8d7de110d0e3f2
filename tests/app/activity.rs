//! The audit views: a client's History tab and the group's Activity — who may see them,
//! the filters (client, person, action, date range), 50 a page newest first, "A (as B)",
//! the changed fields' labels with old → new, and never another group's events.

use clientele::db::schema::{audit_events, users};
use clientele::services::audit::{self, Actor, Changes};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

fn rows_of(html: &str) -> usize {
    html.matches(r#"class="audit-row""#).count()
}

/// The table's rows (the filter form's options left out).
fn table_of(html: &str) -> String {
    html.split(r#"class="audit-row""#).skip(1).collect()
}

fn record(app: &TestApp, actor: &Actor, gid: i64, account: i64, action: &str, changes: Changes) {
    audit::record(
        &mut app.conn(),
        actor,
        Some(gid),
        Some(account),
        action,
        &changes,
    )
    .unwrap();
}

fn set_day(app: &TestApp, action: &str, day: &str) {
    let at = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    diesel::update(audit_events::table.filter(audit_events::action.eq(action)))
        .set(audit_events::at.eq(at))
        .execute(&mut app.conn())
        .unwrap();
}

#[tokio::test]
async fn history_and_activity_filter_page_and_stay_in_their_group() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    let seller = make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    let other_client = make_client(&mut app.conn(), gid, "Initech");
    let owner = make_member(&mut app.conn(), cid, "owner@globex.test", "owner");
    for (id, first, last) in [(seller, "Sam", "Seller"), (owner, "Olivia", "Owner")] {
        diesel::update(users::table.find(id))
            .set((users::first_name.eq(first), users::last_name.eq(last)))
            .execute(&mut app.conn())
            .unwrap();
    }
    let (other_gid, _) = make_group(&mut app.conn(), "Other", "olga@other.test");
    let foreign = make_client(&mut app.conn(), other_gid, "Foreign Co");

    let sam = Actor::user(seller, "sam@acme.test", Some("192.0.2.7".into()));
    let mut as_owner = Actor::user(owner, "owner@globex.test", None);
    as_owner.impersonator_id = Some(seller);
    as_owner.impersonator_email = Some("sam@acme.test".into());
    for i in 0..118 {
        record(
            &app,
            &sam,
            gid,
            cid,
            "client.updated",
            Changes::new().field("company_name", format!("Co {i}"), format!("Co {}", i + 1)),
        );
    }
    record(
        &app,
        &as_owner,
        gid,
        cid,
        "user.changed",
        Changes::new().field("first_name", "Olivia", "Liv"),
    );
    record(&app, &sam, gid, cid, "owner.activated", Changes::new());
    record(
        &app,
        &sam,
        gid,
        other_client,
        "client.created",
        Changes::new(),
    );
    record(
        &app,
        &Actor::user(1, "olga@other.test", None),
        other_gid,
        foreign,
        "client.updated",
        Changes::new().field("company_name", "SECRET-A", "SECRET-B"),
    );
    set_day(&app, "owner.activated", "2026-01-15");

    app.login("boss@acme.test", PASSWORD).await;
    let history = format!("/groups/{gid}/clients/{cid}/history");
    // Newest first, 50 a page.
    let page1 = app.get_html(&history).await;
    assert_eq!(rows_of(&page1), 50);
    assert!(page1.contains(r#"rel="next""#) && !page1.contains(r#"rel="prev""#));
    let rows: Vec<&str> = page1.split(r#"class="audit-row""#).skip(1).collect();
    assert!(
        rows[0].contains("Owner activated the account"),
        "newest first"
    );
    // "A (as B)" and the field's label, old → new.
    assert!(
        rows[1].contains("Sam Seller (as Olivia Owner)"),
        "{}",
        rows[1]
    );
    assert!(rows[2].contains("Sam Seller") && !rows[2].contains("(as "));
    assert!(page1.contains("First name") && page1.contains("Olivia") && page1.contains("Liv"));
    assert!(page1.contains("Company name") && page1.contains("Co 118"));
    assert!(page1.contains("192.0.2.7"));
    let page3 = app.get_html(&format!("{history}?page=3")).await;
    assert_eq!(rows_of(&page3), 20);
    assert!(page3.contains(r#"rel="prev""#) && !page3.contains(r#"rel="next""#));
    // Only this client's events.
    assert!(!table_of(&page1).contains("Client added"));

    // Filters: action, person, dates.
    let only = app
        .get_html(&format!("{history}?action=user.changed"))
        .await;
    assert_eq!(rows_of(&only), 1);
    let by_person = app
        .get_html(&format!("{history}?person=OWNER%40globex"))
        .await;
    assert_eq!(rows_of(&by_person), 1, "matches who was signed in as whom");
    let january = app
        .get_html(&format!("{history}?from=2026-01-01&to=2026-01-31"))
        .await;
    assert_eq!(rows_of(&january), 1);
    assert!(table_of(&january).contains("Owner activated the account"));
    let bad = app
        .get_html(&format!("{history}?from=2026-99-99&action=nonsense&page=x"))
        .await;
    assert!(bad.contains(r#"data-error-for="from""#));
    assert_eq!(rows_of(&bad), 50, "an unreadable filter is left out");
    let none = app.get_html(&format!("{history}?person=nobody")).await;
    assert!(none.contains("Nothing matches these filters"));

    // The group's Activity: every client, filtered by client name; never another group's.
    let activity = format!("/groups/{gid}/activity");
    let all = app.get_html(&activity).await;
    assert!(table_of(&all).contains("Client added") && all.contains("Initech"));
    for page in 1..=3 {
        let html = app.get_html(&format!("{activity}?page={page}")).await;
        assert!(!html.contains("SECRET") && !html.contains("Foreign Co"));
    }
    // The group's own events are there too (its creation, on the last page).
    let last = app.get_html(&format!("{activity}?page=3")).await;
    assert!(table_of(&last).contains("Group created"));
    let initech = app.get_html(&format!("{activity}?client=inite")).await;
    assert_eq!(rows_of(&initech), 1);
    assert!(
        !app.get_html(&format!("{activity}?client=Foreign"))
            .await
            .contains("audit-row")
    );

    // Sellers see a client's History, not the group's Activity.
    let s = Browser::new(&app);
    s.login("sam@acme.test", PASSWORD).await;
    assert_eq!(s.get(&history).await.status(), StatusCode::OK);
    assert_eq!(s.get(&activity).await.status(), StatusCode::NOT_FOUND);
    // Another group's staff, and the client's own users: 404 for both.
    let stranger = Browser::new(&app);
    stranger.login("olga@other.test", PASSWORD).await;
    let client_user = Browser::new(&app);
    client_user.login("owner@globex.test", PASSWORD).await;
    for b in [&stranger, &client_user] {
        assert_eq!(b.get(&history).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(b.get(&activity).await.status(), StatusCode::NOT_FOUND);
    }
    // Through their own group: still not this client.
    let r = stranger
        .get(&format!("/groups/{other_gid}/clients/{cid}/history"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_empty_history_says_so() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    app.login("boss@acme.test", PASSWORD).await;
    let html = app
        .get_html(&format!("/groups/{gid}/clients/{cid}/history"))
        .await;
    assert!(html.contains("Nothing recorded yet"));
    assert!(html.contains(r#"aria-current="page">History"#));
}
