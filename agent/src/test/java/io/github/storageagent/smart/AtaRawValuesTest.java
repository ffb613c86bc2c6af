package io.github.storageagent.smart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AtaRawValuesTest {

  @ParameterizedTest(name = "id {0}: {1} / \"{2}\" -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // plain counters are what they say
        "5   | 387            | 387                  | 387",
        "197 | 24             | 24                   | 24",
        // raw16 word list, most significant first: the low counter is the last word
        "188 | 12885098501    | 3 3 5                | 5",
        "188 | 4295032833     | 1 1 1                | 1",
        "188 | 8589934594     | 2 0 2                | 2",
        // decoded counter first, packed extras in parentheses
        "187 | 81604378657    | 33 (0 19 0 0 0)      | 33",
        "198 | 30064771084    | 12 (Average 10)      | 12",
        // nothing decodable: the number smartctl gave
        "5   | 6              | 0/6                  | 6",
        "197 | 99             | ''                   | 99",
        // not a Backblaze attribute: raw.value as given, even when packed
        "194 | 81604378657    | 33 (0 19 0 0 0)      | 81604378657",
        "1   | 12834215976973 | 12834215976973       | 12834215976973",
        "181 | 8306523505707  | 1934 866 1067        | 8306523505707"
      })
  void exportedRawValue(int id, long raw, String string, long expected) {
    AtaAttribute a = new AtaAttribute(id, "X", 100, 100, 0, "", false, raw, string);
    assertThat(AtaRawValues.exported(a)).isEqualTo(expected);
  }
}
