package cockpit.npu.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** QNN settings: validated, mapped to ORT's names, and a clear error on the CPU-only ONNX Runtime jar. */
class QnnOptionsTest {
  @Test
  void mapsToOrtOptionNamesWithContextCacheAsSessionEntries() {
    Map<String, String> m = new QnnOptions("/opt/qnn/libQnnHtp.so", "high_performance", true, "/data/ctx.onnx")
        .toProviderOptions();
    assertEquals("/opt/qnn/libQnnHtp.so", m.get("backend_path"));
    assertEquals("high_performance", m.get("htp_performance_mode"));
    assertEquals("1", m.get("ep.context_enable"));
    assertEquals("/data/ctx.onnx", m.get("ep.context_file_path"));
    assertEquals(Map.of("backend_path", "libQnnHtp.so", "htp_performance_mode", "burst"),
        QnnOptions.defaults().toProviderOptions());
  }

  @Test
  void rejectsUnknownPerformanceModeAndEmptyBackend() {
    var e = assertThrows(IllegalArgumentException.class, () -> new QnnOptions("libQnnHtp.so", "turbo", false, ""));
    assertTrue(e.getMessage().contains("sustained_high_performance"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new QnnOptions(" ", "burst", false, ""));
  }

  @Test
  void cpuOnlyOnnxRuntimeRefusesQnnNamingTheBuildThatHasIt() {
    RuntimeOptions o = RuntimeOptions.defaults().withProvider(ExecutionProvider.QNN,
        new QnnOptions("libQnnHtp.so", "burst", true, "").toProviderOptions());
    var e = assertThrows(IllegalStateException.class, () -> NpuRuntime.create(o));
    assertTrue(e.getMessage().contains("execution provider qnn is not in the installed ONNX Runtime"), e.getMessage());
    assertTrue(e.getMessage().contains("onnxruntime-android-qnn") && e.getMessage().contains("npu.provider=cpu"),
        e.getMessage());
  }
}
