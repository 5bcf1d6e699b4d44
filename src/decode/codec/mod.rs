//! The byte codecs of the legacy Vietnamese charsets, which every stage uses: TCVN3/VN1
//! ([`tcvn3`]), VNI-Windows ([`vni`]), one-byte tables (VISCII, VPS), VIQR ([`viqr`]) and
//! Windows-1252, the lens through which damaged text was read. Which charset is which, with its
//! name and fonts, is data in [`super::charsets`].
//!
//! Each decoder is a table lookup plus, where the charset needs it, a one-byte lookahead state machine
//! (VNI's base + mark pairs, VIQR's letter + ASCII marks). Decoders keep every line break, so the
//! output has exactly the input's lines, and record a [`LineMap`] for each line where one output
//! character came from more or fewer than one input character.

pub mod tcvn3;
pub mod viqr;
pub mod vni;

pub use tcvn3::{
    decode_tcvn3, decode_tcvn3_file, decode_tcvn3_in, decode_tcvn3_word, is_vn1_only_capital,
};
pub use viqr::decode_viqr;
pub use vni::{decode_vni, decode_vni_word, decode_vni_word_counting_strays, vni_stray_bytes};

use super::tables::CP1252;
use crate::source::LineMap;

/// Accumulates decoded text and per-line column maps.
pub struct Out {
    pub text: String,
    pub maps: Vec<LineMap>,
    anchors: Vec<(u32, u32)>,
    out_col: u32,
    in_col: u32,
    after_cr: bool,
}

impl Out {
    pub fn with_capacity(n: usize) -> Self {
        Out {
            text: String::with_capacity(n),
            maps: Vec::new(),
            anchors: Vec::new(),
            out_col: 0,
            in_col: 0,
            after_cr: false,
        }
    }

    /// Appends `c`, which stands for `consumed` input characters.
    #[inline]
    pub fn push(&mut self, c: char, consumed: u32) {
        match c {
            '\n' => {
                if !self.after_cr {
                    self.end_line();
                }
                self.after_cr = false;
                self.text.push(c);
                return;
            }
            '\r' => {
                self.end_line();
                self.after_cr = true;
                self.text.push(c);
                return;
            }
            _ => self.after_cr = false,
        }
        if consumed != 1 {
            self.anchors.push((self.out_col, self.in_col));
            self.anchors
                .push((self.out_col + 1, self.in_col + consumed));
        }
        self.out_col += 1;
        self.in_col += consumed;
        self.text.push(c);
    }

    fn end_line(&mut self) {
        let map = if self.anchors.is_empty() {
            LineMap::identity()
        } else {
            let mut a = std::mem::take(&mut self.anchors);
            a.insert(0, (0, 0));
            a.dedup();
            LineMap::from_anchors(a)
        };
        self.maps.push(map);
        self.out_col = 0;
        self.in_col = 0;
    }

    /// The text and one map per line (same count as [`super::split_lines`] gives).
    pub fn finish(mut self) -> (String, Vec<LineMap>) {
        self.end_line();
        (self.text, self.maps)
    }
}

#[inline]
pub(crate) fn ch(u: u16) -> char {
    char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')
}

/// Windows-1252 byte → char.
#[inline]
pub fn cp1252_char(b: u8) -> char {
    ch(CP1252[usize::from(b)])
}

/// Char → Windows-1252 byte, for characters that a cp1252 reading can produce (C1 controls stand for
/// the undefined bytes, kept as is by some tools).
pub fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) || (0x80..=0x9F).contains(&u) {
        return Some(u as u8);
    }
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// Whether a cp1252 reading can produce `c` (see [`cp1252_byte`]).
#[inline]
pub fn is_cp1252_char(c: char) -> bool {
    cp1252_byte(c).is_some()
}

/// Decodes a one-byte-per-letter table charset.
pub fn decode_table(bytes: &[u8], table: &[u16; 256]) -> (String, Vec<LineMap>) {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    text.extend(bytes.iter().map(|&b| ch(table[usize::from(b)])));
    let lines = super::split_lines(&text).len();
    (text, vec![LineMap::identity(); lines])
}
