package io.github.storageagent.lvm;

/**
 * One row of vgs.
 *
 * @param name {@code vg_name}
 * @param sizeBytes {@code vg_size}
 * @param freeBytes {@code vg_free}: unallocated extents, what thin pool autoextend can use
 */
public record VolumeGroup(String name, long sizeBytes, long freeBytes) {}
