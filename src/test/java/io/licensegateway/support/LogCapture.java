package io.licensegateway.support;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Everything logged while installed (level, logger, message, parameters, exception), for tests that read the log. */
public final class LogCapture extends Handler {

    private final StringBuilder log = new StringBuilder();

    public void install() {
        Logger.getLogger("").addHandler(this);
    }

    public void uninstall() {
        Logger.getLogger("").removeHandler(this);
    }

    /** What was logged so far, a line a record. */
    public String text() {
        synchronized (log) {
            return log.toString();
        }
    }

    @Override
    public void publish(LogRecord record) {
        synchronized (log) {
            log.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(' ').append(record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    log.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                log.append(' ').append(record.getThrown());
            }
            log.append('\n');
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
