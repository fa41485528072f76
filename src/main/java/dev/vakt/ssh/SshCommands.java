package dev.vakt.ssh;

import dev.vakt.common.SecretRef;
import dev.vakt.reach.Reach;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * Runs commands on customers' servers over SSH, with no agent installed there (STW 6.0, ACC-1).
 *
 * <ul>
 *   <li>Host keys are pinned: a server is trusted only with the fingerprint the inventory holds. An
 *       unknown key is reported for approval and a changed key is an alarm; in both cases no
 *       command is sent, so a key never reaches an impostor.
 *   <li>One connection per server, reused across commands and re-opened when it drops.
 *   <li>Strict time limits on connecting, logging in and each command; output is capped.
 *   <li>Commands run through {@code sudo -n} where the inventory says so: never a password prompt.
 *   <li>No secret is logged: failures name the key's reference, never its text.
 * </ul>
 */
public final class SshCommands implements AutoCloseable {

  /** Most output kept per stream: enough for {@code smartctl -j} or {@code ceph status}. */
  public static final int MAX_OUTPUT = 4 * 1024 * 1024;

  private static final AttributeRepository.AttributeKey<HostKeyCheck> HOST_KEY =
      new AttributeRepository.AttributeKey<>();

  private final Function<SecretRef, String> secrets;
  private final SshClient client;
  private final Map<Target, Connection> connections = new ConcurrentHashMap<>();
  private final Function<Target, Reach.Decision> reach;

  /**
   * @param secrets resolves key references to private key text; what it returns is never logged
   */
  public SshCommands(Function<SecretRef, String> secrets) {
    this(secrets, t -> new Reach.Decision(java.util.Optional.empty(), null));
  }

  /**
   * @param secrets resolves key references to private key text; what it returns is never logged
   * @param reach the guard's word on a target: why it may not be reached (outside the allowed
   *     networks, Vakt itself), and a refused target gets {@link Failure#UNREACHABLE} without a
   *     packet sent; or the address it approved, which a new session connects to (F19)
   */
  public SshCommands(Function<SecretRef, String> secrets, Function<Target, Reach.Decision> reach) {
    this.reach = Objects.requireNonNull(reach, "reach");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(
        (session, address, key) -> {
          HostKeyCheck check = session.getConnectionContext().getAttribute(HOST_KEY);
          return check != null && check.offered(SshKeys.fingerprint(key));
        });
    // Only the inventory counts: never ~/.ssh/config or the keys of the user Vakt runs as.
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.start();
  }

  /**
   * Where and as whom to run commands.
   *
   * @param server the inventory's server id, for messages
   * @param hostKey the approved host key fingerprint (SHA256:...), or null before approval
   */
  public record Target(
      String server,
      String host,
      int port,
      String user,
      SecretRef key,
      boolean sudo,
      String hostKey) {
    public Target {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(key, "key");
    }
  }

  /** What became of a command. */
  public sealed interface Outcome {
    /** The command ran; a non-zero exit status is the command's verdict, not a failure here. */
    record Ran(int exitStatus, String stdout, String stderr, Duration took, boolean truncated)
        implements Outcome {}

    /** First contact: the server's key awaits approval; nothing was sent. */
    record HostKeyNotApproved(String offered) implements Outcome {}

    /** The server shows another key than the approved one: an alarm; nothing was sent. */
    record HostKeyChanged(String approved, String offered) implements Outcome {}

    /**
     * Not reachable, login refused, timed out: what kind of failure, and the reason in one line.
     */
    record Failed(Failure kind, String reason) implements Outcome {}
  }

  /**
   * Why a command did not run. The kinds matter for access verification (ACC-1, ACC-2): a server
   * that does not answer is down, which its service checks count; a server that answers but refuses
   * the provider's login is access lost.
   */
  public enum Failure {
    /** No SSH handshake: connection refused, no route, timed out before the host key. */
    UNREACHABLE,
    /** The server showed the approved key, then refused the login. */
    LOGIN_REFUSED,
    /** The key in the inventory cannot be read: a set-up fault on the provider's side. */
    KEY_UNREADABLE,
    /** Logged in, but the command could not be run or did not finish in time. */
    COMMAND
  }

  /** Runs {@code command} on the target, within {@code timeout} for connecting and for running. */
  public Outcome run(Target target, String command, Duration timeout) {
    return run(target, command, timeout, null);
  }

  /**
   * Runs {@code command} on the target, connecting (when a new session is needed) to {@code
   * approved}, the address the monitoring guard approved for the target's host, rather than looking
   * the name up again (issue 16, F19). The host key is still checked against the approved
   * fingerprint; the name stays in messages.
   *
   * @param approved the address to connect to, or null to resolve {@code target.host()}
   */
  public Outcome run(Target target, String command, Duration timeout, InetAddress approved) {
    Reach.Decision decision = reach.apply(target);
    if (decision.refusal().isPresent()) {
      return new Outcome.Failed(Failure.UNREACHABLE, decision.refusal().get());
    }
    InetAddress to = approved != null ? approved : decision.address();
    Connection connection = connections.computeIfAbsent(target, Connection::new);
    synchronized (connection) {
      return connection.run(command, timeout, to);
    }
  }

  /** Closes the connection to a target, e.g. after its host key was approved or changed. */
  public void forget(Target target) {
    Connection c = connections.remove(target);
    if (c != null) {
      c.close();
    }
  }

  /** Stops every connection and the client. */
  @Override
  public void close() {
    connections.values().forEach(Connection::close);
    connections.clear();
    client.stop();
  }

  /** Compares the key a server shows with the approved one; remembers what was offered. */
  private static final class HostKeyCheck {
    private final String approved;
    private volatile String offered;

    HostKeyCheck(String approved) {
      this.approved = approved;
    }

    boolean offered(String fingerprint) {
      offered = fingerprint;
      return fingerprint.equals(approved);
    }
  }

  /** The one session kept per target. Callers hold its lock while using it. */
  private final class Connection {
    private final Target target;
    private ClientSession session;

    Connection(Target target) {
      this.target = target;
    }

    Outcome run(String command, Duration timeout, InetAddress approved) {
      long start = System.nanoTime();
      if (session == null || !session.isOpen() || !session.isAuthenticated()) {
        close();
        Outcome failed = open(timeout, approved);
        if (failed != null) {
          return failed;
        }
      }
      String line = target.sudo() ? "sudo -n -- " + command : command;
      Bounded out = new Bounded(MAX_OUTPUT);
      Bounded err = new Bounded(MAX_OUTPUT);
      try (ChannelExec channel = session.createExecChannel(line)) {
        channel.setOut(out);
        channel.setErr(err);
        channel.open().verify(timeout);
        Set<ClientChannelEvent> events =
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
        Integer status = channel.getExitStatus();
        if (events.contains(ClientChannelEvent.TIMEOUT) || status == null) {
          return new Outcome.Failed(
              Failure.COMMAND,
              "'" + command + "' did not finish within " + seconds(timeout) + " on " + where());
        }
        return new Outcome.Ran(
            status,
            out.text(),
            err.text(),
            Duration.ofNanos(System.nanoTime() - start),
            out.truncated() || err.truncated());
      } catch (IOException e) {
        close(); // a broken session is not reused
        return new Outcome.Failed(
            Failure.COMMAND, "running '" + command + "' on " + where() + ": " + oneLine(e));
      }
    }

    private Outcome open(Duration timeout, InetAddress approved) {
      HostKeyCheck hostKey = new HostKeyCheck(target.hostKey());
      KeyPair key;
      try {
        key = SshKeys.read(target.key(), secrets.apply(target.key()));
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        return new Outcome.Failed(
            Failure.KEY_UNREADABLE, "cannot read the key " + target.key() + ": " + oneLine(e));
      }
      ClientSession s = null;
      try {
        AttributeRepository context = AttributeRepository.ofKeyValuePair(HOST_KEY, hostKey);
        s =
            (approved == null
                    ? client.connect(target.user(), target.host(), target.port(), context, null)
                    : client.connect(
                        target.user(),
                        new InetSocketAddress(approved, target.port()),
                        context,
                        null))
                .verify(timeout)
                .getSession();
        s.addPublicKeyIdentity(key);
        s.auth().verify(timeout);
        session = s;
        return null;
      } catch (IOException e) {
        if (s != null) {
          s.close(true);
        }
        String offered = hostKey.offered;
        if (offered != null && !offered.equals(target.hostKey())) {
          return target.hostKey() == null
              ? new Outcome.HostKeyNotApproved(offered)
              : new Outcome.HostKeyChanged(target.hostKey(), offered);
        }
        // Past the key exchange with the approved key: the server is there and said no.
        Failure kind = offered != null ? Failure.LOGIN_REFUSED : Failure.UNREACHABLE;
        return new Outcome.Failed(kind, "SSH to " + where() + ": " + oneLine(e));
      }
    }

    private String where() {
      return target.user() + "@" + target.host() + ":" + target.port();
    }

    void close() {
      if (session != null) {
        session.close(true);
        session = null;
      }
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
