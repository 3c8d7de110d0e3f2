//! Deleting a client: the owner's request (services paused, one open request, the group
//! told), the Delete client tab (cancel with a note → statuses back; "Delete account" with
//! the name typed), the scheduled deletion after 10 days (not at 9), what deletion does
//! (users lose this client but keep their others; record, audit and history kept; read-
//! only; listed only on asking), the emails, and who may do what.

use clientele::db::schema::{
    accounts, audit_events, client_services, deletion_requests, impersonations, invitations,
    memberships, outbox, services, users,
};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

struct World {
    gid: i64,
    cid: i64,
    other_client: i64,
}

fn service_id(app: &TestApp, position: i64) -> i64 {
    services::table
        .order_by(services::position)
        .offset(position)
        .select(services::id)
        .first(&mut app.conn())
        .unwrap()
}

fn set_status(app: &TestApp, cid: i64, service: i64, status: &str) {
    diesel::insert_into(client_services::table)
        .values((
            client_services::client_id.eq(cid),
            client_services::service_id.eq(service),
            client_services::visible.eq(true),
            client_services::status.eq(status),
            client_services::updated_at.eq(clientele::db::now()),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

fn statuses(app: &TestApp, cid: i64) -> Vec<Option<String>> {
    client_services::table
        .filter(client_services::client_id.eq(cid))
        .order_by(client_services::service_id)
        .select(client_services::status)
        .load(&mut app.conn())
        .unwrap()
}

/// Acme (owner boss, admin ada, seller sam; deletion emails to alerts@ and a Spanish
/// admin) with Globex (owner Olivia, admin Adam — also Initech's user — and a pending
/// invitation) whose services are active, trial and paused.
fn world(app: &TestApp) -> World {
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    make_member(&mut app.conn(), gid, "ada@acme.test", "admin");
    make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    let es = make_member(&mut app.conn(), gid, "eva@acme.test", "admin");
    diesel::update(users::table.find(es))
        .set(users::language.eq("es"))
        .execute(&mut app.conn())
        .unwrap();
    diesel::update(accounts::table.find(gid))
        .set((
            accounts::deletion_notifications.eq(true),
            accounts::notification_emails.eq("alerts@acme.test, eva@acme.test"),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "owner@globex.test", "owner");
    make_member(&mut app.conn(), cid, "adam@globex.test", "admin");
    let other_client = make_client(&mut app.conn(), gid, "Initech");
    make_member(&mut app.conn(), other_client, "adam@globex.test", "member");
    set_status(app, cid, service_id(app, 0), "active");
    set_status(app, cid, service_id(app, 1), "trial");
    set_status(app, cid, service_id(app, 2), "paused");
    World {
        gid,
        cid,
        other_client,
    }
}

async fn request(b: &Browser, cid: i64) -> reqwest::Response {
    let page = format!("/portal/{cid}/deletion");
    b.post_form(&page, &page, &[("confirm", "on")]).await
}

fn emails(app: &TestApp, template: &str) -> Vec<(String, String, String)> {
    outbox::table
        .filter(outbox::template.eq(template))
        .order_by(outbox::id)
        .select((outbox::to_address, outbox::language, outbox::subject))
        .load(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn the_owner_requests_staff_cancel_with_a_note_and_the_services_come_back() {
    let app = spawn_app().await;
    let w = world(&app);
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let page = format!("/portal/{}/deletion", w.cid);
    // The confirmation says what stops; without the box ticked nothing happens.
    let html = owner.get_html(&page).await;
    assert!(html.contains(r#"id="services-stopping""#));
    let r = owner.post_form(&page, &page, &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"data-error-for="confirm""#)
    );
    assert_eq!(
        deletion_requests::table
            .count()
            .get_result::<i64>(&mut app.conn())
            .unwrap(),
        0
    );

    let r = request(&owner, w.cid).await;
    assert_redirect_to(&r, &format!("/portal/{}", w.cid));
    // Running services paused at once, the paused one left as it was.
    assert_eq!(
        statuses(&app, w.cid),
        vec![
            Some("paused".into()),
            Some("paused".into()),
            Some("paused".into())
        ]
    );
    let home = owner.get_html(&format!("/portal/{}", w.cid)).await;
    assert!(home.contains("Scheduled for deletion on") && home.contains("10 days left"));
    // One notice says it (no flash repeating it), and the status says what happens next,
    // not "Trial end" from the paused services (issue 36).
    assert_eq!(home.matches("Scheduled for deletion on").count(), 1);
    assert!(!home.contains(r#"role="status""#), "no second message");
    assert!(home.contains(
        r#"<span class="badge badge-deletion" id="client-status">Deletion requested</span>"#
    ));
    assert!(!home.contains("Trial end"));
    // A second request is refused: still one open.
    let r = owner.post_form(&page, &page, &[("confirm", "on")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        owner
            .get_html(&page)
            .await
            .contains("id=\"deletion-scheduled\"")
    );
    assert_eq!(
        deletion_requests::table
            .count()
            .get_result::<i64>(&mut app.conn())
            .unwrap(),
        1
    );
    // The group's recipients were told, each in their language.
    let told = emails(&app, "deletion_requested");
    assert_eq!(told.len(), 2);
    assert_eq!(
        (told[0].0.as_str(), told[0].1.as_str()),
        ("alerts@acme.test", "en")
    );
    assert_eq!(
        (told[1].0.as_str(), told[1].1.as_str()),
        ("eva@acme.test", "es")
    );
    assert!(told[0].2.contains("Globex"));
    let link = email_link(&app, "alerts@acme.test", "/groups/");
    assert_eq!(
        link,
        format!("/groups/{}/clients/{}/deletion", w.gid, w.cid)
    );

    // The list marks it, and filters on it.
    app.login("boss@acme.test", PASSWORD).await;
    let list = app
        .get_html(&format!("/groups/{}/clients?deletion=requested", w.gid))
        .await;
    assert!(list.contains("Deletion requested — 10 days left before it is deleted"));
    assert!(list.contains(&format!(r#"data-client-id="{}""#, w.cid)));
    assert!(!list.contains(&format!(r#"data-client-id="{}""#, w.other_client)));

    // Every tab of the client says it in its status, with the days left.
    for tab in ["", "/services", "/users", "/history", "/deletion"] {
        let html = app
            .get_html(&format!("/groups/{}/clients/{}{tab}", w.gid, w.cid))
            .await;
        assert!(
            html.contains("Status: Deletion requested — 10 days left before it is deleted"),
            "{tab}: {html}"
        );
    }
    // The tab shows it; a cancel without a note is refused, with one it restores.
    let tab = format!("/groups/{}/clients/{}/deletion", w.gid, w.cid);
    let html = app.get_html(&tab).await;
    assert!(html.contains(r#"id="open-request""#) && html.contains("10 days left"));
    let r = app
        .post_form(&tab, &format!("{tab}/cancel"), &[("note", "  ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains(r#"data-error-for="note""#));
    let r = app
        .post_form(
            &tab,
            &format!("{tab}/cancel"),
            &[("note", "Called them: a mistake")],
        )
        .await;
    assert_redirect_to(&r, &tab);
    assert_eq!(
        statuses(&app, w.cid),
        vec![
            Some("active".into()),
            Some("trial".into()),
            Some("paused".into())
        ]
    );
    let html = app.get_html(&tab).await;
    assert!(!html.contains(r#"id="open-request""#));
    assert!(html.contains("Cancelled") && html.contains("Called them: a mistake"));
    // The owner and the recipients are told, each in their language; the banner is gone.
    let told: Vec<(String, String)> = emails(&app, "deletion_cancelled")
        .into_iter()
        .map(|e| (e.0, e.1))
        .collect();
    assert_eq!(
        told,
        vec![
            ("owner@globex.test".into(), "en".into()),
            ("alerts@acme.test".into(), "en".into()),
            ("eva@acme.test".into(), "es".into()),
        ]
    );
    let home = owner.get_html(&format!("/portal/{}", w.cid)).await;
    assert!(!home.contains(r#"id="deletion-pending""#));
    // Every step audited.
    for action in ["deletion.requested", "deletion.cancelled"] {
        let n: i64 = audit_events::table
            .filter(audit_events::action.eq(action))
            .filter(audit_events::account_id.eq(w.cid))
            .count()
            .get_result(&mut app.conn())
            .unwrap();
        assert_eq!(n, 1, "{action}");
    }
    // The owner may ask again.
    let r = request(&owner, w.cid).await;
    assert_redirect_to(&r, &format!("/portal/{}", w.cid));
}

#[tokio::test]
async fn the_job_deletes_after_10_days_not_before_and_once() {
    let app = spawn_app().await;
    let w = world(&app);
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let adam = Browser::new(&app);
    adam.login("adam@globex.test", PASSWORD).await;
    request(&owner, w.cid).await;
    let now = clientele::db::now();
    clientele::jobs::run_all(
        &mut app.conn(),
        now + chrono::Duration::days(9),
        "http://clientele.test",
    )
    .unwrap();
    let deleted: Option<chrono::NaiveDateTime> = accounts::table
        .find(w.cid)
        .select(accounts::deleted_at)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(deleted, None, "not at 9 days");
    let later = now + chrono::Duration::days(11);
    let report = clientele::jobs::run_all(&mut app.conn(), later, "http://clientele.test").unwrap();
    assert!(
        report
            .to_string()
            .contains("clients deleted after their 10 days: 1"),
        "{report}"
    );
    clientele::jobs::run_all(&mut app.conn(), later, "http://clientele.test").unwrap();
    let (deleted, status): (Option<chrono::NaiveDateTime>, String) = accounts::table
        .find(w.cid)
        .select((accounts::deleted_at, accounts::status))
        .first(&mut app.conn())
        .unwrap();
    assert!(deleted.is_some());
    assert_eq!(status, "deleted");
    assert_eq!(
        statuses(&app, w.cid),
        vec![
            Some("deleted".into()),
            Some("deleted".into()),
            Some("deleted".into())
        ]
    );
    let n: i64 = audit_events::table
        .filter(audit_events::action.eq("client.deleted"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(n, 1, "deleted once");
    // The owner and the group's recipients are told, each in their language.
    let told: Vec<(String, String)> = emails(&app, "client_deleted")
        .into_iter()
        .map(|e| (e.0, e.1))
        .collect();
    assert_eq!(
        told,
        vec![
            ("owner@globex.test".into(), "en".into()),
            ("alerts@acme.test".into(), "en".into()),
            ("eva@acme.test".into(), "es".into()),
        ]
    );

    // Its users lose it: the owner (no other account) is signed out; Adam keeps Initech.
    let r = owner.get(&format!("/portal/{}", w.cid)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        adam.get(&format!("/portal/{}", w.cid)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        adam.get(&format!("/portal/{}", w.other_client))
            .await
            .status(),
        StatusCode::OK
    );
    let left: i64 = memberships::table
        .filter(memberships::account_id.eq(w.cid))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(left, 0);

    // Staff: listed only with status=deleted, read-only, the history kept.
    app.login("boss@acme.test", PASSWORD).await;
    let list = app.get_html(&format!("/groups/{}/clients", w.gid)).await;
    assert!(!list.contains(&format!(r#"data-client-id="{}""#, w.cid)));
    let list = app
        .get_html(&format!("/groups/{}/clients?status=deleted", w.gid))
        .await;
    assert!(list.contains(&format!(r#"data-client-id="{}""#, w.cid)));
    let edit = format!("/groups/{}/clients/{}", w.gid, w.cid);
    let html = app.get_html(&edit).await;
    assert!(html.contains("record is kept, read-only"));
    let mut fields = form_fields(&html, &edit);
    fields.retain(|(k, _)| k != "company_name");
    fields.push(("company_name".into(), "Changed".into()));
    let r = app.post_raw(&edit, &fields).await;
    assert_redirect_to(&r, &edit);
    let company: String = accounts::table
        .find(w.cid)
        .select(accounts::company_name)
        .first(&mut app.conn())
        .unwrap();
    assert_ne!(company, "Changed");
    let tab = app.get_html(&format!("{edit}/deletion")).await;
    assert!(tab.contains(r#"id="client-deleted""#) && tab.contains(">Deleted<"));
    assert!(
        !tab.contains(r#"action="/groups"#),
        "no action on a deleted client"
    );
    let history = app.get_html(&format!("{edit}/history")).await;
    assert!(history.contains("Client deleted") && history.contains("Deletion requested"));
}

#[tokio::test]
async fn staff_delete_without_a_request_after_typing_the_name() {
    let app = spawn_app().await;
    let w = world(&app);
    // A pending invitation, revoked by the deletion.
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let users_page = format!("/portal/{}/users", w.cid);
    owner
        .post_form(
            &users_page,
            &users_page,
            &[
                ("email", "new@globex.test"),
                ("role", "admin"),
                ("access", "all"),
            ],
        )
        .await;
    // A seller is signed in as the owner meanwhile: that ends with the deletion.
    let sam = Browser::new(&app);
    sam.login("sam@acme.test", PASSWORD).await;
    let edit = format!("/groups/{}/clients/{}", w.gid, w.cid);
    let r = sam.post_form(&edit, &format!("{edit}/login"), &[]).await;
    assert_redirect_to(&r, &format!("/portal/{}", w.cid));
    app.login("ada@acme.test", PASSWORD).await;
    let tab = format!("/groups/{}/clients/{}/deletion", w.gid, w.cid);
    let html = app.get_html(&tab).await;
    // What goes is listed: users, services, invitations.
    for what in ["owner@globex.test", "adam@globex.test", "new@globex.test"] {
        assert!(html.contains(what), "{what}");
    }
    let delete = format!("/groups/{}/clients/{}/delete", w.gid, w.cid);
    let r = app
        .post_form(&tab, &delete, &[("confirm_name", "globex")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains(r#"data-error-for="confirm_name""#) && html.contains(r#"value="globex""#)
    );
    let deleted: Option<chrono::NaiveDateTime> = accounts::table
        .find(w.cid)
        .select(accounts::deleted_at)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(deleted, None, "a wrong name deletes nothing");
    let r = app
        .post_form(&tab, &delete, &[("confirm_name", " Globex ")])
        .await;
    assert_redirect_to(&r, &tab);
    let html = app.get_html(&tab).await;
    assert!(html.contains("Deleted by staff without a request"));
    let revoked: Option<chrono::NaiveDateTime> = invitations::table
        .filter(invitations::email.eq("new@globex.test"))
        .select(invitations::revoked_at)
        .first(&mut app.conn())
        .unwrap();
    assert!(revoked.is_some());
    let ended: Option<String> = impersonations::table
        .select(impersonations::end_reason)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(ended.as_deref(), Some("client_closed"));
    // Deleting again does nothing more.
    let r = app
        .post_form(&tab, &delete, &[("confirm_name", "Globex")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let n: i64 = audit_events::table
        .filter(audit_events::action.eq("client.deleted"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn only_the_owner_requests_and_only_the_groups_staff_act() {
    let app = spawn_app().await;
    let w = world(&app);
    let page = format!("/portal/{}/deletion", w.cid);
    // A client admin: no deletion page.
    let adam = Browser::new(&app);
    adam.login("adam@globex.test", PASSWORD).await;
    assert_eq!(adam.get(&page).await.status(), StatusCode::NOT_FOUND);
    let token = csrf_token(&adam.get_html(&format!("/portal/{}", w.cid)).await);
    let r = adam
        .post_raw(&page, &[("confirm", "on"), ("csrf_token", token.as_str())])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Staff signed in as the owner: refused.
    app.login("sam@acme.test", PASSWORD).await;
    let edit = format!("/groups/{}/clients/{}", w.gid, w.cid);
    app.post_form(&edit, &format!("{edit}/login"), &[]).await;
    let r = app.post_form(&page, &page, &[("confirm", "on")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        deletion_requests::table
            .count()
            .get_result::<i64>(&mut app.conn())
            .unwrap(),
        0
    );
    let html = app.get_html(&format!("/portal/{}", w.cid)).await;
    app.post_raw("/impersonation/exit", &[("csrf_token", csrf_token(&html))])
        .await;
    // A seller does the same client work: the tab's actions are theirs too.
    let tab = format!("{edit}/deletion");
    let html = app.get_html(&tab).await;
    assert!(html.contains(&format!("{edit}/delete\"")));
    // Another group's owner: 404 everywhere.
    make_group(&mut app.conn(), "Other", "olga@other.test");
    let olga = Browser::new(&app);
    olga.login("olga@other.test", PASSWORD).await;
    assert_eq!(olga.get(&tab).await.status(), StatusCode::NOT_FOUND);
    let token = csrf_token(&olga.get_html("/accounts").await);
    let r = olga
        .post_raw(
            &format!("{edit}/delete"),
            &[("confirm_name", "Globex"), ("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let deleted: Option<chrono::NaiveDateTime> = accounts::table
        .find(w.cid)
        .select(accounts::deleted_at)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(deleted, None);
}

#[tokio::test]
async fn two_schedulers_at_once_delete_each_client_once() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    let now = clientele::db::now();
    let mut ids = Vec::new();
    for i in 0..20 {
        let cid = make_client(&mut app.conn(), gid, &format!("Client {i}"));
        make_member(
            &mut app.conn(),
            cid,
            &format!("owner{i}@example.test"),
            "owner",
        );
        diesel::insert_into(deletion_requests::table)
            .values((
                deletion_requests::client_id.eq(cid),
                deletion_requests::requested_at.eq(now - chrono::Duration::days(11)),
                deletion_requests::due_at.eq(now - chrono::Duration::days(1)),
            ))
            .execute(&mut app.conn())
            .unwrap();
        ids.push(cid);
    }
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let pool = app.pool.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                clientele::services::deletion::delete_due(
                    &mut conn,
                    clientele::db::now(),
                    "http://clientele.test",
                )
                .unwrap()
            })
        })
        .collect();
    let deleted: usize = runs.into_iter().map(|r| r.join().unwrap()).sum();
    assert_eq!(deleted, 20, "each client by one of the two");
    let events: i64 = audit_events::table
        .filter(audit_events::action.eq("client.deleted"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(events, 20);
    assert_eq!(
        emails(&app, "client_deleted").len(),
        20,
        "one email to each owner"
    );
    let open: i64 = deletion_requests::table
        .filter(deletion_requests::completed_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(open, 0);
}

#[tokio::test]
async fn a_request_cancelled_before_the_job_runs_is_not_deleted() {
    let app = spawn_app().await;
    let w = world(&app);
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    request(&owner, w.cid).await;
    // The job found it due, then staff cancelled it before its turn came.
    let later = clientele::db::now() + chrono::Duration::days(11);
    let due = clientele::models::deletion::due(&mut app.conn(), later).unwrap();
    assert_eq!(due, vec![w.cid]);
    app.login("boss@acme.test", PASSWORD).await;
    let tab = format!("/groups/{}/clients/{}/deletion", w.gid, w.cid);
    app.post_form(&tab, &format!("{tab}/cancel"), &[("note", "Kept")])
        .await;
    let deleted_now = clientele::services::deletion::delete_if_due(
        &mut app.conn(),
        w.cid,
        later,
        "http://clientele.test",
    )
    .unwrap();
    assert!(!deleted_now, "its turn came after the cancel");
    let deleted: Option<chrono::NaiveDateTime> = accounts::table
        .find(w.cid)
        .select(accounts::deleted_at)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(deleted, None);
}
