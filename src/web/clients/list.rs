//! `GET /groups/{gid}/clients`: the client list, with the reader's columns and saved views.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::auth::scope::GroupScope;
use crate::db::{self, ids::GroupId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::input::FieldErrors;
use crate::models::account::ClientStatus;
use crate::models::list_view::ListView;
use crate::services::client_list::{self, Column, Columns, Cursor, ListParams, ListQuery};
use crate::services::list_views;
use crate::views::Layout;
use crate::views::clients::{
    Choice, HeaderCell, ListRow, LogIn, Pager, fit_columns, headers, list_rows, pager,
};
use crate::web::state::AppState;
use crate::web::{context::PageContext, identity::CurrentUser, reply::page_with_status};

/// A view the list offers beside its search box.
pub struct ViewLink {
    pub name: String,
    pub href: String,
    /// The list shown is this view's.
    pub current: bool,
    pub is_default: bool,
    /// A saved view's id (None: a built-in one).
    pub id: Option<i64>,
}

/// A column of the column chooser.
pub struct ColumnChoice {
    pub code: &'static str,
    pub label: &'static str,
    pub shown: bool,
}

/// What the "Save view" form holds (what was typed, when it is shown again with an error).
#[derive(Default)]
pub struct ViewForm {
    pub name: String,
    pub make_default: bool,
    pub errors: FieldErrors,
}

/// What the bulk bar under the list holds when it comes back with an error: the action,
/// seller and clients chosen, so nothing chosen is lost.
#[derive(Default)]
pub struct BulkForm {
    pub action: String,
    pub to_seller: String,
    pub ids: Vec<i64>,
    pub all: bool,
    pub error: Option<Msg>,
}

impl BulkForm {
    /// Whether this client's box comes back ticked.
    fn picked(&self, id: &i64) -> bool {
        self.ids.contains(id)
    }
}

/// The list's own forms, as they come back to it (empty on a plain visit).
#[derive(Default)]
pub struct ListForms {
    pub view: ViewForm,
    pub bulk: BulkForm,
}

/// The bulk bar's actions: (code, catalogue key), in the menu's order.
const BULK_ACTIONS: [(&str, &str); 6] = [
    ("disable", "bulk-action-disable"),
    ("enable", "bulk-action-enable"),
    ("seller", "bulk-action-seller"),
    ("test", "bulk-action-test"),
    ("not_test", "bulk-action-not-test"),
    ("export", "bulk-action-export"),
];

#[derive(Template)]
#[template(path = "clients/list.html")]
struct ListPage {
    layout: Layout,
    group_id: i64,
    group_name: String,
    params: ListParams,
    headers: Vec<HeaderCell>,
    rows: Vec<ListRow>,
    pager: Pager,
    /// "Clients of G, 1 to 50 of 1,234" for screen readers.
    caption: Msg,
    statuses: Vec<ClientStatus>,
    sellers: Vec<Choice>,
    seller_value: String,
    /// The group has no client at all (not merely none matching).
    group_is_empty: bool,
    csv_href: String,
    /// The optional columns shown (those chosen that fit one line)…
    columns: Columns,
    /// …and those chosen that did not fit (the page says so).
    columns_left: Vec<Column>,
    column_choices: Vec<ColumnChoice>,
    views: Vec<ViewLink>,
    /// The list's query as a view stores it (the "Save view" form).
    view_query: String,
    /// The list's query for the forms that come back to it.
    back: String,
    view_form: ViewForm,
    bulk_form: BulkForm,
    /// Sellers' lists open on their own clients.
    is_seller: bool,
    /// "Clear filters": the list as it opens without a saved view (a default view, which the
    /// bare list opens with, may have filters of its own).
    clear_href: String,
    /// The bulk form's copy of the list's filters and order (the "all matching" choice).
    bulk_hidden: Vec<(String, String)>,
    /// The staff a bulk action may make the clients' seller.
    staff_choices: Vec<Choice>,
    /// Invitations to the reader's address, waiting for Accept or Decline.
    invitations: Vec<crate::views::PendingInvitation>,
}

impl ListPage {
    /// The list, where a declined invitation returns.
    fn here(&self) -> String {
        format!("/groups/{}/clients", self.group_id)
    }

    fn test_value(&self) -> &'static str {
        self.params.test.code()
    }

    /// A filter narrows the list (then "Clear filters" is offered beside them).
    fn filtered(&self) -> bool {
        let p = &self.params;
        let open_on = if self.is_seller { "me" } else { "all" };
        !p.q.trim().is_empty()
            || p.status.is_some()
            || p.deletion_requested
            || p.test.code() != "false"
            || p.seller.code() != open_on
    }

    fn saved_views(&self) -> impl Iterator<Item = &ViewLink> {
        self.views.iter().filter(|v| v.id.is_some())
    }

    fn has_saved_views(&self) -> bool {
        self.saved_views().next().is_some()
    }

    /// The view shown, as the views menu names it (a list no view matches: "Custom").
    fn current_view_name(&self) -> String {
        self.views
            .iter()
            .find(|v| v.current)
            .map_or_else(|| self.layout.t("views-custom"), |v| v.name.clone())
    }

    /// The columns left out for want of room, by their names.
    fn columns_left_names(&self) -> String {
        self.columns_left
            .iter()
            .map(|c| self.layout.t(c.label_key()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn bulk_actions(&self) -> &'static [(&'static str, &'static str)] {
        &BULK_ACTIONS
    }
}

/// The list's query, or the default list when the parser refuses it (a field given twice),
/// as an unknown value of a field gives that field's default.
pub(crate) fn or_default(query: Result<web::Query<ListQuery>, actix_web::Error>) -> ListQuery {
    query.map(web::Query::into_inner).unwrap_or_default()
}

/// The optional columns a reader sees: those the URL names (a saved view's, a shared
/// link's), else their own choice.
pub(crate) fn columns_for(params: &ListParams, user: &CurrentUser) -> Columns {
    params
        .columns
        .clone()
        .unwrap_or_else(|| Columns::stored(&user.effective().list_columns))
}

pub async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: Result<web::Query<ListQuery>, actix_web::Error>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    render(
        &ctx,
        &state,
        &user,
        scope,
        or_default(query),
        ListForms::default(),
    )
    .await
}

/// Draws the list for `query` (the bare list: the reader's default view), with its "Save
/// view" and bulk forms as given (200, or 422 when one holds an error).
pub(crate) async fn render(
    ctx: &PageContext,
    state: &AppState,
    user: &CurrentUser,
    scope: GroupScope,
    query: ListQuery,
    forms: ListForms,
) -> Result<HttpResponse, AppError> {
    let ListForms {
        view: view_form,
        bulk: bulk_form,
    } = forms;
    let gid = scope.group_id().0;
    let me = user.effective().id;
    let is_seller = scope.is_seller();
    let bare = query.is_bare();
    let s = scope.clone();
    let (saved, params, found) = db::run(&state.pool, move |c| {
        let saved = list_views::of_user(c, &s, me)?;
        let params = match saved.iter().find(|v| v.is_default) {
            Some(v) if bare => list_views::params_of(&v.query, is_seller),
            _ => ListParams::from_query(&query, is_seller),
        };
        let found = client_list::list(c, &s, &params, me)?;
        Ok::<_, AppError>((saved, params, found))
    })
    .await?;
    let columns = columns_for(&params, user);
    let (shown_columns, columns_left) = fit_columns(&columns);
    let base = format!("/groups/{gid}/clients");
    let mut sellers = vec![
        Choice {
            value: "all".into(),
            label: ctx.t("clients-filter-all-sellers"),
        },
        Choice {
            value: "me".into(),
            label: ctx.t("clients-filter-my-clients"),
        },
        Choice {
            value: "none".into(),
            label: ctx.t("clients-filter-no-seller"),
        },
    ];
    // The staff as options: the seller filter's, and the bulk form's seller to assign.
    let staff_choices = crate::views::clients::seller_choices(&found.staff, ctx.lang());
    sellers.extend(staff_choices.iter().cloned());
    let invitations = crate::web::home::pending_of(state, user).await?;
    let title = Msg::new("clients-page-title").with("group", scope.group_name());
    let layout = ctx.group_layout(&scope, "clients", title.in_lang(ctx.lang()))?;
    let ids: Vec<i64> = found.clients.iter().map(|c| c.id).collect();
    let pager = pager(&base, &params, found.total, found.placement, &ids);
    let caption = Msg::new(if pager.capped {
        "clients-caption-more"
    } else {
        "clients-caption"
    })
    .with("group", scope.group_name())
    .with("first", pager.first)
    .with("last", pager.last)
    .with("total", pager.total);
    let views = view_links(ctx, &base, &params, &saved, is_seller);
    let status = if view_form.errors.is_empty() && bulk_form.error.is_none() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let csv_params = ListParams {
        columns: Some(columns.clone()),
        ..params.at(1, Cursor::Start)
    };
    page_with_status(
        status,
        &ListPage {
            invitations: crate::views::pending_invitations(layout.lang, invitations),
            layout,
            group_id: gid,
            headers: headers(&base, &params, &shown_columns),
            pager,
            caption,
            statuses: ClientStatus::ALL.to_vec(),
            seller_value: params.seller.code(),
            csv_href: format!("/groups/{gid}/clients.csv?{}", csv_params.to_query()),
            group_name: scope.group_name().to_owned(),
            view_query: list_views::stored_query(&params, &columns),
            back: params.to_query(),
            column_choices: Column::ALL
                .into_iter()
                .map(|c| ColumnChoice {
                    code: c.code(),
                    label: c.label_key(),
                    shown: columns.shows(c),
                })
                .collect(),
            columns: shown_columns,
            columns_left,
            clear_href: format!(
                "{base}?{}",
                list_views::params_of(
                    if is_seller { "seller=me" } else { "seller=all" },
                    is_seller
                )
                .to_query()
            ),
            is_seller,
            bulk_hidden: url::form_urlencoded::parse(csv_params.to_query().as_bytes())
                .into_owned()
                .collect(),
            staff_choices,
            views,
            view_form,
            bulk_form,
            params,
            rows: {
                let now = crate::db::now();
                let mut rows = list_rows(
                    found.clients,
                    &found.owners,
                    &found.staff,
                    &found.services,
                    ctx.lang(),
                );
                for r in &mut rows {
                    r.enterable = found.enterable.contains(&r.id);
                    r.deletion_days = found
                        .deletion_due
                        .get(&r.id)
                        .map(|due| crate::services::deletion::days_left(*due, now));
                    r.word_the_status(ctx.lang());
                }
                rows
            },
            sellers,
            group_is_empty: found.group_is_empty,
        },
    )
}

/// The views beside the search box: "All clients", "My clients" (for sellers: the list they
/// open on), then the reader's saved views; the one shown is marked.
fn view_links(
    ctx: &PageContext,
    base: &str,
    shown: &ListParams,
    saved: &[ListView],
    is_seller: bool,
) -> Vec<ViewLink> {
    let here = shown.at(1, Cursor::Start).to_query();
    let link = |name: String, query: &str, id: Option<i64>, is_default: bool| {
        let p = list_views::params_of(query, is_seller).at(1, Cursor::Start);
        ViewLink {
            current: p.to_query() == here,
            href: format!("{base}?{}", p.to_query()),
            name,
            is_default,
            id,
        }
    };
    let mut out = vec![link(ctx.t("views-all-clients"), "seller=all", None, false)];
    if is_seller {
        out.push(link(ctx.t("views-my-clients"), "seller=me", None, false));
    }
    out.extend(
        saved
            .iter()
            .map(|v| link(v.name.clone(), &v.query, Some(v.id), v.is_default)),
    );
    out
}
