package dev.vakt;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import dev.vakt.maintenance.MaintenanceCancelled;
import dev.vakt.maintenance.MaintenancePlanned;
import dev.vakt.monitoring.ServiceCameBack;
import dev.vakt.monitoring.ServiceWentDown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Module boundaries: each capability reaches others only through their public API. */
class ModularityTest {

  static final ApplicationModules MODULES = ApplicationModules.of(VaktApplication.class);

  /**
   * Where the generated module documents go, relative to the project (Maven's working directory).
   */
  static final String DOCS = "docs/modules";

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

  /**
   * Issue 18 item 3 (ALR-1): the events modules talk by are in Modulith's model, so the documents
   * generated from it show who publishes what and who listens. Spring Modulith 2.1 lists only types
   * marked with jMolecules' {@code @DomainEvent} as published.
   */
  @Test
  void monitoringPublishesServiceWentDownAndAlertingListens() {
    var monitoring = MODULES.getModuleByName("monitoring").orElseThrow();
    var alerting = MODULES.getModuleByName("alerting").orElseThrow();
    var maintenance = MODULES.getModuleByName("maintenance").orElseThrow();

    assertThat(monitoring.getPublishedEvents())
        .extracting(e -> e.getType().getName())
        .contains(ServiceWentDown.class.getName(), ServiceCameBack.class.getName());
    assertThat(maintenance.getPublishedEvents())
        .extracting(e -> e.getType().getName())
        .contains(MaintenancePlanned.class.getName(), MaintenanceCancelled.class.getName());
    assertThat(alerting.getEventsListenedTo(MODULES))
        .extracting(JavaClass::getName)
        .contains(
            ServiceWentDown.class.getName(),
            ServiceCameBack.class.getName(),
            MaintenancePlanned.class.getName(),
            MaintenanceCancelled.class.getName());
  }

  /**
   * Issue 18 item 4: the module canvases, the component diagram of all modules (C4, PlantUML) and
   * one diagram per module are written into docs/modules/ on every build, from the model {@link
   * #modulesOnlyUseEachOthersPublicApi} verifies; the output is committed, so a change of
   * boundaries shows in review.
   */
  @Test
  void documentsTheModules() throws IOException {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS))
        .writeDocumentation();
    inStableOrder(Path.of(DOCS));

    assertThat(Path.of(DOCS, "components.puml")).exists();
    assertThat(Path.of(DOCS, "module-monitoring.adoc")).exists();
  }

  /**
   * Sorts what the Documenter lists in hash order (the relations of a diagram, the entries of a
   * canvas cell), so the committed documents change only when the model does.
   */
  private static void inStableOrder(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        List<String> lines = Files.readAllLines(file);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); ) {
          int end = i;
          if (lines.get(i).startsWith("Rel(")) {
            while (end < lines.size() && lines.get(end).startsWith("Rel(")) {
              end++;
            }
            out.addAll(lines.subList(i, end).stream().sorted().toList());
          } else if (lines.get(i).startsWith("|* ")) {
            List<List<String>> entries = new ArrayList<>();
            while (end < lines.size()
                && (end == i
                    || lines.get(end).startsWith("* ")
                    || lines.get(end).startsWith("** "))) {
              String line = end == i ? lines.get(end).substring(1) : lines.get(end);
              if (line.startsWith("* ")) {
                entries.add(new ArrayList<>());
              }
              entries.getLast().add(line);
              end++;
            }
            entries.sort(Comparator.comparing(List::getFirst));
            int first = out.size();
            entries.forEach(out::addAll);
            out.set(first, "|" + out.get(first)); // the cell's marker stays on its first line
          } else {
            out.add(lines.get(i));
            end = i + 1;
          }
          i = end;
        }
        Files.write(file, out);
      }
    }
  }

  private static ApplicationModule declared(String packageName) {
    try {
      return Class.forName(packageName + ".package-info").getAnnotation(ApplicationModule.class);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
