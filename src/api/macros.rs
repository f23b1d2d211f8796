//! `json_endpoint!`: the common shape of an endpoint whose JSON body is the builder itself,
//! with one field per positional JavaScript argument.

/// Defines the builder struct, its reading from JavaScript arguments, and its
/// [`Endpoint`](crate::api::Endpoint) impl. Each field names the [`Args`](crate::api::Args)
/// reader, the argument position and the argument's name; `request()` re-runs the
/// matching check from [`check`](crate::api::check).
macro_rules! json_endpoint {
    (
        $(#[$meta:meta])*
        pub struct $name:ident => $method:ident $path:literal, $unwrap:expr, $output:ty {
            $(
                $(#[$fmeta:meta])*
                $field:ident: $ty:ty = $read:ident($idx:literal, $arg:literal)
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl $name {
            pub(crate) fn from_args(a: &impl $crate::api::Args) -> Result<Self, $crate::Error> {
                Ok(Self { $( $field: a.$read($idx, $arg)?, )* })
            }
        }

        impl $crate::api::Endpoint for $name {
            type Output = $output;

            fn request(&self) -> Result<$crate::api::Request, $crate::Error> {
                $( $crate::api::check::$read($arg, &self.$field)?; )*
                $crate::api::Request::json($crate::api::Method::$method, $path, self, $unwrap)
            }
        }
    };
}
