//! Accounts: a group (a reseller, an agency) or one of its clients. A client has exactly one
//! parent group. Name, company and identifiers keep a lower-cased `_key` twin for
//! case-insensitive uniqueness and for sorting alike on both backends.

use chrono::NaiveDateTime;
use diesel::prelude::*;

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
}

impl Account {
    pub fn is_group(&self) -> bool {
        self.kind == KIND_GROUP
    }
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

/// The clients of a group, by name (the console's first view; filters come with the list).
pub fn clients_of_group(conn: &mut DbConn, group_id: i64) -> QueryResult<Vec<Account>> {
    accounts::table
        .filter(accounts::parent_id.eq(group_id))
        .filter(accounts::kind.eq(KIND_CLIENT))
        .filter(accounts::test_account.eq(false))
        .order_by((accounts::name_key.asc(), accounts::id.asc()))
        .select(Account::as_select())
        .load(conn)
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

    pub fn label(self) -> &'static str {
        match self {
            ClientStatus::Active => "Active",
            ClientStatus::Trial => "Trial",
            ClientStatus::Preparation => "Preparation",
            ClientStatus::TrialEnd => "Trial end",
            ClientStatus::Disabled => "Disabled",
            ClientStatus::Deleted => "Deleted",
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
