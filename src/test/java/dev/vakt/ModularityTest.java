package dev.vakt;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries: each capability reaches others only through their public API. */
class ModularityTest {

  static final ApplicationModules MODULES = ApplicationModules.of(VaktApplication.class);

  @Test
  void modulesOnlyUseEachOthersPublicApi() {
    MODULES.verify();
  }
}
