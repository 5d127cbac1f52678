package dev.fieldgate.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One auth mode AppSync lets resolve a field, as its directives decide: {@code @aws_iam} becomes
 * {@code ModeGrant(AWS_IAM)}, {@code @aws_cognito_user_pools(cognito_groups: ["Admins"])} becomes
 * {@code ModeGrant(AMAZON_COGNITO_USER_POOLS, ["Admins"])}.
 *
 * @param mode   the mode
 * @param groups for user pools: the caller must be in one of these groups; {@code null} admits every user
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModeGrant(AuthMode mode, List<String> groups) {

    public ModeGrant {
        Objects.requireNonNull(mode, "mode");
        groups = groups == null ? null : List.copyOf(groups);
    }

    public static ModeGrant of(AuthMode mode) {
        return new ModeGrant(mode, null);
    }

    /** True when the caller's mode is this one and, where groups are listed, the caller is in one of them. */
    public boolean admits(Principal principal) {
        if (principal.mode() != mode) {
            return false;
        }
        if (groups == null) {
            return true;
        }
        for (String group : groups) {
            if (principal.inGroup(group)) {
                return true;
            }
        }
        return false;
    }

    /** The directive as it is written in a schema. */
    public String directive() {
        if (groups == null) {
            return "@" + mode.directiveName();
        }
        StringBuilder text = new StringBuilder("@").append(mode.directiveName()).append("(cognito_groups: [");
        for (int i = 0; i < groups.size(); i++) {
            text.append(i == 0 ? "" : ", ").append('"').append(groups.get(i)).append('"');
        }
        return text.append("])").toString();
    }
}
