//! `vblint completions SHELL` and `vblint man`: generated from the localized [`command`].

use super::EXIT_OK;
use super::args::command_in;
use crate::lang::Lang;
use std::io;

pub(super) fn completions(shell: clap_complete::Shell, lang: Lang) -> io::Result<i32> {
    let mut command = command_in(lang);
    clap_complete::generate(shell, &mut command, "vblint", &mut io::stdout().lock());
    Ok(EXIT_OK)
}

pub(super) fn man(lang: Lang) -> io::Result<i32> {
    clap_mangen::Man::new(command_in(lang)).render(&mut io::stdout().lock())?;
    Ok(EXIT_OK)
}
