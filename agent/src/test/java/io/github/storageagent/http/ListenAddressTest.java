package io.github.storageagent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

  @Test
  void parsesExporterStyleAddresses() {
    assertThat(ListenAddress.parse(":9958")).isEqualTo(new ListenAddress("0.0.0.0", 9958));
    assertThat(ListenAddress.parse("127.0.0.1:9100"))
        .isEqualTo(new ListenAddress("127.0.0.1", 9100));
    assertThat(ListenAddress.parse("[::1]:9958")).isEqualTo(new ListenAddress("::1", 9958));
  }

  @Test
  void rejectsAddressesWithoutAValidPort() {
    assertThatThrownBy(() -> ListenAddress.parse("9958")).hasMessageContaining("[host]:port");
    assertThatThrownBy(() -> ListenAddress.parse("host:http")).hasMessageContaining("number");
    assertThatThrownBy(() -> ListenAddress.parse(":70000")).hasMessageContaining("out of range");
  }
}
