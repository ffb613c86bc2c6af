package io.github.storageagent.smart;

import java.util.OptionalLong;

/**
 * The temperature limits a drive reports about itself, °C. Empty when the drive does not report one
 * or reports 0 ("not specified").
 *
 * @param operatingMax highest temperature the drive is specified to run at: ATA {@code
 *     temperature.op_limit_max} (device statistics page 5 or SCT), NVMe warning composite
 *     temperature threshold (WCTEMP)
 * @param criticalMax temperature beyond which the drive may be damaged or shut down: ATA {@code
 *     temperature.limit_max} (SCT temperature history), NVMe critical composite temperature
 *     threshold (CCTEMP), SCSI drive trip temperature
 */
public record TemperatureLimits(OptionalLong operatingMax, OptionalLong criticalMax) {

  public static final TemperatureLimits NONE =
      new TemperatureLimits(OptionalLong.empty(), OptionalLong.empty());
}
