package io.github.storageagent.backup.pve;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The common subset of Proxmox's systemd-like calendar events used for backup schedules: an
 * optional weekday list or range ({@code mon..fri}, {@code sat,sun}), and a time {@code H:M} whose
 * parts may be {@code *}, numbers, lists, ranges ({@code 8..17}) and repetitions ({@code *}/15,
 * {@code 0/30}); a single part alone means minutes. Keywords {@code hourly}, {@code daily}, {@code
 * weekly}. Anything else (dates, months) is not understood and yields no next run, rather than a
 * wrong one.
 */
public final class CalendarEvent {

  private final Set<DayOfWeek> days;
  private final TreeSet<Integer> hours;
  private final TreeSet<Integer> minutes;

  private CalendarEvent(Set<DayOfWeek> days, TreeSet<Integer> hours, TreeSet<Integer> minutes) {
    this.days = days;
    this.hours = hours;
    this.minutes = minutes;
  }

  public static Optional<CalendarEvent> parse(String spec) {
    if (spec == null) {
      return Optional.empty();
    }
    String s = spec.strip().toLowerCase(Locale.ROOT);
    switch (s) {
      case "hourly":
        s = "*:00";
        break;
      case "daily":
        s = "00:00";
        break;
      case "weekly":
        s = "mon 00:00";
        break;
      default:
        break;
    }
    String[] tokens = s.split("\\s+");
    if (tokens.length == 0 || tokens.length > 2 || s.isEmpty()) {
      return Optional.empty();
    }
    try {
      Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
      String time = "0:0";
      if (tokens.length == 2) {
        days = days(tokens[0]);
        time = tokens[1];
      } else if (Character.isLetter(tokens[0].charAt(0))) {
        days = days(tokens[0]);
      } else {
        time = tokens[0];
      }
      String[] hm = time.split(":");
      TreeSet<Integer> hours;
      TreeSet<Integer> minutes;
      if (hm.length == 1) {
        hours = values("*", 23);
        minutes = values(hm[0], 59);
      } else if (hm.length == 2 || (hm.length == 3 && hm[2].matches("0+"))) {
        hours = values(hm[0], 23);
        minutes = values(hm[1], 59);
      } else {
        return Optional.empty();
      }
      if (days.isEmpty() || hours.isEmpty() || minutes.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new CalendarEvent(days, hours, minutes));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The first event strictly after {@code after}, in the node's time zone. */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    ZonedDateTime start = after.atZone(zone);
    LocalDate day = start.toLocalDate();
    for (int d = 0; d < 8; d++, day = day.plusDays(1)) {
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      for (int h : hours) {
        for (int m : minutes) {
          ZonedDateTime candidate =
              LocalDateTime.of(day, java.time.LocalTime.of(h, m)).atZone(zone);
          if (candidate.toInstant().isAfter(after)) {
            return Optional.of(candidate.toInstant());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Set<DayOfWeek> days(String spec) {
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (String part : spec.split(",")) {
      if (part.contains("..")) {
        String[] r = part.split("\\.\\.");
        if (r.length != 2) {
          throw new IllegalArgumentException(spec);
        }
        DayOfWeek from = day(r[0]);
        DayOfWeek to = day(r[1]);
        for (DayOfWeek d = from; ; d = d.plus(1)) {
          out.add(d);
          if (d == to) {
            break;
          }
        }
      } else {
        out.add(day(part));
      }
    }
    return out;
  }

  private static DayOfWeek day(String name) {
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      if (name.length() >= 3 && full.startsWith(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static TreeSet<Integer> values(String spec, int max) {
    TreeSet<Integer> out = new TreeSet<>();
    for (String part : spec.split(",")) {
      if (part.equals("*")) {
        add(out, 0, max, 1, max);
      } else if (part.contains("/")) {
        String[] r = part.split("/");
        if (r.length != 2) {
          throw new IllegalArgumentException(spec);
        }
        int step = number(r[1], max);
        if (step == 0) {
          throw new IllegalArgumentException(spec);
        }
        add(out, r[0].equals("*") ? 0 : number(r[0], max), max, step, max);
      } else if (part.contains("..")) {
        String[] r = part.split("\\.\\.");
        if (r.length != 2) {
          throw new IllegalArgumentException(spec);
        }
        add(out, number(r[0], max), number(r[1], max), 1, max);
      } else {
        out.add(number(part, max));
      }
    }
    return out;
  }

  private static void add(TreeSet<Integer> out, int from, int to, int step, int max) {
    for (int v = from; v <= Math.min(to, max); v += step) {
      out.add(v);
    }
  }

  private static int number(String s, int max) {
    int v = Integer.parseInt(s);
    if (v < 0 || v > max) {
      throw new IllegalArgumentException(s);
    }
    return v;
  }
}
