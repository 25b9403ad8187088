import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * The reference of bench/spill-memory.sh: parses CSV files with Commons CSV alone, in the dialect
 * spillway reads (COPY's csv), touching every field, and prints "records seconds records/s".
 * Run with the shaded jar on the class path: java -cp target/spillway.jar bench/CsvParseOnly.java FILE...
 */
public class CsvParseOnly {
  public static void main(String[] args) throws Exception {
    CSVFormat format = CSVFormat.DEFAULT.builder().setNullString("").setQuoteMode(QuoteMode.ALL_NON_NULL)
        .setIgnoreEmptyLines(false).setTrailingData(true).setHeader().setSkipHeaderRecord(true).get();
    long records = 0;
    long chars = 0;
    long start = System.nanoTime();
    for (String arg : args) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of(arg)),
              StandardCharsets.UTF_8), 1 << 16);
          CSVParser parser = format.parse(in)) {
        for (CSVRecord r : parser) {
          records++;
          for (int i = 0; i < r.size(); i++) {
            String v = r.get(i);
            chars += v == null ? 0 : v.length();
          }
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d %.3f %.0f (%d chars)%n", records, seconds, records / seconds, chars);
  }
}
