//! Support access ("Log in" as a client's admin user): who may start it, the banner on
//! every page, what is refused on the client user's behalf, the audit rows with both
//! people, the ends (Return to console, sign-out, 30 idle minutes, 4 hours, rights or the
//! client changing, the sweep), and the client's Support access list.

use clientele::db::schema::{
    accounts, audit_events, impersonations, invitations, memberships, users,
};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

struct World {
    gid: i64,
    cid: i64,
    seller: i64,
    owner: i64,
    admin: i64,
}

fn rename(app: &TestApp, id: i64, first: &str, last: &str) {
    diesel::update(users::table.find(id))
        .set((users::first_name.eq(first), users::last_name.eq(last)))
        .execute(&mut app.conn())
        .unwrap();
}

/// Acme (owner Gail, seller Sam) with client Globex (owner Olivia, admin Adam, a member).
fn world(app: &TestApp) -> World {
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    let seller = make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    rename(app, seller, "Sam", "Seller");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    let owner = make_member(&mut app.conn(), cid, "owner@globex.test", "owner");
    rename(app, owner, "Olivia", "Owner");
    let admin = make_member(&mut app.conn(), cid, "admin@globex.test", "admin");
    rename(app, admin, "Adam", "Admin");
    make_member_with(&mut app.conn(), cid, "mel@globex.test", "member", "users");
    World {
        gid,
        cid,
        seller,
        owner,
        admin,
    }
}

/// Starts support access to the client from its Edit tab, with a reason.
async fn start(app: &TestApp, w: &World, reason: &str) -> reqwest::Response {
    let edit = format!("/groups/{}/clients/{}", w.gid, w.cid);
    app.post_form(&edit, &format!("{edit}/login"), &[("reason", reason)])
        .await
}

type ImpRow = (i64, i64, i64, Option<String>, Option<String>);

fn impersonation_rows(app: &TestApp) -> Vec<ImpRow> {
    impersonations::table
        .order_by(impersonations::id)
        .select((
            impersonations::staff_user_id,
            impersonations::target_user_id,
            impersonations::client_id,
            impersonations::reason,
            impersonations::end_reason,
        ))
        .load(&mut app.conn())
        .unwrap()
}

fn audit_count(app: &TestApp, action: &str) -> i64 {
    audit_events::table
        .filter(audit_events::action.eq(action))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn staff_log_in_as_the_owner_act_with_both_names_and_return() {
    let app = spawn_app().await;
    let w = world(&app);
    app.login("sam@acme.test", PASSWORD).await;
    // "Log in" on the list row and on the Edit client tab.
    let list = app
        .get_html(&format!("/groups/{}/clients?seller=all", w.gid))
        .await;
    let action = format!("/groups/{}/clients/{}/login", w.gid, w.cid);
    assert!(list.contains(&format!(r#"action="{action}""#)));
    let edit = format!("/groups/{}/clients/{}", w.gid, w.cid);
    assert!(app.get_html(&edit).await.contains(r#"name="reason""#));

    let before = app.session_cookie().unwrap();
    let r = start(&app, &w, "  Ticket\n#42  ").await;
    assert_redirect_to(&r, &format!("/portal/{}", w.cid));
    assert_ne!(app.session_cookie().unwrap(), before, "session id renewed");
    // The old session id opens nothing any more.
    let r = app
        .get_with_cookie(&format!("/portal/{}", w.cid), &before)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        impersonation_rows(&app),
        vec![(w.seller, w.owner, w.cid, Some("Ticket #42".into()), None)]
    );

    // The banner on every page of the client area (and the profile and chooser).
    for page in ["", "/account", "/users", "/services", "/support"] {
        let html = app.get_html(&format!("/portal/{}{page}", w.cid)).await;
        assert!(html.contains(r#"id="impersonation-banner""#), "{page}");
        assert!(
            html.contains("You are signed in as Olivia Owner for client Globex."),
            "{page}"
        );
        assert!(html.contains(r#"action="/impersonation/exit""#));
    }
    for page in ["/profile", "/accounts"] {
        assert!(
            app.get_html(page)
                .await
                .contains(r#"id="impersonation-banner""#)
        );
    }
    // Even an error page keeps it (and its way back).
    let r = app.get("/portal/999999").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"id="impersonation-banner""#) && html.contains("/impersonation/exit"));
    // Only this client: not the console, not the owner's other accounts.
    let r = app.get(&format!("/groups/{}/clients", w.gid)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_redirect_to(&app.get("/").await, &format!("/portal/{}", w.cid));

    // Act as the owner: the audit row names both people.
    let page = format!("/portal/{}/account", w.cid);
    let html = app.get_html(&page).await;
    let mut fields = form_fields(&html, &page);
    fields.retain(|(k, _)| k != "company_name");
    fields.push(("company_name".into(), "Globex Holdings".into()));
    let r = app.post_raw(&page, &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (actor, impersonator, impersonator_email): (Option<i64>, Option<i64>, Option<String>) =
        audit_events::table
            .filter(audit_events::action.eq("client.updated"))
            .select((
                audit_events::actor_id,
                audit_events::impersonator_id,
                audit_events::impersonator_email,
            ))
            .first(&mut app.conn())
            .unwrap();
    assert_eq!(
        (actor, impersonator, impersonator_email.as_deref()),
        (Some(w.owner), Some(w.seller), Some("sam@acme.test"))
    );

    // Return to console: back on the client's page, as oneself, a new session id.
    let before = app.session_cookie().unwrap();
    let html = app.get_html(&format!("/portal/{}", w.cid)).await;
    let r = app
        .post_raw("/impersonation/exit", &[("csrf_token", csrf_token(&html))])
        .await;
    assert_redirect_to(&r, &edit);
    assert_ne!(app.session_cookie().unwrap(), before);
    let html = app.get_html(&edit).await;
    assert!(!html.contains(r#"id="impersonation-banner""#));
    assert!(html.contains("You are back in the console."));
    assert_eq!(
        impersonation_rows(&app)[0].4.as_deref(),
        Some("exit"),
        "ended by Return to console"
    );
    assert_eq!(audit_count(&app, "impersonation.started"), 1);
    assert_eq!(audit_count(&app, "impersonation.ended"), 1);

    // The History tab shows the change as "A (as B)", with the field's label, old → new.
    let history = app.get_html(&format!("{edit}/history")).await;
    assert!(
        history.contains("Sam Seller (as Olivia Owner)"),
        "{history}"
    );
    assert!(history.contains("Client edited"));
    assert!(history.contains("Globex Holdings"));
    assert!(history.contains("Support access started") && history.contains("Ticket #42"));
    assert!(history.contains("returned to the console"));

    // The client's owner and admins see it under Support access; a member does not.
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let support = owner.get_html(&format!("/portal/{}/support", w.cid)).await;
    assert!(support.contains("Sam Seller") && support.contains("Ticket #42"));
    assert!(support.contains("signed in as Olivia Owner"));
    assert!(support.contains("returned to the console"));
    // In Spanish the log speaks of the staff member, not to the reader.
    diesel::update(users::table.filter(users::email.eq("owner@globex.test")))
        .set(users::language.eq("es"))
        .execute(&mut app.conn())
        .unwrap();
    let support = owner.get_html(&format!("/portal/{}/support", w.cid)).await;
    assert!(support.contains("volvió a la consola"), "{support}");
    assert!(!support.contains("volviste"));
    let member = Browser::new(&app);
    member.login("mel@globex.test", PASSWORD).await;
    let r = member.get(&format!("/portal/{}/support", w.cid)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn nothing_personal_is_done_on_the_client_users_behalf() {
    let app = spawn_app().await;
    let w = world(&app);
    app.login("sam@acme.test", PASSWORD).await;
    // Another client invites Olivia: her invitation is hers to answer.
    let initech = make_client(&mut app.conn(), w.gid, "Initech");
    make_member(&mut app.conn(), initech, "ian@initech.test", "owner");
    let ian = Browser::new(&app);
    ian.login("ian@initech.test", PASSWORD).await;
    let users_page = format!("/portal/{initech}/users");
    let r = ian
        .post_form(
            &users_page,
            &users_page,
            &[
                ("email", "owner@globex.test"),
                ("role", "admin"),
                ("access", "all"),
            ],
        )
        .await;
    assert_redirect_to(&r, &users_page);
    let link = email_link(&app, "owner@globex.test", "/invitations/");
    let invitation: i64 = invitations::table
        .filter(invitations::email.eq("owner@globex.test"))
        .select(invitations::id)
        .first(&mut app.conn())
        .unwrap();
    let hash_before: Option<String> = users::table
        .find(w.owner)
        .select(users::password_hash)
        .first(&mut app.conn())
        .unwrap();

    let r = start(&app, &w, "").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Her pending invitations are not shown to staff signed in as her.
    let chooser = app.get_html("/accounts").await;
    assert!(!chooser.contains("Initech"));
    // The profile is read-only.
    let profile = app.get_html("/profile").await;
    assert!(!profile.contains(r#"action="/profile/password""#));
    let token = csrf_token(&app.get_html(&format!("/portal/{}", w.cid)).await);
    let refused: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/profile/password".into(),
            vec![
                ("current_password", PASSWORD),
                ("password", "another long password"),
                ("password_confirm", "another long password"),
            ],
        ),
        (
            "/profile".into(),
            vec![
                ("first_name", "Hacked"),
                ("last_name", "Name"),
                ("language", "es"),
            ],
        ),
        ("/profile/sessions/end".into(), vec![]),
        ("/profile/accounts".into(), vec![("group_name", "Sneaky")]),
        (format!("/accounts/invitations/{invitation}/accept"), vec![]),
        (
            format!("/accounts/invitations/{invitation}/decline"),
            vec![],
        ),
        (format!("{link}/accept"), vec![]),
        (format!("{link}/decline"), vec![]),
        (
            format!("/portal/{}/users/{}/transfer", w.cid, w.admin),
            vec![],
        ),
        (format!("/groups/{}/clients/{initech}/login", w.gid), vec![]),
        // Signing in or activating from inside: return to the console first.
        (
            "/login".into(),
            vec![("email", "boss@acme.test"), ("password", PASSWORD)],
        ),
        (
            "/activate/any-token".into(),
            vec![
                ("password", "another long password"),
                ("password_confirm", "another long password"),
            ],
        ),
        // Links anyone holding them may use: not on a person's behalf either.
        ("/email-change/any-token".into(), vec![]),
        (
            "/password/reset/any-token".into(),
            vec![
                ("password", "another long password"),
                ("password_confirm", "another long password"),
            ],
        ),
    ];
    for (path, fields) in refused {
        let mut all = fields.clone();
        all.push(("csrf_token", &token));
        let r = app.post_raw(&path, &all).await;
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "{path}: {:?}",
            r.headers()
        );
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Not while signed in as a client")
                && html.contains("Return to the console first."),
            "{path}: {html}"
        );
        assert!(html.contains(r#"id="impersonation-banner""#), "{path}");
    }
    // Nothing changed: her password, name, memberships, the invitation, the ownership.
    let (hash, first): (Option<String>, String) = users::table
        .find(w.owner)
        .select((users::password_hash, users::first_name))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((hash, first.as_str()), (hash_before, "Olivia"));
    let accepted: Option<chrono::NaiveDateTime> = invitations::table
        .find(invitation)
        .select(invitations::accepted_at)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(accepted, None);
    let role: String = memberships::table
        .filter(memberships::account_id.eq(w.cid))
        .filter(memberships::user_id.eq(w.owner))
        .select(memberships::role)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(role, "owner");
    assert_eq!(impersonation_rows(&app).len(), 1, "no second impersonation");
    let groups: i64 = accounts::table
        .filter(accounts::name.eq("Sneaky"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(groups, 0);
}

#[tokio::test]
async fn who_may_start_and_into_what() {
    let app = spawn_app().await;
    let w = world(&app);
    let (other_gid, _) = make_group(&mut app.conn(), "Other", "olga@other.test");
    make_member(&mut app.conn(), other_gid, "oscar@other.test", "admin");
    let login = format!("/groups/{}/clients/{}/login", w.gid, w.cid);

    // Another group's staff: 404, as if the client did not exist (also via their group).
    let stranger = Browser::new(&app);
    stranger.login("oscar@other.test", PASSWORD).await;
    for path in [
        login.clone(),
        format!("/groups/{other_gid}/clients/{}/login", w.cid),
    ] {
        let r = stranger.post_form("/accounts", &path, &[]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // A client user is not staff: 404.
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let r = owner
        .post_form(&format!("/portal/{}", w.cid), &login, &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Disabled and deleted clients: refused with a message, no "Log in" offered.
    app.login("boss@acme.test", PASSWORD).await;
    let edit = format!("/groups/{}/clients/{}", w.gid, w.cid);
    diesel::update(accounts::table.find(w.cid))
        .set(accounts::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    let r = app
        .post_form(&format!("/groups/{}/clients", w.gid), &login, &[])
        .await;
    assert_redirect_to(&r, &edit);
    assert!(
        app.get_html(&edit)
            .await
            .contains("This client is disabled")
    );
    diesel::update(accounts::table.find(w.cid))
        .set((
            accounts::active.eq(true),
            accounts::deleted_at.eq(Some(clientele::db::now())),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let r = app.post_form(&edit, &login, &[]).await;
    assert_redirect_to(&r, &edit);
    assert!(
        app.get_html(&edit)
            .await
            .contains("This client was deleted")
    );

    // No owner or admin who can sign in: a clear message.
    let empty = make_client(&mut app.conn(), w.gid, "Hooli");
    make_member(&mut app.conn(), empty, "only-member@hooli.test", "member");
    let empty_edit = format!("/groups/{}/clients/{empty}", w.gid);
    let r = app
        .post_form(&empty_edit, &format!("{empty_edit}/login"), &[])
        .await;
    assert_redirect_to(&r, &empty_edit);
    assert!(
        app.get_html(&empty_edit)
            .await
            .contains("no owner or admin who can sign in")
    );
    // No owner: the oldest admin is the one.
    let admins = make_client(&mut app.conn(), w.gid, "Umbrella");
    let first_admin = make_member(&mut app.conn(), admins, "first@umbrella.test", "admin");
    make_member(&mut app.conn(), admins, "second@umbrella.test", "admin");
    let r = app
        .post_form(
            &empty_edit,
            &format!("/groups/{}/clients/{admins}/login", w.gid),
            &[],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{admins}"));
    let rows = impersonation_rows(&app);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, first_admin);
}

/// Moves the open impersonation's clock back.
fn age(app: &TestApp, started_minutes_ago: i64, seen_minutes_ago: i64) {
    let now = clientele::db::now();
    diesel::update(impersonations::table.filter(impersonations::ended_at.is_null()))
        .set((
            impersonations::started_at.eq(now - chrono::Duration::minutes(started_minutes_ago)),
            impersonations::last_seen_at.eq(now - chrono::Duration::minutes(seen_minutes_ago)),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

#[tokio::test]
async fn it_ends_after_30_idle_minutes_or_4_hours() {
    let app = spawn_app().await;
    let w = world(&app);
    app.login("sam@acme.test", PASSWORD).await;
    let portal = format!("/portal/{}", w.cid);
    let edit = format!("/groups/{}/clients/{}", w.gid, w.cid);
    start(&app, &w, "").await;

    // 29 idle minutes: still on, and the request is noted.
    age(&app, 29, 29);
    assert!(app.get_html(&portal).await.contains("impersonation-banner"));
    let seen: chrono::NaiveDateTime = impersonations::table
        .select(impersonations::last_seen_at)
        .first(&mut app.conn())
        .unwrap();
    assert!(clientele::db::now() - seen < chrono::Duration::minutes(1));

    // 31 idle minutes: over, back to the console with a message.
    age(&app, 40, 31);
    let r = app.get(&portal).await;
    assert_redirect_to(&r, &edit);
    let html = app.get_html(&edit).await;
    assert!(
        html.contains("has ended: 30 minutes without activity"),
        "{html}"
    );
    assert!(!html.contains(r#"id="impersonation-banner""#));
    assert_eq!(impersonation_rows(&app)[0].4.as_deref(), Some("idle"));
    // The portal is not the staff member's: 404 now.
    assert_eq!(app.get(&portal).await.status(), StatusCode::NOT_FOUND);

    // Busy for 4 hours: over too.
    let edit_page = app.get_html(&edit).await;
    let r = app
        .post_raw(
            &format!("{edit}/login"),
            &[("csrf_token", csrf_token(&edit_page))],
        )
        .await;
    assert_redirect_to(&r, &portal);
    age(&app, 241, 1);
    assert_redirect_to(&app.get(&portal).await, &edit);
    assert!(app.get_html(&edit).await.contains("4 hours reached"));
    assert_eq!(impersonation_rows(&app)[1].4.as_deref(), Some("lifetime"));
    assert_eq!(audit_count(&app, "impersonation.ended"), 2);
}

#[tokio::test]
async fn the_sweep_ends_forgotten_ones_once() {
    let app = spawn_app().await;
    let w = world(&app);
    app.login("sam@acme.test", PASSWORD).await;
    start(&app, &w, "").await;
    age(&app, 120, 90);
    let now = clientele::db::now();
    clientele::jobs::run_all(&mut app.conn(), now, "http://clientele.test").unwrap();
    clientele::jobs::run_all(&mut app.conn(), now, "http://clientele.test").unwrap();
    let (ended, reason, seen): (
        Option<chrono::NaiveDateTime>,
        Option<String>,
        chrono::NaiveDateTime,
    ) = impersonations::table
        .select((
            impersonations::ended_at,
            impersonations::end_reason,
            impersonations::last_seen_at,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(reason.as_deref(), Some("idle"));
    assert_eq!(ended, Some(seen + chrono::Duration::minutes(30)));
    assert_eq!(audit_count(&app, "impersonation.ended"), 1);
    // The browser that held it is back in the console at its next request.
    let r = app.get(&format!("/portal/{}", w.cid)).await;
    assert_redirect_to(&r, &format!("/groups/{}/clients/{}", w.gid, w.cid));
    // The owner sees how long it lasted.
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let support = owner.get_html(&format!("/portal/{}/support", w.cid)).await;
    assert!(support.contains("60 minutes") && support.contains("30 minutes without activity"));
}

#[tokio::test]
async fn rights_are_rechecked_on_every_request() {
    let app = spawn_app().await;
    let w = world(&app);
    app.login("sam@acme.test", PASSWORD).await;
    let portal = format!("/portal/{}", w.cid);
    start(&app, &w, "").await;
    assert_eq!(app.get(&portal).await.status(), StatusCode::OK);

    // The client is disabled meanwhile: over, back to the console.
    diesel::update(accounts::table.find(w.cid))
        .set(accounts::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    let r = app.get(&format!("{portal}/account")).await;
    assert_redirect_to(&r, &format!("/groups/{}/clients/{}", w.gid, w.cid));
    assert_eq!(
        impersonation_rows(&app)[0].4.as_deref(),
        Some("client_closed")
    );
    diesel::update(accounts::table.find(w.cid))
        .set(accounts::active.eq(true))
        .execute(&mut app.conn())
        .unwrap();

    // The seller is removed from the group mid-session: over, and the console is closed too.
    start(&app, &w, "").await;
    let page = format!("{portal}/account");
    let html = app.get_html(&page).await;
    // The group's owner removes the seller from the staff page: it ends at once.
    let boss = Browser::new(&app);
    boss.login("boss@acme.test", PASSWORD).await;
    let staff = format!("/groups/{}/staff", w.gid);
    let r = boss
        .post_form(&staff, &format!("{staff}/{}/remove", w.seller), &[])
        .await;
    assert_redirect_to(&r, &staff);
    assert_eq!(
        impersonation_rows(&app)[1].4.as_deref(),
        Some("rights_revoked")
    );
    // A change sent meanwhile is not applied: the request goes home instead.
    let mut fields = form_fields(&html, &page);
    fields.retain(|(k, _)| k != "company_name");
    fields.push(("company_name".into(), "Too Late Ltd".into()));
    let r = app.post_raw(&page, &fields).await;
    assert_redirect_to(&r, "/");
    let company: String = accounts::table
        .find(w.cid)
        .select(accounts::company_name)
        .first(&mut app.conn())
        .unwrap();
    assert_ne!(company, "Too Late Ltd");
    assert_eq!(
        impersonation_rows(&app)[1].4.as_deref(),
        Some("rights_revoked")
    );
    assert_eq!(app.get(&portal).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn signing_out_ends_it_and_signs_the_staff_member_out() {
    let app = spawn_app().await;
    let w = world(&app);
    app.login("sam@acme.test", PASSWORD).await;
    start(&app, &w, "").await;
    let html = app.get_html(&format!("/portal/{}", w.cid)).await;
    let r = app
        .post_raw("/logout", &[("csrf_token", csrf_token(&html))])
        .await;
    let to = location(r.headers());
    assert!(to.starts_with("/login?signed_out=support"), "{to}");
    assert!(
        app.get_html(&to)
            .await
            .contains("your session as a client&#39;s user has ended too")
    );
    assert_redirect_to(
        &app.get(&format!("/groups/{}/clients", w.gid)).await,
        &format!("/login?next=%2Fgroups%2F{}%2Fclients", w.gid),
    );
    assert_eq!(impersonation_rows(&app)[0].4.as_deref(), Some("sign_out"));

    // Signing out after it ran out (no request for 30 minutes) still signs out.
    app.login("sam@acme.test", PASSWORD).await;
    start(&app, &w, "").await;
    let html = app.get_html(&format!("/portal/{}", w.cid)).await;
    age(&app, 45, 45);
    let r = app
        .post_raw("/logout", &[("csrf_token", csrf_token(&html))])
        .await;
    assert!(location(r.headers()).starts_with("/login?signed_out="));
    assert_eq!(
        app.get(&format!("/groups/{}/clients", w.gid))
            .await
            .status(),
        StatusCode::SEE_OTHER,
        "signed out"
    );
    assert_eq!(impersonation_rows(&app)[1].4.as_deref(), Some("idle"));
}

/// Every row of the tables access rests on: memberships, invitations (with their links) and
/// the outbox.
/// (memberships as (account, user, role, permissions), invitations as text, emails queued)
type AccessRows = (Vec<(i64, i64, String, String)>, Vec<String>, i64);

fn access_rows(app: &TestApp) -> AccessRows {
    use clientele::db::schema::outbox;
    let members = memberships::table
        .order_by((memberships::account_id, memberships::user_id))
        .select((
            memberships::account_id,
            memberships::user_id,
            memberships::role,
            memberships::permissions,
        ))
        .load(&mut app.conn())
        .unwrap();
    let invites: Vec<(i64, String, String, String, Option<chrono::NaiveDateTime>)> =
        invitations::table
            .order_by(invitations::id)
            .select((
                invitations::id,
                invitations::email,
                invitations::role,
                invitations::token_hash,
                invitations::revoked_at,
            ))
            .load(&mut app.conn())
            .unwrap();
    let emails = outbox::table.count().get_result(&mut app.conn()).unwrap();
    (
        members,
        invites.into_iter().map(|i| format!("{i:?}")).collect(),
        emails,
    )
}

/// The attempts recorded as refused during support access, oldest first.
/// (actor, impersonator, account, changes) of one audit row.
type Refusal = (Option<i64>, Option<i64>, Option<i64>, String);

fn refusals(app: &TestApp) -> Vec<Refusal> {
    audit_events::table
        .filter(audit_events::action.eq("impersonation.refused"))
        .order_by(audit_events::id)
        .select((
            audit_events::actor_id,
            audit_events::impersonator_id,
            audit_events::account_id,
            audit_events::changes,
        ))
        .load(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn support_access_gives_nobody_access_and_each_refusal_is_audited() {
    let app = spawn_app().await;
    let w = world(&app);
    // An invitation of the client's own, pending.
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let users_page = format!("/portal/{}/users", w.cid);
    let r = owner
        .post_form(
            &users_page,
            &users_page,
            &[
                ("email", "nina@globex.test"),
                ("role", "member"),
                ("access", "chosen"),
                ("perm_account", "on"),
            ],
        )
        .await;
    assert_redirect_to(&r, &users_page);
    let pending: i64 = invitations::table
        .filter(invitations::email.eq("nina@globex.test"))
        .select(invitations::id)
        .first(&mut app.conn())
        .unwrap();
    // Resending is limited to once a minute: let the first send be older.
    diesel::update(invitations::table.find(pending))
        .set(invitations::sent_at.eq(clientele::db::now() - chrono::Duration::minutes(5)))
        .execute(&mut app.conn())
        .unwrap();
    let mel: i64 = users::table
        .filter(users::email.eq("mel@globex.test"))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap();

    app.login("sam@acme.test", PASSWORD).await;
    start(&app, &w, "Ticket 7").await;
    // The page offers nothing that grants access: no invitation form, no resend, no
    // higher role or permission in the change form (revoking and lowering stay).
    let html = app.get_html(&users_page).await;
    assert!(html.contains(r#"data-support-access="no-invitations""#));
    assert!(!html.contains(&format!(r#"action="{users_page}" novalidate"#)));
    assert!(!html.contains("/resend\""), "no resend button");
    assert!(html.contains(&format!("{users_page}/invitations/{pending}/revoke")));
    // Mel's own page (the row links to it) holds the change form.
    assert!(html.contains(&format!(r#"href="{users_page}/{mel}""#)));
    let mel_row = app.get_html(&format!("{users_page}/{mel}")).await;
    assert!(
        !mel_row.contains(r#"<option value="admin""#),
        "no admin role offered: {mel_row}"
    );
    assert!(mel_row.contains(r#"name="perm_users""#));
    assert!(!mel_row.contains(r#"name="perm_billing""#), "{mel_row}");

    let before = access_rows(&app);
    let token = csrf_token(&html);
    let refused: Vec<(String, Vec<(&str, &str)>)> = vec![
        // The finding: the seller invites their own address as an admin…
        (
            users_page.clone(),
            vec![
                ("email", "sam@acme.test"),
                ("role", "admin"),
                ("access", "all"),
            ],
        ),
        // …or anybody's, with any role.
        (
            users_page.clone(),
            vec![
                ("email", "friend@elsewhere.test"),
                ("role", "member"),
                ("access", "chosen"),
            ],
        ),
        (format!("{users_page}/invitations/{pending}/resend"), vec![]),
        // Raising: a member made admin, a permission more.
        (
            format!("{users_page}/{mel}"),
            vec![("role", "admin"), ("access", "chosen")],
        ),
        (
            format!("{users_page}/{mel}"),
            vec![
                ("role", "member"),
                ("access", "chosen"),
                ("perm_users", "on"),
                ("perm_billing", "on"),
            ],
        ),
    ];
    let count = refused.len();
    for (path, fields) in refused {
        let mut all = fields.clone();
        all.push(("csrf_token", &token));
        let r = app.post_raw(&path, &all).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path} {fields:?}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Not while signed in as a client")
                && html.contains("Return to the console first."),
            "{path}: {html}"
        );
    }
    assert_eq!(access_rows(&app), before, "nothing was granted");
    // Each refusal is audited on the client, under both people, with what was tried.
    let audited = refusals(&app);
    assert_eq!(audited.len(), count);
    for (actor, impersonator, account, _) in &audited {
        assert_eq!(
            (*actor, *impersonator, *account),
            (Some(w.owner), Some(w.seller), Some(w.cid))
        );
    }
    let attempts: Vec<&str> = audited.iter().map(|r| r.3.as_str()).collect();
    let tried = |route: &str| format!(r#"{{"attempt":[null,"POST {route}"]}}"#);
    assert_eq!(
        attempts,
        [
            tried("/portal/{cid}/users"),
            tried("/portal/{cid}/users"),
            tried("/portal/{cid}/users/invitations/{id}/resend"),
            tried("/portal/{cid}/users/{id}"),
            tried("/portal/{cid}/users/{id}"),
        ]
    );

    // What takes access away is still support's to do: a permission fewer, a revoked
    // invitation.
    let r = app
        .post_raw(
            &format!("{users_page}/{mel}"),
            &[
                ("role", "member"),
                ("access", "chosen"),
                ("csrf_token", token.as_str()),
            ],
        )
        .await;
    assert_redirect_to(&r, &users_page);
    let perms: String = memberships::table
        .filter(memberships::account_id.eq(w.cid))
        .filter(memberships::user_id.eq(mel))
        .select(memberships::permissions)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(perms, "");
    let r = app
        .post_raw(
            &format!("{users_page}/invitations/{pending}/revoke"),
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_redirect_to(&r, &users_page);
    assert_eq!(
        refusals(&app).len(),
        count,
        "allowed actions are no refusals"
    );

    // The History tab shows the refusals, in words.
    let back = app.get_html(&format!("/portal/{}", w.cid)).await;
    app.post_raw("/impersonation/exit", &[("csrf_token", csrf_token(&back))])
        .await;
    let history = app
        .get_html(&format!("/groups/{}/clients/{}/history", w.gid, w.cid))
        .await;
    assert!(
        history.contains("Refused during support access"),
        "{history}"
    );
    assert!(history.contains("Attempted"));
    // No invitation ever reached the seller: back in the console, nothing to accept.
    let chooser = app.get_html("/accounts").await;
    assert!(!chooser.contains("Accept"), "{chooser}");
}
