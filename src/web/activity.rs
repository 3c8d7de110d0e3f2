//! The audit views: a client's "History" tab (`/groups/{gid}/clients/{cid}/history`, every
//! staff member of the group) and the group's "Activity" (`/groups/{gid}/activity`, owners
//! and admins). Filters: client (Activity only), person, action, date range; 50 a page,
//! newest first; "A (as B)" for what a staff member did signed in as a client's user; each
//! change as its field's label with the old → new value.

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use crate::auth::impersonation::Ending;
use crate::auth::rights::Action;
use crate::auth::scope::console_client_scope;
use crate::db::{self, ids::ClientId, ids::GroupId};
use crate::error::AppError;
use crate::i18n::{Lang, Msg, t};
use crate::services::activity::{self, ACTIONS, Entry, Filters};
use crate::services::client_rules::label_of;
use crate::views::{Layout, service_status_key};
use crate::web::context::PageContext;
use crate::web::identity::CurrentUser;
use crate::web::reply::page;
use crate::web::state::AppState;

/// The query string as sent; anything unreadable is left out.
#[derive(Debug, Default, Deserialize)]
pub struct ActivityQuery {
    client: Option<String>,
    person: Option<String>,
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
}

/// What the query means, and which of its fields could not be read.
fn understand(q: &ActivityQuery) -> (Filters, Vec<&'static str>) {
    let text = |v: &Option<String>| -> String {
        v.as_deref()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect::<String>()
            .trim()
            .to_owned()
    };
    let mut unreadable = Vec::new();
    let mut date = |field: &'static str, v: &Option<String>| -> Option<NaiveDate> {
        let s = v.as_deref().unwrap_or("").trim();
        if s.is_empty() {
            return None;
        }
        let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        if d.is_none() {
            unreadable.push(field);
        }
        d
    };
    let from = date("from", &q.from);
    let to = date("to", &q.to);
    let action = text(&q.action);
    let filters = Filters {
        client: text(&q.client),
        person: text(&q.person),
        action: if ACTIONS.iter().any(|(c, _)| *c == action) {
            action
        } else {
            String::new()
        },
        from,
        to,
        page: q
            .page
            .as_deref()
            .and_then(|p| p.trim().parse::<i64>().ok())
            .filter(|p| (1..=100_000).contains(p))
            .unwrap_or(1),
    };
    (filters, unreadable)
}

/// The filters as a query string (for the pager), without the page.
fn query_of(f: &Filters, with_client: bool) -> String {
    let mut pairs = Vec::new();
    let mut push = |k: &str, v: &str| {
        if !v.is_empty() {
            pairs.push(format!("{k}={}", crate::web::request::urlencode(v)));
        }
    };
    if with_client {
        push("client", &f.client);
    }
    push("person", &f.person);
    push("action", &f.action);
    push("from", &f.from.map(|d| d.to_string()).unwrap_or_default());
    push("to", &f.to.map(|d| d.to_string()).unwrap_or_default());
    pairs.join("&")
}

/// One changed field, as shown: "label: old → new", or "label: new" when nothing was
/// recorded before (a fact set once: a reason, how support access ended).
pub struct ChangeRow {
    pub label: String,
    pub old: Option<String>,
    pub new: String,
}

/// One event, as shown.
pub struct EventRow {
    pub when: String,
    pub who: String,
    pub as_whom: Option<String>,
    pub client: Option<(i64, String)>,
    pub action: String,
    pub changes: Vec<ChangeRow>,
    pub ip: String,
}

/// A field's label in a language: the client form's labels, then the others the log
/// records; a field nobody named is shown by its name.
fn field_label(lang: Lang, field: &str) -> String {
    if let Some(code) = field.strip_prefix("status.") {
        return Msg::new("audit-field-status")
            .with("service", code)
            .in_lang(lang);
    }
    if let Some(code) = field.strip_prefix("visible.") {
        return Msg::new("audit-field-visible")
            .with("service", code)
            .in_lang(lang);
    }
    let client_label = label_of(field);
    if !client_label.is_empty() {
        return t(lang, client_label);
    }
    let key = match field {
        "first_name" => "field-first-name",
        "last_name" => "field-last-name",
        "email" => "field-email",
        "permissions" => "people-permissions",
        "notification_emails" => "settings-recipients",
        "deletion_notifications" => "settings-notify",
        "language" => "audit-field-language",
        "role" => "audit-field-role",
        "owner" => "audit-field-owner",
        "user" => "audit-field-user",
        "as_user" => "audit-field-as-user",
        "reason" => "audit-field-reason",
        "ended_by" => "audit-field-ended-by",
        "services_customised" => "audit-field-services-customised",
        "name" => "audit-field-name",
        "code" => "audit-field-code",
        "kind" => "audit-field-kind",
        "due" => "audit-field-due",
        "note" => "audit-field-note",
        "users" => "audit-field-users",
        "invitations" => "audit-field-invitations",
        "attempt" => "audit-field-attempt",
        "status" => "audit-field-client-status",
        _ => return field.to_owned(),
    };
    t(lang, key)
}

/// A recorded value in a language: names for codes (statuses, roles, languages, how
/// support access ended), yes/no for switches, "—" for nothing.
fn value_text(lang: Lang, field: &str, v: &Value) -> String {
    match v {
        Value::Null => "—".to_owned(),
        Value::Bool(b) => t(lang, if *b { "yes" } else { "no" }),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .map(|i| value_text(lang, field, i))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(_) => v.to_string(),
        Value::String(s) if s.is_empty() => "—".to_owned(),
        Value::String(s) => {
            if field == "status" {
                crate::models::account::ClientStatus::parse(s)
                    .map_or_else(|| s.clone(), |st| t(lang, st.label_key()))
            } else if field.starts_with("status.") {
                t(lang, service_status_key(s))
            } else if field == "role" {
                t(lang, crate::views::role_key(s))
            } else if field == "language" {
                Lang::parse(s).map_or_else(|| s.clone(), |l| l.native_name().to_owned())
            } else if field == "ended_by" {
                Ending::parse(s).map_or_else(|| s.clone(), |e| t(lang, e.label_key()))
            } else {
                s.clone()
            }
        }
    }
}

fn show_entry(lang: Lang, e: Entry) -> EventRow {
    EventRow {
        when: crate::i18n::format_datetime(lang, e.at),
        who: match e.who.as_str() {
            "scheduler" => t(lang, "audit-by-scheduler"),
            "command line" => t(lang, "audit-by-command-line"),
            _ => e.who,
        },
        as_whom: e.as_whom,
        client: e.client,
        action: activity::action_label(&e.action).map_or(e.action.clone(), |k| t(lang, k)),
        changes: e
            .changes
            .iter()
            .map(|(field, old, new)| ChangeRow {
                label: field_label(lang, field),
                old: (!old.is_null()).then(|| value_text(lang, field, old)),
                new: value_text(lang, field, new),
            })
            .collect(),
        ip: e.ip.unwrap_or_default(),
    }
}

/// The filter form's action choices: (code, name).
fn action_choices(lang: Lang) -> Vec<(&'static str, String)> {
    ACTIONS.iter().map(|(c, k)| (*c, t(lang, k))).collect()
}

#[derive(Template)]
#[template(path = "audit/events.html")]
struct EventsPage {
    layout: Layout,
    group_id: i64,
    /// The client's History tab (None: the group's Activity).
    client: Option<(i64, String)>,
    /// The client's status pill, above its tabs.
    pill: Option<crate::views::clients::StatusPill>,
    filters: Filters,
    unreadable: Vec<&'static str>,
    actions: Vec<(&'static str, String)>,
    rows: Vec<EventRow>,
    prev: Option<String>,
    next: Option<String>,
    /// Any filter set (the empty state says "nothing matches" rather than "nothing yet").
    filtered: bool,
}

impl EventsPage {
    fn since_value(&self) -> String {
        self.filters.from.map(|d| d.to_string()).unwrap_or_default()
    }

    fn until_value(&self) -> String {
        self.filters.to.map(|d| d.to_string()).unwrap_or_default()
    }

    fn is_unreadable(&self, field: &str) -> bool {
        self.unreadable.contains(&field)
    }

    fn base(&self) -> String {
        match &self.client {
            Some((cid, _)) => format!("/groups/{}/clients/{cid}/history", self.group_id),
            None => format!("/groups/{}/activity", self.group_id),
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn render(
    ctx: &PageContext,
    state: &AppState,
    layout: Layout,
    group_id: i64,
    client: Option<(i64, String)>,
    filters: Filters,
    unreadable: Vec<&'static str>,
) -> Result<HttpResponse, AppError> {
    let (f, cid) = (filters.clone(), client.as_ref().map(|c| c.0));
    let (found, facts) = db::run(&state.pool, move |c| {
        let found = activity::events(c, group_id, cid, &f)?;
        let facts = match cid {
            Some(id) => Some(crate::services::clients::status_facts(
                c,
                crate::db::ids::ClientId(id),
            )?),
            None => None,
        };
        Ok::<_, AppError>((found, facts))
    })
    .await?;
    let lang = ctx.lang();
    let base = match &client {
        Some((cid, _)) => format!("/groups/{group_id}/clients/{cid}/history"),
        None => format!("/groups/{group_id}/activity"),
    };
    let query = query_of(&filters, client.is_none());
    let link = |page: i64| {
        let sep = if query.is_empty() { "" } else { "&" };
        format!("{base}?{query}{sep}page={page}")
    };
    let page_no = filters.page;
    page(&EventsPage {
        pill: facts
            .as_ref()
            .map(crate::views::clients::StatusPill::of_facts),
        layout,
        group_id,
        filtered: filters
            != Filters {
                page: filters.page,
                ..Filters::default()
            },
        prev: (page_no > 1).then(|| link(page_no - 1)),
        next: found.has_next.then(|| link(page_no + 1)),
        rows: found
            .entries
            .into_iter()
            .map(|e| show_entry(lang, e))
            .collect(),
        client,
        filters,
        unreadable,
        actions: action_choices(lang),
    })
}

/// `GET /groups/{gid}/clients/{cid}/history`.
pub async fn client_history(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    query: web::Query<ActivityQuery>,
) -> Result<HttpResponse, AppError> {
    let (gid, cid) = path.into_inner();
    let memberships = user.memberships().clone();
    let scope = db::run(&state.pool, move |c| {
        console_client_scope(c, &memberships, GroupId(gid), ClientId(cid))
    })
    .await?;
    if !scope.group().may(Action::SeeClientHistory) {
        return Err(AppError::NotFound);
    }
    let (filters, unreadable) = understand(&query);
    let title = Msg::new("history-title")
        .with("client", scope.client_name())
        .in_lang(ctx.lang());
    let layout = ctx.group_layout(scope.group(), "clients", title)?;
    let client = Some((cid, scope.client_name().to_owned()));
    render(&ctx, &state, layout, gid, client, filters, unreadable).await
}

/// `GET /groups/{gid}/activity`.
pub async fn group_activity(
    ctx: PageContext,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<ActivityQuery>,
) -> Result<HttpResponse, AppError> {
    let scope = user.group_scope(GroupId(path.into_inner()))?;
    if !scope.may(Action::SeeGroupActivity) {
        return Err(AppError::NotFound);
    }
    let (filters, unreadable) = understand(&query);
    let layout = ctx.group_layout(&scope, "activity", ctx.t("activity-title"))?;
    render(
        &ctx,
        &state,
        layout,
        scope.group_id().0,
        None,
        filters,
        unreadable,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> ActivityQuery {
        let mut a = ActivityQuery::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "client" => a.client = v,
                "person" => a.person = v,
                "action" => a.action = v,
                "from" => a.from = v,
                "to" => a.to = v,
                "page" => a.page = v,
                _ => {}
            }
        }
        a
    }

    #[test]
    fn unreadable_filters_are_left_out_and_named() {
        let (f, bad) = understand(&q(&[
            ("from", "2026-13-01"),
            ("to", "2026-12-03"),
            ("action", "drop table"),
            ("page", "-4"),
            ("person", "  ann@\u{0}example.com "),
        ]));
        assert_eq!(bad, vec!["from"]);
        assert_eq!(f.from, None);
        assert_eq!(f.to, NaiveDate::from_ymd_opt(2026, 12, 3));
        assert_eq!(f.action, "");
        assert_eq!(f.page, 1);
        assert_eq!(f.person, "ann@example.com");
        let (f, bad) = understand(&q(&[("action", "client.updated"), ("page", "3")]));
        assert!(bad.is_empty());
        assert_eq!((f.action.as_str(), f.page), ("client.updated", 3));
        assert_eq!(query_of(&f, true), "action=client.updated");
    }

    #[test]
    fn fields_and_values_read_as_people_say_them() {
        assert_eq!(field_label(Lang::En, "first_name"), "First name");
        assert_eq!(field_label(Lang::En, "mystery"), "mystery");
        assert_eq!(value_text(Lang::En, "x", &Value::Null), "—");
        assert_eq!(value_text(Lang::En, "x", &Value::Bool(true)), "Yes");
        assert_eq!(
            value_text(Lang::En, "role", &Value::from("admin")),
            t(Lang::En, "role-admin")
        );
        assert_eq!(
            value_text(Lang::En, "ended_by", &Value::from("idle")),
            t(Lang::En, "impersonation-ended-idle")
        );
    }
}
