package cockpit.app.bench;

import cockpit.bus.interop.PythonPeer;
import cockpit.bus.zenoh.CongestionControl;
import cockpit.bus.zenoh.Config;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Publisher;
import cockpit.bus.zenoh.PublisherOptions;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.Zenoh;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Zenoh over loopback through the project's binding: throughput for 100 B, 100 KB and 1 MB payloads
 * (congestion BLOCK, every message counted at the receiver) and 100 B ping-pong round trips, with
 * a Java peer and with a peer on the official Python binding as the other side.
 */
public final class BusBenchmark {
  private static final int[] SIZES = {100, 100 * 1024, 1024 * 1024};
  private static final int[] COUNTS = {200_000, 4_000, 400};
  private static final int PINGS = 5_000;
  private static final int WARMUP = 500;
  private final double scale;
  private final boolean python;

  public BusBenchmark(double scale, boolean python) {
    this.scale = scale;
    this.python = python;
  }

  public JsonObject run() throws Exception {
    JsonObject out = new JsonObject().put("benchmark", "bus").put("machine", Machine.describe());
    out.put("java_java", javaJava());
    if (python) {
      out.put("java_python", javaPython());
    }
    return out;
  }

  private JsonObject javaJava() throws Exception {
    int port = freePort();
    try (Session a = Zenoh.open(listening(port)); Session b = Zenoh.open(connecting(port))) {
      JsonArray tp = new JsonArray();
      for (int i = 0; i < SIZES.length; i++) {
        tp.add(javaThroughput(a, b, SIZES[i], count(i)));
      }
      Publisher pong = b.declarePublisher(KeyExpr.tryFrom("bench/pong"),
          PublisherOptions.DEFAULT.withExpress(true).withCongestionControl(CongestionControl.BLOCK));
      b.declareSubscriber(KeyExpr.tryFrom("bench/ping"), s -> pong.put(s.payload()));
      return new JsonObject().put("throughput", tp).put("rtt_100B", rtt(a));
    }
  }

  private JsonObject javaPython() throws Exception {
    int port = freePort();
    try (Session a = Zenoh.open(listening(port))) {
      JsonArray tp = new JsonArray();
      for (int i = 0; i < SIZES.length; i++) {
        try (PythonPeer sink = PythonPeer.start(Duration.ofSeconds(30), "sink", "bench/tp", "--expect",
            Integer.toString(count(i)), "--connect", endpoint(port), "--wait-connected", "1")) {
          tp.add(pythonThroughput(a, sink, SIZES[i], count(i)));
        }
      }
      try (PythonPeer echo = PythonPeer.start(Duration.ofSeconds(30), "echo", "bench/ping", "bench/pong",
          "--connect", endpoint(port), "--wait-connected", "1")) {
        return new JsonObject().put("throughput", tp).put("rtt_100B", rtt(a))
            .put("python_peer", "eclipse-zenoh (official Python binding) " + PythonPeer.python());
      }
    }
  }

  private int count(int i) {
    return Math.max(10, (int) (COUNTS[i] * scale));
  }

  private static JsonObject javaThroughput(Session a, Session b, int size, int count) throws Exception {
    AtomicLong received = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong first = new AtomicLong();
    AtomicLong last = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    var sub = b.declareSubscriber(KeyExpr.tryFrom("bench/tp/" + size), s -> {
      long now = System.nanoTime();
      first.compareAndSet(0, now);
      bytes.addAndGet(s.payload().size());
      if (received.incrementAndGet() == count) {
        last.set(now);
        done.countDown();
      }
    });
    try (Publisher pub = a.declarePublisher(KeyExpr.tryFrom("bench/tp/" + size),
        PublisherOptions.DEFAULT.withCongestionControl(CongestionControl.BLOCK))) {
      awaitMatch(pub, received);
      received.set(0);
      bytes.set(0);
      first.set(0);
      ZBytes payload = ZBytes.of(payload(size));
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        pub.put(payload);
      }
      boolean all = done.await(120, TimeUnit.SECONDS);
      long n = received.get();
      // Receiver-side span, first to last message, as the Python sink measures it.
      long span = all && n > 1 ? (last.get() - first.get()) * n / (n - 1) : System.nanoTime() - start;
      return rate(size, count, n, bytes.get(), span).put("timed_at", "java receiver clock");
    } finally {
      sub.close();
    }
  }

  /** Puts probes until the subscriber has seen one, so the timed run starts with routes in place. */
  private static void awaitMatch(Publisher pub, AtomicLong received) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (received.get() == 0 && System.nanoTime() < deadline) {
      pub.put(ZBytes.of(new byte[1]));
      Thread.sleep(20);
    }
    if (received.get() == 0) {
      throw new IllegalStateException("no route to the subscriber within 20 s");
    }
    Thread.sleep(100); // let the probes drain before counting
  }

  private static JsonObject pythonThroughput(Session a, PythonPeer sink, int size, int count) throws Exception {
    try (Publisher pub = a.declarePublisher(KeyExpr.tryFrom("bench/tp"),
        PublisherOptions.DEFAULT.withCongestionControl(CongestionControl.BLOCK))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        pub.put(ZBytes.of(new byte[1]));
        sink.send("REPORT");
        if (sink.expect("report", Duration.ofSeconds(5)).getLong("messages") > 0) {
          break;
        }
      }
      Thread.sleep(200);
      sink.send("RESET");
      sink.expect("reset", Duration.ofSeconds(5));
      ZBytes payload = ZBytes.of(payload(size));
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        pub.put(payload);
      }
      long sent = System.nanoTime() - start;
      JsonObject r = null;
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < waitUntil) {
        sink.send("REPORT");
        r = sink.expect("report", Duration.ofSeconds(10));
        if (r.getLong("messages") >= count) {
          break;
        }
        Thread.sleep(50);
      }
      long msgs = r.getLong("messages");
      Long firstNs = r.getLong("first_ns");
      Long lastNs = r.getLong("last_ns");
      long span = firstNs == null || lastNs == null || msgs < 2 ? sent : (lastNs - firstNs) * msgs / (msgs - 1);
      return rate(size, count, msgs, r.getLong("bytes"), span).put("timed_at", "python receiver clock");
    }
  }

  private static JsonObject rtt(Session a) throws Exception {
    SynchronousQueue<Long> pongs = new SynchronousQueue<>();
    var sub = a.declareSubscriber(KeyExpr.tryFrom("bench/pong"), s -> {
      try {
        pongs.offer(System.nanoTime(), 1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try (Publisher ping = a.declarePublisher(KeyExpr.tryFrom("bench/ping"),
        PublisherOptions.DEFAULT.withExpress(true).withCongestionControl(CongestionControl.BLOCK))) {
      ZBytes payload = ZBytes.of(payload(100));
      long[] samples = new long[PINGS];
      int n = 0;
      int lost = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (n < WARMUP + PINGS && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        ping.put(payload);
        Long t1 = pongs.poll(n < WARMUP ? 200 : 1000, TimeUnit.MILLISECONDS);
        if (t1 == null) {
          lost++;
          continue;
        }
        if (n >= WARMUP) {
          samples[n - WARMUP] = t1 - t0;
        }
        n++;
      }
      int m = Math.max(0, n - WARMUP);
      long[] s = Arrays.copyOf(samples, m);
      Arrays.sort(s);
      return new JsonObject().put("round_trips", m).put("timeouts", lost)
          .put("p50_us", m == 0 ? null : s[m / 2] / 1000.0).put("p99_us", m == 0 ? null : s[(int) (m * 0.99)] / 1000.0);
    } finally {
      sub.close();
    }
  }

  private static JsonObject rate(int size, int sent, long received, long bytes, long nanos) {
    double secs = nanos / 1e9;
    return new JsonObject().put("payload_bytes", size).put("sent", sent).put("received", received)
        .put("seconds", Math.round(secs * 1000) / 1000.0)
        .put("msgs_per_s", Math.round(received / secs))
        .put("mb_per_s", Math.round(bytes / secs / 1e6 * 10) / 10.0);
  }

  private static byte[] payload(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  /** A free TCP port on loopback. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String endpoint(int port) {
    return "tcp/127.0.0.1:" + port;
  }

  private static Config listening(int port) {
    return Config.builder().listen(endpoint(port)).build();
  }

  private static Config connecting(int port) {
    return Config.builder().connect(endpoint(port)).build();
  }
}
