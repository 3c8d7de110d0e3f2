//! The rules of a client's fields (SPEC §2) and of its status, as pure functions.
//! Everything is trimmed; each problem is reported beside its field.

use std::collections::BTreeMap;

use serde::Deserialize;
use validator::{Validate, ValidationError};

use crate::auth::password::password_problem;
use crate::i18n::{Lang, Msg};
use crate::input::{
    CONTROL_CHARACTERS, FieldErrors, check_person_name, email_problem, has_control_chars,
    is_deliverable_email, single_line_problem, split_emails,
};
use crate::models::account::{Account, ClientStatus};

pub const MAX_BILLING_EMAILS: usize = 10;

/// The client form as typed (create and edit share it; the owner fields are for create).
/// Checkboxes arrive as absent or `"on"`.
#[derive(Debug, Clone, Default, Deserialize, Validate)]
pub struct ClientInput {
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        custom(function = "required", message = "error-enter-account-name"),
        length(max = 100, message = "error-too-long")
    )]
    pub account_name: String,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        length(max = 200, message = "error-too-long")
    )]
    pub company_name: String,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        length(max = 64, message = "error-too-long")
    )]
    pub unique_identifier: String,
    #[serde(default)]
    #[validate(custom(function = "billing_emails"))]
    pub billing_emails: String,
    pub active: Option<String>,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        length(max = 64, message = "error-too-long")
    )]
    pub custom_id: String,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        custom(function = "seller", message = "error-choose-seller")
    )]
    pub seller_id: String,
    pub test_account: Option<String>,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        custom(function = "language", message = "error-choose-language")
    )]
    pub language: String,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        custom(function = "country", message = "error-choose-country")
    )]
    pub country: String,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        length(max = 100, message = "error-too-long")
    )]
    pub region: String,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        length(max = 100, message = "error-too-long")
    )]
    pub city: String,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        custom(function = "required", message = "error-enter-address"),
        length(max = 200, message = "error-too-long")
    )]
    pub address: String,
    #[serde(default)]
    #[validate(
        custom(function = "single_line"),
        length(max = 20, message = "error-too-long")
    )]
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
    /// The edit form's values as loaded (JSON of [`ClientInput::values`]), so that a stale
    /// save can tell the fields this person changed from those someone else changed.
    #[serde(default)]
    pub base: String,
}

fn required(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() {
        Err(ValidationError::new("required"))
    } else {
        Ok(())
    }
}

/// Single-line text: no control characters (the message is the same for every field).
fn single_line(v: &str) -> Result<(), ValidationError> {
    match single_line_problem(v) {
        Some(message) => {
            let mut e = ValidationError::new("control");
            e.message = Some(message.into());
            Err(e)
        }
        None => Ok(()),
    }
}

fn billing_emails(v: &str) -> Result<(), ValidationError> {
    if has_control_chars(v, true) {
        let mut e = ValidationError::new("control");
        e.message = Some(CONTROL_CHARACTERS.into());
        return Err(e);
    }
    let list = split_emails(v);
    if list.len() > MAX_BILLING_EMAILS {
        let mut e = ValidationError::new("too_many");
        e.message = Some("error-billing-too-many".into());
        e.add_param("max".into(), &MAX_BILLING_EMAILS);
        return Err(e);
    }
    if let Some(bad) = list.iter().find(|a| !is_deliverable_email(a)) {
        let mut e = ValidationError::new("email");
        e.message = Some("error-billing-invalid".into());
        e.add_param("address".into(), bad);
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
    if v.trim().is_empty() || Lang::ALL.iter().any(|l| l.code() == v.trim()) {
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
            base: self.base.clone(),
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
        check_person_name(
            errors,
            "owner_first_name",
            &input.owner_first_name,
            "error-enter-owner-first-name",
        );
        check_person_name(
            errors,
            "owner_last_name",
            &input.owner_last_name,
            "error-enter-owner-last-name",
        );
        if input.owner_email.is_empty() {
            errors.add("owner_email", "error-enter-owner-email");
        } else if let Some(problem) = email_problem(&input.owner_email.to_lowercase()) {
            errors.add("owner_email", problem);
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

/// One editable field of a client, as the edit form has it: its name, its label, and how
/// its value is read from and written to the form (checkboxes as `on`/`off`; billing
/// emails normalised, so that a reformatted list is not a change). This table is the one
/// list of a client's fields: the stale-save page, the audit's changes and (later) the
/// History tab read their names, labels and values from it.
pub struct FormField {
    pub name: &'static str,
    pub label: &'static str,
    kind: FieldKind,
    get: fn(&ClientInput) -> String,
    set: fn(&mut ClientInput, String),
}

/// What a field's value is, for the audit log's JSON.
#[derive(Clone, Copy)]
enum FieldKind {
    Text,
    /// A checkbox: `true`/`false`.
    Flag,
    /// A user's id: a number.
    Id,
}

impl FormField {
    /// The value as the audit log stores it: text (empty as null), a boolean or a number.
    pub fn json(&self, value: &str) -> serde_json::Value {
        use serde_json::Value;
        match self.kind {
            _ if value.is_empty() => Value::Null,
            FieldKind::Flag => Value::Bool(value == "on"),
            FieldKind::Id => value.parse::<i64>().map_or(Value::Null, Value::from),
            FieldKind::Text => Value::from(value),
        }
    }
}

fn flag(v: &Option<String>) -> String {
    if v.is_some() { "on" } else { "off" }.to_owned()
}

fn from_flag(v: String) -> Option<String> {
    (v == "on").then_some(v)
}

macro_rules! text_field {
    ($name:ident, $label:expr) => {
        FormField {
            name: stringify!($name),
            label: $label,
            kind: FieldKind::Text,
            get: |i| i.$name.trim().to_owned(),
            set: |i, v| i.$name = v,
        }
    };
}

/// The client's editable fields, in the order of the form.
pub const CLIENT_FORM_FIELDS: [FormField; 14] = [
    text_field!(account_name, "client-field-account_name"),
    text_field!(company_name, "client-field-company_name"),
    text_field!(unique_identifier, "client-field-unique_identifier"),
    FormField {
        name: "billing_emails",
        label: "client-field-billing_emails",
        kind: FieldKind::Text,
        get: |i| split_emails(&i.billing_emails).join("\n"),
        set: |i, v| i.billing_emails = v,
    },
    FormField {
        name: "active",
        label: "client-field-active",
        kind: FieldKind::Flag,
        get: |i| flag(&i.active),
        set: |i, v| i.active = from_flag(v),
    },
    text_field!(custom_id, "client-field-custom_id"),
    FormField {
        name: "seller_id",
        label: "client-field-seller_id",
        kind: FieldKind::Id,
        get: |i| i.seller_id.trim().to_owned(),
        set: |i, v| i.seller_id = v,
    },
    FormField {
        name: "test_account",
        label: "client-field-test_account",
        kind: FieldKind::Flag,
        get: |i| flag(&i.test_account),
        set: |i, v| i.test_account = from_flag(v),
    },
    text_field!(language, "client-field-language"),
    FormField {
        name: "country",
        label: "client-field-country",
        kind: FieldKind::Text,
        get: |i| i.country.trim().to_ascii_uppercase(),
        set: |i, v| i.country = v,
    },
    text_field!(region, "client-field-region"),
    text_field!(city, "client-field-city"),
    text_field!(address, "client-field-address"),
    text_field!(postal_code, "client-field-postal_code"),
];

/// A field another save changed while this form was open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleField {
    pub name: &'static str,
    pub label: &'static str,
    /// The value saved meanwhile.
    pub saved: String,
    /// What this person sent, when they changed the field too (None: they did not, and the
    /// form now shows the saved value).
    pub yours: Option<String>,
}

impl ClientInput {
    /// The editable fields' values, by name, as compared.
    pub fn values(&self) -> BTreeMap<&'static str, String> {
        CLIENT_FORM_FIELDS
            .iter()
            .map(|f| (f.name, (f.get)(self)))
            .collect()
    }

    /// The values as the hidden `base` field carries them.
    pub fn values_json(&self) -> String {
        serde_json::to_string(&self.values()).unwrap_or_default()
    }

    /// The form as the stored client fills it, at its version.
    pub fn of(a: &Account) -> ClientInput {
        ClientInput {
            version: a.version.to_string(),
            ..ClientFields::of(a).to_input()
        }
    }

    /// A save refused as stale, made ready to send again: for every field someone else
    /// changed, the form takes the saved value unless this person changed that field too
    /// (then theirs stays, and both are listed). `saved` is the client as stored now; the
    /// form's `version` and `base` move to it, so sending the form again is a deliberate
    /// choice that cannot revert a change this person did not make.
    pub fn rebase(&mut self, saved: &ClientInput) -> Vec<StaleField> {
        let stale = match self.base_input() {
            // A form from before the base existed: every difference is a conflict.
            None => diff(Some(saved), self)
                .into_iter()
                .map(|c| StaleField {
                    name: c.name,
                    label: c.label,
                    saved: c.old,
                    yours: Some(c.new),
                })
                .collect(),
            Some(base) => {
                let mine = diff(Some(&base), self);
                let theirs = diff(Some(&base), saved);
                let mut stale = Vec::new();
                for t in theirs {
                    match mine.iter().find(|m| m.name == t.name) {
                        Some(m) if m.new == t.new => {} // the same change
                        Some(m) => stale.push(StaleField {
                            name: t.name,
                            label: t.label,
                            saved: t.new,
                            yours: Some(m.new.clone()),
                        }),
                        None => {
                            self.set(t.name, t.new.clone());
                            stale.push(StaleField {
                                name: t.name,
                                label: t.label,
                                saved: t.new,
                                yours: None,
                            });
                        }
                    }
                }
                stale
            }
        };
        self.version = saved.version.clone();
        self.base = saved.values_json();
        stale
    }

    /// The form as it was loaded, from the hidden `base` field (None when absent or bad).
    fn base_input(&self) -> Option<ClientInput> {
        let values: BTreeMap<String, String> = serde_json::from_str(&self.base).ok()?;
        let mut base = ClientInput::default();
        for (name, value) in values {
            base.set(&name, value);
        }
        Some(base)
    }

    /// Writes one field by its name in [`CLIENT_FORM_FIELDS`] (unknown names are ignored).
    fn set(&mut self, name: &str, value: String) {
        if let Some(f) = CLIENT_FORM_FIELDS.iter().find(|f| f.name == name) {
            (f.set)(self, value);
        }
    }
}

impl ClientFields {
    /// The stored client's fields.
    pub fn of(a: &Account) -> ClientFields {
        ClientFields {
            account_name: a.name.clone(),
            company_name: a.company_name.clone(),
            unique_identifier: a.unique_identifier.clone(),
            billing_emails: split_emails(&a.billing_emails),
            active: a.active,
            custom_id: a.custom_id.clone(),
            seller_id: a.seller_id,
            test_account: a.test_account,
            language: a.language.clone(),
            country: a.country.clone(),
            region: a.region.clone(),
            city: a.city.clone(),
            address: a.address.clone(),
            postal_code: a.postal_code.clone(),
        }
    }

    /// The form these clean fields fill.
    pub fn to_input(&self) -> ClientInput {
        let on = |b: bool| b.then(|| "on".to_owned());
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        ClientInput {
            account_name: self.account_name.clone(),
            company_name: self.company_name.clone(),
            unique_identifier: text(&self.unique_identifier),
            billing_emails: self.billing_emails.join("\n"),
            active: on(self.active),
            custom_id: text(&self.custom_id),
            seller_id: self.seller_id.map(|s| s.to_string()).unwrap_or_default(),
            test_account: on(self.test_account),
            language: self.language.clone(),
            country: self.country.clone(),
            region: self.region.clone(),
            city: self.city.clone(),
            address: self.address.clone(),
            postal_code: self.postal_code.clone(),
            ..Default::default()
        }
    }
}

/// A field whose value differs between two versions of a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub name: &'static str,
    pub label: &'static str,
    pub old: String,
    pub new: String,
}

impl FieldChange {
    /// The field of the table this change is about.
    pub fn field(&self) -> &'static FormField {
        CLIENT_FORM_FIELDS
            .iter()
            .find(|f| f.name == self.name)
            .expect("changes come from the table")
    }
}

/// A field's label by its name (the form and the pages that list changes show it).
pub fn label_of(name: &str) -> &'static str {
    CLIENT_FORM_FIELDS
        .iter()
        .find(|f| f.name == name)
        .map_or("", |f| f.label)
}

/// The fields that differ from `old` (None: a new client) to `new`, in the form's order.
pub fn diff(old: Option<&ClientInput>, new: &ClientInput) -> Vec<FieldChange> {
    CLIENT_FORM_FIELDS
        .iter()
        .filter_map(|f| {
            let old = old.map(|o| (f.get)(o)).unwrap_or_default();
            let new = (f.get)(new);
            (old != new).then_some(FieldChange {
                name: f.name,
                label: f.label,
                old,
                new,
            })
        })
        .collect()
}

/// What a client's status badge says after the status itself, in words ("2 services
/// active", "CDN paused"), from its services' names and statuses (catalogue order).
pub fn explain_status(status: ClientStatus, services: &[(String, String)]) -> Option<Msg> {
    let count = |wanted: &str| services.iter().filter(|(_, s)| s == wanted).count();
    match status {
        ClientStatus::Active => Some(Msg::new("badge-active").with("count", count("active"))),
        ClientStatus::Trial => Some(Msg::new("badge-trial").with("count", count("trial"))),
        ClientStatus::TrialEnd => services
            .iter()
            .find(|(_, s)| matches!(s.as_str(), "paused" | "trial_end" | "deleted"))
            .map(|(name, s)| {
                Msg::new("badge-ended")
                    .with("service", name.as_str())
                    .with("status", s.as_str())
            }),
        ClientStatus::Preparation => Some(Msg::new("badge-preparation")),
        ClientStatus::Disabled => Some(Msg::new("badge-disabled")),
        ClientStatus::Deleted => None,
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
        let en = |field: &str| errors.get(field).unwrap().in_lang(Lang::En);
        assert_eq!(en("account_name"), "Enter the account name.");
        assert_eq!(en("billing_emails"), "nope is not a valid email address.");
        assert_eq!(en("postal_code"), "Use at most 20 characters.");
        assert_eq!(
            errors.get("billing_emails").unwrap().in_lang(Lang::PtBr),
            "nope não é um endereço de e-mail válido."
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
        assert_eq!(
            e.get("billing_emails").unwrap().in_lang(Lang::Es),
            "Indica como máximo 10 direcciones."
        );
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
    fn a_stale_form_takes_the_other_change_and_keeps_its_own() {
        let loaded = ClientInput {
            city: "Lisbon".into(),
            company_name: "Old Co".into(),
            region: "North".into(),
            version: "1".into(),
            ..valid()
        };
        let mut mine = ClientInput {
            base: loaded.values_json(),
            ..loaded.clone()
        };
        mine.company_name = "Mine Co".into();
        mine.region = "South".into();
        // Meanwhile someone else changed the city and the region, and saved (version 2).
        let saved = ClientInput {
            city: "Porto".into(),
            region: "East".into(),
            version: "2".into(),
            ..loaded.clone()
        };
        let stale = mine.rebase(&saved);
        assert_eq!(
            mine.city, "Porto",
            "a field I did not touch takes the saved value"
        );
        assert_eq!(mine.company_name, "Mine Co", "my own change stays");
        assert_eq!(mine.region, "South", "a field we both changed keeps mine");
        assert_eq!(
            stale,
            [
                StaleField {
                    name: "region",
                    label: "client-field-region",
                    saved: "East".into(),
                    yours: Some("South".into())
                },
                StaleField {
                    name: "city",
                    label: "client-field-city",
                    saved: "Porto".into(),
                    yours: None
                },
            ]
        );
        assert_eq!(mine.version, "2");
        assert_eq!(mine.base, saved.values_json());
        // Sent again, nothing of the other save is reverted.
        let again = mine.check_client().unwrap();
        assert_eq!(
            (again.city.as_str(), again.region.as_str()),
            ("Porto", "South")
        );
    }

    #[test]
    fn without_a_base_every_difference_is_a_conflict() {
        let mut mine = ClientInput {
            city: "Lisbon".into(),
            ..valid()
        };
        let saved = ClientInput {
            city: "Porto".into(),
            version: "2".into(),
            ..valid()
        };
        let stale = mine.rebase(&saved);
        assert_eq!(mine.city, "Lisbon");
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].yours.as_deref(), Some("Lisbon"));
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

    #[test]
    fn the_badge_explains_itself() {
        let s = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(n, st)| (n.to_string(), st.to_string()))
                .collect()
        };
        let en = |m: Option<Msg>| m.map(|m| m.in_lang(Lang::En));
        assert_eq!(
            en(explain_status(
                ClientStatus::Active,
                &s(&[("CDN", "active"), ("DNS", "active"), ("Cloud", "trial")])
            ))
            .as_deref(),
            Some("2 services active")
        );
        assert_eq!(
            en(explain_status(ClientStatus::Trial, &s(&[("CDN", "trial")]))).as_deref(),
            Some("1 service in trial")
        );
        assert_eq!(
            en(explain_status(
                ClientStatus::TrialEnd,
                &s(&[("CDN", "paused")])
            ))
            .as_deref(),
            Some("CDN paused")
        );
        assert_eq!(
            explain_status(ClientStatus::TrialEnd, &s(&[("DNS", "trial_end")]))
                .unwrap()
                .in_lang(Lang::PtBr),
            "DNS com teste encerrado"
        );
        assert_eq!(
            en(explain_status(ClientStatus::Preparation, &[])).as_deref(),
            Some("no service in use yet")
        );
        assert_eq!(explain_status(ClientStatus::Deleted, &[]), None);
    }

    /// Every combination of the deleted flag, the "Active client" switch and up to three
    /// services in any state (not activated included), against SPEC §2 read rule by rule.
    #[test]
    fn status_for_every_combination() {
        const STATES: [Option<&str>; 6] = [
            None,
            Some("trial"),
            Some("active"),
            Some("paused"),
            Some("trial_end"),
            Some("deleted"),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for deleted in [false, true] {
            for active in [false, true] {
                for a in STATES {
                    for b in STATES {
                        for c in STATES {
                            let services: Vec<&str> = [a, b, c].into_iter().flatten().collect();
                            let has = |s: &str| services.contains(&s);
                            // SPEC §2, in its order: the first rule that holds.
                            let expected = if deleted {
                                ClientStatus::Deleted
                            } else if !active {
                                ClientStatus::Disabled
                            } else if has("active") {
                                ClientStatus::Active
                            } else if has("trial") {
                                ClientStatus::Trial
                            } else if has("paused") || has("trial_end") || has("deleted") {
                                ClientStatus::TrialEnd
                            } else {
                                ClientStatus::Preparation
                            };
                            let got = derive_status(active, deleted, services.iter().copied());
                            assert_eq!(got, expected, "{deleted} {active} {services:?}");
                            seen.insert(got.code());
                        }
                    }
                }
            }
        }
        assert_eq!(seen.len(), 6, "every status is reached: {seen:?}");
    }
}
