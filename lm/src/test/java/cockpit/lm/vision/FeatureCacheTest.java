package cockpit.lm.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cockpit.lm.TinyModel;
import cockpit.lm.VisionEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One encoder run per frame however many ask, on the tiny model's plain-Java encoder. */
class FeatureCacheTest {
  static VisionEncoder encoder;

  @BeforeAll
  static void open() throws Exception {
    encoder = TinyModel.model().openVisionEncoder();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  static float[] pixels(long seed) {
    Random r = new Random(seed);
    float[] p = new float[3 * encoder.imageSize() * encoder.imageSize()];
    for (int i = 0; i < p.length; i++) {
      p[i] = r.nextFloat();
    }
    return p;
  }

  @Test
  void manyThreadsAskingForOneFrameShareOneEncoderRunAndGetTheEncodersFeatures() throws Exception {
    FeatureCache cache = new FeatureCache(encoder, 4);
    FrameKey key = new FrameKey("cabin", 812, 1_700_000_000_000_000_000L);
    AtomicInteger suppliers = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<float[]>> all = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Callable<float[]> ask = () -> {
          start.await();
          return cache.features(key, () -> {
            suppliers.incrementAndGet();
            return pixels(812);
          }, null);
        };
        all.add(pool.submit(ask));
      }
      start.countDown();
      float[] first = all.get(0).get(60, TimeUnit.SECONDS);
      for (Future<float[]> f : all) {
        assertSame(first, f.get(60, TimeUnit.SECONDS));
      }
      assertArrayEquals(encoder.encode(pixels(812)), first);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, suppliers.get());
    FeatureCache.Stats st = cache.stats();
    assertEquals(1, st.encoderRuns());
    assertEquals(5, st.hits() + st.joins());
  }

  @Test
  void theCapacityBoundsTheFramesKeptAndTheOldestGoesFirst() {
    FeatureCache cache = new FeatureCache(encoder, 2);
    for (long seq = 0; seq < 3; seq++) {
      long s = seq;
      cache.features(new FrameKey("cabin", s, 0), () -> pixels(s), null);
    }
    assertEquals(2, cache.stats().size());
    assertEquals(1, cache.stats().evictions());
    cache.features(new FrameKey("cabin", 2, 0), () -> pixels(2), null); // kept
    cache.features(new FrameKey("cabin", 0, 0), () -> pixels(0), null); // dropped: encoded again
    assertEquals(4, cache.stats().encoderRuns());
    cache.features(new FrameKey("exterior", 2, 0), () -> pixels(2), null);
    assertEquals(5, cache.stats().encoderRuns(), "another camera's frame 2 is another frame");
  }

  @Test
  void aFailedRunIsNotKeptAndTheNextCallerEncodesItself() {
    FeatureCache cache = new FeatureCache(encoder, 2);
    FrameKey key = new FrameKey("driver", 1, 0);
    assertThrows(IllegalArgumentException.class, () -> cache.features(key, () -> new float[3], null));
    assertEquals(0, cache.stats().size());
    assertArrayEquals(encoder.encode(pixels(1)), cache.features(key, () -> pixels(1), null));
    assertEquals(1, cache.stats().encoderRuns());
    assertThrows(IllegalArgumentException.class, () -> new FeatureCache(encoder, 0));
    assertThrows(IllegalArgumentException.class, () -> new FrameKey(" ", 0, 0));
  }
}
