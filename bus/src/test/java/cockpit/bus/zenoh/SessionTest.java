package cockpit.bus.zenoh;

import static cockpit.bus.testing.Loopback.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.nio.charset.StandardCharsets.UTF_8;

import cockpit.bus.testing.Loopback;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two Java sessions over real Zenoh on loopback. */
class SessionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private Session a;
  private Session b;

  @BeforeEach
  void open() {
    int port = Loopback.freePort();
    a = Zenoh.open(Loopback.listening(port));
    b = Zenoh.open(Loopback.connecting(port));
  }

  @AfterEach
  void close() {
    b.close();
    a.close();
  }

  /** Puts {@code payload} until the subscriber has seen one (subscriptions propagate asynchronously). */
  private static void putUntil(Publisher pub, ZBytes payload, PutOptions opts, List<Sample> got) {
    assertTrue(eventually(WAIT, () -> {
      pub.put(payload, opts);
      return eventually(Duration.ofMillis(100), () -> !got.isEmpty());
    }), "no sample arrived");
  }

  @Test
  void putReachesSubscriberWithIdenticalBytesAttachmentAndMetadata() {
    KeyExpr key = KeyExpr.tryFrom("test/pubsub/one");
    List<Sample> got = new CopyOnWriteArrayList<>();
    b.declareSubscriber(KeyExpr.tryFrom("test/pubsub/*"), got::add);
    byte[] payload = new byte[1000];
    new Random(42).nextBytes(payload);
    Publisher pub = a.declarePublisher(key, PublisherOptions.DEFAULT.withPriority(Priority.DATA_HIGH)
        .withCongestionControl(CongestionControl.BLOCK).withEncoding(Encoding.APPLICATION_OCTET_STREAM));
    putUntil(pub, ZBytes.of(payload), new PutOptions(ZBytes.from("att-1"), null, null, null, false), got);
    Sample s = got.get(0);
    assertEquals(key, s.keyExpr());
    assertArrayEquals(payload, s.payload().toBytes());
    assertEquals(Optional.of(ZBytes.from("att-1")), s.attachment());
    assertEquals("application/octet-stream", s.encoding().value());
    assertEquals(SampleKind.PUT, s.kind());
    assertEquals(Priority.DATA_HIGH, s.priority());
    assertEquals(CongestionControl.BLOCK, s.congestionControl());
  }

  @Test
  void emptyPayloadAndNoAttachmentArriveAsSuch() {
    List<Sample> got = new CopyOnWriteArrayList<>();
    b.declareSubscriber(KeyExpr.tryFrom("test/empty"), got::add);
    Publisher pub = a.declarePublisher(KeyExpr.tryFrom("test/empty"), PublisherOptions.DEFAULT);
    putUntil(pub, ZBytes.of(new byte[0]), null, got);
    assertEquals(0, got.get(0).payload().size());
    assertEquals(Optional.empty(), got.get(0).attachment());
  }

  @Test
  void oneShotPutAndDeleteCarryKindAndEncoding() {
    List<Sample> got = new CopyOnWriteArrayList<>();
    b.declareSubscriber(KeyExpr.tryFrom("test/oneshot"), got::add);
    KeyExpr key = KeyExpr.tryFrom("test/oneshot");
    assertTrue(eventually(WAIT, () -> {
      a.put(key, ZBytes.from("hi"), PutOptions.DEFAULT.withEncoding(Encoding.TEXT_PLAIN)
          .withPriority(Priority.REALTIME).withExpress(true));
      return eventually(Duration.ofMillis(100), () -> !got.isEmpty());
    }));
    assertEquals("hi", got.get(0).payload().toString());
    assertEquals("text/plain", got.get(0).encoding().value());
    assertEquals(Priority.REALTIME, got.get(0).priority());
    assertTrue(got.get(0).express());
    Publisher pub = a.declarePublisher(key, PublisherOptions.DEFAULT);
    pub.delete();
    assertTrue(eventually(WAIT, () -> got.stream().anyMatch(s -> s.kind() == SampleKind.DELETE)));
  }

  @Test
  void getReceivesQueryableRepliesAndErrors() throws Exception {
    List<Query> seen = new CopyOnWriteArrayList<>();
    a.declareQueryable(KeyExpr.tryFrom("test/q/**"), q -> {
      seen.add(q);
      if (q.parameters().contains("fail")) {
        q.replyErr(ZBytes.from("no such thing"));
      } else {
        q.reply(KeyExpr.tryFrom("test/q/answer"), ZBytes.from("42:" + q.payload().map(ZBytes::toString)
            .orElse("")), ZBytes.from("meta"), Encoding.TEXT_PLAIN);
      }
    }, true);
    assertTrue(eventually(WAIT, () -> {
      try {
        return !b.get("test/q/answer", GetOptions.DEFAULT.withTimeout(Duration.ofSeconds(2))).get().isEmpty();
      } catch (Exception e) {
        return false;
      }
    }));
    List<Reply> ok = b.get("test/q/answer?x=1", GetOptions.DEFAULT.withPayload(ZBytes.from("ask"))).get(10,
        TimeUnit.SECONDS);
    assertEquals(1, ok.size());
    Sample s = ok.get(0).ok().orElseThrow();
    assertEquals("42:ask", s.payload().toString());
    assertEquals(Optional.of(ZBytes.from("meta")), s.attachment());
    assertEquals("text/plain", s.encoding().value());
    assertTrue(seen.stream().anyMatch(q -> q.parameters().equals("x=1")));

    List<Reply> err = b.get("test/q/answer?fail", GetOptions.DEFAULT).get(10, TimeUnit.SECONDS);
    assertEquals(1, err.size());
    Reply.Error e = assertInstanceOf(Reply.Error.class, err.get(0));
    assertEquals("no such thing", e.payload().toString());
  }

  @Test
  void getWithoutQueryablesFinishesEmpty() throws Exception {
    assertEquals(List.of(), b.get("test/nobody", GetOptions.DEFAULT.withTimeout(Duration.ofSeconds(1))).get(10,
        TimeUnit.SECONDS));
  }

  @Test
  void livelinessTokenIsSeenAndItsLossIsSeen() {
    List<Sample> events = new CopyOnWriteArrayList<>();
    b.liveliness().declareSubscriber(KeyExpr.tryFrom("test/alive/**"), events::add, true);
    LivelinessToken token = a.liveliness().declareToken(KeyExpr.tryFrom("test/alive/a"));
    assertTrue(eventually(WAIT, () -> events.stream().anyMatch(s -> s.kind() == SampleKind.PUT)));
    assertEquals("test/alive/a", events.get(0).keyExpr().toString());
    token.close();
    assertTrue(eventually(WAIT, () -> events.stream().anyMatch(s -> s.kind() == SampleKind.DELETE)));
  }

  @Test
  void closingIsIdempotentAndUseAfterCloseFailsClearly() {
    Publisher pub = a.declarePublisher(KeyExpr.tryFrom("test/closed"), PublisherOptions.DEFAULT);
    pub.close();
    pub.close();
    ZError e = assertThrows(ZError.class, () -> pub.put(ZBytes.from("x")));
    assertTrue(e.getMessage().contains("it is closed"), e.getMessage());
    a.close();
    a.close();
    assertThrows(ZError.class, () -> a.declarePublisher(KeyExpr.tryFrom("test/closed"), PublisherOptions.DEFAULT));
  }

  @Test
  void subscriberCanCloseItselfInsideItsCallbackAndOnCloseRunsOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger closes = new AtomicInteger();
    CountDownLatch closed = new CountDownLatch(1);
    Subscriber[] self = new Subscriber[1];
    self[0] = b.declareSubscriber(KeyExpr.tryFrom("test/selfclose"), s -> {
      calls.incrementAndGet();
      self[0].close();
    }, () -> {
      closes.incrementAndGet();
      closed.countDown();
    });
    Publisher pub = a.declarePublisher(KeyExpr.tryFrom("test/selfclose"), PublisherOptions.DEFAULT);
    assertTrue(eventually(WAIT, () -> {
      pub.put(ZBytes.from("x"));
      return closed.getCount() == 0;
    }));
    assertTrue(closed.await(10, TimeUnit.SECONDS));
    assertEquals(1, closes.get());
    assertTrue(calls.get() >= 1);
  }

  @Test
  void exceptionsThrownByCallbacksDoNotStopDelivery() {
    AtomicInteger calls = new AtomicInteger();
    b.declareSubscriber(KeyExpr.tryFrom("test/throws"), s -> {
      calls.incrementAndGet();
      throw new IllegalStateException("handler bug");
    });
    Publisher pub = a.declarePublisher(KeyExpr.tryFrom("test/throws"), PublisherOptions.DEFAULT);
    assertTrue(eventually(WAIT, () -> {
      pub.put(ZBytes.from("x"));
      return calls.get() >= 3;
    }), "the subscriber keeps receiving after its callback threw");
  }

  @Test
  void sessionCloseWhileAnotherThreadPutsIsSafe() throws Exception {
    Publisher pub = a.declarePublisher(KeyExpr.tryFrom("test/race"), PublisherOptions.DEFAULT);
    AtomicInteger failures = new AtomicInteger();
    Thread putter = new Thread(() -> {
      for (int i = 0; i < 100_000; i++) {
        try {
          pub.put(ZBytes.from("x"));
        } catch (ZError e) {
          failures.incrementAndGet();
          return;
        }
      }
    });
    putter.start();
    a.close();
    putter.join(30_000);
    assertTrue(!putter.isAlive(), "the putter finished: it either completed or saw the close");
    ZError e = assertThrows(ZError.class, () -> pub.put(ZBytes.from("x")));
    assertTrue(e.getMessage().contains("it is closed"), e.getMessage());
  }

  @Test
  void aPanicInsideTheShimIsContainedAndTheSessionKeepsServing() throws Throwable {
    int rc = (int) Native.DEBUG_PANIC.invokeExact();
    assertEquals(-99, rc);
    ZError e = Native.fail("debug panic");
    assertEquals(ZError.Kind.PANIC, e.kind());
    assertTrue(e.getMessage().contains("deliberate panic"), e.getMessage());
    List<Sample> got = new CopyOnWriteArrayList<>();
    b.declareSubscriber(KeyExpr.tryFrom("test/after-panic"), got::add);
    putUntil(a.declarePublisher(KeyExpr.tryFrom("test/after-panic"), PublisherOptions.DEFAULT),
        ZBytes.from("still here"), null, got);
    assertEquals("still here", new String(got.get(0).payload().toBytes(), UTF_8));
  }

  /**
   * A key longer than a transport batch used to make the Zenoh core panic inside its transmission
   * pipeline and poison the link for every later put (issue #11). The shim refuses it before Zenoh
   * sees it, whichever call carries it, and the link keeps working.
   */
  @Test
  void theShimRefusesOversizedKeysAndTheLinkKeepsWorking() throws Throwable {
    List<Sample> got = new CopyOnWriteArrayList<>();
    b.declareSubscriber(KeyExpr.tryFrom("test/**"), got::add);
    byte[] key = ("test/" + "k".repeat(66_000)).getBytes(UTF_8);
    int rc;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment payload = Native.bytes(arena, new byte[] {1});
      rc = a.handle().use("put", p -> (int) Native.PUT.invokeExact(p, Native.bytes(arena, key),
          (long) key.length, payload, 1L, MemorySegment.NULL, 0L,
          MemorySegment.NULL, 0L, (byte) 5, (byte) 1, (byte) 0));
    }
    assertEquals(-2, rc, "refused as an invalid argument");
    ZError e = Native.fail("put");
    assertEquals(ZError.Kind.INVALID_ARGUMENT, e.kind());
    assertTrue(e.getMessage().contains("at most 4096"), e.getMessage());
    ZError refused = assertThrows(ZError.class, () -> KeyExpr.tryFrom(new String(key,
        UTF_8)));
    assertTrue(refused.getMessage().length() < 300, "the message does not echo the whole key");
    putUntil(a.declarePublisher(KeyExpr.tryFrom("test/after"), PublisherOptions.DEFAULT), ZBytes.from("ok"), null,
        got);
    assertEquals("test/after", got.get(0).keyExpr().toString());
  }
}
