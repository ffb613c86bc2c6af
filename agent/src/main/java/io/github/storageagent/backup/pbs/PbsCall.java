package io.github.storageagent.backup.pbs;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The limits of one PBS request: connecting (TCP and TLS) within the connect timeout, the whole
 * request (headers and body) within its time limit, and an interrupt of the calling thread. A watch
 * on the agent's timer enforces them by closing the request's socket, because a blocked socket read
 * heeds neither a deadline (a read timeout is per read: a server sending a byte a second never
 * trips it) nor an interrupt.
 *
 * <p>The socket is learnt from the socket itself ({@link PbsSocketFactory}): a new connection's
 * socket reports when it is made, a kept-alive one whenever it is read, both on the calling thread.
 * A socket that reports after the call has run out of time is closed at once.
 */
final class PbsCall implements AutoCloseable {

  /** Where the request is; a time limit that runs out says which. */
  enum Stage {
    /** TCP connect and TLS handshake. */
    CONNECTING,
    /** The request is sent; the status line and headers have not all arrived. */
    WAITING,
    /** The body is being read. */
    READING
  }

  /** How often the watch looks: the precision of the limits and of reacting to an interrupt. */
  private static final long WATCH_MILLIS = 50;

  private static final ThreadLocal<PbsCall> CURRENT = new ThreadLocal<>();

  private final Thread caller = Thread.currentThread();
  private final long connectDeadline;
  private final long deadline;
  private final ScheduledFuture<?> watch;

  // guarded by this
  private Stage stage = Stage.CONNECTING;
  private Stage ranOutIn;
  private boolean interrupted;
  private boolean over;
  private Socket socket;

  private PbsCall(ScheduledExecutorService timer, Duration connectTimeout, Duration limit) {
    long now = System.nanoTime();
    this.connectDeadline = now + connectTimeout.toNanos();
    this.deadline = now + limit.toNanos();
    this.watch =
        timer.scheduleWithFixedDelay(this::look, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts watching a request made on the calling thread; close it when the request is over. */
  static PbsCall start(ScheduledExecutorService timer, Duration connectTimeout, Duration limit) {
    PbsCall call = new PbsCall(timer, connectTimeout, limit);
    CURRENT.set(call);
    return call;
  }

  /** Called by a PBS socket when it is made or read: it belongs to this thread's request. */
  static void using(Socket s) {
    PbsCall call = CURRENT.get();
    if (call != null) {
      call.attach(s);
    }
  }

  private synchronized void attach(Socket s) {
    if (over) {
      return;
    }
    socket = s;
    if (ranOutIn != null || interrupted) {
      closeQuietly(s);
    }
  }

  synchronized void stage(Stage next) {
    stage = next;
  }

  synchronized Stage stage() {
    return stage;
  }

  /** Whether a time limit ran out (the socket was closed then). */
  synchronized boolean ranOut() {
    return ranOutIn != null;
  }

  /** The stage in which a time limit ran out, or null. */
  synchronized Stage ranOutIn() {
    return ranOutIn;
  }

  /**
   * Ends the request with an InterruptedException if the caller was interrupted during it, clearing
   * the interrupt as a blocking JDK call does when it throws.
   */
  void throwIfInterrupted() throws InterruptedException {
    boolean was;
    synchronized (this) {
      was = interrupted;
    }
    if (was || Thread.currentThread().isInterrupted()) {
      Thread.interrupted();
      throw new InterruptedException();
    }
  }

  /**
   * The answer was read without trouble: its connection may go back to the JDK's keep-alive cache,
   * so no later limit may close it. False if a limit already closed it.
   */
  synchronized boolean release() {
    if (ranOutIn != null || interrupted) {
      return false;
    }
    over = true;
    socket = null;
    return true;
  }

  /** The request failed or its answer was not read to the end: its connection is not reused. */
  synchronized void discard() {
    over = true;
    closeQuietly(socket);
    socket = null;
  }

  /** The request is over: stops the watch. */
  @Override
  public void close() {
    watch.cancel(false);
    CURRENT.remove();
    synchronized (this) {
      over = true;
    }
  }

  /** The watch: runs on the timer. */
  private void look() {
    long now = System.nanoTime();
    synchronized (this) {
      if (over || ranOutIn != null || interrupted) {
        return;
      }
      if (caller.isInterrupted()) {
        interrupted = true;
      } else if (now - deadline >= 0 || (stage == Stage.CONNECTING && now - connectDeadline >= 0)) {
        ranOutIn = stage;
      } else {
        return;
      }
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (IOException ignored) {
      // closing is all that is wanted; the reader sees the socket closed
    }
  }
}
