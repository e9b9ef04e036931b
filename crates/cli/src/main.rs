//! `formwork`: convert, format and check CloudFormation templates from a terminal or CI.
//!
//! Exit codes: 0 success, 1 invalid input (the message on stderr), 2 wrong usage.

mod commands;
mod report;

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
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("formwork: {message}");
            ExitCode::from(1)
        }
    }
}
