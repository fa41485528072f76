package dev.vakt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Vakt: the contract is data, the engines execute it, and every figure can be recomputed from the
 * ledger. The jar's entry point is the {@code vakt} command line ({@code dev.vakt.cli.Cli}); {@code
 * vakt serve} starts this application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "common")
public class VaktApplication {

  public static void main(String[] args) {
    SpringApplication.run(VaktApplication.class, args);
  }
}
