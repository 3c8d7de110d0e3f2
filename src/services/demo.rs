//! `clientele demo --clients N`: a group with its owner, 2 admins, 8 sellers and N clients
//! with varied names (accents included), companies, countries and sellers, some test
//! accounts and some disabled, and services in use in realistic proportions (so every
//! client status appears), some clients with a visibility of their own. Also the benchmark dataset: rows go in with multi-row
//! INSERTs of [`BATCH`] rows, a transaction each, so 100 000 clients take seconds.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::auth::tokens::new_token;
use crate::db::schema::{accounts, client_services, memberships, users};
use crate::db::{self, DbConn, sort_key};
use crate::error::AppError;
use crate::models::account::KIND_CLIENT;
use crate::services::audit::Actor;
use crate::services::client_rules::derive_status;
use crate::services::groups::{NewGroupInput, create_group};

pub const BATCH: usize = 500;

const FIRST: [&str; 24] = [
    "Café",
    "Água Viva",
    "Zürich",
    "Ñandú",
    "Aurora",
    "Boreal",
    "Cidade",
    "Delta",
    "Estrela",
    "Fjord",
    "Gaivota",
    "Horizonte",
    "Iguaçu",
    "Júpiter",
    "Köln",
    "Lumière",
    "Mañana",
    "Nórdica",
    "Oásis",
    "Pêssego",
    "Quimera",
    "Río",
    "São Jorge",
    "Tundra",
];
const SECOND: [&str; 20] = [
    "Soluções",
    "Hosting",
    "Digital",
    "Labs",
    "Systems",
    "Comércio",
    "Cloud",
    "Mídia",
    "Logística",
    "Studio",
    "Tecnologia",
    "Consulting",
    "Software",
    "Energia",
    "Foods",
    "Design",
    "Networks",
    "Educação",
    "Saúde",
    "Retail",
];
const LEGAL: [&str; 7] = ["Ltda.", "S.A.", "GmbH", "LLC", "S.L.", "Inc.", "SARL"];
const COUNTRIES: [&str; 10] = ["BR", "PT", "ES", "AR", "MX", "DE", "FR", "US", "CH", "CL"];
const LANGS: [&str; 3] = ["pt-BR", "es", "en"];
const STAFF: [(&str, &str, &str); 10] = [
    ("Adriana", "Gonçalves", "admin"),
    ("Bruno", "Müller", "admin"),
    ("Camila", "Peña", "seller"),
    ("Diego", "Álvarez", "seller"),
    ("Élodie", "Durand", "seller"),
    ("Fábio", "Araújo", "seller"),
    ("Greta", "Schön", "seller"),
    ("Hugo", "Ibáñez", "seller"),
    ("Inês", "Simões", "seller"),
    ("João", "Brandão", "seller"),
];

/// What the demo made, for the operator.
pub struct Demo {
    pub group_id: i64,
    pub owner_email: String,
    pub password: String,
    pub clients: usize,
}

/// The name of demo client `i` (unique within the group).
pub fn client_name(i: usize) -> String {
    let combos = FIRST.len() * SECOND.len();
    let base = format!(
        "{} {}",
        FIRST[i % FIRST.len()],
        SECOND[(i / FIRST.len()) % SECOND.len()]
    );
    if i < combos {
        base
    } else {
        format!("{base} {}", i / combos + 1)
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct DemoUser {
    email: String,
    first_name: String,
    last_name: String,
    language: &'static str,
    password_hash: Option<String>,
    activated_at: Option<chrono::NaiveDateTime>,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = accounts)]
struct DemoClient {
    kind: &'static str,
    parent_id: Option<i64>,
    name: String,
    name_key: String,
    company_name: String,
    company_key: String,
    billing_emails: String,
    active: bool,
    custom_id: Option<String>,
    custom_id_key: Option<String>,
    seller_id: Option<i64>,
    test_account: bool,
    language: &'static str,
    country: &'static str,
    city: &'static str,
    address: String,
    postal_code: String,
    status: &'static str,
    status_rank: i32,
    search_key: String,
    services_customised: bool,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    deleted_at: Option<chrono::NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = client_services)]
struct DemoClientService {
    client_id: i64,
    service_id: i64,
    visible: bool,
    status: Option<&'static str>,
    updated_at: chrono::NaiveDateTime,
}

/// The demo's services of client `i`, by position in the catalogue: realistic proportions
/// — most clients use a service or two, some are in trial, a few stopped or not started —
/// so that every client status appears in the list.
pub fn demo_services(i: usize) -> Vec<(usize, &'static str)> {
    match i % 20 {
        0..=10 => vec![(i % 5, "active"), ((i + 2) % 5, "active")],
        11 | 12 => vec![(i % 5, "active"), ((i + 1) % 5, "trial")],
        13..=15 => vec![(i % 5, "trial")],
        16 => vec![(i % 5, "paused")],
        17 => vec![(i % 5, "trial_end"), ((i + 3) % 5, "deleted")],
        _ => vec![],
    }
}

/// Every eleventh demo client has a visibility of its own (the last service hidden).
fn customised(i: usize) -> bool {
    i % 11 == 3
}

#[derive(Insertable)]
#[diesel(table_name = memberships)]
struct DemoMembership {
    account_id: i64,
    user_id: i64,
    role: &'static str,
    permissions: &'static str,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

/// Multi-row INSERT: the backend's own connection (it does not compile through the
/// MultiConnection).
macro_rules! insert_batch {
    ($conn:expr, $table:expr, $rows:expr) => {{
        let stmt = diesel::insert_into($table).values($rows);
        $crate::on_backend!($conn, |c| stmt.execute(c))
    }};
}

/// Makes the demo group. `password_hash` is the bcrypt hash of `password`, shared by every
/// demo user (owner, staff and client owners), so hashing happens once.
pub fn seed(
    conn: &mut DbConn,
    n: usize,
    password: &str,
    password_hash: &str,
) -> Result<Demo, AppError> {
    let run = &new_token()[..8];
    let owner_email = format!("owner.{run}@demo.clientele.test");
    let now = db::now();
    // The group and its staff first, then the clients in transactions of [`BATCH`]: one
    // transaction for a million clients would have PostgreSQL keep a version of each
    // counter row (`client_counts`, kept by triggers) per client until the end, and every
    // insert wade through them (a 1 000 000-client load did not end in 30 minutes). A load
    // that fails midway leaves the clients made so far in the demo group.
    let (gid, staff_ids) = db::write_tx(conn, |conn| {
        let created = create_group(
            conn,
            &NewGroupInput {
                name: format!("Demo Hosting {}", run.to_uppercase()),
                owner_email: owner_email.clone(),
                owner_first_name: "Olívia".into(),
                owner_last_name: "Demo".into(),
                owner_password_hash: Some(password_hash.to_owned()),
                owner_language: crate::i18n::Lang::En,
                operator: false,
            },
            &Actor::cli(),
        )?;
        let gid = created.group_id;
        let staff: Vec<DemoUser> = STAFF
            .iter()
            .enumerate()
            .map(|(i, (first, last, _))| DemoUser {
                email: format!("staff{i}.{run}@demo.clientele.test"),
                first_name: (*first).into(),
                last_name: (*last).into(),
                language: "en",
                password_hash: Some(password_hash.to_owned()),
                activated_at: Some(now),
                created_at: now,
                updated_at: now,
            })
            .collect();
        insert_batch!(conn, users::table, &staff)?;
        let ids = ids_by_email(conn, &format!("%.{run}@demo.clientele.test"))?;
        let staff_ids: Vec<i64> = staff.iter().map(|u| ids[&u.email]).collect();
        let staff_rows: Vec<DemoMembership> = STAFF
            .iter()
            .zip(&staff_ids)
            .map(|((_, _, role), uid)| DemoMembership {
                account_id: gid,
                user_id: *uid,
                role,
                permissions: "",
                created_at: now,
                updated_at: now,
            })
            .collect();
        insert_batch!(conn, memberships::table, &staff_rows)?;
        Ok::<_, AppError>((gid, staff_ids))
    })?;
    let sellers = &staff_ids[2..];

    for start in (0..n).step_by(BATCH) {
        db::write_tx(conn, |conn| {
            let end = (start + BATCH).min(n);
            let clients: Vec<DemoClient> = (start..end)
                .map(|i| {
                    let name = client_name(i);
                    let company = format!("{name} {}", LEGAL[i % LEGAL.len()]);
                    let disabled = i % 23 == 7;
                    // A few clients were deleted (their record stays).
                    let deleted = i % 97 == 13;
                    let status = derive_status(
                        !disabled,
                        deleted,
                        demo_services(i).into_iter().map(|(_, s)| s),
                    );
                    // Spread creation over the last two years, newest last.
                    let created = now - chrono::Duration::minutes(((n - i) as i64) * 7);
                    let custom_id = (i % 3 == 0).then(|| format!("CRM-{i:06}"));
                    DemoClient {
                        kind: KIND_CLIENT,
                        parent_id: Some(gid),
                        name_key: sort_key(&name),
                        company_key: sort_key(&company),
                        billing_emails: format!("billing{i}@demo.clientele.test"),
                        active: !disabled,
                        custom_id: custom_id.clone(),
                        custom_id_key: (i % 3 == 0).then(|| format!("crm-{i:06}")),
                        seller_id: if i % 10 == 9 {
                            None
                        } else {
                            Some(sellers[i % sellers.len()])
                        },
                        test_account: i % 37 == 5,
                        language: LANGS[i % LANGS.len()],
                        country: COUNTRIES[i % COUNTRIES.len()],
                        city: "",
                        address: format!("Rua {} {}", FIRST[(i * 7) % FIRST.len()], 10 + i % 990),
                        postal_code: format!("{:05}-{:03}", i % 100_000, i % 1000),
                        status: status.code(),
                        status_rank: status.rank(),
                        search_key: crate::db::search::search_key(&[
                            Some(&name),
                            Some(&company),
                            custom_id.as_deref(),
                            None,
                        ]),
                        services_customised: customised(i),
                        created_at: created,
                        updated_at: created,
                        deleted_at: deleted.then_some(now),
                        name,
                        company_name: company,
                    }
                })
                .collect();
            insert_batch!(conn, accounts::table, &clients)?;
            let owners: Vec<DemoUser> = (start..end)
                .map(|i| DemoUser {
                    email: format!("client{i}.{run}@demo.clientele.test"),
                    first_name: FIRST[(i * 3) % FIRST.len()].into(),
                    last_name: SECOND[(i * 5) % SECOND.len()].into(),
                    language: LANGS[i % LANGS.len()],
                    password_hash: Some(password_hash.to_owned()),
                    activated_at: Some(now),
                    created_at: now,
                    updated_at: now,
                })
                .collect();
            insert_batch!(conn, users::table, &owners)?;
            Ok::<_, AppError>(())
        })?;
    }
    {
        let catalogue: Vec<i64> = crate::models::service::all(conn)?
            .into_iter()
            .map(|s| s.id)
            .collect();
        // Link each client to its owner.
        let client_ids: HashMap<String, i64> = accounts::table
            .filter(accounts::parent_id.eq(gid))
            .select((accounts::billing_emails, accounts::id))
            .load::<(String, i64)>(conn)?
            .into_iter()
            .collect();
        let owner_ids = ids_by_email(conn, &format!("client%.{run}@demo.clientele.test"))?;
        for start in (0..n).step_by(BATCH) {
            db::write_tx(conn, |conn| {
                let rows: Vec<DemoMembership> = (start..(start + BATCH).min(n))
                    .map(|i| DemoMembership {
                        account_id: client_ids[&format!("billing{i}@demo.clientele.test")],
                        user_id: owner_ids[&format!("client{i}.{run}@demo.clientele.test")],
                        role: "owner",
                        permissions: "",
                        created_at: now,
                        updated_at: now,
                    })
                    .collect();
                insert_batch!(conn, memberships::table, &rows)?;
                // Their services: the ones in use, and every switch of a customised client.
                let mut services: Vec<DemoClientService> = Vec::new();
                for i in start..(start + BATCH).min(n) {
                    let client_id = client_ids[&format!("billing{i}@demo.clientele.test")];
                    let used = demo_services(i);
                    for (k, service_id) in catalogue.iter().enumerate() {
                        let status = used.iter().find(|(p, _)| *p == k).map(|(_, s)| *s);
                        let own = customised(i);
                        if status.is_some() || own {
                            services.push(DemoClientService {
                                client_id,
                                service_id: *service_id,
                                visible: !own || k + 1 < catalogue.len() || status.is_some(),
                                status,
                                updated_at: now,
                            });
                        }
                    }
                }
                if !services.is_empty() {
                    insert_batch!(conn, client_services::table, &services)?;
                }
                Ok::<_, AppError>(())
            })?;
        }
    }
    db::write_tx(conn, |conn| {
        crate::models::seller_rank::rank_group(conn, gid)
    })?;
    Ok(Demo {
        group_id: gid,
        owner_email,
        password: password.to_owned(),
        clients: n,
    })
}

fn ids_by_email(conn: &mut DbConn, pattern: &str) -> QueryResult<HashMap<String, i64>> {
    Ok(users::table
        .filter(users::email.like(pattern))
        .select((users::email, users::id))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_every_client_status_most_of_them_active() {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for i in 0..2000 {
            let status = derive_status(
                i % 23 != 7,
                i % 97 == 13,
                demo_services(i).into_iter().map(|(_, s)| s),
            );
            *count.entry(status.code()).or_default() += 1;
        }
        for status in [
            "active",
            "trial",
            "preparation",
            "trial_end",
            "disabled",
            "deleted",
        ] {
            assert!(
                count.get(status).copied().unwrap_or(0) > 0,
                "{status}: {count:?}"
            );
        }
        let most = count.iter().max_by_key(|(_, n)| **n).unwrap();
        assert_eq!(*most.0, "active", "{count:?}");
        assert!(
            count["active"] > 1000 && count["trial"] > count["trial_end"],
            "{count:?}"
        );
    }

    #[test]
    fn names_are_unique_and_varied() {
        let names: std::collections::HashSet<String> = (0..5000).map(client_name).collect();
        assert_eq!(names.len(), 5000);
        assert!(
            names
                .iter()
                .any(|n| n.contains('ü') || n.contains('ç') || n.contains('ñ'))
        );
    }
}
