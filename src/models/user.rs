//! People. One row per person (unique, lower-cased email); a person may belong to several
//! accounts through memberships. `password_hash` is NULL until they activate.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::users;

/// A user row. No `Debug`: it holds the password hash.
#[derive(Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct User {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub language: String,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
    pub activated_at: Option<NaiveDateTime>,
    pub disabled_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When two-step verification was turned on (with `totp_secret`), if it is.
    pub totp_enabled_at: Option<NaiveDateTime>,
    /// The last 30-second step a code was accepted for: a code opens one sign-in.
    pub totp_last_step: Option<i64>,
    /// The client list's optional columns this person chose ('' = the default set).
    pub list_columns: String,
}

impl User {
    /// Whether signing in asks for a code after the password.
    pub fn uses_two_step(&self) -> bool {
        self.totp_secret.is_some()
    }

    pub fn display_name(&self) -> String {
        person_name(&self.first_name, &self.last_name, &self.email)
    }

    /// Whether the user may sign in at all (activated and not disabled).
    pub fn can_sign_in(&self) -> bool {
        self.disabled_at.is_none() && self.password_hash.is_some()
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub language: &'a str,
    pub password_hash: Option<&'a str>,
    pub activated_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The names of these users by id ("First Last", else their address): who invited.
pub fn names_of(
    conn: &mut DbConn,
    ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, String>> {
    let rows: Vec<(i64, String, String, String)> = users::table
        .filter(crate::db::in_ids(users::id, ids))
        .select((users::id, users::first_name, users::last_name, users::email))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, first, last, email)| (id, person_name(&first, &last, &email)))
        .collect())
}

/// "First Last", or the email when both names are blank.
pub fn person_name(first: &str, last: &str, email: &str) -> String {
    let name = format!("{} {}", first.trim(), last.trim());
    let name = name.trim();
    if name.is_empty() {
        email.to_owned()
    } else {
        name.to_owned()
    }
}

/// Emails are compared lower-cased and trimmed, on write and on lookup.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<User> {
    users::table.find(id).select(User::as_select()).first(conn)
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(normalize_email(email)))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConn, new: &NewUser) -> QueryResult<i64> {
    diesel::insert_into(users::table)
        .values(new)
        .returning(users::id)
        .get_result(conn)
}

/// Inserts the user unless one with this email exists (two requests making the same new
/// user at once: both go on, one user). Returns the user's id and whether it is new.
pub fn insert_or_find(conn: &mut DbConn, new: &NewUser) -> QueryResult<(i64, bool)> {
    let stmt = diesel::insert_into(users::table)
        .values(new)
        .on_conflict(users::email)
        .do_nothing()
        .returning(users::id);
    let inserted: Option<i64> = crate::on_backend!(conn, |c| stmt.get_result(c).optional())?;
    match inserted {
        Some(id) => Ok((id, true)),
        // The row another transaction committed meanwhile is visible to this statement
        // (PostgreSQL, read committed); SQLite's write transactions never race here.
        None => users::table
            .filter(users::email.eq(new.email))
            .select(users::id)
            .first(conn)
            .map(|id| (id, false)),
    }
}

/// Whether any user exists (one index entry read: the set-up page and every start ask,
/// and a count would read all of them).
pub fn any(conn: &mut DbConn) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(users::table.select(users::id))).get_result(conn)
}

pub fn set_names(conn: &mut DbConn, id: i64, first: &str, last: &str) -> QueryResult<usize> {
    let n = diesel::update(users::table.find(id))
        .set((
            users::first_name.eq(first),
            users::last_name.eq(last),
            users::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(n)
}

/// A user's name and language.
pub fn set_person(
    conn: &mut DbConn,
    id: i64,
    first: &str,
    last: &str,
    language: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let n = diesel::update(users::table.find(id))
        .set((
            users::first_name.eq(first),
            users::last_name.eq(last),
            users::language.eq(language),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n)
}

/// Changes a user's address.
pub fn set_email(
    conn: &mut DbConn,
    id: i64,
    email: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let n = diesel::update(users::table.find(id))
        .set((users::email.eq(email), users::updated_at.eq(now)))
        .execute(conn)?;
    Ok(n)
}

pub fn set_disabled(conn: &mut DbConn, id: i64, at: Option<NaiveDateTime>) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((
            users::disabled_at.eq(at),
            users::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)
}

/// The display names of these users (ids repeated or unknown are fine), for pages that
/// list people by id: one query for the page, never one per row.
pub fn display_names(
    conn: &mut DbConn,
    ids: impl IntoIterator<Item = i64>,
) -> QueryResult<std::collections::HashMap<i64, String>> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(users::table
        .filter(users::id.eq_any(&ids))
        .select(User::as_select())
        .load(conn)?
        .into_iter()
        .map(|u| (u.id, u.display_name()))
        .collect())
}
