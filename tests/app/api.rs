//! The read-only JSON API (issue 17): personal tokens made on the profile (shown once,
//! stored hashed, named, revocable, last use shown); bearer requests without cookies; the
//! list's filters, sort and keyset paging; the pages' scopes (another tenant's client is
//! 404); JSON errors; every answer checked against the OpenAPI document.

use clientele::db::schema::{accounts, api_tokens, sessions, users};
use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::Value;

use crate::clients::{Seed, seed};
use crate::helpers::*;

/// A GET of the API with this bearer token (None: no header); (status, JSON body).
async fn api(app: &TestApp, path: &str, token: Option<&str>) -> (StatusCode, Value, bool) {
    let mut req = reqwest::Client::new().get(format!("{}{path}", app.address));
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let r = req.send().await.unwrap();
    let status = r.status();
    assert!(
        r.headers()
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap().starts_with("application/json")),
        "{path}: JSON"
    );
    let sets_cookie = r.headers().contains_key("set-cookie");
    let body: Value = serde_json::from_str(&r.text().await.unwrap()).expect("JSON");
    (status, body, sets_cookie)
}

/// Checks `v` against `schema` of the OpenAPI document (the parts of JSON Schema the
/// document uses: `$ref`, `oneOf`, `type` (one or several), `enum`, `required`,
/// `properties`, `additionalProperties: false`, `items`); returns what does not fit.
fn misfits(doc: &Value, schema: &Value, v: &Value, at: &str) -> Vec<String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        return misfits(doc, &doc["components"]["schemas"][name], v, at);
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let fitting = options
            .iter()
            .filter(|o| misfits(doc, o, v, at).is_empty())
            .count();
        return if fitting == 1 {
            vec![]
        } else {
            vec![format!("{at}: fits {fitting} of oneOf")]
        };
    }
    let mut out = Vec::new();
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match v {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let allowed = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !allowed {
            return vec![format!("{at}: {actual}, not {types:?}")];
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        out.push(format!("{at}: {v} not in {e:?}"));
    }
    if let Value::Object(map) = v {
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !map.contains_key(req.as_str().unwrap()) {
                out.push(format!("{at}: {req} missing"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, val) in map {
            match props.and_then(|p| p.get(k)) {
                Some(s) => out.extend(misfits(doc, s, val, &format!("{at}.{k}"))),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    out.push(format!("{at}.{k}: not in the document"))
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (v, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            out.extend(misfits(doc, s, item, &format!("{at}[{i}]")));
        }
    }
    out
}

/// Checks an answer against the document's response schema of that path and status.
fn fits(doc: &Value, path: &str, status: StatusCode, body: &Value) {
    let response = &doc["paths"][path]["get"]["responses"][status.as_str()];
    assert!(
        response.is_object(),
        "{path} {status}: the document does not list this answer"
    );
    let schema = &response["content"]["application/json"]["schema"];
    let wrong = misfits(doc, schema, body, "$");
    assert!(wrong.is_empty(), "{path} {status}: {wrong:?}\n{body}");
}

struct World {
    app: TestApp,
    gid: i64,
    other_gid: i64,
    foreign: i64,
    globex: i64,
    sam: i64,
}

async fn world() -> World {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let sam = make_member(&mut conn, gid, "sam@acme.test", "seller");
    let (other_gid, _) = make_group(&mut conn, "Rival", "owner@rival.test");
    let foreign = seed(
        &mut conn,
        other_gid,
        Seed {
            name: "Rival Client",
            ..Default::default()
        },
    );
    let globex = seed(
        &mut conn,
        gid,
        Seed {
            name: "Globex",
            company: "Globex Ltda.",
            custom_id: Some("GLX-1"),
            seller: Some(sam),
            owner: "ana@globex.test",
            ..Default::default()
        },
    );
    diesel::update(accounts::table.find(globex))
        .set(accounts::billing_emails.eq("billing@globex.test"))
        .execute(&mut conn)
        .unwrap();
    for i in 0..119 {
        make_client(&mut conn, gid, &format!("Client {i:03}"));
    }
    drop(conn);
    World {
        app,
        gid,
        other_gid,
        foreign,
        globex,
        sam,
    }
}

#[tokio::test]
async fn tokens_are_made_on_the_profile_shown_once_stored_hashed_and_revocable() {
    let w = world().await;
    let app = &w.app;
    let owner = Browser::new(app);
    owner.login("owner@acme.test", PASSWORD).await;
    // A name is needed: 422, the error beside the field.
    let r = owner
        .post_form("/profile", "/profile/api-tokens", &[("token_name", " ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"data-error-for="token_name""#)
    );

    let secret = make_token(&owner, "Billing sync").await;
    let stored: Vec<String> = api_tokens::table
        .select(api_tokens::token_hash)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(stored, [clientele::auth::tokens::hash_token(&secret)]);
    let profile = owner.get_html("/profile").await;
    assert!(profile.contains("Billing sync") && profile.contains("never"));
    // The secret itself is in no table (sessions included).
    let everything = snapshot(&mut app.conn(), &snapshot_query(&mut app.conn()));
    assert!(
        everything
            .values()
            .flatten()
            .all(|row| !row.contains(&secret[4..])),
        "the secret is stored somewhere"
    );

    // Used: no cookie set, no session made; the profile shows the last use.
    let sessions_before: i64 = sessions::table.count().get_result(&mut app.conn()).unwrap();
    let (status, body, cookie) = api(app, "/api/v1/clients", Some(&secret)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!cookie, "no cookie on the API");
    let sessions_after: i64 = sessions::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(sessions_before, sessions_after);
    assert!(!owner.get_html("/profile").await.contains(">never<"));

    // No token, a wrong one, a revoked one: 401 with the scheme named.
    let doc: Value = serde_json::from_str(clientele::web::api::OPENAPI).unwrap();
    for token in [None, Some("clt_0000"), Some("not even a token")] {
        for path in ["/api/v1/clients", "/api/v1/account"] {
            let (status, body, _) = api(app, path, token).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
            assert_eq!(body["error"]["code"], "unauthorized");
            fits(&doc, path, status, &body);
        }
    }
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/clients", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers().get("www-authenticate").unwrap(),
        "Bearer realm=\"clientele\""
    );
    let id: i64 = api_tokens::table
        .select(api_tokens::id)
        .first(&mut app.conn())
        .unwrap();
    // Another person's token cannot be revoked by them.
    let sam = Browser::new(app);
    sam.login("sam@acme.test", PASSWORD).await;
    let r = sam
        .post_form("/profile", &format!("/profile/api-tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        api(app, "/api/v1/clients", Some(&secret)).await.0,
        StatusCode::OK
    );
    let r = owner
        .post_form("/profile", &format!("/profile/api-tokens/{id}/revoke"), &[])
        .await;
    assert_redirect_to(&r, "/profile#api-tokens");
    assert_eq!(
        api(app, "/api/v1/clients", Some(&secret)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert!(owner.get_html("/profile").await.contains("revoked on"));

    // A disabled person's tokens stop working.
    let secret = make_token(&sam, "Sam's script").await;
    assert_eq!(
        api(app, "/api/v1/clients", Some(&secret)).await.0,
        StatusCode::OK
    );
    diesel::update(users::table.filter(users::email.eq("sam@acme.test")))
        .set(users::disabled_at.eq(Some(clientele::db::now())))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(
        api(app, "/api/v1/clients", Some(&secret)).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn staff_page_through_their_groups_clients_with_the_lists_filters() {
    let w = world().await;
    let app = &w.app;
    let owner = Browser::new(app);
    owner.login("owner@acme.test", PASSWORD).await;
    let token = make_token(&owner, "Export").await;
    let doc: Value = serde_json::from_str(
        &reqwest::get(format!("{}/api/v1/openapi.json", app.address))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();

    // Every client, 50 a page, in the list's order, by following the cursors — while the
    // last client of the first page is renamed to the end and a client is added: nothing
    // skipped, nothing shown twice but the renamed one (at its new place too).
    let original: Vec<i64> = accounts::table
        .filter(accounts::parent_id.eq(w.gid))
        .select(accounts::id)
        .load(&mut app.conn())
        .unwrap();
    // The console's first page, before anything changes.
    let html_order: Vec<i64> = {
        let html = owner
            .get_html(&format!("/groups/{}/clients?sort=name&dir=desc", w.gid))
            .await;
        html.split("data-client-id=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
            .collect()
    };
    let mut seen = Vec::new();
    let mut first_page = Vec::new();
    let mut path = "/api/v1/clients?sort=name&dir=desc".to_owned();
    loop {
        let (status, body, _) = api(app, &path, Some(&token)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        fits(&doc, "/api/v1/clients", status, &body);
        assert!(body["total"] == 120 || body["total"] == 121);
        assert_eq!(body["total_is_exact"], true);
        let page: Vec<i64> = body["clients"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert!(page.len() <= 50);
        if seen.is_empty() {
            first_page = page.clone();
            let moved = *page.last().unwrap();
            diesel::update(accounts::table.find(moved))
                .set((
                    accounts::name.eq("Aaa moved"),
                    accounts::name_key.eq("aaa moved"),
                ))
                .execute(&mut app.conn())
                .unwrap();
            make_client(&mut app.conn(), w.gid, "Client 050b");
        }
        seen.extend(page);
        match body["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/clients?sort=name&dir=desc&cursor={c}"),
            None => break,
        }
    }
    let moved = *first_page.last().unwrap();
    for id in &original {
        let times = seen.iter().filter(|s| *s == id).count();
        let expected = if *id == moved { 2 } else { 1 };
        assert_eq!(times, expected, "client {id} seen {times} times");
    }
    assert_eq!(seen.len(), 122, "120, the one added, the one moved again");
    // A cursor of another order is refused.
    let c = {
        let (_, body, _) = api(app, "/api/v1/clients?sort=name&dir=desc", Some(&token)).await;
        body["next_cursor"].as_str().unwrap().to_owned()
    };
    let (status, body, _) = api(
        app,
        &format!("/api/v1/clients?sort=company&cursor={c}"),
        Some(&token),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_cursor");
    assert_eq!(first_page, html_order[..50], "the page's order");

    // The list's filters: a search, a seller; one client in full.
    let (_, body, _) = api(app, "/api/v1/clients?q=GLX-1", Some(&token)).await;
    assert_eq!(body["clients"].as_array().unwrap().len(), 1);
    let c = &body["clients"][0];
    assert_eq!(c["id"], w.globex);
    assert_eq!(c["custom_id"], "GLX-1");
    assert_eq!(c["seller"]["id"], w.sam);
    assert_eq!(c["owner"]["email"], "ana@globex.test");
    assert_eq!(c["billing_emails"][0], "billing@globex.test");
    assert_eq!(c["status"], "preparation");
    let (_, body, _) = api(
        app,
        &format!("/api/v1/clients?seller={}", w.sam),
        Some(&token),
    )
    .await;
    assert_eq!(body["total"], 1);
    let (status, one, _) = api(app, &format!("/api/v1/clients/{}", w.globex), Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    fits(&doc, "/api/v1/clients/{cid}", status, &one);
    assert_eq!(&one, c);

    // Another group's client, by id or by group: not found, as a client that does not exist.
    for (path, documented) in [
        (
            format!("/api/v1/clients/{}", w.foreign),
            "/api/v1/clients/{cid}",
        ),
        (
            "/api/v1/clients/99999999".to_owned(),
            "/api/v1/clients/{cid}",
        ),
        (
            format!("/api/v1/clients?group={}", w.other_gid),
            "/api/v1/clients",
        ),
    ] {
        let (status, body, _) = api(app, &path, Some(&token)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["error"]["code"], "not_found");
        fits(&doc, documented, status, &body);
    }
    // A cursor from elsewhere is refused.
    let (status, body, _) = api(
        app,
        &format!("/api/v1/clients?cursor={}", w.foreign),
        Some(&token),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_cursor");
    fits(&doc, "/api/v1/clients", status, &body);
    // Staff have no client account of their own.
    let (status, _, _) = api(app, "/api/v1/account", Some(&token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The API reads only; unknown paths are JSON 404s.
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/clients", app.address))
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
    let (status, body, _) = api(app, "/api/v1/nothing-here", Some(&token)).await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::NOT_FOUND, &Value::from("not_found"))
    );

    // A group that requires two-step verification refuses staff without it.
    diesel::insert_into(clientele::db::schema::two_step_groups::table)
        .values((
            clientele::db::schema::two_step_groups::group_id.eq(w.gid),
            clientele::db::schema::two_step_groups::since.eq(clientele::db::now()),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let (status, body, _) = api(app, "/api/v1/clients", Some(&token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "two_step_required");
    fits(&doc, "/api/v1/clients", status, &body);
}

#[tokio::test]
async fn only_the_apis_own_cursors_are_read_and_an_empty_one_is_the_first_page() {
    let w = world().await;
    let app = &w.app;
    let owner = Browser::new(app);
    owner.login("owner@acme.test", PASSWORD).await;
    let token = make_token(&owner, "Paging").await;
    let doc: Value = serde_json::from_str(clientele::web::api::OPENAPI).unwrap();
    let (_, first, _) = api(app, "/api/v1/clients", Some(&token)).await;
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let (status, second, _) = api(
        app,
        &format!("/api/v1/clients?cursor={cursor}"),
        Some(&token),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(second["clients"][0], first["clients"][0]);

    // The finding: a sort value with a NUL, in a cursor of the old unsigned shape, was a
    // 500 on PostgreSQL and read on SQLite.
    let nul = serde_json::json!({
        "sort": "name", "desc": false,
        "after": {"id": 1, "name_key": "a\u{0}b", "company_key": "", "status_rank": 0,
                  "created_at": "2026-12-04T10:00:00", "seller_rank": 0}
    });
    let old_shape = hex::encode(nul.to_string());
    // The real cursor with its JSON changed under the same signature, or its signature
    // cut short, or another cursor's signature.
    let (payload, tag) = cursor.split_once('.').unwrap();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let json = String::from_utf8(b64.decode(payload).unwrap()).unwrap();
    let moved = json.replacen("\"id\":", "\"id\":1", 1);
    assert_ne!(moved, json);
    let forged = [
        old_shape,
        format!("{}.{tag}", b64.encode(&moved)),
        format!("{payload}.{}", &tag[..tag.len() - 2]),
        format!("{payload}."),
        payload.to_owned(),
        format!("{}.{tag}", b64.encode(nul.to_string())),
        "%00".to_owned(),
    ];
    for c in &forged {
        let (status, body, _) =
            api(app, &format!("/api/v1/clients?cursor={c}"), Some(&token)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{c}: {body}");
        assert_eq!(body["error"]["code"], "invalid_cursor");
        fits(&doc, "/api/v1/clients", status, &body);
    }

    // An empty cursor is no cursor: the first page.
    for empty in ["", "%20"] {
        let (status, body, _) = api(
            app,
            &format!("/api/v1/clients?cursor={empty}"),
            Some(&token),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{empty:?}");
        assert_eq!(body, first, "{empty:?}");
    }
}

#[tokio::test]
async fn a_client_user_reads_their_own_account_with_its_custom_id() {
    let w = world().await;
    let app = &w.app;
    let mut conn = app.conn();
    make_member_with(
        &mut conn,
        w.globex,
        "member@globex.test",
        "member",
        "account",
    );
    make_member_with(&mut conn, w.globex, "nobody@globex.test", "member", "");
    // The owner named at creation is still invited; an owner who is a user reads it.
    make_member_with(&mut conn, w.globex, "olga@globex.test", "owner", "");
    drop(conn);
    let doc: Value = serde_json::from_str(clientele::web::api::OPENAPI).unwrap();

    let ana = Browser::new(app);
    ana.login("olga@globex.test", PASSWORD).await;
    let token = make_token(&ana, "Accounting").await;
    let owner_token = token.clone();
    let (status, body, _) = api(app, "/api/v1/account", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    fits(&doc, "/api/v1/account", status, &body);
    assert_eq!(body["id"], w.globex);
    assert_eq!(body["custom_id"], "GLX-1");
    assert_eq!(body["role"], "owner");
    assert_eq!(body["group_name"], "Acme");
    assert_eq!(body["billing_emails"][0], "billing@globex.test");
    // A client user is not staff: the group's list and its clients are not theirs.
    for path in [
        "/api/v1/clients".to_owned(),
        format!("/api/v1/clients/{}", w.globex),
        format!("/api/v1/clients?group={}", w.gid),
    ] {
        assert_eq!(
            api(app, &path, Some(&token)).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Another client by `account=`: not found.
    let (status, _, _) = api(
        app,
        &format!("/api/v1/account?account={}", w.foreign),
        Some(&token),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A member with the account permission sees it without the billing emails; one
    // without it does not see it at all.
    let m = Browser::new(app);
    m.login("member@globex.test", PASSWORD).await;
    let token = make_token(&m, "Mine").await;
    let (status, body, _) = api(app, "/api/v1/account", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    fits(&doc, "/api/v1/account", status, &body);
    assert_eq!(body["billing_emails"], Value::Null);
    assert_eq!(body["custom_id"], "GLX-1");
    let n = Browser::new(app);
    n.login("nobody@globex.test", PASSWORD).await;
    let token = make_token(&n, "Mine").await;
    let (status, body, _) = api(app, "/api/v1/account", Some(&token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    fits(&doc, "/api/v1/account", status, &body);
    // A disabled client: 403, as its client area says.
    diesel::update(accounts::table.find(w.globex))
        .set(accounts::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    let (status, body, _) = api(app, "/api/v1/account", Some(&owner_token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "account_disabled");
    fits(&doc, "/api/v1/account", status, &body);
}

#[tokio::test]
async fn the_openapi_document_lists_exactly_the_api_routes_and_its_check_can_fail() {
    let app = spawn_app().await;
    let r = reqwest::get(format!("{}/api/v1/openapi.json", app.address))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let doc: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut documented: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    documented.sort_unstable();
    let mut routes = clientele::web::api::API_ROUTES.to_vec();
    routes.sort_unstable();
    assert_eq!(documented, routes);
    // The checker finds a missing field, an extra one and a wrong type.
    let client_schema = serde_json::json!({"$ref": "#/components/schemas/Person"});
    let good = serde_json::json!({"id": 1, "name": "Sam", "email": "s@x.test"});
    assert!(misfits(&doc, &client_schema, &good, "$").is_empty());
    for bad in [
        serde_json::json!({"id": 1, "name": "Sam"}),
        serde_json::json!({"id": 1, "name": "Sam", "email": "s@x.test", "extra": true}),
        serde_json::json!({"id": "1", "name": "Sam", "email": "s@x.test"}),
    ] {
        assert!(
            !misfits(&doc, &client_schema, &bad, "$").is_empty(),
            "{bad}"
        );
    }
}
