//! Liveliness tokens, liveliness subscribers and liveliness gets.

use std::ffi::c_void;
use std::time::Duration;

use zenoh::liveliness::LivelinessToken;
use zenoh::pubsub::Subscriber;
use zenoh::{Session, Wait};

use crate::ffi::enums;
use crate::ffi::*;
use crate::pubsub::{SampleCb, SampleHandler};
use crate::query::{ReplyCb, ReplyHandler};

#[no_mangle]
pub unsafe extern "C" fn czn_liveliness_declare_token(
    session: *mut c_void,
    ke: *const u8,
    kelen: usize,
) -> *mut c_void {
    ffi_ptr(|| {
        let session = handle::<Session>(session, "session")?;
        let ke = key_arg(ke, kelen)?;
        let token: LivelinessToken = session.liveliness().declare_token(ke.to_owned()).wait()?;
        Ok(into_handle(token))
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_liveliness_undeclare_token(token: *mut c_void) -> i32 {
    ffi_int(|| {
        let token = take_handle::<LivelinessToken>(token, "token")?;
        (*token).undeclare().wait()?;
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn czn_liveliness_declare_subscriber(
    session: *mut c_void,
    ke: *const u8,
    kelen: usize,
    history: u8,
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
            .liveliness()
            .declare_subscriber(ke.to_owned())
            .history(enums::flag(history))
            .callback(move |s| handler.deliver(s))
            .wait()?;
        Ok(into_handle(sub))
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn czn_liveliness_get(
    session: *mut c_void,
    ke: *const u8,
    kelen: usize,
    timeout_ms: u64,
    ctx: u64,
    cb: ReplyCb,
    drop_cb: DropCb,
) -> i32 {
    let guard = DropGuard::new(ctx, drop_cb);
    ffi_int(move || {
        let handler = ReplyHandler::new(guard, cb)?;
        let session = handle::<Session>(session, "session")?;
        let ke = key_arg(ke, kelen)?;
        let mut b = session.liveliness().get(ke.to_owned());
        if timeout_ms > 0 {
            b = b.timeout(Duration::from_millis(timeout_ms));
        }
        b.callback(move |r| handler.deliver(r)).wait()?;
        Ok(0)
    })
}
