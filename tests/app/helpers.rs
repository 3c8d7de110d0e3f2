//! Spawning the app and speaking to it like a browser: cookies kept, redirects not followed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use clientele::config::{Config, MailUrl};
use clientele::db::{self, DatabaseUrl, DbConn, DbPool};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{Response, StatusCode};

pub const PASSWORD: &str = "correct horse battery";

/// A database of its own for one test, removed when the test ends.
pub enum TestDb {
    Sqlite {
        dir: tempfile::TempDir,
        url: String,
    },
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDb {
    pub fn new() -> TestDb {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.trim().is_empty() => {
                let name = format!(
                    "clientele_test_{}",
                    clientele::auth::tokens::new_token()[..16].to_owned()
                );
                let mut admin = PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("TEST_DATABASE_URL does not answer: {e}"));
                // A linguistic collation, not C: a key column that forgot its `COLLATE "C"`
                // would sort differently from SQLite and show. ICU's en-US where the server
                // has ICU (PostgreSQL 15 as Debian builds it); otherwise the server's own
                // default, which must then not be a code-point order that would hide it.
                let icu = admin.batch_execute(&format!(
                    "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' \
                     LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
                ));
                if icu.is_err() {
                    #[derive(diesel::QueryableByName)]
                    struct Collation {
                        #[diesel(sql_type = diesel::sql_types::Text)]
                        datcollate: String,
                    }
                    let default: Collation = diesel::sql_query(
                        "SELECT datcollate FROM pg_database WHERE datname = 'template1'",
                    )
                    .get_result(&mut admin)
                    .expect("read the server's collation");
                    assert!(
                        !["C", "POSIX", "C.UTF-8", "C.utf8"].contains(&default.datcollate.as_str()),
                        "the test server has no ICU and sorts by code point ({}): the tests \
                         could not show a key column without its collation",
                        default.datcollate
                    );
                    admin
                        .batch_execute(&format!("CREATE DATABASE {name}"))
                        .expect("create the test database");
                }
                let mut url = url::Url::parse(&admin_url).expect("TEST_DATABASE_URL is a URL");
                url.set_path(&name);
                TestDb::Postgres {
                    admin_url,
                    name,
                    url: url.to_string(),
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("clientele.db").display());
                TestDb::Sqlite { dir, url }
            }
        }
    }

    pub fn url(&self) -> &str {
        match self {
            TestDb::Sqlite { url, .. } | TestDb::Postgres { url, .. } => url,
        }
    }

    /// A directory for files of this test (mail, key files).
    pub fn scratch_dir(&self) -> std::path::PathBuf {
        match self {
            TestDb::Sqlite { dir, .. } => dir.path().to_owned(),
            TestDb::Postgres { name, .. } => {
                let p = std::env::temp_dir().join(name);
                std::fs::create_dir_all(&p).unwrap();
                p
            }
        }
    }

    /// A pool of the test's own, for arranging data and checking what the app wrote
    /// (migrated, so it can be used before the app has started).
    pub fn pool(&self) -> DbPool {
        let url = DatabaseUrl::parse(self.url()).unwrap();
        let pool = db::connect(&url, 4, Duration::from_secs(10)).expect("test pool");
        db::run_migrations(&mut pool.get().unwrap()).expect("migrations");
        pool
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres {
            admin_url, name, ..
        } = self
        {
            if let Ok(mut admin) = PgConnection::establish(admin_url) {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
            let _ = std::fs::remove_dir_all(std::env::temp_dir().join(&*name));
        }
    }
}

/// The configuration tests run with: minimum bcrypt cost, one worker, no scheduler.
pub fn test_config(db: &TestDb) -> Config {
    Config {
        database: DatabaseUrl::parse(db.url()).unwrap(),
        bind: "127.0.0.1:0".into(),
        base_url: "http://clientele.test".into(),
        session_key: Some("test-session-key-".repeat(5)),
        mail: MailUrl::File(db.scratch_dir().join("mail")),
        mail_from: "Clientele <clientele@localhost>".into(),
        bcrypt_cost: 4,
        workers: Some(1),
        pool_size: 4,
        db_timeout: Duration::from_secs(2),
        db_wait: Duration::ZERO,
        background_jobs: false,
        metrics_token: None,
        trusted_proxies: Default::default(),
        proxy_header: Default::default(),
        new_accounts: Default::default(),
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    pub setup_token: Option<String>,
    /// Where the app's file transport writes `.eml` files (when `MAIL_URL` is `file://`).
    pub mail_dir: Option<std::path::PathBuf>,
    pub pool: DbPool,
    /// The app's own pool (to exhaust it in the 503 test).
    pub app_pool: DbPool,
    handle: actix_web::dev::ServerHandle,
    // Dropped last: the database outlives the server.
    _db: TestDb,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // The stop command is sent at once; the server thread then ends and drops its pool.
        drop(self.handle.stop(false));
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Spawns the app in a thread of its own (its own actix system), on a fresh database.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let db = TestDb::new();
    let mut config = test_config(&db);
    adjust(&mut config);
    spawn_on(db, config).await
}

pub async fn spawn_on(db: TestDb, config: Config) -> TestApp {
    let mail_dir = match &config.mail {
        MailUrl::File(dir) => Some(dir.clone()),
        _ => None,
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = clientele::Application::build(config)
                .await
                .expect("the app builds");
            tx.send((
                app.port(),
                app.setup_token().map(str::to_owned),
                app.server_handle(),
                app.pool().clone(),
            ))
            .unwrap();
            app.run_until_stopped().await.expect("server runs");
        })
    });
    let (port, setup_token, handle, app_pool) =
        tokio::task::spawn_blocking(move || rx.recv().expect("the app started"))
            .await
            .unwrap();
    let jar = Arc::new(Jar::default());
    let client = new_client(jar.clone());
    let pool = db.pool();
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client,
        jar,
        setup_token,
        mail_dir,
        pool,
        app_pool,
        handle,
        _db: db,
    }
}

pub fn new_client(jar: Arc<Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

impl TestApp {
    /// The database the app runs on (for the command line beside it).
    pub fn db_url(&self) -> &str {
        self._db.url()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// A page's HTML (200), an emailed link's through its move ([`page_html`]).
    pub async fn get_html(&self, path: &str) -> String {
        page_html(&self.client, &self.address, path).await
    }

    /// POSTs a form exactly as given (no CSRF token added).
    pub async fn post_raw<T: serde::Serialize + ?Sized>(&self, path: &str, fields: &T) -> Response {
        self.client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    /// Opens `form_page`, takes its CSRF token, and POSTs `fields` with it to `path`.
    pub async fn post_form(
        &self,
        form_page: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let html = self.get_html(form_page).await;
        let token = csrf_token(&html);
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_raw(path, &all).await
    }

    /// The session cookie as the browser holds it (`name=value`).
    pub fn session_cookie(&self) -> Option<String> {
        let url = self.address.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .unwrap()
            .split("; ")
            .find(|c| c.starts_with("clientele_session="))
            .map(str::to_owned)
    }

    /// A new browser with nothing but the given cookie header.
    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> Response {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(self.url(path))
            .header("Cookie", cookie)
            .send()
            .await
            .unwrap()
    }

    /// Completes the first-run set-up over HTTP; returns the new group's id. Signed in after.
    pub async fn setup(&self, group: &str, email: &str) -> i64 {
        let token = self
            .setup_token
            .clone()
            .expect("a fresh app has a set-up token");
        let page = format!("/setup?token={token}");
        let r = self
            .post_form(
                &page,
                "/setup",
                &[
                    ("token", &token),
                    ("group_name", group),
                    ("first_name", "Olivia"),
                    ("last_name", "Owner"),
                    ("email", email),
                    ("password", PASSWORD),
                    ("password_confirm", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "set-up succeeds");
        let location = location(r.headers());
        location
            .strip_prefix("/groups/")
            .and_then(|s| s.strip_suffix("/clients"))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("set-up redirects to the console, not {location}"))
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_form(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn logout(&self) -> Response {
        let html = self.get_html("/accounts").await;
        self.post_raw("/logout", &[("csrf_token", &csrf_token(&html))])
            .await
    }

    pub fn conn(&self) -> r2d2::PooledConnection<db::Manager> {
        self.pool.get().unwrap()
    }
}

/// The value of the page's (first) hidden `csrf_token` field.
pub fn csrf_token(html: &str) -> String {
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker).expect("the page has a CSRF field") + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

pub fn location(headers: &HeaderMap) -> String {
    headers
        .get(LOCATION)
        .expect("a Location header")
        .to_str()
        .unwrap()
        .to_owned()
}

/// Waits (up to 30 s) until the server at `base` (`http://127.0.0.1:PORT`, a process
/// of its own or a proxy in front) answers `/healthz` with 200.
pub async fn wait_healthy(base: &str) {
    let client = reqwest::Client::new();
    let start = std::time::Instant::now();
    loop {
        let answer = client.get(format!("{base}/healthz")).send().await;
        if answer.is_ok_and(|r| r.status() == StatusCode::OK) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{base} did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An email due now, as a change would have queued it; a test changes the fields it needs
/// (`NewOutboxRow { attempts: 9, ..due_email(to) }`).
pub fn due_email(to: &str) -> clientele::models::outbox::NewOutboxRow<'_> {
    let now = clientele::db::now();
    clientele::models::outbox::NewOutboxRow {
        group_id: None,
        to_address: to,
        language: "en",
        template: "invitation",
        subject: "Hello",
        body_text: "text",
        body_html: "<p>text</p>",
        attempts: 0,
        next_attempt_at: now,
        give_up_at: now + chrono::Duration::days(1),
        created_at: now,
    }
}

/// The secret of an emailed link (`/password/reset/{secret}`, `/invitations/{secret}`…), if
/// `path` holds one.
pub fn secret_in(path: &str) -> Option<&str> {
    path.split(['/', '?'])
        .find(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The HTML of the page at `address` + `path` (200). An emailed link's page is followed
/// through its one move: the secret leaves the address bar first (see [`link_moved`]), and
/// the page it moved to holds only the reference (its forms post to it), never the secret.
pub async fn page_html(client: &reqwest::Client, address: &str, path: &str) -> String {
    let get = |p: String| client.get(format!("{address}{p}")).send();
    let r = get(path.to_owned()).await.unwrap();
    let Some(to) = link_moved(&r, path) else {
        assert_eq!(r.status(), StatusCode::OK, "GET {path}");
        return r.text().await.unwrap();
    };
    let r = get(to.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "GET {to} (moved from {path})");
    let html = r.text().await.unwrap();
    assert_page_hides_the_secret(&html, path, &to);
    html
}

/// A link's page after its move: the reference in it (the forms post to it), the secret
/// nowhere.
pub fn assert_page_hides_the_secret(html: &str, link: &str, page: &str) {
    assert!(
        !html.contains(secret_in(link).unwrap()),
        "{page} shows the secret"
    );
    assert!(
        html.contains(&format!("action=\"{page}")),
        "{page}'s forms post elsewhere: {html}"
    );
}

/// The address an emailed link's page moves to: the secret's reference in its place (the
/// link's `?lang=` is not carried: the session keeps the language from the first GET).
pub fn referenced(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    match secret_in(path) {
        Some(secret) => path.replace(secret, &clientele::auth::tokens::hash_token(secret)[..16]),
        None => path.to_owned(),
    }
}

/// When `r` answers the GET of a live emailed link: the page it moved to, checked to be the
/// same address with the secret's reference (16 hex characters of its SHA-256) in place of
/// the secret (issue 34: the secret leaves the address bar, kept in the browser's cookie).
pub fn link_moved(r: &Response, path: &str) -> Option<String> {
    secret_in(path)?;
    assert_ne!(
        r.status(),
        StatusCode::OK,
        "GET {path}: a live link's page shown with its secret in the address bar"
    );
    if r.status() != StatusCode::SEE_OTHER {
        return None;
    }
    let to = location(r.headers());
    // An owner's activation link is their invitation: it moves to the invitation's page.
    let expected = referenced(path);
    assert!(
        to == expected || to == expected.replacen("/activate/", "/invitations/", 1),
        "GET {path} moved to {to}"
    );
    assert!(
        r.headers()
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("clientele_links=")),
        "GET {path}: the secret is kept in the browser"
    );
    Some(to)
}

pub fn assert_redirect_to(r: &Response, to: &str) {
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "expected a redirect to {to}"
    );
    assert_eq!(location(r.headers()), to);
}

/// Makes a group with an owner who has a password, directly through the service layer.
pub fn make_group(conn: &mut DbConn, name: &str, owner_email: &str) -> (i64, i64) {
    let hash = clientele::auth::password::PasswordHasher::new(4)
        .hash_blocking(PASSWORD)
        .unwrap();
    let created = clientele::services::groups::create_group(
        conn,
        &clientele::services::groups::NewGroupInput {
            name: name.into(),
            owner_email: owner_email.into(),
            owner_first_name: "Gail".into(),
            owner_last_name: "Owner".into(),
            owner_password_hash: Some(hash),
            owner_language: clientele::i18n::Lang::En,
            operator: false,
        },
        &clientele::services::audit::Actor::cli(),
    )
    .unwrap();
    (created.group_id, created.owner_id)
}

/// Makes a client of a group (what the client issue's form will do), returning its id.
pub fn make_client(conn: &mut DbConn, group_id: i64, name: &str) -> i64 {
    use clientele::db::schema::accounts;
    use diesel::prelude::*;
    let now = db::now();
    diesel::insert_into(accounts::table)
        .values((
            accounts::kind.eq("client"),
            accounts::parent_id.eq(Some(group_id)),
            accounts::name.eq(name),
            accounts::name_key.eq(db::sort_key(name)),
            accounts::address.eq("1 Main Street"),
            accounts::created_at.eq(now),
            accounts::updated_at.eq(now),
        ))
        .returning(accounts::id)
        .get_result(conn)
        .unwrap()
}

/// How many clients the group has (deleted and test ones included).
pub fn clients_in_group(app: &TestApp, group_id: i64) -> i64 {
    use clientele::db::schema::accounts;
    use diesel::prelude::*;
    accounts::table
        .filter(accounts::parent_id.eq(group_id))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

/// The newest link under `BASE_URL` starting with `prefix` (`/invitations/`) in the last
/// email to `to`, as a path.
pub fn email_link(app: &TestApp, to: &str, prefix: &str) -> String {
    use clientele::db::schema::outbox;
    use diesel::prelude::*;
    let body: String = outbox::table
        .filter(outbox::to_address.eq(to))
        .order_by(outbox::id.desc())
        .select(outbox::body_text)
        .first(&mut app.conn())
        .unwrap_or_else(|_| panic!("an email to {to} in the outbox"));
    let marker = format!("http://clientele.test{prefix}");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("a link {marker} in: {body}"));
    let link = body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches("http://clientele.test");
    // A link to a page of the console (a deletion's tab) needs no language: it opens
    // signed in.
    if link.contains('?') {
        link_path(link)
    } else {
        link.to_owned()
    }
}

/// An emailed link's path: every link to a page names the email's language (`?lang=`, so
/// that the page speaks it, issue 36), checked here and left out.
pub fn link_path(link: &str) -> String {
    let (path, query) = link
        .split_once('?')
        .unwrap_or_else(|| panic!("{link} names no language"));
    let lang = query
        .strip_prefix("lang=")
        .unwrap_or_else(|| panic!("{link}: {query}"));
    assert!(["en", "es", "pt-BR"].contains(&lang), "{link}");
    path.to_owned()
}

/// Makes a user with a password and gives them a role in an account.
pub fn make_member(conn: &mut DbConn, account_id: i64, email: &str, role: &str) -> i64 {
    make_member_with(conn, account_id, email, role, "")
}

/// Makes (or finds) a user with a password and gives them a role and permissions.
pub fn make_member_with(
    conn: &mut DbConn,
    account_id: i64,
    email: &str,
    role: &str,
    permissions: &str,
) -> i64 {
    use clientele::models::{membership, user};
    let hash = clientele::auth::password::PasswordHasher::new(4)
        .hash_blocking(PASSWORD)
        .unwrap();
    let now = db::now();
    let uid = match user::find_by_email(conn, email).unwrap() {
        Some(u) => u.id,
        None => user::insert(
            conn,
            &user::NewUser {
                email,
                first_name: "Mia",
                last_name: "Member",
                language: "en",
                password_hash: Some(&hash),
                activated_at: Some(now),
                created_at: now,
                updated_at: now,
            },
        )
        .unwrap(),
    };
    membership::insert(
        conn,
        &membership::NewMembership {
            account_id,
            user_id: uid,
            role,
            permissions,
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap();
    uid
}

/// A second browser on the same app (its own cookies).
#[derive(Clone)]
pub struct Browser {
    address: String,
    client: reqwest::Client,
}

impl Browser {
    pub fn new(app: &TestApp) -> Browser {
        Browser::from_address(&app.address)
    }

    /// A browser behind a proxy: every request carries this `X-Forwarded-For` line (what
    /// the proxy would send; believed only from a trusted proxy).
    pub fn forwarded_for(app: &TestApp, value: &str) -> Browser {
        Browser::built(&app.address, None, Some(value))
    }

    /// A browser on a host of its own: its connections leave from `local` (127.0.0.2,
    /// 127.0.0.3…: the loopback network is all this machine's), to the server at `address`;
    /// with `claims`, every request carries that `X-Forwarded-For` of its own making.
    pub fn from_host(address: &str, local: std::net::IpAddr, claims: Option<&str>) -> Browser {
        Browser::built(address, Some(local), claims)
    }

    fn built(address: &str, local: Option<std::net::IpAddr>, claims: Option<&str>) -> Browser {
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(claimed) = claims {
            headers.insert(
                "x-forwarded-for",
                reqwest::header::HeaderValue::from_str(claimed).unwrap(),
            );
        }
        Browser {
            address: address.to_owned(),
            client: reqwest::Client::builder()
                .cookie_provider(Arc::new(Jar::default()))
                .redirect(reqwest::redirect::Policy::none())
                .default_headers(headers)
                .local_address(local)
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
        }
    }

    /// A browser of its own for the app at `address` (`http://127.0.0.1:PORT`).
    pub fn from_address(address: &str) -> Browser {
        Browser {
            address: address.to_owned(),
            client: new_client(Arc::new(Jar::default())),
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .unwrap()
    }

    /// A page's HTML (200), an emailed link's through its move ([`page_html`]).
    pub async fn get_html(&self, path: &str) -> String {
        page_html(&self.client, &self.address, path).await
    }

    /// Opens an emailed link as a browser does: a 303 to the same page with a reference in
    /// place of the secret ([`link_moved`] checks it); the page's address.
    pub async fn open_link(&self, path: &str) -> String {
        let r = self.get(path).await;
        link_moved(&r, path).unwrap_or_else(|| panic!("GET {path}: {} and no move", r.status()))
    }

    pub async fn post_form(
        &self,
        form_page: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let token = csrf_token(&self.get_html(form_page).await);
        let mut all = fields.to_vec();
        all.push(("csrf_token", &token));
        self.client
            .post(format!("{}{path}", self.address))
            .form(&all)
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_form(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// POSTs these bytes as a urlencoded form body, as they are.
    pub async fn post_bytes(&self, path: &str, body: Vec<u8>) -> Response {
        self.client
            .post(format!("{}{path}", self.address))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// POSTs a form exactly as given (its own CSRF token included, if any).
    pub async fn post_raw<T: serde::Serialize + ?Sized>(&self, path: &str, form: &T) -> Response {
        self.client
            .post(format!("{}{path}", self.address))
            .form(form)
            .send()
            .await
            .unwrap()
    }
}

/// Undoes Askama's escaping (`&#34;`, `&#38;` … and the named few).
pub fn html_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(html_unescape(&tag[start..end]))
}

/// What a browser would send for the form posting to `action` as the page shows it: text
/// and hidden inputs, checked checkboxes, selected options and textareas (no buttons).
pub fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let marker = format!("action=\"{action}\"");
    let start = html.find(&marker).expect("the page has that form");
    let end = html[start..].find("</form>").unwrap() + start;
    let form = &html[start..end];
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let tag_end = rest.find('>').unwrap();
        let tag = &rest[..tag_end];
        if tag.starts_with("<input") {
            if let Some(name) = attr(tag, "name") {
                let kind = attr(tag, "type").unwrap_or_default();
                if kind != "checkbox" || tag.contains(" checked") {
                    let value = attr(tag, "value").unwrap_or_else(|| "on".into());
                    fields.push((name, value));
                }
            }
        } else if tag.starts_with("<textarea") {
            let name = attr(tag, "name").unwrap();
            let close = rest.find("</textarea>").unwrap();
            fields.push((name, html_unescape(&rest[tag_end + 1..close])));
        } else if tag.starts_with("<select") {
            let name = attr(tag, "name").unwrap();
            let close = rest.find("</select>").unwrap();
            let options = &rest[..close];
            let selected = options
                .split("<option")
                .skip(1)
                .find(|o| o.contains(" selected"))
                .or_else(|| options.split("<option").nth(1))
                .and_then(|o| attr(&format!(" {o}"), "value"))
                .unwrap_or_default();
            fields.push((name, selected));
        }
        rest = &rest[1..];
    }
    fields
}

/// One query that reads every row of every table, each column quoted, for comparing
/// the database before and after a refused action (built once from the catalogue).
pub fn snapshot_query(conn: &mut DbConn) -> String {
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let sqlite = matches!(conn, DbConn::Sqlite(_));
    let tables: Vec<Name> = if sqlite {
        // Real tables only (the search index's shadow tables follow the clients).
        diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%search%' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
    } else {
        diesel::sql_query(
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
        )
    }
    .load(conn)
    .unwrap();
    let mut selects = Vec::new();
    for Name { name: table } in tables {
        let columns: Vec<Name> = if sqlite {
            diesel::sql_query(format!(
                "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
            ))
        } else {
            diesel::sql_query(format!(
                "SELECT column_name::text AS name FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name = '{table}' \
                 ORDER BY ordinal_position"
            ))
        }
        .load(conn)
        .unwrap();
        let quoted: Vec<String> = columns
            .iter()
            .map(|c| {
                if sqlite {
                    format!("quote(\"{}\")", c.name)
                } else {
                    format!("quote_nullable(\"{}\"::text)", c.name)
                }
            })
            .collect();
        selects.push(format!(
            "SELECT '{table}' AS tab, {} AS line FROM \"{table}\"",
            quoted.join(" || '|' || ")
        ));
    }
    selects.join(" UNION ALL ")
}

pub fn snapshot(conn: &mut DbConn, query: &str) -> BTreeMap<String, Vec<String>> {
    #[derive(diesel::QueryableByName)]
    struct Line {
        #[diesel(sql_type = diesel::sql_types::Text)]
        tab: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        line: String,
    }
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in diesel::sql_query(query).load::<Line>(conn).unwrap() {
        out.entry(l.tab).or_default().push(l.line);
    }
    for lines in out.values_mut() {
        lines.sort();
    }
    out
}

/// What differs between two snapshots, table by table.
pub fn differences(
    before: &BTreeMap<String, Vec<String>>,
    after: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let mut out = Vec::new();
    let tables: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for table in tables {
        let old = before.get(table).cloned().unwrap_or_default();
        let rows = after.get(table).cloned().unwrap_or_default();
        if old != rows {
            let gone: Vec<_> = old.iter().filter(|r| !rows.contains(r)).collect();
            let new: Vec<_> = rows.iter().filter(|r| !old.contains(r)).collect();
            out.push(format!("{table}: -{gone:?} +{new:?}"));
        }
    }
    out
}

/// A line for the run's output even when the test passes (the counts issue 16 asks the CI
/// run to show): written to stderr directly, which the test harness does not capture.
pub fn report(line: &str) {
    use std::io::Write;
    let db = if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.trim().is_empty()) {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let _ = writeln!(std::io::stderr(), "[{db}] {line}");
}

/// An error page without its request id (each answer has its own): to compare two pages.
pub fn without_request_id(html: &str) -> String {
    html.lines()
        .filter(|l| !l.contains(r#"class="muted error-reference""#))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Makes a token through the profile page as `b`; returns the secret shown once.
pub async fn make_token(b: &Browser, name: &str) -> String {
    let r = b
        .post_form("/profile", "/profile/api-tokens", &[("token_name", name)])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers().get("cache-control").unwrap(), "no-store");
    let page = r.text().await.unwrap();
    let open = r#"<code class="secret">"#;
    let start = page.find(open).expect("the new token") + open.len();
    let secret = page[start..start + page[start..].find("</code>").unwrap()].to_owned();
    assert!(secret.starts_with("clt_") && secret.len() == 68, "{secret}");
    // Once: the profile does not show it again.
    assert!(!b.get_html("/profile").await.contains(&secret));
    secret
}

/// Runs `program` with `args`, `input` on its stdin; what it printed and how it ended (for
/// the checkers the tests hand a text to: promtool, Python's parsers).
pub fn run_with_stdin(program: &str, args: &[&str], input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} runs (./test installs it): {e}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// An open invitation of `email` to an account, sent an hour ago, 7 days left.
pub fn open_invitation(
    conn: &mut DbConn,
    account: i64,
    email: &str,
    role: &str,
    perms: &str,
) -> i64 {
    use clientele::models::invitation;
    let now = db::now();
    invitation::insert(
        conn,
        &invitation::NewInvitation {
            account_id: account,
            email,
            role,
            permissions: perms,
            token_hash: &clientele::auth::tokens::hash_token(&clientele::auth::tokens::new_token()),
            invited_by: None,
            created_at: now,
            sent_at: now - chrono::Duration::hours(1),
            expires_at: now + chrono::Duration::days(7),
            first_name: "Ivy",
            last_name: "Invitee",
            password_hash: None,
        },
    )
    .unwrap()
}
