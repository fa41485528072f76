package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, item 4 (DPA-3, DPA-4): account management exactly as docs/access.md says, per endpoint
 * and per role, from signed-in sessions: technicians manage no accounts (F7); API tokens of any
 * scope never change accounts or make tokens (F8); customer admins see and change only their own
 * customer's accounts and never enable what staff disabled, and a taken username does not say whose
 * it is (F16); every password set is screened (F14).
 */
class AccountManagementTest extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private String own;
  private String other;

  /** Who calls, and how: a session of a role, a token, or nobody. */
  private interface Caller {
    ResponseEntity<String> send(HttpMethod method, String path, String json);
  }

  @BeforeEach
  void twoCustomers() {
    own = unique("own");
    other = unique("other");
    for (String c : List.of(own, other)) {
      putOk(
          "/api/customers/" + c + "?provider=stw",
          """
          {"id":"%s","name":"Accounts AS","country":"NO","language":"nb","email":"post@a.example"}
          """
              .formatted(c));
    }
  }

  private Caller session(Role role, String customer) {
    Browser b = TestSessions.signIn(port, accounts, role, customer);
    return (m, p, j) -> b.send(m, p, j, true);
  }

  private Caller token(Role role, ApiTokens.Scope scope) {
    String user = unique("tok");
    accounts.create(
        new Accounts.NewAccount(user, TestSessions.PASSWORD, role, role.staff() ? null : own),
        "test");
    String value = apiTokens.issue(user, "t", scope, null, "test").value();
    RestClient c = anonymous().mutate().defaultHeader("Authorization", "Bearer " + value).build();
    return (m, p, j) -> {
      RestClient.RequestBodySpec spec = c.method(m).uri(p);
      if (j != null) {
        spec.contentType(MediaType.APPLICATION_JSON).body(j);
      }
      return spec.retrieve().toEntity(String.class);
    };
  }

  private Caller anonymousCaller() {
    Browser b = new Browser(port);
    b.get("/api/session");
    return (m, p, j) -> b.send(m, p, j, true);
  }

  /** Each account endpoint, with a fresh target each time, so calls do not depend on order. */
  private Map<String, Function<Caller, Integer>> endpoints(String customer) {
    Map<String, Function<Caller, Integer>> e = new LinkedHashMap<>();
    e.put("GET /api/accounts", c -> status(c, HttpMethod.GET, "/api/accounts", null));
    e.put(
        "POST /api/accounts",
        c ->
            status(
                c,
                HttpMethod.POST,
                "/api/accounts",
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"ADMIN\"}"
                    .formatted(unique("made"), TestSessions.PASSWORD)));
    for (String action : List.of("disable", "enable", "unlock")) {
      e.put(
          "POST /api/accounts/{u}/" + action,
          c ->
              status(c, HttpMethod.POST, "/api/accounts/" + viewer(customer) + "/" + action, null));
    }
    String base = "/api/customers/" + customer + "/users";
    e.put("GET " + base, c -> status(c, HttpMethod.GET, base, null));
    e.put(
        "POST " + base,
        c ->
            status(
                c,
                HttpMethod.POST,
                base,
                "{\"username\":\"%s\",\"role\":\"CUSTOMER_ADMIN\"}".formatted(unique("made"))));
    for (String action : List.of("disable", "enable")) {
      e.put(
          "POST " + base + "/{u}/" + action,
          c -> status(c, HttpMethod.POST, base + "/" + viewer(customer) + "/" + action, null));
    }
    e.put(
        "POST /api/account/tokens",
        c ->
            status(
                c, HttpMethod.POST, "/api/account/tokens", "{\"name\":\"x\",\"scope\":\"write\"}"));
    return e;
  }

  private String viewer(String customer) {
    String u = unique("target");
    accounts.create(
        new Accounts.NewAccount(u, TestSessions.PASSWORD, Role.CUSTOMER_VIEWER, customer), "test");
    return u;
  }

  private static int status(Caller c, HttpMethod m, String path, String json) {
    return c.send(m, path, json).getStatusCode().value();
  }

  /** Runs every endpoint for {@code caller}, and lists those whose status breaks {@code ok}. */
  private List<String> wrong(
      String who, Caller caller, String customer, Function<String, Boolean> allowed) {
    List<String> wrong = new ArrayList<>();
    endpoints(customer)
        .forEach(
            (name, call) -> {
              int s = call.apply(caller);
              boolean isAllowed = allowed.apply(name);
              boolean ok = isAllowed ? s >= 200 && s < 300 : (s == 403 || s == 404 || s == 401);
              if (!ok) {
                wrong.add(who + " " + name + " -> " + s + (isAllowed ? " (allowed)" : ""));
              }
            });
    return wrong;
  }

  @Test
  void everyAccountEndpointPerRole_F7_F8_DPA3_DPA4() {
    List<String> wrong = new ArrayList<>();
    // Admins manage every account, from a session with a recent second factor.
    wrong.addAll(wrong("ADMIN", session(Role.ADMIN, null), own, name -> true));
    // Technicians manage no accounts at all, a customer's neither (F7); their own tokens yes.
    wrong.addAll(
        wrong(
            "TECHNICIAN",
            session(Role.TECHNICIAN, null),
            own,
            name -> name.equals("POST /api/account/tokens")));
    // Customer admins: their own customer's users, nothing else; another customer's is 404.
    Caller customerAdmin = session(Role.CUSTOMER_ADMIN, own);
    wrong.addAll(
        wrong(
            "CUSTOMER_ADMIN own",
            customerAdmin,
            own,
            name -> name.contains("/users") || name.equals("POST /api/account/tokens")));
    wrong.addAll(
        wrong(
            "CUSTOMER_ADMIN other",
            customerAdmin,
            other,
            name -> name.equals("POST /api/account/tokens")));
    wrong.addAll(
        wrong(
            "CUSTOMER_VIEWER",
            session(Role.CUSTOMER_VIEWER, own),
            own,
            name -> name.equals("POST /api/account/tokens")));
    // Tokens, even an admin's write token, change no account and make no token (F8); reading
    // the account list is a read.
    wrong.addAll(
        wrong(
            "ADMIN write token",
            token(Role.ADMIN, ApiTokens.Scope.WRITE),
            own,
            name -> name.startsWith("GET ")));
    wrong.addAll(
        wrong(
            "ADMIN read token",
            token(Role.ADMIN, ApiTokens.Scope.READ),
            own,
            name -> name.startsWith("GET ")));
    wrong.addAll(
        wrong(
            "CUSTOMER_ADMIN write token",
            token(Role.CUSTOMER_ADMIN, ApiTokens.Scope.WRITE),
            own,
            name -> name.startsWith("GET /api/customers/")));
    wrong.addAll(wrong("anonymous", anonymousCaller(), own, name -> false));
    assertThat(wrong).as("account endpoints answering against docs/access.md").isEmpty();
  }

  @Test
  void aTechnicianCannotCreateACustomerAdminNorLearnItsPassword_F7_DPA3() {
    Caller tech = session(Role.TECHNICIAN, null);
    String name = unique("cadm");
    ResponseEntity<String> r =
        tech.send(
            HttpMethod.POST,
            "/api/customers/" + own + "/users",
            "{\"username\":\"%s\",\"role\":\"CUSTOMER_ADMIN\"}".formatted(name));
    assertThat(r.getStatusCode().value()).isEqualTo(403);
    assertThat(r.getBody()).doesNotContain("initialPassword");
    assertThat(accounts.find(name)).isEmpty();
  }

  @Test
  void aLeakedAdminTokenCannotMakeAnAdminNorATokenAndSaysWhy_F8_DPA3() {
    Caller leaked = token(Role.ADMIN, ApiTokens.Scope.WRITE);
    String name = unique("evil");
    ResponseEntity<String> r =
        leaked.send(
            HttpMethod.POST,
            "/api/accounts",
            "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"ADMIN\"}"
                .formatted(name, TestSessions.PASSWORD));
    assertThat(r.getStatusCode().value()).isEqualTo(403);
    assertThat(r.getHeaders().getContentType().toString()).contains("problem+json");
    assertThat(JSON.readTree(r.getBody()).path("type").asString()).endsWith("/session-needed");
    assertThat(accounts.find(name)).isEmpty();
    ResponseEntity<String> t =
        leaked.send(
            HttpMethod.POST,
            "/api/account/tokens",
            "{\"name\":\"long\",\"scope\":\"write\",\"expiresInDays\":366}");
    assertThat(t.getStatusCode().value()).isEqualTo(403);
    assertThat(JSON.readTree(t.getBody()).path("type").asString()).endsWith("/session-needed");
  }

  @Test
  void aCustomerAdminCannotEnableWhatStaffDisabled_F16_DPA4() {
    String target = viewer(own);
    Caller customerAdmin = session(Role.CUSTOMER_ADMIN, own);
    String base = "/api/customers/" + own + "/users/" + target;
    // Staff disable it: the customer admin may not undo that.
    accounts.setDisabled(target, true, ADMIN);
    assertThat(status(customerAdmin, HttpMethod.POST, base + "/enable", null)).isEqualTo(409);
    assertThat(accounts.find(target).orElseThrow().disabled()).isTrue();
    // What the customer admin disabled, it may enable again; staff may enable either.
    accounts.setDisabled(target, false, ADMIN);
    assertThat(status(customerAdmin, HttpMethod.POST, base + "/disable", null)).isEqualTo(200);
    assertThat(status(customerAdmin, HttpMethod.POST, base + "/enable", null)).isEqualTo(200);
    assertThat(accounts.find(target).orElseThrow().disabled()).isFalse();
  }

  @Test
  void aCustomerAdminSeesOnlyItsCustomersAccountsAndATakenNameSaysNotWhose_F16_DPA4() {
    Caller customerAdmin = session(Role.CUSTOMER_ADMIN, own);
    String theirs = viewer(other);
    JsonNode mine =
        JSON.readTree(
            customerAdmin.send(HttpMethod.GET, "/api/customers/" + own + "/users", null).getBody());
    assertThat(mine.findValuesAsString("customer")).containsOnly(own);
    assertThat(mine.findValuesAsString("username")).doesNotContain(theirs, ADMIN);
    // A name held by staff and one held by another customer get the very same answer.
    String staffName = ADMIN;
    ResponseEntity<String> a = addUser(customerAdmin, staffName);
    ResponseEntity<String> b = addUser(customerAdmin, theirs);
    assertThat(a.getStatusCode().value()).isEqualTo(409);
    assertThat(b.getStatusCode().value()).isEqualTo(409);
    assertThat(detail(a).replace(staffName, "X")).isEqualTo(detail(b).replace(theirs, "X"));
    assertThat(a.getBody()).doesNotContainIgnoringCase("staff").doesNotContain(other);
  }

  @Test
  void probingTakenNamesMakesEveryNameNotAvailableForAWhile_F16_DPA4() {
    Caller customerAdmin = session(Role.CUSTOMER_ADMIN, own);
    List<String> taken = List.of(ADMIN, viewer(other), viewer(other), viewer(other));
    for (String name : taken) {
      assertThat(addUser(customerAdmin, name).getStatusCode().value()).isEqualTo(409);
    }
    // Now a free name gets the same answer: the prober learns nothing more for a while.
    String free = unique("free");
    ResponseEntity<String> r = addUser(customerAdmin, free);
    assertThat(r.getStatusCode().value()).isEqualTo(409);
    assertThat(detail(r)).isEqualTo(Accounts.notAvailable(free));
    assertThat(accounts.find(free)).isEmpty();
  }

  private ResponseEntity<String> addUser(Caller c, String name) {
    return c.send(
        HttpMethod.POST,
        "/api/customers/" + own + "/users",
        "{\"username\":\"%s\",\"role\":\"CUSTOMER_VIEWER\"}".formatted(name));
  }

  private static String detail(ResponseEntity<String> r) {
    return JSON.readTree(r.getBody()).path("detail").asString();
  }

  @Test
  void reVerifyingTheSecondFactorWithACodeUsedOnce_DPA3() {
    String user = unique("adm");
    Accounts.Created c =
        accounts.create(
            new Accounts.NewAccount(user, TestSessions.PASSWORD, Role.ADMIN, null), "test");
    Browser b = new Browser(port);
    String code = TestTotp.code(c.totpSecret(), 0);
    assertThat(b.login(user, TestSessions.PASSWORD, code).getStatusCode().value()).isEqualTo(200);
    // The login's code cannot be used again; a wrong one names the field.
    ResponseEntity<String> reused = b.post("/api/session/verify", "{\"code\":\"" + code + "\"}");
    assertThat(reused.getStatusCode().value()).isEqualTo(400);
    assertThat(reused.getBody()).contains("/code");
    String next = TestTotp.code(c.totpSecret(), 1);
    assertThat(b.post("/api/session/verify", "{\"code\":\"" + next + "\"}").getStatusCode().value())
        .isEqualTo(204);
    String trail =
        http.get().uri("/api/audit?entity=session&id=" + user).retrieve().body(String.class);
    assertThat(trail).contains("\"verify\"", "\"verify-failed\"").doesNotContain(next);
    // A token cannot verify anything.
    assertThat(
            token(Role.ADMIN, ApiTokens.Scope.WRITE)
                .send(HttpMethod.POST, "/api/session/verify", "{\"code\":\"123456\"}")
                .getStatusCode()
                .value())
        .isEqualTo(403);
  }

  @Test
  void weakPasswordsAreRefusedWhereverAPasswordIsSet_F14_DPA3() {
    Caller admin = session(Role.ADMIN, null);
    Caller customerAdmin = session(Role.CUSTOMER_ADMIN, own);
    for (String weak : List.of("password1234", "            ", "Password123!")) {
      ResponseEntity<String> r =
          admin.send(
              HttpMethod.POST,
              "/api/accounts",
              "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"TECHNICIAN\"}"
                  .formatted(unique("weak"), weak));
      assertThat(r.getStatusCode().value()).as(weak).isEqualTo(400);
      assertThat(r.getBody()).contains("/password");
      ResponseEntity<String> c =
          customerAdmin.send(
              HttpMethod.POST,
              "/api/customers/" + own + "/users",
              "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(unique("weak"), weak));
      assertThat(c.getStatusCode().value()).as(weak).isEqualTo(400);
      assertThat(c.getBody()).contains("/password");
    }
  }
}
