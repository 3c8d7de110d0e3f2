//! The rules of a client's fields (SPEC §2) and of its status, as pure functions.
//! Everything is trimmed; each problem is reported beside its field.

use serde::Deserialize;
use validator::{Validate, ValidateEmail, ValidationError};

use crate::auth::password::password_problem;
use crate::models::account::ClientStatus;
use crate::views::FieldErrors;

pub const LANGUAGES: [(&str, &str); 3] = [
    ("en", "English"),
    ("pt-BR", "Português (Brasil)"),
    ("es", "Español"),
];
pub const MAX_BILLING_EMAILS: usize = 10;

/// The client form as typed (create and edit share it; the owner fields are for create).
/// Checkboxes arrive as absent or `"on"`.
#[derive(Debug, Clone, Default, Deserialize, Validate)]
pub struct ClientInput {
    #[serde(default)]
    #[validate(
        custom(function = "required", message = "Enter the account name."),
        length(max = 100, message = "Use at most 100 characters.")
    )]
    pub account_name: String,
    #[serde(default)]
    #[validate(length(max = 200, message = "Use at most 200 characters."))]
    pub company_name: String,
    #[serde(default)]
    #[validate(length(max = 64, message = "Use at most 64 characters."))]
    pub unique_identifier: String,
    #[serde(default)]
    #[validate(custom(function = "billing_emails"))]
    pub billing_emails: String,
    pub active: Option<String>,
    #[serde(default)]
    #[validate(length(max = 64, message = "Use at most 64 characters."))]
    pub custom_id: String,
    #[serde(default)]
    #[validate(custom(function = "seller", message = "Choose a seller from the list."))]
    pub seller_id: String,
    pub test_account: Option<String>,
    #[serde(default)]
    #[validate(custom(function = "language", message = "Choose a language from the list."))]
    pub language: String,
    #[serde(default)]
    #[validate(custom(function = "country", message = "Choose a country from the list."))]
    pub country: String,
    #[serde(default)]
    #[validate(length(max = 100, message = "Use at most 100 characters."))]
    pub region: String,
    #[serde(default)]
    #[validate(length(max = 100, message = "Use at most 100 characters."))]
    pub city: String,
    #[serde(default)]
    #[validate(
        custom(function = "required", message = "Enter the address."),
        length(max = 200, message = "Use at most 200 characters.")
    )]
    pub address: String,
    #[serde(default)]
    #[validate(length(max = 20, message = "Use at most 20 characters."))]
    pub postal_code: String,
    #[serde(default)]
    pub owner_first_name: String,
    #[serde(default)]
    pub owner_last_name: String,
    #[serde(default)]
    pub owner_email: String,
    #[serde(default)]
    pub owner_password: String,
    /// The version the edit form was loaded at.
    #[serde(default)]
    pub version: String,
}

fn required(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() {
        Err(ValidationError::new("required"))
    } else {
        Ok(())
    }
}

fn billing_emails(v: &str) -> Result<(), ValidationError> {
    let list = split_emails(v);
    if list.len() > MAX_BILLING_EMAILS {
        let mut e = ValidationError::new("too_many");
        e.message = Some(format!("Give at most {MAX_BILLING_EMAILS} addresses.").into());
        return Err(e);
    }
    if let Some(bad) = list.iter().find(|a| !a.validate_email()) {
        let mut e = ValidationError::new("email");
        e.message = Some(format!("{bad} is not a valid email address.").into());
        return Err(e);
    }
    Ok(())
}

fn seller(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() || v.trim().parse::<i64>().is_ok() {
        Ok(())
    } else {
        Err(ValidationError::new("seller"))
    }
}

fn language(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() || LANGUAGES.iter().any(|(code, _)| *code == v.trim()) {
        Ok(())
    } else {
        Err(ValidationError::new("language"))
    }
}

fn country(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() || isocountry::CountryCode::for_alpha2(v.trim()).is_ok() {
        Ok(())
    } else {
        Err(ValidationError::new("country"))
    }
}

/// Billing emails as typed: comma or newline separated, blanks dropped, lower-cased.
pub fn split_emails(v: &str) -> Vec<String> {
    v.split([',', '\n', '\r', ';'])
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A client's fields, clean and ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientFields {
    pub account_name: String,
    pub company_name: String,
    pub unique_identifier: Option<String>,
    pub billing_emails: Vec<String>,
    pub active: bool,
    pub custom_id: Option<String>,
    pub seller_id: Option<i64>,
    pub test_account: bool,
    pub language: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub address: String,
    pub postal_code: String,
}

/// The account owner given on create.
#[derive(Debug, Clone)]
pub struct OwnerFields {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// A sign-in password set now (otherwise an activation email is sent).
    pub password: Option<String>,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl ClientInput {
    /// A copy with every text field trimmed (the password excepted).
    pub fn trimmed(&self) -> ClientInput {
        let t = |s: &String| s.trim().to_owned();
        ClientInput {
            account_name: t(&self.account_name),
            company_name: t(&self.company_name),
            unique_identifier: t(&self.unique_identifier),
            billing_emails: self.billing_emails.trim().to_owned(),
            active: self.active.clone(),
            custom_id: t(&self.custom_id),
            seller_id: t(&self.seller_id),
            test_account: self.test_account.clone(),
            language: t(&self.language),
            country: self.country.trim().to_ascii_uppercase(),
            region: t(&self.region),
            city: t(&self.city),
            address: t(&self.address),
            postal_code: t(&self.postal_code),
            owner_first_name: t(&self.owner_first_name),
            owner_last_name: t(&self.owner_last_name),
            owner_email: t(&self.owner_email),
            owner_password: self.owner_password.clone(),
            version: t(&self.version),
        }
    }

    /// Checks the client's own fields; returns them clean when valid.
    pub fn check_client(&self) -> Result<ClientFields, FieldErrors> {
        let input = self.trimmed();
        if let Err(e) = input.validate() {
            return Err(FieldErrors::from_validation(&e));
        }
        Ok(ClientFields {
            unique_identifier: opt(&input.unique_identifier),
            billing_emails: split_emails(&input.billing_emails),
            active: input.active.is_some(),
            custom_id: opt(&input.custom_id),
            seller_id: input.seller_id.parse().ok(),
            test_account: input.test_account.is_some(),
            language: if input.language.is_empty() {
                "en".into()
            } else {
                input.language
            },
            account_name: input.account_name,
            company_name: input.company_name,
            country: input.country,
            region: input.region,
            city: input.city,
            address: input.address,
            postal_code: input.postal_code,
        })
    }

    /// Checks the account-owner section of the create form.
    pub fn check_owner(&self, errors: &mut FieldErrors) -> Option<OwnerFields> {
        let input = self.trimmed();
        for (field, value, what) in [
            (
                "owner_first_name",
                &input.owner_first_name,
                "the owner's first name",
            ),
            (
                "owner_last_name",
                &input.owner_last_name,
                "the owner's last name",
            ),
        ] {
            if value.is_empty() {
                errors.add(field, format!("Enter {what}."));
            } else if value.chars().count() > 100 {
                errors.add(field, "Use at most 100 characters.");
            }
        }
        if input.owner_email.is_empty() {
            errors.add("owner_email", "Enter the owner's email address.");
        } else if !input.owner_email.validate_email() || input.owner_email.len() > 254 {
            errors.add("owner_email", "Enter a valid email address.");
        }
        let password = (!input.owner_password.is_empty()).then(|| input.owner_password.clone());
        if let Some(problem) = password.as_deref().and_then(password_problem) {
            errors.add("owner_password", problem);
        }
        if errors.has("owner_first_name")
            || errors.has("owner_last_name")
            || errors.has("owner_email")
            || errors.has("owner_password")
        {
            return None;
        }
        Some(OwnerFields {
            first_name: input.owner_first_name,
            last_name: input.owner_last_name,
            email: input.owner_email.to_lowercase(),
            password,
        })
    }
}

/// A service's state as far as the client status cares.
pub fn derive_status<'a>(
    active: bool,
    deleted: bool,
    service_statuses: impl IntoIterator<Item = &'a str>,
) -> ClientStatus {
    if deleted {
        return ClientStatus::Deleted;
    }
    if !active {
        return ClientStatus::Disabled;
    }
    let (mut any_active, mut any_trial, mut any_ended) = (false, false, false);
    for s in service_statuses {
        match s {
            "active" => any_active = true,
            "trial" => any_trial = true,
            "paused" | "trial_end" | "deleted" => any_ended = true,
            _ => {}
        }
    }
    if any_active {
        ClientStatus::Active
    } else if any_trial {
        ClientStatus::Trial
    } else if any_ended {
        ClientStatus::TrialEnd
    } else {
        ClientStatus::Preparation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ClientInput {
        ClientInput {
            account_name: "  Globex  ".into(),
            address: "1 Main St".into(),
            active: Some("on".into()),
            billing_emails: "A@x.com,\n b@y.com ".into(),
            country: "br".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_client_is_trimmed_and_normalised() {
        let f = valid().check_client().unwrap();
        assert_eq!(f.account_name, "Globex");
        assert_eq!(f.billing_emails, ["a@x.com", "b@y.com"]);
        assert_eq!(f.country, "BR");
        assert_eq!(f.language, "en");
        assert!(f.active && !f.test_account);
        assert_eq!(f.unique_identifier, None);
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let input = ClientInput {
            account_name: "   ".into(),
            company_name: "c".repeat(201),
            unique_identifier: "u".repeat(65),
            billing_emails: "ok@x.com, nope".into(),
            custom_id: "i".repeat(65),
            seller_id: "abc".into(),
            language: "fr".into(),
            country: "XX".into(),
            region: "r".repeat(101),
            city: "c".repeat(101),
            address: "".into(),
            postal_code: "p".repeat(21),
            ..Default::default()
        };
        let errors = input.check_client().unwrap_err();
        for field in [
            "account_name",
            "company_name",
            "unique_identifier",
            "billing_emails",
            "custom_id",
            "seller_id",
            "language",
            "country",
            "region",
            "city",
            "address",
            "postal_code",
        ] {
            assert!(errors.has(field), "{field}");
        }
        assert_eq!(errors.get("account_name"), Some("Enter the account name."));
        assert_eq!(
            errors.get("billing_emails"),
            Some("nope is not a valid email address.")
        );
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let input = ClientInput {
            account_name: "é".repeat(100),
            ..valid()
        };
        assert!(input.check_client().is_ok());
        let input = ClientInput {
            account_name: "é".repeat(101),
            ..valid()
        };
        assert!(input.check_client().unwrap_err().has("account_name"));
    }

    #[test]
    fn at_most_ten_billing_emails() {
        let ten: Vec<String> = (0..10).map(|i| format!("b{i}@x.com")).collect();
        assert!(
            ClientInput {
                billing_emails: ten.join("\n"),
                ..valid()
            }
            .check_client()
            .is_ok()
        );
        let eleven = format!("{}\nb10@x.com", ten.join(","));
        let e = ClientInput {
            billing_emails: eleven,
            ..valid()
        }
        .check_client()
        .unwrap_err();
        assert_eq!(e.get("billing_emails"), Some("Give at most 10 addresses."));
    }

    #[test]
    fn the_owner_section_is_checked_on_create() {
        let mut errors = FieldErrors::default();
        let owner = ClientInput {
            owner_email: "x".into(),
            owner_password: "short".into(),
            ..valid()
        }
        .check_owner(&mut errors);
        assert!(owner.is_none());
        for f in [
            "owner_first_name",
            "owner_last_name",
            "owner_email",
            "owner_password",
        ] {
            assert!(errors.has(f), "{f}");
        }
        let mut errors = FieldErrors::default();
        let owner = ClientInput {
            owner_first_name: "Ana".into(),
            owner_last_name: "Silva".into(),
            owner_email: " Ana@Globex.test ".into(),
            ..valid()
        }
        .check_owner(&mut errors)
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(owner.email, "ana@globex.test");
        assert_eq!(owner.password, None);
    }

    #[test]
    fn status_follows_the_spec() {
        assert_eq!(derive_status(true, true, ["active"]), ClientStatus::Deleted);
        assert_eq!(
            derive_status(false, false, ["active"]),
            ClientStatus::Disabled
        );
        assert_eq!(
            derive_status(true, false, ["trial", "active"]),
            ClientStatus::Active
        );
        assert_eq!(
            derive_status(true, false, ["paused", "trial"]),
            ClientStatus::Trial
        );
        assert_eq!(
            derive_status(true, false, ["paused", "deleted"]),
            ClientStatus::TrialEnd
        );
        assert_eq!(
            derive_status(true, false, ["trial_end"]),
            ClientStatus::TrialEnd
        );
        assert_eq!(
            derive_status(true, false, [] as [&str; 0]),
            ClientStatus::Preparation
        );
        assert_eq!(
            derive_status(true, false, ["not_activated"]),
            ClientStatus::Preparation
        );
    }
}
