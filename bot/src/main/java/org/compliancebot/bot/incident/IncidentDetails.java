package org.compliancebot.bot.incident;

import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.id.UserId;

/** An incident with its journal: who was invited, who is in the room, tasks, checklist, timeline and evidence count. */
public record IncidentDetails(Incident incident, List<Invitation> invitations, Map<UserId, Membership> members,
                              List<Task> tasks, Checklist checklist, List<TimelineEntry> timeline,
                              int transcriptRecords) {
    public IncidentDetails {
        invitations = List.copyOf(invitations);
        members = Map.copyOf(members);
        tasks = List.copyOf(tasks);
        timeline = List.copyOf(timeline);
    }
}
