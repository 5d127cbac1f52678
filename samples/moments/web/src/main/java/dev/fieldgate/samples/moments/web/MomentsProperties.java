package dev.fieldgate.samples.moments.web;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code moments.*}: the time zone whose days the page groups photos by (the server's by default).
 *
 * @param timeZone an IANA zone such as {@code Europe/Paris}
 */
@ConfigurationProperties("moments")
public record MomentsProperties(String timeZone) {

    public ZoneId zone() {
        return timeZone == null || timeZone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timeZone);
    }
}
