package cockpit.train.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** A batch of samples as NDArrays on one manager (closed with it). */
record Batch(NDArray pixels, NDArray seat, NDArray belt, NDArray beltMask, NDArray eyes, NDArray eyesMask) {
  static Batch of(NDManager m, List<CabinSample> samples, int size) {
    int b = samples.size();
    int plane = 3 * size * size;
    int slots = ReadOut.SLOTS;
    float[] px = new float[b * plane];
    float[] seat = new float[b * slots * CabinSamples.CLASSES];
    float[] belt = new float[b * slots];
    float[] beltMask = new float[b * slots];
    float[] eyes = new float[b];
    float[] eyesMask = new float[b];
    for (int i = 0; i < b; i++) {
      CabinSample s = samples.get(i);
      System.arraycopy(s.pixels(), 0, px, i * plane, plane);
      int[] cls = s.seat();
      int[] bl = s.belt();
      for (int k = 0; k < slots; k++) {
        seat[(i * slots + k) * CabinSamples.CLASSES + cls[k]] = 1;
        belt[i * slots + k] = Math.max(bl[k], 0);
        beltMask[i * slots + k] = bl[k] >= 0 ? 1 : 0;
      }
      eyes[i] = Math.max(s.eyesOnRoad(), 0);
      eyesMask[i] = s.eyesOnRoad() >= 0 ? 1 : 0;
    }
    return new Batch(m.create(px, new Shape(b, 3, size, size)), m.create(seat, ReadOut.seatShape(b)),
        m.create(belt, new Shape(b, slots)), m.create(beltMask, new Shape(b, slots)), m.create(eyes, new Shape(b, 1)),
        m.create(eyesMask, new Shape(b, 1)));
  }
}
