package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cognito's rules for user attributes, in its wording: which attributes a caller may write, their formats, the
 * pool's required attributes, and that an email or phone used to sign in belongs to one user only.
 */
final class AttributeRules {

    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Pattern PHONE = Pattern.compile("\\+[0-9]{4,15}");
    private static final Set<String> STANDARD_ATTRIBUTES = Set.of(
            "address",
            "birthdate",
            "email",
            "email_verified",
            "family_name",
            "gender",
            "given_name",
            "locale",
            "middle_name",
            "name",
            "nickname",
            "phone_number",
            "phone_number_verified",
            "picture",
            "preferred_username",
            "profile",
            "updated_at",
            "website",
            "zoneinfo");

    private final PoolContext pool;
    private final UserDirectory users;

    AttributeRules(PoolContext pool, UserDirectory users) {
        this.pool = pool;
        this.users = users;
    }

    /** Only administrators may write the {@code _verified} flags; nobody writes {@code sub}. */
    void checkWritable(Map<String, String> attrs, boolean admin) {
        for (String name : attrs.keySet()) {
            if (name.equals("sub")) {
                throw CognitoErrors.invalidParameter("Cannot modify the non-mutable attribute sub");
            }
            if (!admin && (name.equals("email_verified") || name.equals("phone_number_verified"))) {
                throw CognitoErrors.notAuthorized("A client attempted to write unauthorized attribute");
            }
            if (!STANDARD_ATTRIBUTES.contains(name)) {
                // Custom attributes must be declared in the pool's schema; fieldgate.json declares none.
                throw CognitoErrors.invalidParameter("Attributes did not conform to the schema: Type for attribute {"
                        + name + "} could not be determined");
            }
            String value = attrs.get(name);
            if (value != null && value.length() > 2048) {
                throw CognitoErrors.invalidParameter("Attributes did not conform to the schema: " + name
                        + ": String must be no longer than 2048 characters");
            }
        }
    }

    void checkFormats(Map<String, String> attrs) {
        String email = attrs.get("email");
        if (email != null && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw CognitoErrors.invalidParameter("Invalid email address format.");
        }
        String phone = attrs.get("phone_number");
        if (phone != null && !phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            throw CognitoErrors.invalidParameter("Invalid phone number format.");
        }
    }

    void checkRequired(Map<String, String> attrs) {
        for (String required : pool.poolConfig.requiredAttributes()) {
            String value = attrs.get(required);
            if (value == null || value.isEmpty()) {
                throw CognitoErrors.invalidParameter(
                        "Attributes did not conform to the schema: " + required + ": The attribute is required");
            }
        }
    }

    /**
     * Refuses a sign-in alias that another user already has.
     *
     * @param self      the user being changed (its own value is no conflict), or null for a new user
     * @param errorType {@code UsernameExistsException} for new users, {@code AliasExistsException} for changes
     */
    void checkAliasFree(Map<String, String> attrs, UserRecord self, String errorType) {
        for (String alias : pool.poolConfig.usernameAttributes()) {
            String value = attrs.get(alias);
            if (value == null) {
                continue;
            }
            for (UserRecord other : users.all()) {
                if (other != self && value.equalsIgnoreCase(other.attributes.get(alias))) {
                    String what = alias.equals("email") ? "email" : "phone_number";
                    throw new AwsServiceException(
                            errorType,
                            errorType.equals("UsernameExistsException")
                                    ? "An account with the given " + what + " already exists."
                                    : "An account with the " + what + " already exists.");
                }
            }
        }
    }
}
