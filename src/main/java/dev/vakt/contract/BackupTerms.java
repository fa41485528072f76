package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import java.time.Duration;
import java.time.Period;
import java.util.Set;

/**
 * Backup and restore promises (BAK-1 to BAK-8).
 *
 * @param included whether the service includes backup at all; services without it say so (BAK-6)
 * @param scope what is backed up
 * @param warnWhenNoPaths warn when the customer has specified no paths (SWH 7, BAK-1)
 * @param schedule when backups run
 * @param retention how many are kept, and for how long
 * @param offsite backups are stored off-site (SWH 7, BAK-2)
 * @param restore what can be restored (CFX 6, BAK-4)
 * @param recordMissedDays days without a backup are recorded with the reason (DG, BAK-5)
 */
public record BackupTerms(
    Boolean included,
    Scope scope,
    Boolean warnWhenNoPaths,
    Schedule schedule,
    Retention retention,
    Boolean offsite,
    Set<RestoreUnit> restore,
    Boolean recordMissedDays) {

  public BackupTerms {
    restore = restore == null ? null : Set.copyOf(restore);
  }

  /** What a backup covers. */
  public enum Scope {
    CUSTOMER_PATHS,
    ALL_DATA,
    SERVER_DATA;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** What can be brought back. */
  public enum RestoreUnit {
    FILE,
    FOLDER,
    ACCOUNT,
    VM,
    SOLUTION;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /**
   * @param incrementalEvery time between incremental backups ("hver natt": 1d)
   * @param fullEvery time between full backups ("månedlig": 1 month)
   * @param at local start time
   * @param perDay the most backups in one day (DG: "kun én gang i døgnet")
   */
  public record Schedule(
      Duration incrementalEvery, Period fullEvery, TimeOfDay at, Integer perDay) {
    public Schedule {
      check(
          incrementalEvery == null || incrementalEvery.toMinutes() >= 1,
          "incrementalEvery",
          "must be at least 1m");
      check(perDay == null || perDay >= 1, "perDay", "must be at least 1");
    }
  }

  /**
   * Rotation: "1 backup per dag for senaste 7 dagarna, 1 backup per vecka för senaste 4 veckorna"
   * is daily 7, weekly 4 (SWH 7); "bis zu 6 Monate aufbewahrt" is maxAge 6 months (CFX 6).
   */
  public record Retention(Integer daily, Integer weekly, Integer monthly, Period maxAge) {
    public Retention {
      check(daily == null || daily >= 0, "daily", "cannot be negative");
      check(weekly == null || weekly >= 0, "weekly", "cannot be negative");
      check(monthly == null || monthly >= 0, "monthly", "cannot be negative");
      check(
          maxAge == null || !maxAge.isNegative() && !maxAge.isZero(), "maxAge", "must be positive");
    }
  }
}
