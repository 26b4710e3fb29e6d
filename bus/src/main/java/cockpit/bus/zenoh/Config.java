package cockpit.bus.zenoh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Zenoh session configuration as JSON5 text, exactly what {@code zenoh::Config::from_json5}
 * accepts (so every key of Zenoh's DEFAULT_CONFIG.json5 works). The builder covers what the cockpit
 * sets — endpoints, scouting, TLS ({@link TlsConfig}), access control ({@link AccessControl}), link
 * protocols; {@link Builder#insertJson5} reaches any other key.
 *
 * @param baseFile a Zenoh JSON5 config file the session starts from; every leaf of {@code json5} is
 *     inserted over it ({@code Config::insert_json5}), so the file supplies what these keys leave unset
 */
public record Config(String json5, Optional<Path> baseFile) {
  public Config {
    Objects.requireNonNull(json5, "json5");
    Objects.requireNonNull(baseFile, "baseFile");
  }

  public Config(String json5) {
    this(json5, Optional.empty());
  }

  /** The same keys merged over the Zenoh config file {@code file}. */
  public Config withBaseFile(Path file) {
    return new Config(json5, Optional.of(file));
  }

  /** The session mode. */
  public enum Mode {
    PEER, CLIENT, ROUTER;

    String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static Config fromJson5(String json5) {
    return new Config(json5);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds JSON5 with multicast and gossip scouting off by default (fixed topologies, loopback). */
  public static final class Builder {
    private Mode mode = Mode.PEER;
    private final List<String> listen = new ArrayList<>();
    private final List<String> connect = new ArrayList<>();
    private boolean multicastScouting;
    private boolean gossipScouting;
    private final Map<String, String> extra = new LinkedHashMap<>();
    private TlsConfig tls = TlsConfig.none();
    private AccessControl acl = AccessControl.disabled();
    private final List<String> protocols = new ArrayList<>();
    private Optional<Path> baseFile = Optional.empty();

    public Builder mode(Mode m) {
      this.mode = Objects.requireNonNull(m);
      return this;
    }

    /** Adds a listen endpoint such as {@code tcp/127.0.0.1:7447}. */
    public Builder listen(String endpoint) {
      listen.add(endpoint);
      return this;
    }

    /** Adds a connect endpoint such as {@code tcp/127.0.0.1:7447}. */
    public Builder connect(String endpoint) {
      connect.add(endpoint);
      return this;
    }

    public Builder multicastScouting(boolean on) {
      this.multicastScouting = on;
      return this;
    }

    public Builder gossipScouting(boolean on) {
      this.gossipScouting = on;
      return this;
    }

    /** TLS certificates and mTLS ({@code transport/link/tls/…}). */
    public Builder tls(TlsConfig t) {
      this.tls = Objects.requireNonNull(t);
      return this;
    }

    /** Access control ({@code access_control}); only written when enabled. */
    public Builder accessControl(AccessControl a) {
      this.acl = Objects.requireNonNull(a);
      return this;
    }

    /**
     * The only link protocols the session accepts and opens ({@code transport/link/protocols}), e.g.
     * {@code tls} to refuse plain TCP; none: every protocol the library is built with.
     */
    public Builder protocols(List<String> names) {
      for (String p : names) {
        if (!AccessControl.LINK_PROTOCOLS.contains(p)) {
          throw new IllegalArgumentException("'" + p + "' is not a Zenoh link protocol; one of "
              + AccessControl.LINK_PROTOCOLS);
        }
      }
      protocols.clear();
      protocols.addAll(names);
      return this;
    }

    /** A Zenoh JSON5 config file under everything this builder sets. */
    public Builder baseFile(Path file) {
      this.baseFile = Optional.of(file);
      return this;
    }

    /**
     * Sets a Zenoh config key by its path ({@code transport/link/tx/lease}) to a JSON5 value
     * ({@code "5000"}, {@code "true"}, {@code "\"text\""}, {@code "{a:1}"}).
     */
    public Builder insertJson5(String path, String json5Value) {
      extra.put(path, json5Value);
      return this;
    }

    public Config build() {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("mode", Config.quote(mode.json()));
      put(root, "listen/endpoints", list(listen));
      put(root, "connect/endpoints", list(connect));
      put(root, "scouting/multicast/enabled", Boolean.toString(multicastScouting));
      put(root, "scouting/gossip/enabled", Boolean.toString(gossipScouting));
      if (tls.isSet()) {
        tls.entries().forEach((k, v) -> put(root, k, v));
      }
      if (!protocols.isEmpty()) {
        put(root, "transport/link/protocols", list(protocols));
      }
      if (acl.enabled()) {
        put(root, "access_control", acl.json5());
      }
      extra.forEach((k, v) -> put(root, k, v));
      return new Config(render(root), baseFile);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, String json5) {
      String[] parts = path.split("/");
      Map<String, Object> node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        if (!(child instanceof Map)) {
          throw new IllegalArgumentException("config path " + path + " crosses the value at " + parts[i]);
        }
        node = (Map<String, Object>) child;
      }
      node.put(parts[parts.length - 1], json5);
    }

    private static String render(Map<String, Object> node) {
      StringBuilder sb = new StringBuilder("{");
      node.forEach((k, v) -> {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(quote(k)).append(": ");
        sb.append(v instanceof Map<?, ?> m ? renderAny(m) : v);
      });
      return sb.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String renderAny(Map<?, ?> m) {
      return render((Map<String, Object>) m);
    }

    private static String list(List<String> items) {
      return items.stream().map(Config::quote).reduce((a, b) -> a + ", " + b)
          .map(s -> "[" + s + "]").orElse("[]");
    }
  }

  /** A JSON5 string literal. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
