//! Issue 35, the last steps of the four help pages: a new owner for a client without one,
//! services on the Add client form, invitations seen inside the client area, and the bound
//! on "Add new account".

use clientele::db::schema::{audit_events, invitations, memberships, outbox};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::clients::{add_client, audit_actions, flash_of, owner_box, owner_link};
use crate::helpers::*;

/// Runs every job as if `days` had passed.
fn run_jobs(app: &TestApp, days: i64) -> String {
    clientele::jobs::run_all(
        &mut app.conn(),
        clientele::db::now() + chrono::Duration::days(days),
        "http://clientele.test",
    )
    .unwrap()
    .to_string()
}

/// The client an Add client form made (its 303 leads to it).
fn created(r: &reqwest::Response) -> i64 {
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(r.headers());
    to.rsplit('/').next().unwrap().parse().unwrap()
}

/// The addresses of the client's open owner invitations.
fn open_owner_invitations(app: &TestApp, cid: i64) -> Vec<String> {
    invitations::table
        .filter(invitations::account_id.eq(cid))
        .filter(invitations::role.eq("owner"))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::declined_at.is_null())
        .filter(invitations::revoked_at.is_null())
        .filter(invitations::expired_at.is_null())
        .select(invitations::email)
        .load(&mut app.conn())
        .unwrap()
}

fn emails_to(app: &TestApp, to: &str) -> i64 {
    outbox::table
        .filter(outbox::to_address.eq(to))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

/// The client's owner (their address), if any.
fn owner_of(app: &TestApp, cid: i64) -> Option<String> {
    use clientele::db::schema::users;
    memberships::table
        .inner_join(users::table)
        .filter(memberships::account_id.eq(cid))
        .filter(memberships::role.eq("owner"))
        .select(users::email)
        .first(&mut app.conn())
        .optional()
        .unwrap()
}

/// A client added from the form whose owner let the 14 days run out: "no owner".
async fn ownerless_client(app: &TestApp, gid: i64, name: &str, email: &str) -> i64 {
    let (cid, _) = add_client(app, gid, name, email, None).await;
    assert!(run_jobs(app, 15).contains("invitations expired: 1"));
    assert!(open_owner_invitations(app, cid).is_empty());
    cid
}

#[tokio::test]
async fn a_client_whose_owner_never_came_gets_a_new_owner_and_is_then_like_any_other() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let cid = ownerless_client(&app, gid, "Globex", "ana@globex.test").await;
    let edit = format!("/groups/{gid}/clients/{cid}");
    let users = format!("{edit}/users");
    let invite = format!("{edit}/owner/invite");

    // Stuck no more: the Edit tab, the Users tab and the list offer "Invite a new owner".
    let html = app.get_html(&edit).await;
    let boxed = owner_box(&html, cid, "no-such-address");
    assert!(boxed.contains("No owner") && boxed.contains("Invite a new owner"));
    assert!(boxed.contains(r#"action="/groups/"#) && boxed.contains("/owner/invite"));
    assert!(boxed.contains(r#"name="back" value="edit""#));
    let html = app.get_html(&users).await;
    assert!(html.contains("Invite a new owner") && html.contains(r#"name="back" value="users""#));
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(list.contains(&format!(r#"href="{invite}""#)));
    assert!(list.contains("Invite a new owner for Globex"));
    // Nothing to resend, as before.
    let r = app
        .post_form(&edit, &format!("{edit}/owner/resend-activation"), &[])
        .await;
    assert_redirect_to(&r, &edit);
    assert!(app.get_html(&edit).await.contains("nothing was sent"));

    // Bad input: a 422 with the messages beside the fields, what was typed kept, nothing
    // sent, nothing recorded.
    let before = audit_actions(&app, cid);
    let r = app
        .post_form(
            &users,
            &invite,
            &[
                ("first_name", ""),
                ("last_name", "Lima"),
                ("email", " not-an-address "),
                ("back", "users"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="first_name""#));
    assert!(html.contains(r#"data-error-for="email""#));
    assert!(!html.contains(r#"data-error-for="last_name""#));
    assert!(html.contains(r#"value="Lima""#) && html.contains(r#"value="not-an-address""#));
    assert!(html.contains(r#"name="back" value="users""#));
    assert!(open_owner_invitations(&app, cid).is_empty());
    assert_eq!(audit_actions(&app, cid), before);

    // Invited from the Users tab: back there, with the address in the message.
    let r = app
        .post_form(
            &users,
            &invite,
            &[
                ("first_name", "Bea"),
                ("last_name", "Lima"),
                ("email", "Bea@Globex.test"),
                ("back", "users"),
            ],
        )
        .await;
    assert_redirect_to(&r, &users);
    let html = app.get_html(&users).await;
    assert_eq!(
        flash_of(&html, "bea@globex.test"),
        r#"role="status">The owner&#39;s invitation was sent to NAME."#
    );
    assert!(html.contains(r#"data-invited-owner="true""#) && html.contains("Bea Lima"));
    assert!(
        !html.contains(r#"name="back""#),
        "no second invitation offered"
    );
    assert_eq!(open_owner_invitations(&app, cid), ["bea@globex.test"]);
    assert_eq!(emails_to(&app, "bea@globex.test"), 1);
    // The Edit tab and the list show her pending, like a new client's owner.
    let boxed = owner_box(&app.get_html(&edit).await, cid, "bea@globex.test");
    assert!(boxed.contains("Owner pending") && boxed.contains("expires in 14 days"));
    assert!(boxed.contains("Send the owner&#39;s link again") && !boxed.contains("Invite a new"));
    // A second invitation (another tab, a double click) sends nothing.
    let r = app
        .post_form(
            &edit,
            &invite,
            &[
                ("first_name", "Cid"),
                ("last_name", "Moreira"),
                ("email", "cid@globex.test"),
            ],
        )
        .await;
    assert_redirect_to(&r, &edit);
    assert!(
        app.get_html(&edit)
            .await
            .contains("This client has an owner, or one is invited already")
    );
    assert_redirect_to(&app.get(&invite).await, &edit);
    assert_eq!(open_owner_invitations(&app, cid), ["bea@globex.test"]);
    assert_eq!(emails_to(&app, "cid@globex.test"), 0);
    let actions = audit_actions(&app, cid);
    assert_eq!(actions[before.len()..], ["owner.invited"]);
    let changes: String = audit_events::table
        .filter(audit_events::account_id.eq(cid))
        .filter(audit_events::action.eq("owner.invited"))
        .select(audit_events::changes)
        .first(&mut app.conn())
        .unwrap();
    assert!(changes.contains("bea@globex.test") && !changes.contains("Lima"));

    // Day 11 of her 14: reminded, like any owner.
    let report = run_jobs(&app, 11);
    assert!(report.contains("invitations expired: 0"), "{report}");
    assert_eq!(emails_to(&app, "bea@globex.test"), 2);
    assert!(audit_actions(&app, cid).ends_with(&["owner.activation_reminded".to_owned()]));

    // She accepts with a password of her own: she owns the client.
    let link = owner_link(&app, "bea@globex.test");
    let bea = Browser::new(&app);
    let page = bea.get_html(&link).await;
    assert!(page.contains("Globex") && page.contains(r#"value="Bea""#));
    let r = bea
        .post_form(
            &link,
            &format!("{link}/accept"),
            &[
                ("first_name", "Bea"),
                ("last_name", "Lima"),
                ("password", "a long secret!"),
                ("password_confirm", "a long secret!"),
            ],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{cid}"));
    assert_eq!(owner_of(&app, cid).as_deref(), Some("bea@globex.test"));
    assert!(
        bea.get_html(&format!("/portal/{cid}"))
            .await
            .contains("Bea Lima &lt;bea@globex.test&gt;")
    );
    assert!(audit_actions(&app, cid).ends_with(&["owner.activated".to_owned()]));

    // From then on the client is like any other: the owner shown, no invitation offered,
    // "Log in" opens her client area, and the jobs leave her alone.
    let html = app.get_html(&edit).await;
    let boxed = owner_box(&html, cid, "bea@globex.test");
    assert!(!boxed.contains("pending") && !boxed.contains("Invite a new"));
    let html = app.get_html(&users).await;
    assert!(!html.contains("Invite a new owner") && html.contains("bea@globex.test"));
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(!list.contains(&format!(r#"href="{invite}""#)));
    assert_redirect_to(&app.get(&invite).await, &edit);
    assert!(run_jobs(&app, 30).contains("invitations expired: 0"));
    assert_eq!(owner_of(&app, cid).as_deref(), Some("bea@globex.test"));
    let r = app
        .post_form(&edit, &format!("{edit}/login"), &[("reason", "help")])
        .await;
    assert_redirect_to(&r, &format!("/portal/{cid}"));
}

#[tokio::test]
async fn a_new_owner_with_an_account_reads_the_same_and_accepts_when_signed_in() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    make_group(&mut app.conn(), "Rival", "kim@rival.test");
    app.login("owner@acme.test", PASSWORD).await;
    let known = ownerless_client(&app, gid, "Known Co", "gone@known.test").await;
    let fresh = ownerless_client(&app, gid, "Fresh Co", "gone@fresh.test").await;

    // The console's words are the same whether or not the address has an account.
    let mut flashes = Vec::new();
    for (cid, email) in [(known, "kim@rival.test"), (fresh, "new@fresh.test")] {
        let edit = format!("/groups/{gid}/clients/{cid}");
        let r = app
            .post_form(
                &edit,
                &format!("{edit}/owner/invite"),
                &[
                    ("first_name", "Kim"),
                    ("last_name", "Park"),
                    ("email", email),
                    ("back", "edit"),
                ],
            )
            .await;
        assert_redirect_to(&r, &edit);
        let html = app.get_html(&edit).await;
        flashes.push(flash_of(&html, email));
        flashes.push(owner_box(&html, cid, email));
    }
    assert_eq!(flashes[0], flashes[2]);
    assert_eq!(flashes[1], flashes[3]);

    // Kim, signed in, sees it among their accounts and accepts there.
    let kim = Browser::new(&app);
    kim.login("kim@rival.test", PASSWORD).await;
    let html = kim.get_html("/accounts").await;
    assert!(html.contains("Known Co"));
    let id: i64 = invitations::table
        .filter(invitations::account_id.eq(known))
        .filter(invitations::email.eq("kim@rival.test"))
        .select(invitations::id)
        .first(&mut app.conn())
        .unwrap();
    let r = kim
        .post_form(
            "/accounts",
            &format!("/accounts/invitations/{id}/accept"),
            &[],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{known}"));
    assert_eq!(owner_of(&app, known).as_deref(), Some("kim@rival.test"));
}

#[tokio::test]
async fn a_client_whose_owner_was_removed_some_other_way_offers_a_new_owner_too() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Orphan Co");
    let old = make_member(&mut app.conn(), cid, "left@orphan.test", "owner");
    make_member(&mut app.conn(), cid, "admin@orphan.test", "admin");
    app.login("owner@acme.test", PASSWORD).await;
    let users = format!("/groups/{gid}/clients/{cid}/users");
    assert!(!app.get_html(&users).await.contains("Invite a new owner"));

    // The owner's membership goes (an operator's hand in the database, say).
    diesel::delete(
        memberships::table
            .filter(memberships::account_id.eq(cid))
            .filter(memberships::user_id.eq(old)),
    )
    .execute(&mut app.conn())
    .unwrap();
    let html = app.get_html(&users).await;
    assert!(html.contains("No owner") && html.contains("Invite a new owner"));
    // Any staff member may invite (a seller here); the client's admin may be the new
    // owner: accepting makes them so.
    make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    let sam = Browser::new(&app);
    sam.login("sam@acme.test", PASSWORD).await;
    let r = sam
        .post_form(
            &users,
            &format!("/groups/{gid}/clients/{cid}/owner/invite"),
            &[
                ("first_name", "Ada"),
                ("last_name", "Admin"),
                ("email", "admin@orphan.test"),
                ("back", "users"),
            ],
        )
        .await;
    assert_redirect_to(&r, &users);
    let ada = Browser::new(&app);
    ada.login("admin@orphan.test", PASSWORD).await;
    let id: i64 = invitations::table
        .filter(invitations::account_id.eq(cid))
        .select(invitations::id)
        .first(&mut app.conn())
        .unwrap();
    let r = ada
        .post_form(
            "/accounts",
            &format!("/accounts/invitations/{id}/accept"),
            &[],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{cid}"));
    assert_eq!(owner_of(&app, cid).as_deref(), Some("admin@orphan.test"));
}

#[tokio::test]
async fn another_group_cannot_invite_an_owner_to_a_client_it_does_not_have() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let (rival, _) = make_group(&mut app.conn(), "Rival", "kim@rival.test");
    app.login("owner@acme.test", PASSWORD).await;
    let cid = ownerless_client(&app, gid, "Globex", "ana@globex.test").await;
    let kim = Browser::new(&app);
    kim.login("kim@rival.test", PASSWORD).await;
    let fields = [
        ("first_name", "Eve"),
        ("last_name", "Spy"),
        ("email", "eve@spy.test"),
    ];
    for gid in [gid, rival] {
        let invite = format!("/groups/{gid}/clients/{cid}/owner/invite");
        assert_eq!(kim.get(&invite).await.status(), StatusCode::NOT_FOUND);
        let r = kim
            .post_form(&format!("/groups/{rival}/clients"), &invite, &fields)
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{invite}");
    }
    assert!(open_owner_invitations(&app, cid).is_empty());
    assert_eq!(emails_to(&app, "eve@spy.test"), 0);
    // A deleted client is read-only: nothing offered, nothing sent.
    let edit = format!("/groups/{gid}/clients/{cid}");
    let r = app
        .post_form(
            &format!("{edit}/deletion"),
            &format!("{edit}/delete"),
            &[("confirm_name", "Globex")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(!app.get_html(&edit).await.contains("Invite a new owner"));
    assert!(
        !app.get_html(&format!("{edit}/users"))
            .await
            .contains("Invite a new owner")
    );
    let r = app
        .post_form(&edit, &format!("{edit}/owner/invite"), &fields)
        .await;
    assert_redirect_to(&r, &edit);
    assert!(open_owner_invitations(&app, cid).is_empty());
    // Its page, asked for by address, says so rather than offer the form.
    assert_redirect_to(&app.get(&format!("{edit}/owner/invite")).await, &edit);
    assert!(app.get_html(&edit).await.contains("read-only"));
}

#[tokio::test]
async fn an_open_invitation_of_the_address_gives_way_to_the_owners() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Orphan Co");
    make_member(&mut app.conn(), cid, "admin@orphan.test", "admin");
    // The client's admin had invited Mel as a member.
    let earlier = open_invitation(&mut app.conn(), cid, "mel@orphan.test", "member", "");
    app.login("owner@acme.test", PASSWORD).await;
    let edit = format!("/groups/{gid}/clients/{cid}");
    let r = app
        .post_form(
            &edit,
            &format!("{edit}/owner/invite"),
            &[
                ("first_name", "Mel"),
                ("last_name", "Lee"),
                ("email", "mel@orphan.test"),
            ],
        )
        .await;
    assert_redirect_to(&r, &edit);
    assert_eq!(open_owner_invitations(&app, cid), ["mel@orphan.test"]);
    let revoked: Option<chrono::NaiveDateTime> = invitations::table
        .find(earlier)
        .select(invitations::revoked_at)
        .first(&mut app.conn())
        .unwrap();
    assert!(revoked.is_some(), "the member invitation gave way");
    assert_eq!(
        audit_actions(&app, cid),
        ["invitation.revoked", "owner.invited"]
    );
}

/// What the Add client form at `html` sends with the fields of `full_form(name, email)`
/// typed in and these services switched on (true) or off (false).
fn add_form(
    html: &str,
    gid: i64,
    typed: &[(&str, &str)],
    switch: &[(&str, bool)],
) -> Vec<(String, String)> {
    let mut fields = form_fields(html, &format!("/groups/{gid}/clients"));
    for (name, value) in typed {
        fields.retain(|(k, _)| k != name);
        fields.push(((*name).to_owned(), (*value).to_owned()));
    }
    for (code, on) in switch {
        fields.retain(|(k, v)| !(k == "service" && v == code));
        if *on {
            fields.push(("service".into(), (*code).to_owned()));
        }
    }
    fields
}

/// The codes switched on in the Add client form at `html`.
fn switched_on(html: &str, gid: i64) -> Vec<String> {
    form_fields(html, &format!("/groups/{gid}/clients"))
        .into_iter()
        .filter(|(k, _)| k == "service")
        .map(|(_, v)| v)
        .collect()
}

/// Whether the client's visibility is its own (stored), and what its Services tab says it
/// sees: (code, visible), in the catalogue's order.
async fn visibility_of(app: &TestApp, gid: i64, cid: i64) -> (bool, Vec<(String, bool)>) {
    use clientele::db::schema::accounts;
    let customised: bool = accounts::table
        .find(cid)
        .select(accounts::services_customised)
        .first(&mut app.conn())
        .unwrap();
    let html = app
        .get_html(&format!("/groups/{gid}/clients/{cid}/services"))
        .await;
    assert_eq!(
        html.contains("This client has its own service visibility"),
        customised
    );
    let rows = html
        .split(r#"<tr data-service=""#)
        .skip(1)
        .map(|row| {
            let code = row[..row.find('"').unwrap()].to_owned();
            let row = &row[..row.find("</tr>").unwrap()];
            (code, row.contains("<span>visible ("))
        })
        .collect();
    (customised, rows)
}

fn seen(codes: &[(&str, bool)]) -> Vec<(String, bool)> {
    codes.iter().map(|(c, v)| ((*c).to_owned(), *v)).collect()
}

/// Hides or shows a service for the whole group (its vendor settings).
fn group_shows(app: &TestApp, gid: i64, code: &str, visible: bool) {
    use clientele::db::schema::services;
    let id: i64 = services::table
        .filter(services::code.eq(code))
        .select(services::id)
        .first(&mut app.conn())
        .unwrap();
    clientele::models::group_service::set(&mut app.conn(), gid, id, visible, clientele::db::now())
        .unwrap();
}

#[tokio::test]
async fn the_add_form_presets_the_groups_services_and_a_change_makes_them_the_clients_own() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    group_shows(&app, gid, "streaming", false);
    group_shows(&app, gid, "cloud", false);
    app.login("owner@acme.test", PASSWORD).await;
    let new_page = format!("/groups/{gid}/clients/new");
    let create = format!("/groups/{gid}/clients");

    // The switches stand preset to the group's visibility.
    let html = app.get_html(&new_page).await;
    assert!(html.contains("<legend>Services</legend>"));
    assert_eq!(switched_on(&html, gid), ["cdn", "storage", "dns"]);
    assert!(html.contains(r#"name="services_preset" value="cdn dns storage""#));

    // Left as they are: the client follows the group, now and later.
    let typed = crate::clients::full_form("Inherits Co", "ana@inherits.test");
    let r = app
        .post_raw(&create, &add_form(&html, gid, &typed, &[]))
        .await;
    let inherits = created(&r);
    let expected = [
        ("cdn", true),
        ("storage", true),
        ("streaming", false),
        ("dns", true),
        ("cloud", false),
    ];
    assert_eq!(
        visibility_of(&app, gid, inherits).await,
        (false, seen(&expected))
    );

    // Changed (DNS off, Cloud on): its own from the start, audited with the creation.
    let mut typed = crate::clients::full_form("Own Co", "bea@own.test");
    typed.retain(|(k, _)| !["unique_identifier", "custom_id"].contains(k));
    let r = app
        .post_raw(
            &create,
            &add_form(&html, gid, &typed, &[("dns", false), ("cloud", true)]),
        )
        .await;
    let own = created(&r);
    let chosen = [
        ("cdn", true),
        ("storage", true),
        ("streaming", false),
        ("dns", false),
        ("cloud", true),
    ];
    assert_eq!(visibility_of(&app, gid, own).await, (true, seen(&chosen)));
    let changes: String = audit_events::table
        .filter(audit_events::account_id.eq(own))
        .filter(audit_events::action.eq("client.created"))
        .select(audit_events::changes)
        .first(&mut app.conn())
        .unwrap();
    assert!(
        changes.contains(r#""services_customised":[null,true]"#)
            && changes.contains(r#""visible.cloud":[null,true]"#)
            && changes.contains(r#""visible.dns":[null,false]"#),
        "{changes}"
    );
    let history = app
        .get_html(&format!("/groups/{gid}/clients/{own}/history"))
        .await;
    assert!(history.contains("Own service visibility"));

    // The group's switches move the inheriting client only.
    group_shows(&app, gid, "cloud", true);
    group_shows(&app, gid, "cdn", false);
    let (_, now) = visibility_of(&app, gid, inherits).await;
    assert_eq!(now[0], ("cdn".to_owned(), false));
    assert_eq!(now[4], ("cloud".to_owned(), true));
    assert_eq!(visibility_of(&app, gid, own).await, (true, seen(&chosen)));
    // "Reset to group defaults" makes the other follow the group again.
    let services = format!("/groups/{gid}/clients/{own}/services");
    let r = app
        .post_form(&services, &services, &[("action", "reset")])
        .await;
    assert_redirect_to(&r, &services);
    assert_eq!(visibility_of(&app, gid, own).await, (false, now));
}

#[tokio::test]
async fn a_refused_add_form_keeps_the_switches_as_typed() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    group_shows(&app, gid, "cloud", false);
    app.login("owner@acme.test", PASSWORD).await;
    let html = app.get_html(&format!("/groups/{gid}/clients/new")).await;
    let create = format!("/groups/{gid}/clients");

    // A name missing, DNS switched off and Cloud on: 422, the switches as typed, the
    // preset carried, nothing made.
    let typed = crate::clients::full_form("", "ana@globex.test");
    let form = add_form(&html, gid, &typed, &[("dns", false), ("cloud", true)]);
    let r = app.post_raw(&create, &form).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains(r#"data-error-for="account_name""#));
    assert_eq!(
        switched_on(&page, gid),
        ["cdn", "storage", "streaming", "cloud"]
    );
    assert!(page.contains(r#"name="services_preset" value="cdn dns storage streaming""#));
    assert_eq!(clients_in_group(&app, gid), 0);
    // Sent again with the name: the client has the switches typed before the 422.
    let again = add_form(&page, gid, &[("account_name", "Globex")], &[]);
    let r = app.post_raw(&create, &again).await;
    let cid = created(&r);
    let (customised, seen_now) = visibility_of(&app, gid, cid).await;
    assert!(customised);
    assert_eq!(
        seen_now,
        seen(&[
            ("cdn", true),
            ("storage", true),
            ("streaming", true),
            ("dns", false),
            ("cloud", true),
        ])
    );

    // A service the catalogue does not have: 422 beside the switches, nothing made.
    let mut typed = crate::clients::full_form("Forged Co", "eve@forged.test");
    typed.retain(|(k, _)| !["unique_identifier", "custom_id"].contains(k));
    let forged = add_form(&html, gid, &typed, &[("no-such-service", true)]);
    let r = app.post_raw(&create, &forged).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains(r#"data-error-for="services""#));
    assert!(page.contains("Choose among the services listed."));
    assert_eq!(clients_in_group(&app, gid), 1);
    // So is one in the preset, even left as drawn (sent as the preset says).
    let mut forged = add_form(&html, gid, &typed, &[("no-such-service", true)]);
    forged.retain(|(k, _)| k != "services_preset");
    forged.push((
        "services_preset".into(),
        "cdn dns no-such-service storage streaming".into(),
    ));
    let r = app.post_raw(&create, &forged).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"data-error-for="services""#)
    );
    assert_eq!(clients_in_group(&app, gid), 1);
    // A body that is not a form's is refused, whatever it holds.
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(add_form(&html, gid, &typed, &[]))
        .finish();
    let r = app
        .client
        .post(app.url(&create))
        .header("content-type", "text/plain")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(clients_in_group(&app, gid), 1);
}

/// The header's invitations link of a page: its count as shown, or None.
fn header_count(html: &str) -> Option<String> {
    let start = html.find(r#"id="invitations-count""#)?;
    let link = &html[start..start + html[start..].find("</a>").unwrap()];
    let count = link.find(r#"class="count-badge""#)?;
    let text = &link[count..];
    let text = &text[text.find('>').unwrap() + 1..];
    Some(text[..text.find('<').unwrap()].to_owned())
}

/// The ids of the invitations a page offers to answer, with where a decline returns.
fn offered(html: &str) -> Vec<(i64, String)> {
    html.split(r#"data-invitation-id=""#)
        .skip(1)
        .map(|item| {
            let id = item[..item.find('"').unwrap()].parse().unwrap();
            let back = item.find(r#"name="back" value=""#).unwrap() + 19;
            (
                id,
                item[back..back + item[back..].find('"').unwrap()].to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn pending_invitations_show_on_every_page_and_answer_where_the_person_is() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let (rival, _) = make_group(&mut app.conn(), "Rival", "kim@rival.test");
    let home_client = make_client(&mut app.conn(), gid, "Home Co");
    make_member(&mut app.conn(), home_client, "ana@home.test", "owner");
    let globex = make_client(&mut app.conn(), rival, "Globex");
    let initech = make_client(&mut app.conn(), rival, "Initech");
    let gone = make_client(&mut app.conn(), rival, "Gone Co");
    let to_globex = open_invitation(&mut app.conn(), globex, "ana@home.test", "admin", "");
    let to_initech = open_invitation(&mut app.conn(), initech, "ana@home.test", "member", "");
    // Neither an invitation past its date nor one to a deleted client counts.
    let old = open_invitation(&mut app.conn(), gone, "ana@home.test", "member", "");
    diesel::update(invitations::table.find(old))
        .set(invitations::expires_at.eq(clientele::db::now() - chrono::Duration::hours(1)))
        .execute(&mut app.conn())
        .unwrap();
    let deleted = make_client(&mut app.conn(), rival, "Deleted Co");
    open_invitation(&mut app.conn(), deleted, "ana@home.test", "member", "");
    diesel::update(clientele::db::schema::accounts::table.find(deleted))
        .set(clientele::db::schema::accounts::deleted_at.eq(Some(clientele::db::now())))
        .execute(&mut app.conn())
        .unwrap();

    let ana = Browser::new(&app);
    ana.login("ana@home.test", PASSWORD).await;
    // Every page of hers says how many wait, in words for screen readers too.
    let portal = format!("/portal/{home_client}");
    for page in [
        portal.clone(),
        "/profile".into(),
        "/accounts".into(),
        format!("{portal}/account"),
    ] {
        let html = ana.get_html(&page).await;
        assert_eq!(header_count(&html).as_deref(), Some("2"), "{page}");
        assert!(html.contains(r#"<span class="visually-hidden"> waiting for your answer</span>"#));
    }
    // The client area's home lists them with Accept and Decline, coming back here.
    let html = ana.get_html(&portal).await;
    assert_eq!(
        offered(&html),
        [(to_initech, portal.clone()), (to_globex, portal.clone())]
    );
    assert!(html.contains("Globex") && html.contains("Initech"));
    // Declined there: back on the same page, one left.
    let r = ana
        .post_form(
            &portal,
            &format!("/accounts/invitations/{to_initech}/decline"),
            &[("back", &portal)],
        )
        .await;
    assert_redirect_to(&r, &portal);
    let html = ana.get_html(&portal).await;
    assert!(html.contains("Initech") && html.contains("declined"));
    assert_eq!(header_count(&html).as_deref(), Some("1"));
    // A `back` that leaves the site is not followed.
    let r = ana
        .post_form(
            &portal,
            &format!("/accounts/invitations/{to_initech}/decline"),
            &[("back", "//evil.test/")],
        )
        .await;
    assert_redirect_to(&r, "/accounts");
    // Accepted: the new account opens, and the count goes.
    let r = ana
        .post_form(
            &portal,
            &format!("/accounts/invitations/{to_globex}/accept"),
            &[("back", &portal)],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{globex}"));
    for page in [
        format!("/portal/{globex}"),
        portal.clone(),
        "/accounts".into(),
    ] {
        let html = ana.get_html(&page).await;
        assert_eq!(header_count(&html), None, "{page}");
        assert!(offered(&html).is_empty(), "{page}");
    }
}

#[tokio::test]
async fn staff_see_their_invitations_on_the_client_list_and_support_access_sees_none() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let (rival, _) = make_group(&mut app.conn(), "Rival", "kim@rival.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "ana@globex.test", "owner");
    // Kim (staff of Rival) is invited to Acme's staff; Ana (Globex's owner) to Rival's.
    let to_acme = open_invitation(&mut app.conn(), gid, "kim@rival.test", "seller", "");
    open_invitation(&mut app.conn(), rival, "ana@globex.test", "admin", "");

    let kim = Browser::new(&app);
    kim.login("kim@rival.test", PASSWORD).await;
    let list = format!("/groups/{rival}/clients");
    let html = kim.get_html(&list).await;
    assert_eq!(header_count(&html).as_deref(), Some("1"));
    assert_eq!(offered(&html), [(to_acme, list.clone())]);
    let r = kim
        .post_form(
            &list,
            &format!("/accounts/invitations/{to_acme}/accept"),
            &[("back", &list)],
        )
        .await;
    assert_redirect_to(&r, &format!("/groups/{gid}/clients"));
    assert_eq!(header_count(&kim.get_html(&list).await), None);

    // Acme's owner signed in as Ana sees nothing of Ana's invitations.
    app.login("owner@acme.test", PASSWORD).await;
    let edit = format!("/groups/{gid}/clients/{cid}");
    let r = app
        .post_form(&edit, &format!("{edit}/login"), &[("reason", "help")])
        .await;
    assert_redirect_to(&r, &format!("/portal/{cid}"));
    let html = app.get_html(&format!("/portal/{cid}")).await;
    assert!(html.contains(r#"id="impersonation-banner""#));
    assert_eq!(header_count(&html), None);
    assert!(offered(&html).is_empty() && !html.contains("Rival"));
    // Ana herself sees it.
    let ana = Browser::new(&app);
    ana.login("ana@globex.test", PASSWORD).await;
    let html = ana.get_html(&format!("/portal/{cid}")).await;
    assert_eq!(header_count(&html).as_deref(), Some("1"));
    assert!(html.contains("Rival"));
}

/// The groups a person owns.
fn groups_owned(app: &TestApp, email: &str) -> i64 {
    use clientele::db::schema::{accounts, users};
    memberships::table
        .inner_join(users::table)
        .inner_join(accounts::table)
        .filter(users::email.eq(email))
        .filter(memberships::role.eq("owner"))
        .filter(accounts::kind.eq("group"))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

/// The profile's "Add new account" section.
fn new_account_section(html: &str) -> &str {
    let start = html.find(r#"id="new-account""#).expect("the section");
    &html[start..start + html[start..].find("</section>").unwrap()]
}

#[tokio::test]
async fn by_default_only_a_groups_staff_add_accounts_and_at_most_ten_a_day() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "ana@globex.test", "owner");

    // A client's owner is told why, offered no form, and refused.
    let ana = Browser::new(&app);
    ana.login("ana@globex.test", PASSWORD).await;
    let html = ana.get_html("/profile").await;
    let section = new_account_section(&html);
    assert!(section.contains("Only the staff of a group account may start a new one"));
    assert!(!section.contains(r#"action="/profile/accounts""#));
    let r = ana
        .post_form("/profile", "/profile/accounts", &[("group_name", "Mine")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Only the staff of a group account")
    );
    assert_eq!(groups_owned(&app, "ana@globex.test"), 0);

    // The group's owner may, ten times in 24 hours; the eleventh is refused and said.
    app.login("owner@acme.test", PASSWORD).await;
    for n in 1..=10 {
        let r = app
            .post_form(
                "/profile",
                "/profile/accounts",
                &[("group_name", &format!("Side {n}"))],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "group {n}");
    }
    assert_eq!(groups_owned(&app, "owner@acme.test"), 11);
    let html = app.get_html("/profile").await;
    let section = new_account_section(&html);
    assert!(section.contains("You have started 10 group accounts in the last 24 hours"));
    assert!(!section.contains(r#"action="/profile/accounts""#));
    let r = app
        .post_form("/profile", "/profile/accounts", &[("group_name", "Eleven")])
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(groups_owned(&app, "owner@acme.test"), 11);
    // Each one is audited under the person: what the bound counts.
    let made: i64 = audit_events::table
        .filter(audit_events::action.eq("group.created"))
        .filter(audit_events::actor_email.eq("owner@acme.test"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(made, 10);
    // Handing one of them to someone else does not take it out of the count: the bound
    // counts the groups the person made, not those they still own.
    let side: i64 = clientele::db::schema::accounts::table
        .filter(clientele::db::schema::accounts::name.eq("Side 1"))
        .select(clientele::db::schema::accounts::id)
        .first(&mut app.conn())
        .unwrap();
    diesel::update(
        memberships::table
            .filter(memberships::account_id.eq(side))
            .filter(memberships::role.eq("owner")),
    )
    .set(memberships::role.eq("admin"))
    .execute(&mut app.conn())
    .unwrap();
    make_member(&mut app.conn(), side, "alt@acme.test", "owner");
    let r = app
        .post_form("/profile", "/profile/accounts", &[("group_name", "Eleven")])
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // A day later the form is back.
    diesel::update(audit_events::table.filter(audit_events::action.eq("group.created")))
        .set(audit_events::at.eq(clientele::db::now() - chrono::Duration::hours(25)))
        .execute(&mut app.conn())
        .unwrap();
    let html = app.get_html("/profile").await;
    assert!(new_account_section(&html).contains(r#"action="/profile/accounts""#));
    let r = app
        .post_form("/profile", "/profile/accounts", &[("group_name", "Eleven")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn new_accounts_everyone_lets_a_clients_user_and_nobody_leaves_it_to_the_operator() {
    use clientele::config::NewAccounts;
    let app = spawn_app_with(|c| c.new_accounts = NewAccounts::Everyone).await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "ana@globex.test", "member");
    let ana = Browser::new(&app);
    ana.login("ana@globex.test", PASSWORD).await;
    let r = ana
        .post_form("/profile", "/profile/accounts", &[("group_name", "Ana's")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(groups_owned(&app, "ana@globex.test"), 1);

    let app = spawn_app_with(|c| c.new_accounts = NewAccounts::Nobody).await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let html = app.get_html("/profile").await;
    let section = new_account_section(&html);
    assert!(section.contains("made by this installation&#39;s operator only"));
    assert!(!section.contains(r#"action="/profile/accounts""#));
    let r = app
        .post_form("/profile", "/profile/accounts", &[("group_name", "Side")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(groups_owned(&app, "owner@acme.test"), 1);
    // The operator still can.
    let out = crate::cli::clientele_command(
        app.db_url(),
        &[
            "create-group",
            "--name",
            "Side",
            "--owner-email",
            "owner@acme.test",
        ],
        &[("NEW_ACCOUNTS", "nobody".into())],
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(groups_owned(&app, "owner@acme.test"), 2);
}
