package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.Backend;
import cockpit.lm.Decoder;
import cockpit.lm.DecoderState;
import cockpit.lm.LanguageModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cockpit model import} on checkpoints written by Hugging Face transformers' own {@code Lfm2ForCausalLM}
 * ({@code app/python/hf_lfm2_fixture.py}, seeded): the imported graphs must give transformers' logits, token by
 * token with the state carried, and every missing or unsupported piece is one clear line (exit 2).
 */
class ModelImportCommandTest {
  /** fp32 rounding: measured 1.6e-6 at max |logit| ~4 (both fixtures); a wrong weight or op is far above. */
  private static final double TOLERANCE = 1e-4;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hf-lfm2-tiny-bf16-sharded", "hf-lfm2-tiny-fp16"})
  void importedModelGivesTransformersLogitsWithCarriedState(String fixture, @TempDir Path tmp) throws Exception {
    Path src = fixture(fixture);
    Path out = tmp.resolve("imported");
    Run r = run("model", "import", src.toString(), "--out", out.toString(), "--chunk", "4");
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("model imported to " + out) && r.out.contains("cockpit run --set model.dir=" + out),
        r.out);
    assertTrue(Files.isRegularFile(ModelDirectory.onnx(out, ModelDirectory.DECODER_PREFILL_ONNX)));
    assertTrue(Files.isRegularFile(ModelDirectory.onnx(out, ModelDirectory.DECODER_INTEROP_ONNX)));
    assertFalse(Files.exists(src.resolve(ModelDirectory.ONNX_DIR)), "the source must not be written");

    JsonObject expected = new JsonObject(Files.readString(src.resolve("expected_logits.json")));
    int[] ids = expected.getJsonArray("input_ids").stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    JsonArray logits = expected.getJsonArray("logits"); // [T][V], transformers' forward in fp32
    int prefill = expected.getInteger("prefill");
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults());
        LanguageModel m = LanguageModel.open(out, new Backend.Ort(rt, ModelVariant.FLOAT))) {
      Decoder d = m.decoder();
      DecoderState state = d.newState();
      int[] head = java.util.Arrays.copyOf(ids, prefill);
      // prefill of the first tokens (several chunks of 4), then one token at a time on the carried state
      assertClose(logits.getJsonArray(prefill - 1), d.prefill(state, d.embed(head), prefill, null), prefill - 1);
      for (int t = prefill; t < ids.length; t++) {
        assertClose(logits.getJsonArray(t), d.decode(state, ids[t], null), t);
      }
      state.close();
    }
  }

  @Test
  void importWithW4a16WritesTheQuantizedDecoderBesideTheFloatOne(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("q");
    Run r = run("model", "import", fixture("hf-lfm2-tiny-fp16").toString(), "--out", out.toString(),
        "--quantize", "w4a16");
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("--set model.variant=w4a16"), r.out);
    assertTrue(Files.isRegularFile(ModelDirectory.onnx(out, ModelVariant.W4A16.prefillFile())));
    assertTrue(Files.isRegularFile(ModelDirectory.onnx(out, ModelVariant.FLOAT.prefillFile())));
  }

  @Test
  void missingAndUnsupportedPiecesAreOneLineNamingTheFix(@TempDir Path tmp) throws Exception {
    Path src = tmp.resolve("src");
    copy(fixture("hf-lfm2-tiny-fp16"), src);
    Files.delete(src.resolve(ModelDirectory.TOKENIZER));
    assertFails(List.of("model", "import", src.toString(), "--out", tmp.resolve("a").toString()),
        "has no tokenizer.json");

    copy(fixture("hf-lfm2-tiny-fp16"), src);
    Files.move(src.resolve(ModelDirectory.WEIGHTS), src.resolve("pytorch_model.bin"));
    assertFails(List.of("model", "import", src.toString()), "PyTorch .bin/.pt weights are not supported");

    copy(fixture("hf-lfm2-tiny-bf16-sharded"), src);
    Files.delete(src.resolve("model-00002-of-00003.safetensors"));
    assertFails(List.of("model", "import", src.toString()), "model-00002-of-00003.safetensors");

    copy(fixture("hf-lfm2-tiny-fp16"), src);
    Files.writeString(src.resolve(ModelDirectory.CONFIG), "{\"model_type\": \"llama\"}");
    assertFails(List.of("model", "import", src.toString()), "model_type \"lfm2\"");

    copy(fixture("hf-lfm2-tiny-fp16"), src);
    Path config = src.resolve(ModelDirectory.CONFIG);
    Files.writeString(config, Files.readString(config).replace("\"hidden_size\": 32", "\"hidden_size\": 48"));
    assertFails(List.of("model", "import", src.toString(), "--out", tmp.resolve("b").toString()),
        "the weights do not match config.json");
    assertFalse(Files.exists(tmp.resolve("b")), "shapes are checked before anything is copied");

    copy(fixture("hf-lfm2-tiny-fp16"), src);
    Path full = tmp.resolve("full");
    Files.createDirectories(full);
    Files.writeString(full.resolve("x"), "x");
    assertFails(List.of("model", "import", src.toString(), "--out", full.toString()), "is not empty");
    assertFails(List.of("model", "import", src.toString(), "--quantize", "int8"), "--quantize: unknown scheme");
    assertFails(List.of("model", "import", tmp.resolve("nowhere").toString()), "does not exist");
    assertFalse(Files.exists(src.resolve(ModelDirectory.ONNX_DIR)), "a refused import writes nothing");
  }

  @Test
  void runOnWeightsWithoutGraphsNamesTheImportCommand(@TempDir Path tmp) throws Exception {
    Path src = tmp.resolve("weights-only");
    copy(fixture("hf-lfm2-tiny-fp16"), src);
    var e = org.junit.jupiter.api.Assertions.assertThrows(CockpitConfig.ConfigException.class,
        () -> CockpitConfig.load(null, Map.of(), List.of("model.dir=" + src)));
    assertTrue(e.getMessage().contains("`cockpit model import " + src + "`"), e.getMessage());
    // in place: the graphs land in the source, and then the configuration is accepted
    assertEquals(0, run("model", "import", src.toString()).status);
    CockpitConfig.load(null, Map.of(), List.of("model.dir=" + src));
  }

  private static void assertClose(JsonArray expected, float[] actual, int position) {
    assertEquals(expected.size(), actual.length);
    double worst = 0;
    for (int v = 0; v < actual.length; v++) {
      worst = Math.max(worst, Math.abs(expected.getDouble(v) - actual[v]));
    }
    assertTrue(worst <= TOLERANCE, "position " + position + ": max |logit - transformers| = " + worst);
  }

  private static void assertFails(List<String> args, String expected) {
    Run r = run(args.toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, r.status, r.out + r.err);
    assertTrue(r.err.contains(expected), r.err);
    assertFalse(r.err.contains("\tat "), "a stack dump: " + r.err);
    assertEquals(1, r.err.lines().filter(l -> l.startsWith("cockpit: ") && !l.startsWith("cockpit: importing"))
        .count(), r.err);
  }

  static Path fixture(String name) throws Exception {
    return Path.of(ModelImportCommandTest.class.getResource("/" + name + "/config.json").toURI()).getParent();
  }

  private static void copy(Path from, Path to) throws Exception {
    if (Files.exists(to)) {
      try (var s = Files.walk(to)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(to);
    try (var s = Files.list(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (!p.getFileName().toString().equals("expected_logits.json")) {
          Files.copy(p, to.resolve(p.getFileName()));
        }
      }
    }
  }

  private record Run(int status, String out, String err) {}

  /** Runs the launcher's tree in this JVM; the command prints to System.out/err, so both are captured. */
  private static synchronized Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = Main.commandLine().execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
