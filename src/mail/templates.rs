//! Rendering emails: the words of each kind from the catalogue (`i18n`) in the recipient's
//! language, and the Askama text + HTML pair sharing one layout. Links are absolute under `BASE_URL`. The HTML part is escaped
//! by Askama; the text part is plain text and not escaped.

use askama::Template;

use super::EmailKind;
use crate::i18n::{Lang, Msg, t};

/// A rendered email, as the outbox stores it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The words every email shares.
pub struct Chrome {
    pub lang: &'static str,
    pub footer: String,
}

fn chrome(lang: Lang) -> Chrome {
    Chrome {
        lang: lang.code(),
        footer: t(lang, "email-footer"),
    }
}

/// The words of the test email.
pub struct TestWords {
    pub subject: String,
    pub heading: String,
    pub body: String,
    pub sent_to: String,
    pub button: String,
}

fn test_words(lang: Lang) -> TestWords {
    TestWords {
        subject: t(lang, "email-test-subject"),
        heading: t(lang, "email-test-heading"),
        body: t(lang, "email-test-body"),
        sent_to: t(lang, "email-test-sent-to"),
        button: t(lang, "email-test-button"),
    }
}

/// "Hello Ana,", or "Hello," when the name is blank.
fn greeting(lang: Lang, first_name: &str) -> String {
    if first_name.trim().is_empty() {
        t(lang, "email-invitation-greeting")
    } else {
        Msg::new("email-activation-greeting")
            .with("name", first_name.trim())
            .in_lang(lang)
    }
}

/// The subject of both emails a new client's owner may get (an activation link, or an
/// invitation when the address has a user): one subject, so that an undelivered email
/// listed on the group's "Email problems" page does not tell which it was.
/// What an invited owner does with the link: accept (signing in, or choosing a password,
/// or confirming the one staff set).
fn owner_action(lang: Lang, group_name: &str, preset_password: bool) -> String {
    if preset_password {
        Msg::new("email-owner-invitation-action-preset")
            .with("group", group_name)
            .in_lang(lang)
    } else {
        t(lang, "email-owner-invitation-action")
    }
}

fn owner_subject(lang: Lang, client: &str) -> String {
    Msg::new("email-owner-subject")
        .with("client", client)
        .in_lang(lang)
}

/// The words of the owner-activation email.
pub struct ActivationWords {
    pub subject: String,
    /// "Hello Ana," — whole sentences with their arguments, so that each language places
    /// names and punctuation as it needs.
    pub greeting: String,
    /// "Acme created a client account for you in Clientele: Globex."
    pub created: String,
    pub action: String,
    pub button: String,
    pub expiry: String,
    pub ignore: String,
}

fn activation_words(lang: Lang, first_name: &str, group: &str, client: &str) -> ActivationWords {
    ActivationWords {
        subject: owner_subject(lang, client),
        greeting: greeting(lang, first_name),
        created: Msg::new("email-activation-created")
            .with("group", group)
            .with("client", client)
            .in_lang(lang),
        action: t(lang, "email-activation-action"),
        button: t(lang, "email-activation-button"),
        expiry: t(lang, "email-activation-expiry"),
        ignore: t(lang, "email-activation-ignore"),
    }
}

#[derive(Template)]
#[template(path = "email/owner_activation.html")]
struct ActivationHtml {
    chrome: Chrome,
    words: ActivationWords,
    link: String,
}

#[derive(Template)]
#[template(path = "email/owner_activation.txt")]
struct ActivationText {
    chrome: Chrome,
    words: ActivationWords,
    link: String,
}

#[derive(Template)]
#[template(path = "email/test.html")]
struct TestHtml<'a> {
    chrome: Chrome,
    words: TestWords,
    to: &'a str,
    link: String,
}

#[derive(Template)]
#[template(path = "email/test.txt")]
struct TestText<'a> {
    chrome: Chrome,
    words: TestWords,
    to: &'a str,
    link: String,
}

/// The words of an email of the common shape: a greeting, a few sentences, an optional
/// button with its link, and notes in small print.
pub struct MessageWords {
    pub subject: String,
    pub greeting: String,
    pub lines: Vec<String>,
    pub button: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Template)]
#[template(path = "email/message.html")]
struct MessageHtml<'a> {
    chrome: Chrome,
    words: &'a MessageWords,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/message.txt")]
struct MessageText<'a> {
    chrome: Chrome,
    words: &'a MessageWords,
    link: &'a str,
}

fn message(lang: Lang, words: MessageWords, link: &str) -> Result<Rendered, askama::Error> {
    let html = MessageHtml {
        chrome: chrome(lang),
        words: &words,
        link,
    }
    .render()?;
    let text = MessageText {
        chrome: chrome(lang),
        words: &words,
        link,
    }
    .render()?;
    Ok(Rendered {
        subject: words.subject,
        text,
        html,
    })
}

/// The words of an email of the common shape, with the link its button opens ("" when none).
fn message_words(kind: &EmailKind, lang: Lang, base: &str) -> Option<(MessageWords, String)> {
    let m = |key: &'static str| Msg::new(key);
    Some(match kind {
        EmailKind::Invitation {
            inviter,
            account_name,
            role,
            permissions,
            token,
        } => {
            let role_name = t(lang, crate::auth::rights::role_key(role));
            // A member is told what they will be able to do.
            let granted: Vec<String> = crate::auth::rights::granted_keys(role, permissions)
                .into_iter()
                .map(|k| t(lang, k))
                .collect();
            let mut lines = vec![
                m("email-invitation-body")
                    .with("inviter", inviter)
                    .with("account", account_name)
                    .with("role", role.as_str())
                    .with("role_name", role_name)
                    .in_lang(lang),
            ];
            if !granted.is_empty() {
                lines.push(
                    m("email-invitation-permissions")
                        .with("permissions", granted.join(", "))
                        .in_lang(lang),
                );
            }
            lines.push(t(lang, "email-invitation-action"));
            (
                MessageWords {
                    subject: m("email-invitation-subject")
                        .with("account", account_name)
                        .in_lang(lang),
                    greeting: t(lang, "email-invitation-greeting"),
                    lines,
                    button: Some(t(lang, "email-invitation-button")),
                    notes: vec![
                        t(lang, "email-invitation-expiry"),
                        t(lang, "email-invitation-ignore"),
                    ],
                },
                format!("{base}/invitations/{token}?lang={}", lang.code()),
            )
        }
        EmailKind::OwnerInvitation {
            first_name,
            client_name,
            group_name,
            token,
            preset_password,
        } => (
            MessageWords {
                subject: owner_subject(lang, client_name),
                greeting: greeting(lang, first_name),
                lines: vec![
                    m("email-owner-invitation-body")
                        .with("group", group_name)
                        .with("client", client_name)
                        .in_lang(lang),
                    owner_action(lang, group_name, *preset_password),
                ],
                button: Some(t(lang, "email-invitation-button")),
                notes: vec![
                    t(lang, "email-activation-expiry"),
                    t(lang, "email-invitation-ignore"),
                ],
            },
            format!("{base}/activate/{token}?lang={}", lang.code()),
        ),
        EmailKind::PasswordReset { first_name, token } => (
            MessageWords {
                subject: t(lang, "email-reset-subject"),
                greeting: greeting(lang, first_name),
                lines: vec![t(lang, "email-reset-body")],
                button: Some(t(lang, "email-reset-button")),
                notes: vec![t(lang, "email-reset-expiry"), t(lang, "email-reset-ignore")],
            },
            format!("{base}/password/reset/{token}?lang={}", lang.code()),
        ),
        EmailKind::EmailChangeConfirm {
            first_name,
            new_email,
            group_name,
            token,
        } => (
            MessageWords {
                subject: t(lang, "email-change-subject"),
                greeting: greeting(lang, first_name),
                lines: vec![
                    m("email-change-body")
                        .with("group", group_name)
                        .with("email", new_email)
                        .in_lang(lang),
                    t(lang, "email-change-action"),
                ],
                button: Some(t(lang, "email-change-button")),
                notes: vec![
                    t(lang, "email-change-expiry"),
                    t(lang, "email-change-ignore"),
                ],
            },
            format!("{base}/email-change/{token}?lang={}", lang.code()),
        ),
        EmailKind::EmailAddressConfirm { first_name, token } => (
            MessageWords {
                subject: t(lang, "email-address-confirm-subject"),
                greeting: greeting(lang, first_name),
                lines: vec![t(lang, "email-address-confirm-body")],
                button: Some(t(lang, "email-address-confirm-button")),
                notes: vec![
                    t(lang, "email-change-expiry"),
                    t(lang, "email-address-confirm-ignore"),
                ],
            },
            format!("{base}/email-change/{token}?lang={}", lang.code()),
        ),
        EmailKind::EmailChanged {
            first_name,
            new_email,
        } => (
            MessageWords {
                subject: t(lang, "email-changed-subject"),
                greeting: greeting(lang, first_name),
                lines: vec![
                    m("email-changed-body")
                        .with("email", new_email)
                        .in_lang(lang),
                    t(lang, "email-changed-sessions"),
                ],
                button: None,
                notes: vec![t(lang, "email-changed-not-you")],
            },
            String::new(),
        ),
        EmailKind::OwnerReminder {
            first_name,
            client_name,
            group_name,
            token,
            expires_on,
            preset_password,
        } => (
            MessageWords {
                subject: m("email-owner-reminder-subject")
                    .with("client", client_name)
                    .in_lang(lang),
                greeting: greeting(lang, first_name),
                lines: vec![
                    m("email-owner-reminder-body")
                        .with("group", group_name)
                        .with("client", client_name)
                        .with("date", crate::i18n::format_date(lang, *expires_on))
                        .in_lang(lang),
                    owner_action(lang, group_name, *preset_password),
                ],
                button: Some(t(lang, "email-invitation-button")),
                notes: vec![
                    t(lang, "email-owner-reminder-either"),
                    t(lang, "email-invitation-ignore"),
                ],
            },
            format!("{base}/activate/{token}?lang={}", lang.code()),
        ),
        EmailKind::DeletionRequested {
            client_name,
            due_on,
            path,
        } => (
            MessageWords {
                subject: m("email-deletion-requested-subject")
                    .with("client", client_name)
                    .in_lang(lang),
                greeting: t(lang, "email-invitation-greeting"),
                lines: vec![
                    m("email-deletion-requested-body")
                        .with("client", client_name)
                        .in_lang(lang),
                    m("email-deletion-requested-due")
                        .with("date", crate::i18n::format_date(lang, *due_on))
                        .in_lang(lang),
                ],
                button: Some(t(lang, "email-deletion-requested-button")),
                notes: vec![],
            },
            format!("{base}{path}"),
        ),
        EmailKind::DeletionCancelled {
            first_name,
            client_name,
            group_name,
        } => (
            MessageWords {
                subject: m("email-deletion-cancelled-subject")
                    .with("client", client_name)
                    .in_lang(lang),
                greeting: greeting(lang, first_name),
                lines: vec![
                    m("email-deletion-cancelled-body")
                        .with("group", group_name)
                        .with("client", client_name)
                        .in_lang(lang),
                ],
                button: None,
                notes: vec![],
            },
            String::new(),
        ),
        EmailKind::ClientDeleted {
            client_name,
            group_name,
        } => (
            MessageWords {
                subject: m("email-client-deleted-subject")
                    .with("client", client_name)
                    .in_lang(lang),
                greeting: t(lang, "email-invitation-greeting"),
                lines: vec![
                    m("email-client-deleted-body")
                        .with("group", group_name)
                        .with("client", client_name)
                        .in_lang(lang),
                ],
                button: None,
                notes: vec![],
            },
            String::new(),
        ),
        EmailKind::Test | EmailKind::OwnerActivation { .. } => return None,
    })
}

/// Renders an email for `to` in `lang`, with links under `base_url`.
pub fn render(
    kind: &EmailKind,
    lang: Lang,
    to: &str,
    base_url: &str,
) -> Result<Rendered, askama::Error> {
    let base = base_url.trim_end_matches('/');
    if let Some((words, link)) = message_words(kind, lang, base) {
        return message(lang, words, &link);
    }
    match kind {
        EmailKind::Test => {
            let link = format!("{base}/");
            let html = TestHtml {
                chrome: chrome(lang),
                words: test_words(lang),
                to,
                link: link.clone(),
            }
            .render()?;
            let text = TestText {
                chrome: chrome(lang),
                words: test_words(lang),
                to,
                link,
            }
            .render()?;
            Ok(Rendered {
                subject: test_words(lang).subject,
                text,
                html,
            })
        }
        EmailKind::OwnerActivation {
            first_name,
            client_name,
            group_name,
            token,
        } => {
            let link = format!("{base}/activate/{token}?lang={}", lang.code());
            let words = || activation_words(lang, first_name, group_name, client_name);
            let html = ActivationHtml {
                chrome: chrome(lang),
                words: words(),
                link: link.clone(),
            }
            .render()?;
            let text = ActivationText {
                chrome: chrome(lang),
                words: words(),
                link,
            }
            .render()?;
            Ok(Rendered {
                subject: words().subject,
                text,
                html,
            })
        }
        _ => unreachable!("every other kind has the common shape"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<EmailKind> {
        vec![
            EmailKind::Test,
            EmailKind::OwnerActivation {
                first_name: "Ana".into(),
                client_name: "Globex <Brasil>".into(),
                group_name: "Acme".into(),
                token: "t0k3n".into(),
            },
            EmailKind::Invitation {
                inviter: "Olivia <Owner>".into(),
                account_name: "Globex <Brasil>".into(),
                role: "member".into(),
                permissions: "services,billing".into(),
                token: "t0k3n".into(),
            },
            EmailKind::PasswordReset {
                first_name: "Ana".into(),
                token: "t0k3n".into(),
            },
            EmailKind::OwnerInvitation {
                first_name: "Ana".into(),
                client_name: "Globex <Brasil>".into(),
                group_name: "Acme".into(),
                token: "t0k3n".into(),
                preset_password: true,
            },
            EmailKind::OwnerReminder {
                first_name: "Ana".into(),
                client_name: "Globex <Brasil>".into(),
                group_name: "Acme".into(),
                token: "t0k3n".into(),
                expires_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
                preset_password: false,
            },
            EmailKind::EmailChangeConfirm {
                first_name: "Ana".into(),
                new_email: "ana@new.test".into(),
                group_name: "Acme <Group>".into(),
                token: "t0k3n".into(),
            },
            EmailKind::EmailAddressConfirm {
                first_name: "Ana".into(),
                token: "t0k3n".into(),
            },
        ]
    }

    #[test]
    fn every_template_renders_in_every_language_with_absolute_links() {
        for kind in every_kind() {
            let mut subjects = std::collections::HashSet::new();
            for lang in Lang::ALL {
                let r = render(
                    &kind,
                    lang,
                    "ana@example.com",
                    "https://console.example.com/",
                )
                .unwrap();
                assert!(!r.subject.is_empty());
                subjects.insert(r.subject.clone());
                assert!(
                    r.text.contains("https://console.example.com/"),
                    "{lang:?} text link"
                );
                assert!(
                    r.html.contains(r#"href="https://console.example.com/"#),
                    "{lang:?} html link"
                );
                assert!(
                    !r.html.contains("Globex <Brasil>"),
                    "{lang:?}: the HTML part is escaped"
                );
                assert!(r.html.contains(&format!(r#"lang="{}""#, lang.code())));
            }
            assert_eq!(
                subjects.len(),
                Lang::ALL.len(),
                "{kind:?}: subjects are translated"
            );
        }
    }

    #[test]
    fn the_html_part_is_escaped_and_the_text_part_is_not() {
        let r = render(
            &EmailKind::Test,
            Lang::En,
            "<script>x</script>@example.com",
            "http://c.test",
        )
        .unwrap();
        assert!(!r.html.contains("<script>x"));
        assert!(r.html.contains("&#60;script&#62;x") || r.html.contains("&lt;script&gt;x"));
        assert!(r.text.contains("<script>x</script>@example.com"));
        assert!(r.html.contains("Sent to: &#60;script") || r.html.contains("Sent to: &lt;script"));
    }

    #[test]
    fn the_activation_link_carries_the_token() {
        let kind = EmailKind::OwnerActivation {
            first_name: "Ana".into(),
            client_name: "Globex".into(),
            group_name: "Acme".into(),
            token: "abc123".into(),
        };
        let r = render(&kind, Lang::PtBr, "ana@globex.test", "https://c.example").unwrap();
        assert_eq!(r.subject, "Sua conta de cliente Globex no Clientele");
        // The link names the email's language: its page speaks it (issue 36).
        assert!(
            r.text
                .contains("https://c.example/activate/abc123?lang=pt-BR")
        );
        assert!(
            r.html
                .contains(r#"href="https://c.example/activate/abc123?lang=pt-BR""#)
        );
        assert!(r.text.contains("Olá Ana") && r.text.contains("Globex") && r.text.contains("14"));
    }

    #[test]
    fn languages_fall_back_to_english() {
        assert_eq!(Lang::from_code("pt-BR"), Lang::PtBr);
        assert_eq!(Lang::from_code("ES"), Lang::Es);
        assert_eq!(Lang::from_code("fr"), Lang::En);
        assert_eq!(Lang::from_code(""), Lang::En);
    }
}
