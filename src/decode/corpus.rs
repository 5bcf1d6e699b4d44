//! The generated test corpus: every damaged or legacy form of a set of clean documents, decoded back
//! and scored by token accuracy.
//!
//! Used by `tests/it/decode_corpus.rs` (which asserts the targets), `examples/decode_accuracy.rs` (which
//! prints the table) and the benchmark (which times the same forms at scale).

use super::charsets::{CHARSETS, TestForm};
use super::encode::{self, Undefined};
use super::{decode, decode_str, viet};
use unicode_normalization::UnicodeNormalization;

/// Sentences of our own, added to the seeds: headings in capitals, old and new tone placement,
/// abbreviations, e-mail, numbers, English words.
pub const OWN_SENTENCES: &str = "\
UBND HUYỆN LỘC NINH
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-THCS
KẾ HOẠCH
Tổ chức phong trào thi đua \"Dạy tốt, học tốt\" năm học 2024-2025
Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Uỷ ban nhân dân xã, Ủy ban Mặt trận Tổ quốc, khoá học mới, khóa XV, hoà bình, hòa nhập, thuỷ lợi.
Mọi ý kiến xin gửi về email: phonggd@locninh.edu.vn hoặc số điện thoại 0271.3866.123.
Nhà trường phối hợp với Ban đại diện cha mẹ học sinh tổ chức Hội khỏe Phù Đổng cấp trường.
Giáo viên ứng dụng công nghệ thông tin, phần mềm Microsoft Teams và Google Meet trong dạy học.
Người ký: Nguyễn Thị Hương, Hiệu trưởng trường THPT Lộc Thái.
Nơi nhận: - Như trên; - Lưu: VT.";

/// How a form is fed to the decoder.
pub enum Input {
    Bytes(Vec<u8>),
    Text(String),
}

/// How a form is made from clean text.
enum Make {
    /// A transformation of its own.
    Own(fn(&str) -> Input),
    /// A charset's test form ([`TestForm`]): raw bytes.
    Bytes(TestForm),
    /// A charset's test form, its bytes read through Windows-1252 into Unicode text.
    ThroughCp1252(TestForm),
}

/// One form of the corpus.
pub struct Form {
    pub name: &'static str,
    /// Whole-file forms must be decoded perfectly; mixed forms have a lower bar.
    pub whole_file: bool,
    make: Make,
    /// The encoder whose '?' for characters it cannot carry the best decoding keeps.
    lossy: Option<TestForm>,
    /// The token accuracy this form must reach, when it is not the default of its kind (100% whole
    /// file, 99.9% mixed): damage that loses information (a deleted ư) has a lower bar.
    pub target: Option<f64>,
}

impl Form {
    /// The form of `text`, as fed to the decoder.
    pub fn make(&self, text: &str) -> Input {
        match self.make {
            Make::Own(f) => f(text),
            Make::Bytes(form) => Input::Bytes(form.encode(text)),
            Make::ThroughCp1252(form) => Input::Text(encode::read_as_cp1252(&form.encode(text))),
        }
    }

    /// The best any decoder can do for this form of `text` (characters the charset cannot
    /// carry become '?').
    pub fn expected(&self, text: &str) -> String {
        match self.lossy {
            Some(form) => representable(text, form),
            None => text.to_string(),
        }
    }

    fn own(name: &'static str, whole_file: bool, make: fn(&str) -> Input) -> Form {
        Form {
            name,
            whole_file,
            make: Make::Own(make),
            lossy: None,
            target: None,
        }
    }
}

/// The source with every character that `form` cannot carry replaced by '?'.
fn representable(t: &str, form: TestForm) -> String {
    t.chars()
        .map(|c| {
            let mut b = [0u8; 4];
            if c != '?' && form.encode(c.encode_utf8(&mut b)) == b"?" {
                '?'
            } else {
                c
            }
        })
        .collect()
}

fn utf16le(t: &str) -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    v.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
    v
}

/// Every form we generate: Unicode forms, every charset's test forms ([`CHARSETS`]) as raw bytes,
/// those with a Windows-1252 form read through it, mojibake, mixed damage and residue.
pub fn forms() -> Vec<Form> {
    let mut v = vec![
        Form::own("utf-8 clean", true, |t| Input::Bytes(t.as_bytes().to_vec())),
        Form::own("utf-8 + BOM", true, |t| {
            Input::Bytes([b"\xEF\xBB\xBF".as_slice(), t.as_bytes()].concat())
        }),
        Form::own("utf-16le", true, |t| Input::Bytes(utf16le(t))),
        Form::own("nfd", true, |t| {
            Input::Bytes(t.nfd().collect::<String>().into_bytes())
        }),
        Form::own("unicode tổ hợp", true, |t| {
            Input::Bytes(encode::decompose_tones(t).into_bytes())
        }),
    ];
    let test_forms = || CHARSETS.iter().flat_map(|c| c.test_forms);
    v.extend(test_forms().map(|f| Form {
        name: f.name,
        whole_file: true,
        make: Make::Bytes(*f),
        lossy: f.lossy.then_some(*f),
        target: None,
    }));
    v.extend(test_forms().filter_map(|f| {
        Some(Form {
            name: f.cp1252_form?,
            whole_file: true,
            make: Make::ThroughCp1252(*f),
            lossy: f.lossy.then_some(*f),
            target: None,
        })
    }));
    let mojibake = |name, make| Form::own(name, true, make);
    v.extend([
        mojibake("utf-8 mojibake (C1 kept)", |t| {
            Input::Text(encode::utf8_mojibake(t, Undefined::Keep))
        }),
        mojibake("utf-8 mojibake (dropped)", |t| {
            Input::Text(encode::utf8_mojibake(t, Undefined::Drop))
        }),
        mojibake("utf-8 mojibake (U+FFFD)", |t| {
            Input::Text(encode::utf8_mojibake(t, Undefined::Replace))
        }),
        mojibake("utf-8 double mojibake", |t| {
            Input::Text(encode::utf8_mojibake(
                &encode::utf8_mojibake(t, Undefined::Keep),
                Undefined::Keep,
            ))
        }),
        Form::own("mixed damaged lines", false, |t| {
            Input::Text(damage_lines(t))
        }),
        Form::own("mixed damaged words", false, |t| {
            Input::Text(damage_words(t))
        }),
        Form::own("windows-1258 read as cp1252, lines", false, |t| {
            Input::Text(cp1258_lines(t))
        }),
    ]);
    let residue = |name, whole_file, make| Form {
        target: Some(99.5),
        ..Form::own(name, whole_file, make)
    };
    v.extend([
        residue("tcvn3 ư as soft hyphen", true, |t| {
            Input::Text(soft_hyphen_u(t))
        }),
        residue("tcvn3 ư lost", true, |t| Input::Text(lost_u(t))),
        residue("vni letters left", true, |t| {
            Input::Text(vni_letters_left(t))
        }),
        residue("tcvn3 ư lost, vni letters left", false, |t| {
            Input::Text(residue_lines(t))
        }),
        residue("tcvn3 ư as soft hyphen, lines", false, |t| {
            Input::Text(soft_hyphen_lines(t))
        }),
    ]);
    v
}

/// The encoders of the charsets whose bytes read through Windows-1252 the mixed forms cycle
/// through (then UTF-8 mojibake), in [`CHARSETS`] order. Windows-1258 has a mixed form of its
/// own ([`cp1258_lines`]), so that the older mixed forms stay the texts they were.
fn cp1252_encoders() -> Vec<TestForm> {
    CHARSETS
        .iter()
        .flat_map(|c| c.test_forms)
        .filter(|f| f.cp1252_form.is_some() && f.name != "windows-1258")
        .copied()
        .collect()
}

/// Every third line (of those with a non-ASCII letter) as Windows-1258 bytes read through
/// Windows-1252; the others stay correct Unicode.
pub fn cp1258_lines(t: &str) -> String {
    t.split('\n')
        .enumerate()
        .map(|(i, l)| {
            if i % 3 == 1 && !l.is_ascii() {
                encode::read_as_cp1252(&encode::encode_cp1258(l))
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every plain ư/Ư as the soft hyphen U+00AD (TCVN3's ư byte 0xAD read through cp1252).
pub fn soft_hyphen_u(t: &str) -> String {
    t.replace(['ư', 'Ư'], "\u{AD}")
}

/// Every plain ư/Ư deleted (the soft hyphen dropped by a later conversion).
pub fn lost_u(t: &str) -> String {
    t.replace(['ư', 'Ư'], "")
}

/// VNI's one-byte letters ị ỉ ĩ ỵ (and capitals) left as their Latin-1 readings.
pub fn vni_letters_left(t: &str) -> String {
    t.chars()
        .map(|c| match c {
            'ị' => 'ò',
            'Ị' => 'Ò',
            'ỉ' => 'æ',
            'Ỉ' => 'Æ',
            'ĩ' => 'ó',
            'Ĩ' => 'Ó',
            'ỵ' => 'î',
            'Ỵ' => 'Î',
            c => c,
        })
        .collect()
}

/// Every third line with its ư lost, every third (other) line with VNI letters left.
pub fn residue_lines(t: &str) -> String {
    t.split('\n')
        .enumerate()
        .map(|(i, l)| match i % 3 {
            1 => lost_u(l),
            2 => vni_letters_left(l),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every third line with its ư as a soft hyphen; the others stay correct Unicode.
pub fn soft_hyphen_lines(t: &str) -> String {
    t.split('\n')
        .enumerate()
        .map(|(i, l)| {
            if i % 3 == 1 {
                soft_hyphen_u(l)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One of the cp1252 damages, chosen by `k`: each charset's of [`cp1252_encoders`], then UTF-8
/// mojibake.
pub fn damage(text: &str, k: usize) -> String {
    let encoders = cp1252_encoders();
    match encoders.get(k % (encoders.len() + 1)) {
        Some(f) => encode::read_as_cp1252(&f.encode(text)),
        None => encode::utf8_mojibake(text, Undefined::Keep),
    }
}

/// Whether damage `k` ([`damage`]) can carry `text` (TCVN3/ABC has no toned capitals).
fn carries(text: &str, k: usize) -> bool {
    let encoders = cp1252_encoders();
    encoders
        .get(k % (encoders.len() + 1))
        .is_none_or(|f| !f.lossy || representable(text, *f) == text)
}

/// Whether every damage can carry `text`.
fn every_damage_carries(text: &str) -> bool {
    (0..=cp1252_encoders().len()).all(|k| carries(text, k))
}

/// Every third line damaged, cycling through TCVN3, VNI and UTF-8 mojibake.
pub fn damage_lines(t: &str) -> String {
    t.split('\n')
        .enumerate()
        .map(|(i, l)| {
            if i % 3 == 1 && !l.is_ascii() && every_damage_carries(l) {
                damage(l, i / 3)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// In every line with Vietnamese words, one such word damaged (cycling through the damages).
pub fn damage_words(t: &str) -> String {
    let mut k = 0usize;
    t.split('\n')
        .map(|l| {
            let words: Vec<&str> = l.split(' ').collect();
            let viet_words: Vec<usize> = (0..words.len())
                .filter(|&i| {
                    let w = words[i];
                    w.chars().all(viet::is_viet_letter) && !w.is_ascii()
                })
                .collect();
            if viet_words.is_empty() {
                return l.to_string();
            }
            let target = viet_words[k % viet_words.len()];
            let mut kind = k;
            // Toned capitals cannot be written in TCVN3: use the next damage for those.
            if !carries(words[target], kind) {
                kind += 1;
            }
            k += 1;
            words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if i == target {
                        damage(w, kind)
                    } else {
                        (*w).to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Token accuracy of one decoded document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Accuracy {
    pub tokens: usize,
    pub correct: usize,
    /// Correct when letter case is ignored (TCVN3 cannot store toned capitals).
    pub correct_ignoring_case: usize,
    /// Lines whose line count or alignment differs.
    pub bad_lines: usize,
}

impl Accuracy {
    pub fn add(&mut self, o: Accuracy) {
        self.tokens += o.tokens;
        self.correct += o.correct;
        self.correct_ignoring_case += o.correct_ignoring_case;
        self.bad_lines += o.bad_lines;
    }

    pub fn percent(&self) -> f64 {
        if self.tokens == 0 {
            100.0
        } else {
            100.0 * self.correct as f64 / self.tokens as f64
        }
    }

    pub fn percent_ignoring_case(&self) -> f64 {
        if self.tokens == 0 {
            100.0
        } else {
            100.0 * self.correct_ignoring_case as f64 / self.tokens as f64
        }
    }
}

/// Compares expected and decoded text token by token, line by line.
pub fn accuracy(expected: &str, got: &str) -> Accuracy {
    let mut acc = Accuracy::default();
    let el: Vec<&str> = expected.split('\n').collect();
    let gl: Vec<&str> = got.split('\n').collect();
    if el.len() != gl.len() {
        acc.bad_lines += el.len().abs_diff(gl.len());
    }
    for (i, e) in el.iter().enumerate() {
        let et: Vec<&str> = e.split_whitespace().collect();
        let gt: Vec<&str> = gl
            .get(i)
            .map(|g| g.split_whitespace().collect())
            .unwrap_or_default();
        acc.tokens += et.len();
        if et.len() != gt.len() {
            acc.bad_lines += 1;
        }
        for (j, t) in et.iter().enumerate() {
            let g = gt.get(j).copied().unwrap_or("");
            if *t == g {
                acc.correct += 1;
            }
            if t.to_lowercase() == g.to_lowercase() {
                acc.correct_ignoring_case += 1;
            }
        }
    }
    acc
}

/// Decodes one form of a text.
pub fn run_form(form: &Form, text: &str) -> (String, Accuracy) {
    let got = match form.make(text) {
        Input::Bytes(b) => decode(&b).map(|d| d.text).unwrap_or_default(),
        Input::Text(t) => decode_str(&t).text,
    };
    let expected = form.expected(text);
    let acc = accuracy(&expected, &got);
    (got, acc)
}

/// Loads the clean sources: the seeds (decoded, so that their own damage is repaired first) and
/// [`OWN_SENTENCES`].
pub fn sources(seed_dir: &std::path::Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(seed_dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| {
                    let bytes = std::fs::read(e.path()).ok()?;
                    let text = decode(&bytes).ok()?.text;
                    Some((e.file_name().to_string_lossy().into_owned(), text))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v.push(("own sentences".to_string(), OWN_SENTENCES.to_string()));
    v
}

/// Accuracy of every form over all sources.
pub fn table(sources: &[(String, String)]) -> Vec<(Form, Accuracy)> {
    forms()
        .into_iter()
        .map(|f| {
            let mut total = Accuracy::default();
            for (_, text) in sources {
                total.add(run_form(&f, text).1);
            }
            (f, total)
        })
        .collect()
}
