package io.github.storageagent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file that should be small (a config, a certificate), refusing one that is not: a path
 * pointed at a huge file or a device must give an error, not fill the heap.
 */
public final class SmallFile {

  /** Far above any web config, certificate chain or CA bundle. */
  public static final int MAX_BYTES = 1024 * 1024;

  private SmallFile() {}

  public static byte[] read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES / 1024 + " KiB, not a config or PEM file");
      }
      return bytes;
    }
  }
}
