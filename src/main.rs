//! The `vblint` binary: parse arguments, run, exit with the run's code.

use clap::Parser;

fn main() {
    let cli = vblint::cli::Cli::parse();
    std::process::exit(vblint::cli::run(cli));
}
