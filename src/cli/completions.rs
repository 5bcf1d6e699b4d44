//! `vblint completions SHELL` and `vblint man`: generated from the localized [`command`].

use super::EXIT_OK;
use super::args::command;
use std::io;

pub(super) fn completions(shell: clap_complete::Shell) -> io::Result<i32> {
    let mut command = command();
    clap_complete::generate(shell, &mut command, "vblint", &mut io::stdout().lock());
    Ok(EXIT_OK)
}

pub(super) fn man() -> io::Result<i32> {
    clap_mangen::Man::new(command()).render(&mut io::stdout().lock())?;
    Ok(EXIT_OK)
}
