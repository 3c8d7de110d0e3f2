//! The `clientele` binary: parse the command line, start logging, dispatch.

use std::process::ExitCode;

use clap::Parser;
use clientele::config::LogFormat;

fn main() -> ExitCode {
    let cli = clientele::cli::Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,actix_server=warn".into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A wrong LOG_FORMAT is a setting error, said by the command (`check` lists it); the
    // lines until then are text.
    let format = LogFormat::parse(&cli.settings.log_format).unwrap_or(LogFormat::Text);
    let json = format == LogFormat::Json;
    match format {
        // One JSON object a line: `timestamp`, `level`, `target`, the event's fields at the
        // top level (the access line's `route`, `status`, `latency_ms`, `request_id`), and
        // the request's span (its `request_id`) on the lines logged while it is answered.
        LogFormat::Json => logs
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
    }
    match clientele::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, whatever the cause printed (libpq's messages span several).
            let line = e
                .to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if json {
                // Even the last word is a JSON line when the logs are (and is said whatever
                // RUST_LOG lets through).
                let record = serde_json::json!({
                    "timestamp": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                    "level": "ERROR",
                    "message": line,
                    "target": "clientele",
                });
                eprintln!("{record}");
            } else {
                eprintln!("error: {line}");
            }
            ExitCode::FAILURE
        }
    }
}
