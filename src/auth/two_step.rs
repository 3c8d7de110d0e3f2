//! Two-step verification as plain rules (issue 16): RFC 6238 codes (6 digits, 30-second
//! steps, SHA-1 — what every authenticator app reads), the enrolment QR code (SVG drawn
//! here, shown as an image: no JavaScript, no user text in the page's markup), and the
//! recovery codes. The database side (a code accepted once, codes used once) is
//! `services::two_step`.
//!
//! - A code is accepted for the step before, the current one and the one after (clocks
//!   drift), and only for a step later than the last accepted one: a code seen over a
//!   shoulder or replayed opens nothing.
//! - Recovery codes are 16 characters from a 32-letter alphabet (80 random bits), shown
//!   once in groups of four; only their SHA-256 is stored (80 bits leave nothing to
//!   guess from a copy of the database, so no slow hash is needed).

use base64::Engine;
use totp_rs::{Algorithm, TOTP};

/// The name the authenticator app shows beside the address.
pub const ISSUER: &str = "Clientele";
pub const DIGITS: usize = 6;
pub const STEP_SECONDS: u64 = 30;
/// How many recovery codes a person gets.
pub const RECOVERY_CODES: usize = 10;
/// How long the code step of a sign-in waits after the password (seconds).
pub const PENDING_SECONDS: i64 = 300;

/// No o (0 stays), no 1, l or i: read from paper without doubt; 32 letters, so each
/// random byte picks one evenly.
const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";

fn totp(secret: &[u8], email: &str) -> Option<TOTP> {
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        1,
        STEP_SECONDS,
        secret.to_vec(),
        Some(ISSUER.to_owned()),
        // The label may not hold a colon (no address does).
        email.replace(':', ""),
    )
    .ok()
}

fn decode(secret: &str) -> Option<Vec<u8>> {
    totp_rs::Secret::Encoded(secret.to_owned()).to_bytes().ok()
}

/// A new secret: 160 random bits (RFC 4226's recommendation), base32 as apps take it.
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    totp_rs::Secret::Raw(bytes.to_vec())
        .to_encoded()
        .to_string()
}

/// The secret in groups of four, for typing into an app by hand.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `otpauth://` address the QR code holds.
pub fn otpauth_url(secret: &str, email: &str) -> Option<String> {
    Some(totp(&decode(secret)?, email)?.get_url())
}

/// The QR code of the enrolment, as an SVG `data:` URL for an `<img>`.
pub fn qr_data_url(secret: &str, email: &str) -> Option<String> {
    let url = otpauth_url(secret, email)?;
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// The code an app shows at `unix_time` (for tests and the demo).
pub fn code_at(secret: &str, unix_time: u64) -> Option<String> {
    Some(totp(&decode(secret)?, "")?.generate(unix_time))
}

/// What was typed as a code: digits only (spaces and dashes dropped), or None.
fn as_code(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// The step `typed` is the code of, when it is the code of the step before, at, or after
/// `unix_time`'s and later than `last_step` (a step already used opens nothing again).
pub fn matching_step(
    secret: &str,
    typed: &str,
    unix_time: u64,
    last_step: Option<i64>,
) -> Option<i64> {
    let code = as_code(typed)?;
    let totp = totp(&decode(secret)?, "")?;
    let now = unix_time / STEP_SECONDS;
    let mut found = None;
    // Every candidate is computed and compared (constant time), whichever matches.
    for step in [now.saturating_sub(1), now, now + 1] {
        let expected = totp.generate(step * STEP_SECONDS);
        if crate::auth::tokens::same_secret(&expected, &code) && found.is_none() {
            found = Some(step as i64);
        }
    }
    found.filter(|step| last_step.is_none_or(|last| *step > last))
}

/// Ten new recovery codes, as shown (`abcd-efgh-jkmn-pqrs`).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let bytes: [u8; 16] = rand::random();
            let letters: Vec<u8> = bytes
                .iter()
                .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()])
                .collect();
            letters
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// A recovery code as stored: lower case, without spaces or dashes, hashed. None for
/// what cannot be one.
pub fn recovery_hash(typed: &str) -> Option<String> {
    let plain: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (plain.len() == 16 && plain.bytes().all(|b| ALPHABET.contains(&b)))
        .then(|| crate::auth::tokens::hash_token(&plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA-1 key ("12345678901234567890") and its published codes, last 6 digits.
    #[test]
    fn codes_are_rfc_6238() {
        let secret = totp_rs::Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
        assert_eq!(code_at(&secret, 1111111109).unwrap(), "081804");
        assert_eq!(code_at(&secret, 1234567890).unwrap(), "005924");
    }

    #[test]
    fn a_code_is_taken_one_step_either_side_and_once() {
        let secret = new_secret();
        assert_eq!(decode(&secret).unwrap().len(), 20);
        let t = 1_800_000_000;
        let step = (t / STEP_SECONDS) as i64;
        let now = code_at(&secret, t).unwrap();
        assert_eq!(matching_step(&secret, &now, t, None), Some(step));
        // Typed with a space, or read from the app a step early or late.
        let spaced = format!("{} {}", &now[..3], &now[3..]);
        assert_eq!(matching_step(&secret, &spaced, t, None), Some(step));
        assert_eq!(matching_step(&secret, &now, t + 30, None), Some(step));
        assert_eq!(matching_step(&secret, &now, t - 30, None), Some(step));
        // Two steps away: too old (or too new).
        assert_eq!(matching_step(&secret, &now, t + 60, None), None);
        // Used already: the same step, or one before the last used, opens nothing.
        assert_eq!(matching_step(&secret, &now, t, Some(step)), None);
        assert_eq!(matching_step(&secret, &now, t, Some(step - 1)), Some(step));
        // Not a code at all.
        for typed in ["", "12345", "1234567", "abcdef", "12345\0", "１２３４５６"] {
            assert_eq!(matching_step(&secret, typed, t, None), None, "{typed:?}");
        }
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_read_back_however_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        for c in &codes {
            assert_eq!(c.len(), 19);
            let hash = recovery_hash(c).unwrap();
            assert_ne!(&hash, c);
            assert_eq!(recovery_hash(&c.to_uppercase()), Some(hash.clone()));
            assert_eq!(recovery_hash(&c.replace('-', " ")), Some(hash));
        }
        assert_eq!(recovery_hash("123456"), None);
        assert_eq!(recovery_hash("abcd-efgh-jkmn-pqro"), None);
    }

    #[test]
    fn the_qr_code_is_an_svg_of_the_otpauth_address() {
        let secret = new_secret();
        let url = otpauth_url(&secret, "ana@example.com").unwrap();
        assert!(
            url.starts_with("otpauth://totp/Clientele:ana%40example.com?"),
            "{url}"
        );
        assert!(url.contains(&format!("secret={secret}")));
        assert!(url.contains("issuer=Clientele"));
        let img = qr_data_url(&secret, "ana@example.com").unwrap();
        let svg = base64::engine::general_purpose::STANDARD
            .decode(img.strip_prefix("data:image/svg+xml;base64,").unwrap())
            .unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }
}
