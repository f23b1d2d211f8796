//! Over real sockets: CORS preflight, the binary's start-up line and clean shutdown.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

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
    assert!(lower.contains("access-control-allow-methods: get, post, put, patch, delete, options"));
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

    // The admin endpoints answer no preflight: a page cannot read or drive them.
    let resp = raw(
        addr,
        "OPTIONS /emulator/requests HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\n\
         Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(!resp.to_lowercase().contains("access-control-"), "{resp}");
}

/// The binary, started with `args`, stdout and stderr piped.
fn spawn_binary(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_descope-emulator"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Blocks until the listening line (the binary's readiness signal); returns it and the port.
fn read_listening_line(stdout: &mut impl BufRead) -> (String, u16) {
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim_end()
        .strip_prefix("descope-emulator listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .parse()
        .unwrap();
    assert!(port > 0);
    (line, port)
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits for the exit, failing (not hanging) if the binary ignores the signal.
fn wait_exit(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the emulator did not exit within 20 s of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn stderr_of(child: &mut Child) -> String {
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut err).unwrap();
    }
    err
}

#[test]
fn binary_prints_one_line_and_stops_on_sigterm() {
    let mut child = spawn_binary(&["--port", "0", "--sample-users", "3"]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let (line, port) = read_listening_line(&mut stdout);

    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    std::io::Write::write_all(
        &mut s,
        b"GET /emulator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(resp.contains("\"users\":3"), "{resp}");

    sigterm(&child);
    let exit = wait_exit(&mut child);
    let err = stderr_of(&mut child);
    assert!(exit.success(), "{exit:?} {err}");
    // The pipe is at EOF once the process has exited.
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "", "exactly one line on stdout");
    assert!(!err.contains("K2emulator-fake-management-key"));
    assert!(!line.contains("K2emulator-fake-management-key"));
}

/// A script may stop the emulator as soon as it has announced itself: that must be a clean
/// exit, never death by the default SIGTERM action. Repeated because the window is small.
#[test]
fn binary_exits_cleanly_on_sigterm_right_after_listening_line() {
    for run in 0..20 {
        let mut child = spawn_binary(&["--port", "0"]);
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        read_listening_line(&mut stdout);
        sigterm(&child);
        let exit = wait_exit(&mut child);
        let err = stderr_of(&mut child);
        assert!(exit.success(), "run {run}: {exit:?} {err}");
    }
}

#[test]
fn binary_refuses_bad_arguments() {
    for args in [
        vec!["--port", "0", "--host", "0.0.0.0"],
        vec!["--host", "127.0.0.1"],
        vec!["--port", "0", "--seed", "/nonexistent/seed.json"],
        vec!["--port", "0", "--fault", "{\"kind\":\"nope\"}"],
        vec!["--port", "0", "--admin-cors-origin", "*"],
        vec![
            "--port",
            "0",
            "--admin-cors-origin",
            "http://127.0.0.1:8123/path",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_descope-emulator"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
