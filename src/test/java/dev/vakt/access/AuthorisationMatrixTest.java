package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * DPA-4, the authorisation matrix: every endpoint Spring serves, for each role and for anyone
 * signed out, against the customer's own data and another customer's. Every endpoint must have a
 * row in {@link AccessRules#RULES}, so adding one without deciding who may call it fails here.
 */
class AuthorisationMatrixTest extends IntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired AccessRules rules;

  private String own;
  private String other;
  private final Map<Role, RestClient> clients = new EnumMap<>(Role.class);

  /** One endpoint: a method and a pattern as declared. */
  record Endpoint(String method, String pattern) {}

  @BeforeEach
  void twoCustomersAndAnAccountPerRole() {
    own = unique("own");
    other = unique("other");
    for (String c : List.of(own, other)) {
      http.put()
          .uri("/api/customers/" + c + "?provider=stw")
          .contentType(MediaType.APPLICATION_JSON)
          .body(
              """
              {"id":"%s","name":"Matrix AS","country":"NO","language":"nb",
               "email":"post@matrix.example"}
              """
                  .formatted(c))
          .retrieve()
          .toBodilessEntity()
          .getStatusCode()
          .is2xxSuccessful();
    }
    for (Role role : Role.values()) {
      String user = unique(role.name().toLowerCase().replace('_', '-'));
      accounts.create(
          new Accounts.NewAccount(user, "matrix password", role, role.staff() ? null : own),
          "test");
      String token = apiTokens.issue(user, "matrix", ApiTokens.Scope.WRITE, null, "test").value();
      clients.put(
          role, anonymous().mutate().defaultHeader("Authorization", "Bearer " + token).build());
    }
  }

  private List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        if (methods.isEmpty()) {
          all.add(new Endpoint(AccessRules.ANY, pattern));
        }
        methods.forEach(m -> all.add(new Endpoint(m.name(), pattern)));
      }
    }
    return all;
  }

  @Test
  void everyEndpointHasARule_DPA4() {
    Set<String> missing = new TreeSet<>();
    for (Endpoint e : endpoints()) {
      boolean covered =
          AccessRules.RULES.stream()
              .anyMatch(
                  r ->
                      r.pattern().equals(e.pattern())
                          && (r.method().equals(e.method()) || r.method().equals(AccessRules.ANY)));
      if (!covered) {
        missing.add(e.method() + " " + e.pattern());
      }
    }
    assertThat(missing).as("endpoints without a row in AccessRules.RULES").isEmpty();
    assertThat(endpoints()).hasSizeGreaterThan(75);
  }

  @Test
  void endpointsWithoutARuleAreForStaffOnly_DPA4() {
    assertThat(rules.audience("GET", "/api/customers/x/something-new"))
        .isEqualTo(AccessRules.Audience.STAFF);
    assertThat(rules.audience("POST", "/api/servers/s1/something-new"))
        .isEqualTo(AccessRules.Audience.STAFF);
    assertThat(rules.audience("GET", "/api/customers/x/sla"))
        .isEqualTo(AccessRules.Audience.CUSTOMERS);
  }

  @Test
  void eachRoleOnEachEndpointForItsOwnAndAnotherCustomer_DPA4() {
    List<String> wrong = new ArrayList<>();
    for (Endpoint e : endpoints()) {
      AccessRules.Audience audience = rules.audience(e.method(), e.pattern());
      if (audience == AccessRules.Audience.PUBLIC || e.method().equals(AccessRules.ANY)) {
        continue; // public by design: signing in, health, the pages, signed alert links
      }
      boolean perCustomer = e.pattern().startsWith("/api/customers/{");
      int anonymous = call(anonymous(), e, own);
      // Signed out, a change is refused by the CSRF check (403) before it is asked to sign in.
      boolean safe = e.method().equals("GET");
      if (safe ? anonymous != 401 : anonymous != 401 && anonymous != 403) {
        wrong.add("anonymous " + e + " -> " + anonymous);
      }
      if (rules.sensitive(e.method(), e.pattern())) {
        // Sensitive changes never with an API token, whatever its scope and role (F8): 403.
        for (Role role : Role.values()) {
          int s = call(clients.get(role), e, own);
          if (s != 403) {
            wrong.add(role + " token " + e + " (sensitive) -> " + s);
          }
        }
        continue;
      }
      for (Role role : Role.values()) {
        RestClient client = clients.get(role);
        if (audience == AccessRules.Audience.SIGNED_IN) {
          int s = call(client, e, own);
          if (s == 401) {
            wrong.add(role + " " + e + " -> " + s);
          }
          continue;
        }
        if (!audience.admits(role)) {
          int s = call(client, e, own);
          if (s != 403) {
            wrong.add(role + " " + e + " (not admitted) -> " + s);
          }
          continue;
        }
        if (role.staff()) {
          // Staff reach the handler; ids that exist nowhere keep the call harmless.
          int s = call(client, e, "matrix-none");
          if (s == 401 || s == 403) {
            wrong.add(role + " " + e + " -> " + s);
          }
          continue;
        }
        int mine = call(client, e, own);
        if (mine == 401
            || mine == 403
            || (perCustomer
                && onlyCustomerVariable(e)
                && e.method().equals("GET")
                && mine == 404)) {
          wrong.add(role + " " + e + " own customer -> " + mine);
        }
        if (perCustomer) {
          int theirs = call(client, e, other);
          if (theirs != 404) {
            wrong.add(role + " " + e + " other customer -> " + theirs + " (must be 404)");
          }
        }
      }
    }
    assertThat(wrong).as("outcomes that break the matrix").isEmpty();
  }

  private static boolean onlyCustomerVariable(Endpoint e) {
    return e.pattern().chars().filter(c -> c == '{').count() == 1;
  }

  private int call(RestClient client, Endpoint e, String customer) {
    String path =
        e.pattern().replaceFirst("^/api/customers/\\{[a-z]+\\}", "/api/customers/" + customer);
    path = path.replaceAll("\\{[a-zA-Z]+\\}", "matrix-none");
    if (path.endsWith("/sla/events")) {
      path += "?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
    }
    RestClient.RequestBodySpec spec = client.method(HttpMethod.valueOf(e.method())).uri(path);
    if (!Set.of("GET", "DELETE").contains(e.method())) {
      spec.contentType(MediaType.APPLICATION_JSON)
          .body("{\"service\":\"matrix-none\",\"reason\":\"matrix\"}");
    }
    return spec.retrieve().toBodilessEntity().getStatusCode().value();
  }
}
