//! View-models shared by every page: the [`Layout`] `base.html` draws (header, account
//! switcher, the impersonation banner's slot, flash, CSRF token) and the page's language,
//! through which every template reads the catalogue (`layout.t("key")`). Plain data: the
//! web layer fills it from the request (`web::context::PageContext`).

pub mod clients;

use crate::i18n::{self, Arg, Lang, Msg};

/// A one-time message shown on the next page (`[role=status]`), kept as a message of the
/// catalogue so that it is shown in the language of the page that shows it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Flash {
    /// `success`, `info` or `error`.
    pub kind: String,
    pub message: Msg,
}

/// An account in the header's switcher and on the chooser.
#[derive(Debug, Clone)]
pub struct AccountLink {
    pub id: i64,
    pub name: String,
    pub href: String,
    pub is_group: bool,
    pub role: String,
}

impl AccountLink {
    /// The catalogue key of the account's kind.
    pub fn kind_key(&self) -> &'static str {
        if self.is_group {
            "account-kind-group"
        } else {
            "account-kind-client"
        }
    }

    /// The catalogue key of the user's role in it.
    pub fn role_key(&self) -> &'static str {
        role_key(&self.role)
    }
}

/// An invitation to the signed-in person's address, as the pages that answer it show it.
pub struct PendingInvitation {
    pub id: i64,
    pub account_name: String,
    /// The catalogue keys of the account's kind and of the role offered.
    pub kind_key: &'static str,
    pub role_key: &'static str,
    /// Its last day, as the reader's language writes dates.
    pub expires: String,
    /// Who sent it, by name.
    pub inviter: Option<String>,
    /// What a member will be able to do (catalogue keys; empty for other roles).
    pub granted: Vec<&'static str>,
}

/// The person's open invitations, for the chooser, the client area's home and the
/// console's list.
pub fn pending_invitations(
    lang: crate::i18n::Lang,
    open: Vec<crate::services::invitations::Open>,
) -> Vec<PendingInvitation> {
    open.into_iter()
        .map(|o| PendingInvitation {
            id: o.invitation.id,
            kind_key: if o.account_kind == crate::models::account::KIND_GROUP {
                "account-kind-group"
            } else {
                "account-kind-client"
            },
            role_key: role_key(&o.invitation.role),
            granted: crate::auth::rights::granted_keys(
                &o.invitation.role,
                &o.invitation.permissions,
            ),
            inviter: o.inviter.clone(),
            expires: crate::i18n::format_date(lang, o.invitation.expires_at.date()),
            account_name: o.account_name,
        })
        .collect()
}

/// The catalogue key of a service status's name (none: not activated).
pub fn service_status_key(status: &str) -> &'static str {
    match status {
        "trial" => "service-status-trial",
        "active" => "service-status-active",
        "paused" => "service-status-paused",
        "trial_end" => "service-status-trial_end",
        "deleted" => "service-status-deleted",
        _ => "services-not-activated",
    }
}

pub use crate::auth::rights::role_key;

/// The signed-in person, for the user menu.
#[derive(Debug, Clone)]
pub struct UserMenu {
    pub name: String,
    pub email: String,
    /// Invitations to their address waiting for an answer: the header's count.
    pub invitations: i64,
}

impl UserMenu {
    /// The first letter of the name, for the avatar.
    pub fn initial(&self) -> String {
        self.name
            .chars()
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default()
    }
}

/// Which section of the group console is open (for the left navigation).
#[derive(Debug, Clone)]
pub struct GroupNav {
    pub group_id: i64,
    pub active: &'static str,
    /// Owners see the owner-only sections (email problems).
    pub is_owner: bool,
    /// Owners and admins see the vendor settings.
    pub can_manage_settings: bool,
    /// Owners and admins manage the staff.
    pub can_manage_staff: bool,
    /// Owners and admins see the group's Activity.
    pub can_see_activity: bool,
    /// Owners of an operator group see the installation's status page.
    pub sees_system_status: bool,
}

/// The client area's navigation: its home, then one entry per visible service.
#[derive(Debug, Clone)]
pub struct PortalNav {
    pub client_id: i64,
    /// The Account page (with `account` or `billing`).
    pub account: bool,
    /// The users page (with `users`).
    pub users: bool,
    /// The Support access list (owners and admins).
    pub support: bool,
    /// "Delete account" (the owner).
    pub deletion: bool,
    /// (code, name) of each visible service.
    pub services: Vec<(String, String)>,
    /// `home`, `account`, `users`, or the open service's code.
    pub active: String,
}

/// "You are signed in as X for client Y — Return to console" (`#impersonation-banner`),
/// on every page while a staff member is signed in as a client's user.
#[derive(Debug, Clone)]
pub struct ImpersonationBanner {
    /// The client user whose pages are shown.
    pub as_name: String,
    pub client_name: String,
}

/// Everything `base.html` needs.
pub struct Layout {
    pub lang: Lang,
    pub title: String,
    pub csrf_token: String,
    pub user: Option<UserMenu>,
    pub accounts: Vec<AccountLink>,
    pub current: Option<AccountLink>,
    pub flash: Option<Flash>,
    pub group_nav: Option<GroupNav>,
    pub portal_nav: Option<PortalNav>,
    pub banner: Option<ImpersonationBanner>,
    pub css_href: &'static str,
    /// Where a language selector under the page sends the choice (`?choose=`): the page
    /// itself with the rest of its query, before sign-in (None: no selector; the sign-in
    /// page has its own).
    pub language_form: Option<(String, Vec<(String, String)>)>,
}

impl Layout {
    /// The languages a selector offers.
    pub fn languages(&self) -> [Lang; 3] {
        Lang::ALL
    }

    /// A message of the catalogue in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// A message with one argument (`layout.t1("setup-welcome", "group", name)`).
    pub fn t1(&self, key: &str, name: &'static str, value: impl Into<Arg>) -> String {
        self.msg(&Msg::new(key.to_owned()).with(name, value))
    }

    /// A message with two arguments.
    pub fn t2(
        &self,
        key: &str,
        n1: &'static str,
        v1: impl Into<Arg>,
        n2: &'static str,
        v2: impl Into<Arg>,
    ) -> String {
        self.msg(&Msg::new(key.to_owned()).with(n1, v1).with(n2, v2))
    }

    /// A message with three arguments.
    #[allow(clippy::too_many_arguments)]
    pub fn t3(
        &self,
        key: &str,
        n1: &'static str,
        v1: impl Into<Arg>,
        n2: &'static str,
        v2: impl Into<Arg>,
        n3: &'static str,
        v3: impl Into<Arg>,
    ) -> String {
        self.msg(
            &Msg::new(key.to_owned())
                .with(n1, v1)
                .with(n2, v2)
                .with(n3, v3),
        )
    }

    /// A message made earlier (a field error, a flash) in the page's language.
    pub fn msg(&self, m: &Msg) -> String {
        m.in_lang(self.lang)
    }

    /// A number grouped for the page's language.
    pub fn number(&self, n: &i64) -> String {
        i18n::format_number(self.lang, *n)
    }

    /// Marks the account the page belongs to (shown in the header).
    pub fn for_account(mut self, account_id: i64) -> Self {
        self.current = self.accounts.iter().find(|a| a.id == account_id).cloned();
        self
    }

    /// A page of the group console: header account plus the left navigation.
    pub fn in_group(self, nav: GroupNav) -> Self {
        let mut layout = self.for_account(nav.group_id);
        layout.group_nav = Some(nav);
        layout
    }
}
