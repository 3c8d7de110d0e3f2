//! The client list at scale (issue 15): keyset paging, the counters, and that a page view
//! writes nothing.

use clientele::db::schema::{accounts, sessions};
use diesel::prelude::*;

use crate::clients::{Seed, seed};
use crate::helpers::*;

/// The client ids of a list page, in order.
fn ids_in(html: &str) -> Vec<i64> {
    html.split("data-client-id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

/// The href of the pager link with this `rel` or this text, unescaped.
fn link(html: &str, marker: &str) -> Option<String> {
    let pager = html.split(r#"<nav class="pager""#).nth(1)?;
    let at = pager.find(marker)?;
    let href = pager[..at].rsplit("href=\"").next()?.split('"').next()?;
    Some(html_unescape(href))
}

/// Walks the list from page 1 through its "next" links; returns each page's ids.
async fn walk(app: &TestApp, first: &str) -> Vec<Vec<i64>> {
    let mut pages = vec![];
    let mut url = Some(first.to_owned());
    while let Some(u) = url {
        let html = app.get_html(&u).await;
        pages.push(ids_in(&html));
        url = link(&html, r#"rel="next""#);
        assert!(pages.len() < 20, "the walk ends");
    }
    pages
}

/// The order of the whole list as the CSV export gives it (same filters and sort).
async fn csv_names(app: &TestApp, gid: i64, query: &str) -> Vec<String> {
    let csv = app
        .get(&format!("/groups/{gid}/clients.csv?{query}"))
        .await
        .text()
        .await
        .unwrap();
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_owned())
        .collect()
}

fn names_of(app: &TestApp, ids: &[i64]) -> Vec<String> {
    let mut conn = app.conn();
    ids.iter()
        .map(|id| {
            accounts::table
                .find(id)
                .select(accounts::name)
                .first(&mut conn)
                .unwrap()
        })
        .collect()
}

#[tokio::test]
async fn pages_follow_on_by_keyset_in_every_sort_and_survive_inserts() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let sellers = [
        make_member(&mut conn, gid, "s1@acme.test", "seller"),
        make_member(&mut conn, gid, "s2@acme.test", "seller"),
    ];
    for i in 0..120 {
        let name = format!("Client {i:03}");
        seed(
            &mut conn,
            gid,
            Seed {
                name: &name,
                company: ["Gamma", "Alpha", "Beta"][i % 3],
                seller: [Some(sellers[0]), Some(sellers[1]), None][i % 3 / 2 + i % 2],
                active: i % 7 != 0,
                ..Default::default()
            },
        );
    }
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;

    // Every sort, both ways: the pages, walked by their "next" links, are the whole list
    // in the export's order, each client once.
    for sort in ["name", "company", "status", "created", "seller"] {
        for dir in ["asc", "desc"] {
            let query = format!("sort={sort}&dir={dir}&seller=all");
            let pages = walk(&app, &format!("/groups/{gid}/clients?{query}")).await;
            assert_eq!(
                pages.iter().map(Vec::len).collect::<Vec<_>>(),
                [50, 50, 20],
                "{query}"
            );
            let shown = names_of(&app, &pages.concat());
            assert_eq!(shown, csv_names(&app, gid, &query).await, "{query}");
        }
    }

    // Page 2 reached by "next", then clients added before and after its start: "next"
    // from page 1 still starts right after page 1's last client, and the walk shows each
    // client once, the one added after the boundary included.
    let list = format!("/groups/{gid}/clients?sort=name&dir=asc&seller=all");
    let page1 = app.get_html(&list).await;
    let next = link(&page1, r#"rel="next""#).unwrap();
    assert!(next.contains("page=2") && next.contains("after="), "{next}");
    let mut conn = app.conn();
    for name in ["Client 000a", "Client 075a"] {
        seed(
            &mut conn,
            gid,
            Seed {
                name,
                ..Default::default()
            },
        );
    }
    drop(conn);
    let page2 = app.get_html(&next).await;
    assert_eq!(names_of(&app, &ids_in(&page2))[0], "Client 050");
    assert!(page2.contains("51–100 of 122"), "the count follows at once");
    let mut seen = ids_in(&page1);
    let mut url = Some(next);
    while let Some(u) = url {
        let html = app.get_html(&u).await;
        seen.extend(ids_in(&html));
        url = link(&html, r#"rel="next""#);
    }
    let names = names_of(&app, &seen);
    let unique: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "no client twice");
    assert_eq!(
        names.len(),
        121,
        "every client but the one added above page 1's end"
    );
    assert!(
        names.contains(&"Client 075a".to_owned()) && !names.contains(&"Client 000a".to_owned())
    );

    // "Previous" from page 3 shows page 2 again; "last" the end; the numbers link too.
    let page3_url = link(&page2, r#"rel="next""#).unwrap();
    let page3 = app.get_html(&page3_url).await;
    assert!(
        page3.contains("Page 3 of 3") && page3.contains("101–121 of 122"),
        "{}",
        page3.split(r#"<nav class="pager""#).nth(1).unwrap()
    );
    let back = app.get_html(&link(&page3, r#"rel="prev""#).unwrap()).await;
    assert_eq!(ids_in(&back), ids_in(&page2));
    assert!(back.contains("Page 2 of 3"));
    let first = app.get_html(&link(&page3, ">First<").unwrap()).await;
    assert_eq!(ids_in(&first), ids_in(&app.get_html(&list).await));
    let last = app.get_html(&link(&page1, ">Last<").unwrap()).await;
    // The true last page: 122 clients make 22 on page 3 (page 3 reached by "next" had
    // 21, the client added above page 1 having moved everything down by one).
    assert_eq!(ids_in(&last).len(), 22);
    assert!(ids_in(&last).ends_with(&ids_in(&page3)));
    assert!(last.contains("Page 3 of 3") && !last.contains(r#"rel="next""#));
    assert!(
        page1.contains(r#"aria-current="page">1<"#) && page1.contains(r#"aria-label="Page 2""#)
    );
    // A typed page number (a bookmark) still opens that page.
    let full = csv_names(&app, gid, "sort=name&dir=asc&seller=all").await;
    let typed = app.get_html(&format!("{list}&page=2")).await;
    assert_eq!(names_of(&app, &ids_in(&typed)), full[50..100]);
    // "Next" from a client with nothing after it any more: the last page, not an empty one.
    let end = app
        .get_html(&format!("{list}&page=4&after={}", ids_in(&last)[21]))
        .await;
    assert_eq!(ids_in(&end), ids_in(&last));
    // A cursor from another group, or made up, is ignored rather than trusted.
    let odd = app.get_html(&format!("{list}&page=2&after=999999")).await;
    assert_eq!(ids_in(&odd), ids_in(&typed));
}

#[tokio::test]
async fn counts_follow_every_change_and_a_broad_search_stops_counting() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let ids: Vec<i64> = (0..3)
        .map(|i| {
            seed(
                &mut conn,
                gid,
                Seed {
                    name: &format!("Client {i}"),
                    test: i == 2,
                    ..Default::default()
                },
            )
        })
        .collect();
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let count = |html: String| {
        html.split(r#"<span class="count">"#)
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_owned()
    };
    let list = format!("/groups/{gid}/clients?seller=all");
    let html = app.get_html(&list).await;
    assert_eq!(count(html.clone()), "2", "the test client hidden: {html}");
    assert_eq!(count(app.get_html(&format!("{list}&test=all")).await), "3");
    // A change of status, test flag or removal moves the counters with it.
    let mut conn = app.conn();
    diesel::update(accounts::table.find(ids[2]))
        .set(accounts::test_account.eq(false))
        .execute(&mut conn)
        .unwrap();
    diesel::update(accounts::table.find(ids[0]))
        .set(accounts::status.eq("disabled"))
        .execute(&mut conn)
        .unwrap();
    drop(conn);
    assert_eq!(count(app.get_html(&list).await), "3");
    assert_eq!(
        count(app.get_html(&format!("{list}&status=disabled")).await),
        "1"
    );
    assert_eq!(
        count(app.get_html(&format!("{list}&status=preparation")).await),
        "2"
    );

    // Past the cap a search says "1,000+" and has no last page.
    let mut conn = app.conn();
    let now = clientele::db::now();
    for chunk in (0..1_005).collect::<Vec<i64>>().chunks(200) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|i| {
                (
                    accounts::kind.eq("client"),
                    accounts::parent_id.eq(gid),
                    accounts::name.eq(format!("Bulk {i:04}")),
                    accounts::name_key.eq(format!("bulk {i:04}")),
                    accounts::search_key.eq(format!("bulk {i:04}\n\n\n")),
                    accounts::address.eq("x"),
                    accounts::status.eq("active"),
                    accounts::status_rank.eq(0),
                    accounts::created_at.eq(now),
                    accounts::updated_at.eq(now),
                )
            })
            .collect();
        clientele::on_backend!(&mut *conn, |c| diesel::insert_into(accounts::table)
            .values(&rows)
            .execute(c)
            .unwrap());
    }
    drop(conn);
    assert_eq!(count(app.get_html(&list).await), "1,008");
    let search = app.get_html(&format!("{list}&q=bulk")).await;
    assert_eq!(count(search.clone()), "1,000+");
    assert!(search.contains("1–50 of 1,000+") && search.contains("Page 1<"));
    assert!(link(&search, ">Last<").is_none() && link(&search, r#"rel="next""#).is_some());
    let few = app.get_html(&format!("{list}&q=bulk 100")).await;
    assert_eq!(count(few), "5", "a narrow search is counted exactly");
    // The export streams them all, chunk after chunk (1 000 a chunk), in the list's order.
    let exported = csv_names(&app, gid, "sort=name&dir=desc&seller=all").await;
    assert_eq!(exported.len(), 1_008);
    let bulk: Vec<&String> = exported.iter().filter(|n| n.starts_with("Bulk")).collect();
    assert_eq!(bulk.len(), 1_005);
    assert!(
        bulk.windows(2).all(|w| w[0] > w[1]),
        "descending, none twice"
    );
}

#[tokio::test]
async fn viewing_pages_writes_nothing_to_the_session() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let list = format!("/groups/{gid}/clients");
    app.get_html(&list).await;
    let expiry = || -> Vec<chrono::NaiveDateTime> {
        sessions::table
            .select(sessions::expires_at)
            .order_by(sessions::id)
            .load(&mut app.conn())
            .unwrap()
    };
    let before = expiry();
    for path in [list.as_str(), "/profile", list.as_str()] {
        app.get_html(path).await;
    }
    assert_eq!(
        expiry(),
        before,
        "the session row is rewritten at most once a minute"
    );
}

#[tokio::test]
async fn the_seller_sort_follows_renames_and_staff_leaving() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let amy = make_member(&mut conn, gid, "amy@acme.test", "seller");
    let bob = make_member(&mut conn, gid, "bob@acme.test", "seller");
    clientele::models::user::set_names(&mut conn, amy, "Amy", "Adams").unwrap();
    clientele::models::user::set_names(&mut conn, bob, "Bob", "Brown").unwrap();
    clientele::models::seller_rank::rank_group(&mut conn, gid).unwrap();
    let of_amy = seed(
        &mut conn,
        gid,
        Seed {
            name: "Of Amy",
            seller: Some(amy),
            ..Default::default()
        },
    );
    let of_bob = seed(
        &mut conn,
        gid,
        Seed {
            name: "Of Bob",
            seller: Some(bob),
            ..Default::default()
        },
    );
    let nobody = seed(
        &mut conn,
        gid,
        Seed {
            name: "A Nobody's",
            ..Default::default()
        },
    );
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let by_seller = format!("/groups/{gid}/clients?sort=seller&seller=all");
    assert_eq!(
        ids_in(&app.get_html(&by_seller).await),
        [of_amy, of_bob, nobody]
    );
    assert_eq!(
        ids_in(&app.get_html(&format!("{by_seller}&dir=desc")).await),
        [nobody, of_bob, of_amy]
    );

    // Amy renames herself on her profile: her clients move after Bob's at once.
    let amy_browser = Browser::new(&app);
    amy_browser.login("amy@acme.test", PASSWORD).await;
    let r = amy_browser
        .post_form(
            "/profile",
            "/profile",
            &[
                ("first_name", "Zoe"),
                ("last_name", "Adams"),
                ("language", "en"),
            ],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(
        ids_in(&app.get_html(&by_seller).await),
        [of_bob, of_amy, nobody]
    );

    // Bob leaves the staff: his client has no seller now, and sorts with those.
    let staff = format!("/groups/{gid}/staff");
    let r = app
        .post_form(&staff, &format!("{staff}/{bob}/remove"), &[])
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(
        ids_in(&app.get_html(&by_seller).await),
        [of_amy, nobody, of_bob]
    );
}

/// The plan of every sort, both ways, from the top and seeking either way: an index read
/// in order, never a sort step or a scan of the table. PostgreSQL is told to avoid scans
/// and sorts wherever it can (on a test's few rows it would rather do both); a plan that
/// still has one has no index to serve it.
#[tokio::test]
async fn every_sort_reads_an_index_in_order_on_both_backends() {
    use clientele::auth::scope::group_scope;
    use clientele::db::ids::GroupId;
    use clientele::services::client_list::{Cursor, ListParams, ListQuery, page_plan};
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, owner) = make_group(&mut conn, "Acme", "owner@acme.test");
    let ids: Vec<i64> = (0..3)
        .map(|i| {
            seed(
                &mut conn,
                gid,
                Seed {
                    name: &format!("C{i}"),
                    ..Default::default()
                },
            )
        })
        .collect();
    let memberships = clientele::models::membership::of_user(&mut conn, owner).unwrap();
    let scope = group_scope(&memberships, GroupId(gid)).unwrap();
    let pg = matches!(*conn, clientele::db::DbConn::Pg(_));
    for sort in ["name", "company", "status", "created", "seller"] {
        for dir in ["asc", "desc"] {
            for cursor in [
                Cursor::Start,
                Cursor::After(ids[1]),
                Cursor::Before(ids[1]),
                Cursor::End,
            ] {
                // Unfiltered, and filtered by a status (read through the status index).
                let status = (cursor == Cursor::End).then(|| "active".to_owned());
                let query = ListQuery {
                    sort: Some(sort.into()),
                    dir: Some(dir.into()),
                    status,
                    ..Default::default()
                };
                let p = ListParams::from_query(&query, false).at(2, cursor);
                let plan = clientele::db::write_tx(&mut conn, |c| {
                    if pg {
                        use diesel::connection::SimpleConnection;
                        c.batch_execute(
                            "SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off; \
                             SET LOCAL enable_incremental_sort = off; SET LOCAL enable_bitmapscan = off;",
                        )?;
                    }
                    page_plan(c, &scope, &p, owner)
                })
                .unwrap()
                .join("\n");
                let what = format!("sort={sort}&dir={dir} {cursor:?}:\n{plan}");
                if pg {
                    assert!(
                        !plan.contains("Sort") && !plan.contains("Seq Scan"),
                        "{what}"
                    );
                    assert!(plan.contains("Index Scan"), "{what}");
                } else {
                    assert!(
                        !plan.contains("TEMP B-TREE") && !plan.contains("SCAN accounts"),
                        "{what}"
                    );
                    assert!(plan.contains("SEARCH accounts USING INDEX"), "{what}");
                }
            }
        }
    }
}

#[tokio::test]
async fn search_finds_substrings_without_case_or_accents_and_follows_every_write() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let agua = seed(
        &mut conn,
        gid,
        Seed {
            name: "Água Viva Soluções",
            company: "Köln Logística GmbH",
            custom_id: Some("CRM-004711"),
            unique_identifier: Some("BR-12.345"),
            owner: "joana.silva@agua.test",
            ..Default::default()
        },
    );
    let quote = seed(
        &mut conn,
        gid,
        Seed {
            name: r#"The "Best" Café"#,
            company: "Ab",
            ..Default::default()
        },
    );
    drop(conn);
    app.login("owner@acme.test", PASSWORD).await;
    let found = |q: &str| {
        let url = format!(
            "/groups/{gid}/clients?seller=all&q={}",
            url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
        );
        let app = &app;
        async move { ids_in(&app.get_html(&url).await) }
    };
    // Substrings anywhere, in any case, with or without accents, in every searched field.
    for q in [
        "agua",
        "ÁGUA",
        "iva sol",
        "solucoes",
        "SOLUÇÕES",
        "koln",
        "logist",
        "004711",
        "crm-0047",
        "br-12.3",
        "joana.silva",
        "SILVA@AGUA",
    ] {
        assert_eq!(found(q).await, [agua], "{q}");
    }
    // Short needles (no trigram) and quotes in the needle.
    assert_eq!(found("ab").await, [quote]);
    assert_eq!(found("ág").await, [agua]);
    assert_eq!(found(r#""best""#).await, [quote]);
    assert_eq!(found(r#"e "b"#).await, [quote]);
    assert!(found("cafe viva").await.is_empty(), "one field at a time");

    // A client added, renamed or given another owner address is found as it is now.
    let mut conn = app.conn();
    let new = seed(
        &mut conn,
        gid,
        Seed {
            name: "Zürich Nova",
            ..Default::default()
        },
    );
    drop(conn);
    assert_eq!(found("zurich").await, [new]);
    let edit = format!("/groups/{gid}/clients/{new}");
    let html = app.get_html(&edit).await;
    let mut fields = form_fields(&html, &edit);
    for (k, v) in fields.iter_mut() {
        if k == "account_name" {
            *v = "Genève Nova".into();
        }
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = app.post_raw(&edit, &fields).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert!(found("zurich").await.is_empty());
    assert_eq!(found("geneve").await, [new]);
    // An owner who has signed up is found by their address, and by their new one.
    let mut conn = app.conn();
    let owner = make_member(&mut conn, agua, "ana.owner@agua.test", "owner");
    drop(conn);
    assert_eq!(found("ana.owner").await, [agua]);
    assert_eq!(found("na.ow").await, [agua]);
    clientele::models::user::set_email(
        &mut app.conn(),
        owner,
        "ana@rio.test",
        clientele::db::now(),
    )
    .unwrap();
    assert!(found("ana.owner").await.is_empty());
    assert_eq!(found("ana@rio").await, [agua]);
}

/// A search of three characters or more reads the trigram indexes, never the whole table.
#[tokio::test]
async fn search_reads_the_trigram_indexes_on_both_backends() {
    use clientele::auth::scope::group_scope;
    use clientele::db::ids::GroupId;
    use clientele::services::client_list::{ListParams, ListQuery, page_plan};
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, owner) = make_group(&mut conn, "Acme", "owner@acme.test");
    seed(
        &mut conn,
        gid,
        Seed {
            name: "Zürich",
            ..Default::default()
        },
    );
    let memberships = clientele::models::membership::of_user(&mut conn, owner).unwrap();
    let scope = group_scope(&memberships, GroupId(gid)).unwrap();
    let pg = matches!(*conn, clientele::db::DbConn::Pg(_));
    let query = ListQuery {
        q: Some("zur".into()),
        ..Default::default()
    };
    let p = ListParams::from_query(&query, false);
    let plan = clientele::db::write_tx(&mut conn, |c| {
        if pg {
            use diesel::connection::SimpleConnection;
            c.batch_execute("SET LOCAL enable_seqscan = off;")?;
        }
        page_plan(c, &scope, &p, owner)
    })
    .unwrap()
    .join("\n");
    if pg {
        assert!(plan.contains("accounts_search_key_trgm"), "{plan}");
        // The owners' addresses: by their trigram index, or — on a test's handful of rows,
        // scans forbidden — by the owners' memberships index, which PostgreSQL then finds
        // cheaper (at 100 000 clients it reads `users_email_trgm`: see the README).
        assert!(
            plan.contains("users_email_trgm") || plan.contains("memberships_account_role"),
            "{plan}"
        );
        assert!(!plan.contains("Seq Scan"), "{plan}");
    } else {
        assert!(
            plan.contains("SCAN accounts_search VIRTUAL TABLE"),
            "{plan}"
        );
        assert!(plan.contains("SCAN users_search VIRTUAL TABLE"), "{plan}");
        // Each match read by its id: never the group's clients walked in order and tested.
        assert!(
            plan.contains("SEARCH accounts USING INTEGER PRIMARY KEY"),
            "{plan}"
        );
        assert!(!plan.contains("accounts_parent"), "{plan}");
    }
}

/// Every start looks for clients saved without a search key (before the migration that
/// added it, or by an older instance): it reads the partial index of those alone, never
/// the table, and gives each found client its key.
#[tokio::test]
async fn the_start_finds_clients_without_a_search_key_by_their_index() {
    use clientele::db::schema::accounts;
    use clientele::models::account::{fill_search_keys, missing_search_keys_plan};
    use diesel::prelude::*;
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let id = seed(
        &mut conn,
        gid,
        Seed {
            name: "Keyless Ltd",
            ..Default::default()
        },
    );
    let pg = matches!(*conn, clientele::db::DbConn::Pg(_));
    let plan = clientele::db::write_tx(&mut conn, |c| {
        if pg {
            use diesel::connection::SimpleConnection;
            c.batch_execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;")?;
        }
        missing_search_keys_plan(c)
    })
    .unwrap()
    .join("\n");
    assert!(plan.contains("accounts_search_key_missing"), "{plan}");
    assert!(!plan.contains("Seq Scan"), "{plan}");
    assert!(
        plan.lines()
            .filter(|l| l.contains("SCAN "))
            .all(|l| l.contains("USING INDEX accounts_search_key_missing")),
        "{plan}"
    );

    assert_eq!(
        clientele::db::write_tx(&mut conn, fill_search_keys).unwrap(),
        0,
        "every client saved by today's code has its key"
    );
    diesel::update(accounts::table.find(id))
        .set(accounts::search_key.eq(""))
        .execute(&mut *conn)
        .unwrap();
    assert_eq!(
        clientele::db::write_tx(&mut conn, fill_search_keys).unwrap(),
        1
    );
    let key: String = accounts::table
        .find(id)
        .select(accounts::search_key)
        .first(&mut *conn)
        .unwrap();
    assert!(key.contains("keyless ltd"), "{key:?}");
}

/// Every start checks each seller's stored sort keys by reading the two ends of its range
/// of the `(parent_id, seller_id, seller_rank)` index: no sort, no walk of the clients.
#[tokio::test]
async fn the_start_checks_seller_ranks_by_the_ends_of_an_index_range() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let pg = matches!(*conn, clientele::db::DbConn::Pg(_));
    let plan = clientele::db::write_tx(&mut conn, |c| {
        if pg {
            use diesel::connection::SimpleConnection;
            c.batch_execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off;")?;
        }
        clientele::models::seller_rank::rank_probe_plans(c)
    })
    .unwrap()
    .join("\n");
    assert_eq!(plan.matches("accounts_parent_seller ").count(), 2, "{plan}");
    if pg {
        assert!(
            !plan.contains("Sort") && !plan.contains("Seq Scan"),
            "{plan}"
        );
    } else {
        assert!(
            !plan.contains("TEMP B-TREE") && !plan.contains("SCAN "),
            "{plan}"
        );
    }
}

/// The start's check of the seller ranks mends a seller's clients whose stored rank is
/// below or above the right one, whichever end of the range they sit at.
#[tokio::test]
async fn the_start_mends_seller_ranks_below_and_above_the_right_one() {
    use clientele::db::schema::accounts;
    use clientele::models::seller_rank;
    use diesel::prelude::*;
    let app = spawn_app().await;
    let mut conn = app.conn();
    let (gid, _) = make_group(&mut conn, "Acme", "owner@acme.test");
    let amy = make_member(&mut conn, gid, "amy@acme.test", "seller");
    let clients: Vec<i64> = ["One", "Two", "Three", "Four"]
        .iter()
        .map(|name| {
            seed(
                &mut conn,
                gid,
                Seed {
                    name,
                    seller: Some(amy),
                    ..Default::default()
                },
            )
        })
        .collect();
    let right = seller_rank::rank_of(&mut conn, gid, Some(amy)).unwrap();
    let ranks = |conn: &mut clientele::db::DbConn| -> Vec<i32> {
        clients
            .iter()
            .map(|id| {
                accounts::table
                    .find(id)
                    .select(accounts::seller_rank)
                    .first(conn)
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(ranks(&mut conn), [right; 4]);
    for (id, wrong) in [
        (clients[0], right - 3),
        (clients[1], right - 1),
        (clients[3], right + 7),
    ] {
        diesel::update(accounts::table.find(id))
            .set(accounts::seller_rank.eq(wrong))
            .execute(&mut *conn)
            .unwrap();
    }
    clientele::db::write_tx(&mut conn, seller_rank::rank_all_groups).unwrap();
    assert_eq!(ranks(&mut conn), [right; 4]);
}

/// A list query the parser refuses (a field given twice) gives the default list and the
/// default export, never an error.
#[tokio::test]
async fn malformed_list_queries_give_the_default_list() {
    let app = spawn_app().await;
    let (gid, _) = make_group(&mut app.conn(), "Acme", "owner@acme.test");
    for name in ["Alpha", "Beta"] {
        seed(
            &mut app.conn(),
            gid,
            Seed {
                name,
                ..Default::default()
            },
        );
    }
    app.login("owner@acme.test", PASSWORD).await;
    let list = format!("/groups/{gid}/clients");
    let default = ids_in(&app.get_html(&list).await);
    assert_eq!(default.len(), 2);
    // Broken percent-encoding and bytes that are not UTF-8 are decoded as they come (a
    // search for what was sent, lossily): a page, never an error.
    for query in ["q=%zz", "q=%ff%fe", "sort=%ff"] {
        let r = app.get(&format!("{list}?{query}")).await;
        assert_eq!(r.status(), reqwest::StatusCode::OK, "{query}");
    }
    for query in [
        "sort=name&sort=company",
        "status=active&status=disabled&dir=desc",
        "page=1&page=2",
        "q=a&q=b",
    ] {
        let r = app.get(&format!("{list}?{query}")).await;
        assert_eq!(r.status(), reqwest::StatusCode::OK, "{query}");
        assert_eq!(ids_in(&r.text().await.unwrap()), default, "{query}");
        let csv = app.get(&format!("/groups/{gid}/clients.csv?{query}")).await;
        assert_eq!(csv.status(), reqwest::StatusCode::OK, "{query}");
        let text = csv.text().await.unwrap();
        assert!(
            text.contains("Alpha") && text.contains("Beta"),
            "{query}: {text}"
        );
    }
}
