package dev.vakt.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The public holidays of the countries Vakt knows, for {@code working-days} in opening hours,
 * support hours and deadlines ({@code Terms.holidays}).
 *
 * <p>The rules are data: {@code dev/vakt/common/public-holidays.yaml} holds per country fixed
 * dates, days relative to Easter Sunday and "a weekday between two dates" (Sweden's Midsummer Day),
 * each with the years it holds. Only official public holidays count; days most workplaces close
 * without a law saying so (Swedish Midsummer Eve, Danish Christmas Eve) are marked {@code deFacto}
 * and left out unless asked for. Germany has the nationwide holidays only, not those of single
 * Länder.
 *
 * <p>Plain Java, no Spring: immutable and safe to share.
 */
public final class PublicHolidays {

  /** The bundled rules. */
  public static final String RESOURCE = "/dev/vakt/common/public-holidays.yaml";

  /** Years the Gregorian Easter computation holds for, and a guard against nonsense. */
  static final int MIN_YEAR = 1583;

  static final int MAX_YEAR = 9999;

  private static final class Bundled {
    static final PublicHolidays INSTANCE = loadBundled();
  }

  /**
   * One public holiday.
   *
   * @param date the day
   * @param country whose holiday it is
   * @param id a stable name of the rule, e.g. {@code whit-monday}
   * @param names the holiday's name per language: at least the country's own and English
   * @param deFacto a day most workplaces close although it is not a public holiday
   */
  public record Holiday(
      LocalDate date, Country country, String id, Map<Language, String> names, boolean deFacto) {

    public Holiday {
      names = Map.copyOf(names);
    }

    /** The name in {@code language}, else in the country's own language, else in English. */
    public String name(Language language) {
      String n = names.get(language);
      if (n == null) {
        n = names.get(language(country));
      }
      return n == null ? names.getOrDefault(Language.EN, id) : n;
    }
  }

  /** A rule of the file, for one country. */
  record Rule(
      String id,
      Map<Language, String> names,
      MonthDay date,
      Integer easter,
      DayOfWeek weekday,
      MonthDay betweenFrom,
      MonthDay betweenTo,
      Integer from,
      Integer until,
      boolean deFacto) {

    /** The rule's day in {@code year}, or null when it does not hold that year. */
    LocalDate in(int year) {
      if ((from != null && year < from) || (until != null && year > until)) {
        return null;
      }
      if (date != null) {
        return date.atYear(year);
      }
      if (easter != null) {
        return easterSunday(year).plusDays(easter);
      }
      LocalDate d = betweenFrom.atYear(year);
      LocalDate last = betweenTo.atYear(year);
      while (!d.isAfter(last)) {
        if (d.getDayOfWeek() == weekday) {
          return d;
        }
        d = d.plusDays(1);
      }
      return null;
    }
  }

  private final Map<Country, List<Rule>> rules;

  private PublicHolidays(Map<Country, List<Rule>> rules) {
    this.rules = rules;
  }

  /** The official public holidays of {@code country} in {@code year}; empty for a null country. */
  public static Set<LocalDate> of(Country country, int year) {
    return dates(bundled().list(country, year, false));
  }

  /**
   * The official public holidays of {@code country} on days {@code [from, toExclusive)}; empty for
   * a null country.
   */
  public static Set<LocalDate> between(Country country, LocalDate from, LocalDate toExclusive) {
    return bundled().holidaysBetween(country, from, toExclusive, false);
  }

  /**
   * The holidays of {@code country} in {@code year}, by date, with their names.
   *
   * @param withDeFacto also the days that are closed by custom but are not public holidays
   */
  public static List<Holiday> list(Country country, int year, boolean withDeFacto) {
    return bundled().holidays(country, year, withDeFacto);
  }

  /**
   * The official public holidays of {@code country} in {@code year} with their names in {@code
   * language}.
   */
  public static Map<LocalDate, String> names(Country country, int year, Language language) {
    Map<LocalDate, String> out = new LinkedHashMap<>();
    for (Holiday h : list(country, year, false)) {
      out.merge(h.date(), h.name(language), (a, b) -> a + " / " + b);
    }
    return out;
  }

  /**
   * Easter Sunday in the Gregorian calendar, by the anonymous algorithm (Meeus/Jones/Butcher).
   *
   * @param year from 1583
   */
  public static LocalDate easterSunday(int year) {
    checkYear(year);
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }

  /** The country's own language, in which its holidays are named first. */
  static Language language(Country country) {
    return switch (country) {
      case NO -> Language.NB;
      case DK -> Language.DA;
      case SE -> Language.SV;
      case DE -> Language.DE;
    };
  }

  /** The holidays of one year from these rules. */
  List<Holiday> holidays(Country country, int year, boolean withDeFacto) {
    if (country == null) {
      return List.of();
    }
    checkYear(year);
    List<Holiday> out = new ArrayList<>();
    for (Rule r : rules.getOrDefault(country, List.of())) {
      if (r.deFacto() && !withDeFacto) {
        continue;
      }
      LocalDate d = r.in(year);
      if (d != null) {
        out.add(new Holiday(d, country, r.id(), r.names(), r.deFacto()));
      }
    }
    out.sort(Comparator.comparing(Holiday::date));
    return List.copyOf(out);
  }

  /** The holidays on days {@code [from, toExclusive)} from these rules. */
  Set<LocalDate> holidaysBetween(
      Country country, LocalDate from, LocalDate toExclusive, boolean withDeFacto) {
    if (country == null) {
      return Set.of();
    }
    InvalidField.required("from", from);
    InvalidField.required("toExclusive", toExclusive);
    TreeSet<LocalDate> out = new TreeSet<>();
    for (int y = from.getYear(); y <= toExclusive.getYear(); y++) {
      for (Holiday h : holidays(country, y, withDeFacto)) {
        if (!h.date().isBefore(from) && h.date().isBefore(toExclusive)) {
          out.add(h.date());
        }
      }
    }
    return Set.copyOf(out);
  }

  private static Set<LocalDate> dates(List<Holiday> holidays) {
    return holidays.stream().map(Holiday::date).collect(Collectors.toUnmodifiableSet());
  }

  private static void checkYear(int year) {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new IllegalArgumentException(
          "year " + year + " is outside " + MIN_YEAR + ".." + MAX_YEAR + " (Gregorian calendar)");
    }
  }

  static PublicHolidays bundled() {
    return Bundled.INSTANCE;
  }

  private static PublicHolidays loadBundled() {
    try (InputStream in = PublicHolidays.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and checks a holiday file.
   *
   * @throws IllegalArgumentException naming the file, line, rule and field of the first problem
   */
  static PublicHolidays parse(String file, String text) {
    YamlSource.Parsed parsed = YamlSource.read(file, text);
    if (!parsed.problems().isEmpty()) {
      throw invalid(parsed.problems().getFirst());
    }
    if (parsed.documents().size() != 1) {
      throw invalid(new Problem(file, 1, 1, "/", "must hold exactly one YAML document"));
    }
    YamlSource.Document doc = parsed.documents().getFirst();
    JsonNode root = doc.tree();
    if (!root.isObject()) {
      throw invalid(doc.problem("", "must map countries (NO, DK, SE, DE) to lists of rules"));
    }
    Map<Country, List<Rule>> rules = new EnumMap<>(Country.class);
    for (String key : root.propertyNames()) {
      Country country;
      try {
        country = Country.valueOf(key);
      } catch (IllegalArgumentException e) {
        throw invalid(doc.problem("/" + YamlSource.escape(key), "unknown country '" + key + "'"));
      }
      JsonNode list = root.get(key);
      String at = "/" + key;
      if (!list.isArray() || list.isEmpty()) {
        throw invalid(doc.problem(at, "must be a non-empty list of rules"));
      }
      List<Rule> rs = new ArrayList<>();
      Set<String> ids = new TreeSet<>();
      for (int i = 0; i < list.size(); i++) {
        Rule r = rule(doc, country, at + "/" + i, list.get(i));
        if (!ids.add(r.id())) {
          throw invalid(doc.problem(at + "/" + i + "/id", "rule " + r.id() + ": id used twice"));
        }
        rs.add(r);
      }
      rules.put(country, List.copyOf(rs));
    }
    return new PublicHolidays(rules);
  }

  private static final Set<String> FIELDS =
      Set.of("id", "names", "date", "easter", "weekday", "between", "from", "until", "deFacto");

  private static Rule rule(YamlSource.Document doc, Country country, String at, JsonNode n) {
    if (!n.isObject()) {
      throw invalid(doc.problem(at, "a rule must be a mapping"));
    }
    JsonNode idNode = n.get("id");
    if (idNode == null || !idNode.isString() || !idNode.asString().matches("[a-z0-9-]+")) {
      throw invalid(doc.problem(at + "/id", "every rule needs an id of a-z, 0-9 and '-'"));
    }
    String id = idNode.asString();
    String what = "rule " + id + ": ";
    for (String field : n.propertyNames()) {
      if (!FIELDS.contains(field)) {
        throw invalid(
            doc.problem(
                at + "/" + YamlSource.escape(field),
                what + "unknown field '" + field + "' (known: " + new TreeSet<>(FIELDS) + ")"));
      }
    }
    Map<Language, String> names = new EnumMap<>(Language.class);
    JsonNode ns = n.get("names");
    if (ns == null || !ns.isObject()) {
      throw invalid(doc.problem(at + "/names", what + "names must map languages to names"));
    }
    for (String lang : ns.propertyNames()) {
      Language l;
      try {
        l = Language.valueOf(lang.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid(doc.problem(at + "/names/" + lang, what + "unknown language '" + lang + "'"));
      }
      JsonNode v = ns.get(lang);
      if (!v.isString() || v.asString().isBlank()) {
        throw invalid(doc.problem(at + "/names/" + lang, what + "the name must be text"));
      }
      names.put(l, v.asString().trim());
    }
    for (Language l : List.of(language(country), Language.EN)) {
      if (!names.containsKey(l)) {
        throw invalid(doc.problem(at + "/names", what + "needs a name in " + l.code()));
      }
    }
    int kinds = (n.has("date") ? 1 : 0) + (n.has("easter") ? 1 : 0) + (n.has("weekday") ? 1 : 0);
    if (kinds != 1) {
      throw invalid(
          doc.problem(at, what + "needs exactly one of date, easter or weekday (with between)"));
    }
    MonthDay date = n.has("date") ? monthDay(doc, at + "/date", what, n.get("date")) : null;
    Integer easter = null;
    if (n.has("easter")) {
      JsonNode e = n.get("easter");
      if (!e.isIntegralNumber() || Math.abs(e.asLong()) > 200) {
        throw invalid(
            doc.problem(at + "/easter", what + "easter must be a whole number of days, -200..200"));
      }
      easter = e.asInt();
    }
    DayOfWeek weekday = null;
    MonthDay betweenFrom = null;
    MonthDay betweenTo = null;
    if (n.has("weekday")) {
      weekday = weekday(doc, at + "/weekday", what, n.get("weekday"));
      JsonNode b = n.get("between");
      if (b == null || !b.isArray() || b.size() != 2) {
        throw invalid(doc.problem(at + "/between", what + "weekday needs between: [MM-DD, MM-DD]"));
      }
      betweenFrom = monthDay(doc, at + "/between/0", what, b.get(0));
      betweenTo = monthDay(doc, at + "/between/1", what, b.get(1));
      if (betweenTo.isBefore(betweenFrom)
          || betweenFrom.atYear(2001).plusDays(6).isAfter(betweenTo.atYear(2001))) {
        throw invalid(
            doc.problem(
                at + "/between",
                what
                    + "between must span at least 7 days within one year, so the weekday falls in"));
      }
    } else if (n.has("between")) {
      throw invalid(doc.problem(at + "/between", what + "between goes with weekday only"));
    }
    Integer from = year(doc, at + "/from", what, n.get("from"));
    Integer until = year(doc, at + "/until", what, n.get("until"));
    if (from != null && until != null && until < from) {
      throw invalid(doc.problem(at + "/until", what + "until (" + until + ") is before from"));
    }
    boolean deFacto = false;
    if (n.has("deFacto")) {
      if (!n.get("deFacto").isBoolean()) {
        throw invalid(doc.problem(at + "/deFacto", what + "deFacto must be true or false"));
      }
      deFacto = n.get("deFacto").asBoolean();
    }
    return new Rule(id, names, date, easter, weekday, betweenFrom, betweenTo, from, until, deFacto);
  }

  private static MonthDay monthDay(YamlSource.Document doc, String at, String what, JsonNode n) {
    if (n != null && n.isString() && n.asString().matches("\\d\\d-\\d\\d")) {
      try {
        MonthDay md = MonthDay.parse("--" + n.asString());
        if (!md.equals(MonthDay.of(2, 29))) {
          return md;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw invalid(
        doc.problem(at, what + "must be a date MM-DD in quotes, e.g. \"12-25\" (not 02-29)"));
  }

  private static DayOfWeek weekday(YamlSource.Document doc, String at, String what, JsonNode n) {
    List<String> days = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    int i = n != null && n.isString() ? days.indexOf(n.asString().toLowerCase(Locale.ROOT)) : -1;
    if (i < 0) {
      throw invalid(doc.problem(at, what + "weekday must be one of " + days));
    }
    return DayOfWeek.of(i + 1);
  }

  private static Integer year(YamlSource.Document doc, String at, String what, JsonNode n) {
    if (n == null) {
      return null;
    }
    if (!n.isIntegralNumber() || n.asLong() < MIN_YEAR || n.asLong() > MAX_YEAR) {
      throw invalid(doc.problem(at, what + "must be a year " + MIN_YEAR + ".." + MAX_YEAR));
    }
    return n.asInt();
  }

  private static IllegalArgumentException invalid(Problem p) {
    return new IllegalArgumentException("invalid public holiday rules: " + p);
  }
}
