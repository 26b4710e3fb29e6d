package cockpit.sim.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A combination of attribute values that one thing in a scene can show together, e.g. the pair
 * {@code seat=row2.middle+object=phone} (a phone on the rear middle seat) or
 * {@code lighting=night+gaze=left}. It matches a scene when a single {@link SceneFacts.Entity} (a seat,
 * the driver, a road user, a sign, or the scene itself) has every listed value; scene-wide attributes
 * ({@code lighting}, {@code place}, {@code camera}) belong to every entity. Usually a pair; any number
 * ≥ 1 works. Immutable.
 */
public record Combination(Map<String, String> values) {
  public Combination {
    Objects.requireNonNull(values, "values");
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a combination needs at least one key=value");
    }
    for (var e : values.entrySet()) {
      if (e.getKey().isBlank() || e.getValue().isBlank()) {
        throw new IllegalArgumentException("blank key or value in combination " + values);
      }
    }
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The pair {@code k1=v1+k2=v2}. */
  public static Combination of(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    if (m.put(k2, v2) != null) {
      throw new IllegalArgumentException("a pair needs two different keys, got " + k1 + " twice");
    }
    return new Combination(m);
  }

  /**
   * Parses {@code key=value+key=value...}, e.g. {@code occupant=child+object=phone}.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public static Combination parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : text.split("\\+")) {
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException("'" + part.trim() + "' in combination '" + text + "' is not key=value");
      }
      if (m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim()) != null) {
        throw new IllegalArgumentException("key '" + part.substring(0, eq).trim() + "' twice in '" + text + "'");
      }
    }
    return new Combination(m);
  }

  /** Whether {@code e} shows every value. */
  public boolean matches(SceneFacts.Entity e) {
    return values.entrySet().stream().allMatch(v -> e.has(v.getKey(), v.getValue()));
  }

  /** Whether {@code e} has every key of this combination (whatever the values). */
  boolean keysOf(SceneFacts.Entity e) {
    return values.keySet().stream().allMatch(k -> e.attributes().containsKey(k));
  }

  @Override
  public String toString() {
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("+"));
  }
}
