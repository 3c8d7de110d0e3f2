//! View-models shared by every page: the [`Layout`] `base.html` draws (header, account
//! switcher, the impersonation banner's slot, flash, CSRF token). Plain data: the web layer
//! fills it from the request (`web::context::PageContext`).

pub mod clients;

/// A one-time message shown on the next page (`[role=status]`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Flash {
    /// `success`, `info` or `error`.
    pub kind: String,
    pub message: String,
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
    pub fn kind_label(&self) -> &'static str {
        if self.is_group { "Group" } else { "Client" }
    }
}

/// The signed-in person, for the user menu.
#[derive(Debug, Clone)]
pub struct UserMenu {
    pub name: String,
    pub email: String,
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
    pub title: String,
    pub csrf_token: String,
    pub user: Option<UserMenu>,
    pub accounts: Vec<AccountLink>,
    pub current: Option<AccountLink>,
    pub flash: Option<Flash>,
    pub group_nav: Option<GroupNav>,
    pub banner: Option<ImpersonationBanner>,
    pub css_href: &'static str,
}

impl Layout {
    /// Marks the account the page belongs to (shown in the header).
    pub fn for_account(mut self, account_id: i64) -> Self {
        self.current = self.accounts.iter().find(|a| a.id == account_id).cloned();
        self
    }

    /// A page of the group console: header account plus the left navigation.
    pub fn in_group(self, group_id: i64, active: &'static str, is_owner: bool) -> Self {
        let mut layout = self.for_account(group_id);
        layout.group_nav = Some(GroupNav {
            group_id,
            active,
            is_owner,
        });
        layout
    }
}
