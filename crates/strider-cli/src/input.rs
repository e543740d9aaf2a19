//! Opening an input array by file kind: `.npy` and raw files are memory-mapped (nothing is read
//! until used), `.npz` members are read (they may be compressed), `.csv`/`.txt` go through
//! `loadtxt`.

use crate::inspect::RawSpec;
use std::path::Path;
use strider::io::{npy, npz, text};
use strider::storage::MapMode;
use strider::NdArray;

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// What a path's extension says it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A `.npy` file.
    Npy,
    /// A `.npz` archive.
    Npz,
    /// Comma-separated text.
    Csv,
    /// Whitespace-separated text.
    Txt,
}

/// The kind of file a path names, from its extension (`.npy` when there is none).
pub fn kind(path: &Path) -> Res<Kind> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    Ok(match ext.as_deref() {
        Some("npy") | None => Kind::Npy,
        Some("npz") => Kind::Npz,
        Some("csv") => Kind::Csv,
        Some("txt") | Some("dat") => Kind::Txt,
        Some(e) => {
            return Err(format!("{}: unknown file kind '.{e}' (use .npy, .npz, .csv or .txt)", path.display()).into())
        }
    })
}

/// The member of an archive to use: the one named, or the only one.
pub fn npz_member(z: &npz::NpzFile, path: &Path, member: Option<&str>) -> Res<String> {
    match member {
        Some(m) => Ok(m.to_string()),
        None => {
            let names = z.names();
            match names.as_slice() {
                [one] => Ok(one.clone()),
                _ => Err(format!(
                    "{}: the archive has {} members ({}); choose one with --member",
                    path.display(),
                    names.len(),
                    names.join(", ")
                )
                .into()),
            }
        }
    }
}

/// Opens one input array.
pub fn open(path: &Path, raw: Option<&RawSpec>, member: Option<&str>) -> Res<NdArray> {
    if let Some(r) = raw {
        return Ok(npy::memmap_raw(path, &r.dtype, &r.shape, r.offset, r.order, MapMode::ReadOnly)?);
    }
    match kind(path)? {
        Kind::Npy => Ok(npy::open_memmap(path, MapMode::ReadOnly)?),
        Kind::Npz => {
            let mut z = npz::NpzFile::open(path)?;
            let name = npz_member(&z, path, member)?;
            Ok(z.get(&name)?)
        }
        k @ (Kind::Csv | Kind::Txt) => {
            let delimiter = (k == Kind::Csv).then(|| ",".to_string());
            Ok(text::loadtxt(path, &text::LoadTxt { delimiter, ..text::LoadTxt::default() })?)
        }
    }
}
