package org.compliancebot.bot.incident;

import java.util.List;

/** The transcript records of incidents: evidence that the evidence ledger adopts later. */
public interface TranscriptStore {
    /** Stores the records; a record whose event is already stored for the incident is left as it is. Returns how many were new. */
    int addAll(List<TranscriptRecord> records);

    List<TranscriptRecord> records(IncidentId id);

    int count(IncidentId id);
}
