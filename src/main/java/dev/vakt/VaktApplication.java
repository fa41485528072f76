package dev.vakt;

import dev.vakt.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Vakt: the contract is data, the engines execute it, and every figure can be recomputed from the
 * ledger. The entry point of the jar is the {@code vakt} command line ({@link Cli}); {@code vakt
 * serve} starts this application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "common")
public class VaktApplication {

  public static void main(String[] args) {
    System.exit(Cli.run(args, System.out, System.err));
  }
}
