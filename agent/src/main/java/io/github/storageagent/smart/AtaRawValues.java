package io.github.storageagent.smart;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number a human means by an ATA attribute's raw value. Raw values are 48 bits of
 * vendor-specific encoding: Command_Timeout (188) and many Seagate attributes pack several 16-bit
 * counters, so the plain number can be in the billions while the drive logged 2 timeouts. For the
 * attributes Backblaze found predictive (5, 187, 188, 197, 198) the decoded low counter smartctl
 * shows in {@code raw.string} is used; every other attribute keeps {@code raw.value} as given.
 */
public final class AtaRawValues {

  /**
   * Reallocated sectors, reported uncorrectable, command timeout, pending, offline uncorrectable.
   */
  public static final Set<Integer> BACKBLAZE = Set.of(5, 187, 188, 197, 198);

  private static final Pattern PLAIN = Pattern.compile("\\d+");
  // "12 (Average 10)", "0 (0 14 0 0 0)": the decoded counter first, extra fields in parentheses.
  private static final Pattern LEADING = Pattern.compile("(\\d+)\\s+\\(.*\\)");
  // raw16 / raw8 word lists such as "0 0 2" print the most significant word first.
  private static final Pattern WORDS = Pattern.compile("\\d+(?:\\s+\\d+)+");

  private AtaRawValues() {}

  /** The exported raw number: decoded count for the Backblaze five, raw.value otherwise. */
  public static long exported(AtaAttribute a) {
    return BACKBLAZE.contains(a.id()) ? count(a) : a.rawValue();
  }

  /** The low counter smartctl decoded into {@code raw.string}, else {@code raw.value}. */
  static long count(AtaAttribute a) {
    String s = a.rawString().strip();
    try {
      if (PLAIN.matcher(s).matches()) {
        return Long.parseLong(s);
      }
      Matcher leading = LEADING.matcher(s);
      if (leading.matches()) {
        return Long.parseLong(leading.group(1));
      }
      if (WORDS.matcher(s).matches()) {
        String[] words = s.split("\\s+");
        return Long.parseLong(words[words.length - 1]);
      }
    } catch (NumberFormatException e) {
      // longer than a long: fall through to the value smartctl gave as a number
    }
    return a.rawValue();
  }
}
