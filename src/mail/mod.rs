//! Email: every message is a row of the `outbox` table, written in the transaction of the
//! change that causes it ([`outbox::enqueue`]); no code path sends mail directly. The
//! delivery worker ([`worker`]) claims due rows, hands them to lettre over the transport
//! `MAIL_URL` names ([`transport`]), and retries failures with backoff.
//!
//! Templates are Askama text + HTML pairs sharing an email layout; the words come from the
//! catalogue (`i18n`) in English, Brazilian Portuguese or Spanish, picked by the
//! recipient's language (a client's automatic emails: the client's), English otherwise.

pub mod outbox;
pub mod templates;
pub mod transport;
pub mod wake;
pub mod worker;

pub use crate::i18n::Lang;

/// What an email says; each kind has its template pair and its words in every language.
/// Later features add their kinds here.
#[derive(Debug, Clone)]
pub enum EmailKind {
    /// `clientele mail test`: proves the mail settings work.
    Test,
    /// A new client's owner sets a password through the single-use link (14 days).
    OwnerActivation {
        first_name: String,
        client_name: String,
        group_name: String,
        /// The secret token; the link is `{BASE_URL}/activate/{token}`.
        token: String,
    },
    /// The owner named for a new client is invited to own it: the activation link
    /// (`{BASE_URL}/activate/{token}`, 14 days, single use), which opens the invitation —
    /// one email whether or not the address has a user (it says what each does).
    OwnerInvitation {
        /// The name staff typed (may be blank).
        first_name: String,
        client_name: String,
        group_name: String,
        token: String,
        /// Staff set a sign-in password (a new user confirms it instead of choosing one).
        preset_password: bool,
    },
    /// Day 11 of 14: the owner named for a new client has not accepted yet. A second link
    /// to the same invitation (`{BASE_URL}/activate/{token}`; the first email's still
    /// works), valid until the same day.
    OwnerReminder {
        first_name: String,
        client_name: String,
        group_name: String,
        token: String,
        /// The day the invitation expires.
        expires_on: chrono::NaiveDate,
        preset_password: bool,
    },
    /// An invitation to an account (`{BASE_URL}/invitations/{token}`, 7 days, single use).
    Invitation {
        /// Who invites: a person's name, or the group that named the owner of a new client.
        inviter: String,
        account_name: String,
        /// The stored role (`owner`, `admin`, `seller`, `member`).
        role: String,
        /// A member's permissions, stored form (`services,billing`; '' for other roles).
        permissions: String,
        token: String,
    },
    /// A link to choose a new password (`{BASE_URL}/password/reset/{token}`, 1 hour).
    PasswordReset { first_name: String, token: String },
    /// Sent to a user's current address when staff change it: a link to confirm the new
    /// one (`{BASE_URL}/email-change/{token}`, 3 days).
    EmailChangeConfirm {
        first_name: String,
        new_email: String,
        group_name: String,
        token: String,
    },
    /// Sent to the new address once the person approved the change: a link that proves
    /// they receive mail there (`{BASE_URL}/email-change/{token}`, 3 days).
    EmailAddressConfirm { first_name: String, token: String },
    /// Sent to the old address when a user's email is changed.
    EmailChanged {
        first_name: String,
        new_email: String,
    },
    /// To the group's notification recipients: a client's owner asked to delete the
    /// account; a link to the client's Delete client tab.
    DeletionRequested {
        client_name: String,
        due_on: chrono::NaiveDate,
        /// `/groups/{gid}/clients/{cid}/deletion`.
        path: String,
    },
    /// To the client's owner: the group cancelled the deletion request.
    DeletionCancelled {
        first_name: String,
        client_name: String,
        group_name: String,
    },
    /// To the client's owner and the group's notification recipients: the account was
    /// deleted.
    ClientDeleted {
        client_name: String,
        group_name: String,
    },
}

impl EmailKind {
    /// The template name stored with the row.
    pub fn template(&self) -> &'static str {
        match self {
            EmailKind::Test => "test",
            EmailKind::OwnerActivation { .. } => "owner_activation",
            EmailKind::Invitation { .. } => "invitation",
            EmailKind::OwnerInvitation { .. } => "owner_invitation",
            EmailKind::OwnerReminder { .. } => "owner_reminder",
            EmailKind::PasswordReset { .. } => "password_reset",
            EmailKind::EmailChanged { .. } => "email_changed",
            EmailKind::EmailChangeConfirm { .. } => "email_change_confirm",
            EmailKind::EmailAddressConfirm { .. } => "email_address_confirm",
            EmailKind::DeletionRequested { .. } => "deletion_requested",
            EmailKind::DeletionCancelled { .. } => "deletion_cancelled",
            EmailKind::ClientDeleted { .. } => "client_deleted",
        }
    }
}

/// One email to queue.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub lang: Lang,
    pub kind: EmailKind,
    /// The group whose "Email problems" page lists this email if it cannot be delivered.
    pub group_id: Option<i64>,
}
