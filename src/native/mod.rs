//! Native targets: calls are sent with the cargo feature `reqwest` (reqwest over rustls, no
//! OpenSSL, in a tokio runtime). A call's future is then `Send`, so it can be awaited in
//! `tokio::spawn`, an axum handler or any multi-threaded executor; dropping it cancels the
//! call. Without the feature a call ends with an [`Error::Network`] saying so.

use serde::de::DeserializeOwned;

use crate::api::Request;
use crate::error::Error;
use crate::session::{CallOptions, Session};

#[cfg(feature = "reqwest")]
mod http;

/// What a call built without a native transport ends with.
#[cfg(not(feature = "reqwest"))]
pub(crate) const NO_TRANSPORT: &str =
    "no native transport: enable descope-mgmt's cargo feature `reqwest` to send calls";

/// Sends a request and decodes the part of the answer its row names (in tokio).
pub(crate) async fn send<T: DeserializeOwned>(
    session: &Session,
    req: &Request,
    options: &CallOptions,
) -> Result<T, Error> {
    #[cfg(feature = "reqwest")]
    {
        http::send(session, req, options).await
    }
    #[cfg(not(feature = "reqwest"))]
    {
        let _ = (session, req, options);
        Err(Error::Network {
            message: NO_TRANSPORT.to_string(),
            cause: crate::error::Cause::none(),
        })
    }
}

#[cfg(test)]
#[cfg(not(feature = "reqwest"))]
mod tests {
    use std::future::Future;
    use std::pin::pin;
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    use crate::{Client, Config};

    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }

    #[test]
    fn without_the_feature_a_call_says_which_feature_it_needs() {
        let client = Client::new(Config::new("P2noTransport", "K2fake-no-transport").unwrap());
        let waker = Waker::from(Arc::new(Noop));
        let call = std::future::IntoFuture::into_future(client.user().load("ann@example.com"));
        let Poll::Ready(Err(err)) = pin!(call).poll(&mut Context::from_waker(&waker)) else {
            panic!("expected an error at once");
        };
        assert_eq!((err.code(), err.status()), ("network_error", 0));
        assert!(err.to_string().contains("`reqwest`"), "{err}");
    }
}
