package io.licensegateway.console;

import java.util.List;

/**
 * Consoles that come from elsewhere than {@code gateway.consoles.*}: the built-in simulator produces one, so this
 * package never depends on it. Asked once, when the {@link ConsoleRegistry} is built.
 */
public interface ConsoleSource {

    List<Console> consoles();
}
