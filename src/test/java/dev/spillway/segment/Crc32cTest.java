package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc32cTest {
  @Test
  void theCheckValueOfTheSpec() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(check);
    assertEquals("e3069283", Crc32c.hex((int) crc.getValue()));
    assertEquals(0xe3069283, Crc32c.parseHex("e3069283"));
    assertEquals("00000000", Crc32c.hex(0));
    assertThrows(IllegalArgumentException.class, () -> Crc32c.parseHex("E3069283"));
  }

  @Test
  void theLayersCountAndChecksumEveryByteWhateverTheWriteSizes() throws Exception {
    byte[] data = new byte[10_000];
    new java.util.Random(3).nextBytes(data);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Crc32cOutputStream out = new Crc32cOutputStream(sink);
    out.write(data[0]);
    out.write(data, 1, 4999);
    out.write(data, 5000, 5000);
    assertEquals(10_000, out.byteCount());
    java.util.zip.CRC32C whole = new java.util.zip.CRC32C();
    whole.update(data);
    assertEquals((int) whole.getValue(), out.crc32c());
    assertEquals(10_000, sink.size());

    Crc32cInputStream in = new Crc32cInputStream(AwkwardStreams.oneByteAtATime(data));
    in.read();
    in.skip(100);
    in.readAllBytes();
    assertEquals(10_000, in.byteCount());
    assertEquals((int) whole.getValue(), in.crc32c());
    Crc32cInputStream chunks = new Crc32cInputStream(AwkwardStreams.randomChunks(data, 1));
    chunks.readAllBytes();
    assertEquals((int) whole.getValue(), chunks.crc32c());
    assertEquals(-1, new Crc32cInputStream(new ByteArrayInputStream(new byte[0])).read());
  }
}
