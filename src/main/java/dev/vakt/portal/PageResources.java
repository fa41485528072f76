package dev.vakt.portal;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the pages' files of the current version under {@code /v/<version>/}, to be kept for a year
 * (ADR 0015). The same files stay at their plain addresses too, checked on every use, for anything
 * that names them directly.
 */
@Configuration
class PageResources implements WebMvcConfigurer {

  private static final CacheControl IMMUTABLE =
      CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

  private final PageAssets assets;

  PageResources(PageAssets assets) {
    this.assets = assets;
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler(assets.prefix() + "/**")
        .addResourceLocations(PageAssets.LOCATION)
        .setCacheControl(IMMUTABLE);
  }
}
