//! Roman numerals, one definition for every reader of them: the body's section markers
//! ([`crate::segment`]: "I.", "II." …, and the expected marker a fix proposes) and Word's
//! automatic numbering and endnote marks ([`crate::container`]).

/// Values and their digits, largest first, subtractive pairs included.
const TABLE: [(u32, &str); 13] = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// `n` in Roman numerals, upper case ("XC" for 90); empty for 0, one "M" per thousand above 3999.
pub fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The value of an upper-case Roman numeral written the standard way ("XC" is 90); `None` for a
/// malformed one ("IIII", "LXL", "IC"): only the spelling [`to_roman`] gives is accepted.
pub fn parse_roman(s: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let digits: Vec<i64> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total: i64 = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    let total = u32::try_from(total).ok()?;
    (to_roman(total) == s).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_round_trip_and_only_the_standard_spelling_parses() {
        for n in 1..4000 {
            assert_eq!(parse_roman(&to_roman(n)), Some(n), "{n}");
        }
        assert_eq!(to_roman(4), "IV");
        assert_eq!(to_roman(1994), "MCMXCIV");
        assert_eq!(parse_roman("IIII"), None);
        assert_eq!(parse_roman("IC"), None);
        assert_eq!(parse_roman("VX"), None);
        assert_eq!(parse_roman("iv"), None);
    }

    /// The edge where the body's markers used to have their own I–L table: 90 was written "LXL"
    /// and 100 "LL", and both parsed back.
    #[test]
    fn ninety_and_up_are_written_and_read_the_standard_way() {
        assert_eq!(to_roman(89), "LXXXIX");
        assert_eq!(to_roman(90), "XC");
        assert_eq!(to_roman(100), "C");
        assert_eq!(parse_roman("XC"), Some(90));
        assert_eq!(parse_roman("C"), Some(100));
        assert_eq!(parse_roman("LXL"), None);
        assert_eq!(parse_roman("LL"), None);
    }
}
