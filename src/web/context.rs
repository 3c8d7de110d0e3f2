//! [`PageContext`]: what every page needs, as one extractor — the current user(s), the
//! CSRF token, the flash message, the account switcher's entries and the impersonation
//! banner's slot. Page structs take their [`Layout`] from it; no handler builds one by hand.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use crate::auth::scope::GroupScope;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::models::account::KIND_GROUP;
use crate::views::{AccountLink, GroupNav, ImpersonationBanner, Layout, PortalNav, UserMenu};
use crate::web::identity::{self, CurrentUser};
use crate::web::{csrf, flash, locale};

pub struct PageContext {
    session: Session,
    user: Option<CurrentUser>,
    lang: Lang,
    /// The page's path (without its query): a language selector comes back to it…
    path: String,
    /// …with the rest of the page's query (a set-up link's token), less the language.
    keep: Vec<(String, String)>,
}

impl PageContext {
    /// The language the page is answered in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Answers in this language (one just chosen on the sign-in page).
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// A message of the catalogue in the page's language (titles, flash arguments).
    pub fn t(&self, key: &str) -> String {
        crate::i18n::t(self.lang, key)
    }

    /// The frame of a page. The flash is taken (shown once) when the page is drawn, not
    /// when the request arrives, so a handler that redirects instead keeps it for the next.
    pub fn layout(&self, title: impl Into<String>) -> Result<Layout, AppError> {
        let accounts: Vec<AccountLink> = self
            .user
            .iter()
            .flat_map(|u| u.usable_memberships())
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
            .collect();
        Ok(Layout {
            lang: self.lang,
            title: title.into(),
            csrf_token: csrf::token(&self.session)?,
            user: self.user.as_ref().map(|u| UserMenu {
                name: u.effective().display_name(),
                email: u.effective().email.clone(),
                invitations: u.pending_invitations(),
            }),
            accounts,
            current: None,
            flash: flash::take(&self.session),
            group_nav: None,
            portal_nav: None,
            banner: self.banner(),
            css_href: crate::web::assets::css_href(),
            // Before sign-in every page offers the languages (the links of emails, the
            // set-up page…); once signed in, the profile's language rules.
            language_form: self
                .user
                .is_none()
                .then(|| (self.path.clone(), self.keep.clone())),
        })
    }

    /// For pages open to anyone with a link (a password reset, an email change): nothing of
    /// a person's sign-in is changed by a staff member signed in as someone.
    pub fn refuse_while_impersonating(&self) -> Result<(), AppError> {
        match &self.user {
            Some(u) => u.refuse_while_impersonating(),
            None => Ok(()),
        }
    }

    /// "You are signed in as X for client Y", while a staff member is.
    pub fn banner(&self) -> Option<ImpersonationBanner> {
        let current = self.user.as_ref()?.impersonation()?;
        Some(ImpersonationBanner {
            as_name: current.target_name.clone(),
            client_name: current.client_name.clone(),
        })
    }

    /// A page of the group console, with its navigation as the scope's role allows.
    pub fn group_layout(
        &self,
        scope: &GroupScope,
        active: &'static str,
        title: impl Into<String>,
    ) -> Result<Layout, AppError> {
        Ok(self.layout(title)?.in_group(GroupNav {
            group_id: scope.group_id().0,
            active,
            is_owner: scope.may(crate::auth::rights::Action::SeeEmailProblems),
            can_manage_settings: scope.can_manage_settings(),
            can_manage_staff: scope.may(crate::auth::rights::Action::ManageStaff),
            can_see_activity: scope.may(crate::auth::rights::Action::SeeGroupActivity),
            sees_system_status: scope.sees_system_status(),
        }))
    }

    /// A page of the client area: the client in the header, its navigation on the side.
    pub fn portal_layout(
        &self,
        nav: PortalNav,
        title: impl Into<String>,
    ) -> Result<Layout, AppError> {
        let mut layout = self.layout(title)?.for_account(nav.client_id);
        layout.portal_nav = Some(nav);
        Ok(layout)
    }
}

impl FromRequest for PageContext {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = identity::load(&req).await?;
            Ok(PageContext {
                path: req.path().to_owned(),
                keep: url::form_urlencoded::parse(req.query_string().as_bytes())
                    .filter(|(k, _)| k != "choose" && k != "lang")
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
                lang: locale::of_request(&req, user.as_ref()),
                session: req.get_session(),
                user,
            })
        })
    }
}
