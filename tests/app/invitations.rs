//! Invitations from the client area and the staff page: sent with an email in the
//! recipient's language, accepted by a new or an existing user (by link or on the account
//! chooser), bound to the invited address, declined, resent (the old link void), revoked,
//! expired by the job; and who may manage whom.

use clientele::db::schema::{invitations, memberships, outbox};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

/// A group, a client with an owner who can sign in; returns (gid, cid).
fn client_with_owner(app: &TestApp) -> (i64, i64) {
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "owner@globex.test", "owner");
    (gid, cid)
}

async fn invite(app: &impl Poster, page: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    app.post_to(page, page, fields).await
}

/// Both kinds of browser post forms the same way.
trait Poster {
    async fn post_to(&self, page: &str, path: &str, f: &[(&str, &str)]) -> reqwest::Response;
}

impl Poster for TestApp {
    async fn post_to(&self, page: &str, path: &str, f: &[(&str, &str)]) -> reqwest::Response {
        self.post_form(page, path, f).await
    }
}

impl Poster for Browser {
    async fn post_to(&self, page: &str, path: &str, f: &[(&str, &str)]) -> reqwest::Response {
        self.post_form(page, path, f).await
    }
}

fn membership(app: &TestApp, account: i64, email: &str) -> Option<(String, String)> {
    use clientele::db::schema::users;
    memberships::table
        .inner_join(users::table)
        .filter(memberships::account_id.eq(account))
        .filter(users::email.eq(email))
        .select((memberships::role, memberships::permissions))
        .first(&mut app.conn())
        .optional()
        .unwrap()
}

#[tokio::test]
async fn a_new_user_accepts_by_link_with_the_permissions_chosen_and_the_link_works_once() {
    let app = spawn_app().await;
    let (_, cid) = client_with_owner(&app);
    // The client's emails are in Portuguese: so is an invitation to a new address.
    diesel::update(clientele::db::schema::accounts::table.find(cid))
        .set(clientele::db::schema::accounts::language.eq("pt-BR"))
        .execute(&mut app.conn())
        .unwrap();
    app.login("owner@globex.test", PASSWORD).await;
    let users = format!("/portal/{cid}/users");
    let r = invite(
        &app,
        &users,
        &[
            ("email", " Nina@Globex.TEST "),
            ("role", "member"),
            ("access", "chosen"),
            ("perm_billing", "on"),
            ("perm_services", "on"),
        ],
    )
    .await;
    assert_redirect_to(&r, &users);
    let html = app.get_html(&users).await;
    assert!(html.contains("Invitation sent to nina@globex.test."));
    assert!(html.contains(r#"data-state="pending""#));

    let (subject, lang): (String, String) = outbox::table
        .filter(outbox::to_address.eq("nina@globex.test"))
        .select((outbox::subject, outbox::language))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(lang, "pt-BR");
    assert_eq!(subject, "Você foi convidado para Globex no Clientele");
    let link = email_link(&app, "nina@globex.test", "/invitations/");
    // The email, the link's page and the list of those sent name who invited and what
    // the invitation gives (issue 36).
    let body: String = outbox::table
        .filter(outbox::to_address.eq("nina@globex.test"))
        .select(outbox::body_text)
        .first(&mut app.conn())
        .unwrap();
    assert!(body.contains("Mia Member convidou você"), "{body}");
    assert!(
        body.contains("Com ele você poderá usar: Serviços, E-mails de cobrança."),
        "{body}"
    );
    let row = &html[html.find(r#"data-state="pending""#).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("Invited by Mia Member"), "{row}");
    assert!(
        row.contains("<li>Services</li><li>Billing emails</li>"),
        "{row}"
    );

    // Signed out, an address without a user chooses a name and a password.
    let nina = Browser::new(&app);
    let page = nina.get_html(&link).await;
    assert!(page.contains("nina@globex.test") && page.contains("Globex"));
    assert!(page.contains("Invited by Mia Member"));
    let granted = &page[page.find(r#"id="invitation-permissions""#).unwrap()..];
    assert!(granted.contains("<li>Services</li><li>Billing emails</li>"));
    let r = nina
        .post_form(
            &link,
            &format!("{link}/accept"),
            &[
                ("first_name", "Nina"),
                ("last_name", ""),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="last_name""#));
    assert!(html.contains(r#"data-error-for="password""#));
    assert!(html.contains(r#"value="Nina""#), "what was typed is kept");
    let r = nina
        .post_form(
            &link,
            &format!("{link}/accept"),
            &[
                ("first_name", "Nina"),
                ("last_name", "Neves"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{cid}"));
    assert!(
        nina.get_html(&format!("/portal/{cid}"))
            .await
            .contains("Welcome to Globex.")
    );
    assert_eq!(
        membership(&app, cid, "nina@globex.test"),
        Some(("member".into(), "services,billing".into()))
    );
    // Services she may see; the users page she may not.
    assert_eq!(
        nina.get(&format!("/portal/{cid}/services")).await.status(),
        StatusCode::OK
    );
    assert_eq!(nina.get(&users).await.status(), StatusCode::NOT_FOUND);

    // Used once: a second visit says so.
    let again = Browser::new(&app);
    let r = again.get(&link).await;
    assert_eq!(r.status(), StatusCode::GONE);
    // In words, with the way on (sign in), not a status number and a support reference.
    let dead = r.text().await.unwrap();
    assert!(dead.contains("already accepted"));
    assert!(dead.contains(r#"<a class="button button-primary" href="/login">Sign in</a>"#));
    assert!(!dead.contains("error-code") && !dead.contains("410"));
    assert!(!dead.contains("error-reference"));
    // The owner's list no longer shows it as pending.
    assert!(
        !app.get_html(&users)
            .await
            .contains(r#"data-state="pending""#)
    );
}

#[tokio::test]
async fn an_existing_user_accepts_signed_in_with_the_invited_address_only() {
    let app = spawn_app().await;
    let (_, cid) = client_with_owner(&app);
    let (other_gid, _) = make_group(&mut app.conn(), "Other", "olga@other.test");
    make_member(&mut app.conn(), other_gid, "sam@other.test", "seller");
    app.login("owner@globex.test", PASSWORD).await;
    let users = format!("/portal/{cid}/users");
    let r = invite(
        &app,
        &users,
        &[
            ("email", "sam@other.test"),
            ("role", "admin"),
            ("access", "all"),
        ],
    )
    .await;
    assert_redirect_to(&r, &users);
    let link = email_link(&app, "sam@other.test", "/invitations/");

    // Signed out: sign in first (and come back).
    let b = Browser::new(&app);
    let html = b.get_html(&link).await;
    assert!(html.contains(&format!("/login?next={}", referenced(&link))));
    let r = b.post_form(&link, &format!("{link}/accept"), &[]).await;
    assert_redirect_to(&r, &format!("/login?next={link}"));

    // Signed in as someone else: refused, nothing joined.
    let wrong = Browser::new(&app);
    wrong.login("olga@other.test", PASSWORD).await;
    let r = wrong.get(&wrong.open_link(&link).await).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("this invitation is for sam@other.test")
    );
    let r = wrong
        .post_form("/accounts", &format!("{link}/accept"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(membership(&app, cid, "olga@other.test"), None);

    // The invitee, signed in, sees it on the chooser too, and accepts there.
    let r = b.login("sam@other.test", PASSWORD).await;
    assert_redirect_to(&r, "/");
    // One account and an invitation: the chooser, not straight into the account.
    assert_redirect_to(&b.get("/").await, "/accounts");
    let html = b.get_html("/accounts").await;
    assert!(html.contains("Invitations for you") && html.contains("Globex"));
    let id: i64 = invitations::table
        .select(invitations::id)
        .first(&mut app.conn())
        .unwrap();
    let r = b
        .post_form(
            "/accounts",
            &format!("/accounts/invitations/{id}/accept"),
            &[],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{cid}"));
    assert_eq!(
        membership(&app, cid, "sam@other.test"),
        Some(("admin".into(), "".into()))
    );
    // Their other account still works; the header switcher lists both.
    let html = b.get_html(&format!("/portal/{cid}/users")).await;
    assert!(html.contains(&format!("/groups/{other_gid}/clients")));
    // A second accept finds it closed.
    let r = b
        .post_form(
            "/accounts",
            &format!("/accounts/invitations/{id}/accept"),
            &[],
        )
        .await;
    assert_redirect_to(&r, "/accounts");
    assert!(b.get_html("/accounts").await.contains("no longer open"));
}

#[tokio::test]
async fn decline_resend_revoke_and_expiry() {
    let app = spawn_app().await;
    let (_, cid) = client_with_owner(&app);
    app.login("owner@globex.test", PASSWORD).await;
    let users = format!("/portal/{cid}/users");
    for email in ["dora@x.test", "rita@x.test", "eve@x.test"] {
        let r = invite(
            &app,
            &users,
            &[("email", email), ("role", "member"), ("access", "all")],
        )
        .await;
        assert_redirect_to(&r, &users);
    }
    // A second invitation of an open address is refused beside the field.
    let r = invite(
        &app,
        &users,
        &[("email", "DORA@x.test"), ("role", "member")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="email""#) && html.contains("open invitation"));
    assert!(html.contains(r#"value="DORA@x.test""#));
    // So is a member.
    let r = invite(
        &app,
        &users,
        &[("email", "owner@globex.test"), ("role", "member")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let id_of = |email: &str| -> i64 {
        invitations::table
            .filter(invitations::email.eq(email))
            .select(invitations::id)
            .first(&mut app.conn())
            .unwrap()
    };

    // Declined by link, without signing in.
    let dora = email_link(&app, "dora@x.test", "/invitations/");
    let b = Browser::new(&app);
    let r = b.post_form(&dora, &format!("{dora}/decline"), &[]).await;
    assert_redirect_to(&r, "/login");
    assert_eq!(b.get(&dora).await.status(), StatusCode::GONE);

    // Resent: a new link, the old one void; not twice within a minute.
    let old = email_link(&app, "rita@x.test", "/invitations/");
    let rita = id_of("rita@x.test");
    diesel::update(invitations::table.find(rita))
        .set(invitations::sent_at.eq(clientele::db::now() - chrono::Duration::minutes(2)))
        .execute(&mut app.conn())
        .unwrap();
    let resend = format!("{users}/invitations/{rita}/resend");
    assert_redirect_to(&app.post_form(&users, &resend, &[]).await, &users);
    assert!(
        app.get_html(&users)
            .await
            .contains("the previous link no longer works")
    );
    let new = email_link(&app, "rita@x.test", "/invitations/");
    assert_ne!(old, new);
    assert_eq!(b.get(&old).await.status(), StatusCode::NOT_FOUND);
    b.get_html(&new).await;
    assert_redirect_to(&app.post_form(&users, &resend, &[]).await, &users);
    assert!(
        app.get_html(&users)
            .await
            .contains("less than a minute ago")
    );
    assert_eq!(
        email_link(&app, "rita@x.test", "/invitations/"),
        new,
        "nothing sent"
    );

    // Revoked: the link opens nothing.
    let eve = email_link(&app, "eve@x.test", "/invitations/");
    let revoke = format!("{users}/invitations/{}/revoke", id_of("eve@x.test"));
    assert_redirect_to(&app.post_form(&users, &revoke, &[]).await, &users);
    let r = b.get(&eve).await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().await.unwrap().contains("withdrawn"));
    // Resending a revoked one says it is closed (not "wait a minute"), and sends nothing.
    let resend_eve = format!("{users}/invitations/{}/resend", id_of("eve@x.test"));
    assert_redirect_to(&app.post_form(&users, &resend_eve, &[]).await, &users);
    let html = app.get_html(&users).await;
    assert!(
        html.contains("no longer open") && !html.contains("less than a minute ago"),
        "{html}"
    );
    assert_eq!(email_link(&app, "eve@x.test", "/invitations/"), eve);

    // The job at 6 days leaves Rita's link; at 8 days it expires it.
    let now = clientele::db::now();
    clientele::jobs::run_all(
        &mut app.conn(),
        now + chrono::Duration::days(6),
        "http://clientele.test",
    )
    .unwrap();
    b.get_html(&new).await;
    clientele::jobs::run_all(
        &mut app.conn(),
        now + chrono::Duration::days(8),
        "http://clientele.test",
    )
    .unwrap();
    let expired: Option<chrono::NaiveDateTime> = invitations::table
        .find(rita)
        .select(invitations::expired_at)
        .first(&mut app.conn())
        .unwrap();
    assert!(expired.is_some());
    let html = app.get_html(&users).await;
    assert!(html.contains(r#"data-state="expired""#));
    assert!(html.contains(r#"data-state="declined""#) && html.contains(r#"data-state="revoked""#));
    // Other accounts' invitations are not this page's: another client's id is 404.
    let other = make_client(&mut app.conn(), 1, "Initech");
    make_member(&mut app.conn(), other, "ivan@initech.test", "owner");
    let ivan = Browser::new(&app);
    ivan.login("ivan@initech.test", PASSWORD).await;
    let r = ivan
        .post_form(
            &format!("/portal/{other}/users"),
            &format!("/portal/{other}/users/invitations/{rita}/resend"),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn who_may_manage_whom_in_the_client_area() {
    let app = spawn_app().await;
    let (_, cid) = client_with_owner(&app);
    let admin = make_member(&mut app.conn(), cid, "adam@globex.test", "admin");
    let helper = make_member_with(&mut app.conn(), cid, "uma@globex.test", "member", "users");
    let billing = make_member_with(
        &mut app.conn(),
        cid,
        "bill@globex.test",
        "member",
        "billing",
    );
    let users = format!("/portal/{cid}/users");

    // A member without `users`: 404 on the page and on every action.
    let bill = Browser::new(&app);
    bill.login("bill@globex.test", PASSWORD).await;
    assert_eq!(bill.get(&users).await.status(), StatusCode::NOT_FOUND);
    assert!(
        !bill
            .get_html(&format!("/portal/{cid}"))
            .await
            .contains(&users)
    );
    let token = csrf_token(&bill.get_html(&format!("/portal/{cid}")).await);
    for path in [
        users.clone(),
        format!("{users}/{helper}/remove"),
        format!("{users}/{helper}"),
    ] {
        let r = bill
            .post_raw(
                &path,
                &[
                    ("csrf_token", token.as_str()),
                    ("email", "x@y.test"),
                    ("role", "member"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(
        bill.get(&format!("/portal/{cid}/services")).await.status(),
        StatusCode::NOT_FOUND
    );

    // A member with `users`: members only, with at most their own permissions.
    let uma = Browser::new(&app);
    uma.login("uma@globex.test", PASSWORD).await;
    let html = uma.get_html(&users).await;
    assert!(
        !html.contains(r#"<option value="admin""#),
        "admins are not offered"
    );
    let r = invite(&uma, &users, &[("email", "a@x.test"), ("role", "admin")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains(r#"data-error-for="role""#));
    let r = invite(
        &uma,
        &users,
        &[("email", "a@x.test"), ("role", "member"), ("access", "all")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("only give permissions you have")
    );
    let r = invite(
        &uma,
        &users,
        &[
            ("email", "a@x.test"),
            ("role", "member"),
            ("perm_users", "on"),
        ],
    )
    .await;
    assert_redirect_to(&r, &users);
    // She may not touch the admin or a member with more than she has.
    let r = uma
        .post_form(&users, &format!("{users}/{admin}/remove"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = uma
        .post_form(&users, &format!("{users}/{billing}/remove"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(membership(&app, cid, "bill@globex.test").is_some());

    // The admin changes a member's permissions and removes them; nobody removes the owner.
    let adam = Browser::new(&app);
    adam.login("adam@globex.test", PASSWORD).await;
    let r = adam
        .post_form(
            &users,
            &format!("{users}/{billing}"),
            &[
                ("role", "member"),
                ("access", "chosen"),
                ("perm_account", "on"),
            ],
        )
        .await;
    assert_redirect_to(&r, &users);
    assert_eq!(
        membership(&app, cid, "bill@globex.test"),
        Some(("member".into(), "account".into()))
    );
    let r = adam
        .post_form(&users, &format!("{users}/{billing}/remove"), &[])
        .await;
    assert_redirect_to(&r, &users);
    assert_eq!(membership(&app, cid, "bill@globex.test"), None);
    let owner_id: i64 =
        clientele::models::user::find_by_email(&mut app.conn(), "owner@globex.test")
            .unwrap()
            .unwrap()
            .id;
    let r = adam
        .post_form(&users, &format!("{users}/{owner_id}/remove"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Only the owner transfers, and only to an admin.
    let r = adam
        .post_form(&users, &format!("{users}/{admin}/transfer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    app.login("owner@globex.test", PASSWORD).await;
    let r = app
        .post_form(&users, &format!("{users}/{helper}/transfer"), &[])
        .await;
    assert_redirect_to(&r, &users);
    assert!(app.get_html(&users).await.contains("only go to an admin"));
    let r = app
        .post_form(&users, &format!("{users}/{admin}/transfer"), &[])
        .await;
    assert_redirect_to(&r, &users);
    assert_eq!(
        membership(&app, cid, "adam@globex.test").unwrap().0,
        "owner"
    );
    assert_eq!(
        membership(&app, cid, "owner@globex.test").unwrap().0,
        "admin"
    );
    let actions: Vec<String> = clientele::db::schema::audit_events::table
        .filter(clientele::db::schema::audit_events::account_id.eq(cid))
        .select(clientele::db::schema::audit_events::action)
        .load(&mut app.conn())
        .unwrap();
    for a in [
        "invitation.sent",
        "member.changed",
        "member.removed",
        "ownership.transferred",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} audited");
    }
}

/// The invitation to this address (its id).
fn invitation_to(app: &TestApp, email: &str) -> i64 {
    invitations::table
        .filter(invitations::email.eq(email))
        .select(invitations::id)
        .first(&mut app.conn())
        .unwrap()
}

/// The row of the page's invitations table for this invitation.
fn invitation_row(html: &str, id: i64) -> String {
    let row = &html[html
        .find(&format!(r#"data-invitation-id="{id}""#))
        .unwrap_or_else(|| panic!("invitation {id} listed"))..];
    row[..row.find("</tr>").unwrap()].to_owned()
}

#[tokio::test]
async fn a_member_with_users_resends_and_revokes_only_the_invitations_they_could_send() {
    let app = spawn_app().await;
    let (_, cid) = client_with_owner(&app);
    make_member_with(&mut app.conn(), cid, "uma@globex.test", "member", "users");
    let users = format!("/portal/{cid}/users");
    // The owner invites an admin, and a member with `billing`; Uma invites a member with
    // `users` (all she has).
    app.login("owner@globex.test", PASSWORD).await;
    for (email, fields) in [
        (
            "new-admin@x.test",
            vec![("role", "admin"), ("access", "all")],
        ),
        (
            "new-billing@x.test",
            vec![("role", "member"), ("perm_billing", "on")],
        ),
    ] {
        let mut all = fields.clone();
        all.push(("email", email));
        assert_redirect_to(&invite(&app, &users, &all).await, &users);
    }
    let uma = Browser::new(&app);
    uma.login("uma@globex.test", PASSWORD).await;
    let r = invite(
        &uma,
        &users,
        &[
            ("email", "helper@x.test"),
            ("role", "member"),
            ("perm_users", "on"),
        ],
    )
    .await;
    assert_redirect_to(&r, &users);
    let (admin_inv, billing_inv, own_inv) = (
        invitation_to(&app, "new-admin@x.test"),
        invitation_to(&app, "new-billing@x.test"),
        invitation_to(&app, "helper@x.test"),
    );
    // Sent a while ago: a resend that is allowed is not held back by the minute's limit.
    diesel::update(invitations::table)
        .set(invitations::sent_at.eq(clientele::db::now() - chrono::Duration::minutes(5)))
        .execute(&mut app.conn())
        .unwrap();

    // Her page offers buttons for her own kind of invitation only.
    let html = uma.get_html(&users).await;
    for id in [admin_inv, billing_inv] {
        let row = invitation_row(&html, id);
        assert!(
            !row.contains("/resend") && !row.contains("/revoke"),
            "{row}"
        );
    }
    let row = invitation_row(&html, own_inv);
    assert!(row.contains("/resend") && row.contains("/revoke"), "{row}");

    // Asking anyway: 403, and nothing changes (the link, the state, the outbox).
    let snapshot = |app: &TestApp| -> (Vec<(i64, String, Option<chrono::NaiveDateTime>)>, i64) {
        (
            invitations::table
                .order_by(invitations::id)
                .select((
                    invitations::id,
                    invitations::token_hash,
                    invitations::revoked_at,
                ))
                .load(&mut app.conn())
                .unwrap(),
            outbox::table.count().get_result(&mut app.conn()).unwrap(),
        )
    };
    let before = snapshot(&app);
    for id in [admin_inv, billing_inv] {
        for act in ["resend", "revoke"] {
            let r = uma
                .post_form(&users, &format!("{users}/invitations/{id}/{act}"), &[])
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{act} {id}");
        }
    }
    assert_eq!(snapshot(&app), before);

    // Her own kind she resends and revokes.
    let r = uma
        .post_form(
            &users,
            &format!("{users}/invitations/{own_inv}/resend"),
            &[],
        )
        .await;
    assert_redirect_to(&r, &users);
    let r = uma
        .post_form(
            &users,
            &format!("{users}/invitations/{own_inv}/revoke"),
            &[],
        )
        .await;
    assert_redirect_to(&r, &users);
    let revoked: Option<chrono::NaiveDateTime> = invitations::table
        .find(own_inv)
        .select(invitations::revoked_at)
        .first(&mut app.conn())
        .unwrap();
    assert!(revoked.is_some());

    // The owner may do both to every invitation of the client.
    let html = app.get_html(&users).await;
    for id in [admin_inv, billing_inv] {
        let row = invitation_row(&html, id);
        assert!(row.contains("/resend") && row.contains("/revoke"), "{row}");
    }
    let r = app
        .post_form(
            &users,
            &format!("{users}/invitations/{admin_inv}/revoke"),
            &[],
        )
        .await;
    assert_redirect_to(&r, &users);
}

#[tokio::test]
async fn group_staff_are_invited_from_the_staff_page() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    let seller = make_member(&mut app.conn(), gid, "sid@acme.test", "seller");
    let staff = format!("/groups/{gid}/staff");
    app.login("boss@acme.test", PASSWORD).await;
    let html = app.get_html(&staff).await;
    assert!(html.contains("sid@acme.test") && html.contains(r#"<option value="seller""#));
    assert!(!html.contains(r#"<option value="owner""#));
    let r = invite(
        &app,
        &staff,
        &[("email", "new@acme.test"), ("role", "seller")],
    )
    .await;
    assert_redirect_to(&r, &staff);
    let r = invite(&app, &staff, &[("email", "x@acme.test"), ("role", "owner")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A seller sees no staff page.
    let sid = Browser::new(&app);
    sid.login("sid@acme.test", PASSWORD).await;
    assert_eq!(sid.get(&staff).await.status(), StatusCode::NOT_FOUND);
    assert!(
        !sid.get_html(&format!("/groups/{gid}/clients"))
            .await
            .contains(&staff)
    );

    // The invitee accepts and lands in the group console.
    let link = email_link(&app, "new@acme.test", "/invitations/");
    let b = Browser::new(&app);
    let r = b
        .post_form(
            &link,
            &format!("{link}/accept"),
            &[
                ("first_name", "Nora"),
                ("last_name", "New"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_redirect_to(&r, &format!("/groups/{gid}/clients"));
    assert_eq!(
        membership(&app, gid, "new@acme.test"),
        Some(("seller".into(), "".into()))
    );

    // Promoted to admin, the seller leaves; removing a seller clears their clients.
    let cid = make_client(&mut app.conn(), gid, "Globex");
    diesel::update(clientele::db::schema::accounts::table.find(cid))
        .set(clientele::db::schema::accounts::seller_id.eq(seller))
        .execute(&mut app.conn())
        .unwrap();
    let r = app
        .post_form(&staff, &format!("{staff}/{seller}/remove"), &[])
        .await;
    assert_redirect_to(&r, &staff);
    let seller_now: Option<i64> = clientele::db::schema::accounts::table
        .find(cid)
        .select(clientele::db::schema::accounts::seller_id)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(seller_now, None);
    // The seller's old bookmark: told the access is gone, and sent to their accounts
    // (issue 36) — the group's name is one this browser saw them hold.
    let r = sid.get(&format!("/groups/{gid}/clients")).await;
    assert_redirect_to(&r, "/accounts");
    let accounts = sid.get_html("/accounts").await;
    assert!(
        accounts.contains("You no longer have access to Acme"),
        "{accounts}"
    );
    // A group this browser never saw them hold: the plain 404, nothing named.
    let (rival, _) = make_group(&mut app.conn(), "Rival", "boss@rival.test");
    let r = sid.get(&format!("/groups/{rival}/clients")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(!r.text().await.unwrap().contains("Rival"));
    // A form posted to the old group is refused as before (CSRF first: 403), unnamed.
    let r = sid
        .post_raw(&format!("{staff}/{seller}/remove"), &[("x", "y")])
        .await;
    assert!(r.status().is_client_error() && r.status() != StatusCode::SEE_OTHER);
    assert!(!r.text().await.unwrap().contains("no longer have access"));
}

/// Issue 36: a person removed from a client is told so when they follow an old link, in
/// any later session (the removal's history names them); nobody else learns the name, not
/// even the next person signing in on the same browser.
#[tokio::test]
async fn a_removed_member_is_told_in_any_later_session_and_nobody_else_is() {
    let app = spawn_app().await;
    let (_, cid) = client_with_owner(&app);
    let mel = make_member(&mut app.conn(), cid, "mel@globex.test", "member");
    let (other_gid, _) = make_group(&mut app.conn(), "Other", "olga@other.test");
    let other = make_client(&mut app.conn(), other_gid, "Initech");
    make_member(&mut app.conn(), other, "mel@globex.test", "member");
    app.login("owner@globex.test", PASSWORD).await;
    let users = format!("/portal/{cid}/users");
    let r = app
        .post_form(
            &format!("{users}/{mel}"),
            &format!("{users}/{mel}/remove"),
            &[],
        )
        .await;
    assert_redirect_to(&r, &users);

    // Mel, another day, in a new browser: her old bookmark says what happened.
    let b = Browser::new(&app);
    b.login("mel@globex.test", PASSWORD).await;
    let r = b.get(&format!("/portal/{cid}/services")).await;
    assert_redirect_to(&r, "/accounts");
    let accounts = b.get_html("/accounts").await;
    assert!(
        accounts.contains("You no longer have access to Globex"),
        "{accounts}"
    );
    // Olga never belonged to Globex: the plain 404, no name.
    let olga = Browser::new(&app);
    olga.login("olga@other.test", PASSWORD).await;
    let r = olga.get(&format!("/portal/{cid}")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(!r.text().await.unwrap().contains("Globex"));
    // Olga signing in on Mel's browser (Mel never signed out) is not told of Mel's
    // accounts either.
    let token = csrf_token(&b.get_html("/accounts").await);
    let r = b
        .post_raw(
            "/login",
            &[
                ("csrf_token", token.as_str()),
                ("email", "olga@other.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(b.get_html("/profile").await.contains("olga@other.test"));
    let r = b.get(&format!("/portal/{other}")).await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "Initech is not Olga's to be told of"
    );
    assert!(!r.text().await.unwrap().contains("Initech"));
}
