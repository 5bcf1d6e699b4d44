//! Spans sorted once, asked "is this position inside one of them" in logarithmic time.
//!
//! The extractors and rules ask that question for every candidate in a file; a linear search over
//! everything found so far makes a file's cost grow with the square of its size.

use crate::source::Span;

/// A set of spans, possibly overlapping, sorted by start, with the running maximum of their ends.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    /// Sorted by start.
    starts: Vec<usize>,
    /// `max_end[i]`: the largest end among the first `i + 1` spans.
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanIndex {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_unstable_by_key(|s| s.start);
        let starts = spans.iter().map(|s| s.start).collect();
        let max_end = spans
            .iter()
            .scan(0, |max, s| {
                *max = (*max).max(s.end);
                Some(*max)
            })
            .collect();
        SpanIndex { starts, max_end }
    }

    /// The largest end among the spans that start at or before `pos`.
    fn max_end_from_at_or_before(&self, pos: usize) -> Option<usize> {
        let n = self.starts.partition_point(|&s| s <= pos);
        n.checked_sub(1).map(|i| self.max_end[i])
    }

    /// Whether some span has `start <= pos < end`.
    pub fn contains(&self, pos: usize) -> bool {
        self.max_end_from_at_or_before(pos)
            .is_some_and(|end| pos < end)
    }

    /// Whether some span has `start <= inner.start && inner.end <= end`.
    pub fn encloses(&self, inner: Span) -> bool {
        self.max_end_from_at_or_before(inner.start)
            .is_some_and(|end| inner.end <= end)
    }
}

/// Spans that do not overlap one another, sorted, grown in batches: "does this candidate overlap
/// anything taken so far", in logarithmic time.
#[derive(Debug, Clone, Default)]
pub struct DisjointSpans {
    /// Sorted by start; since no two overlap, sorted by end too.
    spans: Vec<Span>,
}

impl DisjointSpans {
    /// Whether `s` overlaps (shares a byte with) one of the spans.
    pub fn overlaps(&self, s: Span) -> bool {
        let first_ending_after = self.spans.partition_point(|c| c.end <= s.start);
        self.spans
            .get(first_ending_after)
            .is_some_and(|c| c.start < s.end)
    }

    /// Adds spans that overlap neither each other nor the ones present.
    pub fn extend(&mut self, new: impl IntoIterator<Item = Span>) {
        self.spans.extend(new);
        self.spans.sort_unstable_by_key(|s| s.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containment_sees_every_overlapping_span() {
        let index = SpanIndex::new([Span::new(10, 20), Span::new(0, 50), Span::new(60, 70)]);
        assert!(index.contains(0) && index.contains(49) && index.contains(65));
        assert!(!index.contains(50) && !index.contains(59) && !index.contains(70));
        assert!(index.encloses(Span::new(15, 50)));
        assert!(!index.encloses(Span::new(45, 61)));
        assert!(!SpanIndex::default().contains(0));
    }

    #[test]
    fn overlap_with_disjoint_spans() {
        let mut taken = DisjointSpans::default();
        taken.extend([Span::new(30, 40), Span::new(10, 20)]);
        assert!(taken.overlaps(Span::new(19, 21)) && taken.overlaps(Span::new(0, 11)));
        assert!(taken.overlaps(Span::new(0, 100)) && taken.overlaps(Span::new(35, 36)));
        assert!(!taken.overlaps(Span::new(20, 30)) && !taken.overlaps(Span::new(0, 10)));
        assert!(!taken.overlaps(Span::new(40, 41)));
    }
}
