package cockpit.sim.mcap;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of an MCAP file as {@link McapReader} found it. Immutable.
 *
 * @param messages in log-time order (file order among equal times)
 * @param statisticsMessageCount message count from the summary's Statistics record, or -1 without one
 */
public record McapFile(String profile, String library, Map<Integer, Schema> schemas, Map<Integer, Channel> channels,
    List<Message> messages, long statisticsMessageCount, int chunkCount) {
  /** A Schema record. */
  public record Schema(int id, String name, String encoding, byte[] data) {}

  /** A Channel record. */
  public record Channel(int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {}

  /** A Message record. */
  public record Message(int channelId, long sequence, long logTime, long publishTime, byte[] data) {}

  public McapFile {
    Objects.requireNonNull(profile, "profile");
    schemas = Map.copyOf(schemas);
    channels = Map.copyOf(channels);
    messages = List.copyOf(messages);
  }
}
