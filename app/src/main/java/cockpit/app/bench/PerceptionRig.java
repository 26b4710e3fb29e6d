package cockpit.app.bench;

import cockpit.bus.Topics;
import cockpit.bus.bridge.ProtobufMessageCodec;
import cockpit.lm.Backend;
import cockpit.lm.LanguageModel;
import cockpit.lm.VisionEncoder;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.perception.PerceptionAddresses;
import cockpit.perception.PerceptionVerticle;
import cockpit.perception.alert.AlertEngine;
import cockpit.perception.alert.AlertRulesConfig;
import cockpit.lm.generate.SamplingOptions;
import cockpit.lm.vision.FeatureCache;
import cockpit.perception.frame.CameraImages;
import cockpit.perception.frame.FrameDecoder;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.TaskRunner;
import cockpit.proto.v1.DetectionSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One model (language model + vision encoder, ONNX Runtime) opened once, and perception verticles deployed on a
 * fresh Vert.x per measurement with the component's event-bus addresses. Benchmark plumbing only.
 */
final class PerceptionRig implements AutoCloseable {
  static final PerceptionAddresses ADDR = new PerceptionAddresses(Topics.CAMERA.address(),
      Topics.VEHICLE_STATE.address(), Topics.PERCEPTION_REQUEST.address(), Topics.DETECTIONS.address(),
      Topics.ALERTS.address(), Topics.ERRORS.address());

  final LanguageModel model;
  final VisionEncoder vision;
  private final NpuRuntime runtime;

  PerceptionRig(NpuRuntime runtime, Path dir) throws Exception {
    this.runtime = runtime;
    this.model = LanguageModel.open(dir, new Backend.Ort(runtime, ModelVariant.FLOAT));
    this.vision = model.openVisionEncoder();
  }

  /** A deployed verticle on its own Vert.x; close it when done. */
  final class Deployed implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final PerceptionVerticle verticle;
    final TaskRunner runner;

    Deployed(List<PerceptionTask> tasks, Clock clock, boolean gate, Consumer<DetectionSet> sets) throws Exception {
      this(tasks, clock, gate, true, sets);
    }

    /** @param fork whether the runner forks each frame's [system][image] state (perception.fork-prefix) */
    Deployed(List<PerceptionTask> tasks, Clock clock, boolean gate, boolean fork, Consumer<DetectionSet> sets)
        throws Exception {
      ProtobufMessageCodec.registerAll(vertx);
      vertx.eventBus().<DetectionSet>consumer(ADDR.detections(), m -> sets.accept(m.body()));
      Preprocessor pre = new Preprocessor(vision.imageSize());
      runner = new TaskRunner(model, new CameraImages(new FeatureCache(vision, 8), pre, new FrameDecoder(), 8),
          SamplingOptions.greedy(), fork);
      verticle = new PerceptionVerticle(runner, tasks, new AlertEngine(AlertRulesConfig.defaults(), clock),
          runtime.executor(), ADDR, clock, gate);
      await(vertx.deployVerticle(verticle));
    }

    @Override
    public void close() throws Exception {
      await(vertx.close());
      runner.close();
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  @Override
  public void close() throws Exception {
    vision.close();
    model.close();
  }

  /** A clock the benchmark moves by hand (simulated time). */
  static final class SimClock extends Clock {
    volatile long millis = 1_800_000_000_000L;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }
}
