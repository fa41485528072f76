package dev.vakt.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 7: the OpenAPI document is generated and served, signed out (it describes the API, not
 * data), and names every endpoint the application serves with its method.
 */
class OpenApiDocumentTest extends IntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private OpenAPI served() throws Exception {
    ResponseEntity<String> r =
        anonymous().get().uri("/v3/api-docs").retrieve().toEntity(String.class);
    assertThat(r.getStatusCode().value()).isEqualTo(200);
    return Json.mapper().readValue(r.getBody(), OpenAPI.class);
  }

  @Test
  void theDocumentIsOpenApi3WithTitleSecurityAndProblems() throws Exception {
    OpenAPI api = served();
    assertThat(api.getOpenapi()).startsWith("3.");
    assertThat(api.getInfo().getTitle()).isEqualTo("Vakt API");
    assertThat(api.getInfo().getVersion()).isNotBlank();
    assertThat(api.getInfo().getDescription()).contains("X-Total-Count");
    assertThat(api.getComponents().getSecuritySchemes()).containsKeys("session", "csrf", "bearer");
    assertThat(api.getComponents().getSecuritySchemes().get("bearer").getBearerFormat())
        .isEqualTo("vakt_...");
    assertThat(api.getComponents().getSchemas()).containsKey("Problem");
    Operation customers = api.getPaths().get("/api/customers").getGet();
    assertThat(customers.getTags()).containsExactly("inventory");
    assertThat(customers.getResponses().get("400").getContent())
        .containsKey("application/problem+json");
    assertThat(customers.getParameters()).extracting(Parameter::getName).contains("page", "size");
    assertThat(customers.getResponses().get("200").getHeaders())
        .containsKeys("X-Total-Count", "Link");
    assertThat(api.getPaths().keySet()).noneMatch(p -> p.startsWith("/actuator"));
  }

  @Test
  void theYamlDocumentParsesToo() throws Exception {
    ResponseEntity<String> r =
        anonymous().get().uri("/v3/api-docs.yaml").retrieve().toEntity(String.class);
    assertThat(r.getStatusCode().value()).isEqualTo(200);
    assertThat(Yaml.mapper().readValue(r.getBody(), OpenAPI.class).getOpenapi()).startsWith("3.");
  }

  @Test
  void swaggerUiIsServed() {
    assertThat(
            anonymous()
                .get()
                .uri("/swagger-ui/index.html")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(200);
  }

  @Test
  void everyEndpointAppearsWithItsMethod() throws Exception {
    OpenAPI api = served();
    Set<String> missing = new TreeSet<>();
    int checked = 0;
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/") && !pattern.startsWith("/a/")) {
          continue; // the framework's own: /error, the document itself, Swagger UI
        }
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        assertThat(methods).as(pattern + " declares its methods").isNotEmpty();
        for (RequestMethod m : methods) {
          checked++;
          PathItem item = api.getPaths() == null ? null : api.getPaths().get(pattern);
          Map<PathItem.HttpMethod, Operation> ops =
              item == null ? Map.of() : item.readOperationsMap();
          if (!ops.containsKey(PathItem.HttpMethod.valueOf(m.name()))) {
            missing.add(m + " " + pattern);
          }
        }
      }
    }
    assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
    assertThat(checked).isGreaterThan(75);
  }
}
