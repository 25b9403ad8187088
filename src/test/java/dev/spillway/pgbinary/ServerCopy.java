package dev.spillway.pgbinary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Test helper: talks COPY with a real server over one connection. Reads the server's binary COPY
 * stream field by field (checking signature, flags, header extension and trailer), writes binary
 * COPY streams from our {@link TupleEncoder}, and reads and writes COPY text format.
 */
final class ServerCopy implements AutoCloseable {
  static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

  private final Connection connection;
  private final CopyManager copy;

  ServerCopy(Connection connection) throws SQLException {
    this.connection = connection;
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; "
        + "SET extra_float_digits = 1; SET bytea_output = 'hex'; SET client_encoding = 'UTF8'");
  }

  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** Runs {@code COPY (query) TO STDOUT (FORMAT binary)}; returns each row's field payloads (null = NULL). */
  List<byte[][]> binaryRows(String query) throws SQLException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy.copyOut("COPY (" + query + ") TO STDOUT (FORMAT binary)", out);
    return parseBinary(out.toByteArray());
  }

  /** Parses a whole binary COPY stream, asserting its framing. */
  static List<byte[][]> parseBinary(byte[] stream) {
    ByteBuffer b = ByteBuffer.wrap(stream);
    byte[] signature = new byte[SIGNATURE.length];
    b.get(signature);
    if (!Arrays.equals(signature, SIGNATURE)) {
      throw new AssertionError("bad COPY signature: " + Arrays.toString(signature));
    }
    int flags = b.getInt();
    if (flags != 0) {
      throw new AssertionError("unexpected COPY flags " + flags);
    }
    int extensionLength = b.getInt();
    b.position(b.position() + extensionLength);
    List<byte[][]> rows = new ArrayList<>();
    while (true) {
      short fields = b.getShort();
      if (fields == -1) {
        if (b.hasRemaining()) {
          throw new AssertionError(b.remaining() + " bytes after the COPY trailer");
        }
        return rows;
      }
      byte[][] row = new byte[fields][];
      for (int i = 0; i < fields; i++) {
        int length = b.getInt();
        if (length >= 0) {
          row[i] = new byte[length];
          b.get(row[i]);
        }
      }
      rows.add(row);
    }
  }

  /** Loads tuples (already encoded, without header/trailer) with {@code COPY table FROM STDIN (FORMAT binary)}. */
  long copyInBinary(String table, ByteSink tuples) throws SQLException, IOException {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.write(SIGNATURE);
    stream.write(new byte[8]); // flags 0, extension length 0
    stream.write(tuples.array(), 0, tuples.size());
    stream.write(new byte[] {(byte) 0xFF, (byte) 0xFF});
    return copy.copyIn("COPY " + table + " FROM STDIN (FORMAT binary)", new ByteArrayInputStream(stream.toByteArray()));
  }

  /** Loads rows of text fields (null = NULL) with {@code COPY table FROM STDIN} in text format. */
  long copyInText(String table, List<String[]> rows) throws SQLException, IOException {
    StringBuilder s = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          s.append('\t');
        }
        s.append(row[i] == null ? "\\N" : escape(row[i]));
      }
      s.append('\n');
    }
    return copy.copyIn("COPY " + table + " FROM STDIN", new ByteArrayInputStream(s.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** Runs {@code COPY (query) TO STDOUT} (text format): each row's fields as the output functions print them. */
  List<String[]> textRows(String query) throws SQLException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy.copyOut("COPY (" + query + ") TO STDOUT", out);
    String all = out.toString(StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    if (all.isEmpty()) {
      return rows;
    }
    for (String line : all.substring(0, all.length() - 1).split("\n", -1)) {
      String[] fields = line.split("\t", -1);
      for (int i = 0; i < fields.length; i++) {
        fields[i] = fields[i].equals("\\N") ? null : unescape(fields[i]);
      }
      rows.add(fields);
    }
    return rows;
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\u000B');
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  static String hex(byte[] b) {
    if (b == null) {
      return "NULL";
    }
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x & 0xFF));
    }
    return s.toString();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
