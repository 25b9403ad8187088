package dev.spillway.plan;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code encoding:} of a format: PostgreSQL's encoding names first, as {@code COPY ...
 * (ENCODING 'WIN1252')} and {@code client_encoding} take them (case and punctuation ignored, as the
 * server does: {@code WIN1252}, {@code win-1252}, {@code LATIN1}, {@code latin9}, {@code EUC_JP},
 * {@code SJIS}, {@code UTF8}, and their aliases such as {@code WIN932} or {@code ISO88591}), mapped
 * to the Java charset with the same characters; then any name Java knows ({@code windows-1252},
 * {@code cp1252}, {@code UTF-16}). PostgreSQL's {@code SQL_ASCII} (no encoding: bytes are not
 * converted) and the encodings Java lacks (LATIN6, LATIN8, the 2004 JIS ones, MULE_INTERNAL) are
 * refused with what to do instead. Stateless.
 */
final class EncodingNames {
  private EncodingNames() {}

  /** PostgreSQL's encodings: its name, the Java charset (null when none), its cleaned names and aliases (pg_encname_tbl). */
  private static final List<String[]> ROWS = List.of(
      row("UTF8", "UTF-8", "UTF8", "UNICODE"),
      row("LATIN1", "ISO-8859-1", "LATIN1", "ISO88591"),
      row("LATIN2", "ISO-8859-2", "LATIN2", "ISO88592"),
      row("LATIN3", "ISO-8859-3", "LATIN3", "ISO88593"),
      row("LATIN4", "ISO-8859-4", "LATIN4", "ISO88594"),
      row("LATIN5", "ISO-8859-9", "LATIN5", "ISO88599"),
      row("LATIN6", "ISO-8859-10", "LATIN6", "ISO885910"),
      row("LATIN7", "ISO-8859-13", "LATIN7", "ISO885913"),
      row("LATIN8", "ISO-8859-14", "LATIN8", "ISO885914"),
      row("LATIN9", "ISO-8859-15", "LATIN9", "ISO885915"),
      row("LATIN10", "ISO-8859-16", "LATIN10", "ISO885916"),
      row("ISO_8859_5", "ISO-8859-5", "ISO88595"),
      row("ISO_8859_6", "ISO-8859-6", "ISO88596"),
      row("ISO_8859_7", "ISO-8859-7", "ISO88597"),
      row("ISO_8859_8", "ISO-8859-8", "ISO88598"),
      row("WIN866", "IBM866", "WIN866", "WINDOWS866", "ALT"),
      row("WIN874", "x-windows-874", "WIN874", "WINDOWS874"),
      row("WIN1250", "windows-1250", "WIN1250", "WINDOWS1250"),
      row("WIN1251", "windows-1251", "WIN1251", "WINDOWS1251", "WIN"),
      row("WIN1252", "windows-1252", "WIN1252", "WINDOWS1252"),
      row("WIN1253", "windows-1253", "WIN1253", "WINDOWS1253"),
      row("WIN1254", "windows-1254", "WIN1254", "WINDOWS1254"),
      row("WIN1255", "windows-1255", "WIN1255", "WINDOWS1255"),
      row("WIN1256", "windows-1256", "WIN1256", "WINDOWS1256"),
      row("WIN1257", "windows-1257", "WIN1257", "WINDOWS1257"),
      row("WIN1258", "windows-1258", "WIN1258", "WINDOWS1258", "ABC", "TCVN", "TCVN5712", "VSCII"),
      row("KOI8R", "KOI8-R", "KOI8R", "KOI8"),
      row("KOI8U", "KOI8-U", "KOI8U"),
      row("EUC_JP", "EUC-JP", "EUCJP"),
      row("EUC_CN", "GB2312", "EUCCN"),
      row("EUC_KR", "EUC-KR", "EUCKR"),
      row("EUC_TW", "x-EUC-TW", "EUCTW"),
      row("SJIS", "windows-31j", "SJIS", "SHIFTJIS", "MSKANJI", "WIN932", "WINDOWS932"),
      row("BIG5", "Big5", "BIG5", "WIN950", "WINDOWS950"),
      row("GBK", "GBK", "GBK", "WIN936", "WINDOWS936"),
      row("GB18030", "GB18030", "GB18030"),
      row("UHC", "x-windows-949", "UHC", "WIN949", "WINDOWS949"),
      row("JOHAB", "x-Johab", "JOHAB"),
      row("EUC_JIS_2004", null, "EUCJIS2004"),
      row("SHIFT_JIS_2004", null, "SHIFTJIS2004"),
      row("MULE_INTERNAL", null, "MULEINTERNAL"),
      row("SQL_ASCII", null, "SQLASCII"));

  /** Each cleaned name or alias to its row. */
  private static final Map<String, String[]> POSTGRES = byAlias();

  /**
   * The charset {@code name} stands for; throws {@link IllegalArgumentException} with the message
   * a plan problem shows when there is none.
   */
  static Charset charset(String name) {
    String[] postgres = POSTGRES.get(clean(name));
    if (postgres != null) {
      if (postgres[0].equals("SQL_ASCII")) {
        throw new IllegalArgumentException("SQL_ASCII is PostgreSQL's 'no encoding' (bytes are not converted): give the "
            + "file's real encoding, e.g. UTF-8, LATIN1 or WIN1252");
      }
      if (postgres[1] != null && Charset.isSupported(postgres[1])) {
        return Charset.forName(postgres[1]);
      }
      throw new IllegalArgumentException("PostgreSQL's encoding " + postgres[0] + (postgres[1] == null ? "" : " ("
          + postgres[1] + ")") + " is not supported by this Java runtime: convert the file to UTF-8 first");
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException("unknown encoding '" + name + "'; e.g. UTF-8, LATIN1 (ISO-8859-1), WIN1252 "
          + "(windows-1252): PostgreSQL's names or Java's");
    }
  }

  /** As PostgreSQL compares encoding names: letters and digits only, case ignored. */
  private static String clean(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x80 && Character.isLetterOrDigit(c)) {
        out.append(c);
      }
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  private static String[] row(String... row) {
    return row;
  }

  private static Map<String, String[]> byAlias() {
    Map<String, String[]> map = new HashMap<>();
    for (String[] row : ROWS) {
      for (int i = 2; i < row.length; i++) {
        map.put(row[i], row);
      }
    }
    return Map.copyOf(map);
  }
}
