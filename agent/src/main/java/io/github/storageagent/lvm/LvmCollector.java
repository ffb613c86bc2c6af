package io.github.storageagent.lvm;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.LvmConfig;
import io.github.storageagent.config.Schedule;
import io.github.storageagent.exec.CommandRunner;
import io.github.storageagent.exec.Executables;
import java.time.Duration;
import java.util.List;

/**
 * Reads volume groups and thin pools with one vgs and one lvs call per interval (60 s by default):
 * thin pool exhaustion, of data and worse of metadata, is what this collector exists to see coming.
 */
public final class LvmCollector implements Collector {

  private final LvmConfig config;
  private final LvmClient client;

  public LvmCollector(LvmConfig config, Executables executables) {
    this(
        config,
        new LvmClient(
            executables,
            new CommandRunner(),
            config.lvsPath(),
            config.vgsPath(),
            config.timeout()));
  }

  LvmCollector(LvmConfig config, LvmClient client) {
    this.config = config;
    this.client = client;
  }

  @Override
  public String name() {
    return "lvm";
  }

  @Override
  public Schedule schedule() {
    return config.schedule();
  }

  /** Two calls in a row, each with its own timeout, plus time to parse. */
  @Override
  public Duration deadline() {
    return config.timeout().multipliedBy(2).plusSeconds(5);
  }

  @Override
  public Snapshot collect() throws LvmCommandException, LvmParseException, InterruptedException {
    LvmReport vgs = parse("vgs", client.vgs());
    LvmReport lvs = parse("lvs", client.lvs());
    List<ThinPool> pools = ThinPool.group(lvs.logicalVolumes());
    return new Snapshot(
        LvmMetrics.families(vgs.volumeGroups(), pools, config.thinVolumes()),
        vgs.skippedRows() + lvs.skippedRows());
  }

  private static LvmReport parse(String program, String json) throws LvmParseException {
    try {
      return LvmJsonParser.parse(json);
    } catch (LvmParseException e) {
      throw new LvmParseException(program + " output: " + e.getMessage(), e);
    }
  }
}
