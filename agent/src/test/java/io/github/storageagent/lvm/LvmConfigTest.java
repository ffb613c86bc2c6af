package io.github.storageagent.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.storageagent.config.AgentConfig;
import io.github.storageagent.config.ConfigException;
import io.github.storageagent.config.ConfigLoader;
import io.github.storageagent.config.LvmConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LvmConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsServeAProxmoxNode() throws Exception {
    LvmConfig c = loader.parse("disk:\n  enabled: true\n").lvm();
    assertThat(c).isEqualTo(AgentConfig.defaults().lvm());
    assertThat(c.enabled()).isTrue();
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.maxAge()).isEmpty();
    assertThat(c.thinVolumes()).isTrue();
    assertThat(c.lvsPath()).isEqualTo("lvs");
    assertThat(c.vgsPath()).isEqualTo("vgs");
    assertThat(new LvmCollector(c, (LvmClient) null).maxAge()).isEqualTo(Duration.ofMinutes(3));
    assertThat(new LvmCollector(c, (LvmClient) null).deadline()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void everyKey() throws Exception {
    LvmConfig c =
        loader
            .parse(
                "lvm:\n  enabled: false\n  interval: 2m\n  timeout: 30s\n  max_age: 10m\n"
                    + "  thin_volumes: false\n  lvs_path: /usr/sbin/lvs\n  vgs_path: /usr/sbin/vgs\n")
            .lvm();
    assertThat(c)
        .isEqualTo(
            new LvmConfig(
                false,
                Duration.ofMinutes(2),
                Duration.ofSeconds(30),
                Optional.of(Duration.ofMinutes(10)),
                false,
                "/usr/sbin/lvs",
                "/usr/sbin/vgs"));
    assertThat(new LvmCollector(c, (LvmClient) null).maxAge()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> loader.parse("lvm:\n  interval: soon\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("lvm.interval: must be a duration");
    assertThatThrownBy(() -> loader.parse("lvm:\n  timeout: 0s\n"))
        .hasMessage("lvm.timeout: must be greater than zero");
    assertThatThrownBy(() -> loader.parse("lvm:\n  lvs_path: ''\n"))
        .hasMessageStartingWith("lvm.lvs_path: must be a program name or path");
    assertThatThrownBy(() -> loader.parse("lvm:\n  thin_volume: false\n"))
        .hasMessageStartingWith("lvm.thin_volume: unknown key")
        .hasMessageContaining("thin_volumes");
    assertThatThrownBy(() -> loader.parse("lvm:\n  thin_volumes: maybe\n"))
        .hasMessageStartingWith("lvm.thin_volumes: expected true or false");
  }
}
