package cockpit.bus.bridge;

import static java.nio.charset.StandardCharsets.UTF_8;

import cockpit.bus.BusIds;
import cockpit.bus.ProtoCodec;
import cockpit.bus.Topic;
import cockpit.bus.Topics;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.LivelinessToken;
import cockpit.bus.zenoh.PutOptions;
import cockpit.bus.zenoh.Query;
import cockpit.bus.zenoh.Queryable;
import cockpit.bus.zenoh.Sample;
import cockpit.bus.zenoh.SampleKind;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.ZError;
import cockpit.bus.zenoh.Zenoh;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.ComponentState;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.VoiceUtterance;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bridges the Zenoh bus and the Vert.x event bus along the topic table ({@link Topics}).
 *
 * <p>Inbound: a Zenoh subscriber per inbound topic decodes samples on Zenoh's threads and hops onto
 * this verticle's context; camera frames are keep-latest per camera and delivered with
 * {@code request} (the consumer's reply is the acknowledgement that lets the next frame through),
 * other topics are published in arrival order. Headers carry the concrete key ({@link #HEADER_KEY})
 * and the key's template parameters by name ({@code vin}, {@code camera}, {@code seat}, …).
 *
 * <p>Outbound: event-bus consumers on the outbound addresses put each message on its concrete key
 * through one declared publisher per key, from a single transmit thread (puts with congestion BLOCK
 * may block; the event loop never does). Oversized and malformed payloads are counted and reported as
 * ErrorReport on the errors topic; nothing stops the bridge.
 *
 * <p>Error reports: every ErrorReport bound for the wire — the bridge's own and those dialogue and
 * perception publish on the errors address — passes one {@link ErrorLimiter}
 * ({@code bus.error-reports-per-second}); what it suppresses is summarised once per
 * {@link #SUMMARY_PERIOD_MS} in one ErrorReport of reason {@code ERROR_REASON_REPORTS_SUPPRESSED}.
 *
 * <p>Presence: a liveliness token on {@link Topics#ALIVE} and a queryable on {@link Topics#STATUS}
 * answering ComponentStatus; the same status answers requests on {@link #STATUS_ADDRESS}. Inspection: a
 * queryable on {@link Topics#SESSION_TRANSCRIPT} answered by the dialogue ({@link TranscriptQueries}).
 *
 * <p>Owns its Zenoh session: opened in {@code start}, closed (everything undeclared) in {@code stop}.
 */
public final class BusBridgeVerticle extends VerticleBase {
  /** Event-bus header holding the concrete Zenoh key of an inbound message. */
  public static final String HEADER_KEY = "zenoh-key";
  /** Event-bus address answering a {@link ComponentStatus} request. */
  public static final String STATUS_ADDRESS = "cockpit.status";
  private static final System.Logger LOG = System.getLogger(BusBridgeVerticle.class.getName());
  private static final int PUBLISHER_CACHE = 256;
  // Report fields that echo peer input are cut: a hostile megabyte key must not travel on.
  private static final int MAX_REPORT_KEY = 256;
  private static final int MAX_REPORT_TEXT = 2048;
  /** How often suppressed error reports are summarised on the errors topic. */
  static final long SUMMARY_PERIOD_MS = 1000;

  private final BridgeOptions options;
  private final Map<String, TopicStats> stats = new LinkedHashMap<>();
  private final LongAdder vssMirrored = new LongAdder();
  private final LongAdder zenohPanics = new LongAdder();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final ErrorLimiter errorLimiter;
  private long summaryTimer = -1;
  private final Instant started = Instant.now();
  private volatile ComponentState state = ComponentState.COMPONENT_STATE_STARTING;
  private volatile boolean closing;
  private volatile java.util.function.Consumer<ComponentStatus.Builder> statusExtra = b -> { };
  private Session session;
  private ExecutorService tx;
  private KeepLatest<Inbound<CameraFrame>> cameras;
  private final Map<String, cockpit.bus.zenoh.Publisher> publishers =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, cockpit.bus.zenoh.Publisher> eldest) {
          if (size() > PUBLISHER_CACHE) {
            eldest.getValue().close();
            return true;
          }
          return false;
        }
      };

  /** A decoded inbound message with its concrete key and template parameters. */
  private record Inbound<M extends Message>(M message, String key, Map<String, String> params) {}

  public BusBridgeVerticle(BridgeOptions options) {
    this.options = options;
    this.errorLimiter = new ErrorLimiter(options.errorReportsPerSecond(), System::currentTimeMillis);
    for (Topic<?> t : Topics.ALL) {
      stats.put(t.name(), new TopicStats(t.keyTemplate()));
    }
  }

  @Override
  public Future<?> start() {
    ProtobufMessageCodec.registerAll(vertx);
    tx = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cockpit-bus-tx");
      t.setDaemon(true);
      return t;
    });
    cameras = new KeepLatest<>(context, this::deliverCamera, options.maxCameras());
    summaryTimer = vertx.setPeriodic(SUMMARY_PERIOD_MS, id -> summarizeSuppressed());
    for (Topic<?> t : Topics.ALL) {
      if (t.direction() == Topic.Direction.OUTBOUND) {
        consumeOutbound(t);
      }
    }
    consumers.add(vertx.eventBus().<Object>consumer(STATUS_ADDRESS, m -> m.reply(status())));
    return vertx.executeBlocking(this::openAndDeclare).onSuccess(v -> state = ComponentState.COMPONENT_STATE_READY);
  }

  private Void openAndDeclare() {
    session = Zenoh.open(options.zenoh());
    for (Topic<?> t : Topics.ALL) {
      if (t.direction() == Topic.Direction.INBOUND) {
        subscribe(t);
      }
    }
    String vin = options.vin();
    LivelinessToken token = session.liveliness().declareToken(KeyExpr.tryFrom(Topics.forVin(Topics.ALIVE, vin)));
    Queryable q = session.declareQueryable(KeyExpr.tryFrom(Topics.forVin(Topics.STATUS, vin)), this::answerStatus,
        true);
    TranscriptQueries transcripts = new TranscriptQueries(vertx, vin);
    session.declareQueryable(KeyExpr.tryFrom(transcripts.keyExpr()), transcripts::answer, true);
    LOG.log(System.Logger.Level.DEBUG, "bridge declared {0} and {1}", token.keyExpr(), q.keyExpr());
    return null;
  }

  private <M extends Message> void subscribe(Topic<M> topic) {
    session.declareSubscriber(topic.subscription(options.vin()), s -> onSample(topic, s));
  }

  /** On a Zenoh thread: check, decode, and hand over to the context. */
  private <M extends Message> void onSample(Topic<M> topic, Sample sample) {
    if (closing || sample.kind() == SampleKind.DELETE) {
      return;
    }
    TopicStats st = stats.get(topic.name());
    st.received.increment();
    String key = sample.keyExpr().toString();
    byte[] payload = sample.payload().toBytes();
    if (payload.length > options.maxPayloadBytes()) {
      st.oversized.increment();
      reportError(topic, ErrorReason.ERROR_REASON_OVERSIZED_PAYLOAD, "payload of " + payload.length
          + " bytes exceeds the limit of " + options.maxPayloadBytes() + " bytes (bus.max-payload-bytes)", key,
          payload.length);
      return;
    }
    M message;
    try {
      message = ProtoCodec.decode(topic, payload);
    } catch (ProtoCodec.MalformedPayloadException e) {
      st.malformed.increment();
      reportError(topic, ErrorReason.ERROR_REASON_MALFORMED_PAYLOAD, e.getMessage(), key, payload.length);
      return;
    }
    Map<String, String> params = topic.match(key).orElse(Map.of());
    List<String> problems = idProblems(topic, params, message);
    if (!problems.isEmpty()) {
      st.invalid.increment();
      refuse(topic, message, key, payload.length, String.join("; ", problems));
      return;
    }
    Inbound<M> in = new Inbound<>(message, key, params);
    if (topic.delivery() == Topic.Delivery.KEEP_LATEST) {
      @SuppressWarnings("unchecked")
      Inbound<CameraFrame> frame = (Inbound<CameraFrame>) in;
      cameras.offer(key, frame);
    } else {
      context.runOnContext(v -> vertx.eventBus().publish(topic.address(), in.message(), headers(in)));
    }
  }

  /** The key's parameters (besides the vin the subscription fixed) and the message's ids, checked. */
  private static <M extends Message> List<String> idProblems(Topic<M> topic, Map<String, String> params, M message) {
    List<String> problems = new ArrayList<>();
    params.forEach((name, value) -> {
      if (!name.equals("vin")) {
        BusIds.problem(value).ifPresent(p -> problems.add("key chunk {" + name + "} " + BusIds.quote(value) + ": "
            + p));
      }
    });
    problems.addAll(topic.idProblems(message));
    return problems;
  }

  /**
   * Refuses an inbound message whose ids cannot be used: an ErrorReport naming the problem and, for an
   * utterance, an error Reply so the sender does not wait forever — on its session's reply key when
   * the session id is valid, else on {@code replies/~refused} (see {@link BusIds#REFUSED_CHUNK}).
   */
  private <M extends Message> void refuse(Topic<M> topic, M message, String key, long size, String problems) {
    String text = "refused: " + problems;
    reportError(topic, ErrorReason.ERROR_REASON_INVALID_ARGUMENT, text, key, size);
    if (message instanceof VoiceUtterance u) {
      String session = BusIds.isValid(u.getSessionId()) ? u.getSessionId() : "";
      String utterance = BusIds.isValid(u.getUtteranceId()) ? u.getUtteranceId() : "";
      publish(Topics.REPLIES, cockpit.proto.v1.Reply.newBuilder().setSessionId(session).setUtteranceId(utterance)
          .setIsFinal(true).setFinishReason(FinishReason.FINISH_REASON_ERROR).setErrorMessage(text)
          .setTime(stamp(Instant.now())).build());
    }
  }

  private Future<?> deliverCamera(Inbound<CameraFrame> in) {
    DeliveryOptions opts = headers(in).setSendTimeout(options.cameraAckTimeout().toMillis());
    return vertx.eventBus().request(Topics.CAMERA.address(), in.message(), opts);
  }

  private static DeliveryOptions headers(Inbound<?> in) {
    DeliveryOptions opts = new DeliveryOptions().addHeader(HEADER_KEY, in.key());
    in.params().forEach(opts::addHeader);
    return opts;
  }

  private <M extends Message> void consumeOutbound(Topic<M> topic) {
    consumers.add(vertx.eventBus().<Object>consumer(topic.address(), m -> {
      Object body = m.body();
      if (!topic.type().isInstance(body)) {
        reportError(topic, ErrorReason.ERROR_REASON_INTERNAL, "event-bus message on " + topic.address()
            + " is " + (body == null ? "null" : body.getClass().getName()) + ", expected " + topic.fullName(), "", 0);
        return;
      }
      if (body instanceof ErrorReport report) {
        publishError(report);
      } else {
        publish(topic, topic.type().cast(body));
      }
    }));
  }

  /** Every ErrorReport bound for the wire comes here: the one rate limit, then the errors topic. */
  private void publishError(ErrorReport report) {
    if (errorLimiter.tryAcquire(report)) {
      publish(Topics.ERRORS, report);
    }
  }

  /** Periodic, on the context: one report saying what the limit suppressed since the last one. */
  private void summarizeSuppressed() {
    errorLimiter.summary(ErrorReport.newBuilder().setTime(stamp(Instant.now())).setTopic(Topics.ERRORS.keyTemplate())
        .setComponentId(options.componentId()), SUMMARY_PERIOD_MS / 1000 + " s")
        .ifPresent(summary -> publish(Topics.ERRORS, summary));
  }

  /** Puts an outbound message on its concrete key; callable from any thread. */
  <M extends Message> void publish(Topic<M> topic, M message) {
    TopicStats st = stats.get(topic.name());
    KeyExpr key;
    try {
      key = topic.keyFor(options.vin(), message);
    } catch (RuntimeException e) {
      reportError(topic, ErrorReason.ERROR_REASON_INVALID_ARGUMENT, "cannot build the key: " + e.getMessage(), "",
          0);
      return;
    }
    byte[] bytes = ProtoCodec.encode(message);
    if (bytes.length > options.maxPayloadBytes()) {
      st.oversized.increment();
      reportError(topic, ErrorReason.ERROR_REASON_OVERSIZED_PAYLOAD, "outbound payload of " + bytes.length
          + " bytes exceeds the limit of " + options.maxPayloadBytes() + " bytes; not published", key.toString(),
          bytes.length);
      return;
    }
    tx.execute(() -> {
      if (session == null || session.isClosed()) {
        st.dropped.increment();
        return;
      }
      try {
        publishers.computeIfAbsent(key.toString(), k -> session.declarePublisher(key, topic.publisherOptions()))
            .put(ZBytes.of(bytes));
        st.published.increment();
      } catch (ZError e) {
        st.dropped.increment();
        if (e.kind() == ZError.Kind.PANIC) {
          zenohPanics.increment();
          LOG.log(System.Logger.Level.ERROR, "the Zenoh core panicked on a put on " + key + " (contained)", e);
        } else {
          LOG.log(System.Logger.Level.WARNING, "put on " + key + " failed", e);
        }
      } catch (RuntimeException e) {
        st.dropped.increment();
        LOG.log(System.Logger.Level.WARNING, "put on " + key + " failed", e);
      }
      if (options.kuksaMirror() && message instanceof DetectionSet set) {
        mirror(set);
      }
    });
  }

  /** On the tx thread: the set's VSS values on the KUKSA provider's keys, attachment "currentValue". */
  private void mirror(DetectionSet set) {
    PutOptions opts = PutOptions.DEFAULT.withAttachment(ZBytes.of(VssMirror.CURRENT_VALUE.getBytes(UTF_8)));
    for (VssMirror.Entry e : VssMirror.entries(set)) {
      try {
        session.put(e.key(), ZBytes.of(e.payload().getBytes(UTF_8)), opts);
        vssMirrored.increment();
      } catch (RuntimeException ex) {
        LOG.log(System.Logger.Level.WARNING, "VSS mirror put on " + e.key() + " failed", ex);
      }
    }
  }

  private void reportError(Topic<?> topic, ErrorReason reason, String message, String key, long size) {
    Instant now = Instant.now();
    ErrorReport report = ErrorReport.newBuilder()
        .setTime(stamp(now))
        .setTopic(topic.keyTemplate()).setReason(reason).setMessage(BusIds.shorten(message, MAX_REPORT_TEXT))
        .setOffendingKey(BusIds.shorten(key, MAX_REPORT_KEY))
        .setPayloadSizeBytes(size).setComponentId(options.componentId()).build();
    if (topic != Topics.ERRORS) {
      publishError(report);
    } else {
      LOG.log(System.Logger.Level.WARNING, "error report about the errors topic: {0}", message);
    }
  }

  private static Timestamp stamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private void answerStatus(Query q) {
    q.reply(KeyExpr.tryFrom(Topics.forVin(Topics.STATUS, options.vin())), ZBytes.of(status().toByteArray()));
  }

  /** A snapshot of the bridge's state and counters. Thread-safe. */
  public ComponentStatus status() {
    Instant now = Instant.now();
    ComponentStatus.Builder b = ComponentStatus.newBuilder().setComponentId(options.componentId())
        .setVersion(options.version()).setState(state)
        .setUptimeMs(java.time.Duration.between(started, now).toMillis())
        .setStartTime(stamp(started))
        .setTime(stamp(now));
    Session s = session;
    if (s != null && !s.isClosed()) {
      try {
        b.setZenohId(s.zid());
      } catch (RuntimeException closedMeanwhile) {
        b.setZenohId("");
      }
    }
    stats.forEach((name, st) -> b.addTopics(st.toProto(name.equals(Topics.CAMERA.name()) && cameras != null
        ? cameras.dropped() : 0)));
    if (cameras != null) {
      b.putCounters("camera_frames_delivered", cameras.delivered());
      b.putCounters("camera_frames_undelivered", cameras.failed());
      b.putCounters("camera_frames_refused", cameras.refused());
      b.putCounters("camera_streams", cameras.streams());
      b.putCounters("camera_streams_evicted", cameras.evicted());
    }
    b.putCounters("error_reports_published", errorLimiter.admitted());
    b.putCounters("error_reports_suppressed", errorLimiter.suppressed());
    b.putCounters("error_report_summaries", errorLimiter.summaries());
    b.putCounters("zenoh_panics", zenohPanics.sum());
    if (options.kuksaMirror()) {
      b.putCounters("vss_values_mirrored", vssMirrored.sum());
    }
    statusExtra.accept(b);
    return b.build();
  }

  /**
   * Shutdown, first step: samples arriving from Zenoh are ignored from now on (nothing new reaches the
   * event bus), while outbound messages are still published until {@code stop}. Thread-safe, idempotent.
   */
  public void stopIntake() {
    closing = true;
  }

  /** Lets other parts of the component add to every status answer (sessions, model). Thread-safe. */
  public void statusExtra(java.util.function.Consumer<ComponentStatus.Builder> extra) {
    this.statusExtra = extra;
  }

  @Override
  public Future<?> stop() {
    closing = true;
    state = ComponentState.COMPONENT_STATE_STOPPING;
    vertx.cancelTimer(summaryTimer);
    summarizeSuppressed(); // what the limit held back since the last summary is still told
    List<Future<?>> unregistered = new ArrayList<>();
    consumers.forEach(c -> unregistered.add(c.unregister()));
    return Future.join(unregistered).transform(ar -> vertx.executeBlocking(() -> {
      tx.shutdown();
      if (!tx.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
        tx.shutdownNow();
      }
      if (session != null) {
        session.close();
      }
      return null;
    }));
  }
}
