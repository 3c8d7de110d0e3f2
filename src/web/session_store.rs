//! An actix-session [`SessionStore`] over the `sessions` table, so that signing out, ending
//! every session of a user or disabling them takes effect at once, on every instance.
//!
//! Lifetimes: an idle TTL of 60 min, pushed forward as a request loads the session (written
//! at most once a minute); its writes queue with the process's other SQLite writers
//! (`db::write_tx`);
//! on top of it a session never lives longer than [`ABSOLUTE_LIFETIME`] from sign-in
//! (the id is renewed at sign-in, which starts a new row).

use std::collections::HashMap;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration as CookieDuration;

use crate::auth::tokens::{hash_token, new_token};
use crate::db::{self, DbPool};
use crate::models::session::{self as rows, NewSession};

pub use crate::models::session::{ABSOLUTE_LIFETIME, IDLE_TIMEOUT_MINUTES};
use crate::web::identity::USER_ID_KEY;

type State = HashMap<String, String>;

tokio::task_local! {
    /// The row of the session this request loaded (its id: the SHA-256 of the cookie's
    /// key), set by [`DbSessionStore`]'s `load` inside the request's task (the middleware
    /// `frame` opens the scope). For the few writes that must check, in their own
    /// transaction, that the session they were asked from still exists.
    pub(crate) static LOADED_SESSION: std::cell::RefCell<Option<String>>;
}

/// The row of the session this request was asked from, if one was loaded.
pub fn loaded_session_row() -> Option<String> {
    LOADED_SESSION
        .try_with(|row| row.borrow().clone())
        .ok()
        .flatten()
}

/// How far the idle expiry may lag behind before a request writes it forward.
const TOUCH_SLACK: chrono::Duration = chrono::Duration::seconds(60);

#[derive(Clone)]
pub struct DbSessionStore {
    pool: DbPool,
}

impl DbSessionStore {
    pub fn new(pool: DbPool) -> Self {
        DbSessionStore { pool }
    }
}

fn user_id_of(state: &State) -> Option<i64> {
    state.get(USER_ID_KEY).and_then(|v| v.parse().ok())
}

fn expiry(ttl: &CookieDuration) -> chrono::NaiveDateTime {
    db::now() + chrono::Duration::seconds(ttl.whole_seconds())
}

async fn blocking<T: Send + 'static>(
    pool: &DbPool,
    f: impl FnOnce(&mut db::DbConn) -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let pool = pool.clone();
    actix_web::web::block(move || {
        // No connection in time, or the server gone under a query: the database is
        // unavailable, and the page says so (503), whether loading, saving or renewing.
        let mut conn = pool
            .get()
            .map_err(|e| crate::error::AppError::Unavailable(e.to_string()))?;
        f(&mut conn).map_err(|e| match e.downcast::<diesel::result::Error>() {
            Ok(db) => anyhow::Error::new(crate::error::AppError::from(db)),
            Err(other) => other,
        })
    })
    .await?
}

impl DbSessionStore {
    async fn insert_new(&self, state: State, ttl: &CookieDuration) -> anyhow::Result<SessionKey> {
        let key = new_token();
        let id = hash_token(&key);
        let json = serde_json::to_string(&state)?;
        let expires_at = expiry(ttl);
        blocking(&self.pool, move |conn| {
            let now = db::now();
            db::write_tx(conn, |c| {
                rows::insert(
                    c,
                    &NewSession {
                        id: &id,
                        user_id: user_id_of(&state),
                        state: &json,
                        created_at: now,
                        expires_at,
                    },
                )
            })?;
            Ok(())
        })
        .await?;
        SessionKey::try_from(key).map_err(anyhow::Error::from)
    }
}

impl SessionStore for DbSessionStore {
    async fn load(&self, session_key: &SessionKey) -> Result<Option<State>, LoadError> {
        let id = hash_token(session_key.as_ref());
        let loaded = id.clone();
        let row = blocking(&self.pool, move |conn| {
            let Some(row) = rows::find(conn, &id)? else {
                return Ok(None);
            };
            let now = db::now();
            if row.expires_at <= now || row.created_at + ABSOLUTE_LIFETIME <= now {
                // Over either way; a row left behind (the database busy) is the purge
                // job's, and never loaded again (it is past its expiry).
                if let Err(e) = db::write_tx(conn, |c| rows::delete(c, &id)) {
                    tracing::warn!(error = %e, "expired session not removed");
                }
                return Ok(None);
            }
            // The idle expiry moves forward here, as the row is read, and is written only
            // when it would move by more than the slack: a page view is then one read,
            // never a write statement (on SQLite even an UPDATE that changes nothing takes
            // the database's one write lock, and every page would queue for it).
            let wanted = now + chrono::Duration::minutes(IDLE_TIMEOUT_MINUTES);
            if row.expires_at < wanted - TOUCH_SLACK {
                // A touch that fails (the database busy past its timeout) costs the session
                // a minute of idle time at most, not the page: the next request tries again.
                if let Err(e) = db::write_tx(conn, |c| rows::touch(c, &id, wanted, TOUCH_SLACK)) {
                    tracing::warn!(error = %e, "session expiry not pushed forward");
                }
            }
            Ok(Some(row))
        })
        .await
        .map_err(LoadError::Other)?;
        let Some(row) = row else { return Ok(None) };
        // Outside a request's scope (none here), nothing to note.
        let _ = LOADED_SESSION.try_with(|r| *r.borrow_mut() = Some(loaded));
        serde_json::from_str(&row.state)
            .map(Some)
            .map_err(|e| LoadError::Deserialization(e.into()))
    }

    async fn save(&self, state: State, ttl: &CookieDuration) -> Result<SessionKey, SaveError> {
        self.insert_new(state, ttl).await.map_err(SaveError::Other)
    }

    async fn update(
        &self,
        session_key: SessionKey,
        state: State,
        ttl: &CookieDuration,
    ) -> Result<SessionKey, UpdateError> {
        let id = hash_token(session_key.as_ref());
        let json =
            serde_json::to_string(&state).map_err(|e| UpdateError::Serialization(e.into()))?;
        let user_id = user_id_of(&state);
        let expires_at = expiry(ttl);
        let changed = blocking(&self.pool, move |conn| {
            Ok(db::write_tx(conn, |c| {
                rows::update_state(c, &id, user_id, &json, expires_at)
            })?)
        })
        .await
        .map_err(UpdateError::Other)?;
        if changed == 1 {
            return Ok(session_key);
        }
        // The session was ended while this request ran (signed out elsewhere, user disabled):
        // never bring its sign-in back; keep only what an anonymous visitor may have.
        let mut anonymous = state;
        anonymous.retain(|k, _| k == crate::web::csrf::CSRF_KEY);
        self.insert_new(anonymous, ttl)
            .await
            .map_err(UpdateError::Other)
    }

    async fn update_ttl(
        &self,
        session_key: &SessionKey,
        ttl: &CookieDuration,
    ) -> anyhow::Result<()> {
        let id = hash_token(session_key.as_ref());
        let expires_at = expiry(ttl);
        blocking(&self.pool, move |conn| {
            db::write_tx(conn, |c| rows::touch(c, &id, expires_at, TOUCH_SLACK))?;
            Ok(())
        })
        .await
    }

    async fn delete(&self, session_key: &SessionKey) -> anyhow::Result<()> {
        let id = hash_token(session_key.as_ref());
        blocking(&self.pool, move |conn| {
            db::write_tx(conn, |c| rows::delete(c, &id))?;
            Ok(())
        })
        .await
    }
}
