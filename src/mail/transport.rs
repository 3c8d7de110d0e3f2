//! Where emails go, by `MAIL_URL`: a directory of `.eml` files (development), an SMTP
//! relay (`smtp://` upgrades with STARTTLS when the server offers it, `?tls=required`
//! insists on it; `smtps://` is TLS from the start), or the log (recipient and subject
//! only: bodies carry sign-in links). Connecting and each SMTP command time out after
//! [`SMTP_TIMEOUT`], not lettre's 60 s.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{Config, ConfigError, MailUrl};
use crate::models::outbox::OutboxRow;

pub const SMTP_TIMEOUT: Duration = Duration::from_secs(8);

/// The `Subject` header. lettre encodes (RFC 2047) only the words that are not ASCII, so a
/// subject carrying a name typed as a literal encoded word (`=?utf-8?q?…?=`) would reach
/// the reader as one and be shown decoded, as something else than what was typed. A
/// subject containing `=?` is therefore encoded whole, in base64 encoded words: the reader
/// shows exactly the text. Any other subject goes through lettre's own encoder.
fn subject_header(subject: &str) -> lettre::message::header::HeaderValue {
    use lettre::message::header::{HeaderName, HeaderValue};
    let name = HeaderName::new_from_ascii_str("Subject");
    if !subject.contains("=?") {
        return HeaderValue::new(name, subject.to_owned());
    }
    HeaderValue::dangerous_new_pre_encoded(name, subject.to_owned(), encoded_words(subject))
}

/// `text` as RFC 2047 base64 encoded words of at most 64 characters (39 bytes of UTF-8
/// each, never splitting a character), folded one to a line: ASCII only, no line longer
/// than RFC 5322's 78 characters with the header's name in front.
fn encoded_words(text: &str) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD as B64;
    const MAX_BYTES: usize = 39;
    let mut words = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + MAX_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        words.push(format!("=?utf-8?b?{}?=", B64.encode(&text[start..end])));
        start = end;
    }
    words.join("\r\n ")
}

enum Transport {
    File(AsyncFileTransport<Tokio1Executor>, PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Log,
}

/// What [`Mailer::probe`] found when the transport answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probed {
    /// An SMTP relay: emails leave.
    Sends,
    /// Files or the log: nobody receives them (fine for development, not in production).
    KeptHere,
}

/// Why a send failed: a temporary failure is retried, a permanent one is given up at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    Temporary(String),
    Permanent(String),
}

impl SendError {
    pub fn message(&self) -> &str {
        match self {
            SendError::Temporary(m) | SendError::Permanent(m) => m,
        }
    }
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    /// What the transport is, for messages to operators (passwords redacted).
    pub describe: String,
    /// The last failed send of this instance: when, and why (the status page).
    last_error: parking_lot::Mutex<Option<(chrono::NaiveDateTime, String)>>,
}

fn bad(message: impl Into<String>) -> ConfigError {
    ConfigError {
        setting: "MAIL_URL",
        message: message.into(),
    }
}

fn smtp(url: &str, wrapper: bool) -> Result<AsyncSmtpTransport<Tokio1Executor>, ConfigError> {
    let u = url::Url::parse(url).map_err(|e| bad(e.to_string()))?;
    let host = u.host_str().ok_or_else(|| bad("no host"))?.to_owned();
    let params = TlsParameters::new(host.clone()).map_err(|e| bad(format!("TLS: {e}")))?;
    let tls_required = u.query_pairs().any(|(k, v)| k == "tls" && v == "required");
    let (tls, default_port) = if wrapper {
        (Tls::Wrapper(params), 465)
    } else if tls_required {
        (Tls::Required(params), 587)
    } else {
        (Tls::Opportunistic(params), 25)
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(u.port().unwrap_or(default_port))
        .tls(tls)
        .timeout(Some(SMTP_TIMEOUT));
    if !u.username().is_empty() {
        let decode = |s: &str| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        };
        builder = builder.credentials(Credentials::new(
            decode(u.username()),
            decode(u.password().unwrap_or_default()),
        ));
    }
    Ok(builder.build())
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Mailer, ConfigError> {
        let from: Mailbox = config.mail_from.parse().map_err(|e| ConfigError {
            setting: "MAIL_FROM",
            message: format!("{:?} is not an address: {e}", config.mail_from),
        })?;
        let transport = match &config.mail {
            MailUrl::File(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| bad(format!("cannot create {}: {e}", dir.display())))?;
                Transport::File(
                    AsyncFileTransport::new(PathBuf::from(dir)),
                    PathBuf::from(dir),
                )
            }
            MailUrl::Smtp(url) => Transport::Smtp(smtp(url, false)?),
            MailUrl::Smtps(url) => Transport::Smtp(smtp(url, true)?),
            MailUrl::Log => Transport::Log,
        };
        Ok(Mailer {
            transport,
            from,
            describe: format!("{:?}", config.mail),
            last_error: parking_lot::Mutex::new(None),
        })
    }

    /// Builds the RFC 5322 message of an outbox row: text and HTML alternatives.
    pub fn message(&self, row: &OutboxRow) -> Result<Message, SendError> {
        let to: Mailbox = row.to_address.parse().map_err(|e| {
            SendError::Permanent(format!("bad recipient {:?}: {e}", row.to_address))
        })?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .raw_header(subject_header(&row.subject))
            .message_id(None)
            .multipart(MultiPart::alternative_plain_html(
                row.body_text.clone(),
                row.body_html.clone(),
            ))
            .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))
    }

    /// The last send of this instance that failed, when and why (None: none has).
    pub fn last_error(&self) -> Option<(chrono::NaiveDateTime, String)> {
        self.last_error.lock().clone()
    }

    pub async fn send(&self, row: &OutboxRow) -> Result<(), SendError> {
        let sent = self.send_message(row).await;
        if let Err(e) = &sent {
            *self.last_error.lock() = Some((crate::db::now(), e.message().to_owned()));
        }
        sent
    }

    /// Whether the transport can be reached, without sending anything (`clientele check`):
    /// an SMTP relay is connected to (and greeted, TLS and sign-in as set); a directory is
    /// written to and the file removed; the log always can.
    pub async fn probe(&self) -> Result<Probed, String> {
        match &self.transport {
            Transport::Smtp(t) => match t.test_connection().await {
                Ok(true) => Ok(Probed::Sends),
                Ok(false) => Err("the server did not answer NOOP".into()),
                Err(e) => Err(e.to_string()),
            },
            Transport::File(_, dir) => {
                let probe = dir.join(format!(".clientele-check-{}", std::process::id()));
                std::fs::write(&probe, b"")
                    .and_then(|()| std::fs::remove_file(&probe))
                    .map(|()| Probed::KeptHere)
                    .map_err(|e| format!("cannot write in {}: {e}", dir.display()))
            }
            Transport::Log => Ok(Probed::KeptHere),
        }
    }

    async fn send_message(&self, row: &OutboxRow) -> Result<(), SendError> {
        let message = self.message(row)?;
        match &self.transport {
            Transport::File(t, _) => t
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::Temporary(format!("file: {e}"))),
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(format!("SMTP: {e}"))
                } else {
                    SendError::Temporary(format!("SMTP: {e}"))
                }
            }),
            Transport::Log => {
                tracing::info!(to = %row.to_address, subject = %row.subject, "email (MAIL_URL=log)");
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::encoded_words;

    #[test]
    fn encoded_words_are_ascii_short_and_split_between_characters() {
        let text = "Globex =?utf-8?q?Evil?= — ação 🚀 ".repeat(4);
        let encoded = encoded_words(&text);
        assert!(encoded.is_ascii());
        let mut decoded = String::new();
        for line in encoded.split("\r\n ") {
            assert!(line.len() <= 64, "{line}");
            let b64 = line
                .strip_prefix("=?utf-8?b?")
                .and_then(|l| l.strip_suffix("?="))
                .unwrap();
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap();
            // Each word is whole UTF-8 by itself.
            decoded.push_str(std::str::from_utf8(&bytes).unwrap());
        }
        assert_eq!(decoded, text);
    }
}
