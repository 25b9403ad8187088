package dev.spillway.input;

import dev.spillway.plan.CsvFormat;
import dev.spillway.segment.IoErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;

/**
 * Recognises, from its first bytes, an input that cannot be text in the format's encoding but is
 * a well-known other thing, and says what to do instead of letting the reader report garbage
 * ({@code invalid UTF-8 in the header line}):
 * <ul>
 *   <li>gzip's magic bytes ({@code 1f 8b}) on an input not read through gunzip (its name does not
 *       end in {@code .gz}, or standard input): {@code looks gzip-compressed: name it .gz or pipe
 *       it through zcat};
 *   <li>zstd's magic bytes ({@code 28 b5 2f fd}) likewise, with {@code .zst} and {@code zstdcat};
 *   <li>a UTF-16 byte order mark ({@code ff fe} or {@code fe ff}) when the encoding is not UTF-16
 *       or UTF-32: {@code set encoding: UTF-16} (csv, tsv) or convert the file to UTF-8 (text and
 *       jsonl, which are read as bytes).
 * </ul>
 * None of these byte pairs can start UTF-8 text, and in a single-byte encoding they would be
 * control or symbol characters no real export starts with. Stateless.
 */
final class InputMagic {
  private static final int HEAD_BYTES = 4;

  private InputMagic() {}

  /**
   * {@code input} with its first bytes checked and put back in front of the rest; throws
   * {@link InputException} when they show one of the cases above.
   */
  static InputBytes checked(InputBytes input, CsvFormat format) {
    byte[] head = new byte[HEAD_BYTES];
    int n = 0;
    try {
      for (int r; n < HEAD_BYTES && (r = input.plain().read(head, n, HEAD_BYTES - n)) >= 0; ) {
        n += r;
      }
    } catch (IOException e) {
      throw closing(input, new InputException(input.file(), 0, "cannot read: " + IoErrors.describe(e), e));
    }
    String problem = problem(head, n, input, format);
    if (problem != null) {
      throw closing(input, new InputException(input.file(), 0, problem, null));
    }
    InputStream rest = new SequenceInputStream(new ByteArrayInputStream(head, 0, n), input.plain());
    return new InputBytes(input.file(), input.counted(), rest, input.sizeBytes());
  }

  private static String problem(byte[] head, int n, InputBytes input, CsvFormat format) {
    boolean stdin = InputFiles.isStdin(input.file());
    if (n >= 2 && b(head[0]) == 0x1f && b(head[1]) == 0x8b && !InputFiles.isGzip(input.file())) {
      return "looks gzip-compressed (it starts with gzip's magic bytes 1f 8b): "
          + (stdin ? "pipe it through zcat" : "name it .gz, or pipe it through zcat");
    }
    if (n >= 4 && b(head[0]) == 0x28 && b(head[1]) == 0xb5 && b(head[2]) == 0x2f && b(head[3]) == 0xfd
        && !InputFiles.isZstd(input.file())) {
      return "looks zstd-compressed (it starts with zstd's magic bytes 28 b5 2f fd): "
          + (stdin ? "pipe it through zstdcat" : "name it .zst, or pipe it through zstdcat");
    }
    boolean utf16Bom = n >= 2 && (b(head[0]) == 0xff && b(head[1]) == 0xfe || b(head[0]) == 0xfe && b(head[1]) == 0xff);
    if (utf16Bom && !wide(format.encoding())) {
      String bom = b(head[0]) == 0xff ? "ff fe" : "fe ff";
      boolean bytewise = format.type() == CsvFormat.Type.TEXT || format.type() == CsvFormat.Type.JSONL;
      return "starts with a UTF-16 byte order mark (" + bom + "), but is read as " + format.encoding().name() + ": "
          + (bytewise ? "convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)" : "set encoding: UTF-16 in its format");
    }
    return null;
  }

  /** UTF-16 and UTF-32 in any byte order, whose files may start with such a mark. */
  private static boolean wide(Charset encoding) {
    String name = encoding.name();
    return name.startsWith("UTF-16") || name.startsWith("UTF-32") || name.startsWith("x-UTF-16") || name.startsWith("x-UTF-32");
  }

  private static int b(byte value) {
    return value & 0xff;
  }

  private static InputException closing(InputBytes input, InputException failure) {
    try {
      input.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }
}
