//! Arbitrary bytes through sniffing, decoding, segmentation, extraction and every rule, with the
//! extracted structure and every report format written: nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vblint::report::Reporter;

fuzz_target!(|bytes: &[u8]| {
    let options = vblint::pipeline::Options {
        extract: true,
        include_text: true,
        ..Default::default()
    };
    let report = vblint::input::check_text_unless_binary("fuzz.txt", bytes, &options);
    let text = report.text.clone();
    let mut summary = vblint::report::Summary::default();
    summary.add(&report);
    let mut sinks: Vec<Box<dyn Reporter>> = vec![
        Box::new(vblint::report::json::JsonReporter::new(std::io::sink())),
        Box::new(vblint::report::sarif::SarifReporter::new(std::io::sink())),
        Box::new(vblint::report::github::GithubReporter::new(std::io::sink())),
        Box::new(vblint::report::csv::CsvReporter::new(std::io::sink())),
        Box::new(vblint::report::html::HtmlReporter::new(std::io::sink())),
        Box::new(vblint::report::text::TextReporter::new(
            std::io::sink(),
            vblint::report::text::Style { color: false },
            false,
        )),
    ];
    for sink in &mut sinks {
        let _ = sink.begin();
        let _ = sink.file(&report, text.as_deref());
        let _ = sink.end(&summary);
    }
});
