//! The text being checked, and how its positions map back to the original file.
//!
//! Every later stage works on [`SourceFile::text`]: the repaired, NFC-normalized text with `\n` line
//! breaks and exactly one text line per line of the original file. Findings carry byte [`Span`]s into
//! that text; [`SourceFile::position`] turns them into the 1-based line and 1-based *character* column
//! of the original file, through the per-line [`LineMap`] that the decode stage recorded wherever a
//! repair or normalization changed the line's length.

use serde::Serialize;

/// A half-open range of byte offsets into [`SourceFile::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// This span shifted by `offset` bytes (for spans found inside a slice of the text).
    pub fn offset(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A 1-based line and 1-based column, counted in characters (Unicode scalar values) of the
/// original line as decoded from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Maps character columns of one repaired line back to character columns of the original line.
///
/// Stored as sorted anchors `(repaired_column, original_column)`, both 0-based. Between anchors the
/// mapping advances one to one, but never past the next anchor's original column; so a repaired word
/// that is shorter or longer than its damaged original maps its start to the original start and its
/// end to the original end. An empty map is the identity, which is what almost every line has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    anchors: Vec<(u32, u32)>,
}

impl LineMap {
    pub fn identity() -> Self {
        LineMap::default()
    }

    pub fn is_identity(&self) -> bool {
        self.anchors.is_empty()
    }

    /// Builds a map from anchors; they must be sorted by repaired column.
    pub fn from_anchors(anchors: Vec<(u32, u32)>) -> Self {
        debug_assert!(
            anchors
                .windows(2)
                .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1)
        );
        if anchors.iter().all(|&(a, b)| a == b) {
            return LineMap::identity();
        }
        LineMap { anchors }
    }

    pub fn anchors(&self) -> &[(u32, u32)] {
        &self.anchors
    }

    /// The original 0-based column of repaired 0-based column `col`.
    pub fn original_column(&self, col: u32) -> u32 {
        if self.anchors.is_empty() {
            return col;
        }
        let idx = self.anchors.partition_point(|&(out, _)| out <= col);
        if idx == 0 {
            return col;
        }
        let (out, orig) = self.anchors[idx - 1];
        let mapped = orig + (col - out);
        match self.anchors.get(idx) {
            Some(&(_, next_orig)) => mapped.min(next_orig),
            None => mapped,
        }
    }

    /// Composes `self` (repaired → intermediate) with `inner` (intermediate → original).
    pub fn then(&self, inner: &LineMap) -> LineMap {
        if self.is_identity() {
            return inner.clone();
        }
        if inner.is_identity() {
            return self.clone();
        }
        let mut cols: Vec<u32> = self.anchors.iter().map(|a| a.0).collect();
        // Every inner anchor is a point where the composed mapping may bend too; find the repaired
        // columns that land on it.
        for &(mid, _) in &inner.anchors {
            if let Some(&(out, m)) = self.anchors.iter().rev().find(|&&(_, m)| m <= mid) {
                cols.push(out + (mid - m));
            }
        }
        cols.sort_unstable();
        cols.dedup();
        let anchors = cols
            .into_iter()
            .map(|c| (c, inner.original_column(self.original_column(c))))
            .collect::<Vec<_>>();
        let mut monotone: Vec<(u32, u32)> = Vec::with_capacity(anchors.len());
        for (c, o) in anchors {
            let o = monotone.last().map_or(o, |&(_, prev)| o.max(prev));
            monotone.push((c, o));
        }
        LineMap::from_anchors(monotone)
    }
}

/// One decoded, repaired file and the index needed to report positions in it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
    line_maps: Vec<LineMap>,
    /// What a line number means for this input ("dòng" for text files; "đoạn" for paragraphs of a
    /// .docx) and an optional per-line location label, such as "trang 2".
    line_labels: Option<Vec<String>>,
    /// Characters before each [`CHAR_BLOCK`]-byte block of the text, built on the first position
    /// asked: columns are character counts, and counting from the line start for every finding
    /// would be quadratic on a file that is one huge line.
    char_blocks: std::sync::OnceLock<Vec<(usize, usize)>>,
}

/// Block size of the character-count checkpoints (bytes).
const CHAR_BLOCK: usize = 4096;

impl SourceFile {
    /// A source whose text is already the original (identity maps).
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self::with_maps(path, text, Vec::new())
    }

    /// A source with per-line column maps (index = 0-based line); missing entries are identity.
    pub fn with_maps(
        path: impl Into<String>,
        text: impl Into<String>,
        line_maps: Vec<LineMap>,
    ) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            line_maps,
            line_labels: None,
            char_blocks: std::sync::OnceLock::new(),
        }
    }

    /// The same file seen through another text of the same byte length and the same line breaks
    /// (the [`crate::mask`] view): positions, maps and labels carry over unchanged.
    pub fn with_view(&self, text: String) -> Self {
        debug_assert_eq!(text.len(), self.text.len());
        SourceFile {
            path: self.path.clone(),
            text,
            line_starts: self.line_starts.clone(),
            line_maps: self.line_maps.clone(),
            line_labels: self.line_labels.clone(),
            char_blocks: std::sync::OnceLock::new(),
        }
    }

    /// Attaches a location label per line (used for paragraphs and pages of .docx/.pdf input).
    pub fn with_line_labels(mut self, labels: Vec<String>) -> Self {
        self.line_labels = Some(labels);
        self
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based index of the line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where 0-based line `idx` starts.
    pub fn line_start(&self, idx: usize) -> usize {
        self.line_starts
            .get(idx)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The text of 0-based line `idx`, without its line break.
    pub fn line(&self, idx: usize) -> &str {
        let start = self.line_start(idx);
        let end = self
            .line_starts
            .get(idx + 1)
            .map_or(self.text.len(), |&next| next - 1);
        &self.text[start..end.max(start)]
    }

    /// Lines as `(0-based index, byte offset of the line start, text)`.
    pub fn lines(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        (0..self.line_count()).map(move |i| (i, self.line_start(i), self.line(i)))
    }

    /// The location label of 0-based line `idx`, if this input has them.
    pub fn line_label(&self, idx: usize) -> Option<&str> {
        self.line_labels.as_ref()?.get(idx).map(String::as_str)
    }

    /// How many characters precede byte `offset` (a char boundary) of the text: a checkpoint, then
    /// at most one block counted.
    fn chars_before(&self, offset: usize) -> usize {
        let blocks = self.char_blocks.get_or_init(|| {
            let mut blocks = Vec::with_capacity(self.text.len() / CHAR_BLOCK + 1);
            let (mut at, mut chars) = (0, 0);
            for k in 0..=self.text.len() / CHAR_BLOCK {
                let next = floor_char_boundary(&self.text, k * CHAR_BLOCK);
                chars += self.text[at..next].chars().count();
                at = next;
                blocks.push((at, chars));
            }
            blocks
        });
        let (at, chars) = blocks.get(offset / CHAR_BLOCK).copied().unwrap_or((0, 0));
        chars + self.text.get(at..offset).map_or(0, |t| t.chars().count())
    }

    /// The original-file position of byte `offset` of the text.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let idx = self.line_index(offset);
        let start = self.line_start(idx);
        let col = (self.chars_before(offset) - self.chars_before(start)) as u32;
        let col = self
            .line_maps
            .get(idx)
            .map_or(col, |m| m.original_column(col));
        Position {
            line: idx as u32 + 1,
            column: col + 1,
        }
    }
}

/// How far back the text of a line before a position is looked at (bytes). Real paragraphs are far
/// shorter; the bound keeps a file that is one huge line from costing a scan of the line for each
/// date or citation in it.
pub const LINE_CONTEXT: usize = 8 * 1024;

/// The text of the line holding byte `pos`, from the line start (or [`LINE_CONTEXT`] bytes back,
/// on a char boundary, when the line is longer) up to `pos`.
pub fn line_before(text: &str, pos: usize) -> &str {
    let pos = floor_char_boundary(text, pos);
    let mut from = pos.saturating_sub(LINE_CONTEXT);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..pos];
    window.rfind('\n').map_or(window, |p| &window[p + 1..])
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Columns from the checkpoints equal counting characters from the line start, on lines
        /// longer than a block and with characters straddling block boundaries.
        #[test]
        fn columns_count_characters_from_the_line_start(
            pieces in proptest::collection::vec("[a-zđếộ\\n ]{0,3000}", 1..8),
            probes in proptest::collection::vec(0usize..30_000, 1..20),
        ) {
            let text = pieces.concat();
            let file = SourceFile::new("t", text.clone());
            for p in probes {
                let offset = floor_char_boundary(&text, p.min(text.len()));
                let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                let expected = text[start..offset].chars().count() as u32 + 1;
                proptest::prop_assert_eq!(file.position(offset).column, expected);
            }
        }
    }

    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let src = SourceFile::new("t", "Số: 21\nLộc Ninh, ngày 05");
        let off = src.text.find("ngày").unwrap();
        assert_eq!(
            src.position(off),
            Position {
                line: 2,
                column: 11
            }
        );
        assert_eq!(src.position(0), Position { line: 1, column: 1 });
        assert_eq!(src.line(1), "Lộc Ninh, ngày 05");
    }

    #[test]
    fn line_map_maps_a_shortened_word_to_its_original_extent() {
        // Original "Soá: 21" (VNI "Soá" = 3 chars) repaired to "Số: 21" (2 chars).
        let map = LineMap::from_anchors(vec![(0, 0), (2, 3)]);
        assert_eq!(map.original_column(0), 0);
        assert_eq!(map.original_column(1), 1);
        assert_eq!(map.original_column(2), 3);
        assert_eq!(map.original_column(4), 5);
        let src = SourceFile::with_maps("t", "Số: 21", vec![map]);
        assert_eq!(src.position(src.text.find("21").unwrap()).column, 6);
    }

    #[test]
    fn line_map_composition() {
        // intermediate "xx Soá" (6) -> original "xxx Soá" (7): one char dropped at col 0..3
        let inner = LineMap::from_anchors(vec![(0, 0), (2, 3)]);
        // repaired "xx Số" (5) -> intermediate (6): word shrinks at col 3
        let outer = LineMap::from_anchors(vec![(0, 0), (3, 3), (5, 6)]);
        let both = outer.then(&inner);
        assert_eq!(both.original_column(3), 4);
        assert_eq!(both.original_column(5), 7);
    }
}
