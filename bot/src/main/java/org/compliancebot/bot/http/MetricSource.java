package org.compliancebot.bot.http;

/**
 * Contributes samples to {@code /metrics}. A source reports only values it really knows; a metric whose
 * module is not running is left out rather than reported as zero.
 */
@FunctionalInterface
public interface MetricSource {
    /** Receives gauges. Names follow Prometheus conventions; labels come in name, value pairs. */
    interface Writer {
        void gauge(String name, String help, double value, String... labels);
    }

    void collect(Writer out);
}
