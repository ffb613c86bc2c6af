package io.github.storageagent.lvm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.jr.stree.JrsArray;
import com.fasterxml.jackson.jr.stree.JrsBoolean;
import com.fasterxml.jackson.jr.stree.JrsNumber;
import com.fasterxml.jackson.jr.stree.JrsString;
import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.collect.Messages;
import io.github.storageagent.json.JsonTree;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads lvm's JSON reports: {@code lvs}/{@code vgs --reportformat json} and {@code lvm fullreport},
 * which put {@code lv} and {@code vg} arrays in each element of {@code report}.
 *
 * <p>Tolerates what lvm versions really print: a top-level {@code log} member (2.03.26+), {@code
 * json_std} output with real numbers and {@code null}, empty strings for "not applicable", and
 * backslashes that lvm does not escape. A row with a missing name or an unreadable size is skipped
 * and counted; only output that is not a report at all fails the parse.
 */
public final class LvmJsonParser {

  /**
   * lvm copies strings into its JSON without escaping them, so raw control characters are let
   * through (and stray backslashes repaired, see {@link #escapeStrayBackslashes}).
   */
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build();

  private LvmJsonParser() {}

  public static LvmReport parse(String json) throws LvmParseException {
    JrsValue root;
    try {
      root = firstValue(escapeStrayBackslashes(json));
    } catch (JacksonException e) {
      throw new LvmParseException(
          "not valid JSON: " + Messages.firstLine(e.getOriginalMessage(), Integer.MAX_VALUE), e);
    } catch (IOException e) {
      // Reading a string does no other I/O.
      throw new LvmParseException("not valid JSON: " + e, e);
    }
    if (!root.isObject()) {
      throw new LvmParseException("not an lvm JSON report (expected an object)", null);
    }
    if (!(root.get("report") instanceof JrsArray reports)) {
      throw new LvmParseException("not an lvm JSON report (no \"report\" array)", null);
    }
    List<VolumeGroup> vgs = new ArrayList<>();
    List<LogicalVolume> lvs = new ArrayList<>();
    Set<String> seenVgs = new HashSet<>();
    Set<String> seenLvs = new HashSet<>();
    int skipped = 0;
    for (JrsValue report : elements(reports)) {
      // lvm fullreport has one element per VG and leaves vg_name out of its lv rows.
      String reportVg = "";
      for (JrsValue row : rows(report, "vg")) {
        if (reportVg.isEmpty()) {
          reportVg = text(row, "vg_name");
        }
        VolumeGroup vg = volumeGroup(row);
        if (vg == null) {
          skipped++;
        } else if (seenVgs.add(vg.name())) {
          vgs.add(vg);
        }
      }
      for (JrsValue row : rows(report, "lv")) {
        LogicalVolume lv = logicalVolume(row, reportVg);
        if (lv == null) {
          skipped++;
        } else if (seenLvs.add(lv.vg() + "/" + lv.name())) {
          // Hidden LVs such as [lvol0_pmspare] can be listed twice; one row per LV is kept.
          lvs.add(lv);
        }
      }
    }
    return new LvmReport(vgs, lvs, skipped);
  }

  /**
   * The document's first value; what follows it is not read, as before (lvm prints one document).
   * Empty input is missing.
   */
  private static JrsValue firstValue(String json) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      return JsonTree.firstValue(parser);
    }
  }

  private static Iterable<JrsValue> rows(JrsValue report, String kind) {
    return report.get(kind) instanceof JrsArray rows ? elements(rows) : List.of();
  }

  private static Iterable<JrsValue> elements(JrsArray array) {
    return array::elements;
  }

  private static VolumeGroup volumeGroup(JrsValue row) {
    String name = text(row, "vg_name");
    if (name.isEmpty()) {
      return null;
    }
    OptionalLong extent = bytes(row, "vg_extent_size");
    OptionalLong size = bytes(row, "vg_size");
    OptionalLong free = bytes(row, "vg_free");
    // Some callers ask only for extent counts; the sizes follow from them.
    if (size.isEmpty()) {
      size = times(extent, bytes(row, "vg_extent_count"));
    }
    if (free.isEmpty()) {
      free = times(extent, bytes(row, "vg_free_count"));
    }
    if (size.isEmpty() || free.isEmpty()) {
      return null;
    }
    return new VolumeGroup(name, size.getAsLong(), free.getAsLong());
  }

  private static LogicalVolume logicalVolume(JrsValue row, String reportVg) {
    String vg = text(row, "vg_name");
    if (vg.isEmpty()) {
      String fullName = text(row, "lv_full_name");
      int slash = fullName.indexOf('/');
      vg = slash > 0 ? fullName.substring(0, slash) : reportVg;
    }
    String name = text(row, "lv_name");
    OptionalLong size = bytes(row, "lv_size");
    if (vg.isEmpty() || name.isEmpty() || size.isEmpty()) {
      return null;
    }
    return new LogicalVolume(
        vg,
        name,
        LvAttr.parse(text(row, "lv_attr")),
        size.getAsLong(),
        text(row, "pool_lv"),
        percent(row, "data_percent"),
        percent(row, "metadata_percent"),
        bytes(row, "lv_metadata_size"),
        text(row, "lv_when_full").toLowerCase(Locale.ROOT),
        text(row, "lv_health_status"));
  }

  /**
   * A field as text: "" when missing, null, an object or a list; a boolean as "true"/"false";
   * numbers (json_std) in their plain form.
   */
  static String text(JrsValue row, String field) {
    JrsValue v = row.get(field);
    if (v instanceof JrsString s) {
      return s.getValue().strip();
    }
    if (v instanceof JrsNumber n) {
      return plain(n.getValue());
    }
    if (v instanceof JrsBoolean b) {
      return Boolean.toString(b.booleanValue());
    }
    return "";
  }

  /**
   * A JSON number without exponent: 1e3 as "1000.0", 1.5e2 as "150.0" (a fraction read as a double,
   * written in full). A number too large for a double (1e999) reads as infinity: no value, not a
   * crash.
   */
  private static String plain(Number number) {
    if (number instanceof BigInteger big) {
      return big.toString();
    }
    if (number instanceof Integer || number instanceof Long) {
      return Long.toString(number.longValue());
    }
    if (number instanceof BigDecimal dec) {
      return dec.toPlainString();
    }
    double d = number.doubleValue();
    return Double.isFinite(d) ? BigDecimal.valueOf(d).toPlainString() : "";
  }

  /** A byte count; lvm prints -1 or "" where it has none. */
  static OptionalLong bytes(JrsValue row, String field) {
    String s = text(row, field);
    if (s.endsWith("B") || s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long v = new BigDecimal(s).longValueExact();
      return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    } catch (NumberFormatException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  /** A percentage 0..100; a decimal comma (a locale lvm was not run under) is accepted too. */
  static OptionalDouble percent(JrsValue row, String field) {
    String s = text(row, field).replace(',', '.');
    if (s.isEmpty()) {
      return OptionalDouble.empty();
    }
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) && v >= 0 ? OptionalDouble.of(v) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  private static OptionalLong times(OptionalLong a, OptionalLong b) {
    if (a.isEmpty() || b.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Math.multiplyExact(a.getAsLong(), b.getAsLong()));
    } catch (ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * lvm copies strings such as device ids into its JSON without escaping backslashes, so {@code
   * "\x20"} or a trailing {@code \} make the document invalid. Inside string literals, a backslash
   * that does not start a valid JSON escape is doubled, keeping the character lvm meant.
   */
  static String escapeStrayBackslashes(String json) {
    if (json.indexOf('\\') < 0) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length() + 16);
    boolean inString = false;
    int n = json.length();
    for (int i = 0; i < n; i++) {
      char c = json.charAt(i);
      if (!inString) {
        inString = c == '"';
        out.append(c);
      } else if (c == '"') {
        inString = false;
        out.append(c);
      } else if (c != '\\') {
        out.append(c);
      } else if (i + 1 < n && validEscape(json, i + 1)) {
        out.append(c).append(json.charAt(i + 1));
        i++;
      } else if (i + 1 < n && json.charAt(i + 1) == '"' && !closesString(json, i + 2)) {
        // An escaped quote inside the text (lvm escapes quotes): keep it as it is.
        out.append(c).append('"');
        i++;
      } else {
        out.append("\\\\");
      }
    }
    return out.toString();
  }

  private static boolean validEscape(String s, int i) {
    char e = s.charAt(i);
    if ("\\/bfnrt".indexOf(e) >= 0) {
      return true;
    }
    if (e != 'u' || i + 4 >= s.length()) {
      return false;
    }
    for (int k = i + 1; k <= i + 4; k++) {
      if (Character.digit(s.charAt(k), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the quote just before {@code i} ends the string: what follows it (after blanks) is what
   * may follow a JSON string, a comma, colon or closing bracket.
   */
  private static boolean closesString(String s, int i) {
    int k = i;
    while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
      k++;
    }
    return k >= s.length() || ",:}]".indexOf(s.charAt(k)) >= 0;
  }
}
