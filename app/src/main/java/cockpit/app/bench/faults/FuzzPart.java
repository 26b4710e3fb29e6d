package cockpit.app.bench.faults;

import cockpit.bus.interop.PythonPeer;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.TopicCounters;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Part 1: seeded hostile payloads over every inbound topic of a launched component, then keys of every
 * length up to 1 MiB from the Python peer. Every {@value #CHECK_EVERY} payloads the status query must be
 * answered within {@value #STATUS_TIMEOUT_S} s (else a hang, or a crash when the process is gone; a crashed
 * component is relaunched so the run completes). Afterwards it must still answer a valid utterance and a
 * valid frame. Memory must not grow with the input: the heap after a full GC may grow by {@value
 * #HEAP_GROWTH_LIMIT_MIB} MiB at most (what stays is bounded state: sessions, maps, caches); the resident set
 * less the committed Java heap (which the JVM grows towards {@code -Xmx} under allocation pressure and keeps:
 * not a leak) may grow by at most {@value #RSS_PLATEAU_MIB} MiB over the second half of the payloads (a
 * plateau of the native side), and the resident set never goes beyond what the JVM's limits allow: the heap ({@code -Xmx}) plus as much again in direct buffers
 * (Java's default limit: Netty, snapshot I/O) plus {@value #NATIVE_SLACK_MIB} MiB of other native memory
 * (ONNX Runtime, Zenoh, the decoder states of resident sessions, which are freed when closed).
 */
final class FuzzPart {
  static final int CHECK_EVERY = 1_000;
  static final int STATUS_TIMEOUT_S = 10;
  static final long NATIVE_SLACK_MIB = 256;
  static final long RSS_PLATEAU_MIB = 128;
  static final long HEAP_GROWTH_LIMIT_MIB = 64;

  private FuzzPart() {}

  static JsonObject run(Rig rig) throws Exception {
    FaultOptions o = rig.options;
    int port = Rig.freePort();
    List<String> sets = List.of("zenoh.listen=" + Rig.endpoint(port), "dialogue.snapshot-dir=" + rig.dir("fuzz-snapshots"),
        "dialogue.snapshot-max-files=32");
    ComponentProcess c = rig.launch("fuzz", List.of(), sets);
    int crashes = 0;
    int hangs = 0;
    int checks = 0;
    Map<String, Integer> byKind = new TreeMap<>();
    Map<String, Integer> byTopic = new TreeMap<>();
    try (BusDriver bus = new BusDriver(BusDriver.config(Rig.endpoint(port), false), Rig.VIN)) {
      if (Probes.utterance(bus, "fuzz-warm").isEmpty()) {
        throw new IllegalStateException("the component never answered its first utterance; log " + c.log());
      }
      long heapBefore = c.heapAfterGcKib();
      long rssBefore = c.rssKib();
      long rssMax = rssBefore;
      List<Long> rssSeries = new java.util.ArrayList<>(List.of(rssBefore / 1024));
      List<Long> nativeSeries = new java.util.ArrayList<>(List.of(nativeMib(c, rssBefore)));
      FuzzPayloads gen = new FuzzPayloads(o.seed(), bus, cockpit.bus.bridge.BridgeOptions.DEFAULT_MAX_PAYLOAD_BYTES);
      long t0 = System.nanoTime();
      for (int i = 1; i <= o.fuzzPayloads(); i++) {
        FuzzPayloads.Payload p = gen.next();
        bus.put(p.topic(), p.key(), p.bytes());
        byKind.merge(p.kind().name(), 1, Integer::sum);
        byTopic.merge(p.topic().name(), 1, Integer::sum);
        if (i % CHECK_EVERY == 0 || i == o.fuzzPayloads()) {
          checks++;
          long rss = c.rssKib();
          rssMax = Math.max(rssMax, rss);
          rssSeries.add(rss / 1024);
          nativeSeries.add(nativeMib(c, rss));
          if (bus.status(Duration.ofSeconds(STATUS_TIMEOUT_S)).isEmpty()) {
            if (c.alive()) {
              hangs++;
            } else {
              crashes++;
              c = rig.launch("fuzz-after-crash-" + crashes, List.of(), sets);
            }
          }
        }
      }
      double sendSeconds = (System.nanoTime() - t0) / 1e9;
      JsonObject keys = hostileKeys(o, port);
      rssSeries.add(c.rssKib() / 1024);
      if (!c.alive()) {
        crashes++;
        c = rig.launch("fuzz-after-keys", List.of(), sets);
      }
      Optional<ComponentStatus> status = bus.status(Duration.ofSeconds(STATUS_TIMEOUT_S));
      long u0 = System.nanoTime();
      List<String> refusals = new java.util.ArrayList<>();
      boolean utterance = Probes.utterance(bus, "fuzz-after", refusals).isPresent();
      double utteranceMs = (System.nanoTime() - u0) / 1e6;
      boolean frame = Probes.frame(bus, "fuzz-after").isPresent();
      long heapAfter = c.heapAfterGcKib();
      long rssAfter = c.rssKib();
      rssMax = Math.max(rssMax, rssAfter);
      long rssLimit = rssBefore / 1024 + 2 * rig.heapMib() + NATIVE_SLACK_MIB;
      // The fuzz samples only (not the keys): RSS less committed heap at the last check minus halfway through.
      long plateau = nativeSeries.get(nativeSeries.size() - 1) - nativeSeries.get(nativeSeries.size() / 2);
      JsonObject out = new JsonObject().put("payloads", o.fuzzPayloads()).put("seed", o.seed())
          .put("by_kind", Figures.counts(byKind)).put("by_topic", Figures.counts(byTopic))
          .put("hostile_keys", keys).put("send_seconds", Figures.round(sendSeconds))
          .put("payloads_per_s", Figures.round(o.fuzzPayloads() / sendSeconds))
          .put("status_checks", checks).put("crashes", crashes).put("hangs", hangs)
          .put("status_answered_after", status.isPresent())
          .put("utterance_answered_after", utterance).put("utterance_after_ms", Figures.round(utteranceMs))
          .put("utterance_refusals_before_served", refusals.size())
          .put("utterance_first_refusal", refusals.isEmpty() ? "" : refusals.get(0))
          .put("frame_answered_after", frame)
          .put("rss_mib", new JsonObject().put("before", rssBefore / 1024).put("max", rssMax / 1024)
              .put("after", rssAfter / 1024).put("limit", rssLimit)
              .put("every_" + CHECK_EVERY + "_payloads_then_after_keys", new io.vertx.core.json.JsonArray(rssSeries))
              .put("less_committed_heap_every_" + CHECK_EVERY + "_payloads", new io.vertx.core.json.JsonArray(nativeSeries)))
          .put("rss_bounded", rssMax / 1024 <= rssLimit)
          .put("rss_less_heap_growth_second_half_mib", plateau).put("rss_plateau", plateau <= RSS_PLATEAU_MIB)
          .put("heap_after_gc_mib", new JsonObject().put("before", heapBefore / 1024).put("after", heapAfter / 1024)
              .put("growth_limit", HEAP_GROWTH_LIMIT_MIB))
          .put("heap_flat", heapAfter - heapBefore <= HEAP_GROWTH_LIMIT_MIB * 1024)
          .put("error_reports_received", bus.errorReports.sum())
          .put("error_reports_by_reason", counts(bus.errorsByReason))
          .put("replies_to_fuzzed_utterances", bus.replies.untracked.sum());
      status.ifPresent(s -> out.put("component_topics", topics(s)).put("component_counters", counters(s)));
      out.put("stop_exit_status", c.stop(Duration.ofSeconds(60)));
      return out;
    } finally {
      c.close();
    }
  }

  private static JsonObject hostileKeys(FaultOptions o, int port) throws Exception {
    if (!o.hostileKeys()) {
      return new JsonObject().put("skipped", "--no-hostile-keys");
    }
    if (!PythonPeer.available()) {
      return new JsonObject().put("skipped", "no Python peer (run scripts/setup-python.sh)");
    }
    HostileKeys.Outcome k = HostileKeys.send(Rig.endpoint(port), Rig.VIN, o.seed());
    return new JsonObject().put("lengths", HostileKeys.lengths().size()).put("sent", k.sent())
        .put("refused_by_sender", k.refusedBySender()).put("sender_restarts", k.senderRestarts())
        .put("longest_sent_bytes", k.longestSent())
        .put("sender_broke_at_key_bytes", new io.vertx.core.json.JsonArray(List.copyOf(k.senderBrokeAt())));
  }

  static JsonObject counts(Map<String, java.util.concurrent.atomic.LongAdder> m) {
    JsonObject o = new JsonObject();
    new TreeMap<>(m).forEach((k, v) -> o.put(k, v.sum()));
    return o;
  }

  private static JsonObject topics(ComponentStatus s) {
    JsonObject o = new JsonObject();
    for (TopicCounters t : s.getTopicsList()) {
      o.put(t.getKeyExpr(), new JsonObject().put("received", t.getReceived()).put("malformed", t.getMalformed())
          .put("oversized", t.getOversized()).put("invalid", t.getInvalid()).put("dropped", t.getDropped()));
    }
    return o;
  }

  private static JsonObject counters(ComponentStatus s) {
    return Figures.counts(s.getCountersMap());
  }

  /** RSS less the committed Java heap, in MiB (RSS alone when jcmd cannot say). */
  private static long nativeMib(ComponentProcess c, long rssKib) throws InterruptedException {
    long committed = c.heapCommittedKib();
    return (rssKib - Math.max(0, committed)) / 1024;
  }
}
