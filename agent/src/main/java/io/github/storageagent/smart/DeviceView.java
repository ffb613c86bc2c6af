package io.github.storageagent.smart;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What is exported for one device this round.
 *
 * @param device the device and its names
 * @param identity the last known identity (from a reading, else from the scan)
 * @param active 1 when read, 0 when asleep and left alone, empty when unknown
 * @param exitStatus smartctl's exit status of the call the data (or the lack of it) comes from
 * @param reading the data to export, empty when there is none this round
 */
public record DeviceView(
    SmartDevice device,
    DeviceIdentity identity,
    OptionalInt active,
    OptionalInt exitStatus,
    Optional<SmartReading> reading) {}
