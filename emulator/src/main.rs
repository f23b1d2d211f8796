//! `descope-emulator --port N [...]`: see README.md.

use std::io::Write;
use std::process::ExitCode;

use descope_emulator::{server, Config, Emulator};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let (host, port) = (config.host, config.port);
    let emulator = match Emulator::new(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("descope-emulator: {e}");
            return ExitCode::from(2);
        }
    };
    // Before binding, so no signal can arrive in a window where it would still be fatal.
    let shutdown = match server::shutdown_signal() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("descope-emulator: cannot install signal handlers: {e}");
            return ExitCode::from(1);
        }
    };
    let listener = match tokio::net::TcpListener::bind((host, port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("descope-emulator: cannot listen on {host}:{port}: {e}");
            return ExitCode::from(1);
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("descope-emulator: {e}");
            return ExitCode::from(1);
        }
    };
    eprintln!(
        "descope-emulator: project {} with {} users",
        emulator.config().project_id,
        emulator.store().users.len()
    );
    // Scripts wait for exactly this line.
    let mut out = std::io::stdout();
    let _ = writeln!(out, "descope-emulator listening on http://{addr}");
    let _ = out.flush();
    match server::serve(listener, emulator.router(), shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("descope-emulator: {e}");
            ExitCode::from(1)
        }
    }
}
