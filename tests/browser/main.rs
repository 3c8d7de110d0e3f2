//! The end-to-end suite: a real Chromium (Debian's `chromium` + `chromium-driver`, started
//! headless by this test) drives the real app on a random port over a fresh database.
//! Every page of the journeys is checked with axe-core (no serious or critical violation)
//! and saved as a 1280×800 screenshot under `target/screenshots/`.
//!
//! Needs: `/usr/bin/chromedriver` (or `CHROMEDRIVER`) and axe-core's `axe.min.js` (from
//! `npm install --prefix target/axe axe-core@4`, or `AXE_CORE_JS`). `.ci/run` installs both.

#[path = "../app/helpers.rs"]
#[allow(dead_code)]
mod helpers;

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use helpers::*;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_chromedriver() -> (Driver, u16) {
    let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    assert!(
        std::path::Path::new(&bin).exists(),
        "{bin} is missing: apt-get install -y chromium chromium-driver (.ci/run does)"
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // Owned at once, so that a failed start is still killed and reaped.
    let driver = Driver(
        Command::new(bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    for _ in 0..100 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (driver, port);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("chromedriver did not listen on {port}");
}

async fn browser(port: u16, javascript: bool) -> Client {
    let mut args = vec![
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,800",
    ];
    if !javascript {
        args.push("--blink-settings=scriptEnabled=false");
    }
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": binary, "args": args }),
    );
    let c = ClientBuilder::rustls()
        .expect("TLS roots")
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session");
    viewport(&c, 1280, 800).await;
    c
}

/// Sizes the window so that the page itself (the viewport) is `width`×`height`.
async fn viewport(c: &Client, width: u32, height: u32) {
    c.set_window_size(width, height).await.unwrap();
    if let Ok(Value::Number(inner)) = c.execute("return window.innerHeight;", vec![]).await {
        let chrome = height.saturating_sub(inner.as_u64().unwrap_or(height as u64) as u32);
        c.set_window_size(width, height + chrome).await.unwrap();
    }
}

fn axe_source() -> String {
    let path = std::env::var("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target/axe/node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `npm install --prefix target/axe axe-core@4` (.ci/run does)",
            path.display()
        )
    })
}

/// The page's serious and critical axe violations.
async fn axe_violations(c: &Client, axe: &str) -> Value {
    c.execute(axe, vec![]).await.expect("axe loads");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(JSON.stringify(
               r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                              nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })))));",
            vec![],
        )
        .await
        .expect("axe runs");
    serde_json::from_str(found.as_str().expect("axe answers")).unwrap()
}

/// Runs axe on the page: no serious or critical violation allowed.
async fn assert_accessible(c: &Client, axe: &str, page: &str) {
    assert_eq!(axe_violations(c, axe).await, json!([]), "axe on {page}");
}

/// Saves the page as `target/screenshots/NN-name.png`.
async fn screenshot(c: &Client, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.expect("a screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Checks, saves and names a page of the journey.
async fn visit(c: &Client, axe: &str, name: &str) {
    assert_accessible(c, axe, name).await;
    screenshot(c, name).await;
}

async fn fill(c: &Client, id: &str, value: &str) {
    let e = c
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|_| panic!("#{id}"));
    e.clear().await.unwrap();
    e.send_keys(value).await.unwrap();
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css}"))
        .click()
        .await
        .unwrap();
}

/// Marks the current document, so that [`wait_new_page`] can tell when another replaced it.
async fn mark_page(c: &Client) {
    c.execute("window.__clienteleOldPage = true;", vec![])
        .await
        .unwrap();
}

/// Waits (bounded) until a new, fully loaded page replaced the marked one.
async fn wait_new_page(c: &Client, what: &str) {
    for _ in 0..200 {
        let ready = c
            .execute(
                "return window.__clienteleOldPage === undefined && document.readyState === 'complete';",
                vec![],
            )
            .await;
        if matches!(ready, Ok(Value::Bool(true))) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{what} loaded no new page");
}

/// Clicks something that loads a new page, and waits for that page.
async fn click_and_wait(c: &Client, css: &str) {
    mark_page(c).await;
    click(c, css).await;
    wait_new_page(c, css).await;
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css}"))
        .text()
        .await
        .unwrap()
}

async fn path(c: &Client) -> String {
    let u = c.current_url().await.unwrap();
    match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_owned(),
    }
}

/// Waits (bounded) until the page's path and query satisfy `ok`; returns them.
async fn wait_for_path(c: &Client, what: &str, ok: impl Fn(&str) -> bool) -> String {
    for _ in 0..100 {
        let p = path(c).await;
        if ok(&p) {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never reached {what}; at {}", path(c).await);
}

/// Signs out through the user menu.
async fn sign_out(c: &Client) {
    click(c, ".user-menu summary").await;
    click(c, ".user-menu button[type=submit]").await;
    wait_for_path(c, "the sign-in page", |p| p.starts_with("/login")).await;
}

/// A configuration whose file transport writes where the app's does.
fn test_config_with_mail(app: &TestApp) -> clientele::Config {
    let mut config = test_config(&TestDb::new());
    config.mail =
        clientele::config::MailUrl::File(app.mail_dir.clone().expect("the app writes .eml files"));
    config
}

/// The links under `prefix` (`/invitations/`) in the `.eml` files addressed to `to`.
fn links_in_mail(app: &TestApp, to: &str, prefix: &str) -> Vec<String> {
    let dir = app.mail_dir.clone().unwrap();
    std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter(|eml| eml.contains(&format!("To: {to}")))
        .flat_map(|eml| {
            let plain = eml
                .replace("=\r\n", "")
                .replace("=\n", "")
                .replace("=3D", "=");
            plain
                .split_whitespace()
                .filter(|w| w.starts_with("http") && w.contains(prefix))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The owner's activation link, from the `.eml` files addressed to `to`, that still works
/// (a resend voids the earlier one).
fn live_link_in_mail(app: &TestApp, to: &str) -> String {
    let links = links_in_mail(app, to, "/activate/");
    let dir = app.mail_dir.clone().unwrap();
    assert!(!links.is_empty(), "activation emails in {}", dir.display());
    let mut conn = app.conn();
    links
        .into_iter()
        .find(|l| {
            // The link names the email's language (`?lang=`): the token is before it.
            let token = l.rsplit('/').next().unwrap().split('?').next().unwrap();
            matches!(
                clientele::services::invitations::by_link(&mut conn, token).unwrap(),
                clientele::services::invitations::Link::Open(_)
            )
        })
        .expect("one live link")
}

/// Clicks a column's sort link (its text carries an arrow when sorted).
async fn sort_by(c: &Client, label: &str) {
    let xpath = format!("//th//a[starts-with(normalize-space(.), '{label}')]");
    mark_page(c).await;
    c.find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|_| panic!("{label}"))
        .click()
        .await
        .unwrap();
    wait_new_page(c, label).await;
}

/// Client ids in list order.
async fn list_ids(c: &Client) -> Vec<String> {
    let mut ids = Vec::new();
    for row in c
        .find_all(Locator::Css("tr[data-client-id]"))
        .await
        .unwrap()
    {
        ids.push(row.attr("data-client-id").await.unwrap().unwrap());
    }
    ids
}

/// No horizontal scrolling of the page itself at this width (tables scroll in their box).
async fn assert_fits(c: &Client, page: &str) {
    // On failure: the outermost elements reaching past the right edge, to name the culprit.
    let found = c
        .execute(
            "if (document.documentElement.scrollWidth <= window.innerWidth + 1) return null; \
             const w = window.innerWidth; \
             return [...document.querySelectorAll('body *')] \
               .filter(e => e.getBoundingClientRect().right > w + 1 \
                 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1)) \
               .slice(0, 5) \
               .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        found,
        Value::Null,
        "{page} overflows at this width (the page scrolls sideways)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_journeys_in_a_real_browser() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = spawn_app().await;
    let (_driver, port) = start_chromedriver();
    let axe = axe_source();
    let c = browser(port, true).await;
    let base = app.address.clone();
    let token = app.setup_token.clone().unwrap();

    // First-run set-up, signed in as the owner.
    c.goto(&format!("{base}/setup?token={token}"))
        .await
        .unwrap();
    visit(&c, &axe, "01-setup").await;
    fill(&c, "f-group_name", "Acme Hosting").await;
    fill(&c, "f-first_name", "Olívia").await;
    fill(&c, "f-last_name", "Owner").await;
    fill(&c, "f-email", "olivia@acme.test").await;
    fill(&c, "f-password", PASSWORD).await;
    fill(&c, "f-password_confirm", PASSWORD).await;
    click_and_wait(&c, "button[type=submit].button-primary").await;
    let console = wait_for_path(&c, "the console", |p| p.ends_with("/clients")).await;
    let gid: i64 = console.split('/').nth(2).unwrap().parse().unwrap();
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("Welcome to Clientele")
    );
    visit(&c, &axe, "02-clients-empty").await;

    // Sign out and in again.
    sign_out(&c).await;
    assert_eq!(path(&c).await, "/login?signed_out=1&lang=en");
    fill(&c, "f-email", "olivia@acme.test").await;
    fill(&c, "f-password", "not the password").await;
    click_and_wait(&c, "button[type=submit]").await;
    assert!(text_of(&c, "[role=alert]").await.contains("incorrect"));
    visit(&c, &axe, "03-login-error").await;
    fill(&c, "f-password", PASSWORD).await;
    click_and_wait(&c, "button[type=submit]").await;
    wait_for_path(&c, "the console", |p| p == format!("/groups/{gid}/clients")).await;

    // Add a client: a validation error fixed in place.
    click_and_wait(&c, "a.button-primary[href$='/clients/new']").await;
    visit(&c, &axe, "04-add-client").await;
    fill(&c, "f-account_name", "Globex Brasil").await;
    fill(&c, "f-company_name", "Globex Ltda.").await;
    fill(&c, "f-billing_emails", "billing@globex.test, not-an-email").await;
    fill(&c, "f-address", "Av. Paulista, 1000").await;
    fill(&c, "f-owner_first_name", "Ana").await;
    fill(&c, "f-owner_last_name", "Souza").await;
    fill(&c, "f-owner_email", "ana@globex.test").await;
    c.find(Locator::Css("#f-country option[value='BR']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("#f-language option[value='pt-BR']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // Its services: preset to the group's visibility (all on); DNS switched off makes the
    // client's visibility its own.
    assert_eq!(
        switched_on(&c).await,
        ["cdn", "storage", "streaming", "dns", "cloud"]
    );
    click(&c, "#f-service-dns").await;
    click_and_wait(&c, "form.card button.button-primary").await;
    assert!(
        text_of(&c, "[data-error-for=billing_emails]")
            .await
            .contains("not-an-email")
    );
    // The 422 keeps the switches as they were sent.
    assert_eq!(
        switched_on(&c).await,
        ["cdn", "storage", "streaming", "cloud"]
    );
    assert_eq!(
        c.find(Locator::Id("f-account_name"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap(),
        "Globex Brasil"
    );
    visit(&c, &axe, "05-add-client-error").await;
    fill(&c, "f-billing_emails", "billing@globex.test").await;
    click_and_wait(&c, "form.card button.button-primary").await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("Client Globex Brasil created")
    );
    let client_page = path(&c).await;
    visit(&c, &axe, "06-edit-client").await;

    // More clients for sorting and filtering.
    let mut conn = app.conn();
    for (name, company) in [
        ("alpha ünïcode", "Zulu SA"),
        ("Charlie", "Bravo GmbH"),
        ("Delta", "alpha LLC"),
    ] {
        make_client(&mut conn, gid, name);
        use clientele::db::schema::accounts;
        use diesel::prelude::*;
        diesel::update(accounts::table.filter(accounts::name.eq(name)))
            .set((
                accounts::company_name.eq(company),
                accounts::company_key.eq(company.to_lowercase()),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    drop(conn);
    c.goto(&format!("{base}/groups/{gid}/clients"))
        .await
        .unwrap();
    let by_name = list_ids(&c).await;
    assert_eq!(by_name.len(), 4);
    visit(&c, &axe, "07-clients").await;
    for header in ["Account name", "Company", "Status", "Seller", "Created"] {
        sort_by(&c, header).await;
        let th = c.find(Locator::Css("th[aria-sort]")).await.unwrap();
        // (Headers are shown in capitals.)
        let shown = th.text().await.unwrap().to_lowercase();
        assert!(
            shown.starts_with(&header.to_lowercase()),
            "{header} is the sorted column, not {shown}"
        );
        assert_eq!(list_ids(&c).await.len(), 4);
        let first = th.attr("aria-sort").await.unwrap();
        // Again: the other direction.
        click_and_wait(&c, "th[aria-sort] a").await;
        let again = c
            .find(Locator::Css("th[aria-sort]"))
            .await
            .unwrap()
            .attr("aria-sort")
            .await
            .unwrap();
        let flipped = match first.as_deref() {
            Some("ascending") => "descending",
            Some("descending") => "ascending",
            other => panic!("{header}: aria-sort {other:?}"),
        };
        assert_eq!(
            again.as_deref(),
            Some(flipped),
            "{header}: a second click flips"
        );
    }
    sort_by(&c, "Account name").await;
    sort_by(&c, "Account name").await;
    let mut reversed = by_name.clone();
    reversed.reverse();
    assert_eq!(list_ids(&c).await, reversed, "name descending");

    // Filter and search.
    fill(&c, "f-q", "GLOBEX").await;
    click_and_wait(&c, ".list-filters button[type=submit]").await;
    assert_eq!(list_ids(&c).await.len(), 1);
    assert!(path(&c).await.contains("q=GLOBEX"));
    visit(&c, &axe, "08-clients-search").await;
    fill(&c, "f-q", "").await;
    c.find(Locator::Css("#f-status option[value='disabled']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_and_wait(&c, ".list-filters button[type=submit]").await;
    assert!(
        text_of(&c, ".empty-state")
            .await
            .contains("No client matches these filters")
    );
    visit(&c, &axe, "09-clients-no-match").await;
    click_and_wait(&c, ".list-filters a.filter-clear").await;
    assert_eq!(list_ids(&c).await.len(), 4);

    // Open the client, edit and save, resend the activation.
    c.goto(&format!("{base}{client_page}")).await.unwrap();
    fill(&c, "f-city", "São Paulo").await;
    click_and_wait(&c, "form.card button.button-primary").await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("Changes saved.")
    );
    // A link goes out at most once a minute: the first was sent a moment ago.
    click_and_wait(&c, ".owner-box button[type=submit]").await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("less than a minute ago")
    );
    {
        use clientele::db::schema::invitations;
        use diesel::prelude::*;
        diesel::update(invitations::table)
            .set(invitations::sent_at.eq(clientele::db::now() - chrono::Duration::minutes(2)))
            .execute(&mut app.conn())
            .unwrap();
    }
    click_and_wait(&c, ".owner-box button[type=submit]").await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("A new link was sent to ana@globex.test")
    );
    visit(&c, &axe, "10-edit-client-saved").await;

    // Its services: hide one (the client's visibility becomes its own), activate another,
    // and the list shows the client active.
    c.goto(&format!("{base}{client_page}/services"))
        .await
        .unwrap();
    assert!(
        text_of(&c, r#"tr[data-service="dns"]"#)
            .await
            .contains("hidden (customised)")
    );
    click_and_wait(&c, r#"tr[data-service="storage"] td:nth-child(2) button"#).await;
    assert!(
        text_of(&c, r#"tr[data-service="storage"]"#)
            .await
            .contains("hidden (customised)")
    );
    c.find(Locator::Css("#f-status-cdn"))
        .await
        .unwrap()
        .select_by_value("active")
        .await
        .unwrap();
    click_and_wait(&c, r#"tr[data-service="cdn"] td:nth-child(3) button"#).await;
    assert!(text_of(&c, "[role=status]").await.contains("Status saved."));
    assert!(text_of(&c, "#client-status").await.contains("Active"));
    visit(&c, &axe, "10b-client-services").await;
    let cid = client_page.rsplit('/').next().unwrap().to_owned();
    c.goto(&format!("{base}/groups/{gid}/clients"))
        .await
        .unwrap();
    assert!(
        text_of(&c, &format!(r#"tr[data-client-id="{cid}"] .badge"#))
            .await
            .contains("Active")
    );
    c.goto(&format!("{base}/groups/{gid}/emails"))
        .await
        .unwrap();
    assert!(
        text_of(&c, ".empty-state")
            .await
            .contains("No email problems")
    );
    visit(&c, &axe, "11-email-problems").await;
    // The first group's owner runs the installation: its status page, from the menu.
    click_and_wait(&c, &format!(r#"a[href="/groups/{gid}/system"]"#)).await;
    assert!(text_of(&c, "h1").await.contains("System status"));
    let kind = text_of(&c, "#system-database-kind").await;
    assert!(["SQLite", "PostgreSQL"].contains(&kind.trim()), "{kind}");
    visit(&c, &axe, "11b-system-status").await;
    c.goto(&format!("{base}/accounts")).await.unwrap();
    visit(&c, &axe, "12-accounts").await;
    c.goto(&format!("{base}/no-such-page")).await.unwrap();
    visit(&c, &axe, "13-not-found").await;
    // A client without an owner offers "Invite a new owner"; sent empty, its own page
    // shows the messages by the fields.
    let umbrella = make_client(&mut app.conn(), gid, "Umbrella");
    c.goto(&format!("{base}/groups/{gid}/clients/{umbrella}"))
        .await
        .unwrap();
    assert!(
        text_of(&c, ".owner-box")
            .await
            .contains("Invite a new owner")
    );
    visit(&c, &axe, "13b-edit-ownerless").await;
    click_and_wait(&c, "#owner-invite button[type=submit]").await;
    assert!(
        text_of(&c, "[data-error-for=first_name]")
            .await
            .contains("first name")
    );
    visit(&c, &axe, "13c-new-owner-errors").await;
    c.goto(&format!("{base}/accounts")).await.unwrap();

    // The owner: the link from the email, a password, the client area.
    // The worker delivers the outbox to the file transport; the link comes from the .eml.
    let mailer =
        clientele::mail::transport::Mailer::from_config(&test_config_with_mail(&app)).unwrap();
    let delivered = clientele::mail::worker::deliver_due(&app.pool, &mailer, clientele::db::now())
        .await
        .unwrap();
    assert_eq!(
        delivered.sent, 2,
        "two activation emails (first and resent)"
    );
    let link = live_link_in_mail(&app, "ana@globex.test").replace("http://clientele.test", &base);
    // Another group's client has invited Ana too: her client area will say so.
    let (rival, _) = make_group(&mut app.conn(), "Rival Hosting", "kim@rival.test");
    let hooli = make_client(&mut app.conn(), rival, "Hooli");
    open_invitation(&mut app.conn(), hooli, "ana@globex.test", "admin", "");
    sign_out(&c).await;
    c.goto(&link).await.unwrap();
    // The link opens the owner's invitation: the name staff typed, a password to choose.
    wait_for_path(&c, "the invitation", |p| p.starts_with("/invitations/")).await;
    visit(&c, &axe, "14-activate").await;
    fill(&c, "f-password", "ana's long password").await;
    fill(&c, "f-password_confirm", "ana's long password").await;
    click_and_wait(&c, "button[type=submit]").await;
    wait_for_path(&c, "the client area", |p| p.starts_with("/portal/")).await;
    assert!(text_of(&c, "h1").await.contains("Globex Brasil"));
    assert_eq!(text_of(&c, "#invitations-count .count-badge").await, "1");
    assert!(text_of(&c, "#pending-invitations").await.contains("Hooli"));
    visit(&c, &axe, "15-client-area").await;

    // The check can fail: a field without a label is caught.
    c.execute("const i = document.createElement('input'); i.type = 'text'; document.querySelector('main').append(i);", vec![])
        .await
        .unwrap();
    let caught = axe_violations(&c, &axe).await;
    assert!(caught.to_string().contains("\"label\""), "{caught}");

    // Small screens: the pages fit 320 px.
    viewport(&c, 320, 800).await;
    assert_fits(&c, "client area").await;
    sign_out(&c).await;
    assert_fits(&c, "login").await;
    fill(&c, "f-email", "olivia@acme.test").await;
    fill(&c, "f-password", PASSWORD).await;
    click_and_wait(&c, "button[type=submit]").await;
    wait_for_path(&c, "the console", |p| p.ends_with("/clients")).await;
    assert_fits(&c, "client list").await;
    c.goto(&format!("{base}/groups/{gid}/clients/new"))
        .await
        .unwrap();
    assert_fits(&c, "add client").await;
    c.close().await.unwrap();

    // Without JavaScript: sign in and add a client.
    let nojs = browser(port, false).await;
    nojs.goto(&format!("{base}/login")).await.unwrap();
    fill(&nojs, "f-email", "olivia@acme.test").await;
    fill(&nojs, "f-password", PASSWORD).await;
    click(&nojs, "button[type=submit]").await;
    wait_for_path(&nojs, "the console", |p| p.ends_with("/clients")).await;
    nojs.goto(&format!("{base}/groups/{gid}/clients/new"))
        .await
        .unwrap();
    fill(&nojs, "f-account_name", "Initech").await;
    fill(&nojs, "f-address", "1 Main St").await;
    fill(&nojs, "f-owner_first_name", "Bill").await;
    fill(&nojs, "f-owner_last_name", "Lumbergh").await;
    fill(&nojs, "f-owner_email", "bill@initech.test").await;
    click(&nojs, "form.card button.button-primary").await;
    nojs.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[role=status]"))
        .await
        .expect("the new page");
    assert!(
        text_of(&nojs, "[role=status]")
            .await
            .contains("Client Initech created")
    );
    // Bill never answers: after 14 days Initech has no owner, and its Edit tab invites a
    // new one, without JavaScript too.
    let initech = path(&nojs).await;
    clientele::jobs::run_all(
        &mut app.conn(),
        clientele::db::now() + chrono::Duration::days(15),
        "http://clientele.test",
    )
    .unwrap();
    nojs.goto(&format!("{base}{initech}")).await.unwrap();
    assert!(text_of(&nojs, ".owner-box").await.contains("No owner"));
    fill(&nojs, "f-first_name", "Peter").await;
    fill(&nojs, "f-last_name", "Gibbons").await;
    fill(&nojs, "f-email", "peter@initech.test").await;
    click(&nojs, "#owner-invite button[type=submit]").await;
    // Without script the new page cannot be marked: wait for its message to appear.
    nojs.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[role=status]"))
        .await
        .expect("the new page");
    assert!(
        text_of(&nojs, "[role=status]")
            .await
            .contains("The owner's invitation was sent to peter@initech.test")
    );
    assert!(
        text_of(&nojs, ".owner-box")
            .await
            .contains("peter@initech.test")
    );
    nojs.close().await.unwrap();
}

/// The services switched on in the Add client form, in the catalogue's order.
async fn switched_on(c: &Client) -> Vec<String> {
    let on = c
        .execute(
            "return [...document.querySelectorAll('input[name=service]:checked')].map(i => i.value);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(on).unwrap()
}

/// The catalogue's keys (those with a hyphen: a raw one on a page would be a bug).
fn catalogue_keys() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales/en.ftl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split(" =").next())
        .filter(|k| k.contains('-'))
        .map(str::to_owned)
        .collect()
}

/// The page speaks `lang`: `<html lang>`, no raw key, no missing-message marker, and axe
/// finds nothing serious (the `lang` attribute included); then its screenshot.
async fn check_language(c: &Client, axe: &str, keys: &[String], lang: &str, name: &str) {
    let html_lang = c
        .execute("return document.documentElement.lang;", vec![])
        .await
        .unwrap();
    assert_eq!(html_lang, json!(lang), "{name}: <html lang>");
    let text = c
        .execute("return document.body.innerText;", vec![])
        .await
        .unwrap();
    let text = text.as_str().unwrap_or_default();
    assert!(
        !text.contains("Unknown localization"),
        "{name} ({lang}): {text}"
    );
    if let Some(raw) = keys.iter().find(|k| text.contains(k.as_str())) {
        panic!("{name} ({lang}) shows the raw key {raw}: {text}");
    }
    visit(c, axe, &format!("{name}-{lang}")).await;
}

/// Issue 33's Users page, filled: a member with `users` and an invitation waiting, sent by
/// the client's owner (ana@globex.test).
async fn people_on_the_users_page(app: &TestApp, cid: i64) {
    make_member_with(&mut app.conn(), cid, "mel@globex.test", "member", "users");
    let ana = Browser::new(app);
    ana.login("ana@globex.test", PASSWORD).await;
    let users_page = format!("/portal/{cid}/users");
    let r = ana
        .post_form(
            &users_page,
            &users_page,
            &[
                ("email", "nina@globex.test"),
                ("role", "member"),
                ("perm_account", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
}

/// Five failed sign-ins of `email`: locked out (the staff page offers Unlock).
fn lock_out(app: &TestApp, email: &str) {
    for _ in 0..5 {
        clientele::services::throttle::failed(
            &mut app.conn(),
            email,
            Some("192.0.2.1"),
            clientele::db::now(),
        )
        .unwrap();
    }
}

async fn sign_in_as(c: &Client, base: &str, email: &str, password: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    fill(c, "f-email", email).await;
    fill(c, "f-password", password).await;
    click_and_wait(c, "button[type=submit].button-primary").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_speaks_portuguese_and_spanish() {
    use clientele::db::schema::users;
    use diesel::prelude::*;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = spawn_app().await;
    let fresh = spawn_app().await; // for the first-run set-up page
    let base = app.address.clone();
    let (gid, _) = make_group(&mut app.conn(), "Acme Hosting", "olivia@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex Brasil");
    let ana = make_member(&mut app.conn(), cid, "ana@globex.test", "owner");
    // Issue 33's screens: a member and a pending invitation on Globex's Users page (seen
    // by staff signed in as Ana), an API token on Olivia's profile (the password form
    // asks about it), a locked-out seller on the staff page (with Unlock).
    people_on_the_users_page(&app, cid).await;
    let sam = make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    lock_out(&app, "sam@acme.test");
    {
        let olivia: i64 = users::table
            .filter(users::email.eq("olivia@acme.test"))
            .select(users::id)
            .first(&mut app.conn())
            .unwrap();
        clientele::models::api_token::insert(
            &mut app.conn(),
            &clientele::models::api_token::NewApiToken {
                user_id: olivia,
                name: "Billing sync",
                token_hash: &clientele::auth::tokens::hash_token("clt_browser"),
                created_at: clientele::db::now(),
            },
        )
        .unwrap();
    }
    // A client without an owner ("Invite a new owner"), and an invitation waiting for Ana
    // (the header's count, the client area's notice).
    let ownerless = make_client(&mut app.conn(), gid, "Umbrella");
    let (rival, _) = make_group(&mut app.conn(), "Rival Hosting", "kim@rival.test");
    let rival_client = make_client(&mut app.conn(), rival, "Hooli");
    open_invitation(
        &mut app.conn(),
        rival_client,
        "ana@globex.test",
        "admin",
        "",
    );
    // A client whose owner has an activation link waiting.
    app.login("olivia@acme.test", PASSWORD).await;
    let r = app
        .post_form(
            &format!("/groups/{gid}/clients/new"),
            &format!("/groups/{gid}/clients"),
            &[
                ("account_name", "Initech"),
                ("active", "on"),
                ("language", "es"),
                ("address", "Calle Mayor 1"),
                ("owner_first_name", "Zoe"),
                ("owner_last_name", "Zapata"),
                ("owner_email", "zoe@initech.test"),
            ],
        )
        .await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let mailer =
        clientele::mail::transport::Mailer::from_config(&test_config_with_mail(&app)).unwrap();
    clientele::mail::worker::deliver_due(&app.pool, &mailer, clientele::db::now())
        .await
        .unwrap();
    let link = live_link_in_mail(&app, "zoe@initech.test").replace("http://clientele.test", &base);

    let (_driver, port) = start_chromedriver();
    let axe = axe_source();
    let keys = catalogue_keys();
    let c = browser(port, true).await;
    let set_language = |email: &str, lang: &str| {
        diesel::update(users::table.filter(users::email.eq(email)))
            .set(users::language.eq(lang))
            .execute(&mut app.conn())
            .unwrap();
    };
    // English too: every page at both widths in the three languages (issue 36).
    for lang in ["pt-BR", "es", "en"] {
        // Before sign-in: the sign-in page's selector, kept for the session.
        c.goto(&format!("{base}/login?lang={lang}")).await.unwrap();
        check_language(&c, &axe, &keys, lang, "30-login").await;
        // The link speaks its own language (the client's, Spanish, in its email); the same
        // link in the other language, as a Portuguese email would carry it.
        assert!(link.ends_with("?lang=es"), "{link}");
        c.goto(&link.replace("?lang=es", &format!("?lang={lang}")))
            .await
            .unwrap();
        check_language(&c, &axe, &keys, lang, "31-activate").await;
        c.goto(&format!("{base}/no-such-page")).await.unwrap();
        check_language(&c, &axe, &keys, lang, "32-not-found").await;
        c.goto(&format!("{base}/password/forgot")).await.unwrap();
        check_language(&c, &axe, &keys, lang, "51-forgot-password").await;
        let token = fresh.setup_token.clone().unwrap();
        c.goto(&format!("{}/login?lang={lang}", fresh.address))
            .await
            .unwrap();
        c.goto(&format!("{}/setup?token={token}", fresh.address))
            .await
            .unwrap();
        check_language(&c, &axe, &keys, lang, "33-setup").await;

        // Signed in: the profile's language.
        set_language("olivia@acme.test", lang);
        sign_in_as(&c, &base, "olivia@acme.test", PASSWORD).await;
        for (name, page) in [
            ("34-clients", format!("/groups/{gid}/clients")),
            (
                "35-clients-no-match",
                format!("/groups/{gid}/clients?q=zzz"),
            ),
            ("36-add-client", format!("/groups/{gid}/clients/new")),
            ("38-edit-client", format!("/groups/{gid}/clients/{cid}")),
            (
                "38b-edit-ownerless",
                format!("/groups/{gid}/clients/{ownerless}"),
            ),
            (
                "38c-users-ownerless",
                format!("/groups/{gid}/clients/{ownerless}/users"),
            ),
            ("39-email-problems", format!("/groups/{gid}/emails")),
            ("40-accounts", "/accounts".to_owned()),
            ("42-settings", format!("/groups/{gid}/settings")),
            (
                "43-services",
                format!("/groups/{gid}/clients/{cid}/services"),
            ),
            ("45-staff", format!("/groups/{gid}/staff")),
            ("45b-staff-person", format!("/groups/{gid}/staff/{sam}")),
            (
                "46-client-users",
                format!("/groups/{gid}/clients/{cid}/users"),
            ),
            (
                "47-client-user",
                format!("/groups/{gid}/clients/{cid}/users/{ana}"),
            ),
            ("48-profile", "/profile".to_owned()),
            ("49-two-step", "/profile/two-step".to_owned()),
            (
                "64-client-history",
                format!("/groups/{gid}/clients/{cid}/history"),
            ),
            ("65-group-activity", format!("/groups/{gid}/activity")),
            (
                "75-deletion-tab",
                format!("/groups/{gid}/clients/{cid}/deletion"),
            ),
            ("77-system-status", format!("/groups/{gid}/system")),
        ] {
            c.goto(&format!("{base}{page}")).await.unwrap();
            check_language(&c, &axe, &keys, lang, name).await;
            // Every page on a phone too (issue 36): nothing scrolls sideways.
            viewport(&c, 390, 844).await;
            screenshot(&c, &format!("{name}-390-{lang}")).await;
            assert_fits(&c, &format!("{name} ({lang})")).await;
            viewport(&c, 1280, 800).await;
            if name == "36-add-client" {
                // The form sent empty: its errors, in the language.
                click_and_wait(&c, "form.card button.button-primary").await;
                check_language(&c, &axe, &keys, lang, "37-add-client-errors").await;
            }
            if name == "38b-edit-ownerless" {
                // "Invite a new owner" sent empty: its own page, the messages by the fields.
                click_and_wait(&c, "#owner-invite button[type=submit]").await;
                assert!(c.find(Locator::Css("[data-error-for=email]")).await.is_ok());
                check_language(&c, &axe, &keys, lang, "38d-new-owner-errors").await;
                viewport(&c, 390, 844).await;
                screenshot(&c, &format!("38d-new-owner-errors-390-{lang}")).await;
                assert_fits(&c, name).await;
                viewport(&c, 1280, 800).await;
            }
            if name == "49-two-step" {
                // "Set up": the QR code, drawn on the server, shown under the CSP.
                click_and_wait(&c, "#two-step-off form button").await;
                check_language(&c, &axe, &keys, lang, "50-two-step-qr").await;
                let width = c
                    .execute(
                        "return document.querySelector('img.qr-code').naturalWidth",
                        vec![],
                    )
                    .await
                    .unwrap();
                assert!(
                    width.as_u64().unwrap_or(0) > 100,
                    "the QR code shows: {width}"
                );
            }
        }
        sign_out(&c).await;

        // The client area, for the client's own user.
        set_language("ana@globex.test", lang);
        sign_in_as(&c, &base, "ana@globex.test", PASSWORD).await;
        c.goto(&format!("{base}/portal/{cid}")).await.unwrap();
        // Hooli's invitation: counted in the header, offered with Accept and Decline.
        assert_eq!(text_of(&c, "#invitations-count .count-badge").await, "1");
        assert!(text_of(&c, "#pending-invitations").await.contains("Hooli"));
        check_language(&c, &axe, &keys, lang, "41-client-area").await;
        viewport(&c, 390, 844).await;
        screenshot(&c, &format!("41-client-area-390-{lang}")).await;
        assert_fits(&c, "the client area with an invitation").await;
        viewport(&c, 1280, 800).await;
        c.goto(&format!("{base}/portal/{cid}/services"))
            .await
            .unwrap();
        check_language(&c, &axe, &keys, lang, "44-client-services").await;
        c.goto(&format!("{base}/portal/{cid}/account"))
            .await
            .unwrap();
        check_language(&c, &axe, &keys, lang, "49-client-account").await;
        c.goto(&format!("{base}/portal/{cid}/users")).await.unwrap();
        check_language(&c, &axe, &keys, lang, "50-client-users").await;
        c.goto(&format!("{base}/portal/{cid}/support"))
            .await
            .unwrap();
        check_language(&c, &axe, &keys, lang, "66-support-access").await;
        c.goto(&format!("{base}/portal/{cid}/deletion"))
            .await
            .unwrap();
        check_language(&c, &axe, &keys, lang, "76-deletion-request").await;
        sign_out(&c).await;

        // Staff signed in as Ana: the banner and a refusal, in the staff member's language.
        sign_in_as(&c, &base, "olivia@acme.test", PASSWORD).await;
        c.goto(&format!("{base}/groups/{gid}/clients/{cid}"))
            .await
            .unwrap();
        click_and_wait(&c, ".support-form button[type=submit]").await;
        check_language(&c, &axe, &keys, lang, "67-impersonating").await;
        c.goto(&format!("{base}/profile")).await.unwrap();
        check_language(&c, &axe, &keys, lang, "68-impersonating-profile").await;
        // Ana's Users page: no invitation form, no resend, what is said instead.
        c.goto(&format!("{base}/portal/{cid}/users")).await.unwrap();
        assert!(
            c.find(Locator::Css("[data-support-access=no-invitations]"))
                .await
                .is_ok()
        );
        check_language(&c, &axe, &keys, lang, "69-impersonating-users").await;
        viewport(&c, 390, 844).await;
        assert_fits(&c, "the Users page while impersonating").await;
        screenshot(&c, &format!("69-impersonating-users-390-{lang}")).await;
        viewport(&c, 1280, 800).await;
        click_and_wait(&c, "#impersonation-banner button").await;
        sign_out(&c).await;
    }
    c.close().await.unwrap();
}

/// Issue 12's journey: a client's owner invites someone who already uses Clientele; the
/// invitee opens the emailed link, signs in, accepts, then at the next sign-in chooses
/// the account and switches accounts in the header.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_is_accepted_from_the_email_and_accounts_are_switched() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = spawn_app().await;
    let base = app.address.clone();
    let (gid, _) = make_group(&mut app.conn(), "Acme Hosting", "olivia@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "ana@globex.test", "owner");
    let (other, _) = make_group(&mut app.conn(), "Sam's Agency", "sam@agency.test");

    let (_driver, port) = start_chromedriver();
    let axe = axe_source();
    let c = browser(port, true).await;

    // Ana invites Sam as an admin from her client area's Users page.
    sign_in_as(&c, &base, "ana@globex.test", PASSWORD).await;
    c.goto(&format!("{base}/portal/{cid}/users")).await.unwrap();
    visit(&c, &axe, "52-client-users").await;
    fill(&c, "f-email", "sam@agency.test").await;
    c.find(Locator::Css("#f-role option[value=admin]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_and_wait(&c, "#invite button[type=submit]").await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("Invitation sent to sam@agency.test.")
    );
    assert!(
        text_of(&c, "#invitations")
            .await
            .contains("sam@agency.test")
    );
    visit(&c, &axe, "53-invitation-sent").await;
    sign_out(&c).await;

    // The email goes out; Sam opens its link signed out, signs in, accepts.
    let mailer =
        clientele::mail::transport::Mailer::from_config(&test_config_with_mail(&app)).unwrap();
    clientele::mail::worker::deliver_due(&app.pool, &mailer, clientele::db::now())
        .await
        .unwrap();
    let links = links_in_mail(&app, "sam@agency.test", "/invitations/");
    assert_eq!(links.len(), 1, "one invitation email");
    let link = links[0].replace("http://clientele.test", &base);
    c.goto(&link).await.unwrap();
    // The secret left the address bar (issue 34): the page is at its reference, and the
    // way back after signing in too.
    let secret = link.rsplit('/').next().unwrap().to_owned();
    let at = path(&c).await;
    assert!(
        at.starts_with("/invitations/") && !at.contains(&secret),
        "{at}"
    );
    visit(&c, &axe, "54-invitation-sign-in-first").await;
    click_and_wait(&c, "a.button-primary").await;
    assert!(path(&c).await.starts_with("/login?next="));
    assert!(!path(&c).await.contains(&secret));
    fill(&c, "f-email", "sam@agency.test").await;
    fill(&c, "f-password", PASSWORD).await;
    click_and_wait(&c, "button[type=submit].button-primary").await;
    wait_for_path(&c, "the invitation", |p| p == at).await;
    visit(&c, &axe, "55-invitation-accept").await;
    click_and_wait(&c, "form[action$='/accept'] button").await;
    wait_for_path(&c, "the client area", |p| p == format!("/portal/{cid}")).await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("Welcome to Globex.")
    );
    sign_out(&c).await;

    // Next sign-in: two accounts, so the chooser; Sam picks Globex.
    sign_in_as(&c, &base, "sam@agency.test", PASSWORD).await;
    wait_for_path(&c, "the chooser", |p| p == "/accounts").await;
    visit(&c, &axe, "56-account-chooser").await;
    let chooser = text_of(&c, "main").await;
    assert!(chooser.contains("Globex") && chooser.contains("Sam's Agency"));
    click_and_wait(&c, &format!("main a[href='/portal/{cid}']")).await;
    assert_eq!(path(&c).await, format!("/portal/{cid}"));

    // The header's switcher takes Sam to the other account, and marks where Sam is.
    click(&c, ".switcher summary").await;
    visit(&c, &axe, "57-account-switcher").await;
    click_and_wait(&c, &format!(".switcher a[href='/groups/{other}/clients']")).await;
    assert_eq!(path(&c).await, format!("/groups/{other}/clients"));
    let current = c
        .find(Locator::Css(".switcher a[aria-current]"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap();
    assert_eq!(
        current.as_deref(),
        Some(format!("/groups/{other}/clients").as_str())
    );
    assert!(
        text_of(&c, ".switcher summary")
            .await
            .contains("Sam's Agency")
    );
    c.close().await.unwrap();
}

/// Issue 13's journey: a seller logs in as a client from the list, acts, sees the banner
/// (also at 320 px), returns to the console, and finds the action in the client's History
/// as "A (as B)"; the client's owner finds the visit under Support access.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_log_in_as_a_client_and_find_it_in_history() {
    use clientele::db::schema::users;
    use diesel::prelude::*;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = spawn_app().await;
    let base = app.address.clone();
    let (gid, _) = make_group(&mut app.conn(), "Acme Hosting", "olivia@acme.test");
    let sam = make_member(&mut app.conn(), gid, "sam@acme.test", "seller");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    let ana = make_member(&mut app.conn(), cid, "ana@globex.test", "owner");
    for (id, first, last) in [(sam, "Sam", "Seller"), (ana, "Ana", "Souza")] {
        diesel::update(users::table.find(id))
            .set((users::first_name.eq(first), users::last_name.eq(last)))
            .execute(&mut app.conn())
            .unwrap();
    }

    // Ana's people: a member with `users`, an invitation waiting (issue 33's screens).
    people_on_the_users_page(&app, cid).await;

    let (_driver, port) = start_chromedriver();
    let axe = axe_source();
    let c = browser(port, true).await;
    sign_in_as(&c, &base, "sam@acme.test", PASSWORD).await;
    c.goto(&format!("{base}/groups/{gid}/clients?seller=all"))
        .await
        .unwrap();
    visit(&c, &axe, "58-list-log-in").await;
    click_and_wait(&c, &format!("tr[data-client-id='{cid}'] form button")).await;
    assert_eq!(path(&c).await, format!("/portal/{cid}"));
    assert!(
        text_of(&c, "#impersonation-banner")
            .await
            .contains("You are signed in as Ana Souza for client Globex.")
    );
    visit(&c, &axe, "59-impersonating").await;

    // Her Users page: nothing that gives access is offered (no invitation form, no
    // resend, no higher role), and it says why; revoking stays.
    c.goto(&format!("{base}/portal/{cid}/users")).await.unwrap();
    let said = text_of(&c, "[data-support-access=no-invitations]").await;
    assert!(said.contains("not sent during support access"), "{said}");
    assert!(
        c.find(Locator::Css("form[action$='/resend']"))
            .await
            .is_err()
    );
    assert!(
        c.find(Locator::Css("form[action$='/revoke']"))
            .await
            .is_ok()
    );
    visit(&c, &axe, "59b-impersonating-users").await;
    viewport(&c, 390, 844).await;
    assert_fits(&c, "the Users page while impersonating").await;
    screenshot(&c, "59c-impersonating-users-390").await;
    viewport(&c, 1280, 800).await;

    // Act as Ana: her company name.
    c.goto(&format!("{base}/portal/{cid}/account"))
        .await
        .unwrap();
    fill(&c, "f-company_name", "Globex Brasil Ltda").await;
    click_and_wait(&c, "main form.card button[type=submit]").await;
    assert!(
        text_of(&c, "#impersonation-banner")
            .await
            .contains("Ana Souza")
    );

    // The banner stays visible and whole on a phone.
    viewport(&c, 320, 640).await;
    let visible = c
        .execute(
            "const r = document.getElementById('impersonation-banner').getBoundingClientRect(); \
             return r.top >= 0 && r.bottom <= window.innerHeight && r.width <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(visible, json!(true));
    assert_fits(&c, "the client area while impersonating").await;
    screenshot(&c, "60-impersonating-320").await;
    viewport(&c, 1280, 800).await;

    // Return to console: back on the client, the banner gone.
    click_and_wait(&c, "#impersonation-banner button").await;
    assert_eq!(path(&c).await, format!("/groups/{gid}/clients/{cid}"));
    assert!(c.find(Locator::Id("impersonation-banner")).await.is_err());
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("You are back in the console.")
    );

    // The History tab: the change, as "Sam Seller (as Ana Souza)".
    click_and_wait(
        &c,
        &format!("nav.tabs a[href='/groups/{gid}/clients/{cid}/history']"),
    )
    .await;
    let rows = text_of(&c, "table.audit-table tbody").await;
    assert!(rows.contains("Sam Seller (as Ana Souza)"), "{rows}");
    assert!(rows.contains("Client edited") && rows.contains("Globex Brasil Ltda"));
    visit(&c, &axe, "61-client-history").await;
    sign_out(&c).await;

    // The group's Activity, for its owner; Support access, for the client's owner.
    sign_in_as(&c, &base, "olivia@acme.test", PASSWORD).await;
    c.goto(&format!(
        "{base}/groups/{gid}/activity?action=impersonation.started"
    ))
    .await
    .unwrap();
    assert!(
        text_of(&c, "table.audit-table")
            .await
            .contains("Support access started")
    );
    visit(&c, &axe, "62-group-activity").await;

    // Sam is locked out (5 wrong passwords): the owner sees it and may unlock him.
    lock_out(&app, "sam@acme.test");
    c.goto(&format!("{base}/groups/{gid}/staff")).await.unwrap();
    assert!(
        c.find(Locator::Css(&format!(
            "tr[data-user-id='{sam}'] [data-locked]"
        )))
        .await
        .is_ok()
    );
    visit(&c, &axe, "62b-staff-locked").await;
    viewport(&c, 390, 844).await;
    assert_fits(&c, "the staff page with a locked seller").await;
    screenshot(&c, "62c-staff-locked-390").await;
    viewport(&c, 1280, 800).await;
    // His own page (the row's "Change"): unlock there, never inside the table.
    click_and_wait(&c, &format!("#change-{sam}")).await;
    visit(&c, &axe, "62f-staff-person").await;
    viewport(&c, 390, 844).await;
    assert_fits(&c, "a staff member's own page").await;
    screenshot(&c, "62g-staff-person-390").await;
    viewport(&c, 1280, 800).await;
    click_and_wait(&c, "form[action$='/unlock'] button").await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("can try to sign in again now")
    );
    // An API token on the profile: the password form asks whether to keep it.
    c.goto(&format!("{base}/profile")).await.unwrap();
    fill(&c, "f-token_name", "Billing sync").await;
    click_and_wait(&c, "#api-tokens form.form-below button").await;
    c.goto(&format!("{base}/profile#password")).await.unwrap();
    assert!(c.find(Locator::Id("f-revoke-api-tokens")).await.is_ok());
    visit(&c, &axe, "62d-profile-tokens").await;
    viewport(&c, 390, 844).await;
    assert_fits(&c, "the profile with an API token").await;
    screenshot(&c, "62e-profile-tokens-390").await;
    viewport(&c, 1280, 800).await;
    sign_out(&c).await;
    sign_in_as(&c, &base, "ana@globex.test", PASSWORD).await;
    c.goto(&format!("{base}/portal/{cid}/support"))
        .await
        .unwrap();
    let support = text_of(&c, "#support-access").await;
    assert!(support.contains("Sam Seller") && support.contains("returned to the console"));
    visit(&c, &axe, "63-support-access").await;
    c.close().await.unwrap();
}

/// Issue 14's journey: the owner asks to delete the account, staff see it in the console
/// (marker, filter, tab), cancel it with a note, the owner asks again, staff delete the
/// account from the console after typing its name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deletion_is_requested_cancelled_requested_again_and_done() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = spawn_app().await;
    let base = app.address.clone();
    let (gid, _) = make_group(&mut app.conn(), "Acme Hosting", "olivia@acme.test");
    let cid = make_client(&mut app.conn(), gid, "Globex");
    make_member(&mut app.conn(), cid, "ana@globex.test", "owner");

    let (_driver, port) = start_chromedriver();
    let axe = axe_source();
    let c = browser(port, true).await;
    let owner_asks = |c: Client| {
        let base = base.clone();
        let axe = axe.clone();
        async move {
            sign_in_as(&c, &base, "ana@globex.test", PASSWORD).await;
            click_and_wait(&c, &format!("nav.sidebar a[href='/portal/{cid}/deletion']")).await;
            visit(&c, &axe, "69-deletion-request").await;
            click(&c, "#f-confirm").await;
            click_and_wait(&c, "main form button.button-danger").await;
            assert_eq!(path(&c).await, format!("/portal/{cid}"));
            assert!(
                text_of(&c, "#deletion-pending")
                    .await
                    .contains("10 days left")
            );
            visit(&c, &axe, "70-deletion-scheduled").await;
            sign_out(&c).await;
            c
        }
    };
    let c = owner_asks(c).await;

    // The console: the marker on the list, the filter, the tab; cancel with a note.
    sign_in_as(&c, &base, "olivia@acme.test", PASSWORD).await;
    c.goto(&format!("{base}/groups/{gid}/clients?deletion=requested"))
        .await
        .unwrap();
    // The row's status says it, the days left on hover (and to screen readers).
    let pill = c
        .find(Locator::Css(&format!(
            "tr[data-client-id='{cid}'] .badge-deletion"
        )))
        .await
        .expect("the deletion pill");
    assert!(pill.text().await.unwrap().starts_with("Deletion requested"));
    assert_eq!(
        pill.attr("title").await.unwrap().as_deref(),
        Some("Deletion requested — 10 days left before it is deleted")
    );
    visit(&c, &axe, "71-list-deletion-marker").await;
    c.goto(&format!("{base}/groups/{gid}/clients/{cid}/deletion"))
        .await
        .unwrap();
    visit(&c, &axe, "72-deletion-tab").await;
    fill(&c, "f-note", "Asked by mistake, said Ana on the phone").await;
    click_and_wait(&c, "#open-request button[type=submit]").await;
    assert!(
        text_of(&c, "#deletion-history")
            .await
            .contains("Asked by mistake, said Ana on the phone")
    );
    sign_out(&c).await;

    // Ana asks again; this time the group deletes the account.
    let c = owner_asks(c).await;
    sign_in_as(&c, &base, "olivia@acme.test", PASSWORD).await;
    c.goto(&format!("{base}/groups/{gid}/clients/{cid}/deletion"))
        .await
        .unwrap();
    fill(&c, "f-confirm_name", "Globe").await;
    click_and_wait(&c, "#delete-now button[type=submit]").await;
    assert!(
        text_of(&c, "[data-error-for=confirm_name]")
            .await
            .contains("exactly as shown")
    );
    visit(&c, &axe, "73-deletion-wrong-name").await;
    fill(&c, "f-confirm_name", "Globex").await;
    click_and_wait(&c, "#delete-now button[type=submit]").await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("Globex was deleted.")
    );
    assert!(
        text_of(&c, "#client-deleted")
            .await
            .contains("was deleted on")
    );
    visit(&c, &axe, "74-client-deleted").await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seller_chooses_columns_saves_a_default_view_and_disables_two_clients() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = spawn_app().await;
    let base = app.address.clone();
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme Hosting", "olivia@acme.test");
    let seller = make_member(&mut conn, gid, "sam@acme.test", "seller");
    for name in ["Globex", "Initech", "Umbrella"] {
        let cid = make_client(&mut conn, gid, name);
        use clientele::db::schema::accounts;
        use diesel::prelude::*;
        if name != "Initech" {
            diesel::update(accounts::table.find(cid))
                .set(accounts::seller_id.eq(seller))
                .execute(&mut conn)
                .unwrap();
        }
    }
    drop(conn);
    let (_driver, port) = start_chromedriver();
    let axe = axe_source();
    // Plain forms and <details>: nothing here needs script (axe needs it to run).
    let c = browser(port, true).await;
    sign_in_as(&c, &base, "sam@acme.test", PASSWORD).await;
    c.goto(&format!("{base}/groups/{gid}/clients"))
        .await
        .unwrap();
    // A seller opens on "My clients", named on the views menu.
    assert_eq!(list_ids(&c).await.len(), 2);
    assert!(
        text_of(&c, "#views-menu > summary")
            .await
            .contains("My clients")
    );

    // Columns: the country added, the owner taken away (the tools open without script).
    click(&c, "#columns-menu > summary").await;
    click(&c, "#f-col_country").await;
    click(&c, "#f-col_owner").await;
    visit(&c, &axe, "30-clients-columns").await;
    click_and_wait(&c, "#columns-menu button[type=submit]").await;
    assert!(text_of(&c, "[role=status]").await.contains("Columns saved"));
    let heads = text_of(&c, ".list-table thead").await.to_lowercase();
    assert!(
        heads.contains("country") && !heads.contains("owner"),
        "{heads}"
    );

    // All clients, sorted by name descending, saved as the default view.
    click(&c, "#views-menu > summary").await;
    click_and_wait(&c, ".views li:first-child a").await;
    // (Sorted by name already: one click turns it round.)
    sort_by(&c, "Account name").await;
    assert_eq!(list_ids(&c).await.len(), 3);
    click(&c, "#views-menu > summary").await;
    // Only spaces (an empty name the browser refuses itself): the server's error beside
    // the field, the list as it was.
    fill(&c, "f-view_name", "   ").await;
    click_and_wait(&c, "#views-menu form[action$='/views'] button[type=submit]").await;
    assert!(
        text_of(&c, "[data-error-for=view_name]")
            .await
            .contains("Enter a name")
    );
    assert_eq!(list_ids(&c).await.len(), 3);
    visit(&c, &axe, "31-clients-save-view-error").await;
    fill(&c, "f-view_name", "Everyone, Z to A").await;
    click(&c, "#f-view_default").await;
    click_and_wait(&c, "#views-menu form[action$='/views'] button[type=submit]").await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("View Everyone, Z to A saved")
    );

    // The bare list now opens with it, marked, with its columns.
    c.goto(&format!("{base}/groups/{gid}/clients"))
        .await
        .unwrap();
    assert!(
        text_of(&c, "#views-menu > summary")
            .await
            .contains("Everyone, Z to A")
    );
    let names: Vec<String> = {
        let mut v = Vec::new();
        for a in c
            .find_all(Locator::Css("tr[data-client-id] td:nth-child(2) a"))
            .await
            .unwrap()
        {
            v.push(a.text().await.unwrap());
        }
        v
    };
    assert_eq!(names, ["Umbrella", "Initech", "Globex"]);
    assert!(
        text_of(&c, ".list-table thead")
            .await
            .to_lowercase()
            .contains("country")
    );
    visit(&c, &axe, "32-clients-saved-view").await;

    // Bulk: two clients ticked, "Disable", the confirmation says two, then done.
    let ids = list_ids(&c).await;
    click(&c, &format!("#pick-{}", ids[0])).await;
    click(&c, &format!("#pick-{}", ids[2])).await;
    c.find(Locator::Css("#f-bulk-action option[value=disable]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_and_wait(&c, "#bulk-continue").await;
    assert!(
        text_of(&c, "h1").await.contains("Disable 2 clients"),
        "the confirmation"
    );
    assert!(text_of(&c, "#bulk-confirm").await.contains("Umbrella"));
    visit(&c, &axe, "33-clients-bulk-confirm").await;
    click_and_wait(&c, "#bulk-apply").await;
    assert!(
        text_of(&c, "[role=status]")
            .await
            .contains("2 clients disabled")
    );
    // Back on the list the action was taken from (the default view: all three).
    assert_eq!(list_ids(&c).await, ids);
    let statuses = text_of(&c, ".list-table tbody").await;
    assert_eq!(statuses.matches("Disabled").count(), 2, "{statuses}");
    visit(&c, &axe, "34-clients-after-bulk").await;
    c.close().await.unwrap();
}

/// Measures the client list as its readers see it (issue 36): at 1 280×800 no sideways
/// scroll, the first client row above 400 px, every row one line high (long names and
/// companies included) with its "Log in" inside the screen; at 390×844 the first client's
/// card within the first screen, nothing sideways. In the three languages, with a
/// screenshot of each width.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_list_fits_the_screen_in_three_languages() {
    use clientele::db::schema::{accounts, users};
    use diesel::prelude::*;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = spawn_app().await;
    let base = app.address.clone();
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme Hosting", "olivia@acme.test");
    let seller = make_member(&mut conn, gid, "greta.schoen@acme.test", "seller");
    diesel::update(users::table.find(seller))
        .set((users::first_name.eq("Greta"), users::last_name.eq("Schön")))
        .execute(&mut conn)
        .unwrap();
    let mut cids = Vec::new();
    for i in 0..60 {
        let name = if i % 7 == 0 {
            format!("Aurora Comércio Internacional de Serviços Digitais {i}")
        } else {
            format!("Client {i:02}")
        };
        let cid = make_client(&mut conn, gid, &name);
        diesel::update(accounts::table.find(cid))
            .set((
                accounts::company_name.eq(format!("{name} Sociedade Anónima de Teste")),
                accounts::seller_id.eq(seller),
            ))
            .execute(&mut conn)
            .unwrap();
        if i % 2 == 0 {
            make_member(&mut conn, cid, &format!("owner{i}@example.test"), "owner");
        }
        cids.push(cid);
    }
    drop(conn);
    let (_driver, port) = start_chromedriver();
    let axe = axe_source();
    let c = browser(port, true).await;
    let list = format!("{base}/groups/{gid}/clients?seller=all");
    for lang in ["en", "es", "pt-BR"] {
        // Seller and created, not the owner: the phone's card shows the owner anyway.
        diesel::update(users::table.filter(users::email.eq("olivia@acme.test")))
            .set((
                users::language.eq(lang),
                users::list_columns.eq("seller,created"),
            ))
            .execute(&mut app.conn())
            .unwrap();
        sign_in_as(&c, &base, "olivia@acme.test", PASSWORD).await;
        viewport(&c, 1280, 800).await;
        c.goto(&list).await.unwrap();
        assert_fits(&c, &format!("the client list ({lang})")).await;
        let m = c
            .execute(
                "const rows = [...document.querySelectorAll('tr[data-client-id]')]; \
                 const buttons = rows.map(r => r.querySelector('[id^=log-in-]')); \
                 return { first: rows[0].getBoundingClientRect().top, \
                   heights: rows.map(r => Math.round(r.getBoundingClientRect().height)), \
                   right: Math.max(...buttons.map(b => b.getBoundingClientRect().right)), \
                   width: window.innerWidth };",
                vec![],
            )
            .await
            .unwrap();
        let first = m["first"].as_f64().unwrap();
        assert!(first < 400.0, "{lang}: the first row starts at {first} px");
        let heights: Vec<i64> = serde_json::from_value(m["heights"].clone()).unwrap();
        assert_eq!(heights.len(), 50, "{lang}: a page of 50");
        assert!(
            heights
                .iter()
                .all(|h| (heights[0] - 2..=heights[0]).contains(h) && *h < 56),
            "{lang}: every row one line: {heights:?}"
        );
        let right = m["right"].as_f64().unwrap();
        assert!(
            right <= m["width"].as_f64().unwrap(),
            "{lang}: \"Log in\" ends at {right} px, past the screen"
        );
        visit(&c, &axe, &format!("80-list-1280-{lang}")).await;
        // Between the two: a laptop's window, a tablet (columns give way, then cards).
        for (w, h) in [(1180, 800), (1024, 768), (800, 600)] {
            viewport(&c, w, h).await;
            c.goto(&list).await.unwrap();
            assert_fits(&c, &format!("the client list at {w} px ({lang})")).await;
        }
        viewport(&c, 390, 844).await;
        c.goto(&list).await.unwrap();
        assert_fits(&c, &format!("the client list at 390 px ({lang})")).await;
        let card = c
            .execute(
                "const r = document.querySelector('tr[data-client-id]');                  return [r.getBoundingClientRect().bottom, r.innerText];",
                vec![],
            )
            .await
            .unwrap();
        let bottom = card[0].as_f64().unwrap();
        assert!(bottom < 844.0, "{lang}: the first card ends at {bottom} px");
        // Name, status, owner (not a chosen column here: the card has it anyway), actions.
        let text = card[1].as_str().unwrap();
        assert!(text.contains("Mia Member"), "{lang}: {text}");
        screenshot(&c, &format!("80-list-390-{lang}")).await;
        // A client's tabs wrap inside their bar: no page of the client scrolls sideways.
        for tab in ["", "/services", "/users", "/history", "/deletion"] {
            c.goto(&format!("{base}/groups/{gid}/clients/{}{tab}", cids[0]))
                .await
                .unwrap();
            assert_fits(&c, &format!("the client's tab {tab:?} at 390 px ({lang})")).await;
        }
        screenshot(&c, &format!("81-client-edit-390-{lang}")).await;
        viewport(&c, 1280, 800).await;
        sign_out(&c).await;
    }
    c.close().await.unwrap();
}
