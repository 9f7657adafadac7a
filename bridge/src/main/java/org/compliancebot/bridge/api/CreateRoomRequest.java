package org.compliancebot.bridge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /createRoom}. Build it with {@link #builder()}; unset fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateRoomRequest(
        String preset,
        String name,
        String topic,
        @JsonProperty("room_alias_name") String roomAliasName,
        String visibility,
        List<String> invite,
        @JsonProperty("initial_state") List<StateEventContent> initialState,
        @JsonProperty("power_level_content_override") JsonNode powerLevelContentOverride,
        @JsonProperty("creation_content") JsonNode creationContent,
        @JsonProperty("is_direct") Boolean isDirect,
        @JsonProperty("room_version") String roomVersion) {

    /** One entry of {@code initial_state}. */
    public record StateEventContent(String type, @JsonProperty("state_key") String stateKey, JsonNode content) {}

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreateRoomRequest}. */
    public static final class Builder {
        private String preset;
        private String name;
        private String topic;
        private String roomAliasName;
        private String visibility;
        private final List<String> invite = new ArrayList<>();
        private final List<StateEventContent> initialState = new ArrayList<>();
        private JsonNode powerLevels;
        private JsonNode creationContent;
        private Boolean isDirect;
        private String roomVersion;

        public Builder preset(String v) { preset = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder topic(String v) { topic = v; return this; }
        public Builder roomAliasName(String v) { roomAliasName = v; return this; }
        public Builder visibility(String v) { visibility = v; return this; }
        public Builder invite(String userId) { invite.add(userId); return this; }
        public Builder initialState(String type, String stateKey, JsonNode content) {
            initialState.add(new StateEventContent(type, stateKey, content));
            return this;
        }
        public Builder powerLevelContentOverride(JsonNode v) { powerLevels = v; return this; }
        public Builder creationContent(JsonNode v) { creationContent = v; return this; }
        public Builder isDirect(boolean v) { isDirect = v; return this; }
        public Builder roomVersion(String v) { roomVersion = v; return this; }

        public CreateRoomRequest build() {
            return new CreateRoomRequest(preset, name, topic, roomAliasName, visibility,
                    invite.isEmpty() ? null : List.copyOf(invite),
                    initialState.isEmpty() ? null : List.copyOf(initialState),
                    powerLevels, creationContent, isDirect, roomVersion);
        }
    }
}
