package cockpit.perception.frame;

import static cockpit.perception.frame.TestImages.encode;
import static cockpit.perception.frame.TestImages.frame;
import static cockpit.perception.frame.TestImages.synthetic;
import static cockpit.perception.frame.TestImages.toBuffered;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.FrameEncoding;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private final FrameDecoder decoder = new FrameDecoder();

  private String failure(CameraFrame f) {
    return assertThrows(InvalidFrameException.class, () -> decoder.decode(f)).getMessage();
  }

  // --- PNG and JPEG ---

  @Test
  void pngDecodesExactly() throws Exception {
    RgbImage src = synthetic(40, 30, 1);
    RgbImage out = decoder.decode(frame(FrameEncoding.FRAME_ENCODING_PNG, 40, 30, 0, encode(toBuffered(src), "png")));
    assertEquals(40, out.width());
    assertEquals(30, out.height());
    assertArrayEquals(src.rgb(), out.rgb());
  }

  @Test
  void greyPngKeepsItsLevels() throws Exception {
    BufferedImage grey = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_GRAY);
    byte[] levels = new byte[32];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = (byte) (i * 8);
    }
    grey.getRaster().setDataElements(0, 0, 8, 4, levels);
    RgbImage out = decoder.decode(frame(FrameEncoding.FRAME_ENCODING_PNG, 8, 4, 0, encode(grey, "png")));
    for (int i = 0; i < 32; i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(i * 8, out.sample(i % 8, i / 8, c), "pixel " + i + " channel " + c);
      }
    }
  }

  @Test
  void sixteenBitGreyPngScalesToEightBits() throws Exception {
    BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
    grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 0x8080, 0xFFFF});
    RgbImage out = decoder.decode(frame(FrameEncoding.FRAME_ENCODING_PNG, 3, 1, 0, encode(grey, "png")));
    assertArrayEquals(new byte[] {0, 0, 0, (byte) 128, (byte) 128, (byte) 128, (byte) 255, (byte) 255, (byte) 255},
        out.rgb());
  }

  @Test
  void jpegDecodesClose() throws Exception {
    RgbImage src = synthetic(64, 48, 2);
    RgbImage out = decoder.decode(frame(FrameEncoding.FRAME_ENCODING_JPEG, 64, 48, 0, encode(toBuffered(src), "jpg")));
    assertEquals(64, out.width());
    assertEquals(48, out.height());
    long err = 0;
    for (int i = 0; i < src.rgb().length; i++) {
      err += Math.abs((src.rgb()[i] & 0xFF) - (out.rgb()[i] & 0xFF));
    }
    double mean = (double) err / src.rgb().length;
    assertTrue(mean < 6, "mean abs error " + mean);
  }

  @Test
  void jpegWithoutHeaderSizeTakesTheFileSize() throws Exception {
    byte[] jpg = encode(toBuffered(synthetic(20, 10, 3)), "jpg");
    RgbImage out = decoder.decode(frame(FrameEncoding.FRAME_ENCODING_JPEG, 0, 0, 0, jpg));
    assertEquals(20, out.width());
    assertEquals(10, out.height());
  }

  @Test
  void garbageJpegIsRejected() {
    byte[] junk = new byte[500];
    new Random(4).nextBytes(junk);
    String msg = failure(frame(FrameEncoding.FRAME_ENCODING_JPEG, 20, 10, 0, junk));
    assertTrue(msg.startsWith("JPEG data does not decode: "), msg);
  }

  @Test
  void pngLabelledJpegIsRejected() {
    byte[] png = encode(toBuffered(synthetic(20, 10, 5)), "png");
    String msg = failure(frame(FrameEncoding.FRAME_ENCODING_JPEG, 20, 10, 0, png));
    assertTrue(msg.startsWith("JPEG data does not decode: "), msg);
  }

  @Test
  void truncatedPngIsRejected() {
    byte[] png = encode(toBuffered(synthetic(40, 30, 6)), "png");
    String msg = failure(frame(FrameEncoding.FRAME_ENCODING_PNG, 40, 30, 0, Arrays.copyOf(png, png.length / 2)));
    assertTrue(msg.startsWith("PNG data does not decode: "), msg);
  }

  @Test
  void pngOfOtherSizeThanHeaderIsRejected() {
    byte[] png = encode(toBuffered(synthetic(20, 10, 7)), "png");
    assertEquals("PNG data is 20x10 but the frame says 30x10",
        failure(frame(FrameEncoding.FRAME_ENCODING_PNG, 30, 10, 0, png)));
  }

  @Test
  void emptyJpegIsRejected() {
    assertEquals("JPEG data is empty", failure(frame(FrameEncoding.FRAME_ENCODING_JPEG, 20, 10, 0, new byte[0])));
  }

  @Test
  void pngAbovePixelLimitIsRejectedBeforeDecoding() {
    byte[] png = encode(toBuffered(synthetic(20, 20, 8)), "png");
    InvalidFrameException e = assertThrows(InvalidFrameException.class,
        () -> new FrameDecoder(100).decode(frame(FrameEncoding.FRAME_ENCODING_PNG, 0, 0, 0, png)));
    assertEquals("PNG image 20x20 has 400 pixels, above the limit of 100", e.getMessage());
  }

  @Test
  void pngHeaderClaimingHugeSizeIsRejectedWithoutDecoding() {
    byte[] png = encode(toBuffered(synthetic(4, 4, 13)), "png");
    // IHDR width and height are big-endian ints at offsets 16 and 20: claim 100000 x 100000.
    java.nio.ByteBuffer.wrap(png).putInt(16, 100_000).putInt(20, 100_000);
    String msg = failure(frame(FrameEncoding.FRAME_ENCODING_PNG, 0, 0, 0, png));
    assertEquals("PNG image 100000x100000 has 10000000000 pixels, above the limit of 16777216", msg);
  }

  // --- RGB8 ---

  @Test
  void rgb8WithPaddedStrideDropsThePadding() throws Exception {
    RgbImage src = synthetic(5, 3, 9);
    int stride = 5 * 3 + 4;
    byte[] data = new byte[stride * 2 + 15]; // last row unpadded
    Arrays.fill(data, (byte) 0xEE);
    for (int y = 0; y < 3; y++) {
      System.arraycopy(src.rgb(), 15 * y, data, stride * y, 15);
    }
    RgbImage out = decoder.decode(frame(FrameEncoding.FRAME_ENCODING_RGB8, 5, 3, stride, data));
    assertArrayEquals(src.rgb(), out.rgb());
  }

  @Test
  void rgb8PackedWithStrideZero() throws Exception {
    RgbImage src = synthetic(4, 4, 10);
    assertArrayEquals(src.rgb(), decoder.decode(frame(FrameEncoding.FRAME_ENCODING_RGB8, 4, 4, 0, src.rgb())).rgb());
  }

  @Test
  void truncatedRgb8IsRejected() {
    assertEquals("RGB8 frame 4x4 stride 12 needs 48 bytes, got 47",
        failure(frame(FrameEncoding.FRAME_ENCODING_RGB8, 4, 4, 0, new byte[47])));
  }

  @Test
  void rgb8StrideBelowRowIsRejected() {
    assertEquals("RGB8 frame 4x4 stride 11 is below 3·width = 12",
        failure(frame(FrameEncoding.FRAME_ENCODING_RGB8, 4, 4, 11, new byte[100])));
  }

  @Test
  void zeroSidesAreRejected() {
    assertEquals("width 0", failure(frame(FrameEncoding.FRAME_ENCODING_RGB8, 0, 4, 0, new byte[48])));
    assertEquals("height 0", failure(frame(FrameEncoding.FRAME_ENCODING_NV12, 4, 0, 0, new byte[48])));
  }

  @Test
  void rawFrameAbovePixelLimitIsRejected() {
    InvalidFrameException e = assertThrows(InvalidFrameException.class,
        () -> new FrameDecoder(100).decode(frame(FrameEncoding.FRAME_ENCODING_RGB8, 20, 20, 0, new byte[1200])));
    assertEquals("RGB8 image 20x20 has 400 pixels, above the limit of 100", e.getMessage());
  }

  // --- NV12 ---

  /** 6x2, stride 8: three 2x2 chroma blocks, padding bytes 0xEE, minimal length 22. */
  private static byte[] nv12Sample() {
    byte[] d = new byte[22];
    Arrays.fill(d, (byte) 0xEE);
    int[] row0 = {81, 16, 128, 235, 100, 235};
    int[] row1 = {100, 81, 16, 128, 16, 100};
    int[] uv = {90, 240, 128, 128, 150, 60};
    for (int x = 0; x < 6; x++) {
      d[x] = (byte) row0[x];
      d[8 + x] = (byte) row1[x];
      d[16 + x] = (byte) uv[x];
    }
    return d;
  }

  private static void assertPixel(RgbImage img, int x, int y, int r, int g, int b) {
    assertArrayEquals(new int[] {r, g, b},
        new int[] {img.sample(x, y, 0), img.sample(x, y, 1), img.sample(x, y, 2)}, "pixel " + x + "," + y);
  }

  @Test
  void nv12ConvertsWithBt601LimitedRange() throws Exception {
    RgbImage out = decoder.decode(frame(FrameEncoding.FRAME_ENCODING_NV12, 6, 2, 8, nv12Sample()));
    // Hand-computed: R = 1.164(Y-16) + 1.596(V-128), G = 1.164(Y-16) - 0.392(U-128) - 0.813(V-128),
    // B = 1.164(Y-16) + 2.017(U-128), rounded and clamped.
    assertPixel(out, 0, 0, 255, 0, 0); // Y81 U90 V240: BT.601 red
    assertPixel(out, 1, 0, 179, 0, 0); // Y16: 1.596·112 = 178.8
    assertPixel(out, 0, 1, 255, 22, 21); // Y100: G 97.8+14.9-91.1 = 21.6, B 97.8-76.7 = 21.2
    assertPixel(out, 1, 1, 255, 0, 0); // same block, shares U,V
    assertPixel(out, 2, 0, 130, 130, 130); // Y128, neutral chroma: 1.164·112 = 130.4
    assertPixel(out, 3, 0, 255, 255, 255); // Y235 is white
    assertPixel(out, 2, 1, 0, 0, 0); // Y16 is black
    assertPixel(out, 4, 0, 0, 144, 142); // Y100 U150 V60: R 97.8-108.5 < 0, G 144.5, B 142.2
    assertPixel(out, 5, 0, 146, 255, 255); // Y235 U150 V60: R 255.0-108.5 = 146.5
  }

  @Test
  void nv12PackedWithStrideZero() throws Exception {
    byte[] d = new byte[4 * 2 * 3 / 2];
    Arrays.fill(d, 0, 8, (byte) 235);
    Arrays.fill(d, 8, 12, (byte) 128);
    RgbImage out = decoder.decode(frame(FrameEncoding.FRAME_ENCODING_NV12, 4, 2, 0, d));
    for (byte v : out.rgb()) {
      assertEquals(255, v & 0xFF);
    }
  }

  @Test
  void truncatedNv12IsRejected() {
    assertEquals("NV12 frame 640x480 stride 640 needs 460800 bytes, got 1000",
        failure(frame(FrameEncoding.FRAME_ENCODING_NV12, 640, 480, 0, new byte[1000])));
    assertEquals("NV12 frame 6x2 stride 8 needs 22 bytes, got 21",
        failure(frame(FrameEncoding.FRAME_ENCODING_NV12, 6, 2, 8, Arrays.copyOf(nv12Sample(), 21))));
  }

  @Test
  void nv12OddSidesAreRejected() {
    assertEquals("NV12 frame 5x4 has an odd side; NV12 needs even width and height",
        failure(frame(FrameEncoding.FRAME_ENCODING_NV12, 5, 4, 0, new byte[100])));
    assertEquals("NV12 frame 4x3 has an odd side; NV12 needs even width and height",
        failure(frame(FrameEncoding.FRAME_ENCODING_NV12, 4, 3, 0, new byte[100])));
  }

  @Test
  void nv12NegativeWidthIsRejected() {
    // uint32 on the wire: -4 reads as 4294967292
    assertEquals("width 4294967292 is too large", failure(frame(FrameEncoding.FRAME_ENCODING_NV12, -4, 4, 0, new byte[100])));
  }

  @Test
  void nv12StrideBelowWidthIsRejected() {
    assertEquals("NV12 frame 6x2 stride 5 is below width 6",
        failure(frame(FrameEncoding.FRAME_ENCODING_NV12, 6, 2, 5, nv12Sample())));
  }

  // --- encoding ---

  @Test
  void unspecifiedEncodingIsRejected() {
    assertEquals("unsupported encoding FRAME_ENCODING_UNSPECIFIED",
        failure(frame(FrameEncoding.FRAME_ENCODING_UNSPECIFIED, 4, 4, 0, new byte[48])));
  }

  @Test
  void unknownEncodingNumberIsRejected() {
    CameraFrame f = frame(FrameEncoding.FRAME_ENCODING_RGB8, 4, 4, 0, new byte[48]).toBuilder().setEncodingValue(9).build();
    assertEquals("unsupported encoding number 9", failure(f));
  }
}
