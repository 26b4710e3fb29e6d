package cockpit.npu.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.DecoderExport;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.Profile;
import cockpit.npu.model.WeightGenerator;
import cockpit.npu.model.Weights;
import cockpit.npu.runtime.DecoderSession;
import cockpit.npu.runtime.DecoderState;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The W4A16 tiny decoder written beside the float graphs, opened through {@code model.variant}'s
 * files. Stated bounds: (1) against the float graphs run over the 4-bit-dequantized weights —
 * the same arithmetic, so only kernel rounding differs — logits SQNR ≥ {@value #EXACT_SQNR_DB} dB;
 * (2) every quantized matrix keeps weight SQNR ≥ {@value #WEIGHT_SQNR_DB} dB; (3) against the fp32
 * model, first-token logits SQNR ≥ {@value #MIN_SQNR_DB} dB (measured 9.4 dB on seed 3). The
 * weights are random: an untrained 16-layer net amplifies weight noise layer after layer (a
 * 40-token prompt drops to ≈ 1–3 dB), so (3) says little about a trained LFM2 — (1) and (2) are
 * the checks of the quantizer itself.
 */
class W4A16DecoderTest {
  static final double EXACT_SQNR_DB = 60;
  static final double WEIGHT_SQNR_DB = 17;
  static final double MIN_SQNR_DB = 6;
  @TempDir static Path dir;
  static NpuRuntime rt;
  static ModelConfig cfg;
  static Weights w;

  @BeforeAll
  static void build() throws Exception {
    rt = NpuRuntime.create(RuntimeOptions.defaults());
    cfg = new ModelConfig(Profile.TINY.text(), null, Profile.TINY.config(3).tokens(), "tiny", 3, 128);
    w = WeightGenerator.generate(cfg);
    DecoderExport.write(cfg, w, dir, 8);
    W4A16Decoder.write(cfg, w, dir, 8, W4A16Decoder.Options.defaults());
    W4A16Decoder view = new W4A16Decoder(w, W4A16Decoder.Options.defaults());
    DecoderExport.write(cfg, view.dequantizedView(), dir.resolve("fakequant"), 8);
  }

  private static int[] prompt(int n) {
    int[] p = new int[n];
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < n; i++) {
      p[i] = 14 + r.nextInt(200);
    }
    return p;
  }

  @Test
  void quantizedGraphComputesExactlyTheDequantizedWeightsAndEachMatrixKeepsItsSqnr() throws Exception {
    int[] prompt = prompt(40);
    try (DecoderSession fq = DecoderSession.open(rt, cfg.text(), w, dir.resolve("fakequant"), ModelVariant.FLOAT);
        DecoderSession q = DecoderSession.open(rt, cfg.text(), w, dir, ModelVariant.W4A16);
        DecoderState a = fq.newState();
        DecoderState b = q.newState()) {
      ErrorStats e = ErrorStats.of(fq.prefill(a, fq.embed(prompt), 40, null), q.prefill(b, q.embed(prompt), 40, null));
      assertTrue(e.sqnrDb() >= EXACT_SQNR_DB, "MatMulNBits graph vs float graph over dequantized weights: " + e);
    }
    W4A16Decoder q = new W4A16Decoder(w, W4A16Decoder.Options.defaults());
    q.rewrite(cockpit.npu.graph.DecoderGraph.fixed(cfg.text(), w, 1, 128));
    var errs = q.weightErrors();
    assertEquals(cfg.text().numHiddenLayers() * 3 + cfg.text().attentionLayers().size() * 4
        + cfg.text().convLayers().size() * 2 + 1, errs.size(), "every projection and the lm_head: " + errs.keySet());
    errs.forEach((n, s) -> assertTrue(s.sqnrDb() >= WEIGHT_SQNR_DB, n + ": " + s));
  }

  @AfterAll
  static void close() {
    rt.close();
  }

  @Test
  void quantizedDecoderRunsInOrtAndItsLogitsStayWithinTheStatedSqnr() throws Exception {
    assertTrue(Files.size(dir.resolve(ModelVariant.W4A16.dataFile())) < Files.size(dir.resolve(
        DecoderExport.DATA)) / 3, "4-bit weights are well under a third of the fp32 bytes");
    int[] prompt = prompt(1);
    try (DecoderSession f = DecoderSession.open(rt, cfg.text(), w, dir, ModelVariant.FLOAT);
        DecoderSession q = DecoderSession.open(rt, cfg.text(), w, dir, ModelVariant.W4A16);
        DecoderState sf = f.newState();
        DecoderState sq = q.newState()) {
      float[] lf = f.prefill(sf, f.embed(prompt), prompt.length, null);
      float[] lq = q.prefill(sq, q.embed(prompt), prompt.length, null);
      ErrorStats e = ErrorStats.of(lf, lq);
      assertTrue(e.sqnrDb() >= MIN_SQNR_DB, "W4A16 first-token logits vs fp32: " + e);
      assertTrue(e.sqnrDb() < 40, "the quantized graph really is different: " + e);
      float[] next = q.decode(sq, DecoderSession.argmax(lq), null);
      assertFalse(Float.isNaN(next[0]), "decode runs on");
    }
  }

  @Test
  void missingQuantizedFilesNameTheCommandThatWritesThem() throws Exception {
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    var e = assertThrows(IllegalArgumentException.class,
        () -> DecoderSession.open(rt, cfg.text(), w, empty, ModelVariant.W4A16));
    assertTrue(e.getMessage().contains("cockpit model quantize"), e.getMessage());
    assertEquals(ModelVariant.W4A16, ModelVariant.parse("W4A16"));
    assertThrows(IllegalArgumentException.class, () -> ModelVariant.parse("int8"));
  }
}
