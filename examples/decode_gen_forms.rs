//! Writes the benchmark forms of the corpus to files, for profiling or for timing other tools.
//!
//! Usage: cargo run --release --example decode_gen_forms -- SEED_DIR OUT_DIR MB

use vblint::decode::{corpus, encode};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (seeds, out, mb) = match args.as_slice() {
        [_, s, o, m] => (s.clone(), o.clone(), m.parse::<usize>().unwrap_or(10)),
        _ => {
            eprintln!("usage: decode_gen_forms SEED_DIR OUT_DIR MB");
            return;
        }
    };
    let sources = corpus::sources(std::path::Path::new(&seeds));
    let one: String = sources
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut clean = String::new();
    while clean.len() < mb * 1_000_000 {
        clean.push_str(&one);
        clean.push('\n');
    }
    let forms: Vec<(&str, Vec<u8>)> = vec![
        ("utf8.txt", clean.as_bytes().to_vec()),
        ("tcvn3.txt", encode::encode_tcvn3(&clean)),
        ("vni.txt", encode::encode_vni(&clean)),
        ("cp1258.txt", encode::encode_cp1258(&clean)),
        (
            "vni-cp1252.txt",
            encode::read_as_cp1252(&encode::encode_vni(&clean)).into_bytes(),
        ),
        (
            "tcvn3-cp1252.txt",
            encode::read_as_cp1252(&encode::encode_tcvn3(&clean)).into_bytes(),
        ),
        (
            "mojibake.txt",
            encode::utf8_mojibake(&clean, encode::Undefined::Keep).into_bytes(),
        ),
        (
            "tcvn3-soft-hyphen-u.txt",
            corpus::soft_hyphen_u(&clean).into_bytes(),
        ),
        ("tcvn3-lost-u.txt", corpus::lost_u(&clean).into_bytes()),
        (
            "vni-letters-left.txt",
            corpus::vni_letters_left(&clean).into_bytes(),
        ),
    ];
    for (name, bytes) in forms {
        let path = std::path::Path::new(&out).join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("{}: {e}", path.display());
        }
    }
}
