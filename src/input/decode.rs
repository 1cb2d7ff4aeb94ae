//! Bytes to text: UTF-8 as it is, legacy encodings decoded and named.
//!
//! News archives hold Windows-1252 and Latin-1 pages; a byte order mark names UTF-16.
//! Anything else that is not UTF-8 is decoded with the encoding `chardetng` (Firefox's
//! detector) guesses, and kept only if it decodes cleanly into text: binary data and
//! undecodable files are skipped with a reason.

use crate::error::DocumentErrorKind;
use encoding_rs::{Encoding, UTF_8};

/// Largest share of control characters in decoded text before it is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.01;

/// The text of `bytes` and the encoding it was decoded from (`None` for UTF-8).
///
/// ```
/// use claimex::input::decode::text;
/// assert_eq!(text("café".into()).unwrap(), ("café".to_string(), None));
/// assert_eq!(text(b"caf\xe9 cr\xe8me br\xfbl\xe9e".to_vec()).unwrap(), ("café crème brûlée".to_string(), Some("windows-1252")));
/// ```
///
/// UTF-8 bytes become the text without a copy.
pub fn text(bytes: Vec<u8>) -> Result<(String, Option<&'static str>), DocumentErrorKind> {
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(DocumentErrorKind::Undecodable(format!("invalid {} after its byte order mark", encoding.name())))
        } else {
            Ok((text.into_owned(), (encoding != UTF_8).then(|| encoding.name())))
        };
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DocumentErrorKind::Binary { offset });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            legacy(e.as_bytes(), valid_up_to)
        }
    }
}

/// Decode with the guessed legacy encoding; `utf8_valid_up_to` locates the first bad byte
/// for the message when nothing fits.
fn legacy(bytes: &[u8], utf8_valid_up_to: usize) -> Result<(String, Option<&'static str>), DocumentErrorKind> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    if had_errors || controls as f64 > MAX_CONTROL_SHARE * text.chars().count() as f64 {
        let line = 1 + bytes[..utf8_valid_up_to].iter().filter(|&&b| b == b'\n').count();
        return Err(DocumentErrorKind::NotUtf8 { offset: utf8_valid_up_to, line });
    }
    Ok((text.into_owned(), Some(encoding.name())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reads_utf16_with_bom_and_rejects_binary() {
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Two envoys".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(text(utf16).unwrap(), ("Two envoys".to_string(), Some("UTF-16LE")));
        assert_eq!(text("\u{feff}BOM".into()).unwrap(), ("BOM".to_string(), None));
        assert!(matches!(text(b"PK\x03\x04\x00\x00".to_vec()), Err(DocumentErrorKind::Binary { offset: 4 })));
        let noise: Vec<u8> = (0u8..=255).cycle().skip(1).take(600).filter(|&b| b != 0).collect();
        assert!(matches!(text(noise.clone()), Err(DocumentErrorKind::NotUtf8 { .. })), "{:?}", text(noise));
    }
}
