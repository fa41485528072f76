package dev.vakt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries: each capability reaches others only through their public API. */
class ModularityTest {

  static final ApplicationModules MODULES = ApplicationModules.of(VaktApplication.class);

  @Test
  void modulesOnlyUseEachOthersPublicApi() {
    MODULES.verify();
  }

  /** Issue 18: no module is open; who may use whom is written down (ADR 0018). */
  @Test
  void everyModuleDeclaresItsAllowedDependencies() {
    MODULES.forEach(
        module -> {
          String name = module.getBasePackage().getName();
          ApplicationModule declared = declared(name);
          assertThat(declared).as("%s/package-info.java @ApplicationModule", name).isNotNull();
          assertThat(declared.allowedDependencies())
              .as("%s allowedDependencies", name)
              .doesNotContain(ApplicationModule.OPEN_TOKEN);
        });
  }

  private static ApplicationModule declared(String packageName) {
    try {
      return Class.forName(packageName + ".package-info").getAnnotation(ApplicationModule.class);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
