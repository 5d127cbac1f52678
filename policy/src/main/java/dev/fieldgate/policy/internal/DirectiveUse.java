package dev.fieldgate.policy.internal;

import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.ModeGrant;
import dev.fieldgate.policy.SchemaPosition;
import java.util.List;

/**
 * One AppSync auth directive on a type or field, as written or as the compiler added it.
 *
 * @param mode     the mode it admits (user pools for {@code @aws_auth})
 * @param awsAuth  true for the Cognito-only {@code @aws_auth}
 * @param groups   its {@code cognito_groups}, or {@code null} when it names none
 * @param position where it is written, or {@code null} when the compiler added it
 */
public record DirectiveUse(AuthMode mode, boolean awsAuth, List<String> groups, SchemaPosition position) {

    public DirectiveUse {
        groups = groups == null ? null : List.copyOf(groups);
    }

    public static DirectiveUse added(AuthMode mode, List<String> groups) {
        return new DirectiveUse(mode, false, groups, null);
    }

    public static DirectiveUse addedAwsAuth(List<String> groups) {
        return new DirectiveUse(AuthMode.AMAZON_COGNITO_USER_POOLS, true, groups, null);
    }

    public boolean isAdded() {
        return position == null;
    }

    public String name() {
        return awsAuth ? "aws_auth" : mode.directiveName();
    }

    public ModeGrant grant() {
        return new ModeGrant(mode, groups);
    }

    /** The directive as written in a schema. */
    public String text() {
        if (groups == null) {
            return "@" + name();
        }
        StringBuilder text = new StringBuilder("@").append(name()).append("(cognito_groups: [");
        for (int i = 0; i < groups.size(); i++) {
            text.append(i == 0 ? "" : ", ").append('"').append(groups.get(i)).append('"');
        }
        return text.append("])").toString();
    }
}
