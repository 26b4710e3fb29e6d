package cockpit.bus;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/** Turns topic messages into Zenoh payloads and back. Stateless. */
public final class ProtoCodec {
  private ProtoCodec() {}

  /** A payload that does not parse as the topic's message type. */
  public static final class MalformedPayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedPayloadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static byte[] encode(Message message) {
    return message.toByteArray();
  }

  /** Parses {@code payload} as the message of {@code topic}. */
  public static <M extends Message> M decode(Topic<M> topic, byte[] payload) throws MalformedPayloadException {
    try {
      return topic.parser().parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("payload of " + payload.length + " bytes is not a valid "
          + topic.fullName() + ": " + e.getMessage(), e);
    }
  }
}
