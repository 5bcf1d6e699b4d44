//! Byte scans eight bytes at a time: the scans that run over every byte of every UTF-8 file look
//! only at the bytes a mask flags (a lead byte of some range, a control character), so runs of
//! ASCII and continuation bytes cost a few instructions per eight bytes.

const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `x` that is `hi` or more (`hi` at least 0x80); exact per byte.
#[inline]
pub fn at_least(x: u64, hi: u8) -> u64 {
    debug_assert!(hi >= 0x80);
    ((x & LOW7) + ONES * u64::from(0x80 - (hi - 0x80))) & x & HIGH
}

/// The high bit of each byte of `x` below `lo` (`lo` at most 0x80); exact per byte.
#[inline]
pub fn below(x: u64, lo: u8) -> u64 {
    debug_assert!(lo <= 0x80);
    !((x & LOW7) + ONES * u64::from(0x80 - lo)) & !x & HIGH
}

/// Calls `visit` at each index of `b` whose byte `marks` flags (it gives the high bit of each
/// flagged byte of eight, little-endian), in order, until `visit` says true; whether it did.
/// `visit` has one call site, so that it is inlined.
#[inline(always)]
pub fn any_marked(
    b: &[u8],
    marks: impl Fn(u64) -> u64,
    mut visit: impl FnMut(usize) -> bool,
) -> bool {
    let mut base = 0;
    while base < b.len() {
        let mut word = [0u8; 8];
        let m = match b.get(base..base + 8) {
            Some(chunk) => {
                word.copy_from_slice(chunk);
                marks(u64::from_le_bytes(word))
            }
            // The last bytes, padded with zeros, whose flags are dropped.
            None => {
                let rest = &b[base..];
                word[..rest.len()].copy_from_slice(rest);
                marks(u64::from_le_bytes(word)) & ((1u64 << (8 * rest.len())) - 1)
            }
        };
        let mut m = m;
        while m != 0 {
            if visit(base + (m.trailing_zeros() / 8) as usize) {
                return true;
            }
            m &= m - 1;
        }
        base += 8;
    }
    false
}

/// A regex of text for the property tests of the fast paths: Vietnamese letters (precomposed
/// and with combining marks), Latin-1 letters, cp1252 symbols, soft hyphens, no-break spaces,
/// C0 and C1 controls, other scripts, ASCII and line breaks.
#[cfg(test)]
pub(crate) const MIXED_TEXT: &str = "[a-zA-Z0-9 ,.:;!?'\"()\\-\n\r\t\u{0}-\u{1f}àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦỆỊỌỐỜỢỤỨỪỰỲỴÐÞæÆîÎ€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡¢£¤¥¦§¨©ª«¬\u{AD}®¯°±²³´µ¶·¸¹º»¼½¾¿\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31B}ƣƢ\u{A0}\u{2000}-\u{2080}\u{80}-\u{9f}\u{1E00}-\u{1E0F}ΩЖא一😀\u{FFFD}]{0,80}";

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The masks flag exactly the bytes in range, and the scan visits exactly those, in order.
        #[test]
        fn visits_exactly_the_flagged_bytes(
            b in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
            hi in 0x80u8..=0xFF,
            lo in 0u8..=0x80,
        ) {
            let mut seen = Vec::new();
            any_marked(&b, |x| at_least(x, hi) | below(x, lo), |i| {
                seen.push(i);
                false
            });
            let want: Vec<usize> = (0..b.len()).filter(|&i| b[i] >= hi || b[i] < lo).collect();
            proptest::prop_assert_eq!(seen, want);
        }
    }
}
