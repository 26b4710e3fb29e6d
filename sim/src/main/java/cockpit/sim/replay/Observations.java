package cockpit.sim.replay;

import cockpit.bus.ProtoCodec;
import cockpit.bus.Topic;
import cockpit.bus.Topics;
import cockpit.bus.zenoh.Sample;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscribes to every outbound topic of one vehicle and keeps what arrives, stamped on arrival.
 * Callbacks run on Zenoh threads; reads are safe from any thread. Close to undeclare.
 */
public final class Observations implements AutoCloseable {
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Subscriber> subscribers = new ArrayList<>();
  private final AtomicLong malformed = new AtomicLong();

  public Observations(Session session, String vin) {
    for (Topic<?> t : Topics.ALL) {
      if (t.direction() == Topic.Direction.OUTBOUND) {
        subscribers.add(session.declareSubscriber(t.subscription(vin), s -> onSample(t, s)));
      }
    }
  }

  private void onSample(Topic<?> topic, Sample s) {
    long now = System.nanoTime();
    try {
      received.add(new Received(topic.name(), s.keyExpr().toString(), ProtoCodec.decode(topic, s.payload().toBytes()),
          now));
    } catch (ProtoCodec.MalformedPayloadException e) {
      malformed.incrementAndGet();
    }
  }

  /** Everything received so far, in arrival order. */
  public List<Received> all() {
    return List.copyOf(received);
  }

  /** Outputs that did not parse as their topic's message. */
  public long malformed() {
    return malformed.get();
  }

  @Override
  public void close() {
    subscribers.forEach(Subscriber::close);
  }
}
