//! `vblint serve`: the reviewer's page and the HTTP API, with the options of a check.

use super::args::{InputArgs, ServeArgs};
use super::options::configured_options;
use super::usage_error;
use std::io;
use std::path::PathBuf;

/// `vblint serve`: the options `check` would build from the same `--config`/`--rules`, then the
/// server until Ctrl-C.
pub(super) fn serve(args: ServeArgs, requested: Option<crate::lang::Lang>) -> io::Result<i32> {
    let input = InputArgs {
        paths: vec![PathBuf::from(".")],
        threads: None,
        max_file_size: args.max_upload as u64,
        no_ignore: false,
        globs: Vec::new(),
        reference_date: args.reference_date,
        output: None,
        config: args.config,
        rules_dirs: args.rules_dirs,
        files_from: None,
        null: false,
    };
    // The run's language is the API's default; a request may ask for another (`lang`).
    let options = match configured_options(&input, &[], &[], requested) {
        Ok(o) => o,
        Err((e, _)) => return usage_error(e),
    };
    let jobs = args.jobs.unwrap_or_else(crate::serve::default_jobs);
    let limits = crate::serve::Limits::new(args.max_upload, jobs);
    let config = crate::serve::ServeConfig {
        addr: args.addr,
        open: args.open,
        token: args.token,
        limits,
    };
    Ok(crate::serve::run(config, options))
}
