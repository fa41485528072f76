package dev.vakt.maintenance.patching;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors.Conflict;
import dev.vakt.common.ApiErrors.InvalidInput;
import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.inventory.Contact;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' postponements of updates (STW 4.0, MNT-6): recorded with the request, the risk the
 * customer accepts and the last day, only where the contract allows it; ended early on request.
 * Both changes are audited in the transaction that makes them.
 */
@org.springframework.stereotype.Service
public class PostponementService {

  /**
   * A request to postpone.
   *
   * @param servers the servers it covers; empty or absent with {@code allServers}
   * @param allServers every server of the customer, now and later
   * @param reason the request in the customer's words
   * @param risk the risk the customer accepts, as told to it
   * @param requestedBy the e-mail address of the customer's contact who asked
   * @param until the last day it applies, in the contract's time zone
   */
  public record Request(
      List<String> servers,
      Boolean allServers,
      String reason,
      String risk,
      String requestedBy,
      LocalDate until) {}

  /**
   * A postponement with its state now.
   *
   * @param status {@code active}, {@code ended} (early) or {@code expired}
   */
  public record View(
      @com.fasterxml.jackson.annotation.JsonUnwrapped Postponement postponement, String status) {}

  private final InventoryService inventory;
  private final PatchTerms terms;
  private final PostponementStore store;
  private final AuditLog audit;
  private final Clock clock;

  PostponementService(
      InventoryService inventory,
      PatchTerms terms,
      PostponementStore store,
      AuditLog audit,
      Clock clock) {
    this.inventory = inventory;
    this.terms = terms;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Records a postponement.
   *
   * @throws NotFound when the customer does not exist
   * @throws Conflict when a contract covering the servers does not allow postponing updates
   * @throws InvalidInput when the request names other customers' servers, someone who is not the
   *     customer's contact, or a day already past
   */
  @Transactional
  public Postponement postpone(String customerId, Request r, String actor) {
    Customer customer =
        inventory.customer(customerId).orElseThrow(() -> new NotFound("customer " + customerId));
    Instant now = now();
    List<String> servers = servers(customerId, r);
    PatchTerms.Applied applied = allowing(customerId, servers, now);
    if (r.requestedBy() == null || !contacts(customer).contains(lower(r.requestedBy()))) {
      throw new InvalidInput(
          "/requestedBy",
          "'"
              + r.requestedBy()
              + "' is not the e-mail address of a contact of customer "
              + customerId);
    }
    if (r.until() == null) {
      throw new InvalidInput("/until", "is required: the last day of the postponement");
    }
    LocalDate today = applied.today();
    if (r.until().isBefore(today)) {
      throw new InvalidInput("/until", r.until() + " lies in the past (today is " + today + ")");
    }
    Postponement p =
        store.insert(
            new Postponement(
                0,
                customerId,
                applied.contract(),
                servers,
                r.reason(),
                r.risk(),
                r.requestedBy(),
                r.until(),
                r.until().plusDays(1).atStartOfDay(applied.zone()).toInstant(),
                now,
                actor,
                null,
                null,
                null));
    audit.record(
        actor, "postpone", "patch-postponement", Long.toString(p.id()), customerId, null, p);
    return p;
  }

  /**
   * The terms that allow postponing updates on {@code servers} (null: every server of the
   * customer), by the contract covering each server now (issue 18): servers whose contract sets no
   * patch management have nothing to postpone and are passed over; every other one's contract must
   * allow it, or a postponement of "all servers" would excuse a server whose contract forbids it.
   * The postponement is recorded under the first of those contracts (by id), its last day in that
   * contract's zone.
   *
   * @throws Conflict when no server is under patch management, or a contract does not allow it
   */
  private PatchTerms.Applied allowing(String customerId, List<String> servers, Instant now) {
    List<String> judged =
        servers != null
            ? servers
            : inventory.servers(customerId).stream().map(Server::id).sorted().toList();
    List<PatchTerms.Applied> managed =
        judged.stream()
            .map(s -> terms.forServer(s, now))
            .filter(a -> a.policy() != null)
            .sorted(java.util.Comparator.comparing(PatchTerms.Applied::contract))
            .toList();
    if (managed.isEmpty()) {
      throw new Conflict(
          "no contract covering "
              + (servers == null ? "the servers of customer " + customerId : "these servers")
              + " sets patch management: nothing to postpone");
    }
    for (PatchTerms.Applied a : managed) {
      if (!Boolean.TRUE.equals(a.policy().postponementAllowed())) {
        throw new Conflict(
            "contract "
                + a.contract()
                + " does not allow the customer to postpone updates"
                + " (maintenance.patching.postponementAllowed is not true; MNT-6)");
      }
    }
    return managed.getFirst();
  }

  /**
   * Fails as "not found" for a customer the caller may not see (DPA-4): called before a request's
   * body or ids are read, so their errors tell nothing about another customer.
   */
  public void requireCustomer(String customerId) {
    inventory.customer(customerId).orElseThrow(() -> new NotFound("customer " + customerId));
  }

  /** The customer's postponements, newest first, with their state now. */
  public List<View> list(String customerId) {
    inventory.customer(customerId).orElseThrow(() -> new NotFound("customer " + customerId));
    Instant now = now();
    return store.forCustomer(customerId).stream().map(p -> view(p, now)).toList();
  }

  /**
   * Ends a postponement now, before its last day.
   *
   * @throws NotFound when the customer has no such postponement
   * @throws Conflict when it has already ended
   */
  @Transactional
  public View end(String customerId, long id, String reason, String actor) {
    Postponement before =
        store
            .get(id)
            .filter(p -> p.customer().equals(customerId))
            .orElseThrow(() -> new NotFound("postponement " + id + " of customer " + customerId));
    Instant now = now();
    if (!store.end(id, now, actor, reason)) {
      throw new Conflict(
          "postponement " + id + " already ended at " + before.activeUntil() + ": nothing to end");
    }
    Postponement after = store.get(id).orElseThrow();
    audit.record(actor, "end", "patch-postponement", Long.toString(id), customerId, before, after);
    return view(after, now);
  }

  /** Now, as PostgreSQL stores it: a state computed from it agrees with the stored row. */
  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private List<String> servers(String customerId, Request r) {
    boolean all = Boolean.TRUE.equals(r.allServers());
    boolean some = r.servers() != null && !r.servers().isEmpty();
    if (all == some) {
      throw new InvalidInput(
          "/servers", "name the servers, or set allServers: true for every server (not both)");
    }
    if (all) {
      return null;
    }
    Set<String> own =
        inventory.servers(customerId).stream().map(Server::id).collect(Collectors.toSet());
    for (String s : r.servers()) {
      if (!own.contains(s)) {
        throw new InvalidInput("/servers", "'" + s + "' is not a server of customer " + customerId);
      }
    }
    return r.servers().stream().distinct().toList();
  }

  private static Set<String> contacts(Customer c) {
    Set<String> out =
        c.contacts().stream()
            .map(Contact::email)
            .map(PostponementService::lower)
            .collect(Collectors.toCollection(java.util.HashSet::new));
    if (c.email() != null) {
      out.add(lower(c.email()));
    }
    return out;
  }

  private static String lower(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }

  private static View view(Postponement p, Instant now) {
    String status =
        p.activeAt(now)
            ? "active"
            : p.endedAt() != null && p.endedAt().isBefore(p.endsAt()) ? "ended" : "expired";
    return new View(p, status);
  }
}
