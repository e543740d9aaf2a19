//! The `strider` command.

use clap::Parser;

/// Strider: NumPy's ndarray memory model, in Rust.
#[derive(Parser)]
#[command(name = "strider", version, about)]
struct Cli {}

fn main() {
    let _cli = Cli::parse();
}
