package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.CodeDelivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changing a user's attributes and verifying an email or phone number: a changed email or phone is unverified
 * again and, for users changing their own, gets a code when the pool auto-verifies it.
 */
final class AttributeUpdates {

    private final PoolContext pool;
    private final UserDirectory users;
    private final AttributeRules attributeRules;
    private final VerificationCodes codes;

    AttributeUpdates(PoolContext pool, UserDirectory users, AttributeRules attributeRules, VerificationCodes codes) {
        this.pool = pool;
        this.users = users;
        this.attributeRules = attributeRules;
        this.codes = codes;
    }

    /** See {@link UserPool#updateAttributes}. */
    List<CodeDelivery> update(String username, Map<String, String> attributes, boolean admin) {
        UserRecord user = users.require(username);
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attributeRules.checkWritable(attrs, admin);
        attributeRules.checkFormats(attrs);
        attributeRules.checkAliasFree(attrs, user, "AliasExistsException");
        List<CodeDelivery> deliveries = new ArrayList<>();
        for (Map.Entry<String, String> entry : attrs.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            String old = user.attributes.get(name);
            if (value == null || value.isEmpty()) {
                user.attributes.remove(name);
                continue;
            }
            user.attributes.put(name, value);
            boolean changedChannel = (name.equals("email") || name.equals("phone_number"))
                    && !value.equalsIgnoreCase(old == null ? "" : old);
            if (changedChannel && !(admin && "true".equals(attrs.get(name + "_verified")))) {
                user.attributes.put(name + "_verified", "false");
                if (!admin && pool.poolConfig.autoVerifiedAttributes().contains(name)) {
                    deliveries.add(codes.sendAttributeCode(user, name));
                }
            }
        }
        pool.touch(user);
        pool.persist();
        return deliveries;
    }

    /** See {@link UserPool#sendAttributeVerificationCode}. */
    CodeDelivery sendVerificationCode(String username, String attributeName) {
        UserRecord user = users.require(username);
        if (!("email".equals(attributeName) || "phone_number".equals(attributeName))
                || user.attributes.get(attributeName) == null) {
            throw CognitoErrors.invalidParameter("Invalid attribute name: " + attributeName
                    + " (codes verify email or phone_number, and the user needs that attribute)");
        }
        codes.rateLimit(user);
        CodeDelivery delivery = codes.sendAttributeCode(user, attributeName);
        pool.persist();
        return delivery;
    }

    /** See {@link UserPool#verifyAttribute}. */
    void verify(String username, String attributeName, String code) {
        UserRecord user = users.require(username);
        codes.consumeAttributeCode(user, attributeName, code);
        user.attributes.put(attributeName + "_verified", "true");
        pool.touch(user);
        pool.persist();
    }
}
