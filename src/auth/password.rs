//! Password hashing: bcrypt, off the async workers, with its own concurrency bound.
//!
//! bcrypt reads at most 72 bytes, so the password is first reduced with SHA-256 and
//! base64-encoded (44 bytes, no NUL): every character of a password up to the 128-character
//! limit counts. A burst of sign-ins queues on the semaphore instead of taking every core
//! and every blocking thread from the page requests.

use std::sync::{Arc, OnceLock};

use base64::Engine;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::error::AppError;
use crate::i18n::Msg;

pub const MIN_PASSWORD_LEN: usize = 10;
pub const MAX_PASSWORD_LEN: usize = 128;

#[derive(Clone)]
pub struct PasswordHasher {
    cost: u32,
    permits: Arc<Semaphore>,
    /// A hash of a random password: unknown emails are checked against it, so a wrong email
    /// takes as long as a wrong password. Made on a thread of its own when the hasher is
    /// made (a bcrypt at cost 12 is a quarter of a second: the server answers before it is
    /// done); a check that needs it first waits for it.
    dummy_hash: Arc<OnceLock<String>>,
}

fn prehash(password: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(password.as_bytes()))
}

/// The password rules, as a message for the field (None when the password is acceptable).
pub fn password_problem(password: &str) -> Option<Msg> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        Some(Msg::new("error-too-short").with("min", MIN_PASSWORD_LEN))
    } else if n > MAX_PASSWORD_LEN {
        Some(crate::input::too_long(MAX_PASSWORD_LEN))
    } else if password.trim().is_empty() {
        Some(Msg::new("error-password-only-spaces"))
    } else {
        crate::input::single_line_problem(password).map(Msg::new)
    }
}

/// The checks of a new password typed twice: the rules on `password`, then that
/// `password_confirm` repeats it.
pub fn check_new_password(errors: &mut crate::input::FieldErrors, password: &str, confirm: &str) {
    if let Some(problem) = password_problem(password) {
        errors.add("password", problem);
    } else if password != confirm {
        errors.add("password_confirm", "error-passwords-differ");
    }
}

impl PasswordHasher {
    pub fn new(cost: u32) -> Self {
        let parallel = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        let dummy_hash = Arc::new(OnceLock::new());
        let slot = dummy_hash.clone();
        std::thread::spawn(move || {
            let random: [u8; 16] = rand::random();
            let password = prehash(&hex::encode(random));
            // The configuration admits costs bcrypt accepts (4–31); were it not so, a check
            // must still find a hash here rather than wait forever.
            let dummy = bcrypt::hash(&password, cost)
                .or_else(|_| bcrypt::hash(&password, bcrypt::DEFAULT_COST))
                .expect("bcrypt hashes at its default cost");
            let _ = slot.set(dummy);
        });
        PasswordHasher {
            cost,
            // Half the cores at most: sign-ins never take the whole machine.
            permits: Arc::new(Semaphore::new((parallel / 2).max(1))),
            dummy_hash,
        }
    }

    /// Hashes synchronously, for the CLI (no async runtime involved).
    pub fn hash_blocking(&self, password: &str) -> Result<String, AppError> {
        bcrypt::hash(prehash(password), self.cost)
            .map_err(|e| AppError::Internal(format!("bcrypt: {e}")))
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.hash_blocking(&password))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
    }

    /// Whether `password` matches `hash`; with no hash (unknown or pending user) it still
    /// spends the time of one check and answers false.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let dummy = self.dummy_hash.clone();
        tokio::task::spawn_blocking(move || {
            let (target, real) = match &hash {
                Some(h) => (h.as_str(), true),
                None => (dummy.wait().as_str(), false),
            };
            let ok = bcrypt::verify(prehash(&password), target).unwrap_or(false);
            ok && real
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(password_problem("short").is_some());
        assert!(password_problem("          ").is_some());
        assert!(password_problem("long enough pw").is_none());
        assert!(password_problem(&"x".repeat(129)).is_some());
        assert!(password_problem(&"é".repeat(128)).is_none());
        assert!(password_problem("long enough\0pw").is_some());
    }

    #[test]
    fn every_character_counts_beyond_72_bytes() {
        let h = PasswordHasher::new(4);
        let a = "a".repeat(100);
        let hash = h.hash_blocking(&a).unwrap();
        let b = format!("{}b", "a".repeat(99));
        assert!(bcrypt::verify(prehash(&a), &hash).unwrap());
        assert!(!bcrypt::verify(prehash(&b), &hash).unwrap());
    }
}
