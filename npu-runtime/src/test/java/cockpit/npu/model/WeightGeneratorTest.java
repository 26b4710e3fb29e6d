package cockpit.npu.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightGeneratorTest {
  static byte[] generate(ModelConfig c, Path file) throws IOException {
    try (SafetensorsWriter w = new SafetensorsWriter(file, Map.of())) {
      WeightGenerator.write(c, w, ProgressListener.NONE);
    }
    return Files.readAllBytes(file);
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers(@TempDir Path dir) throws IOException {
    byte[] a = generate(Profile.TINY.config(5), dir.resolve("a.safetensors"));
    byte[] b = generate(Profile.TINY.config(5), dir.resolve("b.safetensors"));
    byte[] c = generate(Profile.TINY.config(6), dir.resolve("c.safetensors"));
    assertArrayEquals(a, b);
    assertEquals(a.length, c.length);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void chunkedGenerationEqualsWholeGeneration() {
    TensorSpec spec = TensorSpec.of("model.layers.0.feed_forward.w1.weight", 288, 64);
    float[] whole = WeightGenerator.tensor(spec, 9);
    for (int chunk : new int[] {1, 7, 1000, 1 << 20}) {
      WeightGenerator.Values v = WeightGenerator.values(spec, 9);
      float[] got = new float[whole.length];
      int at = 0;
      while (v.remaining() > 0) {
        at += v.fill(got, at, Math.min(chunk, got.length - at));
      }
      assertArrayEquals(whole, got, "chunk " + chunk);
    }
    assertFalse(Arrays.equals(whole, WeightGenerator.tensor(TensorSpec.of("model.layers.1.feed_forward.w1.weight",
        288, 64), 9)), "each tensor has its own stream");
  }

  @Test
  void initialisationFollowsTheNameRules() {
    assertStats("model.embed_tokens.weight", 0, 1, 512, 64);
    assertStats("model.layers.0.operator_norm.weight", 1, 0.02, 4096);
    assertStats("vision.blocks.1.0.dw_start.bn.weight", 1, 0.02, 4096);
    assertStats("vision.blocks.1.0.layer_scale.gamma", 0.1, 0.02, 4096);
    assertStats("connector.linear_1.bias", 0, 0.02, 4096);
    assertStats("vit.pos_embed", 0, 0.02, 256, 16);
    assertStats("model.layers.0.feed_forward.w2.weight", 0, 1 / Math.sqrt(288), 64, 288);
    assertStats("vision.blocks.0.0.conv_exp.weight", 0, 1 / Math.sqrt(8 * 9), 16, 8, 3, 3);
  }

  static void assertStats(String name, double mean, double sigma, long... shape) {
    float[] v = WeightGenerator.tensor(new TensorSpec(name, shape), 1);
    double m = Arrays.stream(toDoubles(v)).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(toDoubles(v)).map(x -> (x - m) * (x - m)).sum() / v.length);
    assertEquals(mean, m, 5 * sigma / Math.sqrt(v.length), name + " mean");
    assertEquals(sigma, sd, 0.1 * sigma, name + " sigma");
  }

  static double[] toDoubles(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  @Test
  void specsCoverTextVisionAndConnectorWithUniqueNames() {
    for (Profile p : Profile.values()) {
      for (ModelConfig c : List.of(p.config(1), p.config(1).baseline(p.vit()))) {
        List<TensorSpec> specs = WeightGenerator.specs(c);
        List<String> names = new ArrayList<>(specs.stream().map(TensorSpec::name).toList());
        assertEquals(names.size(), new HashSet<>(names).size(), "unique names");
        assertEquals("model.embed_tokens.weight", names.get(0));
        assertTrue(names.contains("connector.linear_2.bias"));
        String last = c.vision() instanceof VisionConfig.Vit ? "vit.pos_embed" : "vision.msfa.norm.weight";
        assertTrue(names.contains(last), last);
        assertEquals(specs, WeightGenerator.specs(c), "stable order");
      }
    }
    TextConfig untied = Profile.TINY.text();
    untied = new TextConfig(untied.vocabSize(), untied.hiddenSize(), untied.numHiddenLayers(), untied.layerTypes(),
        untied.convLCache(), untied.numAttentionHeads(), untied.numKeyValueHeads(), untied.headDim(),
        untied.intermediateSize(), true, null, untied.blockMultipleOf(), 1e-5, 1e6, false, 8192);
    assertTrue(WeightSpecs.text(untied).contains(TensorSpec.of("lm_head.weight", 512, 64)));
  }

  @Test
  void inMemoryGenerationMatchesTheStream() {
    ModelConfig c = Profile.TINY.config(3);
    try (Weights w = WeightGenerator.generate(c)) {
      assertEquals(WeightGenerator.specs(c).size(), w.names().size());
      TensorSpec s = WeightGenerator.specs(c).get(5);
      assertArrayEquals(WeightGenerator.tensor(s, 3), w.floats(s.name()));
      assertArrayEquals(s.shape(), w.get(s.name()).dims());
    }
  }
}
