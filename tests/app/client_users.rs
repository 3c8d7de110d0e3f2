//! The client's Users tab in the group console: the list, editing a user's name,
//! language, role and email; an email change confirmed from the current address (or, for
//! an owner who never activated, taking effect at once), never telling the group whether
//! the new address has an account.

use clientele::db::schema::{audit_events, memberships, outbox, users};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

struct Setup {
    gid: i64,
    cid: i64,
    member: i64,
    owner: i64,
}

fn setup(app: &TestApp) -> Setup {
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    let owner = make_member(&mut app.conn(), cid, "owner@globex.test", "owner");
    let member = make_member_with(&mut app.conn(), cid, "mia@globex.test", "member", "billing");
    Setup {
        gid,
        cid,
        member,
        owner,
    }
}

fn user_form(html: &str, action: &str, set: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = form_fields(html, action);
    for (k, v) in set {
        fields.retain(|(name, _)| name != k);
        if !v.is_empty() || !k.starts_with("perm_") {
            fields.push(((*k).to_owned(), (*v).to_owned()));
        }
    }
    fields
}

async fn edit(app: &TestApp, s: &Setup, uid: i64, set: &[(&str, &str)]) -> reqwest::Response {
    let page = format!("/groups/{}/clients/{}/users/{uid}", s.gid, s.cid);
    let html = app.get_html(&page).await;
    app.post_raw(&page, &user_form(&html, &page, set)).await
}

fn flash(html: &str) -> String {
    let start = html.find(r#"role="status""#).expect("a flash");
    html[start..start + html[start..].find("</").unwrap()].to_owned()
}

fn actions(app: &TestApp) -> Vec<String> {
    audit_events::table
        .order_by(audit_events::id.asc())
        .select(audit_events::action)
        .load(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn staff_list_and_edit_a_clients_users_and_nobody_else_reaches_them() {
    let app = spawn_app().await;
    let s = setup(&app);
    let tab = format!("/groups/{}/clients/{}/users", s.gid, s.cid);
    // A seller works on the client's users too.
    app.login("sam@acme.test", PASSWORD).await;
    let html = app.get_html(&tab).await;
    assert!(html.contains("owner@globex.test") && html.contains("mia@globex.test"));
    assert!(html.contains(&format!(r#"{tab}" aria-current="page""#)));
    assert!(!html.contains(r#"name="email""#), "no invitation form here");

    let r = edit(
        &app,
        &s,
        s.member,
        &[
            ("first_name", "Mía"),
            ("language", "es"),
            ("role", "member"),
            ("perm_users", "on"),
            ("perm_billing", ""),
        ],
    )
    .await;
    assert_redirect_to(&r, &tab);
    assert!(app.get_html(&tab).await.contains("Changes saved."));
    let (first, lang): (String, String) = users::table
        .find(s.member)
        .select((users::first_name, users::language))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((first.as_str(), lang.as_str()), ("Mía", "es"));
    let perms: String = memberships::table
        .filter(memberships::user_id.eq(s.member))
        .select(memberships::permissions)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(perms, "users");
    assert_eq!(
        actions(&app),
        ["group.created", "user.changed", "member.changed"]
    );

    // The owner stays the owner, whatever is posted.
    let r = edit(&app, &s, s.owner, &[("role", "member")]).await;
    assert_redirect_to(&r, &tab);
    let role: String = memberships::table
        .filter(memberships::user_id.eq(s.owner))
        .select(memberships::role)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(role, "owner");

    // Bad input: 422, kept, an error by each field.
    let r = edit(
        &app,
        &s,
        s.member,
        &[
            ("first_name", ""),
            ("email", "not an email"),
            ("role", "owner"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    for field in ["first_name", "email", "role"] {
        assert!(
            html.contains(&format!(r#"data-error-for="{field}""#)),
            "{field}"
        );
    }
    assert!(html.contains(r#"value="not an email""#));

    // Another group's staff and the client's own users get 404, GET and POST.
    let (rival, _) = make_group(&mut app.conn(), "Rival", "boss@rival.test");
    let other = Browser::new(&app);
    other.login("boss@rival.test", PASSWORD).await;
    let owner = Browser::new(&app);
    owner.login("owner@globex.test", PASSWORD).await;
    for b in [&other, &owner] {
        assert_eq!(b.get(&tab).await.status(), StatusCode::NOT_FOUND);
        let r = b
            .post_form(
                "/accounts",
                &format!("{tab}/{}", s.member),
                &[("first_name", "X")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    // Through its own group's path, the rival still cannot reach this client.
    assert_eq!(
        other
            .get(&format!("/groups/{rival}/clients/{}/users", s.cid))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Another client's user through this client's tab: 404.
    let c2 = make_client(&mut app.conn(), s.gid, "Initech");
    let stranger = make_member(&mut app.conn(), c2, "bill@initech.test", "owner");
    assert_eq!(
        app.get(&format!("{tab}/{stranger}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

/// Approves (or confirms) an email change from a signed-out browser; returns the flash
/// the sign-in page then shows.
async fn follow(app: &TestApp, link: &str) -> String {
    let b = Browser::new(app);
    let r = b.post_form("/login", link, &[]).await;
    assert_redirect_to(&r, "/login");
    flash(&b.get_html("/login").await)
}

#[tokio::test]
async fn an_email_change_is_approved_at_the_current_address_proven_at_the_new_one_and_tells_nobody_if_it_exists()
 {
    let app = spawn_app().await;
    let s = setup(&app);
    make_group(&mut app.conn(), "Rival", "kim@rival.test");
    let tab = format!("/groups/{}/clients/{}/users", s.gid, s.cid);
    app.login("boss@acme.test", PASSWORD).await;
    let mia = Browser::new(&app);
    mia.login("mia@globex.test", PASSWORD).await;

    // To an address that has a user elsewhere, and to a free one: the same words.
    assert_redirect_to(
        &edit(&app, &s, s.member, &[("email", "KIM@rival.test")]).await,
        &tab,
    );
    let taken = flash(&app.get_html(&tab).await).replace("kim@rival.test", "NEW");
    let taken_link = email_link(&app, "mia@globex.test", "/email-change/");
    assert_redirect_to(
        &edit(&app, &s, s.member, &[("email", "mia@new.test")]).await,
        &tab,
    );
    let free = flash(&app.get_html(&tab).await).replace("mia@new.test", "NEW");
    assert_eq!(taken, free);
    assert!(free.contains("We emailed mia@globex.test to confirm the change to NEW"));
    // Nothing changed yet; the edit page says a change waits; the newer request replaced
    // the older.
    let email = |app: &TestApp| -> String {
        users::table
            .find(s.member)
            .select(users::email)
            .first(&mut app.conn())
            .unwrap()
    };
    assert_eq!(email(&app), "mia@globex.test");
    assert!(
        app.get_html(&format!("{tab}/{}", s.member))
            .await
            .contains("A change of address to mia@new.test waits")
    );
    assert_eq!(
        Browser::new(&app).get(&taken_link).await.status(),
        StatusCode::GONE
    );

    // Approved at the current address: a link goes to the new one; still nothing changed.
    let approve = email_link(&app, "mia@globex.test", "/email-change/");
    let anon = Browser::new(&app);
    assert!(anon.get_html(&approve).await.contains("mia@new.test"));
    let approved_free = follow(&app, &approve).await;
    assert!(approved_free.contains("We sent a link to mia@new.test"));
    assert_eq!(email(&app), "mia@globex.test");
    assert_eq!(
        mia.get("/profile").await.status(),
        StatusCode::OK,
        "still signed in"
    );

    // Opened at the new address: the change is made, her sessions end, the old address is
    // told.
    let confirm = email_link(&app, "mia@new.test", "/email-change/");
    assert!(
        anon.get_html(&confirm)
            .await
            .contains("Confirm mia@new.test")
    );
    let done = follow(&app, &confirm).await;
    assert!(done.contains("Your sign-in address is now mia@new.test"));
    assert_eq!(email(&app), "mia@new.test");
    assert_redirect_to(&mia.get("/accounts").await, "/login?next=%2Faccounts");
    let told: String = outbox::table
        .filter(outbox::to_address.eq("mia@globex.test"))
        .order_by(outbox::id.desc())
        .select(outbox::subject)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(told, "Your Clientele email address was changed");
    assert_redirect_to(
        &Browser::new(&app).login("mia@new.test", PASSWORD).await,
        "/",
    );
    assert_eq!(anon.get(&confirm).await.status(), StatusCode::GONE);
    let acts = actions(&app);
    for a in [
        "user.email_change_requested",
        "user.email_change_approved",
        "user.email_changed",
    ] {
        assert!(acts.contains(&a.to_owned()), "{a}");
    }

    // Towards an address that has a user: approving answers exactly as for a free one;
    // only that address's own mailbox learns, when it opens its link, and nothing changes.
    assert_redirect_to(
        &edit(&app, &s, s.member, &[("email", "kim@rival.test")]).await,
        &tab,
    );
    let approve = email_link(&app, "mia@new.test", "/email-change/");
    let approved_taken = follow(&app, &approve).await;
    assert_eq!(
        approved_taken.replace("kim@rival.test", "NEW"),
        approved_free.replace("mia@new.test", "NEW")
    );
    let confirm = email_link(&app, "kim@rival.test", "/email-change/");
    assert!(
        follow(&app, &confirm)
            .await
            .contains("already has a Clientele account")
    );
    assert_eq!(email(&app), "mia@new.test");
}

#[tokio::test]
async fn a_group_cannot_move_a_person_to_an_address_it_controls_nor_an_address_onto_its_person() {
    let app = spawn_app().await;
    let s = setup(&app);
    let tab = format!("/groups/{}/clients/{}/users", s.gid, s.cid);
    app.login("boss@acme.test", PASSWORD).await;
    // Mia's address to one the group reads: she must approve it, from her own mailbox.
    assert_redirect_to(
        &edit(&app, &s, s.member, &[("email", "boss+mia@acme.test")]).await,
        &tab,
    );
    let links: i64 = outbox::table
        .filter(outbox::to_address.eq("boss+mia@acme.test"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(
        links, 0,
        "nothing goes to the new address before Mia approves"
    );
    // A user whose mailbox the group reads, moved to someone else's address with open
    // invitations: the approval is the group's own, but the new address must be proven.
    let own = make_member(&mut app.conn(), s.cid, "puppet@acme.test", "member");
    let (other, _) = make_group(&mut app.conn(), "Other", "olga@other.test");
    make_client(&mut app.conn(), other, "Target");
    assert_redirect_to(
        &edit(&app, &s, own, &[("email", "victim@else.test")]).await,
        &tab,
    );
    let approve = email_link(&app, "puppet@acme.test", "/email-change/");
    follow(&app, &approve).await;
    let email: String = users::table
        .find(own)
        .select(users::email)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        email, "puppet@acme.test",
        "only the victim's mailbox can finish it"
    );
}

#[tokio::test]
async fn an_invited_owners_mistyped_address_is_fixed_at_once_alike_for_a_free_or_a_known_one() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    make_group(&mut app.conn(), "Rival", "kim@rival.test");
    app.login("boss@acme.test", PASSWORD).await;
    let mut ids = Vec::new();
    for (name, typo) in [("Globex", "ana@globx.test"), ("Initech", "kim@rivl.test")] {
        let form = [
            ("account_name", name),
            ("address", "1 Main Street"),
            ("language", "en"),
            ("country", "BR"),
            ("owner_first_name", "Ana"),
            ("owner_last_name", "Souza"),
            ("owner_email", typo),
        ];
        let r = app
            .post_form(
                &format!("/groups/{gid}/clients/new"),
                &format!("/groups/{gid}/clients"),
                &form,
            )
            .await;
        let cid: i64 = location(r.headers())
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        ids.push((cid, email_link(&app, typo, "/activate/")));
    }
    let mut flashes = Vec::new();
    let mut rows = Vec::new();
    for ((cid, _), fixed) in ids.iter().zip(["ana@globex.test", "kim@rival.test"]) {
        let tab = format!("/groups/{gid}/clients/{cid}/users");
        let html = app.get_html(&tab).await;
        assert!(html.contains(&format!(r#"href="{tab}/owner""#)));
        let page = format!("{tab}/owner");
        let html = app.get_html(&page).await;
        let r = app
            .post_raw(&page, &user_form(&html, &page, &[("email", fixed)]))
            .await;
        assert_redirect_to(&r, &tab);
        let html = app.get_html(&tab).await;
        flashes.push(flash(&html).replace(fixed, "NEW"));
        let start = html.find("<tbody>").unwrap();
        rows.push(
            html[start..start + html[start..].find("</tbody>").unwrap()]
                .replace(fixed, "NEW")
                .replace(&format!("/clients/{cid}/"), "/clients/CID/"),
        );
    }
    assert_eq!(flashes[0], flashes[1]);
    assert_eq!(rows[0], rows[1]);
    assert!(flashes[0].contains("The address is now NEW"));
    // Both show the fixed address as the pending owner, with the same days left.
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    for ((cid, _), email) in ids.iter().zip(["ana@globex.test", "kim@rival.test"]) {
        let start = list.find(&format!(r#"data-client-id="{cid}""#)).unwrap();
        let row = &list[start..start + list[start..].find("</tr>").unwrap()];
        assert!(
            row.contains(email) && row.contains("owner pending, expires in 14 days"),
            "{row}"
        );
    }
    // A new link went to each fixed address; the mistyped ones open nothing now.
    for ((_, old), fixed) in ids.iter().zip(["ana@globex.test", "kim@rival.test"]) {
        email_link(&app, fixed, "/activate/");
        // The closed invitation's page, where the link is (its secret opens nothing).
        for page in [old.clone(), old.replace("/activate/", "/invitations/")] {
            let r = Browser::new(&app).get(&page).await;
            assert_eq!(r.status(), StatusCode::GONE);
            assert!(r.text().await.unwrap().contains("withdrawn"));
        }
    }
    // No user was ever made for the mistyped addresses.
    let left: i64 = users::table
        .filter(users::email.eq_any(["ana@globx.test", "kim@rivl.test"]))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn an_owner_from_before_invitations_who_never_activated_becomes_an_invitation() {
    use clientele::models::{membership, user};
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "boss@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    // An owner made the old way: a user without a password, owner of the client.
    let now = clientele::db::now();
    let uid = user::insert(
        &mut app.conn(),
        &user::NewUser {
            email: "ana@globx.test",
            first_name: "Ana",
            last_name: "Souza",
            language: "en",
            password_hash: None,
            activated_at: None,
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap();
    membership::add_owner(&mut app.conn(), cid, uid, now).unwrap();
    let secret = clientele::auth::tokens::new_token();
    clientele::models::token::insert(
        &mut app.conn(),
        &clientele::models::token::NewToken {
            purpose: clientele::models::token::PURPOSE_ACTIVATION,
            token_hash: &clientele::auth::tokens::hash_token(&secret),
            user_id: Some(uid),
            email: Some("ana@globx.test"),
            account_id: Some(cid),
            created_at: now,
            expires_at: now + clientele::models::token::ACTIVATION_LIFETIME,
        },
    )
    .unwrap();
    app.login("boss@acme.test", PASSWORD).await;
    let s = Setup {
        gid,
        cid,
        member: uid,
        owner: uid,
    };
    let tab = format!("/groups/{gid}/clients/{cid}/users");
    assert_redirect_to(
        &edit(&app, &s, uid, &[("email", "ana@globex.test")]).await,
        &tab,
    );
    let html = app.get_html(&tab).await;
    assert!(flash(&html).contains("The address is now ana@globex.test"));
    assert!(html.contains(r#"data-invited-owner="true""#));
    email_link(&app, "ana@globex.test", "/activate/");
    // The old activation link opens nothing now.
    assert_eq!(
        Browser::new(&app)
            .get(&format!("/activate/{secret}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let gone: i64 = users::table
        .filter(users::email.eq("ana@globx.test"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(gone, 0);
}
