package cockpit.bus.zenoh;

import cockpit.bus.zenoh.AccessControl.Flow;
import cockpit.bus.zenoh.AccessControl.Message;
import cockpit.bus.zenoh.AccessControl.Permission;
import cockpit.bus.zenoh.AccessControl.Rule;
import cockpit.bus.zenoh.AccessControl.Subject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The compact text form of one ACL rule ({@link AccessControl}):
 * {@code <allow|deny> <messages> <key-exprs> [from <subjects>] [ingress|egress|ingress,egress]}.
 * Stateless; errors say which part is wrong and show the form.
 */
final class AclRuleText {
  static final String FORM = "<allow|deny> <messages> <key-exprs> [from <subjects>] [ingress|egress], e.g."
      + " 'deny put,delete vehicle/*/cockpit/** from cn:intruder ingress'";

  private AclRuleText() {}

  static Rule parse(String text) {
    String[] t = text.trim().split("\\s+");
    try {
      if (t.length < 3) {
        throw new IllegalArgumentException("too few parts");
      }
      Permission permission = AccessControl.enumSet(Permission.class, t[0], "permission").iterator().next();
      if (t[0].contains(",")) {
        throw new IllegalArgumentException("one permission per rule");
      }
      Set<Message> messages = AccessControl.enumSet(Message.class, t[1], "message");
      List<String> keys = List.of(t[2].split(","));
      for (String k : keys) {
        if (k.isEmpty() || k.contains("#") || k.contains("?")) {
          throw new IllegalArgumentException("'" + k + "' is not a key expression");
        }
      }
      int i = 3;
      List<Subject> subjects = List.of(Subject.ANY);
      if (i < t.length && t[i].equals("from")) {
        if (i + 1 >= t.length) {
          throw new IllegalArgumentException("'from' without subjects");
        }
        subjects = subjects(t[i + 1]);
        i += 2;
      }
      Set<Flow> flows = EnumSet.allOf(Flow.class);
      if (i < t.length) {
        flows = AccessControl.enumSet(Flow.class, t[i], "flow");
        i++;
      }
      if (i < t.length) {
        throw new IllegalArgumentException("unexpected '" + t[i] + "'");
      }
      return new Rule(permission, messages, keys, subjects, flows);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ACL rule '" + text + "': " + e.getMessage() + "; the form is " + FORM, e);
    }
  }

  /** {@code cn:a,zid:b&iface:lo}: subjects joined by commas (any), properties by {@code &} (all). */
  private static List<Subject> subjects(String list) {
    List<Subject> out = new ArrayList<>();
    for (String item : list.split(",")) {
      List<String> cn = new ArrayList<>();
      List<String> zid = new ArrayList<>();
      List<String> iface = new ArrayList<>();
      List<String> proto = new ArrayList<>();
      for (String prop : item.split("&")) {
        int colon = prop.indexOf(':');
        String value = colon < 0 ? "" : prop.substring(colon + 1);
        if (value.isEmpty()) {
          throw new IllegalArgumentException("subject '" + prop + "' is not cn:, zid:, iface: or proto: with a value");
        }
        switch (prop.substring(0, colon)) {
          case "cn" -> once(cn, prop).add(value);
          case "zid" -> once(zid, prop).add(value);
          case "iface" -> once(iface, prop).add(value);
          case "proto" -> once(proto, prop).add(value);
          default -> throw new IllegalArgumentException("subject '" + prop + "': unknown property; use cn:, zid:,"
              + " iface: or proto:");
        }
      }
      out.add(new Subject(cn, zid, iface, proto));
    }
    return out;
  }

  /** Zenoh ORs the values of one property: alternatives are separate subjects (commas), not {@code &}. */
  private static List<String> once(List<String> values, String prop) {
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("subject property '" + prop + "' twice in one subject; write"
          + " alternatives as separate subjects joined by ','");
    }
    return values;
  }
}
