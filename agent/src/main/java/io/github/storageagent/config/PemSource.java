package io.github.storageagent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * PEM text from a file ({@code cert_file}) or given inline in the web config ({@code cert}). An
 * inline key is a secret: {@link #toString()} never shows the text.
 *
 * @param key the web config key it came from, for messages
 * @param file the file, resolved against the web config file's directory
 * @param inline the PEM text itself
 */
public record PemSource(String key, Optional<Path> file, Optional<String> inline) {

  public PemSource {
    if (file.isPresent() == inline.isPresent()) {
      throw new IllegalArgumentException(key + ": exactly one of a file or inline text");
    }
  }

  static PemSource ofFile(String key, Path file) {
    return new PemSource(key, Optional.of(file), Optional.empty());
  }

  static PemSource ofInline(String key, String text) {
    return new PemSource(key, Optional.empty(), Optional.of(text));
  }

  /** The PEM text; a file is read anew on every call, so a replaced file is seen. */
  public String read() throws IOException {
    if (inline.isPresent()) {
      return inline.get();
    }
    try {
      return new String(SmallFile.read(file.get()), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(describe() + ": no such file");
    } catch (IOException e) {
      throw new IOException(describe() + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** {@code key_file /etc/storage-agent/web.key}, or {@code key (inline)}. */
  public String describe() {
    return file.map(f -> key + " " + f).orElse(key + " (inline)");
  }

  @Override
  public String toString() {
    return describe();
  }
}
