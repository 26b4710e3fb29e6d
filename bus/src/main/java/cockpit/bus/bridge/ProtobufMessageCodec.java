package cockpit.bus.bridge;

import cockpit.bus.Topic;
import cockpit.bus.Topics;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Event-bus codec for one protobuf message type: passes the immutable message as is between local
 * consumers and as protobuf bytes (length-prefixed) across a clustered event bus.
 *
 * @param <M> the message type
 */
public final class ProtobufMessageCodec<M extends Message> implements MessageCodec<M, M> {
  private final Class<M> type;
  private final Parser<M> parser;

  ProtobufMessageCodec(Class<M> type, Parser<M> parser) {
    this.type = type;
    this.parser = parser;
  }

  /** Registers a default codec for every message type of the topic table; idempotent per Vert.x. */
  public static void registerAll(Vertx vertx) {
    for (Topic<?> t : Topics.ALL) {
      register(vertx, t);
    }
    register(vertx, cockpit.proto.v1.ComponentStatus.class, cockpit.proto.v1.ComponentStatus.parser());
    register(vertx, cockpit.proto.v1.SessionTranscript.class, cockpit.proto.v1.SessionTranscript.parser());
  }

  private static <M extends Message> void register(Vertx vertx, Topic<M> t) {
    register(vertx, t.type(), t.parser());
  }

  private static <M extends Message> void register(Vertx vertx, Class<M> type, Parser<M> parser) {
    try {
      vertx.eventBus().registerDefaultCodec(type, new ProtobufMessageCodec<>(type, parser));
    } catch (IllegalStateException alreadyRegistered) {
      // Another verticle of this Vert.x instance registered it first: one codec per type is enough.
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, M m) {
    byte[] b = m.toByteArray();
    buffer.appendInt(b.length).appendBytes(b);
  }

  @Override
  public M decodeFromWire(int pos, Buffer buffer) {
    int len = buffer.getInt(pos);
    try {
      return parser.parseFrom(buffer.getBytes(pos + 4, pos + 4 + len));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("corrupt " + type.getSimpleName() + " on the event bus", e);
    }
  }

  @Override
  public M transform(M m) {
    return m;
  }

  @Override
  public String name() {
    return "protobuf:" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
