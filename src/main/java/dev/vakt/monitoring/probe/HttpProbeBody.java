package dev.vakt.monitoring.probe;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps at most the first {@code limit} bytes of a response body, then stops reading. A keyword
 * check needs the page, not a multi-gigabyte download that would hold memory and the deadline.
 */
final class HttpProbeBody implements HttpResponse.BodySubscriber<byte[]> {

  private final int limit;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private Flow.Subscription subscription;

  HttpProbeBody(int limit) {
    this.limit = limit;
  }

  /** A body handler that keeps the first {@code limit} bytes. */
  static HttpResponse.BodyHandler<byte[]> handler(int limit) {
    return info -> new HttpProbeBody(limit);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer item : items) {
      int n = Math.min(item.remaining(), limit - kept.size());
      byte[] bytes = new byte[n];
      item.get(bytes);
      kept.write(bytes, 0, n);
    }
    if (kept.size() >= limit) {
      // Enough to judge: stop the transfer (the client closes that connection).
      subscription.cancel();
      body.complete(kept.toByteArray());
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    body.complete(kept.toByteArray());
  }
}
