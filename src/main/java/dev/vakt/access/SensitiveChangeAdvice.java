package dev.vakt.access;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The access module's refusals thrown from services, as problem details (403). */
@RestControllerAdvice
class SensitiveChangeAdvice {

  @ExceptionHandler(SensitiveChanges.SecondFactorNeeded.class)
  ProblemDetail secondFactor(SensitiveChanges.SecondFactorNeeded e) {
    return forbidden(e.type(), e.getMessage());
  }

  @ExceptionHandler(AccountController.TokenRefused.class)
  ProblemDetail tokenRefused() {
    return forbidden("session-needed", "sign in to change account settings; API tokens may not");
  }

  static ProblemDetail forbidden(String type, String detail) {
    ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
    pd.setType(URI.create("https://vakt.dev/problems/" + type));
    pd.setTitle("Forbidden");
    return pd;
  }
}
