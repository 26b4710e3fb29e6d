package cockpit.perception.frame;

import static cockpit.perception.frame.TestImages.synthetic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ChangeGateTest {
  private static RgbImage shifted(RgbImage img, int delta) {
    byte[] out = img.rgb().clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Math.clamp((out[i] & 0xFF) + delta, 0, 255);
    }
    return new RgbImage(img.width(), img.height(), out);
  }

  @Test
  void identicalFrameIsSkipped() {
    ChangeGate gate = new ChangeGate();
    RgbImage img = synthetic(320, 240, 20);
    assertTrue(gate.accept("cabin-front", img));
    assertFalse(gate.accept("cabin-front", new RgbImage(320, 240, img.rgb().clone())));
    assertEquals(1, gate.accepted());
    assertEquals(1, gate.skipped());
  }

  @Test
  void sensorNoiseBelowThresholdIsSkipped() {
    ChangeGate gate = new ChangeGate();
    RgbImage img = synthetic(320, 240, 21);
    gate.accept("cabin-front", img);
    Random rnd = new Random(22);
    for (int k = 0; k < 5; k++) {
      byte[] noisy = img.rgb().clone();
      for (int i = 0; i < noisy.length; i++) {
        noisy[i] = (byte) Math.clamp((noisy[i] & 0xFF) + rnd.nextInt(7) - 3, 0, 255);
      }
      assertFalse(gate.accept("cabin-front", new RgbImage(320, 240, noisy)), "noisy frame " + k);
    }
    assertEquals(5, gate.skipped());
  }

  @Test
  void changedRegionIsAccepted() {
    ChangeGate gate = new ChangeGate();
    RgbImage img = synthetic(320, 240, 23);
    gate.accept("cabin-front", img);
    byte[] changed = img.rgb().clone();
    for (int y = 60; y < 160; y++) { // a 100x100 patch (13% of the frame) brightened by 100
      for (int x = 100; x < 200; x++) {
        for (int c = 0; c < 3; c++) {
          int o = 3 * (y * 320 + x) + c;
          changed[o] = (byte) Math.min(255, (changed[o] & 0xFF) + 100);
        }
      }
    }
    assertTrue(gate.accept("cabin-front", new RgbImage(320, 240, changed)));
    assertEquals(2, gate.accepted());
  }

  @Test
  void referenceMovesOnlyOnAcceptanceSoDriftAddsUp() {
    ChangeGate gate = new ChangeGate(32, 2.5);
    RgbImage base = TestImages.solid(64, 64, 100, 100, 100);
    assertTrue(gate.accept("c", base));
    assertFalse(gate.accept("c", shifted(base, 1)));
    assertFalse(gate.accept("c", shifted(base, 2)));
    assertTrue(gate.accept("c", shifted(base, 3)));
    assertFalse(gate.accept("c", shifted(base, 4)));
  }

  @Test
  void camerasAreIndependent() {
    ChangeGate gate = new ChangeGate();
    RgbImage a = synthetic(64, 48, 24);
    RgbImage b = shifted(a, 40);
    assertTrue(gate.accept("cabin-front", a));
    assertTrue(gate.accept("exterior-left", a));
    assertFalse(gate.accept("exterior-left", a));
    assertTrue(gate.accept("cabin-front", b));
    assertFalse(gate.accept("cabin-front", b));
    gate.forget("cabin-front");
    assertTrue(gate.accept("cabin-front", b));
  }

  @Test
  void zeroThresholdAcceptsEverything() {
    ChangeGate gate = new ChangeGate(32, 0);
    RgbImage img = synthetic(16, 16, 26);
    for (int i = 0; i < 3; i++) {
      assertTrue(gate.accept("c", img));
    }
  }

  @Test
  void concurrentCallsCountEveryFrame() throws Exception {
    ChangeGate gate = new ChangeGate();
    RgbImage[] frames = {synthetic(64, 48, 27), synthetic(64, 48, 28)};
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String camera = "cam-" + (t % 4);
        jobs.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            gate.accept(camera, frames[0]);
          }
        }));
      }
      for (Future<?> j : jobs) {
        j.get();
      }
    } finally {
      pool.shutdown();
    }
    // Same frame throughout: exactly the first frame per camera passes.
    assertEquals(4, gate.accepted());
    assertEquals(8 * 200 - 4, gate.skipped());
  }
}
