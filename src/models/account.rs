//! Accounts: a group (a reseller, an agency) or one of its clients. A client has exactly one
//! parent group. Name, company and identifiers keep a lower-cased `_key` twin for
//! case-insensitive uniqueness and for sorting alike on both backends.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::Bool;

use crate::db::schema::accounts;
use crate::db::{DbConn, sort_key};

pub const KIND_GROUP: &str = "group";
pub const KIND_CLIENT: &str = "client";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = accounts)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Account {
    pub id: i64,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub name: String,
    pub name_key: String,
    pub company_name: String,
    pub company_key: String,
    pub unique_identifier: Option<String>,
    pub unique_identifier_key: Option<String>,
    pub billing_emails: String,
    pub active: bool,
    pub custom_id: Option<String>,
    pub custom_id_key: Option<String>,
    pub seller_id: Option<i64>,
    pub test_account: bool,
    pub language: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub address: String,
    pub postal_code: String,
    pub status: String,
    pub status_rank: i32,
    pub services_customised: bool,
    pub notification_emails: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
    /// A group's vendor setting: deletion requests are emailed to `notification_emails`.
    pub deletion_notifications: bool,
}

/// The fields a new group is made with; the rest take their defaults.
#[derive(Insertable)]
#[diesel(table_name = accounts)]
pub struct NewGroup<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub name_key: String,
    pub language: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl<'a> NewGroup<'a> {
    pub fn new(name: &'a str, now: NaiveDateTime) -> Self {
        NewGroup {
            kind: KIND_GROUP,
            name,
            name_key: sort_key(name),
            language: "en",
            created_at: now,
            updated_at: now,
        }
    }
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Account> {
    accounts::table
        .find(id)
        .select(Account::as_select())
        .first(conn)
}

pub fn insert_group(conn: &mut DbConn, new: &NewGroup) -> QueryResult<i64> {
    diesel::insert_into(accounts::table)
        .values(new)
        .returning(accounts::id)
        .get_result(conn)
}

/// A client's derived status (SPEC §2), in the order the list sorts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientStatus {
    Active,
    Trial,
    Preparation,
    TrialEnd,
    Disabled,
    Deleted,
}

impl ClientStatus {
    pub const ALL: [ClientStatus; 6] = [
        ClientStatus::Active,
        ClientStatus::Trial,
        ClientStatus::Preparation,
        ClientStatus::TrialEnd,
        ClientStatus::Disabled,
        ClientStatus::Deleted,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.code() == s)
    }

    /// The stored value, also used in URLs (`status=trial_end`).
    pub fn code(self) -> &'static str {
        match self {
            ClientStatus::Active => "active",
            ClientStatus::Trial => "trial",
            ClientStatus::Preparation => "preparation",
            ClientStatus::TrialEnd => "trial_end",
            ClientStatus::Disabled => "disabled",
            ClientStatus::Deleted => "deleted",
        }
    }

    /// The catalogue key of the status's name.
    pub fn label_key(self) -> &'static str {
        match self {
            ClientStatus::Active => "status-active",
            ClientStatus::Trial => "status-trial",
            ClientStatus::Preparation => "status-preparation",
            ClientStatus::TrialEnd => "status-trial_end",
            ClientStatus::Disabled => "status-disabled",
            ClientStatus::Deleted => "status-deleted",
        }
    }

    /// Sort rank stored beside the status: active, trial, preparation, trial end,
    /// disabled, deleted.
    pub fn rank(self) -> i32 {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(2) as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip_and_rank_in_spec_order() {
        for s in ClientStatus::ALL {
            assert_eq!(ClientStatus::parse(s.code()), Some(s));
        }
        assert_eq!(ClientStatus::Active.rank(), 0);
        assert_eq!(ClientStatus::Preparation.rank(), 2);
        assert_eq!(ClientStatus::Deleted.rank(), 5);
        assert_eq!(ClientStatus::parse("bogus"), None);
    }
}

/// A client's stored fields (insert and update share them).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = accounts)]
#[diesel(treat_none_as_null = true)]
pub struct ClientRow<'a> {
    pub name: &'a str,
    pub name_key: String,
    pub company_name: &'a str,
    pub company_key: String,
    pub unique_identifier: Option<&'a str>,
    pub unique_identifier_key: Option<String>,
    pub billing_emails: String,
    pub active: bool,
    pub custom_id: Option<&'a str>,
    pub custom_id_key: Option<String>,
    pub seller_id: Option<i64>,
    pub test_account: bool,
    pub language: &'a str,
    pub country: &'a str,
    pub region: &'a str,
    pub city: &'a str,
    pub address: &'a str,
    pub postal_code: &'a str,
    pub status: &'a str,
    pub status_rank: i32,
    /// The seller's place in the list's seller sort (`seller_rank::rank_of`).
    pub seller_rank: i32,
    /// The searchable fields folded (`db::search::search_key`).
    pub search_key: String,
    pub updated_at: NaiveDateTime,
}

/// What only a new client gets.
#[derive(Insertable)]
#[diesel(table_name = accounts)]
pub struct NewClientExtra {
    pub kind: &'static str,
    pub parent_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

pub fn insert_client(
    conn: &mut DbConn,
    group_id: i64,
    row: &ClientRow,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(accounts::table)
        .values((
            row,
            NewClientExtra {
                kind: KIND_CLIENT,
                parent_id: Some(group_id),
                created_at: now,
            },
        ))
        .returning(accounts::id)
        .get_result(conn)
}

/// Saves a client's fields if it is still at `version`; returns false when another save
/// came first (nothing is written then).
pub fn update_client(
    conn: &mut DbConn,
    id: i64,
    version: i32,
    row: &ClientRow,
) -> QueryResult<bool> {
    let n = diesel::update(
        accounts::table
            .find(id)
            .filter(accounts::kind.eq(KIND_CLIENT))
            .filter(accounts::version.eq(version)),
    )
    .set((row, accounts::version.eq(version + 1)))
    .execute(conn)?;
    Ok(n == 1)
}

// The literal below spells the client kind out.
const _: () = assert!(matches!(KIND_CLIENT.as_bytes(), b"client"));

/// The clients without a search key, a thousand at a time. The condition is written out
/// (`search_key = ''`, not a bound parameter) so that it matches the partial index
/// `accounts_search_key_missing`: SQLite, built with the planner stability guarantee
/// (QPSG), plans without looking at parameters' values, and would otherwise scan the
/// table (a million rows on every start) to find nothing.
#[diesel::dsl::auto_type(no_type_alias)]
fn missing_search_keys() -> _ {
    let batch: i64 = 1000;
    let missing: diesel::expression::SqlLiteral<Bool> =
        diesel::dsl::sql("accounts.search_key = '' AND accounts.kind = 'client'");
    accounts::table
        .filter(missing)
        .select((
            accounts::id,
            accounts::name,
            accounts::company_name,
            accounts::custom_id,
            accounts::unique_identifier,
        ))
        .limit(batch)
}

/// The plan of the look-up [`fill_search_keys`] makes on every start (a plan test).
pub fn missing_search_keys_plan(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    crate::db::explain::explain(conn, missing_search_keys())
}

/// Gives the clients saved before `search_key` existed theirs (at start, after the
/// migration that added it), a thousand at a time; returns how many.
pub fn fill_search_keys(conn: &mut DbConn) -> QueryResult<usize> {
    type Fields = (i64, String, String, Option<String>, Option<String>);
    let mut done = 0;
    loop {
        let rows: Vec<Fields> = missing_search_keys().load(conn)?;
        if rows.is_empty() {
            return Ok(done);
        }
        for (id, name, company, custom_id, unique_identifier) in &rows {
            let key = crate::db::search::search_key(&[
                Some(name),
                Some(company),
                custom_id.as_deref(),
                unique_identifier.as_deref(),
            ]);
            diesel::update(accounts::table.find(id))
                .set(accounts::search_key.eq(key))
                .execute(conn)?;
        }
        done += rows.len();
    }
}

/// Which other client of the group already uses a key, per unique field.
pub struct Clashes {
    pub name: bool,
    pub unique_identifier: bool,
    pub custom_id: bool,
}

pub fn clashes(
    conn: &mut DbConn,
    group_id: i64,
    except: Option<i64>,
    name_key: &str,
    unique_identifier_key: Option<&str>,
    custom_id_key: Option<&str>,
) -> QueryResult<Clashes> {
    let others = || {
        let mut q = accounts::table
            .filter(accounts::parent_id.eq(group_id))
            .select(accounts::id)
            .into_boxed();
        if let Some(id) = except {
            q = q.filter(accounts::id.ne(id));
        }
        q
    };
    let name = others()
        .filter(accounts::name_key.eq(name_key))
        .first::<i64>(conn)
        .optional()?
        .is_some();
    let unique_identifier = match unique_identifier_key {
        Some(k) => others()
            .filter(accounts::unique_identifier_key.eq(k))
            .first::<i64>(conn)
            .optional()?
            .is_some(),
        None => false,
    };
    let custom_id = match custom_id_key {
        Some(k) => others()
            .filter(accounts::custom_id_key.eq(k))
            .first::<i64>(conn)
            .optional()?
            .is_some(),
        None => false,
    };
    Ok(Clashes {
        name,
        unique_identifier,
        custom_id,
    })
}

/// Whether the client was deleted (its record is then read-only).
pub fn is_deleted(conn: &mut DbConn, id: i64) -> QueryResult<bool> {
    accounts::table
        .find(id)
        .select(accounts::deleted_at.is_not_null())
        .first(conn)
}
