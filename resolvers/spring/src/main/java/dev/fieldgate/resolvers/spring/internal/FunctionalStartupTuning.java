package dev.fieldgate.resolvers.spring.internal;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.cloud.function.context.FunctionalSpringApplication;

/**
 * Keeps a functional Spring Cloud Function start (the one {@code FunctionInvoker} makes for an
 * {@code ApplicationContextInitializer} start class) to what a Lambda function needs: no banner and no start-up
 * report in the function's log — two fewer things to do on every cold start. Other Spring applications on the
 * same class path are left alone.
 */
public final class FunctionalStartupTuning implements SpringApplicationRunListener {

    public FunctionalStartupTuning(SpringApplication application, String[] args) {
        if (application instanceof FunctionalSpringApplication) {
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
        }
    }
}
