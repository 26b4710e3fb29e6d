package cockpit.bus.zenoh;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for a session's {@code tls/…} (and {@code quic/…}) links, mapped onto Zenoh's own keys under
 * {@code transport/link/tls}: the one certificate and key are the session's identity both when it
 * listens ({@code listen_certificate}, {@code listen_private_key}) and when it connects
 * ({@code connect_certificate}, {@code connect_private_key}), so with mTLS the certificate needs the
 * extended key usages serverAuth and clientAuth. Paths of PEM files; Zenoh reads them at open.
 * Immutable.
 *
 * @param rootCa CA certificate that peers' certificates must chain to ({@code root_ca_certificate});
 *     empty: the webpki roots
 * @param certificate this session's certificate chain (PEM)
 * @param privateKey its private key (PEM, PKCS#8 or SEC1/PKCS#1)
 * @param mtls whether both sides must present a certificate signed by {@code rootCa} ({@code enable_mtls})
 * @param verifyName whether a connecting session checks the listener's certificate names the host it
 *     dialled ({@code verify_name_on_connect}; connect to {@code tls/localhost:PORT} with a localhost
 *     certificate)
 */
public record TlsConfig(Optional<Path> rootCa, Optional<Path> certificate, Optional<Path> privateKey, boolean mtls,
    boolean verifyName) {
  public TlsConfig {
    Objects.requireNonNull(rootCa, "rootCa");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    if (certificate.isPresent() != privateKey.isPresent()) {
      throw new IllegalArgumentException("a TLS certificate needs its private key and a key its certificate"
          + " (zenoh.tls.certificate and zenoh.tls.private-key are set together)");
    }
    if (mtls && (certificate.isEmpty() || rootCa.isEmpty())) {
      throw new IllegalArgumentException("mTLS needs this session's certificate, its private key and the root CA"
          + " (zenoh.tls.certificate, zenoh.tls.private-key, zenoh.tls.root-ca)");
    }
  }

  /** Nothing set: Zenoh's defaults (a {@code tls/} listener then fails to start without a key). */
  public static TlsConfig none() {
    return new TlsConfig(Optional.empty(), Optional.empty(), Optional.empty(), false, true);
  }

  /** Whether anything differs from Zenoh's defaults. */
  public boolean isSet() {
    return rootCa.isPresent() || certificate.isPresent() || mtls || !verifyName;
  }

  /** Zenoh config paths and JSON5 values. */
  Map<String, String> entries() {
    Map<String, String> e = new LinkedHashMap<>();
    String base = "transport/link/tls/";
    rootCa.ifPresent(p -> e.put(base + "root_ca_certificate", Config.quote(p.toString())));
    certificate.ifPresent(p -> {
      e.put(base + "listen_certificate", Config.quote(p.toString()));
      e.put(base + "connect_certificate", Config.quote(p.toString()));
    });
    privateKey.ifPresent(p -> {
      e.put(base + "listen_private_key", Config.quote(p.toString()));
      e.put(base + "connect_private_key", Config.quote(p.toString()));
    });
    e.put(base + "enable_mtls", Boolean.toString(mtls));
    e.put(base + "verify_name_on_connect", Boolean.toString(verifyName));
    return e;
  }
}
