-- The cleartext of a queued encrypted event, as sync decrypted it (JSON: payload, sender device, trust,
-- sender key); /messages returns the event still encrypted, so the record takes its cleartext from here.
ALTER TABLE evidence_capture_queue ADD COLUMN cleartext TEXT;
