//! The review web server (axum): the page, its script and style, and a small JSON API.
//!
//! | route | does |
//! | --- | --- |
//! | `GET /` | the page, with this server's token |
//! | `GET /api/claims?page=&per_page=&doc=&source=&kind=&unit=&entity=&status=&conf_below=&q=` | one page of the queue |
//! | `GET /api/stats`, `GET /api/facets` | counters and agreement; filter menus |
//! | `GET /api/doc?path=` | an article and all its claims; `path` must be a document of the loaded claims |
//! | `POST /api/decide`, `POST /api/undo` | record or undo a decision (token needed) |
//!
//! Safety: POSTs need the `x-review-token` header (random, made at start, embedded in the
//! page); bodies are capped at [`MAX_BODY`] bytes and fields by [`crate::review::db`]; the
//! page is served with a Content-Security-Policy that forbids inline scripts. Every request
//! must name this server in its `Host` header (`localhost`, `127.0.0.1` or `[::1]` with the
//! bound port), so a page of another site whose name resolves to 127.0.0.1 (DNS rebinding)
//! is refused; a POST whose `Origin` is another site's is refused. Served to the network
//! ([`Access::Remote`]), every request needs the secret key instead (`?key=` once, then a
//! cookie). Articles are read inside `--docs` only (links resolved), or without it only when
//! their bytes hash to the record's `doc.sha256`.

use super::db::{Filter, NewDecision, Store};
use super::ReviewError;
use crate::document::{Document, Limits};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Largest request body, in bytes.
pub const MAX_BODY: usize = 64 * 1024;
/// The header that carries the token.
pub const TOKEN_HEADER: &str = "x-review-token";

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; \
                   base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Largest page number of `/api/claims`.
pub const MAX_PAGE: usize = 10_000_000;
/// The cookie that carries the key of a remote server.
pub const KEY_COOKIE: &str = "claimex_review_key";

/// Who may use the server.
#[derive(Debug, Clone)]
pub enum Access {
    /// This machine only: requests must name a loopback host and the bound port.
    Local,
    /// Any machine that has the key (`--allow-remote`).
    Remote {
        /// The secret every request must carry.
        key: String,
    },
}

impl Access {
    /// Remote access with a new random key.
    pub fn remote() -> Result<Access, ReviewError> {
        Ok(Access::Remote { key: new_token()? })
    }

    /// The key, for remote access.
    pub fn key(&self) -> Option<&str> {
        match self {
            Access::Local => None,
            Access::Remote { key } => Some(key),
        }
    }
}

/// What the handlers share.
pub struct AppState {
    store: Mutex<Store>,
    token: String,
    docs: Option<PathBuf>,
    access: Access,
    /// The port listened on, which the Host header must name.
    port: u16,
}

impl AppState {
    /// State over an opened store; `docs` is where articles are read (`--docs DIR`); local
    /// access on `port`.
    pub fn new(store: Store, docs: Option<PathBuf>) -> Result<AppState, ReviewError> {
        Ok(AppState { store: Mutex::new(store), token: new_token()?, docs, access: Access::Local, port: 0 })
    }

    /// The token POSTs must carry.
    pub fn token(&self) -> &str {
        &self.token
    }

    fn store(&self) -> Result<std::sync::MutexGuard<'_, Store>, ApiError> {
        self.store.lock().map_err(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "store poisoned".into()))
    }
}

fn new_token() -> Result<String, ReviewError> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|e| ReviewError::Invalid(format!("no randomness: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// An error answer: status and a JSON `{error}`.
struct ApiError(StatusCode, String);

impl From<ReviewError> for ApiError {
    fn from(e: ReviewError) -> ApiError {
        match e {
            ReviewError::Invalid(m) => ApiError(StatusCode::BAD_REQUEST, m),
            other => ApiError(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

type ApiResult = Result<Response, ApiError>;

/// True when both secrets are equal, in time that depends on their length only.
fn same_secret(sent: &[u8], want: &[u8]) -> bool {
    sent.len() == want.len() && sent.iter().zip(want).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// True when `host` (a Host header) names this machine's loopback on `port`.
fn local_host(host: &str, port: u16) -> bool {
    let Some((name, p)) = host.rsplit_once(':') else { return false };
    p.parse::<u16>().is_ok_and(|p| p == port)
        && (name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]")
}

/// The value of `name` in a query string or a Cookie header (`a=1; b=2`).
fn pair<'a>(text: &'a str, separator: char, name: &str) -> Option<&'a str> {
    text.split(separator).map(str::trim).find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// Refuse requests from elsewhere: see the module's safety notes. `Ok(true)` when the request
/// brought the key in its query, so that the answer sets the cookie.
fn check_request(state: &AppState, req: &axum::extract::Request) -> Result<bool, ApiError> {
    let forbidden = |m: &str| ApiError(StatusCode::FORBIDDEN, m.to_string());
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    let mut key_in_query = false;
    match &state.access {
        Access::Local => {
            if !local_host(host, state.port) {
                return Err(forbidden("unknown Host: open the address claimex printed"));
            }
        }
        Access::Remote { key } => {
            let query = req.uri().query().and_then(|q| pair(q, '&', "key"));
            let cookie = headers
                .get_all(header::COOKIE)
                .iter()
                .filter_map(|c| c.to_str().ok())
                .find_map(|c| pair(c, ';', KEY_COOKIE));
            key_in_query = query.is_some_and(|q| same_secret(q.as_bytes(), key.as_bytes()));
            if !key_in_query && !cookie.is_some_and(|c| same_secret(c.as_bytes(), key.as_bytes())) {
                return Err(ApiError(
                    StatusCode::UNAUTHORIZED,
                    "the key is missing: open the address claimex printed".into(),
                ));
            }
        }
    }
    if req.method() == axum::http::Method::POST {
        if let Some(origin) = headers.get(header::ORIGIN) {
            if origin.as_bytes() != format!("http://{host}").as_bytes() {
                return Err(forbidden("a request from another site"));
            }
        }
    }
    Ok(key_in_query)
}

async fn guard(
    State(state): State<Arc<AppState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    match check_request(&state, &req) {
        Err(e) => e.into_response(),
        Ok(set_cookie) => {
            let mut r = next.run(req).await;
            if let (true, Some(key)) = (set_cookie, state.access.key()) {
                let cookie = format!("{KEY_COOKIE}={key}; HttpOnly; SameSite=Strict; Path=/");
                if let Ok(v) = HeaderValue::from_str(&cookie) {
                    r.headers_mut().insert(header::SET_COOKIE, v);
                }
            }
            r
        }
    }
}

/// A small icon, so that browsers asking for `/favicon.ico` get one.
const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#1f5f8b\"/><text x=\"8\" y=\"12.5\" font-size=\"11\" font-family=\"sans-serif\" text-anchor=\"middle\" fill=\"#fff\">#</text></svg>";

/// The routes over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/favicon.ico", get(|| async { static_file(FAVICON, "image/svg+xml") }))
        .route("/page.js", get(|| async { static_file(SCRIPT, "text/javascript; charset=utf-8") }))
        .route("/page.css", get(|| async { static_file(STYLE, "text/css; charset=utf-8") }))
        .route("/api/claims", get(claims))
        .route("/api/stats", get(stats))
        .route("/api/facets", get(facets))
        .route("/api/doc", get(doc))
        .route("/api/decide", post(decide))
        .route("/api/undo", post(undo))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&state), guard))
        .with_state(state)
}

fn static_file(body: &'static str, kind: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

async fn page(State(state): State<Arc<AppState>>) -> Response {
    // The token is hex: nothing to escape.
    let mut r = axum::response::Html(PAGE.replace("{{TOKEN}}", &state.token)).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    r
}

/// Query of `/api/claims`; numbers come as text so an empty field is "no filter".
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ClaimsQuery {
    page: Option<String>,
    per_page: Option<String>,
    doc: String,
    source: String,
    kind: String,
    unit: String,
    entity: String,
    status: String,
    conf_below: Option<String>,
    q: String,
}

fn number<T: std::str::FromStr>(s: &Option<String>, what: &str) -> Result<Option<T>, ApiError> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| ApiError(StatusCode::BAD_REQUEST, format!("{what}: not a number"))),
    }
}

async fn claims(State(state): State<Arc<AppState>>, Query(q): Query<ClaimsQuery>) -> ApiResult {
    let page = number::<usize>(&q.page, "page")?.unwrap_or(0);
    if page > MAX_PAGE {
        return Err(ApiError(StatusCode::BAD_REQUEST, format!("page: at most {MAX_PAGE}")));
    }
    let per_page = number::<usize>(&q.per_page, "per_page")?.unwrap_or(50);
    let filter = Filter {
        conf_below: number(&q.conf_below, "conf_below")?,
        doc: q.doc,
        source: q.source,
        kind: q.kind,
        unit: q.unit,
        entity: q.entity,
        status: q.status,
        q: q.q,
    };
    let page = state.store()?.page(&filter, page, per_page)?;
    Ok(Json(page).into_response())
}

async fn stats(State(state): State<Arc<AppState>>) -> ApiResult {
    Ok(Json(state.store()?.stats()?).into_response())
}

async fn facets(State(state): State<Arc<AppState>>) -> ApiResult {
    Ok(Json(state.store()?.facets()?).into_response())
}

#[derive(Debug, Deserialize)]
struct DocQuery {
    path: String,
}

/// Where the article of `doc` (a document path of the loaded claims) may be on disk.
fn candidates(docs: Option<&Path>, doc: &str) -> Vec<PathBuf> {
    let path = Path::new(doc);
    match docs {
        None => vec![path.to_path_buf()],
        Some(dir) => {
            let mut out = Vec::new();
            out.extend(path.file_name().map(|name| dir.join(name)));
            if path.is_relative() {
                out.push(dir.join(path));
            }
            out
        }
    }
}

/// The article of a record whose `doc.path` is `known`: a file inside `docs` (the claims file
/// may name any path, so links and `..` are resolved and the result must be inside), or
/// without `docs` the file at `known` only if its bytes hash to the record's `sha256`.
fn article(docs: Option<&Path>, known: &str, sha256: Option<&str>) -> Option<Document> {
    let read = |p: &Path| Document::read(p, Limits::default()).ok();
    match docs {
        Some(dir) => {
            let root = dir.canonicalize().ok()?;
            candidates(Some(dir), known)
                .into_iter()
                .filter_map(|p| p.canonicalize().ok())
                .filter(|p| p.starts_with(&root) && p.is_file())
                .find_map(|p| read(&p))
        }
        None => {
            let path = Path::new(known);
            let document = read(path).filter(|_| path.is_file())?;
            (Some(document.sha256.as_str()) == sha256).then_some(document)
        }
    }
}

async fn doc(State(state): State<Arc<AppState>>, Query(q): Query<DocQuery>) -> ApiResult {
    let not_found = || ApiError(StatusCode::NOT_FOUND, "no such document among the claims".into());
    // Only paths present in the loaded claims reach the file system, never the request's.
    let items = {
        let store = state.store()?;
        if q.path.len() > 4096 || !store.has_doc(&q.path)? {
            return Err(not_found());
        }
        store.doc_items(&q.path)?
    };
    let known = items.first().and_then(|i| i.record["doc"]["path"].as_str()).ok_or_else(not_found)?.to_string();
    let expected = items.first().and_then(|i| i.record["doc"]["text_sha256"].as_str()).map(String::from);
    let bytes_sha256 = items.first().and_then(|i| i.record["doc"]["sha256"].as_str()).map(String::from);
    let docs = state.docs.clone();
    let read = tokio::task::spawn_blocking(move || article(docs.as_deref(), &known, bytes_sha256.as_deref()))
        .await
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let Some(document) = read else {
        return Err(ApiError(StatusCode::NOT_FOUND, "the article is not readable (see --docs)".into()));
    };
    let aligned = expected.is_none_or(|h| h == document.text_sha256);
    Ok(Json(json!({"path": q.path, "text": document.text, "aligned": aligned, "items": items})).into_response())
}

fn check_token(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let sent = headers.get(TOKEN_HEADER).map(HeaderValue::as_bytes).unwrap_or_default();
    if same_secret(sent, state.token.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError(StatusCode::FORBIDDEN, "missing or wrong review token: reload the page".into()))
    }
}

async fn decide(State(state): State<Arc<AppState>>, headers: HeaderMap, body: axum::body::Bytes) -> ApiResult {
    check_token(&state, &headers)?;
    let d: NewDecision = parse(&body)?;
    let item = state.store()?.decide(&d)?;
    let stats = state.store()?.stats()?;
    Ok(Json(json!({"item": item, "stats": stats})).into_response())
}

#[derive(Debug, Deserialize)]
struct UndoRequest {
    reviewer: String,
}

async fn undo(State(state): State<Arc<AppState>>, headers: HeaderMap, body: axum::body::Bytes) -> ApiResult {
    check_token(&state, &headers)?;
    let u: UndoRequest = parse(&body)?;
    let item = state.store()?.undo(&u.reviewer)?;
    let stats = state.store()?.stats()?;
    Ok(Json(json!({"item": item, "stats": stats})).into_response())
}

fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError(StatusCode::BAD_REQUEST, format!("bad request body: {e}")))
}

/// A server running in the background of a tokio runtime.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The token POSTs must carry.
    pub token: String,
    /// The serving task.
    pub task: tokio::task::JoinHandle<()>,
}

/// Bind `addr` (port 0 picks a free one) and serve `store` in the background of the current
/// tokio runtime.
pub async fn spawn(store: Store, docs: Option<PathBuf>, addr: SocketAddr) -> Result<Running, ReviewError> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(ReviewError::Server)?;
    let addr = listener.local_addr().map_err(ReviewError::Server)?;
    let state = Arc::new(AppState { port: addr.port(), ..AppState::new(store, docs)? });
    let token = state.token.clone();
    let app = router(state);
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("claimex: review server: {e}");
        }
    });
    Ok(Running { addr, token, task })
}

/// Serve `store` on `addr` until Ctrl-C or SIGTERM; `ready` gets the address to open.
pub fn run(
    store: Store,
    docs: Option<PathBuf>,
    addr: SocketAddr,
    access: Access,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ReviewError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ReviewError::Server)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(ReviewError::Server)?;
        let bound = listener.local_addr().map_err(ReviewError::Server)?;
        let state = Arc::new(AppState { port: bound.port(), access, ..AppState::new(store, docs)? });
        ready(bound);
        axum::serve(listener, router(state)).with_graceful_shutdown(shutdown()).await.map_err(ReviewError::Server)
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_server_articles_are_found_only_by_name_under_docs() {
        let dir = Path::new("/data");
        assert_eq!(candidates(Some(dir), "corpus/a.txt"), [dir.join("a.txt"), dir.join("corpus/a.txt")]);
        assert_eq!(candidates(Some(dir), "/abs/a.txt"), [dir.join("a.txt")]);
        assert_eq!(candidates(None, "corpus/a.txt"), [PathBuf::from("corpus/a.txt")]);
    }

    #[test]
    fn review_server_page_has_no_markup_sinks() {
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
            assert!(!SCRIPT.contains(sink), "page.js uses {sink}");
        }
        assert!(PAGE.contains("{{TOKEN}}") && !PAGE.contains("<script>"));
    }
}
