package cockpit.app.bench.faults;

import cockpit.bus.interop.PythonPeer;
import cockpit.proto.v1.VoiceUtterance;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Keys of every length up to 1 MiB under each inbound topic's prefix, sent by a second process on the
 * official Python binding ({@code zpeer.py keyput}): our own binding refuses keys over 4096 bytes before
 * they reach the wire, a foreign peer need not. Lengths are the powers of two and their neighbours (and the
 * limits 4096 and 65 535) up to 2^20; contents are plain chunk characters, wildcards, empty chunks, Zenoh's
 * reserved characters, control characters and invalid UTF-8. Each key carries a valid message of its topic.
 * When the Python peer dies or stops answering (its own core may refuse to write a key), it is restarted
 * and counted.
 */
final class HostileKeys {
  /** What happened to the keys: sent, refused by the sending binding, and sender restarts. */
  record Outcome(int sent, int refusedBySender, int senderRestarts, long longestSent,
      java.util.SortedSet<Integer> senderBrokeAt) {}

  private static final List<String> UNITS = List.of("k", "*", "/", "$*", "?#", "\u0000", "\u00e9", "**/");
  private static final Duration ANSWER = Duration.ofSeconds(3);

  private HostileKeys() {}

  static List<Integer> lengths() {
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p <= 20; p++) {
      for (int d = -1; d <= 1; d++) {
        int n = (1 << p) + d;
        if (n >= 0 && !out.contains(n)) {
          out.add(n);
        }
      }
    }
    out.addAll(List.of(4096 - 40, 65_535, 65_536 + 40));
    return out;
  }

  static Outcome send(String endpoint, String vin, long seed) throws IOException, InterruptedException {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> prefixes = List.of("vehicle/" + vin + "/cabin/voice/", "vehicle/" + vin + "/cabin/camera/",
        "vehicle/" + vin + "/cockpit/sessions/", "vehicle/" + vin + "/state/", "vehicle/" + vin + "/cockpit/requests/");
    int sent = 0;
    int refused = 0;
    int restarts = 0;
    long longest = 0;
    java.util.SortedSet<Integer> broke = new java.util.TreeSet<>();
    byte[] payload = VoiceUtterance.newBuilder().setSessionId("hk").setUtteranceId("hk").setText("hi").build()
        .toByteArray();
    PythonPeer peer = start(endpoint);
    try {
      for (int len : lengths()) {
        for (String unit : UNITS) {
          String prefix = prefixes.get(rnd.nextInt(prefixes.size()));
          byte[] key = key(prefix, unit, len, rnd);
          Optional<JsonObject> answer = Optional.empty();
          try {
            peer.send("PUTK " + HexFormat.of().formatHex(key) + " " + HexFormat.of().formatHex(payload));
            answer = peer.next(o -> List.of("published", "refused", "error").contains(o.getString("event")), ANSWER);
          } catch (IOException e) {
            // The pipe broke: the peer died; restarted below.
          }
          if (answer.isEmpty() || !peer.process().isAlive()) {
            broke.add(key.length);
            peer.kill();
            peer = start(endpoint);
            restarts++;
            continue;
          }
          if ("published".equals(answer.get().getString("event"))) {
            sent++;
            longest = Math.max(longest, key.length);
          } else {
            refused++;
          }
        }
      }
    } finally {
      peer.close();
    }
    return new Outcome(sent, refused, restarts, longest, broke);
  }

  private static PythonPeer start(String endpoint) throws IOException {
    return PythonPeer.start(Duration.ofSeconds(60), "keyput", "--connect", endpoint, "--wait-connected", "1");
  }

  /** {@code prefix} then {@code unit} repeated to {@code length} bytes; now and then one invalid UTF-8 byte. */
  private static byte[] key(String prefix, String unit, int length, SplittableRandom rnd) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] u = unit.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[Math.max(p.length, length)];
    System.arraycopy(p, 0, k, 0, Math.min(p.length, k.length));
    for (int i = p.length; i < k.length; i++) {
      k[i] = u[(i - p.length) % u.length];
    }
    if (k.length > p.length && rnd.nextInt(8) == 0) {
      k[p.length + rnd.nextInt(k.length - p.length)] = (byte) 0xFF;
    }
    return k;
  }
}
