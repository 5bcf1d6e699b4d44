//! Stage 4: the rules. One module per rule; the module's `//!` comment is the rule's documentation,
//! in Vietnamese (what it flags in one sentence, then `## Vì sao`, `## Ví dụ`, `## Cách sửa`),
//! collected at build time for `vblint rule ID` and for SARIF rule descriptions.
//!
//! A rule is a pure function from the analysed document to [`Diagnostic`]s (a span and a message).
//! [`run`] selects rules, applies severity overrides and turns spans into original-file positions.

use crate::classify::{Confidence, Scope};
use crate::date::Date;
use crate::decode::EncodingReport;
use crate::extract::Analysis;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::ruledata::RuleData;
use crate::source::{SourceFile, Span};
use std::collections::HashMap;

pub mod anniversary_base_date;
pub mod anniversary_count;
pub mod citation_after_issue_date;
pub mod citation_inconsistent;
pub mod citation_issuer_mismatch;
pub mod citation_missing_date;
pub mod citation_registry_mismatch;
pub mod citation_superseded;
pub mod citation_type_mismatch;
pub mod citation_year_mismatch;
pub mod deadline_before_issue_date;
pub mod document_kind;
pub mod duplicate_word;
pub mod header_date_format;
pub mod header_missing_date;
pub mod header_missing_number;
pub mod invalid_date;
pub mod legacy_encoding;
pub mod mixed_tone_style;
pub mod movement_name_mismatch;
pub mod numbering_gap;
pub mod range_end_before_start;
pub mod schedule_date_mismatch;
pub mod stale_year;
pub mod start_before_issue_date;
pub mod support;
pub mod symbol_spacing;

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// What a rule sees.
pub struct Context<'a> {
    pub source: &'a SourceFile,
    pub analysis: &'a Analysis,
    pub data: &'a RuleData,
    pub encoding: Option<&'a EncodingReport>,
    /// The date to judge against when the document states no issue date (`reference-date`).
    pub reference_date: Option<Date>,
    /// The text as repaired, before the [`crate::mask`] view: positions and excerpts come from it.
    pub original: &'a SourceFile,
    /// The language of the messages and help.
    pub lang: Lang,
}

impl<'a> Context<'a> {
    /// The document's issue date, or the configured reference date.
    pub fn issue_date(&self) -> Option<Date> {
        self.analysis.issue_date.or(self.reference_date)
    }

    /// The dates of `role` whose day (as `day` reads it) falls before the issue date, with that
    /// issue date: what `deadline-before-issue-date` and `start-before-issue-date` report.
    pub fn dates_before_issue(
        &self,
        role: crate::extract::dates::DateRole,
        day: fn(&crate::extract::dates::DateMention) -> Option<Date>,
    ) -> impl Iterator<Item = (&'a crate::extract::dates::DateMention, Date)> + 'a {
        let issued = self.issue_date();
        let dates = &self.analysis.dates;
        dates.iter().filter_map(move |d| {
            let issued = issued?;
            (d.role == role && day(d)? < issued).then_some((d, issued))
        })
    }

    /// Whether the issue date is the document's own (rather than the configured reference).
    pub fn issue_date_is_stated(&self) -> bool {
        self.analysis.issue_date.is_some()
    }

    pub fn slice(&self, span: Span) -> &str {
        self.source.text.get(span.start..span.end).unwrap_or("")
    }

    /// Where the issue date is written, as a phrase for messages.
    pub fn issue_date_phrase(&self) -> &'static str {
        match (self.issue_date_is_stated(), self.lang) {
            (true, Lang::Vi) => "ngày ban hành văn bản",
            (true, Lang::En) => "the document's issue date",
            (false, Lang::Vi) => "ngày tham chiếu (reference-date)",
            (false, Lang::En) => "the reference date (reference-date)",
        }
    }
}

/// One problem as a rule reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
    pub fix: Option<String>,
    /// Most hints are fixed texts: borrowed, not copied into every finding.
    pub help: Option<std::borrow::Cow<'static, str>>,
    /// The finding rests on a guess (an ambiguous abbreviation, a symbol read across a line
    /// break): it is reported one severity lower than the rule's, never as an error.
    pub guess: bool,
    /// The text the span covers in the original input, when it differs from the analysed text
    /// (a repaired word): the finding's excerpt.
    pub original: Option<String>,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            fix: None,
            help: None,
            guess: false,
            original: None,
        }
    }

    /// Marks the finding as resting on a guess.
    pub fn guess(mut self) -> Self {
        self.guess = true;
        self
    }

    pub fn original(mut self, original: impl Into<String>) -> Self {
        self.original = Some(original.into());
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    pub fn help(mut self, help: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A rule in the registry.
pub struct Rule {
    pub id: &'static str,
    /// The module that implements and documents it.
    pub module: &'static str,
    pub default_severity: Severity,
    /// What the text must be for the rule to judge it.
    pub scope: Scope,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
    /// The summary in English: the module's `SUMMARY_EN` (its documentation is Vietnamese).
    pub summary_en: &'static str,
}

impl Rule {
    /// The rule's documentation: its module's doc comment.
    pub fn doc(&self) -> &'static str {
        RULE_DOCS
            .iter()
            .find(|(m, _)| *m == self.module)
            .map_or("", |(_, d)| d)
    }

    /// The first paragraph of the documentation on one line: whole sentences, never cut at a
    /// line break.
    pub fn summary(&self) -> String {
        self.doc()
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The one-sentence summary in `lang`.
    pub fn summary_in(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.summary(),
            Lang::En => self.summary_en.to_string(),
        }
    }
}

macro_rules! rule {
    ($id:literal, $module:ident, $severity:ident, $scope:ident) => {
        Rule {
            id: $id,
            module: stringify!($module),
            default_severity: Severity::$severity,
            scope: Scope::$scope,
            check: $module::check,
            summary_en: $module::SUMMARY_EN,
        }
    };
}

/// Every rule, in the order they are listed and documented.
pub static RULES: &[Rule] = &[
    rule!(
        "deadline-before-issue-date",
        deadline_before_issue_date,
        Error,
        Body
    ),
    rule!(
        "start-before-issue-date",
        start_before_issue_date,
        Warning,
        Body
    ),
    rule!("invalid-date", invalid_date, Error, Facts),
    rule!(
        "range-end-before-start",
        range_end_before_start,
        Error,
        Facts
    ),
    rule!("anniversary-count", anniversary_count, Error, Facts),
    rule!(
        "citation-year-mismatch",
        citation_year_mismatch,
        Error,
        Facts
    ),
    rule!(
        "citation-after-issue-date",
        citation_after_issue_date,
        Error,
        Body
    ),
    rule!("citation-inconsistent", citation_inconsistent, Error, Body),
    rule!(
        "citation-registry-mismatch",
        citation_registry_mismatch,
        Error,
        Facts
    ),
    rule!("citation-superseded", citation_superseded, Warning, Body),
    rule!(
        "citation-type-mismatch",
        citation_type_mismatch,
        Warning,
        Body
    ),
    rule!(
        "citation-issuer-mismatch",
        citation_issuer_mismatch,
        Warning,
        Body
    ),
    rule!(
        "citation-missing-date",
        citation_missing_date,
        Warning,
        Body
    ),
    rule!("anniversary-base-date", anniversary_base_date, Error, Facts),
    rule!(
        "movement-name-mismatch",
        movement_name_mismatch,
        Warning,
        Facts
    ),
    rule!("stale-year", stale_year, Warning, Body),
    rule!(
        "schedule-date-mismatch",
        schedule_date_mismatch,
        Warning,
        Body
    ),
    rule!("numbering-gap", numbering_gap, Warning, Body),
    rule!(
        "header-missing-number",
        header_missing_number,
        Warning,
        Header
    ),
    rule!("header-missing-date", header_missing_date, Warning, Header),
    rule!("header-date-format", header_date_format, Info, Header),
    rule!("symbol-spacing", symbol_spacing, Info, Text),
    rule!("duplicate-word", duplicate_word, Warning, Text),
    rule!("legacy-encoding", legacy_encoding, Warning, Text),
    rule!("mixed-tone-style", mixed_tone_style, Info, Text),
    rule!("document-kind", document_kind, Info, Text),
];

pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Which rules run, and at what severity.
#[derive(Debug, Clone, Default)]
pub struct RuleSelection {
    /// Rule ids or prefixes ("citation" selects every `citation-*` rule); empty = all.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: HashMap<String, Severity>,
}

fn matches_selector(id: &str, selector: &str) -> bool {
    selector == "ALL"
        || selector == "all"
        || id == selector
        || id
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('-'))
}

impl RuleSelection {
    pub fn is_enabled(&self, id: &str) -> bool {
        let selected =
            self.select.is_empty() || self.select.iter().any(|s| matches_selector(id, s));
        selected && !self.ignore.iter().any(|s| matches_selector(id, s))
    }

    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity
            .get(rule.id)
            .copied()
            .unwrap_or(rule.default_severity)
    }

    /// Selectors that match no rule (for a usage error).
    pub fn unknown_selectors(&self) -> Vec<String> {
        self.select
            .iter()
            .chain(&self.ignore)
            .chain(self.severity.keys())
            .filter(|s| !RULES.iter().any(|r| matches_selector(r.id, s)))
            .cloned()
            .collect()
    }
}

/// Runs the selected rules and returns findings in position order.
pub fn run(cx: &Context, selection: &RuleSelection) -> Vec<Finding> {
    let mut findings = Vec::new();
    let doc = &cx.analysis.document;
    for rule in RULES
        .iter()
        .filter(|r| selection.is_enabled(r.id) && doc.kind.applies(r.scope))
    {
        let mut diagnostics = Vec::new();
        (rule.check)(cx, &mut diagnostics);
        let severity = selection.severity_of(rule);
        // A body rule on a text whose kind is itself a guess judges on a guess too.
        let uncertain = match rule.scope {
            Scope::Body => doc.confidence == Confidence::Low,
            Scope::Header => doc.header_doubt,
            Scope::Text | Scope::Facts => false,
        };
        findings.extend(diagnostics.into_iter().map(|d| {
            let severity = if d.guess || uncertain {
                severity.lowered()
            } else {
                severity
            };
            to_finding(cx.original, rule.id, severity, d, cx.lang)
        }));
    }
    findings.sort_by(|a, b| {
        (a.line, a.column, &a.rule, a.end_line, a.end_column).cmp(&(
            b.line,
            b.column,
            &b.rule,
            b.end_line,
            b.end_column,
        ))
    });
    findings.dedup();
    findings
}

pub fn to_finding(
    source: &SourceFile,
    rule: &'static str,
    severity: Severity,
    d: Diagnostic,
    lang: Lang,
) -> Finding {
    let start = source.position(d.span.start);
    let end = source.position(d.span.end);
    Finding {
        rule: rule.into(),
        severity,
        message: d.message,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        excerpt: d.original.unwrap_or_else(|| {
            source
                .text
                .get(d.span.start..d.span.end)
                .unwrap_or("")
                .to_string()
        }),
        fix: d.fix,
        help: d.help,
        location: source
            .line_label(start.line as usize - 1)
            .map(|label| crate::lang::location(label, lang)),
        text_span: d.span,
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Runs one rule over a snippet, for the per-rule unit tests.
    use super::*;
    use crate::extract::analyze;

    pub fn check_with(
        rule: fn(&Context, &mut Vec<Diagnostic>),
        text: &str,
        reference_date: Option<Date>,
    ) -> Vec<(String, Diagnostic)> {
        check_in(rule, text, reference_date, Lang::Vi)
    }

    /// [`check_with`] with the messages in `lang`.
    pub fn check_in(
        rule: fn(&Context, &mut Vec<Diagnostic>),
        text: &str,
        reference_date: Option<Date>,
        lang: Lang,
    ) -> Vec<(String, Diagnostic)> {
        let source = SourceFile::new("test.txt", text);
        let analysis = analyze(&source, RuleData::builtin());
        let cx = Context {
            source: &source,
            analysis: &analysis,
            data: RuleData::builtin(),
            encoding: None,
            reference_date,
            original: &source,
            lang,
        };
        let mut out = Vec::new();
        rule(&cx, &mut out);
        out.into_iter()
            .map(|d| (source.text[d.span.start..d.span.end].to_string(), d))
            .collect()
    }

    /// The excerpts a rule flags.
    pub fn flagged(rule: fn(&Context, &mut Vec<Diagnostic>), text: &str) -> Vec<String> {
        check_with(rule, text, None)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    /// A minimal header issued on `date` (dd/mm/yyyy parts) for date-relative rules.
    pub fn header(day: &str, month: &str, year: &str) -> String {
        format!(
            "Số: 12/KH-THCS\nAn Phú, ngày {day} tháng {month} năm {year}\nKẾ HOẠCH\nPhát động phong trào thi đua năm {year}\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_and_named_after_its_module() {
        for rule in RULES {
            assert_eq!(rule.id, rule.module.replace('_', "-"));
            let doc = rule.doc();
            assert!(!rule.summary().is_empty(), "{} has no summary", rule.id);
            assert!(
                !rule.summary_en.is_empty()
                    && !crate::lang::has_vietnamese_outside_quotes(rule.summary_en),
                "{}'s English summary is not English: {}",
                rule.id,
                rule.summary_en
            );
            for section in ["## Vì sao", "## Ví dụ", "## Cách sửa"] {
                assert!(doc.contains(section), "{} doc lacks {section}", rule.id);
            }
        }
        assert_eq!(
            RULE_DOCS.len(),
            RULES.len(),
            "a rule module is not registered"
        );
    }

    /// The rule modules that `source`'s `use` declarations name (`super::RULE…`,
    /// `crate::checks::RULE…`, or `RULE…` inside a `super::{…}` group), other than `own`.
    fn rules_imported(source: &str, own: &str) -> Vec<String> {
        let uses = regex::Regex::new(r"\buse\s+([^;]+);").expect("valid regex");
        let mut found = Vec::new();
        for tree in uses.captures_iter(source) {
            let tree: String = tree[1].chars().filter(|c| !c.is_whitespace()).collect();
            let Some(rest) = ["super::", "crate::checks::", "checks::"]
                .iter()
                .find_map(|p| tree.strip_prefix(p))
            else {
                continue;
            };
            let items: Vec<&str> = match rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
                Some(group) => top_level_items(group),
                None => vec![rest],
            };
            found.extend(
                items
                    .iter()
                    .map(|item| item.split("::").next().unwrap_or_default().to_string()),
            );
        }
        found.retain(|m| m != own && RULE_DOCS.iter().any(|(module, _)| module == m));
        found.sort();
        found.dedup();
        found
    }

    /// The comma-separated items of a `use` group, not splitting inside nested braces.
    fn top_level_items(group: &str) -> Vec<&str> {
        let (mut items, mut depth, mut start) = (Vec::new(), 0usize, 0);
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    items.push(&group[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        items.push(&group[start..]);
        items
    }

    #[test]
    fn no_rule_imports_another_rule() {
        // Reads the directory so that a new rule file is covered without registering it here.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checks");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("src/checks is readable") {
            let path = entry.expect("directory entry").path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_none_or(|e| e != "rs") || stem == "mod" {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("rule source is readable");
            assert_eq!(
                rules_imported(&source, stem),
                Vec::<String>::new(),
                "{stem}.rs imports another rule; move what they share to checks/support.rs"
            );
            checked += 1;
        }
        assert_eq!(
            checked,
            RULE_DOCS.len() + 1,
            "every rule file and support.rs"
        );
    }

    #[test]
    fn the_import_check_sees_every_spelling() {
        for source in [
            "use super::citation_registry_mismatch::registry_entry;",
            "use crate::checks::stale_year::check;",
            "use super::{Context, citation_missing_date::inside_quotes};",
            "use super::{\n    stale_year,\n    Context,\n};",
        ] {
            assert_ne!(
                rules_imported(source, "invalid_date"),
                Vec::<String>::new(),
                "{source}"
            );
        }
        let clean = "use super::support::registry_entry;\nuse super::{Context, Diagnostic};";
        assert_eq!(rules_imported(clean, "invalid_date"), Vec::<String>::new());
        // A rule's own tests name it through `super::*`, which is not another rule.
        assert_eq!(
            rules_imported("use super::*;", "stale_year"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn selection_by_id_and_prefix() {
        let sel = RuleSelection {
            select: vec!["citation".into()],
            ignore: vec!["citation-inconsistent".into()],
            ..Default::default()
        };
        assert!(sel.is_enabled("citation-year-mismatch"));
        assert!(!sel.is_enabled("citation-inconsistent"));
        assert!(!sel.is_enabled("invalid-date"));
        let bad = RuleSelection {
            select: vec!["citaton".into()],
            ..Default::default()
        };
        assert_eq!(bad.unknown_selectors(), vec!["citaton".to_string()]);
    }
}
