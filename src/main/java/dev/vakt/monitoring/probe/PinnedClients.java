package dev.vakt.monitoring.probe;

import java.io.IOException;
import java.net.InetAddress;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.SocketClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.smtp.SMTPSClient;

/**
 * commons-net clients connected to the address the monitoring guard approved (issue 16, F19) rather
 * than to a second lookup of the name. commons-net forgets the name when given an address ({@code
 * connect(InetAddress, int)} clears {@code _hostname_}), yet its TLS clients need it for SNI: these
 * TLS clients put the check's host name back before the handshake, so the server still sees the
 * name it serves and only the lookup is skipped.
 */
final class PinnedClients {

  private PinnedClients() {}

  /**
   * Connects to {@code approved}, or to {@code host} as looked up now when there is no approved
   * address (an address literal, or a probe used outside the engine).
   */
  static void connect(SocketClient client, String host, int port, InetAddress approved)
      throws IOException {
    if (approved == null) {
      client.connect(host, port);
    } else {
      client.connect(approved, port);
    }
  }

  static SMTPSClient smtp(boolean implicit, SSLContext context, String host) {
    return new SMTPSClient(implicit, context) {
      @Override
      protected void _connectAction_() throws IOException {
        _hostname_ = host; // SNI: the name, though the socket went to the approved address
        super._connectAction_();
      }
    };
  }

  static POP3SClient pop3(boolean implicit, SSLContext context, String host) {
    return new POP3SClient(implicit, context) {
      @Override
      protected void _connectAction_() throws IOException {
        _hostname_ = host;
        super._connectAction_();
      }
    };
  }

  static IMAPSClient imap(boolean implicit, SSLContext context, String host) {
    return new IMAPSClient(implicit, context) {
      @Override
      protected void _connectAction_() throws IOException {
        _hostname_ = host;
        super._connectAction_();
      }
    };
  }

  static FTPSClient ftp(boolean implicit, SSLContext context, String host) {
    return new FTPSClient(implicit, context) {
      @Override
      protected void _connectAction_() throws IOException {
        _hostname_ = host;
        super._connectAction_();
      }
    };
  }
}
