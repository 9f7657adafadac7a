package org.compliancebot.bot.watchdog.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.bot.watchdog.domain.Rendered;

/** Builds {@code m.room.message} contents: new messages, edits ({@code m.replace}) and thread replies. */
final class MessageContent {
    private final ObjectMapper mapper;

    MessageContent(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode message(Rendered r, String msgtype) {
        ObjectNode c = mapper.createObjectNode();
        c.put("msgtype", msgtype);
        c.put("body", r.plain());
        c.put("format", "org.matrix.custom.html");
        c.put("formatted_body", r.html());
        ObjectNode mentions = c.putObject("m.mentions");
        if (!r.mentions().isEmpty()) {
            ArrayNode ids = mentions.putArray("user_ids");
            r.mentions().forEach(ids::add);
        }
        return c;
    }

    /** An edit of {@code original}: the fallback body starts with "* " as the spec suggests. */
    ObjectNode edit(String original, Rendered r, String msgtype) {
        ObjectNode c = mapper.createObjectNode();
        c.put("msgtype", msgtype);
        c.put("body", "* " + r.plain());
        c.put("format", "org.matrix.custom.html");
        c.put("formatted_body", "* " + r.html());
        c.set("m.new_content", message(r, msgtype));
        c.putObject("m.mentions");
        ObjectNode rel = c.putObject("m.relates_to");
        rel.put("rel_type", "m.replace");
        rel.put("event_id", original);
        return c;
    }

    /** A notice in the thread of {@code root}. */
    ObjectNode threadReply(String root, Rendered r) {
        ObjectNode c = message(r, "m.notice");
        ObjectNode rel = c.putObject("m.relates_to");
        rel.put("rel_type", "m.thread");
        rel.put("event_id", root);
        rel.put("is_falling_back", true);
        rel.putObject("m.in_reply_to").put("event_id", root);
        return c;
    }
}
