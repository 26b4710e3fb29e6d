//! `cockpit_zenoh`: a C ABI over the Zenoh Rust core, consumed by the Java FFM binding in
//! `cockpit.bus.zenoh`. The contract is documented in `../ABI.md`.
//!
//! Every export runs inside `catch_unwind` (see [`ffi`]); errors are reported through a
//! thread-local last-error string; the library never writes to stdout/stderr on its own.

#![allow(clippy::missing_safety_doc)]

mod ffi;
mod liveliness;
mod pubsub;
mod query;
mod session;
