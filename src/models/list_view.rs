//! Saved views of the client list: a person's named list query (sort, filters, columns) in
//! one group. Theirs alone: every query here is keyed by the person and the group, so
//! another person's view id finds nothing. At most one view per person and group is the
//! default (a partial unique index).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::list_views;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = list_views)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ListView {
    pub id: i64,
    pub user_id: i64,
    pub group_id: i64,
    pub name: String,
    pub name_key: String,
    /// The list's query string (`sort=…&dir=…&seller=…&cols=…`).
    pub query: String,
    pub is_default: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = list_views)]
pub struct NewListView<'a> {
    pub user_id: i64,
    pub group_id: i64,
    pub name: &'a str,
    pub name_key: &'a str,
    pub query: &'a str,
    pub is_default: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A person's views in a group, by name.
pub fn of_user(conn: &mut DbConn, user_id: i64, group_id: i64) -> QueryResult<Vec<ListView>> {
    list_views::table
        .filter(list_views::user_id.eq(user_id))
        .filter(list_views::group_id.eq(group_id))
        .order_by(list_views::name_key.asc())
        .select(ListView::as_select())
        .load(conn)
}

/// One of a person's views in a group.
pub fn find(
    conn: &mut DbConn,
    user_id: i64,
    group_id: i64,
    id: i64,
) -> QueryResult<Option<ListView>> {
    list_views::table
        .filter(list_views::id.eq(id))
        .filter(list_views::user_id.eq(user_id))
        .filter(list_views::group_id.eq(group_id))
        .select(ListView::as_select())
        .first(conn)
        .optional()
}

/// A person's view in a group with this name (any case).
pub fn find_by_name(
    conn: &mut DbConn,
    user_id: i64,
    group_id: i64,
    name_key: &str,
) -> QueryResult<Option<ListView>> {
    list_views::table
        .filter(list_views::user_id.eq(user_id))
        .filter(list_views::group_id.eq(group_id))
        .filter(list_views::name_key.eq(name_key))
        .select(ListView::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConn, new: &NewListView) -> QueryResult<i64> {
    diesel::insert_into(list_views::table)
        .values(new)
        .returning(list_views::id)
        .get_result(conn)
}

/// Saves a view's query (and name as typed) again.
pub fn update_query(
    conn: &mut DbConn,
    id: i64,
    name: &str,
    query: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(list_views::table.find(id))
        .set((
            list_views::name.eq(name),
            list_views::query.eq(query),
            list_views::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Makes this view the person's default in the group (None: none, the list opens as it
/// always did): the other views stop being it first, as the index allows one.
pub fn set_default(
    conn: &mut DbConn,
    user_id: i64,
    group_id: i64,
    id: Option<i64>,
) -> QueryResult<()> {
    diesel::update(
        list_views::table
            .filter(list_views::user_id.eq(user_id))
            .filter(list_views::group_id.eq(group_id))
            .filter(list_views::is_default.eq(true)),
    )
    .set(list_views::is_default.eq(false))
    .execute(conn)?;
    if let Some(id) = id {
        diesel::update(
            list_views::table
                .filter(list_views::id.eq(id))
                .filter(list_views::user_id.eq(user_id))
                .filter(list_views::group_id.eq(group_id)),
        )
        .set(list_views::is_default.eq(true))
        .execute(conn)?;
    }
    Ok(())
}

/// The person's default view in the group, if they chose one.
pub fn default_of(conn: &mut DbConn, user_id: i64, group_id: i64) -> QueryResult<Option<ListView>> {
    list_views::table
        .filter(list_views::user_id.eq(user_id))
        .filter(list_views::group_id.eq(group_id))
        .filter(list_views::is_default.eq(true))
        .select(ListView::as_select())
        .first(conn)
        .optional()
}

pub fn delete(conn: &mut DbConn, user_id: i64, group_id: i64, id: i64) -> QueryResult<usize> {
    diesel::delete(
        list_views::table
            .filter(list_views::id.eq(id))
            .filter(list_views::user_id.eq(user_id))
            .filter(list_views::group_id.eq(group_id)),
    )
    .execute(conn)
}
