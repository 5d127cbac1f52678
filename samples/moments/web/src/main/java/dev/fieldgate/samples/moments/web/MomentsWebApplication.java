package dev.fieldgate.samples.moments.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The moments web app: sign in through the user pool's hosted UI, upload photos, see them grouped by day. Everything
 * it needs to know about the deployment comes from the outputs file ({@code fieldgate.outputs-file}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MomentsWebApplication {

    public static void main(String[] args) {
        SpringApplication.run(MomentsWebApplication.class, args);
    }
}
