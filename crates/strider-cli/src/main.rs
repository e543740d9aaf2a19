//! The `strider` command: a tour of NumPy's memory model, run for real on this machine.

mod tour;

use clap::{Parser, Subcommand};

/// Strider: NumPy's ndarray memory model (dtype, shape, byte strides, offset), in Rust.
#[derive(Parser)]
#[command(name = "strider", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Walk through the memory model: flags, strides, views versus copies, shared memory.
    ///
    /// Example: `strider tour`
    Tour,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Tour => tour::run(&mut std::io::stdout().lock()),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("strider: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
