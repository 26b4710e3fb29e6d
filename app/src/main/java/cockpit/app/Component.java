package cockpit.app;

import cockpit.bus.Topics;
import cockpit.bus.bridge.BusBridgeVerticle;
import cockpit.dialogue.DialogueAddresses;
import cockpit.dialogue.DialogueModel;
import cockpit.dialogue.DialogueVerticle;
import cockpit.dialogue.SessionManager;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.runtime.VisionEncoderSession;
import cockpit.perception.PerceptionAddresses;
import cockpit.perception.PerceptionVerticle;
import cockpit.perception.alert.AlertEngine;
import cockpit.perception.alert.AlertRulesConfig;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.task.PerceptionTasks;
import cockpit.perception.task.TaskRunner;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.proto.v1.ComponentStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The running component: one Vert.x instance with the bus bridge and (unless disabled) the dialogue
 * verticle over the model in {@code model.dir} — generated from {@code model.generate-profile} on
 * first start when the directory has no model. Started and stopped from the launcher's main thread.
 */
final class Component implements AutoCloseable {
  /** Event-bus addresses of dialogue, from the one topic table. */
  static final DialogueAddresses DIALOGUE = new DialogueAddresses(Topics.VOICE.address(),
      Topics.SESSION_CONTROL.address(), Topics.REPLIES.address(), Topics.ERRORS.address());

  /** Event-bus addresses of perception, from the one topic table. */
  static final PerceptionAddresses PERCEPTION = new PerceptionAddresses(Topics.CAMERA.address(),
      Topics.VEHICLE_STATE.address(), Topics.DETECTIONS.address(), Topics.ALERTS.address(), Topics.ERRORS.address());

  private final Vertx vertx;
  private final BusBridgeVerticle bridge;
  private final NpuRuntime runtime;
  private final DialogueModel model;
  private final SessionManager sessions;
  private final VisionEncoderSession vision;

  private Component(Vertx vertx, BusBridgeVerticle bridge, NpuRuntime runtime, DialogueModel model,
      SessionManager sessions, VisionEncoderSession vision) {
    this.vertx = vertx;
    this.bridge = bridge;
    this.runtime = runtime;
    this.model = model;
    this.sessions = sessions;
    this.vision = vision;
  }

  /** Starts Vert.x, the model (generating it if missing) and the verticles; blocks until ready. */
  static Component start(CockpitConfig config) throws Exception {
    Vertx vertx = Vertx.vertx();
    NpuRuntime runtime = null;
    DialogueModel model = null;
    SessionManager sessions = null;
    VisionEncoderSession vision = null;
    try {
      BusBridgeVerticle bridge = new BusBridgeVerticle(config.bridgeOptions());
      await(vertx.deployVerticle(bridge), Duration.ofSeconds(60));
      if (config.flag("dialogue.enabled")) {
        runtime = NpuRuntime.create(ComponentConfig.runtime(config));
        Path dir = config.path("model.dir");
        if (!Files.isRegularFile(dir.resolve(ModelDirectory.CONFIG))) {
          System.err.println("cockpit: no model in " + dir + "; generating profile "
              + config.get("model.generate-profile") + " (model.dir, model.generate-profile)");
          ModelCommand.generate(ComponentConfig.profile(config), config.number("model.generate-seed", 0), dir, 32,
              false);
        }
        ModelVariant variant = ComponentConfig.variant(config);
        if (variant == ModelVariant.W4A16 && !Files.isRegularFile(ModelDirectory.onnx(dir, variant.decodeFile()))) {
          System.err.println("cockpit: writing the " + variant.id() + " decoder into " + dir + " (model.variant)");
          try (var m = ModelDirectory.open(dir)) {
            cockpit.npu.quant.W4A16Decoder.write(m.config(), m.weights(), dir.resolve(ModelDirectory.ONNX_DIR),
                cockpit.npu.graph.DecoderExport.DEFAULT_CHUNK, cockpit.npu.quant.W4A16Decoder.Options.defaults());
          }
        }
        model = DialogueModel.open(runtime, dir, variant);
        var options = ComponentConfig.dialogue(config);
        SnapshotStore store = new SnapshotStore(options.snapshotDir());
        store.cleanupTemp();
        sessions = new SessionManager(model, options, store, runtime.executor(), Clock.systemUTC(),
            DialogueVerticle.errorsTo(vertx, DIALOGUE));
        await(vertx.deployVerticle(new DialogueVerticle(sessions, DIALOGUE)), Duration.ofSeconds(60));
        SessionManager sm = sessions;
        String modelId = model.model().config().profile() + "-seed" + model.model().config().seed();
        bridge.statusExtra(b -> b.setActiveSessions(sm.residentSessions()).setModelId(modelId)
            .putCounters("dialogue_sessions_known", sm.knownSessions()));
        if (config.flag("perception.enabled") && model.model().config().hasVision()) {
          vision = VisionEncoderSession.open(runtime, model.model().config(),
              dir.resolve(ModelDirectory.ONNX_DIR).resolve(ModelDirectory.VISION_ENCODER_ONNX));
          TaskRunner runner = new TaskRunner(model, vision, new Preprocessor(vision.imageSize()));
          PerceptionVerticle perception = new PerceptionVerticle(runner, PerceptionTasks.defaults(),
              new AlertEngine(AlertRulesConfig.defaults(), Clock.systemUTC()), runtime.executor(), PERCEPTION,
              Clock.systemUTC());
          await(vertx.deployVerticle(perception), Duration.ofSeconds(60));
          bridge.statusExtra(b -> {
            b.setActiveSessions(sm.residentSessions()).setModelId(modelId)
                .putCounters("dialogue_sessions_known", sm.knownSessions());
            perception.counters().forEach((k, v) -> b.putCounters("perception_" + k, v));
          });
        }
      }
      return new Component(vertx, bridge, runtime, model, sessions, vision);
    } catch (Exception e) {
      await(vertx.close(), Duration.ofSeconds(10));
      closeModel(sessions, vision, model, runtime);
      throw e;
    }
  }

  ComponentStatus status() {
    return bridge.status();
  }

  /**
   * Stops intake (undeploys the verticles: the bridge undeclares from Zenoh and closes its session),
   * then cancels or finishes turns in flight and snapshots every session, then frees the model.
   */
  void stop(Duration deadline) throws Exception {
    await(vertx.close(), deadline);
    closeModel(sessions, vision, model, runtime);
  }

  private static void closeModel(SessionManager sessions, VisionEncoderSession vision, DialogueModel model,
      NpuRuntime runtime) throws Exception {
    if (sessions != null) {
      sessions.close();
    }
    if (vision != null) {
      vision.close();
    }
    if (model != null) {
      model.close();
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
