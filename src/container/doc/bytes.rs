//! Bounded reads: every offset and length taken from the file is checked, a read past the end is `None`.

pub(super) fn u8_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

pub(super) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

pub(super) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The bytes `[fc, fc + lcb)` of a stream, or `None` when they are not all there.
pub(super) fn slice(b: &[u8], fc: u32, lcb: u32) -> Option<&[u8]> {
    let start = fc as usize;
    b.get(start..start.checked_add(lcb as usize)?)
}
