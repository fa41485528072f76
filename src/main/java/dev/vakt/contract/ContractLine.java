package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import dev.vakt.common.Ids;
import dev.vakt.common.Money;
import dev.vakt.common.Texts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One line of a contract (a subscription): what is bought, how many, at what price, from when to
 * when, and which servers and services it covers (issue 18). A service is covered by the line that
 * names it; otherwise by the line that names its server.
 *
 * <p>Lines belong to a contract version, so a move from one line or contract to another is a new
 * version with the changed dates: stored versions never change, and the history stays readable.
 *
 * @param id line id, unique within the contract
 * @param product what the line buys; absent means the contract's main product
 * @param quantity how many units (the product's unit: server, domain, mailbox); 1 when absent
 * @param price the agreed price per unit and billing period; absent means the product's price
 * @param start first day the line runs; absent means the contract's start
 * @param end last day the line runs; absent while it runs
 * @param servers servers the line covers, with their services
 * @param services services the line covers, whichever line covers their server
 * @param clause the clause or order line of the agreement this line encodes
 */
public record ContractLine(
    String id,
    String product,
    Integer quantity,
    Money price,
    LocalDate start,
    LocalDate end,
    List<String> servers,
    List<String> services,
    String clause) {

  /** The most units one line may count: beyond it a typo is likelier than an order. */
  static final int MAX_QUANTITY = 1_000_000;

  public ContractLine {
    Ids.require("id", id);
    Ids.optional("product", product);
    quantity = quantity == null ? 1 : quantity;
    check(
        quantity >= 1 && quantity <= MAX_QUANTITY,
        "quantity",
        "must be 1 to " + MAX_QUANTITY + ", not " + quantity);
    check(
        price == null || price.amount().compareTo(BigDecimal.ZERO) >= 0,
        "price",
        "must not be negative");
    check(
        start == null || end == null || !end.isBefore(start),
        "end",
        "the line ends (" + end + ") before it starts (" + start + ")");
    servers = ids("servers", servers);
    services = ids("services", services);
    clause = Texts.check("clause", clause, Texts.MAX_TEXT);
  }

  private static List<String> ids(String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      Ids.require(field + "/" + i, values.get(i));
      check(seen.add(values.get(i)), field + "/" + i, "'" + values.get(i) + "' is listed twice");
    }
    return List.copyOf(values);
  }

  /** The first day the line runs under {@code contract}. */
  public LocalDate startUnder(ContractDocument contract) {
    return start == null || start.isBefore(contract.start()) ? contract.start() : start;
  }

  /** The last day the line runs under {@code contract}, or null while both run. */
  public LocalDate endUnder(ContractDocument contract) {
    if (end == null) {
      return contract.end();
    }
    return contract.end() == null || end.isBefore(contract.end()) ? end : contract.end();
  }

  /** Whether the line runs on {@code day} under {@code contract}. */
  public boolean runsOn(ContractDocument contract, LocalDate day) {
    LocalDate last = endUnder(contract);
    return contract.runsOn(day)
        && !day.isBefore(startUnder(contract))
        && (last == null || !day.isAfter(last));
  }

  /** The product bought: this line's, else the contract's main product. */
  public String productUnder(ContractDocument contract) {
    return product == null ? contract.product() : product;
  }
}
