//! What a person may type, as plain rules that pages, services and commands share: field
//! errors, the characters a text field may hold, and the email addresses we accept.
//! Messages are keys of the catalogue (`i18n`), put in the reader's language when the
//! page is drawn. It uses nothing else of the crate but the catalogue's types.

use std::collections::BTreeMap;

use crate::i18n::{Arg, Msg};

/// Errors of a form, by field name; the first message per field is kept.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(BTreeMap<String, Msg>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<Msg>) {
        self.0
            .entry(field.to_owned())
            .or_insert_with(|| message.into());
    }

    pub fn get(&self, field: &str) -> Option<&Msg> {
        self.0.get(field)
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Takes validator's errors: each rule's message is a key of the catalogue, and its
    /// parameters (`max`, `min`, an `address` …) are the message's arguments — all but the
    /// value typed, which the form shows anyway.
    pub fn from_validation(errors: &validator::ValidationErrors) -> Self {
        let mut out = FieldErrors::default();
        for (field, errs) in errors.field_errors() {
            if let Some(e) = errs.first() {
                let mut msg = Msg::new(e.message.clone().unwrap_or("error-not-valid".into()));
                for (name, value) in e.params.iter().filter(|(n, _)| *n != "value") {
                    let arg = match (value.as_i64(), value.as_str()) {
                        (Some(n), _) => Arg::Number(n),
                        (None, Some(text)) => Arg::Text(text.to_owned()),
                        _ => continue,
                    };
                    msg.args.push((name.clone(), arg));
                }
                out.add(&field, msg);
            }
        }
        out
    }
}

pub const CONTROL_CHARACTERS: &str = "error-control-characters";

/// Whether a text holds a control character (NUL, tab, escape, DEL, C1 …). Line breaks are
/// allowed where the field is multi-line (a textarea sends CR LF).
pub fn has_control_chars(s: &str, multiline: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r')))
}

/// The error of a single-line text field holding control characters.
pub fn single_line_problem(s: &str) -> Option<&'static str> {
    has_control_chars(s, false).then_some(CONTROL_CHARACTERS)
}

/// The longest first or last name.
pub const MAX_PERSON_NAME: usize = 100;

/// A person's first or last name: required (`missing` is the message then), one line, at
/// most [`MAX_PERSON_NAME`] characters.
pub fn check_person_name(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    missing: &'static str,
) {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, missing);
    } else if let Some(problem) = single_line_problem(value) {
        errors.add(field, problem);
    } else if value.chars().count() > MAX_PERSON_NAME {
        errors.add(field, too_long(MAX_PERSON_NAME));
    }
}

/// "Use at most N characters."
pub fn too_long(max: usize) -> Msg {
    Msg::new("error-too-long").with("max", max)
}

/// The longest address SMTP carries (RFC 5321: a 256-octet path less its brackets).
pub const MAX_EMAIL_LEN: usize = 254;

/// Whether a mail server will take this address as a recipient: `local@domain`, the local
/// part a dot-atom (no quoted strings, no comments), the domain a DNS name with at least two
/// labels and an alphabetic top level (no address literals such as `a@[127.0.0.1]`, no
/// `localhost`). ASCII only: many servers refuse internationalised addresses (SMTPUTF8).
pub fn is_deliverable_email(addr: &str) -> bool {
    if addr.len() > MAX_EMAIL_LEN || !addr.is_ascii() {
        return false;
    }
    let Some((local, domain)) = addr.rsplit_once('@') else {
        return false;
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let top_ok = labels.last().is_some_and(|tld| {
        tld.len() >= 2 && (tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--"))
    });
    local_ok && domain.len() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && top_ok
}

/// A list of addresses as typed (billing emails, recipients): comma or newline separated, blanks dropped, lower-cased.
pub fn split_emails(v: &str) -> Vec<String> {
    v.split([',', '\n', '\r', ';'])
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The error of an email field (a key of the catalogue), or None when the address is one
/// we accept.
pub fn email_problem(addr: &str) -> Option<&'static str> {
    if has_control_chars(addr, false) {
        Some(CONTROL_CHARACTERS)
    } else if addr.len() > MAX_EMAIL_LEN {
        Some("error-email-too-long")
    } else if !is_deliverable_email(addr) {
        Some("error-email-invalid")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_error_per_field_wins() {
        let mut e = FieldErrors::default();
        e.add("email", "error-enter-email");
        e.add("email", "error-email-invalid");
        assert_eq!(e.get("email"), Some(&Msg::new("error-enter-email")));
        assert!(e.has("email") && !e.has("name"));
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn control_characters_are_found_line_breaks_only_where_allowed() {
        for bad in [
            "a\0b",
            "a\tb",
            "\x0b",
            "\x0c",
            "\x7f",
            "\u{1b}[31m",
            "\u{85}",
        ] {
            assert!(has_control_chars(bad, false), "{bad:?}");
            assert!(single_line_problem(bad).is_some(), "{bad:?}");
        }
        assert!(has_control_chars("a\nb", false));
        assert!(!has_control_chars("a\r\nb", true));
        assert!(has_control_chars("a\r\n\0", true));
        assert!(!has_control_chars("Café & Co — 東京", false));
    }

    #[test]
    fn emails_a_mail_server_refuses_are_refused() {
        for good in [
            "ana@globex.test",
            "first.last+tag@mail.example.com",
            "o'brien@example.ie",
            "x@xn--caf-dma.com",
            "a_b-c@sub-domain.example.org",
        ] {
            assert!(is_deliverable_email(good), "{good}");
            assert_eq!(email_problem(good), None, "{good}");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        let long_label = format!("a@{}.com", "b".repeat(64));
        let too_long = format!("a@{}.com", "b.".repeat(130));
        for bad in [
            "a@[127.0.0.1]",
            "a@[IPv6:::1]",
            "a@127.0.0.1",
            "a@localhost",
            "\"quoted local\"@example.com",
            "a(comment)@example.com",
            "a..b@example.com",
            ".a@example.com",
            "a.@example.com",
            "a@-example.com",
            "a@example-.com",
            "a@example..com",
            "a@example.c",
            "a@example.123",
            "ação@example.com",
            "a@exämple.com",
            "a@b@example.com",
            "a b@example.com",
            "a@example.com\0",
            "@example.com",
            "a@",
            "plain",
            &long_local,
            &long_label,
            &too_long,
        ] {
            assert!(!is_deliverable_email(bad), "{bad}");
            assert!(email_problem(bad).is_some(), "{bad}");
        }
        assert_eq!(email_problem("a@b.com\t"), Some(CONTROL_CHARACTERS));
    }
}
