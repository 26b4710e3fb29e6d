//! Logging, session lifecycle and key-expression utilities.

use std::ffi::c_void;

use zenoh::key_expr::KeyExpr;
use zenoh::{Config, Session, Wait};

use crate::ffi::*;

#[no_mangle]
pub extern "C" fn czn_last_error(buf: *mut u8, cap: usize) -> usize {
    // No clearing here: the error stays readable (e.g. length first, then the bytes).
    std::panic::catch_unwind(|| copy_last_error(buf, cap)).unwrap_or(0)
}

/// The code of the calling thread's last error: -1 zenoh, -2 argument, -3 buffer, -99 panic, 0 none.
#[no_mangle]
pub extern "C" fn czn_last_error_code() -> i32 {
    std::panic::catch_unwind(last_error_code).unwrap_or(0)
}

/// Panics inside the ABI guard, for the containment test: returns -99 with the panic message as
/// the last error, and the library (and every open session) keeps working afterwards.
#[no_mangle]
pub extern "C" fn czn_debug_panic() -> i32 {
    ffi_int(|| panic!("deliberate panic (czn_debug_panic)"))
}

#[no_mangle]
pub unsafe extern "C" fn czn_init_log(level: *const u8, len: usize) -> i32 {
    ffi_int(|| {
        let level = str_arg(level, len, "level")?;
        let level = if level.is_empty() { "error" } else { level };
        zenoh::init_log_from_env_or(level);
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_open(json5: *const u8, len: usize) -> *mut c_void {
    ffi_ptr(|| {
        let cfg = str_arg(json5, len, "config")?;
        let cfg = Config::from_json5(cfg).map_err(|e| Error::zenoh(format!("config: {e}")))?;
        let session = zenoh::open(cfg).wait()?;
        Ok(into_handle(session))
    })
}

/// Opens a session on the Zenoh JSON5 config file at `path` with every leaf of `json5` inserted over
/// it (`Config::insert_json5` per leaf path; objects merge key by key, arrays and scalars replace):
/// the file is the base, the component's own keys win.
#[no_mangle]
pub unsafe extern "C" fn czn_open_file(
    path: *const u8,
    path_len: usize,
    json5: *const u8,
    len: usize,
) -> *mut c_void {
    ffi_ptr(|| {
        let path = str_arg(path, path_len, "path")?;
        let overrides = str_arg(json5, len, "config")?;
        let mut cfg =
            Config::from_file(path).map_err(|e| Error::zenoh(format!("config file {path}: {e}")))?;
        let tree: serde_json::Value =
            json5::from_str(overrides).map_err(|e| Error::arg(format!("config: {e}")))?;
        insert_leaves(&mut cfg, "", &tree)?;
        let session = zenoh::open(cfg).wait()?;
        Ok(into_handle(session))
    })
}

fn insert_leaves(cfg: &mut Config, prefix: &str, node: &serde_json::Value) -> Res<()> {
    match node {
        serde_json::Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}/{k}") };
                insert_leaves(cfg, &path, v)?;
            }
            Ok(())
        }
        leaf => cfg
            .insert_json5(prefix, &leaf.to_string())
            .map_err(|e| Error::zenoh(format!("config key {prefix}: {e}"))),
    }
}

#[no_mangle]
pub unsafe extern "C" fn czn_close(session: *mut c_void) -> i32 {
    ffi_int(|| {
        let session = take_handle::<Session>(session, "session")?;
        let r = session.close().wait();
        drop(session);
        r?;
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_zid(session: *mut c_void, buf: *mut u8, cap: usize) -> usize {
    ffi_size(|| {
        let session = handle::<Session>(session, "session")?;
        Ok(copy_out(session.zid().to_string().as_bytes(), buf, cap))
    })
}

// ---------------------------------------------------------------------------------------------
// Key expressions (no session needed)

unsafe fn ke_arg<'a>(ptr: *const u8, len: usize, what: &str) -> Res<KeyExpr<'a>> {
    let s = bounded_str(ptr, len, MAX_KEY_BYTES, what)?;
    KeyExpr::try_from(s).map_err(Error::zenoh)
}

#[no_mangle]
pub unsafe extern "C" fn czn_keyexpr_canonize(
    ke: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> i32 {
    ffi_int(|| {
        let s = key_arg(ke, len)?;
        let canon = KeyExpr::autocanonize(s.to_owned()).map_err(Error::zenoh)?;
        let bytes = canon.as_str().as_bytes();
        if !out_len.is_null() {
            *out_len = bytes.len();
        }
        if bytes.len() > cap || (out.is_null() && !bytes.is_empty()) {
            return Err(Error {
                code: ERR_BUFFER,
                msg: format!("output buffer too small: need {} bytes, have {cap}", bytes.len()),
            });
        }
        copy_out(bytes, out, cap);
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_keyexpr_check(ke: *const u8, len: usize) -> i32 {
    ffi_int(|| ke_arg(ke, len, "key expression").map(|_| 0))
}

#[no_mangle]
pub unsafe extern "C" fn czn_keyexpr_intersects(
    a: *const u8,
    alen: usize,
    b: *const u8,
    blen: usize,
) -> i32 {
    ffi_int(|| {
        let a = ke_arg(a, alen, "key expression a")?;
        let b = ke_arg(b, blen, "key expression b")?;
        Ok(a.intersects(&b) as i32)
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_keyexpr_includes(
    a: *const u8,
    alen: usize,
    b: *const u8,
    blen: usize,
) -> i32 {
    ffi_int(|| {
        let a = ke_arg(a, alen, "key expression a")?;
        let b = ke_arg(b, blen, "key expression b")?;
        Ok(a.includes(&b) as i32)
    })
}
