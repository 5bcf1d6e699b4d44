//! The `vblint` binary: parse arguments, run, exit with the run's code.

fn main() {
    let cli = vblint::cli::parse();
    std::process::exit(vblint::cli::run(cli));
}
