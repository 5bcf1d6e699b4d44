//! Tables as lines: the cells of a row side by side, their lines zipped.

use super::CELL_GAP;

pub(super) type Lines = Vec<String>;
/// A table's rows as lines: each row's cells side by side, their lines zipped.
pub(in crate::container) fn flatten_table(rows: Vec<Vec<Lines>>) -> Lines {
    let mut out = Vec::new();
    for row in rows {
        let cells: Vec<Lines> = row
            .into_iter()
            .map(|c| {
                let mut c: Lines = c.into_iter().map(|l| l.trim().to_string()).collect();
                while c.last().is_some_and(|l| l.is_empty()) {
                    c.pop();
                }
                c
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0);
        if cells.len() <= 1 {
            out.extend(cells.into_iter().flatten());
            continue;
        }
        for i in 0..height {
            let parts: Vec<&str> = cells
                .iter()
                .map(|c| c.get(i).map_or("", String::as_str))
                .collect();
            // Leading empty cells keep a gap so the text stays in its column.
            let mut line = String::new();
            for (k, part) in parts.iter().enumerate() {
                if k > 0 {
                    line.push_str(CELL_GAP);
                }
                line.push_str(part);
            }
            let line = line.trim_end().to_string();
            out.push(line);
        }
        if height == 0 {
            out.push(String::new());
        }
    }
    out
}
