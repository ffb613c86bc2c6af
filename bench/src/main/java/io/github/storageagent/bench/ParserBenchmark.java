package io.github.storageagent.bench;

import io.github.storageagent.backup.pbs.NewestSnapshot;
import io.github.storageagent.backup.pbs.PbsFormatException;
import io.github.storageagent.backup.pbs.PbsJson;
import io.github.storageagent.backup.pbs.PbsRecords;
import io.github.storageagent.disk.DiskStatsParser;
import io.github.storageagent.lvm.LvmJsonParser;
import io.github.storageagent.lvm.LvmParseException;
import io.github.storageagent.lvm.LvmReport;
import io.github.storageagent.smart.SmartParseException;
import io.github.storageagent.smart.SmartReading;
import io.github.storageagent.smart.SmartctlJsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The agent's parsers on the reference node's inputs (and the scale node's, where they grow with
 * it), made by the same generators the reference node writes its files with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParserBenchmark {

  String smartNvme;
  String smartAta;
  String lvsReference;
  String lvsScale;
  String diskstatsReference;
  String diskstatsScale;
  PbsBodies pbs;

  @Setup
  public void setup() throws IOException {
    smartNvme = SmartJson.nvme(0);
    smartAta = SmartJson.ata(0);
    lvsReference = LvmJson.of(Shape.REFERENCE).lvs();
    lvsScale = LvmJson.of(Shape.SCALE).lvs();
    diskstatsReference = new DiskStats(BlockDevice.of(Shape.REFERENCE)).render();
    diskstatsScale = new DiskStats(BlockDevice.of(Shape.SCALE)).render();
    pbs = PbsBodies.fetch(Shape.REFERENCE);
  }

  @Benchmark
  public SmartReading smartctlNvme() throws SmartParseException {
    return SmartctlJsonParser.parseReading(smartNvme);
  }

  @Benchmark
  public SmartReading smartctlAta() throws SmartParseException {
    return SmartctlJsonParser.parseReading(smartAta);
  }

  /** The reference node's lvs report: 2 pools, 60 thin volumes. */
  @Benchmark
  public LvmReport lvsReference60() throws LvmParseException {
    return LvmJsonParser.parse(lvsReference);
  }

  /** The scale node's lvs report: 2 pools, 2,000 thin volumes. */
  @Benchmark
  public LvmReport lvsScale2000() throws LvmParseException {
    return LvmJsonParser.parse(lvsScale);
  }

  /** 18 lines: 12 devices and 6 partitions. */
  @Benchmark
  public DiskStatsParser.Result diskstatsReference() {
    return DiskStatsParser.parse(diskstatsReference);
  }

  /** 70 lines: 64 devices and 6 partitions. */
  @Benchmark
  public DiskStatsParser.Result diskstatsScale() {
    return DiskStatsParser.parse(diskstatsScale);
  }

  @Benchmark
  public PbsJson.Parsed<PbsRecords.DatastoreUsage> pbsDatastoreUsage() throws PbsFormatException {
    return PbsJson.list(
        new ByteArrayInputStream(pbs.datastoreUsage), PbsRecords.DatastoreUsage::from);
  }

  @Benchmark
  public PbsJson.Parsed<PbsRecords.BackupGroup> pbsGroups40() throws PbsFormatException {
    return PbsJson.list(new ByteArrayInputStream(pbs.groups), PbsRecords.BackupGroup::from);
  }

  /** Streamed as the agent reads snapshot lists: only the newest entry is kept. */
  @Benchmark
  public NewestSnapshot pbsSnapshots2000() throws PbsFormatException {
    return PbsJson.newestSnapshot(new ByteArrayInputStream(pbs.snapshots));
  }
}
