package dev.vakt.access;

import dev.vakt.audit.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * Sessions for people, bearer tokens for scripts, one rule table for both (ADR 0013). Cookie
 * sessions need a CSRF token (the {@code XSRF-TOKEN} cookie echoed as {@code X-XSRF-TOKEN}); bearer
 * requests do not, since a browser never adds that header on its own. Unauthenticated API calls get
 * 401, forbidden ones 403, both as problem details.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  CsrfTokenRepository csrfTokenRepository() {
    CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
    // Secure follows the request (set over HTTPS); SameSite keeps it out of cross-site requests.
    repository.setCookieCustomizer(c -> c.sameSite("Lax"));
    return repository;
  }

  @Bean
  SecurityFilterChain vaktSecurity(
      HttpSecurity http,
      AccessRules rules,
      ApiTokens tokens,
      Accounts accounts,
      AuditLog audit,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens) {
    http.securityContext(c -> c.securityContextRepository(contexts))
        .csrf(
            c ->
                c.spa()
                    .csrfTokenRepository(csrfTokens)
                    // Bearer requests carry no ambient credential; the alert links' form POST
                    // carries its own signed token.
                    .ignoringRequestMatchers(BearerTokenFilter::hasBearer)
                    .ignoringRequestMatchers("/a/*"))
        .addFilterBefore(new BearerTokenFilter(tokens), AuthorizationFilter.class)
        // A session ends as soon as its account is disabled or its role or customer changes.
        .addFilterBefore(new SessionRecheck(accounts, audit), AuthorizationFilter.class)
        .authorizeHttpRequests(a -> a.anyRequest().access(rules))
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (req, res, ex) ->
                            Problems.write(
                                res,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                "unauthorized",
                                "sign in first (POST /api/session) or send an API token"))
                    .accessDeniedHandler(
                        (req, res, ex) -> {
                          Object why = req.getAttribute(AccessRules.DENIED);
                          if ("second-factor-needed".equals(why)) {
                            Problems.write(
                                res,
                                HttpServletResponse.SC_FORBIDDEN,
                                "second-factor-needed",
                                "this change needs your code again: POST /api/session/verify"
                                    + " {\"code\"} (or {\"password\"} without TOTP), then retry");
                          } else if ("session-needed".equals(why)) {
                            Problems.write(
                                res,
                                HttpServletResponse.SC_FORBIDDEN,
                                "session-needed",
                                "API tokens may not change accounts, tokens or secrets; sign in");
                          } else {
                            Problems.write(
                                res,
                                HttpServletResponse.SC_FORBIDDEN,
                                "forbidden",
                                "your role may not do this, or the CSRF token is missing");
                          }
                        }));
    return http.build();
  }
}
