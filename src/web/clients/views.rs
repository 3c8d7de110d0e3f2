//! The reader's ways of looking at the client list: `POST /groups/{gid}/clients/columns`
//! (the optional columns), `POST /groups/{gid}/views` (save the list shown as a named
//! view), `POST /groups/{gid}/views/default` (the view the bare list opens with) and
//! `POST /groups/{gid}/views/{id}/delete`. Each comes back to the list it was sent from
//! (`back`: a list query, read as the list reads one, so it can only name the list).

use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::services::client_list::{Column, Columns, ListParams, ListQuery};
use crate::services::list_views::{self, Saved};
use crate::web::clients::list::{ListForms, ViewForm, render};
use crate::web::state::AppState;
use crate::web::{context::PageContext, identity::CurrentUser, reply::see_other_with_flash};

/// The list a form was sent from, as a path (`back` read as the list reads its URL).
fn list_at(gid: i64, back: &str, is_seller: bool) -> String {
    let p = ListParams::from_query(&ListQuery::parse(back), is_seller);
    format!("/groups/{gid}/clients?{}", p.to_query())
}

#[derive(Deserialize)]
pub struct ColumnsForm {
    col_id: Option<String>,
    col_custom_id: Option<String>,
    col_unique_identifier: Option<String>,
    col_country: Option<String>,
    col_city: Option<String>,
    col_seller: Option<String>,
    col_owner: Option<String>,
    col_created: Option<String>,
    #[serde(default)]
    back: String,
}

impl ColumnsForm {
    fn columns(&self) -> Columns {
        let ticked = [
            (Column::Id, &self.col_id),
            (Column::CustomId, &self.col_custom_id),
            (Column::UniqueIdentifier, &self.col_unique_identifier),
            (Column::Country, &self.col_country),
            (Column::City, &self.col_city),
            (Column::Seller, &self.col_seller),
            (Column::Owner, &self.col_owner),
            (Column::Created, &self.col_created),
        ];
        Columns::of(
            ticked
                .into_iter()
                .filter(|(_, v)| v.is_some())
                .map(|(c, _)| c),
        )
    }
}

/// Stores the columns ticked, and shows the list with them (a `cols=` the list had, from a
/// view, gives way to the choice just made).
pub async fn save_columns(
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<ColumnsForm>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id().0;
    let me = user.effective().id;
    let columns = form.columns();
    db::run(&state.pool, move |c| {
        list_views::save_columns(c, me, &columns)
    })
    .await?;
    let mut back = ListParams::from_query(&ListQuery::parse(&form.back), scope.is_seller());
    back.columns = None;
    Ok(see_other_with_flash(
        &session,
        &format!("/groups/{gid}/clients?{}", back.to_query()),
        "success",
        "views-columns-saved",
    ))
}

#[derive(Deserialize)]
pub struct SaveViewForm {
    #[serde(default)]
    view_name: String,
    view_default: Option<String>,
    /// The list's query as the view stores it.
    #[serde(default)]
    query: String,
}

/// Saves the list shown as a named view (a view of that name is replaced), and opens it.
pub async fn save_view(
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<SaveViewForm>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id().0;
    let me = user.effective().id;
    let is_seller = scope.is_seller();
    let form = form.into_inner();
    let name = form.view_name.trim().to_owned();
    let make_default = form.view_default.is_some();
    // Stored as the list reads it back: nothing but the list's own parameters.
    let p = list_views::params_of(&form.query, is_seller);
    let columns = p.columns.clone().unwrap_or_default();
    let query = list_views::stored_query(&p, &columns);
    let (s, n, q) = (scope.clone(), name.clone(), query.clone());
    let saved = db::run(&state.pool, move |c| {
        list_views::save(c, &s, me, &n, &q, make_default)
    })
    .await;
    match saved {
        Ok(how) => Ok(see_other_with_flash(
            &session,
            &format!("/groups/{gid}/clients?{query}"),
            "success",
            Msg::new(match how {
                Saved::Created => "views-saved",
                Saved::Replaced => "views-replaced",
            })
            .with("name", name),
        )),
        Err(AppError::Invalid(errors)) => {
            render(
                &ctx,
                &state,
                &user,
                scope,
                ListQuery::parse(&query),
                ListForms {
                    view: ViewForm {
                        name: form.view_name,
                        make_default,
                        errors,
                    },
                    ..ListForms::default()
                },
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct DefaultViewForm {
    /// A saved view's id, or empty: the list as it comes.
    #[serde(default)]
    view: String,
    #[serde(default)]
    back: String,
}

/// Chooses the view the bare list opens with (or none).
pub async fn set_default(
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<DefaultViewForm>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id().0;
    let me = user.effective().id;
    let view = match form.view.trim() {
        "" => None,
        id => Some(id.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let s = scope.clone();
    let name = db::run(&state.pool, move |c| {
        list_views::set_default(c, &s, me, view)
    })
    .await?;
    let message = match name {
        Some(name) => Msg::new("views-default-set").with("name", name),
        None => Msg::new("views-default-cleared"),
    };
    Ok(see_other_with_flash(
        &session,
        &list_at(gid, &form.back, scope.is_seller()),
        "success",
        message,
    ))
}

#[derive(Deserialize)]
pub struct BackForm {
    #[serde(default)]
    back: String,
}

/// Deletes one of the reader's views.
pub async fn delete_view(
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    form: web::Form<BackForm>,
) -> Result<HttpResponse, AppError> {
    let (gid, id) = path.into_inner();
    let scope = user.group_scope(GroupId(gid))?;
    let me = user.effective().id;
    let s = scope.clone();
    let name = db::run(&state.pool, move |c| list_views::delete(c, &s, me, id)).await?;
    Ok(see_other_with_flash(
        &session,
        &list_at(gid, &form.back, scope.is_seller()),
        "success",
        Msg::new("views-deleted").with("name", name),
    ))
}
