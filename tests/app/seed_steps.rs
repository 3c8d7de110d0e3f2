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
    // The client's admin may be the new owner: accepting makes them so.
    let r = app
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
    let r = app
        .post_form(&edit, &format!("{edit}/owner/invite"), &fields)
        .await;
    assert_redirect_to(&r, &edit);
    assert!(open_owner_invitations(&app, cid).is_empty());
}
