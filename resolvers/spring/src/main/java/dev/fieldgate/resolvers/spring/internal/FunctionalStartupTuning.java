package dev.fieldgate.resolvers.spring.internal;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.cloud.function.context.FunctionalSpringApplication;

/**
 * Keeps a functional Spring Cloud Function start (the one {@code FunctionInvoker} makes for an
 * {@code ApplicationContextInitializer} start class) to what a Lambda function needs:
 * <ul>
 *   <li>no banner and no start-up report in the function's log;</li>
 *   <li>no formatting conversion service on the environment (Spring Boot's default): the resolver binds nothing
 *       from properties, and property lookups still convert with the core conversion service;</li>
 *   <li>no background pre-initialization thread (Spring Boot's and Spring Cloud Function's), unless the system
 *       property {@code spring.backgroundpreinitializer.ignore} says otherwise: it builds a formatting conversion
 *       service and similar things the function never uses, and on Lambda, where a function of 1769 MB gets one
 *       vCPU and smaller ones less, that thread competes with the start instead of overlapping it.</li>
 * </ul>
 * Other Spring applications on the same class path are left alone.
 */
public final class FunctionalStartupTuning implements SpringApplicationRunListener {

    private static final String IGNORE_BACKGROUND_PREINITIALIZER = "spring.backgroundpreinitializer.ignore";

    public FunctionalStartupTuning(SpringApplication application, String[] args) {
        if (application instanceof FunctionalSpringApplication) {
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            application.setAddConversionService(false);
            if (System.getProperty(IGNORE_BACKGROUND_PREINITIALIZER) == null) {
                System.setProperty(IGNORE_BACKGROUND_PREINITIALIZER, "true");
            }
        }
    }
}
