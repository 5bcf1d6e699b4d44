//! The Vietnamese syllable model: onset + rhyme + tone, and a frequency list of common syllables.
//!
//! Repair decisions rest on two questions about a word: is it a *possible* Vietnamese syllable
//! ([`is_valid_syllable`], the language's phonotactics: one of 27 onsets, one of ~150 rhymes, at most
//! one tone, which must sit on a vowel of the rhyme, and only sắc/nặng before a stop coda), and is it a
//! *common* one ([`lexicon_rank`], from `rules/syllables.txt`). Tone placement ("hoà" vs "hòa") does
//! not change a syllable's identity, so lexicon keys are the toneless spelling plus the tone.

use super::viet::{self, Tone};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Onsets, longest first so that "ngh" wins over "ng" over "n".
const ONSETS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Toneless rhymes (glide + nucleus + coda).
const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", //
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", //
    // "Đắk Lắk", "Đăk Nông": Central Highlands place names keep their languages' final k.
    "ăk", //
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", //
    "e", "ec", "em", "en", "eng", "eo", "ep", "et", //
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", //
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng", "iêp",
    "iêt", "iêu", //
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "ooc", "oong", //
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", //
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", //
    "u", "ua", "uc", "ui", "um", "un", "ung", "up", "ut", "uôc", "uôi", "uôm", "uôn", "uông",
    "uôt", //
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu", "ươc", "ươi", "ươm", "ươn", "ương",
    "ươp", "ươt", "ươu", //
    "y", "yêm", "yên", "yêng", "yêt", "yêu", //
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", "oăc",
    "oăm", "oăn", "oăng", "oăt", "oe", "oen", "oeo", "oet", //
    "uân", "uâng", "uât", "uây", "uê", "uêch", "uênh", "uơ", "uy", "uya", "uych", "uyên", "uyêt",
    "uyn", "uynh", "uyp", "uyt", "uyu",
];

/// A tiny FxHash-style hasher: the lexicon is looked up once per candidate word, so hashing must be
/// cheap, and its keys are not attacker-chosen in any way that matters.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time: words are hashed for every sample of every file.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(word) ^ (rest.len() as u64) << 59);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A syllable packed into an integer: 6 bits per toneless letter (at most 9 letters) and 3 bits of
/// tone; `None` for a non-letter, a second tone or a word too long to be a syllable. The lexicon is
/// keyed by it, so looking a word up costs no allocation and one multiply-hash.
pub fn packed_key(word: &str) -> Option<u64> {
    let mut key = 0u64;
    let mut tone = Tone::Level;
    let mut n = 0;
    for c in word.chars() {
        n += 1;
        if n > 9 {
            return None;
        }
        let code = if c.is_ascii_alphabetic() {
            u64::from(c.to_ascii_lowercase() as u8 - b'a' + 1)
        } else if c == 'đ' || c == 'Đ' {
            27
        } else {
            let v = viet::vowel(c)?;
            if v.tone != Tone::Level {
                if tone != Tone::Level {
                    return None;
                }
                tone = v.tone;
            }
            // Plain vowels share the ASCII codes; shaped ones get their own.
            match v.family {
                0 => 1,
                3 => 5,
                5 => 9,
                6 => 15,
                9 => 21,
                11 => 25,
                f => 28 + u64::from(f),
            }
        };
        key = (key << 6) | code;
    }
    Some((key << 3) | tone as u64)
}

pub type FxBuild = BuildHasherDefault<FxHasher>;

fn rhymes() -> &'static HashMap<&'static str, (), FxBuild> {
    static R: OnceLock<HashMap<&'static str, (), FxBuild>> = OnceLock::new();
    R.get_or_init(|| RHYMES.iter().map(|&r| (r, ())).collect())
}

/// A syllable taken apart: lowercase toneless spelling, its tone, and the char index of the toned
/// vowel (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub toneless: String,
    pub tone: Tone,
    pub tone_at: Option<usize>,
}

/// Splits a word into toneless lowercase spelling and tone; `None` if it has a non-letter or two
/// tones. Appends into `buf` to avoid allocating per word.
pub fn strip_tone_into(word: &str, buf: &mut String) -> Option<(Tone, Option<usize>)> {
    buf.clear();
    let mut tone = Tone::Level;
    let mut tone_at = None;
    for (i, c) in word.chars().enumerate() {
        let l = viet::to_lower(c);
        if let Some(v) = viet::vowel(l) {
            if v.tone != Tone::Level {
                if tone_at.is_some() {
                    return None;
                }
                tone = v.tone;
                tone_at = Some(i);
            }
            buf.push(viet::compose(v.family, Tone::Level, false));
        } else if l.is_ascii_lowercase() || l == 'đ' {
            buf.push(l);
        } else {
            return None;
        }
    }
    Some((tone, tone_at))
}

/// Takes a word apart (see [`strip_tone_into`]).
pub fn parts(word: &str) -> Option<Parts> {
    let mut toneless = String::with_capacity(word.len());
    let (tone, tone_at) = strip_tone_into(word, &mut toneless)?;
    Some(Parts {
        toneless,
        tone,
        tone_at,
    })
}

/// Whether `word` (any case) is a possible Vietnamese syllable.
pub fn is_valid_syllable(word: &str) -> bool {
    let mut buf = String::with_capacity(word.len());
    match strip_tone_into(word, &mut buf) {
        Some((tone, tone_at)) => valid_parts(&buf, tone, tone_at),
        None => false,
    }
}

/// Phonotactic check on a toneless lowercase spelling with its tone.
pub fn valid_parts(toneless: &str, tone: Tone, tone_at: Option<usize>) -> bool {
    if toneless.is_empty() {
        return false;
    }
    let rhyme_ok = |onset: &str| -> bool {
        let rhyme = &toneless[onset.len()..];
        if rhyme.is_empty() || !rhymes().contains_key(rhyme) {
            return false;
        }
        if !spelling_ok(onset, rhyme) {
            return false;
        }
        let stop = rhyme.ends_with('c')
            || rhyme.ends_with("ch")
            || rhyme.ends_with('p')
            || rhyme.ends_with('t');
        if stop && !matches!(tone, Tone::Acute | Tone::Dot) {
            return false;
        }
        // The tone sits on a vowel of the rhyme, not in the onset ("qu", "gi").
        match tone_at {
            Some(i) => i >= onset.chars().count(),
            None => true,
        }
    };
    if rhyme_ok("") {
        return true;
    }
    ONSETS
        .iter()
        .any(|&o| toneless.starts_with(o) && rhyme_ok(o))
}

/// Spelling conventions: k/gh/ngh before front vowels, c/g/ng elsewhere; "qu" takes no glide.
fn spelling_ok(onset: &str, rhyme: &str) -> bool {
    let front = rhyme.starts_with(['i', 'e', 'ê', 'y']);
    match onset {
        "k" | "gh" | "ngh" => front,
        "c" | "ng" => !front,
        "g" => !rhyme.starts_with(['e', 'ê']),
        "qu" => !rhyme.starts_with(['o', 'u']),
        "gi" => !rhyme.starts_with('i'),
        _ => true,
    }
}

/// Lexicon key: toneless lowercase spelling followed by the tone digit (placement-independent).
pub fn lexicon_key_into(word: &str, buf: &mut String) -> bool {
    match strip_tone_into(word, buf) {
        Some((tone, _)) => {
            buf.push(char::from(b'0' + tone as u8));
            true
        }
        None => false,
    }
}

fn lexicon() -> &'static HashMap<u64, u32, FxBuild> {
    static L: OnceLock<HashMap<u64, u32, FxBuild>> = OnceLock::new();
    L.get_or_init(|| {
        let mut map: HashMap<u64, u32, FxBuild> = HashMap::default();
        let words = include_str!("../../rules/syllables.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace);
        for (rank, w) in words.enumerate() {
            if let (true, Some(k)) = (is_valid_syllable(w), packed_key(w)) {
                map.entry(k).or_insert(rank as u32);
            }
        }
        map
    })
}

/// Frequency rank of a syllable in the list of common syllables (0 = most common); `None` if it is
/// not a listed syllable. Case and tone placement do not matter.
pub fn lexicon_rank(word: &str) -> Option<u32> {
    let mut buf = String::with_capacity(word.len() + 1);
    lexicon_rank_with(word, &mut buf)
}

/// [`lexicon_rank`] (the scratch buffer is no longer needed; kept for callers).
pub fn lexicon_rank_with(word: &str, _buf: &mut String) -> Option<u32> {
    lexicon().get(&packed_key(word)?).copied()
}

/// How plausible a word is as one Vietnamese syllable, from least to most (the order is used).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Plausibility {
    /// No Vietnamese syllable.
    No,
    /// A possible syllable that is not in the list of common ones.
    Possible,
    /// A syllable in the list of common ones.
    Common,
}

impl Plausibility {
    /// The weight detection and line mode sum over words: 3 common, 2 possible, 0 none.
    pub fn weight(self) -> u8 {
        match self {
            Plausibility::No => 0,
            Plausibility::Possible => 2,
            Plausibility::Common => 3,
        }
    }
}

/// How plausible `word` is as a syllable; uses `buf` as scratch space so that the hot path does
/// not allocate.
pub fn classify(word: &str, buf: &mut String) -> Plausibility {
    // Every listed syllable passed the model when the list was loaded (and its tone placement
    // does not matter), so a hit needs no further check; the model runs only on misses.
    if packed_key(word).is_some_and(|k| lexicon().contains_key(&k)) {
        return Plausibility::Common;
    }
    let Some((tone, tone_at)) = strip_tone_into(word, buf) else {
        return Plausibility::No;
    };
    if valid_parts(buf, tone, tone_at) {
        Plausibility::Possible
    } else {
        Plausibility::No
    }
}

/// Whether a word is in the list of common syllables (any case, any tone placement); one pass over
/// the word and one hash lookup.
#[inline]
pub fn is_listed(word: &str) -> bool {
    packed_key(word).is_some_and(|k| lexicon().contains_key(&k))
}

/// Words of up to 16 bytes that [`is_listed`] found listed, one per slot of a hash of their
/// bytes.
type ListedWords = [([u8; 16], u8); 4096];

thread_local! {
    static LISTED_WORDS: std::cell::RefCell<ListedWords> =
        const { std::cell::RefCell::new([([0; 16], 0); 4096]) };
}

/// [`is_listed`], remembered for short words: text repeats its words ("và", "các", "có"), so
/// most look-ups are one comparison instead of the packing and the lexicon's hash look-up. Only
/// "listed" is remembered and a hit compares the whole word, so the answer is always
/// [`is_listed`]'s.
pub fn is_listed_cached(word: &str) -> bool {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 16 {
        return is_listed(word);
    }
    let mut key = [0u8; 16];
    key[..b.len()].copy_from_slice(b);
    let mut half = [0u8; 8];
    half.copy_from_slice(&key[..8]);
    let lo = u64::from_le_bytes(half);
    half.copy_from_slice(&key[8..]);
    let hi = u64::from_le_bytes(half);
    let slot = ((lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize;
    let entry = (key, b.len() as u8);
    LISTED_WORDS.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return is_listed(word);
        };
        let Some(slot) = cache.get_mut(slot) else {
            return is_listed(word);
        };
        if *slot == entry {
            return true;
        }
        let listed = is_listed(word);
        if listed {
            *slot = entry;
        }
        listed
    })
}

/// Whether a word is a common syllable.
pub fn is_common(word: &str) -> bool {
    lexicon_rank(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_and_invalid_syllables() {
        for w in [
            "số", "hoạch", "nghiêng", "người", "quốc", "giữ", "gì", "gìn", "khuya", "thuở", "hoà",
            "hòa", "khoá", "thuỷ", "Uỷ", "xoong", "yêu", "ở", "a", "tuyển", "khuỷu", "giếng", "KẾ",
            "HOẠCH",
        ] {
            assert!(is_valid_syllable(w), "{w}");
        }
        for w in [
            "soaø",
            "hä",
            "ke\u{300}",
            "sát2",
            "đ",
            "tốn2",
            "ce",
            "ka",
            "tràc",
            "ngê",
            "x·",
        ] {
            assert!(!is_valid_syllable(w), "not {w}");
        }
    }

    proptest::proptest! {
        /// The remembered answers are the lexicon's, for words met again and again.
        #[test]
        fn cached_listing_is_the_listing(
            words in proptest::collection::vec(
                "(và|các|là|có|Và|VÀ|công|trường|người|soá|hä|abc|[a-zà-ỹ]{1,7}|[a-zà-ỹ]{15,18})",
                1..40,
            )
        ) {
            for w in words.iter().chain(words.iter()) {
                proptest::prop_assert_eq!(is_listed_cached(w), is_listed(w), "{}", w);
            }
        }
    }

    #[test]
    fn lexicon_ignores_tone_placement_and_case() {
        assert!(is_common("hoà") && is_common("hòa") && is_common("Số"));
        assert!(!is_common("soá"));
    }
}
