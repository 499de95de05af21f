//! What a chapter's `main` returns, so that an error prints as one line.

use std::fmt;

/// Any error, printed by `main` as one line, `Error: what failed: why`, its causes joined, and
/// without a backtrace whatever `RUST_BACKTRACE` says (`anyhow::Error` would print one there).
pub struct Error(Box<dyn std::error::Error + Send + Sync>);

/// The result of a chapter's `main`: `fn main() -> support::Result<ExitCode>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl<E: std::error::Error + Send + Sync + 'static> From<E> for Error {
    fn from(error: E) -> Self {
        Error(Box::new(error))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(error) = cause {
            write!(f, ": {error}")?;
            cause = error.source();
        }
        Ok(())
    }
}

/// `main` prints an error with `{:?}`: the one line of `Display`.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;

    #[derive(Debug)]
    struct Outer(io::Error);

    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("cannot start")
        }
    }

    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn an_error_and_its_causes_print_as_one_line() {
        let error = Error::from(Outer(io::Error::other("port taken")));
        assert_eq!(format!("{error:?}"), "cannot start: port taken");
    }
}
