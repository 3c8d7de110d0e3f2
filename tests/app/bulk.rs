//! Bulk actions on the client list (issue 17): the clients ticked or all those matching
//! the filters; a confirmation that says how many will change; one audit event per client;
//! all or nothing; another group's clients and sellers are not found.

use clientele::db::schema::{accounts, audit_events};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::clients::{Seed, seed};
use crate::helpers::*;

fn client(conn: &mut clientele::db::DbConn, gid: i64, name: &str) -> i64 {
    seed(
        conn,
        gid,
        Seed {
            name,
            ..Default::default()
        },
    )
}

/// (active, seller, test account, version, status) of a client.
fn state(app: &TestApp, cid: i64) -> (bool, Option<i64>, bool, i32, String) {
    accounts::table
        .find(cid)
        .select((
            accounts::active,
            accounts::seller_id,
            accounts::test_account,
            accounts::version,
            accounts::status,
        ))
        .first(&mut app.conn())
        .unwrap()
}

fn updates(app: &TestApp, cid: i64) -> Vec<String> {
    audit_events::table
        .filter(audit_events::account_id.eq(cid))
        .filter(audit_events::action.eq("client.updated"))
        .order_by(audit_events::id)
        .select(audit_events::changes)
        .load(&mut app.conn())
        .unwrap()
}

/// The confirmation page's form fields (what pressing its button sends).
fn confirm_fields(html: &str, gid: i64) -> Vec<(String, String)> {
    form_fields(html, &format!("/groups/{gid}/clients/bulk"))
        .into_iter()
        .map(|(k, v)| (k, html_unescape(&v)))
        .collect()
}

#[tokio::test]
async fn ticked_clients_are_disabled_after_a_confirmation_each_audited() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let a = client(&mut conn, gid, "Alpha");
    let b = client(&mut conn, gid, "Beta");
    let c = client(&mut conn, gid, "Gamma");
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let list = format!("/groups/{gid}/clients");
    let html = app.get_html(&list).await;
    // Each row has its box, tied to the bulk form (no form inside the table).
    for cid in [a, b, c] {
        assert!(html.contains(&format!(
            r#"<input type="checkbox" name="id" value="{cid}" form="bulk""#
        )));
    }
    let before = state(&app, a).3;

    // The form's GET: how many will change, and nothing changed yet.
    let page = app
        .get(&format!(
            "/groups/{gid}/clients/bulk?sort=name&dir=asc&seller=all&test=false&action=disable&to_seller=none&id={a}&id={b}"
        ))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Disable 2 clients"), "{page}");
    assert!(page.contains("2 clients will change:"));
    assert!(page.contains("<li>Alpha</li>") && page.contains("<li>Beta</li>"));
    assert!(!page.contains("Gamma"));
    assert!(state(&app, a).0, "nothing changes before the confirmation");

    let fields = confirm_fields(&page, gid);
    let r = app
        .post_form(&list, &format!("/groups/{gid}/clients/bulk"), &[])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "no action, nothing done"
    );
    let r = app
        .post_raw(&format!("/groups/{gid}/clients/bulk"), &fields)
        .await;
    assert_redirect_to(
        &r,
        &format!("{list}?sort=name&dir=asc&seller=all&test=false"),
    );
    let after = app.get_html(&location(r.headers())).await;
    assert!(after.contains("2 clients disabled."));
    for cid in [a, b] {
        let (active, _, _, version, status) = state(&app, cid);
        assert!(!active);
        assert_eq!(status, "disabled");
        assert_eq!(
            version,
            before + 1,
            "an edit form opened before is now stale"
        );
        let events = updates(&app, cid);
        assert_eq!(events.len(), 1, "one audit event per client");
        assert!(events[0].contains("active"), "{}", events[0]);
    }
    assert!(state(&app, c).0 && updates(&app, c).is_empty());

    // Again on the same three: one changes, two are that way already.
    let page = app
        .get_html(&format!(
            "/groups/{gid}/clients/bulk?action=disable&id={a}&id={b}&id={c}"
        ))
        .await;
    assert!(page.contains("Disable 1 client"), "{page}");
    assert!(page.contains("2 others selected are that way already"));
    // And enabling back.
    let page = app
        .get_html(&format!(
            "/groups/{gid}/clients/bulk?action=enable&id={a}&id={c}"
        ))
        .await;
    let r = app
        .post_raw(
            &format!("/groups/{gid}/clients/bulk"),
            &confirm_fields(&page, gid),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(state(&app, a).0);
    assert_eq!(state(&app, a).4, "preparation");
}

#[tokio::test]
async fn all_matching_the_filters_get_a_seller_and_a_changed_list_asks_again() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let sam = make_member(&mut conn, gid, "sam@acme.test", "seller");
    let ids: Vec<i64> = (0..3)
        .map(|i| client(&mut conn, gid, &format!("Northwind {i}")))
        .collect();
    let other = client(&mut conn, gid, "Southwind");
    diesel::update(accounts::table.find(ids[0]))
        .set(accounts::seller_id.eq(sam))
        .execute(&mut conn)
        .unwrap();
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let list = format!("/groups/{gid}/clients");
    // The list offers "all N matching".
    let html = app.get_html(&format!("{list}?q=northwind")).await;
    assert!(html.contains("Or all 3 clients matching the filters"));
    let confirm = format!(
        "/groups/{gid}/clients/bulk?sort=name&dir=asc&q=northwind&seller=all&test=false&action=seller&to_seller={sam}&all=on"
    );
    let page = app.get_html(&confirm).await;
    assert!(
        page.contains("Make Mia Member the seller of 2 clients"),
        "{page}"
    );
    assert!(page.contains("1 other selected is that way already"));

    // A client starts matching meanwhile: nothing is written, the new number is shown.
    let fields = confirm_fields(&page, gid);
    let late = client(&mut app.conn(), gid, "Northwind Late");
    let r = app
        .post_raw(&format!("/groups/{gid}/clients/bulk"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let again = r.text().await.unwrap();
    assert!(again.contains("The list changed since you looked"));
    assert!(again.contains("Make Mia Member the seller of 3 clients"));
    assert_eq!(state(&app, ids[1]).1, None, "nothing changed");
    // Confirmed again: the three without Sam get him; the other client is untouched.
    let r = app
        .post_raw(
            &format!("/groups/{gid}/clients/bulk"),
            &confirm_fields(&again, gid),
        )
        .await;
    assert_redirect_to(
        &r,
        &format!("{list}?sort=name&dir=asc&q=northwind&seller=all&test=false"),
    );
    let done = app.get_html(&location(r.headers())).await;
    assert!(
        done.contains("3 clients") && done.contains("seller changed."),
        "the flash"
    );
    for cid in [ids[1], ids[2], late] {
        assert_eq!(state(&app, cid).1, Some(sam));
        assert_eq!(updates(&app, cid).len(), 1);
    }
    assert!(updates(&app, ids[0]).is_empty(), "had Sam already");
    assert_eq!(state(&app, other).1, None);
    // As many clients, not the same ones (one renamed away, another added): asked again.
    let page = app
        .get_html(&confirm.replace(&format!("to_seller={sam}"), "to_seller=none"))
        .await;
    assert!(page.contains("Remove the seller of 4 clients"), "{page}");
    let fields = confirm_fields(&page, gid);
    diesel::update(accounts::table.find(ids[1]))
        .set((
            accounts::name.eq("Eastwind"),
            accounts::name_key.eq("eastwind"),
            accounts::search_key.eq("eastwind"),
        ))
        .execute(&mut app.conn())
        .unwrap();
    client(&mut app.conn(), gid, "Northwind Later");
    let r = app
        .post_raw(&format!("/groups/{gid}/clients/bulk"), &fields)
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CONFLICT,
        "the same number, other clients"
    );
    assert_eq!(state(&app, ids[2]).1, Some(sam), "nothing changed");
    // Sam's list now shows them.
    let s = Browser::new(&app);
    s.login("sam@acme.test", PASSWORD).await;
    assert_eq!(
        s.get_html(&list).await.matches("data-client-id=").count(),
        4,
        "three given now, and the one he had"
    );

    // Marked as test accounts: they leave the default list.
    let page = app
        .get_html(&format!(
            "/groups/{gid}/clients/bulk?q=northwind&seller=all&action=test&all=on"
        ))
        .await;
    assert!(page.contains("Mark 4 clients as test accounts"), "{page}");
    let r = app
        .post_raw(
            &format!("/groups/{gid}/clients/bulk"),
            &confirm_fields(&page, gid),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.get_html(&format!("{list}?seller=all"))
            .await
            .matches("data-client-id=")
            .count(),
        2,
        "Southwind, and Northwind 1 renamed Eastwind"
    );
}

#[tokio::test]
async fn another_groups_clients_and_sellers_are_not_found_and_nothing_changes() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let (rival, _) = make_group(&mut conn, "Rival", "owner@rival.test");
    let rival_seller = make_member(&mut conn, rival, "seller@rival.test", "seller");
    let mine = client(&mut conn, gid, "Mine");
    let theirs = client(&mut conn, rival, "Theirs");
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let bulk = format!("/groups/{gid}/clients/bulk");
    for query in [
        format!("action=disable&id={mine}&id={theirs}"),
        format!("action=seller&to_seller={rival_seller}&id={mine}"),
        format!("action=disable&id={mine}&id=x"),
        format!("action=export&id={theirs}"),
    ] {
        let r = app.get(&format!("{bulk}?{query}")).await;
        let r = if r.status() == StatusCode::SEE_OTHER {
            app.get(&location(r.headers())).await
        } else {
            r
        };
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{query}");
    }
    let r = app
        .post_form(
            &format!("/groups/{gid}/clients"),
            &bulk,
            &[
                ("action", "disable"),
                ("ids", &format!("{mine},{theirs}")),
                ("expected", "2"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(state(&app, mine).0 && state(&app, theirs).0);
    // Through the other group's path: not found either.
    let r = app
        .get(&format!(
            "/groups/{rival}/clients/bulk?action=disable&id={theirs}"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Without an action, or without clients: the list again (422), saying what is missing
    // beside the bar, with what was chosen kept (the client ticked, the action).
    let r = app.get(&format!("{bulk}?id={mine}")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="action""#));
    assert!(html.contains("Choose what to do with the clients ticked."));
    let pick = &html[html.find(&format!(r#"id="pick-{mine}""#)).expect("the row")..];
    assert!(
        pick[..pick.find('>').unwrap()].ends_with(" checked"),
        "still ticked"
    );
    let r = app.get(&format!("{bulk}?action=enable")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("Tick the clients to change"));
    assert!(
        html.contains(r#"<option value="enable" selected>"#),
        "the action is kept"
    );
    // More than one action may change: said, with no button.
    let many: String = (1..=2001).map(|i| format!("&id={i}")).collect();
    let page = app.get_html(&format!("{bulk}?action=disable{many}")).await;
    assert!(page.contains("More than 2,000 clients match"), "{page}");
    assert!(!page.contains(r#"id="bulk-apply""#));
}

#[tokio::test]
async fn the_ticked_clients_are_exported_in_the_lists_order_and_columns() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let a = client(&mut conn, gid, "Alpha");
    client(&mut conn, gid, "Beta");
    let c = client(&mut conn, gid, "Gamma");
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let r = app
        .get(&format!(
            "/groups/{gid}/clients/bulk?sort=name&dir=desc&seller=all&test=false&cols=city&action=export&id={c}&id={a}"
        ))
        .await;
    let to = location(r.headers());
    assert!(
        to.starts_with(&format!("/groups/{gid}/clients.csv?")),
        "{to}"
    );
    let csv = app.get(&to).await.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "id,account_name,company_name,status,active,test_account,city".to_owned(),
            format!("{c},Gamma,,preparation,true,false,"),
            format!("{a},Alpha,,preparation,true,false,")
        ]
    );
    // "All matching" exports the list itself.
    let r = app
        .get(&format!(
            "/groups/{gid}/clients/bulk?seller=all&action=export&all=on"
        ))
        .await;
    let csv = app.get(&location(r.headers())).await.text().await.unwrap();
    assert_eq!(csv.lines().count(), 4);
}

/// The cost of the largest bulk action (2 000 clients, the most one changes), measured
/// on demand: `cargo test --test app -- --ignored bulk_of_the_most_clients`.
#[tokio::test]
#[ignore = "a measurement, not a check: run on demand"]
async fn bulk_of_the_most_clients() {
    let app = spawn_app().await;
    let demo =
        clientele::services::demo::seed(&mut app.conn(), 2_000, "demo password", "x").unwrap();
    let gid = demo.group_id;
    let owner = demo.owner_email.clone();
    diesel::update(
        clientele::db::schema::users::table.filter(clientele::db::schema::users::email.eq(&owner)),
    )
    .set(
        clientele::db::schema::users::password_hash.eq(Some(
            clientele::auth::password::PasswordHasher::new(4)
                .hash_blocking(PASSWORD)
                .unwrap(),
        )),
    )
    .execute(&mut app.conn())
    .unwrap();
    app.login(&owner, PASSWORD).await;
    for action in ["test", "not_test"] {
        let page = app
            .get_html(&format!(
                "/groups/{gid}/clients/bulk?seller=all&test=all&action={action}&all=on"
            ))
            .await;
        let fields = confirm_fields(&page, gid);
        let start = std::time::Instant::now();
        let r = app
            .post_raw(&format!("/groups/{gid}/clients/bulk"), &fields)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{page}");
        let n = &fields.iter().find(|(k, _)| k == "expected").unwrap().1;
        report(&format!(
            "bulk {action} of {n} clients: {:?}",
            start.elapsed()
        ));
    }
}

#[tokio::test]
async fn a_client_that_cannot_be_saved_stops_the_action_and_nothing_changes() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let fine = client(&mut conn, gid, "Alpha Fine");
    let broken = client(&mut conn, gid, "Beta Broken");
    // Stored before today's checks: no address (required now).
    diesel::update(accounts::table.find(broken))
        .set(accounts::address.eq(""))
        .execute(&mut conn)
        .unwrap();
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let page = app
        .get_html(&format!(
            "/groups/{gid}/clients/bulk?action=test&id={fine}&id={broken}"
        ))
        .await;
    assert!(page.contains("Mark 2 clients as test accounts"));
    let r = app
        .post_raw(
            &format!("/groups/{gid}/clients/bulk"),
            &confirm_fields(&page, gid),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"id="bulk-refused""#) && html.contains("Beta Broken cannot be saved"));
    // Alpha, changed first, went back with the transaction.
    for cid in [fine, broken] {
        assert!(!state(&app, cid).2, "not a test account");
        assert!(updates(&app, cid).is_empty(), "no audit event");
    }
}
