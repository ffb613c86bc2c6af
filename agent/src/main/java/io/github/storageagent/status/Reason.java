package io.github.storageagent.status;

/**
 * Why a verdict is what it is, in words.
 *
 * @param alert the shipped alert rule whose condition this is, or null for a note that no rule
 *     covers (a drive in standby)
 */
public record Reason(Verdict verdict, String alert, String text) {

  public static Reason failing(String alert, String text) {
    return new Reason(Verdict.FAILING, alert, text);
  }

  public static Reason watch(String alert, String text) {
    return new Reason(Verdict.WATCH, alert, text);
  }

  public static Reason note(String text) {
    return new Reason(Verdict.HEALTHY, null, text);
  }
}
