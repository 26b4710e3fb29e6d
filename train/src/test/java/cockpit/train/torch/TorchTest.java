package cockpit.train.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PyTorch engine starts offline from the Maven native jar, and autograd works on the CPU. */
class TorchTest {
  @TempDir Path dir;

  @Test
  void matmulAndBackwardOnCpuGiveTheAnalyticGradient() {
    Engine engine = Torch.engine();
    assertEquals(Torch.ENGINE, engine.getEngineName());
    assertEquals("true", System.getProperty("ai.djl.offline"));
    try (NDManager m = engine.newBaseManager()) {
      NDArray a = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)); // [2, 3]
      NDArray b = m.create(new float[] {1, 0, -1, 2, 0.5f, 3}, new Shape(3, 2)); // [3, 2]
      a.setRequiresGradient(true);
      b.setRequiresGradient(true);
      try (GradientCollector gc = engine.newGradientCollector()) {
        NDArray y = a.matMul(b); // [2, 2]
        assertArrayEquals(new float[] {0.5f, 13f, 2f, 28f}, y.toFloatArray(), 1e-6f);
        gc.backward(y.sum());
      }
      // d sum(a·b) / da[i,k] = Σ_j b[k,j]; / db[k,j] = Σ_i a[i,k]
      assertArrayEquals(new float[] {1, 1, 3.5f, 1, 1, 3.5f}, a.getGradient().toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {5, 5, 7, 7, 9, 9}, b.getGradient().toFloatArray(), 1e-6f);
      assertEquals("cpu()", a.getDevice().toString());
    }
  }

  @Test
  void aClasspathWithoutTheNativeJarIsRefusedNamingTheArtifact() throws Exception {
    ClassLoader jniOnly = new URLClassLoader(new URL[] {jarOf("jnilib/pytorch.properties")}, null);
    String problem = Torch.nativeProblem(jniOnly, null);
    assertNotNull(problem);
    assertTrue(problem.contains("pytorch-native-cpu"), problem);
    assertTrue(Torch.nativeProblem(new URLClassLoader(new URL[0], null), null).contains("pytorch-jni"));
  }

  @Test
  void aLibraryPathWithoutLibtorchIsRefused() throws Exception {
    String problem = Torch.nativeProblem(getClass().getClassLoader(), dir.toString());
    assertNotNull(problem);
    assertTrue(problem.contains("PYTORCH_LIBRARY_PATH"), problem);
    assertNull(Torch.nativeProblem(getClass().getClassLoader(), null));
  }

  private static URL jarOf(String resource) throws Exception {
    URL u = TorchTest.class.getClassLoader().getResource(resource);
    String s = u.toString(); // jar:file:/…/x.jar!/resource
    return java.net.URI.create(s.substring(4, s.indexOf("!/"))).toURL();
  }
}
