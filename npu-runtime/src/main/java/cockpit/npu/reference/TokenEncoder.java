package cockpit.npu.reference;

/** An encoder up to (not including) the connector: pixels [3, S, S] → tokens [256][featureDim]. */
sealed interface TokenEncoder permits MobileNetEncoder, VitEncoder {
  float[][] tokens(float[] pixels);
}
