//! The HTTP API. Every answer is JSON (or the CSV/HTML report asked for); every error is
//! `{"error": "…", "status": N}` with that HTTP status.
//!
//! - `POST /api/check`: multipart files (and a `text` field for pasted text, named by a `name`
//!   field before it), or a raw body named by `?name=`. Answers the `check --format json` document;
//!   `?format=csv|html` the CSV or HTML report of the same run; `?include=text` adds each file's
//!   analysed `text` and `marks` (one `[start, end]` per finding, UTF-16 offsets into `text`, for
//!   marking findings in place); `?include=document` adds the extracted `document`.
//! - `POST /api/extract`: the same inputs; the `vblint extract` document (`?include=text` adds the
//!   text).
//! - `POST /api/normalize`: the same inputs; `{"files":[{"path","encoding","text","error"}]}` with
//!   the repaired text as `vblint normalize` writes it, or `?format=text` for one file's text alone.
//! - `GET /api/rules`, `GET /api/rules/{id}`: the rules with their effective severity, and one
//!   rule's documentation.
//! - `GET /healthz`: `{"status":"ok","version":…}`, without a token.
//!
//! Every document and rules endpoint takes `?lang=vi|en` (or a `lang` form field before the
//! files): the language of the messages, help and summaries, by default the server's (`--lang`).

use super::AppState;
use crate::checks::{RULES, Rule, RuleSelection, find_rule};
use crate::finding::FileReport;
use crate::input::Input;
use crate::lang::Lang;
use crate::pipeline::Options;
use crate::report::json::{CONTRACT_VERSION, JsonReporter, TOOL, Tool};
use crate::report::{Reporter, Summary};
use crate::run::{self, Collected};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::io;

/// An error answer: status and a message a person reads.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({"error": self.message, "status": self.status.as_u16()});
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// A body that was too large, or one that could not be read.
fn body_error(status: StatusCode, detail: &str, limit: usize, lang: Lang) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            status,
            crate::tr!(
                lang,
                "nội dung gửi lên quá lớn: vượt giới hạn {limit} byte (--max-upload)",
                "the request body is too large: over the limit of {limit} bytes (--max-upload)"
            ),
        )
    } else {
        ApiError::new(
            status,
            crate::tr!(
                lang,
                "không đọc được nội dung gửi lên: {detail}",
                "the request body cannot be read: {detail}"
            ),
        )
    }
}

pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "không có trang hoặc API này")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "phương thức không được hỗ trợ ở địa chỉ này",
    )
}

pub async fn healthz() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
}

/// The query of the document endpoints.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocQuery {
    /// The name of a raw body (its extension says .docx, .pdf or text).
    name: Option<String>,
    /// `json` (default), `csv`, `html` for check; `json`, `text` for normalize.
    format: Option<String>,
    /// Comma-separated: `text`, `document`.
    include: Option<String>,
    /// `vi` or `en`: the language of messages (default: the server's).
    lang: Option<String>,
}

/// The query of the rules endpoints.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangQuery {
    lang: Option<String>,
}

/// The language a request asks for (`lang` in the query, else in the form), else the server's.
fn request_lang(
    state: &AppState,
    query: Option<&str>,
    form: Option<&str>,
) -> Result<Lang, ApiError> {
    match query.or(form) {
        None => Ok(state.options.lang),
        Some(v) => Lang::parse(v)
            .ok_or_else(|| ApiError::bad_request(crate::lang::unknown_message("lang", v))),
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Include {
    text: bool,
    document: bool,
}

fn parse_include(include: Option<&str>, lang: Lang) -> Result<Include, ApiError> {
    let mut out = Include::default();
    for part in include.unwrap_or("").split(',').filter(|p| !p.is_empty()) {
        match part {
            "text" => out.text = true,
            "document" => out.document = true,
            other => {
                return Err(ApiError::bad_request(crate::tr!(
                    lang,
                    "include={other} không hợp lệ: chỉ text, document",
                    "invalid include={other}: only text, document"
                )));
            }
        }
    }
    Ok(out)
}

/// The language of a request's errors, before its inputs are read: the query's `lang` when it is
/// one (an unknown one is refused once the request is read), else the server's.
fn error_lang(state: &AppState, q: &DocQuery) -> Lang {
    q.lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(state.options.lang)
}

fn query(q: Result<Query<DocQuery>, QueryRejection>) -> Result<DocQuery, ApiError> {
    q.map(|Query(q)| q)
        .map_err(|e| ApiError::bad_request(format!("tham số không hợp lệ: {}", e.body_text())))
}

/// A file name from a client: its last path component, at most 255 characters, never empty.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let base: String = base.chars().filter(|c| !c.is_control()).take(255).collect();
    if base.is_empty() {
        "tệp-không-tên".to_string()
    } else {
        base
    }
}

/// The inputs of a request (multipart parts, or the raw body named by `?name=`), and the `lang`
/// form field if one was sent.
async fn read_inputs(
    state: &AppState,
    name: Option<&str>,
    request: Request,
    lang: Lang,
) -> Result<(Vec<Input>, Option<String>), ApiError> {
    let limit = state.limits.max_upload;
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        let Some(name) = name else {
            return Err(ApiError::bad_request(lang.pick(
                "thiếu ?name=TÊN_TỆP cho nội dung gửi thẳng (hoặc gửi multipart/form-data)",
                "a raw body needs ?name=FILE_NAME (or send multipart/form-data)",
            )));
        };
        let body: Result<Bytes, BytesRejection> = Bytes::from_request(request, state).await;
        let bytes = body.map_err(|e| body_error(e.status(), &e.body_text(), limit, lang))?;
        return Ok((
            vec![Input::Bytes {
                name: clean_name(name),
                bytes: bytes.to_vec(),
            }],
            None,
        ));
    }
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|e| body_error(e.status(), &e.body_text(), limit, lang))?;
    let mut inputs = Vec::new();
    let mut text_name: Option<String> = None;
    let mut form_lang: Option<String> = None;
    loop {
        let field = multipart
            .next_field()
            .await
            .map_err(|e| body_error(e.status(), &e.body_text(), limit, lang))?;
        let Some(field) = field else { break };
        let field_name = field.name().unwrap_or("").to_string();
        if let Some(file_name) = field.file_name().map(clean_name) {
            let bytes = field
                .bytes()
                .await
                .map_err(|e| body_error(e.status(), &e.body_text(), limit, lang))?;
            inputs.push(Input::Bytes {
                name: file_name,
                bytes: bytes.to_vec(),
            });
            continue;
        }
        let value = field
            .text()
            .await
            .map_err(|e| body_error(e.status(), &e.body_text(), limit, lang))?;
        match field_name.as_str() {
            "name" => text_name = Some(clean_name(&value)),
            "lang" => form_lang = Some(value),
            "text" => inputs.push(Input::Bytes {
                name: text_name
                    .take()
                    .unwrap_or_else(|| "văn-bản-dán.txt".to_string()),
                bytes: value.into_bytes(),
            }),
            other => {
                return Err(ApiError::bad_request(crate::tr!(
                    lang,
                    "trường \"{other}\" không hợp lệ: gửi tệp, hoặc \"name\" và \"text\" (và \"lang\")",
                    "invalid field \"{other}\": send files, or \"name\" and \"text\" (and \"lang\")"
                )));
            }
        }
    }
    if inputs.is_empty() {
        return Err(ApiError::bad_request(lang.pick(
            "không có tệp nào: gửi ít nhất một tệp hoặc trường \"text\"",
            "no file: send at least one file or a \"text\" field",
        )));
    }
    Ok((inputs, form_lang))
}

/// Collects the reports of a run (for the answers that add members to the file objects).
#[derive(Default)]
struct Collect {
    files: Vec<FileReport>,
}

impl Reporter for Collect {
    fn file(&mut self, report: &FileReport, _text: Option<&str>) -> io::Result<()> {
        self.files.push(report.clone());
        Ok(())
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// A file object with the page's extra member: where each finding is in `text`.
#[derive(Serialize)]
struct MarkedFile<'a> {
    #[serde(flatten)]
    report: &'a FileReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    marks: Option<Vec<[usize; 2]>>,
}

/// The JSON document of `check --format json`, with file objects of any shape.
#[derive(Serialize)]
struct Document<'a, F: Serialize> {
    version: u32,
    tool: &'a Tool,
    files: &'a [F],
    summary: &'a Summary,
}

/// UTF-16 offsets (what JavaScript strings index) of byte offsets into `text`; offsets that are
/// not on a character boundary move back to one.
pub fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    let mut out = vec![0; byte_offsets.len()];
    let mut chars = text.char_indices().peekable();
    let mut units = 0;
    for i in order {
        let target = byte_offsets[i].min(text.len());
        while let Some(&(at, c)) = chars.peek() {
            if at + c.len_utf8() > target {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        out[i] = units;
    }
    out
}

fn marks_of(report: &FileReport) -> Option<Vec<[usize; 2]>> {
    let text = report.text.as_deref()?;
    let bytes: Vec<usize> = report
        .findings
        .iter()
        .flat_map(|f| [f.text_span.start, f.text_span.end])
        .collect();
    let units = utf16_offsets(text, &bytes);
    Some(units.chunks(2).map(|p| [p[0], p[1].max(p[0])]).collect())
}

/// Runs the inputs through [`run::run`] (the path of `vblint check`) on a blocking thread, inside
/// a job slot, with the messages in `lang`.
async fn run_blocking<T: Send + 'static>(
    state: &AppState,
    lang: Lang,
    work: impl FnOnce(&Options) -> io::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let permit = state.job_slot().await?;
    let options = Options {
        lang,
        ..Options::clone(&state.options)
    };
    let result = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&options)
    })
    .await;
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::tr!(lang, "lỗi khi kiểm tra: {e}", "error while checking: {e}"),
        )),
        Err(e) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::tr!(
                lang,
                "lỗi nội bộ khi kiểm tra: {e}",
                "internal error while checking: {e}"
            ),
        )),
    }
}

/// The uploads as the input stream of a run.
fn inputs_iter(inputs: Vec<Input>) -> run::Inputs {
    Box::new(inputs.into_iter().map(Collected::Ok))
}

/// The answer of a report written into memory.
fn report_response(content_type: &'static str, download: Option<&str>, body: Vec<u8>) -> Response {
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    let disposition = download
        .and_then(|name| HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).ok());
    if let Some(value) = disposition {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// Runs `inputs` with `options` and writes the JSON document (with the page's members when asked).
fn json_document(
    inputs: Vec<Input>,
    options: &Options,
    max_file_size: u64,
    include: Include,
) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    if !include.text && !include.document {
        let mut reporter = JsonReporter::new(&mut body);
        run::run(
            inputs_iter(inputs),
            options,
            max_file_size,
            &mut reporter,
            &run::Progress::none(),
        )?;
        return Ok(body);
    }
    let options = Options {
        include_text: options.include_text || include.text,
        extract: options.extract || include.document,
        ..options.clone()
    };
    let mut collect = Collect::default();
    let outcome = run::run(
        inputs_iter(inputs),
        &options,
        max_file_size,
        &mut collect,
        &run::Progress::none(),
    )?;
    let files: Vec<MarkedFile> = collect
        .files
        .iter()
        .map(|report| MarkedFile {
            report,
            marks: if include.text { marks_of(report) } else { None },
        })
        .collect();
    let document = Document {
        version: CONTRACT_VERSION,
        tool: &TOOL,
        files: &files,
        summary: &outcome.summary,
    };
    serde_json::to_writer(&mut body, &document).map_err(io::Error::from)?;
    body.push(b'\n');
    Ok(body)
}

pub async fn check(
    State(state): State<AppState>,
    q: Result<Query<DocQuery>, QueryRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let early = error_lang(&state, &q);
    let include = parse_include(q.include.as_deref(), early)?;
    let format = q.format.as_deref().unwrap_or("json");
    if !matches!(format, "json" | "csv" | "html") {
        return Err(ApiError::bad_request(crate::tr!(
            early,
            "format={format} không hợp lệ: chỉ json, csv, html",
            "invalid format={format}: only json, csv, html"
        )));
    }
    let (inputs, form_lang) = read_inputs(&state, q.name.as_deref(), request, early).await?;
    let lang = request_lang(&state, q.lang.as_deref(), form_lang.as_deref())?;
    let max_file_size = state.limits.max_upload as u64;
    let format = format.to_string();
    let body = run_blocking(&state, lang, move |options| {
        let mut body = Vec::new();
        let mut reporter: Box<dyn Reporter + Send + '_> = match format.as_str() {
            "csv" => Box::new(crate::report::csv::CsvReporter::new(&mut body)),
            "html" => Box::new(crate::report::html::HtmlReporter::new(&mut body).in_lang(lang)),
            _ => return json_document(inputs, options, max_file_size, include),
        };
        run::run(
            inputs_iter(inputs),
            options,
            max_file_size,
            reporter.as_mut(),
            &run::Progress::none(),
        )?;
        drop(reporter);
        Ok(body)
    })
    .await?;
    Ok(match q.format.as_deref() {
        Some("csv") => report_response("text/csv; charset=utf-8", Some("vblint.csv"), body),
        Some("html") => report_response("text/html; charset=utf-8", Some("vblint.html"), body),
        _ => report_response("application/json", None, body),
    })
}

pub async fn extract(
    State(state): State<AppState>,
    q: Result<Query<DocQuery>, QueryRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let early = error_lang(&state, &q);
    let include = parse_include(q.include.as_deref(), early)?;
    if q.format.as_deref().is_some_and(|f| f != "json") {
        return Err(ApiError::bad_request(early.pick(
            "extract chỉ trả về format=json",
            "extract answers format=json only",
        )));
    }
    let (inputs, form_lang) = read_inputs(&state, q.name.as_deref(), request, early).await?;
    let lang = request_lang(&state, q.lang.as_deref(), form_lang.as_deref())?;
    let max_file_size = state.limits.max_upload as u64;
    let body = run_blocking(&state, lang, move |options| {
        // As `vblint extract`: every rule, the structure attached.
        let options = Options {
            selection: RuleSelection::default(),
            extract: true,
            include_text: include.text,
            ..options.clone()
        };
        let mut body = Vec::new();
        let mut reporter = JsonReporter::new(&mut body);
        run::run(
            inputs_iter(inputs),
            &options,
            max_file_size,
            &mut reporter,
            &run::Progress::none(),
        )?;
        Ok(body)
    })
    .await?;
    Ok(report_response("application/json", None, body))
}

/// One file of `/api/normalize`.
#[derive(Serialize)]
struct Normalized {
    path: String,
    encoding: Option<crate::decode::EncodingReport>,
    text: Option<String>,
    error: Option<String>,
}

/// The repaired text of one input as `vblint normalize` writes it: a .docx or PDF's extracted text,
/// a text file decoded; ending with a line break when the input did (always for containers).
fn normalize_one(input: Input, max_file_size: u64, lang: Lang) -> Normalized {
    let Input::Bytes { name, bytes } = input else {
        return Normalized {
            path: String::new(),
            encoding: None,
            text: None,
            error: Some(
                lang.pick("không phải tệp gửi lên", "not an uploaded file")
                    .to_string(),
            ),
        };
    };
    let container = crate::container::Kind::of_path(std::path::Path::new(&name))
        .or_else(|| crate::container::Kind::sniff(&bytes));
    let decoded = if bytes.len() as u64 > max_file_size {
        let size = bytes.len();
        Err(crate::tr!(
            lang,
            "tệp quá lớn: {size} byte, vượt giới hạn {max_file_size} byte",
            "file too large: {size} bytes, over the limit of {max_file_size} bytes"
        ))
    } else {
        match container {
            Some(kind) => {
                let limits = crate::container::Limits {
                    lang,
                    ..crate::container::Limits::default()
                };
                crate::container::extract(kind, &bytes, &limits).map(|extracted| {
                    let (source, report) = crate::container::source_of(&name, &extracted);
                    (source.text, report)
                })
            }
            None => match crate::input::sniff_binary(&bytes) {
                Some(kind) => Err(crate::tr!(
                    lang,
                    "tệp nhị phân ({kind}), không phải văn bản",
                    "binary file ({kind}), not text"
                )),
                None => crate::decode::decode(&bytes)
                    .map(|d| (d.text, d.report))
                    .map_err(|e| e.message(lang)),
            },
        }
    };
    match decoded {
        Ok((mut text, report)) => {
            if !text.ends_with('\n') && (bytes.ends_with(b"\n") || container.is_some()) {
                text.push('\n');
            }
            Normalized {
                path: name,
                encoding: Some(report),
                text: Some(text),
                error: None,
            }
        }
        Err(error) => Normalized {
            path: name,
            encoding: None,
            text: None,
            error: Some(error),
        },
    }
}

pub async fn normalize(
    State(state): State<AppState>,
    q: Result<Query<DocQuery>, QueryRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let early = error_lang(&state, &q);
    let as_text = match q.format.as_deref() {
        None | Some("json") => false,
        Some("text") => true,
        Some(other) => {
            return Err(ApiError::bad_request(crate::tr!(
                early,
                "format={other} không hợp lệ: chỉ json, text",
                "invalid format={other}: only json, text"
            )));
        }
    };
    if q.include.is_some() {
        return Err(ApiError::bad_request(early.pick(
            "normalize không nhận include=",
            "normalize takes no include=",
        )));
    }
    let (inputs, form_lang) = read_inputs(&state, q.name.as_deref(), request, early).await?;
    let lang = request_lang(&state, q.lang.as_deref(), form_lang.as_deref())?;
    if as_text && inputs.len() != 1 {
        return Err(ApiError::bad_request(lang.pick(
            "format=text trả về văn bản của đúng một tệp",
            "format=text answers the text of exactly one file",
        )));
    }
    let max_file_size = state.limits.max_upload as u64;
    let files = run_blocking(&state, lang, move |_| {
        Ok(inputs
            .into_iter()
            .map(|input| normalize_one(input, max_file_size, lang))
            .collect::<Vec<_>>())
    })
    .await?;
    if as_text {
        let Some(file) = files.into_iter().next() else {
            return Err(ApiError::bad_request(
                lang.pick("không có tệp nào", "no file"),
            ));
        };
        return match (file.text, file.error) {
            (Some(text), _) => Ok(report_response(
                "text/plain; charset=utf-8",
                None,
                text.into_bytes(),
            )),
            (None, error) => Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("{}: {}", file.path, error.unwrap_or_default()),
            )),
        };
    }
    Ok(axum::Json(serde_json::json!({ "files": files })).into_response())
}

fn rule_json(
    rule: &Rule,
    selection: &RuleSelection,
    with_doc: bool,
    lang: Lang,
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "id": rule.id,
        "severity": selection.severity_of(rule),
        "default_severity": rule.default_severity,
        "enabled": selection.is_enabled(rule.id),
        "summary": rule.summary_in(lang),
    });
    if with_doc {
        value["doc"] = serde_json::Value::from(rule.doc());
    }
    value
}

fn lang_query(
    state: &AppState,
    q: Result<Query<LangQuery>, QueryRejection>,
) -> Result<Lang, ApiError> {
    let q = q
        .map(|Query(q)| q)
        .map_err(|e| ApiError::bad_request(format!("tham số không hợp lệ: {}", e.body_text())))?;
    request_lang(state, q.lang.as_deref(), None)
}

pub async fn rules(
    State(state): State<AppState>,
    q: Result<Query<LangQuery>, QueryRejection>,
) -> Result<axum::Json<serde_json::Value>, ApiError> {
    let lang = lang_query(&state, q)?;
    let selection = &state.options.selection;
    Ok(axum::Json(serde_json::Value::Array(
        RULES
            .iter()
            .map(|r| rule_json(r, selection, false, lang))
            .collect(),
    )))
}

pub async fn rule(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<LangQuery>, QueryRejection>,
) -> Result<axum::Json<serde_json::Value>, ApiError> {
    let lang = lang_query(&state, q)?;
    match find_rule(&id) {
        Some(r) => Ok(axum::Json(rule_json(
            r,
            &state.options.selection,
            true,
            lang,
        ))),
        None => {
            let id: String = id.chars().take(100).collect();
            Err(ApiError::new(
                StatusCode::NOT_FOUND,
                crate::tr!(lang, "không có quy tắc \"{id}\"", "no rule \"{id}\""),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_code_units_of_the_prefix() {
        let text = "Số 𝄞a";
        // S=0, ố=1..4 bytes, ' '=4, 𝄞=5..9 (two UTF-16 units), a=9
        assert_eq!(
            utf16_offsets(text, &[9, 0, 1, 4, 5, 10, 2]),
            vec![5, 0, 1, 2, 3, 6, 1]
        );
    }

    #[test]
    fn client_file_names_lose_their_directories_and_controls() {
        assert_eq!(clean_name("C:\\Users\\a\\kế hoạch.docx"), "kế hoạch.docx");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b.txt"), "ab.txt");
        assert_eq!(clean_name("  "), "tệp-không-tên");
    }

    #[test]
    fn include_takes_only_known_members() {
        let i = parse_include(Some("text,document"), Lang::Vi).expect("valid");
        assert!(i.text && i.document);
        assert!(parse_include(Some("text,secrets"), Lang::Vi).is_err());
        let none = parse_include(None, Lang::Vi).expect("valid");
        assert!(!none.text && !none.document);
    }
}
