package cockpit.bus.zenoh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Entry point of the binding: opens sessions over the official Zenoh core. */
public final class Zenoh {
  private Zenoh() {}

  /**
   * Opens a session. Blocks while Zenoh starts listening and (in client mode) connects. With a
   * {@linkplain Config#baseFile() base file}, Zenoh reads that file and the config's keys are inserted
   * over it.
   *
   * @throws ZError with Zenoh's reason when the config is invalid or the session cannot start
   */
  public static Session open(Config config) {
    try (Arena arena = Arena.ofConfined()) {
      byte[] json = config.json5().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      MemorySegment ptr;
      if (config.baseFile().isPresent()) {
        byte[] path = config.baseFile().get().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ptr = (MemorySegment) Native.OPEN_FILE.invokeExact(Native.bytes(arena, path), (long) path.length,
            Native.bytes(arena, json), (long) json.length);
      } else {
        ptr = (MemorySegment) Native.OPEN.invokeExact(Native.bytes(arena, json), (long) json.length);
      }
      if (ptr.equals(MemorySegment.NULL)) {
        throw Native.fail("cannot open a Zenoh session");
      }
      return new Session(ptr);
    } catch (Throwable t) {
      throw Native.wrap("cannot open a Zenoh session", t);
    }
  }

  /**
   * Routes Zenoh's own log to stderr at {@code level} ({@code error}, {@code warn}, {@code info},
   * {@code debug}) unless {@code RUST_LOG} says otherwise. Off until called; idempotent.
   */
  public static void initLogFromEnvOr(String level) {
    try (Arena arena = Arena.ofConfined()) {
      byte[] b = level.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Native.check((int) Native.INIT_LOG.invokeExact(Native.bytes(arena, b), (long) b.length), "init log");
    } catch (Throwable t) {
      throw Native.wrap("init log", t);
    }
  }
}
