package dev.vakt.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A real SSH server (Apache MINA sshd) on 127.0.0.1 whose commands answer with recorded outputs of
 * the tools host checks run, as a customer's server would; unknown commands exit 127 like a shell.
 * Logins are accepted for one user with one key, and can be refused at will (access lost).
 */
public final class TestSshServer implements AutoCloseable {

  /** What a command prints and its exit status. */
  public record Answer(int exitStatus, String stdout, String stderr) {
    public static Answer of(String stdout) {
      return new Answer(0, stdout, "");
    }
  }

  private final SshServer server;
  private final KeyPair accepted;
  private final String user;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final AtomicInteger sessions = new AtomicInteger();
  private volatile boolean loginAllowed = true;

  /** Starts a server accepting {@code user} with a fresh key; its host key lives in {@code dir}. */
  public TestSshServer(Path dir, String user) throws Exception {
    this(dir, user, "127.0.0.1");
  }

  /**
   * The same on another loopback address (e.g. 127.0.0.2), for tests with several hosts; its host
   * key lives in {@code dir}.
   */
  public TestSshServer(Path dir, String user, String host) throws Exception {
    this.user = user;
    this.accepted = generate();
    server = SshServer.setUpDefaultServer();
    server.setHost(host);
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host.key")));
    server.setPublickeyAuthenticator(
        (u, key, session) ->
            loginAllowed && user.equals(u) && KeyUtils.compareKeys(key, accepted.getPublic()));
    server.setCommandFactory((channel, command) -> new Canned(command));
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            sessions.incrementAndGet();
          }
        });
    server.start();
  }

  public int port() {
    return server.getPort();
  }

  public String user() {
    return user;
  }

  /** The server's host key fingerprint, as {@code ssh-keygen -lf} shows it (SHA256:...). */
  public String hostKey() throws Exception {
    return SshKeys.fingerprint(
        server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
  }

  /** The accepted private key in OpenSSH format: what the inventory's key reference resolves to. */
  public String privateKey() throws Exception {
    return openSsh(accepted);
  }

  /** A private key the server does not accept. */
  public static String otherPrivateKey() throws Exception {
    return openSsh(generate());
  }

  /** Sets what {@code command} answers (exactly as sent, e.g. with its {@code sudo -n --}). */
  public TestSshServer answer(String command, Answer answer) {
    answers.put(command, answer);
    return this;
  }

  /** Lets logins in or refuses them, as a changed password or a removed key would. */
  public void allowLogin(boolean allowed) {
    loginAllowed = allowed;
    if (!allowed) {
      server.getActiveSessions().forEach(s -> s.close(true));
    }
  }

  /** Every command run so far, in order. */
  public List<String> ran() {
    return List.copyOf(ran);
  }

  /** SSH sessions opened so far. */
  public int sessions() {
    return sessions.get();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  private static KeyPair generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static String openSsh(KeyPair key) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(
        key, "ops@test", (OpenSSHKeyEncryptionContext) null, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** A command answering from the table, as a shell would. */
  private final class Canned implements Command {
    private final String command;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    Canned(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      ran.add(command);
      Thread.ofVirtual().start(this::answer);
    }

    private void answer() {
      try {
        if (command.startsWith("sleep")) {
          Thread.sleep(30_000);
        }
        Answer a = answers.get(command);
        if (a == null) {
          a = new Answer(127, "", "sh: 1: " + command.split(" ")[0] + ": command not found\n");
        }
        out.write(a.stdout().getBytes(StandardCharsets.UTF_8));
        out.flush();
        err.write(a.stderr().getBytes(StandardCharsets.UTF_8));
        err.flush();
        exit.onExit(a.exitStatus());
      } catch (IOException | InterruptedException e) {
        exit.onExit(1);
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
