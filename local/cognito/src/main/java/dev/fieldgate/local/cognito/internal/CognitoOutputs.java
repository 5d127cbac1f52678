package dev.fieldgate.local.cognito.internal;

import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.AuthOutputs;
import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.config.OAuthOutputs;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.config.UserPoolConfig;
import dev.fieldgate.config.UserPoolGroup;
import dev.fieldgate.local.cognito.LocalCognito;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cognito part of a local outputs file, as Terraform's example writes it for AWS: {@code auth}, the client ids,
 * the roles that exist, and the endpoints of the services the Cognito part serves. No secrets.
 */
public final class CognitoOutputs {

    private CognitoOutputs() {}

    public static OutputsFile of(LocalCognito cognito) {
        AppConfig config = cognito.config();
        UserPoolConfig pool = config.userPool();
        AppClientConfig first = pool.clients().get(0);
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (UserPoolGroup group : pool.groups()) {
            groups.put(group.name(), group.precedence());
        }
        AuthOutputs.Builder auth = AuthOutputs.builder()
                .awsRegion(config.region())
                .userPoolId(cognito.userPoolId())
                .userPoolClientId(cognito.clientId(first.name()))
                .identityPoolId(cognito.identityPoolId().orElse(null))
                .unauthenticatedIdentitiesEnabled(config.guestsEnabled())
                .usernameAttributes(pool.usernameAttributes())
                .standardRequiredAttributes(pool.requiredAttributes())
                .userVerificationTypes(pool.autoVerifiedAttributes())
                .passwordPolicy(pool.passwordPolicy())
                .mfaConfiguration(pool.mfa().equals("OFF") ? "NONE" : pool.mfa())
                .groups(groups);
        if (first.usesHostedUi()) {
            URI base = cognito.oauthBaseUri();
            auth.oauth(new OAuthOutputs(
                    List.of(),
                    base.getHost() + ":" + base.getPort(),
                    new ArrayList<>(first.allowedOAuthScopes()),
                    first.callbackUrls(),
                    first.logoutUrls(),
                    first.allowedOAuthFlows().contains("code") ? "code" : "token"));
        }
        FieldgateOutputs.Builder fieldgate = FieldgateOutputs.builder()
                .app(config.app())
                .environment(FieldgateOutputs.LOCAL)
                .guestRoleArn(cognito.guestRoleArn().orElse(null))
                .authenticatedRoleArn(cognito.authenticatedRoleArn().orElse(null))
                .endpoint("cognito_idp", cognito.cognitoIdpEndpoint())
                .endpoint("cognito_identity", cognito.cognitoIdentityEndpoint())
                .endpoint("oauth", cognito.oauthBaseUri());
        cognito.clientIds().forEach(fieldgate::userPoolClient);
        return OutputsFile.builder()
                .auth(auth.build())
                .fieldgate(fieldgate.build())
                .build();
    }
}
