package cockpit.bus.zenoh;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Zenoh's access control ({@code access_control} in the Zenoh config) for the messages that cross a
 * session's links: which key expressions which remote peers may put, delete, declare on, query or
 * reply to. Enforced by the Zenoh core on every transport (the session's own local calls are not
 * filtered); when this session is the router, it filters what it routes between others. Explicit deny
 * beats explicit allow beats {@link #defaultPermission}. Immutable.
 *
 * <p>Rules are written one per {@code ;} in a compact text form ({@link #parseRules}):
 * {@code <allow|deny> <messages> <key-exprs> [from <subjects>] [ingress|egress]}, lists comma-separated,
 * e.g. {@code deny put,delete vehicle/*}{@code /cockpit/** from cn:intruder,zid:a1b2 ingress}. A
 * subject is {@code cn:<certificate common name>} (needs mTLS), {@code zid:<zenoh id>}
 * (unauthenticated), {@code iface:<network interface>} or {@code proto:<link protocol>}, several
 * joined with {@code &} when all must hold; no {@code from}: every peer. Messages are Zenoh's names:
 * {@link Message}.
 */
public record AccessControl(boolean enabled, Permission defaultPermission, List<Rule> rules) {
  public AccessControl {
    Objects.requireNonNull(defaultPermission, "defaultPermission");
    rules = List.copyOf(rules);
  }

  /** What a rule or the default does. */
  public enum Permission { ALLOW, DENY }

  /** Zenoh's ACL message kinds ({@code messages} of a rule). */
  public enum Message {
    PUT, DELETE, DECLARE_SUBSCRIBER, QUERY, DECLARE_QUERYABLE, REPLY, LIVELINESS_TOKEN,
    DECLARE_LIVELINESS_SUBSCRIBER, LIVELINESS_QUERY
  }

  /** Which way a message crosses the link: into this session or out of it. */
  public enum Flow { INGRESS, EGRESS }

  /** Link protocols a subject may name ({@code proto:}). */
  public static final Set<String> LINK_PROTOCOLS =
      Set.of("tcp", "udp", "tls", "quic", "unixsock-stream", "ws", "serial", "unixpipe", "vsock");

  /**
   * Who a rule applies to: every listed property must match (an empty list matches anything).
   *
   * @param zids Zenoh ids in hex, 1-32 digits
   */
  public record Subject(List<String> certCommonNames, List<String> zids, List<String> interfaces,
      List<String> linkProtocols) {
    public Subject {
      certCommonNames = List.copyOf(certCommonNames);
      zids = List.copyOf(zids);
      interfaces = List.copyOf(interfaces);
      linkProtocols = List.copyOf(linkProtocols);
      for (String z : zids) {
        if (!z.matches("[0-9a-f]{1,32}")) {
          throw new IllegalArgumentException("zid:" + z + " is not a Zenoh id (1-32 lowercase hex digits)");
        }
      }
      for (String p : linkProtocols) {
        if (!LINK_PROTOCOLS.contains(p)) {
          throw new IllegalArgumentException("proto:" + p + " is not a link protocol; one of " + LINK_PROTOCOLS);
        }
      }
    }

    /** Every peer. */
    public static final Subject ANY = new Subject(List.of(), List.of(), List.of(), List.of());
  }

  /** One rule: {@code permission} for {@code messages} on {@code keyExprs} from {@code subjects} (any of them). */
  public record Rule(Permission permission, Set<Message> messages, List<String> keyExprs, List<Subject> subjects,
      Set<Flow> flows) {
    public Rule {
      Objects.requireNonNull(permission, "permission");
      if (messages.isEmpty() || keyExprs.isEmpty() || subjects.isEmpty() || flows.isEmpty()) {
        throw new IllegalArgumentException("an ACL rule needs messages, key expressions, subjects and flows");
      }
      messages = Set.copyOf(messages);
      keyExprs = List.copyOf(keyExprs);
      subjects = List.copyOf(subjects);
      flows = Set.copyOf(flows);
    }
  }

  /** Access control off (Zenoh's default): every message passes. */
  public static AccessControl disabled() {
    return new AccessControl(false, Permission.ALLOW, List.of());
  }

  /** Rules in the compact text form, {@code ;}-separated; blank: none. */
  public static List<Rule> parseRules(String text) {
    List<Rule> out = new ArrayList<>();
    for (String part : text.split(";")) {
      if (!part.isBlank()) {
        out.add(AclRuleText.parse(part.trim()));
      }
    }
    return out;
  }

  /** The {@code access_control} value as JSON5: rules, subjects and one policy per rule. */
  String json5() {
    List<String> rulesJson = new ArrayList<>();
    List<String> subjectsJson = new ArrayList<>();
    List<String> policies = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      String id = "rule" + i;
      rulesJson.add("{id: " + Config.quote(id) + ", permission: " + Config.quote(lower(r.permission()))
          + ", flows: " + names(r.flows()) + ", messages: " + names(r.messages()) + ", key_exprs: "
          + strings(r.keyExprs()) + "}");
      List<String> subjectIds = new ArrayList<>();
      for (int j = 0; j < r.subjects().size(); j++) {
        String sid = id + "-subject" + j;
        subjectIds.add(sid);
        subjectsJson.add(subject(sid, r.subjects().get(j)));
      }
      policies.add("{id: " + Config.quote("policy" + i) + ", rules: " + strings(List.of(id)) + ", subjects: "
          + strings(subjectIds) + "}");
    }
    return "{enabled: " + enabled + ", default_permission: " + Config.quote(lower(defaultPermission))
        + ", rules: [" + String.join(", ", rulesJson) + "], subjects: [" + String.join(", ", subjectsJson)
        + "], policies: [" + String.join(", ", policies) + "]}";
  }

  private static String subject(String id, Subject s) {
    StringBuilder b = new StringBuilder("{id: ").append(Config.quote(id));
    field(b, "cert_common_names", s.certCommonNames());
    field(b, "zids", s.zids());
    field(b, "interfaces", s.interfaces());
    field(b, "link_protocols", s.linkProtocols());
    return b.append('}').toString();
  }

  private static void field(StringBuilder b, String name, List<String> values) {
    if (!values.isEmpty()) { // Zenoh: an absent property matches anything, an empty list is an error
      b.append(", ").append(name).append(": ").append(strings(values));
    }
  }

  private static String names(Set<? extends Enum<?>> values) {
    return strings(values.stream().sorted().map(AccessControl::lower).toList());
  }

  private static String strings(List<String> values) {
    return values.stream().map(Config::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> Set<E> enumSet(Class<E> type, String list, String what) {
    Set<E> out = EnumSet.noneOf(type);
    for (String s : list.split(",")) {
      try {
        out.add(Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown " + what + " '" + s.trim() + "'; one of "
            + EnumSet.allOf(type).stream().map(AccessControl::lower).toList());
      }
    }
    return out;
  }
}
