package cockpit.npu.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.DecoderExport;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.WeightGenerator;
import cockpit.npu.model.Weights;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state's buffers are freed when it is closed, not when a collection finds them: the fault suite saw a
 * state per perception task (megabytes of KV) grow the process by the whole direct-memory limit and set
 * off collection storms (issue #11). Checked on the JVM's direct-buffer pool, which the state no longer
 * draws from, on the state's arena (no longer alive after close: its memory is freed), and on a use after
 * close, which now throws instead of reading freed memory.
 */
class DecoderStateMemoryTest {
  @Test
  void manyStatesLeaveTheDirectPoolAloneAndAClosedStateCannotBeRead(@TempDir Path dir) throws Exception {
    ModelConfig cfg = new ModelConfig(Profile.TINY.text(), null, Profile.TINY.config(3).tokens(), "tiny", 3, 64);
    Weights w = WeightGenerator.generate(cfg);
    DecoderExport.write(cfg, w, dir, 8);
    BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
    long kvBytes = cfg.text().stateBytes(cfg.contextLength());
    try (NpuRuntime runtime = NpuRuntime.create(RuntimeOptions.defaults());
        DecoderSession s = DecoderSession.open(runtime, cfg.text(), w, dir)) {
      long before = direct.getMemoryUsed();
      DecoderState last = null;
      for (int i = 0; i < 50; i++) {
        DecoderState st = s.newState();
        s.prefill(st, s.embed(new int[] {14, 15, 16}), 3, null);
        st.close();
        last = st;
      }
      long grown = direct.getMemoryUsed() - before;
      // Before: every state's KV and step I/O stayed in the direct pool until collected (over 50 × kvBytes
      // here). Now neither is drawn from it.
      assertTrue(grown < kvBytes, "50 closed states of " + kvBytes + " bytes of KV left " + grown
          + " direct bytes");
      int layer = cfg.text().attentionLayers().get(0);
      DecoderState closed = last;
      assertFalse(closed.memoryAllocated(), "the closed state's arena still holds its memory");
      assertThrows(IllegalStateException.class, () -> closed.keys(layer));
      assertThrows(IllegalStateException.class, () -> s.decode(closed, 14, null));
      assertThrows(IllegalStateException.class, () -> closed.writeTo(java.nio.channels.Channels.newChannel(
          new java.io.ByteArrayOutputStream())));
      try (DecoderState fresh = s.newState()) {
        assertThrows(IllegalStateException.class, () -> closed.copyTo(fresh));
        assertThrows(IllegalStateException.class, () -> fresh.copyTo(closed));
      }
      closed.close(); // closing twice is harmless
      assertEquals(3, closed.position());
    }
  }
}
