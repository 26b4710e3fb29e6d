package cockpit.npu.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NpuRuntimeTest {
  @Test
  void aProviderMissingFromTheInstalledRuntimeFailsNamingTheBuildToUse() {
    for (ExecutionProvider p : List.of(ExecutionProvider.CUDA, ExecutionProvider.QNN)) {
      if (ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(p.ort())) {
        continue; // a build that has it: nothing to refuse
      }
      var e = assertThrows(IllegalStateException.class,
          () -> NpuRuntime.create(RuntimeOptions.defaults().withProvider(p, Map.of())));
      assertTrue(e.getMessage().contains(p.name().toLowerCase()) && e.getMessage().contains("npu.provider=cpu"),
          e.getMessage());
    }
    var e = assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse("tpu"));
    assertTrue(e.getMessage().contains("cpu, cuda, qnn or xnnpack"), e.getMessage());
  }

  @Test
  void executorServesSafetyBeforeDialogueBeforeBackgroundAndBoundsItsQueue() throws Exception {
    try (InferenceExecutor ex = new InferenceExecutor(1, 1)) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> blocker = ex.submit(InferenceExecutor.Priority.BACKGROUND, () -> {
        started.countDown();
        return release.await(10, TimeUnit.SECONDS);
      });
      assertTrue(started.await(10, TimeUnit.SECONDS));
      List<String> order = new CopyOnWriteArrayList<>();
      var bg = ex.submit(InferenceExecutor.Priority.BACKGROUND, () -> order.add("background"));
      var dl = ex.submit(InferenceExecutor.Priority.DIALOGUE, () -> order.add("dialogue"));
      var sf = ex.submit(InferenceExecutor.Priority.SAFETY, () -> order.add("safety"));
      var refused = ex.submit(InferenceExecutor.Priority.BACKGROUND, () -> order.add("too many"));
      ExecutionException full = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
      assertTrue(full.getCause() instanceof RejectedExecutionException && full.getCause().getMessage()
          .contains("queue full"), String.valueOf(full.getCause()));
      release.countDown();
      CompletableFuture.allOf(blocker, bg, dl, sf).get(10, TimeUnit.SECONDS);
      assertEquals(List.of("safety", "dialogue", "background"), order);
    }
  }

  @Test
  void aFailingTaskFailsItsFutureAndTheExecutorCarriesOn() throws Exception {
    try (InferenceExecutor ex = new InferenceExecutor(1, 4)) {
      var bad = ex.submit(InferenceExecutor.Priority.DIALOGUE, () -> {
        throw new IllegalStateException("model exploded");
      });
      ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
      assertEquals("model exploded", e.getCause().getMessage());
      assertEquals(42, ex.submit(InferenceExecutor.Priority.DIALOGUE, () -> 42).get(10, TimeUnit.SECONDS));
    }
  }
}
