package io.github.storageagent.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogfmtLayoutTest {

  @Test
  void quotesOnlyWhatNeedsQuoting() {
    assertThat(LogfmtLayout.value("disk.DiskCollector")).isEqualTo("disk.DiskCollector");
    assertThat(LogfmtLayout.value("collector lvm failed")).isEqualTo("\"collector lvm failed\"");
    assertThat(LogfmtLayout.value("a=b")).isEqualTo("\"a=b\"");
    assertThat(LogfmtLayout.value("")).isEqualTo("\"\"");
  }

  @Test
  void escapesQuotesBackslashesAndNewlinesSoOneEventStaysOneLine() {
    assertThat(LogfmtLayout.value("say \"hi\"\nC:\\x")).isEqualTo("\"say \\\"hi\\\"\\nC:\\\\x\"");
  }
}
