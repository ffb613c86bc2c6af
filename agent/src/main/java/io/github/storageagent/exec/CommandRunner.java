package io.github.storageagent.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link Command} directly (no shell), collects capped output from both streams, and kills
 * the whole process tree at the timeout or when output exceeds its cap. The process is always
 * reaped before this returns, so no zombie is left behind.
 *
 * <p>A child never inherits the agent's environment: it gets {@link ChildEnvironment} (search path,
 * C locale, lvm's own variables) plus the command's entries, so a token secret given to the agent
 * by {@code token_secret_env} cannot reach smartctl, lvs or vgs.
 */
public final class CommandRunner {

  private final Map<String, String> baseEnvironment;

  /** Children get the minimal environment derived from the agent's own. */
  public CommandRunner() {
    this(System.getenv());
  }

  /** Children get the minimal environment derived from {@code agentEnvironment}. */
  public CommandRunner(Map<String, String> agentEnvironment) {
    this.baseEnvironment = ChildEnvironment.of(agentEnvironment);
  }

  /** What every child starts with, before the command's own entries. */
  public Map<String, String> baseEnvironment() {
    return baseEnvironment;
  }

  public CommandResult run(Command command) throws ExecException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command.argv());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(baseEnvironment);
    env.putAll(command.environment());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ExecException("cannot run " + command.argv().get(0) + ": " + reason(e), e);
    }
    AtomicBoolean capped = new AtomicBoolean();
    CappedReader out =
        new CappedReader(process.getInputStream(), command.maxOutputBytes(), capped, process);
    CappedReader err =
        new CappedReader(process.getErrorStream(), command.maxOutputBytes(), capped, process);
    Thread outThread = startReader(out, "exec-stdout");
    Thread errThread = startReader(err, "exec-stderr");
    boolean exited;
    try {
      exited = process.waitFor(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    }
    if (!exited) {
      killTree(process);
    }
    // Killing closes the pipes (unless a grandchild kept them open, which killTree also ends).
    outThread.join(TimeUnit.SECONDS.toMillis(5));
    errThread.join(TimeUnit.SECONDS.toMillis(5));
    int exitCode = process.waitFor();
    return new CommandResult(
        exitCode,
        out.bytes(),
        err.bytes(),
        !exited,
        capped.get(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static Thread startReader(CappedReader reader, String name) {
    Thread t = new Thread(reader, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String reason(IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int idx = m.indexOf("error=");
    return idx >= 0 ? m.substring(idx) : m;
  }

  /**
   * Reads a stream to its end, keeping at most {@code cap} bytes; beyond that kills the process.
   */
  private static final class CappedReader implements Runnable {
    private final InputStream in;
    private final int cap;
    private final AtomicBoolean capped;
    private final Process process;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    CappedReader(InputStream in, int cap, AtomicBoolean capped, Process process) {
      this.in = in;
      this.cap = cap;
      this.capped = capped;
      this.process = process;
    }

    @Override
    public void run() {
      byte[] buf = new byte[64 * 1024];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          int room = cap - kept.size();
          if (n > room) {
            kept.write(buf, 0, Math.max(0, room));
            capped.set(true);
            killTree(process);
            return;
          }
          kept.write(buf, 0, n);
        }
      } catch (IOException e) {
        // stream closed because the process was killed: what was read is kept
      }
    }

    synchronized byte[] bytes() {
      return kept.toByteArray();
    }
  }
}
