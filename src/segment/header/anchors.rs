//! The anchors of a header (national title, motto, "Số …", place and date, type line) and the
//! cells they are cut from.

use super::*;

/// The national title; "NGHIA" for "NGHĨA" as lossy text has it.
pub(super) static NATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGH(?:ĨA|IA)\s+VIỆT\s+NAM")
        .expect("valid regex")
});
/// The motto; "Độc lập - Tự - Hạnh phúc" too: a search index's text drops short words ("do",
/// "cứ", "quả").
pub(super) static MOTTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)Độc\s+lập\s*[-–—]+\s*Tự(?:\s+do)?\s*[-–—]+\s*Hạnh\s+phúc")
        .expect("valid regex")
});
/// "Số: 21/KH-THPTLT", "Số 10-KH/LĐ", "Số  15 – KH/ ĐT", "Số: /KH-PGDĐT", "Số: ……/QĐ-X", "Số:".
pub(super) static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s(])(?P<kw>Số|SỐ)(?P<colon>[ \t]*:)?[ \t]*(?P<num>[0-9]{1,5})?[ \t]*[.…_]*[ \t]*(?:(?P<sep>[/–—-])[ \t]*(?P<sym>(?:[0-9]{4}[ \t]*/[ \t]*)?[A-ZĐ][\p{L}0-9&.]*(?:[ \t]*[-–—/&][ \t]*[\p{Lu}0-9][\p{L}0-9&.]*)*))?",
    )
    .expect("valid regex")
});
/// ", ngày 05 tháng 3 năm 2021" (the place is read backwards from the comma).
pub(super) static DATE_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?P<comma>,[ \t]*)?ngày[ \t]*(?P<d>[0-9]{1,2})?[ \t.…_]*tháng[ \t]*(?P<m>[0-9]{1,2})?[ \t.…_]*năm[ \t]*(?P<y>[0-9]{4})?",
    )
    .expect("valid regex")
});
/// Any of [`NATIONAL`], [`MOTTO`], [`NUMBER`] and [`DATE_PART`], in one pass: most lines of the
/// header window hold none, and then one scan of the set stands for four.
static ANY_ANCHOR: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new([
        NATIONAL.as_str(),
        MOTTO.as_str(),
        NUMBER.as_str(),
        DATE_PART.as_str(),
    ])
    .expect("valid regexes")
});
/// The type words a type line starts with.
pub(super) const DOC_TYPE_WORDS: [&str; 23] = [
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "THÔNG BÁO",
    "BÁO CÁO",
    "HƯỚNG DẪN",
    "TỜ TRÌNH",
    "CHƯƠNG TRÌNH",
    "NGHỊ QUYẾT",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "GIẤY MỜI",
    "BIÊN BẢN",
    "CÔNG VĂN",
    "THÔNG CÁO",
    "KẾT LUẬN",
    "CÔNG ĐIỆN",
    "GIẤY GIỚI THIỆU",
    "THƯ MỜI",
    "ĐIỀU LỆ",
    "DỰ ÁN",
];
pub(super) static DOC_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{})(?:$|[\s.:“\x22(])",
        DOC_TYPE_WORDS.join("|")
    ))
    .expect("valid regex")
});
/// The deciding authority under a Quyết định's title ("HIỆU TRƯỞNG TRƯỜNG …", "CHỦ TỊCH ỦY BAN …").
pub(super) static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:HIỆU TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG PHÒNG|TRƯỞNG BAN|BỘ TRƯỞNG|THỦ TRƯỞNG|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG)\b")
        .expect("valid regex")
});
/// "Tác giả:", "Kính gửi:": a label line, which no title runs into.
pub(super) static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:năm học\s*:)|^(\p{Lu}[\p{L} ]{1,20}:)").expect("valid regex")
});
/// Lines that start the body: legal basis, an opening formula.
pub(super) static BODY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Căn cứ|Thực hiện|Thi hành|Theo đề nghị|Kính gửi)\b").expect("valid regex")
});

/// A copy of the window where the line breaks inside one header cell are spaces (same bytes, so
/// offsets hold): "Số:" followed by its number on a later line, a place name broken before its
/// last word ("Hà" / "Nội, ngày …").
pub(super) fn join_split_cells(window: &str) -> Cow<'_, str> {
    static NUMBER_ALONE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\s)(?:Số|SỐ)[ \t]*:?[ \t]*$").expect("valid regex"));
    static NUMBER_NEXT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[ \t]*[0-9./…_]").expect("valid regex"));
    static PLACE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[ \t]{3,}|\t)\p{Lu}\p{Ll}*[ \t]*$").expect("valid regex")
    });
    static PLACE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[ \t]*\p{Lu}?\p{Ll}+(?:[ \t]+\p{L}+){0,2}[ \t]*,[ \t]*(?i:ngày)")
            .expect("valid regex")
    });
    // "Kon Tum, ngày 11" / "tháng 11 năm 2019"; "CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM".
    static DATE_CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i),[ \t]*ngày[ \t]*[0-9]{0,2}[ \t]*(?:tháng[ \t]*[0-9]{0,2}[ \t]*)?$")
            .expect("valid regex")
    });
    static DATE_REST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^[ \t]*(?:tháng|năm)\b").expect("valid regex"));
    static NATIONAL_CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)CỘNG[ \t]+H(?:ÒA|OÀ)(?:[ \t]+XÃ[ \t]+HỘI)?[ \t]*$").expect("valid regex")
    });
    static NATIONAL_REST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[ \t]*(?:XÃ[ \t]+HỘI[ \t]+)?CHỦ[ \t]+NGHĨA").expect("valid regex")
    });
    let mut joined: Option<Vec<u8>> = None;
    let lines = lines_of(window, usize::MAX);
    for (k, &(_, start, line)) in lines.iter().enumerate() {
        let Some(next) = lines[k + 1..].iter().find(|l| !l.2.trim().is_empty()) else {
            continue;
        };
        let adjacent = next.0 == k + 1;
        let joins = (NUMBER_ALONE.is_match(line) && NUMBER_NEXT.is_match(next.2))
            || (PLACE_HEAD.is_match(line) && PLACE_TAIL.is_match(next.2) && adjacent)
            || (DATE_CUT.is_match(line) && DATE_REST.is_match(next.2) && adjacent)
            || (NATIONAL_CUT.is_match(line) && NATIONAL_REST.is_match(next.2) && adjacent);
        if joins {
            let bytes = joined.get_or_insert_with(|| window.as_bytes().to_vec());
            for b in &mut bytes[start + line.len()..next.1] {
                if *b == b'\n' {
                    *b = b' ';
                }
            }
        }
    }
    // Only ASCII newlines became ASCII spaces, so the bytes are still UTF-8.
    match joined {
        None => Cow::Borrowed(window),
        Some(bytes) => Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| window.to_string())),
    }
}

pub(super) fn piece_start(p: &Piece) -> usize {
    match p {
        Piece::Plain(f) | Piece::National(f) | Piece::Motto(f) | Piece::DocType(f, _) => {
            f.span.start
        }
        Piece::Number(n) => n.span.start,
        Piece::PlaceDate(pd) => pd.span.start,
    }
}

/// Splits one cell into anchors and the plain text between them.
pub(super) fn cell_pieces(cell: &Field) -> Vec<Piece> {
    let mut out = Vec::new();
    let text = cell.text.as_str();
    let base = cell.span.start;
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let lead = rest.len() - rest.trim_start().len();
        let rest_trimmed = &rest[lead..];
        // The type line is only a type line at the start of what is left of the cell.
        let typed = DOC_TYPE
            .find(rest_trimmed)
            .map(|m| {
                let end = m
                    .as_str()
                    .trim_end_matches([' ', '\t', '.', ':', '“', '"', '('])
                    .len();
                (end, rest_trimmed[..end].to_string())
            })
            .or_else(|| glued_type(rest_trimmed));
        if let Some((word_end, type_text)) = typed {
            let at = base + pos + lead;
            let ty = Field {
                text: type_text,
                span: Span::new(at, at + word_end),
            };
            let after = &rest_trimmed[word_end..];
            let after_trim = after.trim_start_matches([' ', '\t', ':', '.']);
            let title = (!after_trim.trim().is_empty()).then(|| {
                let off = word_end + (after.len() - after_trim.len());
                field(after_trim.trim_end(), at + off)
            });
            out.push(Piece::DocType(ty, title));
            break;
        }
        // Each anchor below is a match of one of the set's patterns (then validated).
        let next = ANY_ANCHOR.is_match(rest).then(|| {
            [
                NATIONAL.find(rest).map(|m| (m.start(), m.end(), 0)),
                MOTTO.find(rest).map(|m| (m.start(), m.end(), 1)),
                number_match(rest).map(|(s, e, _)| (s, e, 2)),
                place_date_match(rest).map(|(s, e, _)| (s, e, 3)),
            ]
            .into_iter()
            .flatten()
            .min_by_key(|&(s, _, kind)| (s, kind))
        });
        let Some((s, e, kind)) = next.flatten() else {
            push_plain(&mut out, rest, base + pos);
            break;
        };
        push_plain(&mut out, &rest[..s], base + pos);
        let at = base + pos + s;
        let piece = &rest[s..e];
        out.push(match kind {
            0 => Piece::National(field(piece, at)),
            1 => Piece::Motto(field(piece, at)),
            2 => match number_match(piece) {
                Some((_, _, n)) => Piece::Number(n.offset(at)),
                None => Piece::Plain(field(piece, at)),
            },
            _ => match place_date_match(piece) {
                Some((_, _, pd)) => Piece::PlaceDate(pd.offset(at)),
                None => Piece::Plain(field(piece, at)),
            },
        });
        pos += e.max(s + 1);
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

/// A type word whose spaces a PDF lost, glued to the title ("BÁOCÁOKIỂMTRA …"): its length in
/// the text and the type as it is spelled.
pub(super) fn glued_type(text: &str) -> Option<(usize, String)> {
    static GLUED: LazyLock<Regex> = LazyLock::new(|| {
        let types = DOC_TYPE_WORDS.map(|t| t.replace(' ', "")).join("|");
        Regex::new(&format!(r"^(?:{types})")).expect("valid regex")
    });
    let m = GLUED.find(text)?;
    // Glued to what follows, which must be capitals too (no "BÁOCÁOviên").
    let next = text[m.end()..].chars().next();
    if !next.is_none_or(|c| c.is_uppercase() || c.is_whitespace()) {
        return None;
    }
    let spelled = DOC_TYPE_WORDS
        .iter()
        .find(|t| t.replace(' ', "") == m.as_str())?;
    Some((m.end(), (*spelled).to_string()))
}

pub(super) fn push_plain(out: &mut Vec<Piece>, text: &str, start: usize) {
    let edge = |c: char| c.is_whitespace() || "*-–—_=~.,;:|".contains(c);
    let from_lead = text.trim_start_matches(edge);
    let trimmed = from_lead.trim_end_matches(edge);
    if trimmed.chars().any(char::is_alphanumeric) {
        let lead = text.len() - from_lead.len();
        out.push(Piece::Plain(field(trimmed, start + lead)));
    }
}

pub(super) trait Offset {
    fn offset(self, by: usize) -> Self;
}

impl Offset for Field {
    fn offset(self, by: usize) -> Self {
        Field {
            text: self.text,
            span: self.span.offset(by),
        }
    }
}

impl Offset for NumberLine {
    fn offset(self, by: usize) -> Self {
        NumberLine {
            span: self.span.offset(by),
            number: self.number.map(|f| f.offset(by)),
            symbol: self.symbol.map(|f| f.offset(by)),
        }
    }
}

impl Offset for PlaceDate {
    fn offset(self, by: usize) -> Self {
        PlaceDate {
            span: self.span.offset(by),
            place: self.place.offset(by),
            day: self.day.map(|f| f.offset(by)),
            month: self.month.map(|f| f.offset(by)),
            year: self.year.map(|f| f.offset(by)),
            date: self.date,
        }
    }
}

/// The first "Số …" line in `text`: (start, end, the line with spans relative to `text`).
pub(super) fn number_match(text: &str) -> Option<(usize, usize, NumberLine)> {
    for c in NUMBER.captures_iter(text) {
        let kw = c.name("kw")?;
        let num = c.name("num");
        let sym = c.name("sym");
        // Without a colon, "Số" is an ordinary word unless a number and a symbol follow.
        if c.name("colon").is_none() && (num.is_none() || sym.is_none()) {
            continue;
        }
        // "Số: 2 học sinh": a number with no symbol and more words after it is no number line.
        if sym.is_none()
            && num.is_some()
            && text[c.get(0)?.end()..]
                .trim_start()
                .starts_with(|ch: char| ch.is_alphabetic())
        {
            continue;
        }
        let start = kw.start();
        let symbol = sym.map(|s| {
            let raw = s.as_str().trim_end_matches(['.', ',', ';']);
            Field {
                text: raw.chars().filter(|c| !c.is_whitespace()).collect(),
                span: Span::new(s.start(), s.start() + raw.len()),
            }
        });
        let whole_end = c.get(0)?.end();
        let end = symbol
            .as_ref()
            .map_or_else(|| num.map_or(whole_end, |n| n.end()), |s| s.span.end);
        let end = text[..end].trim_end().len().max(kw.end());
        return Some((
            start,
            end,
            NumberLine {
                span: Span::new(start, end),
                number: num.map(|n| field(n.as_str(), n.start())),
                symbol,
            },
        ));
    }
    None
}

/// The first place-and-date in `text`: "Lộc Ninh, ngày 05 tháng 3 năm 2021" (or the date part
/// alone at the start of a cell, when the place is missing).
pub(super) fn place_date_match(text: &str) -> Option<(usize, usize, PlaceDate)> {
    for c in DATE_PART.captures_iter(text) {
        let whole = c.get(0)?;
        let place = if c.name("comma").is_some() {
            place_before(&text[..whole.start()])
        } else {
            None
        };
        let at_cell_start = text[..whole.start()].trim().is_empty();
        let place = match place {
            Some(p) => p,
            None if at_cell_start => field("", whole.start()),
            None => continue,
        };
        let get = |name| c.name(name).map(|m| field(m.as_str(), m.start()));
        let (day, month, year) = (get("d"), get("m"), get("y"));
        // A bare "ngày tháng năm" with nothing filled is a form label, not a header date, unless a
        // place names it.
        if place.text.is_empty() && day.is_none() && month.is_none() && year.is_none() {
            continue;
        }
        let num = |f: &Option<Field>| f.as_ref().and_then(|f| f.text.parse::<u32>().ok());
        let date = match (num(&day), num(&month), num(&year)) {
            (Some(d), Some(m), Some(y)) => Date::new(y as i32, m, d),
            _ => None,
        };
        let start = if place.text.is_empty() {
            whole.start() + c.name("comma").map_or(0, |m| m.len())
        } else {
            place.span.start
        };
        let end = text[..whole.end()].trim_end().len();
        return Some((
            start,
            end,
            PlaceDate {
                span: Span::new(start, end),
                place,
                day,
                month,
                year,
                date,
            },
        ));
    }
    None
}

/// The place name right before ", ngày": up to six capitalised words ("Thường Thới Hậu A",
/// "TP. Hồ Chí Minh"), stopping where an agency in capitals ends and the title-case place begins.
pub(super) fn place_before(text: &str) -> Option<Field> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let mut taken: Vec<(usize, &str)> = Vec::new();
    for &(at, w) in words.iter().rev() {
        let first = w.chars().next()?;
        let capitalised = first.is_uppercase() || first.is_ascii_digit();
        if !capitalised || taken.len() == 6 || w.ends_with([',', ';', ':', ')']) {
            break;
        }
        let is_caps = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        // "TRƯỜNG TH TÂY BẮC SƠN Phong Sơn": the capitals are the agency, not the place; but a
        // place may start with "TP." or be written in capitals as a whole.
        if is_caps && !w.ends_with('.') && taken.iter().any(|(_, t)| !is_upper_word(t)) {
            break;
        }
        taken.push((at, w));
    }
    let &(first_at, _) = taken.last()?;
    let &(last_at, last) = taken.first()?;
    let end = last_at + last.len();
    Some(Field {
        text: squeeze(&text[first_at..end]),
        span: Span::new(first_at, end),
    })
}

/// Whether a line holds a header anchor (a second header, a flattened table row).
pub(super) fn has_header_anchor(t: &str) -> bool {
    // A "Số …" inside a title ("… KÈM THEO QUYẾT ĐỊNH SỐ 13/2018/QĐ-UBND") is a citation.
    NATIONAL.is_match(t)
        || MOTTO.is_match(t)
        || number_match(t).is_some_and(|(s, _, _)| s == 0)
        || {
            DATE_PART
                .captures(t)
                .is_some_and(|c| c.name("comma").is_some() && c.name("y").is_some())
        }
}
