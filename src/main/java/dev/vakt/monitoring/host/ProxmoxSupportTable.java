package dev.vakt.monitoring.host;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Proxmox VE majors and the end of their security support, kept as data in {@code
 * proxmox-ve-support.yaml} beside this class so a new announcement is a one-line change with its
 * source, not a code change.
 *
 * @param majors the known majors
 */
record ProxmoxSupportTable(List<Major> majors) {

  static final String RESOURCE = "proxmox-ve-support.yaml";

  /**
   * One major release.
   *
   * @param major e.g. 8
   * @param debian the Debian base, e.g. "12 (bookworm)"
   * @param endOfSupport last day of security support, null when none is announced
   * @param source where the date comes from
   */
  record Major(int major, String debian, LocalDate endOfSupport, String source) {}

  ProxmoxSupportTable {
    majors = List.copyOf(majors);
  }

  Optional<Major> find(int major) {
    return majors.stream().filter(m -> m.major() == major).findFirst();
  }

  /** The table shipped with Vakt; empty when the resource cannot be read (a build error). */
  static Optional<ProxmoxSupportTable> bundled() {
    try (InputStream in = ProxmoxSupportTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(
          parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Reads the YAML; throws on a malformed entry so the table's own test catches it. */
  static ProxmoxSupportTable parse(String yaml) {
    JsonNode root = new YAMLMapper().readTree(yaml);
    List<Major> majors = new ArrayList<>();
    for (JsonNode m : root.path("majors")) {
      JsonNode end = m.path("endOfSupport");
      majors.add(
          new Major(
              m.path("major").asInt(),
              m.path("debian").asString(""),
              end.isNull() || end.isMissingNode() ? null : LocalDate.parse(end.asString()),
              m.path("source").asString("")));
    }
    if (majors.isEmpty()) {
      throw new IllegalArgumentException("no majors in " + RESOURCE);
    }
    return new ProxmoxSupportTable(majors);
  }
}
