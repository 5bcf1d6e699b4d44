//! `vblint serve`: a local web server with a reviewer's page and an HTTP API.
//!
//! The page (`page/`: one HTML file, one script, one style sheet, embedded in the binary, no
//! network resource) lets a reviewer drop .docx, .pdf and .txt files or paste text and see every
//! finding marked in the text. The API ([`api`]) answers with the same file objects as
//! `vblint check --format json`, produced by the same code: uploads become [`Input::Bytes`] and go
//! through [`crate::run::run`] with the options `check` would use, and the reports are written by
//! the reporters of [`crate::report`].
//!
//! Safety, in order of a request's life:
//! - loopback by default; any other address is announced with a warning;
//! - `--token`: every `/api/` request needs `Authorization: Bearer TOKEN` (401 otherwise);
//! - the body is bounded by `--max-upload` (413) and read into memory, never written to disk;
//! - checking runs on blocking threads under a semaphore of `--jobs` slots; a request that finds
//!   every slot taken waits in a bounded queue (429 when the queue is full) for a bounded time
//!   (503 after it), so the server sheds load instead of piling up work;
//! - every answer carries a strict Content-Security-Policy, and the page inserts document text only
//!   as text nodes, so a document holding `<script>` shows it and runs nothing;
//! - a malformed upload (truncated .docx, zip bomb, random bytes) is that file's error entry, as in
//!   a bulk run.
//!
//! [`Input::Bytes`]: crate::input::Input::Bytes

pub mod api;

use crate::pipeline::Options;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The policy on every answer: only the page's own script and style, no plugin, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// Default `--max-upload`: the bytes of one request body.
pub const DEFAULT_MAX_UPLOAD: usize = 50 * 1024 * 1024;

/// How the server limits its work.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body in bytes (413 above it).
    pub max_upload: usize,
    /// Requests checked at once (each on a blocking thread).
    pub jobs: usize,
    /// Requests that may wait for a job slot; one more is answered 429.
    pub max_queued: usize,
    /// How long a request waits for a slot before it is answered 503.
    pub queue_wait: Duration,
}

impl Limits {
    /// `jobs` slots (at least one), a queue of 16 requests per slot, 10 s of waiting.
    pub fn new(max_upload: usize, jobs: usize) -> Self {
        let jobs = jobs.max(1);
        Limits {
            max_upload,
            jobs,
            max_queued: jobs * 16,
            queue_wait: Duration::from_secs(10),
        }
    }
}

/// Default `--jobs`: one per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

impl Default for Limits {
    fn default() -> Self {
        Limits::new(DEFAULT_MAX_UPLOAD, default_jobs())
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    options: Arc<Options>,
    token: Option<Arc<str>>,
    limits: Arc<Limits>,
    slots: Arc<Semaphore>,
    queued: Arc<AtomicUsize>,
}

impl AppState {
    /// The state for checking with `options` (as `vblint check` builds them) under `limits`.
    pub fn new(options: Options, token: Option<String>, limits: Limits) -> Self {
        AppState {
            options: Arc::new(options),
            token: token.filter(|t| !t.is_empty()).map(Arc::from),
            slots: Arc::new(Semaphore::new(limits.jobs.max(1))),
            limits: Arc::new(limits),
            queued: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The job slots. Tests and benchmarks hold them to saturate the server deterministically.
    pub fn job_slots(&self) -> Arc<Semaphore> {
        self.slots.clone()
    }

    /// A job slot: at once if one is free; else after waiting in the queue (429 when the queue is
    /// full, 503 when the wait runs out).
    async fn job_slot(&self) -> Result<OwnedSemaphorePermit, api::ApiError> {
        if let Ok(permit) = self.slots.clone().try_acquire_owned() {
            return Ok(permit);
        }
        let waiting = self.queued.fetch_add(1, Ordering::SeqCst);
        let _leave = QueueSeat(&self.queued);
        if waiting >= self.limits.max_queued {
            return Err(api::ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "quá nhiều yêu cầu đang chờ ({waiting} yêu cầu, tối đa {}): thử lại sau",
                    self.limits.max_queued
                ),
            )
            .retry_after(1));
        }
        match tokio::time::timeout(self.limits.queue_wait, self.slots.clone().acquire_owned()).await
        {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(api::ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "máy chủ đang bận: cả {} luồng kiểm tra đều đang chạy sau {} ms chờ; thử lại sau",
                    self.limits.jobs,
                    self.limits.queue_wait.as_millis()
                ),
            )
            .retry_after(1)),
        }
    }
}

/// Leaves the wait queue when dropped, whichever way the wait ends.
struct QueueSeat<'a>(&'a AtomicUsize);

impl Drop for QueueSeat<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const STYLE_CSS: &str = include_str!("page/style.css");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// The whole application: the page, its assets and the API.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/check", post(api::check))
        .route("/extract", post(api::extract))
        .route("/normalize", post(api::normalize))
        .route("/rules", get(api::rules))
        .route("/rules/{id}", get(api::rule))
        .fallback(api::not_found)
        .layer(middleware::from_fn_with_state(state.clone(), require_token));
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }),
        )
        .route("/healthz", get(api::healthz))
        .nest("/api", api)
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(state.limits.max_upload))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// `Authorization: Bearer TOKEN` on every API request when the server has a token.
async fn require_token(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(token) = &state.token else {
        return next.run(request).await;
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
        next.run(request).await
    } else {
        let mut response = api::ApiError::new(
            StatusCode::UNAUTHORIZED,
            "cần mã truy cập: gửi tiêu đề Authorization: Bearer <mã> (máy chủ chạy với --token)",
        )
        .into_response();
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        response
    }
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn security_headers(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if is_api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// How `vblint serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    pub open: bool,
    pub token: Option<String>,
    pub limits: Limits,
}

/// The warning for an address other people can reach, if it is one.
pub fn exposure_warning(addr: &SocketAddr, has_token: bool) -> Option<String> {
    if addr.ip().is_loopback() {
        return None;
    }
    let token = if has_token {
        "các yêu cầu API cần mã truy cập (--token)"
    } else {
        "KHÔNG có mã truy cập: ai vào được mạng này cũng gửi được văn bản; nên dùng --token"
    };
    Some(format!(
        "vblint: cảnh báo: đang nghe trên {addr}, không chỉ máy này (loopback): máy khác trong mạng truy cập được; {token}"
    ))
}

/// Runs the server until Ctrl-C; returns the exit code.
pub fn run(config: ServeConfig, options: Options) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vblint: không khởi động được máy chủ: {e}");
            return crate::cli::EXIT_ERROR;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(config.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("vblint: không nghe được trên {}: {e}", config.addr);
                return crate::cli::EXIT_ERROR;
            }
        };
        let bound = listener.local_addr().unwrap_or(config.addr);
        if let Some(warning) = exposure_warning(&bound, config.token.is_some()) {
            eprintln!("{warning}");
        }
        let url = page_url(&bound);
        // The first line on stdout is the address: scripts and tests read it (port 0 = any).
        println!("vblint serve: {url}");
        eprintln!("vblint: mở {url} trong trình duyệt; Ctrl-C để dừng");
        if config.open {
            open_browser(&url);
        }
        let app = router(AppState::new(options, config.token, config.limits));
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await;
        match served {
            Ok(()) => crate::cli::EXIT_OK,
            Err(e) => {
                eprintln!("vblint: máy chủ dừng vì lỗi: {e}");
                crate::cli::EXIT_ERROR
            }
        }
    })
}

/// The page's address; an unspecified address (0.0.0.0, ::) is opened through loopback.
fn page_url(addr: &SocketAddr) -> String {
    let ip = if addr.ip().is_unspecified() {
        match addr {
            SocketAddr::V4(_) => "127.0.0.1".to_string(),
            SocketAddr::V6(_) => "[::1]".to_string(),
        }
    } else if addr.is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    };
    format!("http://{ip}:{}/", addr.port())
}

/// Opens the page with the desktop's opener when there is one; the URL is printed anyway.
fn open_browser(url: &str) {
    let opener = ["xdg-open", "open"].into_iter().find(|name| {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(name).is_file()))
    });
    match opener {
        Some(program) => {
            let spawned = std::process::Command::new(program)
                .arg(url)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn();
            if let Err(e) = spawned {
                eprintln!("vblint: không mở được trình duyệt ({program}: {e}); hãy mở {url}");
            }
        }
        None => {
            eprintln!("vblint: không tìm thấy xdg-open hay open; hãy mở {url} trong trình duyệt")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_addresses_need_no_warning_and_others_get_one() {
        let local: SocketAddr = "127.0.0.1:8080".parse().expect("addr");
        assert_eq!(exposure_warning(&local, false), None);
        let v6: SocketAddr = "[::1]:8080".parse().expect("addr");
        assert_eq!(exposure_warning(&v6, false), None);
        let all: SocketAddr = "0.0.0.0:8080".parse().expect("addr");
        let warning = exposure_warning(&all, false).expect("a warning");
        assert!(warning.contains("0.0.0.0:8080") && warning.contains("--token"));
    }

    #[test]
    fn unspecified_addresses_open_through_loopback() {
        assert_eq!(
            page_url(&"0.0.0.0:9000".parse().expect("addr")),
            "http://127.0.0.1:9000/"
        );
        assert_eq!(
            page_url(&"[::]:9000".parse().expect("addr")),
            "http://[::1]:9000/"
        );
        assert_eq!(
            page_url(&"192.168.1.5:80".parse().expect("addr")),
            "http://192.168.1.5:80/"
        );
    }

    #[test]
    fn tokens_compare_in_full() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
    }
}
