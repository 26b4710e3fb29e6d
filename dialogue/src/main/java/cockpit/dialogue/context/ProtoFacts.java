package cockpit.dialogue.context;

import cockpit.lm.context.CabinFacts;
import cockpit.lm.context.CabinFacts.Landmark;
import cockpit.lm.context.CabinFacts.Occupant;
import cockpit.lm.context.CabinFacts.OccupantKind;
import cockpit.lm.context.CabinFacts.RoadUser;
import cockpit.lm.context.CabinFacts.RoadUserKind;
import cockpit.lm.context.ContextFormat;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertEvidence;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.DoorState;
import cockpit.proto.v1.Gear;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.VehicleState;
import cockpit.proto.v1.VssValue;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bus messages → {@link CabinFacts}: VehicleState, the DetectionSets of perception's built-in tasks
 * (mapped as perception/README.md describes them) and Alerts. Stateless and thread-safe. Values a peer
 * controls (labels, zones) are checked; what does not fit a fact is left out, never guessed.
 */
public final class ProtoFacts {
  /** DetectionSet.task of perception's built-in tasks (perception/README.md). */
  public static final String OCCUPANCY = "occupancy";
  public static final String DRIVER_MONITORING = "driver_monitoring";
  public static final String CHILD_PRESENCE = "child_presence";
  public static final String DOOR_HAZARD = "door_hazard";
  public static final String GREETER = "greeter";
  public static final String CAR_FINDER = "car_finder";
  /** The tasks the context states; results of other tasks are ignored. */
  public static final List<String> TASKS = List.of(OCCUPANCY, DRIVER_MONITORING, CHILD_PRESENCE, DOOR_HAZARD,
      GREETER, CAR_FINDER);
  /** Below this speed a car is still (perception's VehicleMode uses the same 3 km/h). */
  static final double MOVING_KMH = 3;

  private static final Pattern EXTERIOR = Pattern.compile("exterior/([a-z]+(-[a-z]+)?)");
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9._+-]{1,40}");
  /** Evidence zones as perception writes them: {@code cabin}, {@code exterior/left-rear}. */
  private static final Pattern SIMPLE_ZONE = Pattern.compile("[a-z]+(/[a-z]+(-[a-z]+)?)?");

  private ProtoFacts() {}

  /** Parked = gear P, or power off/lock while still (as perception's PARKED mode). */
  public static boolean parked(VehicleState v) {
    boolean off = v.getPowerState() == PowerState.POWER_STATE_OFF || v.getPowerState() == PowerState.POWER_STATE_LOCK;
    return v.getSpeedKmh() < MOVING_KMH && (v.getSelectedGear() == Gear.GEAR_PARK || off);
  }

  public static CabinFacts.Vehicle vehicle(VehicleState v) {
    CabinFacts.Motion motion = parked(v) ? CabinFacts.Motion.PARKED
        : v.getSpeedKmh() >= MOVING_KMH ? CabinFacts.Motion.DRIVING : CabinFacts.Motion.STOPPED;
    CabinFacts.Power power = switch (v.getPowerState()) {
      case POWER_STATE_LOCK -> CabinFacts.Power.LOCK;
      case POWER_STATE_OFF -> CabinFacts.Power.OFF;
      case POWER_STATE_ACC -> CabinFacts.Power.ACC;
      case POWER_STATE_ON -> CabinFacts.Power.ON;
      case POWER_STATE_START -> CabinFacts.Power.START;
      case POWER_STATE_UNSPECIFIED, UNRECOGNIZED -> CabinFacts.Power.UNKNOWN;
    };
    List<CabinFacts.Seat> open = null;
    if (v.getDoorsCount() > 0) {
      open = new ArrayList<>();
      for (DoorState d : v.getDoorsList()) {
        CabinFacts.Side side = switch (d.getDoor().getSide()) {
          case DOOR_SIDE_DRIVER_SIDE -> CabinFacts.Side.DRIVER_SIDE;
          case DOOR_SIDE_PASSENGER_SIDE -> CabinFacts.Side.PASSENGER_SIDE;
          case DOOR_SIDE_UNSPECIFIED, UNRECOGNIZED -> null;
        };
        if (d.getIsOpen() && side != null && d.getDoor().getRow() >= 1 && d.getDoor().getRow() <= 9) {
          open.add(new CabinFacts.Seat(d.getDoor().getRow(), side));
        }
      }
    }
    double speed = Float.isFinite(v.getSpeedKmh()) ? Math.max(0, v.getSpeedKmh()) : 0;
    return new CabinFacts.Vehicle(motion, speed, power, open, v.getIsLocked());
  }

  /** A proto seat as a fact seat; empty when the row or position is not set. */
  public static Optional<CabinFacts.Seat> seat(Seat s) {
    if (s.getRow() < 1 || s.getRow() > 9) {
      return Optional.empty();
    }
    return Optional.ofNullable(switch (s.getPosition()) {
      case SEAT_POSITION_DRIVER_SIDE -> new CabinFacts.Seat(s.getRow(), CabinFacts.Side.DRIVER_SIDE);
      case SEAT_POSITION_MIDDLE -> new CabinFacts.Seat(s.getRow(), CabinFacts.Side.MIDDLE);
      case SEAT_POSITION_PASSENGER_SIDE -> new CabinFacts.Seat(s.getRow(), CabinFacts.Side.PASSENGER_SIDE);
      case SEAT_POSITION_UNSPECIFIED, UNRECOGNIZED -> null;
    });
  }

  /** Occupants of an {@code occupancy} or {@code child_presence} set, belts joined to their seats. */
  public static List<Occupant> occupants(DetectionSet set) {
    Map<CabinFacts.Seat, Boolean> belts = new java.util.HashMap<>();
    for (Detection d : set.getDetectionsList()) {
      if (d.getKind() == DetectionKind.DETECTION_KIND_SEAT_BELT && d.getVssValue().hasBoolValue()) {
        seat(d.getSeat()).ifPresent(s -> belts.put(s, d.getVssValue().getBoolValue()));
      }
    }
    List<Occupant> out = new ArrayList<>();
    for (Detection d : set.getDetectionsList()) {
      OccupantKind kind = switch (d.getKind()) {
        case DETECTION_KIND_PERSON -> OccupantKind.ADULT;
        case DETECTION_KIND_CHILD -> OccupantKind.CHILD;
        case DETECTION_KIND_PET -> OccupantKind.PET;
        case DETECTION_KIND_INFANT_SEAT -> "false".equals(d.getAttributesMap().get("occupied"))
            ? OccupantKind.INFANT_SEAT_EMPTY : OccupantKind.INFANT_SEAT_OCCUPIED;
        default -> null;
      };
      if (kind != null) {
        CabinFacts.Seat seat = seat(d.getSeat()).orElse(null);
        out.add(new Occupant(seat, kind, seat == null ? null : belts.get(seat)));
      }
    }
    return out;
  }

  /** The driver-monitoring result of a set, if it has one. */
  public static Optional<CabinFacts.Driver> driver(DetectionSet set) {
    return set.getDetectionsList().stream().filter(d -> d.getKind() == DetectionKind.DETECTION_KIND_DRIVER_STATE)
        .findFirst().map(d -> new CabinFacts.Driver("true".equals(d.getAttributesMap().get("eyes_on_road")),
            "true".equals(d.getAttributesMap().get("drowsy"))));
  }

  /** Road users of a {@code door_hazard} or {@code greeter} set. */
  public static List<RoadUser> roadUsers(DetectionSet set) {
    List<RoadUser> out = new ArrayList<>();
    for (Detection d : set.getDetectionsList()) {
      RoadUserKind kind = switch (d.getKind()) {
        case DETECTION_KIND_PERSON -> RoadUserKind.PERSON;
        case DETECTION_KIND_CYCLIST -> RoadUserKind.CYCLIST;
        case DETECTION_KIND_VEHICLE -> RoadUserKind.VEHICLE;
        default -> null;
      };
      var zone = EXTERIOR.matcher(d.getZone());
      if (kind != null && zone.matches()) {
        out.add(new RoadUser(kind, zone.group(1), distance(d.getAttributesMap().get("distance_m")),
            !"false".equals(d.getAttributesMap().get("approaching"))));
      }
    }
    return out;
  }

  /** The place name of a {@code car_finder} set ("" when none). */
  public static String place(DetectionSet set) {
    return set.getDetectionsList().stream().filter(d -> "true".equals(d.getAttributesMap().get("place"))
        && !d.getLabel().isBlank()).map(Detection::getLabel).findFirst().orElse("");
  }

  /** Landmarks and signs of a {@code car_finder} set, in order (the place name excluded). */
  public static List<Landmark> landmarks(DetectionSet set) {
    List<Landmark> out = new ArrayList<>();
    for (Detection d : set.getDetectionsList()) {
      boolean sign = d.getKind() == DetectionKind.DETECTION_KIND_SIGN;
      var dir = EXTERIOR.matcher(d.getZone());
      if ((sign || d.getKind() == DetectionKind.DETECTION_KIND_LANDMARK) && dir.matches()
          && !d.getLabel().isBlank()) {
        out.add(new Landmark(sign, d.getLabel(), dir.group(1)));
      }
    }
    return out;
  }

  /** Latest instant a timestamp is taken at (9999-12-31): later values from a peer are clamped. */
  private static final long MAX_SECONDS = 253_402_300_799L;

  /** A protobuf timestamp as an instant, clamped to years 1970..9999 (a missing one is the epoch). */
  public static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(Math.max(0, Math.min(MAX_SECONDS, t.getSeconds())),
        Math.floorMod(t.getNanos(), 1_000_000_000));
  }

  /**
   * An alert as a fact, its times in {@code zone}.
   *
   * @param a its last RAISED or ESCALATED message (kind, severity, message, evidence)
   * @param cleared when it was cleared, null while active
   */
  public static CabinFacts.Alert alert(Alert a, Instant cleared, ZoneId zone) {
    Instant raised = instant(a.getRaisedTime());
    List<CabinFacts.Evidence> evidence = new ArrayList<>();
    for (AlertEvidence e : a.getEvidenceList()) {
      if (e.getDetectionKind() != DetectionKind.DETECTION_KIND_UNSPECIFIED
          && e.getDetectionKind() != DetectionKind.UNRECOGNIZED) {
        float c = e.getConfidence();
        evidence.add(new CabinFacts.Seen(name(e.getDetectionKind()), seat(e.getSeat()).orElse(null),
            SIMPLE_ZONE.matcher(e.getZone()).matches() ? e.getZone() : "", c >= 0 && c <= 1 ? c : 0));
      } else if (SIMPLE.matcher(e.getVssPath()).matches()) {
        evidence.add(new CabinFacts.Signal(e.getVssPath(), value(e.getVssValue())));
      }
    }
    String kind = a.getKind().name().replaceFirst("^ALERT_KIND_", "").toLowerCase(Locale.ROOT);
    String severity = a.getSeverity().name().replaceFirst("^ALERT_SEVERITY_", "");
    CabinFacts.Severity sev = switch (severity) {
      case "CRITICAL" -> CabinFacts.Severity.CRITICAL;
      case "WARNING" -> CabinFacts.Severity.WARNING;
      default -> CabinFacts.Severity.INFO;
    };
    return new CabinFacts.Alert(a.getAlertId(), kind, sev, LocalDateTime.ofInstant(raised, zone),
        cleared == null ? null : LocalDateTime.ofInstant(cleared, zone), a.getMessage(), evidence);
  }

  /** {@code DETECTION_KIND_INFANT_SEAT} → {@code infant-seat}. */
  static String name(DetectionKind k) {
    return k.name().replaceFirst("^DETECTION_KIND_", "").toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String value(VssValue v) {
    return switch (v.getValueCase()) {
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case INT_VALUE -> Long.toString(v.getIntValue());
      case FLOAT_VALUE -> String.format(Locale.ROOT, "%.1f", v.getFloatValue());
      case STRING_VALUE -> SIMPLE.matcher(v.getStringValue()).matches() ? v.getStringValue()
          : ContextFormat.quote(v.getStringValue());
      case VALUE_NOT_SET -> "unknown";
    };
  }

  private static double distance(String text) {
    try {
      double d = Double.parseDouble(String.valueOf(text));
      return Double.isFinite(d) && d >= 0 ? d : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
