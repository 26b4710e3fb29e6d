package cockpit.perception;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.runtime.InferenceExecutor;
import cockpit.perception.alert.AlertEngine;
import cockpit.perception.alert.AlertRulesConfig;
import cockpit.perception.task.DutyCycle;
import cockpit.perception.task.PerceptionTasks;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.InferenceLatency;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * InferenceLatency.queue_ms was never filled (always 0) and total_ms started at preprocessing, so time a
 * frame spent in the shared inference queue (behind dialogue, say) was invisible (issue #11, defect 6).
 */
class LatencyQueueTest {
  @Test
  void aFrameHeldInTheInferenceQueueReportsTheWaitInQueueAndTotal() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (InferenceExecutor executor = new InferenceExecutor(1, 16)) {
      PerceptionVerticleTest.localCodecs(vertx);
      List<DetectionSet> sets = new CopyOnWriteArrayList<>();
      vertx.eventBus().<DetectionSet>consumer(PerceptionVerticleTest.ADDR.detections(), m -> sets.add(m.body()));
      Clock clock = Clock.systemUTC();
      PerceptionVerticle v = new PerceptionVerticle(TinyVision.runner(),
          List.of(PerceptionTasks.occupancy().withSchedule(DutyCycle.always(Duration.ZERO))),
          new AlertEngine(AlertRulesConfig.defaults(), clock), executor, PerceptionVerticleTest.ADDR, clock);
      PerceptionVerticleTest.await(vertx.deployVerticle(v));
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Boolean> dialogue = executor.submit(InferenceExecutor.Priority.DIALOGUE, () -> {
        running.countDown();
        return release.await(60, TimeUnit.SECONDS);
      });
      assertTrue(running.await(30, TimeUnit.SECONDS));
      vertx.eventBus().send(PerceptionVerticleTest.ADDR.camera(),
          PerceptionVerticleTest.frame(PerceptionTasks.CABIN_CAMERA, 1, 64, 48, 64 * 48 * 3));
      PerceptionVerticleTest.eventually(
          () -> executor.stats().get(InferenceExecutor.Priority.SAFETY).submitted() == 1);
      long held = System.nanoTime();
      Thread.sleep(300); // makes a wait of known length; the assertion is on the reported figure
      long heldMs = (System.nanoTime() - held) / 1_000_000;
      release.countDown();
      dialogue.get(30, TimeUnit.SECONDS);
      PerceptionVerticleTest.eventually(() -> sets.size() == 1);
      InferenceLatency l = sets.get(0).getLatency();
      assertTrue(l.getQueueMs() >= heldMs, "queue " + l.getQueueMs() + " ms covers the " + heldMs + " ms held");
      float parts = l.getQueueMs() + l.getPreprocessMs() + l.getVisionEncodeMs() + l.getPrefillMs() + l.getDecodeMs();
      assertTrue(l.getTotalMs() >= parts * 0.99f, "total runs from the frame's receipt: " + l);
    } finally {
      PerceptionVerticleTest.await(vertx.close());
    }
  }
}
