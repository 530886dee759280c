package io.mdfe.service.common.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records what one logger (by name, and its children) logs while open, so tests can assert a warning.
 * Works on the JDK's logging API, which Quarkus' JBoss LogManager implements, so it sees messages from
 * JUL, JBoss Logging and SLF4J loggers alike.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        logger.addHandler(handler);
    }

    /** {@return a capture of the logger named after {@code type}} */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName());
    }

    /** {@return the messages logged at WARNING or above, as formatted by the JDK's formatter} */
    public List<String> warnings() {
        SimpleFormatter formatter = new SimpleFormatter();
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(formatter::formatMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
