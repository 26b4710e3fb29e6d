//! Queryables, queries (the callee side) and gets (the caller side).

use std::ffi::c_void;
use std::time::Duration;

use zenoh::bytes::Encoding;
use zenoh::query::{Query, Queryable, Reply};
use zenoh::{Session, Wait};

use crate::ffi::enums;
use crate::ffi::*;

pub type QueryCb = Option<
    unsafe extern "C" fn(
        ctx: u64,
        query: *mut c_void,
        key: *const u8,
        keylen: usize,
        params: *const u8,
        plen: usize,
        payload: *const u8,
        paylen: usize,
        att: *const u8,
        attlen: usize,
        enc: *const u8,
        enclen: usize,
    ),
>;

pub type ReplyCb = Option<
    unsafe extern "C" fn(
        ctx: u64,
        ok: u8,
        key: *const u8,
        keylen: usize,
        payload: *const u8,
        plen: usize,
        att: *const u8,
        attlen: usize,
        enc: *const u8,
        enclen: usize,
    ),
>;

// ---------------------------------------------------------------------------------------------
// Queryable

struct QueryHandler {
    guard: DropGuard,
    cb: unsafe extern "C" fn(
        u64, *mut c_void, *const u8, usize, *const u8, usize, *const u8, usize, *const u8,
        usize, *const u8, usize,
    ),
}

impl QueryHandler {
    fn deliver(&self, query: Query) {
        upcall(|| {
            // The callee owns the boxed clone and may free it (czn_query_drop) during the call;
            // `query` keeps the borrowed data alive until the call has returned. The final reply
            // goes out when both are gone.
            let owned = into_handle(query.clone()) as *mut c_void;
            let key = query.key_expr().as_str().as_bytes();
            let params = query.parameters().as_str().as_bytes();
            let payload = query.payload().map(|p| p.to_bytes());
            let (pay_ptr, pay_len) = opt_ptr(payload.as_deref());
            let att = query.attachment().map(|a| a.to_bytes());
            let (att_ptr, att_len) = opt_ptr(att.as_deref());
            let enc = query.encoding().map(|e| e.to_string()).unwrap_or_default();
            // SAFETY: cb is a valid C function pointer; all pointers outlive the call.
            unsafe {
                (self.cb)(
                    self.guard.ctx(),
                    owned,
                    ptr_of(key),
                    key.len(),
                    ptr_of(params),
                    params.len(),
                    pay_ptr,
                    pay_len,
                    att_ptr,
                    att_len,
                    ptr_of(enc.as_bytes()),
                    enc.len(),
                )
            }
        })
    }
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn czn_declare_queryable(
    session: *mut c_void,
    ke: *const u8,
    kelen: usize,
    complete: u8,
    ctx: u64,
    cb: QueryCb,
    drop_cb: DropCb,
) -> *mut c_void {
    let guard = DropGuard::new(ctx, drop_cb);
    ffi_ptr(move || {
        let cb = cb.ok_or_else(|| Error::arg("query callback is NULL"))?;
        let handler = QueryHandler { guard, cb };
        let session = handle::<Session>(session, "session")?;
        let ke = key_arg(ke, kelen)?;
        let q: Queryable<()> = session
            .declare_queryable(ke.to_owned())
            .complete(enums::flag(complete))
            .callback(move |q| handler.deliver(q))
            .wait()?;
        Ok(into_handle(q))
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_undeclare_queryable(queryable: *mut c_void) -> i32 {
    ffi_int(|| {
        let q = take_handle::<Queryable<()>>(queryable, "queryable")?;
        (*q).undeclare().wait()?;
        Ok(0)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn czn_query_reply(
    query: *mut c_void,
    ke: *const u8,
    kelen: usize,
    payload: *const u8,
    len: usize,
    att: *const u8,
    attlen: usize,
    enc: *const u8,
    enclen: usize,
) -> i32 {
    ffi_int(|| {
        let query = handle::<Query>(query, "query")?;
        let ke = key_arg(ke, kelen)?;
        let payload = bytes(payload, len, "payload")?;
        let att = opt_bytes(att, attlen);
        let enc = encoding_arg(enc, enclen)?;
        let mut b = query.reply(ke, payload.to_vec());
        if let Some(att) = att {
            b = b.attachment(att.to_vec());
        }
        if let Some(enc) = enc {
            b = b.encoding(Encoding::from(enc));
        }
        b.wait()?;
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_query_reply_err(
    query: *mut c_void,
    payload: *const u8,
    len: usize,
    enc: *const u8,
    enclen: usize,
) -> i32 {
    ffi_int(|| {
        let query = handle::<Query>(query, "query")?;
        let payload = bytes(payload, len, "payload")?;
        let enc = encoding_arg(enc, enclen)?;
        let mut b = query.reply_err(payload.to_vec());
        if let Some(enc) = enc {
            b = b.encoding(Encoding::from(enc));
        }
        b.wait()?;
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_query_drop(query: *mut c_void) {
    ffi_void(|| {
        if !query.is_null() {
            drop(take_handle::<Query>(query, "query")?);
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Get

pub struct ReplyHandler {
    guard: DropGuard,
    cb: unsafe extern "C" fn(
        u64, u8, *const u8, usize, *const u8, usize, *const u8, usize, *const u8, usize,
    ),
}

impl ReplyHandler {
    /// Takes the guard first so that drop_cb fires even if cb is NULL.
    pub fn new(guard: DropGuard, cb: ReplyCb) -> Res<Self> {
        let cb = cb.ok_or_else(|| Error::arg("reply callback is NULL"))?;
        Ok(ReplyHandler { guard, cb })
    }

    pub fn deliver(&self, reply: Reply) {
        upcall(|| {
            let ctx = self.guard.ctx();
            match reply.result() {
                Ok(sample) => {
                    let key = sample.key_expr().as_str().as_bytes();
                    let payload = sample.payload().to_bytes();
                    let att = sample.attachment().map(|a| a.to_bytes());
                    let (att_ptr, att_len) = opt_ptr(att.as_deref());
                    let enc = sample.encoding().to_string();
                    // SAFETY: valid C function pointer; pointers outlive the call.
                    unsafe {
                        (self.cb)(
                            ctx,
                            1,
                            ptr_of(key),
                            key.len(),
                            ptr_of(&payload),
                            payload.len(),
                            att_ptr,
                            att_len,
                            ptr_of(enc.as_bytes()),
                            enc.len(),
                        )
                    }
                }
                Err(err) => {
                    let payload = err.payload().to_bytes();
                    let enc = err.encoding().to_string();
                    // SAFETY: as above.
                    unsafe {
                        (self.cb)(
                            ctx,
                            0,
                            ptr_of(&[]),
                            0,
                            ptr_of(&payload),
                            payload.len(),
                            std::ptr::null(),
                            0,
                            ptr_of(enc.as_bytes()),
                            enc.len(),
                        )
                    }
                }
            }
        })
    }
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn czn_get(
    session: *mut c_void,
    selector: *const u8,
    sellen: usize,
    payload: *const u8,
    len: usize,
    att: *const u8,
    attlen: usize,
    enc: *const u8,
    enclen: usize,
    timeout_ms: u64,
    target: u8,
    consolidation: u8,
    ctx: u64,
    cb: ReplyCb,
    drop_cb: DropCb,
) -> i32 {
    let guard = DropGuard::new(ctx, drop_cb);
    ffi_int(move || {
        let handler = ReplyHandler::new(guard, cb)?;
        let session = handle::<Session>(session, "session")?;
        let selector = bounded_str(selector, sellen, MAX_SELECTOR_BYTES, "selector")?;
        let payload = opt_bytes(payload, len);
        let att = opt_bytes(att, attlen);
        let enc = encoding_arg(enc, enclen)?;
        let mut b = session
            .get(selector)
            .target(enums::target(target)?)
            .consolidation(enums::consolidation(consolidation)?);
        if timeout_ms > 0 {
            b = b.timeout(Duration::from_millis(timeout_ms));
        }
        if let Some(p) = payload {
            b = b.payload(p.to_vec());
        }
        if let Some(att) = att {
            b = b.attachment(att.to_vec());
        }
        if let Some(enc) = enc {
            b = b.encoding(Encoding::from(enc));
        }
        b.callback(move |r| handler.deliver(r)).wait()?;
        Ok(0)
    })
}
