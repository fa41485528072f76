package dev.vakt.coverage;

import dev.vakt.common.Ids;

/** What coverage is asked about: a service or a server, each by its inventory id. */
public sealed interface Subject {

  String id();

  /** A service of the inventory. */
  record Service(String id) implements Subject {
    public Service {
      Ids.require("service", id);
    }
  }

  /** A server of the inventory. */
  record Server(String id) implements Subject {
    public Server {
      Ids.require("server", id);
    }
  }

  static Subject service(String id) {
    return new Service(id);
  }

  static Subject server(String id) {
    return new Server(id);
  }
}
