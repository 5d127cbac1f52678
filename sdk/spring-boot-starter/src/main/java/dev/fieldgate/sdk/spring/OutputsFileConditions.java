package dev.fieldgate.sdk.spring;

import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateException;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Conditions on what the outputs file declares, so beans exist only for the parts the app has. */
final class OutputsFileConditions {

    private OutputsFileConditions() {}

    private static FieldgateConfig read(ConditionContext context) {
        String file = context.getEnvironment().getProperty("fieldgate.outputs-file");
        return file == null ? null : FieldgateConfig.fromOutputsFile(Path.of(file));
    }

    /** The outputs file has a user pool and an app client. */
    static final class HasUserPool extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            try {
                FieldgateConfig config = read(context);
                boolean has = config != null
                        && config.userPoolId().isPresent()
                        && config.userPoolClientId().isPresent();
                return has
                        ? ConditionOutcome.match("the outputs file has a user pool")
                        : ConditionOutcome.noMatch("the outputs file has no user pool");
            } catch (FieldgateException e) {
                // The FieldgateConfig bean reports the problem with the file.
                return ConditionOutcome.noMatch(e.getMessage());
            }
        }
    }

    /** The outputs file has an identity pool that allows guests. */
    static final class AllowsGuests extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            try {
                FieldgateConfig config = read(context);
                boolean allows = config != null
                        && config.identityPoolId().isPresent()
                        && config.unauthenticatedIdentitiesEnabled();
                return allows
                        ? ConditionOutcome.match("the identity pool allows guests")
                        : ConditionOutcome.noMatch("no identity pool that allows guests");
            } catch (FieldgateException e) {
                return ConditionOutcome.noMatch(e.getMessage());
            }
        }
    }

    /** The outputs file has the API ({@code data.url}). */
    static final class HasApi extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            try {
                FieldgateConfig config = read(context);
                return config != null && config.graphqlEndpoint().isPresent()
                        ? ConditionOutcome.match("the outputs file has the API")
                        : ConditionOutcome.noMatch("the outputs file has no data.url");
            } catch (FieldgateException e) {
                // Let the FieldgateConfig bean report the problem with the file.
                return ConditionOutcome.match(e.getMessage());
            }
        }
    }
}
