//! The client list of the group console: filters, search, sort and paging (SPEC §3), the
//! same for the page and for the CSV export. Parameters come from the URL and are read
//! leniently: an unknown value falls back to the default rather than failing the page.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;

use crate::auth::scope::GroupScope;
use crate::db::row_value::{RowCompare, Value, row_compare};
use crate::db::schema::{accounts, deletion_requests};
use crate::db::{DbConn, MultiBackend};
use crate::error::AppError;
use crate::models::account::{Account, ClientStatus, KIND_CLIENT};
use crate::models::client_count::ClientCount;
use crate::models::membership::StaffMember;

pub const PAGE_SIZE: i64 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Company,
    Status,
    Created,
    Seller,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Name,
        SortKey::Company,
        SortKey::Status,
        SortKey::Created,
        SortKey::Seller,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Company => "company",
            SortKey::Status => "status",
            SortKey::Created => "created",
            SortKey::Seller => "seller",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SellerFilter {
    All,
    Me,
    Nobody,
    User(i64),
}

impl SellerFilter {
    pub fn code(self) -> String {
        match self {
            SellerFilter::All => "all".into(),
            SellerFilter::Me => "me".into(),
            SellerFilter::Nobody => "none".into(),
            SellerFilter::User(id) => id.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestFilter {
    /// Test accounts hidden (the default).
    Hide,
    Only,
    All,
}

impl TestFilter {
    pub fn code(self) -> &'static str {
        match self {
            TestFilter::Hide => "false",
            TestFilter::Only => "true",
            TestFilter::All => "all",
        }
    }
}

/// The query string as sent.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub sort: Option<String>,
    pub dir: Option<String>,
    pub q: Option<String>,
    pub status: Option<String>,
    pub seller: Option<String>,
    pub test: Option<String>,
    pub page: Option<String>,
    /// `requested`: only clients with an open deletion request.
    pub deletion: Option<String>,
    /// The page after this client (the pager's "next" link).
    pub after: Option<String>,
    /// The page before this client (the pager's "previous" link).
    pub before: Option<String>,
    /// The optional columns shown (a saved view's, or a shared link's): codes separated by
    /// commas, `none` for none; absent, the reader's own choice.
    pub cols: Option<String>,
}

impl ListQuery {
    /// No parameter at all: the bare list, which opens on the reader's default view.
    pub fn is_bare(&self) -> bool {
        let ListQuery {
            sort,
            dir,
            q,
            status,
            seller,
            test,
            page,
            deletion,
            after,
            before,
            cols,
        } = self;
        [
            sort, dir, q, status, seller, test, page, deletion, after, before, cols,
        ]
        .iter()
        .all(|v| v.is_none())
    }

    /// Reads a stored query string (a saved view's) leniently, as the list reads its URL.
    pub fn parse(query: &str) -> ListQuery {
        let mut l = ListQuery::default();
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()).into_owned() {
            let slot = match k.as_str() {
                "sort" => &mut l.sort,
                "dir" => &mut l.dir,
                "q" => &mut l.q,
                "status" => &mut l.status,
                "seller" => &mut l.seller,
                "test" => &mut l.test,
                "page" => &mut l.page,
                "deletion" => &mut l.deletion,
                "after" => &mut l.after,
                "before" => &mut l.before,
                "cols" => &mut l.cols,
                _ => continue,
            };
            *slot = Some(v);
        }
        l
    }
}

/// An optional column of the client list (name, company, status and "active" are always
/// shown): each person chooses theirs, and the CSV export follows the same choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The client's number, a link to it (shown first, before the name).
    Id,
    CustomId,
    UniqueIdentifier,
    Country,
    City,
    Seller,
    Owner,
    Created,
}

impl Column {
    /// Every optional column, in the order the list shows them.
    pub const ALL: [Column; 8] = [
        Column::Id,
        Column::CustomId,
        Column::UniqueIdentifier,
        Column::Country,
        Column::City,
        Column::Seller,
        Column::Owner,
        Column::Created,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::CustomId => "custom_id",
            Column::UniqueIdentifier => "unique_identifier",
            Column::Country => "country",
            Column::City => "city",
            Column::Seller => "seller",
            Column::Owner => "owner",
            Column::Created => "created",
        }
    }

    /// The catalogue key of the column's heading.
    pub fn label_key(self) -> &'static str {
        match self {
            Column::Id => "clients-col-id",
            Column::CustomId => "clients-col-custom-id",
            Column::UniqueIdentifier => "clients-col-unique-identifier",
            Column::Country => "clients-col-country",
            Column::City => "clients-col-city",
            Column::Seller => "clients-col-seller",
            Column::Owner => "clients-col-owner",
            Column::Created => "clients-col-created",
        }
    }

    pub fn parse(s: &str) -> Option<Column> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }
}

/// The optional columns shown, in the list's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns(Vec<Column>);

impl Default for Columns {
    /// Seller, owner and created: the list as it always looked.
    fn default() -> Self {
        Columns(vec![Column::Seller, Column::Owner, Column::Created])
    }
}

impl Columns {
    /// These columns, in the list's order, each once.
    pub fn of(chosen: impl IntoIterator<Item = Column>) -> Columns {
        let chosen: Vec<Column> = chosen.into_iter().collect();
        Columns(
            Column::ALL
                .into_iter()
                .filter(|c| chosen.contains(c))
                .collect(),
        )
    }

    /// Reads `cols=` or a stored choice: codes separated by commas (unknown ones ignored),
    /// `none` for none; None when there is nothing to read (then the default applies).
    pub fn parse(s: &str) -> Option<Columns> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        if s == "none" {
            return Some(Columns(Vec::new()));
        }
        let known: Vec<Column> = s
            .split(',')
            .filter_map(|c| Column::parse(c.trim()))
            .collect();
        // Nothing known (a typo): the default, as for any value the list cannot read.
        (!known.is_empty()).then(|| Columns::of(known))
    }

    /// A person's stored choice ('' = the default set).
    pub fn stored(s: &str) -> Columns {
        Columns::parse(s).unwrap_or_default()
    }

    /// How `cols=` and the stored choice write these columns.
    pub fn code(&self) -> String {
        if self.0.is_empty() {
            return "none".into();
        }
        self.0
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn shows(&self, c: Column) -> bool {
        self.0.contains(&c)
    }

    /// Whether the column with this code is shown (templates).
    pub fn has(&self, code: &str) -> bool {
        self.0.iter().any(|c| c.code() == code)
    }

    pub fn iter(&self) -> impl Iterator<Item = Column> + '_ {
        self.0.iter().copied()
    }
}

/// Where a page starts. The pager's links seek from a client of the page they are on
/// (keyset paging: an index range, however deep the page, and no client skipped or shown
/// twice when clients are added meanwhile); a typed `page=N` without one is read by offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// Page `page` counted from the top.
    Start,
    /// The page after this client, in the list's order.
    After(i64),
    /// The page before this client.
    Before(i64),
    /// The last page (`page=last`).
    End,
}

/// The list's parameters, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListParams {
    pub sort: SortKey,
    pub desc: bool,
    pub q: String,
    pub status: Option<ClientStatus>,
    pub seller: SellerFilter,
    pub test: TestFilter,
    pub page: i64,
    /// Only clients with an open deletion request.
    pub deletion_requested: bool,
    pub cursor: Cursor,
    /// The columns the URL asked for (None: the reader's own choice).
    pub columns: Option<Columns>,
}

impl ListParams {
    /// Reads the query; sellers open on their own clients (`seller=me`), others on all.
    pub fn from_query(q: &ListQuery, is_seller: bool) -> Self {
        let seller = match q.seller.as_deref().map(str::trim) {
            Some("all") => SellerFilter::All,
            Some("me") => SellerFilter::Me,
            Some("none") => SellerFilter::Nobody,
            Some(id) if id.parse::<i64>().is_ok_and(|id| id > 0) => {
                SellerFilter::User(id.parse().unwrap_or_default())
            }
            _ if is_seller => SellerFilter::Me,
            _ => SellerFilter::All,
        };
        ListParams {
            sort: q
                .sort
                .as_deref()
                .and_then(SortKey::parse)
                .unwrap_or(SortKey::Name),
            desc: q.dir.as_deref() == Some("desc"),
            // Spaces are trimmed, control characters kept (a tab or a NUL matches nothing).
            q: q.q
                .as_deref()
                .unwrap_or("")
                .trim_matches(|c: char| c.is_whitespace() && !c.is_control())
                .chars()
                .take(200)
                .collect(),
            status: q.status.as_deref().and_then(ClientStatus::parse),
            seller,
            test: match q.test.as_deref() {
                Some("true") => TestFilter::Only,
                Some("all") => TestFilter::All,
                _ => TestFilter::Hide,
            },
            page: q
                .page
                .as_deref()
                .and_then(|p| p.parse().ok())
                .filter(|p| (1..=1_000_000_000).contains(p))
                .unwrap_or(1),
            deletion_requested: q.deletion.as_deref() == Some("requested"),
            columns: q.cols.as_deref().and_then(Columns::parse),
            cursor: {
                let id = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<i64>().ok());
                match (q.page.as_deref(), id(&q.after), id(&q.before)) {
                    (Some("last"), _, _) => Cursor::End,
                    (_, Some(a), _) => Cursor::After(a),
                    (_, None, Some(b)) => Cursor::Before(b),
                    _ => Cursor::Start,
                }
            },
        }
    }

    /// These parameters at another place of the same list.
    pub fn at(&self, page: i64, cursor: Cursor) -> ListParams {
        ListParams {
            page,
            cursor,
            ..self.clone()
        }
    }

    /// A search no client can match: control characters never get past the forms, so a
    /// `q` holding one finds nothing (and never reaches the database, which may refuse it).
    pub fn matches_nothing(&self) -> bool {
        crate::input::has_control_chars(&self.q, false)
    }

    /// The query string of these parameters (explicit seller, so a shared link shows the
    /// same list to anyone).
    pub fn to_query(&self) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        s.append_pair("sort", self.sort.code());
        s.append_pair("dir", if self.desc { "desc" } else { "asc" });
        if !self.q.is_empty() {
            s.append_pair("q", &self.q);
        }
        if let Some(st) = self.status {
            s.append_pair("status", st.code());
        }
        s.append_pair("seller", &self.seller.code());
        s.append_pair("test", self.test.code());
        if self.deletion_requested {
            s.append_pair("deletion", "requested");
        }
        if let Some(cols) = &self.columns {
            s.append_pair("cols", &cols.code());
        }
        match self.cursor {
            Cursor::End => {
                s.append_pair("page", "last");
            }
            _ if self.page > 1 => {
                s.append_pair("page", &self.page.to_string());
            }
            _ => {}
        }
        match self.cursor {
            Cursor::After(id) => s.append_pair("after", &id.to_string()),
            Cursor::Before(id) => s.append_pair("before", &id.to_string()),
            _ => &mut s,
        };
        s.finish()
    }
}

type Boxed<'a> = accounts::BoxedQuery<'a, MultiBackend>;

fn filtered<'a>(group_id: i64, p: &ListParams, me: i64) -> Boxed<'a> {
    let mut query = if p.q.is_empty() {
        accounts::table
            .filter(accounts::parent_id.eq(group_id))
            .into_boxed()
    } else {
        // A search is read from its matches (the search indexes, then each match by id),
        // never by walking the group's clients in order and testing each: `parent_id + 0`
        // is the same test, but no index of the group's can serve it, so SQLite's planner
        // (which has no statistics to weigh the two) cannot take that path.
        accounts::table
            .filter((accounts::parent_id + 0).eq(group_id))
            .into_boxed()
    };
    query = query.filter(accounts::kind.eq(KIND_CLIENT));
    match p.test {
        TestFilter::Hide => query = query.filter(accounts::test_account.eq(false)),
        TestFilter::Only => query = query.filter(accounts::test_account.eq(true)),
        TestFilter::All => {}
    }
    // Deleted clients are shown only when asked for (`status=deleted`). By the stored rank
    // (one per status), so that the status sort's index serves a status filter too.
    match p.status {
        Some(st) => query = query.filter(accounts::status_rank.eq(st.rank())),
        None => query = query.filter(accounts::status_rank.ne(ClientStatus::Deleted.rank())),
    }
    if p.deletion_requested {
        let open = deletion_requests::table
            .filter(deletion_requests::cancelled_at.is_null())
            .filter(deletion_requests::completed_at.is_null())
            .select(deletion_requests::client_id);
        query = query.filter(accounts::id.eq_any(open));
    }
    match p.seller {
        SellerFilter::All => {}
        SellerFilter::Me => query = query.filter(accounts::seller_id.eq(me)),
        SellerFilter::Nobody => query = query.filter(accounts::seller_id.is_null()),
        SellerFilter::User(id) => query = query.filter(accounts::seller_id.eq(id)),
    }
    if !p.q.is_empty() {
        query = query.filter(crate::db::search::client_search(&p.q));
    }
    query
}

fn ordered<'a>(query: Boxed<'a>, p: &ListParams) -> Boxed<'a> {
    let query = match (p.sort, p.desc) {
        (SortKey::Name, false) => query.order_by(accounts::name_key.asc()),
        (SortKey::Name, true) => query.order_by(accounts::name_key.desc()),
        (SortKey::Company, false) => query.order_by(accounts::company_key.asc()),
        (SortKey::Company, true) => query.order_by(accounts::company_key.desc()),
        (SortKey::Status, false) => query.order_by(accounts::status_rank.asc()),
        (SortKey::Status, true) => query.order_by(accounts::status_rank.desc()),
        (SortKey::Created, false) => query.order_by(accounts::created_at.asc()),
        (SortKey::Created, true) => query.order_by(accounts::created_at.desc()),
        (SortKey::Seller, false) => query.order_by(accounts::seller_rank.asc()),
        (SortKey::Seller, true) => query.order_by(accounts::seller_rank.desc()),
    };
    // Ties: by name, then id, in the sort's direction, so that pages never overlap and
    // one index per sort serves both directions (read forwards or backwards).
    match (p.sort == SortKey::Name, p.desc) {
        (true, false) => query.then_order_by(accounts::id.asc()),
        (true, true) => query.then_order_by(accounts::id.desc()),
        (false, false) => query
            .then_order_by(accounts::name_key.asc())
            .then_order_by(accounts::id.asc()),
        (false, true) => query
            .then_order_by(accounts::name_key.desc())
            .then_order_by(accounts::id.desc()),
    }
}

use crate::models::membership::staff_by_name;

/// How many clients a list has. Without a search or the deletion filter the number is
/// exact and read from the group's counters (a few rows kept by the database's triggers);
/// a search counts its matches up to [`COUNT_CAP`] and stops there ("1,000+").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    Exact(i64),
    /// At least this many (the cap): the list goes on beyond it.
    AtLeast(i64),
}

impl Total {
    /// The number shown.
    pub fn shown(self) -> i64 {
        match self {
            Total::Exact(n) | Total::AtLeast(n) => n,
        }
    }

    pub fn is_capped(self) -> bool {
        matches!(self, Total::AtLeast(_))
    }
}

/// Where a search's count stops: past it the list says "1,000+" (and its pager has no
/// last page), so a broad search never counts its way through the whole table.
pub const COUNT_CAP: i64 = 1_000;

/// The number of clients the counters give for these filters (search and the deletion
/// filter aside, which the counters do not know).
pub fn counted(counts: &[ClientCount], p: &ListParams, me: i64) -> i64 {
    let deleted = ClientStatus::Deleted.code();
    counts
        .iter()
        .filter(|c| match p.status {
            Some(st) => c.status == st.code(),
            None => c.status != deleted,
        })
        .filter(|c| match p.test {
            TestFilter::Hide => !c.test_account,
            TestFilter::Only => c.test_account,
            TestFilter::All => true,
        })
        .filter(|c| match p.seller {
            SellerFilter::All => true,
            SellerFilter::Me => c.seller_id == me,
            SellerFilter::Nobody => c.seller_id == 0,
            SellerFilter::User(id) => c.seller_id == id,
        })
        .map(|c| c.n)
        .sum()
}

/// The sort values of the client a page link seeks from (the API's cursors carry them
/// whole, so a page starts where the page before ended even if that client changed since).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, serde::Serialize, Deserialize)]
pub struct Boundary {
    id: i64,
    name_key: String,
    company_key: String,
    status_rank: i32,
    created_at: NaiveDateTime,
    seller_rank: i32,
}

/// The sort values of a client of the scope's group, as stored now (the API's cursor).
pub fn boundary_of(
    conn: &mut DbConn,
    scope: &GroupScope,
    id: i64,
) -> QueryResult<Option<Boundary>> {
    boundary(conn, scope.group_id().0, id)
}

fn boundary(conn: &mut DbConn, group_id: i64, id: i64) -> QueryResult<Option<Boundary>> {
    accounts::table
        .filter(accounts::id.eq(id))
        .filter(accounts::parent_id.eq(group_id))
        .select((
            accounts::id,
            accounts::name_key,
            accounts::company_key,
            accounts::status_rank,
            accounts::created_at,
            accounts::seller_rank,
        ))
        .first(conn)
        .optional()
}

/// The rows beyond `b` in the order `(sort key, name, id)` (or `(name, id)`) goes: one
/// row-value comparison, read as a range of the sort's index.
fn seek(p: &ListParams, b: &Boundary, greater: bool) -> RowCompare {
    let (columns, lead) = match p.sort {
        SortKey::Name => ("accounts.name_key, accounts.id", None),
        SortKey::Company => (
            "accounts.company_key, accounts.name_key, accounts.id",
            Some(Value::Text(b.company_key.clone())),
        ),
        SortKey::Status => (
            "accounts.status_rank, accounts.name_key, accounts.id",
            Some(Value::Integer(b.status_rank)),
        ),
        SortKey::Created => (
            "accounts.created_at, accounts.name_key, accounts.id",
            Some(Value::Timestamp(b.created_at)),
        ),
        SortKey::Seller => (
            "accounts.seller_rank, accounts.name_key, accounts.id",
            Some(Value::Integer(b.seller_rank)),
        ),
    };
    let mut values: Vec<Value> = lead.into_iter().collect();
    values.push(Value::Text(b.name_key.clone()));
    values.push(Value::BigInt(b.id));
    row_compare(columns, values, greater)
}

/// Where a page sits: its number, and whether another follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub page: i64,
    pub has_next: bool,
}

/// How a page is read: from the top (page 1, or a typed `page=N` by offset), forwards
/// from a client ("next"), backwards from one ("previous") or backwards from the end
/// ("last"); the backward ones read the list's order reversed, then turn the rows round.
enum Reading {
    Top { offset: i64 },
    After(Boundary),
    Before(Boundary),
    FromEnd,
}

/// How the parameters' page is read (the cursor's client looked up in this group; one
/// that is not is ignored, and the page number read by offset).
fn reading(conn: &mut DbConn, group_id: i64, p: &ListParams, total: Total) -> QueryResult<Reading> {
    let from = match p.cursor {
        Cursor::After(id) | Cursor::Before(id) => boundary(conn, group_id, id)?,
        _ => None,
    };
    let top = |page: i64| Reading::Top {
        offset: (page - 1) * PAGE_SIZE,
    };
    Ok(match (p.cursor, from, total) {
        (Cursor::After(_), Some(b), _) => Reading::After(b),
        (Cursor::Before(_), Some(b), _) if p.page > 1 => Reading::Before(b),
        (Cursor::Before(_), Some(_), _) => top(1),
        (Cursor::End, _, Total::Exact(_)) => Reading::FromEnd,
        (Cursor::End, _, Total::AtLeast(_)) => top(1),
        _ => top(p.page),
    })
}

/// The query of a page (without its limit).
fn page_query<'a>(group_id: i64, p: &ListParams, me: i64, how: &Reading) -> Boxed<'a> {
    let reversed = ListParams {
        desc: !p.desc,
        ..p.clone()
    };
    let query = filtered(group_id, p, me);
    match how {
        Reading::Top { offset } => ordered(query, p).offset(*offset),
        Reading::After(b) => ordered(query, p).filter(seek(p, b, !p.desc)),
        Reading::Before(b) => ordered(query, &reversed).filter(seek(p, b, p.desc)),
        Reading::FromEnd => ordered(query, &reversed),
    }
}

/// The plan the database chooses for the parameters' page (the query-plan tests).
pub fn page_plan(
    conn: &mut DbConn,
    scope: &GroupScope,
    p: &ListParams,
    me: i64,
) -> QueryResult<Vec<String>> {
    let gid = scope.group_id().0;
    let how = reading(conn, gid, p, Total::Exact(1))?;
    let query = page_query(gid, p, me, &how)
        .select(Account::as_select())
        .limit(PAGE_SIZE + 1);
    crate::db::explain::explain(conn, query)
}

/// One page of the list, its total and where it sits.
fn page(
    conn: &mut DbConn,
    group_id: i64,
    p: &ListParams,
    me: i64,
    counts: &[ClientCount],
    after: Option<Boundary>,
) -> QueryResult<(Vec<Account>, Total, Placement)> {
    if p.matches_nothing() {
        let nowhere = Placement {
            page: 1,
            has_next: false,
        };
        return Ok((Vec::new(), Total::Exact(0), nowhere));
    }
    let total = if p.q.is_empty() && !p.deletion_requested {
        Total::Exact(counted(counts, p, me))
    } else {
        let found: Vec<i64> = filtered(group_id, p, me)
            .select(accounts::id)
            .limit(COUNT_CAP + 1)
            .load(conn)?;
        match found.len() as i64 {
            n if n > COUNT_CAP => Total::AtLeast(COUNT_CAP),
            n => Total::Exact(n),
        }
    };
    let mut how = match after {
        Some(b) => Reading::After(b),
        None => reading(conn, group_id, p, total)?,
    };
    loop {
        // On the last page, as many rows as it holds; else one more than a page, which
        // tells whether another follows.
        let (limit, page) = match (&how, total) {
            (Reading::FromEnd, Total::Exact(n)) => {
                let pages = ((n + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
                ((n - (pages - 1) * PAGE_SIZE).max(0), pages)
            }
            (Reading::Top { offset }, _) => (PAGE_SIZE + 1, offset / PAGE_SIZE + 1),
            _ => (PAGE_SIZE + 1, p.page),
        };
        let mut rows: Vec<Account> = page_query(group_id, p, me, &how)
            .select(Account::as_select())
            .limit(limit)
            .load(conn)?;
        if let Reading::After(_) = how
            && rows.is_empty()
        {
            // Nothing after that client any more (those after it were removed or hidden):
            // the last page instead of an empty one.
            how = match total {
                Total::Exact(_) => Reading::FromEnd,
                Total::AtLeast(_) => Reading::Top { offset: 0 },
            };
            continue;
        }
        let backwards = matches!(how, Reading::Before(_) | Reading::FromEnd);
        if let Reading::Before(_) = how
            && (rows.len() as i64) < PAGE_SIZE
        {
            // Fewer than a page before this one: the list's start moved (clients were
            // removed), and the first page is shown instead.
            how = Reading::Top { offset: 0 };
            continue;
        }
        let has_next = match how {
            Reading::Before(_) => true,
            Reading::FromEnd => false,
            _ => rows.len() as i64 > PAGE_SIZE,
        };
        rows.truncate(PAGE_SIZE as usize);
        if backwards {
            rows.reverse();
        }
        return Ok((rows, total, Placement { page, has_next }));
    }
}

/// The ids of the whole list, in order (the CSV export then reads the rows by id in
/// chunks: one sort instead of one per chunk).
fn ordered_ids(conn: &mut DbConn, group_id: i64, p: &ListParams, me: i64) -> QueryResult<Vec<i64>> {
    if p.matches_nothing() {
        return Ok(Vec::new());
    }
    ordered(filtered(group_id, p, me), p)
        .select(accounts::id)
        .load(conn)
}

/// The ids of the clients the parameters list, in the list's order, at most `limit`.
pub fn matching_ids(
    conn: &mut DbConn,
    scope: &GroupScope,
    p: &ListParams,
    me: i64,
    limit: i64,
) -> QueryResult<Vec<i64>> {
    if p.matches_nothing() {
        return Ok(Vec::new());
    }
    ordered(filtered(scope.group_id().0, p, me), p)
        .select(accounts::id)
        .limit(limit)
        .load(conn)
}

/// These clients of the scope's group, in the order of `ids` (ids of others are left out).
pub fn clients_by_ids(
    conn: &mut DbConn,
    scope: &GroupScope,
    ids: &[i64],
) -> QueryResult<Vec<Account>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        out.extend(by_ids(conn, scope.group_id().0, chunk)?);
    }
    Ok(out)
}

/// These clients, in the order of `ids`.
fn by_ids(conn: &mut DbConn, group_id: i64, ids: &[i64]) -> QueryResult<Vec<Account>> {
    let mut rows: Vec<Account> = accounts::table
        .filter(crate::db::in_ids(accounts::id, ids))
        .filter(accounts::parent_id.eq(group_id))
        .select(Account::as_select())
        .load(conn)?;
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rows.sort_by_key(|a| position.get(&a.id).copied().unwrap_or(usize::MAX));
    Ok(rows)
}

/// A client's account owner as the list and the edit tab show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerSummary {
    pub email: String,
    /// "First Last" as they or the invitation wrote it ('' when neither name is known).
    pub name: String,
    /// Days left to activate, when the owner has not set a password yet.
    pub pending_days: Option<i64>,
}

/// The owners of these clients, by client id (clients without an owner are absent). A
/// client whose owner was invited (their address had a user) shows that address as
/// pending, exactly like an owner who has not activated yet, with the days left of the
/// invitation: both last 14 days, so the list cannot tell them apart. At most three
/// queries whatever the number of clients: the owners, the activation links of the pending
/// ones, the owner invitations of the clients without an owner.
pub fn owner_summaries(
    conn: &mut DbConn,
    client_ids: &[i64],
    now: NaiveDateTime,
) -> QueryResult<HashMap<i64, OwnerSummary>> {
    use crate::db::schema::tokens;
    use crate::models::token::ACTIVATION_LIFETIME;
    let owners = crate::models::membership::owners_of(conn, client_ids)?;
    let pending: Vec<i64> = owners
        .iter()
        .filter(|o| !o.activated)
        .map(|o| o.account_id)
        .collect();
    // The newest link of each pending (owner, client): its expiry counts.
    let mut expiries: HashMap<(i64, i64), NaiveDateTime> = HashMap::new();
    if !pending.is_empty() {
        let links: Vec<(Option<i64>, Option<i64>, NaiveDateTime)> = tokens::table
            .filter(tokens::purpose.eq(crate::models::token::PURPOSE_ACTIVATION))
            .filter(crate::db::in_ids(tokens::account_id, &pending))
            .order_by((tokens::created_at.asc(), tokens::id.asc()))
            .select((tokens::user_id, tokens::account_id, tokens::expires_at))
            .load(conn)?;
        for (user, account, expires) in links {
            if let (Some(u), Some(a)) = (user, account) {
                expiries.insert((u, a), expires);
            }
        }
    }
    let mut out = HashMap::with_capacity(client_ids.len());
    for o in owners {
        // Without a link (an owner from before invitations whose password staff set),
        // the 14 days run from the ownership.
        let pending_days = (!o.activated).then(|| {
            let expires = expiries
                .get(&(o.user_id, o.account_id))
                .copied()
                .unwrap_or(o.since + ACTIVATION_LIFETIME);
            days_left(expires, now)
        });
        out.entry(o.account_id).or_insert(OwnerSummary {
            name: full_name(&o.first_name, &o.last_name),
            email: o.email,
            pending_days,
        });
    }
    let ownerless: Vec<i64> = client_ids
        .iter()
        .copied()
        .filter(|id| !out.contains_key(id))
        .collect();
    if !ownerless.is_empty() {
        for inv in crate::models::invitation::open_owner_invitations(conn, &ownerless)? {
            out.entry(inv.account_id).or_insert(OwnerSummary {
                pending_days: Some(days_left(inv.expires_at, now)),
                name: full_name(&inv.first_name, &inv.last_name),
                email: inv.email,
            });
        }
    }
    Ok(out)
}

/// "First Last", either alone when the other is empty.
fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim())
        .trim()
        .to_owned()
}

/// One page of the list, with what its rows show.
pub struct ListPage {
    pub clients: Vec<Account>,
    pub total: Total,
    pub placement: Placement,
    pub owners: HashMap<i64, OwnerSummary>,
    /// The group's staff, sorted as the seller column sorts them.
    pub staff: Vec<StaffMember>,
    /// The group has no client at all (not merely none matching).
    pub group_is_empty: bool,
    /// Each client's services in use, (name, status), for its status badge.
    pub services: HashMap<i64, Vec<(String, String)>>,
    /// The due dates of the page's clients' open deletion requests (the list's marker).
    pub deletion_due: HashMap<i64, NaiveDateTime>,
    /// The page's clients with an owner or admin who can sign in: support access opens
    /// as one of them ("Log in" is offered); the others say why not.
    pub enterable: HashSet<i64>,
}

/// The client list of the scope's group: `me` is the user `seller=me` means.
pub fn list(
    conn: &mut DbConn,
    scope: &GroupScope,
    p: &ListParams,
    me: i64,
) -> Result<ListPage, AppError> {
    list_after(conn, scope, p, me, None)
}

/// The client list, from the page after these sort values when given (the API's cursor),
/// else where the parameters say.
pub fn list_after(
    conn: &mut DbConn,
    scope: &GroupScope,
    p: &ListParams,
    me: i64,
    after: Option<Boundary>,
) -> Result<ListPage, AppError> {
    let gid = scope.group_id().0;
    let staff = staff_by_name(conn, gid)?;
    let counts = crate::models::client_count::of_group(conn, gid)?;
    let (clients, total, placement) = page(conn, gid, p, me, &counts, after)?;
    let ids: Vec<i64> = clients.iter().map(|a| a.id).collect();
    let owners = owner_summaries(conn, &ids, crate::db::now())?;
    let enterable = crate::models::membership::with_someone_to_sign_in_as(conn, &ids)?
        .into_iter()
        .collect();
    let services = crate::models::client_service::in_use(conn, &ids)?;
    let group_is_empty = counts.iter().all(|c| c.n == 0);
    let deletion_due = crate::models::deletion::open_due_of(conn, &ids)?;
    Ok(ListPage {
        enterable,
        placement,
        deletion_due,
        clients,
        total,
        owners,
        staff,
        group_is_empty,
        services,
    })
}

/// The whole list's ids in order, and the staff (the CSV export then reads the rows by id
/// in chunks: one sort instead of one per chunk).
pub fn export_ids(
    conn: &mut DbConn,
    scope: &GroupScope,
    p: &ListParams,
    me: i64,
) -> Result<(Vec<i64>, Vec<StaffMember>), AppError> {
    let gid = scope.group_id().0;
    let staff = staff_by_name(conn, gid)?;
    let ids = ordered_ids(conn, gid, p, me)?;
    Ok((ids, staff))
}

/// One chunk of the export: these clients of the scope's group, in the order of `ids`,
/// with their owners (an id of another group's client is left out).
pub fn export_chunk(
    conn: &mut DbConn,
    scope: &GroupScope,
    ids: &[i64],
) -> Result<(Vec<Account>, HashMap<i64, OwnerSummary>), AppError> {
    let clients = by_ids(conn, scope.group_id().0, ids)?;
    let owners = owner_summaries(conn, ids, crate::db::now())?;
    Ok((clients, owners))
}

/// Whole days left before a pending owner's link expires (0 on its last day).
pub fn days_left(expires_at: NaiveDateTime, now: NaiveDateTime) -> i64 {
    ((expires_at - now).num_seconds().max(0) + 86_399) / 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> ListQuery {
        let mut l = ListQuery::default();
        for (k, v) in pairs {
            let v = Some(v.to_string());
            match *k {
                "sort" => l.sort = v,
                "dir" => l.dir = v,
                "q" => l.q = v,
                "status" => l.status = v,
                "seller" => l.seller = v,
                "test" => l.test = v,
                "page" => l.page = v,
                _ => {}
            }
        }
        l
    }

    #[test]
    fn defaults_and_the_seller_default() {
        let p = ListParams::from_query(&q(&[]), false);
        assert_eq!(
            (p.sort, p.desc, p.seller, p.test, p.page),
            (SortKey::Name, false, SellerFilter::All, TestFilter::Hide, 1)
        );
        assert_eq!(
            ListParams::from_query(&q(&[]), true).seller,
            SellerFilter::Me
        );
        assert_eq!(
            ListParams::from_query(&q(&[("seller", "all")]), true).seller,
            SellerFilter::All
        );
    }

    #[test]
    fn unknown_values_fall_back() {
        let p = ListParams::from_query(
            &q(&[
                ("sort", "evil;drop"),
                ("dir", "up"),
                ("status", "x"),
                ("test", "maybe"),
                ("page", "-3"),
            ]),
            false,
        );
        assert_eq!(
            (p.sort, p.desc, p.status, p.test, p.page),
            (SortKey::Name, false, None, TestFilter::Hide, 1)
        );
    }

    #[test]
    fn the_query_string_round_trips() {
        let p = ListParams::from_query(
            &q(&[
                ("sort", "status"),
                ("dir", "desc"),
                ("q", "café & co"),
                ("status", "trial_end"),
                ("seller", "7"),
                ("test", "all"),
                ("page", "3"),
            ]),
            false,
        );
        let back: Vec<(String, String)> = url::form_urlencoded::parse(p.to_query().as_bytes())
            .into_owned()
            .collect();
        let l = q(&back
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>());
        assert_eq!(ListParams::from_query(&l, false), p);
    }

    #[test]
    fn counters_give_the_filtered_total() {
        let c = |seller_id, status: &str, test_account, n| ClientCount {
            seller_id,
            status: status.into(),
            test_account,
            n,
        };
        let counts = [
            c(0, "active", false, 10),
            c(7, "active", false, 5),
            c(7, "trial", true, 2),
            c(8, "deleted", false, 4),
        ];
        let total =
            |pairs: &[(&str, &str)]| counted(&counts, &ListParams::from_query(&q(pairs), false), 7);
        assert_eq!(total(&[]), 15, "deleted and test clients left out");
        assert_eq!(total(&[("test", "all")]), 17);
        assert_eq!(total(&[("test", "true")]), 2);
        assert_eq!(total(&[("status", "deleted")]), 4);
        assert_eq!(total(&[("seller", "me"), ("test", "all")]), 7);
        assert_eq!(total(&[("seller", "none")]), 10);
        assert_eq!(total(&[("seller", "8"), ("status", "deleted")]), 4);
    }

    #[test]
    fn page_links_read_back_as_cursors() {
        let p = ListParams::from_query(&q(&[]), false);
        for cursor in [Cursor::After(12), Cursor::Before(9), Cursor::End] {
            let at = p.at(3, cursor);
            let mut l = q(&[]);
            for (k, v) in url::form_urlencoded::parse(at.to_query().as_bytes()).into_owned() {
                match k.as_str() {
                    "page" => l.page = Some(v),
                    "after" => l.after = Some(v),
                    "before" => l.before = Some(v),
                    _ => {}
                }
            }
            assert_eq!(ListParams::from_query(&l, false).cursor, cursor);
        }
    }

    #[test]
    fn days_left_rounds_up() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(days_left(now + chrono::Duration::days(14), now), 14);
        assert_eq!(days_left(now + chrono::Duration::hours(1), now), 1);
        assert_eq!(days_left(now - chrono::Duration::hours(1), now), 0);
    }
}
