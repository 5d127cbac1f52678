package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.DefaultAction;
import dev.fieldgate.policy.ModeGrant;
import java.util.ArrayList;
import java.util.List;

/**
 * AppSync's own rule for which auth modes may resolve a field, as observed on real APIs:
 * <ul>
 *   <li>a field's auth directives replace its type's, which replace the API's default mode — never merged;</li>
 *   <li>several directives on one element are OR-ed; {@code cognito_groups} admits a user in any listed group;</li>
 *   <li>it applies to every field at every depth;</li>
 *   <li>in a user-pools-only API, only a top-level field's {@code @aws_auth} has effect, and the user-pool default
 *       action decides top-level fields without one; {@code @aws_auth} elsewhere is ignored.</li>
 * </ul>
 */
public final class AppSyncRules {

    private AppSyncRules() {}

    /** The modes that may resolve the field, from the type's and field's directives as they stand now. */
    static List<ModeGrant> effective(ApiAuthorization api, TypeModel type, FieldModel field) {
        return effective(api, type.root, type.finalDirectives, field.finalDirectives);
    }

    /** The same, from plain directive lists: what both the compiler and a re-read deployed schema use. */
    public static List<ModeGrant> effective(
            ApiAuthorization api,
            boolean rootType,
            List<DirectiveUse> typeDirectives,
            List<DirectiveUse> fieldDirectives) {
        if (api.isCognitoOnly()) {
            return cognitoOnly(api, rootType, typeDirectives, fieldDirectives);
        }
        if (!fieldDirectives.isEmpty()) {
            return grants(fieldDirectives);
        }
        if (!typeDirectives.isEmpty()) {
            return grants(typeDirectives);
        }
        return List.of(ModeGrant.of(api.defaultAuthMode()));
    }

    private static List<ModeGrant> cognitoOnly(
            ApiAuthorization api,
            boolean rootType,
            List<DirectiveUse> typeDirectives,
            List<DirectiveUse> fieldDirectives) {
        List<DirectiveUse> fieldCognito = withoutAwsAuth(fieldDirectives);
        List<DirectiveUse> typeCognito = withoutAwsAuth(typeDirectives);
        if (rootType) {
            for (DirectiveUse use : fieldDirectives) {
                if (use.awsAuth()) {
                    return List.of(use.grant());
                }
            }
            // UNCONFIRMED: AWS documents @aws_cognito_user_pools as usable in place of @aws_auth; one report
            // (aws-appsync-community#349) saw it refused in a user-pools-only API. Modelled as documented.
            if (!fieldCognito.isEmpty()) {
                return grants(fieldCognito);
            }
            if (!typeCognito.isEmpty()) {
                return grants(typeCognito);
            }
            return api.userPoolDefaultAction() == DefaultAction.ALLOW
                    ? List.of(ModeGrant.of(AuthMode.AMAZON_COGNITO_USER_POOLS))
                    : List.of();
        }
        if (!fieldCognito.isEmpty()) {
            return grants(fieldCognito);
        }
        if (!typeCognito.isEmpty()) {
            return grants(typeCognito);
        }
        return List.of(ModeGrant.of(AuthMode.AMAZON_COGNITO_USER_POOLS));
    }

    /** The directives that count for completion where {@code @aws_auth} has no effect. */
    static List<DirectiveUse> withoutAwsAuth(List<DirectiveUse> directives) {
        List<DirectiveUse> result = new ArrayList<>(directives.size());
        for (DirectiveUse use : directives) {
            if (!use.awsAuth()) {
                result.add(use);
            }
        }
        return result;
    }

    private static List<ModeGrant> grants(List<DirectiveUse> directives) {
        List<ModeGrant> result = new ArrayList<>(directives.size());
        for (DirectiveUse use : directives) {
            result.add(use.grant());
        }
        return List.copyOf(result);
    }
}
