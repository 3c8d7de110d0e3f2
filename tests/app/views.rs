//! The client list's columns and saved views (issue 17): chosen columns are stored per
//! person and followed by the CSV export; saved views keep sort, filters and columns under a
//! name, one of them the default; sellers get "My clients" out of the box; another person's
//! view is not found.

use clientele::db::schema::{list_views, users};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::clients::{Seed, seed};
use crate::helpers::*;

/// The client table's headings with the default columns.
const DEFAULT_HEADINGS: [&str; 7] = [
    "Account name",
    "Company",
    "Status",
    "Seller",
    "Owner",
    "Created",
    "Actions",
];

/// The headings of the client table, in order.
fn headings(html: &str) -> Vec<String> {
    let table = html
        .find(r#"class="data-table list-table"#)
        .expect("the client table");
    let start = table + html[table..].find("<thead>").unwrap();
    let end = start + html[start..].find("</thead>").unwrap();
    html[start..end]
        .split("<th scope=\"col\"")
        .skip(1)
        // The bulk form's column of checkboxes.
        .filter(|th| !th.starts_with(" class=\"select-col\""))
        .map(|th| {
            let th = &th[th.find('>').unwrap() + 1..th.find("</th>").unwrap()];
            // The text without tags or arrows.
            let mut text = String::new();
            let mut in_tag = false;
            for ch in th.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.replace(['▲', '▼'], "").trim().to_owned()
        })
        .collect()
}

/// The names of the views offered beside the search, and the one marked current.
fn views_of(html: &str) -> (Vec<String>, Option<String>) {
    let start = html.find(r#"<nav class="views""#).expect("the views");
    let end = start + html[start..].find("</nav>").unwrap();
    let nav = &html[start..end];
    let mut names = Vec::new();
    let mut current = None;
    for a in nav.split("<a ").skip(1) {
        let name = html_unescape(&a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()]);
        if a[..a.find('>').unwrap()].contains("aria-current") {
            current = Some(name.clone());
        }
        names.push(name);
    }
    (names, current)
}

/// Saves the list at `page` as a view, sending what the page's "Save view" form holds with
/// this name (and the default box ticked or not).
async fn save_view(
    b: &Browser,
    gid: i64,
    page: &str,
    name: &str,
    make_default: bool,
) -> reqwest::Response {
    let html = b.get_html(page).await;
    let action = format!("/groups/{gid}/views");
    let mut fields: Vec<(String, String)> = form_fields(&html, &action)
        .into_iter()
        .filter(|(k, _)| k != "view_name" && k != "view_default")
        .map(|(k, v)| (k, html_unescape(&v)))
        .collect();
    fields.push(("view_name".into(), name.into()));
    if make_default {
        fields.push(("view_default".into(), "on".into()));
    }
    b.post_raw(&action, &fields).await
}

fn ids_in(html: &str) -> Vec<i64> {
    html.split("data-client-id=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect()
}

#[tokio::test]
async fn each_person_chooses_the_columns_and_the_csv_follows_them() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    make_member(&mut conn, gid, "admin@acme.test", "admin");
    let globex = seed(
        &mut conn,
        gid,
        Seed {
            name: "Globex",
            company: "Globex Ltda.",
            custom_id: Some("GLX-1"),
            unique_identifier: Some("12.345"),
            ..Default::default()
        },
    );
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let list = format!("/groups/{gid}/clients");
    let html = app.get_html(&list).await;
    assert_eq!(headings(&html), DEFAULT_HEADINGS);

    // Name in your system and country added, owner and created taken away.
    let r = app
        .post_form(
            &list,
            &format!("{list}/columns"),
            &[
                ("col_custom_id", "on"),
                ("col_country", "on"),
                ("col_seller", "on"),
                ("back", "sort=company&dir=desc&seller=all&test=false"),
            ],
        )
        .await;
    assert_redirect_to(
        &r,
        &format!("{list}?sort=company&dir=desc&seller=all&test=false"),
    );
    let html = app.get_html(&location(r.headers())).await;
    assert!(html.contains("Columns saved."));
    assert_eq!(
        headings(&html),
        [
            "Account name",
            "Company",
            "Status",
            "Name in your system",
            "Country",
            "Seller",
            "Actions"
        ]
    );
    assert!(html.contains("GLX-1") && html.contains("Brazil"));
    // The export has the same columns (codes: the country's ISO code).
    let csv = app.get(&format!("/groups/{gid}/clients.csv")).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,account_name,company_name,status,active,test_account,custom_id,country,seller")
    );
    assert_eq!(
        lines.next(),
        Some(format!("{globex},Globex,Globex Ltda.,preparation,true,false,GLX-1,BR,").as_str())
    );
    // For Excel on Windows: the same file behind a UTF-8 byte order mark (accents read
    // right); without `bom=1`, none.
    assert!(!csv.starts_with('\u{feff}'));
    let excel = app
        .get(&format!("/groups/{gid}/clients.csv?bom=1"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(
        excel.starts_with(b"\xEF\xBB\xBFid,account_name,"),
        "{excel:?}"
    );
    assert!(html.contains("clients.csv?sort=company&#38;dir=desc&#38;seller=all&#38;test=false&#38;cols=custom_id%2Ccountry%2Cseller&amp;bom=1"));
    // The page's own export link names the columns, as does a link with `cols=`.
    assert!(
        html.contains(
            "clients.csv?sort=company&#38;dir=desc&#38;seller=all&#38;test=false&#38;cols=custom_id%2Ccountry%2Cseller\""
        ),
        "the export link"
    );
    let linked = app
        .get_html(&format!("{list}?cols=unique_identifier,city"))
        .await;
    assert_eq!(
        headings(&linked),
        [
            "Account name",
            "Company",
            "Status",
            "Unique identifier",
            "City",
            "Actions"
        ]
    );
    let csv = app
        .get(&format!("/groups/{gid}/clients.csv?cols=none"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        csv.lines().next(),
        Some("id,account_name,company_name,status,active,test_account")
    );
    // A code the list does not know changes nothing: the person's own choice.
    let typo = app.get_html(&format!("{list}?cols=phone")).await;
    assert_eq!(headings(&typo), headings(&html));

    // Stored with the person: another staff member still sees the defaults.
    let stored: String = users::table
        .filter(users::email.eq("owner@acme.test"))
        .select(users::list_columns)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(stored, "custom_id,country,seller");
    let admin = Browser::new(&app);
    admin.login("admin@acme.test", PASSWORD).await;
    assert_eq!(headings(&admin.get_html(&list).await), DEFAULT_HEADINGS);
    // None at all is a choice too.
    let r = app
        .post_form(&list, &format!("{list}/columns"), &[("back", "")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        headings(&app.get_html(&list).await),
        ["Account name", "Company", "Status", "Actions"]
    );
}

#[tokio::test]
async fn saved_views_keep_sort_filters_and_columns_and_one_opens_the_list() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let seller = make_member(&mut conn, gid, "seller@acme.test", "seller");
    let (other_gid, _) = make_group(&mut conn, "Rival", "owner@rival.test");
    let mine = seed(
        &mut conn,
        gid,
        Seed {
            name: "Alpha",
            seller: Some(seller),
            ..Default::default()
        },
    );
    let test_one = seed(
        &mut conn,
        gid,
        Seed {
            name: "Beta Test",
            test: true,
            ..Default::default()
        },
    );
    let plain = seed(
        &mut conn,
        gid,
        Seed {
            name: "Gamma",
            ..Default::default()
        },
    );
    drop(conn);
    let list = format!("/groups/{gid}/clients");

    // A seller opens on "My clients", offered beside the search with "All clients".
    let s = Browser::new(&app);
    s.login("seller@acme.test", PASSWORD).await;
    let html = s.get_html(&list).await;
    assert_eq!(ids_in(&html), [mine]);
    assert_eq!(
        views_of(&html),
        (
            vec!["All clients".to_owned(), "My clients".to_owned()],
            Some("My clients".to_owned())
        )
    );
    let html = s.get_html(&format!("{list}?seller=all")).await;
    assert_eq!(views_of(&html).1.as_deref(), Some("All clients"));
    assert_eq!(ids_in(&html), [mine, plain]);

    // Saving without a name: 422, the list as it was, the error beside the field.
    let here = format!("{list}?sort=name&dir=desc&seller=all&test=all&cols=custom_id");
    let page = s.get_html(&here).await;
    let query = html_unescape(
        &form_fields(&page, &format!("/groups/{gid}/views"))
            .into_iter()
            .find(|(k, _)| k == "query")
            .unwrap()
            .1,
    );
    assert_eq!(
        query,
        "sort=name&dir=desc&seller=all&test=all&cols=custom_id"
    );
    let r = save_view(&s, gid, &here, "   ", true).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"data-error-for="view_name""#), "the error");
    assert!(html.contains("Enter a name for the view."));
    assert_eq!(ids_in(&html), [plain, test_one, mine], "the same list");
    assert!(html.contains(r#"id="f-view_default" name="view_default" type="checkbox" checked"#));

    // Saved, as the default: the bare list now opens with it (sort, test filter, columns).
    let r = save_view(&s, gid, &here, "Everything, Z to A", true).await;
    assert_redirect_to(
        &r,
        &format!("{list}?sort=name&dir=desc&seller=all&test=all&cols=custom_id"),
    );
    let html = s.get_html(&location(r.headers())).await;
    assert!(html.contains("View Everything, Z to A saved."));
    let bare = s.get_html(&list).await;
    assert_eq!(ids_in(&bare), [plain, test_one, mine]);
    assert_eq!(
        views_of(&bare),
        (
            vec![
                "All clients".to_owned(),
                "My clients".to_owned(),
                "Everything, Z to A".to_owned()
            ],
            Some("Everything, Z to A".to_owned())
        )
    );
    assert!(
        headings(&bare).contains(&"Name in your system".to_owned()),
        "{:?}",
        headings(&bare)
    );
    // "Clear filters" clears them: the list as it opens without a saved view.
    let clear = format!(
        r#"href="{list}?sort=name&#38;dir=asc&#38;seller=me&#38;test=false" class="filter-clear">Clear filters"#
    );
    assert!(
        bare.contains(&clear),
        "clear filters leads to the unfiltered list"
    );
    // "My clients" is still a click away.
    assert_eq!(
        ids_in(&s.get_html(&format!("{list}?seller=me")).await),
        [mine]
    );

    // The same name (any case) replaces the view; a second one is added beside it.
    let r = save_view(
        &s,
        gid,
        &format!("{list}?seller=all&test=true"),
        "EVERYTHING, z to a",
        false,
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        s.get_html(&location(r.headers()))
            .await
            .contains("replaced")
    );
    let r = save_view(&s, gid, &format!("{list}?seller=none"), "Nobody's", false).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let views: Vec<(i64, String, bool)> = list_views::table
        .order_by(list_views::id)
        .select((list_views::id, list_views::name, list_views::is_default))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(views.len(), 2);
    assert_eq!(
        (views[0].1.as_str(), views[0].2),
        ("EVERYTHING, z to a", true)
    );
    assert_eq!(
        ids_in(&s.get_html(&list).await),
        [test_one],
        "the replaced query"
    );

    // Another person's view is not found: neither deleted nor made their default.
    app.login("owner@acme.test", PASSWORD).await;
    let owner_list = app.get_html(&list).await;
    assert_eq!(
        views_of(&owner_list).0,
        ["All clients"],
        "views are personal"
    );
    let r = app
        .post_form(
            &list,
            &format!("/groups/{gid}/views/{}/delete", views[0].0),
            &[("back", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .post_form(
            &list,
            &format!("/groups/{gid}/views/default"),
            &[("view", views[1].0.to_string().as_str())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Nor in another group, by its own staff.
    let rival = Browser::new(&app);
    rival.login("owner@rival.test", PASSWORD).await;
    let r = rival
        .post_form(
            &format!("/groups/{other_gid}/clients"),
            &format!("/groups/{other_gid}/views/{}/delete", views[0].0),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let left: i64 = list_views::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(left, 2);

    // The seller changes the default, then deletes a view.
    let r = s
        .post_form(
            &list,
            &format!("/groups/{gid}/views/default"),
            &[
                ("view", views[1].0.to_string().as_str()),
                ("back", "seller=me"),
            ],
        )
        .await;
    assert_redirect_to(
        &r,
        &format!("{list}?sort=name&dir=asc&seller=me&test=false"),
    );
    assert!(
        s.get_html(&location(r.headers()))
            .await
            .contains("The client list now opens with Nobody")
    );
    assert_eq!(ids_in(&s.get_html(&list).await), [plain]);
    let r = s
        .post_form(
            &list,
            &format!("/groups/{gid}/views/{}/delete", views[1].0),
            &[("back", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Its default gone with it: the seller's list opens on their clients again.
    assert_eq!(ids_in(&s.get_html(&list).await), [mine]);
    let r = s
        .post_form(
            &list,
            &format!("/groups/{gid}/views/default"),
            &[("view", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(ids_in(&s.get_html(&list).await), [mine]);
}

#[tokio::test]
async fn a_person_keeps_at_most_fifty_views_a_group() {
    let app = spawn_app().await;
    let (gid, owner) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    {
        let mut conn = app.conn();
        seed(
            &mut conn,
            gid,
            Seed {
                name: "Globex",
                ..Default::default()
            },
        );
        let now = clientele::db::now();
        for i in 0..clientele::services::list_views::MAX_VIEWS {
            clientele::models::list_view::insert(
                &mut conn,
                &clientele::models::list_view::NewListView {
                    user_id: owner,
                    group_id: gid,
                    name: &format!("View {i}"),
                    name_key: &format!("view {i}"),
                    query: "seller=all",
                    is_default: false,
                    created_at: now,
                    updated_at: now,
                },
            )
            .unwrap();
        }
    }
    app.login("owner@acme.test", PASSWORD).await;
    let list = format!("/groups/{gid}/clients");
    let r = app
        .post_form(
            &list,
            &format!("/groups/{gid}/views"),
            &[("view_name", "One more")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("You have 50 views"),
        "{}",
        &body[body.find("data-error-for").unwrap_or(0)..][..300]
    );
    // Replacing one by its name still works.
    let r = app
        .post_form(
            &list,
            &format!("/groups/{gid}/views"),
            &[("view_name", "view 7")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// Issue 35, step 3 (Gcore: "click on the ID of the desired client"): an ID column in the
/// chooser, first in the row, a link to the client, and in the export.
#[tokio::test]
async fn a_client_opens_by_its_id() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let globex = seed(
        &mut conn,
        gid,
        Seed {
            name: "Globex",
            company: "Globex Ltda.",
            ..Default::default()
        },
    );
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let list = format!("/groups/{gid}/clients");
    let client = format!("{list}/{globex}");

    // By default no ID column; "Edit" beside "Log in" in the Actions column (Gcore's
    // "click on the 'Edit' button in the 'Actions' column"), named with the client.
    let html = app.get_html(&list).await;
    assert_eq!(headings(&html), DEFAULT_HEADINGS);
    let row = row_of(&html, globex);
    assert!(!row.contains(r#"class="client-id""#));
    let actions = &row[row.find("row-actions").expect("the actions cell")..];
    let edit = actions.find(&format!(r#"<a href="{client}" class="row-action""#));
    // Nobody can sign in to Globex yet: "Log in" is there, disabled, and says why.
    let log_in = actions.find(&format!(r#"id="log-in-{globex}" disabled"#));
    assert!(
        edit.is_some() && log_in.is_some() && edit < log_in,
        "{actions}"
    );
    assert!(actions.contains(&format!(
        r#"aria-labelledby="edit-{globex} name-{globex}">Edit</a>"#
    )));
    assert!(actions.contains("This client has no owner or admin who can sign in yet"));
    assert!(!actions.contains(&format!(r#"action="{client}/login""#)));
    // Its Edit tab says the same beside a disabled button.
    let tab = app.get_html(&client).await;
    assert!(tab.contains(r#"id="log-in-why""#) && tab.contains("disabled aria-disabled"));
    // With an owner who can sign in, it is the button that opens support access.
    make_member(&mut app.conn(), globex, "ana@globex.test", "owner");
    let tab = app.get_html(&client).await;
    assert!(!tab.contains(r#"id="log-in-why""#));
    let html = app.get_html(&list).await;
    let row = row_of(&html, globex);
    let actions = &row[row.find("row-actions").expect("the actions cell")..];
    let edit = actions.find(&format!(r#"<a href="{client}" class="row-action""#));
    let log_in = actions.find(&format!(r#"action="{client}/login""#));
    assert!(
        edit.is_some() && log_in.is_some() && edit < log_in,
        "{actions}"
    );
    assert!(!actions.contains("disabled"));

    // Chosen, the ID comes first, a link to the client; the export has it too.
    let r = app
        .post_form(
            &list,
            &format!("{list}/columns"),
            &[("col_id", "on"), ("col_seller", "on"), ("back", "")],
        )
        .await;
    let html = app.get_html(&location(r.headers())).await;
    assert_eq!(
        headings(&html),
        [
            "ID",
            "Account name",
            "Company",
            "Status",
            "Seller",
            "Actions"
        ]
    );
    let row = row_of(&html, globex);
    assert!(
        row.contains(&format!(
            r#"<td class="col-id"><a href="{client}" class="client-id""#
        )),
        "{row}"
    );
    assert!(row.contains(&format!(">{globex}</a></td>")), "{row}");
    assert_eq!(app.get(&client).await.status(), StatusCode::OK);
    let csv = app
        .get(&format!("/groups/{gid}/clients.csv"))
        .await
        .text()
        .await
        .unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,account_name,company_name,status,active,test_account,seller")
    );
    assert_eq!(
        lines.next(),
        Some(format!("{globex},Globex,Globex Ltda.,preparation,true,false,").as_str())
    );
    // In the other languages too.
    for lang in ["es", "pt-BR"] {
        diesel::update(users::table.filter(users::email.eq("owner@acme.test")))
            .set(users::language.eq(lang))
            .execute(&mut app.conn())
            .unwrap();
        let html = app.get_html(&list).await;
        assert_eq!(headings(&html)[0], "ID", "{lang}");
        assert!(row_of(&html, globex).contains(">Editar</a>"), "{lang}");
    }
}

/// The `<tr>` of client `id` in the list.
fn row_of(html: &str, id: i64) -> String {
    let start = html
        .find(&format!(r#"<tr data-client-id="{id}">"#))
        .unwrap_or_else(|| panic!("no row for client {id}"));
    let end = start + html[start..].find("</tr>").unwrap();
    html[start..end].to_owned()
}
