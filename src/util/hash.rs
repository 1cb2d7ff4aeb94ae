//! SHA-256 as the crate writes it: lower-case hex. Documents, claim ids, gazetteer and
//! lexicon versions, manifests and review hashes all hash through here.

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256.
///
/// ```
/// assert_eq!(
///     claimex::util::hash::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A SHA-256 state that has taken in a prefix: many strings that share it are hashed for the
/// cost of their own bytes (claim ids all start with their document's text hash).
#[derive(Debug, Clone)]
pub struct Prefixed(Sha256);

impl Prefixed {
    /// The state after `prefix`.
    pub fn new(prefix: &[u8]) -> Prefixed {
        Prefixed(Sha256::new_with_prefix(prefix))
    }

    /// Take in `bytes` after what came before.
    pub fn push(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The state after this one's input and then `parts`, in order.
    pub fn then(&self, parts: &[&[u8]]) -> Prefixed {
        let mut state = self.0.clone();
        for part in parts {
            state.update(part);
        }
        Prefixed(state)
    }

    /// The first `bytes` bytes of the digest, as lower-case hex.
    ///
    /// ```
    /// use claimex::util::hash::{sha256_hex, Prefixed};
    /// let id = Prefixed::new(b"ab").then(&[b"c"]).hex(8);
    /// assert_eq!(id, sha256_hex(b"abc")[..16]);
    /// ```
    pub fn hex(self, bytes: usize) -> String {
        hex::encode(&self.0.finalize()[..bytes])
    }
}
