//! View-models of the client pages: sortable headers, the pager, list rows, form options,
//! and the add/edit form page.

use std::collections::HashMap;

use askama::Template;

use crate::i18n::{Lang, Msg};
use crate::input::FieldErrors;
use crate::models::account::{Account, ClientStatus};
use crate::models::membership::StaffMember;
use crate::services::client_list::{
    Column, Columns, Cursor, ListParams, OwnerSummary, PAGE_SIZE, Placement, SortKey, Total,
};
use crate::services::client_rules::{ClientInput, StaleField, explain_status, label_of};
use crate::services::client_services::ServiceSwitch;
use crate::views::Layout;

/// A column header: sortable ones link to their sort and say how the list is sorted.
pub struct HeaderCell {
    /// The catalogue key of the column's name.
    pub label: &'static str,
    pub href: Option<String>,
    /// `ascending` / `descending` on the sorted column only.
    pub aria_sort: Option<&'static str>,
    pub arrow: &'static str,
    /// The column's class (`col-name`, …): its width on one line, and what a phone's card
    /// keeps of it.
    pub class: &'static str,
}

/// The list's column headers: the fixed ones, then the optional `columns` in the list's
/// order, then the actions.
pub fn headers(base: &str, p: &ListParams, columns: &Columns) -> Vec<HeaderCell> {
    let sortable = |label: &'static str, key: SortKey, class: &'static str| {
        let sorted = p.sort == key;
        let mut next = p.clone();
        next.sort = key;
        next.desc = sorted && !p.desc;
        next.page = 1;
        next.cursor = Cursor::Start;
        HeaderCell {
            label,
            href: Some(format!("{base}?{}", next.to_query())),
            aria_sort: sorted.then_some(if p.desc { "descending" } else { "ascending" }),
            arrow: match (sorted, p.desc) {
                (true, false) => "▲",
                (true, true) => "▼",
                _ => "",
            },
            class,
        }
    };
    let plain = |label, class| HeaderCell {
        label,
        href: None,
        aria_sort: None,
        arrow: "",
        class,
    };
    // The ID, when chosen, comes first (the client's number before its name); the other
    // optional columns follow the fixed ones.
    let mut cells: Vec<HeaderCell> = columns
        .iter()
        .filter(|c| *c == Column::Id)
        .map(|c| plain(c.label_key(), column_class(c)))
        .collect();
    cells.extend([
        sortable("clients-col-name", SortKey::Name, "col-name"),
        sortable("clients-col-company", SortKey::Company, "col-company"),
        sortable("clients-col-status", SortKey::Status, "col-status"),
    ]);
    cells.extend(
        columns
            .iter()
            .filter(|c| *c != Column::Id)
            .map(|c| match c {
                Column::Seller => sortable(c.label_key(), SortKey::Seller, column_class(c)),
                Column::Created => sortable(c.label_key(), SortKey::Created, column_class(c)),
                _ => plain(c.label_key(), column_class(c)),
            }),
    );
    cells.push(plain("clients-col-actions", "col-actions"));
    cells
}

/// The class of an optional column's cells (its width, see `app.css`).
pub fn column_class(c: Column) -> &'static str {
    match c {
        Column::Id => "col-id",
        Column::CustomId => "col-custom-id",
        Column::UniqueIdentifier => "col-unique-identifier",
        Column::Country => "col-country",
        Column::City => "col-city",
        Column::Seller => "col-seller",
        Column::Owner => "col-owner",
        Column::Created => "col-created",
    }
}

/// The width an optional column takes on the list's one line, in pixels at the console's
/// 15 px type: the `col-*` widths of `app.css` (keep the two alike; the browser suite
/// checks that every row stays one line with its "Log in" on screen).
pub fn column_width(c: Column) -> u32 {
    match c {
        Column::Id => 64,
        Column::CustomId | Column::UniqueIdentifier => 130,
        Column::Country => 110,
        Column::City => 100,
        Column::Seller => 120,
        Column::Owner => 136,
        Column::Created => 112,
    }
}

/// What the optional columns may take at 1 280 px: the table's width there (about 990 px)
/// less the fixed columns (tick 40, company 110, status 140, actions 150) and the least
/// the name needs (180).
pub const OPTIONAL_COLUMNS_BUDGET: u32 = 370;

/// The chosen columns that fit the list's one line at 1 280 px, in the list's order, and
/// those left out for want of room (the page says which; the CSV keeps them all).
pub fn fit_columns(chosen: &Columns) -> (Columns, Vec<Column>) {
    let mut used = 0;
    let (mut shown, mut left) = (Vec::new(), Vec::new());
    for c in chosen.iter() {
        if used + column_width(c) <= OPTIONAL_COLUMNS_BUDGET {
            used += column_width(c);
            shown.push(c);
        } else {
            left.push(c);
        }
    }
    (Columns::of(shown), left)
}

/// The pager under the list: where the page sits, and links to the first, previous,
/// next and last pages, the numbered ones beside it included. Every link but "first" and
/// "last" seeks from a client of this page (see [`Cursor`]).
pub struct Pager {
    pub total: i64,
    /// The total is a floor ("1,000+"): a search counted no further.
    pub capped: bool,
    pub first: i64,
    pub last: i64,
    pub page: i64,
    /// None when the total is capped.
    pub pages: Option<i64>,
    pub first_link: Option<String>,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub last_link: Option<String>,
    /// The numbers shown: 1 … N−1 N N+1 … last (None = a gap).
    pub numbers: Vec<Option<PageNumber>>,
}

pub struct PageNumber {
    pub page: i64,
    /// None for the page shown.
    pub href: Option<String>,
}

/// The pager of a page showing the clients `ids`.
pub fn pager(base: &str, p: &ListParams, total: Total, placement: Placement, ids: &[i64]) -> Pager {
    let rows = ids.len() as i64;
    let page = placement.page;
    let link = |q: ListParams| format!("{base}?{}", q.to_query());
    let first = if rows == 0 {
        0
    } else {
        (page - 1) * PAGE_SIZE + 1
    };
    let last = if rows == 0 { 0 } else { first + rows - 1 };
    let pages = match total {
        Total::Exact(n) => Some(((n + PAGE_SIZE - 1) / PAGE_SIZE).max(page).max(1)),
        Total::AtLeast(_) => None,
    };
    let has_next = placement.has_next;
    let prev = match ids.first() {
        Some(id) if page > 2 => Some(link(p.at(page - 1, Cursor::Before(*id)))),
        _ if page > 1 => Some(link(p.at(1, Cursor::Start))),
        _ => None,
    };
    let next = match ids.last() {
        Some(id) if has_next => Some(link(p.at(page + 1, Cursor::After(*id)))),
        _ => None,
    };
    let first_link = (page > 1).then(|| link(p.at(1, Cursor::Start)));
    let last_link = match pages {
        Some(n) if has_next && n > page => Some(link(p.at(n, Cursor::End))),
        _ => None,
    };
    let mut numbers = Vec::new();
    let number = |n: i64, href: &Option<String>| {
        Some(PageNumber {
            page: n,
            href: href.clone(),
        })
    };
    if page > 1 {
        numbers.push(number(1, &first_link));
        if page > 3 {
            numbers.push(None);
        }
        if page > 2 {
            numbers.push(number(page - 1, &prev));
        }
    }
    numbers.push(number(page, &None));
    if has_next {
        numbers.push(number(page + 1, &next));
        match pages {
            Some(n) if n > page + 1 => {
                if n > page + 2 {
                    numbers.push(None);
                }
                numbers.push(number(n, &last_link));
            }
            Some(_) => {}
            None => numbers.push(None),
        }
    }
    Pager {
        total: total.shown(),
        capped: total.is_capped(),
        first,
        last,
        page,
        pages,
        first_link,
        prev,
        next,
        last_link,
        numbers,
    }
}

/// A pending owner's "expires in N days" turns amber in the link's last three days (after
/// the day-11 reminder).
pub const EXPIRING_SOON_DAYS: i64 = 3;

/// What the owner column says.
pub struct OwnerCell {
    pub email: Option<String>,
    /// Their name ('' when unknown: the list shows the address instead).
    pub name: String,
    /// Days left to activate, when pending.
    pub pending_days: Option<i64>,
}

impl OwnerCell {
    /// What the list's one line shows: the name, else the address.
    pub fn shown(&self) -> &str {
        match &self.email {
            Some(e) if self.name.is_empty() => e,
            _ => &self.name,
        }
    }

    /// "owner pending, expires in N days" for a pending owner.
    pub fn pending_note(&self) -> Option<Msg> {
        self.pending_days
            .map(|d| Msg::new("owner-pending-days").with("days", d))
    }

    /// In the last days of the link ([`EXPIRING_SOON_DAYS`]): the note turns amber (its
    /// words say the days left, so colour is not the only sign).
    pub fn expiring_soon(&self) -> bool {
        self.pending_days.is_some_and(|d| d <= EXPIRING_SOON_DAYS)
    }

    /// The cell as one line of text (the CSV), in a language.
    pub fn describe(&self, lang: Lang) -> String {
        match (&self.email, self.pending_note()) {
            (None, _) => crate::i18n::t(lang, "owner-none"),
            (Some(e), None) => e.clone(),
            (Some(e), Some(note)) => format!("{e} — {}", note.in_lang(lang)),
        }
    }
}

/// A client's status as a compact pill: a word on one line, its explanation ("2 services
/// active", "Deletion requested — 12 days left") on hover and, hidden from sight, in the
/// words a screen reader reads with it.
pub struct StatusPill {
    /// What the badge's class ends with (`badge-active`, `badge-deletion`, …).
    pub code: &'static str,
    /// The catalogue key of the word on the pill.
    pub label: &'static str,
    pub explanation: Option<Msg>,
}

impl StatusPill {
    /// The pill of a client with this status and explanation; an open deletion request
    /// (`deletion_days`: days left) says so instead, whatever its services say, since that
    /// is what happens to the client next.
    pub fn of(status: ClientStatus, detail: Option<Msg>, deletion_days: Option<i64>) -> Self {
        match deletion_days {
            Some(days) if status != ClientStatus::Deleted => StatusPill {
                code: "deletion",
                label: "status-deletion-requested",
                explanation: Some(Msg::new("status-deletion-days").with("days", days)),
            },
            _ => StatusPill {
                code: status.code(),
                label: status.label_key(),
                explanation: detail,
            },
        }
    }

    /// The pill on a client's tabs.
    pub fn of_facts(f: &crate::services::clients::StatusFacts) -> Self {
        let now = crate::db::now();
        StatusPill::of(
            f.status,
            explain_status(f.status, &f.services),
            f.deletion_due
                .map(|due| crate::services::deletion::days_left(due, now)),
        )
    }
}

pub struct ListRow {
    pub id: i64,
    /// What the status badge says after the status ("2 services active").
    pub detail: Option<Msg>,
    pub name: String,
    pub company: String,
    pub status: ClientStatus,
    pub active: bool,
    pub test_account: bool,
    pub seller: String,
    pub owner: OwnerCell,
    /// The creation date as the reader's language writes it…
    pub created: String,
    /// …and as spreadsheets read it (`2026-11-25`, the CSV).
    pub created_iso: String,
    /// Days left before an open deletion request deletes the client.
    pub deletion_days: Option<i64>,
    /// An owner or admin can sign in: support access has someone to open as.
    pub enterable: bool,
    /// The status pill's word and its explanation (" — 2 services active"), in the
    /// reader's language, formatted once per row (see [`ListRow::word_the_status`]).
    pub status_code: &'static str,
    pub status_word: String,
    pub status_more: String,
    /// "Name in your system" ('' when none).
    pub custom_id: String,
    pub unique_identifier: String,
    /// ISO 3166-1 alpha-2 (the CSV)…
    pub country_code: String,
    /// …and the country's name (the page).
    pub country: String,
    pub city: String,
}

/// What a row's "Log in" (support access) is: a button, or a disabled one with the reason.
pub enum LogIn {
    Offered,
    /// The catalogue key of why nobody can be signed in as (deleted, disabled, nobody who
    /// can sign in yet). The rest (rights, "not while signed in as a client") is checked
    /// when it is pressed.
    Unavailable(&'static str),
}

impl ListRow {
    /// The row's status pill (after [`ListRow::deletion_days`] is known).
    pub fn pill(&self) -> StatusPill {
        StatusPill::of(self.status, self.detail.clone(), self.deletion_days)
    }

    /// Puts the pill's words in `lang` once (the page shows them twice: on the pill and in
    /// its `title`).
    pub fn word_the_status(&mut self, lang: Lang) {
        let pill = self.pill();
        self.status_code = pill.code;
        self.status_word = crate::i18n::t(lang, pill.label);
        self.status_more = pill
            .explanation
            .map(|e| format!(" — {}", e.in_lang(lang)))
            .unwrap_or_default();
    }

    /// The row's "Log in": offered, or disabled with the reason.
    pub fn log_in(&self) -> LogIn {
        if self.status == ClientStatus::Deleted {
            LogIn::Unavailable("impersonation-refused-deleted")
        } else if !self.active {
            LogIn::Unavailable("impersonation-refused-disabled")
        } else if !self.enterable {
            LogIn::Unavailable("impersonation-refused-no-user")
        } else {
            LogIn::Offered
        }
    }

    /// A deleted client keeps its record, read-only: no new owner is invited to it.
    pub fn is_deleted(&self) -> bool {
        self.status == ClientStatus::Deleted
    }

    /// The full words of the row's "Invite" link (no owner), for screen readers.
    pub fn invite_owner_label(&self) -> Msg {
        Msg::new("owner-none-invite-label").with("client", self.name.clone())
    }

    pub fn new(a: Account, staff: &[StaffMember], owner: OwnerCell, lang: Lang) -> Self {
        ListRow {
            id: a.id,
            detail: None,
            status: ClientStatus::parse(&a.status).unwrap_or(ClientStatus::Preparation),
            active: a.active,
            test_account: a.test_account,
            seller: a
                .seller_id
                .and_then(|id| staff.iter().find(|s| s.user_id == id))
                .map(StaffMember::display_name)
                .unwrap_or_default(),
            owner,
            created: crate::i18n::format_date(lang, a.created_at.date()),
            created_iso: a.created_at.format("%Y-%m-%d").to_string(),
            country: crate::i18n::country_name(lang, &a.country)
                .map_or_else(|| a.country.clone(), str::to_owned),
            country_code: a.country,
            city: a.city,
            custom_id: a.custom_id.unwrap_or_default(),
            unique_identifier: a.unique_identifier.unwrap_or_default(),
            name: a.name,
            company: a.company_name,
            deletion_days: None,
            enterable: false,
            status_code: "",
            status_word: String::new(),
            status_more: String::new(),
        }
    }
}

/// The owner cell of a client (None: no owner).
pub fn owner_cell(owner: Option<&OwnerSummary>) -> OwnerCell {
    OwnerCell {
        email: owner.map(|o| o.email.clone()),
        name: owner.map(|o| o.name.clone()).unwrap_or_default(),
        pending_days: owner.and_then(|o| o.pending_days),
    }
}

/// The rows of a list page (or of a CSV chunk).
pub fn list_rows(
    clients: Vec<Account>,
    owners: &HashMap<i64, OwnerSummary>,
    staff: &[StaffMember],
    services: &HashMap<i64, Vec<(String, String)>>,
    lang: Lang,
) -> Vec<ListRow> {
    clients
        .into_iter()
        .map(|a| {
            let owner = owner_cell(owners.get(&a.id));
            let mut row = ListRow::new(a, staff, owner, lang);
            let used = services.get(&row.id).map_or(&[][..], Vec::as_slice);
            row.detail = explain_status(row.status, used);
            row
        })
        .collect()
}

/// An option of a select.
#[derive(Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The countries by their CLDR names in the reader's language, in that language's order.
pub fn country_choices(lang: Lang) -> Vec<Choice> {
    crate::i18n::countries_in(lang)
        .iter()
        .map(|&(code, name)| Choice {
            value: code.to_owned(),
            label: name.to_owned(),
        })
        .collect()
}

/// The languages, each by its own name.
pub fn language_choices() -> Vec<Choice> {
    Lang::ALL
        .iter()
        .map(|l| Choice {
            value: l.code().to_owned(),
            label: l.native_name().to_owned(),
        })
        .collect()
}

/// The staff as options, by name; the address is added only where two share a name (a
/// select shows one short line, and a name cut at its bracket read as a typo).
pub fn seller_choices(staff: &[StaffMember], lang: Lang) -> Vec<Choice> {
    let names: Vec<String> = staff.iter().map(StaffMember::display_name).collect();
    let mut choices: Vec<Choice> = staff
        .iter()
        .zip(&names)
        .map(|(s, name)| Choice {
            value: s.user_id.to_string(),
            label: if names.iter().filter(|n| *n == name).count() > 1 {
                format!("{name} ({})", s.email)
            } else {
                name.clone()
            },
        })
        .collect();
    crate::i18n::sort_by_locale(lang, &mut choices, |c| &c.label);
    choices
}

/// The add and edit forms (one template, sections as SPEC §2 groups them).
#[derive(Template)]
#[template(path = "clients/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub group_id: i64,
    /// None on "Add client".
    pub client_id: Option<i64>,
    pub form: ClientInput,
    pub errors: FieldErrors,
    pub sellers: Vec<Choice>,
    pub countries: Vec<Choice>,
    pub languages: Vec<Choice>,
    pub status: Option<ClientStatus>,
    /// The status pill above the tabs (None on "Add client").
    pub pill: Option<StatusPill>,
    /// An owner or admin can sign in: "Log in" has someone to open as (else it is shown
    /// disabled, with the reason).
    pub enterable: bool,
    pub owner: Option<OwnerCell>,
    pub stale: Vec<StaleField>,
    /// The Add client form's service switches (empty on the edit tab: the Services tab
    /// has them), and the codes they were preset to, carried through the form.
    pub services: Vec<ServiceSwitch>,
    pub services_preset: String,
}

impl FormPage {
    pub fn new(
        layout: Layout,
        group_id: i64,
        client_id: Option<i64>,
        form: ClientInput,
        staff: &[StaffMember],
    ) -> Self {
        let lang = layout.lang;
        FormPage {
            layout,
            group_id,
            client_id,
            form,
            errors: FieldErrors::default(),
            sellers: seller_choices(staff, lang),
            countries: country_choices(lang),
            languages: language_choices(),
            status: None,
            pill: None,
            enterable: false,
            owner: None,
            stale: Vec::new(),
            services: Vec::new(),
            services_preset: String::new(),
        }
    }

    /// The Edit client tab offers "Log in" (support access) to a client that is neither
    /// disabled nor deleted; the rest is checked when it is pressed.
    pub fn may_log_in(&self) -> bool {
        matches!(self.status, Some(s) if s != ClientStatus::Disabled && s != ClientStatus::Deleted)
    }

    /// A deleted client: its record is shown, read-only.
    pub fn is_deleted(&self) -> bool {
        self.status == Some(ClientStatus::Deleted)
    }

    pub fn is_new(&self) -> bool {
        self.client_id.is_none()
    }

    /// The errors of a form shown empty ("Invite a new owner" on the Edit tab: its
    /// messages are shown on its own page).
    pub fn no_errors() -> FieldErrors {
        FieldErrors::default()
    }

    pub fn action(&self) -> String {
        match self.client_id {
            Some(cid) => format!("/groups/{}/clients/{cid}", self.group_id),
            None => format!("/groups/{}/clients", self.group_id),
        }
    }

    /// A stored value as a person reads it: a seller, language or country by its name,
    /// a checkbox as yes/no (the stale-save table).
    pub fn shown(&self, layout: &Layout, name: &str, value: &str) -> String {
        let named = |choices: &[Choice]| {
            choices
                .iter()
                .find(|c| c.value == value)
                .map_or_else(|| value.to_owned(), |c| c.label.clone())
        };
        match name {
            "active" | "test_account" => layout.t(if value == "on" { "yes" } else { "no" }),
            "seller_id" if value.is_empty() => layout.t("client-no-seller"),
            "seller_id" => named(&self.sellers),
            "language" => named(&self.languages),
            "country" => named(&self.countries),
            _ => value.to_owned(),
        }
    }

    /// A client field's label, from the one table of client fields.
    pub fn label(name: &str) -> &'static str {
        label_of(name)
    }

    pub fn checked(v: &Option<String>) -> bool {
        v.is_some()
    }

    pub fn owner_pending(&self) -> bool {
        self.owner
            .as_ref()
            .is_some_and(|o| o.pending_days.is_some())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_columns_fit_one_line_and_more_are_left_out_in_order() {
        use crate::services::client_list::{Column, Columns};
        let (shown, left) = super::fit_columns(&Columns::default());
        assert_eq!(shown, Columns::default());
        assert!(left.is_empty());
        let (shown, left) = super::fit_columns(&Columns::of(Column::ALL));
        // The list's order wins: the first that fit are shown, the rest named.
        assert_eq!(
            shown,
            Columns::of([Column::Id, Column::CustomId, Column::UniqueIdentifier])
        );
        assert_eq!(
            left,
            [
                Column::Country,
                Column::City,
                Column::Seller,
                Column::Owner,
                Column::Created
            ]
        );
        // A small column after a big one still fits when there is room for it.
        let (shown, left) = super::fit_columns(&Columns::of([
            Column::Country,
            Column::Owner,
            Column::Created,
        ]));
        assert_eq!(left, []);
        assert!(shown.shows(Column::Created));
    }

    use super::*;
    use crate::services::client_list::ListQuery;

    #[test]
    fn only_the_sorted_header_has_aria_sort_and_an_arrow() {
        let p = ListParams::from_query(
            &ListQuery {
                sort: Some("company".into()),
                ..Default::default()
            },
            false,
        );
        let h = headers("/groups/1/clients", &p, &Columns::default());
        let company = h.iter().find(|c| c.label == "clients-col-company").unwrap();
        assert_eq!((company.aria_sort, company.arrow), (Some("ascending"), "▲"));
        assert!(
            company
                .href
                .as_ref()
                .unwrap()
                .contains("sort=company&dir=desc")
        );
        let name = h.iter().find(|c| c.label == "clients-col-name").unwrap();
        assert_eq!((name.aria_sort, name.arrow), (None, ""));
        assert!(name.href.as_ref().unwrap().contains("sort=name&dir=asc"));
        assert!(
            h.iter()
                .find(|c| c.label == "clients-col-owner")
                .unwrap()
                .href
                .is_none()
        );
    }

    #[test]
    fn the_pager_counts_and_links() {
        let p = ListParams::from_query(&ListQuery::default(), false);
        let at = |page, has_next| Placement { page, has_next };
        let ids: Vec<i64> = (101..=150).collect();
        // Page 3 of 5: every link, the neighbours seeking from this page's clients.
        let pg = pager(
            "/x",
            &p.at(3, Cursor::After(7)),
            Total::Exact(240),
            at(3, true),
            &ids,
        );
        assert_eq!((pg.first, pg.last, pg.pages), (101, 150, Some(5)));
        assert!(pg.prev.as_ref().unwrap().contains("page=2&before=101"));
        assert!(pg.next.as_ref().unwrap().contains("page=4&after=150"));
        assert!(pg.first_link.as_ref().unwrap().ends_with("test=false"));
        assert!(pg.last_link.as_ref().unwrap().contains("page=last"));
        let shown: Vec<Option<i64>> = pg
            .numbers
            .iter()
            .map(|n| n.as_ref().map(|n| n.page))
            .collect();
        assert_eq!(shown, [Some(1), Some(2), Some(3), Some(4), Some(5)]);
        // Page 2: "previous" is the top of the list.
        let pg = pager("/x", &p, Total::Exact(240), at(2, true), &ids);
        assert!(pg.prev.unwrap().ends_with("test=false"));
        // A capped total: no last page, a gap after the next one.
        let pg = pager("/x", &p, Total::AtLeast(1000), at(1, true), &ids);
        assert_eq!(
            (pg.pages, pg.capped, pg.last_link.is_none()),
            (None, true, true)
        );
        assert!(pg.numbers.last().unwrap().is_none());
        // The last page and an empty list.
        let pg = pager("/x", &p, Total::Exact(240), at(5, false), &ids[..40]);
        assert_eq!((pg.first, pg.last), (201, 240));
        assert!(pg.next.is_none() && pg.last_link.is_none());
        let empty = pager("/x", &p, Total::Exact(0), at(1, false), &[]);
        assert_eq!((empty.first, empty.last, empty.pages), (0, 0, Some(1)));
        assert!(empty.prev.is_none() && empty.next.is_none());
    }

    #[test]
    fn owner_cells_say_pending_and_days() {
        assert_eq!(owner_cell(None).describe(Lang::En), "no owner");
        let pending = OwnerSummary {
            email: "a@b.c".into(),
            name: "Ana Lima".into(),
            pending_days: Some(14),
        };
        assert_eq!(
            owner_cell(Some(&pending)).describe(Lang::En),
            "a@b.c — owner pending, expires in 14 days"
        );
        let active = OwnerSummary {
            pending_days: None,
            ..pending.clone()
        };
        assert_eq!(owner_cell(Some(&active)).describe(Lang::PtBr), "a@b.c");
        assert_eq!(
            owner_cell(Some(&pending)).describe(Lang::PtBr),
            "a@b.c — proprietário pendente, expira em 14 dias"
        );
    }
}
