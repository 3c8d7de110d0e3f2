//! Password hashing: bcrypt, off the async workers, with its own concurrency bound.
//!
//! bcrypt reads at most 72 bytes, so the password is first reduced with SHA-256 and
//! base64-encoded (44 bytes, no NUL): every character of a password up to the 128-character
//! limit counts. A burst of sign-ins queues on the semaphore instead of taking every core
//! and every blocking thread from the page requests.

use std::sync::Arc;

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
    /// A bcrypt hash that no password has: unknown emails are checked against it, so a
    /// wrong email takes as long as a wrong password. See [`dummy_hash`].
    dummy_hash: Arc<String>,
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

/// The checks of a new password typed twice: the rules on `password`, and that
/// `password_confirm` repeats it — both said at once when both are wrong (issue 36), so
/// one correction is enough.
pub fn check_new_password(errors: &mut crate::input::FieldErrors, password: &str, confirm: &str) {
    if let Some(problem) = password_problem(password) {
        errors.add("password", problem);
    }
    if password != confirm {
        errors.add("password_confirm", "error-passwords-differ");
    }
}

/// A well-formed bcrypt hash at `cost` whose salt and digest are random bytes: checking a
/// password against it runs the whole key schedule at that cost (the same time as a real
/// hash of a known user) and answers false, since no password has that digest. Made without
/// hashing anything, so the server starts without spending a bcrypt on it.
fn dummy_hash(cost: u32) -> String {
    use base64::engine::{GeneralPurpose, general_purpose::NO_PAD};
    let bcrypt64 = GeneralPurpose::new(&base64::alphabet::BCRYPT, NO_PAD);
    let salt: [u8; 16] = rand::random();
    let digest: [u8; 23] = rand::random();
    format!(
        "$2b${cost:02}${}{}",
        bcrypt64.encode(salt),
        bcrypt64.encode(digest)
    )
}

/// How many bcrypt hashes run at once: half the cores at most, so sign-ins never take the
/// whole machine (each holds a blocking thread of its worker meanwhile).
pub fn parallel_hashes() -> usize {
    (crate::config::cores() / 2).max(1)
}

impl PasswordHasher {
    pub fn new(cost: u32) -> Self {
        let dummy_hash = Arc::new(dummy_hash(cost));
        PasswordHasher {
            cost,
            permits: Arc::new(Semaphore::new(parallel_hashes())),
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
                None => (dummy.as_str(), false),
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

    /// The dummy must be a hash bcrypt accepts: one it rejected would make `verify` answer
    /// at once for unknown emails (a timing tell), not after a full check at the cost.
    #[test]
    fn the_dummy_hash_is_checked_in_full_and_matches_nothing() {
        for cost in [4, 12] {
            let dummy = dummy_hash(cost);
            let parts: bcrypt::HashParts = dummy.parse().unwrap();
            assert_eq!(parts.get_cost(), cost);
            if cost == 4 {
                assert_eq!(
                    bcrypt::verify(prehash("any password"), &dummy).ok(),
                    Some(false)
                );
            }
        }
        assert_ne!(dummy_hash(4), dummy_hash(4));
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
