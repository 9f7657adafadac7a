package org.compliancebot.bot.change.matrix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bridge.id.EventId;

/** The {@code m.room.message} contents the change module sends. */
final class MatrixContent {
    private MatrixContent() {}

    /** A message with the plain body and the HTML body beside it. */
    static ObjectNode message(String msgtype, RenderedMessage m) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("msgtype", msgtype);
        c.put("body", m.plain());
        c.put("format", "org.matrix.custom.html");
        c.put("formatted_body", m.html());
        return c;
    }

    /** A notice in the thread of {@code root}, replying to {@code inReplyTo} (the root itself when null). */
    static ObjectNode threadReply(EventId root, EventId inReplyTo, RenderedMessage m) {
        ObjectNode c = message("m.notice", m);
        ObjectNode rel = c.putObject("m.relates_to");
        rel.put("rel_type", "m.thread");
        rel.put("event_id", root.value());
        // A client without threads shows it as a reply to the message it answers.
        rel.put("is_falling_back", inReplyTo == null);
        rel.putObject("m.in_reply_to").put("event_id", (inReplyTo == null ? root : inReplyTo).value());
        return c;
    }
}
