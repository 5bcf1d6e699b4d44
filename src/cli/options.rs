//! Options of a run: the configuration file and rule data laid under the command line.

use super::args::InputArgs;
use crate::checks::RuleSelection;
use crate::config::Config;
use crate::lang::Lang;
use crate::pipeline::Options;
use crate::ruledata::RuleData;
use crate::run::WalkOptions;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(super) fn base_options(input: &InputArgs, selection: RuleSelection) -> Options {
    Options {
        selection,
        reference_date: input.reference_date,
        data: Arc::new(RuleData::builtin().clone()),
        per_path: Arc::default(),
        extract: false,
        include_text: false,
        lang: crate::lang::Lang::Vi,
    }
}

/// The configuration: `--config FILE`, else the `vblint.toml` found above `start`, else none.
/// Its errors are in the language asked for (`requested`), else Vietnamese.
pub(super) fn load_config(
    explicit: Option<&Path>,
    start: &Path,
    requested: Option<Lang>,
) -> Result<Config, String> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => Config::discover(start),
    };
    match path {
        Some(p) => Config::load_in(&p, requested.unwrap_or_default()).map_err(|e| e.to_string()),
        None => Ok(Config::default()),
    }
}

/// The language of a run: the one asked for (`--lang`, `VBLINT_LANG`), else the configuration's,
/// else Vietnamese.
pub(super) fn run_lang(requested: Option<Lang>, config: &Config) -> Lang {
    requested.or(config.lang).unwrap_or_default()
}

/// Where to start looking for `vblint.toml`: the first path, or the current directory for stdin.
pub(super) fn config_start(paths: &[PathBuf]) -> PathBuf {
    paths
        .first()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Options from the command line laid over the configuration file; an error is said in the
/// language known so far (the one asked for, else the configuration's once it is read).
pub(super) fn configured_options(
    input: &InputArgs,
    select: &[String],
    ignore: &[String],
    requested: Option<Lang>,
) -> Result<Options, (String, Lang)> {
    let config = load_config(
        input.config.as_deref(),
        &config_start(&input.paths),
        requested,
    )
    .map_err(|e| (e, requested.unwrap_or_default()))?;
    let lang = run_lang(requested, &config);
    // "citation," and "a,,b" name no empty rule: blank items are dropped.
    let nonblank = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let selection = config.selection(&nonblank(select), &nonblank(ignore));
    let unknown = selection.unknown_selectors();
    if !unknown.is_empty() {
        let unknown = unknown.join(", ");
        return Err((
            crate::tr!(
                lang,
                "không có quy tắc: {unknown} (xem `vblint rules`)",
                "no rule: {unknown} (see `vblint rules`)"
            ),
            lang,
        ));
    }
    let data = config
        .rule_data_in(&input.rules_dirs, lang)
        .map_err(|e| (e.to_string(), lang))?;
    let mut options = base_options(input, selection);
    options.data = Arc::new(data);
    options.reference_date = input.reference_date.or(config.reference_date);
    options.per_path = Arc::new(config.per_path);
    options.lang = lang;
    Ok(options)
}

pub(super) fn walk_options(input: &InputArgs, lang: Lang) -> WalkOptions {
    WalkOptions {
        no_ignore: input.no_ignore,
        globs: input.globs.clone(),
        lang,
        ..WalkOptions::default()
    }
}
