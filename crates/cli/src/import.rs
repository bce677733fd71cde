//! `evpat import`: the rules people already have, as PutRule-shaped JSON.
//!
//! The output is what `evpat export` and `evpat check`'s siblings read: one
//! rule is written as one JSON object; several (a template with many rules)
//! as a JSON array of them, unless `--rule NAME` picks one. Warnings (a
//! placeholder for `!GetAtt MyFunction.Arn`, a made-up name) go to stderr.

use std::io::{self, Write};
use std::path::PathBuf;

use evpat_rule::import::{Source, import};

use crate::{Status, input};

/// The arguments of `evpat import`.
#[derive(clap::Args)]
pub struct Args {
    /// The file: a CloudFormation or SAM template (JSON or YAML), Terraform,
    /// `aws events describe-rule` output, PutRule JSON, a Jets job,
    /// serverless.yml, or an event pattern (also as an escaped JSON
    /// string); `-` reads standard input.
    file: PathBuf,
    /// What the file is; guessed from its shape when not given.
    #[arg(long, value_parser = source_names())]
    from: Option<String>,
    /// Write only the rule with this name.
    #[arg(long)]
    rule: Option<String>,
}

fn source_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(Source::ALL.map(Source::name))
}

/// Writes the rules. Exits 0, or 2 when the file cannot be read or holds no
/// valid rule.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let (name, text) = input::read_command_input(&args.file)?;
    let from = args.from.as_deref().and_then(Source::from_name);
    let imported = match import(&text, from) {
        Ok(imported) => imported,
        Err(error) => {
            let place = format!("{name}:{}:{}", error.line(), error.column());
            note!("{}", crate::export::placed(&place, &error, error.hint()));
            return Ok(Status::Error);
        }
    };
    let mut rules = imported.rules;
    if let Some(wanted) = &args.rule {
        let names: Vec<String> = rules.iter().map(|rule| rule.name.clone()).collect();
        rules.retain(|rule| &rule.name == wanted);
        if rules.is_empty() {
            note!("evpat: {name} has no rule named {wanted}; it has: {}", names.join(", "));
            return Ok(Status::Error);
        }
    }
    let text = match rules.as_slice() {
        [rule] => rule.to_json(),
        rules => {
            let indented: Vec<String> = rules.iter().map(|rule| indent(&rule.to_json())).collect();
            format!("[\n{}\n]", indented.join(",\n"))
        }
    };
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{text}")?;
    stdout.flush()?;
    let count = match rules.len() {
        1 => "1 rule".to_owned(),
        n => format!("{n} rules"),
    };
    note!("evpat: {name}: {count} from {}", imported.source.title());
    for warning in imported.warnings {
        note!("warning: {warning}");
    }
    Ok(Status::Success)
}

/// `text` indented by two spaces, as an item of the array.
fn indent(text: &str) -> String {
    text.lines().map(|line| format!("  {line}")).collect::<Vec<_>>().join("\n")
}
