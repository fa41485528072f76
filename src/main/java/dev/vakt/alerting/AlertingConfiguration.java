package dev.vakt.alerting;

import dev.vakt.common.SecretRef;
import dev.vakt.secrets.Secrets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/** Builds the channels from {@code vakt.alerting.*}, the templates and the delivery worker. */
@Configuration(proxyBeanMethods = false)
class AlertingConfiguration {

  /** Secret references in settings: {@code password: env:SMTP_PASSWORD}. */
  @Bean
  @ConfigurationPropertiesBinding
  static Converter<String, SecretRef> alertingSecretRefConverter() {
    return SecretRef::parse;
  }

  @Bean
  Templates alertingTemplates(
      AlertingProperties properties, @Value("${vakt.data-dir:data}") Path dataDir) {
    return Templates.load(
        properties.templates() != null ? properties.templates() : dataDir.resolve("templates"));
  }

  @Bean
  DeliveryWorker.Channels alertingChannels(AlertingProperties p, Secrets secrets) {
    Function<SecretRef, String> resolve = secrets::resolve;
    Channel mail =
        p.mail() == null || p.mail().host() == null
            ? m -> Delivery.retry("no SMTP server configured (vakt.alerting.mail.host)")
            : new SmtpChannel(
                new SmtpChannel.Settings(
                    p.mail().host(),
                    p.mail().port(),
                    p.mail().security(),
                    p.mail().username(),
                    p.mail().password(),
                    required("vakt.alerting.mail.from", p.mail().from()),
                    p.mail().timeout()),
                resolve);
    Channel sms =
        p.sms() == null || p.sms().url() == null
            ? m -> Delivery.retry("no SMS gateway configured (vakt.alerting.sms.url)")
            : new SmsChannel(
                new SmsChannel.Settings(
                    p.sms().url(),
                    p.sms().method(),
                    p.sms().headers() == null ? Map.of() : p.sms().headers(),
                    p.sms().auth(),
                    p.sms().username(),
                    p.sms().password(),
                    p.sms().body(),
                    p.sms().contentType(),
                    p.sms().timeout(),
                    p.sms().statusUrl()),
                resolve);
    Map<String, Channel> webhooks = new LinkedHashMap<>();
    p.webhooks()
        .forEach(
            (name, w) ->
                webhooks.put(
                    name,
                    new WebhookChannel(
                        new WebhookChannel.Settings(
                            name,
                            w.format(),
                            w.url(),
                            w.urlSecret(),
                            w.token(),
                            w.room(),
                            w.headers(),
                            w.timeout()),
                        resolve)));
    return (kind, address) ->
        switch (kind) {
          case EMAIL -> mail;
          case SMS -> sms;
          case WEBHOOK ->
              webhooks.getOrDefault(
                  address,
                  m ->
                      Delivery.permanent(
                          "no webhook named " + address + " in vakt.alerting.webhooks"));
        };
  }

  @Bean
  DeliveryWorker deliveryWorker(
      OutboxStore store,
      EndedSenders endedSenders,
      DeliveryWorker.Channels channels,
      Clock clock,
      AlertingProperties p,
      @Value("${vakt.data-dir:data}") Path dataDir) {
    String node =
        p.worker().node() != null && !p.worker().node().isBlank()
            ? p.worker().node()
            : SenderInstance.defaultNode(dataDir);
    return new DeliveryWorker(
        store,
        endedSenders,
        channels,
        clock,
        p.worker(),
        SenderInstance.current(node),
        () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
  }

  private static String required(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return value;
  }
}
