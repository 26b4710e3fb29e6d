package cockpit.sim.mcap;

import cockpit.bus.Topic;
import cockpit.bus.Topics;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Sample;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Subscriber;
import cockpit.proto.v1.CameraFrame;
import com.google.protobuf.Descriptors.Descriptor;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records live bus traffic of one vehicle ({@code vehicle/{vin}/**}) into an {@link McapWriter}: one
 * channel per concrete key (MCAP topic = the key), one protobuf schema per message type, log time =
 * receipt (wall clock, nanoseconds), publish time = the sample's Zenoh timestamp when it has one.
 * JPEG/PNG camera frames are also written as {@code foxglove.CompressedImage} on {@code <key>/foxglove_image}
 * (see {@link FoxgloveImage}; playback ignores those channels). Keys outside the topic table are
 * counted and not recorded. Callbacks run on Zenoh threads; close
 * the recorder (undeclares, waits for callbacks in flight) before closing the writer.
 */
public final class McapRecorder implements AutoCloseable {
  private final McapWriter writer;
  private final Subscriber subscriber;
  private final Map<String, Integer> schemaIds = new HashMap<>();
  private final Map<String, Integer> channelIds = new HashMap<>();
  private final Map<Integer, Long> sequences = new HashMap<>();
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong unknown = new AtomicLong();
  private final AtomicReference<IOException> failure = new AtomicReference<>();
  private final long epochNanos = System.currentTimeMillis() * 1_000_000L;
  private final long startNanos = System.nanoTime();

  public McapRecorder(Session session, String vin, McapWriter writer) {
    this.writer = writer;
    KeyExpr all = KeyExpr.tryFrom(Topics.forVin("vehicle/{vin}/**", vin));
    this.subscriber = session.declareSubscriber(all, this::onSample);
  }

  private void onSample(Sample s) {
    long logTime = epochNanos + (System.nanoTime() - startNanos); // wall clock that never steps back
    String key = s.keyExpr().toString();
    Optional<Topic<?>> topic = Topics.ALL.stream().filter(t -> t.match(key).isPresent()).findFirst()
        .map(t -> (Topic<?>) t);
    if (topic.isEmpty()) {
      unknown.incrementAndGet();
      return;
    }
    long publishTime = s.timestampNtp64() == 0 ? logTime : ntp64ToNanos(s.timestampNtp64());
    try {
      synchronized (this) {
        int channel = channelIds.computeIfAbsent(key, k -> writer.registerChannel(schema(topic.get()), k, "protobuf",
            Map.of("cockpit_topic", topic.get().name())));
        long seq = sequences.merge(channel, 1L, Long::sum);
        byte[] payload = s.payload().toBytes();
        writer.write(channel, seq, logTime, publishTime, payload);
        if (topic.get() == Topics.CAMERA) {
          mirrorImage(key, payload, logTime, publishTime);
        }
      }
      recorded.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Writes the Foxglove image of a JPEG/PNG frame; other encodings and unparsable frames are skipped. */
  private void mirrorImage(String key, byte[] payload, long logTime, long publishTime) throws IOException {
    CameraFrame f;
    try {
      f = CameraFrame.parseFrom(payload);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return; // the component reports malformed frames; the bus bytes are recorded above
    }
    if (!FoxgloveImage.supports(f)) {
      return;
    }
    int schema = schemaIds.computeIfAbsent(FoxgloveImage.NAME, n -> writer.registerSchema(n, "protobuf",
        FoxgloveImage.schema()));
    int channel = channelIds.computeIfAbsent(key + FoxgloveImage.TOPIC_SUFFIX, k -> writer.registerChannel(schema, k,
        "protobuf", Map.of("cockpit_topic", "foxglove_image")));
    writer.write(channel, sequences.merge(channel, 1L, Long::sum), logTime, publishTime, FoxgloveImage.of(f));
  }

  private int schema(Topic<?> t) {
    return schemaIds.computeIfAbsent(t.fullName(), n -> {
      try {
        Descriptor d = (Descriptor) t.type().getMethod("getDescriptor").invoke(null);
        return writer.registerSchema(n, "protobuf", ProtoSchemas.fileDescriptorSet(d));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(t.type() + " is not a generated protobuf message", e);
      }
    });
  }

  /** NTP64: seconds since the epoch in the high 32 bits, binary fraction in the low 32. */
  static long ntp64ToNanos(long ntp) {
    long secs = ntp >>> 32;
    long frac = ntp & 0xFFFF_FFFFL;
    return secs * 1_000_000_000L + ((frac * 1_000_000_000L) >>> 32);
  }

  public long recorded() {
    return recorded.get();
  }

  /** Samples on keys that are not in the topic table. */
  public long unknownKeys() {
    return unknown.get();
  }

  /** The first write failure, if any (the recorder keeps counting but the file may be incomplete). */
  public Optional<IOException> failure() {
    return Optional.ofNullable(failure.get());
  }

  @Override
  public void close() {
    subscriber.close();
  }
}
