//! Over real sockets: CORS preflight, the binary's start-up line and clean shutdown.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use descope_emulator::{server, Config, Emulator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Starts an in-process server on a free port; returns its address.
pub async fn start(app: Emulator) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::serve(
        listener,
        app.router(),
        std::future::pending(),
    ));
    addr
}

/// Sends raw HTTP/1.1 with `Connection: close`; returns everything the server wrote.
async fn raw(addr: std::net::SocketAddr, request: &str) -> String {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut out))
        .await
        .unwrap()
        .unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn preflight_over_tcp() {
    let addr = start(Emulator::new(Config::default()).unwrap()).await;
    let resp = raw(
        addr,
        "OPTIONS /v1/mgmt/user/create HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\n\
         Access-Control-Request-Method: POST\r\n\
         Access-Control-Request-Headers: authorization, content-type, x-descope-project-id\r\n\
         Connection: close\r\n\r\n",
    )
    .await;
    let lower = resp.to_lowercase();
    assert!(lower.starts_with("http/1.1 204"), "{resp}");
    assert!(lower.contains("access-control-allow-origin: *"), "{resp}");
    assert!(
        lower.contains(
            "access-control-allow-headers: authorization, content-type, x-descope-project-id"
        ),
        "{resp}"
    );
    assert!(lower.contains("access-control-allow-methods: get, post, patch, delete, options"));
    assert!(lower.contains("access-control-expose-headers: retry-after"));
    assert!(lower.contains("cross-origin-resource-policy: cross-origin"));

    // A real call on the same server, with the bearer.
    let body = r#"{"loginId":"tcp@example.com"}"#;
    let resp = raw(
        addr,
        &format!(
            "POST /v1/mgmt/user/create HTTP/1.1\r\nHost: x\r\n\
             Authorization: Bearer P2emulatorProject00000000001:K2emulator-fake-management-key\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .await;
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(
        resp.contains("\"loginIds\":[\"tcp@example.com\"]"),
        "{resp}"
    );
    assert!(resp
        .to_lowercase()
        .contains("access-control-allow-origin: *"));
}

#[test]
fn binary_prints_one_line_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_descope-emulator"))
        .args(["--port", "0", "--sample-users", "3"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim_end()
        .strip_prefix("descope-emulator listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .parse()
        .unwrap();
    assert!(port > 0);

    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    std::io::Write::write_all(
        &mut s,
        b"GET /emulator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(resp.contains("\"users\":3"), "{resp}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "", "exactly one line on stdout");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("K2emulator-fake-management-key"));
    assert!(!line.contains("K2emulator-fake-management-key"));
}

#[test]
fn binary_refuses_bad_arguments() {
    for args in [
        vec!["--port", "0", "--host", "0.0.0.0"],
        vec!["--host", "127.0.0.1"],
        vec!["--port", "0", "--seed", "/nonexistent/seed.json"],
        vec!["--port", "0", "--fault", "{\"kind\":\"nope\"}"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_descope-emulator"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
