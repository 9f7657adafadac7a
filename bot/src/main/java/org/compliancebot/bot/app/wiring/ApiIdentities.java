package org.compliancebot.bot.app.wiring;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.config.HttpConfig;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bridge.id.UserId;

/**
 * Who an API caller acts for in Matrix terms. The HTTP layer names the caller {@code api:<token name>};
 * a token configured with {@code user_id} acts for that (local) user, whose roles then decide what the
 * caller may do, exactly as for the same user in chat. A token without {@code user_id} acts for nobody:
 * it can read, and open incidents, but not take decisions that the workflow records against a person.
 */
public final class ApiIdentities {
    static final String PREFIX = "api:";

    private final Map<String, UserId> byActor = new HashMap<>();

    public ApiIdentities(HttpConfig config) {
        if (config != null) {
            for (HttpConfig.ApiToken t : config.tokens()) {
                if (t.userId() != null) {
                    byActor.put(PREFIX + t.name(), UserId.of(t.userId()));
                }
            }
        }
    }

    /** The user the caller acts for, if its token has one. */
    public Optional<UserId> userOf(String actor) {
        return Optional.ofNullable(byActor.get(actor));
    }

    /**
     * The user the caller acts for; refuses with 403 when its token has none.
     *
     * @param action what the caller tried, for the message (e.g. "submit a change request")
     */
    public UserId require(String actor, String action) {
        return userOf(actor).orElseThrow(() -> new ApiException(403, "forbidden", "the API token '" + tokenName(actor)
                + "' acts for no Matrix user, so it cannot " + action + "; set user_id on the token in http.tokens "
                + "to the user whose roles it should use"));
    }

    /** What to record as the author of something the caller did: its user, else its token label. */
    public String recordedAs(String actor) {
        return userOf(actor).map(UserId::value).orElse(actor);
    }

    private static String tokenName(String actor) {
        return actor.startsWith(PREFIX) ? actor.substring(PREFIX.length()) : actor;
    }

    @Override
    public String toString() {
        return "ApiIdentities[" + byActor.size() + " tokens with a user]";
    }
}
