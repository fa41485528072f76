package dev.vakt.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing (ADR 0013): bcrypt, behind Spring Security's delegating encoder, so each hash
 * names its algorithm ({@code {bcrypt}...}) and a later move to Argon2id needs no migration.
 * Outside the web configuration, because {@code vakt user add} runs without a web server.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
