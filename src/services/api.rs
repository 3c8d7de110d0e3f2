//! The read-only JSON API (SPEC §3, issue 17): personal bearer tokens, and what the API
//! answers — a group's clients for its staff (the list's filters, sort and keyset paging),
//! one client, and a client user's own account (custom id included, read-only). The same
//! scopes as the pages: another tenant's client is not found. Nothing here writes but the
//! tokens themselves (made, revoked, last use).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::auth::scope::{self, GroupScope, MemberClientScope};
use crate::auth::tokens::{hash_token, new_token};
use crate::db::ids::{ClientId, GroupId};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::input::{FieldErrors, single_line_problem, split_emails, too_long};
use crate::models::account::{self, Account};
use crate::models::api_token::{self, ApiToken, NewApiToken};
use crate::models::membership::{self, Memberships, StaffMember};
use crate::models::user::User;
use crate::services::audit::{self, Actor, Changes};
use crate::services::client_list::{self, Boundary, Cursor, ListParams, OwnerSummary, Total};

/// What every token starts with (so a leaked one is recognisable in a scan).
pub const TOKEN_PREFIX: &str = "clt_";
/// The most live tokens a person keeps.
pub const MAX_TOKENS: i64 = 20;
/// The longest token name.
pub const MAX_TOKEN_NAME: usize = 60;

/// Checks a token's name as typed (trimmed).
pub fn check_token_name(name: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("token_name", "error-enter-token-name");
    } else if let Some(problem) = single_line_problem(name) {
        errors.add("token_name", problem);
    } else if name.chars().count() > MAX_TOKEN_NAME {
        errors.add("token_name", too_long(MAX_TOKEN_NAME));
    }
    errors
}

/// Makes a token named `name` for the person, asked from their session `session_row`;
/// returns the secret, which is shown once and never stored (only its hash). The session
/// is checked in the token's own transaction, the person's row locked: a password reset
/// or "Sign out everywhere" that ended it first (and revoked the tokens) leaves no token
/// made by a request already under way — the answer is then the sign-in page.
pub fn create_token(
    conn: &mut DbConn,
    user_id: i64,
    session_row: &str,
    name: &str,
    actor: &Actor,
) -> Result<String, AppError> {
    let mut errors = check_token_name(name);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    db::write_tx(conn, |conn| {
        db::lock_user(conn, user_id)?;
        let session = crate::models::session::find(conn, session_row)?;
        if session.is_none_or(|s| s.user_id != Some(user_id)) {
            return Err(AppError::SignInRequired {
                next: "/profile".into(),
            });
        }
        if api_token::live_count(conn, user_id)? >= MAX_TOKENS {
            errors.add(
                "token_name",
                crate::i18n::Msg::new("error-too-many-tokens").with("max", MAX_TOKENS),
            );
            return Err(AppError::Invalid(errors));
        }
        let secret = format!("{TOKEN_PREFIX}{}", new_token());
        api_token::insert(
            conn,
            &NewApiToken {
                user_id,
                name,
                token_hash: &hash_token(&secret),
                created_at: db::now(),
            },
        )?;
        // The name only: the secret is never recorded.
        let changes = Changes::new().field("name", serde_json::Value::Null, name);
        audit::record(conn, actor, None, None, "api_token.created", &changes)?;
        Ok(secret)
    })
}

/// A person's tokens, newest first.
pub fn tokens_of(conn: &mut DbConn, user_id: i64) -> Result<Vec<ApiToken>, AppError> {
    Ok(api_token::of_user(conn, user_id)?)
}

/// Revokes one of the person's tokens (another's is not found).
pub fn revoke_token(
    conn: &mut DbConn,
    user_id: i64,
    id: i64,
    actor: &Actor,
) -> Result<(), AppError> {
    db::write_tx(conn, |conn| {
        let name = api_token::name_of(conn, user_id, id)?.ok_or(AppError::NotFound)?;
        if api_token::revoke(conn, user_id, id, db::now())? {
            let changes = Changes::new().field("name", name, serde_json::Value::Null);
            audit::record(conn, actor, None, None, "api_token.revoked", &changes)?;
        }
        Ok(())
    })
}

/// Revokes every live token of the person (a password reset, "Sign out everywhere", or a
/// password change that asks to): each is audited as revoked, by name. Run it in the
/// caller's transaction. Returns how many it revoked.
pub fn revoke_all_tokens(
    conn: &mut DbConn,
    user_id: i64,
    actor: &Actor,
) -> Result<usize, AppError> {
    // After every token being made under a session that is ending (see `create_token`).
    db::lock_user(conn, user_id)?;
    let names = api_token::revoke_all(conn, user_id, db::now())?;
    for name in &names {
        let changes = Changes::new().field("name", name.as_str(), serde_json::Value::Null);
        audit::record(conn, actor, None, None, "api_token.revoked", &changes)?;
    }
    Ok(names.len())
}

/// Who a bearer token speaks for.
pub struct Caller {
    pub user: User,
    pub memberships: Memberships,
}

/// The person a live token belongs to (None for an unknown or revoked token, or a person
/// who may not sign in any more); notes the use.
pub fn authenticate(conn: &mut DbConn, secret: &str) -> Result<Option<Caller>, AppError> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let Some((token, user)) = api_token::find_live(conn, &hash_token(secret))? else {
        return Ok(None);
    };
    if !user.can_sign_in() {
        return Ok(None);
    }
    // The last use is a note, not the request's business: a write that cannot happen now
    // (a busy SQLite writer) is logged and the read goes on.
    if let Err(e) = db::write_tx(conn, |c| api_token::touch(c, token.id, db::now())) {
        tracing::warn!(error = %e, "could not note an API token's use");
    }
    let memberships = membership::of_user(conn, user.id)?;
    Ok(Some(Caller { user, memberships }))
}

/// Why a caller may not read a group's clients through the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupRefusal {
    /// Not staff of that group (or no such group): not found.
    NotFound,
    /// Staff of several groups and none named.
    GroupRequired,
    /// The group requires two-step verification of its staff, and the caller has none.
    TwoStepRequired,
}

/// The group whose clients the caller reads: the one named, or the only one they are
/// staff of.
pub fn group_of_caller(caller: &Caller, named: Option<i64>) -> Result<GroupScope, GroupRefusal> {
    let groups: Vec<_> = caller
        .memberships
        .iter()
        .filter(|m| m.account_kind == crate::models::account::KIND_GROUP)
        .collect();
    let gid = match named {
        Some(gid) => gid,
        None if groups.len() == 1 => groups[0].account_id,
        None if groups.is_empty() => return Err(GroupRefusal::NotFound),
        None => return Err(GroupRefusal::GroupRequired),
    };
    let scope = scope::group_scope(&caller.memberships, GroupId(gid))
        .map_err(|_| GroupRefusal::NotFound)?;
    let required = groups
        .iter()
        .any(|m| m.account_id == gid && m.two_step_required);
    if required && !caller.user.uses_two_step() {
        return Err(GroupRefusal::TwoStepRequired);
    }
    Ok(scope)
}

/// A staff member of a group, as the API names a seller.
#[derive(Debug, Serialize)]
pub struct PersonJson {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// A client's owner: their address, and while they have not accepted, the days left.
#[derive(Debug, Serialize)]
pub struct OwnerJson {
    pub email: String,
    pub pending: bool,
    pub expires_in_days: Option<i64>,
}

/// A client as staff read it.
#[derive(Debug, Serialize)]
pub struct ClientJson {
    pub id: i64,
    pub group_id: i64,
    pub account_name: String,
    pub company_name: String,
    pub custom_id: Option<String>,
    pub unique_identifier: Option<String>,
    pub status: String,
    pub active: bool,
    pub test_account: bool,
    pub seller: Option<PersonJson>,
    pub owner: Option<OwnerJson>,
    pub language: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub address: String,
    pub postal_code: String,
    pub billing_emails: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    /// When an open deletion request deletes the client.
    pub deletion_due_at: Option<String>,
}

/// A page of a group's clients.
#[derive(Debug, Serialize)]
pub struct ClientPage {
    pub clients: Vec<ClientJson>,
    /// How many clients the filters match (a search counts up to 1 000: then `total` is
    /// 1 000 and `total_is_exact` false).
    pub total: i64,
    pub total_is_exact: bool,
    /// Pass as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
}

/// A client user's own account.
#[derive(Debug, Serialize)]
pub struct AccountJson {
    pub id: i64,
    pub account_name: String,
    pub company_name: String,
    /// The group's "name in your system" for this client: read-only here (SPEC §2).
    pub custom_id: Option<String>,
    pub unique_identifier: Option<String>,
    pub status: String,
    pub group_name: String,
    pub role: String,
    pub language: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub address: String,
    pub postal_code: String,
    /// Null for a member without the billing permission.
    pub billing_emails: Option<Vec<String>>,
    pub created_at: String,
}

/// A time as the API writes it (RFC 3339, UTC).
pub fn timestamp(t: NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn client_json(
    a: Account,
    staff: &[StaffMember],
    owners: &HashMap<i64, OwnerSummary>,
    due: &HashMap<i64, NaiveDateTime>,
) -> ClientJson {
    ClientJson {
        seller: a.seller_id.and_then(|id| {
            staff.iter().find(|s| s.user_id == id).map(|s| PersonJson {
                id,
                name: s.display_name(),
                email: s.email.clone(),
            })
        }),
        owner: owners.get(&a.id).map(|o| OwnerJson {
            email: o.email.clone(),
            pending: o.pending_days.is_some(),
            expires_in_days: o.pending_days,
        }),
        deletion_due_at: due.get(&a.id).copied().map(timestamp),
        billing_emails: split_emails(&a.billing_emails),
        created_at: timestamp(a.created_at),
        updated_at: timestamp(a.updated_at),
        id: a.id,
        group_id: a.parent_id.unwrap_or_default(),
        account_name: a.name,
        company_name: a.company_name,
        custom_id: a.custom_id,
        unique_identifier: a.unique_identifier,
        status: a.status,
        active: a.active,
        test_account: a.test_account,
        language: a.language,
        country: a.country,
        region: a.region,
        city: a.city,
        address: a.address,
        postal_code: a.postal_code,
    }
}

/// The server's key for the API's cursors: derived from `SESSION_KEY` (so every instance
/// sharing it reads the others' cursors), never used for anything else.
#[derive(Clone)]
pub struct CursorKey([u8; 32]);

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

impl CursorKey {
    /// The cursor key of a master secret (the session key's bytes).
    pub fn derive(master: &[u8]) -> Self {
        use hmac::Mac;
        let mut mac = HmacSha256::new_from_slice(master).expect("HMAC takes a key of any length");
        mac.update(b"clientele api cursor v1");
        CursorKey(mac.finalize().into_bytes().into())
    }

    fn mac(&self, payload: &[u8]) -> HmacSha256 {
        use hmac::Mac;
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(payload);
        mac
    }
}

impl std::fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CursorKey(***)")
    }
}

/// Where the next page starts: the group, the list's sort, and the sort values of the last
/// client of the page before as they were then (so a page starts where the last one
/// ended, even if that client changed or went since). Opaque to callers and signed
/// (HMAC-SHA256 under [`CursorKey`]): `base64url(JSON).base64url(MAC)`. Only a cursor the
/// API gave is read; anything else, a changed one included, is `400 invalid_cursor`
/// before any value of it reaches a query.
#[derive(Debug, Serialize, serde::Deserialize)]
struct PageCursor {
    group: i64,
    sort: String,
    desc: bool,
    after: Boundary,
}

fn encode_cursor(key: &CursorKey, group: i64, p: &ListParams, after: Boundary) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use hmac::Mac;
    let c = PageCursor {
        group,
        sort: p.sort.code().to_owned(),
        desc: p.desc,
        after,
    };
    let payload = serde_json::to_vec(&c).unwrap_or_default();
    let tag = key.mac(&payload).finalize().into_bytes();
    format!("{}.{}", B64.encode(&payload), B64.encode(tag))
}

/// The start a cursor names, for this group's list in this order (a cursor of another
/// group or order, or one that is not ours, is `BadRequest`).
fn decode_cursor(
    key: &CursorKey,
    group: i64,
    p: &ListParams,
    cursor: &str,
) -> Result<Boundary, AppError> {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use hmac::Mac;
    let (payload, tag) = cursor.trim().split_once('.').ok_or_else(bad_cursor)?;
    let payload = B64.decode(payload).map_err(|_| bad_cursor())?;
    let tag = B64.decode(tag).map_err(|_| bad_cursor())?;
    // Constant time: the comparison tells nothing about how much of a forged tag was right.
    key.mac(&payload)
        .verify_slice(&tag)
        .map_err(|_| bad_cursor())?;
    let c: PageCursor = serde_json::from_slice(&payload).map_err(|_| bad_cursor())?;
    if c.group != group || c.sort != p.sort.code() || c.desc != p.desc {
        return Err(bad_cursor());
    }
    Ok(c.after)
}

/// A page of the group's clients: `p` as the list reads its URL; `cursor` (the
/// `next_cursor` of the page before, signed with `key`) where the page starts.
pub fn clients(
    conn: &mut DbConn,
    scope: &GroupScope,
    p: &ListParams,
    cursor: Option<&str>,
    key: &CursorKey,
    me: i64,
) -> Result<ClientPage, AppError> {
    let group = scope.group_id().0;
    let after = cursor
        .map(|c| decode_cursor(key, group, p, c))
        .transpose()?;
    let p = match after {
        Some(_) => p.at(2, Cursor::Start),
        None => p.at(1, Cursor::Start),
    };
    let found = client_list::list_after(conn, scope, &p, me, after)?;
    let next_cursor = match found.clients.last() {
        Some(last) if found.placement.has_next => client_list::boundary_of(conn, scope, last.id)?
            .map(|b| encode_cursor(key, group, &p, b)),
        _ => None,
    };
    let (total, total_is_exact) = match found.total {
        Total::Exact(n) => (n, true),
        Total::AtLeast(n) => (n, false),
    };
    Ok(ClientPage {
        clients: found
            .clients
            .into_iter()
            .map(|a| client_json(a, &found.staff, &found.owners, &found.deletion_due))
            .collect(),
        total,
        total_is_exact,
        next_cursor,
    })
}

fn bad_cursor() -> AppError {
    AppError::BadRequest("cursor".into())
}

/// One client, for staff of its group (another group's, or none: not found).
pub fn client(conn: &mut DbConn, caller: &Caller, cid: i64) -> Result<ClientJson, AppError> {
    let (facts, _, _) = scope::client_facts(conn, ClientId(cid))?;
    let scope = group_of_caller(caller, Some(facts.group_id)).map_err(|r| match r {
        GroupRefusal::TwoStepRequired => AppError::TwoStepRequired,
        _ => AppError::NotFound,
    })?;
    let a = account::find(conn, cid)?;
    let staff = membership::staff_by_name(conn, scope.group_id().0)?;
    let owners = client_list::owner_summaries(conn, &[cid], db::now())?;
    let due = crate::models::deletion::open_due_of(conn, &[cid])?;
    Ok(client_json(a, &staff, &owners, &due))
}

/// The caller's own client account: the one named, or the only one they belong to; as
/// the client area's Account page shows it (its permission needed).
pub fn own_account(
    conn: &mut DbConn,
    caller: &Caller,
    named: Option<i64>,
) -> Result<AccountJson, AppError> {
    // A deleted client's users lost access: it is not one of theirs to choose.
    let clients: Vec<i64> = caller
        .memberships
        .iter()
        .filter(|m| m.account_kind == crate::models::account::KIND_CLIENT)
        .filter(|m| m.deleted_at.is_none())
        .map(|m| m.account_id)
        .collect();
    let cid = match named {
        Some(cid) => cid,
        None if clients.len() == 1 => clients[0],
        None if clients.is_empty() => return Err(AppError::NotFound),
        None => return Err(AppError::BadRequest("account".into())),
    };
    let scope: MemberClientScope =
        scope::member_client_scope(conn, &caller.memberships, ClientId(cid))?;
    if !scope.may(crate::auth::rights::Action::SeeAccount) {
        return Err(AppError::NotFound);
    }
    let a = crate::services::portal::account(conn, &scope)?;
    let group_name = match a.parent_id {
        Some(gid) => account::find(conn, gid)?.name,
        None => String::new(),
    };
    let see_billing = scope.can(crate::auth::rights::Permission::Billing);
    Ok(AccountJson {
        id: a.id,
        role: scope.role().code().to_owned(),
        billing_emails: see_billing.then(|| split_emails(&a.billing_emails)),
        created_at: timestamp(a.created_at),
        account_name: a.name,
        company_name: a.company_name,
        custom_id: a.custom_id,
        unique_identifier: a.unique_identifier,
        status: a.status,
        group_name,
        language: a.language,
        country: a.country,
        region: a.region,
        city: a.city,
        address: a.address,
        postal_code: a.postal_code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_names_are_required_one_line_and_short() {
        assert!(check_token_name("").has("token_name"));
        assert!(check_token_name("a\tb").has("token_name"));
        assert!(check_token_name(&"x".repeat(MAX_TOKEN_NAME + 1)).has("token_name"));
        assert!(check_token_name("Billing sync").is_empty());
    }

    #[test]
    fn cursors_are_refused_for_another_order_or_when_not_ours() {
        use crate::services::client_list::ListQuery;
        let by = |q: &str| ListParams::from_query(&ListQuery::parse(q), false);
        let b: Boundary = serde_json::from_value(serde_json::json!({
            "id": 7, "name_key": "globex", "company_key": "", "status_rank": 2,
            "created_at": "2026-12-04T10:00:00", "seller_rank": 0
        }))
        .unwrap();
        let key = CursorKey::derive(b"a session key of the test");
        let c = encode_cursor(&key, 1, &by("sort=name&dir=desc"), b.clone());
        let read = |group: i64, q: &str, c: &str| decode_cursor(&key, group, &by(q), c);
        assert_eq!(read(1, "sort=name&dir=desc&q=x", &c).unwrap(), b);
        assert!(read(1, "sort=name&dir=asc", &c).is_err());
        assert!(read(1, "sort=company&dir=desc", &c).is_err());
        // Another group's cursor opens nothing here.
        assert!(read(2, "sort=name&dir=desc", &c).is_err());
        for junk in ["7", "zz", "", ".", "e30.", "e30.e30"] {
            assert!(read(1, "", junk).is_err(), "{junk:?}");
        }
        // Another instance with the same SESSION_KEY reads it.
        let same = CursorKey::derive(b"a session key of the test");
        assert!(decode_cursor(&same, 1, &by("sort=name&dir=desc"), &c).is_ok());
        // Another key's cursor (another installation, or a changed SESSION_KEY).
        let other = CursorKey::derive(b"another key");
        let theirs = encode_cursor(&other, 1, &by("sort=name&dir=desc"), b.clone());
        assert!(read(1, "sort=name&dir=desc", &theirs).is_err());
    }

    #[test]
    fn a_cursor_changed_by_one_byte_is_refused() {
        use crate::services::client_list::ListQuery;
        use base64::Engine;
        use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
        let p = ListParams::from_query(&ListQuery::parse(""), false);
        let b: Boundary = serde_json::from_value(serde_json::json!({
            "id": 7, "name_key": "globex", "company_key": "", "status_rank": 2,
            "created_at": "2026-12-04T10:00:00", "seller_rank": 0
        }))
        .unwrap();
        let key = CursorKey::derive(b"k");
        let c = encode_cursor(&key, 1, &p, b);
        let (payload, tag) = c.split_once('.').unwrap();
        // A sort value with a NUL (the 500 on PostgreSQL of issue 33), re-encoded under the
        // old tag: refused before it reaches a query.
        let forged = String::from_utf8(B64.decode(payload).unwrap())
            .unwrap()
            .replace("globex", "glo\\u0000bex");
        let forged = format!("{}.{tag}", B64.encode(forged));
        assert!(decode_cursor(&key, 1, &p, &forged).is_err());
        let mut bytes = B64.decode(tag).unwrap();
        bytes[0] ^= 1;
        let flipped = format!("{payload}.{}", B64.encode(bytes));
        assert!(decode_cursor(&key, 1, &p, &flipped).is_err());
        assert!(decode_cursor(&key, 1, &p, &c).is_ok());
    }

    #[test]
    fn times_are_rfc3339_in_utc() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .unwrap()
            .and_hms_opt(18, 5, 9)
            .unwrap();
        assert_eq!(timestamp(t), "2026-12-04T18:05:09Z");
    }
}
