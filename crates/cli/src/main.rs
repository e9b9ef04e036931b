//! `formwork`: convert, format and check CloudFormation templates from a terminal or CI.
//!
//! Exit codes: 0 success, 1 invalid input (the message on stderr), 2 wrong usage;
//! `simulate` exits 3 when the run misses its SLO.

mod commands;
mod report;
mod simulate;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "formwork",
    version,
    about = "CloudFormation templates, losslessly"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert a template between YAML and JSON, keeping everything CloudFormation reads.
    Convert {
        /// The template file, or `-` for standard input.
        file: String,
        /// The format to write.
        #[arg(long, value_enum)]
        to: FormatArg,
        /// Where to write (standard output when absent).
        #[arg(short, long)]
        output: Option<String>,
    },
    /// Check templates for errors and architecture mistakes before deploying them.
    ///
    /// Exit codes follow cfn-lint: 0 clean, 2 errors found, 4 warnings only.
    Validate {
        /// Template files, or `-` for standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// How to write the findings: text lines, a JSON array, or a SARIF 2.1.0 log.
        #[arg(long, value_enum, default_value = "text")]
        format: report::ReportFormat,
    },
    /// Rewrite a template in Formwork's canonical layout, in place (standard output for `-`).
    Fmt {
        /// The template file, or `-` for standard input.
        file: String,
        /// Change nothing; fail (exit 1) if the file is not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Run traffic and faults through a template: availability, latency, scaling, cost.
    ///
    /// Exit codes: 0 the SLO held, 3 it did not, 1 invalid input, 2 wrong usage.
    Simulate {
        /// The template file, or `-` for standard input.
        template: String,
        /// The scenario (YAML or JSON; see docs/scenario.md); a default one when absent.
        #[arg(long)]
        scenario: Option<String>,
        /// How long to simulate: 90s, 10m, 2h, 1d, or seconds.
        #[arg(long)]
        duration: Option<String>,
        #[arg(long)]
        seed: Option<u64>,
        /// The region: its zones and prices.
        #[arg(long)]
        region: Option<String>,
        /// Parameter values: create-stack's JSON list, or a mapping.
        #[arg(long)]
        parameters: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: simulate::SimulateFormat,
        /// A folder to write timeline.csv, cloudtrail.json, sla.json and cost.json to.
        #[arg(short, long)]
        output: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Yaml,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Convert { file, to, output } => {
            let to = match to {
                FormatArg::Yaml => formwork_core::template::Format::Yaml,
                FormatArg::Json => formwork_core::template::Format::Json,
            };
            commands::convert(&file, to, output.as_deref())
        }
        Command::Fmt { file, check } => commands::fmt(&file, check),
        Command::Validate { files, format } => commands::validate(&files, format),
        Command::Simulate {
            template,
            scenario,
            duration,
            seed,
            region,
            parameters,
            format,
            output,
        } => simulate::simulate(simulate::Options {
            template: &template,
            scenario: scenario.as_deref(),
            duration: duration.as_deref(),
            seed,
            region: region.as_deref(),
            parameters: parameters.as_deref(),
            format,
            output: output.as_deref(),
        }),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("formwork: {message}");
            ExitCode::from(1)
        }
    }
}
