//! Bulk actions on the client list. `GET /groups/{gid}/clients/bulk` is the form under the
//! list (the clients ticked, `id=` once each, or `all=on` with the list's filters, and an
//! `action`): it shows how many clients will change and asks to confirm (the "Export"
//! action goes straight to the CSV of the clients picked). `POST` applies it, if it still
//! changes the number of clients confirmed; else it asks again with the new number.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::scope::GroupScope;
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::services::bulk::{self, Applied, BulkAction, Preview, Selection};
use crate::services::client_list::{Cursor, ListParams, ListQuery};
use crate::views::Layout;
use crate::web::clients::list::{BulkForm, ListForms, render};
use crate::web::state::AppState;
use crate::web::{
    context::PageContext,
    identity::CurrentUser,
    reply::{page_with_status, see_other, see_other_with_flash},
};

#[derive(Template)]
#[template(path = "clients/bulk.html")]
struct ConfirmPage {
    layout: Layout,
    group_id: i64,
    action: BulkAction,
    /// The seller given, as the page names them ("no seller" when none).
    seller_name: String,
    preview: Preview,
    /// The selection as the form sends it back: the ids, or all the list matches…
    ids: String,
    all: bool,
    /// …and the list (its filters and order) it came from, to go back to.
    list: String,
    /// The list to go back to.
    back: String,
    /// The list changed since the last confirmation (the number is new).
    changed: bool,
    /// A client that cannot be saved as it is stored stopped the action (nothing changed).
    refused: Option<String>,
}

impl ConfirmPage {
    /// The catalogue key of the title and button ("Disable N clients").
    fn verb_key(&self) -> &'static str {
        match self.action {
            BulkAction::Disable => "bulk-do-disable",
            BulkAction::Enable => "bulk-do-enable",
            BulkAction::AssignSeller(Some(_)) => "bulk-do-seller",
            BulkAction::AssignSeller(None) => "bulk-do-no-seller",
            BulkAction::MarkTest => "bulk-do-test",
            BulkAction::UnmarkTest => "bulk-do-not-test",
        }
    }

    fn verb(&self) -> Msg {
        Msg::new(self.verb_key())
            .with("count", self.preview.changing as i64)
            .with("seller", self.seller_name.as_str())
    }

    /// "Disable 12 clients", in the page's language (the title and the button).
    fn verb_text(&self) -> String {
        self.layout.msg(&self.verb())
    }

    fn unchanged(&self) -> i64 {
        (self.preview.selected - self.preview.changing) as i64
    }

    /// Disabling is the one that takes clients' users out: the red button.
    fn is_destructive(&self) -> bool {
        self.action == BulkAction::Disable
    }

    fn max_bulk(&self) -> i64 {
        bulk::MAX_BULK as i64
    }

    fn more_names(&self) -> i64 {
        self.preview
            .changing
            .saturating_sub(self.preview.names.len()) as i64
    }
}

/// What the list's bulk form sends (read by hand: `id` comes once per client ticked).
struct Request {
    ids: Vec<i64>,
    all: bool,
    action: String,
    to_seller: String,
    /// The list's own parameters (its filters and order).
    list: ListQuery,
}

fn read_request(query: &str) -> Result<Request, AppError> {
    let mut r = Request {
        ids: Vec::new(),
        all: false,
        action: String::new(),
        to_seller: String::new(),
        list: ListQuery::parse(query),
    };
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        match k.as_ref() {
            "id" => r.ids.push(
                v.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|id| *id > 0)
                    .ok_or(AppError::NotFound)?,
            ),
            "all" => r.all = true,
            "action" => r.action = v.into_owned(),
            "to_seller" => r.to_seller = v.into_owned(),
            _ => {}
        }
    }
    Ok(r)
}

/// The list's filters and order, as the confirmation carries them (from the first page).
fn list_of(q: &ListQuery, scope: &GroupScope) -> ListParams {
    ListParams::from_query(q, scope.is_seller()).at(1, Cursor::Start)
}

#[allow(clippy::too_many_arguments)]
async fn confirm_page(
    ctx: &PageContext,
    state: &AppState,
    scope: &GroupScope,
    action: BulkAction,
    selection: Selection,
    preview: Preview,
    list: &ListParams,
    changed: bool,
    refused: Option<String>,
) -> Result<HttpResponse, AppError> {
    let gid = scope.group_id().0;
    let back = format!("/groups/{gid}/clients?{}", list.to_query());
    let seller_name = match action {
        BulkAction::AssignSeller(Some(id)) => {
            let s = scope.clone();
            let staff =
                db::run(&state.pool, move |c| crate::services::clients::staff(c, &s)).await?;
            staff
                .iter()
                .find(|m| m.user_id == id)
                .map(|m| m.display_name())
                .unwrap_or_default()
        }
        _ => ctx.t("client-no-seller"),
    };
    let (ids, all) = match selection {
        Selection::Ids(ids) => (bulk::ids_code(&ids), false),
        Selection::Matching(_) => (String::new(), true),
    };
    let mut page = ConfirmPage {
        layout: ctx.group_layout(scope, "clients", String::new())?,
        group_id: gid,
        action,
        seller_name,
        preview,
        ids,
        all,
        list: list.to_query(),
        back,
        changed,
        refused,
    };
    page.layout.title = page.layout.msg(&page.verb());
    let status = if page.changed || page.refused.is_some() {
        actix_web::http::StatusCode::CONFLICT
    } else {
        actix_web::http::StatusCode::OK
    };
    page_with_status(status, &page)
}

pub async fn confirm(
    req: HttpRequest,
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id().0;
    let r = read_request(req.query_string())?;
    let list = list_of(&r.list, &scope);
    if r.action == "export" && !r.ids.is_empty() && !r.all {
        let mut q = list.to_query();
        q.push_str("&ids=");
        q.push_str(&bulk::ids_code(&r.ids));
        if r.ids.len() > bulk::MAX_BULK {
            return Err(AppError::NotFound);
        }
        return Ok(see_other(&format!("/groups/{gid}/clients.csv?{q}")));
    }
    if r.action == "export" {
        return Ok(see_other(&format!(
            "/groups/{gid}/clients.csv?{}",
            list.to_query()
        )));
    }
    // Nothing to do, or nobody to do it to: the list again (422), the choice kept and the
    // message beside the bar.
    let missing = match BulkAction::parse(&r.action, &r.to_seller) {
        None => Some("bulk-choose-action"),
        Some(_) if !r.all && r.ids.is_empty() => Some("bulk-choose-clients"),
        Some(_) => None,
    };
    if let Some(key) = missing {
        let forms = ListForms {
            bulk: BulkForm {
                error: Some(Msg::new(key)),
                action: r.action,
                to_seller: r.to_seller,
                ids: r.ids,
                all: r.all,
            },
            ..ListForms::default()
        };
        return render(&ctx, &state, &user, scope, r.list, forms).await;
    }
    let action = BulkAction::parse(&r.action, &r.to_seller).expect("checked above");
    let selection = if r.all {
        Selection::Matching(list.clone())
    } else {
        Selection::Ids(r.ids)
    };
    let me = user.effective().id;
    let (s, sel) = (scope.clone(), selection.clone());
    let preview = db::run(&state.pool, move |c| bulk::preview(c, &s, me, &sel, action)).await?;
    confirm_page(
        &ctx, &state, &scope, action, selection, preview, &list, false, None,
    )
    .await
}

#[derive(Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    to_seller: String,
    #[serde(default)]
    ids: String,
    all: Option<String>,
    #[serde(default)]
    list: String,
    /// Which clients the confirmation said would change (see [`Preview::digest`]).
    #[serde(default)]
    digest: String,
}

pub async fn apply(
    req: HttpRequest,
    ctx: PageContext,
    session: Session,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: web::Form<ApplyForm>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    let gid = scope.group_id().0;
    let list = list_of(&ListQuery::parse(&form.list), &scope);
    let back = format!("/groups/{gid}/clients?{}", list.to_query());
    let action = BulkAction::parse(&form.action, &form.to_seller)
        .ok_or_else(|| AppError::BadRequest("no such bulk action".into()))?;
    let selection = if form.all.is_some() {
        Selection::Matching(list.clone())
    } else {
        match bulk::parse_ids(&form.ids) {
            Some(ids) if !ids.is_empty() => Selection::Ids(ids),
            _ => return Err(AppError::BadRequest("no clients selected".into())),
        }
    };
    let me = user.effective().id;
    let actor = user.actor(&req);
    let (s, sel, digest) = (scope.clone(), selection.clone(), form.digest.clone());
    let applied = db::run(&state.pool, move |c| {
        bulk::apply(c, &s, me, &sel, action, &digest, &actor)
    })
    .await?;
    match applied {
        Applied::Done(n) => Ok(see_other_with_flash(
            &session,
            &back,
            "success",
            Msg::new(match action {
                BulkAction::Disable => "bulk-done-disable",
                BulkAction::Enable => "bulk-done-enable",
                BulkAction::AssignSeller(_) => "bulk-done-seller",
                BulkAction::MarkTest => "bulk-done-test",
                BulkAction::UnmarkTest => "bulk-done-not-test",
            })
            .with("count", n as i64),
        )),
        Applied::Changed(preview) => {
            confirm_page(
                &ctx, &state, &scope, action, selection, preview, &list, true, None,
            )
            .await
        }
        Applied::Refused { client, preview } => {
            confirm_page(
                &ctx,
                &state,
                &scope,
                action,
                selection,
                preview,
                &list,
                false,
                Some(client),
            )
            .await
        }
    }
}
