package dev.vakt.monitoring.host;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The arrays in the text of {@code /proc/mdstat}, as printed by Linux 2.6 to 6.x. */
final class Mdstat {

  private Mdstat() {}

  /**
   * One md array.
   *
   * @param name e.g. {@code md0}
   * @param active false for an inactive array (assembled but not started)
   * @param container an IMSM or DDF container (firmware RAID metadata), which mdstat always shows
   *     as inactive; its member arrays are listed on their own
   * @param level e.g. {@code raid1}; empty when inactive
   * @param members member devices in mdstat's order, without flags
   * @param failed members marked {@code (F)}
   * @param status e.g. {@code [U_]}; empty for levels without redundancy (raid0, linear)
   * @param degraded fewer members working than the array has slots
   * @param progress a running or pending resync, recovery, reshape, check or repair, or null
   */
  record MdArray(
      String name,
      boolean active,
      boolean container,
      String level,
      List<String> members,
      List<String> failed,
      String status,
      boolean degraded,
      Progress progress) {}

  /**
   * A resync, recovery, reshape, check or repair.
   *
   * @param action as mdstat names it
   * @param percent done so far, null while PENDING or DELAYED
   * @param finishMinutes mdstat's estimate, or null
   * @param waiting {@code PENDING} or {@code DELAYED}, or null when running
   */
  record Progress(String action, BigDecimal percent, BigDecimal finishMinutes, String waiting) {

    String describe() {
      if (percent == null) {
        return action + " " + waiting.toLowerCase(Locale.ROOT);
      }
      return action
          + " "
          + StorageText.pct(percent)
          + (finishMinutes == null ? "" : " (finish " + finishMinutes.toPlainString() + " min)");
    }
  }

  private static final Pattern HEADER =
      Pattern.compile("^(\\S+) : (active|inactive)(?: \\(([^)]*)\\))?(.*)$");
  private static final Pattern MEMBER = Pattern.compile("^(\\S+)\\[\\d+\\]((?:\\([A-Z]\\))*)$");
  private static final Pattern STATUS = Pattern.compile("\\[(\\d+)/(\\d+)\\] (\\[[U_]+\\])");
  private static final Pattern RUNNING =
      Pattern.compile(
          "(resync|recovery|reshape|check|repair)\\s*=\\s*([0-9]+(?:\\.[0-9]+)?)%"
              + "(?:.*?finish=([0-9]+(?:\\.[0-9]+)?)min)?");
  private static final Pattern WAITING =
      Pattern.compile("(resync|recovery|reshape|check|repair)\\s*=\\s*(PENDING|DELAYED)");

  /**
   * The arrays in {@code text}.
   *
   * @throws IllegalArgumentException with a reason for people when the text is not mdstat's
   */
  static List<MdArray> parse(String text) {
    if (!text.contains("Personalities :") && !text.contains("unused devices:")) {
      throw new IllegalArgumentException(
          text.isBlank()
              ? "/proc/mdstat printed nothing"
              : "not the format of /proc/mdstat: " + StorageText.firstLine(text, 80));
    }
    List<MdArray> arrays = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      if (line.startsWith("Personalities") || line.startsWith("unused devices")) {
        continue;
      }
      Matcher header = HEADER.matcher(line.stripTrailing());
      if (!header.matches()) {
        throw new IllegalArgumentException(
            "unrecognised line in /proc/mdstat: " + StorageText.firstLine(line, 80));
      }
      StringBuilder detail = new StringBuilder();
      while (i + 1 < lines.length
          && !lines[i + 1].isEmpty()
          && Character.isWhitespace(lines[i + 1].charAt(0))) {
        detail.append(lines[++i]).append('\n');
      }
      arrays.add(array(header, detail.toString()));
    }
    return arrays;
  }

  private static MdArray array(Matcher header, String detail) {
    boolean active = header.group(2).equals("active");
    List<String> tokens = new ArrayList<>(List.of(header.group(4).strip().split("\\s+")));
    tokens.removeIf(String::isEmpty);
    String level = "";
    if (active && !tokens.isEmpty() && !tokens.get(0).contains("[")) {
      level = tokens.remove(0);
    }
    List<String> members = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String token : tokens) {
      Matcher member = MEMBER.matcher(token);
      if (!member.matches()) {
        throw new IllegalArgumentException(
            "unrecognised member '" + token + "' of " + header.group(1));
      }
      members.add(member.group(1));
      if (member.group(2).contains("(F)")) {
        failed.add(member.group(1));
      }
    }
    String status = "";
    boolean degraded = false;
    Matcher slots = STATUS.matcher(detail);
    if (slots.find()) {
      status = slots.group(3);
      degraded =
          Integer.parseInt(slots.group(2)) < Integer.parseInt(slots.group(1))
              || status.contains("_");
    }
    // "super external:imsm" marks a container; its arrays say "super external:/md127/0".
    boolean container = !active && detail.matches("(?s).*super external:[a-z].*");
    return new MdArray(
        header.group(1),
        active,
        container,
        level,
        members,
        failed,
        status,
        degraded,
        progress(detail));
  }

  private static Progress progress(String detail) {
    Matcher running = RUNNING.matcher(detail);
    if (running.find()) {
      return new Progress(
          running.group(1),
          new BigDecimal(running.group(2)),
          running.group(3) == null ? null : new BigDecimal(running.group(3)),
          null);
    }
    Matcher waiting = WAITING.matcher(detail);
    if (waiting.find()) {
      return new Progress(waiting.group(1), null, null, waiting.group(2));
    }
    return null;
  }
}
