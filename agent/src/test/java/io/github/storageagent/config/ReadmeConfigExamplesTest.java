package io.github.storageagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's examples of the collectors' sections are what admins paste into their config: each
 * must load as it is. (The backup and web examples hold placeholders for secrets and fingerprints,
 * and their keys are covered by the loaders' own tests.)
 */
class ReadmeConfigExamplesTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
  private static final List<String> SECTIONS = List.of("disk:", "smart:", "lvm:");

  @Test
  void everyCollectorSectionExampleLoads() throws IOException {
    List<String> examples = new ArrayList<>();
    Matcher m = YAML_BLOCK.matcher(Files.readString(README));
    while (m.find()) {
      String block = m.group(1);
      if (SECTIONS.stream().anyMatch(block::startsWith)) {
        examples.add(block);
      }
    }
    assertThat(examples)
        .as("examples of %s in %s", SECTIONS, README)
        .hasSizeGreaterThanOrEqualTo(3);
    ConfigLoader loader = new ConfigLoader(Map.of());
    for (String example : examples) {
      assertThatCode(() -> loader.parse(example)).as(example).doesNotThrowAnyException();
    }
  }
}
