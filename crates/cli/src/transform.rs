//! `evpat transform`: what a target receives from an input transformer.

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::Utc;
use evpat_rule::transformer::TransformerErrorKind;
use evpat_rule::{InputTransformer, ReservedValues};

use crate::{Status, input};

/// The arguments of `evpat transform`.
#[derive(clap::Args)]
pub struct Args {
    /// The transformer: `{"InputPathsMap": {...}, "InputTemplate": "..."}`,
    /// or a target holding one under `InputTransformer`; `-` reads stdin.
    transformer_file: PathBuf,
    /// The event; `-` reads standard input.
    event_file: PathBuf,
    /// The rule's name, for `<aws.events.rule-name>` and the rule ARN.
    #[arg(long, default_value = "my-rule")]
    rule_name: String,
    /// The account, for `<aws.events.rule-arn>`.
    #[arg(long, default_value = "123456789012")]
    account: String,
    /// The region, for `<aws.events.rule-arn>`.
    #[arg(long, default_value = "us-east-1")]
    region: String,
}

/// Prints the output. Exits 0 when EventBridge would deliver it, 1 when it
/// would silently drop the event (the output is not valid JSON), and 2 when
/// PutTargets would refuse the transformer.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    input::stdin_at_most_once([args.transformer_file.as_path(), args.event_file.as_path()])
        .map_err(anyhow::Error::msg)?;
    let (name, text) = input::read_command_input(&args.transformer_file)?;
    let (event_name, event) = input::read_command_input(&args.event_file)?;
    let transformer = match read_transformer(&text) {
        Ok(transformer) => transformer,
        Err(error) => {
            note!("evpat: {name}: {error}");
            return Ok(Status::Error);
        }
    };
    let reserved = ReservedValues {
        rule_arn: format!(
            "arn:aws:events:{}:{}:rule/{}",
            args.region, args.account, args.rule_name
        ),
        rule_name: args.rule_name.clone(),
        ingestion_time: Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    };
    for lint in evpat_rule::transformer::lint_with_event(&transformer, &event) {
        note!("warning[{}]: {} = fix: {}", lint.code, lint.message, lint.fix);
    }
    let rendered = match evpat_rule::transformer::render(&transformer, &event, &reserved) {
        Ok(rendered) => rendered,
        Err(error) => {
            // Name the file that is wrong: the event, or the transformer.
            let name = match error.kind() {
                TransformerErrorKind::InvalidEvent => &event_name,
                _ => &name,
            };
            note!("evpat: {name}: {error}");
            return Ok(Status::Error);
        }
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{}", rendered.output)?;
    out.flush()?;
    if let Some(reason) = rendered.reason {
        note!("evpat: would not be delivered: {reason}");
    }
    Ok(if rendered.delivered { Status::Success } else { Status::Failure })
}

/// A transformer, or a target that holds one.
fn read_transformer(text: &str) -> Result<InputTransformer, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let value = match value.get("InputTransformer") {
        Some(inner) => inner.clone(),
        None => value,
    };
    serde_json::from_value(value).map_err(|e| format!("not an InputTransformer: {e}"))
}
