package org.compliancebot.bot.change.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.function.Function;
import org.compliancebot.bot.change.CapaId;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * The JSON form of the stored change documents (change requests, approval requests, CAPAs). Records
 * are written field by field (never through derived getters such as {@code isEmergency()}) and read
 * back through their canonical constructors, so their validation runs on load. Identifiers are written
 * as their text form, times as ISO-8601.
 */
final class ChangeJson {
    static final ObjectMapper MAPPER = build();

    private ChangeJson() {}

    private static ObjectMapper build() {
        SimpleModule ids = new SimpleModule("change-ids");
        text(ids, UserId.class, UserId::of);
        text(ids, RoomId.class, RoomId::of);
        text(ids, EventId.class, EventId::of);
        text(ids, DeviceId.class, DeviceId::of);
        text(ids, DraftId.class, DraftId::parse);
        text(ids, CrId.class, CrId::parse);
        text(ids, CapaId.class, CapaId::parse);
        text(ids, ApprovalRequestId.class, ApprovalRequestId::new);
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(ids)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
    }

    private static <T> void text(SimpleModule m, Class<T> type, Function<String, T> parse) {
        m.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.toString());
            }
        });
        m.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return parse.apply(p.getValueAsString());
            }
        });
        m.addKeySerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeFieldName(value.toString());
            }
        });
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
