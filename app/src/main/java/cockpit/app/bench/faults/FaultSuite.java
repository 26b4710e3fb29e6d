package cockpit.app.bench.faults;

import cockpit.app.bench.Machine;
import io.vertx.core.json.JsonObject;

/**
 * {@code cockpit bench faults}: the project's own fault suite against the real launcher process over real
 * Zenoh on loopback (issue #11). Parts, in order: {@link FuzzPart}, {@link KillPart}, {@link RouterPart},
 * {@link DiskFullPart}, {@link LoadPart}; each launches its own component(s) and reports counts. {@link
 * #verdict} names every count that breaks the bar (0 crashes, 0 hangs, 0 lost turns, …). Runs on the
 * caller's thread; one suite at a time per work directory.
 */
public final class FaultSuite {
  private final FaultOptions options;

  public FaultSuite(FaultOptions options) {
    this.options = options;
  }

  /** Runs the selected parts and returns the report (machine, options, one object per part, seconds). */
  public JsonObject run(java.util.function.Consumer<String> progress) throws Exception {
    Rig rig = new Rig(options);
    long t0 = System.nanoTime();
    JsonObject out = new JsonObject().put("benchmark", "faults").put("machine", Machine.describe())
        .put("load_average_at_start", Machine.loadAvg()).put("options", options(options));
    for (FaultOptions.Part p : FaultOptions.Part.values()) {
      if (!options.runs(p)) {
        continue;
      }
      progress.accept("faults: " + p.name().toLowerCase(java.util.Locale.ROOT) + "…");
      long p0 = System.nanoTime();
      JsonObject part = switch (p) {
        case FUZZ -> FuzzPart.run(rig);
        case KILL -> KillPart.run(rig);
        case ROUTER -> RouterPart.run(rig);
        case DISK_FULL -> DiskFullPart.run(rig);
        case LOAD -> LoadPart.run(rig);
      };
      part.put("part_seconds", Figures.round((System.nanoTime() - p0) / 1e9));
      out.put(p.name().toLowerCase(java.util.Locale.ROOT), part);
    }
    out.put("seconds", Figures.round((System.nanoTime() - t0) / 1e9));
    out.put("failures", new io.vertx.core.json.JsonArray(verdict(out)));
    return out;
  }

  private static JsonObject options(FaultOptions o) {
    return new JsonObject().put("seed", o.seed()).put("fuzz_payloads", o.fuzzPayloads())
        .put("hostile_keys", o.hostileKeys()).put("kills", o.kills()).put("router_restarts", o.routerRestarts())
        .put("load_seconds", o.loadSeconds()).put("cameras", o.cameras()).put("fps", o.fps())
        .put("talkers", o.talkers()).put("heap", o.heap()).put("model_dir", o.modelDir().toString());
  }

  /** Every count in {@code report} that breaks the bar, in words; empty when the run passed. */
  public static java.util.List<String> verdict(JsonObject report) {
    java.util.List<String> bad = new java.util.ArrayList<>();
    JsonObject f = report.getJsonObject("fuzz");
    if (f != null) {
      expect(bad, f, "crashes", 0);
      expect(bad, f, "hangs", 0);
      expectTrue(bad, f, "utterance_answered_after");
      expectTrue(bad, f, "frame_answered_after");
      expectTrue(bad, f, "rss_bounded");
      expectTrue(bad, f, "rss_plateau");
      expectTrue(bad, f, "heap_flat");
      expect(bad, f, "stop_exit_status", 0);
    }
    JsonObject k = report.getJsonObject("kill");
    if (k != null) {
      expect(bad, k, "completed_turns_lost", 0);
      expect(bad, k, "corrupt_snapshots", 0);
    }
    JsonObject r = report.getJsonObject("router");
    if (r != null && !r.containsKey("skipped")) {
      expect(bad, r, "late", 0);
      expect(bad, r, "never_served", 0);
      expectTrue(bad, r, "component_alive");
    }
    JsonObject d = report.getJsonObject("disk_full");
    if (d != null && !d.containsKey("skipped")) {
      if (d.getInteger("answered_while_full", -1) != d.getInteger("turns_while_full", -2)) {
        bad.add("disk_full: answered " + d.getValue("answered_while_full") + " of " + d.getValue("turns_while_full"));
      }
      if (d.getLong("save_failed_reports", 0L) < 1) {
        bad.add("disk_full: no SNAPSHOT_SAVE_FAILED ErrorReport");
      }
      expectTrue(bad, d, "previous_snapshot_intact");
      expect(bad, d, "temp_files_left", 0);
      expectTrue(bad, d, "answered_after_space_freed");
      expect(bad, d, "user_turns_in_snapshot_after", 3);
    }
    JsonObject l = report.getJsonObject("load");
    if (l != null) {
      expect(bad, l, "unanswered", 0);
      expectTrue(bad, l, "component_alive");
      expectTrue(bad, l, "heap_flat");
      expectTrue(bad, l, "rss_flat");
    }
    return bad;
  }

  private static void expect(java.util.List<String> bad, JsonObject part, String key, long want) {
    Object v = part.getValue(key);
    if (!(v instanceof Number n) || n.longValue() != want) {
      bad.add(key + " = " + v + " (want " + want + ")");
    }
  }

  private static void expectTrue(java.util.List<String> bad, JsonObject part, String key) {
    if (!Boolean.TRUE.equals(part.getValue(key))) {
      bad.add(key + " = " + part.getValue(key) + " (want true)");
    }
  }
}
