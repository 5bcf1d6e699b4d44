//! The title: after the type line, on the type's own line, or a Công văn's "V/v …".

use super::*;

/// A title in capitals ends where ordinary text starts on the same line ("… NĂM HỌC 2016 -
/// 2017Hôm nay, vào hồi …", "… 2021-2022 Thứ sáu - 22/10/2021").
pub(super) fn caps_title_end(t: &str) -> &str {
    static TITLE_CASE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\p{Lu}\p{Ll}").expect("valid regex"));
    match TITLE_CASE.find(t) {
        // A caps run of some length, then a title-case word: the text after the title.
        Some(m) if m.start() >= 12 && is_upper_cell(&t[..m.start()]) => t[..m.start()].trim_end(),
        _ => t,
    }
}

/// The title part of what follows the type word on its line: a title in capitals ends where
/// ordinary text starts; any title ends before an opening formula ("Căn cứ", "Kính gửi") or a
/// note in brackets ("(Ban hành kèm theo …)"). Dangling brackets and dashes are left out.
pub(super) fn same_line_title(t: &str) -> &str {
    static INLINE_BODY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s(?:Căn cứ|Kính gửi|Kính gởi|Thực hiện|Thi hành)[\s:]|\s\((?i:ban hành kèm theo|kèm theo)")
            .expect("valid regex")
    });
    let mut kept = caps_title_end(t);
    if let Some(m) = INLINE_BODY.find(kept) {
        kept = &kept[..m.start()];
    }
    kept.trim_end_matches(|c: char| c.is_whitespace() || "([“\"-–—:,".contains(c))
}

/// A web page's summary line repeats the header cut short ("… TỜ TRÌNH Về việc công nhận"),
/// then the document follows: when the title ends its line and one of the next lines starts
/// with the same words and goes on, that line is the whole title.
pub(super) fn full_copy_of_title(source: &SourceFile, title: &Field) -> Option<(Field, usize)> {
    const LOOK_AHEAD: usize = 8;
    let line = source.line_index(title.span.start);
    let line_end = source.line_start(line) + source.line(line).trim_end().len();
    if title.span.end < line_end || title.text.chars().count() < 8 {
        return None;
    }
    (line + 1..(line + 1 + LOOK_AHEAD).min(source.line_count())).find_map(|idx| {
        let text = source.line(idx);
        let (t, lead) = strip_emphasis(text.trim());
        let longer = t.len() > title.text.len() + 3 && squeeze(t).starts_with(&title.text);
        let t = same_line_title(t);
        (longer && t.len() > title.text.len()).then(|| {
            let start = source.line_start(idx) + (text.len() - text.trim_start().len()) + lead;
            (field(&squeeze(t), start), idx)
        })
    })
}

/// A Công văn has no type line: its trích yếu "V/v …" stands under the number, in the header.
pub(super) fn subject_line(source: &SourceFile, from: usize, to: usize) -> Option<(Field, usize)> {
    static SUBJECT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:V/ ?v|V/V|v/v|Về việc)\b").expect("valid regex"));
    for idx in from..(to + 5).min(source.line_count()) {
        let line = source.line(idx);
        for cell in cells(line, source.line_start(idx)) {
            let (t, lead) = strip_emphasis(&cell.text);
            if SUBJECT.is_match(t) {
                let mut subject = field(t, cell.span.start + lead);
                let last = continue_subject(source, idx, &mut subject);
                return Some((subject, last));
            }
        }
    }
    None
}

/// A Công văn's "V/v …" inside a flattened header line, between two anchors ("… ngày 05 tháng 3
/// năm 2018 V/v hướng dẫn tổng kết … Kính gửi: …"): from "V/v" to the next anchor or the
/// opening formula.
pub(super) fn inline_subject<'p>(
    pieces: impl Iterator<Item = &'p (usize, Piece)>,
) -> Option<Field> {
    static SUBJECT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\s)(V/ ?v|V/V)\s").expect("valid regex"));
    static END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s(?:Kính gửi|Kính gởi|Căn cứ|Thực hiện)[\s:]").expect("valid regex")
    });
    pieces
        .filter_map(|(_, p)| match p {
            Piece::Plain(f) => Some(f),
            _ => None,
        })
        .find_map(|f| {
            let m = SUBJECT.captures(&f.text)?.get(1)?;
            let rest = &f.text[m.start()..];
            let rest = END.find(rest).map_or(rest, |e| &rest[..e.start()]);
            let rest = rest.trim_end_matches(|c: char| c.is_whitespace() || ".;:,-–—".contains(c));
            Some(Field {
                text: squeeze(rest),
                span: Span::new(
                    f.span.start + m.start(),
                    f.span.start + m.start() + rest.len(),
                ),
            })
        })
}

/// The trích yếu of a Công văn wraps inside its cell: "V/v Hướng dẫn thực hiện nhiệm vụ" /
/// "Giáo dục trung học năm học 2014-2015". Short lines that are no anchor, no body and no
/// capitals ("KHẨN") continue it, over at most one blank line.
pub(super) fn continue_subject(source: &SourceFile, mut idx: usize, subject: &mut Field) -> usize {
    let mut added = 0;
    let mut next = idx + 1;
    while added < 3 && next < source.line_count() && !subject.text.ends_with(['.', ';', ':']) {
        let line = source.line(next);
        let (t, lead) = strip_emphasis(line.trim());
        if t.is_empty() {
            if next > idx + 1 {
                break;
            }
            next += 1;
            continue;
        }
        let stop = t.chars().count() > 90
            || cells(line, 0).len() > 1
            || BODY_START.is_match(t)
            || LABEL.is_match(t)
            || has_header_anchor(t)
            || is_upper_cell(t)
            || crate::segment::MARKER.is_match(t);
        if stop {
            break;
        }
        let start = source.line_start(next) + (line.len() - line.trim_start().len()) + lead;
        subject.text = format!("{} {}", subject.text, t);
        subject.span = Span::new(subject.span.start, start + t.len());
        idx = next;
        next += 1;
        added += 1;
    }
    idx
}

/// The title after the type line, and the line where the body starts. The title runs until a
/// blank line, the legal basis, a section heading, or (for a Quyết định) the capitals naming the
/// authority that decides; a title in capitals continues over one blank line when its next part is
/// in capitals too ("KẾ HOẠCH CHỈ ĐẠO CHUYÊN MÔN" / "" / "NĂM HỌC 2024 – 2025").
pub(super) fn title_after(
    source: &SourceFile,
    type_line: usize,
    same_line: Option<Field>,
) -> (Option<Field>, usize) {
    // A title on the type's own line runs to the end of that line; on a flattened page the body
    // follows on it, so it is cut, and then no later line continues it.
    let mut cut = false;
    let same_line = same_line.map(|f| {
        let kept = same_line_title(&f.text);
        cut = kept.len() < f.text.len();
        field(kept, f.span.start)
    });
    let mut parts: Vec<Field> = same_line
        .into_iter()
        .filter(|f| !f.text.is_empty())
        .collect();
    if cut {
        let title = parts.pop().map(|p| Field {
            text: squeeze(&p.text),
            span: p.span,
        });
        return (title, type_line + 1);
    }
    let mut idx = type_line + 1;
    let mut last = type_line;
    let mut blank_run = 0;
    while idx < source.line_count() && parts.len() < 5 {
        let line = source.line(idx);
        let (t, lead) = strip_emphasis(line.trim());
        if t.is_empty() {
            blank_run += 1;
            if blank_run > 2 {
                break;
            }
            idx += 1;
            continue;
        }
        let t = caps_title_end(t);
        let starts_body = BODY_START.is_match(t)
            || crate::segment::is_section_heading(t)
            || has_header_anchor(t)
            || (!parts.is_empty() && AUTHORITY.is_match(t))
            || (crate::segment::MARKER.is_match(t) && !parts.is_empty())
            || (!parts.is_empty()
                && (LABEL.captures(t).is_some_and(|c| c.get(1).is_some())
                    || t.starts_with('(')
                    || t.chars().count() > 160));
        let all_caps = is_upper_cell(t);
        let title_caps = parts.iter().all(|p| is_upper_cell(&p.text)) && !parts.is_empty();
        let continues = if parts.is_empty() {
            !starts_body
        } else if blank_run > 0 {
            !starts_body && all_caps && title_caps
        } else {
            // A Quyết định names the deciding authority in capitals under a title in lower case.
            !starts_body && (all_caps == title_caps || !all_caps)
        };
        if !continues {
            break;
        }
        let line_start = source.line_start(idx);
        let offset = line.len() - line.trim_start().len() + lead;
        parts.push(field(t, line_start + offset));
        last = idx;
        blank_run = 0;
        idx += 1;
    }
    if parts.is_empty() {
        return (None, type_line + 1);
    }
    let text = squeeze(
        &parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let span = parts[0].span.cover(parts[parts.len() - 1].span);
    (Some(Field { text, span }), last + 1)
}

/// A title in capitals whose spaces a PDF lost ("KẾTQUẢ XÉT DUYỆT"): each run of capitals that is
/// no syllable but splits one way only, into the fewest listed syllables or common abbreviations,
/// gets its spaces back. Anything else is left as it is.
pub(super) fn unglue_capitals(title: &str) -> String {
    let words: Vec<String> = title
        .split(' ')
        .map(|w| split_glued(w).unwrap_or_else(|| w.to_string()))
        .collect();
    words.join(" ")
}

/// Abbreviations that stand glued to syllables in a title ("TRƯỜNGTHCSĐẠT").
const ABBREVIATIONS: [&str; 8] = ["THCS", "THPT", "GDĐT", "UBND", "HĐND", "GD", "ĐT", "TH"];

/// The one split of `word` into the fewest pieces, when it has one and the word is not itself a
/// syllable; `None` otherwise (also when two splits tie).
fn split_glued(word: &str) -> Option<String> {
    const MIN_LETTERS: usize = 6;
    const MAX_PIECE: usize = 7;
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < MIN_LETTERS
        || !chars.iter().all(|c| c.is_alphabetic() && c.is_uppercase())
        || crate::decode::syllable::is_listed(word)
    {
        return None;
    }
    // best[i]: (pieces, ways, previous cut) for the first i characters.
    let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; chars.len() + 1];
    best[0] = Some((0, 1, 0));
    for end in 1..=chars.len() {
        for start in end.saturating_sub(MAX_PIECE)..end {
            let Some((pieces, ways, _)) = best[start] else {
                continue;
            };
            let piece: String = chars[start..end].iter().collect();
            let known = ABBREVIATIONS.contains(&piece.as_str())
                || (piece.chars().count() > 1 && crate::decode::syllable::is_listed(&piece));
            if !known {
                continue;
            }
            let candidate = pieces + 1;
            best[end] = match best[end] {
                Some((p, w, cut)) if p == candidate => Some((p, w + ways, cut)),
                Some((p, w, cut)) if p < candidate => Some((p, w, cut)),
                _ => Some((candidate, ways, start)),
            };
        }
    }
    let (pieces, ways, _) = best[chars.len()]?;
    if pieces < 2 || ways != 1 {
        return None;
    }
    let mut cuts = Vec::new();
    let mut at = chars.len();
    while at > 0 {
        let (_, _, cut) = best[at]?;
        cuts.push(cut);
        at = cut;
    }
    let mut out = String::new();
    let mut from = 0;
    for &cut in cuts
        .iter()
        .rev()
        .skip(1)
        .chain(std::iter::once(&chars.len()))
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(&chars[from..cut]);
        from = cut;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_that_lost_their_spaces_get_them_back() {
        assert_eq!(
            unglue_capitals("KẾTQUẢ XÉT DUYỆT KHEN THƯỞNG"),
            "KẾT QUẢ XÉT DUYỆT KHEN THƯỞNG"
        );
        assert_eq!(
            unglue_capitals("XÂY DỰNGTRƯỜNGTHCSĐẠTCHUẨNQUỐCGIA"),
            "XÂY DỰNG TRƯỜNG THCS ĐẠT CHUẨN QUỐC GIA"
        );
        // A syllable, a word of lower case, an abbreviation, a foreign word: left alone.
        for title in [
            "NGHIÊNG",
            "Kếtquả",
            "HĐND",
            "COVID-19",
            "ONLINE",
            "UBND TỈNH",
        ] {
            assert_eq!(unglue_capitals(title), title);
        }
    }
}
