package cockpit.app.bench.faults;

import cockpit.app.bench.BenchScenes;
import cockpit.bus.Topics;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.VehicleState;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Part 5: cameras at full rate (640×480 JPEG, a figure moving so every frame differs, the vehicle driving)
 * and sessions talking (one utterance, wait for its final Reply, a seeded 0.3–1.5 s pause, again) for
 * {@code loadSeconds}. Every utterance sent must get a final or error Reply; reported: utterance → first
 * chunk and → final (p50/p99/max), the queue wait and TTFT the Replies carry, DetectionSets per second,
 * heap after GC at the start and end of the measured window (flat: at most {@value #HEAP_GROWTH_LIMIT_MIB}
 * MiB more) and RSS every {@value #RSS_EVERY_S} s (flat: at most {@value #RSS_GROWTH_LIMIT_MIB} MiB more at the
 * end than a quarter into the window, once the JIT and allocator have warmed up).
 */
final class LoadPart {
  private static final List<String> CAMERAS = List.of("driver", "cabin", "exterior", "rear");
  private static final List<String> LINES = List.of("Where is the nearest charger?", "Warm my seat please.",
      "How long until we arrive?", "Play something calm.", "Is the rear door closed?", "Turn the fan down.");
  private static final Duration DRAIN = Duration.ofSeconds(120);
  static final long HEAP_GROWTH_LIMIT_MIB = 64;
  static final long RSS_GROWTH_LIMIT_MIB = 128;
  static final int RSS_EVERY_S = 5;

  private LoadPart() {}

  static JsonObject run(Rig rig) throws Exception {
    FaultOptions o = rig.options;
    int port = Rig.freePort();
    ComponentProcess c = rig.launch("load", List.of(), List.of("zenoh.listen=" + Rig.endpoint(port),
        "dialogue.snapshot-dir=" + rig.dir("load-snapshots"), "dialogue.max-new-tokens=24"));
    byte[][][] jpegs = frames(o);
    ScheduledExecutorService cams = Executors.newSingleThreadScheduledExecutor();
    try (BusDriver bus = new BusDriver(BusDriver.config(Rig.endpoint(port), false), Rig.VIN)) {
      if (Probes.utterance(bus, "load-warm").isEmpty()) {
        throw new IllegalStateException("no answer before the load; log " + c.log());
      }
      AtomicLong offered = new AtomicLong();
      byte[] driving = VehicleState.newBuilder().setPowerState(PowerState.POWER_STATE_ON).setSpeedKmh(80).build()
          .toByteArray();
      cams.scheduleAtFixedRate(() -> {
        long t = offered.getAndIncrement();
        if (t % o.fps() == 0) {
          bus.put(Topics.VEHICLE_STATE, bus.key(Topics.VEHICLE_STATE, Map.of()), driving);
        }
        for (int i = 0; i < o.cameras(); i++) {
          bus.put(Topics.CAMERA, bus.key(Topics.CAMERA, Map.of("camera", CAMERAS.get(i))),
              BenchScenes.frame(CAMERAS.get(i), t, jpegs[i][(int) (t % o.fps())]).toByteArray());
        }
      }, 0, 1_000_000 / o.fps(), TimeUnit.MICROSECONDS);
      Thread.sleep(3_000); // warm-up under load before the measured window
      Sample start = sample(c, bus, offered);
      long end = System.nanoTime() + Duration.ofSeconds(o.loadSeconds()).toNanos();
      ConcurrentLinkedQueue<Replies.Track> tracks = new ConcurrentLinkedQueue<>();
      List<Thread> talkers = new ArrayList<>();
      for (int i = 0; i < o.talkers(); i++) {
        talkers.add(talker(bus, "load-" + i, new SplittableRandom(o.seed() + i), end, tracks));
      }
      List<Long> rss = new ArrayList<>(List.of(start.rssKib / 1024));
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(RSS_EVERY_S * 1_000L, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        rss.add(c.rssKib() / 1024);
      }
      Sample stop = sample(c, bus, offered);
      for (Thread t : talkers) {
        t.join(DRAIN.toMillis());
      }
      cams.shutdownNow();
      return report(o, tracks, start, stop, rss, c.alive());
    } finally {
      cams.shutdownNow();
      c.close();
    }
  }

  private static byte[][][] frames(FaultOptions o) {
    byte[][][] jpegs = new byte[o.cameras()][o.fps()][];
    for (int cam = 0; cam < o.cameras(); cam++) {
      for (int i = 0; i < o.fps(); i++) {
        jpegs[cam][i] = BenchScenes.jpeg(20 + cam, -1, 10 + (560 * i) / o.fps());
      }
    }
    return jpegs;
  }

  private static Thread talker(BusDriver bus, String session, SplittableRandom rnd, long end,
      ConcurrentLinkedQueue<Replies.Track> tracks) {
    return Thread.ofPlatform().daemon().name("fault-load-" + session).start(() -> {
      try {
        for (int n = 0; System.nanoTime() < end; n++) {
          Replies.Track t = bus.say(session, session + "-" + n, LINES.get(rnd.nextInt(LINES.size())));
          tracks.add(t);
          t.awaitFinal(Duration.ofNanos(Math.max(0, end - System.nanoTime())).plus(DRAIN));
          bus.replies.forget(t.utteranceId);
          Thread.sleep(300 + rnd.nextLong(1_200));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private record Sample(long nanos, long offered, long detections, long heapKib, long rssKib,
      Optional<ComponentStatus> status) {}

  private static Sample sample(ComponentProcess c, BusDriver bus, AtomicLong offered) throws InterruptedException {
    long heap = c.heapAfterGcKib();
    return new Sample(System.nanoTime(), offered.get(), bus.detections.sum(), heap, c.rssKib(),
        bus.status(Duration.ofSeconds(10)));
  }

  private static JsonObject report(FaultOptions o, ConcurrentLinkedQueue<Replies.Track> tracks, Sample a, Sample b,
      List<Long> rss, boolean alive) {
    double s = (b.nanos - a.nanos) / 1e9;
    List<Double> firstChunk = new ArrayList<>();
    List<Double> toFinal = new ArrayList<>();
    List<Double> queueWait = new ArrayList<>();
    List<Double> ttft = new ArrayList<>();
    Map<String, Integer> finishes = new TreeMap<>();
    int unanswered = 0;
    for (Replies.Track t : tracks) {
      Optional<Reply> r = t.finalReply();
      if (r.isEmpty()) {
        unanswered++;
        continue;
      }
      finishes.merge(r.get().getFinishReason().name(), 1, Integer::sum);
      firstChunk.add(t.firstChunkMs());
      toFinal.add((t.finalNanos() - t.sentNanos) / 1e6);
      if (r.get().hasTimings()) {
        queueWait.add((double) r.get().getTimings().getQueueWaitMs());
        ttft.add((double) r.get().getTimings().getTtftMs());
      }
    }
    JsonObject out = new JsonObject().put("seconds", Figures.round(s)).put("cameras", o.cameras())
        .put("fps", o.fps()).put("talkers", o.talkers()).put("frames_offered", (b.offered - a.offered) * o.cameras())
        .put("detection_sets_per_s", Figures.round((b.detections - a.detections) / s))
        .put("utterances", tracks.size()).put("answered", tracks.size() - unanswered).put("unanswered", unanswered)
        .put("finish_reasons", Figures.counts(finishes))
        .put("utterance_to_first_chunk_ms", Figures.distribution(firstChunk))
        .put("utterance_to_final_ms", Figures.distribution(toFinal))
        .put("reply_queue_wait_ms", Figures.distribution(queueWait)).put("reply_ttft_ms", Figures.distribution(ttft))
        .put("heap_after_gc_mib", new JsonObject().put("start", a.heapKib / 1024).put("end", b.heapKib / 1024))
        .put("heap_flat", b.heapKib - a.heapKib <= HEAP_GROWTH_LIMIT_MIB * 1024)
        .put("rss_mib_every_" + RSS_EVERY_S + "s", new io.vertx.core.json.JsonArray(List.copyOf(rss)))
        .put("rss_flat", rss.get(rss.size() - 1) - rss.get(rss.size() / 4) <= RSS_GROWTH_LIMIT_MIB)
        .put("component_alive", alive);
    b.status.ifPresent(st -> out.put("inference", inference(st)));
    return out;
  }

  private static JsonObject inference(ComponentStatus st) {
    Map<String, Long> m = new TreeMap<>();
    st.getCountersMap().forEach((k, v) -> {
      if (k.startsWith("inference_") || k.startsWith("perception_inference")) {
        m.put(k, v);
      }
    });
    return Figures.counts(m);
  }
}
