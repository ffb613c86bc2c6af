package io.github.storageagent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {

  @Test
  void firstLineIsTheFirstLineCut() {
    assertThat(Messages.firstLine(null, 10)).isEmpty();
    assertThat(Messages.firstLine("not JSON: '<'\n  at line 1", 100)).isEqualTo("not JSON: '<'");
    assertThat(Messages.firstLine("abcdefghijkl", 5)).isEqualTo("abcde…");
  }

  @Test
  void oneLineJoinsWhitespaceAndCuts() {
    assertThat(Messages.oneLine("  HTTP 500:\n\tinternal   error \r\n", 100))
        .isEqualTo("HTTP 500: internal error");
    assertThat(Messages.oneLine("x".repeat(10), 3)).isEqualTo("xxx…");
  }
}
