package dev.vakt.contract;

import static dev.vakt.contract.ContractYaml.contract;
import static dev.vakt.contract.ContractYaml.docs;
import static dev.vakt.contract.ContractYaml.product;
import static dev.vakt.contract.ContractYaml.provider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Binder;
import dev.vakt.common.YamlSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * K-1: the engines see exactly the terms the document says. The resolver writes every layer back to
 * a tree before merging, so every section must survive that round trip unchanged.
 */
class TermsRoundTripTest {

  static final String FULL_TERMS =
      """
      timeZone: Europe/Oslo
      currency: NOK
      language: nb
      holidays: NO
      openingHours:
        - days: every-day
          from: 00:00
          to: 24:00
      sla:
        uptime:
          target: 99.9
          measurement: {period: consecutive-months, length: 3}
          basis: always
          credit:
            kind: fee-percent
            tiers:
              - {below: 99.9, credit: 10}
              - {below: 99.5, credit: 25}
        availability:
          target: 99.995
          measurement: {period: trailing-days, length: 30}
          basis: opening-hours
          credit: {kind: whole-days-until-met}
        minimumMtbf: 360d
        maxRestoreTime: 48h
        maxTimeToAction: 1h
        excluded: [customer-caused, planned-maintenance, external-attack]
        priceReductionForUnannouncedStops: false
      monitoring:
        interval: 5m
        timeout: 30s
        maxAttempts: 3
        retryInterval: 1m
        services: [ping, ssh, http]
        host: [load, disk, lvm-thin, corosync-quorum]
        customerInstalled: false
        thresholds:
          diskWarning: 80
          diskCritical: 95
          memoryWarning: 85
          memoryCritical: 95
          loadPerCoreWarning: 1.5
          loadPerCoreCritical: 3
          thinPoolWarning: 80
          thinPoolCritical: 90
          certificateWarning: 14d
          certificateCritical: 3d
        processWatchdog:
          maxRuntime: 2h
          maxRssMiB: 2048
          customerExceptionsNeedWrittenConfirmation: true
        prohibitedActivity:
          detect: [crypto-mining, network-scanning]
          suspendWithoutNotice: true
        proxmox:
          requireSupportedMajor: true
          requireSubscription: true
      alerting:
        technicians: true
        emergencyList:
          channels: [email, sms]
          notifyOn: [outage, recovery]
        troubleshootingStart:
          within: 1h
          applies: outside-support-hours
        maintenanceNotice: 72h
        securityDisconnectNotice: true
        importantMessagesByEmail: true
      maintenance:
        windows:
          - name: service-window
            kind: scheduled
            purposes: [security-updates, updates]
            notice: 0s
            schedule:
              - days: sat
                from: 00:00
                to: 09:00
          - name: unscheduled
            kind: unscheduled
            schedule:
              - days: every-day
                from: 20:00
                to: 06:00
                endsNextDay: true
              - days: [working-days, sat]
                from: 08:00
                to: 16:00
        agreed:
          - reference: ticket 4711
            start: 2024-03-02T22:00
            end: 2024-03-03T02:00
        patching:
          checkEvery: 1 month
          stableAfter: 7d
          allSecurityPatches: true
          secondaryNodesFirst: true
          nonRedundantAllAtOnce: true
          providerInstalledOnly: true
          components: [pve-kernel, pve-manager, qemu-kvm]
          officialRepositories: [deb.debian.org]
          postponementAllowed: true
        restart:
          selfService: true
          assistedWithinSupportHours: true
      capacity:
        nMinusOne: true
        cpuOvercommit: 4.0
        ramOvercommit: 1.25
        storageMaxUsed: 80
        shortfallIsCustomerResponsibility: true
      backup:
        included: true
        scope: customer-paths
        warnWhenNoPaths: true
        schedule:
          incrementalEvery: 24h
          fullEvery: 1 month
          at: 02:00
          perDay: 1
        retention:
          daily: 7
          weekly: 4
          monthly: 0
          maxAge: 6 months
        offsite: true
        restore: [file, folder, vm]
        recordMissedDays: true
      support:
        hours:
          - days: mon-thu
            from: 08:00
            to: 21:00
          - days: fri
            from: 08:00
            to: 15:00
        onCallAroundTheClock: true
        verifiedSendersOnly: true
        destructiveChangesRequire: [verified-email, signed-fax]
        rates:
          - name: special-request
            price: 35.00 EUR
            per: 15m
            increment: 15m
            freeUpTo: 5m
            consultFirst: true
        hypervisorMovesIncluded: true
        databaseMovesIncluded: false
      billing:
        minimumTerm: 12 months
        renewalPeriod: 1 year
        autoRenew: true
        renewalInvoiceLead: 30 days
        paymentTerms: 14 days
        rounding: {increment: 1.00, mode: half-up}
        invoiceFee: {amount: 49 NOK, exempt: [card]}
        priceChangeNotice: 1 month
        cpiAdjustmentWithoutNotice: true
        campaignPeriods: 1
        coTerming: {addWholePeriodWhenRemainderUnder: 1 month}
        refunds: {fee: 50 NOK, setOffBelow: 100 NOK}
        withdrawal:
          within: 14 days
          startsDayAfterDelivery: true
          extendToNextWorkingDay: true
          extensionIfInformationMissing: 12 months
          refundWithin: 14 days
          exemptProducts: [domain, ssl-certificate]
        termination:
          bindingPeriod: 12 months
          notice: 3 months
          noticeBeforeRenewal: 30 days
          channel: control-panel
          refundCurrentPeriod: false
          settlementThreshold: 50 DKK
          deleteDataAfter: 15 days
          discontinuedProductNotice: 1 month
          objectionAfterChangeNotice: 30 days
        moneyBackGuarantee: 30 days
        liabilityCap: {kind: paid-in-preceding-months, months: 12}
        materialBreachAfterOverdue: 30 days
        reopeningFee: 250 NOK
        deliveryWithin: 14 days
        dunning: {reminderFee: 35 NOK, statutoryInterest: true, debtCollectionDeadline: 14 days}
      limits:
        mailSending:
          recipientsPer24h: 1000
          recipientsPer30d: 10000
          sameContentRecipientsPer24h: 100
          sameContentRecipientsPer30d: 1000
        mailReceiving: {messagesPer24h: 5000, messagesPer30d: 50000}
        holdMailWhileServerDown: true
        traffic: {overusePricePerGbPerDay: 1 NOK, notifyOveruse: true, mayThrottle: false}
        vpnUsersIncluded: 10
        extraVpnUserPrice: 50 SEK
        storageQuota: {notifyAt: 90, autoUpgrade: false}
      access:
        rootOrSudoRequired: true
        dedicatedUserPreferred: true
        outOfBandOnHardwareFailure: true
        verifyEvery: 24h
        lossSuspendsResponsibility: true
        extraCostsBillable: true
        customerRootOnHypervisor: false
        accountAccessChangesViaProvider: true
        osUserChangesOnRequest: true
      dataProtection:
        subProcessorNotice: 30 days
        breachNotificationWithoutDelay: true
        customerExportBeforeEnd: true
        deleteAfterEnd: 30 days
        securityTestsAnnounced: true
        twoFactorRequired: true
      domains:
        renewUnpaid: false
        registrarLock: true
        withholdAuthCodeWhileInDefault: true
        whoisPrivacy: true
        assignNameServers: true
      network:
        managedFirewall: true
        openingNeedsSignedForm: true
        securityDisconnectWithoutNotice: true
        uplinkMbit: 1000
      """;

  private static final LocalDate DAY = LocalDate.parse("2024-03-01");

  private static ResolvedTerms resolveWithProviderTerms(List<TermsDocument> documents) {
    return new TermsResolver(documents).resolve("c-1", DAY).orElseThrow();
  }

  private static List<TermsDocument> providerWithEverything() {
    return docs(
        provider("bdn", 1, "2024-01-01", FULL_TERMS),
        product("basic", 1, "2024-01-01", null),
        contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", null));
  }

  @DisplayName("K-1: every section of the terms reaches the engines unchanged")
  @Test
  void everySectionSurvivesResolution() {
    List<TermsDocument> documents = providerWithEverything();
    Terms written = documents.getFirst().terms();
    ResolvedTerms resolved = resolveWithProviderTerms(documents);
    assertThat(resolved.terms()).isEqualTo(written);
  }

  @DisplayName("K-1: the same terms one layer up give the same result, now set by that layer")
  @Test
  void sameTermsInTheContract() {
    List<TermsDocument> documents =
        docs(
            provider("bdn", 1, "2024-01-01", "timeZone: UTC\ncurrency: EUR\nlanguage: en\n"),
            product("basic", 1, "2024-01-01", null),
            contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", FULL_TERMS));
    ResolvedTerms resolved = resolveWithProviderTerms(documents);
    assertThat(resolved.terms()).isEqualTo(documents.getLast().terms());
    assertThat(resolved.sources().values()).containsOnly("Contract c-1 v1");
  }

  @DisplayName("K-2: every value the provider wrote has the provider as its source")
  @Test
  void everyValueHasASource() {
    List<TermsDocument> documents = providerWithEverything();
    ResolvedTerms resolved = resolveWithProviderTerms(documents);
    JsonNode tree = Binder.MAPPER.valueToTree(documents.getFirst().terms());
    List<String> leaves = new ArrayList<>();
    leaves(tree, "", leaves);
    assertThat(leaves).hasSizeGreaterThan(150);
    assertThat(resolved.sources()).containsOnlyKeys(leaves);
    assertThat(resolved.sources().values()).containsOnly("Provider bdn v1");
  }

  @DisplayName("K-1: the written terms read back as written")
  @Test
  void treeOfTermsReadsBack() {
    Terms written = providerWithEverything().getFirst().terms();
    JsonNode tree = Binder.MAPPER.valueToTree(written);
    YamlSource.Document doc = new YamlSource.Document("t", 0, tree, Map.of());
    assertThat(Binder.bind(doc, "", tree, Terms.class)).isEqualTo(new Binder.Result.Ok<>(written));
  }

  private static void leaves(JsonNode node, String pointer, List<String> out) {
    if (node.isObject() && !node.isEmpty()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        leaves(e.getValue(), pointer + "/" + YamlSource.escape(e.getKey()), out);
      }
    } else {
      out.add(pointer);
    }
  }
}
