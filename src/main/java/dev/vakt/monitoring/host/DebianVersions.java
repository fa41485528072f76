package dev.vakt.monitoring.host;

/**
 * Debian's version order, as {@code dpkg --compare-versions} has it: digits compare as numbers
 * ("6.8.12-10" after "6.8.12-4"), letters before other characters, and "~" before anything, even
 * the end ("1.0~rc1" before "1.0"). Kernel release strings ("6.8.12-4-pve") sort right with it.
 */
final class DebianVersions {

  private DebianVersions() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      // The non-digit run, character by character.
      while ((i < a.length() && !digit(a, i)) || (j < b.length() && !digit(b, j))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) {
          return ac - bc;
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      // The digit run, as a number: the longer run is larger, else the first difference.
      int firstDiff = 0;
      while (i < a.length() && j < b.length() && digit(a, i) && digit(b, j)) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < a.length() && digit(a, i)) {
        return 1;
      }
      if (j < b.length() && digit(b, j)) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }

  private static boolean digit(String s, int i) {
    char c = s.charAt(i);
    return c >= '0' && c <= '9';
  }

  private static int order(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    char c = s.charAt(i);
    if (c >= '0' && c <= '9') {
      return 0;
    }
    if (Character.isLetter(c) && c < 128) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }
}
