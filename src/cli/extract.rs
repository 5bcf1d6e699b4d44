//! `vblint extract`: each document's structure, citations and dates as JSON.

use super::args::ExtractArgs;
use super::options::configured_options;
use super::{
    EXIT_ERROR, EXIT_OK, commit_output, inputs, nothing_found, open_output, thread_pool,
    usage_error,
};
use crate::checks::RuleSelection;
use crate::lang::Lang;
use crate::report::Reporter;
use crate::report::json::{JsonLinesReporter, JsonReporter};
use crate::run;
use std::io;

pub(super) fn extract(args: ExtractArgs, requested: Option<Lang>) -> io::Result<i32> {
    let mut options = match configured_options(&args.input, &[], &[], requested) {
        Ok(o) => o,
        Err((e, _)) => return usage_error(e),
    };
    let lang = options.lang;
    options.selection = RuleSelection::default();
    options.extract = true;
    options.include_text = args.text;
    let mut output = match open_output(&args.input, lang) {
        Ok(o) => o,
        Err(e) => return usage_error(e),
    };
    let out = output.take_writer();
    let mut reporter: Box<dyn Reporter + Send> = if args.jsonl {
        Box::new(JsonLinesReporter::new(out))
    } else {
        Box::new(JsonReporter::new(out))
    };
    let inputs = match inputs(&args.input, &output.guarded, lang) {
        Ok(i) => i,
        Err(e) => return usage_error(e),
    };
    let pool = thread_pool(args.input.threads)?;
    let outcome = pool.install(|| {
        run::run(
            inputs,
            &options,
            args.input.max_file_size,
            reporter.as_mut(),
            &run::Progress::none(),
        )
    })?;
    drop(reporter);
    commit_output(output, args.input.output.as_deref(), lang)?;
    if outcome.summary.files == 0 {
        return usage_error(nothing_found(lang));
    }
    Ok(if outcome.summary.errors > 0 {
        EXIT_ERROR
    } else {
        EXIT_OK
    })
}
