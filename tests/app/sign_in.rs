//! Signing in and out, redirects after sign-in, and the account chooser.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn wrong_email_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");

    let wrong_password = app
        .login("owner@acme.test", "not the password at all")
        .await;
    assert_eq!(wrong_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let a = wrong_password.text().await.unwrap();
    let unknown = app
        .login("nobody@acme.test", "not the password at all")
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let b = unknown.text().await.unwrap();
    let message = "The email or password is incorrect.";
    assert!(a.contains(message) && b.contains(message));
    // The email typed is kept; the password is not.
    assert!(a.contains(r#"value="owner@acme.test""#));
    assert!(!a.contains("not the password at all"));

    let empty = app.login("", "").await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = empty.text().await.unwrap();
    assert!(
        html.contains(r#"data-error-for="email""#) && html.contains(r#"data-error-for="password""#)
    );

    // Not signed in: the console sends to the login page and back after.
    assert_redirect_to(&app.get("/accounts").await, "/login?next=%2Faccounts");
}

#[tokio::test]
async fn sign_in_goes_home_or_back_to_the_page_asked_for() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");

    let r = app.get(&format!("/groups/{gid}/clients?q=x")).await;
    let to = location(r.headers());
    assert_eq!(
        to,
        format!("/login?next=%2Fgroups%2F{gid}%2Fclients%3Fq%3Dx")
    );
    let html = app.get_html(&to).await;
    assert!(html.contains(&format!(r#"name="next" value="/groups/{gid}/clients?q=x""#)));
    let token = csrf_token(&html);
    let next = format!("/groups/{gid}/clients?q=x");
    let r = app
        .post_raw(
            "/login",
            &[
                ("email", "owner@acme.test"),
                ("password", PASSWORD),
                ("next", &next),
                ("csrf_token", &token),
            ],
        )
        .await;
    assert_redirect_to(&r, &next);
    assert_redirect_to(&app.get("/").await, &format!("/groups/{gid}/clients"));
    // Signed in, /login goes home.
    assert_redirect_to(&app.get("/login").await, "/");

    // An off-site `next` is ignored.
    app.logout().await;
    let html = app.get_html("/login").await;
    let r = app
        .post_raw(
            "/login",
            &[
                ("email", "owner@acme.test"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
                ("csrf_token", &csrf_token(&html)),
            ],
        )
        .await;
    assert_redirect_to(&r, "/");
}

#[tokio::test]
async fn several_memberships_open_the_account_chooser() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (g1, _) = make_group(&mut conn, "Acme Hosting", "owner@acme.test");
    let (g2, _) = make_group(&mut conn, "Zeta Agency", "owner@acme.test");
    let client = make_client(&mut conn, g2, "Café Ünïcode");
    make_member(&mut conn, client, "owner@acme.test", "admin");
    drop(conn);

    assert_redirect_to(&app.login("owner@acme.test", PASSWORD).await, "/");
    assert_redirect_to(&app.get("/").await, "/accounts");
    let html = app.get_html("/accounts").await;
    for (href, name) in [
        (format!("/groups/{g1}/clients"), "Acme Hosting"),
        (format!("/groups/{g2}/clients"), "Zeta Agency"),
        (format!("/portal/{client}"), "Café Ünïcode"),
    ] {
        assert!(html.contains(&format!(r#"href="{href}""#)), "{href}");
        assert!(html.contains(name));
    }
    // The header's switcher names the current account on its pages.
    let html = app.get_html(&format!("/groups/{g2}/clients")).await;
    assert!(html.contains(r#"<span class="switcher-name">Zeta Agency</span>"#));
}

#[tokio::test]
async fn a_client_user_lands_in_the_client_area() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let cid = make_client(&mut conn, gid, "Globex");
    make_member(&mut conn, cid, "carla@globex.test", "owner");
    drop(conn);

    app.login("carla@globex.test", PASSWORD).await;
    assert_redirect_to(&app.get("/").await, &format!("/portal/{cid}"));
    let html = app.get_html(&format!("/portal/{cid}")).await;
    assert!(html.contains("Globex") && html.contains("Preparation"));
    // The group console is not theirs.
    assert_eq!(
        app.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_user_without_accounts_is_told_so() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    make_member(&mut conn, gid, "left@acme.test", "seller");
    // Their only membership is removed (as staff removal will do).
    use clientele::db::schema::memberships;
    use diesel::prelude::*;
    let uid = clientele::models::user::find_by_email(&mut conn, "left@acme.test")
        .unwrap()
        .unwrap()
        .id;
    diesel::delete(memberships::table.filter(memberships::user_id.eq(uid)))
        .execute(&mut conn)
        .unwrap();
    drop(conn);

    assert_redirect_to(&app.login("left@acme.test", PASSWORD).await, "/");
    assert_redirect_to(&app.get("/").await, "/accounts");
    let html = app.get_html("/accounts").await;
    assert!(html.contains("No accounts yet"));
    assert_eq!(
        app.get(&format!("/groups/{gid}/clients")).await.status(),
        StatusCode::NOT_FOUND
    );
}

/// The words of the page's form-level problem (the alert above the fields).
fn alert_of(html: &str) -> String {
    let start = html.find(r#"role="alert""#).expect("an alert");
    let text = &html[start..];
    text[text.find('>').unwrap() + 1..text.find("</").unwrap()].to_owned()
}

fn retry_after(r: &reqwest::Response) -> i64 {
    r.headers()
        .get("retry-after")
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Moves every recorded failure back in time (as if minutes had passed).
fn age_failures(app: &TestApp, minutes: i64) {
    use clientele::db::schema::sign_in_failures as f;
    use diesel::prelude::*;
    let rows: Vec<(i64, chrono::NaiveDateTime)> = f::table
        .select((f::id, f::at))
        .load(&mut app.conn())
        .unwrap();
    for (id, at) in rows {
        diesel::update(f::table.find(id))
            .set(f::at.eq(at - chrono::Duration::minutes(minutes)))
            .execute(&mut app.conn())
            .unwrap();
    }
}

#[tokio::test]
async fn five_failures_lock_an_address_known_or_not_alike_and_staff_can_unlock() {
    use clientele::db::schema::audit_events;
    use diesel::prelude::*;
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    let b = Browser::new(&app);
    for email in ["sam@acme.test", "nobody@acme.test"] {
        for _ in 0..5 {
            let r = b.login(email, "a wrong password").await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        }
    }
    // The sixth attempt is not heard: the right password too gets 429.
    let known = b.login("sam@acme.test", PASSWORD).await;
    assert_eq!(known.status(), StatusCode::TOO_MANY_REQUESTS);
    let known_wait = retry_after(&known);
    assert!((1..=60).contains(&known_wait), "{known_wait}");
    let known_html = known.text().await.unwrap();
    let unknown = b.login("nobody@acme.test", "whatever it is").await;
    assert_eq!(unknown.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!((1..=60).contains(&retry_after(&unknown)));
    let unknown_html = unknown.text().await.unwrap();
    // The same words whether or not the address has a user.
    assert_eq!(alert_of(&known_html), alert_of(&unknown_html));
    assert_eq!(
        alert_of(&known_html),
        "Too many failed sign-ins. Wait 1 minute, then try again."
    );
    assert!(!known_html.contains("a wrong password"));

    // The owner sees Sam locked on the staff page and unlocks him (audited).
    app.login("owner@acme.test", PASSWORD).await;
    let staff = format!("/groups/{gid}/staff");
    let html = app.get_html(&staff).await;
    assert!(
        html.contains(r#"data-locked="true""#) && html.contains("locked out for 1 more minute")
    );
    let sam: i64 = clientele::db::schema::users::table
        .filter(clientele::db::schema::users::email.eq("sam@acme.test"))
        .select(clientele::db::schema::users::id)
        .first(&mut app.conn())
        .unwrap();
    let r = app
        .post_form(&staff, &format!("{staff}/{sam}/unlock"), &[])
        .await;
    assert_redirect_to(&r, &staff);
    let html = app.get_html(&staff).await;
    assert!(
        html.contains("can try to sign in again now") && !html.contains(r#"data-locked="true""#)
    );
    let unlocked: i64 = audit_events::table
        .filter(audit_events::action.eq("user.unlocked"))
        .filter(audit_events::changes.like("%sam@acme.test%"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(unlocked, 1);
    assert_redirect_to(&b.login("sam@acme.test", PASSWORD).await, "/");
    // A seller may not unlock anyone (the staff page is not theirs).
    let r = b
        .post_form("/accounts", &format!("{staff}/{sam}/unlock"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // The unknown address is still locked; a minute later it is heard once more, and the
    // next failure locks it for longer (2 minutes).
    let b = Browser::new(&app);
    assert_eq!(
        b.login("nobody@acme.test", "whatever").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    age_failures(&app, 2);
    assert_eq!(
        b.login("nobody@acme.test", "whatever").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let r = b.login("nobody@acme.test", "whatever").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!((61..=120).contains(&retry_after(&r)), "{}", retry_after(&r));
    // After the window, nothing counts any more.
    age_failures(&app, 16);
    assert_eq!(
        b.login("nobody@acme.test", "whatever").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// The id of the user with this address.
fn user_id(app: &TestApp, email: &str) -> i64 {
    use clientele::db::schema::users;
    use diesel::prelude::*;
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap()
}

/// Signs in with a wrong password until the address is locked (5 failures).
async fn lock_out(b: &Browser, email: &str) {
    for _ in 0..5 {
        let r = b.login(email, "a wrong password").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{email}");
    }
    assert_eq!(
        b.login(email, "a wrong password").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn an_unlock_lifts_one_wait_keeps_the_growing_delay_and_is_only_for_people_one_manages() {
    use clientele::db::schema::audit_events;
    use diesel::prelude::*;
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    make_member(&mut app.conn(), gid, "adam@acme.test", "admin");
    make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    // Sue sells for Acme and is also the owner of a client of another group.
    make_member(&mut app.conn(), gid, "sue@acme.test", "seller");
    let (other, _) = make_group(&mut app.conn(), "Other", "olga@other.test");
    let elsewhere = make_client(&mut app.conn(), other, "Initech");
    make_member(&mut app.conn(), elsewhere, "sue@acme.test", "owner");
    let staff = format!("/groups/{gid}/staff");
    let attacker = Browser::new(&app);
    let admin = Browser::new(&app);
    admin.login("adam@acme.test", PASSWORD).await;
    let unlock = |who: i64| {
        let (admin, staff) = (admin.clone(), staff.clone());
        async move {
            admin
                .post_form(&staff, &format!("{staff}/{who}/unlock"), &[])
                .await
        }
    };

    // The finding: an admin unlocking the owner let wrong passwords through in seconds.
    // The owner is above an admin: no button, and asking anyway is refused; still locked.
    lock_out(&attacker, "owner@acme.test").await;
    let owner = user_id(&app, "owner@acme.test");
    let html = admin.get_html(&staff).await;
    let row = &html[html.find(&format!(r#"data-user-id="{owner}""#)).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(r#"data-locked="true""#), "{row}");
    assert!(
        !row.contains("/unlock"),
        "no unlock offered for the owner: {row}"
    );
    assert_eq!(unlock(owner).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        attacker.login("owner@acme.test", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // Nor oneself (the lock is not lifted from inside a session that may be stolen).
    let adam = user_id(&app, "adam@acme.test");
    assert_eq!(unlock(adam).await.status(), StatusCode::FORBIDDEN);

    // Sam is theirs to unlock: each unlock lets exactly one attempt through, and each
    // failure after it locks for longer: 2, 4, 8, 15 minutes.
    lock_out(&attacker, "sam@acme.test").await;
    let sam = user_id(&app, "sam@acme.test");
    let mut heard = 0;
    let mut waits = Vec::new();
    for _ in 0..4 {
        assert_redirect_to(&unlock(sam).await, &staff);
        for _ in 0..5 {
            let r = attacker.login("sam@acme.test", "another guess").await;
            match r.status() {
                StatusCode::UNPROCESSABLE_ENTITY => heard += 1,
                StatusCode::TOO_MANY_REQUESTS => {
                    waits.push(retry_after(&r));
                    break;
                }
                other => panic!("{other}"),
            }
        }
    }
    assert_eq!(heard, 4, "one attempt per unlock, not five");
    let minutes: Vec<i64> = waits.iter().map(|s| (s + 59) / 60).collect();
    assert_eq!(minutes, [2, 4, 8, 15], "{waits:?}");
    let audited: i64 = audit_events::table
        .filter(audit_events::action.eq("user.unlocked"))
        .filter(audit_events::changes.like("%sam@acme.test%"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(audited, 4);
    // After an unlock the right password signs in, and a success forgets everything.
    assert_redirect_to(&unlock(sam).await, &staff);
    let sam_browser = Browser::new(&app);
    assert_redirect_to(&sam_browser.login("sam@acme.test", PASSWORD).await, "/");
    let left: i64 = clientele::db::schema::sign_in_failures::table
        .filter(clientele::db::schema::sign_in_failures::email.eq("sam@acme.test"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(left, 0);

    // Sue belongs to another group's client too: her lock guards that account as well,
    // so this group may not lift it; she stays locked and nothing is recorded.
    lock_out(&attacker, "sue@acme.test").await;
    let sue = user_id(&app, "sue@acme.test");
    let html = admin.get_html(&staff).await;
    let row = &html[html.find(&format!(r#"data-user-id="{sue}""#)).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains(r#"data-locked="true""#) && !row.contains("/unlock"),
        "{row}"
    );
    let r = unlock(sue).await;
    assert_redirect_to(&r, &staff);
    assert!(
        admin
            .get_html(&staff)
            .await
            .contains("also belongs to other accounts, which the lock protects too")
    );
    assert_eq!(
        attacker.login("sue@acme.test", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let unlocks: i64 = clientele::db::schema::sign_in_unlocks::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(unlocks, 0, "Sam's went with his success; none for Sue");

    // Another group's person is not found from this staff page.
    let olga = user_id(&app, "olga@other.test");
    assert_eq!(unlock(olga).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_success_resets_the_count_and_thirty_failures_lock_the_client_address() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    let b = Browser::new(&app);
    for _ in 0..4 {
        b.login("owner@acme.test", "wrong").await;
    }
    assert_redirect_to(&b.login("owner@acme.test", PASSWORD).await, "/");
    let fresh = Browser::new(&app);
    for _ in 0..4 {
        assert_eq!(
            fresh.login("owner@acme.test", "wrong").await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_redirect_to(&fresh.login("owner@acme.test", PASSWORD).await, "/");

    // Thirty failures from one address, each for another email, lock the address.
    let c = Browser::new(&app);
    for i in 0..30 {
        let r = c.login(&format!("guess{i}@acme.test"), "wrong").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{i}");
    }
    let r = c.login("owner@acme.test", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&r) > 14 * 60, "{}", retry_after(&r));
    // The scheduled job forgets what is older than the window (the owner's failures went
    // with each success).
    age_failures(&app, 16);
    let report = clientele::jobs::run_all(
        &mut app.conn(),
        clientele::db::now(),
        "http://clientele.test",
    )
    .unwrap();
    assert!(
        report
            .to_string()
            .contains("old failed sign-ins removed: 30"),
        "{report}"
    );
    assert_redirect_to(&c.login("owner@acme.test", PASSWORD).await, "/");
}

/// The failures recorded for this client address.
fn failures_from(app: &TestApp, ip: &str) -> i64 {
    use clientele::db::schema::sign_in_failures as f;
    use diesel::prelude::*;
    f::table
        .filter(f::ip.eq(ip))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_is_limited_alone() {
    use clientele::db::schema::audit_events;
    use diesel::prelude::*;
    // The proxy is this machine (127.0.0.1): its X-Forwarded-For is believed.
    let app = spawn_app_with(|c| {
        c.trusted_proxies = clientele::client_address::TrustedProxies::parse("127.0.0.1").unwrap()
    })
    .await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    // The issue's finding: 31 failures with 31 emails, through the proxy, from one address…
    let guesser = Browser::forwarded_for(&app, "203.0.113.66");
    for i in 0..31 {
        let r = guesser.login(&format!("guess{i}@acme.test"), "wrong").await;
        let expected = if i < 30 {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(r.status(), expected, "{i}");
    }
    // …lock that address only: the owner, from elsewhere, signs in.
    let owner = Browser::forwarded_for(&app, "198.51.100.7");
    assert_redirect_to(&owner.login("owner@acme.test", PASSWORD).await, "/");
    assert_eq!(failures_from(&app, "203.0.113.66"), 30);
    assert_eq!(failures_from(&app, "127.0.0.1"), 0, "not the proxy's");
    // Entries a client wrote on the left are not believed: the proxy's own (rightmost) is.
    let spoofer = Browser::forwarded_for(&app, "198.51.100.7, 203.0.113.66");
    assert_eq!(
        spoofer.login("owner@acme.test", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // The audit records the client's address, not the proxy's.
    let r = owner
        .post_form(
            "/profile",
            "/profile",
            &[
                ("first_name", "Olga"),
                ("last_name", "Owner"),
                ("language", "en"),
            ],
        )
        .await;
    assert_redirect_to(&r, "/profile");
    let ip: Option<String> = audit_events::table
        .filter(audit_events::action.eq("user.profile_changed"))
        .select(audit_events::ip)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(ip.as_deref(), Some("198.51.100.7"));
}

#[tokio::test]
async fn without_trusted_proxies_forwarding_headers_are_ignored() {
    let app = spawn_app().await;
    make_group(&mut app.conn(), "Acme", "owner@acme.test");
    // Each attempt claims another address: all of them are this machine's, and counted so.
    for i in 0..30 {
        let b = Browser::forwarded_for(&app, &format!("203.0.113.{i}"));
        b.login(&format!("guess{i}@acme.test"), "wrong").await;
    }
    assert_eq!(failures_from(&app, "127.0.0.1"), 30);
    let b = Browser::forwarded_for(&app, "198.51.100.7");
    assert_eq!(
        b.login("owner@acme.test", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // The operator lifts the address's lock (audited); the addresses typed keep their count.
    let out = crate::cli::run_with(app.db_url(), &["unlock", "--ip", "127.0.0.1"], &[]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("127.0.0.1: its failed sign-ins are forgotten")
    );
    assert_redirect_to(&b.login("owner@acme.test", PASSWORD).await, "/");
    let again = crate::cli::run_with(app.db_url(), &["unlock", "--ip", "127.0.0.1"], &[]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("127.0.0.1 is not locked"));

    // An address typed: its current wait lifted, its failures kept (the next locks longer).
    let c = Browser::new(&app);
    lock_out(&c, "sam@acme.test").await;
    let out = crate::cli::run_with(app.db_url(), &["unlock", "--email", "SAM@acme.test"], &[]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        c.login("sam@acme.test", "wrong again").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let r = c.login("sam@acme.test", "wrong again").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!((61..=120).contains(&retry_after(&r)));
    use clientele::db::schema::audit_events;
    use diesel::prelude::*;
    let audited: Vec<(String, Option<String>, String)> = audit_events::table
        .filter(
            audit_events::action
                .eq("sign_in.address_unlocked")
                .or(audit_events::action.eq("user.unlocked")),
        )
        .order_by(audit_events::id)
        .select((
            audit_events::action,
            audit_events::actor_email,
            audit_events::changes,
        ))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(audited.len(), 2, "{audited:?}");
    assert_eq!(audited[0].0, "sign_in.address_unlocked");
    assert!(audited[0].2.contains("127.0.0.1"));
    assert_eq!(audited[1].0, "user.unlocked");
    assert!(audited[1].2.contains("sam@acme.test"));
    assert!(
        audited
            .iter()
            .all(|a| a.1.as_deref() == Some("command line"))
    );
}
