//! FFI plumbing: thread-local last error, panic containment, argument decoding, callback guards.

use std::any::Any;
use std::cell::RefCell;
use std::ffi::c_void;
use std::fmt::Display;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

/// A zenoh call failed (message = zenoh's error text).
pub const ERR_ZENOH: i32 = -1;
/// Invalid argument: NULL handle/pointer, non-UTF-8 string, enum byte out of range.
pub const ERR_ARG: i32 = -2;
/// Output buffer too small.
pub const ERR_BUFFER: i32 = -3;
/// A Rust panic was caught at the ABI boundary.
pub const ERR_PANIC: i32 = -99;

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
    static LAST_CODE: RefCell<i32> = const { RefCell::new(0) };
}

/// An error on its way to the ABI boundary: a negative code and a message.
#[derive(Debug)]
pub struct Error {
    pub code: i32,
    pub msg: String,
}

impl Error {
    pub fn arg(msg: impl Into<String>) -> Self {
        Error { code: ERR_ARG, msg: msg.into() }
    }
    pub fn zenoh(e: impl Display) -> Self {
        Error { code: ERR_ZENOH, msg: e.to_string() }
    }
}

impl From<zenoh::Error> for Error {
    fn from(e: zenoh::Error) -> Self {
        Error::zenoh(e)
    }
}

pub type Res<T> = Result<T, Error>;

pub fn set_last_error(code: i32, msg: &str) {
    LAST_CODE.with(|c| *c.borrow_mut() = code);
    let msg = if msg.is_empty() { "unknown error" } else { msg };
    LAST_ERROR.with(|e| {
        let mut e = e.borrow_mut();
        e.clear();
        e.push_str(msg);
    });
}

fn clear_last_error() {
    LAST_CODE.with(|c| *c.borrow_mut() = 0);
    LAST_ERROR.with(|e| e.borrow_mut().clear());
}

/// The code of the calling thread's last error (0: none).
pub fn last_error_code() -> i32 {
    LAST_CODE.with(|c| *c.borrow())
}

/// Copies min(cap, len) bytes of the last error into buf, returns the full length.
pub fn copy_last_error(buf: *mut u8, cap: usize) -> usize {
    LAST_ERROR.with(|e| copy_out(e.borrow().as_bytes(), buf, cap))
}

/// Copies min(cap, src.len()) bytes into buf (if non-NULL), returns src.len().
pub fn copy_out(src: &[u8], buf: *mut u8, cap: usize) -> usize {
    let n = src.len().min(cap);
    if n > 0 && !buf.is_null() {
        // SAFETY: the caller guarantees buf points to at least cap writable bytes.
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), buf, n) };
    }
    src.len()
}

fn panic_message(p: &(dyn Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        format!("panic: {s}")
    } else if let Some(s) = p.downcast_ref::<String>() {
        format!("panic: {s}")
    } else {
        "panic: <non-string payload>".to_owned()
    }
}

/// Replaces the default panic hook of this library's std (a cdylib has its own) so that no
/// panic is ever printed to stderr; panics are reported via `tracing` (visible only after
/// `czn_init_log`) and, at the ABI boundary, as error -99.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            tracing::error!(target: "cockpit_zenoh", "panic: {info}");
        }));
    });
}

/// Runs `f` with panics contained; errors become the thread-local last error.
fn run<T>(on_err: impl FnOnce(i32) -> T, f: impl FnOnce() -> Res<T>) -> T {
    install_panic_hook();
    clear_last_error();
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            set_last_error(e.code, &e.msg);
            on_err(e.code)
        }
        Err(p) => {
            // Dropping a panic payload may itself panic; never let that escape.
            let msg = catch_unwind(AssertUnwindSafe(|| panic_message(&*p)))
                .unwrap_or_else(|_| "panic".to_owned());
            std::mem::forget(p);
            set_last_error(ERR_PANIC, &msg);
            on_err(ERR_PANIC)
        }
    }
}

/// Export returning int32_t: value on success, negative code on error.
pub fn ffi_int(f: impl FnOnce() -> Res<i32>) -> i32 {
    run(|code| code, f)
}

/// Export returning a handle: NULL on error.
pub fn ffi_ptr<T>(f: impl FnOnce() -> Res<*mut T>) -> *mut c_void {
    run(|_| std::ptr::null_mut(), || f().map(|p| p as *mut c_void))
}

/// Export returning size_t: 0 on error.
pub fn ffi_size(f: impl FnOnce() -> Res<usize>) -> usize {
    run(|_| 0, f)
}

/// Export returning nothing.
pub fn ffi_void(f: impl FnOnce() -> Res<()>) {
    run(|_| (), f)
}

/// Runs an upcall wrapper: a panic in our code around a callback is swallowed (there is nobody
/// to report it to on a zenoh thread; it is logged via the panic hook).
pub fn upcall(f: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(f)).map_err(std::mem::forget);
}

// ---------------------------------------------------------------------------------------------
// Argument decoding

/// Required byte string. NULL with len 0 is accepted as empty.
///
/// # Safety
/// ptr must be NULL or point to len readable bytes that stay valid for 'a.
pub unsafe fn bytes<'a>(ptr: *const u8, len: usize, what: &str) -> Res<&'a [u8]> {
    if len == 0 {
        Ok(&[])
    } else if ptr.is_null() {
        Err(Error::arg(format!("{what}: NULL pointer with length {len}")))
    } else {
        Ok(std::slice::from_raw_parts(ptr, len))
    }
}

/// Optional byte string: NULL = absent (len ignored).
///
/// # Safety
/// See [`bytes`].
pub unsafe fn opt_bytes<'a>(ptr: *const u8, len: usize) -> Option<&'a [u8]> {
    if ptr.is_null() {
        None
    } else if len == 0 {
        Some(&[])
    } else {
        Some(std::slice::from_raw_parts(ptr, len))
    }
}

/// Required UTF-8 string.
///
/// # Safety
/// See [`bytes`].
pub unsafe fn str_arg<'a>(ptr: *const u8, len: usize, what: &str) -> Res<&'a str> {
    std::str::from_utf8(bytes(ptr, len, what)?)
        .map_err(|e| Error::arg(format!("{what}: invalid UTF-8: {e}")))
}

/// Longest key expression accepted, in bytes. Zenoh accepts longer keys but cannot write a message
/// whose key does not fit one transport batch (≈ 64 KiB): its transmission pipeline panics while
/// holding a lock, which poisons that link for every later put. Refusing here keeps that panic from
/// ever happening; the Java side (`KeyExpr.MAX_BYTES`) applies the same bound.
pub const MAX_KEY_BYTES: usize = 4096;
/// Longest selector (key expression + `?` parameters) accepted, in bytes.
pub const MAX_SELECTOR_BYTES: usize = 16384;
/// Longest encoding string accepted, in bytes (it travels in the message header, like the key).
pub const MAX_ENCODING_BYTES: usize = 1024;

/// Required UTF-8 string of at most `max` bytes.
///
/// # Safety
/// See [`bytes`].
pub unsafe fn bounded_str<'a>(ptr: *const u8, len: usize, max: usize, what: &str) -> Res<&'a str> {
    if len > max {
        return Err(Error::arg(format!("{what}: {len} bytes, at most {max} are allowed")));
    }
    str_arg(ptr, len, what)
}

/// A key expression argument: UTF-8, at most [`MAX_KEY_BYTES`].
///
/// # Safety
/// See [`bytes`].
pub unsafe fn key_arg<'a>(ptr: *const u8, len: usize) -> Res<&'a str> {
    bounded_str(ptr, len, MAX_KEY_BYTES, "key expression")
}

/// An optional encoding argument: NULL = absent, else UTF-8 of at most [`MAX_ENCODING_BYTES`].
///
/// # Safety
/// See [`bytes`].
pub unsafe fn encoding_arg<'a>(ptr: *const u8, len: usize) -> Res<Option<&'a str>> {
    if !ptr.is_null() && len > MAX_ENCODING_BYTES {
        return Err(Error::arg(format!("encoding: {len} bytes, at most {MAX_ENCODING_BYTES} are allowed")));
    }
    opt_str(ptr, len, "encoding")
}

/// Optional UTF-8 string: NULL = absent.
///
/// # Safety
/// See [`bytes`].
pub unsafe fn opt_str<'a>(ptr: *const u8, len: usize, what: &str) -> Res<Option<&'a str>> {
    match opt_bytes(ptr, len) {
        None => Ok(None),
        Some(b) => std::str::from_utf8(b)
            .map(Some)
            .map_err(|e| Error::arg(format!("{what}: invalid UTF-8: {e}"))),
    }
}

/// Borrows a handle created by this library.
///
/// # Safety
/// p must be NULL or a live handle of type T created by this library.
pub unsafe fn handle<'a, T>(p: *mut c_void, what: &str) -> Res<&'a T> {
    (p as *const T)
        .as_ref()
        .ok_or_else(|| Error::arg(format!("{what} handle is NULL")))
}

/// Takes back ownership of a handle created by this library.
///
/// # Safety
/// p must be NULL or a live handle of type T created by this library; it is freed.
pub unsafe fn take_handle<T>(p: *mut c_void, what: &str) -> Res<Box<T>> {
    if p.is_null() {
        Err(Error::arg(format!("{what} handle is NULL")))
    } else {
        Ok(Box::from_raw(p as *mut T))
    }
}

pub fn into_handle<T>(v: T) -> *mut T {
    Box::into_raw(Box::new(v))
}

// ---------------------------------------------------------------------------------------------
// Outgoing data helpers

static EMPTY: [u8; 1] = [0];

/// Pointer for a present byte string: never NULL, even when empty.
pub fn ptr_of(s: &[u8]) -> *const u8 {
    if s.is_empty() {
        EMPTY.as_ptr()
    } else {
        s.as_ptr()
    }
}

/// (ptr, len) for an optional byte string: (NULL, 0) when absent.
pub fn opt_ptr(s: Option<&[u8]>) -> (*const u8, usize) {
    match s {
        Some(s) => (ptr_of(s), s.len()),
        None => (std::ptr::null(), 0),
    }
}

// ---------------------------------------------------------------------------------------------
// Callbacks

pub type DropCb = Option<unsafe extern "C" fn(ctx: u64)>;

/// Calls drop_cb(ctx) exactly once, when dropped.
pub struct DropGuard {
    ctx: u64,
    drop_cb: DropCb,
}

impl DropGuard {
    pub fn new(ctx: u64, drop_cb: DropCb) -> Self {
        DropGuard { ctx, drop_cb }
    }
    pub fn ctx(&self) -> u64 {
        self.ctx
    }
}

impl Drop for DropGuard {
    fn drop(&mut self) {
        if let Some(d) = self.drop_cb.take() {
            let ctx = self.ctx;
            // SAFETY: the caller supplied a valid C function pointer.
            upcall(|| unsafe { d(ctx) });
        }
    }
}

/// Encoding byte mappings shared by several modules.
pub mod enums {
    use super::{Error, Res};
    use zenoh::qos::{CongestionControl, Priority, Reliability};
    use zenoh::query::{ConsolidationMode, QueryTarget};
    use zenoh::sample::SampleKind;

    pub fn priority(v: u8) -> Res<Priority> {
        Priority::try_from(v).map_err(|e| Error::arg(format!("priority: {e}")))
    }
    pub fn priority_byte(p: Priority) -> u8 {
        p as u8
    }
    pub fn congestion(v: u8) -> Res<CongestionControl> {
        match v {
            0 => Ok(CongestionControl::Drop),
            1 => Ok(CongestionControl::Block),
            2 => Ok(CongestionControl::BlockFirst),
            _ => Err(Error::arg(format!("congestion control {v} not in 0..=2"))),
        }
    }
    pub fn congestion_byte(c: CongestionControl) -> u8 {
        match c {
            CongestionControl::Drop => 0,
            CongestionControl::Block => 1,
            CongestionControl::BlockFirst => 2,
        }
    }
    pub fn reliability(v: u8) -> Res<Reliability> {
        match v {
            0 => Ok(Reliability::BestEffort),
            1 => Ok(Reliability::Reliable),
            _ => Err(Error::arg(format!("reliability {v} not in 0..=1"))),
        }
    }
    pub fn kind_byte(k: SampleKind) -> u8 {
        match k {
            SampleKind::Put => 0,
            SampleKind::Delete => 1,
        }
    }
    pub fn target(v: u8) -> Res<QueryTarget> {
        match v {
            0 => Ok(QueryTarget::BestMatching),
            1 => Ok(QueryTarget::All),
            2 => Ok(QueryTarget::AllComplete),
            _ => Err(Error::arg(format!("query target {v} not in 0..=2"))),
        }
    }
    pub fn consolidation(v: u8) -> Res<ConsolidationMode> {
        match v {
            0 => Ok(ConsolidationMode::Auto),
            1 => Ok(ConsolidationMode::None),
            2 => Ok(ConsolidationMode::Monotonic),
            3 => Ok(ConsolidationMode::Latest),
            _ => Err(Error::arg(format!("consolidation {v} not in 0..=3"))),
        }
    }
    pub fn flag(v: u8) -> bool {
        v != 0
    }
}
