package dev.vakt.secrets;

import dev.vakt.common.Paging;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Write-only access to secrets: values go in, only names come out. */
@RestController
class SecretsController {

  private final Secrets secrets;

  SecretsController(Secrets secrets) {
    this.secrets = secrets;
  }

  record Value(String value) {
    @Override
    public String toString() {
      return "Value[(hidden)]";
    }
  }

  @GetMapping("/api/secrets")
  ResponseEntity<List<Secrets.Entry>> names(
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return Paging.page(secrets.names(), Paging.PageRequest.of(page, size));
  }

  @PutMapping("/api/secrets/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void put(@PathVariable String name, @RequestBody Value body, java.security.Principal principal) {
    secrets.put(
        name, body == null ? null : body.value(), dev.vakt.common.Requests.actor(principal));
  }
}
