package dev.vakt.bench;

import dev.vakt.monitoring.CheckScheduler;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.StateMachine;
import dev.vakt.monitoring.probe.TcpProbe;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The monitoring engine under load on loopback: N TCP services spread over many local ports (one
 * target port would measure the kernel's TIME_WAIT limit, not the engine), checked by the real
 * scheduler, state machine and TCP probe. Reports sustained checks per second, scheduling lag
 * (actual minus planned start) at p50/p99, and heap in use. The target servers share the machine's
 * CPU.
 *
 * <p>{@code bench/monitoring.sh SERVICES INTERVAL SECONDS}: e.g. {@code 100000 60s 180} for the
 * scale target, {@code 20000 1s 30} for full speed.
 */
public final class MonitoringBenchmark {

  private MonitoringBenchmark() {}

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Duration interval = Duration.parse("PT" + (args.length > 1 ? args[1] : "60s").toUpperCase());
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 180;
    int ports = Math.min(500, services);

    List<ServerSocket> targets = new ArrayList<>();
    for (int i = 0; i < ports; i++) {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
      targets.add(s);
      Thread.ofVirtual().start(() -> accept(s));
    }

    LongAdder checks = new LongAdder();
    LongAdder failed = new LongAdder();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TcpProbe tcp = new TcpProbe();
    CheckScheduler scheduler =
        new CheckScheduler(
            spec -> tcp.check((CheckSpec.Tcp) spec),
            StateMachine.standard(),
            (job, result, step, before) -> {
              checks.increment();
              if (result.state() != CheckState.OK) {
                failed.increment();
              }
            },
            2000,
            Integer
                .MAX_VALUE, // every target is the same host here: the per-host limit would be the
            // bottleneck
            Clock.systemUTC(),
            meters);
    for (int i = 0; i < services; i++) {
      int port = targets.get(i % ports).getLocalPort();
      scheduler.upsert(
          new CheckScheduler.Job(
              "svc-" + i,
              new CheckSpec.Tcp("127.0.0.1", port, Duration.ofSeconds(5), null, null, null),
              "127.0.0.1",
              interval,
              interval,
              3));
    }
    System.out.printf(
        "machine: %d cores, max heap %d MiB, %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    System.out.printf(
        "%,d TCP services over %d loopback ports, interval %s, %d s%n",
        services, ports, interval, seconds);
    long t0 = System.nanoTime();
    scheduler.start();
    // The first interval fills the schedule (first runs are spread over it); measure after that.
    long warm = Math.min(interval.toSeconds(), seconds / 3);
    Thread.sleep(TimeUnit.SECONDS.toMillis(warm));
    Timer lag = meters.find("vakt.monitoring.lag").timer();
    long c0 = checks.sum();
    long measuredFrom = System.nanoTime();
    double maxHeap = 0;
    for (int s = 0; s < seconds - warm; s++) {
      Thread.sleep(1000);
      Runtime rt = Runtime.getRuntime();
      maxHeap = Math.max(maxHeap, (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    }
    double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
    long done = checks.sum() - c0;
    System.out.printf(
        "checks: %,d in %.0f s = %,.0f checks/s (%,d not OK overall)%n",
        done, elapsed, done / elapsed, failed.sum());
    for (ValueAtPercentile p : lag.takeSnapshot().percentileValues()) {
      System.out.printf(
          "lag p%.0f: %.1f ms%n", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS));
    }
    System.out.printf(
        "lag max: %.1f ms; heap in use (max sampled): %.0f MiB%n",
        lag.max(TimeUnit.MILLISECONDS), maxHeap);
    System.out.printf("total run %.0f s%n", (System.nanoTime() - t0) / 1e9);
    scheduler.close();
    for (ServerSocket s : targets) {
      s.close();
    }
    System.exit(0);
  }

  private static void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket c = s.accept();
        c.close();
      } catch (IOException e) {
        return;
      }
    }
  }
}
