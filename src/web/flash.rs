//! The one-time message shown on the next page a browser opens (`[role=status]`), kept in
//! the session as a message of the catalogue.

use actix_session::Session;

use crate::i18n::Msg;
use crate::views::Flash;

const FLASH_KEY: &str = "flash";

/// Keeps a message (of the catalogue) for the next page this browser shows.
pub fn set_flash(session: &Session, kind: &str, message: impl Into<Msg>) {
    let flash = Flash {
        kind: kind.into(),
        message: message.into(),
    };
    if let Err(e) = session.insert(FLASH_KEY, flash) {
        tracing::warn!(error = %e, "could not keep a flash message");
    }
}

/// Takes the message kept for this page (shown once). The session is changed (and so
/// written back) only when it held one: `remove` marks it changed even for a missing key,
/// which made every page view a database write.
pub fn take(session: &Session) -> Option<Flash> {
    if !session.contains_key(FLASH_KEY) {
        return None;
    }
    session.remove_as::<Flash>(FLASH_KEY).and_then(Result::ok)
}
