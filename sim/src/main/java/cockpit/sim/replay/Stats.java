package cockpit.sim.replay;

import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.Reply;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Latency and throughput figures computed from what a replay received. */
record Stats(List<TopicStats> topics, TopicStats.Percentiles ttft, TopicStats.Percentiles tokensPerSecond,
    int framesAnswered) {
  private static final List<String> OUTPUTS = List.of("detections", "alerts", "replies", "errors");

  static Stats of(List<Received> got, Map<String, TimedInput> byCorrelation, Map<String, Long> sent) {
    Map<String, List<Double>> response = new LinkedHashMap<>();
    Map<String, List<Double>> transit = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String t : OUTPUTS) {
      response.put(t, new ArrayList<>());
      transit.put(t, new ArrayList<>());
      counts.put(t, 0);
    }
    List<Double> ttft = new ArrayList<>();
    List<Double> tps = new ArrayList<>();
    Set<String> answered = new HashSet<>();
    long wallNowMs = System.currentTimeMillis();
    long nanoNow = System.nanoTime();
    for (Received r : got) {
      counts.merge(r.topic(), 1, Integer::sum);
      String corr = switch (r.message()) {
        case DetectionSet s -> TimedInput.frame(s.getFrame().getCameraId(), s.getFrame().getSequence());
        case Reply rep when rep.getChunkIndex() == 0 -> TimedInput.say(rep.getSessionId(), rep.getUtteranceId());
        default -> "";
      };
      TimedInput in = byCorrelation.get(corr);
      Long at = in == null ? null : sent.get(in.id());
      if (at != null) {
        response.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add((r.nanos() - at) / 1e6);
        if (r.message() instanceof DetectionSet) {
          answered.add(corr);
        }
      }
      Timestamp stamp = stamp(r);
      if (stamp != null && stamp.getSeconds() > 0) {
        // Both clocks are this machine's: receipt in wall time = now - (nanoNow - r.nanos).
        double recvWallMs = wallNowMs - (nanoNow - r.nanos()) / 1e6;
        double sentWallMs = Instant.ofEpochSecond(stamp.getSeconds(), stamp.getNanos()).toEpochMilli()
            + (stamp.getNanos() % 1_000_000) / 1e6;
        transit.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add(Math.max(0, recvWallMs - sentWallMs));
      }
      if (r.message() instanceof Reply rep && rep.getIsFinal() && rep.hasTimings()) {
        ttft.add((double) rep.getTimings().getTtftMs());
        if (rep.getTimings().getCompletionTokens() > 0) {
          tps.add((double) rep.getTimings().getTokensPerSecond());
        }
      }
    }
    List<TopicStats> topics = new ArrayList<>();
    counts.forEach((t, n) -> topics.add(new TopicStats(t, n, TopicStats.Percentiles.of(response.get(t)),
        TopicStats.Percentiles.of(transit.get(t)))));
    return new Stats(topics, TopicStats.Percentiles.of(ttft), TopicStats.Percentiles.of(tps), answered.size());
  }

  private static Timestamp stamp(Received r) {
    FieldDescriptor f = r.message().getDescriptorForType().findFieldByName("time");
    return f != null && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && r.message().getField(f) instanceof Timestamp ts ? ts : null;
  }
}
