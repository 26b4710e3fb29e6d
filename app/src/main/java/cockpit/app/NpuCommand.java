package cockpit.app;

import cockpit.npu.deploy.CompatibilityChecker;
import cockpit.npu.deploy.CompatibilityReport;
import cockpit.npu.deploy.NpuExport;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cockpit model npu-export} and {@code cockpit model npu-check}: the static NPU graphs and their check. */
final class NpuCommand {
  private NpuCommand() {}

  /** Writes onnx/npu/ (static W4A16 QDQ decoder, W8A16 encoder) and prints the compatibility check. */
  @Command(name = "npu-export", description = {"Write onnx/npu/decoder_{prefill,decode}.onnx (static shapes, KV capacity,"
      + " attention in standard ops, W4A16 QDQ) and onnx/npu/vision_encoder.onnx (W8A16 QDQ, batch 1), then check them"
      + " against the HTP op list. Prints a table, then JSON.", "",
      "Example:", "  cockpit model npu-export ~/.cache/cockpit/models/tiny-seed42"})
  static final class Export implements Callable<Integer> {
    @Parameters(index = "0", description = "Model directory.")
    Path dir;

    @Option(names = "--chunk", defaultValue = "32", description = "Prefill chunk (default 32).")
    int chunk;

    @Option(names = "--capacity", defaultValue = "4096", description = "KV capacity (default 4096).")
    int capacity;

    @Override
    public Integer call() throws Exception {
      Path work = Files.createTempDirectory("cockpit-npu-export");
      try (LoadedModel m = ModelDirectory.open(dir); NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
        NpuExport.Result r = NpuExport.write(rt, m, chunk, capacity, work);
        print(r.reports());
      } finally {
        QuantCommand.deleteTree(work);
      }
      return 0;
    }
  }

  /** Checks any ONNX files against the HTP op list. */
  @Command(name = "npu-check", description = {"Check ONNX files for QNN/HTP: dynamic dimensions, operators outside the"
      + " HTP list (npu-runtime resource htp-ops.txt), float islands, predicted NPU/CPU partition. Table, then JSON.", "",
      "Example:", "  cockpit model npu-check models/tiny/onnx/npu/decoder_prefill.onnx"})
  static final class Check implements Callable<Integer> {
    @Parameters(description = "ONNX files.", arity = "1..*")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
      CompatibilityChecker c = CompatibilityChecker.htp();
      Map<String, CompatibilityReport> reports = new LinkedHashMap<>();
      for (Path f : files) {
        reports.put(f.toString(), c.check(f));
      }
      print(reports);
      return reports.values().stream().allMatch(CompatibilityReport::npuReady) ? 0 : 1;
    }
  }

  static void print(Map<String, CompatibilityReport> reports) {
    System.out.printf(Locale.ROOT, "%-34s %6s %6s %6s %6s %8s %8s %s%n", "graph", "nodes", "npu", "cpu", "parts",
        "dynamic", "islands", "unsupported ops");
    JsonObject json = new JsonObject().put("check", "htp").put("op_list", "npu-runtime resource "
        + "cockpit/npu/deploy/htp-ops.txt (onnxruntime/onnxruntime-qnn op_builder_factory.cc @90a0877)");
    reports.forEach((name, r) -> {
      System.out.printf(Locale.ROOT, "%-34s %6d %6d %6d %6d %8d %8d %s%n", shorten(name), r.nodes(), r.npuNodes(),
          r.cpuNodes(), r.partitions(), r.dynamicDims().size(), r.floatIslands().size(), r.unsupportedOps());
      json.put(name, new JsonObject().put("graph", r.graph()).put("nodes", r.nodes()).put("npu_nodes", r.npuNodes())
          .put("cpu_nodes", r.cpuNodes()).put("partitions", r.partitions()).put("npu_ready", r.npuReady())
          .put("dynamic_dims", new JsonArray(r.dynamicDims()))
          .put("unsupported_ops", new JsonObject(new LinkedHashMap<>(r.unsupportedOps())))
          .put("float_islands", r.floatIslands().size())
          .put("float_island_examples", new JsonArray(r.floatIslands().subList(0, Math.min(10,
              r.floatIslands().size())))));
    });
    System.out.println();
    System.out.println(json.encodePrettily());
  }

  private static String shorten(String s) {
    return s.length() <= 34 ? s : "…" + s.substring(s.length() - 33);
  }
}
