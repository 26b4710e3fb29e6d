//! Publishers, one-shot puts, subscribers and sample delivery.

use std::ffi::c_void;

use zenoh::bytes::Encoding;
use zenoh::pubsub::{Publisher, Subscriber};
use zenoh::sample::Sample;
use zenoh::{Session, Wait};

use crate::ffi::enums;
use crate::ffi::*;

pub type SampleCb = Option<
    unsafe extern "C" fn(
        ctx: u64,
        key: *const u8,
        keylen: usize,
        payload: *const u8,
        plen: usize,
        att: *const u8,
        attlen: usize,
        enc: *const u8,
        enclen: usize,
        kind: u8,
        priority: u8,
        congestion: u8,
        express: u8,
        timestamp_ntp64: u64,
    ),
>;

/// Owns everything a sample callback needs; dropping it (when zenoh drops the callback)
/// fires drop_cb(ctx).
pub struct SampleHandler {
    guard: DropGuard,
    cb: unsafe extern "C" fn(
        u64, *const u8, usize, *const u8, usize, *const u8, usize, *const u8, usize,
        u8, u8, u8, u8, u64,
    ),
}

impl SampleHandler {
    /// Takes the guard first so that drop_cb fires even if cb is NULL.
    pub fn new(guard: DropGuard, cb: SampleCb) -> Res<Self> {
        let cb = cb.ok_or_else(|| Error::arg("sample callback is NULL"))?;
        Ok(SampleHandler { guard, cb })
    }

    pub fn deliver(&self, sample: Sample) {
        upcall(|| {
            let key = sample.key_expr().as_str().as_bytes();
            let payload = sample.payload().to_bytes();
            let att = sample.attachment().map(|a| a.to_bytes());
            let (att_ptr, att_len) = opt_ptr(att.as_deref());
            let enc = sample.encoding().to_string();
            let ts = sample.timestamp().map(|t| t.get_time().as_u64()).unwrap_or(0);
            // SAFETY: cb is a valid C function pointer; all pointers outlive the call.
            unsafe {
                (self.cb)(
                    self.guard.ctx(),
                    ptr_of(key),
                    key.len(),
                    ptr_of(&payload),
                    payload.len(),
                    att_ptr,
                    att_len,
                    ptr_of(enc.as_bytes()),
                    enc.len(),
                    enums::kind_byte(sample.kind()),
                    enums::priority_byte(sample.priority()),
                    enums::congestion_byte(sample.congestion_control()),
                    sample.express() as u8,
                    ts,
                )
            }
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Publisher

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn czn_declare_publisher(
    session: *mut c_void,
    ke: *const u8,
    kelen: usize,
    priority: u8,
    congestion: u8,
    express: u8,
    reliability: u8,
    encoding: *const u8,
    enclen: usize,
) -> *mut c_void {
    ffi_ptr(|| {
        let session = handle::<Session>(session, "session")?;
        let ke = key_arg(ke, kelen)?;
        let enc = encoding_arg(encoding, enclen)?;
        let mut b = session
            .declare_publisher(ke.to_owned())
            .priority(enums::priority(priority)?)
            .congestion_control(enums::congestion(congestion)?)
            .express(enums::flag(express))
            .reliability(enums::reliability(reliability)?);
        if let Some(enc) = enc {
            b = b.encoding(Encoding::from(enc));
        }
        let publisher: Publisher<'static> = b.wait()?;
        Ok(into_handle(publisher))
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_publisher_put(
    publisher: *mut c_void,
    payload: *const u8,
    len: usize,
    att: *const u8,
    attlen: usize,
    enc: *const u8,
    enclen: usize,
) -> i32 {
    ffi_int(|| {
        let publisher = handle::<Publisher<'static>>(publisher, "publisher")?;
        let payload = bytes(payload, len, "payload")?;
        let att = opt_bytes(att, attlen);
        let enc = encoding_arg(enc, enclen)?;
        let mut b = publisher.put(payload.to_vec());
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
pub unsafe extern "C" fn czn_publisher_delete(publisher: *mut c_void) -> i32 {
    ffi_int(|| {
        let publisher = handle::<Publisher<'static>>(publisher, "publisher")?;
        publisher.delete().wait()?;
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_undeclare_publisher(publisher: *mut c_void) -> i32 {
    ffi_int(|| {
        let publisher = take_handle::<Publisher<'static>>(publisher, "publisher")?;
        (*publisher).undeclare().wait()?;
        Ok(0)
    })
}

// ---------------------------------------------------------------------------------------------
// One-shot put

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn czn_put(
    session: *mut c_void,
    ke: *const u8,
    kelen: usize,
    payload: *const u8,
    len: usize,
    att: *const u8,
    attlen: usize,
    enc: *const u8,
    enclen: usize,
    priority: u8,
    congestion: u8,
    express: u8,
) -> i32 {
    ffi_int(|| {
        let session = handle::<Session>(session, "session")?;
        let ke = key_arg(ke, kelen)?;
        let payload = bytes(payload, len, "payload")?;
        let att = opt_bytes(att, attlen);
        let enc = encoding_arg(enc, enclen)?;
        let mut b = session
            .put(ke, payload.to_vec())
            .priority(enums::priority(priority)?)
            .congestion_control(enums::congestion(congestion)?)
            .express(enums::flag(express));
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

// ---------------------------------------------------------------------------------------------
// Subscriber

#[no_mangle]
pub unsafe extern "C" fn czn_declare_subscriber(
    session: *mut c_void,
    ke: *const u8,
    kelen: usize,
    ctx: u64,
    cb: SampleCb,
    drop_cb: DropCb,
) -> *mut c_void {
    let guard = DropGuard::new(ctx, drop_cb);
    ffi_ptr(move || {
        let handler = SampleHandler::new(guard, cb)?;
        let session = handle::<Session>(session, "session")?;
        let ke = key_arg(ke, kelen)?;
        let sub: Subscriber<()> = session
            .declare_subscriber(ke.to_owned())
            .callback(move |s| handler.deliver(s))
            .wait()?;
        Ok(into_handle(sub))
    })
}

/// Also frees liveliness subscribers (same handle type).
#[no_mangle]
pub unsafe extern "C" fn czn_undeclare_subscriber(subscriber: *mut c_void) -> i32 {
    ffi_int(|| {
        let sub = take_handle::<Subscriber<()>>(subscriber, "subscriber")?;
        (*sub).undeclare().wait()?;
        Ok(0)
    })
}
