//! Headless Chromium for the browser tests (the review page, the assertion report): one
//! chromedriver per session, killed when dropped. Needs Debian's `chromium` and
//! `chromium-driver` (or `CHROMEDRIVER` naming the driver).
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// chromedriver, killed when dropped.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// chromedriver on a free port, and its address once it listens.
fn start_chromedriver() -> (Driver, String) {
    let path = std::env::var_os("CHROMEDRIVER").map_or_else(|| PathBuf::from("/usr/bin/chromedriver"), PathBuf::from);
    assert!(
        path.is_file(),
        "{} not found: install Chromium and its driver (apt-get install -y chromium chromium-driver) or set CHROMEDRIVER",
        path.display()
    );
    let port = free_port();
    let child = std::process::Command::new(&path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.display()));
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, format!("http://127.0.0.1:{port}"))
}

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// A headless Chromium session with a window of `size` ("1280,900"); keep the driver alive
/// as long as the client.
pub async fn session(size: &str) -> (Driver, Client) {
    let (driver, webdriver) = start_chromedriver();
    let window = format!("--window-size={size}");
    let mut options =
        json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", window]});
    if let Some(binary) = chromium() {
        options["binary"] = json!(binary.display().to_string());
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&webdriver)
        .await
        .expect("a Chromium session");
    (driver, client)
}

/// The value of a JavaScript expression in the page.
pub async fn eval(c: &Client, script: &str) -> Value {
    c.execute(&format!("return {script};"), vec![]).await.expect("script runs")
}
