//! The client area's home and Account page: each page and action only with its
//! permission (404 without), each part editable only with its own, the custom id shown
//! read-only, bad input kept with its errors, a stale save refused.

use clientele::db::schema::{accounts, audit_events, deletion_requests};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

/// A group and a client with an owner, and members with one permission each.
fn client_with_people(app: &TestApp) -> i64 {
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    diesel::update(accounts::table.find(cid))
        .set((
            accounts::custom_id.eq(Some("ACME-0042")),
            accounts::country.eq("BR"),
            accounts::billing_emails.eq("billing@globex.test"),
        ))
        .execute(&mut app.conn())
        .unwrap();
    make_member(&mut app.conn(), cid, "owner@globex.test", "owner");
    for perm in ["account", "billing", "services"] {
        make_member_with(
            &mut app.conn(),
            cid,
            &format!("{perm}@globex.test"),
            "member",
            perm,
        );
    }
    cid
}

fn stored(app: &TestApp, cid: i64) -> (String, String, String, Option<String>, i32) {
    accounts::table
        .find(cid)
        .select((
            accounts::company_name,
            accounts::billing_emails,
            accounts::name,
            accounts::custom_id,
            accounts::version,
        ))
        .first(&mut app.conn())
        .unwrap()
}

/// The Account form as loaded, with these fields changed.
fn account_form(html: &str, cid: i64, set: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = form_fields(html, &format!("/portal/{cid}/account"));
    for (k, v) in set {
        fields.retain(|(name, _)| name != k);
        fields.push(((*k).to_owned(), (*v).to_owned()));
    }
    fields
}

async fn save(b: &Browser, cid: i64, set: &[(&str, &str)]) -> reqwest::Response {
    let page = format!("/portal/{cid}/account");
    let html = b.get_html(&page).await;
    let fields = account_form(&html, cid, set);
    b.post_raw(&page, &fields).await
}

#[tokio::test]
async fn the_owner_edits_details_address_and_billing_but_not_what_staff_keep() {
    let app = spawn_app().await;
    let cid = client_with_people(&app);
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let page = format!("/portal/{cid}/account");
    let home = owner.get_html(&format!("/portal/{cid}")).await;
    assert!(home.contains(&format!(r#"href="{page}""#)));
    let html = owner.get_html(&page).await;
    // The custom id is shown, read-only: no field carries it.
    assert!(html.contains("ACME-0042") && !html.contains(r#"name="custom_id""#));
    assert!(!html.contains(r#"name="account_name""#));

    let r = save(
        &owner,
        cid,
        &[
            ("company_name", "Globex Ltda."),
            ("billing_emails", "ap@globex.test\nfinance@globex.test"),
            ("city", "Recife"),
            // Fields that are not the client's to change are ignored.
            ("custom_id", "MINE"),
            ("account_name", "Renamed"),
            ("active", ""),
        ],
    )
    .await;
    assert_redirect_to(&r, &page);
    assert!(owner.get_html(&page).await.contains("Changes saved."));
    let (company, billing, name, custom_id, _) = stored(&app, cid);
    assert_eq!(company, "Globex Ltda.");
    assert_eq!(billing, "ap@globex.test\nfinance@globex.test");
    assert_eq!(name, "Globex");
    assert_eq!(custom_id.as_deref(), Some("ACME-0042"));
    let active: bool = accounts::table
        .find(cid)
        .select(accounts::active)
        .first(&mut app.conn())
        .unwrap();
    assert!(active);
    let changes: Vec<(String, Option<String>)> = audit_events::table
        .filter(audit_events::account_id.eq(cid))
        .filter(audit_events::action.eq("client.updated"))
        .select((audit_events::changes, audit_events::actor_email))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(changes.len(), 1);
    assert!(changes[0].0.contains("Recife") && changes[0].0.contains("company_name"));
    assert_eq!(changes[0].1.as_deref(), Some("owner@globex.test"));

    // Bad input: 422, what was typed kept, an error beside each wrong field.
    let r = save(
        &owner,
        cid,
        &[
            ("address", " "),
            ("billing_emails", "ok@x.test, nope"),
            ("city", "Olinda"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="address""#));
    assert!(html.contains(r#"data-error-for="billing_emails""#));
    assert!(html.contains(r#"value="Olinda""#) && html.contains("ok@x.test, nope"));
    assert_eq!(stored(&app, cid).0, "Globex Ltda.");
}

#[tokio::test]
async fn each_part_needs_its_permission_and_the_page_needs_one_of_them() {
    let app = spawn_app().await;
    let cid = client_with_people(&app);
    let page = format!("/portal/{cid}/account");

    // `billing` alone: details read-only, billing emails editable.
    let billing = Browser::new(&app);
    billing.login("billing@globex.test", PASSWORD).await;
    let html = billing.get_html(&page).await;
    assert!(html.contains(r#"name="billing_emails""#));
    assert!(!html.contains(r#"name="company_name""#) && !html.contains(r#"name="address""#));
    let r = billing
        .post_raw(
            &page,
            &account_form(
                &html,
                cid,
                &[
                    ("billing_emails", "pay@globex.test"),
                    ("company_name", "Hacked"),
                    ("address", "x"),
                ],
            ),
        )
        .await;
    assert_redirect_to(&r, &page);
    let (company, emails, ..) = stored(&app, cid);
    assert_eq!((company.as_str(), emails.as_str()), ("", "pay@globex.test"));

    // `account` alone: details editable, billing emails neither shown nor changed.
    let account = Browser::new(&app);
    account.login("account@globex.test", PASSWORD).await;
    let html = account.get_html(&page).await;
    assert!(html.contains(r#"name="company_name""#) && !html.contains("pay@globex.test"));
    let r = account
        .post_raw(
            &page,
            &account_form(
                &html,
                cid,
                &[
                    ("company_name", "Globex SA"),
                    ("billing_emails", "thief@evil.test"),
                ],
            ),
        )
        .await;
    assert_redirect_to(&r, &page);
    let (company, emails, ..) = stored(&app, cid);
    assert_eq!(
        (company.as_str(), emails.as_str()),
        ("Globex SA", "pay@globex.test")
    );

    // `services` alone: no Account page, GET or POST; no link to it.
    let services = Browser::new(&app);
    services.login("services@globex.test", PASSWORD).await;
    let home = services.get_html(&format!("/portal/{cid}")).await;
    assert!(!home.contains(&format!(r#"href="{page}""#)));
    assert!(home.contains("Your services"));
    assert_eq!(services.get(&page).await.status(), StatusCode::NOT_FOUND);
    let r = services
        .post_form(
            &format!("/portal/{cid}"),
            &page,
            &[("version", "0"), ("billing_emails", "x@y.test")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(stored(&app, cid).1, "pay@globex.test");
    // Nor do the users pages open without `users`.
    assert_eq!(
        services.get(&format!("/portal/{cid}/users")).await.status(),
        StatusCode::NOT_FOUND
    );
    // And another client's area is 404 for all of them.
    let (other_gid, _) = make_group(&mut app.conn(), "Rival", "boss@rival.test");
    let other = make_client(&mut app.conn(), other_gid, "Initech");
    assert_eq!(
        billing
            .get(&format!("/portal/{other}/account"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_stale_save_is_refused_and_overwrites_nothing() {
    let app = spawn_app().await;
    let cid = client_with_people(&app);
    let page = format!("/portal/{cid}/account");
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let old_html = owner.get_html(&page).await;
    assert_redirect_to(&save(&owner, cid, &[("city", "Recife")]).await, &page);
    let r = owner
        .post_raw(&page, &account_form(&old_html, cid, &[("city", "Natal")]))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Someone else saved these details") && html.contains(r#"value="Recife""#)
    );
    let city: String = accounts::table
        .find(cid)
        .select(accounts::city)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(city, "Recife");
}

#[tokio::test]
async fn the_home_shows_status_services_owner_and_a_pending_deletion() {
    let app = spawn_app().await;
    let cid = client_with_people(&app);
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    let home = owner.get_html(&format!("/portal/{cid}")).await;
    assert!(home.contains("Your services") && home.contains("owner@globex.test"));
    assert!(!home.contains(r#"id="deletion-pending""#));
    let now = clientele::db::now();
    diesel::insert_into(deletion_requests::table)
        .values((
            deletion_requests::client_id.eq(cid),
            deletion_requests::requested_at.eq(now),
            deletion_requests::due_at.eq(now + chrono::Duration::days(10)),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let home = owner.get_html(&format!("/portal/{cid}")).await;
    assert!(
        home.contains(r#"id="deletion-pending""#) && home.contains("Scheduled for deletion on")
    );
    assert!(home.contains("10 days left"));
}

#[tokio::test]
async fn a_disabled_clients_users_see_whom_to_contact_and_keep_their_other_accounts() {
    let app = spawn_app().await;
    let cid = client_with_people(&app);
    let gid: i64 = accounts::table
        .find(cid)
        .select(accounts::parent_id.assume_not_null())
        .first(&mut app.conn())
        .unwrap();
    // The owner also belongs to another client, which stays active.
    let other = make_client(&mut app.conn(), gid, "Initech");
    make_member(&mut app.conn(), other, "owner@globex.test", "admin");
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;

    // Staff switch "Active" off on the edit tab (audited).
    app.login("boss@acme.test", PASSWORD).await;
    let edit = format!("/groups/{gid}/clients/{cid}");
    let html = app.get_html(&edit).await;
    let mut fields = form_fields(&html, &edit);
    fields.retain(|(k, _)| k != "active");
    let r = app.post_raw(&edit, &fields).await;
    assert_redirect_to(&r, &edit);
    let audited: String = audit_events::table
        .filter(audit_events::account_id.eq(cid))
        .filter(audit_events::action.eq("client.updated"))
        .select(audit_events::changes)
        .first(&mut app.conn())
        .unwrap();
    assert!(audited.contains("active"), "{audited}");

    for path in ["", "/account", "/services", "/users"] {
        let r = owner.get(&format!("/portal/{cid}{path}")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
        let html = r.text().await.unwrap();
        assert!(html.contains("This account is disabled"), "{path}");
        assert!(
            html.contains("Acme has disabled the client account Globex"),
            "{html}"
        );
        // No seller: the group's owner is whom to contact.
        assert!(html.contains("contact") && html.contains("boss@acme.test"));
        assert!(html.contains(r#"href="/accounts""#));
    }
    let r = owner
        .post_form(
            &format!("/portal/{other}"),
            &format!("/portal/{cid}/account"),
            &[("version", "0"), ("city", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Their other account keeps working; a stranger still gets 404, not the page.
    assert_eq!(
        owner.get(&format!("/portal/{other}")).await.status(),
        StatusCode::OK
    );
    let stranger = Browser::new(&app);
    make_group(&mut app.conn(), "Rival", "x@rival.test");
    stranger.login("x@rival.test", PASSWORD).await;
    assert_eq!(
        stranger.get(&format!("/portal/{cid}")).await.status(),
        StatusCode::NOT_FOUND
    );
    // In Portuguese too, with the seller as the contact when there is one.
    let seller = make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    diesel::update(accounts::table.find(cid))
        .set(accounts::seller_id.eq(Some(seller)))
        .execute(&mut app.conn())
        .unwrap();
    diesel::update(clientele::db::schema::users::table)
        .filter(clientele::db::schema::users::email.eq("owner@globex.test"))
        .set(clientele::db::schema::users::language.eq("pt-BR"))
        .execute(&mut app.conn())
        .unwrap();
    let html = owner
        .get(&format!("/portal/{cid}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Esta conta está desativada") && html.contains("sam@acme.test"));
    // Switched on again, the area opens.
    diesel::update(accounts::table.find(cid))
        .set(accounts::active.eq(true))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(
        owner.get(&format!("/portal/{cid}")).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn changing_only_permissions_says_what_was_saved() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "owner@globex.test", "owner");
    let mel = make_member_with(&mut app.conn(), cid, "mel@globex.test", "member", "account");
    app.login("owner@globex.test", PASSWORD).await;
    let users = format!("/portal/{cid}/users");
    let r = app
        .post_form(
            &users,
            &format!("{users}/{mel}"),
            &[
                ("role", "member"),
                ("access", "chosen"),
                ("perm_account", "on"),
                ("perm_billing", "on"),
            ],
        )
        .await;
    assert_redirect_to(&r, &users);
    let html = app.get_html(&users).await;
    assert!(
        html.contains("were saved.") && !html.contains("role of"),
        "not \"the role was changed\" when only the permissions were"
    );
    // Mel joined by an invitation long ago; none waits: the page does not claim that none
    // was ever sent.
    assert!(html.contains("accepted ones are listed above, as people"));
}
