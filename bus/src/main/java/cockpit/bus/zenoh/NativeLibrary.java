package cockpit.bus.zenoh;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds and loads {@code libcockpit_zenoh.so}, the Rust shim over the official Zenoh core.
 *
 * <p>Order: the system property {@code cockpit.zenoh.library} (a path), then the classpath resource
 * {@code native/linux-x86_64/libcockpit_zenoh.so}, used in place when it is a plain file (build output)
 * and extracted to a temporary file when it sits inside a jar. Loaded once per JVM into the global
 * arena; the library is never unloaded.
 */
final class NativeLibrary {
  static final String PROPERTY = "cockpit.zenoh.library";
  private static final String RESOURCE = "native/" + platform() + "/libcockpit_zenoh.so";

  private NativeLibrary() {}

  static SymbolLookup load() {
    Path path = locate();
    return SymbolLookup.libraryLookup(path, Arena.global());
  }

  private static Path locate() {
    String override = System.getProperty(PROPERTY);
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(PROPERTY + " points at " + p + ", which is not a file");
      }
      return p;
    }
    URL url = NativeLibrary.class.getClassLoader().getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException("the Zenoh shim " + RESOURCE + " is not on the classpath;"
          + " build the bus module (mvn package builds it with cargo) or set -D" + PROPERTY);
    }
    try {
      if ("file".equals(url.getProtocol())) {
        return Path.of(url.toURI());
      }
      Path tmp = Files.createTempFile("cockpit_zenoh", ".so");
      tmp.toFile().deleteOnExit();
      try (InputStream in = url.openStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      return tmp;
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot extract the Zenoh shim from " + url + ": " + e, e);
    }
  }

  private static String platform() {
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(java.util.Locale.ROOT);
    String o = os.contains("linux") ? "linux" : os.contains("mac") ? "macos" : os;
    String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
    return o + "-" + a;
  }
}
