package dev.spillway.input;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Re-encodes a line of bytes from a file's charset to UTF-8, strictly (a byte sequence invalid in
 * the charset fails the line). The charset must encode ASCII as ASCII, so delimiters, backslashes
 * and line breaks keep their bytes (the single-byte sets such as LATIN1 and windows-1252 do).
 * Single-threaded: the output buffer is reused.
 */
final class Transcoder {
  private final CharsetDecoder decoder;
  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  /** the last line, in UTF-8: {@code out[0, length)}. */
  private byte[] out = new byte[0];
  private int length;

  Transcoder(Charset charset) {
    this.decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Re-encodes {@code line[0, lineLength)}; false when it is not valid in the charset. */
  boolean toUtf8(byte[] line, int lineLength) {
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(line, 0, lineLength));
      ByteBuffer bytes = encoder.encode(chars);
      length = bytes.remaining();
      if (out.length < length) {
        out = new byte[Math.max(length, out.length * 2)];
      }
      bytes.get(out, 0, length);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  byte[] bytes() {
    return out;
  }

  int length() {
    return length;
  }
}
