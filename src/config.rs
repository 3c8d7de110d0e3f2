//! Every setting, its environment variable and its default, in one place (SPEC §4).
//! Secrets (the session key, passwords inside URLs) are redacted in `Debug`.

use clap::Args;

use crate::db::{DatabaseUrl, redact_url};

/// The settings as given on the command line or in the environment.
#[derive(Args, Clone)]
pub struct Settings {
    /// Database: `sqlite://FILE` (embedded, the default) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://clientele.db",
        global = true
    )]
    pub database_url: String,
    /// Address and port to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: String,
    /// The public address links in emails and printed links start with (default: http://BIND).
    #[arg(long, env = "BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// Key that signs and encrypts the session cookie: at least 64 characters. When absent,
    /// one is generated once and kept in a key file (see README).
    #[arg(long, env = "SESSION_KEY", hide_env_values = true, global = true)]
    pub session_key: Option<String>,
    /// Where emails go: `file://DIR`, `smtp://[user:pass@]host:port`, `smtps://…` or `log`.
    #[arg(
        long,
        env = "MAIL_URL",
        default_value = "file://mail",
        hide_env_values = true,
        global = true
    )]
    pub mail_url: String,
    /// The From address of every email.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Clientele <clientele@localhost>",
        global = true
    )]
    pub mail_from: String,
    /// bcrypt work factor for new password hashes (4–31). Read as text: a wrong value is
    /// a setting error like the others' (`check` lists it), not the parser's usage text.
    #[arg(long, env = "BCRYPT_COST", default_value = "12", global = true)]
    pub bcrypt_cost: String,
    /// Turns `GET /metrics` on (Prometheus text), for requests with
    /// `Authorization: Bearer TOKEN` (at least 24 characters). Off when absent.
    #[arg(long, env = "METRICS_TOKEN", hide_env_values = true, global = true)]
    pub metrics_token: Option<String>,
    /// How log lines are written on stderr: `text` (for people) or `json` (one object a
    /// line, for log collectors).
    /// Read as text, as `BCRYPT_COST` is.
    #[arg(long, env = "LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: String,
    /// The reverse proxies in front (addresses or CIDR ranges, separated by commas): only
    /// from them is the client's address read from `PROXY_HEADER`. None by default: the
    /// client's address is the TCP peer's.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: String,
    /// The header the trusted proxies set: `x-forwarded-for` or `forwarded` (RFC 7239).
    #[arg(
        long,
        env = "PROXY_HEADER",
        default_value = "x-forwarded-for",
        global = true
    )]
    pub proxy_header: String,
    /// `serve` runs neither the scheduled jobs nor the email delivery: for instances
    /// beside a `clientele jobs` process that does both.
    #[arg(
        long,
        env = "NO_JOBS",
        global = true,
        action = clap::ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub no_jobs: bool,
    /// How long `serve` waits, in seconds, for a database that does not answer yet (it
    /// tries every 2 s); a wrong database, role or password is said at once.
    #[arg(long, env = "DB_WAIT", default_value = "60", global = true)]
    pub db_wait: String,
    /// Who may make a group account of their own from the profile ("Add new account"):
    /// `everyone` signed in, `staff` (of an existing group; clients' users may not), or
    /// `nobody` (then only `clientele create-group` makes groups).
    #[arg(long, env = "NEW_ACCOUNTS", default_value = "staff", global = true)]
    pub new_accounts: String,
}

/// `NEW_ACCOUNTS`: who may add a group account of their own from the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NewAccounts {
    /// Anyone signed in (a client's user included).
    Everyone,
    /// Staff (owner, admin or seller) of an existing group: a reseller's people may open
    /// another group; its clients' users may not.
    #[default]
    Staff,
    /// Nobody: only the operator, with `clientele create-group`.
    Nobody,
}

impl NewAccounts {
    pub fn parse(s: &str) -> Result<NewAccounts, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "everyone" => Ok(NewAccounts::Everyone),
            "staff" => Ok(NewAccounts::Staff),
            "nobody" => Ok(NewAccounts::Nobody),
            _ => Err(format!("{s:?} is not everyone, staff or nobody")),
        }
    }
}

/// `LOG_FORMAT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl LogFormat {
    pub fn parse(s: &str) -> Result<LogFormat, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            _ => Err(format!("{s:?} is not text or json")),
        }
    }
}

/// The shortest `METRICS_TOKEN` taken: a guessable token would publish the console's traffic.
pub const MIN_METRICS_TOKEN_LEN: usize = 24;

/// Database connections: four per core. A request holds one only while its queries run
/// (on the blocking pool), so a few per core keep both cores busy while one waits on a
/// write lock or the network, and no more SQLite page caches are kept than serve.
pub fn default_pool_size() -> u32 {
    (4 * cores() as u32).clamp(4, 32)
}

/// The machine's cores as the process sees them (2 when it cannot tell): what the pool,
/// the workers and bcrypt's bound are sized from.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Where emails are delivered (validated now; the delivery worker uses it).
#[derive(Clone, PartialEq, Eq)]
pub enum MailUrl {
    File(std::path::PathBuf),
    Smtp(String),
    Smtps(String),
    Log,
}

impl MailUrl {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s == "log" {
            return Ok(MailUrl::Log);
        }
        if let Some(dir) = s.strip_prefix("file://") {
            if dir.is_empty() {
                return Err("file:// needs a directory, e.g. file://mail".into());
            }
            return Ok(MailUrl::File(dir.into()));
        }
        if s.starts_with("smtp://") || s.starts_with("smtps://") {
            let u =
                url::Url::parse(s).map_err(|e| format!("{} is not a URL: {e}", redact_url(s)))?;
            if u.host_str().unwrap_or("").is_empty() {
                return Err(format!("{} has no host", redact_url(s)));
            }
            return Ok(if u.scheme() == "smtps" {
                MailUrl::Smtps(s.to_owned())
            } else {
                MailUrl::Smtp(s.to_owned())
            });
        }
        Err(format!(
            "unknown scheme in {:?} (expected file://DIR, smtp://…, smtps://… or log)",
            redact_url(s)
        ))
    }
}

impl std::fmt::Debug for MailUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MailUrl::File(d) => write!(f, "file://{}", d.display()),
            MailUrl::Smtp(u) | MailUrl::Smtps(u) => f.write_str(&redact_url(u)),
            MailUrl::Log => f.write_str("log"),
        }
    }
}

/// A setting that stops start-up: the message names the setting.
#[derive(Debug, thiserror::Error)]
#[error("{setting}: {message}")]
pub struct ConfigError {
    pub setting: &'static str,
    pub message: String,
}

fn bad(setting: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        setting,
        message: message.into(),
    }
}

/// The validated configuration the application runs with.
#[derive(Clone)]
pub struct Config {
    pub database: DatabaseUrl,
    pub bind: String,
    /// Without a trailing slash; links are `{base_url}/path`.
    pub base_url: String,
    pub session_key: Option<String>,
    pub mail: MailUrl,
    pub mail_from: String,
    pub bcrypt_cost: u32,
    /// HTTP worker threads (None: one per core).
    pub workers: Option<usize>,
    /// Largest number of database connections.
    pub pool_size: u32,
    /// How long a request waits for a database connection before answering 503.
    pub db_timeout: std::time::Duration,
    /// How long `serve` waits for a database that does not answer yet (`DB_WAIT`).
    pub db_wait: std::time::Duration,
    /// Whether `serve` runs the scheduled jobs every minute and delivers the emails in the
    /// background (`NO_JOBS` turns both off).
    pub background_jobs: bool,
    /// The bearer token `GET /metrics` asks for; None: `/metrics` is not served (404).
    pub metrics_token: Option<String>,
    /// Whose forwarding headers are read (`client_address`); none by default.
    pub trusted_proxies: crate::client_address::TrustedProxies,
    pub proxy_header: crate::client_address::ProxyHeader,
    /// Who may add a group account from the profile (`NEW_ACCOUNTS`).
    pub new_accounts: NewAccounts,
}

pub const MIN_SESSION_KEY_LEN: usize = 64;

fn clone_error(e: &ConfigError) -> ConfigError {
    ConfigError {
        setting: e.setting,
        message: e.message.clone(),
    }
}

/// `BASE_URL`: an http(s) address with a host, without a query or fragment.
fn check_base_url(base_url: &str) -> Result<(), ConfigError> {
    let parsed = url::Url::parse(base_url)
        .map_err(|e| bad("BASE_URL", format!("{base_url:?} is not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(bad(
            "BASE_URL",
            format!("{base_url:?} must be an http(s):// address"),
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad("BASE_URL", "must not have a query or fragment"));
    }
    Ok(())
}

impl Config {
    /// The settings as a configuration, or the first setting that is wrong.
    pub fn from_settings(s: &Settings) -> Result<Config, ConfigError> {
        Config::check_settings(s).map_err(|mut all| all.remove(0))
    }

    /// Every setting checked: the configuration, or every setting that is wrong, in the
    /// table's order (`clientele check` lists them all, not only the first).
    pub fn check_settings(s: &Settings) -> Result<Config, Vec<ConfigError>> {
        let mut wrong = Vec::new();
        let mut keep = |r: Result<(), ConfigError>| {
            if let Err(e) = r {
                wrong.push(e);
            }
        };
        let database = DatabaseUrl::parse(&s.database_url).map_err(|m| bad("DATABASE_URL", m));
        keep(database.as_ref().map(|_| ()).map_err(clone_error));
        // HOST:PORT, a port actix can bind (a host name is resolved when serving).
        let bind_ok = s
            .bind
            .trim()
            .rsplit_once(':')
            .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
        if !bind_ok {
            keep(Err(bad("BIND", format!("{:?} is not HOST:PORT", s.bind))));
        }
        let base_url = match &s.base_url {
            Some(b) => b.trim().to_owned(),
            None => format!("http://{}", s.bind.trim()),
        };
        // Without its own value it is BIND's: said once, as BIND.
        if s.base_url.is_some() || bind_ok {
            keep(check_base_url(&base_url));
        }
        if let Some(k) = &s.session_key
            && k.chars().count() < MIN_SESSION_KEY_LEN
        {
            keep(Err(bad(
                "SESSION_KEY",
                format!(
                    "must be at least {MIN_SESSION_KEY_LEN} characters (got {})",
                    k.chars().count()
                ),
            )));
        }
        let mail = MailUrl::parse(&s.mail_url).map_err(|m| bad("MAIL_URL", m));
        keep(mail.as_ref().map(|_| ()).map_err(clone_error));
        if let Err(e) = s.mail_from.trim().parse::<lettre::message::Mailbox>() {
            keep(Err(bad(
                "MAIL_FROM",
                format!("{:?} is not an address: {e}", s.mail_from),
            )));
        }
        let bcrypt_cost = match s.bcrypt_cost.trim().parse::<u32>() {
            Ok(c) if (4..=31).contains(&c) => Ok(c),
            Ok(c) => Err(format!("{c} is outside 4–31")),
            Err(_) => Err(format!("{:?} is not a number (4–31)", s.bcrypt_cost)),
        };
        if let Err(m) = &bcrypt_cost {
            keep(Err(bad("BCRYPT_COST", m.clone())));
        }
        let metrics_token = s
            .metrics_token
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        if let Some(t) = metrics_token {
            if t.chars().count() < MIN_METRICS_TOKEN_LEN {
                keep(Err(bad(
                    "METRICS_TOKEN",
                    format!(
                        "must be at least {MIN_METRICS_TOKEN_LEN} characters (got {})",
                        t.chars().count()
                    ),
                )));
            } else if t.chars().any(|c| !c.is_ascii_graphic()) {
                keep(Err(bad(
                    "METRICS_TOKEN",
                    "must be printable ASCII without spaces (it is sent in a header)",
                )));
            }
        }
        if let Err(m) = LogFormat::parse(&s.log_format) {
            keep(Err(bad("LOG_FORMAT", m)));
        }
        let trusted_proxies = crate::client_address::TrustedProxies::parse(&s.trusted_proxies);
        if let Err(m) = &trusted_proxies {
            keep(Err(bad("TRUSTED_PROXIES", m.clone())));
        }
        let proxy_header = crate::client_address::ProxyHeader::parse(&s.proxy_header);
        if let Err(m) = &proxy_header {
            keep(Err(bad("PROXY_HEADER", m.clone())));
        }
        let new_accounts = NewAccounts::parse(&s.new_accounts);
        if let Err(m) = &new_accounts {
            keep(Err(bad("NEW_ACCOUNTS", m.clone())));
        }
        let db_wait = s.db_wait.trim().parse::<u64>();
        if db_wait.is_err() {
            keep(Err(bad(
                "DB_WAIT",
                format!("{:?} is not a number of seconds", s.db_wait),
            )));
        }
        match (database, mail, bcrypt_cost) {
            (Ok(database), Ok(mail), Ok(bcrypt_cost)) if wrong.is_empty() => Ok(Config {
                database,
                bind: s.bind.trim().to_owned(),
                base_url: base_url.trim_end_matches('/').to_owned(),
                session_key: s.session_key.clone(),
                mail,
                mail_from: s.mail_from.trim().to_owned(),
                bcrypt_cost,
                workers: None,
                pool_size: default_pool_size(),
                db_timeout: std::time::Duration::from_secs(5),
                db_wait: std::time::Duration::from_secs(db_wait.unwrap_or(60)),
                background_jobs: !s.no_jobs,
                metrics_token: metrics_token.map(str::to_owned),
                trusted_proxies: trusted_proxies.unwrap_or_default(),
                proxy_header: proxy_header.unwrap_or_default(),
                new_accounts: new_accounts.unwrap_or_default(),
            }),
            _ => Err(wrong),
        }
    }

    /// Whether the public address is https: cookies get `Secure`, responses HSTS.
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database", &self.database)
            .field("bind", &self.bind)
            .field("base_url", &self.base_url)
            .field("session_key", &self.session_key.as_ref().map(|_| "***"))
            .field("mail", &self.mail)
            .field("mail_from", &self.mail_from)
            .field("bcrypt_cost", &self.bcrypt_cost)
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "***"))
            .field("trusted_proxies", &self.trusted_proxies)
            .field("proxy_header", &self.proxy_header)
            .field("new_accounts", &self.new_accounts)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            database_url: "sqlite://clientele.db".into(),
            bind: "127.0.0.1:8080".into(),
            base_url: None,
            session_key: None,
            mail_url: "file://mail".into(),
            mail_from: "Clientele <clientele@localhost>".into(),
            bcrypt_cost: "12".into(),
            metrics_token: None,
            log_format: "text".into(),
            trusted_proxies: String::new(),
            proxy_header: "x-forwarded-for".into(),
            no_jobs: false,
            db_wait: "60".into(),
            new_accounts: "staff".into(),
        }
    }

    #[test]
    fn defaults_are_valid() {
        let c = Config::from_settings(&settings()).unwrap();
        assert_eq!(c.base_url, "http://127.0.0.1:8080");
        assert!(!c.is_https());
        assert_eq!(c.mail, MailUrl::File("mail".into()));
    }

    type Change = fn(&mut Settings);

    #[test]
    fn each_bad_setting_is_named() {
        let cases: Vec<(&str, Change)> = vec![
            ("DATABASE_URL", |s| s.database_url = "mysql://x/y".into()),
            ("BIND", |s| s.bind = "nowhere".into()),
            ("BIND", |s| s.bind = "host:abc".into()),
            ("BIND", |s| s.bind = ":8080".into()),
            ("BIND", |s| s.bind = "host:70000".into()),
            ("BASE_URL", |s| s.base_url = Some("ftp://x".into())),
            ("SESSION_KEY", |s| s.session_key = Some("short".into())),
            ("MAIL_URL", |s| s.mail_url = "pigeon://loft".into()),
            ("MAIL_FROM", |s| s.mail_from = "not an address".into()),
            ("BCRYPT_COST", |s| s.bcrypt_cost = "40".into()),
            ("BCRYPT_COST", |s| s.bcrypt_cost = "abc".into()),
            ("METRICS_TOKEN", |s| s.metrics_token = Some("short".into())),
            ("METRICS_TOKEN", |s| {
                s.metrics_token = Some("a token with spaces in it, long enough".into())
            }),
            ("LOG_FORMAT", |s| s.log_format = "xml".into()),
            ("TRUSTED_PROXIES", |s| {
                s.trusted_proxies = "10.0.0.0/40".into()
            }),
            ("TRUSTED_PROXIES", |s| {
                s.trusted_proxies = "proxy.example".into()
            }),
            ("PROXY_HEADER", |s| s.proxy_header = "x-real-ip".into()),
            ("DB_WAIT", |s| s.db_wait = "a minute".into()),
            ("NEW_ACCOUNTS", |s| s.new_accounts = "admins".into()),
        ];
        let mut all = settings();
        for (name, change) in &cases {
            let mut s = settings();
            change(&mut s);
            let err = Config::from_settings(&s).unwrap_err();
            assert_eq!(err.setting, *name);
            assert!(err.to_string().starts_with(name));
            change(&mut all);
        }
        // All of them wrong at once: each is named, in the table's order.
        let named: Vec<&str> = Config::check_settings(&all)
            .unwrap_err()
            .iter()
            .map(|e| e.setting)
            .collect();
        assert_eq!(
            named,
            [
                "DATABASE_URL",
                "BIND",
                "BASE_URL",
                "SESSION_KEY",
                "MAIL_URL",
                "MAIL_FROM",
                "BCRYPT_COST",
                "METRICS_TOKEN",
                "LOG_FORMAT",
                "TRUSTED_PROXIES",
                "PROXY_HEADER",
                "NEW_ACCOUNTS",
                "DB_WAIT"
            ]
        );
    }

    #[test]
    fn no_jobs_reads_as_people_write_it() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            settings: Settings,
        }
        for (args, expected) in [
            (vec!["c"], false),
            (vec!["c", "--no-jobs"], true),
            (vec!["c", "--no-jobs=1"], true),
            (vec!["c", "--no-jobs=yes"], true),
            (vec!["c", "--no-jobs=0"], false),
            (vec!["c", "--no-jobs=false"], false),
        ] {
            let cli = Cli::try_parse_from(&args).unwrap();
            assert_eq!(cli.settings.no_jobs, expected, "{args:?}");
        }
    }

    #[test]
    fn no_jobs_turns_the_background_work_of_serve_off() {
        assert!(Config::from_settings(&settings()).unwrap().background_jobs);
        let mut s = settings();
        s.no_jobs = true;
        assert!(!Config::from_settings(&s).unwrap().background_jobs);
    }

    #[test]
    fn secrets_are_redacted_in_debug() {
        let mut s = settings();
        s.session_key = Some("k".repeat(64));
        s.database_url = "postgres://app:hunter2@db/clientele".into();
        s.mail_url = "smtp://me:mailpass@relay:587".into();
        s.base_url = Some("https://console.example.com/".into());
        s.metrics_token = Some("scrape-".repeat(4));
        let c = Config::from_settings(&s).unwrap();
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("kkkk")
                && !shown.contains("hunter2")
                && !shown.contains("mailpass")
                && !shown.contains("scrape-")
        );
        assert!(c.is_https());
        assert_eq!(c.base_url, "https://console.example.com");
    }
}
