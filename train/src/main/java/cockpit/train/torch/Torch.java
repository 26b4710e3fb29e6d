package cockpit.train.torch;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The PyTorch engine of Deep Java Library, started offline. DJL otherwise downloads libtorch when it
 * finds none and calls home on first use; here the native library must come from the
 * {@code ai.djl.pytorch:pytorch-native-cpu:<version>:linux-x86_64} jar on the classpath (DJL extracts
 * it once into its cache, {@code ~/.djl.ai/pytorch/} or {@code DJL_CACHE_DIR}) or from a directory
 * named by {@code PYTORCH_LIBRARY_PATH}; anything else fails with a message naming the artifact.
 *
 * <p>{@link #engine} sets, unless already set by the caller: {@code ai.djl.offline=true} (no download,
 * no telemetry), {@code ai.djl.pytorch.num_threads} (intra-op threads, default
 * {@value #DEFAULT_THREADS}: this machine's cores are shared) and {@code
 * ai.djl.pytorch.num_interop_threads=1}. Thread-safe; the engine is a process-wide singleton owned by
 * DJL and lives until the JVM exits.
 */
public final class Torch {
  /** Engine name DJL registers PyTorch under. */
  public static final String ENGINE = "PyTorch";
  /** The artifact that carries libtorch for this platform. */
  public static final String NATIVE_ARTIFACT = "ai.djl.pytorch:pytorch-native-cpu:<pytorch.version>:linux-x86_64";
  /** Intra-op threads unless {@code ai.djl.pytorch.num_threads} says otherwise. */
  public static final int DEFAULT_THREADS = 2;

  private static final String NATIVE_PROPERTIES = "native/lib/pytorch.properties";
  private static final String JNI_PROPERTIES = "jnilib/pytorch.properties";

  private Torch() {}

  /**
   * The PyTorch engine, loaded offline.
   *
   * @throws IllegalStateException when the native library or the JNI jar is missing, or libtorch fails
   *     to load; the message says which artifact to add
   */
  public static synchronized Engine engine() {
    setDefault("ai.djl.offline", "true");
    setDefault("ai.djl.pytorch.num_threads", Integer.toString(DEFAULT_THREADS));
    setDefault("ai.djl.pytorch.num_interop_threads", "1");
    String problem = nativeProblem(Torch.class.getClassLoader(), System.getenv("PYTORCH_LIBRARY_PATH"));
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    try {
      return Engine.getEngine(ENGINE);
    } catch (EngineException | IllegalArgumentException e) {
      throw new IllegalStateException("the PyTorch engine did not load offline (" + e.getMessage() + "); the native "
          + "library comes from " + NATIVE_ARTIFACT + " or PYTORCH_LIBRARY_PATH", e);
    }
  }

  /**
   * What keeps the engine from loading offline with {@code loader}'s classpath and the given
   * {@code PYTORCH_LIBRARY_PATH} (may be null), or null when nothing does.
   */
  static String nativeProblem(ClassLoader loader, String libraryPath) {
    if (loader.getResource(JNI_PROPERTIES) == null) {
      return "the PyTorch JNI library is not on the classpath: add ai.djl.pytorch:pytorch-jni";
    }
    if (libraryPath != null && !libraryPath.isBlank()) {
      Path lib = Path.of(libraryPath).resolve(System.mapLibraryName("torch"));
      return Files.isRegularFile(lib) ? null : "PYTORCH_LIBRARY_PATH=" + libraryPath + " holds no "
          + lib.getFileName() + "; unset it to use " + NATIVE_ARTIFACT;
    }
    try (InputStream in = loader.getResourceAsStream(NATIVE_PROPERTIES)) {
      if (in == null) {
        return "no PyTorch native library: add " + NATIVE_ARTIFACT + " to the classpath (DJL would download one, "
            + "which this offline setup forbids) or set PYTORCH_LIBRARY_PATH to a libtorch directory";
      }
      Properties p = new Properties();
      p.load(in);
      if ("true".equals(p.getProperty("placeholder"))) {
        return "the PyTorch native jar on the classpath is a download placeholder; use " + NATIVE_ARTIFACT;
      }
      return null;
    } catch (IOException e) {
      return "cannot read " + NATIVE_PROPERTIES + " from the classpath: " + e.getMessage();
    }
  }

  private static void setDefault(String key, String value) {
    String env = key.equals("ai.djl.offline") ? System.getenv("DJL_OFFLINE") : null;
    if (System.getProperty(key) == null && env == null) {
      System.setProperty(key, value);
    }
  }
}
