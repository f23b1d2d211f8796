//! The accept loop. It is ours rather than `axum::serve` so a request can close its own
//! connection without answering (the "drop" fault), and so shutdown drains politely.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::http::{ConnectionCloser, PeerAddr};

/// How long in-flight connections get after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(5);

/// Serves `router` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    router: axum::Router,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Transient (e.g. too many open files): keep serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        // Reap finished connection tasks so the set does not grow without bound.
        while connections.try_join_next().is_some() {}
        let _ = stream.set_nodelay(true);
        let closer = Arc::new(Notify::new());
        let tagged = {
            let closer = ConnectionCloser(closer.clone());
            let router = router.clone();
            tower::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let mut req = req.map(axum::body::Body::new);
                req.extensions_mut().insert(closer.clone());
                req.extensions_mut().insert(PeerAddr(peer));
                router.clone().oneshot(req)
            })
        };
        let mut stop = stop_rx.clone();
        connections.spawn(async move {
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(tagged));
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                // Dropping the connection closes the socket with nothing written.
                _ = closer.notified() => {}
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(DRAIN, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    Ok(())
}

/// Installs the SIGINT and SIGTERM handlers now and returns a future that resolves on
/// either. Call it before announcing the address: until a handler is installed the default
/// action kills the process, so a caller that signals right after the "listening" line
/// would see a crash instead of a clean exit.
#[cfg(unix)]
pub fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{signal, SignalKind};
    // `signal` registers synchronously; signals arriving before the first poll are kept.
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
        }
    })
}

/// Resolves on Ctrl-C (no SIGTERM off unix).
#[cfg(not(unix))]
pub fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
