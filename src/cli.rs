//! The command line (SPEC §4): `serve` (default), `migrate`, `create-group`, `jobs --once`,
//! `services add|list`, `mail test`, `demo`; and for operators (issue 18) `backup`,
//! `restore` and `check` (see [`crate::ops`]).
//! Every failure ends with one line on stderr naming what is wrong, and a non-zero exit.

use clap::{Parser, Subcommand};

use crate::auth::password::{PasswordHasher, password_problem};
use crate::config::{Config, ConfigError, Settings};
use crate::input::FieldErrors;
use crate::mail::transport::{Mailer, Probed};
use crate::mail::worker::deliver_due;
use crate::mail::{Email, EmailKind, Lang};
use crate::services::audit::Actor;
use crate::services::groups::{NewGroupInput, check_group_fields, create_group};
use crate::startup::{Application, prepare_database};

#[derive(Parser)]
#[command(
    name = "clientele",
    version,
    about = "The console in which a group runs its clients' accounts"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the console over HTTP (the default).
    Serve,
    /// Apply pending database migrations and exit (serve also does it at start).
    Migrate,
    /// Create a group account and its owner; prints the new group's id.
    CreateGroup {
        #[arg(long)]
        name: String,
        #[arg(long)]
        owner_email: String,
        /// Sign-in password for a new owner (at least 10 characters). Not needed when the
        /// email belongs to an existing user, who becomes the owner.
        #[arg(long, env = "OWNER_PASSWORD", hide_env_values = true)]
        owner_password: Option<String>,
        /// The group's owners also see the operators' status page (`/groups/{id}/system`),
        /// as the first group's do.
        #[arg(long)]
        operator: bool,
    },
    /// Copy a live SQLite database to FILE (consistent, checked) while it serves; for
    /// PostgreSQL, run pg_dump into FILE (0600), or print its line when it is not installed.
    Backup {
        #[arg(long, value_name = "FILE")]
        to: std::path::PathBuf,
    },
    /// Replace the SQLite database with a backup (the server must be stopped; the old one
    /// is kept beside it); for PostgreSQL, run pg_restore in one transaction, or print its
    /// line when it is not installed.
    Restore {
        #[arg(long, value_name = "FILE")]
        from: std::path::PathBuf,
    },
    /// Check the settings, reach the database and the mail server (nothing is sent or
    /// changed) and print what was found; exits 1 when something is wrong.
    Check,
    /// Sample data: a group, its owner, 2 admins, 8 sellers and N clients. Prints the
    /// owner's sign-in.
    Demo {
        #[arg(long, default_value_t = 200)]
        clients: usize,
    },
    /// The service catalogue: what groups can make visible to their clients.
    Services {
        #[command(subcommand)]
        command: ServicesCommand,
    },
    /// Email tools.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// Turn a person's two-step verification off (a lost phone and lost recovery codes):
    /// their sessions end; they sign in with their password and set it up again. For the
    /// operator (group owners reset their staff's on the Staff page).
    ResetTwoStep {
        #[arg(long)]
        email: String,
    },
    /// Lift a sign-in lock (audited): `--email` lifts an address's current wait (its
    /// failures still count, so the next one locks for longer, as on the Staff page);
    /// `--ip` forgets a client address's failures (the addresses typed keep theirs).
    Unlock {
        #[arg(long, conflicts_with = "ip", required_unless_present = "ip")]
        email: Option<String>,
        #[arg(long)]
        ip: Option<String>,
    },
    /// Ask the running instance for `/healthz` (BIND's address, wildcards on loopback):
    /// exit 0 when it answers 200, 1 otherwise. For container health checks.
    Healthcheck {
        /// Another address to ask, `http://HOST:PORT[/PATH]`.
        #[arg(long)]
        url: Option<String>,
    },
    /// The scheduler alone: the scheduled jobs every minute and the email delivery, until
    /// stopped (SIGTERM, Ctrl-C), for installs whose `serve` instances run with `NO_JOBS`.
    /// With `--once`: every job once, then the emails due, and exit.
    Jobs {
        /// Run once and exit.
        #[arg(long)]
        once: bool,
        /// With `--once`: run as if at this time (RFC 3339), e.g. 2026-12-07T10:00:00Z.
        #[arg(long, requires = "once")]
        at: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ServicesCommand {
    /// Add a service at the end of the catalogue (CODE: lower-case, e.g. `waf`).
    Add { code: String, name: String },
    /// List the catalogue: one service a line, `CODE<TAB>NAME`, in its order.
    List,
}

#[derive(Subcommand)]
pub enum MailCommand {
    /// Queue a test email and try to deliver it now, to check the mail settings.
    Test {
        #[arg(long)]
        to: String,
        /// Language of the email: en, pt-BR or es.
        #[arg(long, default_value = "en")]
        lang: String,
    },
}

/// An error for the command line: one line, naming the setting or argument at fault.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Failed(String),
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let command = cli.command.unwrap_or(Command::Serve);
    let config = match Config::check_settings(&cli.settings) {
        Err(wrong) if matches!(command, Command::Check) => {
            // Every wrong setting said; the database and mail are not tried with them.
            for e in &wrong {
                println!("{}", crate::ops::Finding::Fail(e.to_string()));
            }
            return Err(CliError::Failed(problems(wrong.len())));
        }
        Err(mut wrong) => return Err(wrong.remove(0).into()),
        Ok(config) => config,
    };
    // Every command that opens a SQLite database holds its lock while it runs: a restore
    // waits for none of them and replaces the file under none of them. Not `restore` (it
    // takes the lock alone), `check` (it only looks) nor `healthcheck` (it asks serve).
    let _lock = match command {
        Command::Restore { .. } | Command::Check | Command::Healthcheck { .. } => None,
        _ => crate::ops::hold_while_open(&config.database).map_err(|message| ConfigError {
            setting: "DATABASE_URL",
            message,
        })?,
    };
    match command {
        Command::Serve => serve(config),
        Command::Migrate => {
            prepare_database(&config)?;
            say("migrations are up to date");
            Ok(())
        }
        Command::CreateGroup {
            name,
            owner_email,
            owner_password,
            operator,
        } => {
            let id = create_group_command(
                &config,
                &name,
                &owner_email,
                owner_password.as_deref(),
                operator,
            )?;
            println!("{id}");
            Ok(())
        }
        Command::Backup { to }
            if crate::ops::is_postgres(&config)
                && crate::ops::pg_tool_installed(crate::ops::PgTool::Dump) =>
        {
            let bytes = crate::ops::pg_backup(&config, &to).map_err(CliError::Failed)?;
            println!(
                "backup written to {}: {} (pg_dump, custom format)",
                to.display(),
                crate::ops::human_bytes(bytes as i64)
            );
            Ok(())
        }
        Command::Restore { from }
            if crate::ops::is_postgres(&config)
                && crate::ops::pg_tool_installed(crate::ops::PgTool::Restore) =>
        {
            crate::ops::pg_restore(&config, &from).map_err(CliError::Failed)?;
            println!(
                "restored {} into {} (pg_restore, one transaction)",
                from.display(),
                crate::db::redact_url(&config.database.target)
            );
            Ok(())
        }
        Command::Backup { to } if crate::ops::is_postgres(&config) => pg_tool_line(
            &config,
            crate::ops::PgTool::Dump,
            &to,
            "back it up with pg_dump",
        ),
        Command::Restore { from } if crate::ops::is_postgres(&config) => pg_tool_line(
            &config,
            crate::ops::PgTool::Restore,
            &from,
            "restore a pg_dump file with pg_restore, every instance stopped",
        ),
        Command::Backup { to } => {
            let made = crate::ops::backup(&config, &to).map_err(CliError::Failed)?;
            println!(
                "backup written to {}: {}, {} clients, integrity ok",
                to.display(),
                crate::ops::human_bytes(made.bytes as i64),
                made.clients
            );
            Ok(())
        }
        Command::Restore { from } => {
            let done = crate::ops::restore(&config, &from).map_err(CliError::Failed)?;
            println!(
                "restored {} ({} clients) into {}",
                from.display(),
                done.checked.clients,
                crate::db::redact_url(&config.database.target)
            );
            if let Some(kept) = done.kept {
                println!("the database it replaced is kept as {}", kept.display());
            }
            Ok(())
        }
        Command::Check => check(&config),
        Command::Jobs { once: false, .. } => scheduler(config),
        Command::Jobs { once: true, at } => {
            let now = match at {
                Some(t) => chrono::DateTime::parse_from_rfc3339(&t)
                    .map_err(|e| {
                        CliError::Usage(format!("--at: {t:?} is not an RFC 3339 time: {e}"))
                    })?
                    .naive_utc(),
                None => crate::db::now(),
            };
            jobs_once(&config, crate::db::truncate_micros(now))
        }
        Command::Mail {
            command: MailCommand::Test { to, lang },
        } => mail_test(&config, &to, &lang),
        Command::Demo { clients } => demo(&config, clients),
        Command::Services { command } => services_command(&config, command),
        Command::ResetTwoStep { email } => reset_two_step_command(&config, &email),
        Command::Unlock { email, ip } => unlock_command(&config, email, ip),
        Command::Healthcheck { url } => healthcheck(&config.bind, url.as_deref()),
    }
}

/// `healthcheck [--url URL]`: `ok` and exit 0 on a 200 from `/healthz`, else one line
/// saying what was found and exit 1.
fn healthcheck(bind: &str, url: Option<&str>) -> Result<(), CliError> {
    use crate::healthcheck::{TIMEOUT, Target, probe};
    let target = match url {
        Some(u) => Target::of_url(u),
        None => Target::of_bind(bind),
    }
    .map_err(CliError::Usage)?;
    match probe(&target, TIMEOUT) {
        Ok(()) => {
            println!("ok");
            Ok(())
        }
        Err(why) => Err(CliError::Failed(format!(
            "unhealthy: http://{}:{}{}: {why}",
            target.host, target.port, target.path
        ))),
    }
}

fn reset_two_step_command(config: &Config, email: &str) -> Result<(), CliError> {
    let pool = prepare_database(config)?;
    let mut conn = pool
        .get()
        .map_err(|e| CliError::Failed(format!("DATABASE_URL: {e}")))?;
    let email = crate::models::user::normalize_email(email);
    let user = crate::models::user::find_by_email(&mut conn, &email)
        .map_err(|e| CliError::Failed(e.to_string()))?
        .ok_or_else(|| CliError::Usage(format!("--email: no user has the address {email}")))?;
    if !user.uses_two_step() {
        return Err(CliError::Usage(format!(
            "--email: {email} does not use two-step verification"
        )));
    }
    crate::services::two_step::reset_by_operator(&mut conn, user.id, &email, &Actor::cli())
        .map_err(|e| CliError::Failed(e.to_string()))?;
    say(&format!(
        "two-step verification of {email} was reset; their sessions ended"
    ));
    Ok(())
}

/// `unlock --email ADDRESS | --ip ADDRESS`: the operator lifts a sign-in lock, audited.
fn unlock_command(
    config: &Config,
    email: Option<String>,
    ip: Option<String>,
) -> Result<(), CliError> {
    use crate::services::throttle::{self, Unlocked};
    let pool = prepare_database(config)?;
    let mut conn = pool
        .get()
        .map_err(|e| CliError::Failed(format!("DATABASE_URL: {e}")))?;
    let what = match (email, ip) {
        (Some(email), _) => throttle::Lock::Email(crate::models::user::normalize_email(&email)),
        (None, Some(ip)) => {
            let ip: std::net::IpAddr = ip
                .trim()
                .parse()
                .map_err(|_| CliError::Usage(format!("--ip: {ip:?} is not an address")))?;
            throttle::Lock::Ip(ip.to_canonical().to_string())
        }
        (None, None) => return Err(CliError::Usage("give --email or --ip".into())),
    };
    let done = throttle::unlock_by_operator(&mut conn, &what, crate::db::now(), &Actor::cli())
        .map_err(|e| CliError::Failed(e.to_string()))?;
    say(&match (&what, done) {
        (throttle::Lock::Email(e), Unlocked::Lifted) => {
            format!("{e} may try to sign in again now; its failures still count")
        }
        (throttle::Lock::Ip(ip), Unlocked::Lifted) => {
            format!("{ip}: its failed sign-ins are forgotten")
        }
        (throttle::Lock::Email(e), Unlocked::NotLocked) => format!("{e} is not locked"),
        (throttle::Lock::Ip(ip), Unlocked::NotLocked) => format!("{ip} is not locked"),
    });
    Ok(())
}

/// `services add|list`.
fn services_command(config: &Config, command: ServicesCommand) -> Result<(), CliError> {
    use crate::services::catalogue;
    let pool = prepare_database(config)?;
    let mut conn = pool
        .get()
        .map_err(|e| CliError::Failed(format!("DATABASE_URL: {e}")))?;
    match command {
        ServicesCommand::Add { code, name } => {
            match catalogue::add(&mut conn, code.trim(), &name, &Actor::cli()) {
                Ok(service) => {
                    println!("{}\t{}", service.code, service.name);
                    Ok(())
                }
                Err(crate::error::AppError::Invalid(errors)) => {
                    let english = |m: &crate::i18n::Msg| m.in_lang(Lang::En);
                    let (arg, msg) = errors
                        .get("code")
                        .map(|m| ("CODE", m))
                        .or_else(|| errors.get("name").map(|m| ("NAME", m)))
                        .expect("an invalid service names its field");
                    Err(CliError::Usage(format!("{arg}: {}", english(msg))))
                }
                Err(e) => Err(CliError::Failed(e.to_string())),
            }
        }
        ServicesCommand::List => {
            let all = catalogue::list(&mut conn).map_err(|e| CliError::Failed(e.to_string()))?;
            for s in all {
                println!("{}\t{}", s.code, s.name);
            }
            Ok(())
        }
    }
}

/// `jobs --once`: the sweeps, then the delivery of the emails due at `now`.
fn jobs_once(config: &Config, now: chrono::NaiveDateTime) -> Result<(), CliError> {
    let pool = prepare_database(config)?;
    let mut conn = pool
        .get()
        .map_err(|e| CliError::Failed(format!("DATABASE_URL: {e}")))?;
    let report = crate::jobs::run_all(&mut conn, now, &config.base_url)
        .map_err(|e| CliError::Failed(format!("jobs failed: {e}")))?;
    drop(conn);
    println!("{report}");
    // The emails go out even when a job failed (the others' emails are due all the same).
    let delivered = actix_web::rt::System::new().block_on(async {
        let mailer = Mailer::from_config(config)?;
        deliver_due(&pool, &mailer, now)
            .await
            .map_err(|e| CliError::Failed(format!("outbox: {e}")))
    })?;
    println!("{delivered}");
    if let Some((name, error)) = report.failures().next() {
        return Err(CliError::Failed(format!("job {name:?} failed: {error}")));
    }
    Ok(())
}

/// `clientele jobs`: the scheduled jobs every minute and the email delivery, as `serve`
/// runs them, without serving; stops on SIGTERM or Ctrl-C, letting the email being sent
/// finish. Safe beside other instances (each job and email is claimed once).
fn scheduler(config: Config) -> Result<(), CliError> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let pool = prepare_database(&config)?;
    actix_web::rt::System::new().block_on(async move {
        let mailer = Arc::new(Mailer::from_config(&config)?);
        let metrics = Arc::new(crate::metrics::Metrics::new());
        crate::jobs::spawn_scheduler(
            pool.clone(),
            std::time::Duration::from_secs(60),
            config.base_url.clone(),
            metrics,
        );
        let stop = Arc::new(AtomicBool::new(false));
        let mail = crate::mail::worker::spawn(
            pool,
            mailer,
            std::time::Duration::from_secs(5),
            stop.clone(),
        );
        say("the scheduler is running: jobs every minute, emails as they are due");
        let mut term = actix_web::rt::signal::unix::signal(
            actix_web::rt::signal::unix::SignalKind::terminate(),
        )
        .map_err(|e| CliError::Failed(format!("signals: {e}")))?;
        tokio::select! {
            _ = term.recv() => {}
            _ = actix_web::rt::signal::ctrl_c() => {}
        }
        stop.store(true, Ordering::Release);
        crate::mail::wake::wake();
        let _ = tokio::time::timeout(std::time::Duration::from_secs(30), mail).await;
        say("stopped");
        Ok(())
    })
}

fn serve(config: Config) -> Result<(), CliError> {
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(config.clone()).await?;
        // The port it got (BIND may ask for any, `:0`).
        let listening = match config.bind.rsplit_once(':') {
            Some((host, _)) => format!("{host}:{}", app.port()),
            None => config.bind.clone(),
        };
        if tracing::enabled!(tracing::Level::INFO) {
            tracing::info!(%listening, base_url = %config.base_url, "Clientele is serving");
        } else {
            eprintln!("Clientele is serving on {listening} ({})", config.base_url);
        }
        if let Some(url) = app.setup_url() {
            println!(
                "Clientele is not set up yet. Open this link to create the first group and its owner:\n  {url}"
            );
        }
        app.run_until_stopped().await.map_err(|e| CliError::Failed(format!("server: {e}")))
    })
}

fn create_group_command(
    config: &Config,
    name: &str,
    owner_email: &str,
    owner_password: Option<&str>,
    operator: bool,
) -> Result<i64, CliError> {
    let mut errors = FieldErrors::default();
    check_group_fields(name, owner_email, &mut errors);
    // The command line speaks English (operators), from the same catalogue.
    let english = |m: &crate::i18n::Msg| m.in_lang(crate::i18n::Lang::En);
    if let Some(msg) = errors.get("group_name") {
        return Err(CliError::Usage(format!("--name: {}", english(msg))));
    }
    if let Some(msg) = errors.get("email") {
        return Err(CliError::Usage(format!("--owner-email: {}", english(msg))));
    }
    if let Some(problem) = owner_password.and_then(password_problem) {
        return Err(CliError::Usage(format!(
            "--owner-password: {}",
            english(&problem)
        )));
    }
    let pool = prepare_database(config)?;
    let mut conn = pool
        .get()
        .map_err(|e| CliError::Failed(format!("DATABASE_URL: {e}")))?;
    let existing = crate::models::user::find_by_email(&mut conn, owner_email)
        .map_err(|e| CliError::Failed(e.to_string()))?;
    if existing.is_none() && owner_password.is_none() {
        return Err(CliError::Usage(
            "--owner-password: required for a new user (there is no user with that email yet)"
                .into(),
        ));
    }
    let hash = match (existing.is_none(), owner_password) {
        (true, Some(pw)) => Some(
            PasswordHasher::new(config.bcrypt_cost)
                .hash_blocking(pw)
                .map_err(|e| CliError::Failed(e.to_string()))?,
        ),
        _ => None,
    };
    let local_part = owner_email
        .trim()
        .split('@')
        .next()
        .unwrap_or_default()
        .to_owned();
    let input = NewGroupInput {
        name: name.to_owned(),
        owner_email: owner_email.to_owned(),
        owner_first_name: local_part,
        owner_last_name: String::new(),
        owner_password_hash: hash,
        owner_language: crate::i18n::Lang::En,
        operator,
    };
    let created = create_group(&mut conn, &input, &Actor::cli())
        .map_err(|e| CliError::Failed(e.to_string()))?;
    if !created.new_user && owner_password.is_some() {
        say(&format!(
            "note: {} already had an account; their password was left unchanged",
            owner_email.trim()
        ));
    }
    Ok(created.group_id)
}

/// `mail test`: queues a test email, tries to deliver it at once, and says what happened.
/// Fails (non-zero) when it could not be delivered; the email stays queued and is retried.
fn mail_test(config: &Config, to: &str, lang: &str) -> Result<(), CliError> {
    if let Some(problem) = crate::input::email_problem(to.trim()) {
        let problem = crate::i18n::t(crate::i18n::Lang::En, problem);
        return Err(CliError::Usage(format!("--to: {to:?}: {problem}")));
    }
    let pool = prepare_database(config)?;
    let email = Email {
        to: to.trim().to_owned(),
        lang: Lang::from_code(lang),
        kind: EmailKind::Test,
        group_id: None,
    };
    let base_url = config.base_url.clone();
    actix_web::rt::System::new().block_on(async move {
        let mailer = Mailer::from_config(config)?;
        let id = crate::db::run(&pool, move |c| {
            crate::db::write_tx(c, |c| crate::mail::outbox::enqueue(c, &base_url, &email))
        })
        .await
        .map_err(|e| CliError::Failed(format!("cannot queue the email: {e}")))?;
        deliver_due(&pool, &mailer, crate::db::now()).await.map_err(|e| CliError::Failed(format!("outbox: {e}")))?;
        let row = crate::db::run(&pool, move |c| Ok(crate::models::outbox::find(c, id)?))
            .await
            .map_err(|e| CliError::Failed(e.to_string()))?;
        match (row.sent_at, row.last_error) {
            (Some(_), _) => {
                println!("test email #{id} delivered to {} via {}", row.to_address, mailer.describe);
                Ok(())
            }
            (None, error) => Err(CliError::Failed(format!(
                "MAIL_URL: test email #{id} was queued but not delivered via {}: {} (it will be retried)",
                mailer.describe,
                error.unwrap_or_default()
            ))),
        }
    })
}

/// `check`: one line a finding on stdout; fails when one is a failure.
fn check(config: &Config) -> Result<(), CliError> {
    use crate::ops::Finding;
    let mut found = crate::ops::check_settings(config);
    found.push(crate::ops::check_database(config));
    let mail = actix_web::rt::System::new().block_on(async {
        match Mailer::from_config(config) {
            Err(e) => Finding::Fail(e.to_string()),
            Ok(mailer) => match mailer.probe().await {
                Ok(Probed::Sends) => Finding::Ok(format!("mail: {} answers", mailer.describe)),
                Ok(Probed::KeptHere) => Finding::Warn(format!(
                    "MAIL_URL: {}: emails are kept here, not sent (fine for development)",
                    mailer.describe
                )),
                Err(e) => Finding::Fail(format!("MAIL_URL: cannot reach {}: {e}", mailer.describe)),
            },
        }
    });
    found.push(mail);
    for f in &found {
        println!("{f}");
    }
    let failures = found
        .iter()
        .filter(|f| matches!(f, Finding::Fail(_)))
        .count();
    if failures > 0 {
        return Err(CliError::Failed(problems(failures)));
    }
    Ok(())
}

/// On PostgreSQL `backup` and `restore` print the line of PostgreSQL's own tool, alone on
/// stdout (to copy or to run), and fail: they made or restored nothing.
fn pg_tool_line(
    config: &Config,
    tool: crate::ops::PgTool,
    file: &std::path::Path,
    what: &str,
) -> Result<(), CliError> {
    let (line, had_password) = crate::ops::pg_line(config, tool, file);
    println!("{line}");
    let password = if had_password {
        " (DATABASE_URL's password is left out: give it as PGPASSWORD or in ~/.pgpass)"
    } else {
        ""
    };
    Err(CliError::Failed(format!(
        "DATABASE_URL is PostgreSQL: {what}, with the line above{password}"
    )))
}

fn problems(n: usize) -> String {
    format!(
        "the check found {n} problem{}",
        if n == 1 { "" } else { "s" }
    )
}

/// `demo --clients N`: prints the owner's sign-in as `email: …` and `password: …` lines.
fn demo(config: &Config, clients: usize) -> Result<(), CliError> {
    let pool = prepare_database(config)?;
    let mut conn = pool
        .get()
        .map_err(|e| CliError::Failed(format!("DATABASE_URL: {e}")))?;
    let password = format!("demo-{}", &crate::auth::tokens::new_token()[..12]);
    let hash = PasswordHasher::new(config.bcrypt_cost)
        .hash_blocking(&password)
        .map_err(|e| CliError::Failed(e.to_string()))?;
    let started = std::time::Instant::now();
    let demo = crate::services::demo::seed(&mut conn, clients, &password, &hash)
        .map_err(|e| CliError::Failed(format!("demo: {e}")))?;
    crate::db::analyze_after_bulk_load(&mut conn)
        .map_err(|e| CliError::Failed(format!("analyze: {e}")))?;
    say(&format!(
        "made {} clients in {:.1} s",
        demo.clients,
        started.elapsed().as_secs_f64()
    ));
    println!("group: {}", demo.group_id);
    println!("url: {}/groups/{}/clients", config.base_url, demo.group_id);
    println!("email: {}", demo.owner_email);
    println!("password: {}", demo.password);
    Ok(())
}

/// A command's word to the operator on stderr, said once whatever the logs: as a log line
/// when they are on (one JSON object with `LOG_FORMAT=json`), else as it is.
fn say(message: &str) {
    if tracing::enabled!(tracing::Level::INFO) {
        tracing::info!("{message}");
    } else {
        eprintln!("{message}");
    }
}
