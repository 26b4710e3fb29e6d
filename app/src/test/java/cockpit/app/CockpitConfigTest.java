package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CockpitConfigTest {
  @Test
  void defaultsArePeerOnLoopbackWithScoutingOff() {
    CockpitConfig c = CockpitConfig.load(null, Map.of(), List.of());
    String json = c.zenohConfig().json5();
    assertTrue(json.contains("\"mode\": \"peer\""), json);
    assertTrue(json.contains("\"tcp/127.0.0.1:7447\""), json);
    assertTrue(json.contains("\"multicast\": {\"enabled\": false}"), json);
    assertEquals(8 * 1024 * 1024, c.bridgeOptions().maxPayloadBytes());
  }

  @Test
  void fileThenEnvironmentThenSetOverride(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cockpit.yaml");
    Files.writeString(f, """
        vin: FILEVIN
        zenoh:
          mode: client
          connect: [tcp/127.0.0.1:7000, tcp/127.0.0.1:7001]
        bus:
          max-payload-bytes: 1000
        """);
    CockpitConfig c = CockpitConfig.load(f, Map.of("COCKPIT_BUS_MAX_PAYLOAD_BYTES", "2000", "PATH", "/bin"),
        List.of("vin=SETVIN"));
    assertEquals("SETVIN", c.get("vin"));
    assertEquals("client", c.get("zenoh.mode"));
    assertEquals(List.of("tcp/127.0.0.1:7000", "tcp/127.0.0.1:7001"), c.list("zenoh.connect"));
    assertEquals(2000, c.bridgeOptions().maxPayloadBytes());
  }

  @Test
  void unknownKeysAreNamedWithTheirSource(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "zenoh:\n  moed: peer\n");
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> CockpitConfig.load(f, Map.of(), List.of()));
    assertTrue(e.getMessage().contains("'zenoh.moed'") && e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void unknownEnvironmentVariablesAreWarningsNamingTheNearestKey() {
    CockpitConfig c = CockpitConfig.load(null, Map.of("COCKPIT_HTTP_PROT", "9000", "COCKPIT_NOPE", "1",
        "COCKPIT_CHROMIUM", "/usr/bin/chromium", "COCKPIT_HTTP_HOST", "127.0.0.1"), List.of());
    assertEquals("8080", c.get("http.port"), "a misspelt variable changes nothing");
    assertEquals(2, c.warnings().size(), c.warnings().toString());
    assertTrue(c.warnings().get(0).contains("COCKPIT_HTTP_PROT") && c.warnings().get(0).contains(
        "did you mean COCKPIT_HTTP_PORT (http.port)?"), c.warnings().toString());
    assertTrue(c.warnings().get(1).contains("COCKPIT_NOPE names no configuration key")
        && c.warnings().get(1).contains("upper case"), c.warnings().toString());
    assertTrue(CockpitConfig.load(null, Map.of("COCKPIT_HTTP_PORT", "9000"), List.of()).warnings().isEmpty());
  }

  @Test
  void badNumbersAndFlagsSayWhatToSetWithoutJavaInternals() {
    var e = assertThrows(CockpitConfig.ConfigException.class,
        () -> CockpitConfig.load(null, Map.of(), List.of("http.port=eighty")));
    assertEquals("http.port = 'eighty' is not a whole number; set a number of at least 0, e.g. --set http.port=8080",
        e.getMessage());
    e = assertThrows(CockpitConfig.ConfigException.class,
        () -> CockpitConfig.load(null, Map.of(), List.of("bus.max-cameras=0")));
    assertTrue(e.getMessage().startsWith("bus.max-cameras = 0 is too small; it must be at least 1"), e.getMessage());
    e = assertThrows(CockpitConfig.ConfigException.class,
        () -> CockpitConfig.load(null, Map.of(), List.of("dialogue.enabled=yes")));
    assertEquals("dialogue.enabled = 'yes' must be true or false, e.g. --set dialogue.enabled=true", e.getMessage());
  }

  @Test
  void missingConfigFileIsNamedOnceWithTheFix(@TempDir Path dir) {
    Path f = dir.resolve("absent.yaml");
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> CockpitConfig.load(f, Map.of(), List.of()));
    assertEquals("config file " + f + " does not exist (--config); give the path of a YAML file (keys in README,"
        + " Configuration) or leave --config away for the defaults", e.getMessage());
    e = assertThrows(CockpitConfig.ConfigException.class, () -> CockpitConfig.load(dir, Map.of(), List.of()));
    assertEquals(1, e.getMessage().split(java.util.regex.Pattern.quote(dir.toString()), -1).length - 1,
        e.getMessage());
  }

  @Test
  void modelDirThatIsAFileSaysSo(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("model.onnx"), "x");
    var e = assertThrows(CockpitConfig.ConfigException.class,
        () -> CockpitConfig.load(null, Map.of(), List.of("model.dir=" + f)));
    assertTrue(e.getMessage().startsWith("model.dir = " + f + " is a file, not a directory; point model.dir at a"
        + " model directory"), e.getMessage());
  }

  @Test
  void badValuesNameTheKeyAndTheFix() {
    assertMessage("zenoh.listen", List.of("zenoh.listen=127.0.0.1:7447"));
    assertMessage("zenoh.mode", List.of("zenoh.mode=sideways"));
    assertMessage("zenoh.connect", List.of("zenoh.mode=client"));
    assertMessage("bus.max-payload-bytes", List.of("bus.max-payload-bytes=-5"));
    assertMessage("zenoh.multicast-scouting", List.of("zenoh.multicast-scouting=maybe"));
    assertMessage("vin", List.of("vin=a/b"));
    assertMessage("key=value", List.of("novalue"));
    assertMessage("model.variant", List.of("model.variant=int3"));
    assertMessage("model.backend: unknown backend 'onnx'", List.of("model.backend=onnx"));
    assertMessage("model.variant = w4a16", List.of("model.backend=reference", "model.variant=w4a16"));
    assertMessage("npu.qnn", List.of("npu.qnn.htp-performance-mode=turbo"));
  }

  @Test
  void unknownKeysSuggestTheNearestKnownOne() {
    assertMessage("did you mean 'zenoh.listen'?", List.of("zenoh.lisen=tcp/127.0.0.1:1"));
    assertMessage("did you mean 'http.port'?", List.of("http.prot=1"));
    var e = assertThrows(CockpitConfig.ConfigException.class,
        () -> CockpitConfig.load(null, Map.of(), List.of("completely.different=1")));
    assertTrue(!e.getMessage().contains("did you mean") && e.getMessage().contains("Known keys:"), e.getMessage());
  }

  @Test
  void endpointsNeedProtocolHostAndPort() {
    for (String bad : List.of("tcp/127.0.0.1", "tcp/127.0.0.1:70000", "tcp//:7447", "http/127.0.0.1:80",
        "tcp/127.0.0.1:port", "unixsock-stream/")) {
      assertMessage("zenoh.connect: '" + bad + "' is not a Zenoh endpoint", List.of("zenoh.connect=" + bad));
      assertMessage("--set zenoh.listen=tcp/127.0.0.1:7447", List.of("zenoh.listen=" + bad));
    }
    CockpitConfig ok = CockpitConfig.load(null, Map.of(), List.of(
        "zenoh.connect=udp/[::1]:7447,tls/router.local:7448,unixsock-stream//tmp/z.sock,tcp/10.0.0.2:7447#iface=eth0"));
    assertEquals(4, ok.list("zenoh.connect").size());
  }

  @Test
  void onlyTheLinkProtocolsTheLibraryIsBuiltWithAreAccepted() {
    assertMessage("built with tcp, udp, tls, quic, unixsock-stream only", List.of("zenoh.connect=ws/127.0.0.1:8000"));
    assertMessage("zenoh.listen has a tls/ or quic/ endpoint but no certificate",
        List.of("zenoh.listen=tls/127.0.0.1:7447"));
    assertMessage("zenoh.protocols", List.of("zenoh.protocols=carrier-pigeon"));
  }

  @Test
  void tlsAndAccessControlKeysBecomeZenohsOwnConfig(@TempDir Path dir) throws Exception {
    for (String f : List.of("ca.pem", "me.pem", "me-key.pem")) {
      Files.writeString(dir.resolve(f), "PEM");
    }
    Path yaml = dir.resolve("cockpit.yaml");
    Files.writeString(yaml, """
        zenoh:
          listen: tls/127.0.0.1:7447
          protocols: tls
          tls: {root-ca: %s, certificate: %s, private-key: %s, mtls: true}
          acl:
            enabled: true
            rules:
              - deny put,delete vehicle/*/cockpit/** ingress
              - allow put vehicle/*/cabin/voice/** from cn:voice-ecu,zid:ab12
        """.formatted(dir.resolve("ca.pem"), dir.resolve("me.pem"), dir.resolve("me-key.pem")));
    String j = CockpitConfig.load(yaml, Map.of(), List.of()).zenohConfig().json5();
    assertTrue(j.contains("\"root_ca_certificate\": \"" + dir.resolve("ca.pem") + "\"") && j.contains(
        "\"enable_mtls\": true") && j.contains("\"listen_private_key\": \"" + dir.resolve("me-key.pem") + "\""), j);
    assertTrue(j.contains("\"protocols\": [\"tls\"]"), j);
    assertTrue(j.contains("key_exprs: [\"vehicle/*/cockpit/**\"]") && j.contains("cert_common_names: [\"voice-ecu\"]")
        && j.contains("zids: [\"ab12\"]") && j.contains("id: \"policy1\""), j);
    assertMessage("zenoh.tls.certificate = " + dir.resolve("nope.pem") + " is not a readable file",
        List.of("zenoh.tls.certificate=" + dir.resolve("nope.pem")));
    assertMessage("zenoh.tls: mTLS needs", List.of("zenoh.tls.mtls=true"));
    assertMessage("zenoh.acl.rules: ACL rule 'deny shout a/b'", List.of("zenoh.acl.rules=deny shout a/b"));
    assertMessage("zenoh.acl.default-permission", List.of("zenoh.acl.default-permission=maybe"));
    assertMessage("zenoh.config-file", List.of("zenoh.config-file=" + dir.resolve("missing.json5")));
    assertTrue(CockpitConfig.load(null, Map.of(), List.of("zenoh.config-file=" + dir.resolve("ca.pem")))
        .zenohConfig().baseFile().isPresent());
  }

  @Test
  void busBoundsAndHttpAllowListHaveKeys() {
    CockpitConfig c = CockpitConfig.load(null, Map.of(), List.of("bus.error-reports-per-second=5",
        "bus.max-cameras=3", "http.allowed-hosts=cockpit.local, 10.0.0.7"));
    assertEquals(5, c.bridgeOptions().errorReportsPerSecond());
    assertEquals(3, c.bridgeOptions().maxCameras());
    assertEquals(List.of("cockpit.local", "10.0.0.7"), ComponentConfig.http(c).allowedHosts());
    assertEquals(50, CockpitConfig.load(null, Map.of(), List.of()).bridgeOptions().errorReportsPerSecond());
    assertMessage("bus.max-cameras", List.of("bus.max-cameras=0"));
  }

  @Test
  void httpDefaultsToLoopback8080AndChecksItsKeys() {
    CockpitConfig c = CockpitConfig.load(null, Map.of(), List.of());
    assertEquals(new cockpit.app.http.HttpOptions("127.0.0.1", 8080), ComponentConfig.http(c));
    assertEquals(0, ComponentConfig.http(CockpitConfig.load(null, Map.of("COCKPIT_HTTP_PORT", "0"), List.of())).port());
    assertMessage("http.port = 70000 is not a TCP port", List.of("http.port=70000"));
    assertMessage("http.port = -1 is too small", List.of("http.port=-1"));
    assertMessage("http.host must name an interface", List.of("http.host= "));
    assertMessage("http.enabled", List.of("http.enabled=yes"));
    CockpitConfig.load(null, Map.of(), List.of("http.enabled=false", "http.port=70000")); // unused when off
  }

  @Test
  void missingModelWithGenerationOffNamesTheKeysAndTheFix(@TempDir Path dir) {
    String empty = "model.dir=" + dir.resolve("none");
    var e = assertThrows(CockpitConfig.ConfigException.class,
        () -> CockpitConfig.load(null, Map.of(), List.of(empty, "model.generate-if-missing=false")));
    assertTrue(e.getMessage().contains("model.dir = " + dir.resolve("none") + " holds no model")
        && e.getMessage().contains("cockpit model generate --out") && e.getMessage().contains(
        "model.generate-if-missing=true"), e.getMessage());
    CockpitConfig.load(null, Map.of(), List.of(empty)); // generated on start when allowed
    CockpitConfig.load(null, Map.of(), List.of(empty, "model.generate-if-missing=false", "dialogue.enabled=false"));
  }

  @Test
  void shutdownDeadlineMustBePositive() {
    assertMessage("shutdown.deadline-ms", List.of("shutdown.deadline-ms=0"));
  }

  private static void assertMessage(String fragment, List<String> sets) {
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> CockpitConfig.load(null, Map.of(), sets));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void malformedYamlIsReported(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.yaml");
    Files.writeString(f, "zenoh: [unclosed\n");
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> CockpitConfig.load(f, Map.of(), List.of()));
    assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
  }

  @Test
  void perceptionTasksAreChosenByNameAndUnknownOnesAreRefused() {
    CockpitConfig c = CockpitConfig.load(null, Map.of(), List.of("perception.tasks=greeter, occupancy"));
    assertEquals(List.of("greeter", "occupancy"), ComponentConfig.tasks(c).stream().map(t -> t.name()).toList());
    var e = assertThrows(CockpitConfig.ConfigException.class,
        () -> CockpitConfig.load(null, Map.of(), List.of("perception.tasks=occupancy,seatbelts")));
    assertTrue(e.getMessage().contains("perception.tasks") && e.getMessage().contains("seatbelts")
        && e.getMessage().contains("car_finder"), e.getMessage());
    assertTrue(CockpitConfig.load(null, Map.of(), List.of("bus.kuksa-mirror=true")).bridgeOptions().kuksaMirror());
  }

  @Test
  void forkingThePerceptionPrefixIsOnByDefaultAndAFlag() {
    assertTrue(CockpitConfig.load(null, Map.of(), List.of()).flag("perception.fork-prefix"));
    assertFalse(CockpitConfig.load(null, Map.of(), List.of("perception.fork-prefix=false"))
        .flag("perception.fork-prefix"));
    assertMessage("perception.fork-prefix", List.of("perception.fork-prefix=sometimes"));
  }
}
