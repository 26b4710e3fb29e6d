package cockpit.dialogue;

import cockpit.dialogue.context.CockpitView;
import cockpit.dialogue.context.ParkingMemory;
import cockpit.dialogue.context.ParkingMemoryFile;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.VehicleState;
import com.google.protobuf.Timestamp;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Feeds the {@link CockpitView} the dialogue's turns are told about: VehicleState (as the bridge
 * publishes it), and the DetectionSets and Alerts perception publishes. Each new parking memory is
 * written to its {@link ParkingMemoryFile} off the event loop, in order; a failed write is an
 * ErrorReport (the memory stays in the view).
 *
 * <p>Owns no resources; the view and the file are the launcher's. Runs on its event loop only.
 */
public final class ContextVerticle extends VerticleBase {
  /**
   * Event-bus addresses it listens and reports on, from the bus module's topic table.
   *
   * @param vehicleState VehicleState in (published by the bridge)
   * @param detections DetectionSet (published by perception)
   * @param alerts Alert (published by perception)
   * @param errors ErrorReport out
   */
  public record Addresses(String vehicleState, String detections, String alerts, String errors) {
    public Addresses {
      Objects.requireNonNull(vehicleState, "vehicleState");
      Objects.requireNonNull(detections, "detections");
      Objects.requireNonNull(alerts, "alerts");
      Objects.requireNonNull(errors, "errors");
    }
  }

  private final CockpitView view;
  private final ParkingMemoryFile file;
  private final Addresses addresses;
  private final Clock clock;
  private List<MessageConsumer<?>> consumers = List.of();

  public ContextVerticle(CockpitView view, ParkingMemoryFile file, Addresses addresses, Clock clock) {
    this.view = Objects.requireNonNull(view, "view");
    this.file = Objects.requireNonNull(file, "file");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    MessageConsumer<VehicleState> v = vertx.eventBus().consumer(addresses.vehicleState(), m -> {
      if (m.body() instanceof VehicleState s) {
        persist(view.onVehicleState(s, clock.instant()));
      }
    });
    MessageConsumer<DetectionSet> d = vertx.eventBus().consumer(addresses.detections(), m -> {
      if (m.body() instanceof DetectionSet s) {
        persist(view.onDetections(s));
      }
    });
    MessageConsumer<Alert> a = vertx.eventBus().consumer(addresses.alerts(), m -> {
      if (m.body() instanceof Alert alert) {
        view.onAlert(alert);
      }
    });
    consumers = List.of(v, d, a);
    return Future.join(v.completion(), d.completion(), a.completion());
  }

  private void persist(Optional<ParkingMemory> memory) {
    memory.ifPresent(m -> vertx.executeBlocking(() -> {
      file.save(m);
      return null;
    }, true).onFailure(e -> vertx.eventBus().publish(addresses.errors(), ErrorReport.newBuilder().setTime(now())
        .setTopic(addresses.vehicleState()).setReason(ErrorReason.ERROR_REASON_INTERNAL)
        .setMessage("parking memory not saved to " + file.path() + ": " + e.getMessage()).build())));
  }

  private static Timestamp now() {
    Instant n = Instant.now();
    return Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumers.stream().map(c -> (Future<?>) c.unregister()).toList());
  }
}
