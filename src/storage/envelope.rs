//! The encrypted backup file: the plain backup's text, encrypted with
//! AES-GCM-256 under a key that PBKDF2-SHA-256 derives from a passphrase,
//! in one line of JSON that says what it is and how to open it, and
//! nothing else (the README gives the format). The encryption itself is
//! the browser's (`crate::crypto`); this is the file around it.
//!
//! The file is read back only if writing it again gives the very same
//! text, so any changed byte outside the ciphertext is refused, and any
//! inside it fails the cipher's check.

use serde_json::Value;

use crate::i18n::t;

/// At least what OWASP asks of PBKDF2-SHA-256 (2023).
pub const ITERATIONS: u32 = 600_000;
/// A file asking for more would keep a phone busy for minutes.
const MOST_ITERATIONS: u64 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
/// AES-GCM's tag, at the end of the ciphertext.
const TAG_BYTES: usize = 16;
const FORMAT: &str = "coffee-chat-encrypted-backup";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    /// The encrypted text followed by the tag.
    pub ciphertext: Vec<u8>,
}

impl Sealed {
    pub fn to_text(&self) -> String {
        format!(
            r#"{{"format":"{FORMAT}","version":1,"kdf":{{"name":"PBKDF2","hash":"SHA-256","iterations":{},"salt":"{}"}},"cipher":{{"name":"AES-GCM","length":256,"iv":"{}"}},"ciphertext":"{}"}}"#,
            self.iterations,
            base64(&self.salt),
            base64(&self.iv),
            base64(&self.ciphertext)
        )
    }
}

/// Whether `text` is meant as an encrypted backup, damaged or not.
pub fn is_sealed(text: &str) -> bool {
    text.trim_start()
        .starts_with(&format!(r#"{{"format":"{FORMAT}""#))
}

/// Reads an encrypted backup's envelope; the message says what is wrong.
pub fn parse(text: &str) -> Result<Sealed, String> {
    let changed = || t().envelope_changed().to_string();
    let file: Value = serde_json::from_str(text).map_err(|_| changed())?;
    let bytes = |at: &Value| at.as_str().and_then(from_base64);
    let (Some(iterations), Some(salt), Some(iv), Some(ciphertext)) = (
        file["kdf"]["iterations"].as_u64(),
        bytes(&file["kdf"]["salt"]),
        bytes(&file["cipher"]["iv"]),
        bytes(&file["ciphertext"]),
    ) else {
        return Err(changed());
    };
    if !(u64::from(ITERATIONS)..=MOST_ITERATIONS).contains(&iterations)
        || salt.len() != SALT_BYTES
        || iv.len() != IV_BYTES
        || ciphertext.len() < TAG_BYTES
    {
        return Err(changed());
    }
    let sealed = Sealed {
        iterations: iterations as u32,
        salt,
        iv,
        ciphertext,
    };
    if sealed.to_text() != text.trim_end() {
        return Err(changed());
    }
    Ok(sealed)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648), as `atob` and Node read it.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes of canonical base64 text, or `None`.
pub fn from_base64(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for chunk in text.as_bytes().chunks(4) {
        let padding = chunk.iter().rev().take_while(|c| **c == b'=').count();
        if padding > 2 {
            return None;
        }
        let mut n = 0u32;
        for (i, c) in chunk[..4 - padding].iter().enumerate() {
            let at = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= at << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - padding]);
    }
    // Only the one spelling of each byte string, so no byte can change
    // unseen.
    (base64(&out) == text).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed() -> Sealed {
        Sealed {
            iterations: ITERATIONS,
            salt: (0..16).collect(),
            iv: (100..112).collect(),
            ciphertext: (0..40u8).map(|i| i.wrapping_mul(7)).collect(),
        }
    }

    #[test]
    fn base64_reads_back_and_matches_the_standard() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b""), "");
        for len in 0..20u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(from_base64(&base64(&bytes)), Some(bytes));
        }
        assert_eq!(from_base64("TWE"), None);
        assert_eq!(from_base64("T==="), None);
        assert_eq!(from_base64("TWF="), None, "not the canonical spelling");
        assert_eq!(from_base64("TW*u"), None);
    }

    #[test]
    fn the_envelope_reads_back_and_says_nothing_but_what_it_is() {
        let text = sealed().to_text();
        assert!(is_sealed(&text));
        assert_eq!(parse(&text), Ok(sealed()));
        let file: Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&String> = file.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["cipher", "ciphertext", "format", "kdf", "version"]);
    }

    #[test]
    fn a_flipped_byte_is_refused_or_read_as_other_parameters_and_a_cut_is_refused() {
        let text = sealed().to_text();
        for at in 0..text.len() {
            for flip in [1u8, 0x20, 0x80] {
                let mut bytes = text.clone().into_bytes();
                bytes[at] ^= flip;
                let Ok(changed) = String::from_utf8(bytes) else {
                    continue;
                };
                // Read, it is another salt, IV, count or ciphertext: another
                // key or text, which the cipher's tag refuses (the browser
                // tests show it).
                if let Ok(read) = parse(&changed) {
                    assert_ne!(
                        read,
                        sealed(),
                        "byte {at} flipped by {flip} read as the same"
                    );
                }
            }
        }
        for end in 0..text.len() {
            assert!(parse(&text[..end]).is_err(), "cut at {end} was read");
        }
        let mut few = sealed();
        few.iterations = 1000;
        assert!(parse(&few.to_text()).is_err());
        let mut many = sealed();
        many.iterations = u32::MAX;
        assert!(parse(&many.to_text()).is_err());
    }
}
