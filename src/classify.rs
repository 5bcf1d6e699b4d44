//! Stage 2½: what is being read. Before any rule judges a text, decide whether it is an
//! administrative document (and of which type), a fragment of one (its header is not in the text:
//! it starts or ends mid-document), or not an administrative document at all (a news article, a
//! web page, slides, a list of links, a teacher's "sáng kiến kinh nghiệm"). The decision rests on
//! evidence — the header anchors the segmenter found and the marks of an administrative body
//! (legal basis, numbered sections, "Nơi nhận", a signature block, "Điều 1") — and every piece of
//! evidence is kept with its line, so a reader can see why.
//!
//! Rules declare what they apply to ([`Scope`]); [`Kind::applies`] says which scopes run.

use crate::lang::Lang;
use crate::segment::Structure;
use crate::segment::header::AnchorKind;
use crate::source::SourceFile;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// What the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An administrative document with its header.
    Document,
    /// Part of an administrative document: body text without its header.
    Fragment,
    /// Not an administrative document: news, a web page, slides, a list, a sáng kiến.
    Other,
}

/// How sure the classification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// What a rule needs the text to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Any text: encoding, repeated words, tone style, spacing inside symbols.
    Text,
    /// Facts that hold wherever they are written: impossible dates, anniversary counts and base
    /// dates, registry dates, movement names.
    Facts,
    /// The body of an administrative document, header or not: citations, deadlines against the
    /// issue date, numbering, stale years.
    Body,
    /// The header of a complete administrative document: its number, date and their format.
    Header,
}

impl Scope {
    /// How the scope is named in messages.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Scope::Text => lang.pick("văn bản nói chung", "any text"),
            Scope::Facts => lang.pick("sự kiện, ngày tháng", "facts and dates"),
            Scope::Body => lang.pick(
                "nội dung văn bản hành chính (trích dẫn, thời hạn, đánh số, năm)",
                "the body of an administrative document (citations, deadlines, numbering, years)",
            ),
            Scope::Header => lang.pick(
                "phần đầu văn bản (số, ký hiệu, ngày ban hành)",
                "the document header (number, symbol, issue date)",
            ),
        }
    }
}

impl Kind {
    /// Whether rules of `scope` judge a text of this kind.
    pub fn applies(self, scope: Scope) -> bool {
        match self {
            Kind::Document => true,
            Kind::Fragment => scope != Scope::Header,
            Kind::Other => matches!(scope, Scope::Text | Scope::Facts),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Document => lang.pick("văn bản hành chính", "an administrative document"),
            Kind::Fragment => lang.pick(
                "đoạn trích của văn bản hành chính (không có phần đầu)",
                "an excerpt of an administrative document (no header)",
            ),
            Kind::Other => lang.pick(
                "không phải văn bản hành chính",
                "something other than an administrative document",
            ),
        }
    }
}

/// One piece of evidence: what was seen, and on which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub line: u32,
    pub what: String,
}

/// The classification of one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    pub kind: Kind,
    /// The document type ("Kế hoạch", "Quyết định", "Công văn", "Sáng kiến kinh nghiệm" …), when
    /// it can be told.
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub confidence: Confidence,
    /// Whether documents of this type carry a number ("Số: …"); a báo cáo sáng kiến does not.
    #[serde(skip)]
    pub numbered: bool,
    /// The header may have been lost on the way (the text opens at the type line, or a document
    /// viewer dropped words): what it lacks rests on a guess.
    #[serde(skip)]
    pub header_doubt: bool,
    /// Issued with another document ("(Ban hành kèm theo Quyết định số … ngày …)"): the number
    /// and the date are that document's, not this one's.
    #[serde(skip)]
    pub attached: bool,
    pub evidence: Vec<Evidence>,
}

impl Default for Classification {
    fn default() -> Self {
        Classification {
            kind: Kind::Document,
            doc_type: None,
            confidence: Confidence::Low,
            numbered: true,
            header_doubt: false,
            attached: false,
            evidence: Vec::new(),
        }
    }
}

/// Texts that are no administrative document whatever their layout, by a heading near the top.
static NOT_ADMINISTRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:SÁNG KIẾN KINH NGHIỆM|SKKN\b|BÁO CÁO SÁNG KIẾN|ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN|MÔ TẢ SÁNG KIẾN|BÀI THU HOẠCH|GIÁO ÁN|ĐỀ THI|ĐỀ KIỂM TRA)")
        .expect("valid regex")
});
/// Marks of a body: "Căn cứ", "Điều 1.", "Nơi nhận", "Trên đây là", a section "I.".
static BODY_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Căn cứ|Thực hiện|Điều\s+[0-9]+\s*[.:]|Nơi nhận|Trên đây là|Kính gửi|(?:KT|TM|TL|TUQ)\s*\.\s*\p{Lu})")
        .expect("valid regex")
});
/// Marks of a web page or a news post: share buttons, view counts, "Tin tức", posting lines.
static WEB_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:lượt xem|lượt tải|chia sẻ|đăng lúc|ngày đăng|cập nhật lúc|bình luận|tin tức|tin liên quan|xem thêm|trang chủ|download|tải về|bản rút gọn|tải bản đầy đủ|người đăng|tác giả:)")
        .expect("valid regex")
});

/// Type words of the type line and how documents of the type are numbered.
const TYPES: [(&str, bool); 22] = [
    ("KẾ HOẠCH", true),
    ("QUYẾT ĐỊNH", true),
    ("CHỈ THỊ", true),
    ("THÔNG BÁO", true),
    ("BÁO CÁO", true),
    ("HƯỚNG DẪN", true),
    ("TỜ TRÌNH", true),
    ("CHƯƠNG TRÌNH", true),
    ("NGHỊ QUYẾT", true),
    ("ĐỀ ÁN", true),
    ("PHƯƠNG ÁN", true),
    ("QUY CHẾ", true),
    ("QUY ĐỊNH", true),
    ("GIẤY MỜI", true),
    ("BIÊN BẢN", true),
    ("CÔNG VĂN", true),
    ("THÔNG CÁO", true),
    ("KẾT LUẬN", true),
    ("CÔNG ĐIỆN", true),
    ("GIẤY GIỚI THIỆU", true),
    ("THƯ MỜI", false),
    ("ĐIỀU LỆ", false),
];

/// "KẾ HOẠCH" → "Kế hoạch".
pub fn type_name(upper: &str) -> String {
    let lower = upper.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Classifies a segmented text. `type_of_code` names the type of a symbol's type code ("KH" →
/// "Kế hoạch"), from the rule data.
pub fn classify(
    source: &SourceFile,
    s: &Structure,
    type_of_code: &dyn Fn(&str) -> Option<String>,
) -> Classification {
    let mut evidence = Vec::new();
    let h = &s.header;
    let mut kinds: Vec<AnchorKind> = Vec::new();
    for &(kind, line) in &s.anchors {
        kinds.push(kind);
        evidence.push(Evidence {
            line: line as u32 + 1,
            what: anchor_label(kind).to_string(),
        });
    }
    let has = |k: AnchorKind| kinds.contains(&k);

    // The type: the type line, else the symbol's type code, else a symbol without one (Công văn).
    let symbol = h
        .number
        .as_ref()
        .and_then(|n| n.symbol.as_ref())
        .map(|f| f.text.clone());
    let mut doc_type = h.doc_type.as_ref().map(|t| type_name(&t.text));
    if doc_type.is_none()
        && let Some(sym) = &symbol
    {
        // "2020/QĐ-UBND": a normative symbol's year comes before its type code.
        let code = sym
            .split(['-', '/'])
            .find(|p| !p.chars().all(|c| c.is_ascii_digit()))
            .unwrap_or("");
        // A Công văn is the one type without a type code: "Số: 134/UBND-PNV".
        doc_type = Some(type_of_code(code).unwrap_or_else(|| "Công văn".to_string()));
    }
    let numbered = h.doc_type.as_ref().is_none_or(|t| {
        TYPES
            .iter()
            .find(|(w, _)| t.text.starts_with(w))
            .is_none_or(|(_, n)| *n)
    });

    // Not an administrative document by its own heading, near the top.
    let top_lines = source
        .lines()
        .filter(|(_, _, l)| !l.trim().is_empty())
        .take(12);
    for (idx, _, line) in top_lines {
        if let Some(m) =
            NOT_ADMINISTRATIVE.find(line.trim_start_matches(|c: char| !c.is_alphanumeric()))
        {
            evidence.push(Evidence {
                line: idx as u32 + 1,
                what: format!("tiêu đề \"{}\"", m.as_str().trim()),
            });
            return Classification {
                kind: Kind::Other,
                doc_type: Some(type_name(m.as_str().trim())),
                confidence: Confidence::High,
                numbered: false,
                header_doubt: false,
                attached: false,
                evidence,
            };
        }
    }

    // A blank form ("Số: ……/QĐ-…", "ngày … tháng … năm 20…", "Mẫu số 01") is no issued document.
    if let Some((line, what)) = template_mark(source, s) {
        evidence.push(Evidence {
            line: line as u32 + 1,
            what,
        });
        return Classification {
            kind: Kind::Other,
            doc_type: Some("Mẫu văn bản".to_string()),
            confidence: Confidence::Medium,
            numbered: false,
            header_doubt: false,
            attached: false,
            evidence,
        };
    }
    let body_marks = body_marks(source, s, &mut evidence);
    let strong_header = (has(AnchorKind::Number) || has(AnchorKind::DocType))
        && (has(AnchorKind::PlaceDate) || has(AnchorKind::NationalTitle) || has(AnchorKind::Motto));
    let anchors = kinds.len();
    let type_on_top = anchors == 1 && has(AnchorKind::DocType);
    let (kind, confidence) = if strong_header || anchors >= 3 || (type_on_top && body_marks >= 1) {
        // A document viewer's text drops words and flattens cells: what its header lacks may be
        // the viewer's loss.
        let c = if let Some(line) = viewer_mark(source) {
            evidence.push(Evidence {
                line: line as u32 + 1,
                what: "văn bản qua trình xem tài liệu (có thể mất chữ)".to_string(),
            });
            Confidence::Low
        } else if anchors >= 4 || (anchors >= 3 && body_marks >= 1) {
            Confidence::High
        } else {
            Confidence::Medium
        };
        (Kind::Document, c)
    } else if body_marks >= 2 || (body_marks >= 1 && anchors >= 1) {
        let c = if body_marks >= 3 {
            Confidence::High
        } else {
            Confidence::Medium
        };
        (Kind::Fragment, c)
    } else {
        let web = web_marks(source, &mut evidence);
        let c = if web >= 1 || anchors + body_marks == 0 {
            Confidence::High
        } else {
            Confidence::Medium
        };
        (Kind::Other, c)
    };
    let attached = kind == Kind::Document && {
        let mark = attached_mark(source, s);
        if let Some(line) = mark {
            evidence.push(Evidence {
                line: line as u32 + 1,
                what: "ban hành kèm theo văn bản khác".to_string(),
            });
        }
        mark.is_some()
    };
    Classification {
        kind,
        doc_type,
        confidence,
        numbered,
        header_doubt: type_on_top || confidence == Confidence::Low,
        attached,
        evidence,
    }
}

/// "(Ban hành kèm theo Quyết định số …/QĐ-… ngày …)" under the title: the line that says the
/// text is issued with another document. Looked for from the type line to a few lines into the
/// body, in brackets or opening a line (a body's "các biểu mẫu kèm theo Công văn này" is not it).
fn attached_mark(source: &SourceFile, s: &Structure) -> Option<usize> {
    static ATTACHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\(|^)\s*(?i:ban hành\s+)?(?i:kèm theo)\s+(?i:quyết định|công văn|kế hoạch|thông báo|tờ trình|nghị quyết|chỉ thị|hướng dẫn)")
            .expect("valid regex")
    });
    let h = &s.header;
    let from = h
        .doc_type
        .as_ref()
        .map_or(0, |t| source.line_index(t.span.start));
    let to = source.line_index(s.body.start) + 3;
    (from..=to.min(from + 12))
        .take_while(|&idx| idx < source.line_count())
        .find(|&idx| ATTACHED.is_match(source.line(idx).trim_start()))
}

/// A document viewer's page: "Tải bản đầy đủ", "Bạn đang xem bản rút gọn", "Đang tải...".
fn viewer_mark(source: &SourceFile) -> Option<usize> {
    static VIEWER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)tải bản đầy đủ|bản rút gọn|đang tải\.\.\.|xem toàn văn|dung lượng\s+[0-9]|số trang\s*:?\s*[0-9]|loại file")
            .expect("valid regex")
    });
    source
        .lines()
        .take(60)
        .find(|(_, _, l)| VIEWER.is_match(l))
        .map(|(idx, _, _)| idx)
}

/// A blank form: the header's number and date are placeholders, or a "Mẫu" heading near the top.
fn template_mark(source: &SourceFile, s: &Structure) -> Option<(usize, String)> {
    static FORM: LazyLock<Regex> = LazyLock::new(|| {
        // Not "mẫu giáo" (kindergarten): a form is "Mẫu số 01", "– Mẫu 1", "Mẫu:", "MẪU BIÊN BẢN".
        Regex::new(r"(?:^|[\s(–-])(?:Mẫu|MẪU)(?:\s+(?:số|SỐ))?\s*[0-9]{1,2}\b|^\s*\(?(?:Mẫu|MẪU)\s*:|^\s*MẪU\s+(?:VĂN BẢN|QUYẾT ĐỊNH|KẾ HOẠCH|CÔNG VĂN|BÁO CÁO|TỜ TRÌNH|BIÊN BẢN|ĐƠN)|(?i:tham khảo|tải về|tải)\s+(?:[0-9]+\s+)?(?i:mẫu)\s|\((?i:mẫu)\s|(?:Mẫu|MẪU|mẫu)\s+(?i:báo cáo|quyết định|kế hoạch|công văn|tờ trình|biên bản|đơn|giấy|văn bản|thông báo|hợp đồng)|^\s*\p{Lu}{2,}[^\n]{0,60}?(?:…{2,}|\.{4,}|(?:\. ){3,})")
            .expect("valid regex")
    });
    // `\b` keeps the engine off its DFA on Vietnamese text: the same pattern without it (which
    // matches wherever the full one does) screens each line first.
    static FORM_SCREEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&FORM.as_str().replace(r"\b", "")).expect("valid regex"));
    static YEAR_BLANK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"năm\s+20(?:\.{2,}|…|_)").expect("valid regex"));
    let h = &s.header;
    let number_blank = h.number.as_ref().is_some_and(|n| {
        n.number.is_none()
            && source.text[n.span.start..n.span.end.min(source.text.len())].contains(['…', '.'])
    });
    let date_blank = h
        .place_date
        .as_ref()
        .is_some_and(|pd| pd.day.is_none() && pd.month.is_none());
    if number_blank && date_blank {
        let line = h
            .number
            .as_ref()
            .map_or(0, |n| source.line_index(n.span.start));
        return Some((line, "số và ngày để trống như một mẫu".to_string()));
    }
    for (idx, _, line) in source.lines().take(40) {
        if FORM_SCREEN.is_match(line) && FORM.is_match(line) {
            return Some((idx, "tiêu đề mẫu văn bản".to_string()));
        }
        if YEAR_BLANK.is_match(line) {
            return Some((idx, "năm để trống (\"năm 20…\")".to_string()));
        }
    }
    None
}

fn anchor_label(kind: AnchorKind) -> &'static str {
    match kind {
        AnchorKind::NationalTitle => "quốc hiệu",
        AnchorKind::Motto => "tiêu ngữ",
        AnchorKind::Number => "số, ký hiệu",
        AnchorKind::PlaceDate => "địa danh, ngày ban hành",
        AnchorKind::DocType => "tên loại văn bản",
    }
}

/// Counts the kinds of body marks (each kind once) and records where each was first seen.
fn body_marks(source: &SourceFile, s: &Structure, evidence: &mut Vec<Evidence>) -> usize {
    let mut seen: Vec<&'static str> = Vec::new();
    let mut note = |what: &'static str, line: usize, evidence: &mut Vec<Evidence>| {
        if !seen.contains(&what) {
            seen.push(what);
            evidence.push(Evidence {
                line: line as u32 + 1,
                what: what.to_string(),
            });
        }
    };
    if let Some(b) = s.basis.first() {
        note("căn cứ pháp lý", source.line_index(b.span.start), evidence);
    }
    let roman = s
        .items
        .iter()
        .filter(|i| matches!(i.marker, crate::segment::Marker::Roman(_)))
        .count();
    if roman >= 2 {
        let first = s
            .items
            .iter()
            .find(|i| matches!(i.marker, crate::segment::Marker::Roman(_)));
        note("các mục I, II…", first.map_or(0, |i| i.line), evidence);
    }
    if let Some(r) = &s.recipients_heading {
        note("nơi nhận", source.line_index(r.span.start), evidence);
    }
    if let Some(a) = &s.signature.authority {
        note("thẩm quyền ký", source.line_index(a.span.start), evidence);
    }
    for (idx, _, line) in source.lines() {
        let t = line.trim_start();
        if let Some(m) = BODY_MARK.find(t) {
            let what = if m.as_str().starts_with("Điều") {
                "điều khoản (Điều 1…)"
            } else if m.as_str().starts_with("Kính gửi") {
                "kính gửi"
            } else {
                continue;
            };
            note(what, idx, evidence);
        }
    }
    seen.len()
}

/// Counts lines that are marks of a web page, recording the first few.
fn web_marks(source: &SourceFile, evidence: &mut Vec<Evidence>) -> usize {
    let mut n = 0;
    for (idx, _, line) in source.lines().take(200) {
        if let Some(m) = WEB_MARK.find(line) {
            if n < 3 {
                evidence.push(Evidence {
                    line: idx as u32 + 1,
                    what: format!("dấu hiệu trang web \"{}\"", m.as_str()),
                });
            }
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::analyze;
    use crate::ruledata::RuleData;

    fn classify_text(text: &str) -> Classification {
        analyze(&SourceFile::new("t", text), RuleData::builtin()).document
    }

    #[test]
    fn documents_fragments_and_other_texts() {
        let doc = classify_text(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 45/QĐ-THCS\nA, ngày 15 tháng 9 năm 2024\nQUYẾT ĐỊNH\nVề việc thành lập Hội đồng\nCăn cứ Luật;\nĐiều 1. Thành lập.\n",
        );
        assert_eq!(
            (doc.kind, doc.confidence),
            (Kind::Document, Confidence::High)
        );
        assert_eq!(doc.doc_type.as_deref(), Some("Quyết định"));
        let cv = classify_text(
            "UBND HUYỆN A\nSố: 134/UBND-PNV          A, ngày 29 tháng 7 năm 2020\nV/v chấn chỉnh thi đua\nKính gửi: các trường\n",
        );
        assert_eq!(cv.doc_type.as_deref(), Some("Công văn"));
        let fragment = classify_text(
            "3. Thi đua dạy tốt.\nTrên đây là kế hoạch.\nNơi nhận:\n- Lưu: VT.\nKT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n",
        );
        assert_eq!(fragment.kind, Kind::Fragment);
        let news = classify_text("Tin tức | Lượt xem: 12\nSáng nay liên đội phát động thi đua.\n");
        assert_eq!(
            (news.kind, news.confidence),
            (Kind::Other, Confidence::High)
        );
    }

    #[test]
    fn forms_and_initiative_reports_are_not_documents() {
        let form = classify_text(
            "Mẫu quyết định khen thưởng\nTRƯỜNG TIỂU HỌC…….\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: ……/QĐ-…\n……, ngày … tháng … năm 20…\nQUYẾT ĐỊNH\n",
        );
        assert_eq!(form.kind, Kind::Other);
        assert_eq!(form.doc_type.as_deref(), Some("Mẫu văn bản"));
        let skkn = classify_text(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBÁO CÁO SÁNG KIẾN\nBiện pháp nâng cao chất lượng\n",
        );
        assert_eq!((skkn.kind, skkn.numbered), (Kind::Other, false));
        // A kindergarten ("trường mẫu giáo") is no form.
        let mg = classify_text(
            "PHÒNG GD&ĐT A\nTRƯỜNG MẪU GIÁO B\nSố: 5/KH-MGB\nA, ngày 05 tháng 9 năm 2024\nKẾ HOẠCH\nThi đua\n",
        );
        assert_eq!(mg.kind, Kind::Document);
    }

    #[test]
    fn scopes_by_kind() {
        assert!(Kind::Document.applies(Scope::Header));
        assert!(!Kind::Fragment.applies(Scope::Header) && Kind::Fragment.applies(Scope::Body));
        assert!(!Kind::Other.applies(Scope::Body) && Kind::Other.applies(Scope::Facts));
    }
}
