package dev.vakt.contract;

import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.common.Paging;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** REST for terms documents and for "which terms applied to customer C on date D". */
@RestController
class ContractController {

  private final ContractService contracts;
  private final Clock clock;

  ContractController(ContractService contracts, Clock clock) {
    this.contracts = contracts;
    this.clock = clock;
  }

  @GetMapping("/api/documents")
  ResponseEntity<List<StoredDocument>> documents(
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    Paging.PageRequest p = Paging.PageRequest.of(page, size);
    return Paging.page(contracts.documents(p), p);
  }

  @GetMapping("/api/documents/{kind}/{id}/{version}")
  JsonNode document(@PathVariable String kind, @PathVariable String id, @PathVariable int version) {
    return contracts
        .body(kind, id, version)
        .orElseThrow(() -> new NotFound(kind + " " + id + " v" + version));
  }

  @GetMapping("/api/customers/{customer}/terms")
  List<ResolvedTerms> customerTerms(
      @PathVariable String customer, @RequestParam(required = false) String date) {
    return contracts.termsFor(customer, day(date));
  }

  @GetMapping("/api/contracts/{contract}/terms")
  ResolvedTerms contractTerms(
      @PathVariable String contract, @RequestParam(required = false) String date) {
    LocalDate day = day(date);
    return contracts
        .termsOfContract(contract, day)
        .orElseThrow(() -> new NotFound("contract " + contract + " on " + day));
  }

  private LocalDate day(String date) {
    if (date == null) {
      return LocalDate.now(clock);
    }
    // Years 1583 to 9999 only, like every date parameter (F15).
    return dev.vakt.common.Requests.date("date", date);
  }
}
