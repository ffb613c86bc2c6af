package io.github.storageagent.smart;

/**
 * One row of the ATA SMART attribute table ({@code ata_smart_attributes.table[]}).
 *
 * @param id attribute id, 1-255
 * @param name smartctl's name for it on this drive (from its drive database)
 * @param value normalized value (vendor scale, higher is better)
 * @param worst worst normalized value seen
 * @param threshold vendor threshold; at or below it the attribute is failing
 * @param whenFailed "" (never), "past" or "now"
 * @param prefailure whether a failing value predicts failure (vs. age/usage)
 * @param rawValue the 48-bit raw value as one number (vendor-encoded, may pack several counters)
 * @param rawString smartctl's decoding of the raw value, e.g. "36 (Min/Max 0/51)" or "0 0 2"
 */
public record AtaAttribute(
    int id,
    String name,
    int value,
    int worst,
    int threshold,
    String whenFailed,
    boolean prefailure,
    long rawValue,
    String rawString) {}
