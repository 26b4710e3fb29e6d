package cockpit.perception;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Local-only event-bus codecs (identity transform) for message classes, for verticle tests without the
 * bus module: the component registers the real protobuf codec from {@code bus}. Dialogue's tests keep a
 * copy of their own, since perception may not depend on dialogue, not even in tests.
 */
final class LocalCodecs {
  private LocalCodecs() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static void register(Vertx vertx, Class<?>... types) {
    for (Class<?> c : types) {
      vertx.eventBus().registerDefaultCodec((Class) c, new MessageCodec<Object, Object>() {
        @Override
        public void encodeToWire(Buffer b, Object o) {
          throw new UnsupportedOperationException("local only");
        }

        @Override
        public Object decodeFromWire(int pos, Buffer b) {
          throw new UnsupportedOperationException("local only");
        }

        @Override
        public Object transform(Object o) {
          return o;
        }

        @Override
        public String name() {
          return "test-" + c.getName();
        }

        @Override
        public byte systemCodecID() {
          return -1;
        }
      });
    }
  }
}
