//! A person's ways of looking at the client list: the optional columns they chose (one
//! choice, every group) and their saved views (named list queries, per group, one of them
//! the default the bare list opens with). Personal settings, not changes to any account:
//! they are not audited.

use crate::auth::scope::GroupScope;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::input::{FieldErrors, single_line_problem, too_long};
use crate::models::list_view::{self, ListView, NewListView};
use crate::services::client_list::{Columns, Cursor, ListParams, ListQuery};

/// The most views a person keeps in one group.
pub const MAX_VIEWS: usize = 50;
/// The longest view name.
pub const MAX_VIEW_NAME: usize = 60;

/// How a view was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Created,
    /// A view of that name (any case) existed: it now holds this list.
    Replaced,
}

/// The query a view stores for these parameters: from the first page, with the columns
/// shown (so the view opens with them whoever's choice changes later).
pub fn stored_query(p: &ListParams, columns: &Columns) -> String {
    ListParams {
        columns: Some(columns.clone()),
        ..p.at(1, Cursor::Start)
    }
    .to_query()
}

/// The parameters a stored view query opens the list with.
pub fn params_of(query: &str, is_seller: bool) -> ListParams {
    ListParams::from_query(&ListQuery::parse(query), is_seller)
}

/// Checks a view's name as typed (trimmed): the field's error, if any.
pub fn check_name(name: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("view_name", "error-enter-view-name");
    } else if let Some(problem) = single_line_problem(name) {
        errors.add("view_name", problem);
    } else if name.chars().count() > MAX_VIEW_NAME {
        errors.add("view_name", too_long(MAX_VIEW_NAME));
    }
    errors
}

/// Saves the list `query` as the person's view `name` in the scope's group (a view of the
/// same name is replaced), and makes it their default when asked.
pub fn save(
    conn: &mut DbConn,
    scope: &GroupScope,
    user_id: i64,
    name: &str,
    query: &str,
    make_default: bool,
) -> Result<Saved, AppError> {
    let errors = check_name(name);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let gid = scope.group_id().0;
    let key = db::sort_key(name);
    db::write_tx(conn, |conn| {
        let now = db::now();
        let (id, saved) = match list_view::find_by_name(conn, user_id, gid, &key)? {
            Some(v) => {
                list_view::update_query(conn, v.id, name, query, now)?;
                (v.id, Saved::Replaced)
            }
            None => {
                if list_view::of_user(conn, user_id, gid)?.len() >= MAX_VIEWS {
                    let mut errors = FieldErrors::default();
                    errors.add(
                        "view_name",
                        crate::i18n::Msg::new("error-too-many-views").with("max", MAX_VIEWS),
                    );
                    return Err(AppError::Invalid(errors));
                }
                let id = list_view::insert(
                    conn,
                    &NewListView {
                        user_id,
                        group_id: gid,
                        name,
                        name_key: &key,
                        query,
                        is_default: false,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                (id, Saved::Created)
            }
        };
        if make_default {
            list_view::set_default(conn, user_id, gid, Some(id))?;
        }
        Ok(saved)
    })
}

/// The person's views in the scope's group, by name.
pub fn of_user(
    conn: &mut DbConn,
    scope: &GroupScope,
    user_id: i64,
) -> Result<Vec<ListView>, AppError> {
    Ok(list_view::of_user(conn, user_id, scope.group_id().0)?)
}

/// Makes one of the person's views their default in the group (None: none). Another
/// person's view, or one of another group, is not found.
pub fn set_default(
    conn: &mut DbConn,
    scope: &GroupScope,
    user_id: i64,
    view: Option<i64>,
) -> Result<Option<String>, AppError> {
    let gid = scope.group_id().0;
    db::write_tx(conn, |conn| {
        let name = match view {
            Some(id) => Some(
                list_view::find(conn, user_id, gid, id)?
                    .ok_or(AppError::NotFound)?
                    .name,
            ),
            None => None,
        };
        list_view::set_default(conn, user_id, gid, view)?;
        Ok(name)
    })
}

/// Deletes one of the person's views; returns its name.
pub fn delete(
    conn: &mut DbConn,
    scope: &GroupScope,
    user_id: i64,
    id: i64,
) -> Result<String, AppError> {
    let gid = scope.group_id().0;
    db::write_tx(conn, |conn| {
        let view = list_view::find(conn, user_id, gid, id)?.ok_or(AppError::NotFound)?;
        list_view::delete(conn, user_id, gid, id)?;
        Ok(view.name)
    })
}

/// Stores the person's choice of optional columns (every group's list shows them).
pub fn save_columns(conn: &mut DbConn, user_id: i64, columns: &Columns) -> Result<(), AppError> {
    use crate::db::schema::users;
    use diesel::prelude::*;
    diesel::update(users::table.find(user_id))
        .set(users::list_columns.eq(columns.code()))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::client_list::{Column, SellerFilter};

    #[test]
    fn names_are_required_one_line_and_short() {
        assert!(check_name("").has("view_name"));
        assert!(check_name("a\u{0}b").has("view_name"));
        assert!(check_name(&"x".repeat(MAX_VIEW_NAME + 1)).has("view_name"));
        assert!(check_name("My trials").is_empty());
    }

    #[test]
    fn a_stored_query_opens_the_same_list_from_its_first_page_with_its_columns() {
        let p = ListParams::from_query(
            &ListQuery::parse("sort=created&dir=desc&status=trial&seller=me&page=4&after=9"),
            false,
        );
        let cols = Columns::of([Column::City, Column::CustomId]);
        let q = stored_query(&p, &cols);
        assert!(!q.contains("after") && !q.contains("page"), "{q}");
        let back = params_of(&q, false);
        assert_eq!(back.columns, Some(cols));
        assert_eq!((back.seller, back.desc), (SellerFilter::Me, true));
        assert_eq!(back.at(1, Cursor::Start).to_query(), q);
    }
}
