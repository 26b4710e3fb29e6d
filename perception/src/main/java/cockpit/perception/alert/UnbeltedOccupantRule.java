package cockpit.perception.alert;

import cockpit.proto.v1.AlertEvidence;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.SeatOccupancy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UNBELTED_OCCUPANT, one incident per seat: VehicleState says the seat is occupied and its belt is
 * unfastened ({@code Vehicle.Cabin.Seat.Row{r}.{pos}.IsBelted} false) while speed is above {@code
 * minSpeedKmh}. The buckle sensor is authoritative; a SEAT_BELT detection ({@code belted} attribute
 * or IsBelted VSS value, at least {@link AlertRulesConfig#minConfidence()}) fills in only for seats without one. RAISED (WARNING) after {@code delay},
 * ESCALATED (CRITICAL) {@code escalateAfter} later, CLEARED when belted, vacated or slowed down.
 */
final class UnbeltedOccupantRule implements AlertRule {
  private final AlertRulesConfig.Unbelted cfg;
  private final float minConfidence;
  private final Map<String, Boolean> cameraBelted = new HashMap<>();
  private final Map<String, Long> unbeltedSinceMs = new HashMap<>();
  private final Map<String, Incident> incidents = new LinkedHashMap<>();

  UnbeltedOccupantRule(AlertRulesConfig config) {
    this.cfg = config.unbelted();
    this.minConfidence = config.minConfidence();
  }

  @Override
  public void observe(DetectionSet set, long nowMs) {
    for (Detection d : set.getDetectionsList()) {
      if (d.getKind() == DetectionKind.DETECTION_KIND_SEAT_BELT && d.hasSeat()
          && d.getConfidence() >= minConfidence) {
        Optional<Boolean> b = Vss.bool(d, "belted", Vss.seatStem(d.getSeat()) + ".IsBelted");
        b.ifPresent(v -> cameraBelted.put(Vss.seatKey(d.getSeat()), v));
      }
    }
  }

  @Override
  public void evaluate(Evaluation ev) {
    boolean moving = ev.speedKmh() > cfg.minSpeedKmh();
    Map<String, Seat> unbelted = new LinkedHashMap<>();
    if (ev.vehicle != null && moving) {
      for (SeatOccupancy s : ev.vehicle.getSeatsList()) {
        String key = Vss.seatKey(s.getSeat());
        Boolean belted = s.hasIsBelted() ? Boolean.valueOf(s.getIsBelted()) : cameraBelted.get(key);
        if (s.getIsOccupied() && Boolean.FALSE.equals(belted)) {
          unbelted.put(key, s.getSeat());
        }
      }
    }
    for (var it = incidents.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!unbelted.containsKey(e.getKey())) {
        ev.clear(e.getValue(), "Seat belt fastened or seat vacated: " + Vss.seatName(e.getValue().seat), facts(ev, e.getValue().seat, true));
        it.remove();
      }
    }
    unbeltedSinceMs.keySet().retainAll(unbelted.keySet());
    for (var e : unbelted.entrySet()) {
      long since = unbeltedSinceMs.computeIfAbsent(e.getKey(), k -> ev.nowMs);
      Incident inc = incidents.get(e.getKey());
      String text = "Seat belt not fastened: " + Vss.seatName(e.getValue());
      if (inc == null && ev.nowMs - since >= cfg.delay().toMillis()) {
        incidents.put(e.getKey(), ev.raise(AlertKind.ALERT_KIND_UNBELTED_OCCUPANT,
            AlertSeverity.ALERT_SEVERITY_WARNING, e.getValue(), "", text, facts(ev, e.getValue(), false)));
      } else if (inc != null && inc.level == 0 && ev.nowMs - inc.raisedMs >= cfg.escalateAfter().toMillis()) {
        ev.escalate(inc, AlertSeverity.ALERT_SEVERITY_CRITICAL, text, facts(ev, e.getValue(), false));
      }
    }
  }

  private static List<AlertEvidence> facts(Evaluation ev, Seat seat, boolean belted) {
    List<AlertEvidence> all = new ArrayList<>();
    all.add(Vss.signal(Vss.seatStem(seat) + ".IsBelted", belted).toBuilder().setSeat(seat).build());
    if (ev.vehicle != null) {
      all.add(Vss.speed(ev.vehicle));
    }
    return all;
  }
}
