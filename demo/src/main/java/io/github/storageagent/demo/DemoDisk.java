package io.github.storageagent.demo;

/**
 * One simulated block device of the demo node and its load profile.
 *
 * @param name kernel name
 * @param major block major number
 * @param minor block minor number
 * @param readIops mean reads per second
 * @param writeIops mean writes per second
 * @param readLatencyMs mean read service time
 * @param writeLatencyMs mean write service time
 * @param model hardware model (sysfs device/model), "" for virtual devices
 * @param serial hardware serial, "" for virtual devices
 * @param dmName device-mapper name, "" for hardware
 * @param spikeEverySeconds how often a latency spike (×25 for 2 s) hits, 0 for never
 */
record DemoDisk(
    String name,
    int major,
    int minor,
    double readIops,
    double writeIops,
    double readLatencyMs,
    double writeLatencyMs,
    String model,
    String serial,
    String dmName,
    int spikeEverySeconds) {

  static DemoDisk hardware(
      String name,
      int major,
      int minor,
      double r,
      double w,
      double rl,
      double wl,
      String model,
      String serial,
      int spikes) {
    return new DemoDisk(name, major, minor, r, w, rl, wl, model, serial, "", spikes);
  }

  static DemoDisk mapper(
      int n, String dmName, double r, double w, double rl, double wl, int spikes) {
    return new DemoDisk("dm-" + n, 252, n, r, w, rl, wl, "", "", dmName, spikes);
  }
}
