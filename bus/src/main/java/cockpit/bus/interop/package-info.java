/**
 * Tools to prove the bus against independent Zenoh implementations: {@link
 * cockpit.bus.interop.PythonPeer} drives a peer, client or router built on the official Python
 * binding. Used by the interop tests and the bus benchmark.
 */
package cockpit.bus.interop;
