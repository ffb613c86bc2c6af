package io.github.storageagent.config;

import java.util.regex.Pattern;

/**
 * A device the scan cannot find on its own, such as a disk behind a RAID controller.
 *
 * @param name the device path handed to smartctl, e.g. {@code /dev/bus/0} or {@code /dev/sda}
 * @param type smartctl's {@code -d} type, e.g. {@code megaraid,1} or {@code sat}; "" for auto
 */
public record SmartDeviceConfig(String name, String type) {

  // Both values go into smartctl's argv: keep them to what smartctl accepts, never an option.
  private static final Pattern NAME = Pattern.compile("/[A-Za-z0-9_./:+,-]+");
  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_,+/-]*");

  /** One entry of {@code smart.devices}. */
  static SmartDeviceConfig from(ConfigNode node) {
    return new SmartDeviceConfig(node.string("name"), node.string("type"));
  }

  public SmartDeviceConfig(String name, String type) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidValueException(
          "name", "must be an absolute device path such as /dev/sda, got '" + name + "'");
    }
    if (type != null && !type.isEmpty() && !TYPE.matcher(type).matches()) {
      throw new InvalidValueException(
          "type", "must be a smartctl -d type such as sat or megaraid,1, got '" + type + "'");
    }
    this.name = name;
    this.type = type == null ? "" : type;
  }
}
