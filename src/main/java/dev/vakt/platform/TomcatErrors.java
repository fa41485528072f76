package dev.vakt.platform;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own refusals (a request line or URL Tomcat cannot parse, before Spring sees it) as
 * problem details instead of Tomcat's HTML page (issue 16, F17): Tomcat's error report valve is
 * replaced by one that writes the same RFC 9457 shape as the rest of the API, without details.
 */
@Component
class TomcatErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    // After Boot's own customizer, which adds an ErrorReportValve: that one is taken out again.
    factory.addContextCustomizers(
        context -> {
          var pipeline = context.getParent().getPipeline();
          for (Valve v : pipeline.getValves()) {
            if (v instanceof ErrorReportValve) {
              pipeline.removeValve(v);
            }
          }
          pipeline.addValve(new ProblemValve());
          // So that the host, on start, finds its error valve present and adds no default one.
          if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
            host.setErrorReportValveClass(ProblemValve.class.getName());
          }
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Writes a problem detail for any error status nothing else answered. */
  static final class ProblemValve extends ErrorReportValve {

    ProblemValve() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      String type =
          switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 413 -> "body-too-large";
            default -> status >= 500 ? "internal-error" : "error";
          };
      String detail =
          status >= 500
              ? "something went wrong on Vakt's side; the log has the details"
              : "the request could not be understood (request line, URL encoding or headers)";
      try {
        response.setContentType(ProblemResponses.PROBLEM_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer w = response.getReporter();
        if (w != null) {
          org.springframework.http.HttpStatus s =
              org.springframework.http.HttpStatus.resolve(status);
          w.write(
              "{\"type\":\"https://vakt.dev/problems/"
                  + type
                  + "\",\"title\":\""
                  + (s == null ? "Error" : s.getReasonPhrase())
                  + "\",\"status\":"
                  + status
                  + ",\"detail\":\""
                  + detail
                  + "\"}");
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // The connection is gone or the response was taken over: nothing more to say.
      }
    }
  }
}
