package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import dev.vakt.common.Money;
import dev.vakt.common.Percent;

/**
 * Usage limits and what happens past them (LIM-1 to LIM-3, NET-3, NET-5, BIL-17).
 *
 * @param mailSending per-account sending limits (DG)
 * @param mailReceiving per-address receiving limits (DG spam filter)
 * @param holdMailWhileServerDown hold incoming mail while the customer's server is down (LIM-3)
 * @param traffic transfer overuse pricing (DG VPS, NET-5)
 * @param vpnUsersIncluded VPN users included without cost (SWH 6: 10)
 * @param extraVpnUserPrice price per VPN user above the included number
 * @param storageQuota what happens as a quota fills (BIL-17)
 */
public record LimitTerms(
    MailSending mailSending,
    MailReceiving mailReceiving,
    Boolean holdMailWhileServerDown,
    Traffic traffic,
    Integer vpnUsersIncluded,
    Money extraVpnUserPrice,
    StorageQuota storageQuota) {

  public LimitTerms {
    check(
        vpnUsersIncluded == null || vpnUsersIncluded >= 0,
        "vpnUsersIncluded",
        "cannot be negative");
  }

  /** Recipients per account, in total and for near-identical content. */
  public record MailSending(
      Integer recipientsPer24h,
      Integer recipientsPer30d,
      Integer sameContentRecipientsPer24h,
      Integer sameContentRecipientsPer30d) {
    public MailSending {
      positive("recipientsPer24h", recipientsPer24h);
      positive("recipientsPer30d", recipientsPer30d);
      positive("sameContentRecipientsPer24h", sameContentRecipientsPer24h);
      positive("sameContentRecipientsPer30d", sameContentRecipientsPer30d);
      check(
          recipientsPer24h == null
              || recipientsPer30d == null
              || recipientsPer24h <= recipientsPer30d,
          "recipientsPer24h",
          "a daily limit above the 30-day limit can never be reached");
    }
  }

  /** Messages per receiving address. */
  public record MailReceiving(Integer messagesPer24h, Integer messagesPer30d) {
    public MailReceiving {
      positive("messagesPer24h", messagesPer24h);
      positive("messagesPer30d", messagesPer30d);
      check(
          messagesPer24h == null || messagesPer30d == null || messagesPer24h <= messagesPer30d,
          "messagesPer24h",
          "a daily limit above the 30-day limit can never be reached");
    }
  }

  /** "Overforbruk blir etterfakturert med 1,-/1GB/dag. DG plikter å varsle overforbruk." */
  public record Traffic(
      Money overusePricePerGbPerDay, Boolean notifyOveruse, Boolean mayThrottle) {}

  /** Notify at a fill level; upgrade automatically when use persists. */
  public record StorageQuota(Percent notifyAt, Boolean autoUpgrade) {}

  private static void positive(String field, Integer value) {
    check(value == null || value > 0, field, "must be a positive number");
  }
}
