package cockpit.dialogue.context;

import cockpit.lm.context.CabinFacts;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.VehicleState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compact view of the cabin a dialogue turn is told about: the last VehicleState, the latest
 * DetectionSet per perception task and camera, the alerts (active from RAISED, then cleared ones for
 * {@link #ALERT_MEMORY} after their CLEARED message, so "why did you warn me?" finds an alert that is
 * already over), and the parking memory.
 *
 * <p>Parking memory: when a VehicleState turns parked (gear P, or power off/lock while still) after one
 * that was not, the memory becomes that moment plus the last {@code car_finder} result since the car last
 * moved (none: "nothing read"); a {@code car_finder} result arriving while still parked refines it. The
 * first VehicleState after a start is not a parking event (the car may have been parked for hours, and the
 * stored memory is kept). The caller persists each new memory ({@link ParkingMemoryFile}).
 *
 * <p>Bounded: {@value #MAX_CAMERAS} cameras per task (least recently updated dropped), the six built-in
 * tasks ({@link ProtoFacts#TASKS}) only, {@value #MAX_ALERTS} active alerts (oldest dropped).
 *
 * <p>Thread-safe (every method locks the view): updated from the event loop, read by turns on inference
 * threads. Owns nothing to close.
 */
public final class CockpitView implements ContextSource {
  static final int MAX_CAMERAS = 8;
  static final int MAX_ALERTS = 16;
  /** How long a cleared alert stays in the context. */
  public static final java.time.Duration ALERT_MEMORY = java.time.Duration.ofMinutes(10);

  private VehicleState vehicle;
  private final Map<String, LinkedHashMap<String, DetectionSet>> latest = new HashMap<>();
  /** By alert id, oldest news first. */
  private final LinkedHashMap<String, AlertEntry> alerts = new LinkedHashMap<>();
  private ParkingMemory parking;
  /** The last car_finder result since the car last moved. */
  private DetectionSet carFinder;
  /** Parked per the last VehicleState; null before the first one. */
  private Boolean parked;
  /** This process saw the current parking event (so later car_finder results refine its memory). */
  private boolean parkedHere;

  /** @param stored the parking memory read at start, or null */
  public CockpitView(ParkingMemory stored) {
    this.parking = stored;
  }

  /**
   * Records the vehicle state.
   *
   * @return the new parking memory when this state is a parking event (to be persisted)
   */
  public synchronized Optional<ParkingMemory> onVehicleState(VehicleState v, Instant now) {
    vehicle = v;
    boolean nowParked = ProtoFacts.parked(v);
    if (v.getSpeedKmh() >= ProtoFacts.MOVING_KMH) {
      carFinder = null; // the car moved: what the car finder saw belongs to another place
    }
    Optional<ParkingMemory> event = Optional.empty();
    if (nowParked && Boolean.FALSE.equals(parked)) {
      parking = memory(now, carFinder);
      parkedHere = true;
      event = Optional.of(parking);
    } else if (!nowParked) {
      parkedHere = false;
    }
    parked = nowParked;
    return event;
  }

  /**
   * Records a perception result.
   *
   * @return the refined parking memory when a car-finder result arrives while parked here
   */
  public synchronized Optional<ParkingMemory> onDetections(DetectionSet set) {
    if (!ProtoFacts.TASKS.contains(set.getTask())) {
      return Optional.empty();
    }
    LinkedHashMap<String, DetectionSet> byCamera = latest.computeIfAbsent(set.getTask(),
        t -> new LinkedHashMap<>(8, 0.75f, true));
    byCamera.put(set.getFrame().getCameraId(), set);
    if (byCamera.size() > MAX_CAMERAS) {
      byCamera.remove(byCamera.keySet().iterator().next());
    }
    if (!set.getTask().equals(ProtoFacts.CAR_FINDER)) {
      return Optional.empty();
    }
    carFinder = set;
    if (parkedHere && parking != null) {
      parking = memory(parking.parkedAt(), set);
      return Optional.of(parking);
    }
    return Optional.empty();
  }

  /** An alert's last RAISED/ESCALATED message and, once cleared, when. */
  private record AlertEntry(Alert active, Instant cleared) {}

  /**
   * Records an alert's life-cycle step: RAISED and ESCALATED replace what is known of it; CLEARED keeps that
   * (the clearing message has no evidence) with its time as the clearing time. A CLEARED alert never seen
   * raised is ignored.
   */
  public synchronized void onAlert(Alert a) {
    AlertEntry known = alerts.get(a.getAlertId());
    AlertEntry e = switch (a.getState()) {
      case ALERT_STATE_RAISED, ALERT_STATE_ESCALATED -> new AlertEntry(a, null);
      case ALERT_STATE_CLEARED -> known == null ? null : new AlertEntry(known.active(), ProtoFacts.instant(a.getTime()));
      case ALERT_STATE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
    if (e == null || a.getAlertId().isBlank()) {
      return;
    }
    alerts.remove(a.getAlertId()); // re-inserted last: the oldest news goes first when over the bound
    alerts.put(a.getAlertId(), e);
    if (alerts.size() > MAX_ALERTS) {
      alerts.remove(alerts.keySet().iterator().next());
    }
  }

  /** The parking memory, if any. */
  public synchronized Optional<ParkingMemory> parking() {
    return Optional.ofNullable(parking);
  }

  @Override
  public synchronized CabinFacts facts(Instant now, ZoneId zone) {
    List<CabinFacts.Alert> active = new ArrayList<>();
    alerts.values().removeIf(e -> e.cleared() != null && e.cleared().plus(ALERT_MEMORY).isBefore(now));
    for (AlertEntry e : alerts.values()) {
      active.add(ProtoFacts.alert(e.active(), e.cleared(), zone));
    }
    return new CabinFacts(null, null, vehicle == null ? null : ProtoFacts.vehicle(vehicle),
        occupants(ProtoFacts.OCCUPANCY), driver(), occupants(ProtoFacts.CHILD_PRESENCE), outside(),
        parking == null ? null : parking.fact(zone), active);
  }

  private List<CabinFacts.Occupant> occupants(String task) {
    List<DetectionSet> sets = sets(task);
    if (sets.isEmpty()) {
      return null;
    }
    List<CabinFacts.Occupant> all = new ArrayList<>();
    sets.forEach(s -> ProtoFacts.occupants(s).stream().filter(o -> !all.contains(o)).forEach(all::add));
    return all;
  }

  private CabinFacts.Driver driver() {
    return sets(ProtoFacts.DRIVER_MONITORING).stream().max(java.util.Comparator.comparingLong(
        (DetectionSet s) -> s.getTime().getSeconds()).thenComparingInt(s -> s.getTime().getNanos()))
        .flatMap(ProtoFacts::driver).orElse(null);
  }

  private List<CabinFacts.RoadUser> outside() {
    List<DetectionSet> sets = new ArrayList<>(sets(ProtoFacts.DOOR_HAZARD));
    sets.addAll(sets(ProtoFacts.GREETER));
    if (sets.isEmpty()) {
      return null;
    }
    List<CabinFacts.RoadUser> all = new ArrayList<>();
    sets.forEach(s -> all.addAll(ProtoFacts.roadUsers(s)));
    return all;
  }

  /** The latest set of {@code task} per camera, cameras in id order (stable lines). */
  private List<DetectionSet> sets(String task) {
    Map<String, DetectionSet> byCamera = latest.get(task);
    if (byCamera == null) {
      return List.of();
    }
    return byCamera.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
  }

  private static ParkingMemory memory(Instant at, DetectionSet carFinder) {
    if (carFinder == null) {
      return new ParkingMemory(at, "", List.of(), "");
    }
    return new ParkingMemory(at, ProtoFacts.place(carFinder), ProtoFacts.landmarks(carFinder),
        carFinder.getFrame().getCameraId() + " #" + carFinder.getFrame().getSequence());
  }
}
