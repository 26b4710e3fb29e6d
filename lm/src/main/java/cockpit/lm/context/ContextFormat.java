package cockpit.lm.context;

import cockpit.lm.context.CabinFacts.Alert;
import cockpit.lm.context.CabinFacts.Evidence;
import cockpit.lm.context.CabinFacts.Landmark;
import cockpit.lm.context.CabinFacts.Occupant;
import cockpit.lm.context.CabinFacts.RoadUser;
import cockpit.lm.context.CabinFacts.Seat;
import cockpit.lm.context.CabinFacts.Side;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes {@link CabinFacts} as the lines of a {@code context} message, one fact per line,
 * {@code key: value}, in this order (the exact strings are listed in dialogue/README.md):
 *
 * <pre>
 * seat: rear-passenger-side
 * time: 18:04
 * vehicle: parked, power off, doors closed, locked
 * cabin: driver adult belted; rear-middle child unbelted
 * driver: eyes on road, not drowsy
 * presence: rear-middle child
 * outside: cyclist left-rear 6 m approaching
 * parking: place "Level P3"; sign "B12" left; landmark "lift" front; parked at 17:55
 * alert: child_left_behind critical since 18:01: "Child left in rear middle seat"; evidence: rear-middle child 0.91
 * alert: person_approaching info since 17:58, cleared 17:59: "Person approaching the parked vehicle"; evidence: …
 * alert: door_open_hazard cleared
 * </pre>
 *
 * A turn sends only the lines whose text changed since the session last saw them ({@link #changed}); an
 * alert line changes when the alert escalates or is cleared. An alert the session last saw active and that
 * is gone from the facts altogether is sent once as {@code alert: <kind> cleared}; one it last saw cleared
 * is forgotten silently.
 * Free text (place names, landmark texts, alert messages) is always quoted and escaped like a JSON string
 * and cut to {@value #MAX_QUOTED} characters, so no value can break a line or start another.
 *
 * <p>Stateless and thread-safe. This is the one writer of these strings: the dialogue's prompts and the
 * training data generator both call it.
 */
public final class ContextFormat {
  /** Chat role of the context message. */
  public static final String ROLE = "context";
  public static final String SEAT = "seat";
  public static final String TIME = "time";
  public static final String VEHICLE = "vehicle";
  public static final String CABIN = "cabin";
  public static final String DRIVER = "driver";
  public static final String PRESENCE = "presence";
  public static final String OUTSIDE = "outside";
  public static final String PARKING = "parking";
  public static final String ALERT = "alert";
  /** The keys, in the order their lines appear in a context message. */
  public static final List<String> KEYS = List.of(SEAT, TIME, VEHICLE, CABIN, DRIVER, PRESENCE, OUTSIDE, PARKING,
      ALERT);
  /** Longest quoted text, in characters (the car finder's labels are at most 40). */
  public static final int MAX_QUOTED = 80;

  private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY_HOURS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private ContextFormat() {}

  /**
   * One line of a context message.
   *
   * @param id what fact it states, stable across turns: the key, or {@code alert/<kind>/<alert id>}
   * @param text the whole line, {@code key: value}
   * @param retraction true for {@code alert: <kind> cleared}: the session forgets the fact once sent
   */
  public record Line(String id, String text, boolean retraction) {
    public Line {
      if (id == null || id.isBlank() || text == null || text.contains("\n") || text.isEmpty() && !retraction) {
        throw new IllegalArgumentException("a context line needs an id and one line of text, got " + id);
      }
    }
  }

  /** Every known fact as a line, in the documented order; unknown (null) facts give no line. */
  public static List<Line> lines(CabinFacts f) {
    List<Line> out = new ArrayList<>();
    if (f.speaker() != null) {
      out.add(line(SEAT, seat(f.speaker())));
    }
    if (f.now() != null) {
      out.add(line(TIME, HOURS.format(f.now())));
    }
    if (f.vehicle() != null) {
      out.add(line(VEHICLE, vehicle(f.vehicle())));
    }
    if (f.cabin() != null) {
      out.add(line(CABIN, cabin(f.cabin())));
    }
    if (f.driver() != null) {
      out.add(line(DRIVER, driver(f.driver())));
    }
    if (f.presence() != null) {
      out.add(line(PRESENCE, presence(f.presence())));
    }
    if (f.outside() != null) {
      out.add(line(OUTSIDE, outside(f.outside())));
    }
    if (f.parking() != null) {
      out.add(line(PARKING, parking(f.parking(), f.now())));
    }
    f.alerts().stream().sorted(Comparator.comparing(Alert::raised).thenComparing(Alert::id))
        .forEach(a -> out.add(new Line(alertId(a.kind(), a.id()), ALERT + ": " + alert(a), false)));
    return out;
  }

  /**
   * The lines to send now: those of {@code current} whose text differs from what {@code seen} holds for
   * their id, then one {@code alert: <kind> cleared} per alert in {@code seen} that is no longer current.
   *
   * @param seen fact id → the line the session last saw (not modified)
   */
  public static List<Line> changed(Map<String, String> seen, List<Line> current) {
    List<Line> out = new ArrayList<>();
    Set<String> ids = new TreeSet<>();
    for (Line l : current) {
      ids.add(l.id());
      if (!l.text().equals(seen.get(l.id()))) {
        out.add(l);
      }
    }
    new TreeSet<>(seen.keySet()).stream().filter(id -> id.startsWith(ALERT + "/") && !ids.contains(id))
        .forEach(id -> out.add(CLEARED_LINE.matcher(seen.get(id)).lookingAt() ? new Line(id, "", true)
            : new Line(id, ALERT + ": " + id.split("/", 3)[1] + " cleared", true)));
    return out;
  }

  /** The start of a cleared alert's line (kind and severity are constrained, so the message cannot fake it). */
  private static final java.util.regex.Pattern CLEARED_LINE =
      java.util.regex.Pattern.compile("alert: [a-z][a-z0-9_]* [a-z]+ since \\d\\d:\\d\\d, cleared ");

  /**
   * The lines a context message shows: {@code lines} without the silent retractions (an alert the session
   * saw cleared and that has now expired from the facts: nothing to say, only to forget).
   */
  public static List<Line> shown(List<Line> lines) {
    return lines.stream().filter(l -> !l.text().isEmpty()).toList();
  }

  /** Records in {@code seen} that the session has now been told {@code sent}. */
  public static void remember(Map<String, String> seen, List<Line> sent) {
    for (Line l : sent) {
      if (l.retraction()) {
        seen.remove(l.id());
      } else {
        seen.put(l.id(), l.text());
      }
    }
  }

  /** Orders fact ids (and lines) as a context message lists them: by {@link #KEYS}, then by id. */
  public static final Comparator<String> ID_ORDER = Comparator.comparingInt((String id) -> KEYS.indexOf(
      id.split("/", 2)[0])).thenComparing(Comparator.naturalOrder());

  /** The content of the context message: the shown lines' text, one per line. */
  public static String message(List<Line> lines) {
    return shown(lines).stream().map(Line::text).collect(Collectors.joining("\n"));
  }

  /**
   * A seat's name: {@code driver}, {@code front-middle}, {@code passenger} (row 1);
   * {@code rear-driver-side}, {@code rear-middle}, {@code rear-passenger-side} (row 2);
   * {@code row<n>-driver-side}, {@code row<n>-middle}, {@code row<n>-passenger-side} (row 3 on). Sides are
   * VSS's (driver side / passenger side), not left and right, which depend on the car.
   */
  public static String seat(Seat s) {
    String side = switch (s.side()) {
      case DRIVER_SIDE -> "driver-side";
      case MIDDLE -> "middle";
      case PASSENGER_SIDE -> "passenger-side";
    };
    return switch (s.row()) {
      case 1 -> switch (s.side()) {
        case DRIVER_SIDE -> "driver";
        case MIDDLE -> "front-middle";
        case PASSENGER_SIDE -> "passenger";
      };
      case 2 -> "rear-" + side;
      default -> "row" + s.row() + "-" + side;
    };
  }

  /** The seat named {@code name} as {@link #seat} writes it, if it is one. */
  public static Optional<Seat> parseSeat(String name) {
    for (int row = 1; row <= 9; row++) {
      for (Side side : Side.values()) {
        Seat s = new Seat(row, side);
        if (seat(s).equals(name)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code parked|stopped|driving <v> km/h, power <state>[, <door> door open…| , doors closed], locked|unlocked}. */
  public static String vehicle(CabinFacts.Vehicle v) {
    List<String> parts = new ArrayList<>();
    parts.add(switch (v.motion()) {
      case PARKED -> "parked";
      case STOPPED -> "stopped";
      // Rounded to 10 km/h so that driving does not restate the vehicle line every turn.
      case DRIVING -> "driving " + Math.max(10, Math.round(v.speedKmh() / 10) * 10) + " km/h";
    });
    parts.add("power " + v.power().name().toLowerCase(Locale.ROOT));
    if (v.openDoors() != null) {
      if (v.openDoors().isEmpty()) {
        parts.add("doors closed");
      } else {
        v.openDoors().stream().sorted(SEAT_ORDER).forEach(d -> parts.add(seat(d) + " door open"));
      }
    }
    parts.add(v.locked() ? "locked" : "unlocked");
    return String.join(", ", parts);
  }

  /** {@code <seat> <occupant>[ belted|unbelted]; …}, or {@code nobody seen}. */
  public static String cabin(List<Occupant> occupants) {
    return occupants.isEmpty() ? "nobody seen" : occupants(occupants, true);
  }

  /** {@code eyes on|off road, drowsy|not drowsy}. */
  public static String driver(CabinFacts.Driver d) {
    return "eyes " + (d.eyesOnRoad() ? "on" : "off") + " road, " + (d.drowsy() ? "drowsy" : "not drowsy");
  }

  /** {@code <seat> <child|infant-seat-occupied|pet>; …}, or {@code no child or pet seen}. */
  public static String presence(List<Occupant> findings) {
    return findings.isEmpty() ? "no child or pet seen" : occupants(findings, false);
  }

  /** {@code <person|cyclist|vehicle> <zone> <m> m approaching|not approaching; …}, or {@code nobody near the car}. */
  public static String outside(List<RoadUser> users) {
    if (users.isEmpty()) {
      return "nobody near the car";
    }
    return users.stream().map(u -> u.kind().name().toLowerCase(Locale.ROOT) + " " + u.zone() + " "
        + Math.round(u.distanceM()) + " m " + (u.approaching() ? "approaching" : "not approaching"))
        .collect(Collectors.joining("; "));
  }

  /**
   * {@code [place "<name>"; ]<sign|landmark> "<text>" <direction>; …; parked at <HH:mm>}, the date added
   * ({@code yyyy-MM-dd HH:mm}) when it is not the day of {@code now} (or {@code now} is null); with nothing
   * read, {@code nothing read; parked at …}.
   */
  public static String parking(CabinFacts.Parking p, LocalDateTime now) {
    List<String> parts = new ArrayList<>();
    if (!p.place().isBlank()) {
      parts.add("place " + quote(p.place()));
    }
    for (Landmark l : p.landmarks()) {
      parts.add((l.sign() ? "sign " : "landmark ") + quote(l.text()) + " " + l.direction());
    }
    if (parts.isEmpty()) {
      parts.add("nothing read");
    }
    boolean sameDay = now != null && now.toLocalDate().equals(p.parkedAt().toLocalDate());
    parts.add("parked at " + (sameDay ? HOURS : DAY_HOURS).format(p.parkedAt()));
    return String.join("; ", parts);
  }

  /** {@code <kind> <severity> since <HH:mm>[, cleared <HH:mm>]: "<message>"[; evidence: <item>; …]}. */
  public static String alert(Alert a) {
    StringBuilder s = new StringBuilder(a.kind()).append(' ').append(a.severity().name().toLowerCase(Locale.ROOT))
        .append(" since ").append(HOURS.format(a.raised()));
    if (a.cleared() != null) {
      s.append(", cleared ").append(HOURS.format(a.cleared()));
    }
    s.append(": ").append(quote(a.message()));
    if (!a.evidence().isEmpty()) {
      s.append("; evidence: ").append(a.evidence().stream().map(ContextFormat::evidence)
          .collect(Collectors.joining("; ")));
    }
    return s.toString();
  }

  /** {@code <what> <seat|zone> <confidence 0.00>} for a detection, {@code <path> = <value>} for a signal. */
  public static String evidence(Evidence e) {
    return switch (e) {
      case CabinFacts.Seen d -> (d.seat() != null ? seat(d.seat()) : d.zone().isEmpty() ? "cabin" : d.zone()) + " "
          + d.what() + " " + String.format(Locale.ROOT, "%.2f", d.confidence());
      case CabinFacts.Signal g -> g.path() + " = " + g.value();
    };
  }

  /** The id of an alert's line. */
  public static String alertId(String kind, String alertId) {
    return ALERT + "/" + kind + "/" + alertId;
  }

  /**
   * {@code text} as a JSON string literal: quotes, backslashes and control characters (also U+2028,
   * U+2029) escaped, cut to {@value #MAX_QUOTED} characters with {@code …}.
   */
  public static String quote(String text) {
    String t = text.codePointCount(0, text.length()) > MAX_QUOTED
        ? text.substring(0, text.offsetByCodePoints(0, MAX_QUOTED - 1)) + "…" : text;
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }

  private static final Comparator<Seat> SEAT_ORDER = Comparator.comparingInt(Seat::row)
      .thenComparing(Seat::side);

  private static String occupants(List<Occupant> list, boolean belts) {
    return list.stream().sorted(Comparator.comparing((Occupant o) -> o.seat() == null)
        .thenComparing(o -> o.seat(), Comparator.nullsLast(SEAT_ORDER)))
        .map(o -> (o.seat() == null ? "cabin" : seat(o.seat())) + " "
            + o.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')
            + (belts && o.belted() != null ? o.belted() ? " belted" : " unbelted" : ""))
        .collect(Collectors.joining("; "));
  }

  private static Line line(String key, String value) {
    return new Line(key, key + ": " + value, false);
  }
}
