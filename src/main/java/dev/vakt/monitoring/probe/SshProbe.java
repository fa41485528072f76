package dev.vakt.monitoring.probe;

import static dev.vakt.monitoring.probe.Banners.quote;

import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import dev.vakt.ssh.SshKeys;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * MON-1: an SSH server answers with its identification (e.g. {@code SSH-2.0-OpenSSH_9.2p1}),
 * optionally containing {@code expectBanner}, and, when {@code user} and {@code key} are given,
 * accepts a public-key login. Reports {@code time_ms}.
 *
 * <p>Without a login the check ends as soon as the identification arrives, like {@code check_ssh}:
 * a key exchange would prove no more about availability. One SSH client (and its I/O threads)
 * serves all checks of this probe; {@link #close()} stops it.
 */
public final class SshProbe implements Probe<CheckSpec.Ssh>, AutoCloseable {

  /** Links a session to the check that opened it, for the session listener. */
  private static final AttributeKey<Watch> WATCH = new AttributeKey<>();

  /** SSH needs a user name to connect even when no login follows; this one never logs in. */
  private static final String NO_LOGIN_USER = "vakt";

  private final Function<SecretRef, String> secrets;
  private final SshClient client;

  /**
   * @param secrets resolves the key reference to OpenSSH/PEM private key text, never logged
   */
  public SshProbe(Function<SecretRef, String> secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    client = SshClient.setUpDefaultClient();
    // An availability check accepts any host key: pinning host keys (known_hosts) belongs to a
    // later issue. Until then a passing check proves that an SSH server answers and lets the
    // user in, not that it is the expected machine. (A lambda, not AcceptAllServerKeyVerifier,
    // which logs a warning per connection.)
    client.setServerKeyVerifier((session, address, key) -> true);
    // Only the spec counts: never ~/.ssh/config, never keys from ~/.ssh of the Vakt user.
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.addSessionListener(new Watcher());
    client.start();
  }

  @Override
  public CheckResult check(CheckSpec.Ssh spec) {
    KeyPair key;
    try {
      key = spec.key() == null ? null : key(spec.key());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // The key text is never shown: only the reference and the kind of failure.
      return CheckResult.unknown(
          "cannot read a private key from " + spec.key() + ": " + Banners.oneLine(e), null);
    }
    return Banners.converse(
        spec.timeout(), talk -> talk(spec, key, talk), (failure, talk) -> explain(failure, talk));
  }

  private CheckResult talk(CheckSpec.Ssh spec, KeyPair key, Banners.Conversation talk)
      throws Exception {
    Watch watch = new Watch();
    // Whoever notices the deadline first (this thread or the guard), the reason names what the
    // server sent instead of an SSH identification.
    talk.onTimeoutAlsoSay(() -> watch.identified() ? null : notSsh(watch));
    String user = key == null ? NO_LOGIN_USER : spec.user();
    ConnectFuture connecting =
        client.connect(
            user, spec.host(), spec.port(), AttributeRepository.ofKeyValuePair(WATCH, watch), null);
    talk.hangUpWith(
        () -> {
          connecting.cancel();
          // The connection may have completed just as the deadline passed: close it too.
          if (connecting.isConnected()) {
            connecting.getSession().close(true);
          }
        });
    if (!connecting.await(talk.remaining().toMillis())) {
      connecting.cancel();
      return talk.timedOut();
    }
    if (connecting.getException() != null) {
      throw asException(connecting.getException());
    }
    try (ClientSession session = connecting.getSession()) {
      talk.hangUpWith(() -> session.close(true));
      talk.step("waiting for the SSH identification");
      String banner;
      try {
        banner =
            Banners.clean(
                watch.identification.get(talk.remaining().toNanos(), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        return talk.timedOut();
      } catch (ExecutionException e) {
        String other = notSsh(watch);
        return talk.critical(
            "connection closed before the SSH identification"
                + (other == null ? "" : "; " + other));
      }
      if (!Banners.matches(banner, spec.expectBanner())) {
        return talk.critical(
            "SSH banner " + quote(banner) + " does not contain " + quote(spec.expectBanner()));
      }
      if (key == null) {
        return talk.result(CheckState.OK, talk.took("SSH " + quote(banner)), Map.of());
      }
      talk.step("in the key exchange or the login as " + quote(user));
      session.addPublicKeyIdentity(key);
      AuthFuture auth = session.auth();
      if (!auth.await(talk.remaining().toMillis())) {
        return talk.timedOut();
      }
      if (!auth.isSuccess()) {
        Throwable kex = watch.failure;
        return kex != null
            ? talk.critical("SSH key exchange failed: " + Banners.oneLine(kex))
            : talk.critical(
                "key login as "
                    + quote(user)
                    + " refused"
                    + (auth.getException() == null
                        ? ""
                        : ": " + Banners.oneLine(auth.getException())));
      }
      return talk.result(
          CheckState.OK,
          talk.took("SSH " + quote(banner) + ", key login as " + quote(user)),
          Map.of());
    }
  }

  /** The first non-SSH line the server sent, as a hint; null when it sent none. */
  private static String notSsh(Watch watch) {
    String other = watch.otherLine;
    return other == null ? null : "not an SSH server? It said " + quote(other);
  }

  private KeyPair key(SecretRef reference) throws IOException, GeneralSecurityException {
    return SshKeys.read(reference, secrets.apply(reference));
  }

  private static Exception asException(Throwable failure) {
    return failure instanceof Exception e ? e : new IOException(failure);
  }

  private static CheckResult explain(Throwable failure, Banners.Conversation talk) {
    // sshd wraps network failures; name the network cause.
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof SocketTimeoutException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException
          || cause instanceof EOFException) {
        return talk.failed(cause);
      }
    }
    return talk.failed(failure);
  }

  /** Stops the SSH client and its I/O threads. */
  @Override
  public void close() {
    client.stop();
  }

  /** What one check's session reported: the identification, other lines, failures. */
  private static final class Watch {
    final CompletableFuture<String> identification = new CompletableFuture<>();

    boolean identified() {
      return identification.isDone() && !identification.isCompletedExceptionally();
    }

    volatile String otherLine;
    volatile Throwable failure;
  }

  /** Forwards session events to the check that opened the session. */
  private static final class Watcher implements SessionListener {

    private static Watch watch(Session session) {
      if (session instanceof ClientSession client && client.getConnectionContext() != null) {
        return client.getConnectionContext().getAttribute(WATCH);
      }
      return null;
    }

    @Override
    public void sessionPeerIdentificationLine(
        Session session, String line, List<String> extraLines) {
      Watch watch = watch(session);
      if (watch != null && watch.otherLine == null && line != null && !line.startsWith("SSH-")) {
        watch.otherLine = line;
      }
    }

    @Override
    public void sessionPeerIdentificationReceived(
        Session session, String version, List<String> extraLines) {
      Watch watch = watch(session);
      if (watch != null) {
        watch.identification.complete(version);
      }
    }

    @Override
    public void sessionNegotiationEnd(
        Session session,
        Map<KexProposalOption, String> clientProposal,
        Map<KexProposalOption, String> serverProposal,
        Map<KexProposalOption, String> negotiatedOptions,
        Throwable reason) {
      Watch watch = watch(session);
      if (watch != null && reason != null) {
        watch.failure = reason;
      }
    }

    @Override
    public void sessionException(Session session, Throwable t) {
      Watch watch = watch(session);
      if (watch != null && watch.failure == null) {
        watch.failure = t;
      }
    }

    @Override
    public void sessionClosed(Session session) {
      Watch watch = watch(session);
      if (watch != null) {
        watch.identification.completeExceptionally(new EOFException("session closed"));
      }
    }
  }
}
