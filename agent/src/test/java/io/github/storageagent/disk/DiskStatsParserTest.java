package io.github.storageagent.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class DiskStatsParserTest {

  static String resource(String name) throws IOException {
    try (var in = DiskStatsParserTest.class.getResourceAsStream("/disk/" + name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsTwentyColumnLinesOfLinux55AndLater() throws IOException {
    DiskStatsParser.Result r = DiskStatsParser.parse(resource("diskstats-kernel6.txt"));

    assertThat(r.badLines()).isEmpty();
    assertThat(r.lines()).hasSize(9);
    DiskStatsLine nvme = r.lines().get(0);
    assertThat(nvme.device()).isEqualTo("nvme0n1");
    assertThat(nvme.major()).isEqualTo(259);
    assertThat(nvme.valueCount()).isEqualTo(17);
    assertThat(nvme.get(DiskStatField.READS_COMPLETED)).isEqualTo(48211377L);
    assertThat(nvme.get(DiskStatField.SECTORS_READ)).isEqualTo(3196473082L);
    assertThat(nvme.get(DiskStatField.WEIGHTED_IO_TIME_MS)).isEqualTo(19617452L);
    assertThat(nvme.get(DiskStatField.SECTORS_DISCARDED)).isEqualTo(2146983720L);
    assertThat(nvme.get(DiskStatField.FLUSH_TIME_MS)).isEqualTo(88663L);
  }

  @Test
  void readsEighteenColumnLinesWithDiscardsButNoFlushes() throws IOException {
    DiskStatsParser.Result r = DiskStatsParser.parse(resource("diskstats-kernel4.txt"));

    assertThat(r.badLines()).isEmpty();
    DiskStatsLine nvme = r.lines().get(0);
    assertThat(nvme.valueCount()).isEqualTo(15);
    assertThat(nvme.has(DiskStatField.DISCARD_TIME_MS)).isTrue();
    assertThat(nvme.get(DiskStatField.DISCARD_TIME_MS)).isEqualTo(8960L);
    assertThat(nvme.has(DiskStatField.FLUSHES_COMPLETED)).isFalse();
  }

  @Test
  void readsFourteenColumnLinesOfOldKernels() throws IOException {
    DiskStatsParser.Result r = DiskStatsParser.parse(resource("diskstats-kernel3.txt"));

    assertThat(r.badLines()).isEmpty();
    assertThat(r.lines()).extracting(DiskStatsLine::device).containsExactly("sda", "sdb");
    assertThat(r.lines().get(0).has(DiskStatField.DISCARDS_COMPLETED)).isFalse();
    assertThat(r.lines().get(0).get(DiskStatField.WRITE_TIME_MS)).isEqualTo(2440021L);
  }

  @Test
  void returnsUnreadableLinesInsteadOfThrowing() {
    String text =
        """
           8       0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17
        this line is garbage
           8       1 sda1 1 2 3 4
         252       3 dm-3 12 x 96 5 0 0 0 0 0 5 5 0 0 0 0 0 0
           8       2 ../etc 1 2 3 4 5 6 7 8 9 10 11
          -1       2 sdz 1 2 3 4 5 6 7 8 9 10 11
        """;

    DiskStatsParser.Result r = DiskStatsParser.parse(text);

    assertThat(r.lines()).extracting(DiskStatsLine::device).containsExactly("sda");
    assertThat(r.badLines()).hasSize(5).contains("this line is garbage");
  }

  @Test
  void keepsUnsignedValuesAboveTheSignedRange() {
    String line = "8 0 sda 18446744073709551615 0 0 0 0 0 0 0 0 0 0";

    DiskStatsLine parsed = DiskStatsParser.parse(line).lines().get(0);

    assertThat(Long.toUnsignedString(parsed.get(DiskStatField.READS_COMPLETED)))
        .isEqualTo("18446744073709551615");
  }

  @Test
  void emptyInputHasNoLines() {
    assertThat(DiskStatsParser.parse("").lines()).isEmpty();
    assertThat(DiskStatsParser.parse("\n\n").badLines()).isEmpty();
  }
}
