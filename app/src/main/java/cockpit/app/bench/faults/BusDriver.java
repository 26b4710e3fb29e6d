package cockpit.app.bench.faults;

import cockpit.bus.Topic;
import cockpit.bus.Topics;
import cockpit.bus.zenoh.Config;
import cockpit.bus.zenoh.GetOptions;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Publisher;
import cockpit.bus.zenoh.Sample;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Subscriber;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.Zenoh;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.VoiceUtterance;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The suite's own Zenoh session facing the component, as another ECU would: publishers on the inbound
 * topics (declared once per key, with the topic's QoS), subscribers on replies, errors and detections,
 * and the status query. Replies are tracked per utterance id the suite registered ({@link Replies});
 * ErrorReports are counted by reason; DetectionSets are counted and kept by request id when they carry one.
 *
 * <p>Thread-safe: Zenoh callbacks fill the counters while any thread publishes. Owns its session.
 */
final class BusDriver implements AutoCloseable {
  private static final int PUBLISHER_CACHE = 64;

  final String vin;
  final Replies replies = new Replies();
  final LongAdder errorReports = new LongAdder();
  final Map<String, LongAdder> errorsByReason = new ConcurrentHashMap<>();
  final LongAdder detections = new LongAdder();
  final Map<String, DetectionSet> byRequest = new ConcurrentHashMap<>();
  private final Map<String, ErrorReport> lastErrorByReason = new ConcurrentHashMap<>();
  private final Session session;
  private final List<Subscriber> subscribers;
  private final Map<String, Publisher> publishers = new LinkedHashMap<>(16, 0.75f, true);

  BusDriver(Config config, String vin) {
    this.vin = vin;
    this.session = Zenoh.open(config);
    String base = "vehicle/" + vin + "/cockpit/";
    this.subscribers = List.of(
        session.declareSubscriber(KeyExpr.tryFrom(base + "replies/**"), s -> parse(s, Reply.parser())
            .ifPresent(replies::onReply)),
        session.declareSubscriber(KeyExpr.tryFrom(base + "errors"), s -> parse(s, ErrorReport.parser())
            .ifPresent(this::onError)),
        session.declareSubscriber(KeyExpr.tryFrom(base + "detections/**"), s -> parse(s, DetectionSet.parser())
            .ifPresent(this::onDetections)));
  }

  /** Peer session connecting to {@code endpoint}, or a client of a router there. */
  static Config config(String endpoint, boolean client) {
    Config.Builder b = Config.builder().mode(client ? Config.Mode.CLIENT : Config.Mode.PEER).connect(endpoint)
        .multicastScouting(false);
    // Re-connect quickly after a router restart, so the measured outage is the component's, not ours.
    b.insertJson5("connect/retry/period_init_ms", "100").insertJson5("connect/retry/period_max_ms", "200");
    return b.build();
  }

  private static <M extends com.google.protobuf.Message> Optional<M> parse(Sample s,
      com.google.protobuf.Parser<M> parser) {
    try {
      return Optional.of(parser.parseFrom(s.payload().toBytes()));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private void onError(ErrorReport e) {
    errorReports.increment();
    errorsByReason.computeIfAbsent(e.getReason().name(), k -> new LongAdder()).increment();
    lastErrorByReason.put(e.getReason().name(), e);
  }

  private void onDetections(DetectionSet d) {
    detections.increment();
    if (!d.getRequestId().isEmpty() && byRequest.size() < 10_000) {
      byRequest.put(d.getRequestId(), d);
    }
  }

  /** The latest ErrorReport of {@code reason} (an {@code ErrorReason} name), if any. */
  Optional<ErrorReport> lastError(String reason) {
    return Optional.ofNullable(lastErrorByReason.get(reason));
  }

  long errors(String reason) {
    LongAdder a = errorsByReason.get(reason);
    return a == null ? 0 : a.sum();
  }

  /** The concrete key of an inbound topic for this vehicle. */
  String key(Topic<?> topic, Map<String, String> params) {
    return topic.key(vin, params).toString();
  }

  /** One put on {@code key} with the QoS of {@code topic}; the publisher is kept for the next put. */
  void put(Topic<?> topic, String key, byte[] payload) {
    Publisher p;
    synchronized (publishers) {
      p = publishers.get(key);
      if (p == null) {
        p = session.declarePublisher(KeyExpr.tryFrom(key), topic.publisherOptions());
        publishers.put(key, p);
        if (publishers.size() > PUBLISHER_CACHE) {
          var eldest = publishers.entrySet().iterator().next();
          eldest.getValue().close();
          publishers.remove(eldest.getKey());
        }
      }
    }
    p.put(ZBytes.of(payload));
  }

  /** Sends an utterance from the driver's seat and tracks its replies from now. */
  Replies.Track say(String session, String utteranceId, String text) {
    Replies.Track t = replies.expect(utteranceId);
    put(Topics.VOICE, key(Topics.VOICE, Map.of("seat", "driver")), VoiceUtterance.newBuilder()
        .setSessionId(session).setUtteranceId(utteranceId).setText(text).build().toByteArray());
    return t;
  }

  /**
   * Sends an utterance, repeating it (a new utterance id each time) until a final Reply arrives or
   * {@code timeout} passes: right after a start or a reconnection, routes may still be forming.
   */
  Optional<Reply> sayUntilAnswered(String session, String idPrefix, String text, Duration each, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      Replies.Track t = say(session, idPrefix + "-" + attempt, text);
      long left = Math.min(each.toNanos(), deadline - System.nanoTime());
      Optional<Reply> r = t.awaitFinal(Duration.ofNanos(Math.max(1, left)));
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  /** The component's status, or empty when no answer came within {@code timeout}. */
  Optional<ComponentStatus> status(Duration timeout) {
    try {
      var answers = session.get("vehicle/" + vin + "/cockpit/status", GetOptions.DEFAULT.withTimeout(timeout))
          .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      for (var r : answers) {
        if (r.ok().isPresent()) {
          return Optional.of(ComponentStatus.parseFrom(r.ok().get().payload().toBytes()));
        }
      }
    } catch (Exception e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    synchronized (publishers) {
      publishers.values().forEach(Publisher::close);
      publishers.clear();
    }
    subscribers.forEach(Subscriber::close);
    session.close();
  }
}
