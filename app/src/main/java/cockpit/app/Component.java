package cockpit.app;

import cockpit.app.http.ComponentProbe;
import cockpit.app.http.DashboardAddresses;
import cockpit.app.http.HttpVerticle;
import cockpit.bus.Topics;
import cockpit.bus.bridge.BusBridgeVerticle;
import cockpit.dialogue.ContextVerticle;
import cockpit.dialogue.DialogueAddresses;
import cockpit.dialogue.DialogueException;
import cockpit.dialogue.Grounding;
import cockpit.dialogue.ImageSource;
import cockpit.dialogue.context.CockpitView;
import cockpit.dialogue.context.ContextSource;
import cockpit.dialogue.context.ParkingMemory;
import cockpit.dialogue.context.ParkingMemoryFile;
import cockpit.dialogue.DialogueVerticle;
import cockpit.dialogue.SessionManager;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.Backend;
import cockpit.lm.LanguageModel;
import cockpit.lm.VisionEncoder;
import cockpit.lm.vision.FeatureCache;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.perception.PerceptionAddresses;
import cockpit.perception.PerceptionVerticle;
import cockpit.perception.alert.AlertEngine;
import cockpit.perception.frame.CameraImages;
import cockpit.perception.frame.FrameDecoder;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.task.TaskRunner;
import cockpit.proto.v1.ComponentState;
import cockpit.proto.v1.ComponentStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running component: one Vert.x instance (with Micrometer metrics) holding the HTTP server, the
 * bus bridge and, unless disabled, the dialogue and perception verticles over the model in
 * {@code model.dir} (generated on first start when allowed). Started and stopped from the launcher's
 * main thread; {@link #status()} and {@link #readiness()} are thread-safe.
 */
final class Component implements AutoCloseable, ComponentProbe {
  /** Event-bus addresses of dialogue, from the one topic table. */
  static final DialogueAddresses DIALOGUE = new DialogueAddresses(Topics.VOICE.address(),
      Topics.SESSION_CONTROL.address(), Topics.REPLIES.address(), Topics.ERRORS.address(),
      Topics.SESSION_TRANSCRIPT_ADDRESS);

  /** Event-bus addresses the cockpit context listens on, from the one topic table. */
  static final ContextVerticle.Addresses CONTEXT = new ContextVerticle.Addresses(Topics.VEHICLE_STATE.address(),
      Topics.DETECTIONS.address(), Topics.ALERTS.address(), Topics.ERRORS.address());

  /** Cameras whose latest frame is kept for turns that attach them. */
  static final int MAX_CAMERAS = 16;

  /** Event-bus addresses of perception, from the one topic table. */
  static final PerceptionAddresses PERCEPTION = new PerceptionAddresses(Topics.CAMERA.address(),
      Topics.VEHICLE_STATE.address(), Topics.PERCEPTION_REQUEST.address(), Topics.DETECTIONS.address(),
      Topics.ALERTS.address(), Topics.ERRORS.address());

  /** Event-bus addresses the dashboard and metrics listen on, from the one topic table. */
  static final DashboardAddresses DASHBOARD = new DashboardAddresses(Topics.CAMERA.address(), Topics.VOICE.address(),
      Topics.DETECTIONS.address(), Topics.ALERTS.address(), Topics.REPLIES.address(), Topics.ERRORS.address());

  private static final Duration DEPLOY = Duration.ofSeconds(60);
  /**
   * vertx-micrometer-metrics registers its event-bus handler gauge once per consumer and Micrometer warns on
   * the repeats through java.util.logging at every start; the meter is right, the warning is noise. Held
   * here so the level is not lost with a collected logger.
   */
  private static final java.util.logging.Logger MICROMETER_LOG = quietMicrometer();

  private static java.util.logging.Logger quietMicrometer() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("io.micrometer");
    l.setLevel(java.util.logging.Level.SEVERE);
    return l;
  }

  private final CockpitConfig config;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Vertx vertx;
  private final List<String> modelVerticles = new ArrayList<>();
  private volatile BusBridgeVerticle bridge;
  private volatile HttpVerticle http;
  private volatile PerceptionVerticle perception;
  /** Perception's task runner: owns the kept prefix states, freed with the model. */
  private TaskRunner taskRunner;
  private volatile boolean started;
  private volatile boolean stopping;
  private java.util.function.BooleanSupplier stopRequested = () -> false;
  private NpuRuntime runtime;
  private LanguageModel model;
  private SnapshotStore store;
  private SessionManager sessions;
  private VisionEncoder vision;
  private volatile CameraImages images;

  private Component(CockpitConfig config) {
    this.config = config;
    this.vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true))).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** Starts Vert.x, HTTP, the bridge, the model (generating it if missing) and the verticles; blocks until ready. */
  static Component start(CockpitConfig config) throws Exception {
    return start(config, () -> false);
  }

  /**
   * Like {@link #start(CockpitConfig)}, but checks {@code stopRequested} between the parts and returns
   * early, partly started, once it holds; {@link #stop} then stops what did start, in the same order.
   */
  static Component start(CockpitConfig config, java.util.function.BooleanSupplier stopRequested) throws Exception {
    Component c = new Component(config);
    c.stopRequested = stopRequested;
    try {
      c.startParts();
      c.started = true;
      return c;
    } catch (Exception e) {
      await(c.vertx.close(), Duration.ofSeconds(10));
      c.closeModel();
      throw e;
    }
  }

  private void startParts() throws Exception {
    if (config.flag("http.enabled")) { // first: liveness answers while the model loads
      http = new HttpVerticle(ComponentConfig.http(config), this, registry, DASHBOARD, Topics.CAMERA.keyTemplate());
      await(vertx.deployVerticle(http), DEPLOY);
      http.metrics().buildInfo(Main.VERSION, "none", "none", "none");
    }
    if (stopRequested.getAsBoolean()) {
      return;
    }
    BusBridgeVerticle b = new BusBridgeVerticle(config.bridgeOptions());
    await(vertx.deployVerticle(b), DEPLOY);
    bridge = b;
    b.statusExtra(this::statusExtra);
    if (!config.flag("dialogue.enabled") || stopRequested.getAsBoolean()) {
      return;
    }
    runtime = NpuRuntime.create(ComponentConfig.runtime(config));
    Path dir = config.path("model.dir");
    if (!ComponentConfig.hasModel(dir)) {
      System.err.println("cockpit: no model in " + dir + "; generating profile "
          + config.get("model.generate-profile") + " (model.dir, model.generate-profile)");
      ModelCommand.generate(ComponentConfig.profile(config), config.number("model.generate-seed", 0), dir, 32, false);
    }
    Backend backend = ComponentConfig.backend(config, runtime);
    ModelVariant variant = backend.variant();
    if (variant == ModelVariant.W4A16 && !Files.isRegularFile(ModelDirectory.onnx(dir, variant.decodeFile()))) {
      System.err.println("cockpit: writing the " + variant.id() + " decoder into " + dir + " (model.variant)");
      try (var m = ModelDirectory.open(dir)) {
        cockpit.npu.quant.W4A16Decoder.write(m.config(), m.weights(), dir.resolve(ModelDirectory.ONNX_DIR),
            cockpit.npu.graph.DecoderExport.DEFAULT_CHUNK, cockpit.npu.quant.W4A16Decoder.Options.defaults());
      }
    }
    if (stopRequested.getAsBoolean()) {
      return;
    }
    model = LanguageModel.open(dir, backend);
    if (http != null) {
      http.metrics().buildInfo(Main.VERSION, model.info().name(), model.info().variant().id(), model.info().provider());
    }
    if (model.config().hasVision()) {
      vision = model.openVisionEncoder();
      images = new CameraImages(new FeatureCache(vision, (int) config.number("model.feature-cache-frames", 1)),
          new Preprocessor(vision.imageSize()), new FrameDecoder(), MAX_CAMERAS);
    }
    var options = ComponentConfig.dialogue(config);
    store = new SnapshotStore(options.snapshotDir(), Clock.systemUTC(), ComponentConfig.snapshotLimits(config));
    store.cleanupTemp();
    store.trim(id -> false); // nothing is in use yet: an earlier run's surplus goes now
    var errors = DialogueVerticle.errorsTo(vertx, DIALOGUE);
    CockpitView view = null;
    if (config.flag("dialogue.context")) {
      ParkingMemoryFile memory = new ParkingMemoryFile(options.snapshotDir());
      view = new CockpitView(loadParkingMemory(memory, errors));
      modelVerticles.add(await(vertx.deployVerticle(new ContextVerticle(view, memory, CONTEXT, Clock.systemUTC())),
          DEPLOY));
    }
    Grounding grounding = new Grounding(view == null ? ContextSource.NONE : view,
        images == null ? ImageSource.NONE : new CameraImageSource(images), ComponentConfig.timeZone(config),
        config.flag("dialogue.context-time"));
    sessions = new SessionManager(model, options, store, runtime.executor(), Clock.systemUTC(), errors, grounding);
    modelVerticles.add(await(vertx.deployVerticle(new DialogueVerticle(sessions, DIALOGUE)), DEPLOY));
    if (config.flag("perception.enabled") && images != null && !stopRequested.getAsBoolean()) {
      TaskRunner runner = new TaskRunner(model, images, cockpit.lm.generate.SamplingOptions.greedy(),
          config.flag("perception.fork-prefix"));
      taskRunner = runner;
      PerceptionVerticle p = new PerceptionVerticle(runner, ComponentConfig.tasks(config),
          new AlertEngine(ComponentConfig.alertRules(config), Clock.systemUTC()), runtime.executor(), PERCEPTION,
          Clock.systemUTC(), config.flag("perception.change-gate"));
      modelVerticles.add(await(vertx.deployVerticle(p), DEPLOY));
      perception = p;
    }
  }

  /** The stored parking memory; an unreadable file is reported and the component starts without one. */
  private static ParkingMemory loadParkingMemory(ParkingMemoryFile file, SessionManager.Errors errors) {
    try {
      return file.load().orElse(null);
    } catch (java.io.IOException e) {
      errors.report(DialogueException.Kind.SNAPSHOT_CORRUPT, "", e.getMessage() + "; starting without a parking"
          + " memory");
      return null;
    }
  }

  /** What the component adds to the bridge's status: model, sessions, perception and snapshot counters. */
  private void statusExtra(ComponentStatus.Builder b) {
    SessionManager sm = sessions;
    if (sm != null) {
      b.setActiveSessions(sm.residentSessions()).setModelId(model.info().name())
          .putCounters("dialogue_sessions_known", sm.knownSessions());
    }
    PerceptionVerticle p = perception;
    if (p != null) {
      p.counters().forEach((k, v) -> b.putCounters("perception_" + k, v));
    }
    CameraImages im = images;
    if (im != null) {
      FeatureCache.Stats fc = im.cache().stats();
      b.putCounters("vision_encoder_runs", fc.encoderRuns()).putCounters("vision_feature_cache_hits", fc.hits())
          .putCounters("vision_feature_cache_joins", fc.joins())
          .putCounters("vision_feature_cache_evictions", fc.evictions());
    }
    SnapshotStore st = store;
    if (st != null) {
      SnapshotStore.IoStats io = st.ioStats();
      b.putCounters("snapshot_saves", io.saves()).putCounters("snapshot_save_failures", io.saveFailures())
          .putCounters("snapshot_saved_bytes", io.savedBytes())
          .putCounters("snapshot_save_ms", TimeUnit.NANOSECONDS.toMillis(io.saveNanos()))
          .putCounters("snapshot_loads", io.loads()).putCounters("snapshot_load_failures", io.loadFailures())
          .putCounters("snapshot_loaded_bytes", io.loadedBytes())
          .putCounters("snapshot_load_ms", TimeUnit.NANOSECONDS.toMillis(io.loadNanos()));
      SnapshotStore.Usage u = st.usage();
      b.putCounters("snapshot_files", u.files()).putCounters("snapshot_bytes", u.bytes())
          .putCounters("snapshot_trimmed_files", u.trimmedFiles()).putCounters("snapshot_trimmed_bytes",
              u.trimmedBytes());
    }
    NpuRuntime rt = runtime;
    if (rt != null) {
      rt.executor().stats().forEach((priority, s) -> {
        String name = priority.name().toLowerCase(java.util.Locale.ROOT);
        b.putCounters("inference_started_" + name, s.started()).putCounters("inference_refused_" + name, s.refused())
            .putCounters("inference_wait_ms_" + name, TimeUnit.NANOSECONDS.toMillis(s.waitNanosTotal()))
            .putCounters("inference_wait_ms_max_" + name, TimeUnit.NANOSECONDS.toMillis(s.waitNanosMax()));
      });
    }
  }

  @Override
  public ComponentStatus status() {
    BusBridgeVerticle b = bridge;
    return b == null ? ComponentStatus.newBuilder().setState(ComponentState.COMPONENT_STATE_STARTING).build()
        : b.status();
  }

  @Override
  public List<Check> readiness() {
    ComponentStatus st = status();
    boolean bus = st.getState() == ComponentState.COMPONENT_STATE_READY && !st.getZenohId().isEmpty();
    boolean dialogue = config.flag("dialogue.enabled");
    return List.of(
        new Check("bus", bus, bus ? "zenoh session " + st.getZenohId() : "state " + st.getState()),
        new Check("model", !dialogue || model != null, dialogue ? (model != null ? "loaded" : "loading")
            : "not used (dialogue.enabled=false)"),
        new Check("verticles", started && !stopping, stopping ? "stopping" : started ? "deployed" : "starting"));
  }

  Vertx vertx() {
    return vertx;
  }

  /** The HTTP port actually bound, or -1 when {@code http.enabled} is false. */
  int httpPort() {
    HttpVerticle h = http;
    return h == null ? -1 : h.port();
  }

  /**
   * Graceful stop, in order: stop intake (the bridge ignores Zenoh samples; readiness turns DOWN), undeploy
   * dialogue and perception (nothing new reaches them), cancel or finish turns in flight and snapshot every
   * session (their final replies still go out), then close Vert.x (HTTP closes; the bridge flushes its
   * outbound queue and undeclares everything from Zenoh), then free the model.
   */
  void stop(Duration deadline) throws Exception {
    stopping = true;
    BusBridgeVerticle b = bridge;
    if (b != null) {
      b.stopIntake();
    }
    for (String id : modelVerticles) {
      await(vertx.undeploy(id), deadline);
    }
    if (sessions != null) {
      sessions.close();
      sessions = null;
    }
    await(vertx.close(), deadline);
    closeModel();
  }

  private void closeModel() throws Exception {
    if (sessions != null) {
      sessions.close();
      sessions = null;
    }
    if (runtime != null) {
      // Let queued perception tasks finish rather than fail on a closed model: undeploying the perception
      // verticle does not wait for encodes already queued. (Closing under a running encode is safe now:
      // the encoder is freed after its last call.)
      runtime.executor().close();
    }
    if (taskRunner != null) {
      taskRunner.close(); // its kept decoder states, before the decoder's runtime goes
      taskRunner = null;
    }
    // Each part is freed after its last call in flight; the ORT sessions go before the session options
    // the runtime frees, hence the waits.
    if (vision != null) {
      vision.close();
      vision.awaitFreed(30, TimeUnit.SECONDS);
    }
    if (model != null) {
      model.close();
      model.awaitFreed(30, TimeUnit.SECONDS);
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  @Override
  public void close() throws Exception {
    stop(Duration.ofSeconds(15));
  }

  static <T> T await(Future<T> f, Duration timeout) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
