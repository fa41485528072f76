package dev.vakt.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document of the REST API ({@code /v3/api-docs}, Swagger UI at {@code
 * /swagger-ui.html}; ADR 0014). springdoc derives the operations from the controllers; this adds
 * what it cannot see: the two ways to sign in, the problem+json errors every endpoint may answer,
 * one tag per module (the controller's package), and what the paging parameters mean.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String SESSION = "session";
  static final String CSRF = "csrf";
  static final String BEARER = "bearer";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String PROBLEM_REF = "#/components/schemas/Problem";

  @Bean
  OpenAPI vaktOpenApi() {
    String version = OpenApiConfiguration.class.getPackage().getImplementationVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("Vakt API")
                .version(version == null ? "development" : version)
                .description(
                    """
                    The REST API of Vakt: contracts as data, inventory, monitoring, SLA, \
                    alerting, maintenance and the customer's own data. Sign in with a session \
                    (POST /api/session; changes carry the XSRF-TOKEN cookie's value as \
                    X-XSRF-TOKEN) or send an API token as `Authorization: Bearer vakt_...`. \
                    Errors are RFC 9457 problem details (application/problem+json). Lists are \
                    paged: ?page= (from 0) and ?size= (1-1000, default 100); the body is the \
                    page as a JSON array, X-Total-Count the total and Link (RFC 8288) the \
                    first, prev, next and last pages. See docs/access.md and ADR 0014."""))
        .components(
            new Components()
                .addSecuritySchemes(
                    SESSION,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name("VAKT_SESSION")
                        .description("The session cookie set by POST /api/session."))
                .addSecuritySchemes(
                    CSRF,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-XSRF-TOKEN")
                        .description(
                            "With a session, every change echoes the XSRF-TOKEN cookie here."))
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("vakt_...")
                        .description(
                            "An API token (POST /api/account/tokens), scope read or write."))
                .addSchemas("Problem", problemSchema()))
        .security(
            List.of(
                new SecurityRequirement().addList(SESSION).addList(CSRF),
                new SecurityRequirement().addList(BEARER)));
  }

  /**
   * Per operation: the module's tag, the problem responses, and the paging parameters explained.
   */
  @Bean
  OperationCustomizer vaktOperations() {
    return (operation, handler) -> {
      operation.setTags(List.of(module(handler.getBeanType().getPackageName())));
      ApiResponses responses =
          operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
      problem(responses, "400", "Invalid input: the errors name each field");
      problem(responses, "401", "Not signed in, or the API token is invalid");
      problem(responses, "403", "The role or token scope may not do this, or CSRF is missing");
      problem(responses, "404", "Not found (also another customer's data)");
      operation.setResponses(responses);
      if (operation.getParameters() != null) {
        boolean paged = false;
        for (Parameter p : operation.getParameters()) {
          paged |= describePaging(p);
        }
        ApiResponse ok = responses.get("200");
        if (paged && ok != null) {
          ok.addHeaderObject(
                  "X-Total-Count",
                  new Header()
                      .description("How many items all pages hold")
                      .schema(new IntegerSchema()))
              .addHeaderObject(
                  "Link",
                  new Header()
                      .description("RFC 8288 links to the first, prev, next and last pages")
                      .schema(new StringSchema()));
        }
      }
      return operation;
    };
  }

  /** {@code dev.vakt.maintenance.patching} is the module {@code maintenance}. */
  static String module(String packageName) {
    String rest =
        packageName.startsWith("dev.vakt.") ? packageName.substring("dev.vakt.".length()) : "";
    int dot = rest.indexOf('.');
    String module = dot < 0 ? rest : rest.substring(0, dot);
    return module.isEmpty() ? "other" : module;
  }

  /** Explains {@code page} and {@code size}; true when {@code p} is one of them. */
  private static boolean describePaging(Parameter p) {
    if (!"query".equals(p.getIn())) {
      return false;
    }
    if ("page".equals(p.getName())) {
      p.description("The page, from 0 (default 0).");
      p.setSchema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)._default(0));
    } else if ("size".equals(p.getName())) {
      p.description("Items per page, 1 to 1000 (default 100).");
      p.setSchema(
          new IntegerSchema()
              .minimum(java.math.BigDecimal.ONE)
              .maximum(java.math.BigDecimal.valueOf(1000))
              ._default(100));
    }
    return "page".equals(p.getName()) || "size".equals(p.getName());
  }

  private static void problem(ApiResponses responses, String code, String description) {
    if (responses.containsKey(code)) {
      return;
    }
    responses.addApiResponse(
        code,
        new ApiResponse()
            .description(description)
            .content(
                new Content()
                    .addMediaType(
                        PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)))));
  }

  @SuppressWarnings("rawtypes")
  private static Schema<?> problemSchema() {
    Schema<?> error =
        new ObjectSchema()
            .addProperty("field", new StringSchema().description("JSON pointer of the field"))
            .addProperty("reason", new StringSchema())
            .addProperty("file", new StringSchema())
            .addProperty("line", new IntegerSchema())
            .addProperty("column", new IntegerSchema());
    Map<String, Schema> properties =
        Map.of(
            "type", new StringSchema().description("A URI naming the kind of problem"),
            "title", new StringSchema(),
            "status", new IntegerSchema(),
            "detail", new StringSchema(),
            "instance", new StringSchema(),
            "errors", new ArraySchema().items(error),
            "reasons", new ArraySchema().items(new StringSchema()));
    ObjectSchema problem = new ObjectSchema();
    problem.description("RFC 9457 problem details");
    problem.setProperties(new java.util.TreeMap<>(properties));
    return problem;
  }
}
