//! The client list and forms of the group console, owner activation and its expiry.

use clientele::auth::scope::group_scope;
use clientele::db;
use clientele::db::ids::GroupId;
use clientele::db::schema::{accounts, audit_events, outbox, users};
use clientele::services::audit::Actor;
use clientele::services::client_rules::{ClientFields, OwnerFields};
use clientele::services::clients;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

/// A client made through the service (for lists that need many).
pub struct Seed<'a> {
    pub name: &'a str,
    pub company: &'a str,
    pub custom_id: Option<&'a str>,
    pub unique_identifier: Option<&'a str>,
    pub seller: Option<i64>,
    pub test: bool,
    pub active: bool,
    pub owner: &'a str,
}

impl Default for Seed<'_> {
    fn default() -> Self {
        Seed {
            name: "",
            company: "",
            custom_id: None,
            unique_identifier: None,
            seller: None,
            test: false,
            active: true,
            owner: "",
        }
    }
}

pub fn seed(conn: &mut clientele::db::DbConn, gid: i64, s: Seed) -> i64 {
    // The scope the group's owner gets, through the one check that hands scopes out.
    let owner_id: i64 = clientele::db::schema::memberships::table
        .filter(clientele::db::schema::memberships::account_id.eq(gid))
        .filter(clientele::db::schema::memberships::role.eq("owner"))
        .select(clientele::db::schema::memberships::user_id)
        .first(conn)
        .unwrap();
    let memberships = clientele::models::membership::of_user(conn, owner_id).unwrap();
    let scope = group_scope(&memberships, GroupId(gid)).unwrap();
    let fields = ClientFields {
        account_name: s.name.into(),
        company_name: s.company.into(),
        unique_identifier: s.unique_identifier.map(Into::into),
        billing_emails: vec![],
        active: s.active,
        custom_id: s.custom_id.map(Into::into),
        seller_id: s.seller,
        test_account: s.test,
        language: "en".into(),
        country: "BR".into(),
        region: String::new(),
        city: String::new(),
        address: "1 Main St".into(),
        postal_code: String::new(),
    };
    let owner_email = if s.owner.is_empty() {
        format!("owner.{}@clients.test", s.name.len() + rand_suffix())
    } else {
        s.owner.to_owned()
    };
    let owner = OwnerFields {
        first_name: "Own".into(),
        last_name: "Er".into(),
        email: owner_email,
        password: Some(PASSWORD.into()),
    };
    let new = clients::NewClient {
        fields,
        owner,
        owner_hash: Some("x".into()),
        services: None,
    };
    clients::create(conn, &scope, &new, &Actor::cli(), "http://clientele.test").expect("valid seed")
}

fn rand_suffix() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(1000);
    N.fetch_add(1, Ordering::Relaxed)
}

/// The client ids of a list page, in order.
pub fn ids_in(html: &str) -> Vec<i64> {
    html.split("data-client-id=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect()
}

pub fn full_form<'a>(name: &'a str, owner_email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("account_name", name),
        ("company_name", "Globex Ltda."),
        ("unique_identifier", "12.345.678/0001-90"),
        ("billing_emails", "billing@globex.test\nfinance@globex.test"),
        ("active", "on"),
        ("custom_id", "GLX-1"),
        ("language", "pt-BR"),
        ("country", "BR"),
        ("region", "SP"),
        ("city", "São Paulo"),
        ("address", "Av. Paulista, 1000"),
        ("postal_code", "01310-100"),
        ("owner_first_name", "Ana"),
        ("owner_last_name", "Souza"),
        ("owner_email", owner_email),
    ]
}

/// The owner's invitation page, from the activation link in the last email to `to`.
pub fn owner_link(app: &TestApp, to: &str) -> String {
    activation_link(app, to).replace("/activate/", "/invitations/")
}

pub fn activation_link(app: &TestApp, to: &str) -> String {
    let body: String = outbox::table
        .filter(outbox::to_address.eq(to))
        .order_by(outbox::id.desc())
        .select(outbox::body_text)
        .first(&mut app.conn())
        .expect("an activation email in the outbox");
    let start = body
        .find("http://clientele.test/activate/")
        .expect("a link under BASE_URL");
    let link = body[start..].split_whitespace().next().unwrap();
    link_path(link.trim_start_matches("http://clientele.test"))
}

#[tokio::test]
async fn adding_a_client_emails_the_owner_who_activates_and_lands_in_the_client_area() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;

    let new_page = format!("/groups/{gid}/clients/new");
    let html = app.get_html(&new_page).await;
    for section in ["Main settings", "Address information", "Account owner"] {
        assert!(
            html.contains(&format!("<legend>{section}</legend>")),
            "{section}"
        );
    }
    let r = app
        .post_form(
            &new_page,
            &format!("/groups/{gid}/clients"),
            &full_form("Globex Brasil", "Ana@Globex.test"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(r.headers());
    let cid: i64 = to.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(to, format!("/groups/{gid}/clients/{cid}"));
    let html = app.get_html(&to).await;
    assert!(html.contains("Client Globex Brasil created.") && html.contains("emailed a link"));
    assert!(
        html.contains(r#"value="GLX-1""#)
            && html.contains("São Paulo")
            && html.contains("Owner pending")
    );
    assert!(html.contains("the link expires in 14 days"));

    // The list shows the owner as pending.
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert_eq!(ids_in(&list), [cid]);
    assert!(list.contains("ana@globex.test") && list.contains("owner pending, expires in 14 days"));

    // The email, in the client's language, links under BASE_URL.
    let subject: String = outbox::table
        .filter(outbox::to_address.eq("ana@globex.test"))
        .select(outbox::subject)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(subject, "Sua conta de cliente Globex Brasil no Clientele");
    let link = owner_link(&app, "ana@globex.test");
    // Handed to lettre by the worker, it becomes an .eml file in the app's mail folder.
    let mut config = test_config(&TestDb::new());
    config.mail = clientele::config::MailUrl::File(app.mail_dir.clone().unwrap());
    let mailer = clientele::mail::transport::Mailer::from_config(&config).unwrap();
    let report = clientele::mail::worker::deliver_due(&app.pool, &mailer, clientele::db::now())
        .await
        .unwrap();
    assert_eq!(report.sent, 1);
    let eml: Vec<String> = std::fs::read_dir(app.mail_dir.as_ref().unwrap())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(eml.len(), 1);
    assert!(
        eml[0].contains("To: ana@globex.test")
            && eml[0].contains("Subject: Sua conta de cliente Globex Brasil no Clientele"),
        "{}",
        &eml[0][..300]
    );

    // The owner, in their own browser: the name staff typed, a password to choose.
    let owner = crate::helpers::Browser::new(&app);
    let page = owner.get_html(&link).await;
    assert!(page.contains("Globex Brasil") && page.contains("ana@globex.test"));
    assert!(page.contains(r#"value="Ana""#) && page.contains(r#"value="Souza""#));
    let accept = format!("{link}/accept");
    let names = [("first_name", "Ana"), ("last_name", "Souza")];
    let with = |pw: &'static str, again: &'static str| {
        let mut f = names.to_vec();
        f.extend([("password", pw), ("password_confirm", again)]);
        f
    };
    let r = owner
        .post_form(&link, &accept, &with("short", "short"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = owner
        .post_form(&link, &accept, &with("a long secret!", "a different one"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"data-error-for="password_confirm""#)
    );
    let r = owner
        .post_form(&link, &accept, &with("a long secret!", "a long secret!"))
        .await;
    assert_redirect_to(&r, &format!("/portal/{cid}"));
    let home = owner.get_html(&format!("/portal/{cid}")).await;
    // The owner was made with the client's language (pt-BR): the client area speaks it.
    assert!(home.contains(r#"<html lang="pt-BR">"#));
    assert!(home.contains("Globex Brasil") && home.contains("Boas-vindas a Globex Brasil"));
    assert!(home.contains("Ana Souza &lt;ana@globex.test&gt;") && home.contains("Em preparação"));
    // Single use.
    let again = owner.get(&link).await;
    assert_eq!(again.status(), StatusCode::GONE);
    assert!(again.text().await.unwrap().contains("Convite já aceito"));
    // And a sign-in with the new password works.
    let fresh = crate::helpers::Browser::new(&app);
    assert_redirect_to(&fresh.login("ana@globex.test", "a long secret!").await, "/");
    assert_redirect_to(&fresh.get("/").await, &format!("/portal/{cid}"));
    // The console shows the owner, no longer pending.
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(!owner_cell(&list, cid, "ana@globex.test").contains("pending"));

    // Audited, without secrets.
    let actions: Vec<(String, String)> = audit_events::table
        .filter(audit_events::account_id.eq(cid))
        .order_by(audit_events::id.asc())
        .select((audit_events::action, audit_events::changes))
        .load(&mut app.conn())
        .unwrap();
    let names: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(names, ["client.created", "owner.activated"]);
    assert!(actions[0].1.contains("Globex Brasil") && actions[0].1.contains("ana@globex.test"));
    assert!(
        !actions
            .iter()
            .any(|(_, c)| c.contains("password") || c.contains("secret"))
    );
}

/// The rows of a client's Users tab, with `email` written as `EMAIL`.
async fn users_rows(app: &TestApp, gid: i64, cid: i64, email: &str) -> String {
    let html = app
        .get_html(&format!("/groups/{gid}/clients/{cid}/users"))
        .await;
    let start = html.find("<tbody>").expect("a users table");
    html[start..start + html[start..].find("</tbody>").unwrap()]
        .replace(email, "EMAIL")
        .replace(&format!("/clients/{cid}/"), "/clients/CID/")
}

/// The text of the flash on this page, with `name` written as `NAME`.
pub fn flash_of(html: &str, name: &str) -> String {
    let start = html.find(r#"role="status""#).expect("a flash");
    let text = &html[start..];
    let end = text.find("</").unwrap();
    text[..end].replace(name, "NAME")
}

/// The owner box of a client's edit page, with `email` written as `EMAIL`.
pub fn owner_box(html: &str, cid: i64, email: &str) -> String {
    let start = html.find("owner-box").expect("the owner box");
    let end = start + html[start..].find("</section>").unwrap();
    html[start..end]
        .replace(email, "EMAIL")
        .replace(&format!("/clients/{cid}/"), "/clients/CID/")
}

/// The owner cell of a client's row in the list, with `email` written as `EMAIL`.
fn owner_cell(html: &str, cid: i64, email: &str) -> String {
    let start = html
        .find(&format!(r#"data-client-id="{cid}""#))
        .expect("the row");
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    let cell = row.find(email).expect("the owner's email in the row");
    row[cell..]
        .split("</td>")
        .next()
        .unwrap()
        .replace(email, "EMAIL")
}

/// Adds a client named `name` owned by `email` (with a typed password when given) and
/// returns its id and the page the answer leads to.
pub async fn add_client(
    app: &TestApp,
    gid: i64,
    name: &str,
    email: &str,
    password: Option<&str>,
) -> (i64, String) {
    let mut form = full_form(name, email);
    form.retain(|(k, _)| !["unique_identifier", "custom_id"].contains(k));
    if let Some(pw) = password {
        form.push(("owner_password", pw));
    }
    let r = app
        .post_form(
            &format!("/groups/{gid}/clients/new"),
            &format!("/groups/{gid}/clients"),
            &form,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(r.headers());
    let cid = to.rsplit('/').next().unwrap().parse().unwrap();
    (cid, app.get_html(&to).await)
}

pub fn audit_actions(app: &TestApp, cid: i64) -> Vec<String> {
    audit_events::table
        .filter(audit_events::account_id.eq(cid))
        .order_by(audit_events::id.asc())
        .select(audit_events::action)
        .load(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn an_owner_named_by_a_known_address_is_invited_and_the_console_cannot_tell() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    // Kim already uses Clientele, in another group, in Spanish.
    let (rival, _) = make_group(&mut app.conn(), "Rival", "kim@rival.test");
    diesel::update(users::table.filter(users::email.eq("kim@rival.test")))
        .set(users::language.eq("es"))
        .execute(&mut app.conn())
        .unwrap();
    app.login("owner@acme.test", PASSWORD).await;
    let (known, known_page) = add_client(&app, gid, "Known Co", "KIM@rival.test", None).await;
    let (fresh, fresh_page) = add_client(&app, gid, "Fresh Co", "new@fresh.test", None).await;

    // The same words, the same owner box, the same list cell, the same days left.
    assert_eq!(
        flash_of(&known_page, "Known Co"),
        flash_of(&fresh_page, "Fresh Co")
    );
    assert!(flash_of(&fresh_page, "Fresh Co").contains("emailed a link"));
    assert_eq!(
        owner_box(&known_page, known, "kim@rival.test"),
        owner_box(&fresh_page, fresh, "new@fresh.test")
    );
    assert!(owner_box(&known_page, known, "kim@rival.test").contains("Owner pending"));
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert_eq!(
        owner_cell(&list, known, "kim@rival.test"),
        owner_cell(&list, fresh, "new@fresh.test")
    );
    assert!(
        owner_cell(&list, known, "kim@rival.test").contains("owner pending, expires in 14 days")
    );
    assert_eq!(audit_actions(&app, known), audit_actions(&app, fresh));

    // The same row on the Users tab, found alike by a search for the owner's address.
    assert_eq!(
        users_rows(&app, gid, known, "kim@rival.test").await,
        users_rows(&app, gid, fresh, "new@fresh.test").await
    );
    for (cid, q) in [(known, "kim@rival"), (fresh, "new@fresh")] {
        let found = app.get_html(&format!("/groups/{gid}/clients?q={q}")).await;
        assert_eq!(ids_in(&found), [cid], "{q}");
    }

    // Nobody is the owner yet: each address got the same invitation, in the client's
    // language, with the same subject.
    assert_eq!(
        clientele::db::schema::memberships::table
            .filter(clientele::db::schema::memberships::account_id.eq_any([known, fresh]))
            .count()
            .get_result::<i64>(&mut app.conn())
            .unwrap(),
        0
    );
    let subjects: Vec<(String, String, String)> = outbox::table
        .order_by(outbox::id.asc())
        .select((outbox::to_address, outbox::subject, outbox::language))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        subjects,
        [
            (
                "kim@rival.test".into(),
                "Sua conta de cliente Known Co no Clientele".into(),
                "pt-BR".into()
            ),
            (
                "new@fresh.test".into(),
                "Sua conta de cliente Fresh Co no Clientele".into(),
                "pt-BR".into()
            ),
        ]
    );
    owner_link(&app, "new@fresh.test");
    let link = owner_link(&app, "kim@rival.test");

    // Kim opens it, signs in with her own password (no new one), and accepts.
    let kim = Browser::new(&app);
    assert!(
        kim.get_html(&link)
            .await
            .contains(&format!("/login?next={}", referenced(&link)))
    );
    assert_redirect_to(&kim.login("kim@rival.test", PASSWORD).await, "/");
    assert_redirect_to(&kim.get("/").await, "/accounts");
    assert!(kim.get_html("/accounts").await.contains("Known Co"));
    let r = kim.post_form(&link, &format!("{link}/accept"), &[]).await;
    assert_redirect_to(&r, &format!("/portal/{known}"));
    let role: String = clientele::db::schema::memberships::table
        .filter(clientele::db::schema::memberships::account_id.eq(known))
        .select(clientele::db::schema::memberships::role)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(role, "owner");
    // Her other account still opens; the console shows her as the owner, no longer pending.
    assert_eq!(
        kim.get(&format!("/groups/{rival}/clients")).await.status(),
        StatusCode::OK
    );
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(!owner_cell(&list, known, "kim@rival.test").contains("pending"));
    assert_eq!(
        audit_actions(&app, known),
        ["client.created", "owner.activated"]
    );
}

#[tokio::test]
async fn a_typed_password_opens_nothing_until_the_address_is_confirmed_and_never_an_existing_user()
{
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    make_group(&mut app.conn(), "Rival", "kim@rival.test");
    app.login("owner@acme.test", PASSWORD).await;
    let typed = "typed by staff 123";
    let (known, known_page) =
        add_client(&app, gid, "Known Co", "kim@rival.test", Some(typed)).await;
    let (fresh, fresh_page) =
        add_client(&app, gid, "Initech", "bill@initech.test", Some(typed)).await;
    assert_eq!(
        flash_of(&known_page, "Known Co"),
        flash_of(&fresh_page, "Initech")
    );
    assert_eq!(
        owner_box(&known_page, known, "kim@rival.test"),
        owner_box(&fresh_page, fresh, "bill@initech.test")
    );
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert_eq!(
        owner_cell(&list, known, "kim@rival.test"),
        owner_cell(&list, fresh, "bill@initech.test")
    );
    assert_eq!(audit_actions(&app, known), audit_actions(&app, fresh));

    // Staff cannot use the password they typed to learn anything: it opens nothing, for
    // either address, until the address is confirmed from the emailed link.
    let b = Browser::new(&app);
    for email in ["kim@rival.test", "bill@initech.test"] {
        assert_eq!(
            b.login(email, typed).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{email}"
        );
    }
    // Kim signs in with her own password; the typed one is never hers.
    assert_redirect_to(&b.login("kim@rival.test", PASSWORD).await, "/");

    // Bill opens his link: his name, no password to choose, a confirmation.
    let link = owner_link(&app, "bill@initech.test");
    let bill = Browser::new(&app);
    let page = bill.get_html(&link).await;
    assert!(page.contains(r#"value="Ana""#) && !page.contains(r#"name="password""#));
    let r = bill
        .post_form(
            &link,
            &format!("{link}/accept"),
            &[("first_name", "Bill"), ("last_name", "Lumbergh")],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{fresh}"));
    let again = Browser::new(&app);
    assert_redirect_to(&again.login("bill@initech.test", typed).await, "/");
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(!owner_cell(&list, fresh, "bill@initech.test").contains("pending"));
    assert_eq!(
        audit_actions(&app, fresh),
        ["client.created", "owner.activated"]
    );
    // Kim's link asks her to sign in; she accepts with her own password, and the typed
    // one still opens nothing.
    let kim_link = owner_link(&app, "kim@rival.test");
    let kim = Browser::new(&app);
    assert!(
        kim.get_html(&kim_link)
            .await
            .contains(&format!("/login?next={}", referenced(&kim_link)))
    );
    assert_redirect_to(&kim.login("kim@rival.test", PASSWORD).await, "/");
    let r = kim
        .post_form(&kim_link, &format!("{kim_link}/accept"), &[])
        .await;
    assert_redirect_to(&r, &format!("/portal/{known}"));
    assert_eq!(
        Browser::new(&app)
            .login("kim@rival.test", typed)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_redirect_to(
        &Browser::new(&app).login("kim@rival.test", PASSWORD).await,
        "/",
    );
}

#[tokio::test]
async fn resending_and_expiry_read_the_same_for_an_invited_and_a_new_owner() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    make_group(&mut app.conn(), "Rival", "kim@rival.test");
    app.login("owner@acme.test", PASSWORD).await;
    let (known, _) = add_client(&app, gid, "Known Co", "kim@rival.test", None).await;
    let (fresh, _) = add_client(&app, gid, "Fresh Co", "new@fresh.test", None).await;
    let (typed, _) = add_client(
        &app,
        gid,
        "Typed Co",
        "typed@typed.test",
        Some("a typed password"),
    )
    .await;
    let old_invitation = owner_link(&app, "kim@rival.test");
    let old_fresh = owner_link(&app, "new@fresh.test");

    let resend = |cid: i64| {
        let app = &app;
        async move {
            let page = format!("/groups/{gid}/clients/{cid}");
            let r = app
                .post_form(&page, &format!("{page}/owner/resend-activation"), &[])
                .await;
            assert_redirect_to(&r, &page);
            app.get_html(&page).await
        }
    };
    // Sent within the first minute: all refused alike.
    for (cid, name) in [
        (known, "Known Co"),
        (fresh, "Fresh Co"),
        (typed, "Typed Co"),
    ] {
        let html = resend(cid).await;
        assert!(html.contains("less than a minute ago"), "{name}");
    }
    // A minute later: a new link for each, the old one void.
    diesel::update(clientele::db::schema::invitations::table)
        .set(
            clientele::db::schema::invitations::sent_at
                .eq(db::now() - chrono::Duration::minutes(2)),
        )
        .execute(&mut app.conn())
        .unwrap();
    let a = resend(known).await;
    let b = resend(fresh).await;
    assert_eq!(
        flash_of(&a, "kim@rival.test"),
        flash_of(&b, "new@fresh.test")
    );
    assert!(flash_of(&a, "kim@rival.test").contains("A new link was sent to NAME"));
    assert_ne!(owner_link(&app, "kim@rival.test"), old_invitation);
    assert_eq!(
        Browser::new(&app).get(&old_invitation).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_ne!(owner_link(&app, "new@fresh.test"), old_fresh);
    assert_eq!(
        Browser::new(&app).get(&old_fresh).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(
        resend(typed)
            .await
            .contains("A new link was sent to typed@typed.test")
    );

    // After 14 days nobody is pending any more: no owner, recorded alike.
    clientele::jobs::run_all(
        &mut app.conn(),
        db::now() + chrono::Duration::days(15),
        "http://clientele.test",
    )
    .unwrap();
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    for cid in [known, fresh, typed] {
        let start = list.find(&format!(r#"data-client-id="{cid}""#)).unwrap();
        let row = &list[start..start + list[start..].find("</tr>").unwrap()];
        assert!(row.contains("no owner"), "{cid}: {row}");
    }
    assert_eq!(audit_actions(&app, known), audit_actions(&app, fresh));
    assert_eq!(
        audit_actions(&app, known).last().map(String::as_str),
        Some("owner.activation_expired")
    );
    // No user was ever made for the new addresses; Kim stays.
    for (email, left) in [
        ("new@fresh.test", 0),
        ("typed@typed.test", 0),
        ("kim@rival.test", 1),
    ] {
        let n: i64 = users::table
            .filter(users::email.eq(email))
            .count()
            .get_result(&mut app.conn())
            .unwrap();
        assert_eq!(n, left, "{email}");
    }
}

/// The reminders the job queued so far: (to, subject, text), oldest first.
fn reminders(app: &TestApp) -> Vec<(String, String, String)> {
    outbox::table
        .filter(outbox::template.eq("owner_reminder"))
        .order_by(outbox::id.asc())
        .select((outbox::to_address, outbox::subject, outbox::body_text))
        .load(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn a_pending_owner_is_reminded_once_on_day_eleven_with_a_new_link() {
    use clientele::db::schema::invitations;
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    make_group(&mut app.conn(), "Rival", "kim@rival.test");
    app.login("owner@acme.test", PASSWORD).await;
    // A new address and a known one (the client's language, pt-BR, for both), and an owner
    // who accepts at once (never reminded).
    let (fresh, _) = add_client(&app, gid, "Fresh Co", "new@fresh.test", None).await;
    let (known, _) = add_client(&app, gid, "Known Co", "kim@rival.test", None).await;
    let (done, _) = add_client(&app, gid, "Done Co", "done@done.test", None).await;
    let first_link = owner_link(&app, "new@fresh.test");
    let done_link = owner_link(&app, "done@done.test");
    let r = Browser::new(&app)
        .post_form(
            &done_link,
            &format!("{done_link}/accept"),
            &[
                ("first_name", "Dora"),
                ("last_name", "Done"),
                ("password", "a long secret!"),
                ("password_confirm", "a long secret!"),
            ],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{done}"));
    let run = |days: i64, hours: i64| {
        let at = db::now() + chrono::Duration::days(days) + chrono::Duration::hours(hours);
        clientele::jobs::run_all(&mut app.conn(), at, "http://clientele.test").unwrap()
    };

    // Day 10: nothing yet. Day 11: one reminder each, in Portuguese, with a new link.
    run(9, 23);
    assert!(reminders(&app).is_empty());
    run(10, 1);
    let sent = reminders(&app);
    let to: Vec<&str> = sent.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(to, ["new@fresh.test", "kim@rival.test"]);
    assert!(sent[0].1.starts_with("Lembrete"), "{}", sent[0].1);
    assert!(sent[0].2.contains("Fresh Co") && sent[0].2.contains("e-mail anterior"));
    // The reminder's link opens the invitation, and so does the first email's still.
    let reminded_link = owner_link(&app, "new@fresh.test");
    assert_ne!(reminded_link, first_link);
    for link in [&reminded_link, &first_link] {
        Browser::new(&app).get_html(link).await;
    }
    // Once: later runs send nothing more (several instances at once: reliability.rs).
    run(11, 0);
    run(12, 0);
    assert_eq!(reminders(&app).len(), 2);
    // In the client's history, for the new and the known address alike; not for Done Co.
    assert_eq!(audit_actions(&app, fresh), audit_actions(&app, known));
    assert!(audit_actions(&app, fresh).contains(&"owner.activation_reminded".to_owned()));
    assert!(!audit_actions(&app, done).contains(&"owner.activation_reminded".to_owned()));
    let history = app
        .get_html(&format!("/groups/{gid}/clients/{fresh}/history"))
        .await;
    assert!(history.contains("Reminder sent to the owner"), "{history}");

    // The list's "expires in N days" turns amber in the last three days only.
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(!owner_cell(&list, fresh, "new@fresh.test").contains("expiring-soon"));
    diesel::update(invitations::table.filter(invitations::email.eq("new@fresh.test")))
        .set(invitations::expires_at.eq(db::now() + chrono::Duration::hours(60)))
        .execute(&mut app.conn())
        .unwrap();
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    let cell = owner_cell(&list, fresh, "new@fresh.test");
    assert!(
        cell.contains("expiring-soon") && cell.contains("expires in 3 days"),
        "{cell}"
    );
    assert!(!owner_cell(&list, known, "kim@rival.test").contains("expiring-soon"));
    let edit = app
        .get_html(&format!("/groups/{gid}/clients/{fresh}"))
        .await;
    assert!(owner_box(&edit, fresh, "new@fresh.test").contains("expiring-soon"));

    // Resend starts a new 14 days, and with them a new reminder on their day 11.
    diesel::update(invitations::table)
        .set(invitations::sent_at.eq(db::now() - chrono::Duration::minutes(2)))
        .execute(&mut app.conn())
        .unwrap();
    let page = format!("/groups/{gid}/clients/{fresh}");
    let r = app
        .post_form(&page, &format!("{page}/owner/resend-activation"), &[])
        .await;
    assert_redirect_to(&r, &page);
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    let cell = owner_cell(&list, fresh, "new@fresh.test");
    assert!(
        cell.contains("expires in 14 days") && !cell.contains("expiring-soon"),
        "{cell}"
    );
    // The new link works; the two sent before it do not.
    for link in [&reminded_link, &first_link] {
        assert_eq!(
            Browser::new(&app).get(link).await.status(),
            StatusCode::NOT_FOUND
        );
    }
    Browser::new(&app)
        .get_html(&owner_link(&app, "new@fresh.test"))
        .await;
    run(9, 0);
    assert_eq!(reminders(&app).len(), 2);
    run(10, 1);
    let sent = reminders(&app);
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[2].0, "new@fresh.test");
}

#[tokio::test]
async fn every_field_is_validated_and_what_was_typed_is_kept() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let (other, _) = make_group(&mut conn, "Rival", "owner@rival.test");
    let rival_seller = make_member(&mut conn, other, "seller@rival.test", "seller");
    seed(
        &mut conn,
        gid,
        Seed {
            name: "Globex",
            custom_id: Some("GLX-1"),
            unique_identifier: Some("ABC-1"),
            ..Default::default()
        },
    );
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let new_page = format!("/groups/{gid}/clients/new");
    let post = format!("/groups/{gid}/clients");
    let seller = rival_seller.to_string();
    let long_company = "c".repeat(201);
    let long_postal = "9".repeat(21);
    let r = app
        .post_form(
            &new_page,
            &post,
            &[
                ("account_name", "  GLOBEX "),
                ("company_name", &long_company),
                ("unique_identifier", "abc-1"),
                ("billing_emails", "ok@x.test, not-an-email"),
                ("custom_id", "glx-1"),
                ("seller_id", &seller),
                ("language", "fr"),
                ("country", "ZZ"),
                ("address", ""),
                ("postal_code", &long_postal),
                ("owner_first_name", ""),
                ("owner_last_name", "Souza"),
                ("owner_email", "nope"),
                ("owner_password", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    for field in [
        "company_name",
        "billing_emails",
        "language",
        "country",
        "address",
        "postal_code",
        "owner_first_name",
        "owner_email",
        "owner_password",
    ] {
        assert!(
            html.contains(&format!(r#"data-error-for="{field}""#)),
            "error for {field}"
        );
    }
    assert!(html.contains("not-an-email is not a valid email address."));
    assert!(
        html.contains(r#"value="Souza""#) && html.contains("ok@x.test, not-an-email"),
        "values kept"
    );
    assert!(!html.contains("short\""), "the password is not sent back");
    assert_eq!(clients_in_group(&app, gid), 1);

    // With the field rules met, the group rules: names and ids unique across case, and a
    // seller of this group only.
    let r = app
        .post_form(
            &new_page,
            &post,
            &[
                ("account_name", "  GLOBEX "),
                ("unique_identifier", "abc-1"),
                ("custom_id", "glx-1"),
                ("seller_id", &seller),
                ("address", "1 Main St"),
                ("owner_first_name", "Ana"),
                ("owner_last_name", "Souza"),
                ("owner_email", "ana@x.test"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    for field in [
        "account_name",
        "unique_identifier",
        "custom_id",
        "seller_id",
    ] {
        assert!(
            html.contains(&format!(r#"data-error-for="{field}""#)),
            "error for {field}"
        );
    }
    assert!(html.contains("Another client of this group has this name."));
    assert!(
        !html.contains(&format!(r#"value="{seller}""#)),
        "a foreign seller is not offered"
    );
    assert_eq!(clients_in_group(&app, gid), 1);
}

#[tokio::test]
async fn markup_in_every_column_is_shown_as_text() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let evil = "<script>alert(1)</script>";
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let seller = make_member(&mut conn, gid, "seller@acme.test", "seller");
    diesel::update(users::table.find(seller))
        .set(users::first_name.eq(evil))
        .execute(&mut conn)
        .unwrap();
    let cid = seed(
        &mut conn,
        gid,
        Seed {
            name: evil,
            company: evil,
            custom_id: Some(evil),
            seller: Some(seller),
            ..Default::default()
        },
    );
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    for path in [
        format!("/groups/{gid}/clients"),
        format!("/groups/{gid}/clients/{cid}"),
        format!("/groups/{gid}/clients?q=%3Cscript"),
    ] {
        let html = app.get_html(&path).await;
        assert!(!html.contains(evil), "{path}");
        assert!(
            html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn sorting_by_every_key_in_both_directions() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let zoe = make_member(&mut conn, gid, "zoe@acme.test", "seller");
    let ana = make_member(&mut conn, gid, "ana@acme.test", "seller");
    diesel::update(users::table.find(zoe))
        .set((users::first_name.eq("zoë"), users::last_name.eq("Z")))
        .execute(&mut conn)
        .unwrap();
    diesel::update(users::table.find(ana))
        .set((users::first_name.eq("Ana"), users::last_name.eq("A")))
        .execute(&mut conn)
        .unwrap();
    let b = seed(
        &mut conn,
        gid,
        Seed {
            name: "beta",
            company: "Zulu",
            seller: Some(zoe),
            ..Default::default()
        },
    );
    let a = seed(
        &mut conn,
        gid,
        Seed {
            name: "Alpha",
            company: "yankee",
            seller: None,
            active: false,
            ..Default::default()
        },
    );
    let c = seed(
        &mut conn,
        gid,
        Seed {
            name: "CHARLIE",
            company: "xray",
            seller: Some(ana),
            ..Default::default()
        },
    );
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let list = |q: &'static str| {
        let path = format!("/groups/{gid}/clients?{q}");
        let app = &app;
        async move { ids_in(&app.get_html(&path).await) }
    };
    assert_eq!(list("").await, [a, b, c], "name, case-insensitive");
    assert_eq!(list("sort=name&dir=desc").await, [c, b, a]);
    assert_eq!(list("sort=company").await, [c, a, b]);
    assert_eq!(list("sort=company&dir=desc").await, [b, a, c]);
    // Status: preparation before disabled; ties by name, in the sort's direction.
    assert_eq!(list("sort=status").await, [b, c, a]);
    assert_eq!(list("sort=status&dir=desc").await, [a, c, b]);
    assert_eq!(list("sort=created").await, [b, a, c]);
    assert_eq!(list("sort=created&dir=desc").await, [c, a, b]);
    // Sellers by name (Ana, zoë), no seller last.
    assert_eq!(list("sort=seller").await, [c, b, a]);
    assert_eq!(list("sort=seller&dir=desc").await, [a, b, c]);

    let html = app
        .get_html(&format!("/groups/{gid}/clients?sort=company&dir=desc"))
        .await;
    assert!(html.contains(r#"aria-sort="descending""#));
    assert_eq!(
        html.matches("aria-sort=").count(),
        1,
        "only the sorted column"
    );
}

#[tokio::test]
async fn filters_search_and_their_combinations() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let sam = make_member(&mut conn, gid, "sam@acme.test", "seller");
    let kim = make_member(&mut conn, gid, "kim@acme.test", "seller");
    let globex = seed(
        &mut conn,
        gid,
        Seed {
            name: "Globex",
            company: "Globex Corp",
            custom_id: Some("CRM-7"),
            seller: Some(sam),
            owner: "hank@globex.test",
            ..Default::default()
        },
    );
    let initech = seed(
        &mut conn,
        gid,
        Seed {
            name: "Initech",
            company: "Initech 100%_off",
            unique_identifier: Some("LEGAL-42"),
            seller: Some(kim),
            ..Default::default()
        },
    );
    let umbrella = seed(
        &mut conn,
        gid,
        Seed {
            name: "Umbrella",
            company: "Umbrella plc",
            active: false,
            ..Default::default()
        },
    );
    let sandbox = seed(
        &mut conn,
        gid,
        Seed {
            name: "Sandbox",
            company: "Globex QA",
            seller: Some(sam),
            test: true,
            ..Default::default()
        },
    );
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let list = |q: String| {
        let path = format!("/groups/{gid}/clients?{q}");
        let app = &app;
        async move {
            let mut ids = ids_in(&app.get_html(&path).await);
            ids.sort();
            ids
        }
    };
    let sorted = |mut v: Vec<i64>| {
        v.sort();
        v
    };
    assert_eq!(
        list(String::new()).await,
        sorted(vec![globex, initech, umbrella]),
        "test accounts hidden"
    );
    assert_eq!(list("test=true".into()).await, [sandbox]);
    assert_eq!(
        list("test=all".into()).await,
        sorted(vec![globex, initech, umbrella, sandbox])
    );
    assert_eq!(list("status=disabled".into()).await, [umbrella]);
    assert_eq!(
        list("status=preparation".into()).await,
        sorted(vec![globex, initech])
    );
    assert_eq!(list(format!("seller={sam}")).await, [globex]);
    assert_eq!(
        list(format!("seller={sam}&test=all")).await,
        sorted(vec![globex, sandbox])
    );
    assert_eq!(list("seller=none".into()).await, [umbrella]);
    assert_eq!(
        list("seller=me".into()).await,
        Vec::<i64>::new(),
        "the owner sells nothing"
    );
    // Search: name, company, custom id, unique identifier, owner email; any case.
    assert_eq!(list("q=GLOBEX".into()).await, [globex]);
    assert_eq!(
        list("q=globex&test=all".into()).await,
        sorted(vec![globex, sandbox])
    );
    assert_eq!(list("q=crm-7".into()).await, [globex]);
    assert_eq!(list("q=legal-4".into()).await, [initech]);
    assert_eq!(list("q=HANK%40globex".into()).await, [globex]);
    assert_eq!(
        list("q=100%25_".into()).await,
        [initech],
        "% and _ are literal"
    );
    assert_eq!(list("q=%25".into()).await, [initech]);
    assert_eq!(list("q=plc&status=disabled".into()).await, [umbrella]);
    assert_eq!(list("q=plc&status=active".into()).await, Vec::<i64>::new());
    let html = app
        .get_html(&format!("/groups/{gid}/clients?q=nothing-like-this"))
        .await;
    assert!(html.contains("No client matches these filters"));
    assert!(
        html.contains(r#"value="nothing-like-this""#),
        "the search stays in the box"
    );
}

#[tokio::test]
async fn sellers_open_on_their_own_clients() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let sam = make_member(&mut conn, gid, "sam@acme.test", "seller");
    let mine = seed(
        &mut conn,
        gid,
        Seed {
            name: "Mine",
            seller: Some(sam),
            ..Default::default()
        },
    );
    let theirs = seed(
        &mut conn,
        gid,
        Seed {
            name: "Theirs",
            ..Default::default()
        },
    );
    drop(conn);
    app.login("sam@acme.test", PASSWORD).await;
    let html = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert_eq!(ids_in(&html), [mine]);
    assert!(html.contains(r#"<option value="me" selected>"#));
    let all = app
        .get_html(&format!("/groups/{gid}/clients?seller=all"))
        .await;
    assert_eq!(ids_in(&all), [mine, theirs]);
}

#[tokio::test]
async fn fifty_five_clients_make_two_pages_and_the_csv_has_them_all() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let names: Vec<String> = (0..57).map(|i| format!("Client {i:02}")).collect();
    for (i, n) in names.iter().enumerate() {
        seed(
            &mut conn,
            gid,
            Seed {
                name: n,
                company: if i % 2 == 0 { "Even Co" } else { "Odd Co" },
                test: i == 56,
                ..Default::default()
            },
        );
    }
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let page1 = app
        .get_html(&format!("/groups/{gid}/clients?sort=name&dir=desc"))
        .await;
    assert_eq!(ids_in(&page1).len(), 50);
    assert!(page1.contains("1–50 of 56") && page1.contains("Page 1 of 2"));
    let next = page1.split(r#"rel="next""#).next().unwrap();
    let href = next
        .rsplit("href=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    assert!(
        href.contains("sort=name") && href.contains("dir=desc") && href.contains("page=2"),
        "{href}"
    );
    let page2 = app.get_html(&href).await;
    assert_eq!(ids_in(&page2).len(), 6);
    assert!(page2.contains("51–56 of 56"));
    // As sets: no client on two pages, and every visible client on one of them.
    let shown: std::collections::BTreeSet<i64> =
        ids_in(&page1).into_iter().chain(ids_in(&page2)).collect();
    assert_eq!(shown.len(), 56, "no client on two pages");
    let visible: std::collections::BTreeSet<i64> = accounts::table
        .filter(accounts::parent_id.eq(gid))
        .filter(accounts::test_account.eq(false))
        .select(accounts::id)
        .load::<i64>(&mut app.conn())
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(shown, visible);

    // The CSV: the same filter and order, all pages, a header row.
    let r = app
        .get(&format!(
            "/groups/{gid}/clients.csv?sort=name&dir=desc&q=even"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("id,account_name,company_name,status"));
    let csv_names: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    let mut expected: Vec<&String> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0 && *i != 56)
        .map(|(_, n)| n)
        .collect();
    expected.reverse();
    assert_eq!(csv_names, expected);
    let html = app
        .get_html(&format!("/groups/{gid}/clients?sort=name&dir=desc&q=even"))
        .await;
    assert_eq!(ids_in(&html).len(), csv_names.len());
    let none = app
        .get(&format!("/groups/{gid}/clients.csv?q=no-such-client"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(none.lines().count(), 1, "only the header: {none}");
}

#[tokio::test]
async fn editing_saves_audits_and_refuses_a_stale_save() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let cid = seed(
        &mut conn,
        gid,
        Seed {
            name: "Globex",
            company: "Globex Corp",
            ..Default::default()
        },
    );
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let edit = format!("/groups/{gid}/clients/{cid}");
    let html = app.get_html(&edit).await;
    assert!(
        html.contains(r#"aria-current="page">Edit client</a>"#)
            && html.contains("Status: Preparation")
    );
    let form =
        |name: &'static str, company: &'static str, version: &str| -> Vec<(&'static str, String)> {
            vec![
                ("account_name", name.into()),
                ("company_name", company.into()),
                ("active", "on".into()),
                ("language", "es".into()),
                ("country", "AR".into()),
                ("address", "1 Main St".into()),
                ("version", version.into()),
            ]
        };
    let send = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let edit = edit.clone();
        async move {
            let html = app.get_html(&edit).await;
            let token = csrf_token(&html);
            let mut all: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            all.push(("csrf_token", &token));
            app.post_raw(&edit, &all).await
        }
    };
    // Two people open the form at version 1; the first saves.
    let r = send(form("Globex Intl", "Globex Corp", "1")).await;
    assert_redirect_to(&r, &edit);
    assert!(app.get_html(&edit).await.contains("Changes saved."));
    let changes: String = audit_events::table
        .filter(audit_events::account_id.eq(cid))
        .filter(audit_events::action.eq("client.updated"))
        .select(audit_events::changes)
        .first(&mut app.conn())
        .unwrap();
    assert!(
        changes.contains(r#""account_name":["Globex","Globex Intl"]"#),
        "{changes}"
    );
    assert!(changes.contains(r#""language":["en","es"]"#) && !changes.contains("company_name"));

    // The second saves from version 1: refused, told what changed, nothing overwritten.
    let r = send(form("Globex Two", "Another Company", "1")).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = r.text().await.unwrap();
    assert!(html.contains("Someone else saved this client") && html.contains("Globex Intl"));
    assert!(
        html.contains(r#"value="Globex Two""#),
        "their input is kept"
    );
    assert!(html.contains(r#"name="version" value="2""#));
    let name: String = accounts::table
        .find(cid)
        .select(accounts::name)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(name, "Globex Intl");
    // Saving again from the refreshed version is deliberate: it goes through.
    assert_redirect_to(
        &send(form("Globex Two", "Another Company", "2")).await,
        &edit,
    );
    // Nothing changed: nothing written.
    assert_redirect_to(
        &send(form("Globex Two", "Another Company", "3")).await,
        &edit,
    );
    assert!(app.get_html(&edit).await.contains("Nothing to save"));
    // Invalid input: 422 beside the field, nothing saved.
    let r = send(form("", "Another Company", "3")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"data-error-for="account_name""#)
    );
    // Another group's staff cannot open it.
    let (_, _) = make_group(&mut app.conn(), "Rival", "owner@rival.test");
    let rival = crate::helpers::Browser::new(&app);
    rival.login("owner@rival.test", PASSWORD).await;
    assert_eq!(rival.get(&edit).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn resend_voids_the_old_link_and_the_job_closes_the_invitation_after_fourteen_days() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let new_page = format!("/groups/{gid}/clients/new");
    let r = app
        .post_form(
            &new_page,
            &format!("/groups/{gid}/clients"),
            &full_form("Globex", "ana@globex.test"),
        )
        .await;
    let edit = location(r.headers());
    let cid: i64 = edit.rsplit('/').next().unwrap().parse().unwrap();
    let first = activation_link(&app, "ana@globex.test");
    // Links go out at most once a minute.
    diesel::update(clientele::db::schema::invitations::table)
        .set(
            clientele::db::schema::invitations::sent_at
                .eq(db::now() - chrono::Duration::minutes(2)),
        )
        .execute(&mut app.conn())
        .unwrap();

    let r = app
        .post_form(&edit, &format!("{edit}/owner/resend-activation"), &[])
        .await;
    assert_redirect_to(&r, &edit);
    assert!(
        app.get_html(&edit)
            .await
            .contains("A new link was sent to ana@globex.test")
    );
    let second = activation_link(&app, "ana@globex.test");
    assert_ne!(first, second);
    let stranger = crate::helpers::Browser::new(&app);
    assert_eq!(
        stranger.get(&first).await.status(),
        StatusCode::NOT_FOUND,
        "the old link is void"
    );
    // The live link opens the owner's invitation.
    assert_redirect_to(
        &stranger.get(&second).await,
        &referenced(&second.replace("/activate/", "/invitations/")),
    );
    assert_eq!(
        stranger.get("/activate/not-a-token").await.status(),
        StatusCode::NOT_FOUND
    );

    // 13 days after the (latest) link: still pending. 15 days: closed; the client stays.
    let now = clientele::db::now();
    clientele::jobs::run_all(
        &mut app.conn(),
        now + chrono::Duration::days(13),
        "http://clientele.test",
    )
    .unwrap();
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert!(list.contains("owner pending"));
    let report = clientele::jobs::run_all(
        &mut app.conn(),
        now + chrono::Duration::days(15),
        "http://clientele.test",
    )
    .unwrap();
    assert!(
        report.to_string().contains("invitations expired: 1"),
        "{report}"
    );
    let again = clientele::jobs::run_all(
        &mut app.conn(),
        now + chrono::Duration::days(16),
        "http://clientele.test",
    )
    .unwrap();
    assert!(again.to_string().contains("invitations expired: 0"));
    // Running the jobs days ahead leaves the staff session alone (sessions follow the
    // real clock).
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    assert_eq!(ids_in(&list), [cid]);
    assert!(list.contains("no owner"));
    assert!(app.get_html(&edit).await.contains("No owner"));
    // The link says it expired.
    let r = stranger
        .get(&second.replace("/activate/", "/invitations/"))
        .await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().await.unwrap().contains("expired"));
    let actions: Vec<String> = audit_events::table
        .filter(audit_events::account_id.eq(cid))
        .order_by(audit_events::id.asc())
        .select(audit_events::action)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        actions,
        [
            "client.created",
            "owner.activation_resent",
            // Day 13 of the resent link's 14: its reminder went out.
            "owner.activation_reminded",
            "owner.activation_expired"
        ]
    );
}

#[tokio::test]
async fn the_owner_of_two_new_clients_gets_a_link_for_each_and_owns_both() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let (first, _) = add_client(&app, gid, "Globex", "ana@globex.test", None).await;
    let (second, _) = add_client(&app, gid, "Globex Two", "ana@globex.test", None).await;
    let bodies: Vec<String> = outbox::table
        .filter(outbox::to_address.eq("ana@globex.test"))
        .order_by(outbox::id.asc())
        .select(outbox::body_text)
        .load(&mut app.conn())
        .unwrap();
    let links: Vec<String> = bodies
        .iter()
        .map(|b| {
            let start = b.find("http://clientele.test/activate/").unwrap();
            link_path(
                b[start..]
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .trim_start_matches("http://clientele.test"),
            )
            .replace("/activate/", "/invitations/")
        })
        .collect();
    assert_eq!(links.len(), 2, "a link per client");
    // The first makes her user; the second she accepts signed in.
    let ana = Browser::new(&app);
    let r = ana
        .post_form(
            &links[0],
            &format!("{}/accept", links[0]),
            &[
                ("first_name", "Ana"),
                ("last_name", "Souza"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{first}"));
    let r = ana
        .post_form(&links[1], &format!("{}/accept", links[1]), &[])
        .await;
    assert_redirect_to(&r, &format!("/portal/{second}"));
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    for cid in [first, second] {
        assert!(!owner_cell(&list, cid, "ana@globex.test").contains("pending"));
    }
    assert_redirect_to(&ana.get("/").await, "/accounts");
}

#[tokio::test]
async fn clients_saved_at_once_with_one_name_give_one_client_and_field_errors() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    app.login("owner@acme.test", PASSWORD).await;
    let token = csrf_token(&app.get_html(&format!("/groups/{gid}/clients/new")).await);
    let post = format!("/groups/{gid}/clients");
    let owners: Vec<String> = (0..10).map(|i| format!("owner{i}@same.test")).collect();
    let requests = owners.iter().map(|owner| {
        let mut form = full_form("Same Name", owner);
        form.retain(|(k, _)| !["unique_identifier", "custom_id"].contains(k));
        form.push(("csrf_token", &token));
        let (app, post) = (&app, &post);
        async move {
            let r = app.post_raw(post, &form).await;
            let status = r.status();
            (status, r.text().await.unwrap())
        }
    });
    let answers = futures_util::future::join_all(requests).await;
    let created = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(
        created,
        1,
        "{:?}",
        answers.iter().map(|a| a.0).collect::<Vec<_>>()
    );
    for (status, html) in answers.iter().filter(|(s, _)| *s != StatusCode::SEE_OTHER) {
        // Caught by the check or, when two were saved at once, by the unique index: either
        // way the error of the name's own field.
        assert_eq!(*status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains(r#"data-error-for="account_name""#));
    }
    assert_eq!(clients_in_group(&app, gid), 1);
}

#[tokio::test]
async fn an_activation_link_sent_before_owners_were_invited_still_works_for_fourteen_days() {
    use clientele::auth::tokens::{hash_token, new_token};
    use clientele::models::{membership, token, user};
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let now = db::now();
    // Two owners made the old way: a user without a password and an activation token.
    let mut links = Vec::new();
    for (name, email) in [
        ("Globex", "ana@globex.test"),
        ("Initech", "bill@initech.test"),
    ] {
        let cid = make_client(&mut app.conn(), gid, name);
        let uid = user::insert(
            &mut app.conn(),
            &user::NewUser {
                email,
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
        let secret = new_token();
        token::insert(
            &mut app.conn(),
            &token::NewToken {
                purpose: token::PURPOSE_ACTIVATION,
                token_hash: &hash_token(&secret),
                user_id: Some(uid),
                email: Some(email),
                account_id: Some(cid),
                created_at: now,
                expires_at: now + token::ACTIVATION_LIFETIME,
            },
        )
        .unwrap();
        links.push((cid, format!("/activate/{secret}")));
    }
    // Ana sets her password with hers and lands in the client area.
    let (globex, link) = &links[0];
    let ana = Browser::new(&app);
    assert!(ana.get_html(link).await.contains("Set your password"));
    let r = ana
        .post_form(
            link,
            link,
            &[("password", PASSWORD), ("password_confirm", PASSWORD)],
        )
        .await;
    assert_redirect_to(&r, &format!("/portal/{globex}"));
    assert_eq!(ana.get(link).await.status(), StatusCode::GONE);
    // Bill never does: after 14 days the job removes him; the client stays, with no owner.
    let report = clientele::jobs::run_all(
        &mut app.conn(),
        now + chrono::Duration::days(15),
        "http://clientele.test",
    )
    .unwrap()
    .to_string();
    assert!(
        report.contains("owners removed for not activating: 1"),
        "{report}"
    );
    app.login("owner@acme.test", PASSWORD).await;
    let list = app.get_html(&format!("/groups/{gid}/clients")).await;
    let (initech, bill_link) = &links[1];
    assert!(!owner_cell(&list, *globex, "ana@globex.test").contains("pending"));
    let start = list
        .find(&format!(r#"data-client-id="{initech}""#))
        .unwrap();
    assert!(
        list[start..]
            .split("</tr>")
            .next()
            .unwrap()
            .contains("no owner")
    );
    assert_eq!(
        Browser::new(&app).get(bill_link).await.status(),
        StatusCode::NOT_FOUND
    );
}

/// A query's plan, read with sequential and bitmap scans forbidden on PostgreSQL (a test's
/// tables are nearly empty: otherwise a scan is cheapest), and whether it is PostgreSQL's.
fn plan_without_scans(
    app: &TestApp,
    plan_of: impl FnOnce(&mut db::DbConn) -> diesel::QueryResult<Vec<String>>,
) -> (String, bool) {
    let mut conn = app.conn();
    let pg = matches!(*conn, clientele::db::DbConn::Pg(_));
    let plan = db::write_tx(&mut conn, |c| {
        if pg {
            use diesel::connection::SimpleConnection;
            c.batch_execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;")?;
        }
        plan_of(c)
    })
    .unwrap()
    .join("\n");
    (plan, pg)
}

/// The minute job that removes lapsed owners starts from the users not activated yet (their
/// partial index), never from every user or membership of every tenant.
#[tokio::test]
async fn the_lapsed_owners_job_reads_the_pending_users_index() {
    let app = spawn_app().await;
    let (plan, pg) = plan_without_scans(&app, clients::pending_owners_plan);
    assert!(plan.contains("users_pending"), "{plan}");
    if pg {
        // On a test's empty tables, scans forbidden, PostgreSQL may rather walk the owners'
        // covering index; with statistics it probes `memberships_user` (see the README).
        assert!(!plan.contains("Seq Scan"), "{plan}");
    } else {
        assert!(plan.contains("memberships_user"), "{plan}");
        // The only walk is over the pending users' index; the rest are probes.
        assert!(
            plan.lines()
                .filter(|l| l.contains("SCAN "))
                .all(|l| l.contains("USING INDEX users_pending")),
            "{plan}"
        );
    }
}

#[tokio::test]
async fn the_reminder_job_reads_the_partial_index_of_owners_not_reminded() {
    let app = spawn_app().await;
    let (plan, _) = plan_without_scans(&app, clientele::models::invitation::reminder_plan);
    assert!(plan.contains("invitations_owner_reminder_due"), "{plan}");
    assert!(
        !plan.contains("Seq Scan") && !plan.contains("SCAN invitations\n"),
        "{plan}"
    );
}

#[tokio::test]
async fn the_bound_on_new_accounts_reads_the_partial_index_of_groups_made() {
    let app = spawn_app().await;
    let (plan, _) = plan_without_scans(&app, clientele::models::audit::groups_made_plan);
    assert!(plan.contains("audit_events_groups_made"), "{plan}");
}

#[tokio::test]
async fn the_csv_defuses_every_formula_starter_a_name_may_begin_with() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    // Names as people may type them (the pipe: a DDE call in older spreadsheets).
    let names = [
        "|cmd '/c calc'!A0",
        "=HYPERLINK(\"x\")",
        "+1",
        "-1",
        "@SUM(A1)",
    ];
    for name in names {
        make_client(&mut app.conn(), gid, name);
    }
    make_client(&mut app.conn(), gid, "Plain Ltd");
    app.login("owner@acme.test", PASSWORD).await;
    let csv = app
        .get(&format!("/groups/{gid}/clients.csv"))
        .await
        .text()
        .await
        .unwrap();
    let firsts: Vec<String> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap()[1].to_owned())
        .collect();
    for name in names {
        assert!(firsts.contains(&format!("'{name}")), "{name}: {firsts:?}");
    }
    assert!(firsts.contains(&"Plain Ltd".to_owned()));
}
