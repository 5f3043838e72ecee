//! Text as the rules read it: folded (no case, no accents) and cut into
//! words. A leaf that every rule about text stands on, so that those rules
//! never need each other.

/// Lower case without accents, for searching and sorting names.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            other => other,
        })
        .collect()
}

/// What ends a sentence, as the ask rules and the scorer read a text.
pub(crate) const SENTENCE_ENDS: [char; 6] = ['.', '?', '!', ';', '\n', '…'];

/// Lower-case, accent-free word tokens; web addresses are dropped so their
/// `?` and fragments do not count as sentences or words.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    words_as_written(&fold(text))
}

/// The words of `text` as [`tokens`] cuts them, but unfolded: folding
/// keeps every letter a letter, so the two line up word for word.
pub(crate) fn words_as_written(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| !w.starts_with("http") && !w.starts_with("www."))
        .flat_map(|w| {
            w.split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Everything but letters, digits and `-._~` as `%XX`, byte by byte: a
/// value that may sit anywhere in an address.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
