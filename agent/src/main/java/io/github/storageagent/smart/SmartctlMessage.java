package io.github.storageagent.smart;

/** One entry of {@code smartctl.messages[]}: severity is information, warning or error. */
public record SmartctlMessage(String text, String severity) {}
