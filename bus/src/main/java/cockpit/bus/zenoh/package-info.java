/**
 * A Java binding of Eclipse Zenoh over the official Rust core (through the {@code cockpit_zenoh}
 * shim and the Foreign Function &amp; Memory API), named after zenoh-java: {@link
 * cockpit.bus.zenoh.Zenoh#open}, {@link cockpit.bus.zenoh.Session}, {@code declare…}, {@code put},
 * {@code get}, {@link cockpit.bus.zenoh.KeyExpr#tryFrom}, {@link cockpit.bus.zenoh.ZBytes}.
 *
 * <p>Every declaration is {@link java.lang.AutoCloseable}, closed once, safe against in-flight calls
 * and callbacks. Callbacks run on Zenoh's threads; exceptions thrown by them are logged and dropped
 * (they must never reach native code). The JVM needs {@code --enable-native-access=ALL-UNNAMED}.
 */
package cockpit.bus.zenoh;
