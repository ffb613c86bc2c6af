package io.github.storageagent.it;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the names and types of the MetricFamily messages in a length-delimited protobuf scrape
 * (io.prometheus.client.MetricFamily: field 1 name, field 3 type), enough to check that the agent
 * speaks the format Prometheus negotiates, independently of client_java's own classes.
 */
final class ProtobufFamilies {

  static final int COUNTER = 0;
  static final int GAUGE = 1;
  static final int HISTOGRAM = 4;

  private final byte[] buf;
  private int pos;

  private ProtobufFamilies(byte[] buf) {
    this.buf = buf;
  }

  /** Family name → type enum value. */
  static Map<String, Integer> read(byte[] body) {
    ProtobufFamilies r = new ProtobufFamilies(body);
    Map<String, Integer> families = new LinkedHashMap<>();
    while (r.pos < body.length) {
      int length = (int) r.varint();
      int end = r.pos + length;
      String name = null;
      int type = 0;
      while (r.pos < end) {
        long tag = r.varint();
        int field = (int) (tag >>> 3);
        int wire = (int) (tag & 7);
        if (field == 1 && wire == 2) {
          int n = (int) r.varint();
          name = new String(body, r.pos, n, java.nio.charset.StandardCharsets.UTF_8);
          r.pos += n;
        } else if (field == 3 && wire == 0) {
          type = (int) r.varint();
        } else {
          r.skip(wire);
        }
      }
      if (r.pos != end) {
        throw new IllegalStateException("malformed MetricFamily frame");
      }
      families.put(name, type);
    }
    return families;
  }

  private long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalStateException("varint too long");
  }

  private void skip(int wire) {
    switch (wire) {
      case 0 -> varint();
      case 1 -> pos += 8;
      case 2 -> {
        int length = (int) varint(); // read first: "pos += varint()" would add to the old pos
        pos += length;
      }
      case 5 -> pos += 4;
      default -> throw new IllegalStateException("unexpected wire type " + wire);
    }
  }
}
