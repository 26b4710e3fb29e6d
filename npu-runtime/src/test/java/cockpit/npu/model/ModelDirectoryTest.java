package cockpit.npu.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
  @Test
  void tinyModelGeneratesAndReopensWithShapesValidated(@TempDir Path dir) throws IOException {
    List<String> stages = new ArrayList<>();
    long[] last = {-1, -1};
    ModelDirectory.generate(Profile.TINY, 11, dir, (stage, done, total) -> {
      if (!stages.contains(stage)) {
        stages.add(stage);
      }
      last[0] = done;
      last[1] = total;
    });
    assertEquals(List.of("config", "tokenizer", "weights"), stages);
    assertEquals(last[1], last[0], "progress reaches the total");
    assertEquals(WeightGenerator.totalBytes(Profile.TINY.config(11)), last[1]);
    for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
        "special_tokens_map.json", "generation_config.json")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    try (LoadedModel m = ModelDirectory.open(dir); Weights expected = WeightGenerator.generate(m.config())) {
      assertEquals(Profile.TINY.config(11), m.config());
      assertEquals(expected.names(), m.weights().names());
      for (String n : List.of("model.embed_tokens.weight", "vision.msfa.norm.weight", "connector.linear_2.bias")) {
        assertArrayEquals(expected.floats(n), m.weights().floats(n), n);
      }
      assertEquals(dir.resolve("onnx").resolve("vision_encoder.onnx"), m.onnx(ModelDirectory.VISION_ENCODER_ONNX));
      assertEquals("11", ((SafetensorsWeights) m.weights()).metadata().get("seed"));
    }
  }

  @Test
  void missingFilesSayHowToGenerate(@TempDir Path dir) throws IOException {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelDirectory.open(dir));
    assertTrue(e.getMessage().contains(dir.resolve("config.json").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("cockpit model generate --profile tiny --out " + dir), e.getMessage());
    ConfigJson.write(Profile.TINY.config(1), dir.resolve("config.json"));
    e = assertThrows(NoSuchFileException.class, () -> ModelDirectory.open(dir));
    assertTrue(e.getMessage().contains("model.safetensors is missing"), e.getMessage());
  }

  @Test
  void weightsOfAnotherWidthFailNamingTheTensorAndBothShapes(@TempDir Path dir) throws IOException {
    TextConfig t = Profile.TINY.text();
    TextConfig narrow = new TextConfig(t.vocabSize(), 32, t.numHiddenLayers(), t.layerTypes(), t.convLCache(), 2, 1,
        16, t.intermediateSize(), t.blockAutoAdjustFfDim(), null, t.blockMultipleOf(), t.normEps(), t.ropeTheta(),
        true, t.maxPositionEmbeddings());
    ModelDirectory.generate(new ModelConfig(narrow, Profile.TINY.vision(), SpecialTokens.LFM2, "tiny", 1, 4096), dir,
        ProgressListener.NONE);
    ConfigJson.write(Profile.TINY.config(1), dir.resolve("config.json")); // hidden 64
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDirectory.open(dir));
    assertTrue(e.getMessage().startsWith(dir + ": the weights do not match config.json"), e.getMessage());
    assertTrue(e.getMessage().contains("weight model.embed_tokens.weight has shape [512, 32] but the config needs "
        + "[512, 64]"), e.getMessage());
    assertTrue(e.getMessage().contains("more"), "long lists are cut: " + e.getMessage());
  }
}
