package dev.vakt.proxmox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets for the Proxmox VE API that connect to the address the monitoring guard approved
 * (issue 16, F19), whatever a later lookup of the API's host name answers. {@code
 * HttpsURLConnection} connects the unconnected socket from {@link #createSocket()} to the URL's
 * host and then layers TLS over it with the host name: here the connection goes to the approved
 * address, while the TLS layer keeps the name for SNI and the certificate's name check (the pin,
 * when one is set, is checked as before).
 */
final class AddressedSockets extends SSLSocketFactory {

  private final SSLSocketFactory tls;
  private final InetAddress address;

  AddressedSockets(SSLSocketFactory tls, InetAddress address) {
    this.tls = Objects.requireNonNull(tls, "tls");
    this.address = Objects.requireNonNull(address, "address");
  }

  /** A plain socket whose connection goes to the approved address, on the requested port. */
  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        super.connect(approved(endpoint), timeout);
      }

      @Override
      public void connect(SocketAddress endpoint) throws IOException {
        super.connect(approved(endpoint));
      }
    };
  }

  private InetSocketAddress approved(SocketAddress endpoint) {
    return new InetSocketAddress(address, ((InetSocketAddress) endpoint).getPort());
  }

  /** TLS over a connected socket, named {@code host} (SNI, certificate name). */
  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    return tls.createSocket(socket, host, port, autoClose);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket plain = createSocket();
    plain.connect(InetSocketAddress.createUnresolved(host, port));
    return tls.createSocket(plain, host, port, true);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket plain = createSocket();
    plain.bind(new InetSocketAddress(localHost, localPort));
    plain.connect(InetSocketAddress.createUnresolved(host, port));
    return tls.createSocket(plain, host, port, true);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return createSocket(host.getHostAddress(), port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket(host.getHostAddress(), port, localAddress, localPort);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return tls.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }
}
