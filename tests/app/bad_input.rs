//! Bad input, as property tests (issue 16): the forms of the console, the client area, the
//! profile (two-step verification too), sign-in, and the pages reached by a link with a
//! token (activation, invitation, password reset), as their pages draw them, sent with
//! fields replaced by arbitrary text (control characters, NUL, right-to-left marks,
//! emoji), bytes that are not UTF-8, values of tens of kilobytes, fields given twice,
//! fields left out, unknown fields and raw bytes after the body; and the client list with
//! arbitrary query strings. Whatever comes, the answer is never a 5xx, and an answer that
//! refuses (4xx) leaves every row of every table as it was: nothing is stored half.
//! proptest shrinks a failing case to the smallest body that still fails.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::StatusCode;

use crate::helpers::*;

/// The cases run (a few seconds on either database); `PROPTEST_CASES` raises it.
const CASES: u32 = 600;

/// A value to put in a field.
fn value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => any::<String>().prop_map(String::into_bytes),
        2 => prop::collection::vec(any::<u8>(), 0..48),
        1 => (any::<char>(), 1usize..24_000)
            .prop_map(|(c, n)| c.to_string().repeat(n).into_bytes()),
        3 => prop::sample::select(vec![
            "", " ", "\0", "a\0b", "\r\n", "x\u{7}y", "\u{202e}evil", "😀", "<script>x</script>",
            "' OR 1=1 --", "%", "%zz", "+", "&", "=", "a@b.c", "nobody@clients.test", "-1",
            "0", "99999999999999999999", "2026-02-30", "on", "1", "owner", "admin", "member",
            "visibility", "status", "reset", "active", "chosen", "en", "pt-BR", "ZZ",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ]
}

/// What is done to the form before it is sent.
#[derive(Debug, Clone)]
enum Edit {
    /// The n-th field (modulo their number) gets this value.
    Replace(usize, Vec<u8>),
    /// The n-th field is sent a second time with this value.
    Twice(usize, Vec<u8>),
    Leave(usize),
    Add(String, Vec<u8>),
    /// Raw bytes after the encoded body (a `&`, broken %-escapes, not UTF-8).
    Tail(Vec<u8>),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        5 => (any::<usize>(), value()).prop_map(|(i, v)| Edit::Replace(i, v)),
        2 => (any::<usize>(), value()).prop_map(|(i, v)| Edit::Twice(i, v)),
        2 => any::<usize>().prop_map(Edit::Leave),
        1 => (any::<String>(), value()).prop_map(|(k, v)| Edit::Add(k, v)),
        1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(Edit::Tail),
    ]
}

fn encode(bytes: &[u8]) -> String {
    url::form_urlencoded::byte_serialize(bytes).collect()
}

/// The body: the form's fields with the edits, the session's CSRF token last (so that a
/// case tests the form, not the CSRF check).
fn body(fields: &[(String, String)], edits: &[Edit], token: &str) -> Vec<u8> {
    let mut fields: Vec<(Vec<u8>, Vec<u8>)> = fields
        .iter()
        .filter(|(k, _)| k != "csrf_token")
        .map(|(k, v)| (k.clone().into_bytes(), v.clone().into_bytes()))
        .collect();
    let mut tail = Vec::new();
    for e in edits {
        let n = fields.len().max(1);
        match e {
            Edit::Replace(i, v) if !fields.is_empty() => fields[i % n].1 = v.clone(),
            Edit::Twice(i, v) if !fields.is_empty() => {
                let name = fields[i % n].0.clone();
                fields.push((name, v.clone()));
            }
            Edit::Leave(i) if !fields.is_empty() => {
                fields.remove(i % n);
            }
            Edit::Add(k, v) => fields.push((k.clone().into_bytes(), v.clone())),
            Edit::Tail(bytes) => tail.extend_from_slice(bytes),
            _ => {}
        }
    }
    let mut out: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    out.push(format!("csrf_token={token}"));
    let mut body = out.join("&").into_bytes();
    if !tail.is_empty() {
        body.push(b'&');
        body.extend_from_slice(&tail);
    }
    body
}

/// Who sends a form: the group's owner, the client's owner, a visitor, a seller (who may
/// start support access), and a person setting two-step verification up.
#[derive(Debug, Clone, Copy)]
enum As {
    Staff,
    Client,
    Visitor,
    Seller,
    Enrolling,
}

struct Form {
    who: As,
    page: String,
    action: String,
    /// A form a case may use up (a link's token spent, support access started): once its
    /// page no longer shows it, its cases are skipped.
    volatile: bool,
}

struct Setup {
    app: TestApp,
    staff: Browser,
    client: Browser,
    visitor: Browser,
    seller: Browser,
    enrolling: Browser,
    forms: Vec<Form>,
    list: String,
    everything: String,
}

fn setup(rt: &tokio::runtime::Runtime) -> Setup {
    rt.block_on(async {
        let app = spawn_app().await;
        let mut conn = app.conn();
        let (gid, _) = make_group(&mut conn, "Fuzz Group", "owner@fuzz.test");
        let seller = make_member(&mut conn, gid, "seller@fuzz.test", "seller");
        let cid = make_client(&mut conn, gid, "Fuzz Client");
        make_member(&mut conn, cid, "co@fuzz.test", "owner");
        make_member(&mut conn, gid, "enrolling@fuzz.test", "seller");
        let member = make_member(&mut conn, cid, "member@fuzz.test", "member");
        // The console's edit form gets a client of its own: a case that switches a client
        // off would close the client area the client owner's forms are sent to.
        let edited = make_client(&mut conn, gid, "Edited Client");
        make_member(&mut conn, edited, "edited@fuzz.test", "owner");
        let doomed = make_client(&mut conn, gid, "Doomed Client");
        make_member(&mut conn, doomed, "doomed@fuzz.test", "owner");
        let invited = crate::clients::seed(
            &mut conn,
            gid,
            crate::clients::Seed {
                name: "Invited Client",
                owner: "invited@fuzz.test",
                ..Default::default()
            },
        );
        // A client without an owner ("Invite a new owner"), and an invitation waiting for
        // the client's owner (Accept / Decline on the client area's home).
        let orphan = make_client(&mut conn, gid, "Orphan Client");
        let elsewhere = make_client(&mut conn, gid, "Elsewhere Client");
        let waiting = open_invitation(&mut conn, elsewhere, "co@fuzz.test", "member", "");
        drop(conn);
        let staff = Browser::new(&app);
        staff.login("owner@fuzz.test", PASSWORD).await;
        let client = Browser::new(&app);
        client.login("co@fuzz.test", PASSWORD).await;
        let visitor = Browser::new(&app);
        let seller_browser = Browser::new(&app);
        seller_browser.login("seller@fuzz.test", PASSWORD).await;
        let enrolling = Browser::new(&app);
        enrolling.login("enrolling@fuzz.test", PASSWORD).await;
        let r = enrolling
            .post_form("/profile", "/profile/two-step/start", &[])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let g = format!("/groups/{gid}");
        let c = format!("{g}/clients/{cid}");
        let p = format!("/portal/{cid}");
        // Links with a token, from the emails they came in: an owner's activation (a
        // client added without a password), an invitation, a password reset.
        let r = staff
            .post_form(
                &format!("{g}/clients/new"),
                &format!("{g}/clients"),
                &crate::clients::full_form("Activating Client", "activating@fuzz.test"),
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let activate = email_link(&app, "activating@fuzz.test", "/activate/");
        let r = client
            .post_form(
                &format!("/portal/{cid}/users"),
                &format!("/portal/{cid}/users"),
                &[
                    ("email", "invited-member@fuzz.test"),
                    ("role", "member"),
                    ("access", "chosen"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let invitation = email_link(&app, "invited-member@fuzz.test", "/invitations/");
        visitor
            .post_form(
                "/password/forgot",
                "/password/forgot",
                &[("email", "member@fuzz.test")],
            )
            .await;
        // The reset email is queued after the answer (the same time for any address).
        let mut waited = 0;
        while !has_email(&app, "member@fuzz.test") {
            assert!(waited < 200, "no reset email within 10 s");
            waited += 1;
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let reset = email_link(&app, "member@fuzz.test", "/password/reset/");
        let form = |who, page: &str, action: &str| Form {
            who,
            page: page.to_owned(),
            action: action.to_owned(),
            volatile: false,
        };
        let spendable = |who, page: &str, action: &str| Form {
            volatile: true,
            ..form(who, page, action)
        };
        let forms = vec![
            form(
                As::Staff,
                &format!("{g}/clients/new"),
                &format!("{g}/clients"),
            ),
            form(
                As::Staff,
                &format!("{g}/clients/{edited}"),
                &format!("{g}/clients/{edited}"),
            ),
            form(
                As::Staff,
                &format!("{c}/services"),
                &format!("{c}/services"),
            ),
            form(
                As::Staff,
                &format!("{c}/users/{member}"),
                &format!("{c}/users/{member}"),
            ),
            form(
                As::Staff,
                &format!("{g}/clients/{invited}/users/owner"),
                &format!("{g}/clients/{invited}/users/owner"),
            ),
            form(
                As::Staff,
                &format!("{g}/clients/{doomed}/deletion"),
                &format!("{g}/clients/{doomed}/delete"),
            ),
            form(
                As::Staff,
                &format!("{g}/settings"),
                &format!("{g}/settings"),
            ),
            form(As::Staff, &format!("{g}/staff"), &format!("{g}/staff")),
            form(
                As::Staff,
                &format!("{g}/staff/{seller}"),
                &format!("{g}/staff/{seller}"),
            ),
            form(As::Staff, "/profile", "/profile"),
            form(As::Staff, "/profile", "/profile/password"),
            form(As::Staff, "/profile", "/profile/accounts"),
            form(As::Staff, "/profile", "/profile/api-tokens"),
            form(As::Staff, &format!("{g}/clients"), &format!("{g}/views")),
            form(
                As::Staff,
                &format!("{g}/clients"),
                &format!("{g}/clients/columns"),
            ),
            form(As::Client, &format!("{p}/account"), &format!("{p}/account")),
            form(As::Client, &format!("{p}/users"), &format!("{p}/users")),
            form(
                As::Client,
                &format!("{p}/users/{member}"),
                &format!("{p}/users/{member}"),
            ),
            form(
                As::Client,
                &format!("{p}/deletion"),
                &format!("{p}/deletion"),
            ),
            form(As::Visitor, "/login", "/login"),
            form(As::Visitor, "/password/forgot", "/password/forgot"),
            form(
                As::Staff,
                &format!("{g}/settings"),
                &format!("{g}/settings/two-step"),
            ),
            form(
                As::Enrolling,
                "/profile/two-step",
                "/profile/two-step/confirm",
            ),
            spendable(As::Seller, &c, &format!("{c}/login")),
            spendable(
                As::Staff,
                &format!("{g}/clients/{orphan}"),
                &format!("{g}/clients/{orphan}/owner/invite"),
            ),
            spendable(
                As::Client,
                &p,
                &format!("/accounts/invitations/{waiting}/decline"),
            ),
            // The bulk confirmation: a case that marks the client is the last it offers.
            spendable(
                As::Staff,
                &format!("{g}/clients/bulk?action=test&id={edited}"),
                &format!("{g}/clients/bulk"),
            ),
            spendable(As::Visitor, &activate, &activate),
            spendable(As::Visitor, &invitation, &format!("{invitation}/accept")),
            spendable(As::Visitor, &reset, &reset),
        ];
        let everything = snapshot_query(&mut app.conn());
        Setup {
            app,
            staff,
            client,
            visitor,
            seller: seller_browser,
            enrolling,
            forms,
            list: format!("{g}/clients"),
            everything,
        }
    })
}

impl Setup {
    fn browser(&self, who: As) -> &Browser {
        match who {
            As::Staff => &self.staff,
            As::Client => &self.client,
            As::Visitor => &self.visitor,
            As::Seller => &self.seller,
            As::Enrolling => &self.enrolling,
        }
    }

    fn snapshot(&self) -> BTreeMap<String, Vec<String>> {
        let mut s = snapshot(&mut self.app.conn(), &self.everything);
        // Refused sign-ins are counted (sign-in protection), and sessions come and go
        // with the visitor's: neither is the form's data.
        s.remove("sign_in_failures");
        s.remove("sessions");
        s
    }
}

/// Sends one case; fails it on a 5xx, or on a refusal that changed the database.
/// (None: a spent form, skipped.)
async fn run_case(
    s: &Setup,
    form: &Form,
    edits: &[Edit],
) -> Result<Option<StatusCode>, TestCaseError> {
    let b = s.browser(form.who);
    let page = b.get(&form.page).await;
    let status = page.status();
    let html = page.text().await.unwrap_or_default();
    let shown = status == StatusCode::OK && html.contains(&format!("action=\"{}\"", form.action));
    if form.volatile && !shown {
        // Used up by an earlier case (a link spent, support access started).
        return Ok(None);
    }
    prop_assert!(
        shown,
        "{} shows no form for {} ({status})",
        form.page,
        form.action
    );
    let token = csrf_token(&html);
    let fields = form_fields(&html, &form.action);
    let before = s.snapshot();
    let r = b
        .post_bytes(&form.action, body(&fields, edits, &token))
        .await;
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    prop_assert!(
        !status.is_server_error(),
        "POST {} answered {status}: {}",
        form.action,
        &text[..text.len().min(500)]
    );
    prop_assert!(
        status.is_redirection() || text.contains("</html>"),
        "POST {} answered {status} without a console page: {}",
        form.action,
        &text[..text.len().min(500)]
    );
    if status.is_client_error() {
        let changed = differences(&before, &s.snapshot());
        prop_assert!(
            changed.is_empty(),
            "POST {} answered {status} and changed: {changed:?}",
            form.action
        );
    }
    Ok(Some(status))
}

fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn every_form_takes_any_body_without_a_5xx_or_half_a_change() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = setup(&rt);
    let statuses: std::cell::RefCell<BTreeMap<u16, usize>> = Default::default();
    let skipped = std::cell::Cell::new(0);
    let strategy = (0..s.forms.len(), prop::collection::vec(edit(), 0..6));
    let mut runner = runner();
    let result = runner.run(&strategy, |(i, edits)| {
        match rt.block_on(run_case(&s, &s.forms[i], &edits))? {
            Some(status) => *statuses.borrow_mut().entry(status.as_u16()).or_default() += 1,
            None => skipped.set(skipped.get() + 1),
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    report(&format!(
        "bad input: {} form cases over {} forms, answers {:?} ({} on a form already used up)",
        runner.config().cases,
        s.forms.len(),
        statuses.borrow(),
        skipped.get()
    ));
}

#[test]
fn the_list_takes_any_query_string() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = setup(&rt);
    let field = prop::sample::select(vec![
        "q", "sort", "dir", "status", "seller", "test", "page", "before", "after", "x",
    ]);
    // Values up to 2 000 bytes: a URL has a length limit before the console sees it.
    let pair = (field, value()).prop_map(|(k, v)| {
        let v = &v[..v.len().min(2_000)];
        format!("{}={}", encode(k.as_bytes()), encode(v))
    });
    let raw = prop::collection::vec(any::<u8>(), 0..64).prop_map(|bytes| {
        // Bytes as they come, only what would end the request line escaped.
        bytes
            .iter()
            .map(|b| match b {
                b'!'..=b'~' if *b != b'#' => (*b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    });
    let query = prop_oneof![
        3 => prop::collection::vec(pair, 0..6).prop_map(|p| p.join("&")),
        1 => raw,
    ];
    let mut runner = runner();
    let cases = std::cell::Cell::new(0);
    let result = runner.run(&query, |q| {
        let path = format!("{}?{q}", s.list);
        let status = rt.block_on(async {
            let r = s.staff.get(&path).await;
            r.status()
        });
        cases.set(cases.get() + 1);
        prop_assert_eq!(
            status,
            StatusCode::OK,
            "GET {}",
            &path[..path.len().min(300)]
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    report(&format!("bad input: {} list queries, all 200", cases.get()));
}

fn has_email(app: &TestApp, to: &str) -> bool {
    use clientele::db::schema::outbox;
    use diesel::prelude::*;
    outbox::table
        .filter(outbox::to_address.eq(to))
        .count()
        .get_result::<i64>(&mut app.conn())
        .unwrap()
        > 0
}
