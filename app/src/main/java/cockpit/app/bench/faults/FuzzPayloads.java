package cockpit.app.bench.faults;

import cockpit.bus.Topic;
import cockpit.bus.Topics;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded hostile traffic for every inbound topic: random bytes, truncated and bit-flipped valid messages,
 * absurd field values, huge strings, image bombs, messages of another topic's type, valid messages (which
 * start real turns and inferences), over-long key chunks and empty payloads. The same seed gives the same
 * sequence. Not thread-safe: one sender draws from it.
 */
final class FuzzPayloads {
  /** What a payload is, for the per-kind counts in the report. */
  enum Kind {
    RANDOM, TRUNCATED, BIT_FLIP, ABSURD, HUGE_STRING, IMAGE_BOMB, WRONG_TYPE, VALID, LONG_KEY_CHUNK, EMPTY
  }

  /** One message to send: its topic (for QoS), concrete key, bytes and kind. */
  record Payload(Topic<?> topic, String key, byte[] bytes, Kind kind) {}

  static final List<Topic<?>> INBOUND = List.of(Topics.CAMERA, Topics.VOICE, Topics.VEHICLE_STATE,
      Topics.SESSION_CONTROL, Topics.PERCEPTION_REQUEST);
  private static final Kind[] WEIGHTED = weighted(Map.of(Kind.RANDOM, 20, Kind.TRUNCATED, 15, Kind.BIT_FLIP, 15,
      Kind.ABSURD, 15, Kind.HUGE_STRING, 1, Kind.IMAGE_BOMB, 4, Kind.WRONG_TYPE, 8, Kind.VALID, 15,
      Kind.LONG_KEY_CHUNK, 5, Kind.EMPTY, 2));

  private final SplittableRandom rnd;
  private final FuzzMessages messages;
  private final BusDriver bus;
  private final int maxPayloadBytes;

  FuzzPayloads(long seed, BusDriver bus, int maxPayloadBytes) {
    this.rnd = new SplittableRandom(seed);
    this.messages = new FuzzMessages(rnd);
    this.bus = bus;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  private static Kind[] weighted(Map<Kind, Integer> w) {
    return w.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .flatMap(e -> java.util.stream.Stream.generate(e::getKey).limit(e.getValue())).toArray(Kind[]::new);
  }

  Payload next() {
    Kind kind = WEIGHTED[rnd.nextInt(WEIGHTED.length)];
    Topic<?> topic = kind == Kind.IMAGE_BOMB ? Topics.CAMERA : INBOUND.get(rnd.nextInt(INBOUND.size()));
    String key = key(topic, kind == Kind.LONG_KEY_CHUNK);
    byte[] bytes = switch (kind) {
      case RANDOM -> randomBytes(rnd.nextInt(8) == 0 ? 65_536 : 2_048);
      case TRUNCATED -> truncate(messages.valid(topic).toByteArray());
      case BIT_FLIP -> flip(messages.valid(topic).toByteArray());
      case ABSURD -> messages.absurd(topic).toByteArray();
      case HUGE_STRING -> messages.huge(topic, hugeLength()).toByteArray();
      case IMAGE_BOMB -> messages.bomb().toByteArray();
      case WRONG_TYPE -> messages.valid(other(topic)).toByteArray();
      case VALID, LONG_KEY_CHUNK -> messages.valid(topic).toByteArray();
      case EMPTY -> new byte[0];
    };
    return new Payload(topic, key, bytes, kind);
  }

  /**
   * A concrete key of {@code topic}; with {@code longChunk}, its id chunk is 65–4000 valid characters (too
   * long for an id, short enough for our binding): the bridge must refuse it by key, not build on it.
   */
  private String key(Topic<?> topic, boolean longChunk) {
    List<String> params = topic.params().stream().filter(p -> !p.equals("vin")).toList();
    if (params.isEmpty()) {
      return bus.key(topic, Map.of());
    }
    String param = params.get(0);
    if (longChunk) {
      return topic.keyTemplate().replace("{vin}", bus.vin).replace("{" + param + "}", "k".repeat(65
          + rnd.nextInt(3_936)));
    }
    String value = switch (param) {
      case "camera" -> FuzzMessages.CAMERAS.get(rnd.nextInt(FuzzMessages.CAMERAS.size()));
      case "seat" -> List.of("driver", "passenger", "rear-left", "x").get(rnd.nextInt(4));
      default -> messages.sessionId();
    };
    return bus.key(topic, Map.of(param, value));
  }

  private Topic<?> other(Topic<?> topic) {
    Topic<?> t;
    do {
      t = INBOUND.get(rnd.nextInt(INBOUND.size()));
    } while (t == topic);
    return t;
  }

  /** Log-uniform from 4 KiB to 2 MiB, below the payload limit. */
  private int hugeLength() {
    double exp = 12 + rnd.nextDouble() * 9;
    return (int) Math.min(Math.pow(2, exp), maxPayloadBytes / 8.0);
  }

  private byte[] randomBytes(int max) {
    byte[] b = new byte[rnd.nextInt(max + 1)];
    rnd.nextBytes(b);
    return b;
  }

  private byte[] truncate(byte[] valid) {
    return java.util.Arrays.copyOf(valid, valid.length == 0 ? 0 : rnd.nextInt(valid.length));
  }

  private byte[] flip(byte[] valid) {
    byte[] b = valid.clone();
    if (b.length == 0) {
      return new byte[] {(byte) rnd.nextInt(256)};
    }
    for (int i = 1 + rnd.nextInt(8); i > 0; i--) {
      int bit = rnd.nextInt(b.length * 8);
      b[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    return b;
  }
}
