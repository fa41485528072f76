package dev.vakt.secrets;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where secrets named in documents may come from (issue 16).
 *
 * @param fileDirectories the only directories a {@code file:} reference in an inventory document
 *     may point into (after symbolic links are followed); Vakt's data directory never counts
 * @param deniedEnvironmentPrefixes environment variables a document may never name: Vakt's own
 *     configuration (the master key, the database password) lives there
 */
@ConfigurationProperties("vakt.secrets")
public record SecretsProperties(
    @DefaultValue("/etc/vakt") List<Path> fileDirectories,
    @DefaultValue({"VAKT_", "SPRING_", "JAVA_", "JDK_", "MAVEN_"})
        List<String> deniedEnvironmentPrefixes) {}
