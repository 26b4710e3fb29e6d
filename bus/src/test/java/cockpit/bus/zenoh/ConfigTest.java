package cockpit.bus.zenoh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.testing.Loopback;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void builderWritesJson5WithScoutingOffAndNestedKeys() {
    Config c = Config.builder().mode(Config.Mode.CLIENT).connect("tcp/127.0.0.1:7447")
        .insertJson5("transport/link/tx/lease", "5000").build();
    assertEquals("{\"mode\": \"client\", \"listen\": {\"endpoints\": []}, \"connect\": {\"endpoints\": "
        + "[\"tcp/127.0.0.1:7447\"]}, \"scouting\": {\"multicast\": {\"enabled\": false}, \"gossip\": "
        + "{\"enabled\": false}}, \"transport\": {\"link\": {\"tx\": {\"lease\": 5000}}}}", c.json5());
  }

  @Test
  void zenohAcceptsTheBuiltConfig() {
    try (Session s = Zenoh.open(Loopback.listening(Loopback.freePort()))) {
      assertTrue(s.zid().matches("[0-9a-f]{1,32}"), "a zid is 1 to 32 hex digits: " + s.zid());
    }
  }

  @Test
  void invalidConfigFailsWithZenohsReason() {
    ZError e = assertThrows(ZError.class, () -> Zenoh.open(Config.fromJson5("{mode: \"sideways\"}")));
    assertTrue(e.getMessage().startsWith("cannot open a Zenoh session: "), e.getMessage());
    assertTrue(e.getMessage().contains("sideways") || e.getMessage().toLowerCase().contains("mode"),
        e.getMessage());
  }

  @Test
  void clientWithoutRouterFailsToOpen() {
    int port = Loopback.freePort();
    ZError e = assertThrows(ZError.class, () -> Zenoh.open(Loopback.client(port)));
    assertTrue(e.getMessage().startsWith("cannot open a Zenoh session"), e.getMessage());
  }

  @Test
  void aZenohConfigFileIsTheBaseAndTheBuildersKeysWin(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    int filePort = Loopback.freePort();
    int port = Loopback.freePort();
    java.nio.file.Path file = dir.resolve("zenoh.json5");
    java.nio.file.Files.writeString(file, """
        // Zenoh's own format: comments, unquoted keys, trailing commas
        {
          metadata: { name: "from-the-file", },
          adminspace: { enabled: true, permissions: { read: true } },
          listen: { endpoints: ["tcp/127.0.0.1:%d"] },
        }
        """.formatted(filePort));
    Config c = Config.builder().listen(Loopback.endpoint(port)).baseFile(file).build();
    try (Session s = Zenoh.open(c)) {
      var replies = s.get("@/" + s.zid() + "/peer", GetOptions.DEFAULT).get(10, java.util.concurrent.TimeUnit.SECONDS);
      String info = replies.stream().filter(r -> r instanceof Reply.Success).map(r -> new String(
          ((Reply.Success) r).sample().payload().toBytes())).findFirst().orElseThrow(() -> new AssertionError(
              "no admin-space answer: " + replies));
      assertTrue(info.contains("from-the-file"), "the file's metadata and admin space were used: " + info);
      assertTrue(info.contains("127.0.0.1:" + port), "the builder's listen endpoint: " + info);
      assertTrue(!info.contains("127.0.0.1:" + filePort + "\""), "the file's endpoint was replaced: " + info);
    }
  }

  @Test
  void aMissingConfigFileFailsNamingIt() {
    ZError e = assertThrows(ZError.class, () -> Zenoh.open(Loopback.listening(Loopback.freePort())
        .withBaseFile(java.nio.file.Path.of("/nonexistent/zenoh.json5"))));
    assertTrue(e.getMessage().contains("/nonexistent/zenoh.json5"), e.getMessage());
  }

  @Test
  void tlsAndAccessControlMapOntoZenohsOwnKeys() {
    java.nio.file.Path ca = java.nio.file.Path.of("/etc/ca.pem");
    Config c = Config.builder().tls(new TlsConfig(java.util.Optional.of(ca),
        java.util.Optional.of(java.nio.file.Path.of("/etc/me.pem")),
        java.util.Optional.of(java.nio.file.Path.of("/etc/me-key.pem")), true, false))
        .accessControl(new AccessControl(true, AccessControl.Permission.DENY, AccessControl.parseRules(
            "allow put vehicle/*/cabin/** from cn:voice-ecu&iface:lo,zid:a1b2 ingress; deny declare_subscriber **")))
        .protocols(java.util.List.of("tls")).build();
    String j = c.json5();
    assertTrue(j.contains("\"tls\": {\"root_ca_certificate\": \"/etc/ca.pem\", \"listen_certificate\": \"/etc/me.pem\", "
        + "\"connect_certificate\": \"/etc/me.pem\", \"listen_private_key\": \"/etc/me-key.pem\", "
        + "\"connect_private_key\": \"/etc/me-key.pem\", \"enable_mtls\": true, \"verify_name_on_connect\": false}"), j);
    assertTrue(j.contains("\"protocols\": [\"tls\"]"), j);
    assertTrue(j.contains("\"access_control\": {enabled: true, default_permission: \"deny\", rules: [{id: \"rule0\", "
        + "permission: \"allow\", flows: [\"ingress\"], messages: [\"put\"], key_exprs: [\"vehicle/*/cabin/**\"]}, "
        + "{id: \"rule1\", permission: \"deny\", flows: [\"ingress\", \"egress\"], messages: [\"declare_subscriber\"], "
        + "key_exprs: [\"**\"]}], subjects: [{id: \"rule0-subject0\", cert_common_names: [\"voice-ecu\"], "
        + "interfaces: [\"lo\"]}, {id: \"rule0-subject1\", zids: [\"a1b2\"]}, {id: \"rule1-subject0\"}], "
        + "policies: [{id: \"policy0\", rules: [\"rule0\"], subjects: [\"rule0-subject0\", \"rule0-subject1\"]}, "
        + "{id: \"policy1\", rules: [\"rule1\"], subjects: [\"rule1-subject0\"]}]}"), j);
    // Zenoh itself accepts the access-control section (a session opens with it).
    try (Session s = Zenoh.open(Config.builder().listen(Loopback.endpoint(Loopback.freePort()))
        .accessControl(new AccessControl(true, AccessControl.Permission.ALLOW,
            AccessControl.parseRules("deny put,delete vehicle/*/cockpit/** from cn:x,proto:tcp ingress"))).build())) {
      assertTrue(!s.zid().isEmpty());
    }
  }

  @Test
  void badAclRulesAreRefusedWithTheForm() {
    for (String bad : java.util.List.of("permit put a/b", "deny shout a/b", "deny put", "deny put a/b from",
        "deny put a/b from who:x", "deny put a/b from zid:XYZ", "deny put a/b sideways", "deny put a?b",
        "deny put a/b from cn:a&cn:b")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessControl.parseRules(bad));
      assertTrue(e.getMessage().contains("ACL rule '" + bad + "'") && e.getMessage().contains("the form is"),
          e.getMessage());
    }
  }
}
