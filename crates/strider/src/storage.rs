//! Storage: who owns the bytes, and the only door through which they are read or written.
//!
//! Owns: [`Storage`], a reference-counted block of bytes shared by every array viewing it, whether
//! Strider allocated it (64-byte aligned, zeroed) or another owner holds it (a `Vec`, a memory map,
//! any `AsRef<[u8]>` value kept alive inside the storage). It knows nothing of dtypes or layouts.
//!
//! # Soundness of shared mutable storage
//!
//! NumPy lets many views of one buffer be written at once; in Rust two threads writing the same
//! bytes without synchronisation is undefined behaviour. Strider's choice: **every operation locks
//! the storages it touches for its whole duration** — a shared (read) lock on each storage it only
//! reads, an exclusive (write) lock on each storage it writes. Inside the lock the operation sees
//! the whole block as `&[u8]` or `&mut [u8]`, so kernels are ordinary Rust over byte slices and the
//! only `unsafe` here is the creation of those slices.
//!
//! Cost: one uncontended lock per storage per operation (tens of nanoseconds); many readers run in
//! parallel; writers to one storage are serialised, even when their views do not overlap (two
//! threads filling disjoint halves of one array take turns). Locks are taken in address order
//! and a storage both read and written is locked once, for writing, so operations never deadlock.
//! Element-wise `get`/`set` pay one lock each: use whole-array operations in hot code.
//!
//! What Rust cannot see: another *process* writing a shared memory map. That is outside any
//! Rust program's guarantees, as `memmap2` documents.
//!
//! # Large blocks
//!
//! Blocks of at least 4 MiB are anonymous memory maps advised to use transparent huge pages,
//! sized up to whole 2 MiB pages. When such a block is freed it is kept in a small per-process
//! cache (at most [`CACHE_BLOCKS`] blocks, [`CACHE_BYTES`] in all; the longest-freed are unmapped
//! to make room) and handed to the next large request it fits, the way `malloc` reuses freed
//! heap memory: a fresh map costs a page fault and the kernel's zeroing of every page on first
//! write, which for a short-lived result is as expensive as computing it. A reused block is
//! re-zeroed by [`Storage::zeroed`]; [`Storage::for_overwrite`] skips that for callers that write
//! every byte (its old contents are bytes of a freed array, never uninitialised memory). [`Storage::release_cache`] unmaps
//! the cached blocks.

use crate::{Error, Result};
use std::alloc::{self, Layout};
use std::any::Any;
use std::ptr::NonNull;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// How a file is mapped (NumPy's `mmap_mode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapMode {
    /// `r`: read-only.
    ReadOnly,
    /// `r+` (and `w+` after creating the file): writes reach the file.
    ReadWrite,
    /// `c`: copy-on-write; writes stay in this process.
    CopyOnWrite,
}

/// Blocks of at least this many bytes are allocated as anonymous memory maps (see `zeroed`).
const HUGE_ALLOC: usize = 4 << 20;

/// Large maps are sized in whole transparent huge pages, so a freed block also fits slightly
/// larger later requests (an array grown by a row at a time).
const HUGE_PAGE: usize = 2 << 20;

/// At most this many freed large blocks are kept for reuse.
///
/// ```
/// assert_eq!(strider::storage::CACHE_BLOCKS, 4);
/// ```
pub const CACHE_BLOCKS: usize = 4;

/// At most this many bytes of freed large blocks are kept for reuse.
///
/// ```
/// assert_eq!(strider::storage::CACHE_BYTES, 2 << 30);
/// ```
pub const CACHE_BYTES: usize = 2 << 30;

/// Freed large blocks, most recently freed last.
static CACHE: std::sync::Mutex<Vec<memmap2::MmapMut>> = std::sync::Mutex::new(Vec::new());

fn cache() -> std::sync::MutexGuard<'static, Vec<memmap2::MmapMut>> {
    // The cache holds plain maps; a panic elsewhere cannot leave it inconsistent.
    CACHE.lock().unwrap_or_else(|e| e.into_inner())
}

/// How many times a growable buffer's request a cached block may be and still be taken whole
/// for it (see [`Storage::for_growth`]); other requests take blocks of at most twice their size.
const GROWTH_SLACK: usize = 16;

/// The smallest cached block of `len` to `most` bytes, removed from the cache.
fn cached_block(len: usize, most: usize) -> Option<memmap2::MmapMut> {
    let mut c = cache();
    let fits = |m: &memmap2::MmapMut| m.len() >= len && m.len() <= most;
    let k = (0..c.len()).filter(|&k| fits(&c[k])).min_by_key(|&k| c[k].len())?;
    Some(c.swap_remove(k))
}

/// Keeps a freed large block for reuse, unmapping the longest-freed blocks to make room: the
/// blocks a program frees now are the ones its next requests fit (a loop's temporaries), while
/// a block freed long ago (a data set's scratch array) would otherwise hold its place for good.
/// A block larger than the whole cache is unmapped at once.
fn recycle(map: memmap2::MmapMut) {
    if map.len() > CACHE_BYTES {
        return;
    }
    let evicted = {
        let mut c = cache();
        c.push(map);
        let mut held: usize = c.iter().map(|m| m.len()).sum();
        let mut n = 0;
        while c.len() - n > CACHE_BLOCKS || held > CACHE_BYTES {
            held -= c[n].len();
            n += 1;
        }
        c.drain(..n).collect::<Vec<_>>()
    };
    drop(evicted); // unmapped outside the lock
}

/// A new anonymous map of at least `len` bytes, in whole huge pages, advised to use them.
fn fresh_map(len: usize) -> Result<memmap2::MmapMut> {
    let size = len
        .checked_next_multiple_of(HUGE_PAGE)
        .ok_or_else(|| Error::Value(format!("array is too big; {len} bytes cannot be allocated")))?;
    let m = memmap2::MmapMut::map_anon(size)
        .map_err(|e| Error::Value(format!("Unable to allocate {len} bytes for an array: {e}")))?;
    #[cfg(target_os = "linux")]
    let _ = m.advise(memmap2::Advice::HugePage); // advice only; failure is harmless
    Ok(m)
}

/// Zeroes `bytes`, on rayon's threads when there are many.
fn zero_fill(bytes: &mut [u8]) {
    use rayon::prelude::*;
    if bytes.len() >= HUGE_ALLOC && rayon::current_num_threads() > 1 {
        bytes.par_chunks_mut(HUGE_PAGE).for_each(|c| c.fill(0));
    } else {
        bytes.fill(0);
    }
}

/// Alignment of every buffer Strider allocates (a cache line, enough for any SIMD width).
///
/// ```
/// assert_eq!(strider::storage::ALLOC_ALIGN, 64);
/// ```
pub const ALLOC_ALIGN: usize = 64;

enum Owner {
    /// Allocated by Strider with this layout.
    Heap(Layout),
    /// Allocated by Strider as an anonymous memory map (large blocks); cached for reuse or
    /// unmapped on drop (`None` once handed back).
    Anonymous(Option<memmap2::MmapMut>),
    /// Kept alive for its bytes; dropped when the last array lets go.
    Foreign(Box<dyn Any + Send + Sync>),
}

struct Inner {
    ptr: NonNull<u8>,
    len: usize,
    mutable: bool,
    lock: RwLock<()>,
    owner: Owner,
}

// SAFETY: `ptr` points into memory owned by `owner` (a heap block this struct frees, or a
// `Send + Sync` value it keeps alive), so moving `Inner` between threads is fine. Shared access
// from several threads goes only through `lock`, which makes reads and writes data-race free.
unsafe impl Send for Inner {}
// SAFETY: as above: `&Inner` hands out the bytes only under the read or write lock.
unsafe impl Sync for Inner {}

impl Drop for Inner {
    fn drop(&mut self) {
        match &mut self.owner {
            Owner::Heap(layout) => {
                // SAFETY: `ptr` came from `alloc::alloc_zeroed(layout)` in `Storage::zeroed` and
                // is freed exactly once, here, when the last reference goes.
                unsafe { alloc::dealloc(self.ptr.as_ptr(), *layout) }
            }
            // No slice of this block outlives `Inner` (they live only inside the lock closures,
            // which borrow the storage), so the block can serve a new storage.
            Owner::Anonymous(map) => {
                if let Some(map) = map.take() {
                    recycle(map);
                }
            }
            Owner::Foreign(_) => {}
        }
    }
}

/// A shared block of bytes. Cloning is cheap and shares the block (like NumPy views sharing a
/// buffer).
///
/// ```
/// use strider::Storage;
/// let s = Storage::zeroed(24).unwrap();
/// assert_eq!(s.len(), 24);
/// assert_eq!(s.address() % 64, 0);
/// let t = s.clone();
/// assert!(s.same_as(&t));
/// ```
#[derive(Clone)]
pub struct Storage {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Storage")
            .field("address", &self.address())
            .field("len", &self.inner.len)
            .field("mutable", &self.inner.mutable)
            .field("owned", &self.is_strider_allocated())
            .finish()
    }
}

impl Storage {
    /// Allocates `len` zeroed bytes, aligned to [`ALLOC_ALIGN`]. A zero-length request still
    /// allocates one byte, as NumPy does, so every storage has a real address.
    ///
    /// ```
    /// let s = strider::Storage::zeroed(0).unwrap();
    /// assert!(s.is_empty() && s.is_strider_allocated());
    /// ```
    pub fn zeroed(len: usize) -> Result<Storage> {
        if len >= HUGE_ALLOC {
            return Storage::zeroed_mapped(len, true);
        }
        let layout = Layout::from_size_align(len.max(1), ALLOC_ALIGN)
            .map_err(|_| Error::Value(format!("array is too big; {len} bytes cannot be allocated")))?;
        // SAFETY: `layout` has a non-zero size.
        let raw = unsafe { alloc::alloc_zeroed(layout) };
        let ptr =
            NonNull::new(raw).ok_or_else(|| Error::Value(format!("Unable to allocate {len} bytes for an array")))?;
        crate::accounting::record_allocation(len);
        Ok(Storage::from_inner(ptr, len, true, Owner::Heap(layout)))
    }

    /// Large blocks come from an anonymous map: page-aligned, zero-filled lazily by the kernel
    /// (no up-front memset), and advised to use transparent huge pages as NumPy does for large
    /// arrays, so first writes fault once per 2 MiB rather than once per 4 KiB. A cached freed
    /// block is reused instead when one fits, zeroed here unless `zero` is false.
    fn zeroed_mapped(len: usize, zero: bool) -> Result<Storage> {
        let map = match cached_block(len, len.saturating_mul(2)) {
            Some(mut m) => {
                if zero {
                    zero_fill(&mut m[..len]);
                }
                m
            }
            None => fresh_map(len)?,
        };
        Ok(Storage::from_map(map, len))
    }

    /// Storage of at least `len` bytes for a buffer that will grow (a growable array's), for a
    /// caller that writes bytes before reading them, as [`Storage::for_overwrite`]'s. A large
    /// request takes a cached freed block of up to [`GROWTH_SLACK`] times its size, or a fresh
    /// map, whole: the storage is as long as the block, so growing into the rest of it costs
    /// neither a copy nor the kernel's zeroing of fresh pages (which costs more than the copy).
    pub(crate) fn for_growth(len: usize) -> Result<Storage> {
        if len < HUGE_ALLOC {
            return Storage::zeroed(len);
        }
        let map = match cached_block(len, len.saturating_mul(GROWTH_SLACK)) {
            Some(m) => m,
            None => fresh_map(len)?,
        };
        let whole = map.len();
        Ok(Storage::from_map(map, whole))
    }

    /// A storage of the first `len` bytes of a large block.
    fn from_map(mut map: memmap2::MmapMut, len: usize) -> Storage {
        let ptr = NonNull::new(map.as_mut_ptr()).expect("maps are never null");
        crate::accounting::record_allocation(len);
        Storage::from_inner(ptr, len, true, Owner::Anonymous(Some(map)))
    }

    /// Like [`Storage::zeroed`] for a caller that will write every byte before anything reads
    /// them: a large block may be a reused freed block still holding an old array's bytes (always
    /// initialised memory, never garbage), which saves zeroing it.
    ///
    /// ```
    /// let s = strider::Storage::for_overwrite(16).unwrap();
    /// assert_eq!(s.len(), 16);
    /// ```
    pub fn for_overwrite(len: usize) -> Result<Storage> {
        if len >= HUGE_ALLOC {
            return Storage::zeroed_mapped(len, false);
        }
        Storage::zeroed(len)
    }

    /// Lengthens this storage to `len` bytes without copying its bytes, when that can be done:
    /// only if no other handle shares it (no array or view could see the block move) and it is
    /// a large anonymous block, which the kernel then extends or moves by remapping its pages
    /// (`mremap`, Linux only). The new bytes read as zero. Returns whether it grew; on `false`
    /// nothing changed and the caller copies into a new block instead.
    pub(crate) fn try_grow(&mut self, len: usize) -> bool {
        let Some(inner) = Arc::get_mut(&mut self.inner) else { return false };
        if len <= inner.len {
            return len == inner.len;
        }
        let Owner::Anonymous(Some(map)) = &mut inner.owner else { return false };
        // A reused cached block may hold an old array's bytes past `inner.len` (remapped pages
        // beyond the old map are fresh zeros): zero those, so the grown part always reads zero.
        let (old, mapped) = (inner.len, map.len());
        if len > mapped {
            #[cfg(target_os = "linux")]
            {
                let Some(size) = len.checked_next_multiple_of(HUGE_PAGE) else { return false };
                // SAFETY: the map is anonymous (not file-backed), so every byte of the longer
                // map is ordinary zero-filled memory. `&mut Inner` proves no slice of the old
                // block is alive (slices exist only inside `with_read`/`with_write` closures,
                // which borrow the storage), so moving the pages invalidates nothing; `ptr` is
                // re-read from the map below.
                let moved = unsafe { map.remap(size, memmap2::RemapOptions::new().may_move(true)) };
                if moved.is_err() {
                    return false;
                }
            }
            #[cfg(not(target_os = "linux"))]
            return false;
        }
        zero_fill(&mut map[old..len.min(mapped)]);
        inner.ptr = NonNull::new(map.as_mut_ptr()).expect("maps are never null");
        crate::accounting::record_allocation(len - old);
        inner.len = len;
        true
    }

    /// Shortens this storage to `len` bytes, handing whole huge pages past them back to the
    /// kernel, when nothing else shares it and it is a large anonymous block with at least one
    /// whole page to spare (a growable buffer that took a big cached block, see
    /// [`Storage::for_growth`]). The first `len` bytes stay where they are. Returns whether it
    /// shrank; on `false` nothing changed.
    pub(crate) fn try_shrink(&mut self, len: usize) -> bool {
        let Some(inner) = Arc::get_mut(&mut self.inner) else { return false };
        let Owner::Anonymous(Some(map)) = &mut inner.owner else { return false };
        let Some(keep) = len.max(1).checked_next_multiple_of(HUGE_PAGE) else { return false };
        if len > inner.len || keep >= map.len() {
            return false;
        }
        #[cfg(target_os = "linux")]
        {
            // SAFETY: `&mut Inner` proves no slice of the block is alive (slices exist only inside
            // the lock closures, which borrow the storage), so unmapping the tail past `keep`
            // invalidates nothing; a shrinking remap without MREMAP_MAYMOVE never moves the
            // pages, and `ptr` is re-read from the map below anyway.
            if unsafe { map.remap(keep, memmap2::RemapOptions::new()) }.is_err() {
                return false;
            }
            inner.ptr = NonNull::new(map.as_mut_ptr()).expect("maps are never null");
            inner.len = len;
            true
        }
        #[cfg(not(target_os = "linux"))]
        false
    }

    /// Unmaps the freed large blocks kept for reuse (see the module notes), returning how many
    /// bytes were released.
    ///
    /// ```
    /// let big = strider::Storage::zeroed(8 << 20).unwrap();
    /// drop(big); // kept for reuse
    /// assert!(strider::Storage::release_cache() <= strider::storage::CACHE_BYTES);
    /// ```
    pub fn release_cache() -> usize {
        let blocks = std::mem::take(&mut *cache());
        blocks.iter().map(|m| m.len()).sum()
    }

    fn from_inner(ptr: NonNull<u8>, len: usize, mutable: bool, owner: Owner) -> Storage {
        Storage { inner: Arc::new(Inner { ptr, len, mutable, lock: RwLock::new(()), owner }) }
    }

    /// Takes ownership of a vector of elements without copying; the storage is writable.
    ///
    /// ```
    /// let s = strider::Storage::from_vec(vec![1.0f64, 2.0]);
    /// assert_eq!(s.len(), 16);
    /// assert!(s.is_mutable() && !s.is_strider_allocated());
    /// ```
    pub fn from_vec<T: crate::Element>(v: Vec<T>) -> Storage {
        let mut boxed = Box::new(v);
        let len = std::mem::size_of_val(boxed.as_slice());
        let ptr = NonNull::new(boxed.as_mut_ptr().cast::<u8>()).expect("Vec pointers are never null");
        Storage::from_inner(ptr, len, true, Owner::Foreign(boxed))
    }

    /// Wraps bytes owned by another value (a memory map, a `Vec<u8>`, `Box<[u8]>`...), kept alive
    /// inside the storage; the storage is read-only (NumPy's `frombuffer` of `bytes`).
    ///
    /// ```
    /// let s = strider::Storage::from_owner(b"abcd".to_vec());
    /// assert!(!s.is_mutable());
    /// ```
    pub fn from_owner<O: AsRef<[u8]> + Send + Sync + 'static>(owner: O) -> Storage {
        let boxed = Box::new(owner);
        let bytes: &[u8] = (*boxed).as_ref();
        let (ptr, len) = (NonNull::from(bytes).cast::<u8>(), bytes.len());
        Storage::from_inner(ptr, len, false, Owner::Foreign(boxed))
    }

    /// Wraps writable bytes owned by another value (a mutable memory map, a `Vec<u8>`), kept
    /// alive inside the storage; arrays over it may write.
    ///
    /// ```
    /// let s = strider::Storage::from_owner_mut(vec![0u8; 8]);
    /// assert!(s.is_mutable());
    /// ```
    pub fn from_owner_mut<O: AsMut<[u8]> + Send + Sync + 'static>(owner: O) -> Storage {
        let mut boxed = Box::new(owner);
        let bytes: &mut [u8] = (*boxed).as_mut();
        let (ptr, len) = (NonNull::from(&mut *bytes).cast::<u8>(), bytes.len());
        Storage::from_inner(ptr, len, true, Owner::Foreign(boxed))
    }

    /// Maps `len` bytes of `file` starting at byte `offset` (NumPy's `np.memmap` modes):
    /// [`MapMode::ReadOnly`] (`r`) gives read-only storage, [`MapMode::ReadWrite`] (`r+`, `w+`)
    /// writable storage whose writes reach the file, [`MapMode::CopyOnWrite`] (`c`) writable
    /// storage whose writes stay in memory. Mapping costs the same whatever the file's size.
    ///
    /// A map is shared with the operating system: if another *process* changes the file while it
    /// is mapped, Rust's aliasing guarantees cannot hold (the caveat `memmap2` documents); within
    /// this process the usual storage locks apply.
    ///
    /// ```
    /// use strider::storage::{MapMode, Storage};
    /// let path = std::env::temp_dir().join(format!("strider-map-doc-{}", std::process::id()));
    /// std::fs::write(&path, [1u8, 2, 3, 4]).unwrap();
    /// let f = std::fs::File::open(&path).unwrap();
    /// let s = Storage::map_file(&f, 1, 2, MapMode::ReadOnly).unwrap();
    /// assert_eq!((s.len(), s.is_mutable()), (2, false));
    /// std::fs::remove_file(path).unwrap();
    /// ```
    pub fn map_file(file: &std::fs::File, offset: u64, len: usize, mode: MapMode) -> Result<Storage> {
        let io = |e: std::io::Error| Error::Io { path: "memory map".into(), message: e.to_string() };
        let mut opts = memmap2::MmapOptions::new();
        opts.offset(offset).len(len);
        if len == 0 {
            // Zero-length maps are not portable; an empty array needs no bytes at all.
            return Storage::zeroed(0);
        }
        match mode {
            MapMode::ReadOnly => {
                // SAFETY: the map is owned by the storage and lives as long as it; its bytes are
                // only read. External modification of the file is outside Rust's model and is
                // documented above.
                let map = unsafe { opts.map(file) }.map_err(io)?;
                Ok(Storage::from_owner(map))
            }
            MapMode::ReadWrite => {
                // SAFETY: as above; writes go through the storage's write lock.
                let map = unsafe { opts.map_mut(file) }.map_err(io)?;
                Ok(Storage::from_owner_mut(map))
            }
            MapMode::CopyOnWrite => {
                // SAFETY: as above; a private copy-on-write map never changes the file.
                let map = unsafe { opts.map_copy(file) }.map_err(io)?;
                Ok(Storage::from_owner_mut(map))
            }
        }
    }

    /// Writes a writable memory map's changes to its file (NumPy's `memmap.flush`); does nothing
    /// for other storage.
    ///
    /// ```
    /// assert!(strider::Storage::zeroed(4).unwrap().flush().is_ok());
    /// ```
    pub fn flush(&self) -> Result<()> {
        if let Owner::Foreign(owner) = &self.inner.owner {
            if let Some(map) = owner.downcast_ref::<memmap2::MmapMut>() {
                let _g = read_lock(&self.inner.lock);
                return map.flush().map_err(|e| Error::Io { path: "memory map".into(), message: e.to_string() });
            }
        }
        Ok(())
    }

    /// Length in bytes.
    ///
    /// ```
    /// assert_eq!(strider::Storage::zeroed(5).unwrap().len(), 5);
    /// ```
    pub fn len(&self) -> usize {
        self.inner.len
    }

    /// Whether the block has no bytes.
    ///
    /// ```
    /// assert!(!strider::Storage::zeroed(1).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.inner.len == 0
    }

    /// Whether arrays over this storage may ever be written.
    ///
    /// ```
    /// assert!(strider::Storage::zeroed(1).unwrap().is_mutable());
    /// ```
    pub fn is_mutable(&self) -> bool {
        self.inner.mutable
    }

    /// Whether Strider allocated this block (as opposed to wrapping another owner's memory).
    ///
    /// ```
    /// assert!(!strider::Storage::from_vec(vec![1u8]).is_strider_allocated());
    /// ```
    pub fn is_strider_allocated(&self) -> bool {
        matches!(self.inner.owner, Owner::Heap(_) | Owner::Anonymous(_))
    }

    /// The address of the first byte (NumPy's data pointer is this plus the array's offset).
    ///
    /// ```
    /// assert_eq!(strider::Storage::zeroed(3).unwrap().address() % strider::storage::ALLOC_ALIGN, 0);
    /// ```
    pub fn address(&self) -> usize {
        self.inner.ptr.as_ptr() as usize
    }

    /// Whether two handles share one block.
    ///
    /// ```
    /// use strider::Storage;
    /// let (a, b) = (Storage::zeroed(1).unwrap(), Storage::zeroed(1).unwrap());
    /// assert!(a.same_as(&a.clone()) && !a.same_as(&b));
    /// ```
    pub fn same_as(&self, other: &Storage) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// Runs `f` on the whole block under a read lock.
    pub(crate) fn with_read<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        let _g = read_lock(&self.inner.lock);
        // SAFETY: `ptr..ptr+len` is owned by this storage and live while `self` is; the read lock
        // excludes every writer (all writes go through `write_lock`) for the slice's lifetime.
        let bytes = unsafe { std::slice::from_raw_parts(self.inner.ptr.as_ptr(), self.inner.len) };
        f(bytes)
    }

    /// Runs `f` on the whole block under the write lock; fails for read-only storage.
    pub(crate) fn with_write<R>(&self, f: impl FnOnce(&mut [u8]) -> R) -> Result<R> {
        if !self.inner.mutable {
            return Err(Error::NotWriteable);
        }
        let _g = write_lock(&self.inner.lock);
        // SAFETY: as in `with_read`, and the write lock makes this the only live reference to
        // these bytes; `mutable` says the owner allows writes.
        let bytes = unsafe { std::slice::from_raw_parts_mut(self.inner.ptr.as_ptr(), self.inner.len) };
        Ok(f(bytes))
    }

    /// Runs `f` with read access to each of `sources` and write access to `dest`. A source that is
    /// the destination's own storage is passed as `None`: read it from the destination slice.
    pub(crate) fn with_sources_and_dest<R>(
        sources: &[&Storage],
        dest: &Storage,
        f: impl FnOnce(&[Option<&[u8]>], &mut [u8]) -> R,
    ) -> Result<R> {
        if !dest.inner.mutable {
            return Err(Error::NotWriteable);
        }
        // Distinct storages other than the destination, locked with the destination in address
        // order so concurrent operations cannot deadlock.
        let mut order: Vec<&Storage> = Vec::with_capacity(sources.len() + 1);
        for s in sources.iter().copied().chain(std::iter::once(dest)) {
            if !order.iter().any(|o| o.same_as(s)) {
                order.push(s);
            }
        }
        order.sort_by_key(|s| Arc::as_ptr(&s.inner) as usize);
        let mut reads: Vec<RwLockReadGuard<'_, ()>> = Vec::new();
        let mut write: Option<RwLockWriteGuard<'_, ()>> = None;
        for s in &order {
            if s.same_as(dest) {
                write = Some(write_lock(&s.inner.lock));
            } else {
                reads.push(read_lock(&s.inner.lock));
            }
        }
        let slices: Vec<Option<&[u8]>> = sources
            .iter()
            .map(|s| {
                if s.same_as(dest) {
                    None
                } else {
                    // SAFETY: `s` is read-locked above (it is in `order` and is not `dest`), so no
                    // writer exists while this slice lives; the bytes are live while `s` is.
                    Some(unsafe { std::slice::from_raw_parts(s.inner.ptr.as_ptr(), s.inner.len) })
                }
            })
            .collect();
        // SAFETY: `dest` is write-locked (the guard lives in `write` until we return) and is
        // mutable; no source slice aliases it, because sources sharing its storage became `None`.
        let out = unsafe { std::slice::from_raw_parts_mut(dest.inner.ptr.as_ptr(), dest.inner.len) };
        let r = f(&slices, out);
        drop(write);
        drop(reads);
        Ok(r)
    }
}

fn read_lock(l: &RwLock<()>) -> RwLockReadGuard<'_, ()> {
    // The lock guards no data, so a panic in another holder cannot leave it inconsistent.
    l.read().unwrap_or_else(|e| e.into_inner())
}

fn write_lock(l: &RwLock<()>) -> RwLockWriteGuard<'_, ()> {
    l.write().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_owner_rejects_writes() {
        let s = Storage::from_owner(vec![1u8, 2, 3]);
        assert_eq!(s.with_read(|b| b.to_vec()), vec![1, 2, 3]);
        assert_eq!(s.with_write(|_| ()), Err(Error::NotWriteable));
    }

    #[test]
    fn same_storage_as_source_and_dest() {
        let s = Storage::from_vec(vec![1u8, 2, 3, 4]);
        let other = Storage::from_vec(vec![9u8; 4]);
        Storage::with_sources_and_dest(&[&s, &other], &s, |src, dst| {
            assert!(src[0].is_none());
            dst[0] = src[1].unwrap()[0];
        })
        .unwrap();
        assert_eq!(s.with_read(|b| b[0]), 9);
    }

    #[test]
    fn large_blocks_are_zeroed_aligned_maps() {
        let s = Storage::zeroed(HUGE_ALLOC + 3).unwrap();
        assert!(s.is_strider_allocated() && s.is_mutable());
        assert_eq!(s.address() % ALLOC_ALIGN, 0);
        assert!(s.with_read(|b| b.iter().all(|&x| x == 0)));
        s.with_write(|b| b[HUGE_ALLOC + 2] = 7).unwrap();
        assert_eq!(s.with_read(|b| b[HUGE_ALLOC + 2]), 7);
    }

    #[test]
    fn reused_blocks_are_zeroed_again() {
        // Other tests allocate too, so look for our bytes rather than assume which block returns.
        for round in 0..3u8 {
            let s = Storage::zeroed(HUGE_ALLOC + 5).unwrap();
            assert!(s.with_read(|b| b.iter().all(|&x| x == 0)), "round {round}");
            s.with_write(|b| b.fill(round + 1)).unwrap();
            let w = Storage::for_overwrite(HUGE_ALLOC + 1).unwrap();
            assert_eq!(w.len(), HUGE_ALLOC + 1);
        }
        let held = cache().iter().map(|m| m.len()).sum::<usize>();
        assert!(cache().len() <= CACHE_BLOCKS && held <= CACHE_BYTES);
    }

    #[test]
    fn a_full_cache_makes_room_for_the_latest_freed_block() {
        // Fill the cache with blocks this test never asks for again (maps are lazy: untouched
        // pages cost no memory), then check that a block freed afterwards is still reused: its
        // marker byte survives into the next request of its size (a fresh map reads zero).
        let olds: Vec<Storage> = (0..CACHE_BLOCKS).map(|k| Storage::for_overwrite((64 << 20) + k).unwrap()).collect();
        drop(olds);
        let len = (100 << 20) + 3;
        let a = Storage::zeroed(len).unwrap();
        a.with_write(|b| b[len - 1] = 0x5a).unwrap();
        drop(a);
        let b = Storage::for_overwrite(len).unwrap();
        assert_eq!(b.with_read(|x| x[len - 1]), 0x5a);
        assert!(cache().len() <= CACHE_BLOCKS);
    }

    #[test]
    fn unshared_large_blocks_grow_keeping_bytes_and_zeroing_the_rest() {
        let mut s = Storage::zeroed(HUGE_ALLOC + 7).unwrap();
        s.with_write(|b| b[HUGE_ALLOC + 6] = 9).unwrap();
        let shared = s.clone();
        assert!(!s.try_grow(3 * HUGE_ALLOC), "a second handle pins the block");
        drop(shared);
        assert!(!s.try_grow(HUGE_ALLOC), "storage never shrinks");
        assert!(s.try_grow(HUGE_ALLOC + 7), "its own length is already there");
        if cfg!(target_os = "linux") {
            assert!(s.try_grow(3 * HUGE_ALLOC + 1));
            assert_eq!((s.len(), s.address() % ALLOC_ALIGN), (3 * HUGE_ALLOC + 1, 0));
            s.with_read(|b| {
                assert_eq!(b[HUGE_ALLOC + 6], 9);
                assert!(b.iter().enumerate().all(|(k, &x)| x == 0 || k == HUGE_ALLOC + 6));
            });
        }
        let mut small = Storage::zeroed(64).unwrap();
        assert!(!small.try_grow(128), "heap blocks are copied by the caller");
    }

    fn mapped_len(s: &Storage) -> usize {
        match &s.inner.owner {
            Owner::Anonymous(Some(m)) => m.len(),
            _ => 0,
        }
    }

    #[test]
    fn unshared_large_blocks_shrink_in_place_keeping_their_bytes() {
        let mut s = Storage::for_growth(6 * HUGE_PAGE).unwrap();
        let whole = mapped_len(&s);
        assert!(whole >= 6 * HUGE_PAGE);
        let keep = HUGE_PAGE + 10;
        s.with_write(|b| b[..keep].iter_mut().enumerate().for_each(|(k, x)| *x = k as u8)).unwrap();
        let (address, shared) = (s.address(), s.clone());
        assert!(!s.try_shrink(keep), "a second handle pins the block");
        drop(shared);
        assert!(!s.try_shrink(s.len() + 1), "shrinking never lengthens");
        if cfg!(target_os = "linux") {
            assert!(s.try_shrink(keep));
            assert_eq!((s.len(), mapped_len(&s), s.address()), (keep, 2 * HUGE_PAGE, address));
            s.with_read(|b| assert!(b.iter().enumerate().all(|(k, &x)| x == k as u8)));
            assert!(!s.try_shrink(keep - 5), "less than a whole page to spare");
        }
        let mut small = Storage::zeroed(64).unwrap();
        assert!(!small.try_shrink(8), "heap blocks are left as they are");
    }

    #[test]
    fn a_reused_block_grown_reads_zero_past_its_old_length() {
        // A freed block keeps its bytes in the cache; a shorter storage made from it must not
        // show them when it grows into the rest of the block.
        for _ in 0..3 {
            let a = Storage::zeroed(2 * HUGE_ALLOC).unwrap();
            a.with_write(|b| b.fill(0xab)).unwrap();
            drop(a);
            let mut b = Storage::for_overwrite(HUGE_ALLOC + HUGE_PAGE).unwrap();
            b.with_write(|x| x.fill(1)).unwrap();
            assert!(b.try_grow(2 * HUGE_ALLOC));
            b.with_read(|x| {
                assert!(x[..HUGE_ALLOC + HUGE_PAGE].iter().all(|&v| v == 1));
                assert!(x[HUGE_ALLOC + HUGE_PAGE..].iter().all(|&v| v == 0));
            });
        }
    }

    #[test]
    fn concurrent_writers_are_serialised() {
        let s = Storage::zeroed(8).unwrap();
        std::thread::scope(|sc| {
            for _ in 0..4 {
                let s = s.clone();
                sc.spawn(move || {
                    for _ in 0..1000 {
                        s.with_write(|b| b[0] = b[0].wrapping_add(1)).unwrap();
                    }
                });
            }
        });
        assert_eq!(s.with_read(|b| b[0]), (4000 % 256) as u8);
    }
}
