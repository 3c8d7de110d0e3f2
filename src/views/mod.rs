//! View-models shared by every page: the [`Layout`] (header, account switcher, flash,
//! CSRF token) and flash messages kept in the session. Field errors live in `crate::input`.

pub mod clients;

use actix_session::Session;

use crate::auth::CurrentUser;
use crate::auth::csrf;
use crate::error::AppError;
use crate::models::account::KIND_GROUP;

/// A one-time message shown on the next page (`[role=status]`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Flash {
    /// `success`, `info` or `error`.
    pub kind: String,
    pub message: String,
}

const FLASH_KEY: &str = "flash";

pub fn set_flash(session: &Session, kind: &str, message: impl Into<String>) {
    let flash = Flash {
        kind: kind.into(),
        message: message.into(),
    };
    if let Err(e) = session.insert(FLASH_KEY, flash) {
        tracing::warn!(error = %e, "could not keep a flash message");
    }
}

pub fn take_flash(session: &Session) -> Option<Flash> {
    session.remove_as::<Flash>(FLASH_KEY).and_then(Result::ok)
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

/// Everything `base.html` needs.
pub struct Layout {
    pub title: String,
    pub csrf_token: String,
    pub user: Option<UserMenu>,
    pub accounts: Vec<AccountLink>,
    pub current: Option<AccountLink>,
    pub flash: Option<Flash>,
    pub group_nav: Option<GroupNav>,
    pub css_href: &'static str,
}

impl Layout {
    pub fn new(
        session: &Session,
        user: Option<&CurrentUser>,
        title: impl Into<String>,
    ) -> Result<Self, AppError> {
        let accounts: Vec<AccountLink> = user
            .map(|u| {
                u.usable_memberships()
                    .map(|m| {
                        let is_group = m.account_kind == KIND_GROUP;
                        AccountLink {
                            id: m.account_id,
                            name: m.account_name.clone(),
                            href: if is_group {
                                format!("/groups/{}/clients", m.account_id)
                            } else {
                                format!("/portal/{}", m.account_id)
                            },
                            is_group,
                            role: m.role.clone(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Layout {
            title: title.into(),
            csrf_token: csrf::token(session)?,
            user: user.map(|u| UserMenu {
                name: u.user.display_name(),
                email: u.user.email.clone(),
            }),
            accounts,
            current: None,
            flash: take_flash(session),
            group_nav: None,
            css_href: crate::web::assets::css_href(),
        })
    }

    /// Marks the account the page belongs to (shown in the header).
    pub fn for_account(mut self, account_id: i64) -> Self {
        self.current = self.accounts.iter().find(|a| a.id == account_id).cloned();
        self
    }

    /// A page of the group console: header account plus the left navigation.
    pub fn in_group(self, group_id: i64, active: &'static str) -> Self {
        let mut layout = self.for_account(group_id);
        let is_owner = layout.current.as_ref().is_some_and(|a| a.role == "owner");
        layout.group_nav = Some(GroupNav {
            group_id,
            active,
            is_owner,
        });
        layout
    }
}
