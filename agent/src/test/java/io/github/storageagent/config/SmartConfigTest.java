package io.github.storageagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmartConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsServeANodeWithoutConfig() throws Exception {
    SmartConfig c = loader.parse("").smart();

    assertThat(c.enabled()).isTrue();
    assertThat(c.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.schedule().maxAge()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.rescanInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.powerMode()).isEqualTo(SmartConfig.PowerMode.STANDBY);
    assertThat(c.smartctl()).isEqualTo("smartctl");
    assertThat(c.devices()).isEmpty();
    assertThat(c.selects("nvme0", "/dev/nvme0")).isTrue();
  }

  @Test
  void everyKey() throws Exception {
    SmartConfig c =
        loader
            .parse(
                """
                smart:
                  enabled: true
                  interval: 10m
                  timeout: 20s
                  max_age: 1h
                  rescan_interval: 30m
                  device_include: 'nvme.*|sd[a-d]'
                  device_exclude: sdc
                  power_mode: idle
                  smartctl: /opt/smartmontools/sbin/smartctl
                  devices:
                    - name: /dev/bus/0
                      type: megaraid,1
                    - name: /dev/sdz
                """)
            .smart();

    assertThat(c.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.schedule().maxAge()).isEqualTo(Duration.ofHours(1));
    assertThat(c.rescanInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.powerMode().argument()).isEqualTo("idle");
    assertThat(c.smartctl()).isEqualTo("/opt/smartmontools/sbin/smartctl");
    assertThat(c.devices())
        .containsExactly(
            new SmartDeviceConfig("/dev/bus/0", "megaraid,1"),
            new SmartDeviceConfig("/dev/sdz", ""));
    assertThat(c.selects("nvme3", "/dev/nvme3")).isTrue();
    assertThat(c.selects("sdb", "/dev/sdb")).isTrue();
    assertThat(c.selects("sdc", "/dev/sdc")).isFalse();
    assertThat(c.selects("sde", "/dev/sde")).isFalse();
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> loader.parse("smart:\n  power_mode: deep\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smart.power_mode: must be one of never, sleep, standby, idle, got 'deep'");
    assertThatThrownBy(() -> loader.parse("smart:\n  timeout: soon\n"))
        .hasMessageStartingWith("smart.timeout: must be a duration");
    assertThatThrownBy(() -> loader.parse("smart:\n  device_include: '(nvme'\n"))
        .hasMessageStartingWith("smart.device_include: not a valid regular expression");
    assertThatThrownBy(() -> loader.parse("smart:\n  devices:\n    - name: '--scan'\n"))
        .hasMessageContaining("name: must be an absolute device path");
    assertThatThrownBy(
            () -> loader.parse("smart:\n  devices:\n    - {name: /dev/sda, type: '-x'}\n"))
        .hasMessageContaining("type: must be a smartctl -d type");
    assertThatThrownBy(() -> loader.parse("smart:\n  intervall: 5m\n"))
        .hasMessageStartingWith("smart.intervall: unknown key");
  }
}
