package io.github.storageagent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads (links, never initialises) each class named in a file and then sleeps: the resident memory
 * of that JVM is what those classes cost before any of their code runs. {@code bench/class-floor}
 * starts it with the agent's unit flags on the list of classes the agent loaded.
 */
public final class ClassFloor {

  private ClassFloor() {}

  public static void main(String[] args) throws Exception {
    List<String> names = Files.readAllLines(Path.of(args[0]));
    ClassLoader loader = ClassFloor.class.getClassLoader();
    int loaded = 0;
    int missing = 0;
    for (String name : names) {
      try {
        Class.forName(name, false, loader);
        loaded++;
      } catch (ClassNotFoundException | LinkageError e) {
        // hidden classes (lambdas) and classes only a running agent defines have no name to load
        missing++;
      }
    }
    System.out.println("class-floor: loaded " + loaded + ", not loadable " + missing);
    System.gc();
    Thread.sleep(Long.MAX_VALUE);
  }
}
