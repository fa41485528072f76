package dev.vakt.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vakt's own settings, with every default in one place.
 *
 * @param dataDir where Vakt keeps its data: the embedded database, the master key
 * @param examples the folder of example documents the demo imports
 * @param demo whether to import {@code examples} at start-up (what {@code vakt demo} sets)
 * @param masterKey base64 AES-256 key for secrets at rest; read from {@code dataDir/master.key}
 *     (made on first start) when not given
 */
@ConfigurationProperties("vakt")
public record VaktProperties(
    @DefaultValue("data") Path dataDir,
    @DefaultValue("examples") Path examples,
    @DefaultValue("false") boolean demo,
    String masterKey) {}
