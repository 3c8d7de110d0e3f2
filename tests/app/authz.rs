//! The authorisation matrix (issue 16): every route of `routes::ROUTES` × every kind of
//! person × own and other tenants, GET and POST. What each cell should answer comes from
//! one table, [`MATRIX`]; a route of the route table without a row there fails the test.
//!
//! - **yes**: the page or action is theirs: any answer but 403/404/405, a 5xx or the
//!   sign-in redirect (a POST with no fields may answer 422, a 303 with a flash, 409).
//! - **refused**: 403 with a page that says why (the impersonation guard, or a person
//!   reaching beyond their rights on something of their own account). A refusal during
//!   support access writes exactly one audit row (`impersonation.refused`); any other
//!   refusal writes nothing.
//! - **open**: pages for anybody (sign-in, links with a token, tested with an unknown token):
//!   anything but a 5xx.
//! - everything else is **no**: 404 when signed in, exactly like a page that does not
//!   exist, and the redirect to the sign-in page when signed out.
//!
//! Every POST that is not a "yes" is followed by a comparison of the whole database
//! (every table, every column) with what it held before: a refused action writes nothing
//! but, during support access, its audit row.
//!
//! A few rows name an **item** besides the route: the same route on a particular thing of
//! the own account (an admin's invitation, one giving `billing`), probed in the own tenant
//! only, for the rules that depend on the thing and not on the route.
//! Each person gets an app and a database of their own, so what their allowed actions
//! change (a removal, an ownership transfer) cannot hide another person's cell.

use std::collections::BTreeSet;

use clientele::db::{self, DbConn};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::*;

/// The people the matrix signs in as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    GroupOwner,
    GroupAdmin,
    Seller,
    ClientOwner,
    ClientAdmin,
    MemberAccount,
    MemberServices,
    MemberUsers,
    MemberBilling,
    MemberNone,
    /// The owner of another group (with nothing of the first group's).
    OtherGroup,
    /// A seller of the group signed in as the client's owner ("Log in").
    Impersonating,
    SignedOut,
}

impl Who {
    const ALL: [Who; 13] = [
        Who::GroupOwner,
        Who::GroupAdmin,
        Who::Seller,
        Who::ClientOwner,
        Who::ClientAdmin,
        Who::MemberAccount,
        Who::MemberServices,
        Who::MemberUsers,
        Who::MemberBilling,
        Who::MemberNone,
        Who::OtherGroup,
        Who::Impersonating,
        Who::SignedOut,
    ];

    /// The word the table uses.
    fn code(self) -> &'static str {
        match self {
            Who::GroupOwner => "go",
            Who::GroupAdmin => "ga",
            Who::Seller => "gs",
            Who::ClientOwner => "co",
            Who::ClientAdmin => "ca",
            Who::MemberAccount => "macc",
            Who::MemberServices => "msvc",
            Who::MemberUsers => "musr",
            Who::MemberBilling => "mbill",
            Who::MemberNone => "mnone",
            Who::OtherGroup => "xg",
            Who::Impersonating => "im",
            Who::SignedOut => "so",
        }
    }

    fn is_staff(self) -> bool {
        matches!(self, Who::GroupOwner | Who::GroupAdmin | Who::Seller)
    }

    /// Who signs in with a password (the impersonating seller signs in as themselves).
    fn email(self) -> Option<&'static str> {
        Some(match self {
            Who::GroupOwner => "go@g1.test",
            Who::GroupAdmin => "ga@g1.test",
            Who::Seller | Who::Impersonating => "gs@g1.test",
            Who::ClientOwner => "co@c1.test",
            Who::ClientAdmin => "ca@c1.test",
            Who::MemberAccount => "macc@c1.test",
            Who::MemberServices => "msvc@c1.test",
            Who::MemberUsers => "musr@c1.test",
            Who::MemberBilling => "mbill@c1.test",
            Who::MemberNone => "mnone@c1.test",
            Who::OtherGroup => "xg@g3.test",
            Who::SignedOut => return None,
        })
    }
}

/// One row: a route and method, and who gets what. Words: the codes of [`Who::code`] and
/// `staff` (go ga gs), `client` (co ca macc msvc musr mbill mnone im), `signed-in` (all
/// but so), `everyone`; a leading `-` takes one out again (`signed-in -im`).
struct Row {
    method: &'static str,
    path: &'static str,
    /// Empty: the route's own row. Otherwise the thing of the own tenant the id names.
    item: &'static str,
    /// What an item row's POST sends besides the CSRF token (the route's own rows send
    /// nothing else).
    fields: &'static [(&'static str, &'static str)],
    yes: &'static str,
    refused: &'static str,
    open: &'static str,
}

const fn row(
    method: &'static str,
    path: &'static str,
    yes: &'static str,
    refused: &'static str,
    open: &'static str,
) -> Row {
    Row {
        method,
        path,
        item: "",
        fields: &[],
        yes,
        refused,
        open,
    }
}

/// A row for `path` on one particular thing of the own tenant (see the module's doc).
const fn item_row(
    method: &'static str,
    path: &'static str,
    item: &'static str,
    yes: &'static str,
    refused: &'static str,
) -> Row {
    item_row_with(method, path, item, &[], yes, refused)
}

/// An item row whose POST sends these fields.
const fn item_row_with(
    method: &'static str,
    path: &'static str,
    item: &'static str,
    fields: &'static [(&'static str, &'static str)],
    yes: &'static str,
    refused: &'static str,
) -> Row {
    Row {
        method,
        path,
        item,
        fields,
        yes,
        refused,
        open: "",
    }
}

/// The expectations: the README's "Who can do what" and "Support access" as routes.
const MATRIX: &[Row] = &[
    row("GET", "/", "signed-in", "", ""),
    row("GET", "/setup", "", "", "everyone"),
    row("POST", "/setup", "", "", "everyone"),
    row("GET", "/login", "", "", "everyone"),
    row("POST", "/login", "", "", "everyone"),
    // Signed out too: it ends the visitor's session (its CSRF token) all the same.
    row("POST", "/logout", "everyone", "", ""),
    row("GET", "/password/forgot", "", "", "everyone"),
    row("POST", "/password/forgot", "", "", "everyone"),
    row("GET", "/password/reset/{token}", "", "", "everyone"),
    row("POST", "/password/reset/{token}", "", "", "everyone"),
    row("GET", "/profile", "signed-in", "", ""),
    row("POST", "/profile", "signed-in -im", "im", ""),
    row("POST", "/profile/password", "signed-in -im", "im", ""),
    row("POST", "/profile/sessions/end", "signed-in -im", "im", ""),
    // NEW_ACCOUNTS=staff (the default): a group's staff may; clients' users are told why.
    row("POST", "/profile/accounts", "staff xg", "client", ""),
    row("POST", "/profile/api-tokens", "signed-in -im", "im", ""),
    row(
        "POST",
        "/profile/api-tokens/{id}/revoke",
        "signed-in -im",
        "im",
        "",
    ),
    row("GET", "/profile/two-step", "signed-in -im", "im", ""),
    row("POST", "/profile/two-step/start", "signed-in -im", "im", ""),
    row(
        "POST",
        "/profile/two-step/confirm",
        "signed-in -im",
        "im",
        "",
    ),
    row(
        "POST",
        "/profile/two-step/recovery-codes",
        "signed-in -im",
        "im",
        "",
    ),
    row(
        "POST",
        "/profile/two-step/disable",
        "signed-in -im",
        "im",
        "",
    ),
    row("GET", "/email-change/{token}", "", "", "everyone"),
    row("POST", "/email-change/{token}", "", "", "everyone"),
    row("GET", "/accounts", "signed-in", "", ""),
    row(
        "POST",
        "/accounts/invitations/{id}/accept",
        "signed-in -im",
        "im",
        "",
    ),
    row(
        "POST",
        "/accounts/invitations/{id}/decline",
        "signed-in -im",
        "im",
        "",
    ),
    row("GET", "/invitations/{token}", "", "", "everyone"),
    row("POST", "/invitations/{token}/accept", "", "", "everyone"),
    row("POST", "/invitations/{token}/decline", "", "", "everyone"),
    row("GET", "/activate/{token}", "", "", "everyone"),
    row("POST", "/activate/{token}", "", "", "everyone"),
    row("GET", "/groups/{gid}/clients", "staff", "", ""),
    row("POST", "/groups/{gid}/clients", "staff", "", ""),
    row("GET", "/groups/{gid}/clients.csv", "staff", "", ""),
    row("GET", "/groups/{gid}/clients/new", "staff", "", ""),
    row("GET", "/groups/{gid}/clients/bulk", "staff", "", ""),
    row("POST", "/groups/{gid}/clients/bulk", "staff", "", ""),
    row("POST", "/groups/{gid}/clients/columns", "staff", "", ""),
    row("POST", "/groups/{gid}/views", "staff", "", ""),
    row("POST", "/groups/{gid}/views/default", "staff", "", ""),
    row("POST", "/groups/{gid}/views/{id}/delete", "staff", "", ""),
    row("GET", "/groups/{gid}/clients/{cid}", "staff", "", ""),
    row("POST", "/groups/{gid}/clients/{cid}", "staff", "", ""),
    row(
        "POST",
        "/groups/{gid}/clients/{cid}/owner/resend-activation",
        "staff",
        "",
        "",
    ),
    // The matrix's clients have an owner: "Invite a new owner" shows the tab again and
    // sends nothing; the journey is tests/app/seed_steps.rs.
    row(
        "GET",
        "/groups/{gid}/clients/{cid}/owner/invite",
        "staff",
        "",
        "",
    ),
    row(
        "POST",
        "/groups/{gid}/clients/{cid}/owner/invite",
        "staff",
        "",
        "",
    ),
    row(
        "POST",
        "/groups/{gid}/clients/{cid}/login",
        "staff",
        "im",
        "",
    ),
    row(
        "GET",
        "/groups/{gid}/clients/{cid}/deletion",
        "staff",
        "",
        "",
    ),
    row(
        "POST",
        "/groups/{gid}/clients/{cid}/deletion/cancel",
        "staff",
        "",
        "",
    ),
    row(
        "POST",
        "/groups/{gid}/clients/{cid}/delete",
        "staff",
        "",
        "",
    ),
    row(
        "GET",
        "/groups/{gid}/clients/{cid}/history",
        "staff",
        "",
        "",
    ),
    row("GET", "/groups/{gid}/activity", "go ga", "", ""),
    // Only the first group is an operator group here (the owner's own group).
    row("GET", "/groups/{gid}/system", "go", "", ""),
    // Not impersonating, "Return to console" has nothing to end: it goes home.
    row("POST", "/impersonation/exit", "im", "", "everyone -im"),
    row(
        "GET",
        "/groups/{gid}/clients/{cid}/services",
        "staff",
        "",
        "",
    ),
    row(
        "POST",
        "/groups/{gid}/clients/{cid}/services",
        "staff",
        "",
        "",
    ),
    row("GET", "/groups/{gid}/clients/{cid}/users", "staff", "", ""),
    row(
        "GET",
        "/groups/{gid}/clients/{cid}/users/owner",
        "staff",
        "",
        "",
    ),
    row(
        "POST",
        "/groups/{gid}/clients/{cid}/users/owner",
        "staff",
        "",
        "",
    ),
    row(
        "GET",
        "/groups/{gid}/clients/{cid}/users/{uid}",
        "staff",
        "",
        "",
    ),
    row(
        "POST",
        "/groups/{gid}/clients/{cid}/users/{uid}",
        "staff",
        "",
        "",
    ),
    row("GET", "/groups/{gid}/settings", "go ga", "", ""),
    row("POST", "/groups/{gid}/settings", "go ga", "", ""),
    row("POST", "/groups/{gid}/settings/two-step", "go", "im", ""),
    row("GET", "/groups/{gid}/emails", "go", "", ""),
    row("POST", "/groups/{gid}/emails/{id}/retry", "go", "", ""),
    row("GET", "/portal/{cid}", "client", "", ""),
    row(
        "GET",
        "/portal/{cid}/account",
        "co ca macc mbill im",
        "",
        "",
    ),
    row(
        "POST",
        "/portal/{cid}/account",
        "co ca macc mbill im",
        "",
        "",
    ),
    row("GET", "/portal/{cid}/services", "co ca msvc im", "", ""),
    row("GET", "/portal/{cid}/support", "co ca im", "", ""),
    row("GET", "/portal/{cid}/deletion", "co im", "", ""),
    row("POST", "/portal/{cid}/deletion", "co", "im", ""),
    row("GET", "/portal/{cid}/users", "co ca musr im", "", ""),
    // Inviting grants access: never from inside support access (issue 33).
    row("POST", "/portal/{cid}/users", "co ca musr", "im", ""),
    // A person's own page (their change form, remove, transfer): for those who may act on
    // them (an admin is not a `users` member's to change: not found).
    row("GET", "/portal/{cid}/users/{id}", "co ca musr im", "", ""),
    item_row("GET", "/portal/{cid}/users/{id}", "admin", "co ca im", ""),
    row("POST", "/portal/{cid}/users/{id}", "co ca musr im", "", ""),
    row(
        "POST",
        "/portal/{cid}/users/{id}/remove",
        "co ca musr im",
        "",
        "",
    ),
    row("POST", "/portal/{cid}/users/{id}/transfer", "co", "im", ""),
    row(
        "POST",
        "/portal/{cid}/users/invitations/{id}/resend",
        "co ca musr",
        "im",
        "",
    ),
    row(
        "POST",
        "/portal/{cid}/users/invitations/{id}/revoke",
        "co ca musr im",
        "",
        "",
    ),
    // Invitations beyond a `users` member's rights (an admin's, one giving `billing`):
    // theirs neither to resend nor to revoke (issue 33). Revoking takes access away, so
    // support access may; resending gives it, so it may not.
    item_row(
        "POST",
        "/portal/{cid}/users/invitations/{id}/resend",
        "admin-invitation",
        "co ca",
        "musr im",
    ),
    item_row(
        "POST",
        "/portal/{cid}/users/invitations/{id}/revoke",
        "admin-invitation",
        "co ca im",
        "musr",
    ),
    item_row(
        "POST",
        "/portal/{cid}/users/invitations/{id}/resend",
        "billing-invitation",
        "co ca",
        "musr im",
    ),
    item_row(
        "POST",
        "/portal/{cid}/users/invitations/{id}/revoke",
        "billing-invitation",
        "co ca im",
        "musr",
    ),
    // Raising a member (a higher role, a permission more): never from inside support access
    // (issue 33); a `users` member asking is told the role or permission is not theirs to
    // give (422).
    item_row_with(
        "POST",
        "/portal/{cid}/users/{id}",
        "member",
        &[("role", "admin"), ("access", "chosen")],
        "co ca musr",
        "im",
    ),
    item_row_with(
        "POST",
        "/portal/{cid}/users/{id}",
        "member",
        &[
            ("role", "member"),
            ("access", "chosen"),
            ("perm_billing", "on"),
        ],
        "co ca musr",
        "im",
    ),
    // …while lowering stays theirs (the member has no permission to lose: the same).
    item_row_with(
        "POST",
        "/portal/{cid}/users/{id}",
        "member",
        &[("role", "member"), ("access", "chosen")],
        "co ca musr im",
        "",
    ),
    // An admin, changed or removed: owners' and admins' to do, not a `users` member's.
    item_row(
        "POST",
        "/portal/{cid}/users/{id}",
        "admin",
        "co ca im",
        "musr",
    ),
    item_row(
        "POST",
        "/portal/{cid}/users/{id}/remove",
        "admin",
        "co ca im",
        "musr",
    ),
    row("GET", "/groups/{gid}/staff", "go ga", "", ""),
    row("POST", "/groups/{gid}/staff", "go ga", "", ""),
    row("GET", "/groups/{gid}/staff/{id}", "go ga", "", ""),
    row("POST", "/groups/{gid}/staff/{id}", "go ga", "", ""),
    row("POST", "/groups/{gid}/staff/{id}/remove", "go ga", "", ""),
    row("POST", "/groups/{gid}/staff/{id}/transfer", "go", "im", ""),
    row("POST", "/groups/{gid}/staff/{id}/unlock", "go ga", "", ""),
    row(
        "POST",
        "/groups/{gid}/staff/{id}/two-step/reset",
        "go ga",
        "im",
        "",
    ),
    row(
        "POST",
        "/groups/{gid}/staff/invitations/{id}/resend",
        "go ga",
        "",
        "",
    ),
    row(
        "POST",
        "/groups/{gid}/staff/invitations/{id}/revoke",
        "go ga",
        "",
        "",
    ),
];

/// Whether `who` is named by a cell's words.
fn names(words: &str, who: Who) -> bool {
    let mut set = BTreeSet::new();
    for word in words.split_whitespace() {
        let (remove, word) = match word.strip_prefix('-') {
            Some(w) => (true, w),
            None => (false, word),
        };
        let members: Vec<Who> = match word {
            "everyone" => Who::ALL.to_vec(),
            "signed-in" => Who::ALL
                .into_iter()
                .filter(|w| *w != Who::SignedOut)
                .collect(),
            "staff" => vec![Who::GroupOwner, Who::GroupAdmin, Who::Seller],
            "client" => vec![
                Who::ClientOwner,
                Who::ClientAdmin,
                Who::MemberAccount,
                Who::MemberServices,
                Who::MemberUsers,
                Who::MemberBilling,
                Who::MemberNone,
                Who::Impersonating,
            ],
            code => vec![
                *Who::ALL
                    .iter()
                    .find(|w| w.code() == code)
                    .unwrap_or_else(|| panic!("no such person in the matrix: {code}")),
            ],
        };
        for m in members {
            if remove {
                set.remove(m.code());
            } else {
                set.insert(m.code());
            }
        }
    }
    set.contains(who.code())
}

/// Where a probe points: the tenant the path's ids come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tenant {
    /// The first group and the client the client users belong to.
    Own,
    /// Another client of the same group (its staff's; not the client users').
    Sibling,
    /// Another group and its client.
    Foreign,
    /// The own group's path with the other group's client in it.
    CrossClient,
    /// The own group's and client's path with the other group's people, invitations and
    /// emails in it.
    CrossItem,
    /// The own client's path with a sibling client's people and invitations in it.
    SiblingItem,
}

const TENANTS: [Tenant; 6] = [
    Tenant::Own,
    Tenant::Sibling,
    Tenant::Foreign,
    Tenant::CrossClient,
    Tenant::CrossItem,
    Tenant::SiblingItem,
];

/// The ids of one tenant's things.
#[derive(Debug, Clone, Copy, Default)]
struct Things {
    gid: i64,
    cid: i64,
    /// A client whose owner is still invited (`…/users/owner`).
    invited_owner_client: i64,
    client_user: i64,
    member_to_change: i64,
    member_to_remove: i64,
    admin_to_take_over: i64,
    /// An admin of the client to change and remove (not the one ownership goes to).
    admin_to_manage: i64,
    client_invitation_to_resend: i64,
    client_invitation_to_revoke: i64,
    /// Invitations of the own client beyond a `users` member: an admin's, a member's
    /// with `billing`.
    client_admin_invitation: i64,
    client_billing_invitation: i64,
    staff_to_change: i64,
    staff_to_remove: i64,
    staff_admin_to_take_over: i64,
    staff_to_unlock: i64,
    staff_invitation_to_resend: i64,
    staff_invitation_to_revoke: i64,
    email: i64,
    /// Invitations addressed to the person signed in (own) or to somebody else.
    invitation_to_accept: i64,
    invitation_to_decline: i64,
    /// A saved view of the client list: the person's own in their group (own and sibling
    /// tenants), another group's person's in the other group.
    view: i64,
    /// An API token: the person's own (own and sibling tenants), or another person's.
    api_token: i64,
}

struct World {
    g1: i64,
    own: Things,
    sibling: Things,
    foreign: Things,
}

impl World {
    fn things(&self, tenant: Tenant) -> Things {
        match tenant {
            Tenant::Own => self.own,
            // The same group's staff things: only the client differs.
            Tenant::Sibling => Things {
                staff_to_change: self.own.staff_to_change,
                staff_to_remove: self.own.staff_to_remove,
                staff_admin_to_take_over: self.own.staff_admin_to_take_over,
                staff_to_unlock: self.own.staff_to_unlock,
                staff_invitation_to_resend: self.own.staff_invitation_to_resend,
                staff_invitation_to_revoke: self.own.staff_invitation_to_revoke,
                email: self.own.email,
                ..self.sibling
            },
            Tenant::Foreign => self.foreign,
            Tenant::CrossClient => Things {
                cid: self.foreign.cid,
                invited_owner_client: self.foreign.invited_owner_client,
                ..self.own
            },
            Tenant::CrossItem => Things {
                gid: self.own.gid,
                cid: self.own.cid,
                invited_owner_client: self.own.invited_owner_client,
                ..self.foreign
            },
            Tenant::SiblingItem => Things {
                gid: self.own.gid,
                cid: self.own.cid,
                invited_owner_client: self.own.invited_owner_client,
                ..self.sibling
            },
        }
    }

    /// The route's path with this tenant's ids in it (and, for an item row, the item's).
    fn path(&self, route: &str, tenant: Tenant, item: &str) -> String {
        let t = self.things(tenant);
        let id = if !item.is_empty() {
            match item {
                "admin-invitation" => t.client_admin_invitation,
                "billing-invitation" => t.client_billing_invitation,
                "admin" => t.admin_to_manage,
                "member" => t.member_to_change,
                other => panic!("no such item in the matrix: {other}"),
            }
        } else if route.starts_with("/accounts/invitations/") {
            if route.ends_with("/accept") {
                t.invitation_to_accept
            } else {
                t.invitation_to_decline
            }
        } else if route.contains("/users/invitations/") {
            if route.ends_with("/resend") {
                t.client_invitation_to_resend
            } else {
                t.client_invitation_to_revoke
            }
        } else if route.contains("/staff/invitations/") {
            if route.ends_with("/resend") {
                t.staff_invitation_to_resend
            } else {
                t.staff_invitation_to_revoke
            }
        } else if route.contains("/views/") {
            t.view
        } else if route.contains("/api-tokens/") {
            t.api_token
        } else if route.starts_with("/portal/") {
            match route.rsplit('/').next() {
                Some("remove") => t.member_to_remove,
                Some("transfer") => t.admin_to_take_over,
                _ => t.member_to_change,
            }
        } else if route.contains("/staff/") {
            match route.rsplit('/').next() {
                Some("remove") => t.staff_to_remove,
                Some("transfer") => t.staff_admin_to_take_over,
                Some("unlock") => t.staff_to_unlock,
                _ => t.staff_to_change,
            }
        } else {
            t.email
        };
        let cid = if route.contains("/users/owner") {
            t.invited_owner_client
        } else {
            t.cid
        };
        route
            .replace("{gid}", &t.gid.to_string())
            .replace("{cid}", &cid.to_string())
            .replace("{uid}", &t.client_user.to_string())
            .replace("{id}", &id.to_string())
            .replace("{token}", "an-unknown-token-0123456789abcdef")
    }
}

fn failed_email(conn: &mut DbConn, group: i64) -> i64 {
    use clientele::db::schema::outbox;
    use clientele::models::outbox as rows;
    let due = due_email("nobody@bounce.test");
    let now = due.created_at;
    let id = rows::insert(
        conn,
        &rows::NewOutboxRow {
            group_id: Some(group),
            subject: "Invitation",
            attempts: 9,
            give_up_at: now,
            ..due
        },
    )
    .unwrap();
    diesel::update(outbox::table.find(id))
        .set((
            outbox::failed_at.eq(Some(now)),
            outbox::last_error.eq(Some("550 no such mailbox")),
        ))
        .execute(conn)
        .unwrap();
    id
}

/// One client with its people: the client users of the matrix (in the first client
/// only), people to change, remove and hand ownership to, and two open invitations.
fn client_things(conn: &mut DbConn, gid: i64, label: &str, with_people: bool) -> Things {
    let cid = make_client(conn, gid, &format!("Client {label}"));
    if with_people {
        for (who, role, perms) in [
            (Who::ClientOwner, "owner", ""),
            (Who::ClientAdmin, "admin", ""),
            (Who::MemberAccount, "member", "account"),
            (Who::MemberServices, "member", "services"),
            (Who::MemberUsers, "member", "users"),
            (Who::MemberBilling, "member", "billing"),
            (Who::MemberNone, "member", ""),
        ] {
            make_member_with(conn, cid, who.email().unwrap(), role, perms);
        }
    } else {
        make_member(conn, cid, &format!("owner@{label}.test"), "owner");
    }
    Things {
        gid,
        cid,
        invited_owner_client: crate::clients::seed(
            conn,
            gid,
            crate::clients::Seed {
                name: &format!("Invited {label}"),
                owner: &format!("invited-owner@{label}.test"),
                ..Default::default()
            },
        ),
        client_user: make_member(conn, cid, &format!("user@{label}.test"), "member"),
        member_to_change: make_member(conn, cid, &format!("change@{label}.test"), "member"),
        member_to_remove: make_member(conn, cid, &format!("remove@{label}.test"), "member"),
        admin_to_take_over: make_member(conn, cid, &format!("admin@{label}.test"), "admin"),
        admin_to_manage: make_member(conn, cid, &format!("admin2@{label}.test"), "admin"),
        client_invitation_to_resend: open_invitation(
            conn,
            cid,
            &format!("r@{label}.test"),
            "member",
            "",
        ),
        client_invitation_to_revoke: open_invitation(
            conn,
            cid,
            &format!("v@{label}.test"),
            "member",
            "",
        ),
        client_admin_invitation: open_invitation(
            conn,
            cid,
            &format!("ia@{label}.test"),
            "admin",
            "",
        ),
        client_billing_invitation: open_invitation(
            conn,
            cid,
            &format!("ib@{label}.test"),
            "member",
            "billing",
        ),
        ..Things::default()
    }
}

/// The staff things of a group (its owner, admin and seller are made by the caller).
fn staff_things(conn: &mut DbConn, gid: i64, label: &str, t: Things) -> Things {
    // The one changed (and reset) uses two-step verification: a reset that is theirs to do
    // really resets.
    let changed = make_member(conn, gid, &format!("s1@{label}.test"), "seller");
    diesel::update(clientele::db::schema::users::table.find(changed))
        .set(
            clientele::db::schema::users::totp_secret
                .eq(Some(clientele::auth::two_step::new_secret())),
        )
        .execute(conn)
        .unwrap();
    Things {
        staff_to_change: changed,
        staff_to_remove: make_member(conn, gid, &format!("s2@{label}.test"), "seller"),
        staff_admin_to_take_over: make_member(conn, gid, &format!("a1@{label}.test"), "admin"),
        staff_to_unlock: make_member(conn, gid, &format!("s3@{label}.test"), "seller"),
        staff_invitation_to_resend: open_invitation(
            conn,
            gid,
            &format!("sr@{label}.test"),
            "seller",
            "",
        ),
        staff_invitation_to_revoke: open_invitation(
            conn,
            gid,
            &format!("sv@{label}.test"),
            "seller",
            "",
        ),
        email: failed_email(conn, gid),
        ..t
    }
}

/// An API token of the user with this address.
fn api_token_of(conn: &mut DbConn, email: &str) -> i64 {
    use clientele::db::schema::users;
    use clientele::models::api_token;
    let user_id: i64 = users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(conn)
        .unwrap();
    api_token::insert(
        conn,
        &api_token::NewApiToken {
            user_id,
            name: "Script",
            token_hash: &clientele::auth::tokens::hash_token(&clientele::auth::tokens::new_token()),
            created_at: db::now(),
        },
    )
    .unwrap()
}

/// A saved view of the client list of `gid`, kept by the user with this address.
fn saved_view(conn: &mut DbConn, email: &str, gid: i64) -> i64 {
    use clientele::db::schema::users;
    use clientele::models::list_view;
    let user_id: i64 = users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(conn)
        .unwrap();
    let now = db::now();
    list_view::insert(
        conn,
        &list_view::NewListView {
            user_id,
            group_id: gid,
            name: "Trials",
            name_key: "trials",
            query: "sort=name&dir=asc&status=trial&seller=all&test=false",
            is_default: false,
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap()
}

fn build_world(conn: &mut DbConn, me: Option<&str>) -> World {
    let (g1, _) = make_group(conn, "Group One", Who::GroupOwner.email().unwrap());
    make_member(conn, g1, Who::GroupAdmin.email().unwrap(), "admin");
    make_member(conn, g1, Who::Seller.email().unwrap(), "seller");
    let (g2, _) = make_group(conn, "Group Two", "go@g2.test");
    make_group(conn, "Group Three", Who::OtherGroup.email().unwrap());

    let own = client_things(conn, g1, "c1", true);
    let own = staff_things(conn, g1, "g1", own);
    let sibling = client_things(conn, g1, "c1b", false);
    let foreign = client_things(conn, g2, "c2", false);
    let foreign = staff_things(conn, g2, "g2", foreign);
    // Invitations to the person signed in (into the sibling client, so that accepting
    // one changes nothing the other cells read), and the same to somebody else.
    let (accept, decline) = match me {
        Some(email) => (
            open_invitation(conn, sibling.cid, email, "member", ""),
            open_invitation(conn, sibling.invited_owner_client, email, "member", ""),
        ),
        None => (0, 0),
    };
    // The person's own view in the first group (the same path for the own and the sibling
    // tenant), and a view of the other group's owner there.
    let my_view = me.map_or(0, |email| saved_view(conn, email, g1));
    let foreign_view = saved_view(conn, "go@g2.test", g2);
    let my_token = me.map_or(0, |email| api_token_of(conn, email));
    let foreign_token = api_token_of(conn, "go@g2.test");
    let stranger_accept = open_invitation(conn, sibling.cid, "stranger@c1b.test", "member", "");
    let stranger_decline = open_invitation(conn, foreign.cid, "stranger@c2.test", "member", "");
    World {
        g1,
        own: Things {
            invitation_to_accept: accept,
            invitation_to_decline: decline,
            view: my_view,
            api_token: my_token,
            ..own
        },
        sibling: Things {
            invitation_to_accept: stranger_accept,
            invitation_to_decline: stranger_decline,
            view: my_view,
            api_token: my_token,
            ..sibling
        },
        foreign: Things {
            invitation_to_accept: stranger_accept,
            invitation_to_decline: stranger_decline,
            view: foreign_view,
            api_token: foreign_token,
            ..foreign
        },
    }
}

/// The actions whose success is the sign-in page.
const SIGN_OUTS: [&str; 2] = ["/logout", "/profile/sessions/end"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Yes,
    Refused,
    Open,
    No,
}

fn expectation(row: &Row, who: Who, tenant: Tenant) -> Expect {
    // A tenant's things are the own tenant's, or, for staff on a group route, another
    // client of their own group; everything else is somebody else's.
    let theirs = match tenant {
        Tenant::Own => true,
        Tenant::Sibling => row.path.starts_with("/groups/") && who.is_staff(),
        _ => false,
    };
    if names(row.open, who) {
        Expect::Open
    } else if names(row.refused, who) {
        // The impersonation guard answers before anything is looked up: the same 403
        // whoever's the ids (nothing about them is learnt).
        Expect::Refused
    } else if names(row.yes, who) && theirs {
        Expect::Yes
    } else {
        Expect::No
    }
}

/// A browser signed in as `who` (for the impersonating seller: after "Log in" as the
/// client's owner), and the CSRF token of its session.
async fn sign_in(app: &TestApp, world: &World, who: Who) -> (Browser, String) {
    let b = Browser::new(app);
    let Some(email) = who.email() else {
        let token = csrf_token(&b.get_html("/login").await);
        return (b, token);
    };
    let r = b.login(email, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{who:?} signs in");
    if who == Who::Impersonating {
        let client = format!("/groups/{}/clients/{}", world.g1, world.own.cid);
        let r = b
            .post_form(&client, &format!("{client}/login"), &[("reason", "matrix")])
            .await;
        assert_redirect_to(&r, &format!("/portal/{}", world.own.cid));
    }
    let token = csrf_token(&b.get_html("/profile").await);
    (b, token)
}

struct Probe {
    row: &'static Row,
    tenant: Tenant,
    path: String,
    expect: Expect,
}

impl Probe {
    /// What its POST sends: the CSRF token and the row's fields.
    fn form<'a>(&self, token: &'a str) -> Vec<(&'a str, &'a str)> {
        let mut form = vec![("csrf_token", token)];
        form.extend(self.row.fields.iter().copied());
        form
    }
}

/// Probes every cell of one person; returns how many requests were checked.
async fn walk(who: Who) -> usize {
    let app = spawn_app().await;
    let world = build_world(&mut app.conn(), who.email());
    let signed_in = who != Who::SignedOut;

    // Every concrete path once per row (a route without a client id has the same path
    // for its own and its sibling tenant: the first, the own one, is kept).
    let mut probes = Vec::new();
    for route in clientele::routes::ROUTES {
        for method in route.methods {
            let method = method.to_uppercase();
            let row = MATRIX
                .iter()
                .find(|r| r.path == route.path && r.method == method && r.item.is_empty())
                .unwrap_or_else(|| {
                    panic!(
                        "{method} {} is in the route table but not in the matrix",
                        route.path
                    )
                });
            let mut seen = BTreeSet::new();
            for tenant in TENANTS {
                let path = world.path(route.path, tenant, "");
                if seen.insert(path.clone()) {
                    probes.push(Probe {
                        row,
                        tenant,
                        path,
                        expect: expectation(row, who, tenant),
                    });
                }
            }
            // The route's item rows: the own tenant's particular things.
            for row in MATRIX
                .iter()
                .filter(|r| r.path == route.path && r.method == method && !r.item.is_empty())
            {
                probes.push(Probe {
                    row,
                    tenant: Tenant::Own,
                    path: world.path(route.path, Tenant::Own, row.item),
                    expect: expectation(row, who, Tenant::Own),
                });
            }
        }
    }
    for row in MATRIX {
        assert!(
            clientele::routes::ROUTES
                .iter()
                .any(|r| r.path == row.path && r.methods.contains(&&*row.method.to_lowercase())),
            "the matrix has {} {}, the route table does not",
            row.method,
            row.path
        );
    }

    let mut failures = Vec::new();
    let verdict = |p: &Probe, status: StatusCode, location: Option<String>| {
        let to_sign_in = status == StatusCode::SEE_OTHER
            && location.as_deref().is_some_and(|l| l.starts_with("/login"));
        let ok = match p.expect {
            Expect::Yes => {
                let sent_to_sign_in = signed_in && to_sign_in && !SIGN_OUTS.contains(&p.row.path);
                let refused = matches!(status.as_u16(), 403..=405) || status.is_server_error();
                !refused && !sent_to_sign_in
            }
            Expect::Refused => status == StatusCode::FORBIDDEN,
            Expect::Open => !status.is_server_error(),
            Expect::No if signed_in => status == StatusCode::NOT_FOUND,
            Expect::No => to_sign_in,
        };
        (!ok).then(|| {
            format!(
                "{who:?} {} {} ({:?}): expected {:?}, got {status} {}",
                p.row.method,
                p.path,
                p.tenant,
                p.expect,
                location.unwrap_or_default()
            )
        })
    };
    let location = |r: &reqwest::Response| {
        r.headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned())
    };

    let mut count = 0;
    // GETs first, in one session: they change nothing anybody reads.
    let (browser, _) = sign_in(&app, &world, who).await;
    for p in probes.iter().filter(|p| p.row.method == "GET") {
        let r = browser.get(&p.path).await;
        failures.extend(verdict(p, r.status(), location(&r)));
        count += 1;
    }
    // Then every POST that should change nothing, each followed by the comparison (with
    // the session's token read afresh: a sign-in page may renew it).
    let token_page = if signed_in { "/profile" } else { "/login" };
    let everything = snapshot_query(&mut app.conn());
    for p in probes
        .iter()
        .filter(|p| p.row.method == "POST" && p.expect != Expect::Yes)
    {
        let token = csrf_token(&browser.get_html(token_page).await);
        let before = snapshot(&mut app.conn(), &everything);
        let r = browser.post_raw(&p.path, &p.form(&token)).await;
        failures.extend(verdict(p, r.status(), location(&r)));
        let mut after = snapshot(&mut app.conn(), &everything);
        // A refusal during support access (on a refused row, or an open one such as
        // signing in from inside) is audited: exactly one new row, nothing else.
        if who == Who::Impersonating && r.status() == StatusCode::FORBIDDEN {
            let old = before.get("audit_events").cloned().unwrap_or_default();
            let rows = after.entry("audit_events".into()).or_default();
            let new: Vec<String> = rows.iter().filter(|r| !old.contains(r)).cloned().collect();
            if new.len() == 1 && new[0].contains("'impersonation.refused'") {
                rows.retain(|r| *r != new[0]);
            } else {
                failures.push(format!(
                    "{who:?} POST {} ({:?}): the refusal was not audited once: {new:?}",
                    p.path, p.tenant
                ));
            }
        }
        let changed = differences(&before, &after);
        if !changed.is_empty() {
            failures.push(format!(
                "{who:?} POST {} ({:?}, expected {:?}) changed the database: {changed:?}",
                p.path, p.tenant, p.expect
            ));
        }
        count += 1;
    }
    // Last the POSTs that are theirs, each from a fresh sign-in (one may sign out, start
    // or end an impersonation); handing ownership over and deleting go last of all.
    let mut allowed: Vec<&Probe> = probes
        .iter()
        .filter(|p| p.row.method == "POST" && p.expect == Expect::Yes)
        .collect();
    allowed.sort_by_key(|p| p.path.ends_with("/transfer") || p.path.ends_with("/delete"));
    for p in allowed {
        let (browser, token) = sign_in(&app, &world, who).await;
        let r = browser.post_raw(&p.path, &p.form(&token)).await;
        failures.extend(verdict(p, r.status(), location(&r)));
        count += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    count
}

/// The whole matrix. Each person's cells run against an app of their own; two at a time.
#[tokio::test]
async fn every_route_answers_each_person_and_tenant_as_the_matrix_says() {
    let mut total = 0;
    let mut failures = Vec::new();
    for pair in Who::ALL.chunks(2) {
        let runs = pair.iter().map(|who| tokio::spawn(walk(*who)));
        for (who, run) in pair.iter().zip(runs.collect::<Vec<_>>()) {
            match run.await {
                Ok(n) => total += n,
                Err(e) => failures.push(format!("{who:?}: {}", panic_text(e))),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    report(&format!(
        "authorisation matrix: {total} probes ({} routes, {} rows, {} people, {} tenants)",
        clientele::routes::ROUTES.len(),
        MATRIX.len(),
        Who::ALL.len(),
        TENANTS.len()
    ));
}

fn panic_text(e: tokio::task::JoinError) -> String {
    match e.try_into_panic() {
        Ok(p) => p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default(),
        Err(e) => e.to_string(),
    }
}
