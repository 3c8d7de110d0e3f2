//! Creating and editing clients, their owner's activation, and the activation expiry job.
//! Each operation is one transaction: the client, its owner, the activation token, the
//! activation email (outbox) and the audit event are written together or not at all.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;

use crate::auth::rights::Action;
use crate::auth::scope::{GroupScope, MemberClientScope, StaffClientScope, StaffRole};
use crate::auth::tokens::{hash_token, new_token};
use crate::db::in_ids::{InIds, in_ids};
use crate::db::{self, DbConn, ids::ClientId, schema, sort_key};
use crate::error::AppError;
use crate::input::FieldErrors;
use crate::mail::{Email, EmailKind, Lang, outbox};
use crate::models::account::{self, Account, ClientRow, ClientStatus, KIND_CLIENT};
use crate::models::invitation;
use crate::models::membership::{self, StaffMember};
use crate::models::seller_rank;
use crate::models::token::{self, NewToken, PURPOSE_ACTIVATION};
use crate::models::user;
use crate::services::audit::{self, Actor, Changes};
use crate::services::client_list::{OwnerSummary, owner_summaries};
use crate::services::client_rules::{ClientFields, ClientInput, OwnerFields, derive_status, diff};
use crate::services::client_services::{self, ServicesChoice};
use crate::services::invitations;

pub use crate::models::token::ACTIVATION_LIFETIME;

fn service_statuses(conn: &mut DbConn, client_id: i64) -> QueryResult<Vec<String>> {
    use crate::db::schema::client_services as cs;
    cs::table
        .filter(cs::client_id.eq(client_id))
        .filter(cs::status.is_not_null())
        .select(cs::status.assume_not_null())
        .load(conn)
}

fn row<'a>(
    f: &'a ClientFields,
    statuses: &[String],
    seller_rank: i32,
    now: NaiveDateTime,
) -> ClientRow<'a> {
    let status = derive_status(f.active, false, statuses.iter().map(String::as_str));
    ClientRow {
        name: &f.account_name,
        name_key: sort_key(&f.account_name),
        company_name: &f.company_name,
        company_key: sort_key(&f.company_name),
        unique_identifier: f.unique_identifier.as_deref(),
        unique_identifier_key: f.unique_identifier.as_deref().map(sort_key),
        billing_emails: f.billing_emails.join("\n"),
        active: f.active,
        custom_id: f.custom_id.as_deref(),
        custom_id_key: f.custom_id.as_deref().map(sort_key),
        seller_id: f.seller_id,
        test_account: f.test_account,
        language: &f.language,
        country: &f.country,
        region: &f.region,
        city: &f.city,
        address: &f.address,
        postal_code: &f.postal_code,
        status: status.code(),
        status_rank: status.rank(),
        seller_rank,
        search_key: crate::db::search::search_key(&[
            Some(&f.account_name),
            Some(&f.company_name),
            f.custom_id.as_deref(),
            f.unique_identifier.as_deref(),
        ]),
        updated_at: now,
    }
}

/// Whether this user is staff (owner, admin or seller) of this very group: who may be a
/// client's seller.
pub fn is_group_staff(conn: &mut DbConn, group_id: i64, user_id: i64) -> QueryResult<bool> {
    let role = membership::role_in(conn, group_id, user_id)?;
    Ok(role.as_deref().and_then(StaffRole::parse).is_some())
}

/// The checks that need the database: uniqueness in the group (case-insensitive) and a
/// seller who is staff of this very group.
fn check_against_group(
    conn: &mut DbConn,
    group_id: i64,
    except: Option<i64>,
    f: &ClientFields,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    let c = account::clashes(
        conn,
        group_id,
        except,
        &sort_key(&f.account_name),
        f.unique_identifier.as_deref().map(sort_key).as_deref(),
        f.custom_id.as_deref().map(sort_key).as_deref(),
    )?;
    if c.name {
        errors.add("account_name", "error-name-taken");
    }
    if c.unique_identifier {
        errors.add("unique_identifier", "error-identifier-taken");
    }
    if c.custom_id {
        errors.add("custom_id", "error-custom-id-taken");
    }
    if let Some(seller) = f.seller_id
        && !is_group_staff(conn, group_id, seller)?
    {
        errors.add("seller_id", "error-choose-seller");
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// The audit's changes from the stored client (None: a new one) to these fields: the
/// table of client fields says which differ and how each value is recorded.
fn client_changes(old: Option<&Account>, f: &ClientFields) -> Changes {
    let old = old.map(ClientInput::of);
    diff(old.as_ref(), &f.to_input())
        .into_iter()
        .fold(Changes::new(), |changes, c| {
            let field = c.field();
            changes.field(c.name, field.json(&c.old), field.json(&c.new))
        })
}

/// Issues an activation link for a pending owner and queues its email, voiding older links.
fn issue_activation(
    conn: &mut DbConn,
    user_id: i64,
    client: (i64, &str, &str),
    group_name: &str,
    first_name: &str,
    email: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let (client_id, client_name, language) = client;
    let now = db::now();
    token::void_for(conn, PURPOSE_ACTIVATION, user_id, client_id, now)?;
    let secret = new_token();
    token::insert(
        conn,
        &NewToken {
            purpose: PURPOSE_ACTIVATION,
            token_hash: &hash_token(&secret),
            user_id: Some(user_id),
            email: Some(email),
            account_id: Some(client_id),
            created_at: now,
            expires_at: now + ACTIVATION_LIFETIME,
        },
    )?;
    let group_id = account::find(conn, client_id)?.parent_id;
    outbox::enqueue(
        conn,
        base_url,
        &Email {
            to: email.to_owned(),
            lang: Lang::from_code(language),
            kind: EmailKind::OwnerActivation {
                first_name: first_name.to_owned(),
                client_name: client_name.to_owned(),
                group_name: group_name.to_owned(),
                token: secret,
            },
            group_id,
        },
    )?;
    Ok(())
}

/// A client to add.
pub struct NewClient {
    pub fields: ClientFields,
    pub owner: OwnerFields,
    /// The bcrypt hash of `owner.password`.
    pub owner_hash: Option<String>,
    /// The Add client form's service switches (None: the form had none, and the client
    /// follows the group's visibility): changed, its visibility is its own from the start.
    pub services: Option<ServicesChoice>,
}

/// Creates a client and invites its owner; returns the new client's id.
///
/// The owner is named by email (SPEC §2) and is always invited the same way
/// ([`invitations::invite_owner`]): nothing here looks the address up, so nothing the
/// group sees afterwards — the answer, the list's "owner pending" and its days left, the
/// edit tab, the Users tab, a search, "Email problems", the client's history — depends on
/// whether it already has a user. Accepting the invitation is the owner's activation: an
/// address with a user signs in (no new password; a password typed here is never applied
/// to it), a new one chooses a password, or confirms the one typed here.
pub fn create(
    conn: &mut DbConn,
    scope: &GroupScope,
    new: &NewClient,
    actor: &Actor,
    base_url: &str,
) -> Result<i64, AppError> {
    let group_id = scope.group_id().0;
    let (f, owner) = (&new.fields, &new.owner);
    db::write_tx(conn, |conn| {
        check_against_group(conn, group_id, None, f)?;
        let now = db::now();
        let rank = seller_rank::rank_of(conn, group_id, f.seller_id)?;
        let client_id = account::insert_client(conn, group_id, &row(f, &[], rank, now), now)?;
        let client = account::find(conn, client_id)?;
        invitations::invite_owner(
            conn,
            &client,
            &invitations::OwnerInvite {
                email: &owner.email,
                first_name: &owner.first_name,
                last_name: &owner.last_name,
                password_hash: new.owner_hash.as_deref(),
            },
            actor.user_id,
            base_url,
        )?;
        let mut changes = client_changes(None, f).field("owner", Value::Null, owner.email.clone());
        if let Some(choice) = &new.services {
            changes = client_services::apply_choice(conn, client_id, choice, now, changes)?;
        }
        audit::record(
            conn,
            actor,
            Some(group_id),
            Some(client_id),
            "client.created",
            &changes,
        )?;
        Ok(client_id)
    })
}

/// The group's staff, for the seller select of the client forms.
pub fn staff(conn: &mut DbConn, scope: &GroupScope) -> Result<Vec<StaffMember>, AppError> {
    Ok(membership::staff_of_group(conn, scope.group_id().0)?)
}

/// What a client's status pill says on each of its tabs: the stored status, its services
/// in use (name, status) and when an open deletion request falls due.
pub struct StatusFacts {
    pub status: ClientStatus,
    pub services: Vec<(String, String)>,
    pub deletion_due: Option<NaiveDateTime>,
}

pub fn status_facts(conn: &mut DbConn, client_id: ClientId) -> QueryResult<StatusFacts> {
    use crate::db::schema::accounts;
    let cid = client_id.0;
    let status: String = accounts::table
        .find(cid)
        .select(accounts::status)
        .first(conn)?;
    Ok(StatusFacts {
        status: ClientStatus::parse(&status).unwrap_or(ClientStatus::Preparation),
        services: crate::models::client_service::in_use(conn, &[cid])?
            .remove(&cid)
            .unwrap_or_default(),
        deletion_due: crate::models::deletion::open_due_of(conn, &[cid])?.remove(&cid),
    })
}

/// What the "Edit client" tab shows besides the form.
pub struct EditView {
    pub client: Account,
    pub staff: Vec<StaffMember>,
    pub owner: Option<OwnerSummary>,
    pub facts: StatusFacts,
    /// An owner or admin can sign in (support access has someone to open as).
    pub enterable: bool,
}

pub fn edit_view(conn: &mut DbConn, scope: &StaffClientScope) -> Result<EditView, AppError> {
    let cid = scope.client_id().0;
    let mut owners = owner_summaries(conn, &[cid], db::now())?;
    Ok(EditView {
        client: account::find(conn, cid)?,
        staff: membership::staff_of_group(conn, scope.group().group_id().0)?,
        owner: owners.remove(&cid),
        facts: status_facts(conn, scope.client_id())?,
        enterable: !membership::with_someone_to_sign_in_as(conn, &[cid])?.is_empty(),
    })
}

/// How a save of the edit form ended.
#[derive(Debug)]
pub enum Saved {
    Saved,
    /// Nothing differed from what is stored.
    Unchanged,
    /// Someone saved since the form was loaded: nothing was written; here is the current.
    Stale(Box<Account>),
}

/// Saves the edit form if the client is still at `version`.
pub fn update(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    version: i32,
    f: &ClientFields,
    actor: &Actor,
) -> Result<Saved, AppError> {
    save(
        conn,
        scope.group().group_id().0,
        scope.client_id().0,
        |_| Ok((version, f.clone())),
        actor,
    )
}

/// Changes one client as a bulk action does: the stored fields with `change` applied,
/// saved like the edit form saves them (the same checks, status and seller rank, one
/// `client.updated` audit event with the fields that changed; nothing when none did).
pub fn change_in_bulk(
    conn: &mut DbConn,
    group_id: i64,
    client_id: i64,
    change: impl FnOnce(&mut ClientFields),
    actor: &Actor,
) -> Result<Saved, AppError> {
    save(
        conn,
        group_id,
        client_id,
        |current| {
            let mut f = ClientInput::of(current)
                .check_client()
                .map_err(AppError::Invalid)?;
            change(&mut f);
            Ok((current.version, f))
        },
        actor,
    )
}

/// What the client's own users may change on the client area's Account page: with
/// `account`, the company name, the language of automatic emails and the address; with
/// `billing`, the billing emails. The account name and the unique identifier stay with the
/// group's staff (both unique in the group: a clash would tell one client about another),
/// and so do the staff's own fields (active, custom id, seller, test account).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct MemberAccountForm {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub company_name: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub billing_emails: String,
}

impl MemberAccountForm {
    /// The form as the stored client fills it.
    pub fn of(a: &Account) -> Self {
        let i = ClientInput::of(a);
        MemberAccountForm {
            version: i.version,
            company_name: i.company_name,
            language: i.language,
            country: i.country,
            region: i.region,
            city: i.city,
            address: i.address,
            postal_code: i.postal_code,
            billing_emails: i.billing_emails,
        }
    }

    /// The stored client's fields with what this user may change taken from the form.
    fn over(&self, current: &Account, edit_account: bool, edit_billing: bool) -> ClientInput {
        let mut input = ClientInput::of(current);
        if edit_account {
            input.company_name = self.company_name.clone();
            input.language = self.language.clone();
            input.country = self.country.clone();
            input.region = self.region.clone();
            input.city = self.city.clone();
            input.address = self.address.clone();
            input.postal_code = self.postal_code.clone();
        }
        if edit_billing {
            input.billing_emails = self.billing_emails.clone();
        }
        input
    }
}

/// Saves the client area's Account page: only what the user's permissions allow (none of
/// it: `NotFound`), only if the client is still at the version the form was loaded at.
pub fn update_as_member(
    conn: &mut DbConn,
    scope: &MemberClientScope,
    form: &MemberAccountForm,
    actor: &Actor,
) -> Result<Saved, AppError> {
    let edit_account = scope.may(Action::EditAccount);
    let edit_billing = scope.may(Action::EditBilling);
    if !edit_account && !edit_billing {
        return Err(AppError::NotFound);
    }
    let version: i32 = form.version.trim().parse().unwrap_or(-1);
    save(
        conn,
        scope.group_id().0,
        scope.client_id().0,
        |current| {
            let fields = form
                .over(current, edit_account, edit_billing)
                .check_client()
                .map_err(AppError::Invalid)?;
            Ok((version, fields))
        },
        actor,
    )
}

/// Writes a client's fields, one change of that client at a time: `fields` gives the
/// version the form was loaded at and the fields to store, from the stored client.
fn save(
    conn: &mut DbConn,
    group_id: i64,
    client_id: i64,
    fields: impl FnOnce(&Account) -> Result<(i32, ClientFields), AppError>,
    actor: &Actor,
) -> Result<Saved, AppError> {
    db::write_tx(conn, |conn| {
        // The status written below derives from the services read here: one at a time.
        db::lock_account(conn, client_id)?;
        let current = account::find(conn, client_id)?;
        // A deleted client's record is kept as it was.
        if current.deleted_at.is_some() {
            return Err(AppError::client_deleted());
        }
        let (version, f) = fields(&current)?;
        if current.version != version {
            return Ok(Saved::Stale(Box::new(current)));
        }
        let changes = client_changes(Some(&current), &f);
        if changes.is_empty() {
            return Ok(Saved::Unchanged);
        }
        check_against_group(conn, group_id, Some(client_id), &f)?;
        let now = db::now();
        let statuses = service_statuses(conn, client_id)?;
        let rank = seller_rank::rank_of(conn, group_id, f.seller_id)?;
        let new_row = row(&f, &statuses, rank, now);
        if !account::update_client(conn, client_id, version, &new_row)? {
            return Ok(Saved::Stale(Box::new(account::find(conn, client_id)?)));
        }
        audit::record(
            conn,
            actor,
            Some(group_id),
            Some(client_id),
            "client.updated",
            &changes,
        )?;
        Ok(Saved::Saved)
    })
}

/// How a "send the owner's link again" ended.
#[derive(Debug)]
pub enum Resent {
    /// A new link went to this address; the old one stops working.
    Sent(String),
    /// The last link went out less than a minute ago: nothing was sent.
    TooSoon,
    /// The owner is no longer pending (or there is none): nothing was sent.
    NotPending,
}

/// "Send the owner's link again": a new activation link, or a new link of the owner's
/// invitation, whichever the owner is waiting on. Both answer alike — at most once a minute,
/// the same words, the same audit — so the console does not tell them apart.
pub fn resend_activation(
    conn: &mut DbConn,
    scope: &StaffClientScope,
    actor: &Actor,
    base_url: &str,
) -> Result<Resent, AppError> {
    let group_id = scope.group().group_id().0;
    let client_id = scope.client_id().0;
    db::write_tx(conn, |conn| {
        let client = account::find(conn, client_id)?;
        if client.deleted_at.is_some() {
            return Ok(Resent::NotPending);
        }
        let now = db::now();
        if let Some(owner) = membership::owners_of(conn, &[client_id])?
            .into_iter()
            .next()
        {
            if owner.activated {
                return Ok(Resent::NotPending);
            }
            let last = token::latest_for(conn, PURPOSE_ACTIVATION, owner.user_id, client_id)?;
            if last.is_some_and(|t| t.created_at > now - invitations::RESEND_INTERVAL) {
                return Ok(Resent::TooSoon);
            }
            issue_activation(
                conn,
                owner.user_id,
                (client_id, &client.name, &client.language),
                scope.group().group_name(),
                &owner.first_name,
                &owner.email,
                base_url,
            )?;
            let changes = Changes::new().field("owner", Value::Null, owner.email.clone());
            audit::record(
                conn,
                actor,
                Some(group_id),
                Some(client_id),
                "owner.activation_resent",
                &changes,
            )?;
            return Ok(Resent::Sent(owner.email));
        }
        let Some(inv) = invitation::open_owner_invitation(conn, client_id)? else {
            return Ok(Resent::NotPending);
        };
        match invitations::resend(conn, &client, inv.id, "", Lang::En, actor, base_url) {
            Ok(inv) => Ok(Resent::Sent(inv.email)),
            Err(AppError::Conflict(why)) if why == invitations::RESENT_TOO_SOON => {
                Ok(Resent::TooSoon)
            }
            // Closed meanwhile (accepted, declined, revoked).
            Err(AppError::Conflict(_)) => Ok(Resent::NotPending),
            Err(e) => Err(e),
        }
    })
}

/// What an activation link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activation {
    Valid {
        user_id: i64,
        client_id: i64,
        email: String,
        client_name: String,
    },
    Used,
    Expired,
    Unknown,
}

pub fn activation(conn: &mut DbConn, secret: &str) -> QueryResult<Activation> {
    let Some(t) = token::find_by_hash(conn, PURPOSE_ACTIVATION, &hash_token(secret))? else {
        return Ok(Activation::Unknown);
    };
    if t.used_at.is_some() {
        return Ok(Activation::Used);
    }
    if t.expires_at <= db::now() {
        return Ok(Activation::Expired);
    }
    let (Some(user_id), Some(client_id)) = (t.user_id, t.account_id) else {
        return Ok(Activation::Unknown);
    };
    let u = user::find(conn, user_id)?;
    // Bound to the address it was sent to: a changed email voids the link.
    if t.email.as_deref() != Some(u.email.as_str()) {
        return Ok(Activation::Unknown);
    }
    let client = account::find(conn, client_id)?;
    // The link is the owner's: it opens nothing once they are not, or the client is gone.
    let owner = membership::role_in(conn, client_id, user_id)?;
    if client.deleted_at.is_some() || owner.as_deref() != Some("owner") {
        return Ok(Activation::Unknown);
    }
    Ok(Activation::Valid {
        user_id,
        client_id,
        email: u.email,
        client_name: client.name,
    })
}

/// Spends the link and sets the owner's password; returns who and where on success.
pub fn activate(
    conn: &mut DbConn,
    secret: &str,
    password_hash: &str,
) -> Result<Activation, AppError> {
    db::write_tx(conn, |conn| {
        let state = activation(conn, secret)?;
        let Activation::Valid {
            user_id,
            client_id,
            ref email,
            ..
        } = state
        else {
            return Ok(state);
        };
        let now = db::now();
        if !token::spend(conn, PURPOSE_ACTIVATION, &hash_token(secret), now)? {
            return Ok(Activation::Used);
        }
        // Voids the user's other links (owner of several clients) and ends their sessions.
        crate::services::users::set_password(conn, user_id, password_hash, now)?;
        let group_id = account::find(conn, client_id)?.parent_id;
        let actor = Actor::user(user_id, email, None);
        audit::record(
            conn,
            &actor,
            group_id,
            Some(client_id),
            "owner.activated",
            &Changes::new(),
        )?;
        Ok(state)
    })
}

/// The users who have not activated yet (id, email), read from their partial index: the
/// job runs every minute and should not walk every user of every tenant.
#[diesel::dsl::auto_type(no_type_alias)]
fn pending_users() -> _ {
    schema::users::table
        .filter(schema::users::activated_at.is_null())
        .select((schema::users::id, schema::users::email))
}

/// The client ownerships of some users (client, user, group, owner since), by the
/// memberships' user index.
#[diesel::dsl::auto_type(no_type_alias)]
fn ownerships_of(user_ids: &[i64]) -> _ {
    let kind: &'static str = KIND_CLIENT;
    let owner: &'static str = "owner";
    let of_users: InIds<schema::memberships::user_id> =
        in_ids(schema::memberships::user_id, user_ids);
    schema::memberships::table
        .inner_join(schema::accounts::table)
        .filter(of_users)
        .filter(schema::memberships::role.eq(owner))
        .filter(schema::accounts::kind.eq(kind))
        .select((
            schema::memberships::account_id,
            schema::memberships::user_id,
            schema::accounts::parent_id,
            schema::memberships::created_at,
        ))
}

/// The plans of the job's two look-ups (a plan test).
pub fn pending_owners_plan(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    let mut plan = crate::db::explain::explain(conn, pending_users())?;
    plan.extend(crate::db::explain::explain(conn, ownerships_of(&[1, 2]))?);
    Ok(plan)
}

/// A client's owner who has not activated.
struct PendingOwner {
    client_id: i64,
    user_id: i64,
    email: String,
    group_id: Option<i64>,
    since: NaiveDateTime,
}

fn pending_owners(conn: &mut DbConn) -> QueryResult<Vec<PendingOwner>> {
    let users: Vec<(i64, String)> = pending_users().load(conn)?;
    let emails: std::collections::HashMap<i64, String> = users.into_iter().collect();
    let ids: Vec<i64> = emails.keys().copied().collect();
    let mut owners = Vec::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(i64, i64, Option<i64>, NaiveDateTime)> = ownerships_of(chunk).load(conn)?;
        owners.extend(
            rows.into_iter()
                .map(|(client_id, user_id, group_id, since)| PendingOwner {
                    client_id,
                    user_id,
                    email: emails[&user_id].clone(),
                    group_id,
                    since,
                }),
        );
    }
    Ok(owners)
}

/// The job: owners who did not activate within 14 days of their latest link (or, given a
/// password by staff and sent no link, of becoming the owner) lose the ownership, and the
/// user goes when it has no other membership and never activated; the client stays, with
/// "no owner". Idempotent: a second run finds nothing.
pub fn expire_pending_owners(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    use crate::db::schema::users;
    let mut removed = 0;
    for pending in pending_owners(conn)? {
        let PendingOwner {
            client_id,
            user_id,
            email,
            group_id,
            since,
        } = pending;
        let latest = token::latest_for(conn, PURPOSE_ACTIVATION, user_id, client_id)?;
        let issued = latest.map_or(since, |t| t.created_at);
        if issued + ACTIVATION_LIFETIME > now {
            continue;
        }
        removed += db::write_tx(conn, |conn| {
            if membership::delete(conn, client_id, user_id)? == 0 {
                return Ok(0);
            }
            token::void_for(conn, PURPOSE_ACTIVATION, user_id, client_id, now)?;
            if membership::count_for_user(conn, user_id)? == 0 {
                diesel::delete(
                    users::table
                        .find(user_id)
                        .filter(users::activated_at.is_null()),
                )
                .execute(conn)?;
            }
            let changes = Changes::new().field("owner", email.as_str(), Value::Null);
            audit::record(
                conn,
                &Actor::system(),
                group_id,
                Some(client_id),
                "owner.activation_expired",
                &changes,
            )?;
            Ok::<_, diesel::result::Error>(1)
        })?;
    }
    Ok(removed)
}
