//! `--format html`: one self-contained report file for an audit — no network resources, no external
//! script or style, works offline and from a `file:` URL.
//!
//! - totals (files, findings by severity, files not checked, time and throughput) as cards;
//! - findings by severity and by rule as bar charts (CSS bars, widths computed here);
//! - a table of every file with its worst finding and finding count, sortable by clicking a column
//!   header and filterable by text (path or rule) and by severity;
//! - in each row, the file's findings (collapsible) with the source line and the span marked.
//!
//! The page streams like the other formats: rows are written as files come, the totals (known only
//! at the end) are written last and shown first (CSS `order`). Everything from the input is escaped.
//! Opening the file with `#open-all` shows every file's findings. The script sets `data-ready="1"` on `<body>` once it has run, for the browser test.

use super::text::{excerpt_at, span_width};
use super::{Reporter, Summary};
use crate::finding::{FileReport, Finding, Severity};
use crate::lang::Lang;
use std::fmt::Write as _;
use std::io::{self, Write};

pub struct HtmlReporter<W: Write> {
    out: W,
    lang: Lang,
}

impl<W: Write> HtmlReporter<W> {
    pub fn new(out: W) -> Self {
        HtmlReporter {
            out,
            lang: Lang::Vi,
        }
    }

    /// The page's labels, and its `<html lang>`, in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn rank(report: &FileReport) -> u8 {
    if report.error.is_some() {
        4
    } else {
        match report.worst() {
            Some(Severity::Error) => 3,
            Some(Severity::Warning) => 2,
            Some(Severity::Info) => 1,
            None => 0,
        }
    }
}

fn status(report: &FileReport) -> &'static str {
    if report.error.is_some() {
        "failed"
    } else {
        report.worst().map_or("clean", Severity::as_str)
    }
}

fn badge(status: &str, lang: Lang) -> String {
    let label = match status {
        "failed" => lang.pick("không kiểm tra được", "not checked"),
        "clean" => lang.pick("không có lỗi", "clean"),
        s => s,
    };
    format!("<span class=\"badge {status}\">{label}</span>")
}

/// The word the page's script writes after the count of rows shown, as a JavaScript string.
const SCRIPT_FILES_WORD: &str = "\" tệp\"";

const STYLE: &str = r#"
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--ok:#2e7d32;--fail:#6a1b9a;--line:#e0e0e0;--bg:#fafafa}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:0;background:var(--bg);color:#212121;font-size:15px;line-height:1.45}
header{background:#263238;color:#fff;padding:16px 24px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#cfd8dc;font-size:13px}
.layout{display:flex;flex-direction:column;gap:16px;padding:16px 24px}
.totals{order:-1}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px}
h2{font-size:17px;margin:0 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:16px}
.card{flex:1 1 140px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:#fff}
.card .n{display:block;font-size:26px;font-weight:700}
.card.error .n{color:var(--err)}.card.warning .n{color:var(--warn)}.card.info .n{color:var(--info)}.card.failed .n{color:var(--fail)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:24px}
.bar-row{display:grid;grid-template-columns:minmax(120px,230px) 1fr 56px;align-items:center;gap:8px;margin:4px 0;font-size:13px}
.bar-row .label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar{height:16px;background:#eceff1;border-radius:3px;overflow:hidden}
.bar span{display:block;height:100%;background:#546e7a}
.bar span.error{background:var(--err)}.bar span.warning{background:var(--warn)}.bar span.info{background:var(--info)}
.bar-row .count{text-align:right;font-variant-numeric:tabular-nums}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:10px}
.controls input{flex:1 1 260px;padding:6px 8px;border:1px solid #b0bec5;border-radius:4px;font-size:14px}
.controls button{padding:6px 10px;border:1px solid #b0bec5;border-radius:4px;background:#fff;font-size:14px;cursor:pointer}
.controls select{padding:6px;border:1px solid #b0bec5;border-radius:4px;font-size:14px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{background:#eceff1;position:sticky;top:0}
th.sortable{cursor:pointer;user-select:none}
th.sortable::after{content:" ↕";color:#90a4ae}
th.asc::after{content:" ↑";color:#263238}th.desc::after{content:" ↓";color:#263238}
td.num{text-align:right;font-variant-numeric:tabular-nums}
th:first-child{width:28%}
td.path{overflow-wrap:anywhere;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;color:#fff;font-size:12px;white-space:nowrap}
.badge.error{background:var(--err)}.badge.warning{background:var(--warn)}.badge.info{background:var(--info)}.badge.clean{background:var(--ok)}.badge.failed{background:var(--fail)}
details summary{cursor:pointer;color:#37474f}
ol.findings{margin:8px 0 0;padding-left:20px}
ol.findings li{margin-bottom:10px}
.msg{margin:2px 0}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;background:#eceff1;padding:0 4px;border-radius:3px}
pre.src{margin:4px 0;padding:6px 8px;background:#263238;color:#eceff1;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit;font-size:13px}
pre.src .ln{color:#90a4ae;margin-right:8px}
pre.src mark{background:#ffca28;color:#000;border-radius:2px}
.help{color:#455a64;font-size:13px}
.error-text{color:var(--fail)}
.hidden{display:none}
footer{padding:0 24px 24px;color:#78909c;font-size:12px}
"#;

const SCRIPT: &str = r##"
(function () {
  "use strict";
  var table = document.getElementById("file-table");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById("filter");
  var sev = document.getElementById("severity-filter");
  var shown = document.getElementById("shown");
  function apply() {
    var q = filter.value.trim().toLowerCase();
    var s = sev.value;
    var n = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.dataset.path.toLowerCase().indexOf(q) >= 0 || r.dataset.rules.indexOf(q) >= 0) &&
        (!s || r.dataset.status === s);
      r.classList.toggle("hidden", !ok);
      if (ok) { n++; }
    });
    shown.textContent = n + " / " + rows.length + " tệp";
  }
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th) {
    if (!th.dataset.key) { return; }
    th.classList.add("sortable");
    th.addEventListener("click", function () {
      var key = th.dataset.key;
      var numeric = th.dataset.type === "num";
      var dir = th.classList.contains("asc") ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(dir === 1 ? "asc" : "desc");
      rows.sort(function (a, b) {
        var x = a.dataset[key], y = b.dataset[key];
        var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
        if (c === 0) { c = a.dataset.path < b.dataset.path ? -1 : 1; }
        return c * dir;
      });
      var frag = document.createDocumentFragment();
      rows.forEach(function (r) { frag.appendChild(r); });
      body.appendChild(frag);
    });
  });
  document.getElementById("expand").addEventListener("click", function () {
    var all = body.querySelectorAll("details");
    var open = !Array.prototype.every.call(all, function (d) { return d.open; });
    Array.prototype.forEach.call(all, function (d) { d.open = open; });
  });
  if (location.hash === "#open-all") {
    Array.prototype.forEach.call(body.querySelectorAll("details"), function (d) { d.open = true; });
  }
  filter.addEventListener("input", apply);
  sev.addEventListener("change", apply);
  apply();
  document.body.dataset.rows = String(rows.length);
  document.body.dataset.ready = "1";
})();
"##;

impl<W: Write> HtmlReporter<W> {
    fn finding(&self, html: &mut String, f: &Finding, text: Option<&str>) {
        let _ = write!(
            html,
            "<li class=\"finding {sev}\">{badge} <code>{rule}</code> <span class=\"loc\">{line_word} {line}, {column_word} {col}{label}</span><div class=\"msg\">{msg}</div>",
            sev = f.severity,
            badge = badge(f.severity.as_str(), self.lang),
            line_word = self.lang.pick("dòng", "line"),
            column_word = self.lang.pick("cột", "column"),
            rule = escape(&f.rule),
            line = f.line,
            col = f.column,
            label = f
                .location
                .as_ref()
                .map(|l| format!(" ({})", escape(l)))
                .unwrap_or_default(),
            msg = escape(&f.message),
        );
        if let Some(text) = text.filter(|t| f.text_span.end <= t.len()) {
            let span_chars = span_width(text, f.text_span.start, f.text_span.end);
            let (shown, caret, width) = excerpt_at(text, f.text_span.start, span_chars);
            let before: String = shown.chars().take(caret).collect();
            let marked: String = shown.chars().skip(caret).take(width).collect();
            let after: String = shown.chars().skip(caret + width).collect();
            let _ = write!(
                html,
                "<pre class=\"src\"><span class=\"ln\">{}</span>{}<mark>{}</mark>{}</pre>",
                f.line,
                escape(&before),
                escape(&marked),
                escape(&after)
            );
        }
        if let Some(fix) = &f.fix {
            let _ = write!(
                html,
                "<div class=\"help\">{}: <code>{}</code></div>",
                self.lang.pick("sửa thành", "fix"),
                escape(fix)
            );
        }
        if let Some(help) = &f.help {
            let _ = write!(html, "<div class=\"help\">{}</div>", escape(help));
        }
        html.push_str("</li>");
    }
}

fn bars(html: &mut String, items: &[(String, u64, &str)], lang: Lang) {
    let max = items.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1);
    if items.is_empty() {
        let none = lang.pick("không có phát hiện nào", "no findings");
        let _ = write!(html, "<p class=\"help\">{none}</p>");
    }
    for (label, n, class) in items {
        let pct = (*n as f64 / max as f64 * 100.0).max(if *n > 0 { 0.5 } else { 0.0 });
        let _ = write!(
            html,
            "<div class=\"bar-row\" data-label=\"{l}\" data-count=\"{n}\"><span class=\"label\" title=\"{l}\">{l}</span><div class=\"bar\"><span class=\"{class}\" style=\"width:{pct:.1}%\"></span></div><span class=\"count\">{n}</span></div>",
            l = escape(label)
        );
    }
}

impl<W: Write> Reporter for HtmlReporter<W> {
    fn begin(&mut self) -> io::Result<()> {
        let t = |vi, en| self.lang.pick(vi, en);
        write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body data-ready=\"0\">\n<header><h1>{title}</h1><p>vblint {version} · {tagline}</p></header>\n<div class=\"layout\">\n<section class=\"files\" id=\"files\">\n<h2>{files}</h2>\n<div class=\"controls\"><input id=\"filter\" type=\"search\" placeholder=\"{filter_hint}\" aria-label=\"{filter}\"><select id=\"severity-filter\" aria-label=\"{severity}\"><option value=\"\">{any_severity}</option><option value=\"failed\">{failed}</option><option value=\"error\">error</option><option value=\"warning\">warning</option><option value=\"info\">info</option><option value=\"clean\">{clean}</option></select><button id=\"expand\" type=\"button\">{expand}</button><span id=\"shown\"></span></div>\n<table id=\"file-table\">\n<thead><tr><th data-key=\"path\">{file}</th><th data-key=\"rank\" data-type=\"num\">{worst}</th><th data-key=\"findings\" data-type=\"num\">{findings}</th><th>{details}</th></tr></thead>\n<tbody>\n",
            code = self.lang.code(),
            title = t(
                "vblint — báo cáo kiểm tra văn bản",
                "vblint — document check report"
            ),
            version = env!("CARGO_PKG_VERSION"),
            tagline = t(
                "kế hoạch, văn bản hành chính",
                "plans, administrative documents"
            ),
            files = t("Các tệp", "Files"),
            filter_hint = t(
                "Lọc theo đường dẫn hoặc quy tắc…",
                "Filter by path or rule…"
            ),
            filter = t("Lọc", "Filter"),
            severity = t("Mức độ", "Severity"),
            any_severity = t("mọi mức độ", "any severity"),
            failed = t("không kiểm tra được", "not checked"),
            clean = t("không có lỗi", "clean"),
            expand = t("mở/đóng tất cả", "expand/collapse all"),
            file = t("Tệp", "File"),
            worst = t("Nặng nhất", "Worst"),
            findings = t("Phát hiện", "Findings"),
            details = t("Chi tiết", "Details"),
        )
    }

    fn file(&mut self, report: &FileReport, text: Option<&str>) -> io::Result<()> {
        let mut rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_ref()).collect();
        rules.sort_unstable();
        rules.dedup();
        let status = status(report);
        let mut html = String::with_capacity(256);
        let _ = write!(
            html,
            "<tr data-path=\"{path}\" data-rank=\"{rank}\" data-findings=\"{n}\" data-rules=\"{rules}\" data-status=\"{status}\"><td class=\"path\">{path}</td><td>{badge}</td><td class=\"num\">{n}</td><td>",
            path = escape(&report.path),
            rank = rank(report),
            n = report.findings.len(),
            rules = escape(&rules.join(" ")),
            badge = badge(status, self.lang),
        );
        if let Some(error) = &report.error {
            let _ = write!(html, "<span class=\"error-text\">{}</span>", escape(error));
        }
        if !report.findings.is_empty() {
            let _ = write!(
                html,
                "<details><summary>{} {}</summary><ol class=\"findings\">",
                report.findings.len(),
                self.lang.pick("phát hiện", "findings")
            );
            for f in &report.findings {
                self.finding(&mut html, f, text);
            }
            html.push_str("</ol></details>");
        }
        html.push_str("</td></tr>\n");
        self.out.write_all(html.as_bytes())
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        let t = |vi, en| self.lang.pick(vi, en);
        let mut html = String::new();
        let _ = write!(
            html,
            "</tbody>\n</table>\n</section>\n<section class=\"totals\" id=\"totals\">\n<h2>{}</h2>\n<div class=\"cards\">",
            t("Tổng quan", "Overview")
        );
        let cards: [(&str, &str, String, &str); 7] = [
            (
                "total-files",
                "",
                summary.files.to_string(),
                t("tệp", "files"),
            ),
            (
                "total-findings",
                "",
                summary.findings.to_string(),
                t("phát hiện", "findings"),
            ),
            (
                "total-error",
                "error",
                summary.severity_count(Severity::Error).to_string(),
                t("lỗi (error)", "errors"),
            ),
            (
                "total-warning",
                "warning",
                summary.severity_count(Severity::Warning).to_string(),
                t("cảnh báo (warning)", "warnings"),
            ),
            (
                "total-info",
                "info",
                summary.severity_count(Severity::Info).to_string(),
                t("thông tin (info)", "info"),
            ),
            (
                "total-errors",
                "failed",
                summary.errors.to_string(),
                t("tệp không kiểm tra được", "files not checked"),
            ),
            (
                "total-time",
                "",
                format!(
                    "<span class=\"timing\">{:.2} s</span>",
                    summary.elapsed.as_secs_f64()
                ),
                "",
            ),
        ];
        for (id, class, value, label) in cards {
            let label = if id == "total-time" {
                format!(
                    "<span class=\"timing\">{:.1} MB/s, {:.0} {}/s</span>",
                    summary.mb_per_s(),
                    summary.files_per_s(),
                    t("tệp", "files")
                )
            } else {
                label.to_string()
            };
            let _ = write!(
                html,
                "<div class=\"card {class}\"><span class=\"n\" id=\"{id}\">{value}</span>{label}</div>"
            );
        }
        let _ = write!(
            html,
            "</div>\n<div class=\"charts\"><div><h2>{}</h2>",
            t("Theo mức độ", "By severity")
        );
        let severities: Vec<(String, u64, &str)> =
            [Severity::Error, Severity::Warning, Severity::Info]
                .into_iter()
                .map(|s| {
                    (
                        s.as_str().to_string(),
                        summary.severity_count(s),
                        s.as_str(),
                    )
                })
                .collect();
        bars(&mut html, &severities, self.lang);
        let _ = write!(html, "</div><div><h2>{}</h2>", t("Theo quy tắc", "By rule"));
        let mut rules: Vec<(String, u64, &str)> = summary
            .by_rule
            .iter()
            .map(|(rule, n)| {
                let class =
                    crate::checks::find_rule(rule).map_or("", |r| r.default_severity.as_str());
                (rule.clone(), *n, class)
            })
            .collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        bars(&mut html, &rules, self.lang);
        let _ = write!(
            html,
            "</div></div>\n</section>\n</div>\n<footer>{}</footer>\n<script>",
            t(
                "Tạo bởi vblint; tệp HTML độc lập, không tải tài nguyên mạng.",
                "Made by vblint; a self-contained HTML file that loads nothing from the network."
            )
        );
        match self.lang {
            Lang::Vi => html.push_str(SCRIPT),
            // The one word the script writes (the "n / m tệp" count of shown rows).
            Lang::En => html.push_str(&SCRIPT.replace(SCRIPT_FILES_WORD, "\" files\"")),
        }
        html.push_str("</script>\n</body>\n</html>\n");
        self.out.write_all(html.as_bytes())?;
        self.out.flush()
    }

    fn wants_text(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_writes_its_one_word_once() {
        assert_eq!(SCRIPT.matches(SCRIPT_FILES_WORD).count(), 1);
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
