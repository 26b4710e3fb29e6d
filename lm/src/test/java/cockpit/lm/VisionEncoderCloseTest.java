package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing a vision encoder while other threads encode (the shutdown that crashed the JVM in libonnxruntime):
 * no crash; every encode either completes with whole features or fails with the "closed" IllegalStateException;
 * the encoder is freed once the encodes in flight have returned. Both backends.
 */
class VisionEncoderCloseTest {
  @ParameterizedTest
  @ValueSource(strings = {"ort", "reference"})
  void closeWhileOtherThreadsEncodeIsSafe(String backend) throws Exception {
    LanguageModel model = backend.equals("ort") ? TinyModel.ort() : TinyModel.model();
    VisionEncoder encoder = model.openVisionEncoder();
    float[] px = Logits.image(encoder.imageSize(), 9);
    float[] expected = encoder.encode(px);
    int threads = 3;
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch eachEncodedOnce = new CountDownLatch(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          while (true) {
            float[] f;
            try {
              f = encoder.encode(px);
            } catch (IllegalStateException closed) {
              assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
              refused.incrementAndGet();
              return null;
            }
            assertEquals(expected.length, f.length);
            assertEquals(expected[expected.length - 1], f[f.length - 1], "a whole, correct result");
            completed.incrementAndGet();
            eachEncodedOnce.countDown();
          }
        }));
      }
      assertTrue(eachEncodedOnce.await(120, TimeUnit.SECONDS), "every thread encodes before the close");
      encoder.close(); // the threads are inside or between encodes now; never blocks
      for (Future<?> w : workers) {
        w.get(120, TimeUnit.SECONDS); // an assertion error or a crash in a worker fails here
      }
      assertTrue(encoder.awaitFreed(30, TimeUnit.SECONDS), "freed after the last encode in flight");
      assertEquals(threads, refused.get(), "each thread's next encode after the close was refused");
      assertTrue(completed.get() >= threads, "completed " + completed.get());
    } finally {
      pool.shutdownNow();
    }
  }
}
