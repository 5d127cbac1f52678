package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.ClientRuntime;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.CodeDelivery;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.SignUpResult;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Self-service sign-up: SignUp, ConfirmSignUp and ResendConfirmationCode. */
final class SignUpFlow {

    private final PoolContext pool;
    private final UserDirectory users;
    private final AttributeRules attributeRules;
    private final Passwords passwords;
    private final VerificationCodes codes;
    private final StandInUsers standIns;

    SignUpFlow(
            PoolContext pool,
            UserDirectory users,
            AttributeRules attributeRules,
            Passwords passwords,
            VerificationCodes codes,
            StandInUsers standIns) {
        this.pool = pool;
        this.users = users;
        this.attributeRules = attributeRules;
        this.passwords = passwords;
        this.codes = codes;
        this.standIns = standIns;
    }

    /** See {@link UserPool#signUp}. */
    SignUpResult signUp(String username, String password, Map<String, String> attributes) {
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attributeRules.checkWritable(attrs, false);
        String canonical = users.canonicalNewUsername(username, attrs);
        passwords.checkPolicy(password);
        attributeRules.checkRequired(attrs);
        attributeRules.checkFormats(attrs);
        if (users.contains(canonical)) {
            throw new AwsServiceException("UsernameExistsException", "User already exists");
        }
        attributeRules.checkAliasFree(attrs, null, "UsernameExistsException");
        UserRecord user = users.newUser(canonical, attrs);
        user.status = UserStatus.UNCONFIRMED;
        passwords.set(user, password);
        users.add(user);
        Optional<CodeDelivery> delivery = Optional.empty();
        if (codes.autoVerifiedChannel(user).isPresent()) {
            delivery = Optional.of(
                    codes.sendSignUpCode(user, codes.autoVerifiedChannel(user).orElseThrow()));
        }
        pool.persist();
        return new SignUpResult(users.view(user), delivery);
    }

    /** See {@link UserPool#confirmSignUp}. */
    void confirm(ClientRuntime client, String signInName, String code) {
        UserRecord user = standIns.resolve(client, signInName, CognitoErrors::userClientNotFound);
        if (standIns.isStandIn(user)) {
            // A name no user has answers like an unconfirmed user, who holds the code sign-up sent: a wrong code,
            // then the attempt limit.
            if (!VerificationCodes.holdsSignUpCode(user)) {
                codes.pretendSignUpCode(
                        user, VerificationCodes.verifiedChannel(user).orElseThrow());
            }
            codes.consumeSignUpCode(user, code);
            throw CognitoErrors.codeMismatch(); // not reached: no code matches a stand-in's
        }
        if (user.status != UserStatus.UNCONFIRMED) {
            throw CognitoErrors.notAuthorized("User cannot be confirmed. Current status is " + user.status);
        }
        codes.consumeSignUpCode(user, code);
        user.status = UserStatus.CONFIRMED;
        codes.autoVerifiedChannel(user).ifPresent(attr -> user.attributes.put(attr + "_verified", "true"));
        pool.touch(user);
        pool.persist();
    }

    /** See {@link UserPool#resendConfirmationCode}. */
    CodeDelivery resendCode(ClientRuntime client, String signInName) {
        UserRecord user = standIns.resolve(client, signInName, CognitoErrors::userClientNotFound);
        if (standIns.isStandIn(user)) {
            // A name no user has answers like an unconfirmed user: the same limit of requests, nothing sent.
            codes.rateLimit(user);
            CodeDelivery delivery = codes.pretendSignUpCode(
                    user, VerificationCodes.verifiedChannel(user).orElseThrow());
            pool.persist();
            return delivery;
        }
        if (user.status != UserStatus.UNCONFIRMED) {
            throw CognitoErrors.invalidParameter("User is already confirmed.");
        }
        if (codes.autoVerifiedChannel(user).isEmpty()) {
            throw CognitoErrors.invalidParameter("Auto verification not turned on.");
        }
        codes.rateLimit(user);
        CodeDelivery delivery =
                codes.sendSignUpCode(user, codes.autoVerifiedChannel(user).orElseThrow());
        pool.persist();
        return delivery;
    }
}
