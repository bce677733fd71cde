//! `evpat envelope`: the events that rules see for PutEvents entries.

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::Utc;
use evpat_rule::{Delivery, put_events};

use crate::{Status, input};

/// The arguments of `evpat envelope`.
#[derive(clap::Args)]
pub struct Args {
    /// A PutEvents request (`{"Entries": [...]}`), a list of entries, or
    /// one entry; `-` reads standard input.
    entry_file: PathBuf,
    /// The event id; a random UUID by default (entry N gets `-N` added
    /// when several entries share one given id).
    #[arg(long)]
    id: Option<String>,
    /// The event time, RFC 3339, for entries without `Time`; now by default.
    #[arg(long)]
    time: Option<String>,
    /// The account that owns the bus.
    #[arg(long, default_value = "123456789012")]
    account: String,
    /// The region.
    #[arg(long, default_value = "us-east-1")]
    region: String,
}

/// Prints each delivered event as JSON; entries PutEvents would refuse are
/// reported on stderr, and the exit code is then 2.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let (name, text) = input::read_command_input(&args.entry_file)?;
    let time = args
        .time
        .clone()
        .unwrap_or_else(|| Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let results = match put_events(&text, |i| Delivery {
        id: match &args.id {
            Some(id) if i == 0 => id.clone(),
            Some(id) => format!("{id}-{i}"),
            None => uuid::Uuid::new_v4().to_string(),
        },
        time: time.clone(),
        account: args.account.clone(),
        region: args.region.clone(),
    }) {
        Ok(results) => results,
        Err(error) => {
            note!("evpat: {name}: {error}");
            return Ok(Status::Error);
        }
    };
    let mut status = Status::Success;
    let mut out = io::stdout().lock();
    for (i, result) in results.iter().enumerate() {
        match result {
            Ok(event) => writeln!(out, "{}", serde_json::to_string_pretty(event)?)?,
            Err(error) => {
                note!("evpat: {name}: entry {}: {error}", i + 1);
                status = Status::Error;
            }
        }
    }
    out.flush()?;
    Ok(status)
}
